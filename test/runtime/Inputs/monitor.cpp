// leakcheck::Monitor (test/runtime/monitor.test): samples the thread count,
// reports a spike, and leaves no thread behind once destroyed. Feeding a
// metrics system is the on_sample callback; here it records the samples as
// a gauge would.

#include "leakcheck/monitor.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

int main() {
  const leakcheck::Snapshot Before;
  std::mutex Lock;
  std::vector<std::size_t> Gauge;
  std::atomic<int> Spikes{0};
  std::atomic<bool> Stop{false};
  std::vector<std::thread> Burst;
  {
    leakcheck::Monitor::Settings S;
    S.interval = 20ms;
    S.spike_threshold = 5;
    S.on_sample = [&](std::size_t Count) {
      std::lock_guard<std::mutex> G(Lock);
      Gauge.push_back(Count);
    };
    S.on_spike = [&](std::size_t, std::size_t) { ++Spikes; };
    leakcheck::Monitor M(S);
    std::this_thread::sleep_for(60ms);
    for (int I = 0; I < 20; ++I)
      Burst.emplace_back([&Stop] {
        while (!Stop)
          std::this_thread::sleep_for(1ms);
      });
    std::this_thread::sleep_for(100ms);
    Stop = true;
    for (std::thread &T : Burst)
      T.join();
  }
  std::printf("samples: %s\n", Gauge.size() >= 3 ? "at least 3" : "too few");
  std::printf("spikes: %s\n", Spikes >= 1 ? "at least 1" : "none");
  const leakcheck::Report Left = leakcheck::verify_none(Before);
  std::printf("after the monitor: %s\n",
              Left.ok() ? "no thread left" : Left.str().c_str());
  return 0;
}
