// RUN: %check_leak_tidy %s leak-detached-thread %t -- -- -std=c++20
// RUN: %leak_tidy -checks='-*,leak-detached-thread' %s -- -std=c++17 2>&1 | count 0

// Asio coroutines spawned with the bare `detached` token, against the real
// Boost 1.81 headers: `co_spawn(ex, loop(), detached)` is `go loop()`.
// Reported when the coroutine (a function or a lambda whose body is here)
// has a loop that can never end and every operation the loop awaits is a
// wait on a timer of its own, which nobody else can cancel: a per-session
// sweep, a heartbeat lambda, a named lambda on a strand, a templated
// coroutine, one spawned through a macro. Silent: a cancellation slot bound
// to the token, another token, a coroutine that returns, a loop that awaits
// a timer or socket held outside the coroutine (closing or cancelling it
// throws out), a loop that leaves on the error code, and a listener
// spawned once in main. Checking this_coro::cancellation_state is no way
// out: with a bare `detached` token nothing can emit it. Under C++17 there is no co_spawn: no warning.

#include <boost/asio.hpp>
#include <chrono>

namespace asio = boost::asio;
using namespace std::chrono_literals;

void refresh();

#if __cplusplus >= 202002L

asio::awaitable<void> sweep() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    timer.expires_after(1s);
    co_await timer.async_wait(asio::use_awaitable);
    refresh();
  }
}

// ---- reported -------------------------------------------------------------

// One more sweep for every session, and nothing can ever cancel any of them.
void onSession(asio::io_context &io) {
  asio::co_spawn(io, sweep(), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: coroutine 'sweep' is spawned with 'detached' but its loop can never end: nothing outside it can cancel what it awaits [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-13]]:3: note: this loop never ends: its condition is always true and no path leaves it
  // CHECK-MESSAGES: :[[@LINE-15]]:22: note: it awaits 'timer', a timer of its own that nothing else can cancel
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: keep a cancellation_signal, bind its slot to the token (bind_cancellation_slot(signal.slot(), detached)) and emit it at shutdown
}

void startHeartbeat(asio::any_io_executor ex) {
  asio::co_spawn(
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: coroutine running a lambda is spawned with 'detached' but its loop can never end: nothing outside it can cancel what it awaits [leak-detached-thread]
      ex,
      [ex]() -> asio::awaitable<void> {
        asio::steady_timer beat(ex);
        // CHECK-MESSAGES: :[[@LINE+1]]:9: note: this loop never ends: its condition is always true and no path leaves it
        for (;;) {
          beat.expires_after(1s);
          co_await beat.async_wait(asio::use_awaitable);
          refresh();
        }
      },
      asio::detached_t{});
  // CHECK-MESSAGES: :[[@LINE-9]]:28: note: it awaits 'beat', a timer of its own that nothing else can cancel
  // CHECK-MESSAGES: :[[@LINE-14]]:9: note: keep a cancellation_signal
}

void startTicker(asio::io_context &io) {
  auto strand = asio::make_strand(io);
  auto ticker = [strand]() -> asio::awaitable<void> {
    asio::steady_timer tick(strand);
    for (;;) {
      tick.expires_after(1s);
      co_await tick.async_wait(asio::use_awaitable);
    }
  };
  asio::co_spawn(strand, ticker(), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: coroutine 'ticker' is spawned with 'detached' but its loop can never end: nothing outside it can cancel what it awaits [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-9]]:24: note: it awaits 'tick'
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: keep a cancellation_signal
}

template <typename Clock> asio::awaitable<void> poll() {
  asio::basic_waitable_timer<Clock> timer(co_await asio::this_coro::executor);
  for (;;) {
    timer.expires_after(1s);
    co_await timer.async_wait(asio::use_awaitable);
  }
}

#define SPAWN_DETACHED(ex, coro) asio::co_spawn(ex, coro, asio::detached)

