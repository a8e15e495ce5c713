//===--- AsioTimers.h - leak-tidy -----------------------------------------===//
//
// What an Asio completion handler does with the timer it waits on: whether
// it waits on it again, directly or through member functions however many
// deep, and whether it first leaves on the error code that cancel()
// delivers.
//
//===----------------------------------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_ASIOTIMERS_H
#define LEAK_TIDY_CHECKS_UTILS_ASIOTIMERS_H

#include "CallableBody.h"
#include "TrackedObject.h"
#include "TranslationUnitIndex.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/Diagnostic.h"
#include <optional>

namespace clang::tidy::leak::utils {

/// `timer.async_wait(...)` on any Boost.Asio or standalone Asio timer.
ast_matchers::internal::BindableMatcher<Stmt> asioTimerWait();

/// The variable or member an Asio timer expression names, through `&`, `*`,
/// `->` and smart pointers, whatever object a member is reached through.
const ValueDecl *timerIdentity(const Expr *E);

/// A completion handler given to async_wait that arms its timer again.
struct RearmingHandler {
  CallableBody Handler;
  /// The handler's definition as instantiated.
  const FunctionDecl *Function = nullptr;
  /// The timer the wait is on, when it is named by a variable or member.
  const ValueDecl *Timer = nullptr;
  /// The calls that arm the timer again, in source order.
  llvm::SmallVector<const CallExpr *, 4> ReArms;
  /// A branch on the handler's error code leads to its end without
  /// re-arming: cancel() stops the cycle.
  bool LeavesOnError = false;
  /// A branch on a count the handler advances (`if (++count_ < 5)`), or on
  /// state that the code cancelling the timer changes (a stop flag, the
  /// socket it closes), leads to its end without re-arming: the cycle ends
  /// by itself, or with whoever cancels it.
  bool Bounded = false;
};

/// The handler \p Wait is given, when its body is visible and it arms the
/// timer again on some path.
std::optional<RearmingHandler> rearmingHandler(const CXXMemberCallExpr *Wait,
                                               TranslationUnitIndex &Index);

/// A wait in a coroutine whose completion token turns the error into a
/// value (`as_tuple`, `redirect_error`, `as_single`, and a stackful
/// coroutine's `yield[ec]`): a cancellation no longer throws out of the
/// coroutine, so its loop must leave on the error.
struct ValueTokenWait {
  /// The token's name, for messages: `as_tuple`.
  StringRef Token;
  /// In a stackful coroutine (spawn), whose function leaves with `return`.
  bool Stackful = false;
  /// What holds the error code afterwards: the variable redirect_error
  /// writes, or the first name a structured binding gives the result.
  const NamedDecl *ErrorCode = nullptr;
};
std::optional<ValueTokenWait> valueTokenWait(const CXXMemberCallExpr *Wait,
                                             ParentIndex &Parents,
                                             ASTContext &Context);

/// A call that moves the expiry of the member timer \p Timer in a member
/// function that does not wait on it: it cancels the pending wait, and a
/// handler that waits again on operation_aborted is how the deadline moves
/// (Beast's and Asio's deadline actors). Null when there is none.
const CXXMemberCallExpr *deadlineMove(const ValueDecl *Timer,
                                      TranslationUnitIndex &Index);

/// Asio timers: cancel() and cancel_one(), `delete`, and resetting the smart
/// pointer that holds one end the pending wait.
class AsioTimerApi : public ObjectApi {
public:
  UseEffect memberCall(const CXXMemberCallExpr *Call,
                       ASTContext &Context) const override;
  UseEffect deleted() const override { return UseEffect::Finite; }
};

/// The `if (ec) return;` fix for an Asio handler: the statement, and a name
/// for its error_code parameter when it has none. None without such a
/// parameter, or when `ec` is taken.
llvm::SmallVector<FixItHint, 2> leaveOnErrorFix(const FunctionDecl *Handler,
                                                ASTContext &Context);

} // namespace clang::tidy::leak::utils

#endif
