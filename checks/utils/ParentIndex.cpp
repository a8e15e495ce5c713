//===--- ParentIndex.cpp - leak-tidy --------------------------------------===//

#include "ParentIndex.h"
#include "UserCode.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/Version.h"

namespace clang::tidy::leak::utils {

namespace {

/// Records each statement's and declaration's parent while traversing as the
/// matchers do (template instantiations and implicit code included, so that
/// a matched node is always found).
class IndexBuilder : public RecursiveASTVisitor<IndexBuilder> {
  using Base = RecursiveASTVisitor<IndexBuilder>;

public:
  using ParentMap =
      llvm::DenseMap<const void *, llvm::SmallVector<DynTypedNode, 1>>;

  explicit IndexBuilder(ParentMap &Parents) : Parents(Parents) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    return visit(DynTypedNode::create(*D),
                 [&] { return Base::TraverseDecl(D); });
  }

  // Overriding this one-argument form makes the base class call it for every
  // child, instead of queueing children where no parent can be recorded.
  bool TraverseStmt(Stmt *S) {
    if (!S)
      return true;
    return visit(DynTypedNode::create(*S),
                 [&] { return Base::TraverseStmt(S); });
  }

  // A type is a parent too: `decltype(x)` holds the reference to x.
#if CLANG_VERSION_MAJOR >= 22
  bool TraverseTypeLoc(TypeLoc TL, bool TraverseQualifier = true) {
    return visitType(
        TL, [&] { return Base::TraverseTypeLoc(TL, TraverseQualifier); });
  }
#else
  bool TraverseTypeLoc(TypeLoc TL) {
    return visitType(TL, [&] { return Base::TraverseTypeLoc(TL); });
  }
#endif

private:
  template <typename TraverseFn>
  bool visitType(TypeLoc TL, TraverseFn Traverse) {
    if (TL.isNull())
      return true;
    Stack.push_back(DynTypedNode::create(TL));
    const bool Continue = Traverse();
    Stack.pop_back();
    return Continue;
  }

  template <typename TraverseFn>
  bool visit(const DynTypedNode &Node, TraverseFn Traverse) {
    if (!Stack.empty()) {
      llvm::SmallVector<DynTypedNode, 1> &Known =
          Parents[Node.getMemoizationData()];
      // A node reached twice through the same parent (an init list in its
      // syntactic and semantic forms) keeps that parent once.
      if (!llvm::is_contained(Known, Stack.back()))
        Known.push_back(Stack.back());
    }
    Stack.push_back(Node);
    const bool Continue = Traverse();
    Stack.pop_back();
    return Continue;
  }

  ParentMap &Parents;
  llvm::SmallVector<DynTypedNode, 32> Stack;
};

} // namespace

void ParentIndex::clear() {
  Parents.clear();
  Unindexed.clear();
  Listed = false;
}

bool ParentIndex::indexAround(const DynTypedNode &Node, ASTContext &Context) {
  if (!Listed) {
    Unindexed = userTopLevelDecls(Context);
    Listed = true;
  }
  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation Loc =
      SM.getExpansionLoc(Node.getSourceRange().getBegin());
  auto Holds = [&](const Decl *TopLevel) {
    const SourceRange Range =
        SM.getExpansionRange(TopLevel->getSourceRange()).getAsRange();
    return !SM.isBeforeInTranslationUnit(Loc, Range.getBegin()) &&
           !SM.isBeforeInTranslationUnit(Range.getEnd(), Loc);
  };
  auto *Next =
      Loc.isValid() ? llvm::find_if(Unindexed, Holds) : Unindexed.end();
  // A node without a location, or one that sits elsewhere than its source
  // (a member of an explicit instantiation): the declarations in order.
  if (Next == Unindexed.end())
    Next = Unindexed.begin();
  if (Next == Unindexed.end())
    return false;
  IndexBuilder(Parents).TraverseDecl(*Next);
  Unindexed.erase(Next);
  return true;
}

ArrayRef<DynTypedNode> ParentIndex::parents(const DynTypedNode &Node,
                                            ASTContext &Context) {
  const void *Key = Node.getMemoizationData();
  // Types have no identity to look up; nothing in system headers is indexed.
  if (!Key || Context.getSourceManager().isInSystemHeader(
                  Context.getSourceManager().getExpansionLoc(
                      Node.getSourceRange().getBegin())))
    return {};
  auto Found = Parents.find(Key);
  while (Found == Parents.end() && indexAround(Node, Context))
    Found = Parents.find(Key);
  if (Found == Parents.end())
    return {};
  return Found->second;
}

const FunctionDecl *ParentIndex::enclosingFunction(const DynTypedNode &Node,
                                                   ASTContext &Context) {
  llvm::SmallVector<DynTypedNode, 8> Pending(parents(Node, Context));
  while (!Pending.empty()) {
    const DynTypedNode Current = Pending.pop_back_val();
    if (const auto *Function = Current.get<FunctionDecl>())
      return Function;
    if (const auto *Lambda = Current.get<LambdaExpr>())
      return Lambda->getCallOperator();
    if (Current.get<BlockDecl>() || Current.get<ObjCMethodDecl>())
      return nullptr;
    llvm::append_range(Pending, parents(Current, Context));
  }
  return nullptr;
}

} // namespace clang::tidy::leak::utils
