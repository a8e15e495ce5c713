//===--- DetachedThreadCheck.cpp - leak-tidy ------------------------------===//

#include "DetachedThreadCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/CallableBody.h"
#include "utils/EndlessLoop.h"
#include "utils/Naming.h"
#include "utils/ObjectHome.h"
#include "utils/ObjectUse.h"
#include "utils/StopTokenFix.h"
#include "utils/ThreadOrigin.h"
#include "utils/UserCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Preprocessor.h"
#include <cstdint>

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

using utils::quoted;

namespace {
enum class ThreadKind : std::uint8_t {
  StdThread,
  JThread,
  Boost,
  Pthread,
  Custom
};
} // namespace

/// One detached thread, as found at its detach site.
struct DetachedThread {
  ThreadKind Kind = ThreadKind::Custom;
  SourceLocation Loc;
  std::string Subject; // "thread 'worker'", "thread running 'pump'", ...
  utils::CallableBody Body;
  const ValueDecl *Named = nullptr; // the variable or member, if any
  const CXXConstructExpr *Construction = nullptr;
  const CXXMemberCallExpr *Detach = nullptr;
  const FunctionDecl *Owner = nullptr; // the function that detaches it
  const VarDecl *DeadStopToken = nullptr;
  SourceLocation DestroyedAt; // boost::thread detached by its destructor
  DynTypedNode Site;          // where it is detached (or made, for Boost's)
};

namespace {

// Boost.Thread's BOOST_THREAD_VERSION >= 3 terminates instead of detaching.
constexpr llvm::StringLiteral BoostTerminatesMacro =
    "BOOST_THREAD_PROVIDES_THREAD_DESTRUCTOR_CALLS_TERMINATE_IF_JOINABLE";

std::string subjectFor(const ValueDecl *Named, const utils::CallableBody &Body,
                       bool Temporary) {
  if (Named)
    return "thread " + quoted(Named->getName());
  std::string Subject = Temporary ? "temporary thread" : "thread";
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
  return ThreadKind::Custom;
}

} // namespace

DetachedThreadCheck::DetachedThreadCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), ShownFiles(Context->getOptions()),
      StrictMode(Options.get("StrictMode", false)),
      ThreadTypes(tidy::utils::options::parseStringList(
          Options.get("ThreadTypes", ""))),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        tidy::utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

void DetachedThreadCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "StrictMode", StrictMode);
  Options.store(Opts, "ThreadTypes",
                tidy::utils::options::serializeStringList(ThreadTypes));
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void DetachedThreadCheck::registerPPCallbacks(const SourceManager &SM,
                                              Preprocessor *PP,
                                              Preprocessor *ModuleExpanderPP) {
  Inserter.registerPreprocessor(PP);
  this->PP = PP;
}

void DetachedThreadCheck::registerMatchers(MatchFinder *Finder) {
  std::vector<StringRef> Classes = {"::std::thread", "::std::jthread",
                                    "::boost::thread"};
  Classes.insert(Classes.end(), ThreadTypes.begin(), ThreadTypes.end());
  auto InUserCode = unless(isExpansionInSystemHeader());
  // A joinable boost::thread detaches itself when destroyed.
  auto BoostThread = hasDeclaration(cxxConstructorDecl(
      ofClass(hasName("::boost::thread")), unless(isCopyConstructor()),
      unless(isMoveConstructor()), unless(isDefaultConstructor())));
  Candidates = {
      cxxMemberCallExpr(callee(cxxMethodDecl(hasName("detach"),
                                             ofClass(hasAnyName(Classes)))),
                        on(expr().bind("object")), InUserCode)
          .bind("detach"),
      callExpr(callee(functionDecl(hasName("::pthread_detach"))),
               argumentCountIs(1), InUserCode)
          .bind("pthreadDetach"),
      callExpr(callee(functionDecl(hasName("::pthread_create"))),
               argumentCountIs(4),
               hasArgument(1, ignoringParenImpCasts(unaryOperator(
                                  hasOperatorName("&"),
                                  hasUnaryOperand(declRefExpr(
                                      to(varDecl().bind("attr"))))))),
               InUserCode)
          .bind("pthreadCreate"),
      declStmt(
          forEach(varDecl(hasLocalStorage(),
                          hasType(cxxRecordDecl(hasName("::boost::thread"))),
                          hasInitializer(expr()), InUserCode)
                      .bind("boostVar"))),
      cxxConstructExpr(BoostThread, InUserCode).bind("boostTemporary")};
  Finder->addMatcher(translationUnitDecl(), this);
}

