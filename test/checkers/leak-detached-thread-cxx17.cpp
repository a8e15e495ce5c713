// RUN: %check_leak_tidy --fix-notes %s leak-detached-thread %t -- -- -std=c++17

// Before C++20 there is no std::jthread: the diagnostic stays, the note
// describes the safe pattern and carries no fix.

#include <thread>

void poll();

void named() {
  std::thread worker([] {
    while (true)
      poll();
  });
  worker.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: thread 'worker' is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: this loop never ends: its condition is always true and no path leaves it
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: check an atomic stop flag in the loop and join the thread on shutdown (std::jthread and std::stop_token need C++20)
}

void temporary() {
  std::thread([] {
    for (;;)
      poll();
  }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: temporary thread running a lambda is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:6: note: a temporary thread cannot be stopped: keep it, check an atomic stop flag in the loop and join it on shutdown
}
