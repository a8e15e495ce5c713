// RUN: %check_leak_tidy --fix-notes %s leak-unstopped-timer %t -- -- -std=gnu11

// libevent timers from C, with the real <event2/event.h>, default options.
// Reported: a persistent timer event (event_new with EV_PERSIST, added with
// a timeout, whatever fd it also watches) added and neither deleted on every
// path out of its function nor by its callback (named, or with no body in
// this file), with an exit note whose fix is event_del(ev), at the closing
// brace or at an early return; a file-static persistent event that no
// function of the file deletes (notes at its declaration, no fix); and a
// one-shot timer event whose callback adds it again on every path, so it
// fires forever (a note at the callback's event_add, no fix). Silent:
// event_free on every path, callbacks calling event_del (always or only
// sometimes), event_base_loopbreak or event_base_loopexit, whether or not the
// function runs the loop itself, a file-static event freed in another
// function, socket events without a timeout and signal events, a one-shot
// re-added only under a condition or never, an event stored in a global with
// external linkage or returned.
//
// Each persistent timer reported has exactly one exit note.

#include <event2/event.h>
#include <signal.h>
#include <stdio.h>

void external_cb(evutil_socket_t fd, short what, void *arg); /* no body here */
/* External linkage: code in other files may delete it, so it escapes. */
struct event *pending_event;
static int remaining = 3;

static void on_tick(evutil_socket_t fd, short what, void *arg) {
  (void)fd;
  (void)what;
  (void)arg;
  puts("tick");
}

static void on_tick_deletes(evutil_socket_t fd, short what, void *arg) {
  (void)fd;
  (void)what;
  if (--remaining == 0)
    event_del((struct event *)arg);
}

static void on_tick_always_deletes(evutil_socket_t fd, short what, void *arg) {
  (void)fd;
  (void)what;
  event_del((struct event *)arg);
}

static void on_tick_breaks(evutil_socket_t fd, short what, void *arg) {
  (void)fd;
  (void)what;
  event_base_loopbreak((struct event_base *)arg);
}

static void on_tick_exits(evutil_socket_t fd, short what, void *arg) {
  (void)fd;
  (void)what;
  struct timeval soon = {0, 1000};
  event_base_loopexit((struct event_base *)arg, &soon);
}

static void re_add_always(evutil_socket_t fd, short what, void *arg) {
  (void)fd;
  (void)what;
  struct timeval again = {1, 0};
  puts("once more");
  event_add((struct event *)arg, &again);
}

static void re_add_sometimes(evutil_socket_t fd, short what, void *arg) {
  (void)fd;
  (void)what;
  struct timeval again = {1, 0};
  if (--remaining > 0)
    event_add((struct event *)arg, &again);
}

// ---- reported: persistent timer events ----------------------------------------

void persistent(struct event_base *base) {
  struct event *ev = event_new(base, -1, EV_PERSIST, on_tick, NULL);
  struct timeval every = {1, 0};
  event_add(ev, &every);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: persistent timer event 'ev' is added here but neither 'persistent' nor its callback 'on_tick' deletes it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+2]]:1: note: 'persistent' can return here without stopping timer 'ev'
  event_base_dispatch(base);
}
// CHECK-FIXES: {{^}}  event_base_dispatch(base);{{$}}
// CHECK-FIXES-NEXT: {{^}}  event_del(ev);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// The return before event_add is not a path from it; the failed add frees.
int persistent_checked(struct event_base *base) {
  struct event *ev;
  ev = event_new(base, -1, EV_TIMEOUT | EV_PERSIST, on_tick, NULL);
  if (!ev)
    return -1;
  struct timeval every = {0, 500000};
  if (event_add(ev, &every) != 0) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: persistent timer event 'ev' is added here but neither 'persistent_checked' nor its callback 'on_tick' deletes it [leak-unstopped-timer]
    event_free(ev);
    return -1;
  }
  event_base_dispatch(base);
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: 'persistent_checked' can return here without stopping timer 'ev'
  return 0;
}
// CHECK-FIXES: {{^}}  event_base_dispatch(base);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  event_del(ev);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}

