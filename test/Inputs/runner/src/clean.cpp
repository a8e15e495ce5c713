#include <thread>

void work();

void runOnce() {
  std::thread Worker(work);
  Worker.join();
}