void DetachedThreadCheck::check(const MatchFinder::MatchResult &Result) {
  Index = &utils::TranslationUnitIndex::of(*Result.Context);
  utils::forEachMatchInUserCode(
      Candidates, ShownFiles, *Result.Context,
      [&](const BoundNodes &Nodes) { checkCandidate(Nodes, *Result.Context); });
}

namespace {

/// A jthread's stop source, kept by whoever calls request_stop() or
/// get_stop_source() on it; detach() and the queries keep nothing.
class JThreadApi : public utils::ObjectApi {
public:
  utils::UseEffect memberCall(const CXXMemberCallExpr *Call,
                              ASTContext &Context) const override {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    return Method && Method->getIdentifier() &&
                   (Method->getName() == "request_stop" ||
                    Method->getName() == "get_stop_source")
               ? utils::UseEffect::Finite
               : utils::UseEffect::Neutral;
  }
};

/// Whether the stop source of the jthread \p Named, detached in \p Owner,
/// is lost: nothing in the code that reaches it keeps or uses it.
bool stopSourceLost(const ValueDecl *Named, const FunctionDecl *Owner,
                    utils::TranslationUnitIndex &Index) {
  const utils::ObjectHome Home = utils::homeOf(Named, Owner, Index);
  if (Home.Kind != utils::HomeKind::Local && !Home.isMember())
    return false;
  const utils::ObjectUses Uses = utils::usesAcross(Home, JThreadApi(), Index);
  return !Uses.Escapes && Uses.Events.empty();
}

std::optional<DetachedThread>
fromDetachCall(const CXXMemberCallExpr *Detach, const Expr *Object,
               const FunctionDecl *Owner, utils::TranslationUnitIndex &Index) {
  ASTContext &Context = Index.context();
  DetachedThread Thread;
  Thread.Kind = kindOf(Detach->getMethodDecl()->getParent());
  Thread.Loc = Detach->getExprLoc();
  Thread.Site = DynTypedNode::create(*Detach);
  Thread.Detach = Detach;
  Thread.Owner = Owner;
  Thread.Named = utils::referencedObject(Object);
  Thread.Construction =
      utils::findThreadConstruction(Object, Owner, Detach, Index);
  if (Thread.Construction)
    Thread.Body =
        utils::resolveCallable(Thread.Construction->getArg(0), Context);
  Thread.Subject = subjectFor(Thread.Named, Thread.Body,
                              utils::threadConstruction(Object) != nullptr);
  // Detaching a jthread whose stop source nobody keeps leaves its token
  // nothing that can ever trigger it.
  if (Thread.Kind == ThreadKind::JThread && Thread.Named &&
      stopSourceLost(Thread.Named, Owner, Index))
    Thread.DeadStopToken = utils::stopTokenParameter(Thread.Body.Function);
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
    Thread.Named = utils::referencedObject(Id);
    if (const CallExpr *Create =
            utils::findPthreadCreate(Thread.Named, Owner, Call, Context))
      Thread.Body = utils::resolveCallable(Create->getArg(2), Context);
  }
  Thread.Subject = subjectFor(Thread.Named, Thread.Body, false);
  return Thread;
}

std::optional<DetachedThread> fromDetachedAttribute(const CallExpr *Create,
                                                    const VarDecl *Attr,
                                                    const FunctionDecl *Owner,
                                                    ASTContext &Context) {
  if (!utils::setsDetachedState(Attr, Owner, Context))
    return std::nullopt;
  DetachedThread Thread;
  Thread.Kind = ThreadKind::Pthread;
  Thread.Loc = Create->getBeginLoc();
  Thread.Site = DynTypedNode::create(*Create);
  Thread.Owner = Owner;
  if (const auto *Id =
          dyn_cast<UnaryOperator>(Create->getArg(0)->IgnoreParenImpCasts()))
    Thread.Named = utils::referencedObject(Id->getSubExpr());
  Thread.Body = utils::resolveCallable(Create->getArg(2), Context);
  Thread.Subject = subjectFor(Thread.Named, Thread.Body, false);
  return Thread;
}

