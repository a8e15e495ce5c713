// RUN: %check_leak_tidy %s leak-detached-thread %t -- -config="{CheckOptions: {leak-detached-thread.StrictMode: true}}" -- -std=c++20

// StrictMode reports every detach (C++ Core Guidelines CP.26), also bounded
// work, loops with an exit, and bodies that cannot be seen.

#include <atomic>
#include <functional>
#include <thread>

void poll();
std::atomic<bool> running{true};

void bounded() {
  std::thread([] { poll(); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: temporary thread running a lambda is detached; nothing can join it or tell it to stop [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-2]]:31: note: a temporary thread cannot be stopped: keep it in a std::jthread and check its stop token in the loop
}

void withExit() {
  std::thread t([] {
    while (running)
      poll();
  });
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached; nothing can join it or tell it to stop
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: make 't' a std::jthread and check its stop token in the loop
}

void opaque(std::function<void()> body) {
  std::thread t(body);
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached; nothing can join it or tell it to stop
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: make 't'
}

void endless() {
  std::thread t([] {
    for (;;)
      poll();
  });
  t.detach();
  // An endless loop still gets the specific message and the fix.
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: thread 't' is detached but its loop never checks a stop token
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: make 't'
}

void joined() {
  std::thread t(poll);
  t.join();
}
