#include "heartbeat.h"

#include <signal.h>
#include <time.h>

namespace {
class Beats {
  int count_ = 0;
  int missed_ = 0; // clang, not GCC: -Wunused-private-field
public:
  void add() { ++count_; }
};
} // namespace

void startHeartbeat() {
  timer_t id;
  sigevent event{};
  event.sigev_notify = SIGEV_SIGNAL;
  event.sigev_signo = SIGRTMIN;
  timer_create(CLOCK_MONOTONIC, &event, &id);
  const itimerspec everySecond{{1, 0}, {1, 0}};
  timer_settime(id, 0, &everySecond, nullptr);
  Beats().add();
}