std::optional<DetachedThread> fromBoostVariable(const VarDecl *Var,
                                                const FunctionDecl *Owner,
                                                utils::ParentIndex &Parents,
                                                ASTContext &Context) {
  const CXXConstructExpr *Construction =
      utils::threadConstruction(Var->getInit());
  if (!Construction || utils::usedBeyondMemberCalls(
                           Var, Owner, {"get_id", "joinable", "native_handle"},
                           Parents, Context))
    return std::nullopt;
  DetachedThread Thread;
  Thread.Kind = ThreadKind::Boost;
  Thread.Loc = Var->getLocation();
  Thread.Site = DynTypedNode::create(*Var);
  Thread.Owner = Owner;
  Thread.Named = Var;
  Thread.Construction = Construction;
  Thread.Body = utils::resolveCallable(Construction->getArg(0), Context);
  Thread.Subject = subjectFor(Var, Thread.Body, false);
  Thread.DestroyedAt = utils::endOfScope(Var, Parents, Context);
  return Thread;
}

std::optional<DetachedThread>
fromBoostTemporary(const CXXConstructExpr *Temporary, const FunctionDecl *Owner,
                   utils::ParentIndex &Parents, ASTContext &Context) {
  // Also leaves out a construction that initialises a variable.
  if (!utils::isDiscardedTemporary(Temporary, Parents, Context))
    return std::nullopt;
  DetachedThread Thread;
  Thread.Kind = ThreadKind::Boost;
  Thread.Loc = Temporary->getBeginLoc();
  Thread.Site = DynTypedNode::create(*Temporary);
  Thread.Owner = Owner;
  Thread.Construction = Temporary;
  Thread.Body = utils::resolveCallable(Temporary->getArg(0), Context);
  Thread.Subject = subjectFor(nullptr, Thread.Body, true);
  Thread.DestroyedAt = Temporary->getEndLoc();
  return Thread;
}

} // namespace

void DetachedThreadCheck::checkCandidate(const BoundNodes &Nodes,
                                         ASTContext &Context) {
  const auto *BoostVar = Nodes.getNodeAs<VarDecl>("boostVar");
  const FunctionDecl *Owner = nullptr;
  if (BoostVar)
    Owner =
        dyn_cast_or_null<FunctionDecl>(BoostVar->getParentFunctionOrMethod());
  for (const StringRef Site :
       {"detach", "pthreadDetach", "pthreadCreate", "boostTemporary"})
    if (const auto *Matched = Nodes.getNodeAs<Stmt>(Site))
      Owner = Index->parents().enclosingFunction(*Matched, Context);
  // A template is judged by its instantiations, where every callable is
  // known; clang-tidy reports their identical diagnostics once.
  if (!Owner || Owner->isDependentContext())
    return;
  const bool BoostDestructorDetaches =
      !PP->isMacroDefined(BoostTerminatesMacro);

  std::optional<DetachedThread> Thread;
  if (const auto *Detach = Nodes.getNodeAs<CXXMemberCallExpr>("detach"))
    Thread =
        fromDetachCall(Detach, Nodes.getNodeAs<Expr>("object"), Owner, *Index);
  else if (const auto *Call = Nodes.getNodeAs<CallExpr>("pthreadDetach"))
    Thread = fromPthreadDetach(Call, Owner, Context);
  else if (const auto *Create = Nodes.getNodeAs<CallExpr>("pthreadCreate"))
    Thread = fromDetachedAttribute(Create, Nodes.getNodeAs<VarDecl>("attr"),
                                   Owner, Context);
  else if (BoostVar && BoostDestructorDetaches)
    Thread = fromBoostVariable(BoostVar, Owner, Index->parents(), Context);
  else if (const auto *Temporary =
               Nodes.getNodeAs<CXXConstructExpr>("boostTemporary");
           Temporary && BoostDestructorDetaches)
    Thread = fromBoostTemporary(Temporary, Owner, Index->parents(), Context);
  if (!Thread)
    return;
  // Point at the line a reader edits, not inside a macro's definition.
  Thread->Loc = Context.getSourceManager().getExpansionLoc(Thread->Loc);
  report(*Thread, Context);
}

