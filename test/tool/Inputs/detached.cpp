#include <thread>

void poll();

void start() {
  std::thread worker([] {
    while (true) {
      poll();
    }
  });
  // keep the detach on line 12
  worker.detach();
}
