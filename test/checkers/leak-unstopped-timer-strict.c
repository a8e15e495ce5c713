// RUN: %check_leak_tidy --fix-notes %s leak-unstopped-timer %t -- -- -std=gnu11
// RUN: %check_leak_tidy --fix-notes --check-suffix=STRICT %s leak-unstopped-timer %t.strict -- -config="{CheckOptions: {leak-unstopped-timer.StrictMode: true}}" -- -std=gnu11

// StrictMode with POSIX timers from C, with the real <time.h> and <signal.h>.
// Every id armed below escapes or is not a local of the arming function
// (passed to a function with no body, a global with external linkage, a
// parameter, returned), so the default run reports nothing and
// leaves the file unchanged; the STRICT run reports each one with its exit
// note and, with --fix-notes, inserts the timer_delete. A timer that escapes
// but is deleted on every path stays silent in both runs.

#include <signal.h>
#include <time.h>

void unknown_sink(timer_t id); /* no body in this file */
/* External linkage: code in other files may use it, so it escapes. */
timer_t global_timer;

static const struct itimerspec every_second = {{1, 0}, {1, 0}};

void passed_to_unknown(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'passed_to_unknown' [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+2]]:1: note: 'passed_to_unknown' can return here without stopping timer 'id'
  unknown_sink(id);
}
// CHECK-FIXES-STRICT: {{^}}  unknown_sink(id);{{$}}
// CHECK-FIXES-STRICT-NEXT: {{^}}  timer_delete(id);{{$}}
// CHECK-FIXES-STRICT-NEXT: {{^}}}{{$}}

void global_id(void) {
  timer_create(CLOCK_MONOTONIC, NULL, &global_timer);
  timer_settime(global_timer, 0, &every_second, NULL);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'global_timer' is armed here but not deleted on every path out of 'global_id' [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:1: note: 'global_id' can return here without stopping timer 'global_timer'
}
// CHECK-FIXES-STRICT: {{^}}void global_id(void) {{{$}}
// CHECK-FIXES-STRICT: {{^}}  timer_delete(global_timer);{{$}}
// CHECK-FIXES-STRICT-NEXT: {{^}}}{{$}}

void parameter_id(timer_t id) {
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'parameter_id' [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:1: note: 'parameter_id' can return here without stopping timer 'id'
}
// CHECK-FIXES-STRICT: {{^}}void parameter_id(timer_t id) {{{$}}
// CHECK-FIXES-STRICT: {{^}}  timer_delete(id);{{$}}
// CHECK-FIXES-STRICT-NEXT: {{^}}}{{$}}

timer_t returned_id(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'returned_id' [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:3: note: 'returned_id' can return here without stopping timer 'id'
  return id;
}
// CHECK-FIXES-STRICT: {{^}}timer_t returned_id(void) {{{$}}
// CHECK-FIXES-STRICT: {{^}}  timer_delete(id);{{$}}
// CHECK-FIXES-STRICT-NEXT: {{^}}  return id;{{$}}

// ---- silent in both runs ------------------------------------------------------

// Escapes, but the arming function deletes it on every path.
void escapes_but_deleted(int c) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  unknown_sink(id);
  timer_settime(id, 0, &every_second, NULL);
  if (c) {
    timer_delete(id);
    return;
  }
  timer_delete(id);
}

void global_deleted(void) {
  timer_create(CLOCK_MONOTONIC, NULL, &global_timer);
  timer_settime(global_timer, 0, &every_second, NULL);
  timer_delete(global_timer);
}
