// RUN: %check_leak_tidy %s leak-unstopped-timer %t -- -- -std=c++20

// Boost.Asio 1.81 against the real headers. A handler that arms its timer
// again on every path, before any path can leave on the error code, keeps
// the timer alive forever: cancel() only makes it run once more with
// operation_aborted, and it waits again. Handler forms: lambdas (also a
// generic one), std::bind and boost::bind of member functions, a plain
// function, bind_executor, a lambda kept in a local variable, a handler bound
// without the error placeholder (no fix) and handlers written in macros.
// Timers: steady_timer, system_timer, high_resolution_timer, deadline_timer.
// In C++20 coroutines, a loop that awaits a timer with a token that turns the
// error into a value (as_tuple) must leave on it; the fix inserts
// `if (ec) co_return;` after the wait.
// The fix is on the warning (plain -fix): `if (ec) return;` as the first
// statement, naming an unnamed error_code parameter `ec`. Only a condition
// that reads the error code leaves on it: a stop flag, a callback check or a
// counter guards nothing, and a re-arm through member functions counts
// however deep. The classes that test the handler cancel their timer in
// stop(); a member timer that nothing in its class cancels is reported
// whether or not its handler leaves on the error code, with no fix. Silent:
// handlers that leave first on the error code, on operation_aborted or by
// throwing, or re-arm only under `if (!ec)`, in a class that cancels the
// timer (cancel(), cancel_one(), resetting its unique_ptr, deleting it,
// moving its expiry, in stop() or the destructor) or that cannot all be
// seen (a public timer, a member function defined elsewhere); re-arming
// another timer, not re-arming, and coroutine loops over completion tokens.

#include <boost/asio.hpp>
#include <boost/asio/spawn.hpp>
#include <boost/bind/bind.hpp>
#include <chrono>
#include <functional>
#include <memory>

namespace asio = boost::asio;
using namespace std::chrono_literals;

void refresh();
void report();
void logTick(const boost::system::error_code &ec);

// ---- lambdas -----------------------------------------------------------------

// Re-armed through the member function that started the wait.
class Heartbeat {
public:
  explicit Heartbeat(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const boost::system::error_code&) {
      // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: timer 'timer_' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
      // CHECK-MESSAGES: :[[@LINE+6]]:7: note: the timer is re-armed here
      // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the handler is passed to async_wait here
      // CHECK-FIXES: {{^}}    timer_.async_wait([this](const boost::system::error_code& ec) {{[{]$}}
      // CHECK-FIXES: {{^}}      if (ec) return;{{$}}
      // CHECK-FIXES-NEXT: {{^}}      tick();{{$}}
      tick();
      start();
    });
  }

  void stop() { timer_.cancel(); }

private:
  void tick();
  asio::steady_timer timer_;
};

// Waits on the same timer again directly; its error_code is named but unused.
// The inner handler leaves on the error code first: silent.
class Blinker {
public:
  explicit Blinker(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(500ms);
    timer_.async_wait([this](const boost::system::error_code &error) {
      // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: timer 'timer_' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
      // CHECK-MESSAGES: :[[@LINE+7]]:14: note: the timer is re-armed here
      // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the handler is passed to async_wait here
      // CHECK-FIXES: {{^}}    timer_.async_wait([this](const boost::system::error_code &error) {{[{]$}}
      // CHECK-FIXES: {{^}}      if (error) return;{{$}}
      // CHECK-FIXES-NEXT: {{^}}      on_ = !on_;{{$}}
      on_ = !on_;
      timer_.expires_after(500ms);
      timer_.async_wait([this](const boost::system::error_code &error) {
        if (error)
          return;
        start();
      });
    });
  }

  void stop() { timer_.cancel(); }

private:
  bool on_ = false;
  asio::steady_timer timer_;
};

// A generic lambda: `auto` becomes `auto ec`.
void countTicks(asio::steady_timer &timer, int &ticks) {
  timer.expires_after(1s);
  timer.async_wait([&](auto) {
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: timer 'timer' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
    // CHECK-MESSAGES: :[[@LINE+6]]:5: note: the timer is re-armed here
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the handler is passed to async_wait here
    // CHECK-FIXES: {{^}}  timer.async_wait([&](auto ec) {{[{]$}}
    // CHECK-FIXES: {{^}}    if (ec) return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    ++ticks;{{$}}
    ++ticks;
    countTicks(timer, ticks);
  });
}

