// RUN: %check_leak_tidy --fix-notes %s leak-detached-thread %t -- -- -std=c++20
// RUN: %check_leak_tidy --check-suffix=NOFIX %s leak-detached-thread %t.nofix -- -- -std=c++20

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

void poll();
bool ready();
[[noreturn]] void fatal(const char *why);
std::atomic<bool> running{true};

// ---- flagged: detach forms and body forms ---------------------------------

void namedLambda() {
  std::thread worker([] {
    while (true) {
      poll();
    }
  });
  worker.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: thread 'worker' is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: this loop never ends: its condition is always true and no path leaves it
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: make 'worker' a std::jthread and check its stop token in the loop; it is then stopped and joined when 'worker' is destroyed
  // CHECK-FIXES: {{^}}  std::jthread worker([](std::stop_token token) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    while (!token.stop_requested()) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      poll();{{$}}
  // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  });{{$}}
  // CHECK-FIXES-NOT: worker.detach();
}

void forEverWithParams(int id) {
  std::thread t([&](int n) mutable {
    for (;;) {
      poll();
    }
  }, id);
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached but its loop never checks a stop token
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: make 't' a std::jthread
  // CHECK-FIXES: {{^}}  std::jthread t([&](std::stop_token token, int n) mutable {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    for (; !token.stop_requested();) {{{$}}
}

void doWhileOne() {
  auto t = std::thread{[] {
    do {
      poll();
    } while (1);
  }};
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached but its loop never checks a stop token
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: make 't'
  // CHECK-FIXES: {{^}}  auto t = std::jthread{[](std::stop_token token) {{{$}}
  // CHECK-FIXES: {{^}}    } while (!token.stop_requested());{{$}}
}

// A name the lambda already uses is not reused for the token.
void tokenNameTaken() {
  int token = 0;
  std::thread t([&]() {
    while (true)
      token += 1;
  });
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: make 't'
  // CHECK-FIXES: {{^}}  std::jthread t([&](std::stop_token stop_token) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    while (!stop_token.stop_requested()){{$}}
}

class Poller {
public:
  void start() {
    worker_ = std::thread([this] {
      while (true) {
        ++ticks_;
      }
    });
    worker_.detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: thread 'worker_' is detached but its loop never checks a stop token
    // CHECK-MESSAGES: :[[@LINE-6]]:7: note: this loop never ends
    // CHECK-MESSAGES: :[[@LINE-3]]:13: note: make 'worker_' a std::jthread
    // CHECK-FIXES: {{^}}    worker_ = std::jthread([this](std::stop_token token) {{{$}}
    // CHECK-FIXES-NEXT: {{^}}      while (!token.stop_requested()) {{{$}}
    // CHECK-FIXES-NOT: worker_.detach();
  }

