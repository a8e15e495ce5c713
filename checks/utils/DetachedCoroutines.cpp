//===--- DetachedCoroutines.cpp - leak-tidy -------------------------------===//

#include "DetachedCoroutines.h"
#include "AsioTimers.h"
#include "CallableBody.h"
#include "Naming.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

namespace clang::tidy::leak::utils {

using namespace ast_matchers;

ast_matchers::internal::BindableMatcher<Stmt> detachedCoSpawn() {
  return callExpr(
      callee(functionDecl(
          hasAnyName("::boost::asio::co_spawn", "::asio::co_spawn"))),
      hasArgument(
          2, expr(hasType(hasUnqualifiedDesugaredType(
                 recordType(hasDeclaration(cxxRecordDecl(hasAnyName(
                     "::boost::asio::detached_t", "::asio::detached_t")))))))));
}

namespace {
/// What a coroutine argument names: the variable a lambda is kept in.
const VarDecl *lambdaVariable(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreImplicit()->IgnoreParens());
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}
} // namespace

std::optional<DetachedCoroutine> spawnedCoroutine(const CallExpr *Spawn,
                                                  const ASTContext &Context) {
  const Expr *Argument = Spawn->getArg(1)->IgnoreImplicit()->IgnoreParens();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Argument);
      Construct && Construct->getNumArgs() == 1)
    Argument = Construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
  DetachedCoroutine Coroutine;
  const VarDecl *Named = nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(Argument)) {
    // `loop()`, or a lambda called right there or through its variable.
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call)) {
      Coroutine.Body = resolveCallable(Operator->getArg(0), Context).Function;
      Named = lambdaVariable(Operator->getArg(0));
    } else {
      Coroutine.Body = Call->getDirectCallee();
    }
  } else {
    // A coroutine lambda co_spawn calls itself.
    Coroutine.Body = resolveCallable(Argument, Context).Function;
    Named = lambdaVariable(Argument);
  }
  if (!Coroutine.Body || !Coroutine.Body->getBody())
    return std::nullopt;
  const auto *Method = dyn_cast<CXXMethodDecl>(Coroutine.Body);
  if (Named)
    Coroutine.Subject = "coroutine " + quoted(Named->getName());
  else if (Method && Method->getParent()->isLambda())
    Coroutine.Subject = "coroutine running a lambda";
  else
    Coroutine.Subject =
        "coroutine " + quoted(Coroutine.Body->getNameAsString());
  return Coroutine;
}

namespace {
/// Whether \p E reads `this_coro::cancellation_state`, directly or through
/// a local initialised from it.
bool readsCancellationState(const Expr *E, ASTContext &Context) {
  for (const BoundNodes &Nodes :
       match(findAll(declRefExpr().bind("ref")), *E, Context)) {
    const ValueDecl *Decl = Nodes.getNodeAs<DeclRefExpr>("ref")->getDecl();
    if (StringRef(Decl->getQualifiedNameAsString())
            .ends_with("this_coro::cancellation_state"))
      return true;
    if (const auto *Var = dyn_cast<VarDecl>(Decl);
        Var && Var->isLocalVarDecl() && Var->getInit() &&
        readsCancellationState(Var->getInit(), Context))
      return true;
  }
  return false;
}

/// Whether \p Exit, inside \p Loop, is only reached through a branch on
/// the cancellation state.
bool underCancellationBranch(const Stmt *Exit, const Stmt *Loop,
                             const ParentMap &Parents, ASTContext &Context) {
  for (const Stmt *At = Parents.getParent(Exit); At && At != Loop;
       At = Parents.getParent(At))
    if (const auto *If = dyn_cast<IfStmt>(At);
        If && readsCancellationState(If->getCond(), Context))
      return true;
  return false;
}
} // namespace

const Stmt *loopLeftOnlyOnCancellation(const FunctionDecl *Coroutine,
                                       ASTContext &Context) {
  Stmt *Body = Coroutine->getBody();
  if (!Body)
    return nullptr;
  const auto ConstantTrue =
      anyOf(forStmt(unless(hasCondition(expr()))),
            mapAnyOf(whileStmt, doStmt, forStmt)
                .with(hasCondition(ignoringParenImpCasts(
                    expr(anyOf(cxxBoolLiteral(equals(true)),
                               integerLiteral(unless(equals(0)))))))));
  const auto Exit =
      stmt(anyOf(coreturnStmt(), returnStmt(), breakStmt(), cxxThrowExpr()));
  ParentMap Parents(Body);
  for (const BoundNodes &Loops :
       match(findAll(stmt(ConstantTrue).bind("loop")), *Body, Context)) {
    const Stmt *Loop = Loops.getNodeAs<Stmt>("loop");
    const auto Exits = match(findAll(Exit.bind("exit")), *Loop, Context);
    if (!Exits.empty() && llvm::all_of(Exits, [&](const BoundNodes &Nodes) {
          return underCancellationBranch(Nodes.getNodeAs<Stmt>("exit"), Loop,
                                         Parents, Context);
        }))
      return Loop;
  }
  return nullptr;
}

const VarDecl *onlyLocalTimerAwaited(const Stmt *Loop,
                                     const FunctionDecl *Coroutine,
                                     ASTContext &Context) {
  const VarDecl *Timer = nullptr;
  for (const BoundNodes &Nodes :
       match(findAll(coawaitExpr().bind("await")), *Loop, Context)) {
    const Expr *Operand = Nodes.getNodeAs<CoawaitExpr>("await")
                              ->getOperand()
                              ->IgnoreImplicit()
                              ->IgnoreParens();
    // `co_await this_coro::executor` and the like wait on nothing.
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Operand);
        Ref && StringRef(Ref->getDecl()->getQualifiedNameAsString())
                   .contains("this_coro::"))
      continue;
    const auto *Wait = dyn_cast<CXXMemberCallExpr>(Operand);
    if (!Wait || match(asioTimerWait(), *Wait, Context).empty())
      return nullptr;
    const auto *Ref = dyn_cast<DeclRefExpr>(
        Wait->getImplicitObjectArgument()->IgnoreParenImpCasts());
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || !Var->isLocalVarDecl() || Var->getType()->isReferenceType() ||
        Var->getParentFunctionOrMethod() != Coroutine)
      return nullptr;
    Timer = Timer ? Timer : Var;
  }
  return Timer;
}

} // namespace clang::tidy::leak::utils
