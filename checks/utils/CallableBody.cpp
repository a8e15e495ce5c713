//===--- CallableBody.cpp - leak-tidy -------------------------------------===//

#include "CallableBody.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::leak::utils {
namespace {

const FunctionDecl *visibleDefinition(const FunctionDecl *Fn,
                                      const ASTContext &Context) {
  if (!Fn)
    return nullptr;
  const FunctionDecl *Definition = Fn->getDefinition();
  if (!Definition || !Definition->hasBody() ||
      Context.getSourceManager().isInSystemHeader(Definition->getLocation()))
    return nullptr;
  return Definition;
}

/// The operator() of a functor type, when it has exactly one.
const FunctionDecl *callOperatorOf(QualType Type, const ASTContext &Context) {
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return nullptr;
  const FunctionDecl *Found = nullptr;
  for (const NamedDecl *D :
       Record->lookup(Context.DeclarationNames.getCXXOperatorName(OO_Call))) {
    const auto *Method = dyn_cast<CXXMethodDecl>(D);
    if (!Method || Found)
      return nullptr; // A template or an overload set: ambiguous.
    Found = Method;
  }
  return visibleDefinition(Found, Context);
}

bool isWrapperType(QualType Type) {
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (!Record)
    return false;
  const std::string Name = Record->getQualifiedNameAsString();
  return Name == "std::function" || Name == "boost::function" ||
         Name == "std::move_only_function" || Name == "std::packaged_task" ||
         Name == "boost::packaged_task";
}

CallableBody resolve(const Expr *E, const ASTContext &Context, unsigned Depth) {
  if (!E || Depth > 4)
    return {};
  E = E->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
    return resolve(Cast->getSubExpr(), Context, Depth + 1);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
    return {visibleDefinition(Lambda->getCallOperator(), Context), Lambda};
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    if (Unary->getOpcode() == UO_AddrOf || Unary->getOpcode() == UO_Plus)
      return resolve(Unary->getSubExpr(), Context, Depth + 1);
  // A captureless lambda converted to a function pointer.
  if (const auto *Conversion = dyn_cast<CXXMemberCallExpr>(E))
    if (isa_and_nonnull<CXXConversionDecl>(Conversion->getMethodDecl()))
      return resolve(Conversion->getImplicitObjectArgument(), Context,
                     Depth + 1);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Fn = dyn_cast<FunctionDecl>(Ref->getDecl()))
      return {visibleDefinition(Fn, Context), nullptr};
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl())) {
      if (Var->isLocalVarDecl() && Var->getInit())
        if (CallableBody FromInit = resolve(Var->getInit(), Context, Depth + 1);
            FromInit.Function)
          return FromInit;
      return {callOperatorOf(Var->getType(), Context), nullptr};
    }
    return {};
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (const FunctionDecl *Callee = Call->getDirectCallee()) {
      const std::string Name = Callee->getQualifiedNameAsString();
      if ((Name == "std::bind" || Name == "boost::bind") &&
          Call->getNumArgs() > 0)
        return resolve(Call->getArg(0), Context, Depth + 1);
      // Asio's bind_executor(executor, handler) runs the handler unchanged.
      if ((Name == "boost::asio::bind_executor" ||
           Name == "asio::bind_executor") &&
          Call->getNumArgs() >= 2) // Boost adds a defaulted constraint.
        return resolve(Call->getArg(1), Context, Depth + 1);
    }
    return {};
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() == 1 &&
        (isWrapperType(Construct->getType()) ||
         Construct->getConstructor()->isCopyOrMoveConstructor()))
      return resolve(Construct->getArg(0), Context, Depth + 1);
  }
  // A functor temporary: `Functor{}`, `Functor(args)`, an aggregate.
  return {callOperatorOf(E->getType(), Context), nullptr};
}

} // namespace

CallableBody resolveCallable(const Expr *Callable, const ASTContext &Context) {
  return resolve(Callable, Context, 0);
}

const FunctionDecl *instantiated(const FunctionDecl *Function) {
  if (!Function->isDependentContext())
    return Function;
  if (const FunctionTemplateDecl *Template =
          Function->getDescribedFunctionTemplate())
    for (const FunctionDecl *Specialization : Template->specializations())
      if (Specialization->hasBody())
        return Specialization;
  return nullptr;
}

} // namespace clang::tidy::leak::utils
