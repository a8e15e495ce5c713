// leakcheck::Monitor: the thread-count gauge of a long-running service, the
// C++ form of watching runtime.NumGoroutine(). C++20 (std::jthread).

#ifndef LEAKCHECK_MONITOR_H
#define LEAKCHECK_MONITOR_H

#include "leakcheck/leakcheck.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>

namespace leakcheck {

/// Samples thread_count() every interval on a thread of its own, calls
/// on_sample with each count, and on_spike (or, without one, logs a line to
/// stderr) when the count rose by more than spike_threshold since the last
/// sample. The destructor stops and joins the sampling thread.
class Monitor {
public:
  struct Settings {
    std::chrono::milliseconds interval{10000};
    std::size_t spike_threshold = 100;
    std::function<void(std::size_t Count)> on_sample;
    std::function<void(std::size_t Previous, std::size_t Count)> on_spike;
  };

  explicit Monitor(Settings S);
  Monitor(const Monitor &) = delete;
  Monitor &operator=(const Monitor &) = delete;

  /// The count of the last sample.
  std::size_t last_count() const { return Last.load(); }

private:
  void run(std::stop_token Stop);

  Settings Config;
  std::atomic<std::size_t> Last{0};
  std::mutex Lock;
  std::condition_variable_any Wake;
  // Last member: it is stopped and joined before the others are destroyed.
  std::jthread Sampler;
};

} // namespace leakcheck

#endif
