/* A C source with a leak leak-unstopped-timer reports: a POSIX timer armed
   and never deleted (tool/cmake-clang-tidy.test). */
#include <stddef.h>
#include <time.h>

static const struct itimerspec every_second = {{1, 0}, {1, 0}};

void start_heartbeat(void) {
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  timer_settime(id, 0, &every_second, NULL);
}
