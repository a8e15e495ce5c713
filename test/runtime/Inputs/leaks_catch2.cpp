// Catch2 v2 cases for leakcheck (test/runtime/catch2.test): the listener
// fails the test case that leaks a thread, and only that one.

#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include "leakcheck/catch2.h"

#include <chrono>
#include <thread>

[[gnu::noinline]] void pollForever() {
  while (true)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

TEST_CASE("a detached thread that never ends") {
  std::thread(pollForever).detach();
  CHECK(true);
}

TEST_CASE("a joined thread") {
  std::thread T([] {});
  T.join();
  CHECK(true);
}
