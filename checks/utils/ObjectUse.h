//===--- ObjectUse.h - leak-tidy ------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_OBJECTUSE_H
#define LEAK_TIDY_CHECKS_UTILS_OBJECTUSE_H

#include "ParentIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::leak::utils {

/// Whether \p Var is used in \p Function other than as the object of a call
/// to one of the member functions in \p AllowedMembers: moved, copied, passed
/// on, stored, or given to any other member function.
bool usedBeyondMemberCalls(const VarDecl *Var, const FunctionDecl *Function,
                           ArrayRef<StringRef> AllowedMembers,
                           ParentIndex &Parents, ASTContext &Context);

/// The closing brace of the block that declares the local \p Var, where its
/// destructor runs; invalid when it is not declared in a block.
SourceLocation endOfScope(const VarDecl *Var, ParentIndex &Parents,
                          ASTContext &Context);

/// Whether \p E is a temporary that a statement creates and discards at once
/// (`boost::thread{f};`).
bool isDiscardedTemporary(const Expr *E, ParentIndex &Parents,
                          ASTContext &Context);

} // namespace clang::tidy::leak::utils

#endif
