// RUN: %check_leak_tidy %s leak-unread-channel-send %t -- -- -std=c++20
// RUN: %check_leak_tidy --check-suffix=STRICT %s leak-unread-channel-send %t.strict -- -config="{CheckOptions: {leak-unread-channel-send.StrictMode: true}}" -- -std=c++20 -DINCLUDE_BUFFERED_CHANNEL

// Boost.Fiber 1.81 channels against the real headers. unbuffered_channel is
// a rendezvous: push() blocks until a receive takes the value. When the
// function that owns a local channel spawns a task that pushes on it and can
// then leave without receiving, the channel's destructor wakes the pusher
// into a destroyed channel; with a shared_ptr channel the pusher waits
// forever. Spawns: std::thread, std::jthread, std::async, boost::fibers::fiber
// and boost::fibers::async, with the channel captured or passed through
// std::ref or a pointer. The fix (plain -fix) makes the channel a
// buffered_channel{2}, which holds one value, and adds the buffered_channel
// header, which this file does not include in the default run.
//
// The STRICT run sees the whole file. Every warning of the default run is
// reported again there, with the same fixes; plain CHECK-MESSAGES lines apply
// to it too, and its fixes are checked only by the CHECK-FIXES-STRICT lines.
// It adds: a call that can throw between the spawn and the receive, the
// escapes (an unknown function, a lambda that is not spawned, a returned
// channel), and the spawn loops, whose next spawn or detach() can throw. It
// compiles with -DINCLUDE_BUFFERED_CHANNEL, which declares buffered_channel up
// front: that compiles the buffered-channel case, and its fixes need no
// include.

#include <boost/fiber/fiber.hpp>
#include <boost/fiber/future.hpp>
#include <boost/fiber/unbuffered_channel.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>
#ifdef INCLUDE_BUFFERED_CHANNEL
#  include <boost/fiber/buffered_channel.hpp>
#endif
// CHECK-FIXES: {{^}}#include <boost/fiber/buffered_channel.hpp>{{$}}

void use(int value);
int fetch(const std::string &url);
int parse();
int parseHeader() noexcept;

// ---- reported ----------------------------------------------------------------

