#include "./watchdog.h"

void openSession(int id) { startWatchdog(id); }
