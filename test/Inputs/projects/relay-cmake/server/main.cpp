#include "./watchdog.h"
#include "heartbeat.h"

void openSession(int id);

void reopen(int id) { startWatchdog(id); }

int main() {
  startHeartbeat();
  for (int id = 0; id < 4; ++id)
    openSession(id);
}
