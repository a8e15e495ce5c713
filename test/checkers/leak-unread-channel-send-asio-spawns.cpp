// RUN: %check_leak_tidy %s leak-unread-channel-send %t -- -- -std=c++20

// Boost.Asio 1.81 against the real headers: more ways a function spawns the
// task that sends on its local channel, and more ways it can leave before it
// receives. Spawns: post, dispatch and defer to a strand or an executor, a
// completion handler bound to a strand with bind_executor, and the member
// forms io_context::post and io_context::strand::post/dispatch. Paths out:
// an explicit throw after the spawn (a call that may throw is one only in
// StrictMode). An explicit buffer size of 0 makes a concurrent_channel
// unbuffered too; the fix (plain -fix) turns the 0 into 1 and gives the
// other channels a buffer of 1. A receive that can give up (try_receive, a
// race against a timer) counts when its give-up path then waits with a
// blocking receive.

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/defer.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/channel.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/io_context_strand.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <stdexcept>

namespace asio = boost::asio;
using boost::system::error_code;
using namespace asio::experimental::awaitable_operators;

bool valid(int request);
int parse(int request);

// ---- reported ----------------------------------------------------------------

// An explicit throw between the spawn and the receive leaves the function
// without receiving.
void throwAfterSpawn(asio::io_context &ctx, int request) {
  asio::experimental::channel<void(error_code, int)> replies(ctx);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> replies(ctx, 1);{{$}}
  asio::post(ctx, [&replies] { replies.async_send(error_code{}, 1, [](error_code) {}); });
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: send on unbuffered channel 'replies' may never be received: 'throwAfterSpawn' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: the task that sends on 'replies' is spawned here
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'throwAfterSpawn' can exit here by an exception without receiving from 'replies'
  if (!valid(request))
    throw std::invalid_argument("bad request");
  replies.async_receive([](error_code, int) {});
}

// Posted to a strand.
void postToStrand(asio::io_context &ctx, bool quit) {
  auto strand = asio::make_strand(ctx);
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> ch(ctx, 1);{{$}}
  asio::post(strand, [&ch] { ch.async_send(error_code{}, 1, [](error_code) {}); });
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: send on unbuffered channel 'ch' may never be received: 'postToStrand' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: the task that sends on 'ch' is spawned here
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'postToStrand' can return here without receiving from 'ch'
  if (quit)
    return;
  ch.async_receive([](error_code, int) {});
}

// Dispatched to a strand.
void dispatchToStrand(asio::io_context &ctx, bool quit) {
  auto strand = asio::make_strand(ctx);
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> ch(ctx, 1);{{$}}
  asio::dispatch(strand, [&ch] { ch.async_send(error_code{}, 1, [](error_code) {}); });
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: send on unbuffered channel 'ch' may never be received: 'dispatchToStrand' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: the task that sends on 'ch' is spawned here
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'dispatchToStrand' can return here without receiving from 'ch'
  if (quit)
    return;
  ch.async_receive([](error_code, int) {});
}

// Deferred to an executor.
void deferToExecutor(asio::io_context &ctx, bool quit) {
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> ch(ctx, 1);{{$}}
  asio::defer(ctx.get_executor(), [&ch] { ch.async_send(error_code{}, 1, [](error_code) {}); });
  // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: send on unbuffered channel 'ch' may never be received: 'deferToExecutor' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: the task that sends on 'ch' is spawned here
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'deferToExecutor' can return here without receiving from 'ch'
  if (quit)
    return;
  ch.async_receive([](error_code, int) {});
}

// A timer's completion handler bound to a strand runs as a task of its own.
void boundToStrand(asio::io_context &ctx, bool quit) {
  auto strand = asio::make_strand(ctx);
  asio::steady_timer timer(ctx, std::chrono::seconds(1));
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> ch(ctx, 1);{{$}}
  timer.async_wait(asio::bind_executor(strand, [&ch](error_code) {
    ch.async_send(error_code{}, 1, [](error_code) {});
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: send on unbuffered channel 'ch' may never be received: 'boundToStrand' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
    // CHECK-MESSAGES: :[[@LINE-3]]:26: note: the task that sends on 'ch' is spawned here
    // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'boundToStrand' can return here without receiving from 'ch'
  }));
  if (quit)
    return;
  ch.async_receive([](error_code, int) {});
}

