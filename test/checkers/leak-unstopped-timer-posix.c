// RUN: %check_leak_tidy --fix-notes %s leak-unstopped-timer %t -- -- -std=gnu11
// RUN: %check_leak_tidy --check-suffix=STRICT %s leak-unstopped-timer %t.strict -- -config="{CheckOptions: {leak-unstopped-timer.StrictMode: true}}" -- -std=gnu11

// POSIX timers from C, with the real <time.h> and <signal.h>: a timer_t
// created and armed with timer_settime in a function must be deleted on every
// CFG path from the arming to a return or the closing brace, or its id is lost
// and it fires forever. Reported by default: falling off the end (right after
// the arming or after another statement), an early return in a braced if, a
// delete in one branch only (braced or not), a delete after the return, two
// uncovered exits, an unbraced `if (c) return;` (note without a fix), exit()
// on one path with a fall-through, the id's address stored in sigev_value
// (the library call's own argument, not an escape), an id made by a factory
// of this file, a file-static id that no function of the file deletes (with
// notes at its declaration instead of a fix), and a timer armed inside a loop
// in main(). Silent by default: deleted on every path (directly or by a
// helper of this file), a file-static id deleted in another function, paths
// ending in exit()/abort(), endless loops, ids that escape or are not fresh
// locals (passed to an unknown function, parameter, returned), and timers
// made once per process (directly in main(), or in a static function called
// only from there).
//
// The default run applies the notes' fixes (--fix-notes). Each reported timer
// has exactly one exit note with a fix (or none with a fix): clang-tidy's
// --fix-notes applies a note's fix only when it is the only note of its
// warning carrying one, so with two exits the first note carries both
// insertions. The STRICT run (plain -fix, so the file stays unchanged) reports
// the same timers plus the ids that escape or are not fresh locals and the
// timers made once per process; a timer deleted on every path stays silent
// there too. More StrictMode cases, with their fixes, are in
// leak-unstopped-timer-strict.c.

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

void unknown_sink(timer_t id); /* no body in this file */

static const struct itimerspec every_second = {{1, 0}, {1, 0}};

static void delete_timer(timer_t victim) { timer_delete(victim); }

static timer_t make_timer(void) {
  timer_t id;
  struct sigevent sev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN};
  timer_create(CLOCK_MONOTONIC, &sev, &id);
  return id;
}

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

