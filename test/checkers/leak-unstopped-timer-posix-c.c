// RUN: %check_leak_tidy --fix-notes %s leak-unstopped-timer %t -- -- -std=gnu11
// RUN: %check_leak_tidy --check-suffix=STRICT %s leak-unstopped-timer %t.strict -- -config="{CheckOptions: {leak-unstopped-timer.StrictMode: true}}" -- -std=gnu11

// POSIX timers from C, with the real <time.h> and <signal.h>: a timer armed
// with timer_settime must be deleted on every path out of its function, or
// its id is lost and it fires forever. The STRICT run (plain -fix, so the
// file stays unchanged) also reports ids that escape.

#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

void unknownSink(timer_t id); /* no body in this file */
static timer_t GlobalTimer;

static void deleteTimer(timer_t id) { timer_delete(id); }

static timer_t makeTimer(void) {
  timer_t id;
  struct sigevent sev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN};
  timer_create(CLOCK_MONOTONIC, &sev, &id);
  return id;
}

static const struct itimerspec EverySecond = {{1, 0}, {1, 0}};

void fallsOffTheEnd(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &EverySecond, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'fallsOffTheEnd' [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'fallsOffTheEnd' can return here without stopping timer 'id'
}
// CHECK-FIXES: {{^}}  timer_settime(id, 0, &EverySecond, NULL);{{$}}
// CHECK-FIXES: {{^}}  timer_delete(id);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

int earlyReturn(int fail) {
  timer_t id;
  timer_create(CLOCK_REALTIME, NULL, &id);
  timer_settime(id, 0, &EverySecond, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'earlyReturn' [leak-unstopped-timer]
  if (fail) {
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'earlyReturn' can return here without stopping timer 'id'
    // CHECK-FIXES: {{^}}    timer_delete(id);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  }
  timer_delete(id);
  return 0;
}

void deleteInOneBranch(int c) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &EverySecond, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'deleteInOneBranch' [leak-unstopped-timer]
  if (c)
    timer_delete(id);
  else
    c = 2;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 'deleteInOneBranch' can return here without stopping timer 'id'
// CHECK-FIXES: {{^}}    c = 2;{{$}}
// CHECK-FIXES-NEXT: {{^}}  timer_delete(id);{{$}}

int deleteAfterReturn(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &EverySecond, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'deleteAfterReturn' [leak-unstopped-timer]
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'deleteAfterReturn' can return here without stopping timer 'id'
  // CHECK-FIXES: {{^}}  timer_delete(id);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}
  timer_delete(id);
}

// Two exits: the first note carries both insertions, since --fix-notes only
// applies the fixes of a warning's single note that has any.
void twoExits(int c) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &EverySecond, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'twoExits' [leak-unstopped-timer]
  if (c) {
    c = 3;
    return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'twoExits' can return here without stopping timer 'id'
    // CHECK-FIXES: {{^}}    c = 3;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    timer_delete(id);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return;{{$}}
  }
  c = 4;
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'twoExits' can return here without stopping timer 'id'
}
// CHECK-FIXES: {{^}}  c = 4;{{$}}
// CHECK-FIXES: {{^}}  timer_delete(id);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

int unbracedReturn(int c) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &EverySecond, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'unbracedReturn' [leak-unstopped-timer]
  if (c)
    return 1; // no fix: the return is the unbraced body of the if
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'unbracedReturn' can return here without stopping timer 'id'
  timer_delete(id);
  return 0;
}

// ---- silent by default ------------------------------------------------------

void deletedOnEveryPath(int c) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &EverySecond, NULL);
  if (c) {
    timer_delete(id);
    return;
  }
  timer_delete(id);
}

void deletedByHelper(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &EverySecond, NULL);
  deleteTimer(id);
}

void endsInExit(int c) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &EverySecond, NULL);
  if (c)
    exit(1);
  abort();
}

void endlessLoop(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &EverySecond, NULL);
  for (;;)
    pause();
}

timer_t returned(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &EverySecond, NULL);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'returned' [leak-unstopped-timer]
  return id;
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: note: 'returned' can return here without stopping timer 'id'
}

void storedInSigevValue(void) {
  timer_t id;
  struct sigevent sev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN};
  sev.sigev_value.sival_ptr = &id;
  timer_create(CLOCK_MONOTONIC, &sev, &id);
  timer_settime(id, 0, &EverySecond, NULL);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'storedInSigevValue' [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:1: note: 'storedInSigevValue' can return here without stopping timer 'id'
}

void copiedFromElsewhere(void) {
  timer_t id = makeTimer(); // made by a helper: not known to be fresh
  timer_settime(id, 0, &EverySecond, NULL);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'copiedFromElsewhere' [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:1: note: 'copiedFromElsewhere' can return here without stopping timer 'id'
}

void passedToUnknown(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &EverySecond, NULL);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'passedToUnknown' [leak-unstopped-timer]
  unknownSink(id);
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:1: note: 'passedToUnknown' can return here without stopping timer 'id'
}

void global(void) {
  timer_create(CLOCK_MONOTONIC, NULL, &GlobalTimer);
  timer_settime(GlobalTimer, 0, &EverySecond, NULL);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'GlobalTimer' is armed here but not deleted on every path out of 'global' [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:1: note: 'global' can return here without stopping timer 'GlobalTimer'
}

void parameter(timer_t id) {
  timer_settime(id, 0, &EverySecond, NULL);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'parameter' [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:1: note: 'parameter' can return here without stopping timer 'id'
}