// The handler kept in a local variable: the warning is at its lambda.
class Sampler {
public:
  explicit Sampler(asio::io_context &io) : timer_(io) {}

  void start() {
    auto handler = [this](const boost::system::error_code &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: timer 'timer_' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
      // CHECK-MESSAGES: :[[@LINE+6]]:7: note: the timer is re-armed here
      // CHECK-MESSAGES: :[[@LINE+8]]:12: note: the handler is passed to async_wait here
      // CHECK-FIXES: {{^}}    auto handler = [this](const boost::system::error_code &ec) {{[{]$}}
      // CHECK-FIXES: {{^}}      if (ec) return;{{$}}
      // CHECK-FIXES-NEXT: {{^}}      ++samples_;{{$}}
      ++samples_;
      start();
    };
    timer_.expires_after(250ms);
    timer_.async_wait(handler);
  }

  void stop() { timer_.cancel(); }

private:
  int samples_ = 0;
  asio::steady_timer timer_;
};

// bind_executor(strand, handler) runs the handler unchanged.
class StrandTicker {
public:
  explicit StrandTicker(asio::io_context &io)
      : strand_(asio::make_strand(io)), timer_(strand_) {}

  void start() {
    timer_.expires_after(100ms);
    timer_.async_wait(asio::bind_executor(
        strand_, [this](const boost::system::error_code &) {
          // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: timer 'timer_' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
          // CHECK-MESSAGES: :[[@LINE+6]]:11: note: the timer is re-armed here
          // CHECK-MESSAGES: :[[@LINE-4]]:12: note: the handler is passed to async_wait here
          // CHECK-FIXES: {{^}}        strand_, [this](const boost::system::error_code &ec) {{[{]$}}
          // CHECK-FIXES: {{^}}          if (ec) return;{{$}}
          // CHECK-FIXES-NEXT: {{^}}          refresh();{{$}}
          refresh();
          start();
        }));
  }

  void stop() { timer_.cancel(); }

private:
  asio::strand<asio::io_context::executor_type> strand_;
  asio::steady_timer timer_;
};

// deadline_timer, an error_code taken by value.
class LegacyPoller {
public:
  explicit LegacyPoller(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_from_now(boost::posix_time::seconds(1));
    timer_.async_wait([this](boost::system::error_code) {
      // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: timer 'timer_' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
      // CHECK-MESSAGES: :[[@LINE+6]]:7: note: the timer is re-armed here
      // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the handler is passed to async_wait here
      // CHECK-FIXES: {{^}}    timer_.async_wait([this](boost::system::error_code ec) {{[{]$}}
      // CHECK-FIXES: {{^}}      if (ec) return;{{$}}
      // CHECK-FIXES-NEXT: {{^}}      refresh();{{$}}
      refresh();
      start();
    });
  }

  void stop() { timer_.cancel(); }

private:
  asio::deadline_timer timer_;
};

// ---- member functions and plain functions --------------------------------------

// std::bind of a member function with std::placeholders::_1.
class Poller {
public:
  explicit Poller(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(2s);
    timer_.async_wait(std::bind(&Poller::onTick, this, std::placeholders::_1));
  }

  void stop() { timer_.cancel(); }

private:
  void onTick(const boost::system::error_code &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: timer 'timer_' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
    // CHECK-MESSAGES: :[[@LINE+6]]:5: note: the timer is re-armed here
    // CHECK-MESSAGES: :[[@LINE-9]]:12: note: the handler is passed to async_wait here
    // CHECK-FIXES: {{^}}  void onTick(const boost::system::error_code &ec) {{[{]$}}
    // CHECK-FIXES: {{^}}    if (ec) return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    refresh();{{$}}
    refresh();
    start();
  }

  asio::steady_timer timer_;
};

// boost::bind with asio::placeholders::error, a member defined out of line on
// a system_timer; its parameter is named `e`.
class Reporter {
public:
  explicit Reporter(asio::io_context &io) : timer_(io) {}
  void start();
  void stop() { timer_.cancel(); }

private:
  void onTick(const boost::system::error_code &e);
  asio::system_timer timer_;
};

void Reporter::start() {
  timer_.expires_after(10s);
  timer_.async_wait(
      boost::bind(&Reporter::onTick, this, asio::placeholders::error));
}

