#include <chrono>
#include <thread>

void poll();
void report();

void startPoller() {
  std::thread Poller([] {
    while (true) {
      poll();
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  });
  Poller.detach();
}

void startReporter() {
  std::thread Reporter([] {
    for (;;)
      report();
  });
  Reporter.detach();
}
