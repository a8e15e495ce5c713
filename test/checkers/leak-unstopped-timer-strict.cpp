// RUN: %check_leak_tidy %s leak-unstopped-timer %t -- -- -std=c++17
// RUN: %check_leak_tidy --check-suffix=STRICT %s leak-unstopped-timer %t.strict -- -config="{CheckOptions: {leak-unstopped-timer.StrictMode: true}}" -- -std=c++17

// StrictMode in C++ with POSIX timers and libuv, against the real headers.
// Every timer below but one escapes or is not a local of the function that
// arms it (passed to a function with no body, a global, a parameter), so the
// default run reports nothing of them; StrictMode reports each one with its
// exit notes. The one reported by both runs has its address in the sigevent
// given to timer_create, which hands it to the signal handler: that is not
// an escape. Both runs use plain -fix, which leaves the exit
// notes' fixes unapplied: the file stays unchanged.

#include <mutex>
#include <signal.h>
#include <time.h>
#include <uv.h>

void refresh();
void registerTimer(timer_t id);
void registerHandle(uv_timer_t *handle);

// ---- POSIX timers ----------------------------------------------------------------

// Passed to a function whose body is not in the translation unit.
void armRegistered() {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, nullptr, &id);
  registerTimer(id);
  struct itimerspec spec = {};
  spec.it_value.tv_sec = 1;
  spec.it_interval.tv_sec = 1;
  timer_settime(id, 0, &spec, nullptr);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'armRegistered' [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:1: note: 'armRegistered' can return here without stopping timer 'id'
}

// Its address is in the sigevent that timer_create hands to the signal
// handler: the library call is handed it, nothing else; reported by default.
int armWithSignal(bool once) {
  timer_t id;
  struct sigevent sev = {};
  sev.sigev_notify = SIGEV_SIGNAL;
  sev.sigev_signo = SIGRTMIN;
  sev.sigev_value.sival_ptr = &id;
  if (timer_create(CLOCK_REALTIME, &sev, &id) != 0)
    return -1;
  struct itimerspec spec = {};
  spec.it_value.tv_sec = 1;
  if (!once)
    spec.it_interval.tv_sec = 1;
  timer_settime(id, 0, &spec, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POSIX timer 'id' is armed here but not deleted on every path out of 'armWithSignal' [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: 'armWithSignal' can return here without stopping timer 'id'
  return 0;
}

// A global timer.
timer_t g_tick;

void armGlobal() {
  struct itimerspec spec = {};
  spec.it_value.tv_sec = 5;
  spec.it_interval.tv_sec = 5;
  timer_settime(g_tick, 0, &spec, nullptr);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'g_tick' is armed here but not deleted on every path out of 'armGlobal' [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:1: note: 'armGlobal' can return here without stopping timer 'g_tick'
}

// A parameter: the caller owns the timer.
void rearm(timer_t timer, long seconds) {
  struct itimerspec spec = {};
  spec.it_value.tv_sec = seconds;
  spec.it_interval.tv_sec = seconds;
  if (seconds <= 0)
    return;
  timer_settime(timer, 0, &spec, nullptr);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: POSIX timer 'timer' is armed here but not deleted on every path out of 'rearm' [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:1: note: 'rearm' can return here without stopping timer 'timer'
}

// ---- libuv -------------------------------------------------------------------------

// A global handle, with a callback that does not stop it.
uv_timer_t g_heartbeat;

void onHeartbeat(uv_timer_t *) { refresh(); }

void startHeartbeat(uv_loop_t *loop) {
  uv_timer_init(loop, &g_heartbeat);
  uv_timer_start(&g_heartbeat, onHeartbeat, 1000, 1000);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: repeating timer 'g_heartbeat' is started here but neither 'startHeartbeat' nor its callback 'onHeartbeat' stops it [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:1: note: 'startHeartbeat' can return here without stopping timer 'g_heartbeat'
}

// A heap handle passed to a function with no body; the callback is a
// captureless lambda.
void startRegistered(uv_loop_t *loop) {
  uv_timer_t *timer = new uv_timer_t;
  uv_timer_init(loop, timer);
  registerHandle(timer);
  uv_timer_start(timer, [](uv_timer_t *) { refresh(); }, 250, 250);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: repeating timer 'timer' is started here but neither 'startRegistered' nor its callback stops it [leak-unstopped-timer]
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:1: note: 'startRegistered' can return here without stopping timer 'timer'
}

// ---- silent in both runs -------------------------------------------------------------

// Deleted on every path.
void armAndDelete() {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, nullptr, &id);
  registerTimer(id);
  struct itimerspec spec = {};
  spec.it_value.tv_sec = 1;
  timer_settime(id, 0, &spec, nullptr);
  refresh();
  timer_delete(id);
}

// The callback stops the global handle.
uv_timer_t g_once;

void onOnce(uv_timer_t *handle) { uv_timer_stop(handle); }

void startOnce(uv_loop_t *loop) {
  uv_timer_init(loop, &g_once);
  uv_timer_start(&g_once, onOnce, 100, 100);
}

// A one-shot start on a global handle: no repeat.
void startOneShot(uv_loop_t *loop) {
  uv_timer_init(loop, &g_once);
  uv_timer_start(&g_once, onHeartbeat, 100, 0);
}

// Armed inside std::call_once: once per process, reported only in StrictMode.
void startClockOnce() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    timer_t id;
    timer_create(CLOCK_MONOTONIC, nullptr, &id);
    struct itimerspec spec = {};
    spec.it_value.tv_sec = 1;
    spec.it_interval.tv_sec = 1;
    timer_settime(id, 0, &spec, nullptr);
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:5: warning: POSIX timer 'id' is armed here but not deleted on every path out of the lambda [leak-unstopped-timer]
    // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:3: note: the lambda can return here without stopping timer 'id'
  });
}
