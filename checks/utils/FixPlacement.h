//===--- FixPlacement.h - leak-tidy ---------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_FIXPLACEMENT_H
#define LEAK_TIDY_CHECKS_UTILS_FIXPLACEMENT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/Diagnostic.h"
#include <optional>

namespace clang::tidy::leak::utils {

/// Inserts \p Code as a statement of its own before the statement that holds
/// \p E, on its own line with that statement's indentation. None when that
/// statement is not directly in a block (an unbraced `if` body, a `case`),
/// when macros are involved, or when \p MustBeVisible is declared inside it.
std::optional<FixItHint> insertStatementBefore(const Expr *E, StringRef Code,
                                               const Decl *MustBeVisible,
                                               ASTContext &Context);

} // namespace clang::tidy::leak::utils

#endif
