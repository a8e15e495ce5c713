//===--- FixPlacement.h - leak-tidy ---------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_FIXPLACEMENT_H
#define LEAK_TIDY_CHECKS_UTILS_FIXPLACEMENT_H

#include "ParentIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::leak::utils {

/// Inserts \p Code as a statement of its own before the statement that holds
/// \p S, on its own line with that statement's indentation. None when that
/// statement is not directly in a block (an unbraced `if` body, a `case`),
/// when macros are involved, or when \p MustBeVisible is declared inside it.
std::optional<FixItHint> insertStatementBefore(const Stmt *S, StringRef Code,
                                               const Decl *MustBeVisible,
                                               ParentIndex &Parents,
                                               ASTContext &Context);

/// Inserts \p Code before each of \p Statements, or nowhere: empty when one
/// of them cannot take it.
llvm::SmallVector<FixItHint, 2>
insertBeforeEach(ArrayRef<const ReturnStmt *> Statements, StringRef Code,
                 const Decl *MustBeVisible, ParentIndex &Parents,
                 ASTContext &Context);

/// Inserts \p Code as a statement of its own right after the statement
/// that holds \p S, under the same conditions.
std::optional<FixItHint> insertStatementAfter(const Stmt *S, StringRef Code,
                                              ParentIndex &Parents,
                                              ASTContext &Context);

/// Inserts \p Code as the first statement of \p Body, indented like the
/// statement it goes before. None when macros are involved.
std::optional<FixItHint> insertFirstStatement(const CompoundStmt *Body,
                                              StringRef Code,
                                              ASTContext &Context);

/// Inserts \p Code as the last statement of \p Body, before its closing
/// brace, indented like the statement before it. None in macros.
std::optional<FixItHint> insertLastStatement(const CompoundStmt *Body,
                                             StringRef Code,
                                             ASTContext &Context);

} // namespace clang::tidy::leak::utils

#endif
