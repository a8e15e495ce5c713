// RUN: %check_leak_tidy --fix-notes %s leak-unstopped-timer %t -- -config="{CheckOptions: {leak-unstopped-timer.TimerApis: 'acme::Ticker::start=acme::Ticker::stop;acme::timer_start=acme::timer_stop'}}" -- -std=c++17

// In-house timers named by the TimerApis option: a member pair on a class and
// a free-function pair, with the same escape and path rules as POSIX timers.
// Held in a data member, a timer that no member function stops is reported
// with a note at the member and the stop as the destructor's first statement
// (or, with no destructor, a note without a fix).
// test/tool/timer-apis-option.test shows that nothing is reported without
// the option.

#include <memory>

namespace acme {
class Ticker {
public:
  void start(int Ms);
  void stop();
  void setInterval(int Ms);
};
struct Timer {
  int Id;
};
void timer_start(Timer *T, int Ms);
void timer_stop(Timer *T);
} // namespace acme

namespace other {
class Ticker {
public:
  void start(int Ms);
  void stop();
};
} // namespace other

void keep(acme::Ticker &T); // no body in this file

void fallsOffTheEnd() {
  acme::Ticker T;
  T.setInterval(5);
  T.start(100);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: timer 'T' is started by 'acme::Ticker::start' but not stopped by 'acme::Ticker::stop' on every path out of 'fallsOffTheEnd' [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'fallsOffTheEnd' can return here without stopping timer 'T'
}
// CHECK-FIXES: {{^}}  T.stop();{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

bool heapTicker(bool Ready) {
  auto P = std::make_unique<acme::Ticker>();
  P->start(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: timer 'P' is started by 'acme::Ticker::start' but not stopped by 'acme::Ticker::stop' on every path out of 'heapTicker' [leak-unstopped-timer]
  if (!Ready) {
    P->stop();
    return false;
  }
  return true;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'heapTicker' can return here without stopping timer 'P'
  // CHECK-FIXES: {{^}}  P->stop();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return true;{{$}}
}

void freeFunctions() {
  acme::Timer T{1};
  acme::timer_start(&T, 100);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: timer 'T' is started by 'acme::timer_start' but not stopped by 'acme::timer_stop' on every path out of 'freeFunctions' [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'freeFunctions' can return here without stopping timer 'T'
}
// CHECK-FIXES: {{^}}  acme::timer_stop(&T);{{$}}

void heapFreeFunctions() {
  auto *T = new acme::Timer{2};
  acme::timer_start(T, 100); // stopped below
  acme::timer_stop(T);
  acme::timer_start(T, 200); // restarted and never stopped
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: timer 'T' is started by 'acme::timer_start' but not stopped by 'acme::timer_stop' on every path out of 'heapFreeFunctions' [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'heapFreeFunctions' can return here without stopping timer 'T'
}
// CHECK-FIXES: {{^}}  acme::timer_start(T, 200); // restarted and never stopped{{$}}
// CHECK-FIXES: {{^}}  acme::timer_stop(T);{{$}}

void fromAFactory(acme::Timer *(*Make)()) {
  acme::Timer *T = Make(); // not known to be made here
  acme::timer_start(T, 100);
}

// A member started in one member function and stopped in none: the stop goes
// first in the destructor.
class Heartbeat {
public:
  ~Heartbeat() { flush(); }
  void begin() { Ticker.start(100); }
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: timer 'Ticker' is started by 'acme::Ticker::start' but nothing in class 'Heartbeat' calls 'acme::Ticker::stop' [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+7]]:16: note: 'Ticker' is declared here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: stop it in the destructor of 'Heartbeat'
  // CHECK-FIXES: {{^}}  ~Heartbeat() { Ticker.stop(); flush(); }{{$}}

private:
  void flush() {}

  acme::Ticker Ticker;
};

// The free-function pair on a member, in a class with no destructor: no fix.
class Beacon {
public:
  void begin() { acme::timer_start(&Timer, 100); }
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: timer 'Timer' is started by 'acme::timer_start' but nothing in class 'Beacon' calls 'acme::timer_stop' [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+4]]:15: note: 'Timer' is declared here
  // CHECK-MESSAGES: :[[@LINE+3]]:15: note: stop it in the destructor of 'Beacon', or in the member function that ends its work

private:
  acme::Timer Timer{5};
};

// ---- silent -------------------------------------------------------------------

void stoppedOnEveryPath(bool C) {
  acme::Ticker T;
  T.start(100);
  if (C) {
    T.stop();
    return;
  }
  T.stop();
}

void otherNamespace() {
  other::Ticker T;
  T.start(100);
}

void passedOn() {
  acme::Ticker T;
  T.start(100);
  keep(T);
}

void captured() {
  acme::Ticker T;
  T.start(100);
  auto Later = [&T] { T.stop(); };
  Later();
}

std::unique_ptr<acme::Ticker> returned() {
  auto P = std::make_unique<acme::Ticker>();
  P->start(10);
  return P;
}

class Service {
public:
  void begin() { Ticker.start(100); }
  void end() { Ticker.stop(); }

private:
  acme::Ticker Ticker;
};
