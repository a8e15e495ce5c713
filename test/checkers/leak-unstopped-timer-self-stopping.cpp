// RUN: %check_leak_tidy --fix-notes %s leak-unstopped-timer %t -- -config="{CheckOptions: {leak-unstopped-timer.TimerApis: 'acme::Ticker::start=acme::Ticker::stop;acme::Poller::start=acme::Poller::stop', leak-unstopped-timer.SelfStoppingTimers: '::acme::Ticker'}}" -- -std=c++17

// SelfStoppingTimers names the in-house timer classes whose destructor stops
// them. Held by value or by unique_ptr, such a timer is stopped when its
// owner lets it go: silent, in a function and as a member. Held through a raw
// pointer from `new`, it is followed as a parentless QTimer is: reported
// unless stopped or deleted on every path. A class of TimerApis that is not
// listed keeps the plain rule.

#include <memory>

namespace acme {
class Ticker {
public:
  ~Ticker(); // stops the ticker
  void start(int ms);
  void stop();
};
class Poller {
public:
  void start(int ms);
  void stop();
};
} // namespace acme

void poll();

// ---- reported -------------------------------------------------------------

void leaked(int ms) {
  auto *t = new acme::Ticker;
  t->start(ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: timer 't' is started by 'acme::Ticker::start' but not stopped by 'acme::Ticker::stop' on every path out of 'leaked' [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+2]]:1: note: 'leaked' can return here without stopping timer 't'
  poll();
}
// CHECK-FIXES: {{^}}  poll();{{$}}
// CHECK-FIXES-NEXT: {{^}}  t->stop();{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Not listed: its destructor is not known to stop it.
void notSelfStopping() {
  acme::Poller p;
  p.start(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: timer 'p' is started by 'acme::Poller::start' but not stopped by 'acme::Poller::stop' on every path out of 'notSelfStopping' [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+2]]:1: note: 'notSelfStopping' can return here without stopping timer 'p'
  poll();
}
// CHECK-FIXES: {{^}}  p.stop();{{$}}

// ---- silent ---------------------------------------------------------------

void byValue() {
  acme::Ticker t;
  t.start(100);
  poll();
}

void byUniquePointer() {
  auto t = std::make_unique<acme::Ticker>();
  t->start(100);
  poll();
}

void deleted(int ms) {
  auto *t = new acme::Ticker;
  t->start(ms);
  poll();
  delete t;
}

class Heartbeat {
public:
  void begin() { ticker_.start(1000); }

private:
  acme::Ticker ticker_;
};
