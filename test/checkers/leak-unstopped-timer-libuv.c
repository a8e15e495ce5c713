// RUN: %check_leak_tidy --fix-notes %s leak-unstopped-timer %t -- -- -std=gnu11

// libuv timers from C, with the real <uv.h>, default options. Covers the
// repeat rule (a repeating timer that neither its starting function, on every
// path, nor its callback stops: repeat not a constant 0, handle not escaping,
// an exit reachable without uv_timer_stop/uv_close, a callback that does not
// stop it: named, with no body in this file, or stopping another handle) and
// the dangling rule (a stack uv_timer_t still started at an exit reached
// without a stop or a uv_run), alone and together; a heap handle is never
// dangling; uv_run after the start removes only the dangling rule.
// assert(uv_timer_start(...) == 0) gives one warning, on a heap or a stack
// handle. No stop is inserted before `return uv_timer_start(...)`: that
// warning stays. A file-static handle pointer that no function of the file
// stops is reported with notes at its declaration and no fix. Silent: repeat
// 0 on a heap handle, callbacks that call uv_timer_stop (always or only
// sometimes, on the handle they are handed or by its file-static name),
// uv_close (with or without a close callback) or uv_stop or hand their handle
// to an unknown function, functions that stop or close on every path, a
// file-static handle closed in another function, a static uv_timer_t held by
// value (one per process), a handle passed to an unknown function or stored
// in a struct field, a handle from the caller.
//
// Each reported timer has at most one exit note with a fix, and a second run
// on the fixed file finds every fixed timer stopped (an exit in a braced if,
// a start in a loop).

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <uv.h>

struct watcher {
  uv_timer_t *timer;
};

void unknown_sink(uv_timer_t *handle);   /* no body in this file */
void external_tick(uv_timer_t *handle);  /* a callback with no body here */
static uv_timer_t global_timer;
uv_timer_t shared_timer; /* external linkage: other files may start it */

static void on_tick(uv_timer_t *handle) { (void)handle; }
static void on_tick_stops(uv_timer_t *handle) {
  static int count;
  if (++count == 10)
    uv_timer_stop(handle);
}
static void on_tick_always_stops(uv_timer_t *handle) { uv_timer_stop(handle); }
static void on_tick_closes(uv_timer_t *handle) {
  uv_close((uv_handle_t *)handle, NULL);
}
static void on_close_free(uv_handle_t *handle) { free(handle); }
static void on_tick_closes_and_frees(uv_timer_t *handle) {
  uv_close((uv_handle_t *)handle, on_close_free);
}
static void on_tick_stops_loop(uv_timer_t *handle) { uv_stop(handle->loop); }
static void on_tick_hands_over(uv_timer_t *handle) { unknown_sink(handle); }
static void on_tick_stops_shared(uv_timer_t *handle) {
  (void)handle;
  uv_timer_stop(&shared_timer);
}

// ---- reported: repeat rule only (heap handles, or uv_run after the start) -----

void heap_repeating(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, on_tick, 0, 1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: repeating timer 't' is started here but neither 'heap_repeating' nor its callback 'on_tick' stops it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'heap_repeating' can return here without stopping timer 't'
}
// CHECK-FIXES: {{^}}void heap_repeating(uv_loop_t *loop) {{{$}}
// CHECK-FIXES: {{^}}  uv_timer_start(t, on_tick, 0, 1000);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  uv_timer_stop(t);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// data, uv_unref, uv_is_active and uv_timer_set_repeat are fine uses.
void repeat_from_variable(uv_loop_t *loop, uint64_t every, void *ctx) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  t->data = ctx;
  uv_timer_start(t, on_tick, every, every);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: repeating timer 't' is started here but neither 'repeat_from_variable' nor its callback 'on_tick' stops it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+4]]:1: note: 'repeat_from_variable' can return here without stopping timer 't'
  uv_unref((uv_handle_t *)t);
  uv_timer_set_repeat(t, every * 2);
  (void)uv_is_active((uv_handle_t *)t);
}
// CHECK-FIXES: {{^}}  (void)uv_is_active((uv_handle_t *)t);{{$}}
// CHECK-FIXES-NEXT: {{^}}  uv_timer_stop(t);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// The same with nothing after the start: the stop goes before the brace.
void repeat_from_variable_bare(uv_loop_t *loop, uint64_t every) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, on_tick, every, every);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: repeating timer 't' is started here but neither 'repeat_from_variable_bare' nor its callback 'on_tick' stops it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'repeat_from_variable_bare' can return here without stopping timer 't'
}
// CHECK-FIXES: {{^}}  uv_timer_start(t, on_tick, every, every);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  uv_timer_stop(t);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

