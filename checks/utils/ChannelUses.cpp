//===--- ChannelUses.cpp - leak-tidy --------------------------------------===//

#include "ChannelUses.h"
#include "ExitPaths.h"
#include "SettingFlow.h"
#include "TrackedObject.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::leak::utils {

using namespace ast_matchers;

namespace {

const ObjectApi PlainObject;

bool isLoop(const Stmt *S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

/// Whether \p S is in a lambda (or left \p Body) rather than in \p Body's
/// own code.
bool insideLambda(const Stmt *S, const Stmt *Body, ParentIndex &Parents,
                  ASTContext &Context) {
  for (const Stmt *Parent = parentOf(S, Parents, Context); Parent != Body;
       Parent = parentOf(Parent, Parents, Context))
    if (!Parent || isa<LambdaExpr>(Parent))
      return true;
  return false;
}

/// The channel variable or parameter that \p E names, through std::ref,
/// std::move, `&`, `*`, copies and shared_ptr's get().
const DeclRefExpr *namedChannel(const Expr *E) {
  while (E) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1) {
      E = Construct->getArg(0);
    } else if (const auto *Call = dyn_cast<CallExpr>(E);
               Call && Call->getNumArgs() == 1 && Call->getDirectCallee() &&
               Call->getDirectCallee()->isInStdNamespace() &&
               Call->getDirectCallee()->getIdentifier() &&
               llvm::is_contained({"ref", "cref", "move"},
                                  Call->getDirectCallee()->getName())) {
      E = Call->getArg(0);
    } else if (const auto *Unary = dyn_cast<UnaryOperator>(E);
               Unary && Unary->getOpcode() == UO_AddrOf) {
      E = Unary->getSubExpr();
    } else {
      break;
    }
  }
  return dyn_cast_or_null<DeclRefExpr>(E);
}

/// Whether \p Ref is only named, not used: in `decltype(ch)`, `sizeof ch`.
bool isUnevaluated(const DeclRefExpr *Ref, ParentIndex &Parents,
                   ASTContext &Context) {
  ArrayRef<DynTypedNode> Above = Parents.parents(*Ref, Context);
  while (!Above.empty()) {
    const auto *Parent = Above[0].get<Stmt>();
    // A type (a decltype in a template argument) holds it.
    if (!Parent)
      return !Above[0].get<Decl>();
    if (isa<UnaryExprOrTypeTraitExpr, CXXTypeidExpr, CXXNoexceptExpr>(Parent))
      return true;
    if (!isa<Expr>(Parent))
      return false;
    Above = Parents.parents(*Parent, Context);
  }
  return false;
}

/// The references to \p Var in \p Scope that use it.
llvm::SmallPtrSet<const DeclRefExpr *, 8> referencesTo(const ValueDecl *Var,
                                                       const Stmt &Scope,
                                                       ParentIndex &Parents,
                                                       ASTContext &Context) {
  llvm::SmallPtrSet<const DeclRefExpr *, 8> Refs;
  for (const BoundNodes &Nodes :
       match(findAll(declRefExpr(to(valueDecl(equalsNode(Var)))).bind("ref")),
             Scope, Context))
    if (const auto *Ref = Nodes.getNodeAs<DeclRefExpr>("ref");
        !isUnevaluated(Ref, Parents, Context))
      Refs.insert(Ref);
  return Refs;
}

/// The member calls in \p Scope made on \p Var (directly, through a pointer
/// or a shared_ptr), with the reference each is made through.
llvm::SmallVector<std::pair<const CXXMemberCallExpr *, const Expr *>, 8>
memberCallsOn(const ValueDecl *Var, const Stmt &Scope, ASTContext &Context) {
  llvm::SmallVector<std::pair<const CXXMemberCallExpr *, const Expr *>, 8>
      Calls;
  llvm::SmallPtrSet<const CXXMemberCallExpr *, 8> Seen;
  for (const BoundNodes &Nodes :
       match(findAll(cxxMemberCallExpr().bind("call")), Scope, Context)) {
    const auto *Call = Nodes.getNodeAs<CXXMemberCallExpr>("call");
    const Expr *Object = Call->getImplicitObjectArgument();
    if (!Object || !Seen.insert(Call).second)
      continue;
    const ObjectRoot Root = rootOf(Object, PlainObject);
    // shared_ptr's own get() is followed by rootOf when something is called
    // on its result; alone, the raw pointer goes somewhere.
    if (Root.Decl != Var ||
        (isSmartPointer(Object->getType()) && Call->getMethodDecl() &&
         Call->getMethodDecl()->getName() == "get"))
      continue;
    Calls.emplace_back(Call, Root.Named);
  }
  return Calls;
}

