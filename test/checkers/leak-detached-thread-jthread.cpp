// RUN: %check_leak_tidy --fix-notes %s leak-detached-thread %t -- -- -std=c++20

// std::jthread::detach() gives up the thread's stop source: a local jthread
// detached without keeping it hands its loop a token nobody can trigger.

#include <stop_token>
#include <thread>

void poll();

void deadToken() {
  std::jthread t([](std::stop_token token) {
    while (!token.stop_requested())
      poll();
  });
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached, so the stop token its loop checks can never be triggered [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: this loop ends only when the stop token is triggered
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: keep the std::jthread instead of detaching it, or keep its stop source (get_stop_source()) to stop it later
}

void endless() {
  std::jthread t([] {
    for (;;)
      poll();
  });
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached but its loop never checks a stop token
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: keep the std::jthread instead of detaching it and check its stop token in the loop
}

// ---- silent ---------------------------------------------------------------

void keptStopSource() {
  std::jthread t([](std::stop_token token) {
    while (!token.stop_requested())
      poll();
  });
  std::stop_source source = t.get_stop_source();
  t.detach();
  source.request_stop();
}

void notDetached() {
  std::jthread t([](std::stop_token token) {
    while (!token.stop_requested())
      poll();
  });
}

class Service {
  // A member's stop source outlives the detach: request_stop() still works.
  std::jthread worker_;

public:
  void start() {
    worker_ = std::jthread([](std::stop_token token) {
      while (!token.stop_requested())
        poll();
    });
    worker_.detach();
  }
  void stop() { worker_.request_stop(); }
};
