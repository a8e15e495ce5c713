//===--- FixPlacement.cpp - leak-tidy -------------------------------------===//

#include "FixPlacement.h"
#include "clang/AST/ExprCXX.h"
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

/// The statement holding \p S whose parent is a block; null when the way up
/// leaves the function or passes a label.
const Stmt *statementInBlock(const Stmt *S, ParentIndex &Parents,
                             ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    const ArrayRef<DynTypedNode> Above = Parents.parents(Node, Context);
    // A co_await operand also appears under the await's implicit calls.
    const auto *Await = llvm::find_if(Above, [](const DynTypedNode &P) {
      return P.get<CoroutineSuspendExpr>() != nullptr;
    });
    if (Above.size() != 1 && Await == Above.end())
      return nullptr;
    const DynTypedNode &Parent = Await != Above.end() ? *Await : Above[0];
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

/// The text between the start of \p Loc's line and \p Loc.
StringRef textBeforeOnLine(SourceLocation Loc, const SourceManager &SM) {
  const auto [File, Offset] = SM.getDecomposedLoc(Loc);
  const StringRef Buffer = SM.getBufferData(File);
  const size_t LineStart = Buffer.rfind('\n', Offset) + 1; // npos + 1 == 0
  return Buffer.slice(LineStart, Offset);
}

bool onlyBlanks(StringRef Text) {
  return Text.find_first_not_of(" \t") == StringRef::npos;
}

/// Inserts \p Code on a line of its own before \p Loc, indented by
/// \p Indent, when \p Loc starts its line; else just before \p Loc.
FixItHint insertLineBefore(SourceLocation Loc, StringRef Indent, StringRef Code,
                           const SourceManager &SM) {
  const StringRef Before = textBeforeOnLine(Loc, SM);
  if (!onlyBlanks(Before))
    return FixItHint::CreateInsertion(Loc, (Code + " ").str());
  return FixItHint::CreateInsertion(
      Loc.getLocWithOffset(-static_cast<int>(Before.size())),
      (Indent + Code + "\n").str());
}

} // namespace

std::optional<FixItHint> insertStatementBefore(const Stmt *S, StringRef Code,
                                               const Decl *MustBeVisible,
                                               ParentIndex &Parents,
                                               ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const Stmt *Statement = statementInBlock(S, Parents, Context);
  if (!Statement || S->getBeginLoc().isMacroID() ||
      S->getEndLoc().isMacroID() || Statement->getBeginLoc().isMacroID())
    return std::nullopt;
  const SourceLocation Begin = Statement->getBeginLoc();
  if (MustBeVisible &&
      !SM.isBeforeInTranslationUnit(MustBeVisible->getLocation(), Begin))
    return std::nullopt;
  return insertLineBefore(Begin, textBeforeOnLine(Begin, SM), Code, SM);
}

std::optional<FixItHint> insertFirstStatement(const CompoundStmt *Body,
                                              StringRef Code,
                                              ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation LBrace = Body->getLBracLoc();
  if (LBrace.isMacroID() || Body->getRBracLoc().isMacroID())
    return std::nullopt;
  if (!Body->body_empty()) {
    const SourceLocation First = Body->body_front()->getBeginLoc();
    if (First.isMacroID())
      return std::nullopt;
    const StringRef Before = textBeforeOnLine(First, SM);
    if (onlyBlanks(Before))
      return insertLineBefore(First, Before, Code, SM);
  }
  return FixItHint::CreateInsertion(LBrace.getLocWithOffset(1),
                                    (" " + Code).str());
}

std::optional<FixItHint> insertLastStatement(const CompoundStmt *Body,
                                             StringRef Code,
                                             ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation RBrace = Body->getRBracLoc();
  if (RBrace.isMacroID())
    return std::nullopt;
  std::string Indent = (textBeforeOnLine(RBrace, SM) + "  ").str();
  if (!Body->body_empty()) {
    // `assert(...);` as the last statement is indented where it expands.
    const SourceLocation Last =
        SM.getExpansionLoc(Body->body_back()->getBeginLoc());
    if (const StringRef Before = textBeforeOnLine(Last, SM); onlyBlanks(Before))
      Indent = Before.str();
  }
  return insertLineBefore(RBrace, Indent, Code, SM);
}

std::optional<FixItHint> insertStatementAfter(const Stmt *S, StringRef Code,
                                              ParentIndex &Parents,
                                              ASTContext &Context) {
  const Stmt *Statement = statementInBlock(S, Parents, Context);
  if (!Statement || Statement->getBeginLoc().isMacroID() ||
      Statement->getEndLoc().isMacroID())
    return std::nullopt;
  const ArrayRef<DynTypedNode> Above = Parents.parents(*Statement, Context);
  const auto *Block =
      Above.size() == 1 ? Above[0].get<CompoundStmt>() : nullptr;
  if (!Block)
    return std::nullopt;
  const auto *Next = llvm::find(Block->body(), Statement);
  if (Next == Block->body_end())
    return std::nullopt;
  ++Next;
  if (Next == Block->body_end())
    return insertLastStatement(Block, Code, Context);
  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation Begin = (*Next)->getBeginLoc();
  if (Begin.isMacroID())
    return std::nullopt;
  return insertLineBefore(Begin, textBeforeOnLine(Begin, SM), Code, SM);
}

llvm::SmallVector<FixItHint, 2>
insertBeforeEach(ArrayRef<const ReturnStmt *> Statements, StringRef Code,
                 const Decl *MustBeVisible, ParentIndex &Parents,
                 ASTContext &Context) {
  llvm::SmallVector<FixItHint, 2> Fixes;
  for (const ReturnStmt *Statement : Statements) {
    std::optional<FixItHint> Fix =
        insertStatementBefore(Statement, Code, MustBeVisible, Parents, Context);
    if (!Fix)
      return {};
    Fixes.push_back(*Fix);
  }
  return Fixes;
}

} // namespace clang::tidy::leak::utils
