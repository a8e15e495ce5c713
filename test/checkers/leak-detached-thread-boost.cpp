// RUN: %check_leak_tidy %s leak-detached-thread %t -- -- -std=c++17

// Boost.Thread with the real headers, at its default BOOST_THREAD_VERSION 2:
// explicit detach(), and a joinable boost::thread whose destructor detaches.

#include <boost/thread.hpp>
#include <atomic>

void poll();
std::atomic<bool> running{true};

void pollForever() {
  for (;;)
    poll();
}

void explicitDetach() {
  boost::thread worker(pollForever);
  worker.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: thread 'worker' is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-8]]:3: note: this loop never ends: its condition is always true and no path leaves it
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: keep the boost::thread, call boost::this_thread::interruption_point() in the loop, and interrupt() and join() it on shutdown
}

void destructorDetaches() {
  boost::thread worker([] {
    while (true) {
      poll();
      boost::this_thread::sleep_for(boost::chrono::seconds(1));
    }
  });
  // CHECK-MESSAGES: :[[@LINE-6]]:17: warning: thread 'worker' is detached by its destructor but its loop never checks a stop token
  // CHECK-MESSAGES: :[[@LINE+4]]:1: note: 'worker' is destroyed here without join(); boost::thread's destructor then detaches it (BOOST_THREAD_VERSION 2)
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-9]]:17: note: keep the boost::thread
  poll();
}

void temporaryDetaches() {
  boost::thread{pollForever};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: temporary thread running 'pollForever' is detached by its destructor but its loop never checks a stop token
  // CHECK-MESSAGES: :[[@LINE-2]]:28: note: the temporary is destroyed here without join()
  // CHECK-MESSAGES: :[[@LINE-30]]:3: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: keep the boost::thread
}

// ---- silent ---------------------------------------------------------------

void joined() {
  boost::thread worker(pollForever);
  worker.join();
}

void interrupted() {
  boost::thread worker([] {
    while (running)
      poll();
  });
  worker.interrupt();
  worker.join();
}

void stoppable() {
  boost::thread worker([] {
    while (true) {
      if (!running)
        return;
      poll();
    }
  });
}

boost::thread moved() {
  boost::thread worker(pollForever);
  return worker;
}
