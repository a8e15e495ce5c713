//===--- AsioTimers.cpp - leak-tidy ---------------------------------------===//

#include "AsioTimers.h"
#include "ExitPaths.h"
#include "FixPlacement.h"
#include "TimerApis.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::leak::utils {

using namespace ast_matchers;

namespace {

// Member functions that call member functions that wait are followed this
// deep.
constexpr unsigned MaxRearmDepth = 6;

const FunctionDecl *patternOf(const FunctionDecl *Function) {
  if (const FunctionDecl *Pattern = Function->getTemplateInstantiationPattern())
    return Pattern->getCanonicalDecl();
  return Function->getCanonicalDecl();
}

/// What an expression names: a variable, or a member of `this`.
const ValueDecl *named(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Deref = dyn_cast<UnaryOperator>(E);
      Deref && Deref->getOpcode() == UO_Deref)
    E = Deref->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())
               ? Member->getMemberDecl()
               : nullptr;
  return nullptr;
}

/// Whether \p Condition reads one of \p Decls.
bool reads(const Stmt *Condition,
           const llvm::SmallPtrSetImpl<const ValueDecl *> &Decls,
           ASTContext &Context) {
  if (!Condition)
    return false;
  if (const auto *E = dyn_cast<Expr>(Condition); E && Decls.contains(named(E)))
    return true;
  for (const BoundNodes &Nodes :
       match(findAll(expr(anyOf(declRefExpr(), memberExpr())).bind("name")),
             *Condition, Context))
    if (Decls.contains(named(Nodes.getNodeAs<Expr>("name"))))
      return true;
  return false;
}

/// The error_code parameters of \p Handler and the locals it copies them
/// into (`auto failed = ec.failed();`).
llvm::SmallPtrSet<const ValueDecl *, 4> errorCodes(const FunctionDecl *Handler,
                                                   ASTContext &Context) {
  llvm::SmallPtrSet<const ValueDecl *, 4> Codes;
  for (const ParmVarDecl *Param : Handler->parameters())
    if (isErrorCode(Param->getType()))
      Codes.insert(Param);
  if (Codes.empty() || !Handler->getBody())
    return Codes;
  for (const BoundNodes &Nodes :
       match(stmt(forEachDescendant(
                 varDecl(hasInitializer(expr())).bind("copy"))),
             *Handler->getBody(), Context)) {
    const auto *Copy = Nodes.getNodeAs<VarDecl>("copy");
    if (reads(Copy->getInit(), Codes, Context))
      Codes.insert(Copy);
  }
  return Codes;
}

/// The counts \p Handler advances: `++count_`, `--left`, `(*n) += 1`.
llvm::SmallPtrSet<const ValueDecl *, 4> countersIn(const FunctionDecl *Handler,
                                                   ASTContext &Context) {
  llvm::SmallPtrSet<const ValueDecl *, 4> Counters;
  for (const BoundNodes &Nodes :
       match(findAll(expr(anyOf(unaryOperator(hasAnyOperatorName("++", "--")),
                                binaryOperator(hasAnyOperatorName("+=", "-="))))
                         .bind("step")),
             *Handler->getBody(), Context)) {
    const auto *Step = Nodes.getNodeAs<Expr>("step");
    const Expr *Operand = isa<UnaryOperator>(Step)
                              ? cast<UnaryOperator>(Step)->getSubExpr()
                              : cast<BinaryOperator>(Step)->getLHS();
    if (const ValueDecl *Counter = named(Operand))
      Counters.insert(Counter);
  }
  return Counters;
}

/// The class whose member function \p Function is, or is written in (a
/// lambda in a member function).
const CXXRecordDecl *classAround(const FunctionDecl *Function) {
  for (const DeclContext *Context = Function; Context;
       Context = Context->getParent()) {
    const auto *Record = dyn_cast<CXXRecordDecl>(Context);
    if (Record && !Record->isLambda())
      return Record;
  }
  return nullptr;
}

