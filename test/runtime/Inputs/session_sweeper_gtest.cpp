// examples/session_sweeper.cpp under leakcheck (test/runtime/examples.test):
// a service runs the io_context on a thread and stops the cache at
// shutdown. In the example the sweep re-arms itself after cancel(), run()
// never returns and the thread is left running; after leak-tidy's fix-it
// the handler leaves on the error code, run() returns and the thread joins.

#include "leakcheck/gtest.h"

#include <future>
#include <memory>

// The example's main, renamed, has no return statement, which only main
// may omit.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wreturn-type"
#define main session_sweeper_main
#include EXAMPLE_SOURCE
#undef main
#pragma clang diagnostic pop

TEST(SessionSweeper, StopEndsTheSweep) {
  // Owned by the runner thread's closure: in the leaking build they must
  // outlive a run() that never returns.
  auto Io = std::make_shared<asio::io_context>();
  auto Cache = std::make_shared<SessionCache>(*Io);
  Cache->touch("10.0.0.7");
  Cache->startSweeping();
  auto Returned = std::make_shared<std::promise<void>>();
  std::future<void> Done = Returned->get_future();
  std::thread Runner([Io, Cache, Returned] {
    Io->run();
    Returned->set_value();
  });
  asio::post(*Io, [Cache] { Cache->stop(); });
  if (Done.wait_for(std::chrono::seconds(2)) == std::future_status::ready)
    Runner.join();
  else
    Runner.detach(); // as a service's shutdown gives up on it
}

LEAKCHECK_GTEST_MAIN_EACH_TEST()
