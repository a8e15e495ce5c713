// RUN: %check_leak_tidy --fix-notes %s leak-detached-thread %t -- -- -std=c++20

// Templates are judged by their instantiations and reported once; code
// spelled in macros gets the diagnostic and no fix that would edit a macro.

#include <coroutine>
#include <thread>

void poll();

template <typename Work> void runDetached(Work work) {
  std::thread t([work] {
    while (true)
      work();
  });
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: make 't' a std::jthread
  // CHECK-FIXES: {{^}}  std::jthread t([work](std::stop_token token) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    while (!token.stop_requested()){{$}}
}

void instantiate() {
  runDetached([] { poll(); });
  runDetached(&poll);
}

// What the thread runs depends on the instantiation.
template <typename Work> void spawn(Work work) {
  std::thread(work).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: temporary thread running a lambda is detached but its loop never checks a stop token
  // CHECK-MESSAGES: :[[@LINE+6]]:14: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:21: note: a temporary thread cannot be stopped
}

void spawnBoth() {
  spawn([] { poll(); });
  spawn([] { for (;;) poll(); });
}

// A template that is never instantiated runs nothing.
template <typename Thread> void neverInstantiated() {
  Thread t([] {
    while (true)
      poll();
  });
  t.detach();
}

#define FOREVER for (;;)
#define DETACH(thread) (thread).detach()

void macroLoop() {
  std::thread t([] {
    FOREVER { poll(); }
  });
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached but its loop never checks a stop token
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: make 't' a std::jthread
}

void macroDetach() {
  std::thread t([] {
    while (true)
      poll();
  });
  DETACH(t);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: thread 't' is detached but its loop never checks a stop token
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: make 't' a std::jthread
}
// CHECK-FIXES: {{^}}  std::thread t([] {{{$}}
// CHECK-FIXES-NEXT: {{^}}    FOREVER { poll(); }{{$}}
// CHECK-FIXES: {{^}}  std::thread t([] {{{$}}
// CHECK-FIXES-NEXT: {{^}}    while (true){{$}}

// ---- coroutines -----------------------------------------------------------

struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

// A coroutine's loop suspends: calling it does not keep the thread running.
Task ticker() {
  for (;;)
    co_await std::suspend_always{};
}

void callsCoroutine() {
  std::thread([] { ticker(); }).detach();
}

// co_return leaves the loop.
void coroutineBody() {
  std::thread t([]() -> Task {
    for (;;) {
      poll();
      co_return;
    }
  });
  t.detach();
}