/// The members that the member functions cancelling the timer also change:
/// assigned, or given a non-const call (a stop flag set, a socket closed).
/// For a member timer, the functions that cancel it; for one reached another
/// way (a reference parameter), those that cancel any timer of \p Class.
llvm::SmallPtrSet<const ValueDecl *, 4>
changedByCancellers(const ValueDecl *Timer, const CXXRecordDecl *Class,
                    TranslationUnitIndex &Index) {
  llvm::SmallPtrSet<const ValueDecl *, 4> Changed;
  const auto *Field = dyn_cast_or_null<FieldDecl>(Timer);
  if (Field)
    Class = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!Class)
    return Changed;
  ASTContext &Context = Index.context();
  auto OnThisMember = ignoringParenImpCasts(
      memberExpr(hasObjectExpression(ignoringParenImpCasts(cxxThisExpr())))
          .bind("member"));
  auto CancelsATimer = cxxMemberCallExpr(
      callee(cxxMethodDecl(hasAnyName("cancel", "cancel_one"))),
      on(ignoringParenImpCasts(memberExpr(
          hasObjectExpression(ignoringParenImpCasts(cxxThisExpr()))))));
  for (const FunctionDecl *Function : Index.classCode(Class).Functions) {
    const bool Cancels =
        Field
            ? !usesOf(Timer, Function, AsioTimerApi(), Index.parents(), Context)
                   .Events.empty()
            : !match(findAll(CancelsATimer), *Function->getBody(), Context)
                   .empty();
    if (!Cancels)
      continue;
    for (const BoundNodes &Nodes : match(
             findAll(expr(anyOf(
                 binaryOperator(isAssignmentOperator(), hasLHS(OnThisMember)),
                 cxxOperatorCallExpr(hasOverloadedOperatorName("="),
                                     hasArgument(0, OnThisMember)),
                 cxxMemberCallExpr(on(OnThisMember),
                                   unless(callee(cxxMethodDecl(isConst()))))))),
             *Function->getBody(), Context))
      Changed.insert(Nodes.getNodeAs<MemberExpr>("member")->getMemberDecl());
  }
  Changed.erase(Timer);
  return Changed;
}

/// Whether \p Condition reads one of \p State, directly or through a member
/// function of the class (`if (stopped()) return;`).
bool readsState(const Stmt *Condition,
                const llvm::SmallPtrSetImpl<const ValueDecl *> &State,
                ASTContext &Context) {
  if (!Condition || State.empty())
    return false;
  for (const BoundNodes &Nodes :
       match(findAll(memberExpr().bind("member")), *Condition, Context))
    if (State.contains(Nodes.getNodeAs<MemberExpr>("member")->getMemberDecl()))
      return true;
  for (const BoundNodes &Nodes :
       match(findAll(cxxMemberCallExpr(on(ignoringParenImpCasts(cxxThisExpr())))
                         .bind("query")),
             *Condition, Context)) {
    const FunctionDecl *Callee =
        Nodes.getNodeAs<CXXMemberCallExpr>("query")->getDirectCallee();
    const FunctionDecl *Definition = nullptr;
    if (Callee && Callee->hasBody(Definition))
      for (const BoundNodes &Inner : match(findAll(memberExpr().bind("member")),
                                           *Definition->getBody(), Context))
        if (State.contains(
                Inner.getNodeAs<MemberExpr>("member")->getMemberDecl()))
          return true;
  }
  return false;
}

class RearmFinder {
public:
  RearmFinder(const CXXMemberCallExpr *Wait, const FunctionDecl *Handler,
              TranslationUnitIndex &Index)
      : Wait(Wait), Timer(timerIdentity(Wait->getImplicitObjectArgument())),
        HandlerPattern(patternOf(Handler)), Index(Index),
        Context(Index.context()) {}

  const ValueDecl *timer() const { return Timer; }

  /// The calls in \p Function that arm the timer again.
  llvm::SmallVector<const CallExpr *, 4> rearmsIn(const FunctionDecl *Function,
                                                  unsigned Depth) {
    llvm::SmallVector<const CallExpr *, 4> ReArms;
    for (const BoundNodes &Nodes : match(findAll(callExpr().bind("call")),
                                         *Function->getBody(), Context)) {
      const auto *Call = Nodes.getNodeAs<CallExpr>("call");
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Callee)
        continue;
      bool ReArm = false;
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
          Member && !match(asioTimerWait(), *Member, Context).empty())
        ReArm = waitsOnTimer(Member);
      else
        ReArm = patternOf(Callee) != HandlerPattern &&
                waitsOnEveryPath(Callee, Depth + 1);
      if (ReArm)
        ReArms.push_back(Call);
    }
    return ReArms;
  }

