// RUN: %check_leak_tidy --fix-notes %s leak-detached-thread %t -- -- -std=c++20 -nostdinc++ -isystem %S/../Inputs/no-jthread

// C++20, but a standard library that does not declare std::jthread: the
// rewrite would not compile, so the note carries no fix.

#include <thread>

void poll();

void start() {
  std::thread worker([] {
    while (true)
      poll();
  });
  worker.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: thread 'worker' is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: check an atomic stop flag in the loop and join the thread on shutdown (this standard library has no std::jthread)
}
