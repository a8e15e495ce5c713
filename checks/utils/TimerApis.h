//===--- TimerApis.h - leak-tidy ------------------------------------------===//
//
// What leak-unstopped-timer knows about each timer library: which calls stop
// a timer and which only use it. A stop is reported as UseEffect::Finite: it
// ends the timer's life the way a timeout ends a wait.
//
//===----------------------------------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_TIMERAPIS_H
#define LEAK_TIDY_CHECKS_UTILS_TIMERAPIS_H

#include "TrackedObject.h"
#include <string>

namespace clang::tidy::leak::utils {

/// POSIX timer ids: timer_delete stops; the other timer_* calls use them.
class PosixTimerApi : public ObjectApi {
public:
  std::optional<UseEffect> argumentOf(const CallExpr *Call, unsigned Index,
                                      ASTContext &Context) const override;
};

/// libuv handles: uv_timer_stop and uv_close stop (and free() ends one);
/// every other uv_* function only uses them.
class UvTimerApi : public ObjectApi {
public:
  std::optional<UseEffect> argumentOf(const CallExpr *Call, unsigned Index,
                                      ASTContext &Context) const override;
};

/// libevent events: event_del and event_free stop; the other event_* and
/// evtimer_* functions use them.
class LibeventApi : public ObjectApi {
public:
  std::optional<UseEffect> argumentOf(const CallExpr *Call, unsigned Index,
                                      ASTContext &Context) const override;
};

/// QTimer: stop(), deleteLater(), setParent() and delete end it; connecting
/// its signals only uses it.
class QTimerApi : public ObjectApi {
public:
  UseEffect memberCall(const CXXMemberCallExpr *Call,
                       ASTContext &Context) const override;
  std::optional<UseEffect> argumentOf(const CallExpr *Call, unsigned Index,
                                      ASTContext &Context) const override;
  UseEffect deleted() const override { return UseEffect::Finite; }
};

/// An in-house timer from the TimerApis option: a start function and the
/// stop function that ends it, both by qualified name. Member functions act
/// on their object, free functions on their first argument.
class InHouseTimerApi : public ObjectApi {
public:
  InHouseTimerApi(std::string Start, std::string Stop)
      : Start(std::move(Start)), Stop(std::move(Stop)) {}
  UseEffect memberCall(const CXXMemberCallExpr *Call,
                       ASTContext &Context) const override;
  std::optional<UseEffect> argumentOf(const CallExpr *Call, unsigned Index,
                                      ASTContext &Context) const override;

private:
  std::optional<UseEffect> effectOf(const FunctionDecl *Callee) const;

  std::string Start;
  std::string Stop;
};

/// Whether \p Type, ignoring references and qualifiers, is an error code an
/// Asio handler receives: boost::system::error_code or std::error_code.
bool isErrorCode(QualType Type);

/// Whether \p Init makes a new object: `new`, malloc/calloc, make_unique or
/// make_shared, possibly behind casts.
bool isFreshAllocation(const Expr *Init);

} // namespace clang::tidy::leak::utils

#endif