/// The range-for loops in \p Scope over \p Var, with the reference each
/// is made through: `for (auto v : ch)` takes a value in begin(), before
/// testing anything.
llvm::SmallVector<std::pair<const CXXForRangeStmt *, const Expr *>, 2>
rangeForsOver(const ValueDecl *Var, const Stmt &Scope, ASTContext &Context) {
  llvm::SmallVector<std::pair<const CXXForRangeStmt *, const Expr *>, 2> Loops;
  for (const BoundNodes &Nodes :
       match(findAll(cxxForRangeStmt().bind("for")), Scope, Context)) {
    const auto *For = Nodes.getNodeAs<CXXForRangeStmt>("for");
    const ObjectRoot Root = rootOf(For->getRangeInit(), PlainObject);
    if (Root.Decl == Var)
      Loops.emplace_back(For, Root.Named);
  }
  return Loops;
}

/// What \p Task does with the channel it was given as \p InTask.
void classifyTask(const SpawnedTask &Task, const ValueDecl *InTask,
                  const ChannelKind &Kind, ChannelUses &Uses,
                  ParentIndex &Parents, ASTContext &Context) {
  const Stmt *Body =
      Task.Body.Function ? writtenBody(Task.Body.Function) : nullptr;
  if (!Body) {
    Uses.Escapes = true;
    return;
  }
  llvm::SmallPtrSet<const DeclRefExpr *, 8> Unexplained =
      referencesTo(InTask, *Body, Parents, Context);
  llvm::SmallVector<const CXXMemberCallExpr *, 2> Sends;
  for (const auto &[Call, Named] : memberCallsOn(InTask, *Body, Context)) {
    Unexplained.erase(dyn_cast_or_null<DeclRefExpr>(Named));
    if (isSmartPointer(Call->getImplicitObjectArgument()->getType()))
      continue;
    switch (channelOp(Call, Kind, Parents, Context)) {
    case ChannelOp::Send:
      Sends.push_back(Call);
      break;
    case ChannelOp::Receive:
    case ChannelOp::BoundedReceive:
      Uses.ReceivedByTask = true;
      break;
    default:
      break;
    }
  }
  for (const auto &[For, Named] : rangeForsOver(InTask, *Body, Context)) {
    Unexplained.erase(dyn_cast_or_null<DeclRefExpr>(Named));
    Uses.ReceivedByTask = true;
  }
  if (!Unexplained.empty())
    Uses.Escapes = true;
  for (const CXXMemberCallExpr *Send : Sends)
    Uses.Sends.push_back(
        {Send, &Task,
         Sends.size() > 1 ||
             enclosingLoop(Send, Body, Parents, Context) != nullptr});
}

} // namespace

const Stmt *parentOf(const Stmt *S, ParentIndex &Parents, ASTContext &Context) {
  ArrayRef<DynTypedNode> Above = Parents.parents(*S, Context);
  while (!Above.empty()) {
    if (const auto *Parent = Above[0].get<Stmt>())
      return Parent;
    // A variable's initialiser sits under its VarDecl, under a DeclStmt.
    const auto *Var = Above[0].get<VarDecl>();
    if (!Var)
      return nullptr;
    Above = Parents.parents(*Var, Context);
  }
  return nullptr;
}

/// The innermost loop around \p S in the function body \p Body; null when
/// there is none or \p S is in a lambda.
const Stmt *enclosingLoop(const Stmt *S, const Stmt *Body, ParentIndex &Parents,
                          ASTContext &Context) {
  for (const Stmt *Parent = parentOf(S, Parents, Context);
       Parent && Parent != Body; Parent = parentOf(Parent, Parents, Context)) {
    if (isa<LambdaExpr>(Parent))
      return nullptr;
    if (isLoop(Parent))
      return Parent;
  }
  return nullptr;
}

/// Whether \p S runs on every iteration of \p Loop that reaches it, with no
/// branch in between.
bool unconditionalIn(const Stmt *S, const Stmt *Loop, ParentIndex &Parents,
                     ASTContext &Context) {
  for (const Stmt *Parent = parentOf(S, Parents, Context);
       Parent && Parent != Loop; Parent = parentOf(Parent, Parents, Context)) {
    if (isa<IfStmt, SwitchStmt, AbstractConditionalOperator, CXXTryStmt>(
            Parent) ||
        isLoop(Parent))
      return false;
    if (const auto *Binary = dyn_cast<BinaryOperator>(Parent);
        Binary && Binary->isLogicalOp())
      return false;
  }
  return true;
}

