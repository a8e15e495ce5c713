// RUN: %check_leak_tidy --fix-notes %s leak-unstopped-timer %t -- -- -std=gnu11

// libevent events embedded in the caller's memory, with the real headers:
// event_assign, evtimer_assign and the libevent 1.x event_set/evtimer_set
// (with event_base_set), on a struct event the function owns (a local, or
// memory it allocated), count as event_new does. Reported: a persistent one
// added with a timeout and not deleted on every path out, with the
// event_del(&ev) fix at the exit; a one-shot one its callback re-adds on
// every path. Silent: deleted before the return, deleted by its callback, a
// one-shot not re-added, an event in a structure handed in (it escapes), in
// a global with external linkage, and one filled in twice.

#include <event2/event.h>
#include <event2/event_compat.h>
#include <event2/event_struct.h>
#include <stdlib.h>

static void on_clock(evutil_socket_t fd, short what, void *arg) {}

static void on_retry(evutil_socket_t fd, short what, void *arg) {
  struct timeval later = {5, 0};
  evtimer_add((struct event *)arg, &later);
}

static void on_last(evutil_socket_t fd, short what, void *arg) {
  event_del((struct event *)arg);
}

// ---- reported ------------------------------------------------------------

void run_clock(struct event_base *base) {
  struct event clock;
  struct timeval second = {1, 0};
  event_assign(&clock, base, -1, EV_PERSIST, on_clock, NULL);
  event_add(&clock, &second);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: persistent timer event 'clock' is added here but neither 'run_clock' nor its callback 'on_clock' deletes it [leak-unstopped-timer]
  event_base_dispatch(base);
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'run_clock' can return here without stopping timer 'clock'
}
// CHECK-FIXES: {{^}}  event_del(&clock);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Memory the function allocated, as event_get_struct_event_size() is meant
// for.
int sample(struct event_base *base, int fail) {
  struct event *sampler = malloc(event_get_struct_event_size());
  struct timeval second = {1, 0};
  event_assign(sampler, base, -1, EV_PERSIST, on_clock, NULL);
  event_add(sampler, &second);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: persistent timer event 'sampler' is added here but neither 'sample' nor its callback 'on_clock' deletes it [leak-unstopped-timer]
  if (fail) {
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: 'sample' can return here without stopping timer 'sampler'
    return -1;
  }
  event_base_dispatch(base);
  event_del(sampler);
  free(sampler);
  return 0;
}
// CHECK-FIXES: {{^}}    event_del(sampler);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}

// libevent 1.x: event_set, then event_base_set.
void legacy_clock(struct event_base *base) {
  struct event tick;
  struct timeval second = {1, 0};
  event_set(&tick, -1, EV_PERSIST, on_clock, NULL);
  event_base_set(base, &tick);
  event_add(&tick, &second);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: persistent timer event 'tick' is added here but neither 'legacy_clock' nor its callback 'on_clock' deletes it [leak-unstopped-timer]
  event_base_dispatch(base);
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'legacy_clock' can return here without stopping timer 'tick'
}
// CHECK-FIXES: {{^}}  event_del(&tick);{{$}}

// A one-shot evtimer_set timer whose callback adds it again on every path.
void legacy_retry(struct event_base *base) {
  struct event retry;
  struct timeval soon = {1, 0};
  evtimer_set(&retry, on_retry, &retry);
  event_base_set(base, &retry);
  evtimer_add(&retry, &soon);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: timer event 'retry' is re-added by its callback 'on_retry' on every path, so it fires forever [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE-62]]:3: note: the callback re-adds the event here
  event_base_dispatch(base);
}

// ---- silent --------------------------------------------------------------

void deleted_clock(struct event_base *base) {
  struct event clock;
  struct timeval second = {1, 0};
  event_assign(&clock, base, -1, EV_PERSIST, on_clock, NULL);
  event_add(&clock, &second);
  event_base_dispatch(base);
  event_del(&clock);
}

void self_deleting(struct event_base *base) {
  struct event last;
  struct timeval second = {1, 0};
  event_assign(&last, base, -1, EV_PERSIST, on_last, &last);
  event_add(&last, &second);
  event_base_dispatch(base);
}

void one_shot(struct event_base *base) {
  struct event once;
  struct timeval second = {1, 0};
  evtimer_assign(&once, base, on_clock, NULL);
  evtimer_add(&once, &second);
  event_base_dispatch(base);
}

// The structure is the caller's: code elsewhere may delete its event.
struct session {
  struct event idle;
};
void watch_session(struct session *s, struct event_base *base) {
  struct timeval minute = {60, 0};
  event_assign(&s->idle, base, -1, EV_PERSIST, on_clock, s);
  event_add(&s->idle, &minute);
}

// External linkage: other files may delete it.
struct event global_tick;
void start_global(struct event_base *base) {
  struct timeval second = {1, 0};
  event_assign(&global_tick, base, -1, EV_PERSIST, on_clock, NULL);
  event_add(&global_tick, &second);
}

// Filled in twice, with different flags: which holds is not known.
void refilled(struct event_base *base, int persist) {
  struct event ev;
  struct timeval second = {1, 0};
  event_assign(&ev, base, -1, 0, on_clock, NULL);
  if (persist)
    event_assign(&ev, base, -1, EV_PERSIST, on_clock, NULL);
  event_add(&ev, &second);
  event_base_dispatch(base);
}
