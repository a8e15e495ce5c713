// A session cache: keeps client sessions in memory and sweeps out the idle
// ones every five seconds, on an Asio timer.
//
// The leak: the sweep handler ignores its error code and always waits again.
// stop() cancels the timer, which only delivers operation_aborted to the
// handler, and the handler re-arms the timer at once. The sweep can never be
// stopped: it keeps running, and keeps the cache alive, until the io_context
// itself is destroyed.

#include <asio.hpp>
#include <chrono>
#include <map>
#include <string>

class SessionCache {
public:
  explicit SessionCache(asio::io_context &Io) : SweepTimer(Io) {}

  void touch(const std::string &Client) {
    LastSeen[Client] = std::chrono::steady_clock::now();
  }

  void startSweeping() {
    SweepTimer.expires_after(std::chrono::seconds(5));
    SweepTimer.async_wait([this](const std::error_code &ec) {
      if (ec) return;
      evictIdle();
      startSweeping();
    });
  }

  void stop() { SweepTimer.cancel(); }

private:
  void evictIdle() {
    const auto Cutoff =
        std::chrono::steady_clock::now() - std::chrono::minutes(1);
    for (auto It = LastSeen.begin(); It != LastSeen.end();)
      It = It->second < Cutoff ? LastSeen.erase(It) : std::next(It);
  }

  asio::steady_timer SweepTimer;
  std::map<std::string, std::chrono::steady_clock::time_point> LastSeen;
};

int main() {
  asio::io_context Io;
  SessionCache Cache(Io);
  Cache.touch("10.0.0.7");
  Cache.startSweeping();
  // Shut down after a minute: stop() is meant to end the sweep so that run()
  // returns, but the handler re-arms the timer and run() never does.
  asio::steady_timer Shutdown(Io, std::chrono::minutes(1));
  Shutdown.async_wait([&Cache](const std::error_code &) { Cache.stop(); });
  Io.run();
}
