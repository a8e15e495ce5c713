#include <stop_token>
#include <thread>

void poll();

void start() {
  std::jthread worker([](std::stop_token token) {
    while (!token.stop_requested()) {
      poll();
    }
  });
  // keep the detach on line 12
}