void Reporter::onTick(const boost::system::error_code &e) {
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: timer 'timer_' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+6]]:3: note: the timer is re-armed here
  // CHECK-MESSAGES: :[[@LINE-7]]:10: note: the handler is passed to async_wait here
  // CHECK-FIXES: {{^}}void Reporter::onTick(const boost::system::error_code &e) {{[{]$}}
  // CHECK-FIXES: {{^}}  if (e) return;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  report();{{$}}
  report();
  start();
}

// Bound without the error placeholder: the handler cannot see the error
// code, so there is no fix; the warning stays.
class Watchdog {
public:
  explicit Watchdog(asio::io_context &io) : timer_(io) {}

  void arm() {
    timer_.expires_after(5s);
    timer_.async_wait(boost::bind(&Watchdog::onExpiry, this));
  }

  void stop() { timer_.cancel(); }

private:
  void onExpiry() {
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: timer 'timer_' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
    // CHECK-MESSAGES: :[[@LINE+3]]:5: note: the timer is re-armed here
    // CHECK-MESSAGES: :[[@LINE-9]]:12: note: the handler is passed to async_wait here
    ++expiries_;
    arm();
  }

  int expiries_ = 0;
  asio::steady_timer timer_;
};

// A plain function on a high_resolution_timer a file-static pointer holds,
// made on first use. (A static timer held by value exists once per process,
// so only StrictMode reports it; see the standalone test.)
static asio::io_context g_io;
static asio::high_resolution_timer *g_timer = nullptr;

void startGlobalTimer();

void onGlobalTick(const boost::system::error_code &) {
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: timer 'g_timer' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+6]]:3: note: the timer is re-armed here
  // CHECK-MESSAGES: :[[@LINE+12]]:12: note: the handler is passed to async_wait here
  // CHECK-FIXES: {{^}}void onGlobalTick(const boost::system::error_code &ec) {{[{]$}}
  // CHECK-FIXES: {{^}}  if (ec) return;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  refresh();{{$}}
  refresh();
  startGlobalTimer();
}

void startGlobalTimer() {
  if (!g_timer)
    g_timer = new asio::high_resolution_timer(g_io);
  g_timer->expires_after(1s);
  g_timer->async_wait(onGlobalTick);
}

// ---- macros --------------------------------------------------------------------

// Only the wait is written by a macro: the handler's body is in the file, so
// it gets the fix; the second note is at the macro.
#define SCHEDULE(timer, handler) (timer).async_wait(handler)

class MacroScheduled {
public:
  explicit MacroScheduled(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    SCHEDULE(timer_, std::bind(&MacroScheduled::onTick, this,
                               std::placeholders::_1));
  }

  void stop() { timer_.cancel(); }

private:
  void onTick(const boost::system::error_code &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: timer 'timer_' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
    // CHECK-MESSAGES: :[[@LINE+6]]:5: note: the timer is re-armed here
    // CHECK-MESSAGES: :[[@LINE-10]]:5: note: the handler is passed to async_wait here
    // CHECK-FIXES: {{^}}  void onTick(const boost::system::error_code &ec) {{[{]$}}
    // CHECK-FIXES: {{^}}    if (ec) return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    report();{{$}}
    report();
    start();
  }

  asio::steady_timer timer_;
};

// The handler's body is written by a macro: the warning stays, no fix.
#define FOREVER_HANDLER(self)                                                  \
  [self](const boost::system::error_code &) {                                  \
    refresh();                                                                 \
    self->start();                                                             \
  }

class MacroHandler {
public:
  explicit MacroHandler(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait(FOREVER_HANDLER(this));
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: timer 'timer_' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
    // CHECK-MESSAGES: :[[@LINE-2]]:23: note: the timer is re-armed here
    // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the handler is passed to async_wait here
  }

  void stop() { timer_.cancel(); }

private:
  asio::steady_timer timer_;
};

// ---- reported: an `if` that does not read the error code guards nothing --------

// A stop flag that the code cancelling the timer sets is a way out: the
// handler that cancel() wakes then returns. Silent.
class StopFlag {
public:
  explicit StopFlag(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const boost::system::error_code &) {
      if (stopped_)
        return;
      refresh();
      start();
    });
  }

  void stop() {
    stopped_ = true;
    timer_.cancel();
  }

private:
  bool stopped_ = false;
  asio::steady_timer timer_;
};