void startPollers(asio::io_context &io) {
  asio::co_spawn(io, poll<std::chrono::steady_clock>(), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: coroutine 'poll' is spawned with 'detached' but its loop can never end: nothing outside it can cancel what it awaits [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-13]]:37: note: it awaits 'timer'
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: keep a cancellation_signal
  SPAWN_DETACHED(io, sweep());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'sweep' is spawned with 'detached' but its loop can never end: nothing outside it can cancel what it awaits [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-70]]:3: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-72]]:22: note: it awaits 'timer'
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: keep a cancellation_signal
}

// Checking the cancellation state does not help: with a bare `detached`
// token no slot is connected, and nothing can ever emit a cancellation.
asio::awaitable<void> sweepWatchingCancellation() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    auto state = co_await asio::this_coro::cancellation_state;
    if (state.cancelled() != asio::cancellation_type::none)
      co_return;
    timer.expires_after(1s);
    co_await timer.async_wait(asio::use_awaitable);
  }
}
void onWatchingSession(asio::io_context &io) {
  asio::co_spawn(io, sweepWatchingCancellation(), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: coroutine 'sweepWatchingCancellation' is spawned with 'detached' but its loop can never end: nothing outside it can cancel what it awaits [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: this loop ends only on a cancellation that nothing can emit: no slot is bound to the 'detached' token
  // CHECK-MESSAGES: :[[@LINE-13]]:22: note: it awaits 'timer'
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: keep a cancellation_signal
}

// ---- silent ---------------------------------------------------------------

// The same coroutine with a slot bound: the signal's keeper can emit.
void onCancellableWatchingSession(asio::io_context &io,
                                  asio::cancellation_signal &signal) {
  asio::co_spawn(io, sweepWatchingCancellation(),
                 asio::bind_cancellation_slot(signal.slot(), asio::detached));
}

// A cancellation slot bound to the token: whoever keeps the signal can emit.
void cancellable(asio::io_context &io, asio::cancellation_signal &signal) {
  asio::co_spawn(io, sweep(),
                 asio::bind_cancellation_slot(signal.slot(), asio::detached));
}

// Another token: the caller hears of it.
void withHandler(asio::io_context &io) {
  asio::co_spawn(io, sweep(), [](std::exception_ptr) {});
}

// A coroutine that returns.
asio::awaitable<void> countdown() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (int i = 0; i < 3; ++i) {
    timer.expires_after(1s);
    co_await timer.async_wait(asio::use_awaitable);
  }
}
void startCountdown(asio::io_context &io) {
  asio::co_spawn(io, countdown(), asio::detached);
}

// A timer held outside: cancelling it throws out of the loop.
asio::awaitable<void> watch(asio::steady_timer &timer) {
  for (;;) {
    co_await timer.async_wait(asio::use_awaitable);
    refresh();
  }
}
void startWatch(asio::io_context &io, asio::steady_timer &timer) {
  asio::co_spawn(io, watch(timer), asio::detached);
}

// A socket: the peer, or whoever closes it, ends the loop.
asio::awaitable<void> echo(asio::ip::tcp::socket socket) {
  char data[1024];
  for (;;) {
    std::size_t n =
        co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
    co_await asio::async_write(socket, asio::buffer(data, n),
                               asio::use_awaitable);
  }
}
void onConnection(asio::ip::tcp::socket socket) {
  auto ex = socket.get_executor();
  asio::co_spawn(ex, echo(std::move(socket)), asio::detached);
}

// Leaves on the error code.
asio::awaitable<void> sweepUntilCancelled() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    timer.expires_after(1s);
    auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (ec)
      co_return;
  }
}
void startSweepUntilCancelled(asio::io_context &io) {
  asio::co_spawn(io, sweepUntilCancelled(), asio::detached);
}

// The listener and the process's own sweep, spawned once at start-up.
asio::awaitable<void> listener() {
  auto ex = co_await asio::this_coro::executor;
  asio::ip::tcp::acceptor acceptor(ex, {asio::ip::tcp::v4(), 55555});
  for (;;) {
    asio::ip::tcp::socket socket =
        co_await acceptor.async_accept(asio::use_awaitable);
    onConnection(std::move(socket));
  }
}

int main() {
  asio::io_context io;
  asio::co_spawn(io, listener(), asio::detached);
  asio::co_spawn(io, sweep(), asio::detached);
  io.run();
}

#endif
