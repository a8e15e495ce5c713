// RUN: %check_leak_tidy %s leak-unread-channel-send %t -- -- -std=c++17

// One sending function shared by two owners: the send is reported for each
// owner's channel, not once for the first. The parameter spells the channel
// type, so neither gets a fix.

#include <boost/fiber/fiber.hpp>
#include <boost/fiber/unbuffered_channel.hpp>
#include <functional>

void sendOne(boost::fibers::unbuffered_channel<int> &out) { out.push(1); }
// CHECK-MESSAGES-DAG: :[[@LINE-1]]:65: warning: send on unbuffered channel 'first' may never be received: 'firstOwner' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
// CHECK-MESSAGES-DAG: :[[@LINE-2]]:65: warning: send on unbuffered channel 'second' may never be received: 'secondOwner' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]

int firstOwner(bool quit) {
  boost::fibers::unbuffered_channel<int> first;
  // CHECK-FIXES: {{^}}  boost::fibers::unbuffered_channel<int> first;{{$}}
  boost::fibers::fiber sender(&sendOne, std::ref(first));
  // CHECK-MESSAGES-DAG: :[[@LINE-1]]:24: note: the task that sends on 'first' is spawned here
  sender.detach();
  if (quit)
    return 0;
  // CHECK-MESSAGES-DAG: :[[@LINE-1]]:5: note: 'firstOwner' can return here without receiving from 'first'
  return first.value_pop();
}

int secondOwner(bool quit) {
  boost::fibers::unbuffered_channel<int> second;
  // CHECK-FIXES: {{^}}  boost::fibers::unbuffered_channel<int> second;{{$}}
  boost::fibers::fiber sender(&sendOne, std::ref(second));
  // CHECK-MESSAGES-DAG: :[[@LINE-1]]:24: note: the task that sends on 'second' is spawned here
  sender.detach();
  if (quit)
    return 0;
  // CHECK-MESSAGES-DAG: :[[@LINE-1]]:5: note: 'secondOwner' can return here without receiving from 'second'
  return second.value_pop();
}
