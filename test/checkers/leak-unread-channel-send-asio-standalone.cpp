// RUN: %check_leak_tidy %s leak-unread-channel-send %t -- -- -std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE

// Standalone Asio 1.22 (libasio-dev, <asio.hpp>, namespace asio::) against
// the real headers; asio::error_code is std::error_code. Its config only
// enables coroutines for clang through the two defines on the RUN line.
// Reported: a coroutine owner that co_returns early, a plain owner that
// returns early after post, a shared_ptr channel, and close() before the
// early return (no rescue). The fix adds a buffer of one value. Silent: a
// receive on every path, cancel(), a buffered channel and try_send.

#include <asio.hpp>
#include <asio/experimental/channel.hpp>
#include <memory>

// ---- reported ----------------------------------------------------------------

// A coroutine owner co_spawns a producer lambda and can co_return before it
// receives.
asio::awaitable<void> serve(bool quit) {
  auto ex = co_await asio::this_coro::executor;
  asio::experimental::channel<void(asio::error_code, int)> ch(ex);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(asio::error_code, int)> ch(ex, 1);{{$}}
  asio::co_spawn(ex, [&]() -> asio::awaitable<void> {
    co_await ch.async_send(asio::error_code{}, 42, asio::use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: send on unbuffered channel 'ch' may never be received: 'serve' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task that sends on 'ch' is spawned here
    // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'serve' can return here without receiving from 'ch'
  }, asio::detached);
  if (quit)
    co_return;
  co_await ch.async_receive(asio::use_awaitable);
}

// A plain owner posts a handler-based sender and can return before it
// starts the receive.
void postSend(asio::io_context &ctx, bool quit) {
  asio::experimental::channel<void(asio::error_code, int)> events(ctx);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(asio::error_code, int)> events(ctx, 1);{{$}}
  asio::post(ctx, [&events] {
    events.async_send(asio::error_code{}, 1, [](asio::error_code) {});
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: send on unbuffered channel 'events' may never be received: 'postSend' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task that sends on 'events' is spawned here
    // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'postSend' can return here without receiving from 'events'
  });
  if (quit)
    return;
  events.async_receive([](asio::error_code, int) {});
  ctx.run();
}

// A shared_ptr channel captured by value: the sender waits forever.
void sharedChannel(asio::io_context &ctx, bool quit) {
  auto ex = ctx.get_executor();
  auto results = std::make_shared<asio::experimental::channel<void(asio::error_code, int)>>(ex);
  // CHECK-FIXES: {{^}}  auto results = std::make_shared<asio::experimental::channel<void(asio::error_code, int)>>(ex, 1);{{$}}
  asio::co_spawn(ex, [results]() -> asio::awaitable<void> {
    co_await results->async_send(asio::error_code{}, 5, asio::use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: send on unbuffered channel 'results' may never be received: 'sharedChannel' can return without receiving, and the sender then blocks forever [leak-unread-channel-send]
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task that sends on 'results' is spawned here
    // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'sharedChannel' can return here without receiving from 'results'
  }, asio::detached);
  if (quit)
    return;
  results->async_receive([](asio::error_code, int) {});
}

// close() leaves a pending send waiting: it is no rescue. Braces form:
// `updates{ex}` becomes `updates{ex, 1}`.
void closeIsNoRescue(asio::io_context &ctx, bool quit) {
  auto ex = ctx.get_executor();
  asio::experimental::channel<void(asio::error_code, int)> updates{ex};
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(asio::error_code, int)> updates{ex, 1};{{$}}
  asio::dispatch(ex, [&updates] {
    updates.async_send(asio::error_code{}, 9, [](asio::error_code) {});
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: send on unbuffered channel 'updates' may never be received: 'closeIsNoRescue' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task that sends on 'updates' is spawned here
    // CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'closeIsNoRescue' can return here without receiving from 'updates'
  });
  if (quit) {
    updates.close();
    return;
  }
  updates.async_receive([](asio::error_code, int) {});
}

// ---- silent ------------------------------------------------------------------

// Every path receives before it leaves.
asio::awaitable<void> receivesOnEveryPath(bool quit) {
  auto ex = co_await asio::this_coro::executor;
  asio::experimental::channel<void(asio::error_code, int)> ch(ex);
  asio::co_spawn(ex, [&]() -> asio::awaitable<void> {
    co_await ch.async_send(asio::error_code{}, 1, asio::use_awaitable);
  }, asio::detached);
  if (quit) {
    co_await ch.async_receive(asio::use_awaitable);
    co_return;
  }
  int value = co_await ch.async_receive(asio::use_awaitable);
  (void)value;
}

// cancel() completes the pending send before the early return.
void cancelBeforeReturn(asio::io_context &ctx, bool quit) {
  asio::experimental::channel<void(asio::error_code, int)> ch(ctx);
  asio::post(ctx, [&ch] { ch.async_send(asio::error_code{}, 1, [](asio::error_code) {}); });
  if (quit) {
    ch.cancel();
    return;
  }
  ch.async_receive([](asio::error_code, int) {});
}

// A buffer of one value: the send does not wait for a receiver.
void buffered(asio::io_context &ctx, bool quit) {
  asio::experimental::channel<void(asio::error_code, int)> ch(ctx, 1);
  asio::post(ctx, [&ch] { ch.async_send(asio::error_code{}, 1, [](asio::error_code) {}); });
  if (quit)
    return;
  ch.async_receive([](asio::error_code, int) {});
}

// try_send gives up by itself when nobody is receiving.
void trySend(asio::io_context &ctx, bool quit) {
  asio::experimental::channel<void(asio::error_code, int)> ch(ctx);
  asio::post(ctx, [&ch] { ch.try_send(asio::error_code{}, 1); });
  if (quit)
    return;
  ch.async_receive([](asio::error_code, int) {});
}
