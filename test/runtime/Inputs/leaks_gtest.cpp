// GoogleTest cases for leakcheck (test/runtime/gtest.test): one leaks a
// thread, the others must pass with the EachTest listener installed.

#include "leakcheck/gtest.h"

#include <pthread.h>
#include <signal.h>
#include <time.h>

#include <asio.hpp>
#include <atomic>
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

namespace {

std::atomic<bool> Stop{false};
// Read by the spinner without a call, so that it stays the innermost frame
// at -O0 too.
bool Spin = true;

// noinline: each must be a frame of its own on the thread's stack.
[[gnu::noinline]] void pollForever() {
  while (true)
    std::this_thread::sleep_for(10ms);
}

[[gnu::noinline]] void sleepUntilStopped() {
  while (!Stop.load())
    std::this_thread::sleep_for(1ms);
}

[[gnu::noinline]] void spinUntilStopped() {
  while (__atomic_load_n(&Spin, __ATOMIC_RELAXED))
    asm volatile("" ::: "memory");
}

// Starts Body on a thread named Name; the caller stops and joins it.
std::thread named(const char *Name, void (*Body)()) {
  std::thread T(Body);
  pthread_setname_np(T.native_handle(), Name);
  return T;
}

// Stops and joins T, so that the listener sees nothing left.
void finish(std::thread &T) {
  Stop = true;
  T.join();
  Stop = false;
}

} // namespace

TEST(Leakcheck, LeakedThreadFailsTheTest) {
  std::thread T(pollForever);
  pthread_setname_np(T.native_handle(), "poller");
  T.detach();
}

TEST(Leakcheck, JoinedThreadPasses) {
  std::thread T([] { std::this_thread::sleep_for(5ms); });
  T.join();
}

TEST(Leakcheck, ThreadEndingJustAfterTheTestPasses) {
  std::thread([] { std::this_thread::sleep_for(50ms); }).detach();
}

TEST(Leakcheck, IgnoreName) {
  const leakcheck::Snapshot Before;
  std::thread T = named("known-worker", sleepUntilStopped);
  const auto Opts = leakcheck::Options().with_deadline(50ms);
  EXPECT_FALSE(leakcheck::verify_none(Before, Opts).ok());
  EXPECT_TRUE(leakcheck::verify_none(
                  Before, leakcheck::Options(Opts).ignore_name("known-worker"))
                  .ok());
  finish(T);
}

TEST(Leakcheck, IgnoreTopFunction) {
  const leakcheck::Snapshot Before;
  std::thread T = named("spinner", spinUntilStopped);
  const auto Opts = leakcheck::Options().with_deadline(50ms);
  EXPECT_TRUE(
      verify_none(Before, leakcheck::Options(Opts).ignore_top_function(
                              "(anonymous namespace)::spinUntilStopped"))
          .ok());
  // Not on top: the thread sleeps in the C library under this function.
  std::thread S = named("sleeper", sleepUntilStopped);
  EXPECT_FALSE(
      verify_none(
          Before,
          leakcheck::Options(Opts)
              .ignore_top_function("(anonymous namespace)::spinUntilStopped")
              .ignore_top_function("(anonymous namespace)::sleepUntilStopped"))
          .ok());
  __atomic_store_n(&Spin, false, __ATOMIC_RELAXED);
  Stop = true;
  T.join();
  S.join();
  Stop = false;
}

TEST(Leakcheck, IgnoreAnyFunction) {
  const leakcheck::Snapshot Before;
  std::thread T = named("sleeper", sleepUntilStopped);
  EXPECT_TRUE(
      verify_none(Before,
                  leakcheck::Options().with_deadline(50ms).ignore_any_function(
                      "(anonymous namespace)::sleepUntilStopped"))
          .ok());
  finish(T);
}

TEST(Leakcheck, AsioSystemThreadPoolIsIgnoredByDefault) {
  std::atomic<bool> Ran{false};
  asio::post(asio::system_executor(), [&Ran] { Ran = true; });
  while (!Ran)
    std::this_thread::sleep_for(1ms);
}

TEST(Leakcheck, GlibcTimerHelperIsIgnoredByDefault) {
  static std::atomic<bool> Fired{false};
  sigevent Event{};
  Event.sigev_notify = SIGEV_THREAD;
  Event.sigev_notify_function = [](sigval) { Fired = true; };
  timer_t Timer;
  ASSERT_EQ(timer_create(CLOCK_MONOTONIC, &Event, &Timer), 0);
  itimerspec Once{};
  Once.it_value.tv_nsec = 1000000;
  ASSERT_EQ(timer_settime(Timer, 0, &Once, nullptr), 0);
  while (!Fired)
    std::this_thread::sleep_for(1ms);
  timer_delete(Timer);
}

LEAKCHECK_GTEST_MAIN_EACH_TEST()