// Nothing after the arming: the delete goes right before the closing brace.
void falls_off_right_after_arming(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'falls_off_right_after_arming' [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'falls_off_right_after_arming' can return here without stopping timer 'id'
}
// CHECK-FIXES: {{^}}void falls_off_right_after_arming(void) {{{$}}
// CHECK-FIXES: {{^}}  timer_settime(id, 0, &every_second, NULL);{{$}}
// CHECK-FIXES: {{^}}  timer_delete(id);{{$}}
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

// The early return is the first statement of its braced if: the delete goes
// right before it.
int return_first_in_braced_if(int fail) {
  timer_t id;
  timer_create(CLOCK_REALTIME, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'return_first_in_braced_if' [leak-unstopped-timer]
  if (fail) {
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'return_first_in_braced_if' can return here without stopping timer 'id'
    // CHECK-FIXES: {{^}}    timer_delete(id);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  }
  timer_delete(id);
  return 0;
}

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

// The same with an unbraced if/else: the delete follows the else's body.
void delete_in_unbraced_branch(int c) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'delete_in_unbraced_branch' [leak-unstopped-timer]
  if (c)
    timer_delete(id);
  else
    c = 2;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 'delete_in_unbraced_branch' can return here without stopping timer 'id'
// CHECK-FIXES: {{^}}    c = 2;{{$}}
// CHECK-FIXES-NEXT: {{^}}  timer_delete(id);{{$}}

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

// Two exits: the first note carries both insertions, since --fix-notes only
// applies the fixes of a warning's single note that has any.
void two_exits(int c) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'two_exits' [leak-unstopped-timer]
  if (c) {
    c = 3;
    return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'two_exits' can return here without stopping timer 'id'
    // CHECK-FIXES: {{^}}    c = 3;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    timer_delete(id);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return;{{$}}
  }
  c = 4;
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'two_exits' can return here without stopping timer 'id'
}
// CHECK-FIXES: {{^}}  c = 4;{{$}}
// CHECK-FIXES: {{^}}  timer_delete(id);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

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

// make_timer() is a factory of this file: it creates the timer and returns
// it, so the id is this function's as if it had created it itself.
void copied_from_elsewhere(void) {
  timer_t id = make_timer();
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'copied_from_elsewhere' [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'copied_from_elsewhere' can return here without stopping timer 'id'
}
// CHECK-FIXES: {{^}}void copied_from_elsewhere(void) {{{$}}
// CHECK-FIXES: {{^}}  timer_delete(id);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// A file-static id: every function that can reach it is in this file, and
// none deletes it. Each call creates another timer, so this is no once per
// process start-up either. No fix: where its work ends is not known here.
static timer_t global_timer;

void global_id(void) {
  timer_create(CLOCK_MONOTONIC, NULL, &global_timer);
  timer_settime(global_timer, 0, &every_second, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'global_timer' is armed here but nothing in this file deletes it [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE-6]]:16: note: 'global_timer' is declared here
  // CHECK-MESSAGES: :[[@LINE-7]]:16: note: stop it when the work it serves ends
}

// ---- silent -------------------------------------------------------------------

// A file-static id deleted in another function of the file.
static timer_t sweep_timer;

void start_sweeping(void) {
  timer_create(CLOCK_MONOTONIC, NULL, &sweep_timer);
  timer_settime(sweep_timer, 0, &every_second, NULL);
}

void stop_sweeping(void) { timer_delete(sweep_timer); }

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

// Never deleted, but every path ends in exit() or abort(): no exit at all.
void exit_or_abort_on_every_path(int c) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  if (c)
    exit(1);
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

// ---- silent by default, reported by STRICT: the id escapes or is not fresh ----

void passed_to_unknown(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'passed_to_unknown' [leak-unstopped-timer]
  unknown_sink(id);
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:1: note: 'passed_to_unknown' can return here without stopping timer 'id'
}

// The man page's own pattern: the id's address goes in the sigevent that
// timer_create hands to the signal handler. The library call is handed it;
// nothing else is, so this is no escape.
void stored_in_sigev_value(void) {
  timer_t id;
  struct sigevent sev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN};
  sev.sigev_value.sival_ptr = &id;
  timer_create(CLOCK_MONOTONIC, &sev, &id);
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'stored_in_sigev_value' [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'stored_in_sigev_value' can return here without stopping timer 'id'
}
// CHECK-FIXES: {{^}}void stored_in_sigev_value(void) {{{$}}
// CHECK-FIXES: {{^}}  timer_delete(id);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

void parameter_id(timer_t id) {
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'parameter_id' [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:1: note: 'parameter_id' can return here without stopping timer 'id'
}

timer_t returned_id(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'returned_id' [leak-unstopped-timer]
  return id;
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: note: 'returned_id' can return here without stopping timer 'id'
}

// ---- once per process: reported only by STRICT, unless in a loop ---------------

// Called only from main(), outside any loop: started once per process.
static void start_watchdog(void) {
  timer_t watchdog;
  timer_create(CLOCK_MONOTONIC, NULL, &watchdog);
  timer_settime(watchdog, 0, &every_second, NULL);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'watchdog' is armed here but not deleted on every path out of 'start_watchdog' [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:1: note: 'start_watchdog' can return here without stopping timer 'watchdog'
}

// Handed only to pthread_once: it runs once per process.
static void start_clock(void) {
  timer_t clock_tick;
  timer_create(CLOCK_MONOTONIC, NULL, &clock_tick);
  timer_settime(clock_tick, 0, &every_second, NULL);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'clock_tick' is armed here but not deleted on every path out of 'start_clock' [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:1: note: 'start_clock' can return here without stopping timer 'clock_tick'
}

static pthread_once_t clock_once = PTHREAD_ONCE_INIT;

void ensure_clock(void) { pthread_once(&clock_once, start_clock); }

int main(int argc, char **argv) {
  // A heartbeat started directly in main(): there by design.
  timer_t heartbeat;
  timer_create(CLOCK_MONOTONIC, NULL, &heartbeat);
  timer_settime(heartbeat, 0, &every_second, NULL);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'heartbeat' is armed here but not deleted on every path out of 'main' [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+12]]:3: note: 'main' can return here without stopping timer 'heartbeat'
  start_watchdog();
  // Inside a loop, even in main(), one more timer each time round: reported.
  // Its id is out of scope at the return, so the note has no fix.
  for (int i = 1; i < argc; ++i) {
    timer_t worker;
    timer_create(CLOCK_MONOTONIC, NULL, &worker);
    timer_settime(worker, 0, &every_second, NULL);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: POSIX timer 'worker' is armed here but not deleted on every path out of 'main' [leak-unstopped-timer]
    pause();
  }
  pause();
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'main' can return here without stopping timer 'worker'
}
