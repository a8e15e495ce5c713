// How long leakcheck::verify_none takes in a process with 1000 threads: with
// all of them in the snapshot (a clean test in a busy process), and with
// all of them new (a test that leaked 1000 threads: each stack is captured
// and named). A benchmark, not a test:
//
//   clang++-19 -O2 -std=c++20 -pthread -Iruntime/include \
//     bench/leakcheck_threads.cpp build/lib/libleakcheck.a -ldw -o /tmp/leakcheck-bench
//   /tmp/leakcheck-bench

#include "leakcheck/leakcheck.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

namespace {

std::atomic<bool> Stop{false};

void idle() {
  while (!Stop)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

double secondsOf(const leakcheck::Snapshot &Before, std::size_t &Leaked) {
  const auto Start = std::chrono::steady_clock::now();
  const leakcheck::Report Found = leakcheck::verify_none(
      Before, leakcheck::Options().with_deadline(std::chrono::milliseconds(0)));
  Leaked = Found.leaked.size();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
      .count();
}

} // namespace

int main() {
  const leakcheck::Snapshot Empty;
  std::vector<std::thread> Threads;
  for (int I = 0; I < 1000; ++I)
    Threads.emplace_back(idle);
  const leakcheck::Snapshot All;
  std::size_t Leaked = 0;
  const double Clean = secondsOf(All, Leaked);
  std::printf("%zu threads, all in the snapshot: %.3f s, %zu reported\n",
              leakcheck::thread_count(), Clean, Leaked);
  const double Leaking = secondsOf(Empty, Leaked);
  std::printf("%zu threads, all new: %.3f s, %zu reported with stacks\n",
              leakcheck::thread_count(), Leaking, Leaked);
  Stop = true;
  for (std::thread &T : Threads)
    T.join();
}