// The io_context's own post().
void contextPost(asio::io_context &ctx, bool quit) {
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> ch(ctx, 1);{{$}}
  ctx.post([&ch] { ch.async_send(error_code{}, 1, [](error_code) {}); });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: send on unbuffered channel 'ch' may never be received: 'contextPost' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: the task that sends on 'ch' is spawned here
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'contextPost' can return here without receiving from 'ch'
  if (quit)
    return;
  ch.async_receive([](error_code, int) {});
}

// An io_context::strand's own post() and dispatch().
void strandMembers(asio::io_context &ctx, bool quit) {
  asio::io_context::strand strand(ctx);
  asio::experimental::channel<void(error_code, int)> posted(ctx);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> posted(ctx, 1);{{$}}
  asio::experimental::channel<void(error_code, int)> dispatched(ctx);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> dispatched(ctx, 1);{{$}}
  strand.post([&posted] { posted.async_send(error_code{}, 1, [](error_code) {}); });
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: send on unbuffered channel 'posted' may never be received: 'strandMembers' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: the task that sends on 'posted' is spawned here
  // CHECK-MESSAGES: :[[@LINE+6]]:5: note: 'strandMembers' can return here without receiving from 'posted'
  strand.dispatch([&dispatched] { dispatched.async_send(error_code{}, 2, [](error_code) {}); });
  // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: send on unbuffered channel 'dispatched' may never be received: 'strandMembers' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: the task that sends on 'dispatched' is spawned here
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'strandMembers' can return here without receiving from 'dispatched'
  if (quit)
    return;
  posted.async_receive([](error_code, int) {});
  dispatched.async_receive([](error_code, int) {});
}

// A concurrent_channel built with an explicit buffer size of 0 is a
// rendezvous: the 0 becomes 1.
void zeroBufferConcurrent(asio::io_context &ctx, bool quit) {
  asio::experimental::concurrent_channel<void(error_code, int)> jobs(ctx, 0);
  // CHECK-FIXES: {{^}}  asio::experimental::concurrent_channel<void(error_code, int)> jobs(ctx, 1);{{$}}
  asio::post(ctx, [&jobs] { jobs.async_send(error_code{}, 1, [](error_code) {}); });
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: send on unbuffered channel 'jobs' may never be received: 'zeroBufferConcurrent' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: the task that sends on 'jobs' is spawned here
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'zeroBufferConcurrent' can return here without receiving from 'jobs'
  if (quit)
    return;
  jobs.async_receive([](error_code, int) {});
}

// try_receive gives up at once when no value is waiting, and nothing
// receives after it.
void tryReceiveOnly(asio::io_context &ctx) {
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> ch(ctx, 1);{{$}}
  asio::post(ctx, [&ch] { ch.async_send(error_code{}, 1, [](error_code) {}); });
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: send on unbuffered channel 'ch' may never be received: 'tryReceiveOnly' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: the task that sends on 'ch' is spawned here
  // CHECK-MESSAGES: :[[@LINE+2]]:6: note: 'try_receive' can give up without receiving from 'ch'
  // CHECK-MESSAGES: :[[@LINE+2]]:1: note: 'tryReceiveOnly' can reach its end here without receiving from 'ch'
  ch.try_receive([](error_code, int) {});
}

// ---- silent --------------------------------------------------------------------

// A call that may throw is a path out only in StrictMode.
void throwingCall(asio::io_context &ctx, int request) {
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  asio::post(ctx, [&ch] { ch.async_send(error_code{}, 1, [](error_code) {}); });
  parse(request);
  ch.async_receive([](error_code, int) {});
}

// The throw comes before the spawn, or after the receive.
void throwOutsideTheWindow(asio::io_context &ctx, int request) {
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  if (!valid(request))
    throw std::invalid_argument("bad request");
  asio::post(ctx, [&ch] { ch.async_send(error_code{}, 1, [](error_code) {}); });
  ch.async_receive([](error_code, int) {});
  if (!valid(request + 1))
    throw std::invalid_argument("bad follow-up");
}

