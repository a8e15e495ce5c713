// RUN: %check_leak_tidy --fix-notes %s leak-unstopped-timer %t -- -- -std=c++17
// RUN: %check_leak_tidy --check-suffix=STRICT %s leak-unstopped-timer %t.strict -- -config="{CheckOptions: {leak-unstopped-timer.StrictMode: true}}" -- -std=c++17

// POSIX, libuv and libevent timers held in data members, against the real
// headers. A member is followed through every member function of its class:
// one started in one member function and stopped (timer_delete,
// uv_timer_stop, uv_close, event_del, event_free) in none, the destructor
// included, is reported at the start, with a note at the member's
// declaration and one saying where to stop it: at the destructor, whose note
// carries the stop as its first statement (applied with --fix-notes), or,
// with no destructor, at the declaration and without a fix. Silent: a stop
// in any member function; and by default, a member the class does not keep
// to itself (a public member, a member function defined elsewhere), which
// the STRICT run (plain -fix, so the file stays unchanged) reports too.

#include <event2/event.h>
#include <event2/event_struct.h>
#include <signal.h>
#include <time.h>
#include <uv.h>

void refresh();

static const struct itimerspec every_second = {{1, 0}, {1, 0}};

static void on_tick(uv_timer_t *) { refresh(); }
static void on_event(evutil_socket_t, short, void *) { refresh(); }

// ---- reported -------------------------------------------------------------------

// Created in the constructor, armed in start(), deleted nowhere: the delete
// goes first in the destructor.
class Sampler {
public:
  Sampler() { timer_create(CLOCK_MONOTONIC, nullptr, &timer_); }
  ~Sampler() { refresh(); }
  void start() { timer_settime(timer_, 0, &every_second, nullptr); }
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: POSIX timer 'timer_' is armed here but nothing in class 'Sampler' deletes it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+5]]:11: note: 'timer_' is declared here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: stop it in the destructor of 'Sampler'
  // CHECK-FIXES: {{^}}  ~Sampler() { timer_delete(timer_); refresh(); }{{$}}

private:
  timer_t timer_;
};

// A uv_timer_t held by value, in a class with no destructor: the note says
// where to stop it, with no fix.
class Poller {
public:
  void start(uv_loop_t *loop) {
    uv_timer_init(loop, &timer_);
    uv_timer_start(&timer_, on_tick, 0, 1000);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: repeating timer 'timer_' is started here but neither class 'Poller' nor its callback 'on_tick' stops it [leak-unstopped-timer]
    // CHECK-MESSAGES: :[[@LINE+5]]:14: note: 'timer_' is declared here
    // CHECK-MESSAGES: :[[@LINE+4]]:14: note: stop it in the destructor of 'Poller', or in the member function that ends its work
  }

private:
  uv_timer_t timer_;
};

// A persistent event made in the constructor's initializer list and added in
// start(): the event_del goes first in the destructor.
class Watcher {
public:
  explicit Watcher(event_base *base)
      : ev_(event_new(base, -1, EV_PERSIST, on_event, nullptr)) {}
  ~Watcher() {
    refresh();
  }
  void start() {
    timeval every = {1, 0};
    event_add(ev_, &every);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: persistent timer event 'ev_' is added here but neither class 'Watcher' nor its callback 'on_event' deletes it [leak-unstopped-timer]
    // CHECK-MESSAGES: :[[@LINE+5]]:10: note: 'ev_' is declared here
    // CHECK-MESSAGES: :[[@LINE-8]]:3: note: stop it in the destructor of 'Watcher'
  }

private:
  event *ev_;
};
// CHECK-FIXES: {{^}}  ~Watcher() {{{$}}
// CHECK-FIXES-NEXT: {{^}}    event_del(ev_);{{$}}
// CHECK-FIXES-NEXT: {{^}}    refresh();{{$}}