// Returns early after the spawn (a temporary std::thread, detached).
void earlyReturn(bool quit) {
  boost::fibers::unbuffered_channel<int> earlyCh;
  // CHECK-FIXES: {{^}}  boost::fibers::buffered_channel<int> earlyCh{2};{{$}}
  std::thread([&earlyCh] { earlyCh.push(1); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: send on unbuffered channel 'earlyCh' may never be received: 'earlyReturn' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the task that sends on 'earlyCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'earlyReturn' can return here without receiving from 'earlyCh'
  if (quit)
    return;
  earlyCh.value_pop();
}

// The only receive is in one branch of an if.
void receiveInOneBranch(bool wait) {
  boost::fibers::unbuffered_channel<int> branchCh;
  // CHECK-FIXES: {{^}}  boost::fibers::buffered_channel<int> branchCh{2};{{$}}
  boost::fibers::fiber f([&branchCh] { branchCh.push(1); });
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: send on unbuffered channel 'branchCh' may never be received: 'receiveInOneBranch' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:24: note: the task that sends on 'branchCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+4]]:1: note: 'receiveInOneBranch' can reach its end here without receiving from 'branchCh'
  f.detach();
  if (wait)
    branchCh.value_pop();
}

// The only receive is in a while loop that may run zero times.
void receiveInWhileLoop(int pending) {
  boost::fibers::unbuffered_channel<int> loopCh;
  // CHECK-FIXES: {{^}}  boost::fibers::buffered_channel<int> loopCh{2};{{$}}
  std::thread([&loopCh] { loopCh.push(1); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: send on unbuffered channel 'loopCh' may never be received: 'receiveInWhileLoop' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the task that sends on 'loopCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+3]]:1: note: 'receiveInWhileLoop' can reach its end here without receiving from 'loopCh'
  while (pending-- > 0)
    loopCh.value_pop();
}

// pop_wait_for gives up after its timeout: it does not count as a receive.
void popWaitForGivesUp() {
  boost::fibers::unbuffered_channel<int> timedCh;
  // CHECK-FIXES: {{^}}  boost::fibers::buffered_channel<int> timedCh{2};{{$}}
  std::thread([&timedCh] { timedCh.push(1); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: send on unbuffered channel 'timedCh' may never be received: 'popWaitForGivesUp' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the task that sends on 'timedCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+3]]:11: note: 'pop_wait_for' can give up without receiving from 'timedCh'
  // CHECK-MESSAGES: :[[@LINE+3]]:1: note: 'popWaitForGivesUp' can reach its end here without receiving from 'timedCh'
  int value;
  timedCh.pop_wait_for(value, std::chrono::milliseconds(100));
}

// A lambda run by a named std::thread; the spawn note is at the variable.
void spawnedByThread(bool quit) {
  boost::fibers::unbuffered_channel<int> threadCh;
  // CHECK-FIXES: {{^}}  boost::fibers::buffered_channel<int> threadCh{2};{{$}}
  std::thread worker([&threadCh] { threadCh.push(1); });
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: send on unbuffered channel 'threadCh' may never be received: 'spawnedByThread' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: the task that sends on 'threadCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'spawnedByThread' can return here without receiving from 'threadCh'
  worker.detach();
  if (quit)
    return;
  threadCh.value_pop();
}

// A lambda run by std::jthread (whose destructor then hangs in join()).
void spawnedByJthread(bool quit) {
  boost::fibers::unbuffered_channel<int> jthreadCh;
  // CHECK-FIXES: {{^}}  boost::fibers::buffered_channel<int> jthreadCh{2};{{$}}
  std::jthread worker([&jthreadCh] { jthreadCh.push(1); });
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: send on unbuffered channel 'jthreadCh' may never be received: 'spawnedByJthread' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: the task that sends on 'jthreadCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'spawnedByJthread' can return here without receiving from 'jthreadCh'
  if (quit)
    return;
  jthreadCh.value_pop();
}

// A lambda run by std::async with a launch policy; the note is at 'async'.
void spawnedByStdAsync(bool quit) {
  boost::fibers::unbuffered_channel<int> asyncCh;
  // CHECK-FIXES: {{^}}  boost::fibers::buffered_channel<int> asyncCh{2};{{$}}
  auto done = std::async(std::launch::async, [&asyncCh] { asyncCh.push(1); });
  // CHECK-MESSAGES: :[[@LINE-1]]:67: warning: send on unbuffered channel 'asyncCh' may never be received: 'spawnedByStdAsync' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:20: note: the task that sends on 'asyncCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'spawnedByStdAsync' can return here without receiving from 'asyncCh'
  if (quit)
    return;
  asyncCh.value_pop();
}

// A lambda run by boost::fibers::fiber after a launch policy.
void spawnedByFiber(bool quit) {
  boost::fibers::unbuffered_channel<int> fiberCh;
  // CHECK-FIXES: {{^}}  boost::fibers::buffered_channel<int> fiberCh{2};{{$}}
  boost::fibers::fiber f(boost::fibers::launch::post, [&fiberCh] { fiberCh.push(1); });
  // CHECK-MESSAGES: :[[@LINE-1]]:76: warning: send on unbuffered channel 'fiberCh' may never be received: 'spawnedByFiber' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:24: note: the task that sends on 'fiberCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'spawnedByFiber' can return here without receiving from 'fiberCh'
  f.detach();
  if (quit)
    return;
  fiberCh.value_pop();
}

// A lambda run by boost::fibers::async; the note is at 'async'.
void spawnedByFiberAsync(bool quit) {
  boost::fibers::unbuffered_channel<int> fiberAsyncCh;
  // CHECK-FIXES: {{^}}  boost::fibers::buffered_channel<int> fiberAsyncCh{2};{{$}}
  auto done = boost::fibers::async([&fiberAsyncCh] { fiberAsyncCh.push(1); });
  // CHECK-MESSAGES: :[[@LINE-1]]:67: warning: send on unbuffered channel 'fiberAsyncCh' may never be received: 'spawnedByFiberAsync' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:30: note: the task that sends on 'fiberAsyncCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'spawnedByFiberAsync' can return here without receiving from 'fiberAsyncCh'
  if (quit)
    return;
  fiberAsyncCh.value_pop();
}

// Passed with std::ref to a function template: the parameter's type is a
// template parameter, so the fix still compiles.
template <class Chan> void produceInto(Chan &out) {
  out.push(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: send on unbuffered channel 'refCh' may never be received: 'passedByStdRef' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE+7]]:24: note: the task that sends on 'refCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+9]]:5: note: 'passedByStdRef' can return here without receiving from 'refCh'
}

void passedByStdRef(bool quit) {
  boost::fibers::unbuffered_channel<int> refCh;
  // CHECK-FIXES: {{^}}  boost::fibers::buffered_channel<int> refCh{2};{{$}}
  boost::fibers::fiber f(&produceInto<decltype(refCh)>, std::ref(refCh));
  f.detach();
  if (quit)
    return;
  refCh.value_pop();
}

// Passed with std::ref to an `auto &` parameter (an abbreviated template).
void produceAuto(auto &out) {
  out.push(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: send on unbuffered channel 'autoCh' may never be received: 'passedToAutoParameter' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE+7]]:15: note: the task that sends on 'autoCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+9]]:5: note: 'passedToAutoParameter' can return here without receiving from 'autoCh'
}

void passedToAutoParameter(bool quit) {
  boost::fibers::unbuffered_channel<int> autoCh;
  // CHECK-FIXES: {{^}}  boost::fibers::buffered_channel<int> autoCh{2};{{$}}
  std::thread worker(produceAuto<decltype(autoCh)>, std::ref(autoCh));
  worker.detach();
  if (quit)
    return;
  autoCh.value_pop();
}

// Passed as &ch to a generic lambda taking `auto *`.
void passedByPointer(bool quit) {
  boost::fibers::unbuffered_channel<int> ptrCh;
  // CHECK-FIXES: {{^}}  boost::fibers::buffered_channel<int> ptrCh{2};{{$}}
  boost::fibers::fiber f([](auto *out) { out->push(3); }, &ptrCh);
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: send on unbuffered channel 'ptrCh' may never be received: 'passedByPointer' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:24: note: the task that sends on 'ptrCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'passedByPointer' can return here without receiving from 'ptrCh'
  f.detach();
  if (quit)
    return;
  ptrCh.value_pop();
}

// The sender's parameter spells unbuffered_channel<int>: the fix would not
// compile, so there is none; the declaration stays as it is.
void produceSpelled(boost::fibers::unbuffered_channel<int> &out) {
  // CHECK-FIXES: {{^}}void produceSpelled(boost::fibers::unbuffered_channel<int> &out) {{[{]$}}
  out.push(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: send on unbuffered channel 'spelledCh' may never be received: 'passedToSpelledParameter' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE+7]]:15: note: the task that sends on 'spelledCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+9]]:5: note: 'passedToSpelledParameter' can return here without receiving from 'spelledCh'
}

void passedToSpelledParameter(bool quit) {
  boost::fibers::unbuffered_channel<int> spelledCh;
  // CHECK-FIXES: {{^}}  boost::fibers::unbuffered_channel<int> spelledCh;{{$}}
  std::thread worker(produceSpelled, std::ref(spelledCh));
  worker.detach();
  if (quit)
    return;
  spelledCh.value_pop();
}

// A local shared_ptr captured by value: the sender keeps the channel alive
// and waits forever.
void sharedCapturedByValue(bool quit) {
  auto sharedCh = std::make_shared<boost::fibers::unbuffered_channel<int>>();
  // CHECK-FIXES: {{^}}  auto sharedCh = std::make_shared<boost::fibers::buffered_channel<int>>(2);{{$}}
  boost::fibers::fiber([sharedCh] { sharedCh->push(1); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: send on unbuffered channel 'sharedCh' may never be received: 'sharedCapturedByValue' can return without receiving, and the sender then blocks forever [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the task that sends on 'sharedCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'sharedCapturedByValue' can return here without receiving from 'sharedCh'
  if (quit)
    return;
  sharedCh->value_pop();
}

// A spelled std::shared_ptr type: the variable's type is rewritten too.
void spelledSharedPtr(bool quit) {
  std::shared_ptr<boost::fibers::unbuffered_channel<int>> heldCh = std::make_shared<boost::fibers::unbuffered_channel<int>>();
  // CHECK-FIXES: {{^}}  std::shared_ptr<boost::fibers::buffered_channel<int>> heldCh = std::make_shared<boost::fibers::buffered_channel<int>>(2);{{$}}
  std::thread([heldCh] { heldCh->push(1); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: send on unbuffered channel 'heldCh' may never be received: 'spelledSharedPtr' can return without receiving, and the sender then blocks forever [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the task that sends on 'heldCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'spelledSharedPtr' can return here without receiving from 'heldCh'
  if (quit)
    return;
  heldCh->value_pop();
}

// The type is spelled through a using-directive: only the template name
// changes.
void usingNamespace(bool quit) {
  using namespace boost::fibers;
  unbuffered_channel<int> nsCh;
  // CHECK-FIXES: {{^}}  buffered_channel<int> nsCh{2};{{$}}
  fiber f([&nsCh] { nsCh.push(1); });
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: send on unbuffered channel 'nsCh' may never be received: 'usingNamespace' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: the task that sends on 'nsCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'usingNamespace' can return here without receiving from 'nsCh'
  f.detach();
  if (quit)
    return;
  nsCh.value_pop();
}

// The owner is a lambda: the messages say "the lambda".
void ownerIsLambda() {
  auto handle = [](bool quit) {
    boost::fibers::unbuffered_channel<int> lambdaCh;
    // CHECK-FIXES: {{^}}    boost::fibers::buffered_channel<int> lambdaCh{2};{{$}}
    std::thread([&lambdaCh] { lambdaCh.push(1); }).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: send on unbuffered channel 'lambdaCh' may never be received: the lambda can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the task that sends on 'lambdaCh' is spawned here
    // CHECK-MESSAGES: :[[@LINE+2]]:7: note: the lambda can return here without receiving from 'lambdaCh'
    if (quit)
      return;
    lambdaCh.value_pop();
  };
  handle(true);
}

// Nothing receives at all: the owner falls off its end.
void neverReceives() {
  boost::fibers::unbuffered_channel<int> lostCh;
  // CHECK-FIXES: {{^}}  boost::fibers::buffered_channel<int> lostCh{2};{{$}}
  boost::fibers::fiber([&lostCh] { lostCh.push(1); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: send on unbuffered channel 'lostCh' may never be received: 'neverReceives' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the task that sends on 'lostCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'neverReceives' can reach its end here without receiving from 'lostCh'
}

// First answer wins: one task per URL, one receive after the loop; the
// other senders block forever. No fix.
void firstAnswerWins(const std::vector<std::string> &urls) {
  boost::fibers::unbuffered_channel<int> answers;
  // CHECK-FIXES: {{^}}  boost::fibers::unbuffered_channel<int> answers;{{$}}
  for (const auto &url : urls)
    boost::fibers::fiber([&answers, &url] { answers.push(fetch(url)); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:53: warning: tasks spawned in a loop send on unbuffered channel 'answers', but 'firstAnswerWins' receives fewer values than it spawns tasks: every unreceived sender blocks forever [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: tasks are spawned in this loop
  // CHECK-MESSAGES: :[[@LINE+1]]:11: note: a value is received here
  answers.value_pop();
}

// The type is spelled through an alias: reported, but the alias may be used
// elsewhere, so there is no fix.
using Chan = boost::fibers::unbuffered_channel<int>;

void aliasedType(bool quit) {
  Chan aliasCh;
  // CHECK-FIXES: {{^}}  Chan aliasCh;{{$}}
  std::thread([&aliasCh] { aliasCh.push(1); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: send on unbuffered channel 'aliasCh' may never be received: 'aliasedType' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the task that sends on 'aliasCh' is spawned here
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'aliasedType' can return here without receiving from 'aliasCh'
  if (quit)
    return;
  aliasCh.value_pop();
}

// ---- reported only in StrictMode ---------------------------------------------

// parse() is not noexcept: an exception between the spawn and the receive
// leaves without receiving.
void throwingCall() {
  boost::fibers::unbuffered_channel<int> parsedCh;
  // CHECK-FIXES-STRICT: {{^}}  boost::fibers::buffered_channel<int> parsedCh{2};{{$}}
  std::jthread worker([&parsedCh] { parsedCh.push(1); });
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:46: warning: send on unbuffered channel 'parsedCh' may never be received: 'throwingCall' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:16: note: the task that sends on 'parsedCh' is spawned here
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:3: note: 'throwingCall' can exit here by an exception without receiving from 'parsedCh'
  parse();
  parsedCh.value_pop();
}

// Handed to a function with no body (an escape): silent by default. In
// StrictMode it is reported, without a fix: consume() spells the
// unbuffered type, so the fixed file would not compile.
void consume(boost::fibers::unbuffered_channel<int> &ch);

void handedToUnknownFunction(bool quit) {
  boost::fibers::unbuffered_channel<int> handedCh;
  // CHECK-FIXES-STRICT: {{^}}  boost::fibers::unbuffered_channel<int> handedCh;{{$}}
  std::jthread worker([&handedCh] { handedCh.push(1); });
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:46: warning: send on unbuffered channel 'handedCh' may never be received: 'handedToUnknownFunction' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:16: note: the task that sends on 'handedCh' is spawned here
  // CHECK-MESSAGES-STRICT: :[[@LINE+4]]:5: note: 'handedToUnknownFunction' can return here without receiving from 'handedCh'
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:3: note: 'handedToUnknownFunction' can exit here by an exception without receiving from 'handedCh'
  consume(handedCh);
  if (quit)
    return;
  handedCh.value_pop();
}

// Captured by a lambda that is not spawned (an escape: it may receive when
// called). StrictMode ignores the escape and reports the early return; code
// the channel escapes to may spell its type, so there is no fix.
void capturedByCallback(bool quit) {
  boost::fibers::unbuffered_channel<int> callbackCh;
  // CHECK-FIXES-STRICT: {{^}}  boost::fibers::unbuffered_channel<int> callbackCh;{{$}}
  auto drain = [&callbackCh] { return callbackCh.value_pop(); };
  std::jthread worker([&callbackCh] { callbackCh.push(1); });
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:50: warning: send on unbuffered channel 'callbackCh' may never be received: 'capturedByCallback' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:16: note: the task that sends on 'callbackCh' is spawned here
  // CHECK-MESSAGES-STRICT: :[[@LINE+2]]:5: note: 'capturedByCallback' can return here without receiving from 'callbackCh'
  if (quit)
    return;
  use(drain());
}

// Returned to the caller, which may receive later (an escape). StrictMode
// reports the return, with no fix: the caller may spell the type.
auto startProducer() {
  auto producedCh = std::make_shared<boost::fibers::unbuffered_channel<int>>();
  // CHECK-FIXES-STRICT: {{^}}  auto producedCh = std::make_shared<boost::fibers::unbuffered_channel<int>>();{{$}}
  boost::fibers::fiber([producedCh] { producedCh->push(1); }).detach();
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:51: warning: send on unbuffered channel 'producedCh' may never be received: 'startProducer' can return without receiving, and the sender then blocks forever [leak-unread-channel-send]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:3: note: the task that sends on 'producedCh' is spawned here
  // CHECK-MESSAGES-STRICT: :[[@LINE+1]]:3: note: 'startProducer' can return here without receiving from 'producedCh'
  return producedCh;
}

// Spawn loop and receive loop with the same bound n: silent by default.
// In StrictMode the next spawn or detach() can throw before any receive.
// No fix: the tasks are spawned in a loop.
void sameBound(int n) {
  boost::fibers::unbuffered_channel<int> boundCh;
  for (int i = 0; i < n; ++i)
    boost::fibers::fiber([&boundCh, i] { boundCh.push(i); }).detach();
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:50: warning: send on unbuffered channel 'boundCh' may never be received: 'sameBound' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:5: note: the task that sends on 'boundCh' is spawned here
  for (int i = 0; i < n; ++i)
    boundCh.value_pop();
}

// Spawn loop and receive loop of the same constant trip count 3: silent by
// default; in StrictMode the next spawn or detach() can throw.
void constantBounds() {
  boost::fibers::unbuffered_channel<int> threeCh;
  for (int i = 0; i < 3; ++i)
    std::thread([&threeCh, i] { threeCh.push(i); }).detach();
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:41: warning: send on unbuffered channel 'threeCh' may never be received: 'constantBounds' can return without receiving, and the blocked sender then refers to a destroyed channel [leak-unread-channel-send]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:5: note: the task that sends on 'threeCh' is spawned here
  for (int i = 0; i < 3; ++i)
    threeCh.value_pop();
}

// ---- silent (in both runs) ---------------------------------------------------
// Where the receives make a case silent, the sender runs on a std::jthread,
// which joins at scope exit, after the receive: no call that can throw lies
// between the spawn and the receive, so StrictMode is silent too.

// Every path receives: pop() on one branch, value_pop() on the other.
void receivesOnEveryPath(bool first) {
  boost::fibers::unbuffered_channel<int> ch;
  std::jthread worker([&ch] { ch.push(1); });
  if (first) {
    int value;
    ch.pop(value);
  } else {
    ch.value_pop();
  }
}

// A range-for receives when it starts (begin() pops the first value); the
// end() that the loop evaluates before begin() is part of that receive.
void rangeForReceives() {
  boost::fibers::unbuffered_channel<int> ch;
  std::jthread worker([&ch] {
    ch.push(1);
    ch.close();
  });
  for (int value : ch)
    use(value);
}

// A receive before each early return.
void receiveBeforeEachReturn(int mode) {
  boost::fibers::unbuffered_channel<int> ch;
  std::jthread worker([&ch] { ch.push(1); });
  if (mode == 0) {
    ch.value_pop();
    return;
  }
  if (mode == 1) {
    int value;
    ch.pop(value);
    return;
  }
  ch.value_pop();
}

// close() on the early exit wakes the sender while the channel is alive.
void closeOnEarlyExit(bool quit) {
  boost::fibers::unbuffered_channel<int> ch;
  std::jthread worker([&ch] { ch.push(1); });
  if (quit) {
    ch.close();
    return;
  }
  ch.value_pop();
}

#ifdef INCLUDE_BUFFERED_CHANNEL
// A buffered_channel{2} holds the value: the sender does not wait. (Compiled
// in the STRICT run only: the default run must not declare buffered_channel.)
void bufferedChannel(bool quit) {
  boost::fibers::buffered_channel<int> ch{2};
  std::jthread worker([&ch] { ch.push(1); });
  if (quit)
    return;
  ch.value_pop();
}
#endif

// A data member outlives the function that spawns the sender.
class Mailbox {
public:
  void start(bool quit) {
    std::thread([this] { box_.push(1); }).detach();
    if (quit)
      return;
    box_.value_pop();
  }

private:
  boost::fibers::unbuffered_channel<int> box_;
};

// A global channel is not owned by the function.
boost::fibers::unbuffered_channel<int> g_updates;

void globalChannel(bool quit) {
  std::thread([] { g_updates.push(1); }).detach();
  if (quit)
    return;
  g_updates.value_pop();
}

// A parameter belongs to the caller.
void parameterChannel(boost::fibers::unbuffered_channel<int> &ch, bool quit) {
  std::thread([&ch] { ch.push(1); }).detach();
  if (quit)
    return;
  ch.value_pop();
}

// Another spawned fiber receives (Boost's range_for example): main only
// joins.
void produceThree(boost::fibers::unbuffered_channel<int> &out) {
  for (int i = 0; i < 3; ++i)
    out.push(i);
  out.close();
}

void printAll(boost::fibers::unbuffered_channel<int> &in) {
  for (int value : in)
    use(value);
}

void pipeline() {
  boost::fibers::unbuffered_channel<int> ch;
  boost::fibers::fiber producer(&produceThree, std::ref(ch));
  boost::fibers::fiber consumer(&printAll, std::ref(ch));
  producer.join();
  consumer.join();
}

// push_wait_for gives up by itself: it is not a blocking send.
void senderGivesUp(bool quit) {
  boost::fibers::unbuffered_channel<int> ch;
  std::jthread worker([&ch] { ch.push_wait_for(1, std::chrono::milliseconds(100)); });
  if (quit)
    return;
  ch.value_pop();
}

// The owner never returns, so the channel is never destroyed; its loop only
// calls noexcept functions.
void ownerNeverReturns() {
  boost::fibers::unbuffered_channel<int> ch;
  std::jthread worker([&ch] { ch.push(1); });
  for (;;)
    std::this_thread::yield();
}

// parseHeader() is noexcept: nothing can leave between the spawn and the
// receive, in StrictMode either.
void noexceptCall() {
  boost::fibers::unbuffered_channel<int> ch;
  std::jthread worker([&ch] { ch.push(1); });
  parseHeader();
  ch.value_pop();
}