void invisible_callback(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, external_tick, 100, 100);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: repeating timer 't' is started here but neither 'invisible_callback' nor its callback stops it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'invisible_callback' can return here without stopping timer 't'
}
// CHECK-FIXES: {{^}}  uv_timer_start(t, external_tick, 100, 100);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  uv_timer_stop(t);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

int stop_in_one_branch(uv_loop_t *loop, int quick) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, on_tick, 50, 50);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: repeating timer 't' is started here but neither 'stop_in_one_branch' nor its callback 'on_tick' stops it [leak-unstopped-timer]
  if (quick) {
    uv_timer_stop(t);
    return 1;
  }
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: 'stop_in_one_branch' can return here without stopping timer 't'
  return 0;
}
// CHECK-FIXES: {{^}}    uv_timer_stop(t);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return 1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  uv_timer_stop(t);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}

// The glibc assert expands its argument twice (once under sizeof): one warning.
void asserted_start(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  assert(uv_timer_start(t, on_tick, 0, 250) == 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: repeating timer 't' is started here but neither 'asserted_start' nor its callback 'on_tick' stops it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+2]]:1: note: 'asserted_start' can return here without stopping timer 't'
  uv_unref((uv_handle_t *)t);
}
// CHECK-FIXES: {{^}}  assert(uv_timer_start(t, on_tick, 0, 250) == 0);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  uv_unref((uv_handle_t *)t);{{$}}
// CHECK-FIXES-NEXT: {{^}}  uv_timer_stop(t);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// The body's last statement is a macro expansion but its closing brace is
// not: the contract's fix still goes before the brace, indented like the
// assert.
void assert_is_last_statement(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  assert(uv_timer_start(t, on_tick, 0, 500) == 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: repeating timer 't' is started here but neither 'assert_is_last_statement' nor its callback 'on_tick' stops it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'assert_is_last_statement' can return here without stopping timer 't'
}
// CHECK-FIXES: {{^}}  assert(uv_timer_start(t, on_tick, 0, 500) == 0);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  uv_timer_stop(t);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// A stack handle, but the loop runs after the start: not dangling; the
// callback does not stop the repeating timer.
int stack_with_run(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: repeating timer 't' is started here but neither 'stack_with_run' nor its callback 'on_tick' stops it [leak-unstopped-timer]
  uv_run(loop, UV_RUN_DEFAULT);
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: 'stack_with_run' can return here without stopping timer 't'
  return 0;
}
// CHECK-FIXES: {{^}}  uv_run(loop, UV_RUN_DEFAULT);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  uv_timer_stop(&t);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}

// The callback stops a different handle: that stops nothing of this timer.
void callback_stops_other_handle(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, on_tick_stops_shared, 0, 1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: repeating timer 't' is started here but neither 'callback_stops_other_handle' nor its callback 'on_tick_stops_shared' stops it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'callback_stops_other_handle' can return here without stopping timer 't'
}
// CHECK-FIXES: {{^}}  uv_timer_start(t, on_tick_stops_shared, 0, 1000);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  uv_timer_stop(t);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// The only exit returns the start itself: a stop before that return would
// run before the start, so the note has no fix and the warning stays.
int returns_the_start(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  return uv_timer_start(t, on_tick, 0, 1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: repeating timer 't' is started here but neither 'returns_the_start' nor its callback 'on_tick' stops it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'returns_the_start' can return here without stopping timer 't'
}

// The uncovered exit is inside a braced if: the stop goes before it, and a
// second run finds every path stopped.
int stop_missing_in_if(uv_loop_t *loop, int fail) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, on_tick, 0, 100);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: repeating timer 't' is started here but neither 'stop_missing_in_if' nor its callback 'on_tick' stops it [leak-unstopped-timer]
  if (fail) {
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'stop_missing_in_if' can return here without stopping timer 't'
    // CHECK-FIXES: {{^}}    uv_timer_stop(t);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  }
  uv_timer_stop(t);
  return 0;
}

// Started again each time round a loop: one stop after the loop covers
// every start, and a second run finds nothing.
void restarted_in_loop(uv_loop_t *loop, int n) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  for (int i = 0; i < n; ++i)
    uv_timer_start(t, on_tick, 0, 100 * (i + 1));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: repeating timer 't' is started here but neither 'restarted_in_loop' nor its callback 'on_tick' stops it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'restarted_in_loop' can return here without stopping timer 't'
}
// CHECK-FIXES: {{^}}    uv_timer_start(t, on_tick, 0, 100 * (i + 1));{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  uv_timer_stop(t);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// A file-static handle: every function that reaches it is in this file, and
// none stops it. No fix: where its work ends is not known here.
static uv_timer_t *sweeper;

