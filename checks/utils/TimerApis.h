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
#include "TranslationUnitIndex.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Diagnostic.h"
#include <cstdint>
#include <optional>
#include <string>

namespace clang::tidy::leak::utils {

struct ObjectHome;

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

/// Whether \p Type, ignoring references and qualifiers, is an error code an
/// Asio handler receives: boost::system::error_code or std::error_code.
bool isErrorCode(QualType Type);

/// Whether \p Init makes a new object: `new`, malloc/calloc, make_unique or
/// make_shared, possibly behind casts.
bool isFreshAllocation(const Expr *Init);

/// libevent's event flags, part of its stable ABI.
namespace libevent {
constexpr std::int64_t Read = 0x02;
constexpr std::int64_t Write = 0x04;
constexpr std::int64_t Signal = 0x08;
constexpr std::int64_t Persist = 0x10;
} // namespace libevent

/// The value of a constant integer expression, if it is one.
std::optional<std::int64_t> constantOf(const Expr *E,
                                       const ASTContext &Context);

/// Whether \p Callback, a timer's callback whose body is visible, may stop
/// \p Timer: it calls one of \p Stops on the handle it is handed, on
/// \p Timer itself, or on something it cannot tell apart from them; or its
/// first parameter (the handle libuv passes) is stopped or escapes. A stop
/// of some other named handle stops nothing; one of \p LoopStops (the whole
/// event loop) always counts.
bool callbackMayStop(const FunctionDecl *Callback, const ValueDecl *Timer,
                     ArrayRef<StringRef> Stops, ArrayRef<StringRef> LoopStops,
                     const ObjectApi &Api, ParentIndex &Parents,
                     ASTContext &Context);

/// The calls in \p Function's body to the functions named \p Names.
llvm::SmallVector<const Stmt *, 4> callsTo(const FunctionDecl *Function,
                                           ArrayRef<StringRef> Names,
                                           ASTContext &Context);

/// Whether \p Var is a local of \p Owner that holds a timer made there: an
/// object on the stack, a pointer to a new allocation, or what a factory of
/// this file makes and returns.
bool ownsFreshTimer(const VarDecl *Var, const FunctionDecl *Owner,
                    const ObjectApi &Api, TranslationUnitIndex &Index);

/// The one value \p Home's code gives its object, when it is a call to
/// \p Factory.
const CallExpr *madeBy(const ObjectHome &Home, StringRef Factory,
                       TranslationUnitIndex &Index);

/// The call that made a libevent event, and its flags and callback.
struct EventMaking {
  const CallExpr *Call = nullptr;
  const Expr *Flags = nullptr;
  const Expr *Callback = nullptr;
};

/// How \p Home's event was made: by `event_new` (and evtimer_new) giving it
/// its value, or by the one `event_assign` or libevent 1.x `event_set` (and
/// their evtimer_ forms) in its home's code filling in memory it names.
std::optional<EventMaking> eventMaking(const ObjectHome &Home,
                                       const ObjectApi &Api,
                                       TranslationUnitIndex &Index,
                                       ASTContext &Context);

/// `class 'Poller'` or `this file`: the code that could have stopped it.
std::string describeHome(const ObjectHome &Home);

/// The code to stop a member from any member function: \p StopCode, when
/// the start names the member through `this`.
std::string memberStopCode(const Expr *Handle, const ObjectApi &Api,
                           const std::string &StopCode);

/// Whether \p Record is QObject or derives from it.
bool isQObjectSubclass(const CXXRecordDecl *Record);

/// `new QTimer` -> `new QTimer(this)`, also from `()` and `(nullptr)`.
std::optional<FixItHint> qtParentFix(const CXXNewExpr *New,
                                     const ASTContext &Context);

/// The variable or member that holds the result of \p New: the variable it
/// initialises or is assigned to, or the member of `this` it is assigned
/// to or initialises in a constructor's initializer list, with or without
/// braces.
const ValueDecl *holderOf(const Expr *New, ParentIndex &Parents,
                          ASTContext &Context);

} // namespace clang::tidy::leak::utils

#endif