// try_receive, then a waiting receive when it found nothing.
void tryThenWait(asio::io_context &ctx) {
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  asio::post(ctx, [&ch] { ch.async_send(error_code{}, 1, [](error_code) {}); });
  if (!ch.try_receive([](error_code, int) {}))
    ch.async_receive([](error_code, int) {});
}

// A receive raced against a timer, then a waiting receive when the timer won.
asio::awaitable<void> raceThenWait() {
  auto ex = co_await asio::this_coro::executor;
  asio::experimental::channel<void(error_code, int)> ch(ex);
  asio::steady_timer timer(ex, std::chrono::seconds(1));
  asio::co_spawn(ex, [&]() -> asio::awaitable<void> {
    co_await ch.async_send(error_code{}, 1, asio::use_awaitable);
  }, asio::detached);
  auto first = co_await (ch.async_receive(asio::use_awaitable) ||
                         timer.async_wait(asio::use_awaitable));
  if (first.index() == 1)
    co_await ch.async_receive(asio::use_awaitable);
}

// ---- a throw caught in the function ---------------------------------------------

// Silent: the throw is caught by a try in the same function, which then goes
// on to receive. Only a throw that leaves the function is a path out.
void caughtThrow(asio::io_context &ctx, int request) {
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  asio::post(ctx, [&ch] { ch.async_send(error_code{}, 1, [](error_code) {}); });
  bool ok = valid(request);
  try {
    if (!ok)
      throw std::invalid_argument("bad");
  } catch (...) {
  }
  ch.async_receive([](error_code, int) {});
}

// Silent: caught by a handler for its own type.
void caughtByType(asio::io_context &ctx, int request) {
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  asio::post(ctx, [&ch] { ch.async_send(error_code{}, 1, [](error_code) {}); });
  try {
    if (!valid(request))
      throw std::invalid_argument("bad");
  } catch (const std::invalid_argument &) {
  }
  ch.async_receive([](error_code, int) {});
}

// Its twin whose handler throws it again: the rethrow leaves the function.
void caughtAndRethrown(asio::io_context &ctx, int request) {
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> ch(ctx, 1);{{$}}
  asio::post(ctx, [&ch] { ch.async_send(error_code{}, 1, [](error_code) {}); });
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: send on unbuffered channel 'ch' may never be received: 'caughtAndRethrown' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: the task that sends on 'ch' is spawned here
  // CHECK-MESSAGES: :[[@LINE+5]]:5: note: 'caughtAndRethrown' can exit here by an exception without receiving from 'ch'
  try {
    if (!valid(request))
      throw std::invalid_argument("bad");
  } catch (...) {
    throw;
  }
  ch.async_receive([](error_code, int) {});
}

// A handler for another type lets the exception leave the function.
void caughtByOtherType(asio::io_context &ctx, int request) {
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> ch(ctx, 1);{{$}}
  asio::post(ctx, [&ch] { ch.async_send(error_code{}, 1, [](error_code) {}); });
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: send on unbuffered channel 'ch' may never be received: 'caughtByOtherType' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: the task that sends on 'ch' is spawned here
  // CHECK-MESSAGES: :[[@LINE+3]]:7: note: 'caughtByOtherType' can exit here by an exception without receiving from 'ch'
  try {
    if (!valid(request))
      throw std::invalid_argument("bad");
  } catch (const std::runtime_error &) {
  }
  ch.async_receive([](error_code, int) {});
}

// The handler that catches it returns early: a path out without a receive.
void returnsFromHandler(asio::io_context &ctx, int request) {
  asio::experimental::channel<void(error_code, int)> ch(ctx);
  // CHECK-FIXES: {{^}}  asio::experimental::channel<void(error_code, int)> ch(ctx, 1);{{$}}
  asio::post(ctx, [&ch] { ch.async_send(error_code{}, 1, [](error_code) {}); });
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: send on unbuffered channel 'ch' may never be received: 'returnsFromHandler' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: the task that sends on 'ch' is spawned here
  // CHECK-MESSAGES: :[[@LINE+5]]:5: note: 'returnsFromHandler' can return here without receiving from 'ch'
  try {
    if (!valid(request))
      throw std::invalid_argument("bad");
  } catch (...) {
    return;
  }
  ch.async_receive([](error_code, int) {});
}