void start_sweeper(uv_loop_t *loop) {
  sweeper = malloc(sizeof *sweeper);
  uv_timer_init(loop, sweeper);
  uv_timer_start(sweeper, on_tick, 0, 1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: repeating timer 'sweeper' is started here but neither this file nor its callback 'on_tick' stops it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE-7]]:20: note: 'sweeper' is declared here
  // CHECK-MESSAGES: :[[@LINE-8]]:20: note: stop it when the work it serves ends
}

// ---- reported: dangling rule ----------------------------------------------------

// Repeating, on the stack, no uv_run: both rules in one message.
void stack_repeating(uv_loop_t *loop) {
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 1000, 1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: repeating timer 't' is started here but neither 'stack_repeating' nor its callback 'on_tick' stops it, and its stack handle dangles once 'stack_repeating' returns [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'stack_repeating' can return here without stopping timer 't'
}
// CHECK-FIXES: {{^}}  uv_timer_start(&t, on_tick, 1000, 1000);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  uv_timer_stop(&t);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// The same started under assert: still one warning with both rules.
void asserted_stack_repeating(uv_loop_t *loop) {
  uv_timer_t t;
  uv_timer_init(loop, &t);
  assert(uv_timer_start(&t, on_tick, 0, 1000) == 0); // one warning, not two
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: repeating timer 't' is started here but neither 'asserted_stack_repeating' nor its callback 'on_tick' stops it, and its stack handle dangles once 'asserted_stack_repeating' returns [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'asserted_stack_repeating' can return here without stopping timer 't'
}
// CHECK-FIXES: {{^}}  assert(uv_timer_start(&t, on_tick, 0, 1000) == 0); // one warning, not two{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  uv_timer_stop(&t);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// A one-shot (repeat 0) on the stack, no uv_run: only the dangling rule.
int stack_one_shot(uv_loop_t *loop) {
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 500, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: timer 't' lives on the stack of 'stack_one_shot' and is still started when it returns, leaving the loop a dangling handle [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: 'stack_one_shot' can return here without stopping timer 't'
  return 0;
}
// CHECK-FIXES: {{^}}  uv_timer_start(&t, on_tick, 500, 0);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  uv_timer_stop(&t);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}

// The same falling off the end: the note and the stop are at the brace.
void stack_one_shot_falls_off(uv_loop_t *loop) {
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 500, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: timer 't' lives on the stack of 'stack_one_shot_falls_off' and is still started when it returns, leaving the loop a dangling handle [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'stack_one_shot_falls_off' can return here without stopping timer 't'
}
// CHECK-FIXES: {{^}}void stack_one_shot_falls_off(uv_loop_t *loop) {{{$}}
// CHECK-FIXES: {{^}}  uv_timer_start(&t, on_tick, 500, 0);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  uv_timer_stop(&t);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// The callback stops it, so only the dangling rule is left.
void stack_callback_stops(uv_loop_t *loop) {
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick_stops, 10, 10);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: timer 't' lives on the stack of 'stack_callback_stops' and is still started when it returns, leaving the loop a dangling handle [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'stack_callback_stops' can return here without stopping timer 't'
}
// CHECK-FIXES: {{^}}  uv_timer_start(&t, on_tick_stops, 10, 10);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  uv_timer_stop(&t);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// ---- silent -------------------------------------------------------------------

void heap_one_shot(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, on_tick, 500, 0);
}

void callback_stops(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, on_tick_stops, 0, 1000);
}

void callback_always_stops(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, on_tick_always_stops, 0, 1000);
}

void callback_closes(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, on_tick_closes, 0, 1000);
}

