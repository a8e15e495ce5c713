//===--- Naming.cpp - leak-tidy -------------------------------------------===//

#include "Naming.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::leak::utils {

std::string quoted(StringRef Name) { return ("'" + Name + "'").str(); }

std::string describeFunction(const FunctionDecl *Function) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Function);
      Method && Method->getParent()->isLambda())
    return "the lambda";
  return quoted(Function->getNameAsString());
}

std::string sourceText(const Expr *E, const ASTContext &Context) {
  return Lexer::getSourceText(
             CharSourceRange::getTokenRange(E->getSourceRange()),
             Context.getSourceManager(), Context.getLangOpts())
      .str();
}

SourceLocation nameLoc(const Expr *Call, const SourceManager &SM) {
  const auto *Plain = dyn_cast<CallExpr>(Call);
  if (!Plain)
    return SM.getFileLoc(Call->getBeginLoc());
  const Expr *Callee = Plain->getCallee()->IgnoreImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Callee))
    return SM.getFileLoc(Ref->getLocation());
  return SM.getFileLoc(Callee->getExprLoc());
}

} // namespace clang::tidy::leak::utils
