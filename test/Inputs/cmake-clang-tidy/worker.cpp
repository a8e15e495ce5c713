// A C++ source with a leak leak-detached-thread reports: a detached thread
// whose loop never ends (tool/cmake-clang-tidy.test).
#include <chrono>
#include <thread>

void startWorker() {
  std::thread worker([] {
    while (true) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  });
  worker.detach();
}
