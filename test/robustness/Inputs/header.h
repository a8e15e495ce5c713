#pragma once
#include <thread>

inline void startInHeader() {
  std::thread([] {
    for (;;) {
    }
  }).detach();
}