  void pump() {
    for (;;)
      poll();
  }
  void startTemporary() { std::thread(&Poller::pump, this).detach(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:60: warning: temporary thread running 'Poller::pump' is detached but its loop never checks a stop token
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:60: note: a temporary thread cannot be stopped: keep it in a std::jthread and check its stop token in the loop

  void startBound() {
    std::thread t(std::bind(&Poller::pump, this));
    t.detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: thread 't' is detached but its loop never checks a stop token
    // CHECK-MESSAGES: :[[@LINE-12]]:5: note: this loop never ends
    // The body is not a lambda: the note describes the fix but carries none.
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: make 't' a std::jthread
  }

private:
  std::thread worker_;
  int ticks_ = 0;
};
// CHECK-FIXES: {{^}}  std::jthread worker_;{{$}}

void serveForever() {
  while (true)
    poll();
}

void freeFunction() {
  std::thread(serveForever).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: temporary thread running 'serveForever' is detached
  // CHECK-MESSAGES: :[[@LINE-7]]:3: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: a temporary thread cannot be stopped
}

struct Heartbeat {
  void operator()() const {
    for (;;) {
      poll();
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }
};

void functor() {
  std::thread beat{Heartbeat{}};
  beat.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: thread 'beat' is detached but its loop never checks a stop token
  // CHECK-MESSAGES: :[[@LINE-11]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: make 'beat' a std::jthread
}

// The loop is in a function the thread calls: the notes show the path.
void drain() {
  for (;;) {
    poll();
  }
}
void consume() { drain(); }

void throughCalls() {
  std::thread([] { consume(); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: temporary thread running a lambda is detached
  // CHECK-MESSAGES: :[[@LINE-2]]:20: note: the thread calls 'consume' here
  // CHECK-MESSAGES: :[[@LINE-6]]:18: note: the thread calls 'drain' here
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-5]]:34: note: a temporary thread cannot be stopped
}

// Rethrown out of the thread's own function, the exception calls
// std::terminate: it ends the process, not the loop.
void lambdaVariable() {
  auto body = [] {
    while (true) {
      try {
        poll();
      } catch (const std::exception &) {
        throw;
      }
    }
  };
  std::thread t(body);
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-11]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: make 't' a std::jthread
}

void caughtInside() {
  std::thread t([] {
    while (true) {
      try {
        throw std::runtime_error("retry");
      } catch (...) {
        poll();
      }
    }
  });
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached
  // CHECK-MESSAGES: :[[@LINE-10]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: make 't'
  // CHECK-FIXES: {{^}}  std::jthread t([](std::stop_token token) {{{$}}
}

// An inner loop's break ends the inner loop only.
void nestedBreak() {
  std::thread t([] {
    while (true) {
      for (int i = 0; i < 10; ++i) {
        if (ready())
          break;
      }
      switch (ready()) {
      case true:
        break;
      default:
        poll();
      }
    }
  });
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached
  // CHECK-MESSAGES: :[[@LINE-15]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: make 't'
}

// ---- silent: the loop has a way out --------------------------------------

void exitsByBreak() {
  std::thread t([] {
    while (true) {
      if (!running)
        break;
      poll();
    }
  });
  t.detach();
}

void exitsByReturn() {
  std::thread([] {
    for (;;) {
      if (ready())
        return;
    }
  }).detach();
}

// A throw out of the function the thread runs calls std::terminate: it ends
// the process, not the loop.
void throwEscapesTheThread() {
  std::thread t([] {
    while (true) {
      if (!running)
        throw std::runtime_error("stopped");
    }
  });
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: make 't' a std::jthread
  // CHECK-FIXES: {{^}}void throwEscapesTheThread() {{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::jthread t([](std::stop_token token) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    while (!token.stop_requested()) {{{$}}
}

// A throw caught by the thread's own function, outside the loop, leaves it.
void exitsByThrow() {
  std::thread t([] {
    try {
      while (true) {
        if (!running)
          throw std::runtime_error("stopped");
      }
    } catch (const std::exception &) {
    }
  });
  t.detach();
}

// The loop is in a function the thread calls: a throw out of it can still be
// caught by the thread's code.
void pollUntilStopped() {
  while (true) {
    if (!running)
      throw std::runtime_error("stopped");
  }
}

void throwFromCalledFunction() {
  std::thread t([] {
    try {
      pollUntilStopped();
    } catch (...) {
    }
  });
  t.detach();
}

void exitsByGoto() {
  std::thread t([] {
    for (;;) {
      if (ready())
        goto done;
      poll();
    }
  done:
    poll();
  });
  t.detach();
}

void exitsByNoreturn() {
  std::thread t([] {
    while (true) {
      if (!running)
        fatal("stop");
      if (ready())
        std::exit(0);
    }
  });
  t.detach();
}

// A try block around the loop, the common `try { ... } catch (...) { log(); }`
// style, is no way out: only an explicit exit is.
void tryAroundTheLoop() {
  std::thread t([] {
    try {
      for (;;)
        poll();
    } catch (const std::exception &) {
    }
  });
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-7]]:7: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: make 't' a std::jthread
  // CHECK-FIXES: {{^}}void tryAroundTheLoop() {{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::jthread t([](std::stop_token token) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    try {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      for (; !token.stop_requested();){{$}}
}

void conditionCanBecomeFalse() {
  std::thread t([] {
    while (running.load())
      poll();
  });
  t.detach();
  std::thread([] {
    do {
      poll();
    } while (!ready());
  }).detach();
}

// Bounded work, and bodies that cannot be seen: quiet unless StrictMode.
void boundedWork() {
  std::thread([] { poll(); }).detach();
  std::thread t(poll);
  t.detach();
}

void opaque(std::function<void()> body) {
  std::thread t(body);
  t.detach();
}

// Threads whose start cannot be seen from the detach: a container, a
// pointer, a reference parameter. Quiet unless StrictMode.
void fromElsewhere(std::vector<std::thread> &pool, std::thread &given,
                   std::unique_ptr<std::thread> owned) {
  pool.emplace_back([] {
    while (true)
      poll();
  });
  pool.back().detach();
  for (std::thread &t : pool)
    t.detach();
  given.detach();
  owned->detach();
}

// Joined threads and std::jthread are not detached.
void joined() {
  std::thread t([] {
    while (true)
      poll();
  });
  t.join();
  std::jthread j([](std::stop_token token) {
    while (!token.stop_requested())
      poll();
  });
}

// A loop the thread can never reach does not keep it alive.
void deadLoop() {
  std::thread t([] {
    poll();
    return;
    while (true)
      poll();
  });
  t.detach();
}
