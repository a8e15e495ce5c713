#include <thread>

void start() {
  std::thread t([] {
    while (true)
      undeclared_function();
  });
  t.detach(
}
