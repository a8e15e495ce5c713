// RUN: %check_leak_tidy --fix-notes %s leak-unstopped-timer %t -- -- -std=gnu11

// libevent timers from C, with the real <event2/event.h>: a persistent timer
// event that neither its function nor its callback deletes, and a one-shot
// timer whose callback adds it again on every path.

#include <event2/event.h>
#include <stdlib.h>

static struct event *GlobalEvent;
static int Remaining = 3;

static void onTick(evutil_socket_t fd, short what, void *arg) {
  (void)fd;
  (void)what;
  (void)arg;
}

static void onTickDeletes(evutil_socket_t fd, short what, void *arg) {
  event_del((struct event *)arg);
}

static void onTickBreaks(evutil_socket_t fd, short what, void *arg) {
  event_base_loopbreak((struct event_base *)arg);
}

static void reAddAlways(evutil_socket_t fd, short what, void *arg) {
  struct timeval again = {1, 0};
  event_add((struct event *)arg, &again);
}

static void reAddSometimes(evutil_socket_t fd, short what, void *arg) {
  struct timeval again = {1, 0};
  if (--Remaining > 0)
    event_add((struct event *)arg, &again);
}

void persistent(struct event_base *base) {
  struct event *ev = event_new(base, -1, EV_PERSIST, onTick, NULL);
  struct timeval every = {1, 0};
  event_add(ev, &every);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: persistent timer event 'ev' is added here but neither 'persistent' nor its callback 'onTick' deletes it [leak-unstopped-timer]
  event_base_dispatch(base);
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'persistent' can return here without stopping timer 'ev'
}
// CHECK-FIXES: {{^}}  event_base_dispatch(base);{{$}}
// CHECK-FIXES: {{^}}  event_del(ev);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

int persistentAssigned(struct event_base *base, int fail) {
  struct event *ev;
  ev = event_new(base, -1, EV_TIMEOUT | EV_PERSIST, onTick, NULL);
  struct timeval every = {0, 500000};
  event_add(ev, &every);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: persistent timer event 'ev' is added here but neither 'persistentAssigned' nor its callback 'onTick' deletes it [leak-unstopped-timer]
  if (fail) {
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'persistentAssigned' can return here without stopping timer 'ev'
    // CHECK-FIXES: {{^}}    event_del(ev);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  }
  event_free(ev);
  return 0;
}

void reAddedOnEveryPath(struct event_base *base) {
  struct event *ev = evtimer_new(base, reAddAlways, event_self_cbarg());
  struct timeval once = {1, 0};
  event_add(ev, &once);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: timer event 'ev' is re-added by its callback 'reAddAlways' on every path, so it fires forever [leak-unstopped-timer]
  // CHECK-MESSAGES: :29:3: note: the callback re-adds the event here
  event_base_dispatch(base);
}

// ---- silent -------------------------------------------------------------------

void freedOnEveryPath(struct event_base *base) {
  struct event *ev = event_new(base, -1, EV_PERSIST, onTick, NULL);
  struct timeval every = {1, 0};
  event_add(ev, &every);
  event_base_dispatch(base);
  event_free(ev);
}

void callbackDeletes(struct event_base *base) {
  struct event *ev = event_new(base, -1, EV_PERSIST, onTickDeletes, event_self_cbarg());
  struct timeval every = {1, 0};
  event_add(ev, &every);
}

void callbackBreaksTheLoop(struct event_base *base) {
  struct event *ev = event_new(base, -1, EV_PERSIST, onTickBreaks, base);
  struct timeval every = {1, 0};
  event_add(ev, &every);
}

void socketEvent(struct event_base *base, evutil_socket_t fd) {
  struct event *ev = event_new(base, fd, EV_READ | EV_PERSIST, onTick, NULL);
  event_add(ev, NULL);
}

void signalEvent(struct event_base *base) {
  struct event *ev = evsignal_new(base, 2, onTick, NULL);
  event_add(ev, NULL);
}

void reAddedSometimes(struct event_base *base) {
  struct event *ev = evtimer_new(base, reAddSometimes, event_self_cbarg());
  struct timeval once = {1, 0};
  event_add(ev, &once);
}

void oneShot(struct event_base *base) {
  struct event *ev = evtimer_new(base, onTick, NULL);
  struct timeval once = {1, 0};
  event_add(ev, &once);
}

void global(struct event_base *base) {
  GlobalEvent = event_new(base, -1, EV_PERSIST, onTick, NULL);
  struct timeval every = {1, 0};
  event_add(GlobalEvent, &every);
}

struct event *returned(struct event_base *base) {
  struct event *ev = event_new(base, -1, EV_PERSIST, onTick, NULL);
  struct timeval every = {1, 0};
  event_add(ev, &every);
  return ev;
}
