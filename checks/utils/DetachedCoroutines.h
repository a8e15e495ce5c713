//===--- DetachedCoroutines.h - leak-tidy ---------------------------------===//
//
// Asio coroutines spawned with the `detached` token: the closest C++
// spelling of `go loop()`. What a co_spawn runs, and whether anything
// outside the coroutine could wake its loop with an error.
//
//===----------------------------------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_DETACHEDCOROUTINES_H
#define LEAK_TIDY_CHECKS_UTILS_DETACHEDCOROUTINES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include <optional>
#include <string>

namespace clang::tidy::leak::utils {

/// `co_spawn(executor, coroutine, detached)` of Boost.Asio or standalone
/// Asio with the bare `detached` token: no cancellation slot is bound, so
/// nothing can ever cancel it.
ast_matchers::internal::BindableMatcher<Stmt> detachedCoSpawn();

/// The coroutine a detached co_spawn runs, when its body is in the
/// translation unit: `loop()`, `[&]() -> awaitable<void> {...}()`, or a
/// coroutine lambda (or a variable holding one) handed over to be called.
struct DetachedCoroutine {
  const FunctionDecl *Body = nullptr;
  /// `coroutine 'sweep'`, `coroutine running a lambda`.
  std::string Subject;
};
std::optional<DetachedCoroutine> spawnedCoroutine(const CallExpr *Spawn,
                                                  const ASTContext &Context);

/// A loop of \p Coroutine whose condition is constant true and whose every
/// way out (co_return, return, break, throw) is under a branch on
/// `this_coro::cancellation_state`: with a bare `detached` token no slot is
/// connected, so nothing can ever emit the cancellation it waits for. Null
/// when there is none.
const Stmt *loopLeftOnlyOnCancellation(const FunctionDecl *Coroutine,
                                       ASTContext &Context);

/// The timer a loop of a coroutine awaits, when every operation the loop
/// awaits is a wait on an Asio timer that is a local of \p Coroutine:
/// nobody else holds it, so nobody can cancel it. Null when the loop also
/// awaits anything else (a socket, a channel, a timer held outside), which
/// whoever holds it can close or cancel, throwing out of the loop.
const VarDecl *onlyLocalTimerAwaited(const Stmt *Loop,
                                     const FunctionDecl *Coroutine,
                                     ASTContext &Context);

} // namespace clang::tidy::leak::utils

#endif
