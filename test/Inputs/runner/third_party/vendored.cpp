#include <thread>

void spin();

void startVendoredLoop() {
  std::thread([] {
    for (;;)
      spin();
  }).detach();
}
