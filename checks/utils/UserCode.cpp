//===--- UserCode.cpp - leak-tidy -----------------------------------------===//

#include "UserCode.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::leak::utils {

using namespace ast_matchers;

llvm::SmallVector<Decl *, 0> userTopLevelDecls(ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  llvm::SmallVector<Decl *, 0> Decls;
  for (Decl *TopLevel : Context.getTranslationUnitDecl()->decls()) {
    const SourceLocation Loc = TopLevel->getLocation();
    if (Loc.isValid() && !SM.isInSystemHeader(SM.getExpansionLoc(Loc)))
      Decls.push_back(TopLevel);
  }
  return Decls;
}

void forEachMatchInUserCode(
    ArrayRef<StatementMatcher> Candidates, ASTContext &Context,
    llvm::function_ref<void(const BoundNodes &)> OnMatch) {
  const StatementMatcher Any = internal::DynTypedMatcher::constructVariadic(
                                   internal::DynTypedMatcher::VO_EachOf,
                                   ASTNodeKind::getFromNodeKind<Stmt>(),
                                   {Candidates.begin(), Candidates.end()})
                                   .convertTo<Stmt>();
  const auto InDeclaration = traverse(TK_AsIs, decl(forEachDescendant(Any)));
  for (Decl *TopLevel : userTopLevelDecls(Context))
    for (const BoundNodes &Nodes : match(InDeclaration, *TopLevel, Context))
      OnMatch(Nodes);
}

const FunctionDecl *soleNodeOwner(const BoundNodes &Nodes, ParentIndex &Parents,
                                  ASTContext &Context) {
  const BoundNodes::IDToNodeMap &Bound = Nodes.getMap();
  return Bound.size() == 1
             ? Parents.enclosingFunction(Bound.begin()->second, Context)
             : nullptr;
}

} // namespace clang::tidy::leak::utils
