// RUN: %check_leak_tidy %s leak-detached-thread %t -- -- -std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE

// The same rule with standalone Asio (Debian's libasio-dev): a detached
// sweep coroutine whose loop awaits only its own timer is reported; one
// with a cancellation slot bound to the token is not.

#include <asio.hpp>
#include <chrono>

using namespace std::chrono_literals;

void refresh();

asio::awaitable<void> sweep() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    timer.expires_after(1s);
    co_await timer.async_wait(asio::use_awaitable);
    refresh();
  }
}

void onSession(asio::io_context &io) {
  asio::co_spawn(io, sweep(), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: coroutine 'sweep' is spawned with 'detached' but its loop can never end: nothing outside it can cancel what it awaits [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-10]]:3: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-12]]:22: note: it awaits 'timer'
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: keep a cancellation_signal
}

void cancellable(asio::io_context &io, asio::cancellation_signal &signal) {
  asio::co_spawn(io, sweep(),
                 asio::bind_cancellation_slot(signal.slot(), asio::detached));
}
