// RUN: %check_leak_tidy %s leak-detached-thread %t -- -config="{CheckOptions: {leak-detached-thread.ThreadTypes: 'acme::Thread'}}" -- -std=c++17

// In-house thread classes named in ThreadTypes are detach forms too.

#include <utility>

namespace acme {
class Thread {
public:
  template <typename F> explicit Thread(F &&Body) { (void)Body; }
  void detach() {}
};
} // namespace acme

void poll();

void inHouse() {
  acme::Thread t([] {
    while (true)
      poll();
  });
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: check a stop flag in the loop and join the thread on shutdown instead of detaching it
}

struct Other {
  template <typename F> explicit Other(F &&) {}
  void detach() {}
};

void notListed() {
  Other o([] {
    while (true)
      poll();
  });
  o.detach();
}