/// The number of iterations of `for (int i = A; i < B; ++i)` (also `<=`,
/// `!=`) with constant bounds, or of a range-for over an array or braced
/// list.
std::optional<std::uint64_t> constantTripCount(const Stmt *Loop,
                                               const ASTContext &Context) {
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop)) {
    const Expr *Init = Range->getRangeInit()->IgnoreImplicit();
    if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(Init))
      Init = List->getSubExpr()->IgnoreImplicit();
    if (const auto *List = dyn_cast<InitListExpr>(Init))
      return List->getNumInits();
    if (const auto *Array = Context.getAsConstantArrayType(Init->getType()))
      return Array->getSize().getZExtValue();
    return std::nullopt;
  }
  const auto *For = dyn_cast<ForStmt>(Loop);
  const auto *Init = For ? dyn_cast_or_null<DeclStmt>(For->getInit()) : nullptr;
  const auto *Counter = Init && Init->isSingleDecl()
                            ? dyn_cast<VarDecl>(Init->getSingleDecl())
                            : nullptr;
  const auto *Cond =
      dyn_cast_or_null<BinaryOperator>(For ? For->getCond() : nullptr);
  const auto *Step =
      dyn_cast_or_null<UnaryOperator>(For ? For->getInc() : nullptr);
  if (!Counter || !Counter->getInit() || !Cond || !Step ||
      !Step->isIncrementOp())
    return std::nullopt;
  const auto *Tested = dyn_cast<DeclRefExpr>(Cond->getLHS()->IgnoreImpCasts());
  const auto *Stepped =
      dyn_cast<DeclRefExpr>(Step->getSubExpr()->IgnoreImpCasts());
  if (!Tested || Tested->getDecl() != Counter || !Stepped ||
      Stepped->getDecl() != Counter)
    return std::nullopt;
  std::optional<llvm::APSInt> From =
      Counter->getInit()->getIntegerConstantExpr(Context);
  std::optional<llvm::APSInt> To =
      Cond->getRHS()->getIntegerConstantExpr(Context);
  if (!From || !To)
    return std::nullopt;
  const std::int64_t Begin = From->getExtValue();
  const std::int64_t End = To->getExtValue();
  switch (Cond->getOpcode()) {
  case BO_LT:
  case BO_NE:
    return End > Begin ? End - Begin : 0;
  case BO_LE:
    return End >= Begin ? End - Begin + 1 : 0;
  default:
    return std::nullopt;
  }
}

/// Whether \p Loop, holding a receive, runs at least once whenever it is
/// reached after a spawn: a do-while, a loop with a constant positive trip
/// count, or a loop after the loop that spawned the tasks, which is taken to
/// run as often (`for (i < n) spawn(); for (i < n) receive();`).
bool runsAtLeastOnce(const Stmt *Loop, const Stmt *SpawnLoop,
                     const ASTContext &Context) {
  if (isa<DoStmt>(Loop))
    return true;
  if (std::optional<std::uint64_t> Trips = constantTripCount(Loop, Context))
    return *Trips > 0;
  return SpawnLoop && Loop != SpawnLoop &&
         Context.getSourceManager().isBeforeInTranslationUnit(
             SpawnLoop->getEndLoc(), Loop->getBeginLoc());
}

/// The statement every path into \p Loop passes first.
const Stmt *loopEntry(const Stmt *Loop) {
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    return For->getInit() ? For->getInit() : For->getCond();
  if (const auto *While = dyn_cast<WhileStmt>(Loop))
    return While->getCond();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop))
    return Range->getRangeStmt();
  return nullptr;
}

/// Adds \p S and the expressions around it up to its statement, so that
/// whichever of them the CFG lists is found.
void addWithEnclosingExprs(llvm::SmallPtrSetImpl<const Stmt *> &Set,
                           const Stmt *S, ParentIndex &Parents,
                           ASTContext &Context) {
  for (; S; S = parentOf(S, Parents, Context)) {
    Set.insert(S);
    if (!isa<Expr, DeclStmt>(S))
      return;
  }
}

/// \p S, or the nearest expression around it that \p Graph lists.
const Stmt *anchorIn(const CFG &Graph, const Stmt *S, ParentIndex &Parents,
                     ASTContext &Context) {
  for (; isa_and_nonnull<Expr, DeclStmt>(S); S = parentOf(S, Parents, Context))
    if (positionOf(Graph, S))
      return S;
  return nullptr;
}

bool mayThrow(const Stmt *S) {
  if (isa<CXXThrowExpr>(S))
    return true;
  const FunctionDecl *Callee = nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    Callee = Call->getDirectCallee();
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
    Callee = Construct->getConstructor();
  if (!Callee || Callee->isNoReturn() || isa<CXXDestructorDecl>(Callee))
    return false;
  const auto *Prototype = Callee->getType()->getAs<FunctionProtoType>();
  return Prototype && !Prototype->isNothrow();
}

