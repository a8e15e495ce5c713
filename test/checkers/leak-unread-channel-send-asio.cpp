// RUN: %check_leak_tidy %s leak-unread-channel-send %t -- -- -std=c++20

// Boost.Asio 1.81 experimental channels against the real headers. A channel
// built without a buffer size (or with 0) is a rendezvous: async_send waits
// until a receive takes the value. When the function that owns a local
// channel spawns a task that sends on it and can then return without
// receiving, the pending send is completed by the channel's destructor and
// the sender touches a destroyed channel; with a shared_ptr channel the
// sender waits forever. Spawns: co_spawn of a lambda or of a coroutine
// function, post, dispatch, std::thread. Asio's close() does not complete a
// pending send, so it is no rescue; cancel() is. The fix (plain -fix) gives
// the channel a buffer of one value: `ch(ex)` -> `ch(ex, 1)`, `ch{ex}` ->
// `ch{ex, 1}`, `ch(ctx, 0)` -> `ch(ctx, 1)`, `make_shared<...>(ex)` ->
// `make_shared<...>(ex, 1)`. Silent: a receive on every path, cancel()
// before the early return, a buffered channel, try_send, a data member, a
// channel handed to an unknown function, a receiver in another task.

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/channel.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <chrono>
#include <memory>
#include <thread>

namespace asio = boost::asio;
using boost::system::error_code;
using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

// ---- reported ----------------------------------------------------------------