private:
  /// An async_wait on the timer, or with this handler.
  bool waitsOnTimer(const CXXMemberCallExpr *Call) {
    if (Timer && timerIdentity(Call->getImplicitObjectArgument()) == Timer)
      return true;
    if (Call->getNumArgs() != 1)
      return false;
    const FunctionDecl *Again =
        resolveCallable(Call->getArg(0), Context).Function;
    return Again && patternOf(Again) == HandlerPattern;
  }

  /// A call re-arms only when the callee waits on the timer on every path,
  /// itself or through the functions it calls: `void schedule() { if
  /// (stopped_) return; timer_.async_wait(...); }` can be stopped.
  bool waitsOnEveryPath(const FunctionDecl *Callee, unsigned Depth) {
    const FunctionDecl *Definition = nullptr;
    if (Depth > MaxRearmDepth || !Callee->hasBody(Definition) ||
        Context.getSourceManager().isInSystemHeader(
            Definition->getLocation()) ||
        !Visiting.insert(Definition).second)
      return false;
    llvm::SmallPtrSet<const Stmt *, 4> Waits;
    for (const BoundNodes &Nodes : match(findAll(asioTimerWait().bind("wait")),
                                         *Definition->getBody(), Context)) {
      const auto *Other = Nodes.getNodeAs<CXXMemberCallExpr>("wait");
      if (Other == Wait ||
          (Timer && timerIdentity(Other->getImplicitObjectArgument()) == Timer))
        Waits.insert(Other);
    }
    for (const CallExpr *Deeper : rearmsIn(Definition, Depth))
      Waits.insert(Deeper);
    Visiting.erase(Definition);
    const CFG *Graph = Waits.empty() ? nullptr : Index.cfg(Definition);
    if (!Graph)
      return false;
    const UncoveredExits Around =
        exitsAvoiding(*Graph, nullptr, Waits, AbruptEnd::Leaves);
    return !Around.Unknown && !Around.any();
  }

  const CXXMemberCallExpr *Wait;
  const ValueDecl *Timer;
  const FunctionDecl *HandlerPattern;
  TranslationUnitIndex &Index;
  ASTContext &Context;
  llvm::DenseSet<const FunctionDecl *> Visiting;
};

} // namespace

internal::BindableMatcher<Stmt> asioTimerWait() {
  return cxxMemberCallExpr(callee(
      cxxMethodDecl(hasName("async_wait"),
                    ofClass(hasAnyName("::boost::asio::basic_waitable_timer",
                                       "::asio::basic_waitable_timer",
                                       "::boost::asio::basic_deadline_timer",
                                       "::asio::basic_deadline_timer")))));
}

const ValueDecl *timerIdentity(const Expr *E) {
  E = E->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    return timerIdentity(Unary->getSubExpr());
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
      Operator && Operator->getNumArgs() == 1)
    return timerIdentity(Operator->getArg(0));
  return nullptr;
}

