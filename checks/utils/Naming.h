//===--- Naming.h - leak-tidy ---------------------------------------------===//
//
// How diagnostics name things: quoted names, an expression's text, and the
// location of the name a call is made through.
//
//===----------------------------------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_NAMING_H
#define LEAK_TIDY_CHECKS_UTILS_NAMING_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include <string>

namespace clang::tidy::leak::utils {

/// `'Name'`, as messages quote declarations.
std::string quoted(StringRef Name);

/// `'start'` for a function, `the lambda` for a lambda's call operator.
std::string describeFunction(const FunctionDecl *Function);

/// \p E as written; empty when it cannot be read back (inside a macro).
std::string sourceText(const Expr *E, const ASTContext &Context);

/// Where a call names its function: `Get` in `cpr::Get(...)`, `async_wait`
/// in `timer.async_wait(...)`; the start of any other expression. A file
/// location: where a macro argument spells it, or the macro's expansion.
SourceLocation nameLoc(const Expr *Call, const SourceManager &SM);

} // namespace clang::tidy::leak::utils

#endif
