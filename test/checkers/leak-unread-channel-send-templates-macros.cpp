// RUN: %check_leak_tidy %s leak-unread-channel-send %t -- -- -std=c++17

// Boost.Fiber unbuffered channels in templates and macros. Templates are
// judged by their instantiations and reported once, with one fix
// (`unbuffered_channel<T> ch;` -> `buffered_channel<T> ch{2};` plus the
// buffered_channel include). A channel declared by a macro keeps its
// warning but gets no fix; a send written by a macro is reported at the
// macro's use, and the declaration, outside the macro, is still fixed.
// Coroutine owners are covered by the Asio tests.

#include <boost/fiber/fiber.hpp>
#include <boost/fiber/unbuffered_channel.hpp>
// CHECK-FIXES: {{^}}#include <boost/fiber/buffered_channel.hpp>{{$}}

// ---- templates ---------------------------------------------------------------

// A function template owner instantiated twice: one warning, one fix.
template <typename T> void relayOnce(bool quit) {
  boost::fibers::unbuffered_channel<T> ch;
  // CHECK-FIXES: {{^}}  boost::fibers::buffered_channel<T> ch{2};{{$}}
  boost::fibers::fiber f([&ch] { ch.push(T{}); });
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: send on unbuffered channel 'ch' may never be received: 'relayOnce' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:24: note: the task that sends on 'ch' is spawned here
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'relayOnce' can return here without receiving from 'ch'
  f.detach();
  if (quit)
    return;
  T value;
  ch.pop(value);
}

void instantiateRelay(bool quit) {
  relayOnce<int>(quit);
  relayOnce<long>(quit);
}

// A member function of a class template, instantiated twice: one warning.
template <typename T> class Server {
public:
  void run(bool quit) {
    boost::fibers::unbuffered_channel<T> replies;
    // CHECK-FIXES: {{^}}    boost::fibers::buffered_channel<T> replies{2};{{$}}
    boost::fibers::fiber f([&replies] { replies.push(T{}); });
    // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: send on unbuffered channel 'replies' may never be received: 'run' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
    // CHECK-MESSAGES: :[[@LINE-2]]:26: note: the task that sends on 'replies' is spawned here
    // CHECK-MESSAGES: :[[@LINE+3]]:7: note: 'run' can return here without receiving from 'replies'
    f.detach();
    if (quit)
      return;
    replies.value_pop();
  }
};

void instantiateServer(bool quit) {
  Server<int>().run(quit);
  Server<double>().run(quit);
}

// ---- macros ------------------------------------------------------------------

// The channel is declared by a macro: the warning stays, the macro is not
// edited.
#define DECLARE_CHANNEL(name) boost::fibers::unbuffered_channel<int> name

void macroChannel(bool quit) {
  DECLARE_CHANNEL(ch);
  // CHECK-FIXES: {{^}}  DECLARE_CHANNEL(ch);{{$}}
  boost::fibers::fiber f([&ch] { ch.push(1); });
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: send on unbuffered channel 'ch' may never be received: 'macroChannel' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:24: note: the task that sends on 'ch' is spawned here
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'macroChannel' can return here without receiving from 'ch'
  f.detach();
  if (quit)
    return;
  ch.value_pop();
}

// The send is written by a macro: the warning is at the macro's use; the
// declaration is plain code and gets the fix.
#define SEND(chan, value) (chan).push(value)

void macroSend(bool quit) {
  boost::fibers::unbuffered_channel<int> ticks;
  // CHECK-FIXES: {{^}}  boost::fibers::buffered_channel<int> ticks{2};{{$}}
  boost::fibers::fiber f([&ticks] { SEND(ticks, 3); });
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: send on unbuffered channel 'ticks' may never be received: 'macroSend' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:24: note: the task that sends on 'ticks' is spawned here
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'macroSend' can return here without receiving from 'ticks'
  f.detach();
  if (quit)
    return;
  ticks.value_pop();
}

// ---- silent ------------------------------------------------------------------

// A generic lambda gets the channel by pointer; the owner closes the channel
// (which wakes the sender) before its early return and receives otherwise.
void genericLambda(bool quit) {
  boost::fibers::unbuffered_channel<int> ch;
  boost::fibers::fiber f([](auto *c) { c->push(1); }, &ch);
  f.detach();
  if (quit) {
    ch.close();
    return;
  }
  ch.value_pop();
}
