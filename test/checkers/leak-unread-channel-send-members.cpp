// RUN: %check_leak_tidy %s leak-unread-channel-send %t -- -- -std=c++20
// RUN: %check_leak_tidy --check-suffix=STRICT %s leak-unread-channel-send %t.strict -- -config="{CheckOptions: {leak-unread-channel-send.StrictMode: true}}" -- -std=c++20

// Channel data members, followed through their class (Boost.Fiber 1.81 and
// Boost.Asio 1.81 against the real headers). A member outlives the function
// that spawns a sender, so what counts is the class's code taken together:
// a member unbuffered channel that a task spawned by the class sends on, and
// that no member function receives from, is reported at the send, with notes
// at the spawn and at the member's declaration. A receive anywhere in the
// class counts; one that can give up (pop_wait_for) does not, unless its
// give-up path then waits with a blocking receive. Boost.Fiber's close()
// wakes the sender, Asio's cancel() completes it, Asio's close() does not.
//
// Silent by default, reported in the STRICT run (plain CHECK-MESSAGES lines
// apply to it too): a member that code outside the class can reach (a public
// member, a class with a friend, a class with a member function defined in
// another file).

#include <boost/asio/experimental/channel.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/fiber/fiber.hpp>
#include <boost/fiber/unbuffered_channel.hpp>
#include <chrono>
#include <thread>

namespace asio = boost::asio;
using boost::system::error_code;
using Status = boost::fibers::channel_op_status;

// ---- Boost.Fiber: reported -----------------------------------------------------

