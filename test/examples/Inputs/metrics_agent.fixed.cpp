// A small metrics agent: request handlers bump counters, and a background
// thread flushes them to a sink once a second.
//
// The leak: the flusher is detached and loops forever, so nothing can stop
// it. Every MetricsAgent created and destroyed (one per test, one per config
// reload) leaves a thread behind that keeps flushing a destroyed object.

#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

class MetricsAgent {
public:
  explicit MetricsAgent(std::FILE *Sink) : Sink(Sink) {}

  void start() {
    Flusher = std::jthread([this](std::stop_token token) {
      while (!token.stop_requested()) {
        std::this_thread::sleep_for(std::chrono::seconds(1));
        flush();
      }
    });
  }

  void increment(const std::string &Name) {
    std::lock_guard<std::mutex> Lock(Mutex);
    ++Counters[Name];
  }

private:
  void flush() {
    std::lock_guard<std::mutex> Lock(Mutex);
    for (const auto &[Name, Value] : Counters)
      std::fprintf(Sink, "%s %ld\n", Name.c_str(), Value);
    std::fflush(Sink);
  }

  std::FILE *Sink;
  std::mutex Mutex;
  std::map<std::string, long> Counters;
  std::jthread Flusher;
};

// Safe: the warm-up thread does bounded work and is joined.
void warmUp(MetricsAgent &Agent) {
  std::thread Warm([&Agent] {
    for (int I = 0; I < 100; ++I)
      Agent.increment("warmup");
  });
  Warm.join();
}

int main() {
  MetricsAgent Agent(stdout);
  Agent.start();
  warmUp(Agent);
  for (int Request = 0; Request < 3; ++Request) {
    Agent.increment("requests");
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}
