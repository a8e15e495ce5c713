//===--- ParentIndex.h - leak-tidy ----------------------------------------===//
//
// Parents of the nodes in user code, without ASTContext's parent map.
//
// ASTContext::getParents (and the hasParent, hasAncestor and forCallable
// matchers) builds one map over the whole translation unit, system headers
// and their template instantiations included. On a Boost or Qt file that
// costs more than everything else the leak checks do. The checks only ever
// ask about code outside system headers, so this index covers just the
// top-level declarations there, each one only once a check first asks about
// a node inside it.
//
//===----------------------------------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_PARENTINDEX_H
#define LEAK_TIDY_CHECKS_UTILS_PARENTINDEX_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::leak::utils {

class ParentIndex {
public:
  /// The parents of \p Node as ASTContext::getParents gives them (a node
  /// shared by two parents, such as a co_await operand, has both), with
  /// the nodes that are neither statements, declarations nor type locations
  /// skipped. Empty for a node in a system header.
  ArrayRef<DynTypedNode> parents(const DynTypedNode &Node, ASTContext &Context);
  template <typename T>
  ArrayRef<DynTypedNode> parents(const T &Node, ASTContext &Context) {
    return parents(DynTypedNode::create(Node), Context);
  }

  /// The function whose body holds \p Node, a lambda's call operator inside
  /// a lambda, as the forCallable matcher finds it. Null outside functions.
  const FunctionDecl *enclosingFunction(const DynTypedNode &Node,
                                        ASTContext &Context);
  template <typename T>
  const FunctionDecl *enclosingFunction(const T &Node, ASTContext &Context) {
    return enclosingFunction(DynTypedNode::create(Node), Context);
  }

  /// Forgets the translation unit; call from onStartOfTranslationUnit.
  void clear();

private:
  /// Indexes one more top-level declaration, the one whose source holds
  /// \p Node when there is one; false when all are indexed.
  bool indexAround(const DynTypedNode &Node, ASTContext &Context);

  /// Keyed by the node's memoization data (its Stmt or Decl pointer).
  llvm::DenseMap<const void *, llvm::SmallVector<DynTypedNode, 1>> Parents;
  /// The user top-level declarations not indexed yet, once listed.
  llvm::SmallVector<Decl *, 0> Unindexed;
  bool Listed = false;
};

} // namespace clang::tidy::leak::utils

#endif