// A flag set somewhere else than where the timer is cancelled guards nothing:
// cancel() wakes a handler that finds the flag unchanged and waits again.
class StrayFlag {
public:
  explicit StrayFlag(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const boost::system::error_code &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: timer 'timer_' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
      // CHECK-MESSAGES: :[[@LINE+8]]:7: note: the timer is re-armed here
      // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the handler is passed to async_wait here
      // CHECK-FIXES: {{^}}    timer_.async_wait([this](const boost::system::error_code &ec) {{[{]$}}
      // CHECK-FIXES: {{^}}      if (ec) return;{{$}}
      // CHECK-FIXES-NEXT: {{^}}      if (paused_){{$}}
      if (paused_)
        return;
      refresh();
      start();
    });
  }

  void pause() { paused_ = true; }
  void stop() { timer_.cancel(); }

private:
  bool paused_ = false;
  asio::steady_timer timer_;
};

// `if (!callback_) return;` reads a member, not the error code.
class CallbackGuard {
public:
  explicit CallbackGuard(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const boost::system::error_code &error) {
      // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: timer 'timer_' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
      // CHECK-MESSAGES: :[[@LINE+8]]:7: note: the timer is re-armed here
      // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the handler is passed to async_wait here
      // CHECK-FIXES: {{^}}    timer_.async_wait([this](const boost::system::error_code &error) {{[{]$}}
      // CHECK-FIXES: {{^}}      if (error) return;{{$}}
      // CHECK-FIXES-NEXT: {{^}}      if (!callback_){{$}}
      if (!callback_)
        return;
      callback_();
      start();
    });
  }

  void stop() { timer_.cancel(); }

private:
  std::function<void()> callback_;
  asio::steady_timer timer_;
};

// A count the handler advances ends the cycle by itself: silent.
class Bounded {
public:
  explicit Bounded(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const boost::system::error_code &) {
      if (++ticks_ < 10)
        start();
    });
  }

private:
  int ticks_ = 0;
  asio::steady_timer timer_;
};

// Re-armed two member functions deep: the handler calls arm(), which calls
// schedule(), which waits again.
class DeepRearm {
public:
  explicit DeepRearm(asio::io_context &io) : timer_(io) {}

  void start() { schedule(); }
  void stop() { timer_.cancel(); }

private:
  void schedule() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const boost::system::error_code &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: timer 'timer_' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
      // CHECK-MESSAGES: :[[@LINE+6]]:7: note: the timer is re-armed here
      // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the handler is passed to async_wait here
      // CHECK-FIXES: {{^}}    timer_.async_wait([this](const boost::system::error_code &ec) {{[{]$}}
      // CHECK-FIXES: {{^}}      if (ec) return;{{$}}
      // CHECK-FIXES-NEXT: {{^}}      refresh();{{$}}
      refresh();
      arm();
    });
  }

  void arm() { schedule(); }

  asio::steady_timer timer_;
};

// ---- silent: the handler can leave, and the class cancels its timer ------------

class LeavesOnError {
public:
  explicit LeavesOnError(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const boost::system::error_code &ec) {
      if (ec)
        return;
      refresh();
      start();
    });
  }

  void stop() { timer_.cancel(); }

private:
  asio::steady_timer timer_;
};

class LeavesOnAbort {
public:
  explicit LeavesOnAbort(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait(
        std::bind(&LeavesOnAbort::onTick, this, std::placeholders::_1));
  }

  void stop() { timer_.cancel(); }

private:
  void onTick(const boost::system::error_code &ec) {
    if (ec == asio::error::operation_aborted)
      return;
    refresh();
    start();
  }

  asio::steady_timer timer_;
};

class RearmsOnSuccessOnly {
public:
  explicit RearmsOnSuccessOnly(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const boost::system::error_code &ec) {
      if (!ec) {
        refresh();
        start();
      }
    });
  }

  void stop() { timer_.cancel(); }

private:
  asio::steady_timer timer_;
};

class ThrowsOnError {
public:
  explicit ThrowsOnError(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const boost::system::error_code &ec) {
      if (ec)
        throw boost::system::system_error(ec);
      refresh();
      start();
    });
  }

  void stop() { timer_.cancel(); }

private:
  asio::steady_timer timer_;
};

// A stop flag checked next to the error code: the error code side leaves.
class FlagAndError {
public:
  explicit FlagAndError(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const boost::system::error_code &ec) {
      if (stopped_ || ec == asio::error::operation_aborted)
        return;
      refresh();
      start();
    });
  }

  void stop() {
    stopped_ = true;
    timer_.cancel();
  }

