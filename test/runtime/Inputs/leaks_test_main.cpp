// goleak's VerifyTestMain (test/runtime/gtest.test): the tests pass, and
// the binary fails at its end because one left a thread running.

#include "leakcheck/gtest.h"

#include <chrono>
#include <thread>

[[gnu::noinline]] void pollForever() {
  while (true)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

TEST(Main, LeavesAThread) { std::thread(pollForever).detach(); }

TEST(Main, Clean) {}

LEAKCHECK_GTEST_MAIN()
