// RUN: %check_leak_tidy %s leak-detached-thread %t -- -- -std=c++17

// From BOOST_THREAD_VERSION 3 on, destroying a joinable boost::thread calls
// std::terminate instead of detaching: only an explicit detach() counts.

#define BOOST_THREAD_VERSION 4
#include <boost/thread/thread.hpp>

void poll();

void pollForever() {
  for (;;)
    poll();
}

void destructorTerminates() {
  boost::thread worker(pollForever);
  poll();
}

void explicitDetach() {
  boost::thread worker(pollForever);
  worker.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: thread 'worker' is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-13]]:3: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: keep the boost::thread
}