// Assigned after its declaration; the early return is the only uncovered exit.
int persistent_assigned(struct event_base *base, int fail) {
  struct event *ev;
  ev = event_new(base, -1, EV_TIMEOUT | EV_PERSIST, on_tick, NULL);
  struct timeval every = {0, 500000};
  event_add(ev, &every);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: persistent timer event 'ev' is added here but neither 'persistent_assigned' nor its callback 'on_tick' deletes it [leak-unstopped-timer]
  if (fail) {
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'persistent_assigned' can return here without stopping timer 'ev'
    // CHECK-FIXES: {{^}}    event_del(ev);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  }
  event_free(ev);
  return 0;
}

void persistent_invisible_callback(struct event_base *base) {
  struct event *ev = event_new(base, -1, EV_PERSIST, external_cb, NULL);
  struct timeval every = {2, 0};
  event_add(ev, &every);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: persistent timer event 'ev' is added here but neither 'persistent_invisible_callback' nor its callback deletes it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'persistent_invisible_callback' can return here without stopping timer 'ev'
}
// CHECK-FIXES: {{^}}  event_add(ev, &every);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  event_del(ev);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// A persistent event added with a timeout fires on it whatever fd it also
// watches, even after the fd is closed: a repeating timer.
void socket_event(struct event_base *base, evutil_socket_t fd) {
  struct event *ev = event_new(base, fd, EV_READ | EV_PERSIST, on_tick, NULL);
  struct timeval idle = {30, 0};
  event_add(ev, &idle);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: persistent timer event 'ev' is added here but neither 'socket_event' nor its callback 'on_tick' deletes it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'socket_event' can return here without stopping timer 'ev'
}
// CHECK-FIXES: {{^}}  event_add(ev, &idle);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  event_del(ev);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// A file-static event: every function that reaches it is in this file, and
// none deletes it. No fix: where its work ends is not known here.
static struct event *sweep_event;

void start_sweeping(struct event_base *base) {
  sweep_event = event_new(base, -1, EV_PERSIST, on_tick, NULL);
  struct timeval every = {5, 0};
  event_add(sweep_event, &every);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: persistent timer event 'sweep_event' is added here but neither this file nor its callback 'on_tick' deletes it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE-7]]:22: note: 'sweep_event' is declared here
  // CHECK-MESSAGES: :[[@LINE-8]]:22: note: stop it when the work it serves ends
}

// ---- reported: one-shot timer events re-added on every path --------------------

void re_added_forever(struct event_base *base) {
  struct event *ev = evtimer_new(base, re_add_always, event_self_cbarg());
  struct timeval once = {1, 0};
  event_add(ev, &once);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: timer event 'ev' is re-added by its callback 're_add_always' on every path, so it fires forever [leak-unstopped-timer]
  // CHECK-MESSAGES: :68:3: note: the callback re-adds the event here
  event_base_dispatch(base);
}

void re_added_forever_event_new(struct event_base *base) {
  struct event *ev = event_new(base, -1, 0, re_add_always, event_self_cbarg());
  struct timeval once = {0, 250000};
  event_add(ev, &once);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: timer event 'ev' is re-added by its callback 're_add_always' on every path, so it fires forever [leak-unstopped-timer]
  // CHECK-MESSAGES: :68:3: note: the callback re-adds the event here
  event_base_dispatch(base);
}

// ---- silent -------------------------------------------------------------------

// A file-static event deleted in another function of the file.
static struct event *flush_event;

void start_flushing(struct event_base *base) {
  flush_event = event_new(base, -1, EV_PERSIST, on_tick, NULL);
  struct timeval every = {5, 0};
  event_add(flush_event, &every);
}

void stop_flushing(void) { event_free(flush_event); }

