//===--- ObjectUse.cpp - leak-tidy ----------------------------------------===//

#include "ObjectUse.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::leak::utils {

using namespace ast_matchers;

bool usedBeyondMemberCalls(const VarDecl *Var, const FunctionDecl *Function,
                           ArrayRef<StringRef> AllowedMembers,
                           ParentIndex &Parents, ASTContext &Context) {
  for (const BoundNodes &Nodes :
       match(findAll(declRefExpr(to(varDecl(equalsNode(Var)))).bind("ref")),
             *Function->getBody(), Context)) {
    const auto *Ref = Nodes.getNodeAs<DeclRefExpr>("ref");
    const ArrayRef<DynTypedNode> Above = Parents.parents(*Ref, Context);
    const auto *Member = Above.empty() ? nullptr : Above[0].get<MemberExpr>();
    if (!Member ||
        !llvm::is_contained(AllowedMembers, Member->getMemberDecl()->getName()))
      return true;
  }
  return false;
}

SourceLocation endOfScope(const VarDecl *Var, ParentIndex &Parents,
                          ASTContext &Context) {
  const ArrayRef<DynTypedNode> DeclParents = Parents.parents(*Var, Context);
  const auto *Declaration =
      DeclParents.empty() ? nullptr : DeclParents[0].get<DeclStmt>();
  if (!Declaration)
    return {};
  const ArrayRef<DynTypedNode> Above = Parents.parents(*Declaration, Context);
  const auto *Block = Above.empty() ? nullptr : Above[0].get<CompoundStmt>();
  return Block ? Block->getRBracLoc() : SourceLocation();
}

bool isDiscardedTemporary(const Expr *E, ParentIndex &Parents,
                          ASTContext &Context) {
  for (ArrayRef<DynTypedNode> Above = Parents.parents(*E, Context);
       Above.size() == 1; Above = Parents.parents(Above[0], Context)) {
    if (Above[0].get<CompoundStmt>())
      return true;
    const auto *Parent = Above[0].get<Expr>();
    if (!Parent ||
        !isa<ExprWithCleanups, CXXBindTemporaryExpr, MaterializeTemporaryExpr,
             CXXFunctionalCastExpr, ImplicitCastExpr, ParenExpr>(Parent))
      return false;
  }
  return false;
}

} // namespace clang::tidy::leak::utils
