#include <thread>

void start() {
  std::thread Worker([] { undeclaredFunction(); });
  Worker.detach();
}
