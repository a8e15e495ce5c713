// RUN: %check_leak_tidy %s leak-unstopped-timer %t -- -- -std=c++17

// Standalone Asio 1.22 (libasio-dev, <asio.hpp>, namespace asio::) against
// the real headers: asio::error_code is std::error_code. Reported: handlers
// that wait on their steady_timer or system_timer again on every path, as a
// lambda, a member function bound with std::bind and a plain function, or
// whose only guard reads something other than the error code; the fix
// (plain -fix) makes the handler leave first on the error code. The classes
// cancel their timer in stop(): a member timer that nothing in its class
// cancels is reported even with the guard, with no fix. Silent: leaving on
// the error code or on operation_aborted first in a class that cancels (in
// stop() or the destructor), not re-arming, and completion tokens such as
// use_future.

#include <asio.hpp>
#include <chrono>
#include <functional>
#include <future>
#include <system_error>

using namespace std::chrono_literals;

void refresh();
void logTick(const std::error_code &ec);

// ---- reported ------------------------------------------------------------------

// Re-armed through the function that started the wait.
class Heartbeat {
public:
  explicit Heartbeat(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const asio::error_code &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: timer 'timer_' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
      // CHECK-MESSAGES: :[[@LINE+6]]:7: note: the timer is re-armed here
      // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the handler is passed to async_wait here
      // CHECK-FIXES: {{^}}    timer_.async_wait([this](const asio::error_code &ec) {{[{]$}}
      // CHECK-FIXES: {{^}}      if (ec) return;{{$}}
      // CHECK-FIXES-NEXT: {{^}}      refresh();{{$}}
      refresh();
      start();
    });
  }

  void stop() { timer_.cancel(); }

private:
  asio::steady_timer timer_;
};

// Waits on the same system_timer again directly; the error_code, taken by
// value, is named `err`. The inner wait's handler is not visible.
void pulse(asio::system_timer &timer) {
  timer.expires_after(1s);
  timer.async_wait([&timer](std::error_code err) {
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: timer 'timer' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
    // CHECK-MESSAGES: :[[@LINE+7]]:11: note: the timer is re-armed here
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the handler is passed to async_wait here
    // CHECK-FIXES: {{^}}  timer.async_wait([&timer](std::error_code err) {{[{]$}}
    // CHECK-FIXES: {{^}}    if (err) return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    refresh();{{$}}
    refresh();
    timer.expires_after(1s);
    timer.async_wait(&logTick);
  });
}

// A member function bound with std::bind; `const std::error_code&` becomes
// `const std::error_code& ec`.
class Poller {
public:
  explicit Poller(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(2s);
    timer_.async_wait(std::bind(&Poller::onTick, this, std::placeholders::_1));
  }

  void stop() { timer_.cancel(); }

private:
  void onTick(const std::error_code&) {
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: timer 'timer_' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
    // CHECK-MESSAGES: :[[@LINE+6]]:5: note: the timer is re-armed here
    // CHECK-MESSAGES: :[[@LINE-9]]:12: note: the handler is passed to async_wait here
    // CHECK-FIXES: {{^}}  void onTick(const std::error_code& ec) {{[{]$}}
    // CHECK-FIXES: {{^}}    if (ec) return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    refresh();{{$}}
    refresh();
    start();
  }

  asio::steady_timer timer_;
};

// A plain function on a global timer held by value: there is one of it for
// the life of the process, a heartbeat by design. Silent by default.
asio::io_context g_io;
asio::steady_timer g_timer(g_io);

void startGlobal();

void onGlobalTick(const asio::error_code &) {
  refresh();
  startGlobal();
}

void startGlobal() {
  g_timer.expires_after(1s);
  g_timer.async_wait(onGlobalTick);
}

// A guard that reads a member, not the error code, guards nothing.
class CallbackGuard {
public:
  explicit CallbackGuard(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const asio::error_code &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: timer 'timer_' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
      // CHECK-MESSAGES: :[[@LINE+8]]:7: note: the timer is re-armed here
      // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the handler is passed to async_wait here
      // CHECK-FIXES: {{^}}    timer_.async_wait([this](const asio::error_code &ec) {{[{]$}}
      // CHECK-FIXES: {{^}}      if (ec) return;{{$}}
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

// Guarded, but nothing in the class ever cancels the timer, so the error
// code never comes: reported, with no fix.
class NeverCancelled {
public:
  explicit NeverCancelled(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const asio::error_code &ec) {
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

// ---- silent --------------------------------------------------------------------

class LeavesOnError {
public:
  explicit LeavesOnError(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const asio::error_code &ec) {
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
  void onTick(const std::error_code &ec) {
    if (ec == asio::error::operation_aborted)
      return;
    refresh();
    start();
  }

  asio::system_timer timer_;
};

class RearmsOnSuccessOnly {
public:
  explicit RearmsOnSuccessOnly(asio::io_context &io) : timer_(io) {}

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](std::error_code ec) {
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

// Guarded, and cancelled in the destructor.
class CancelledInDestructor {
public:
  explicit CancelledInDestructor(asio::io_context &io) : timer_(io) {}
  ~CancelledInDestructor() { timer_.cancel(); }

  void start() {
    timer_.expires_after(1s);
    timer_.async_wait([this](const asio::error_code &ec) {
      if (ec)
        return;
      refresh();
      start();
    });
  }

private:
  asio::system_timer timer_;
};

void oneShot(asio::steady_timer &timer) {
  timer.expires_after(1s);
  timer.async_wait([](const asio::error_code &) { refresh(); });
}

// A completion token is not a handler.
void waitForExpiry(asio::steady_timer &timer) {
  for (;;) {
    timer.expires_after(1s);
    std::future<void> done = timer.async_wait(asio::use_future);
    done.get();
    refresh();
  }
}