std::optional<RearmingHandler> rearmingHandler(const CXXMemberCallExpr *Wait,
                                               TranslationUnitIndex &Index) {
  ASTContext &Context = Index.context();
  if (Wait->getNumArgs() != 1)
    return std::nullopt;
  // Completion tokens (use_awaitable, yield_context, use_future) resolve to
  // no visible body; a coroutine's cancellation throws out of its loop.
  RearmingHandler Result;
  Result.Handler = resolveCallable(Wait->getArg(0), Context);
  Result.Function =
      Result.Handler.Function ? instantiated(Result.Handler.Function) : nullptr;
  if (!Result.Function || !Result.Function->hasBody())
    return std::nullopt;
  RearmFinder Finder(Wait, Result.Function, Index);
  Result.Timer = Finder.timer();
  Result.ReArms = Finder.rearmsIn(Result.Function, 0);
  const CFG *Graph = Index.cfg(Result.Function);
  if (Result.ReArms.empty() || !Graph)
    return std::nullopt;
  llvm::sort(Result.ReArms, [](const Stmt *A, const Stmt *B) {
    return A->getBeginLoc() < B->getBeginLoc();
  });
  // Only a branch that reads the error code can tell a cancelled wait from
  // an expired one: `if (!callback_) return;` guards nothing.
  const llvm::SmallPtrSet<const ValueDecl *, 4> Codes =
      errorCodes(Result.Function, Context);
  const llvm::SmallPtrSet<const Stmt *, 4> Avoid(Result.ReArms.begin(),
                                                 Result.ReArms.end());
  Result.LeavesOnError =
      branchAvoids(*Graph, Avoid, [&](const Stmt *Condition) {
        return reads(Condition, Codes, Context);
      });
  const llvm::SmallPtrSet<const ValueDecl *, 4> Counters =
      countersIn(Result.Function, Context);
  const llvm::SmallPtrSet<const ValueDecl *, 4> StopState =
      changedByCancellers(Result.Timer, classAround(Result.Function), Index);
  Result.Bounded = branchAvoids(*Graph, Avoid, [&](const Stmt *Condition) {
    return reads(Condition, Counters, Context) ||
           readsState(Condition, StopState, Context);
  });
  return Result;
}

std::optional<ValueTokenWait> valueTokenWait(const CXXMemberCallExpr *Wait,
                                             ParentIndex &Parents,
                                             ASTContext &Context) {
  if (Wait->getNumArgs() != 1)
    return std::nullopt;
  // A stackful coroutine's `yield[ec]` writes the error into ec.
  if (const auto *Subscript = dyn_cast<CXXOperatorCallExpr>(
          Wait->getArg(0)->IgnoreImplicit()->IgnoreParens());
      Subscript && Subscript->getOperator() == OO_Subscript &&
      Subscript->getNumArgs() == 2) {
    const CXXRecordDecl *Yield =
        Subscript->getArg(0)->getType()->getAsCXXRecordDecl();
    const std::string Name = Yield ? Yield->getQualifiedNameAsString() : "";
    if (Name != "boost::asio::basic_yield_context" &&
        Name != "asio::basic_yield_context")
      return std::nullopt;
    ValueTokenWait Result;
    Result.Token = "yield[ec]";
    Result.Stackful = true;
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Subscript->getArg(1)->IgnoreParenImpCasts()))
      Result.ErrorCode = Ref->getDecl();
    return Result;
  }
  const auto *Token =
      dyn_cast<CallExpr>(Wait->getArg(0)->IgnoreImplicit()->IgnoreParens());
  const FunctionDecl *Callee = Token ? Token->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier())
    return std::nullopt;
  const std::string Qualified = Callee->getQualifiedNameAsString();
  const StringRef Name = Callee->getName();
  if (!llvm::is_contained({"as_tuple", "redirect_error", "as_single"}, Name) ||
      !(StringRef(Qualified).starts_with("boost::asio::") ||
        StringRef(Qualified).starts_with("asio::")))
    return std::nullopt;
  ValueTokenWait Result;
  Result.Token = Name;
  if (Name == "redirect_error") {
    if (Token->getNumArgs() == 2)
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Token->getArg(1)->IgnoreParenImpCasts()))
        Result.ErrorCode = Ref->getDecl();
    return Result;
  }
  // `auto [ec] = co_await t.async_wait(as_tuple(use_awaitable));`
  DynTypedNode Node = DynTypedNode::create(*Wait);
  for (ArrayRef<DynTypedNode> Above = Parents.parents(Node, Context);
       !Above.empty(); Above = Parents.parents(Above[0], Context)) {
    if (const auto *Decomposition = Above[0].get<DecompositionDecl>()) {
      if (!Decomposition->bindings().empty())
        Result.ErrorCode = Decomposition->bindings().front();
      break;
    }
    if (const auto *Var = Above[0].get<VarDecl>()) {
      Result.ErrorCode = Var;
      break;
    }
    if (!Above[0].get<Expr>())
      break;
  }
  return Result;
}