/// Classifies every use of \p Channel in \p Owner's body and in the tasks
/// \p Tasks it spawns.
ChannelUses localChannelUses(const VarDecl *Channel, const FunctionDecl *Owner,
                             const ChannelKind &Kind,
                             ArrayRef<SpawnedTask> Tasks, ParentIndex &Parents,
                             ASTContext &Context) {
  ChannelUses Uses;
  const Stmt *Body = writtenBody(Owner);
  llvm::SmallPtrSet<const DeclRefExpr *, 8> Unexplained =
      referencesTo(Channel, *Body, Parents, Context);
  for (const SpawnedTask &Task : Tasks) {
    bool Captured = false;
    if (const LambdaExpr *Lambda = Task.Body.Lambda)
      for (const LambdaCapture &Capture : Lambda->captures())
        if (Capture.capturesVariable() && Capture.getCapturedVar() == Channel) {
          Captured = true;
          for (const DeclRefExpr *Ref :
               referencesTo(Channel, *Lambda, Parents, Context))
            Unexplained.erase(Ref);
        }
    if (Captured)
      classifyTask(Task, Channel, Kind, Uses, Parents, Context);
    for (const auto &[Arg, Param] : Task.Passed) {
      const DeclRefExpr *Ref = namedChannel(Arg);
      if (!Ref || Ref->getDecl() != Channel)
        continue;
      Unexplained.erase(Ref);
      classifyTask(Task, Param, Kind, Uses, Parents, Context);
    }
  }
  for (const auto &[Call, Named] : memberCallsOn(Channel, *Body, Context)) {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Named);
    // Calls in the tasks were classified above; in other lambdas they are
    // code this check does not follow.
    if (!Unexplained.contains(Ref) ||
        insideLambda(Call, Body, Parents, Context))
      continue;
    Unexplained.erase(Ref);
    if (isSmartPointer(Call->getImplicitObjectArgument()->getType()))
      continue;
    switch (channelOp(Call, Kind, Parents, Context)) {
    case ChannelOp::Receive:
      Uses.Receives.push_back(Call);
      break;
    case ChannelOp::BoundedReceive:
      Uses.BoundedReceives.push_back(Call);
      break;
    case ChannelOp::Release:
      Uses.Releases.push_back(Call);
      break;
    default:
      break;
    }
  }
  for (const auto &[For, Named] : rangeForsOver(Channel, *Body, Context)) {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Named);
    if (!Unexplained.contains(Ref) || insideLambda(For, Body, Parents, Context))
      continue;
    Unexplained.erase(Ref);
    Uses.Receives.push_back(For->getRangeStmt());
  }
  if (!Unexplained.empty())
    Uses.Escapes = true;
  return Uses;
}

ChannelUses memberChannelUses(const FieldDecl *Channel, const ObjectHome &Home,
                              const ChannelKind &Kind,
                              ArrayRef<SpawnedTask> Tasks,
                              TranslationUnitIndex &Index) {
  ASTContext &Context = Index.context();
  ChannelUses Uses;
  llvm::SmallPtrSet<const Stmt *, 8> InTasks;
  for (const SpawnedTask &Task : Tasks) {
    classifyTask(Task, Channel, Kind, Uses, Index.parents(), Context);
    if (const Stmt *Body =
            Task.Body.Function ? writtenBody(Task.Body.Function) : nullptr)
      InTasks.insert(Body);
  }
  // Handed to code that is not followed (an unseen function, a caller
  // through a getter): that code may receive.
  Uses.Escapes |= usesAcross(Home, PlainObject, Index).Escapes;
  auto InTask = [&](const Stmt *S) {
    return llvm::any_of(InTasks, [&](const Stmt *TaskBody) {
      return Context.getSourceManager().isPointWithin(
          S->getBeginLoc(), TaskBody->getBeginLoc(), TaskBody->getEndLoc());
    });
  };
  for (const FunctionDecl *Function : Home.Code) {
    const Stmt *Body = writtenBody(Function);
    if (!Body || InTasks.contains(Body))
      continue;
    // `for (int v : ch_)` takes values until the channel closes.
    for (const auto &Loop : rangeForsOver(Channel, *Body, Context))
      if (!InTask(Loop.first))
        Uses.Receives.push_back(Loop.first->getRangeStmt());
    for (const auto &Use : memberCallsOn(Channel, *Body, Context)) {
      const CXXMemberCallExpr *Call = Use.first;
      if (InTask(Call))
        continue;
      switch (channelOp(Call, Kind, Index.parents(), Context)) {
      case ChannelOp::Receive:
        Uses.Receives.push_back(Call);
        break;
      case ChannelOp::Release:
        Uses.Releases.push_back(Call);
        break;
      case ChannelOp::BoundedReceive:
        Uses.BoundedReceives.push_back(Call);
        break;
      default:
        break;
      }
    }
  }
  return Uses;
}

} // namespace clang::tidy::leak::utils
