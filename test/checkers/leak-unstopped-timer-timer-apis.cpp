// RUN: %check_leak_tidy --fix-notes --check-suffix=API %s leak-unstopped-timer %t.api -- -config="{CheckOptions: {leak-unstopped-timer.TimerApis: 'acme::Ticker::start=acme::Ticker::stop;acme::timer_start=acme::timer_stop'}}" -- -std=c++17
// RUN: %check_leak_tidy --fix-notes --check-suffix=NOAPI %s leak-unstopped-timer %t.noapi -- -- -std=c++17

// In-house timers named by the TimerApis option, declared here: a member
// pair (acme::Ticker::start/stop, the object is the implicit object) and a
// free-function pair (acme::timer_start/timer_stop, the object is the first
// argument), with the POSIX rules for escapes and exits. Reported: a local
// Ticker falling off the end, a make_unique'd Ticker, a stop in one branch
// only, the free functions on a local and on a new'd object. Silent: stopped
// on every path, escapes (a member, passed to an unknown function, captured
// by a lambda, returned), same-named classes outside acme.
//
// Both runs are suffixed, so no un-suffixed CHECK line applies to the NOAPI
// run: without the option it must report nothing and change nothing.

#include <memory>

namespace acme {
class Ticker {
public:
  void start(int ms);
  void stop();
};
struct Timer {
  int id;
};
void timer_start(Timer *timer, int ms);
void timer_stop(Timer *timer);
} // namespace acme

namespace other {
class Ticker {
public:
  void start(int ms);
  void stop();
};
void timer_start(acme::Timer *timer, int ms);
} // namespace other

class Ticker { // the same names in the global namespace
public:
  void start(int ms);
  void stop();
};

void keep(acme::Ticker &t);     // no body in this file
void poll();

// ---- reported -------------------------------------------------------------------

void falls_off_the_end() {
  acme::Ticker t;
  t.start(100);
  // CHECK-MESSAGES-API: :[[@LINE-1]]:5: warning: timer 't' is started by 'acme::Ticker::start' but not stopped by 'acme::Ticker::stop' on every path out of 'falls_off_the_end' [leak-unstopped-timer]
  // CHECK-MESSAGES-API: :[[@LINE+2]]:1: note: 'falls_off_the_end' can return here without stopping timer 't'
  poll();
}
// CHECK-FIXES-API: {{^}}void falls_off_the_end() {{{$}}
// CHECK-FIXES-API: {{^}}  poll();{{$}}
// CHECK-FIXES-API-NEXT: {{^}}  t.stop();{{$}}
// CHECK-FIXES-API-NEXT: {{^}}}{{$}}

void heap_ticker() {
  auto p = std::make_unique<acme::Ticker>();
  p->start(5);
  // CHECK-MESSAGES-API: :[[@LINE-1]]:6: warning: timer 'p' is started by 'acme::Ticker::start' but not stopped by 'acme::Ticker::stop' on every path out of 'heap_ticker' [leak-unstopped-timer]
  // CHECK-MESSAGES-API: :[[@LINE+2]]:1: note: 'heap_ticker' can return here without stopping timer 'p'
  poll();
}
// CHECK-FIXES-API: {{^}}void heap_ticker() {{{$}}
// CHECK-FIXES-API: {{^}}  poll();{{$}}
// CHECK-FIXES-API-NEXT: {{^}}  p->stop();{{$}}
// CHECK-FIXES-API-NEXT: {{^}}}{{$}}

bool stopped_in_one_branch(bool ready) {
  acme::Ticker t;
  t.start(10);
  // CHECK-MESSAGES-API: :[[@LINE-1]]:5: warning: timer 't' is started by 'acme::Ticker::start' but not stopped by 'acme::Ticker::stop' on every path out of 'stopped_in_one_branch' [leak-unstopped-timer]
  if (!ready) {
    t.stop();
    return false;
  }
  // CHECK-MESSAGES-API: :[[@LINE+1]]:3: note: 'stopped_in_one_branch' can return here without stopping timer 't'
  return true;
}
// CHECK-FIXES-API: {{^}}bool stopped_in_one_branch(bool ready) {{{$}}
// CHECK-FIXES-API: {{^}}    t.stop();{{$}}
// CHECK-FIXES-API-NEXT: {{^}}    return false;{{$}}
// CHECK-FIXES-API-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-API-EMPTY:
// CHECK-FIXES-API-NEXT: {{^}}  t.stop();{{$}}
// CHECK-FIXES-API-NEXT: {{^}}  return true;{{$}}

void free_functions() {
  acme::Timer timer{1};
  acme::timer_start(&timer, 100);
  // CHECK-MESSAGES-API: :[[@LINE-1]]:9: warning: timer 'timer' is started by 'acme::timer_start' but not stopped by 'acme::timer_stop' on every path out of 'free_functions' [leak-unstopped-timer]
  // CHECK-MESSAGES-API: :[[@LINE+1]]:1: note: 'free_functions' can return here without stopping timer 'timer'
}
// CHECK-FIXES-API: {{^}}void free_functions() {{{$}}
// CHECK-FIXES-API: {{^}}  acme::timer_stop(&timer);{{$}}
// CHECK-FIXES-API-NEXT: {{^}}}{{$}}

int free_functions_on_new(int ms) {
  acme::Timer *timer = new acme::Timer{2};
  acme::timer_start(timer, ms);
  // CHECK-MESSAGES-API: :[[@LINE-1]]:9: warning: timer 'timer' is started by 'acme::timer_start' but not stopped by 'acme::timer_stop' on every path out of 'free_functions_on_new' [leak-unstopped-timer]
  // CHECK-MESSAGES-API: :[[@LINE+1]]:3: note: 'free_functions_on_new' can return here without stopping timer 'timer'
  return ms;
}
// CHECK-FIXES-API: {{^}}int free_functions_on_new(int ms) {{{$}}
// CHECK-FIXES-API: {{^}}  acme::timer_stop(timer);{{$}}
// CHECK-FIXES-API-NEXT: {{^}}  return ms;{{$}}

// ---- silent with the option too -------------------------------------------------

void stopped_on_every_path(bool c) {
  acme::Ticker t;
  t.start(100);
  if (c) {
    t.stop();
    return;
  }
  poll();
  t.stop();
}

void free_functions_stopped() {
  acme::Timer timer{3};
  acme::timer_start(&timer, 100);
  poll();
  acme::timer_stop(&timer);
}

class Service {
public:
  void begin() { ticker_.start(100); }
  void end() { ticker_.stop(); }

private:
  acme::Ticker ticker_;
};

void passed_to_unknown() {
  acme::Ticker t;
  t.start(100);
  keep(t);
}

void captured_by_lambda() {
  acme::Ticker t;
  t.start(100);
  auto stop_later = [&t] { t.stop(); };
  (void)stop_later;
}

std::unique_ptr<acme::Ticker> returned() {
  auto p = std::make_unique<acme::Ticker>();
  p->start(10);
  return p;
}

void other_namespace() {
  other::Ticker t;
  t.start(100);
  acme::Timer timer{4};
  other::timer_start(&timer, 100);
}

void global_namespace() {
  Ticker t;
  t.start(100);
}
