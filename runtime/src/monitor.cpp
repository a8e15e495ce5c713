// The thread-count gauge: one sampling thread, stopped by its destructor.

#include "leakcheck/monitor.h"

#include <cstdio>
#include <utility>

namespace leakcheck {

Monitor::Monitor(Settings S)
    : Config(std::move(S)), Last(thread_count()),
      Sampler([this](std::stop_token Stop) { run(std::move(Stop)); }) {}

void Monitor::run(std::stop_token Stop) {
  std::unique_lock<std::mutex> Guard(Lock);
  // The wait returns early when the destructor asks the thread to stop.
  while (!Wake.wait_for(Guard, Stop, Config.interval, [] { return false; }) &&
         !Stop.stop_requested()) {
    const std::size_t Count = thread_count();
    const std::size_t Previous = Last.exchange(Count);
    if (Config.on_sample)
      Config.on_sample(Count);
    if (Count > Previous + Config.spike_threshold) {
      if (Config.on_spike)
        Config.on_spike(Previous, Count);
      else
        std::fprintf(stderr,
                     "leakcheck: thread count rose from %zu to %zu in one "
                     "interval\n",
                     Previous, Count);
    }
  }
}

} // namespace leakcheck