const CXXMemberCallExpr *deadlineMove(const ValueDecl *Timer,
                                      TranslationUnitIndex &Index) {
  const auto *Member = dyn_cast_or_null<FieldDecl>(Timer);
  const auto *Class =
      Member ? dyn_cast<CXXRecordDecl>(Member->getParent()) : nullptr;
  if (!Class)
    return nullptr;
  ASTContext &Context = Index.context();
  auto OnTimer =
      on(ignoringParenImpCasts(memberExpr(member(equalsNode(Member)))));
  for (const FunctionDecl *Definition : Index.classCode(Class).Functions) {
    if (!match(findAll(cxxMemberCallExpr(asioTimerWait(), OnTimer)),
               *Definition->getBody(), Context)
             .empty())
      continue;
    const auto Moves = match(
        findAll(cxxMemberCallExpr(
                    callee(cxxMethodDecl(hasAnyName(
                        "expires_after", "expires_at", "expires_from_now"))),
                    OnTimer)
                    .bind("move")),
        *Definition->getBody(), Context);
    if (!Moves.empty())
      return Moves.front().getNodeAs<CXXMemberCallExpr>("move");
  }
  return nullptr;
}

UseEffect AsioTimerApi::memberCall(const CXXMemberCallExpr *Call,
                                   ASTContext &Context) const {
  const CXXMethodDecl *Method = Call->getMethodDecl();
  if (!Method || !Method->getIdentifier())
    return UseEffect::Neutral;
  const StringRef Name = Method->getName();
  if (Name == "cancel" || Name == "cancel_one")
    return UseEffect::Finite;
  // `timer_.reset()` on the smart pointer that holds it destroys it.
  if (Name == "reset" &&
      isSmartPointer(Call->getImplicitObjectArgument()->getType()))
    return UseEffect::Finite;
  return UseEffect::Neutral;
}

llvm::SmallVector<FixItHint, 2> leaveOnErrorFix(const FunctionDecl *Handler,
                                                ASTContext &Context) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Handler->getBody());
  const auto *Param =
      llvm::find_if(Handler->parameters(), [](const ParmVarDecl *P) {
        return isErrorCode(P->getType());
      });
  if (!Body || Param == Handler->param_end())
    return {};
  llvm::SmallVector<FixItHint, 2> Fixes;
  std::string Name = (*Param)->getName().str();
  if (Name.empty()) {
    Name = "ec";
    if (!match(stmt(forEachDescendant(namedDecl(hasName("ec")))), *Body,
               Context)
             .empty() ||
        !match(findAll(declRefExpr(to(namedDecl(hasName("ec"))))), *Body,
               Context)
             .empty())
      return {};
    // The written parameter: a generic lambda's `auto` is in its pattern.
    const FunctionDecl *Written = Handler->getTemplateInstantiationPattern();
    if (!Written)
      Written = Handler;
    const ParmVarDecl *WrittenParam =
        Written->getParamDecl((*Param)->getFunctionScopeIndex());
    const TypeSourceInfo *Type = WrittenParam->getTypeSourceInfo();
    if (!Type || Type->getTypeLoc().getEndLoc().isMacroID())
      return {};
    // `const error_code &` becomes `const error_code &ec`, `auto` `auto ec`.
    const SourceManager &SM = Context.getSourceManager();
    const SourceLocation TypeEnd = Type->getTypeLoc().getEndLoc();
    const char *Last = SM.getCharacterData(TypeEnd);
    const bool Declarator =
        (*Last == '&' || *Last == '*') && (Last[-1] == ' ' || Last[-1] == '\t');
    Fixes.push_back(FixItHint::CreateInsertion(
        Lexer::getLocForEndOfToken(TypeEnd, 0, SM, Context.getLangOpts()),
        Declarator ? "ec" : " ec"));
  }
  std::optional<FixItHint> Leave =
      insertFirstStatement(Body, "if (" + Name + ") return;", Context);
  if (!Leave)
    return {};
  Fixes.push_back(*Leave);
  return Fixes;
}

} // namespace clang::tidy::leak::utils