const llvm::DenseSet<const Decl *> &
DetachedThreadCheck::cancelledThreads(ASTContext &Context) {
  if (Cancelled)
    return *Cancelled;
  Cancelled.emplace();
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
  for (Decl *TopLevel : utils::userTopLevelDecls(Context))
    for (const BoundNodes &Nodes :
         match(decl(forEachDescendant(stmt(anyOf(Kept, Cancel)))), *TopLevel,
               Context)) {
      if (const auto *Call = Nodes.getNodeAs<CallExpr>("cancel")) {
        Ids.push_back(Call->getArg(0)->IgnoreParenImpCasts());
        continue;
      }
      const ValueDecl *Thread =
          utils::referencedObject(Nodes.getNodeAs<CXXMemberCallExpr>("handle")
                                      ->getImplicitObjectArgument());
      const ValueDecl *Keeper = Nodes.getNodeAs<VarDecl>("keeper");
      if (const auto *Assign = Nodes.getNodeAs<BinaryOperator>("assign"))
        Keeper = utils::referencedObject(Assign->getLHS());
      if (Thread && Keeper)
        HandleOf[Keeper->getCanonicalDecl()] = Thread->getCanonicalDecl();
    }
  for (const Expr *Id : Ids) {
    if (const auto *Handle = dyn_cast<CXXMemberCallExpr>(Id))
      Id = Handle->getImplicitObjectArgument();
    const ValueDecl *Named = utils::referencedObject(Id);
    if (!Named)
      continue;
    Cancelled->insert(Named->getCanonicalDecl());
    if (const Decl *Thread = HandleOf.lookup(Named->getCanonicalDecl()))
      Cancelled->insert(Thread);
  }
  return *Cancelled;
}

bool DetachedThreadCheck::canBeStopped(const DetachedThread &Thread) {
  ASTContext &Context = Index->context();
  // pthread_cancel() on it anywhere in the file stops it, however crudely.
  if (Thread.Named &&
      cancelledThreads(Context).contains(Thread.Named->getCanonicalDecl()))
    return true;
  // A daemon's start-up workers, made once for the life of the process, do
  // not accumulate.
  return utils::madeOncePerProcess(Thread.Named, Thread.Site, *Index);
}

void DetachedThreadCheck::report(const DetachedThread &Thread,
                                 ASTContext &Context) {
  std::optional<utils::EndlessLoop> Loop;
  if (Thread.Body.Function)
    Loop = utils::findEndlessLoop(Thread.Body.Function, Context,
                                  Thread.DeadStopToken);
  if (!Loop || (!StrictMode && canBeStopped(Thread))) {
    if (StrictMode) {
      diag(Thread.Loc, "%0 is detached; nothing can join it or tell it to stop")
          << Thread.Subject;
      addRemedy(Thread, nullptr, Context);
    }
    return;
  }
  const SourceManager &SM = Context.getSourceManager();
  const bool ByDestructor = Thread.DestroyedAt.isValid();
  if (Loop->WaitsForDeadStopToken)
    diag(Thread.Loc, "%0 is detached, so the stop token its loop checks can "
                     "never be triggered")
        << Thread.Subject;
  else
    diag(Thread.Loc, "%0 is detached%select{| by its destructor}1 but its "
                     "loop never checks a stop token")
        << Thread.Subject << ByDestructor;
  if (ByDestructor)
    diag(Thread.DestroyedAt,
         "%select{the temporary|%1}0 is destroyed here without join(); "
         "boost::thread's destructor then detaches it (BOOST_THREAD_VERSION 2)",
         DiagnosticIDs::Note)
        << (Thread.Named != nullptr)
        << (Thread.Named ? quoted(Thread.Named->getName()) : "");
  for (const CallExpr *Call : Loop->Calls)
    diag(SM.getExpansionLoc(Call->getBeginLoc()), "the thread calls %0 here",
         DiagnosticIDs::Note)
        << Call->getDirectCallee();
  // Started by a function of this file that hands the thread out.
  if (Thread.Construction && Thread.Owner &&
      !isa_and_nonnull<FieldDecl>(Thread.Named) &&
      Index->parents().enclosingFunction(*Thread.Construction, Context) !=
          Thread.Owner)
    if (const FunctionDecl *Maker =
            Index->parents().enclosingFunction(*Thread.Construction, Context))
      diag(SM.getExpansionLoc(Thread.Construction->getBeginLoc()),
           "%0 starts the thread here", DiagnosticIDs::Note)
          << utils::describeFunction(Maker);
  diag(SM.getExpansionLoc(Loop->Loop->getBeginLoc()),
       Loop->WaitsForDeadStopToken
           ? "this loop ends only when the stop token is triggered"
           : "this loop never ends: its condition is always true and no path "
             "leaves it",
       DiagnosticIDs::Note);
  addRemedy(Thread, &*Loop, Context);
}

