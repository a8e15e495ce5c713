// RUN: %check_leak_tidy %s leak-unstopped-timer %t -- -- -std=c++20

// Templates, macros, coroutines and odd shapes: no crash, no report inside a
// macro's own code, instantiations judged once. The classes that test the
// handler cancel their timer in stop(); one whose timer nothing cancels is
// reported for that, once.

#include <boost/asio.hpp>
#include <boost/asio/spawn.hpp>
#include <memory>

namespace asio = boost::asio;
using namespace std::chrono_literals;

// A class template: the handler is reported once, at its definition, however
// many times the class is instantiated.
template <typename Clock> class Poller {
public:
  explicit Poller(asio::io_context &Io) : Timer(Io) {}
  void start() {
    Timer.expires_after(1s);
    Timer.async_wait([this](const boost::system::error_code &) { start(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: timer 'Timer' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
    // CHECK-MESSAGES: :[[@LINE-2]]:66: note: the timer is re-armed here
    // CHECK-MESSAGES: :[[@LINE-3]]:11: note: the handler is passed to async_wait here
  }
  void stop() { Timer.cancel(); }

private:
  asio::basic_waitable_timer<Clock> Timer;
};
// CHECK-FIXES: Timer.async_wait([this](const boost::system::error_code &ec) { if (ec) return; start(); });

void instantiate(asio::io_context &Io) {
  Poller<std::chrono::steady_clock> A(Io);
  Poller<std::chrono::system_clock> B(Io);
  A.start();
  B.start();
}

// A class template whose timer nothing cancels: reported once, however many
// times it is instantiated, guard or not, with no fix.
template <typename Clock> class Sweeper {
public:
  explicit Sweeper(asio::io_context &Io) : Timer(Io) {}
  void start() {
    Timer.expires_after(1s);
    Timer.async_wait([this](const boost::system::error_code &Ec) {
      // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: timer 'Timer' is re-armed by its handler, and nothing in class 'Sweeper' ever cancels it [leak-unstopped-timer]
      // CHECK-MESSAGES: :[[@LINE+5]]:7: note: the timer is re-armed here
      // CHECK-MESSAGES: :[[@LINE+10]]:37: note: cancel() 'Timer' in stop() or the destructor, and leave the handler on the error code it then receives
      if (Ec)
        return;
      ++Sweeps;
      start();
    });
  }

private:
  int Sweeps = 0;
  asio::basic_waitable_timer<Clock> Timer;
};

void instantiateSweepers(asio::io_context &Io) {
  Sweeper<std::chrono::steady_clock> A(Io);
  Sweeper<std::chrono::system_clock> B(Io);
  A.start();
  B.start();
}

// A template never instantiated: nothing to judge.
template <typename T> void neverUsed(T &Timer) {
  Timer.async_wait([&](auto) { neverUsed(Timer); });
}

// The whole wait written by a macro: the warning stays, there is no fix.
#define REARM_FOREVER(timer, self)                                             \
  (timer).async_wait([self](const boost::system::error_code &) {             \
    self->tick();                                                              \
  })

class Ticker : public std::enable_shared_from_this<Ticker> {
public:
  explicit Ticker(asio::io_context &Io) : Timer(Io) {}
  void tick() {
    auto Self = shared_from_this();
    Timer.expires_after(1s);
    REARM_FOREVER(Timer, Self);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: timer 'Timer' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the timer is re-armed here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the handler is passed to async_wait here
  }
  void stop() { Timer.cancel(); }

private:
  asio::steady_timer Timer;
};

// A coroutine loop: cancellation throws out of co_await.
asio::awaitable<void> heartbeat(asio::steady_timer &Timer) {
  for (;;) {
    Timer.expires_after(1s);
    co_await Timer.async_wait(asio::use_awaitable);
  }
}

// Other completion tokens are not handlers either.
void tokens(asio::steady_timer &Timer, asio::yield_context Yield) {
  Timer.async_wait(Yield);
  auto Done = Timer.async_wait(asio::use_future);
  (void)Done;
}

// A handler re-arming through a member of a timer array: named by its text.
struct Pool {
  explicit Pool(asio::io_context &Io) : Timers{asio::steady_timer(Io), asio::steady_timer(Io)} {}
  void arm(int I) {
    Timers[I].async_wait([this, I](boost::system::error_code Error) {
      // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: timer 'Timers[I]' is re-armed by its handler without first leaving on an error code, so cancel() can never stop it [leak-unstopped-timer]
      // CHECK-MESSAGES: :[[@LINE+3]]:7: note: the timer is re-armed here
      // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the handler is passed to async_wait here
      // CHECK-FIXES: {{^}}      if (Error) return;{{$}}
      arm(I);
    });
  }
  asio::steady_timer Timers[2];
};
