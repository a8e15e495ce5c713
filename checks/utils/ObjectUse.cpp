//===--- ObjectUse.cpp - leak-tidy ----------------------------------------===//

#include "ObjectUse.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::leak::utils {

using namespace ast_matchers;

bool usedBeyondMemberCalls(const VarDecl *Var, const FunctionDecl *Function,
                           ArrayRef<StringRef> AllowedMembers,
                           ASTContext &Context) {
  for (const BoundNodes &Nodes :
       match(findAll(declRefExpr(to(varDecl(equalsNode(Var)))).bind("ref")),
             *Function->getBody(), Context)) {
    const auto *Ref = Nodes.getNodeAs<DeclRefExpr>("ref");
    const DynTypedNodeList Parents = Context.getParents(*Ref);
    const auto *Member =
        Parents.empty() ? nullptr : Parents[0].get<MemberExpr>();
    if (!Member ||
        !llvm::is_contained(AllowedMembers, Member->getMemberDecl()->getName()))
      return true;
  }
  return false;
}

SourceLocation endOfScope(const VarDecl *Var, ASTContext &Context) {
  const DynTypedNodeList DeclParents = Context.getParents(*Var);
  const auto *Declaration =
      DeclParents.empty() ? nullptr : DeclParents[0].get<DeclStmt>();
  if (!Declaration)
    return {};
  const DynTypedNodeList Parents = Context.getParents(*Declaration);
  const auto *Block =
      Parents.empty() ? nullptr : Parents[0].get<CompoundStmt>();
  return Block ? Block->getRBracLoc() : SourceLocation();
}

bool isDiscardedTemporary(const Expr *E, ASTContext &Context) {
  for (DynTypedNodeList Parents = Context.getParents(*E); Parents.size() == 1;
       Parents = Context.getParents(Parents[0])) {
    if (Parents[0].get<CompoundStmt>())
      return true;
    const auto *Parent = Parents[0].get<Expr>();
    if (!Parent ||
        !isa<ExprWithCleanups, CXXBindTemporaryExpr, MaterializeTemporaryExpr,
             CXXFunctionalCastExpr, ImplicitCastExpr, ParenExpr>(Parent))
      return false;
  }
  return false;
}

} // namespace clang::tidy::leak::utils