void DetachedThreadCheck::addRemedy(const DetachedThread &Thread,
                                    const utils::EndlessLoop *Loop,
                                    ASTContext &Context) {
  auto Note = [&](StringRef Text) {
    return diag(Thread.Loc, Text, DiagnosticIDs::Note);
  };
  const bool HasJThread =
      getLangOpts().CPlusPlus20 && utils::declaresJThread(Context);
  switch (Thread.Kind) {
  case ThreadKind::Pthread:
    Note("check an atomic stop flag in the loop and join the thread with "
         "pthread_join() on shutdown instead of detaching it");
    return;
  case ThreadKind::Boost:
    Note("keep the boost::thread, call "
         "boost::this_thread::interruption_point() in the loop, and "
         "interrupt() and join() it on shutdown");
    return;
  case ThreadKind::JThread:
    Note(Thread.DeadStopToken
             ? "keep the std::jthread instead of detaching it, or keep its "
               "stop source (get_stop_source()) to stop it later"
             : "keep the std::jthread instead of detaching it and check its "
               "stop token in the loop");
    return;
  case ThreadKind::Custom:
    Note("check a stop flag in the loop and join the thread on shutdown "
         "instead of detaching it");
    return;
  case ThreadKind::StdThread:
    break;
  }
  if (!Thread.Named) {
    Note(HasJThread ? "a temporary thread cannot be stopped: keep it in a "
                      "std::jthread and check its stop token in the loop"
                    : "a temporary thread cannot be stopped: keep it, check "
                      "an atomic stop flag in the loop and join it on "
                      "shutdown");
    return;
  }
  if (!HasJThread) {
    Note("check an atomic stop flag in the loop and join the thread on "
         "shutdown (%select{std::jthread and std::stop_token need "
         "C++20|this standard library has no std::jthread}0)")
        << getLangOpts().CPlusPlus20;
    return;
  }
  auto Remedy = Note("make %0 a std::jthread and check its stop token in the "
                     "loop; it is then stopped and joined when %0 is destroyed")
                << quoted(Thread.Named->getName());
  const auto *Declarator = dyn_cast<DeclaratorDecl>(Thread.Named);
  const SourceManager &SM = Context.getSourceManager();
  if (!Loop || !Loop->Calls.empty() || !Thread.Body.Lambda || !Declarator ||
      !Thread.Construction || !Thread.Owner ||
      Thread.Construction->getArg(0)->IgnoreImplicit() != Thread.Body.Lambda ||
      !SM.isPointWithin(Thread.Construction->getBeginLoc(),
                        Thread.Owner->getBeginLoc(), Thread.Owner->getEndLoc()))
    return;
  std::optional<llvm::SmallVector<FixItHint, 6>> Fixes =
      utils::makeStopTokenRewrite({Declarator, Thread.Construction,
                                   Thread.Body.Lambda, Loop->Loop,
                                   Thread.Detach},
                                  Index->parents(), Context);
  if (!Fixes)
    return;
  Remedy << *Fixes
         << Inserter.createIncludeInsertion(
                SM.getFileID(
                    SM.getExpansionLoc(Thread.Body.Lambda->getBeginLoc())),
                "<stop_token>");
}

} // namespace clang::tidy::leak