// A coroutine owner co_spawns a producer lambda and can co_return before it
// receives.
asio::awaitable<void> serve(bool quit) {
  auto ex = co_await asio::this_coro::executor;
  asio::experimental::channel<void(error_code, int)> ch(ex);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> ch(ex, 1);{{$}}
  asio::co_spawn(ex, [&]() -> asio::awaitable<void> {
    co_await ch.async_send(error_code{}, 42, asio::use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: send on unbuffered channel 'ch' may never be received: 'serve' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task that sends on 'ch' is spawned here
    // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'serve' can return here without receiving from 'ch'
  }, asio::detached);
  if (quit)
    co_return;
  co_await ch.async_receive(asio::use_awaitable);
}

// The only receive is raced against a timer with ||: it gives up when the
// timer wins, and the coroutine then reaches its end.
asio::awaitable<void> raceTimer() {
  auto ex = co_await asio::this_coro::executor;
  asio::experimental::channel<void(error_code, int)> replies(ex);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> replies(ex, 1);{{$}}
  asio::steady_timer timer(ex, 1s);
  asio::co_spawn(ex, [&]() -> asio::awaitable<void> {
    co_await replies.async_send(error_code{}, 1, asio::use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: send on unbuffered channel 'replies' may never be received: 'raceTimer' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task that sends on 'replies' is spawned here
    // CHECK-MESSAGES: :[[@LINE+3]]:21: note: 'async_receive' can give up without receiving from 'replies'
    // CHECK-MESSAGES: :[[@LINE+3]]:1: note: 'raceTimer' can reach its end here without receiving from 'replies'
  }, asio::detached);
  co_await (replies.async_receive(asio::use_awaitable) || timer.async_wait(asio::use_awaitable));
}

// A coroutine function gets the channel by reference and is co_spawned; the
// warning is at its send, named after the owner's channel. Asio's fix does
// not change the type, so it is still offered.
asio::awaitable<void> produce(asio::experimental::channel<void(error_code, int)> &out) {
  co_await out.async_send(error_code{}, 3, asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: send on unbuffered channel 'ch' may never be received: 'serveFunction' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE+8]]:9: note: the task that sends on 'ch' is spawned here
  // CHECK-MESSAGES: :[[@LINE+9]]:5: note: 'serveFunction' can return here without receiving from 'ch'
}

asio::awaitable<void> serveFunction(bool quit) {
  auto ex = co_await asio::this_coro::executor;
  asio::experimental::channel<void(error_code, int)> ch(ex);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> ch(ex, 1);{{$}}
  asio::co_spawn(ex, produce(ch), asio::detached);
  if (quit)
    co_return;
  co_await ch.async_receive(asio::use_awaitable);
}

// A plain owner posts a handler-based sender and can return before it
// starts the receive.
void postSend(asio::io_context &ctx, bool quit) {
  asio::experimental::channel<void(error_code, int)> events(ctx);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> events(ctx, 1);{{$}}
  asio::post(ctx, [&] {
    events.async_send(error_code{}, 1, [](error_code) {});
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: send on unbuffered channel 'events' may never be received: 'postSend' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task that sends on 'events' is spawned here
    // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'postSend' can return here without receiving from 'events'
  });
  if (quit)
    return;
  events.async_receive([](error_code, int) {});
  ctx.run();
}

// A concurrent_channel sent on from a std::thread through use_future.
void threadSend(asio::io_context &ctx, bool quit) {
  asio::experimental::concurrent_channel<void(error_code, int)> jobs(ctx);
  // CHECK-FIXES: {{^}}  asio::experimental::concurrent_channel<void(error_code, int)> jobs(ctx, 1);{{$}}
  std::thread worker([&jobs] {
    jobs.async_send(error_code{}, 7, asio::use_future).get();
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: send on unbuffered channel 'jobs' may never be received: 'threadSend' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
    // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the task that sends on 'jobs' is spawned here
    // CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'threadSend' can return here without receiving from 'jobs'
  });
  worker.detach();
  if (quit)
    return;
  jobs.async_receive([](error_code, int) {});
  ctx.run();
}

// The braces form `acks{ex}` becomes `acks{ex, 1}`; the task is dispatched.
void bracesForm(asio::io_context &ctx, bool quit) {
  auto ex = ctx.get_executor();
  asio::experimental::channel<void(error_code, int)> acks{ex};
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> acks{ex, 1};{{$}}
  asio::dispatch(ex, [&acks] {
    acks.async_send(error_code{}, 2, [](error_code) {});
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: send on unbuffered channel 'acks' may never be received: 'bracesForm' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task that sends on 'acks' is spawned here
    // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'bracesForm' can return here without receiving from 'acks'
  });
  if (quit)
    return;
  acks.async_receive([](error_code, int) {});
}

// An explicit buffer size of 0 is a rendezvous too; the 0 becomes 1.
void zeroBuffer(asio::io_context &ctx, bool quit) {
  asio::experimental::channel<void(error_code, int)> orders(ctx, 0);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> orders(ctx, 1);{{$}}
  asio::co_spawn(ctx, [&orders]() -> asio::awaitable<void> {
    co_await orders.async_send(error_code{}, 4, asio::use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: send on unbuffered channel 'orders' may never be received: 'zeroBuffer' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task that sends on 'orders' is spawned here
    // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'zeroBuffer' can return here without receiving from 'orders'
  }, asio::detached);
  if (quit)
    return;
  orders.async_receive([](error_code, int) {});
}

// A shared_ptr channel captured by value: the sender is never woken, it
// waits forever and keeps the io_context running.
void sharedChannel(asio::io_context &ctx, bool quit) {
  auto ex = ctx.get_executor();
  auto results = std::make_shared<boost::asio::experimental::channel<void(boost::system::error_code, int)>>(ex);
  // CHECK-FIXES: {{^}}  auto results = std::make_shared<boost::asio::experimental::channel<void(boost::system::error_code, int)>>(ex, 1);{{$}}
  asio::co_spawn(ex, [results]() -> asio::awaitable<void> {
    co_await results->async_send(error_code{}, 5, asio::use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: send on unbuffered channel 'results' may never be received: 'sharedChannel' can return without receiving, and the sender then blocks forever [leak-unread-channel-send]
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task that sends on 'results' is spawned here
    // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'sharedChannel' can return here without receiving from 'results'
  }, asio::detached);
  if (quit)
    return;
  results->async_receive([](error_code, int) {});
}

// Asio's close() leaves a pending send waiting: it is no rescue.
void closeIsNoRescue(asio::io_context &ctx, bool quit) {
  asio::experimental::channel<void(error_code, int)> updates(ctx);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> updates(ctx, 1);{{$}}
  asio::post(ctx, [&updates] {
    updates.async_send(error_code{}, 9, [](error_code) {});
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: send on unbuffered channel 'updates' may never be received: 'closeIsNoRescue' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task that sends on 'updates' is spawned here
    // CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'closeIsNoRescue' can return here without receiving from 'updates'
  });
  if (quit) {
    updates.close();
    return;
  }
  updates.async_receive([](error_code, int) {});
}

// ---- silent ------------------------------------------------------------------

// Every path receives before it leaves.
asio::awaitable<void> receivesOnEveryPath(bool quit) {
  auto ex = co_await asio::this_coro::executor;
  asio::experimental::channel<void(error_code, int)> ch(ex);
  asio::co_spawn(ex, [&]() -> asio::awaitable<void> {
    co_await ch.async_send(error_code{}, 1, asio::use_awaitable);
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
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  asio::post(ctx, [&ch] { ch.async_send(error_code{}, 1, [](error_code) {}); });
  if (quit) {
    ch.cancel();
    return;
  }
  ch.async_receive([](error_code, int) {});
}

// A buffer of one or more values: the send does not wait for a receiver.
void buffered(asio::io_context &ctx, bool quit) {
  asio::experimental::channel<void(error_code, int)> one(ctx, 1);
  asio::experimental::channel<void(error_code, int)> eight(ctx, 8);
  asio::post(ctx, [&one] { one.async_send(error_code{}, 1, [](error_code) {}); });
  asio::post(ctx, [&eight] { eight.async_send(error_code{}, 8, [](error_code) {}); });
  if (quit)
    return;
  one.async_receive([](error_code, int) {});
  eight.async_receive([](error_code, int) {});
}

// try_send gives up by itself when nobody is receiving.
void trySend(asio::io_context &ctx, bool quit) {
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  asio::post(ctx, [&ch] { ch.try_send(error_code{}, 1); });
  if (quit)
    return;
  ch.async_receive([](error_code, int) {});
}

// A data member outlives the function that spawns the sender.
class Mailbox {
public:
  explicit Mailbox(asio::io_context &ctx) : ctx_(ctx), box_(ctx) {}

  void start(bool quit) {
    asio::post(ctx_, [this] { box_.async_send(error_code{}, 1, [](error_code) {}); });
    if (quit)
      return;
    box_.async_receive([](error_code, int) {});
  }

private:
  asio::io_context &ctx_;
  asio::experimental::channel<void(error_code, int)> box_;
};

// Handed to a function whose body is not visible: it may receive.
void handOff(asio::experimental::channel<void(error_code, int)> &ch);

void escapes(asio::io_context &ctx, bool quit) {
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  asio::post(ctx, [&ch] { ch.async_send(error_code{}, 1, [](error_code) {}); });
  handOff(ch);
  if (quit)
    return;
  ch.async_receive([](error_code, int) {});
}

// The receiver is another co_spawned coroutine.
asio::awaitable<void> produceFive(asio::experimental::channel<void(error_code, int)> &out) {
  co_await out.async_send(error_code{}, 5, asio::use_awaitable);
}

asio::awaitable<void> consume(asio::experimental::channel<void(error_code, int)> &in) {
  int value = co_await in.async_receive(asio::use_awaitable);
  (void)value;
}

void pipeline(asio::io_context &ctx) {
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  asio::co_spawn(ctx, produceFive(ch), asio::detached);
  asio::co_spawn(ctx, consume(ch), asio::detached);
  ctx.run();
}
