//===--- DetachedThreads.cpp - leak-tidy ----------------------------------===//

#include "DetachedThreads.h"
#include "Naming.h"
#include "ObjectHome.h"
#include "ObjectUse.h"
#include "ThreadOrigin.h"
#include "UserCode.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::leak::utils {

using namespace ast_matchers;

StringRef workerWord(ThreadKind Kind) {
  return Kind == ThreadKind::Fiber ? "fiber" : "thread";
}

namespace {

std::string subjectFor(const ValueDecl *Named, const CallableBody &Body,
                       bool Temporary, StringRef Word = "thread") {
  if (Named)
    return (Word + " " + quoted(Named->getName())).str();
  std::string Subject = ((Temporary ? "temporary " : "") + Word).str();
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Body.Function);
  if (Body.Lambda || (Method && Method->getParent()->isLambda()))
    return Subject + " running a lambda";
  if (Body.Function)
    return Subject + " running " +
           quoted(Body.Function->getQualifiedNameAsString());
  return Subject;
}

ThreadKind kindOf(const CXXRecordDecl *Class) {
  const std::string Name = Class->getQualifiedNameAsString();
  if (Name == "std::thread")
    return ThreadKind::StdThread;
  if (Name == "std::jthread")
    return ThreadKind::JThread;
  if (Name == "boost::thread")
    return ThreadKind::Boost;
  if (Name == "boost::fibers::fiber")
    return ThreadKind::Fiber;
  return ThreadKind::Custom;
}

/// A jthread's stop source, kept by whoever calls request_stop() or
/// get_stop_source() on it; detach() and the queries keep nothing.
class JThreadApi : public ObjectApi {
public:
  UseEffect memberCall(const CXXMemberCallExpr *Call,
                       ASTContext &Context) const override {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    return Method && Method->getIdentifier() &&
                   (Method->getName() == "request_stop" ||
                    Method->getName() == "get_stop_source")
               ? UseEffect::Finite
               : UseEffect::Neutral;
  }
};

/// Whether the stop source of the jthread \p Named, detached in \p Owner,
/// is lost: nothing in the code that reaches it keeps or uses it.
bool stopSourceLost(const ValueDecl *Named, const FunctionDecl *Owner,
                    TranslationUnitIndex &Index) {
  const ObjectHome Home = homeOf(Named, Owner, Index);
  if (Home.Kind != HomeKind::Local && !Home.isMember())
    return false;
  const ObjectUses Uses = usesAcross(Home, JThreadApi(), Index);
  return !Uses.Escapes && Uses.Events.empty();
}

} // namespace

std::optional<DetachedThread> fromDetachCall(const CXXMemberCallExpr *Detach,
                                             const Expr *Object,
                                             const FunctionDecl *Owner,
                                             TranslationUnitIndex &Index) {
  ASTContext &Context = Index.context();
  DetachedThread Thread;
  Thread.Kind = kindOf(Detach->getMethodDecl()->getParent());
  Thread.Loc = Detach->getExprLoc();
  Thread.Site = DynTypedNode::create(*Detach);
  Thread.Detach = Detach;
  Thread.Owner = Owner;
  Thread.Named = referencedObject(Object);
  Thread.Construction = findThreadConstruction(Object, Owner, Detach, Index);
  if (Thread.Construction)
    Thread.Body = resolveCallable(Thread.Construction->getArg(0), Context);
  // What nothing names is a temporary: built right there, or handed out.
  Thread.Subject = subjectFor(Thread.Named, Thread.Body, !Thread.Named,
                              workerWord(Thread.Kind));
  // Detaching a jthread whose stop source nobody keeps leaves its token
  // nothing that can ever trigger it.
  if (Thread.Kind == ThreadKind::JThread && Thread.Named &&
      stopSourceLost(Thread.Named, Owner, Index))
    Thread.DeadStopToken = stopTokenParameter(Thread.Body.Function);
  return Thread;
}

std::optional<DetachedThread> fromPthreadDetach(const CallExpr *Call,
                                                const FunctionDecl *Owner,
                                                ASTContext &Context) {
  DetachedThread Thread;
  Thread.Kind = ThreadKind::Pthread;
  Thread.Loc = Call->getBeginLoc();
  Thread.Site = DynTypedNode::create(*Call);
  Thread.Owner = Owner;
  const Expr *Id = Call->getArg(0)->IgnoreParenImpCasts();
  const auto *Self = dyn_cast<CallExpr>(Id);
  if (Self && Self->getDirectCallee() &&
      Self->getDirectCallee()->getName() == "pthread_self") {
    // The thread detaches itself: it runs the function we are in, unless
    // that is a lambda, which any thread may run.
    const auto *Method = dyn_cast<CXXMethodDecl>(Owner);
    if (!Method || !Method->getParent()->isLambda())
      Thread.Body.Function = Owner;
  } else {
    Thread.Named = referencedObject(Id);
    if (const CallExpr *Create =
            findPthreadCreate(Thread.Named, Owner, Call, Context))
      Thread.Body = resolveCallable(Create->getArg(2), Context);
  }
  Thread.Subject = subjectFor(Thread.Named, Thread.Body, false);
  return Thread;
}

