//===--- UserCode.h - leak-tidy -------------------------------------------===//
//
// Where the leak checks look: the code outside system headers.
//
// A matcher registered with the MatchFinder is tried on every node of the
// translation unit, and on a Boost, Qt or gRPC file nearly all of them are
// in system headers and their template instantiations. The leak checks
// register translationUnitDecl() alone and run their candidate matchers from
// check() over the user code only, so their cost follows the size of the
// code they report on, not of the headers it includes.
//
//===----------------------------------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_USERCODE_H
#define LEAK_TIDY_CHECKS_UTILS_USERCODE_H

#include "ParentIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::leak::utils {

/// The top-level declarations of the translation unit outside system
/// headers.
llvm::SmallVector<Decl *, 0> userTopLevelDecls(ASTContext &Context);

/// Calls \p OnMatch for every match of each of \p Candidates in the user
/// code, as the MatchFinder would find them there: template instantiations
/// and implicit code included. All of them are tried in one traversal.
void forEachMatchInUserCode(
    ArrayRef<ast_matchers::StatementMatcher> Candidates, ASTContext &Context,
    llvm::function_ref<void(const ast_matchers::BoundNodes &)> OnMatch);

/// The function whose body holds the one node \p Nodes binds; null when it
/// binds more or none, or the node is outside a function.
const FunctionDecl *soleNodeOwner(const ast_matchers::BoundNodes &Nodes,
                                  ParentIndex &Parents, ASTContext &Context);

} // namespace clang::tidy::leak::utils

#endif
