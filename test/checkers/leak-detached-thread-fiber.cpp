// RUN: %check_leak_tidy %s leak-detached-thread %t -- -- -std=c++17

// Boost.Fiber against the real headers: a detached fiber is the closest
// C++ spelling of `go func() { for { ... } }()`, and leaks the same way.
// The thread rule applies: reported when the fiber's function has a loop
// that can never end, named or temporary, with a note on the safe pattern
// and no fix-it. Silent: a loop that ends when its channel is closed (a
// status it checks, or value_pop throwing into a try around the loop), a
// joined fiber, and a fiber detached once in main (process lifetime).

#include <boost/fiber/all.hpp>
#include <chrono>
#include <memory>

using Channel = boost::fibers::buffered_channel<int>;

void publish(int value);

void heartbeat() {
  for (;;) {
    publish(1);
    boost::this_fiber::sleep_for(std::chrono::seconds(1));
  }
}

// ---- reported -------------------------------------------------------------

void startPump(Channel &ch) {
  boost::fibers::fiber pump([&ch] {
    for (;;) {
      ch.push(1);
      boost::this_fiber::sleep_for(std::chrono::milliseconds(10));
    }
  });
  pump.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: fiber 'pump' is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: this loop never ends: its condition is always true and no path leaves it
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: join the fiber on shutdown instead of detaching it, and end its loop on a stop flag or on the channel it waits on being closed
}

// One more for every session.
void onSession() {
  boost::fibers::fiber(heartbeat).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: temporary fiber running 'heartbeat' is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-25]]:3: note: this loop never ends: its condition is always true and no path leaves it
  // CHECK-MESSAGES: :[[@LINE-3]]:35: note: join the fiber on shutdown instead of detaching it, and end its loop on a stop flag or on the channel it waits on being closed
}

// ---- silent ---------------------------------------------------------------

// Closing the channel ends the loop.
void startConsumer(Channel &ch) {
  boost::fibers::fiber consumer([&ch] {
    for (;;) {
      int value;
      if (ch.pop(value) == boost::fibers::channel_op_status::closed)
        return;
      publish(value);
    }
  });
  consumer.detach();
}

// value_pop throws once the channel is closed: Boost.Fiber's own consumers
// end that way, with the try around the loop.
void startDrainer(std::shared_ptr<boost::fibers::unbuffered_channel<int>> ch) {
  boost::fibers::fiber([ch] {
    try {
      for (;;)
        publish(ch->value_pop());
    } catch (const boost::fibers::fiber_error &) {
    }
  }).detach();
}

void joined() {
  boost::fibers::fiber worker(heartbeat);
  worker.join();
}

int main() {
  boost::fibers::fiber(heartbeat).detach();
  Channel ch{8};
  startConsumer(ch);
  onSession();
}
