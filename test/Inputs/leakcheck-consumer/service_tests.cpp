// Two tests of a service: one stops its worker, one leaves it running.

#include <leakcheck/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace {
void work(const std::atomic<bool> &Stop) {
  while (!Stop)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
}
} // namespace

TEST(Service, StopsItsWorker) {
  std::atomic<bool> Stop{false};
  std::thread Worker([&Stop] { work(Stop); });
  Stop = true;
  Worker.join();
}

TEST(Service, LeavesItsWorkerRunning) {
  static std::atomic<bool> Never{false};
  std::thread([] { work(Never); }).detach();
}

LEAKCHECK_GTEST_MAIN_EACH_TEST()
