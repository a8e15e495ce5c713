//===--- FixPlacement.cpp - leak-tidy -------------------------------------===//

#include "FixPlacement.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::leak::utils {

namespace {

/// Whether code inserted before \p Parent runs before \p Child each time:
/// \p Child is part of an expression, a declaration, a return, or a
/// condition, not the body of a branch or loop.
bool stillSameStatement(const DynTypedNode &Parent, const DynTypedNode &Child) {
  if (Parent.get<VarDecl>() || Parent.get<DeclStmt>() ||
      Parent.get<ReturnStmt>())
    return true;
  if (const auto *E = Parent.get<Expr>())
    return !isa<LambdaExpr>(E);
  const auto *Node = Child.get<Stmt>();
  if (!Node)
    return false;
  if (const auto *If = Parent.get<IfStmt>())
    return Node == If->getCond() || Node == If->getInit();
  if (const auto *While = Parent.get<WhileStmt>())
    return Node == While->getCond();
  if (const auto *Switch = Parent.get<SwitchStmt>())
    return Node == Switch->getCond() || Node == Switch->getInit();
  if (const auto *For = Parent.get<ForStmt>())
    return Node == For->getInit() || Node == For->getCond();
  return false;
}

/// The statement holding \p E whose parent is a block; null when the way up
/// leaves the function or passes a label.
const Stmt *statementInBlock(const Expr *E, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*E);
  while (true) {
    const DynTypedNodeList Parents = Context.getParents(Node);
    // A co_await operand also appears under the await's implicit calls.
    const auto *Await = llvm::find_if(Parents, [](const DynTypedNode &P) {
      return P.get<CoroutineSuspendExpr>() != nullptr;
    });
    if (Parents.size() != 1 && Await == Parents.end())
      return nullptr;
    const DynTypedNode &Parent = Await != Parents.end() ? *Await : Parents[0];
    if (Parent.get<CompoundStmt>()) {
      const auto *Statement = Node.get<Stmt>();
      return Statement && !isa<SwitchCase, LabelStmt>(Statement) ? Statement
                                                                 : nullptr;
    }
    if (!stillSameStatement(Parent, Node))
      return nullptr;
    Node = Parent;
  }
}

} // namespace

std::optional<FixItHint> insertStatementBefore(const Expr *E, StringRef Code,
                                               const Decl *MustBeVisible,
                                               ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const Stmt *Statement = statementInBlock(E, Context);
  if (!Statement || E->getBeginLoc().isMacroID() ||
      E->getEndLoc().isMacroID() || Statement->getBeginLoc().isMacroID())
    return std::nullopt;
  const SourceLocation Begin = Statement->getBeginLoc();
  if (MustBeVisible &&
      !SM.isBeforeInTranslationUnit(MustBeVisible->getLocation(), Begin))
    return std::nullopt;
  const auto [File, Offset] = SM.getDecomposedLoc(Begin);
  const StringRef Buffer = SM.getBufferData(File);
  const size_t LineStart = Buffer.rfind('\n', Offset) + 1; // npos + 1 == 0
  const StringRef Before = Buffer.slice(LineStart, Offset);
  if (Before.find_first_not_of(" \t") != StringRef::npos)
    return FixItHint::CreateInsertion(Begin, (Code + " ").str());
  return FixItHint::CreateInsertion(
      Begin.getLocWithOffset(-static_cast<int>(Before.size())),
      (Before + Code + "\n").str());
}

} // namespace clang::tidy::leak::utils
