// RUN: %check_leak_tidy --fix-notes %s leak-unstopped-timer %t -- -- -std=gnu11

// POSIX timers from C, with the real <time.h> and <signal.h>, default options:
// a timer_t created and armed in a function must be deleted on every CFG path
// from timer_settime to a return or the closing brace. Covers falling off the
// end, an early return, a delete in one branch only, a delete after the
// return, an unbraced `if (c) return;` (note without a fix), and the silent
// shapes: deleted on every path, paths ending in exit()/abort(), an endless
// loop, a helper of this file deleting its parameter, and ids that escape or
// are not locals (unknown function, sigev_value, global, parameter,
// returned). StrictMode is in leak-unstopped-timer-strict.c.
//
// Each reported timer has exactly one exit note with a fix (or none with a
// fix): clang-tidy's --fix-notes applies a note's fix only when it is the
// only note of its warning carrying one.

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

void unknown_sink(timer_t id); /* no body in this file */
static timer_t global_timer;

static const struct itimerspec every_second = {{1, 0}, {1, 0}};

static void delete_timer(timer_t victim) { timer_delete(victim); }

// ---- reported -----------------------------------------------------------------

void falls_off_the_end(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'falls_off_the_end' [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+2]]:1: note: 'falls_off_the_end' can return here without stopping timer 'id'
  puts("armed");
}
// CHECK-FIXES: {{^}}void falls_off_the_end(void) {{{$}}
// CHECK-FIXES: {{^}}  puts("armed");{{$}}
// CHECK-FIXES-NEXT: {{^}}  timer_delete(id);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

int early_return(int fail) {
  timer_t id;
  if (timer_create(CLOCK_REALTIME, NULL, &id) != 0)
    return -1; // before the arming: not a path from timer_settime
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'early_return' [leak-unstopped-timer]
  if (fail) {
    // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'early_return' can return here without stopping timer 'id'
    fputs("giving up\n", stderr);
    return -2;
  }
  timer_delete(id);
  return 0;
}
// CHECK-FIXES: {{^}}    fputs("giving up\n", stderr);{{$}}
// CHECK-FIXES-NEXT: {{^}}    timer_delete(id);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -2;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-NEXT: {{^}}  timer_delete(id);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}

void delete_in_one_branch(int c) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'delete_in_one_branch' [leak-unstopped-timer]
  if (c) {
    timer_delete(id);
  } else {
    puts("keeping it");
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 'delete_in_one_branch' can return here without stopping timer 'id'
// CHECK-FIXES: {{^}}    puts("keeping it");{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-NEXT: {{^}}  timer_delete(id);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

int delete_after_return(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'delete_after_return' [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: 'delete_after_return' can return here without stopping timer 'id'
  return 7;
  timer_delete(id); // unreachable: does not cover the return above
}
// CHECK-FIXES: {{^}}  timer_delete(id);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return 7;{{$}}
// CHECK-FIXES-NEXT: {{^}}  timer_delete(id); // unreachable: does not cover the return above{{$}}

// The only uncovered exit is the unbraced body of an if: a note without a
// fix, so the warning stays after --fix-notes.
int unbraced_return(int c) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'unbraced_return' [leak-unstopped-timer]
  if (c)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'unbraced_return' can return here without stopping timer 'id'
  timer_delete(id);
  return 0;
}
// CHECK-FIXES: {{^}}int unbraced_return(int c) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  timer_t id;{{$}}
// CHECK-FIXES-NEXT: {{^}}  timer_create(CLOCK_MONOTONIC, NULL, &id);{{$}}
// CHECK-FIXES-NEXT: {{^}}  timer_settime(id, 0, &every_second, NULL);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  if (c){{$}}
// CHECK-FIXES-NEXT: {{^}}    return 1;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  timer_delete(id);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}

// exit() is not an exit: only the fall-through path is reported.
void exit_on_one_path(int fatal) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'exit_on_one_path' [leak-unstopped-timer]
  if (fatal) {
    exit(EXIT_FAILURE);
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 'exit_on_one_path' can return here without stopping timer 'id'
// CHECK-FIXES: {{^}}    exit(EXIT_FAILURE);{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-NEXT: {{^}}  timer_delete(id);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// ---- silent -------------------------------------------------------------------

void deleted_on_every_path(int c) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  if (c) {
    timer_delete(id);
    return;
  }
  puts("done");
  timer_delete(id);
}

int deleted_before_each_return(int c) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  if (c)
    timer_delete(id);
  else
    delete_timer(id);
  return c;
}

// The other paths end in exit() or abort(): they are not exits.
void ends_in_exit_or_abort(int c) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  if (c == 1)
    exit(1);
  if (c == 2) {
    fputs("fatal\n", stderr);
    abort();
  }
  timer_delete(id);
}

void only_abort(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  abort();
}

void endless_loop(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  for (;;)
    pause();
}

void endless_while(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  while (1) {
    sleep(1);
    puts("tick");
  }
}

void deleted_by_helper(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  delete_timer(id);
}

// timer_gettime / timer_getoverrun / a second timer_settime are fine uses.
void queried_then_deleted(void) {
  timer_t id;
  struct itimerspec left;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  timer_gettime(id, &left);
  if (timer_getoverrun(id) > 0)
    timer_settime(id, 0, &every_second, &left);
  timer_delete(id);
}

// ---- silent by default: the id escapes or is not a local (see -strict.c) ------

void passed_to_unknown(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  unknown_sink(id);
}

void stored_in_sigev_value(void) {
  timer_t id;
  struct sigevent sev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN};
  sev.sigev_value.sival_ptr = &id;
  timer_create(CLOCK_MONOTONIC, &sev, &id);
  timer_settime(id, 0, &every_second, NULL);
}

void global_id(void) {
  timer_create(CLOCK_MONOTONIC, NULL, &global_timer);
  timer_settime(global_timer, 0, &every_second, NULL);
}

void parameter_id(timer_t id) { timer_settime(id, 0, &every_second, NULL); }

timer_t returned_id(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  return id;
}