// The close callback frees the handle: the timer is still closed.
void callback_closes_and_frees(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, on_tick_closes_and_frees, 0, 1000);
}

void callback_stops_loop(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, on_tick_stops_loop, 0, 1000);
}

void callback_hands_over(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, on_tick_hands_over, 0, 1000);
}

void stopped_on_every_path(uv_loop_t *loop, int c) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, on_tick, 0, 10);
  if (c) {
    uv_close((uv_handle_t *)t, NULL);
    return;
  }
  uv_timer_stop(t);
}

void stack_stopped_on_every_path(uv_loop_t *loop, int c) {
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 10);
  uv_run(loop, UV_RUN_ONCE);
  if (c) {
    uv_timer_stop(&t);
    return;
  }
  uv_close((uv_handle_t *)&t, NULL);
  uv_run(loop, UV_RUN_DEFAULT);
}

// The other way round: closed on the early return, stopped at the end.
void stack_closed_or_stopped(uv_loop_t *loop, int c) {
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 10);
  uv_run(loop, UV_RUN_ONCE);
  if (c) {
    uv_close((uv_handle_t *)&t, NULL);
    return;
  }
  uv_timer_stop(&t);
}

// On the stack, with uv_run, and a callback that stops it.
int stack_with_run_callback_stops(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick_stops, 0, 1000);
  return uv_run(loop, UV_RUN_DEFAULT);
}

// The same with a callback that stops it on its first call.
int stack_with_run_callback_always_stops(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick_always_stops, 0, 1000);
  return uv_run(loop, UV_RUN_DEFAULT);
}

// On the stack, with uv_run, repeat 0.
int stack_one_shot_with_run(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 0);
  uv_run(loop, UV_RUN_DEFAULT);
  return 0;
}

// A file-static handle closed in another function of the file.
static uv_timer_t *flusher;

void start_flusher(uv_loop_t *loop) {
  flusher = malloc(sizeof *flusher);
  uv_timer_init(loop, flusher);
  uv_timer_start(flusher, on_tick, 0, 1000);
}

void stop_flusher(void) { uv_close((uv_handle_t *)flusher, NULL); }

// A file-static handle whose callback stops it by that name.
static uv_timer_t *pinger;

static void on_ping(uv_timer_t *handle) {
  (void)handle;
  uv_timer_stop(pinger);
}

void start_pinger(uv_loop_t *loop) {
  pinger = malloc(sizeof *pinger);
  uv_timer_init(loop, pinger);
  uv_timer_start(pinger, on_ping, 0, 1000);
}

// A uv_timer_t with static storage is one handle for the whole process,
// however often this runs: reported only in StrictMode.
void global_handle(uv_loop_t *loop) {
  uv_timer_init(loop, &global_timer);
  uv_timer_start(&global_timer, on_tick, 0, 1000);
}

void passed_to_unknown(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, on_tick, 0, 1000);
  unknown_sink(t);
}

void stored_in_struct(uv_loop_t *loop, struct watcher *w) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_timer_start(t, on_tick, 0, 1000);
  w->timer = t;
}

void handle_from_caller(uv_timer_t *t) { uv_timer_start(t, on_tick, 0, 1000); }
