// RUN: %check_leak_tidy --fix-notes %s leak-unstopped-timer %t -- -- -std=gnu11

// libuv timers from C, with the real <uv.h>: a repeating timer that neither
// its starting function (on every path) nor its callback stops, and a stack
// handle still started when its function returns.

#include <assert.h>
#include <stdlib.h>
#include <uv.h>

struct worker {
  uv_timer_t *timer;
};

void unknownSink(uv_timer_t *handle); /* no body in this file */
static uv_timer_t GlobalTimer;

static void onTick(uv_timer_t *handle) { (void)handle; }
static void onTickStops(uv_timer_t *handle) { uv_timer_stop(handle); }
static void onClose(uv_handle_t *handle) { free(handle); }
static void onTickCloses(uv_timer_t *handle) {
  uv_close((uv_handle_t *)handle, onClose);
}
static void onTickHandsOver(uv_timer_t *handle) { unknownSink(handle); }

void heapRepeating(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, onTick, 0, 1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: repeating timer 't' is started here but neither 'heapRepeating' nor its callback 'onTick' stops it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'heapRepeating' can return here without stopping timer 't'
}
// CHECK-FIXES: {{^}}  uv_timer_stop(t);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

void repeatFromVariable(uv_loop_t *loop, uint64_t every) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, onTick, every, every);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: repeating timer 't' is started here but neither 'repeatFromVariable' nor its callback 'onTick' stops it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'repeatFromVariable' can return here without stopping timer 't'
}

void stackRepeating(uv_loop_t *loop) {
  uv_timer_t t;
  uv_timer_init(loop, &t);
  assert(uv_timer_start(&t, onTick, 0, 1000) == 0); // one warning, not two
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: repeating timer 't' is started here but neither 'stackRepeating' nor its callback 'onTick' stops it, and its stack handle dangles once 'stackRepeating' returns [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'stackRepeating' can return here without stopping timer 't'
}
// CHECK-FIXES: {{^}}  uv_timer_stop(&t);{{$}}

void stackOneShot(uv_loop_t *loop) {
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, onTick, 500, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: timer 't' lives on the stack of 'stackOneShot' and is still started when it returns, leaving the loop a dangling handle [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'stackOneShot' can return here without stopping timer 't'
}

int stopInOneBranch(uv_loop_t *loop, int c) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, onTick, 0, 50);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: repeating timer 't' is started here but neither 'stopInOneBranch' nor its callback 'onTick' stops it [leak-unstopped-timer]
  if (c) {
    uv_timer_stop(t);
    return 1;
  }
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'stopInOneBranch' can return here without stopping timer 't'
  // CHECK-FIXES: {{^}}  uv_timer_stop(t);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}
}

int mainLoop(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, onTick, 0, 1000); // runs the loop forever
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: repeating timer 't' is started here but neither 'mainLoop' nor its callback 'onTick' stops it [leak-unstopped-timer]
  uv_run(loop, UV_RUN_DEFAULT);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'mainLoop' can return here without stopping timer 't'
}

// ---- silent -------------------------------------------------------------------

void callbackStops(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, onTickStops, 0, 1000);
}

void callbackCloses(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, onTickCloses, 0, 1000);
}

void callbackHandsOver(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, onTickHandsOver, 0, 1000);
}

void heapOneShot(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, onTick, 500, 0);
}

void stoppedOnEveryPath(uv_loop_t *loop, int c) {
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, onTick, 0, 10);
  uv_run(loop, UV_RUN_ONCE);
  if (c) {
    uv_close((uv_handle_t *)&t, NULL);
    return;
  }
  uv_timer_stop(&t);
}

int loopRunToCompletion(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, onTickStops, 0, 1000);
  return uv_run(loop, UV_RUN_DEFAULT);
}

void global(uv_loop_t *loop) {
  uv_timer_init(loop, &GlobalTimer);
  uv_timer_start(&GlobalTimer, onTick, 0, 1000);
}

void passedToUnknown(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, onTick, 0, 1000);
  unknownSink(t);
}

void storedInStruct(uv_loop_t *loop, struct worker *w) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, onTick, 0, 1000);
  w->timer = t;
}

void handleFromCaller(uv_timer_t *t) { uv_timer_start(t, onTick, 0, 1000); }
