//===--- LeakCheck.cpp - leak-tidy ----------------------------------------===//

#include "LeakCheck.h"
#include "UserCode.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::leak::utils {

namespace {

bool contextWanted() {
  static const bool Wanted = leakTidyRunAsks("LEAK_TIDY_CONTEXT");
  return Wanted;
}

/// Walks down only into the declarations whose source range holds Loc, and
/// keeps the innermost named function, class and variable on the way.
class Enclosing : public RecursiveASTVisitor<Enclosing> {
public:
  Enclosing(SourceLocation Loc, const SourceManager &SM) : Loc(Loc), SM(SM) {}

  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseDecl(Decl *D) {
    if (!D || !holdsLoc(D->getSourceRange()))
      return true;
    if (const auto *Function = dyn_cast<FunctionDecl>(D)) {
      const auto *Method = dyn_cast<CXXMethodDecl>(Function);
      if (!Method || !Method->getParent()->isLambda())
        Name = Function->getQualifiedNameAsString();
    } else if (const auto *Record = dyn_cast<CXXRecordDecl>(D)) {
      if (!Record->isLambda() && Record->getIdentifier())
        Name = Record->getQualifiedNameAsString();
    } else if (const auto *Variable = dyn_cast<VarDecl>(D)) {
      if (!Variable->isLocalVarDeclOrParm())
        Name = Variable->getQualifiedNameAsString();
    }
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  std::string Name;

private:
  bool holdsLoc(SourceRange Range) const {
    const SourceLocation Begin = SM.getExpansionLoc(Range.getBegin());
    const SourceLocation End = SM.getExpansionRange(Range.getEnd()).getEnd();
    return Begin.isValid() && End.isValid() &&
           !SM.isBeforeInTranslationUnit(Loc, Begin) &&
           !SM.isBeforeInTranslationUnit(End, Loc);
  }

  SourceLocation Loc;
  const SourceManager &SM;
};

} // namespace

std::string enclosingDeclarationName(SourceLocation Loc, ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  Enclosing Finder(SM.getExpansionLoc(Loc), SM);
  for (Decl *TopLevel : userTopLevelDecls(Context))
    Finder.TraverseDecl(TopLevel);
  return Finder.Name;
}

DiagnosticBuilder LeakCheck::diag(SourceLocation Loc, StringRef Description,
                                  DiagnosticIDs::Level Level) {
  if (Level == DiagnosticIDs::Warning && Index && contextWanted())
    ClangTidyCheck::diag(Loc, "in %0", DiagnosticIDs::Remark)
        << enclosingDeclarationName(Loc, Index->context());
  return ClangTidyCheck::diag(Loc, Description, Level);
}

} // namespace clang::tidy::leak::utils
