// RUN: %check_leak_tidy --check-suffix=OPT %s leak-unread-channel-send %t.opt -- -config="{CheckOptions: {leak-unread-channel-send.UnbufferedChannels: 'acme::SyncChannel=send,receive', leak-unread-channel-send.Spawners: 'acme::spawn;acme::Pool::submit'}}" -- -std=c++20
// RUN: %check_leak_tidy --check-suffix=NOOPT %s leak-unread-channel-send %t.noopt -- -- -std=c++20

// In-house channels and spawners named by the UnbufferedChannels and
// Spawners options, declared here, with no Boost or Asio. SyncChannel is a
// rendezvous: send() blocks until receive() takes the value. Reported: an
// early return after acme::spawn, and a shared_ptr channel submitted to
// acme::Pool that is never received from. In-house types get no fix, so the
// file stays unchanged. Silent: a receive on every path, and a channel of the
// same name outside acme.
//
// Both runs are suffixed, so no un-suffixed CHECK line applies to the NOOPT
// run. It has no CHECK lines of its own: without the options it must report
// nothing (check_leak_tidy fails on any warning when a run has no
// CHECK-MESSAGES) and change nothing.

#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace acme {
template <class T> class SyncChannel {
public:
  void send(T value) { slot_ = value; }
  T receive() { return slot_; }
  void close() {}

private:
  T slot_{};
};

inline void spawn(std::function<void()> task) { (void)task; }

class Pool {
public:
  void submit(std::function<void()> task) { tasks_.push_back(std::move(task)); }

private:
  std::vector<std::function<void()>> tasks_;
};
} // namespace acme

namespace other {
template <class T> class SyncChannel { // the same name outside acme
public:
  void send(T value) { slot_ = value; }
  T receive() { return slot_; }

private:
  T slot_{};
};
} // namespace other

// ---- reported with the options ------------------------------------------------

// Returns early after acme::spawn; the note is at the callee's name. No fix.
void serve(bool quit) {
  acme::SyncChannel<int> ch;
  acme::spawn([&ch] { ch.send(1); });
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:26: warning: send on unbuffered channel 'ch' may never be received: 'serve' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:9: note: the task that sends on 'ch' is spawned here
  // CHECK-MESSAGES-OPT: :[[@LINE+2]]:5: note: 'serve' can return here without receiving from 'ch'
  if (quit)
    return;
  ch.receive();
}

// A member spawner and a local shared_ptr captured by value: nothing
// receives, and the sender waits forever. No fix.
void submitShared(acme::Pool &pool) {
  auto results = std::make_shared<acme::SyncChannel<int>>();
  pool.submit([results] { results->send(2); });
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:36: warning: send on unbuffered channel 'results' may never be received: 'submitShared' can return without receiving, and the sender then blocks forever [leak-unread-channel-send]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:8: note: the task that sends on 'results' is spawned here
  // CHECK-MESSAGES-OPT: :[[@LINE+1]]:1: note: 'submitShared' can reach its end here without receiving from 'results'
}

// ---- silent ---------------------------------------------------------------------

// Every path receives before it leaves.
void receivesOnEveryPath(bool quit) {
  acme::SyncChannel<int> ch;
  acme::spawn([&ch] { ch.send(3); });
  if (quit) {
    ch.receive();
    return;
  }
  ch.receive();
}

// other::SyncChannel is not the configured acme::SyncChannel.
void otherChannel(bool quit) {
  other::SyncChannel<int> ch;
  acme::spawn([&ch] { ch.send(4); });
  if (quit)
    return;
  ch.receive();
}