std::optional<DetachedThread> fromDetachedAttribute(const CallExpr *Create,
                                                    const VarDecl *Attr,
                                                    const FunctionDecl *Owner,
                                                    ASTContext &Context) {
  if (!setsDetachedState(Attr, Owner, Context))
    return std::nullopt;
  DetachedThread Thread;
  Thread.Kind = ThreadKind::Pthread;
  Thread.Loc = Create->getBeginLoc();
  Thread.Site = DynTypedNode::create(*Create);
  Thread.Owner = Owner;
  if (const auto *Id =
          dyn_cast<UnaryOperator>(Create->getArg(0)->IgnoreParenImpCasts()))
    Thread.Named = referencedObject(Id->getSubExpr());
  Thread.Body = resolveCallable(Create->getArg(2), Context);
  Thread.Subject = subjectFor(Thread.Named, Thread.Body, false);
  return Thread;
}

std::optional<DetachedThread> fromBoostVariable(const VarDecl *Var,
                                                const FunctionDecl *Owner,
                                                ParentIndex &Parents,
                                                ASTContext &Context) {
  const CXXConstructExpr *Construction = threadConstruction(Var->getInit());
  if (!Construction ||
      usedBeyondMemberCalls(Var, Owner, {"get_id", "joinable", "native_handle"},
                            Parents, Context))
    return std::nullopt;
  DetachedThread Thread;
  Thread.Kind = ThreadKind::Boost;
  Thread.Loc = Var->getLocation();
  Thread.Site = DynTypedNode::create(*Var);
  Thread.Owner = Owner;
  Thread.Named = Var;
  Thread.Construction = Construction;
  Thread.Body = resolveCallable(Construction->getArg(0), Context);
  Thread.Subject = subjectFor(Var, Thread.Body, false);
  Thread.DestroyedAt = endOfScope(Var, Parents, Context);
  return Thread;
}

std::optional<DetachedThread>
fromBoostTemporary(const CXXConstructExpr *Temporary, const FunctionDecl *Owner,
                   ParentIndex &Parents, ASTContext &Context) {
  // Also leaves out a construction that initialises a variable.
  if (!isDiscardedTemporary(Temporary, Parents, Context))
    return std::nullopt;
  DetachedThread Thread;
  Thread.Kind = ThreadKind::Boost;
  Thread.Loc = Temporary->getBeginLoc();
  Thread.Site = DynTypedNode::create(*Temporary);
  Thread.Owner = Owner;
  Thread.Construction = Temporary;
  Thread.Body = resolveCallable(Temporary->getArg(0), Context);
  Thread.Subject = subjectFor(nullptr, Thread.Body, true);
  Thread.DestroyedAt = Temporary->getEndLoc();
  return Thread;
}

llvm::DenseSet<const Decl *> threadsCancelledIn(ASTContext &Context) {
  llvm::DenseSet<const Decl *> Cancelled;
  // Where each thread's native handle is kept (`pthread_t h =
  // t.native_handle();`, `handle_ = t.native_handle();`), and what
  // pthread_cancel() is called on.
  auto Handle =
      cxxMemberCallExpr(callee(cxxMethodDecl(hasName("native_handle"))))
          .bind("handle");
  auto Kept = stmt(anyOf(
      declStmt(has(
          varDecl(hasInitializer(ignoringImplicit(Handle))).bind("keeper"))),
      binaryOperator(isAssignmentOperator(), hasRHS(ignoringImplicit(Handle)))
          .bind("assign")));
  auto Cancel = callExpr(callee(functionDecl(hasName("::pthread_cancel"))),
                         argumentCountIs(1))
                    .bind("cancel");
  llvm::DenseMap<const Decl *, const Decl *> HandleOf;
  llvm::SmallVector<const Expr *, 4> Ids;
  for (Decl *TopLevel : userTopLevelDecls(Context))
    for (const BoundNodes &Nodes :
         match(decl(forEachDescendant(stmt(anyOf(Kept, Cancel)))), *TopLevel,
               Context)) {
      if (const auto *Call = Nodes.getNodeAs<CallExpr>("cancel")) {
        Ids.push_back(Call->getArg(0)->IgnoreParenImpCasts());
        continue;
      }
      const ValueDecl *Thread =
          referencedObject(Nodes.getNodeAs<CXXMemberCallExpr>("handle")
                               ->getImplicitObjectArgument());
      const ValueDecl *Keeper = Nodes.getNodeAs<VarDecl>("keeper");
      if (const auto *Assign = Nodes.getNodeAs<BinaryOperator>("assign"))
        Keeper = referencedObject(Assign->getLHS());
      if (Thread && Keeper)
        HandleOf[Keeper->getCanonicalDecl()] = Thread->getCanonicalDecl();
    }
  for (const Expr *Id : Ids) {
    if (const auto *Handle = dyn_cast<CXXMemberCallExpr>(Id))
      Id = Handle->getImplicitObjectArgument();
    const ValueDecl *Named = referencedObject(Id);
    if (!Named)
      continue;
    Cancelled.insert(Named->getCanonicalDecl());
    if (const Decl *Thread = HandleOf.lookup(Named->getCanonicalDecl()))
      Cancelled.insert(Thread);
  }
  return Cancelled;
}

} // namespace clang::tidy::leak::utils