// The same with the event embedded in the object (event_assign): the fix
// deletes it through its address.
class EmbeddedWatcher {
public:
  explicit EmbeddedWatcher(event_base *base) {
    event_assign(&tick_, base, -1, EV_PERSIST, on_event, nullptr);
  }
  ~EmbeddedWatcher() {
    refresh();
  }
  void start() {
    timeval every = {1, 0};
    event_add(&tick_, &every);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: persistent timer event 'tick_' is added here but neither class 'EmbeddedWatcher' nor its callback 'on_event' deletes it [leak-unstopped-timer]
    // CHECK-MESSAGES: :[[@LINE+5]]:9: note: 'tick_' is declared here
    // CHECK-MESSAGES: :[[@LINE-8]]:3: note: stop it in the destructor of 'EmbeddedWatcher'
  }

private:
  event tick_;
};
// CHECK-FIXES: {{^}}  ~EmbeddedWatcher() {{{$}}
// CHECK-FIXES-NEXT: {{^}}    event_del(&tick_);{{$}}

// ---- silent ---------------------------------------------------------------------

// Stopped in stop().
class StoppedPoller {
public:
  void start(uv_loop_t *loop) {
    uv_timer_init(loop, &timer_);
    uv_timer_start(&timer_, on_tick, 0, 1000);
  }
  void stop() { uv_timer_stop(&timer_); }

private:
  uv_timer_t timer_;
};

// Freed in the destructor.
class FreedWatcher {
public:
  explicit FreedWatcher(event_base *base)
      : ev_(event_new(base, -1, EV_PERSIST, on_event, nullptr)) {}
  ~FreedWatcher() { event_free(ev_); }
  void start() {
    timeval every = {1, 0};
    event_add(ev_, &every);
  }

private:
  event *ev_;
};

// Embedded, and deleted in the destructor.
class EmbeddedDeleted {
public:
  explicit EmbeddedDeleted(event_base *base) {
    event_assign(&tick_, base, -1, EV_PERSIST, on_event, nullptr);
  }
  ~EmbeddedDeleted() { event_del(&tick_); }
  void start() {
    timeval every = {1, 0};
    event_add(&tick_, &every);
  }

private:
  event tick_;
};

// Deleted in a member function defined out of line.
class DeletedSampler {
public:
  DeletedSampler() { timer_create(CLOCK_MONOTONIC, nullptr, &timer_); }
  void start() { timer_settime(timer_, 0, &every_second, nullptr); }
  void stop();

private:
  timer_t timer_;
};

void DeletedSampler::stop() { timer_delete(timer_); }

// ---- silent by default, reported by STRICT: the member escapes ---------------

// A public member: code in other files may stop it.
class PublicPoller {
public:
  void start(uv_loop_t *loop) {
    uv_timer_init(loop, &timer_);
    uv_timer_start(&timer_, on_tick, 0, 1000);
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:5: warning: repeating timer 'timer_' is started here but neither class 'PublicPoller' nor its callback 'on_tick' stops it [leak-unstopped-timer]
    // CHECK-MESSAGES-STRICT: :[[@LINE+3]]:14: note: 'timer_' is declared here
    // CHECK-MESSAGES-STRICT: :[[@LINE+2]]:14: note: stop it in the destructor of 'PublicPoller', or in the member function that ends its work
  }
  uv_timer_t timer_;
};

// stop() is declared but defined in another file, where it may delete it.
class OpenSampler {
public:
  OpenSampler() { timer_create(CLOCK_MONOTONIC, nullptr, &timer_); }
  void start() { timer_settime(timer_, 0, &every_second, nullptr); }
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:18: warning: POSIX timer 'timer_' is armed here but nothing in class 'OpenSampler' deletes it [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+5]]:11: note: 'timer_' is declared here
  // CHECK-MESSAGES-STRICT: :[[@LINE+4]]:11: note: stop it in the destructor of 'OpenSampler', or in the member function that ends its work
  void stop();

private:
  timer_t timer_;
};