void freed_on_every_path(struct event_base *base, int once) {
  struct event *ev = event_new(base, -1, EV_PERSIST, on_tick, NULL);
  struct timeval every = {1, 0};
  event_add(ev, &every);
  if (once) {
    event_base_loop(base, EVLOOP_ONCE);
    event_free(ev);
    return;
  }
  event_base_dispatch(base);
  event_free(ev);
}

void freed_after_dispatch(struct event_base *base) {
  struct event *ev = event_new(base, -1, EV_PERSIST, on_tick, NULL);
  struct timeval every = {1, 0};
  event_add(ev, &every);
  event_base_dispatch(base);
  event_free(ev);
}

void deleted_then_freed(struct event_base *base) {
  struct event *ev = event_new(base, -1, EV_PERSIST, on_tick, NULL);
  struct timeval every = {1, 0};
  event_add(ev, &every);
  event_base_dispatch(base);
  event_del(ev);
  event_free(ev);
}

void callback_deletes(struct event_base *base) {
  struct event *ev =
      event_new(base, -1, EV_PERSIST, on_tick_deletes, event_self_cbarg());
  struct timeval every = {1, 0};
  event_add(ev, &every);
  event_base_dispatch(base);
}

// The loop is run by the caller; the callback deletes on its first call.
void callback_always_deletes(struct event_base *base) {
  struct event *ev = event_new(base, -1, EV_PERSIST, on_tick_always_deletes,
                               event_self_cbarg());
  struct timeval every = {1, 0};
  event_add(ev, &every);
}

void callback_breaks_the_loop(struct event_base *base) {
  struct event *ev = event_new(base, -1, EV_PERSIST, on_tick_breaks, base);
  struct timeval every = {1, 0};
  event_add(ev, &every);
  event_base_dispatch(base);
}

// The same with the loop run by the caller.
void callback_breaks_the_callers_loop(struct event_base *base) {
  struct event *ev = event_new(base, -1, EV_PERSIST, on_tick_breaks, base);
  struct timeval every = {1, 0};
  event_add(ev, &every);
}

void callback_exits_the_loop(struct event_base *base) {
  struct event *ev = event_new(base, -1, EV_PERSIST, on_tick_exits, base);
  struct timeval every = {1, 0};
  event_add(ev, &every);
  event_base_dispatch(base);
}

void socket_event_no_timeout(struct event_base *base, evutil_socket_t fd) {
  struct event *ev = event_new(base, fd, EV_READ | EV_PERSIST, on_tick, NULL);
  event_add(ev, NULL);
}

void signal_event(struct event_base *base) {
  struct event *ev = evsignal_new(base, SIGINT, on_tick, NULL);
  event_add(ev, NULL);
}

void re_added_sometimes(struct event_base *base) {
  struct event *ev = evtimer_new(base, re_add_sometimes, event_self_cbarg());
  struct timeval once = {1, 0};
  event_add(ev, &once);
  event_base_dispatch(base);
}

// The same with the loop run by the caller.
void re_added_sometimes_by_callers_loop(struct event_base *base) {
  struct event *ev = evtimer_new(base, re_add_sometimes, event_self_cbarg());
  struct timeval once = {1, 0};
  event_add(ev, &once);
}

void one_shot(struct event_base *base) {
  struct event *ev = evtimer_new(base, on_tick, NULL);
  struct timeval once = {1, 0};
  event_add(ev, &once);
}

void stored_in_global(struct event_base *base) {
  struct event *ev = event_new(base, -1, EV_PERSIST, on_tick, NULL);
  pending_event = ev;
  struct timeval every = {1, 0};
  event_add(ev, &every);
}

void global_event(struct event_base *base) {
  pending_event = event_new(base, -1, EV_PERSIST, on_tick, NULL);
  struct timeval every = {1, 0};
  event_add(pending_event, &every);
}

struct event *returned(struct event_base *base) {
  struct event *ev = event_new(base, -1, EV_PERSIST, on_tick, NULL);
  struct timeval every = {1, 0};
  event_add(ev, &every);
  return ev;
}