private:
  bool stopped_ = false;
  asio::steady_timer timer_;
};

// ---- reported: a member timer that nothing in its class cancels ---------------

// The handler leaves on the error code, but no member function ever calls
// cancel(), so that error code never comes: reported, with no fix.
class NeverCancelled {
public:
  explicit NeverCancelled(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const boost::system::error_code &ec) {
      // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: timer 'timer_' is re-armed by its handler, and nothing in class 'NeverCancelled' ever cancels it [leak-unstopped-timer]
      // CHECK-MESSAGES: :[[@LINE+5]]:7: note: the timer is re-armed here
      // CHECK-MESSAGES: :[[@LINE+9]]:22: note: cancel() 'timer_' in stop() or the destructor, and leave the handler on the error code it then receives
      if (ec)
        return;
      refresh();
      start();
    });
  }

private:
  asio::steady_timer timer_;
};

// Neither guarded nor cancelled: one warning, with the extra note, and no
// fix (the guard alone would not stop it).
class NeitherGuardedNorCancelled {
public:
  explicit NeitherGuardedNorCancelled(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait(std::bind(&NeitherGuardedNorCancelled::onTick, this,
                                std::placeholders::_1));
  }

private:
  void onTick(const boost::system::error_code &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: timer 'timer_' is re-armed by its handler, and nothing in class 'NeitherGuardedNorCancelled' ever cancels it [leak-unstopped-timer]
    // CHECK-MESSAGES: :[[@LINE+4]]:5: note: the timer is re-armed here
    // CHECK-MESSAGES: :[[@LINE-3]]:8: note: nor does the handler leave on an error code: it must do both
    // CHECK-MESSAGES: :[[@LINE+5]]:22: note: cancel() 'timer_' in stop() or the destructor, and leave the handler on the error code it then receives
    refresh();
    start();
  }

  asio::steady_timer timer_;
};

// ---- silent: the class cancels its timer, or cannot all be seen ----------------

// Guarded, and cancelled in the destructor.
class CancelledInDestructor {
public:
  explicit CancelledInDestructor(asio::io_context &io) : timer_(io) {}
  ~CancelledInDestructor() { timer_.cancel(); }

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const boost::system::error_code &ec) {
      if (ec)
        return;
      refresh();
      start();
    });
  }

private:
  asio::steady_timer timer_;
};

// Guarded, and cancel_one() in stop().
class CancelOneInStop {
public:
  explicit CancelOneInStop(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const boost::system::error_code &ec) {
      if (ec)
        return;
      refresh();
      start();
    });
  }

  void stop() { timer_.cancel_one(); }

private:
  asio::steady_timer timer_;
};

// Guarded, and postpone() moves the expiry without waiting: that cancels the
// pending wait, so the class does cancel it.
class Postponed {
public:
  explicit Postponed(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const boost::system::error_code &ec) {
      if (ec)
        return;
      refresh();
      start();
    });
  }

  void postpone() { timer_.expires_after(5s); }

private:
  asio::steady_timer timer_;
};

// Held by a unique_ptr that stop() resets: destroying the timer cancels it.
class ResetInStop {
public:
  explicit ResetInStop(asio::io_context &io)
      : timer_(std::make_unique<asio::steady_timer>(io)) {}

  void start() {
    timer_->expires_after(1s);
    timer_->async_wait([this](const boost::system::error_code &ec) {
      if (ec)
        return;
      refresh();
      start();
    });
  }

  void stop() { timer_.reset(); }

private:
  std::unique_ptr<asio::steady_timer> timer_;
};

// Held by a raw pointer that the destructor deletes.
class DeletedInDestructor {
public:
  explicit DeletedInDestructor(asio::io_context &io)
      : timer_(new asio::steady_timer(io)) {}
  ~DeletedInDestructor() { delete timer_; }

  void start() {
    timer_->expires_after(1s);
    timer_->async_wait([this](const boost::system::error_code &ec) {
      if (ec)
        return;
      refresh();
      start();
    });
  }

private:
  asio::steady_timer *timer_;
};

// A public timer: code outside the file may cancel it.
class PublicTimer {
public:
  explicit PublicTimer(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const boost::system::error_code &ec) {
      if (ec)
        return;
      refresh();
      start();
    });
  }

  asio::steady_timer timer_;
};