// start() can be called any number of times; each sender waits for a
// receive that nothing in the class makes.
class Results {
public:
  void start() { std::thread([this] { ch_.push(1); }).detach(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: send on unbuffered channel 'ch_' may never be received: nothing in class 'Results' waits to receive from it, and the sender then blocks forever [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: the task that sends on 'ch_' is spawned here
  // CHECK-MESSAGES: :[[@LINE+3]]:42: note: 'ch_' is declared here; receive from it in stop() or the destructor, or give it room for the values its senders send

private:
  boost::fibers::unbuffered_channel<int> ch_;
};

// The only receive is pop_wait_for, which gives up after its timeout.
class TimedResults {
public:
  void start() { std::thread([this] { ch_.push(1); }).detach(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: send on unbuffered channel 'ch_' may never be received: nothing in class 'TimedResults' waits to receive from it, and the sender then blocks forever [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: the task that sends on 'ch_' is spawned here
  // CHECK-MESSAGES: :[[@LINE+3]]:16: note: 'pop_wait_for' can give up without receiving from 'ch_'
  // CHECK-MESSAGES: :[[@LINE+6]]:42: note: 'ch_' is declared here; receive from it in stop() or the destructor
  bool next(int &value) {
    return ch_.pop_wait_for(value, std::chrono::milliseconds(100)) == Status::success;
  }

private:
  boost::fibers::unbuffered_channel<int> ch_;
};

// The task is a member function, run by a fiber.
class Producer {
public:
  void start() { boost::fibers::fiber(&Producer::produce, this).detach(); }
  // CHECK-MESSAGES: :[[@LINE+5]]:24: warning: send on unbuffered channel 'ch_' may never be received: nothing in class 'Producer' waits to receive from it, and the sender then blocks forever [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: the task that sends on 'ch_' is spawned here
  // CHECK-MESSAGES: :[[@LINE+4]]:42: note: 'ch_' is declared here

private:
  void produce() { ch_.push(2); }
  boost::fibers::unbuffered_channel<int> ch_;
};

// ---- Boost.Fiber: silent ---------------------------------------------------------

// A member function receives.
class Drained {
public:
  void start() { std::thread([this] { ch_.push(1); }).detach(); }
  int next() { return ch_.value_pop(); }

private:
  boost::fibers::unbuffered_channel<int> ch_;
};

// A timed receive whose give-up path then waits for the value.
class PatientDrain {
public:
  void start() { std::thread([this] { ch_.push(1); }).detach(); }
  int next() {
    int value = 0;
    if (ch_.pop_wait_for(value, std::chrono::milliseconds(100)) != Status::success)
      ch_.pop(value);
    return value;
  }

private:
  boost::fibers::unbuffered_channel<int> ch_;
};

// Another task of the class receives.
class Pipeline {
public:
  void start() {
    std::thread([this] { ch_.push(1); }).detach();
    std::thread([this] { ch_.value_pop(); }).detach();
  }

private:
  boost::fibers::unbuffered_channel<int> ch_;
};

// Boost.Fiber's close() in the destructor wakes the blocked sender.
class ClosedOnExit {
public:
  void start() { std::thread([this] { ch_.push(1); }).detach(); }
  ~ClosedOnExit() { ch_.close(); }

private:
  boost::fibers::unbuffered_channel<int> ch_;
};

// ---- Boost.Fiber: escapes, reported only in StrictMode ----------------------------

// A public member: code outside the class may receive from it.
class PublicResults {
public:
  void start() { std::thread([this] { ch.push(1); }).detach(); }
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:42: warning: send on unbuffered channel 'ch' may never be received: nothing in class 'PublicResults' waits to receive from it, and the sender then blocks forever [leak-unread-channel-send]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:18: note: the task that sends on 'ch' is spawned here
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:42: note: 'ch' is declared here
  boost::fibers::unbuffered_channel<int> ch;
};

// stop() is defined in another file, where it may receive.
class StoppedElsewhere {
public:
  void start() { std::thread([this] { ch_.push(1); }).detach(); }
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:43: warning: send on unbuffered channel 'ch_' may never be received: nothing in class 'StoppedElsewhere' waits to receive from it, and the sender then blocks forever [leak-unread-channel-send]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:18: note: the task that sends on 'ch_' is spawned here
  // CHECK-MESSAGES-STRICT: :[[@LINE+4]]:42: note: 'ch_' is declared here
  void stop();

private:
  boost::fibers::unbuffered_channel<int> ch_;
};

// A friend may receive from it.
class Befriended {
  friend class Consumer;

public:
  void start() { std::thread([this] { ch_.push(1); }).detach(); }
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:43: warning: send on unbuffered channel 'ch_' may never be received: nothing in class 'Befriended' waits to receive from it, and the sender then blocks forever [leak-unread-channel-send]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:18: note: the task that sends on 'ch_' is spawned here
  // CHECK-MESSAGES-STRICT: :[[@LINE+3]]:42: note: 'ch_' is declared here

private:
  boost::fibers::unbuffered_channel<int> ch_;
};

// ---- Boost.Asio experimental::channel members ----------------------------------

// Built without a buffer size in the initializer list: each posted handler's
// async_send waits for an async_receive that nothing in the class starts.
class Events {
public:
  explicit Events(asio::io_context &ctx) : ctx_(ctx), events_(ctx) {}
  void publish(int value) {
    asio::post(ctx_, [this, value] {
      events_.async_send(error_code{}, value, [](error_code) {});
      // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: send on unbuffered channel 'events_' may never be received: nothing in class 'Events' waits to receive from it, and the sender then blocks forever [leak-unread-channel-send]
      // CHECK-MESSAGES: :[[@LINE-3]]:11: note: the task that sends on 'events_' is spawned here
      // CHECK-MESSAGES: :[[@LINE+6]]:54: note: 'events_' is declared here
    });
  }

private:
  asio::io_context &ctx_;
  asio::experimental::channel<void(error_code, int)> events_;
};

// Asio's close() leaves a pending async_send waiting: no rescue.
class ClosedEvents {
public:
  explicit ClosedEvents(asio::io_context &ctx) : ctx_(ctx), events_(ctx) {}
  ~ClosedEvents() { events_.close(); }
  void publish(int value) {
    asio::post(ctx_, [this, value] {
      events_.async_send(error_code{}, value, [](error_code) {});
      // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: send on unbuffered channel 'events_' may never be received: nothing in class 'ClosedEvents' waits to receive from it, and the sender then blocks forever [leak-unread-channel-send]
      // CHECK-MESSAGES: :[[@LINE-3]]:11: note: the task that sends on 'events_' is spawned here
      // CHECK-MESSAGES: :[[@LINE+6]]:54: note: 'events_' is declared here
    });
  }

private:
  asio::io_context &ctx_;
  asio::experimental::channel<void(error_code, int)> events_;
};

// Silent: a member function starts the receive.
class ConsumedEvents {
public:
  explicit ConsumedEvents(asio::io_context &ctx) : ctx_(ctx), events_(ctx) {}
  void publish(int value) {
    asio::post(ctx_, [this, value] {
      events_.async_send(error_code{}, value, [](error_code) {});
    });
  }
  void consume() { events_.async_receive([](error_code, int) {}); }

private:
  asio::io_context &ctx_;
  asio::experimental::channel<void(error_code, int)> events_;
};

// Silent: cancel() in the destructor completes the pending send.
class CancelledEvents {
public:
  explicit CancelledEvents(asio::io_context &ctx) : ctx_(ctx), events_(ctx) {}
  ~CancelledEvents() { events_.cancel(); }
  void publish(int value) {
    asio::post(ctx_, [this, value] {
      events_.async_send(error_code{}, value, [](error_code) {});
    });
  }

private:
  asio::io_context &ctx_;
  asio::experimental::channel<void(error_code, int)> events_;
};

// Silent: a buffer of eight values.
class BufferedEvents {
public:
  explicit BufferedEvents(asio::io_context &ctx) : ctx_(ctx), events_(ctx, 8) {}
  void publish(int value) {
    asio::post(ctx_, [this, value] {
      events_.async_send(error_code{}, value, [](error_code) {});
    });
  }

private:
  asio::io_context &ctx_;
  asio::experimental::channel<void(error_code, int)> events_;
};

// ---- Boost.Fiber: a member handed out by the class, reported only in StrictMode ----

void drain(boost::fibers::unbuffered_channel<int> &ch); // no body in this file
void watch(boost::fibers::unbuffered_channel<int> *ch); // no body in this file
void inspect(const boost::fibers::unbuffered_channel<int> &ch); // no body either
void use(int value);

// stop() passes it by reference to a function this file cannot see, which
// may receive from it.
class DrainedElsewhere {
public:
  void start() { std::thread([this] { ch_.push(1); }).detach(); }
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:43: warning: send on unbuffered channel 'ch_' may never be received: nothing in class 'DrainedElsewhere' waits to receive from it, and the sender then blocks forever [leak-unread-channel-send]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:18: note: the task that sends on 'ch_' is spawned here
  // CHECK-MESSAGES-STRICT: :[[@LINE+4]]:42: note: 'ch_' is declared here
  void stop() { drain(ch_); }

private:
  boost::fibers::unbuffered_channel<int> ch_;
};

// A public getter returns a reference to it.
class HandedOut {
public:
  void start() { std::thread([this] { ch_.push(1); }).detach(); }
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:43: warning: send on unbuffered channel 'ch_' may never be received: nothing in class 'HandedOut' waits to receive from it, and the sender then blocks forever [leak-unread-channel-send]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:18: note: the task that sends on 'ch_' is spawned here
  // CHECK-MESSAGES-STRICT: :[[@LINE+4]]:42: note: 'ch_' is declared here
  boost::fibers::unbuffered_channel<int> &channel() { return ch_; }

private:
  boost::fibers::unbuffered_channel<int> ch_;
};

// Its address goes to a function this file cannot see.
class Watched {
public:
  void start() {
    std::thread([this] { ch_.push(1); }).detach();
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:30: warning: send on unbuffered channel 'ch_' may never be received: nothing in class 'Watched' waits to receive from it, and the sender then blocks forever [leak-unread-channel-send]
    // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:5: note: the task that sends on 'ch_' is spawned here
    // CHECK-MESSAGES-STRICT: :[[@LINE+5]]:42: note: 'ch_' is declared here
    watch(&ch_);
  }

private:
  boost::fibers::unbuffered_channel<int> ch_;
};

// Reported by default: a reference to const cannot receive from it, so
// handing it to an unseen function is no escape.
class Inspected {
public:
  void start() { std::thread([this] { ch_.push(1); }).detach(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: send on unbuffered channel 'ch_' may never be received: nothing in class 'Inspected' waits to receive from it, and the sender then blocks forever [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: the task that sends on 'ch_' is spawned here
  // CHECK-MESSAGES: :[[@LINE+4]]:42: note: 'ch_' is declared here; receive from it in stop() or the destructor, or give it room for the values its senders send
  void stop() { inspect(ch_); }

private:
  boost::fibers::unbuffered_channel<int> ch_;
};

// ---- Boost.Fiber: a range-for receives ----------------------------------------------

// Silent: iterating over the channel receives each value (until it is
// closed), like value_pop() in a loop.
class RangeDrained {
public:
  void start() { std::thread([this] { ch_.push(1); }).detach(); }
  void run() {
    for (int v : ch_)
      use(v);
  }

private:
  boost::fibers::unbuffered_channel<int> ch_;
};
