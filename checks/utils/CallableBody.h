//===--- CallableBody.h - leak-tidy ---------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_CALLABLEBODY_H
#define LEAK_TIDY_CHECKS_UTILS_CALLABLEBODY_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::leak::utils {

/// The code a thread or task runs, resolved from the callable handed to its
/// constructor or spawn call.
struct CallableBody {
  /// The definition that runs: a lambda's call operator, a function, a
  /// member function or a functor's operator(). Null when not visible.
  const FunctionDecl *Function = nullptr;
  /// Set when the callable is a lambda written at the spawn (or in a local
  /// variable initialised with one).
  const LambdaExpr *Lambda = nullptr;
};

/// Resolves \p Callable: a lambda, `f` or `&f`, `&Class::method`, a functor
/// object or temporary, a local variable initialised with one of those, a
/// std::function wrapping one, or std::bind / boost::bind / Asio's
/// bind_executor of one. Only
/// definitions in this translation unit outside system headers count.
CallableBody resolveCallable(const Expr *Callable, const ASTContext &Context);

/// A generic lambda's or function template's code as instantiated, where
/// calls are resolved and a CFG can be built; \p Function itself when it is
/// not a template; null when it was never instantiated.
const FunctionDecl *instantiated(const FunctionDecl *Function);

} // namespace clang::tidy::leak::utils

#endif