// A member function declared but defined elsewhere may cancel it.
class DefinedElsewhere {
public:
  explicit DefinedElsewhere(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const boost::system::error_code &ec) {
      if (ec)
        return;
      refresh();
      start();
    });
  }

  void stop();

private:
  asio::steady_timer timer_;
};

// ---- silent: the handler does not wait on its own timer again --------------------

// The handler of one timer arms another one, whose handler does not re-arm.
class TwoTimers {
public:
  explicit TwoTimers(asio::io_context &io) : first_(io), second_(io) {}

  void startFirst() {
    first_.expires_after(1s);
    first_.async_wait([this](const boost::system::error_code &) {
      refresh();
      startSecond();
    });
  }

  void startSecond() {
    second_.expires_after(1s);
    second_.async_wait(&logTick);
  }

private:
  asio::steady_timer first_;
  asio::steady_timer second_;
};

void oneShot(asio::steady_timer &timer) {
  timer.expires_after(1s);
  timer.async_wait([](const boost::system::error_code &) { report(); });
}

// ---- silent: completion tokens are not handlers -----------------------------------

asio::awaitable<void> heartbeat(asio::steady_timer &timer) {
  for (;;) {
    timer.expires_after(1s);
    co_await timer.async_wait(asio::use_awaitable);
    refresh();
  }
}

void spawnHeartbeat(asio::io_context &io, asio::steady_timer &timer) {
  asio::co_spawn(io, heartbeat(timer), asio::detached);
}

// ---- coroutines: a token that turns the error into a value ------------------------

// With as_tuple the cancellation no longer throws out of the coroutine: a loop
// that ignores the error code waits again forever. The fix leaves on it.
asio::awaitable<void> sweepForever() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    timer.expires_after(1s);
    auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: timer 'timer' is awaited with as_tuple in a loop that never leaves on the error code, so cancelling it can never stop the loop [leak-unstopped-timer]
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop never ends
    // CHECK-FIXES: {{^}}    if (ec) co_return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    refresh();{{$}}
    refresh();
  }
}

// redirect_error writes the error into a variable; leaving on it is a way out.
asio::awaitable<void> sweepUntilCancelled() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  boost::system::error_code ec;
  for (;;) {
    timer.expires_after(1s);
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
      co_return;
    refresh();
  }
}

// Stackful coroutines: `yield[ec]` writes the error into ec instead of
// throwing, so a loop that ignores ec waits again forever. The fix returns.
void spawnSweeper(asio::io_context &io) {
  asio::spawn(
      io,
      [&io](asio::yield_context yield) {
        asio::steady_timer sweep(io);
        boost::system::error_code ec;
        for (;;) {
          sweep.expires_after(1s);
          sweep.async_wait(yield[ec]);
          // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: timer 'sweep' is awaited with yield[ec] in a loop that never leaves on the error code, so cancelling it can never stop the loop [leak-unstopped-timer]
          // CHECK-MESSAGES: :[[@LINE-4]]:9: note: this loop never ends
          // CHECK-FIXES: {{^}}          if (ec) return;{{$}}
          // CHECK-FIXES-NEXT: {{^}}          refresh();{{$}}
          refresh();
        }
      },
      asio::detached);
}

// A flag that whoever cancels the timer sets, checked after the wait: a way
// out. And `yield` without [ec] throws out of the loop on cancellation.
void spawnStoppable(asio::io_context &io, const bool &stopping) {
  asio::spawn(
      io,
      [&io, &stopping](asio::yield_context yield) {
        asio::steady_timer sweep(io);
        boost::system::error_code ec;
        for (;;) {
          sweep.expires_after(1s);
          sweep.async_wait(yield[ec]);
          if (stopping)
            return;
          refresh();
        }
      },
      asio::detached);
  asio::spawn(
      io,
      [&io](asio::yield_context yield) {
        asio::steady_timer tick(io);
        for (;;) {
          tick.expires_after(1s);
          tick.async_wait(yield);
          refresh();
        }
      },
      asio::detached);
}

// ---- the guard reads a local copied from the error code ----------------------------

class CopiedGuard {
public:
  explicit CopiedGuard(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const boost::system::error_code &ec) {
      const bool failed = ec.failed();
      if (failed)
        return;
      refresh();
      start();
    });
  }

  void stop() { timer_.cancel(); }

private:
  asio::steady_timer timer_;
};
