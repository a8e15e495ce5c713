// Channel code that does not compile: an undeclared name in the sender, a
// spawn with a missing argument and a receive with the wrong arguments.
#include <thread>

namespace boost::fibers {
template <class T> class unbuffered_channel {
public:
  void push(T Value);
  T value_pop();
};
} // namespace boost::fibers

int lookup(bool Cached) {
  boost::fibers::unbuffered_channel<int> ch;
  std::thread([&] { ch.push(undeclared_value); }).detach();
  std::thread(std::ref(ch), ).detach();
  if (Cached)
    return 0;
  return ch.value_pop(1);
}
