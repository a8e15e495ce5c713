// RUN: %check_leak_tidy --fix-notes %s leak-detached-thread %t -- -- -std=c++20

// Threads followed beyond the detaching statement: a std::jthread data
// member whose stop source nothing in its class keeps; pthread_cancel() on a
// thread's id or native handle anywhere in the file, which stops it however
// crudely; and a thread returned by a function of the file, followed into
// that function.

#include <atomic>
#include <pthread.h>
#include <stop_token>
#include <thread>

void poll();
void waitForDeadline();
std::atomic<bool> running{true};

static void *pollForever(void *) {
  for (;;)
    poll();
  return nullptr;
}

// ---- a detached std::jthread member ------------------------------------------

// Its loop checks the stop token, but detach() gave up the stop source and
// nothing in the class kept it: no one can ever trigger the token.
class Poller {
public:
  Poller()
      : worker_([](std::stop_token st) {
          while (!st.stop_requested())
            poll();
        }) {
    worker_.detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: thread 'worker_' is detached, so the stop token its loop checks can never be triggered [leak-detached-thread]
    // CHECK-MESSAGES: :[[@LINE-5]]:11: note: this loop ends only when the stop token is triggered
    // CHECK-MESSAGES: :[[@LINE-3]]:13: note: keep the std::jthread instead of detaching it, or keep its stop source (get_stop_source()) to stop it later
  }

private:
  std::jthread worker_;
};

// The same with a default member initializer, detached in start().
class Ticker {
public:
  void start() { ticks_.detach(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: thread 'ticks_' is detached, so the stop token its loop checks can never be triggered
  // CHECK-MESSAGES: :[[@LINE+5]]:5: note: this loop ends only when the stop token is triggered
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: keep the std::jthread instead of detaching it, or keep its stop source

private:
  std::jthread ticks_{[](std::stop_token st) {
    while (!st.stop_requested())
      poll();
  }};
};

// Silent: stop() calls request_stop() on the member; a jthread's stop
// source outlives its detach.
class StoppedPoller {
public:
  StoppedPoller()
      : worker_([](std::stop_token st) {
          while (!st.stop_requested())
            poll();
        }) {
    worker_.detach();
  }
  void stop() { worker_.request_stop(); }

private:
  std::jthread worker_;
};

// Silent: the class keeps the stop source and triggers it in its destructor.
class KeptSource {
public:
  KeptSource()
      : worker_([](std::stop_token st) {
          while (!st.stop_requested())
            poll();
        }) {
    source_ = worker_.get_stop_source();
    worker_.detach();
  }
  ~KeptSource() { source_.request_stop(); }

private:
  std::jthread worker_;
  std::stop_source source_;
};

// Silent by default: code outside the class can reach a public member (and
// keep its stop source), and a class whose constructor is defined in another
// file may do so there.
class PublicWorker {
public:
  PublicWorker()
      : worker([](std::stop_token st) {
          while (!st.stop_requested())
            poll();
        }) {
    worker.detach();
  }
  std::jthread worker;
};

class DefinedElsewhere {
public:
  DefinedElsewhere();
  void start() { worker_.detach(); }

private:
  std::jthread worker_{[](std::stop_token st) {
    while (!st.stop_requested())
      poll();
  }};
};

// ---- pthread_cancel ----------------------------------------------------------

// Silent: stop() cancels the thread by the id the class keeps.
class CancelledListener {
public:
  void start() {
    pthread_create(&tid_, nullptr, pollForever, nullptr);
    pthread_detach(tid_);
  }
  void stop() { pthread_cancel(tid_); }

private:
  pthread_t tid_;
};

// Its twin without stop(): nothing can end the endless loop.
class Listener {
public:
  void start() {
    pthread_create(&tid_, nullptr, pollForever, nullptr);
    pthread_detach(tid_);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 'tid_' is detached but its loop never checks a stop token [leak-detached-thread]
    // CHECK-MESSAGES: :[[@LINE-125]]:3: note: this loop never ends: its condition is always true and no path leaves it
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: check an atomic stop flag in the loop and join the thread with pthread_join() on shutdown instead of detaching it
  }

private:
  pthread_t tid_;
};

// Silent: a file-static id, cancelled by another function of the file.
static pthread_t g_reaper;

void startReaper() {
  pthread_create(&g_reaper, nullptr, pollForever, nullptr);
  pthread_detach(g_reaper);
}

void stopReaper() { pthread_cancel(g_reaper); }

// Silent: a std::thread's native handle, kept before the detach and
// cancelled when the deadline passes.
void runUntilDeadline() {
  std::thread t([] {
    for (;;)
      poll();
  });
  pthread_t handle = t.native_handle();
  t.detach();
  waitForDeadline();
  pthread_cancel(handle);
}

// Its twin that never cancels it; the note's fix makes it a std::jthread.
void runForever() {
  std::thread t([] {
    for (;;)
      poll();
  });
  pthread_t handle = t.native_handle();
  (void)handle;
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: make 't' a std::jthread and check its stop token in the loop; it is then stopped and joined when 't' is destroyed
  // CHECK-FIXES: {{^}}void runForever() {{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::jthread t([](std::stop_token token) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    for (; !token.stop_requested();){{$}}
  // CHECK-FIXES-NEXT: {{^}}      poll();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  });{{$}}
  // CHECK-FIXES-NEXT: {{^}}  pthread_t handle = t.native_handle();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  (void)handle;{{$}}
  // CHECK-FIXES-NOT: t.detach();
}

// ---- a thread returned by a function of the file -----------------------------

static std::thread startListener() {
  return std::thread([] {
    for (;;)
      poll();
  });
}

// The thread startListener() makes is followed into it: its loop never ends.
// The lambda is in the factory, so the note carries no fix.
void listen() {
  std::thread t = startListener();
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-11]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: make 't' a std::jthread and check its stop token in the loop
  // CHECK-FIXES: {{^}}  std::thread t = startListener();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  t.detach();{{$}}
}

// Silent: the returned thread's loop checks an atomic flag.
static std::thread startStoppable() {
  return std::thread([] {
    while (running)
      poll();
  });
}

void listenUntilStopped() {
  std::thread t = startStoppable();
  t.detach();
}

// ---- a std::jthread assigned after it is made ---------------------------------

// The member is assigned in start() rather than initialised; detach() still
// gives up its stop source, and nothing in the class kept it.
class Sampler {
public:
  void start() {
    t_ = std::jthread([](std::stop_token st) {
      while (!st.stop_requested())
        poll();
    });
    t_.detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: thread 't_' is detached, so the stop token its loop checks can never be triggered [leak-detached-thread]
    // CHECK-MESSAGES: :[[@LINE-5]]:7: note: this loop ends only when the stop token is triggered
    // CHECK-MESSAGES: :[[@LINE-3]]:8: note: keep the std::jthread instead of detaching it, or keep its stop source (get_stop_source()) to stop it later
  }

private:
  std::jthread t_;
};

// Silent: its twin with stop(), which triggers the stop source the member
// still holds.
class StoppedSampler {
public:
  void start() {
    t_ = std::jthread([](std::stop_token st) {
      while (!st.stop_requested())
        poll();
    });
    t_.detach();
  }
  void stop() { t_.request_stop(); }

private:
  std::jthread t_;
};

// The same with a local, default-constructed and then assigned.
void sampleOnce() {
  std::jthread t;
  t = std::jthread([](std::stop_token st) {
    while (!st.stop_requested())
      poll();
  });
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached, so the stop token its loop checks can never be triggered [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: this loop ends only when the stop token is triggered
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: keep the std::jthread instead of detaching it, or keep its stop source (get_stop_source()) to stop it later
}

// ---- a native handle kept in a member or a file static -------------------------

// Silent: start() keeps the native handle in a member, and stop() cancels it.
class CancelledByHandle {
public:
  void start() {
    std::thread t([] {
      for (;;)
        poll();
    });
    handle_ = t.native_handle();
    t.detach();
  }
  void stop() { pthread_cancel(handle_); }

private:
  pthread_t handle_;
};

// Its twin that keeps the handle but never cancels it; the note's fix makes
// the thread a std::jthread.
class UncancelledHandle {
public:
  void start() {
    std::thread t([] {
      for (;;)
        poll();
    });
    handle_ = t.native_handle();
    t.detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: thread 't' is detached but its loop never checks a stop token [leak-detached-thread]
    // CHECK-MESSAGES: :[[@LINE-6]]:7: note: this loop never ends: its condition is always true and no path leaves it
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: make 't' a std::jthread and check its stop token in the loop; it is then stopped and joined when 't' is destroyed
    // CHECK-FIXES: {{^}}class UncancelledHandle {{{$}}
    // CHECK-FIXES-NEXT: {{^}}public:{{$}}
    // CHECK-FIXES-NEXT: {{^}}  void start() {{{$}}
    // CHECK-FIXES-NEXT: {{^}}    std::jthread t([](std::stop_token token) {{{$}}
    // CHECK-FIXES-NEXT: {{^}}      for (; !token.stop_requested();){{$}}
    // CHECK-FIXES-NEXT: {{^}}        poll();{{$}}
    // CHECK-FIXES-NEXT: {{^}}    });{{$}}
    // CHECK-FIXES-NEXT: {{^}}    handle_ = t.native_handle();{{$}}
    // CHECK-FIXES-EMPTY:
  }

private:
  pthread_t handle_;
};

// Silent: a file-static handle, cancelled by another function of the file.
static pthread_t g_pollerHandle;

void startPolling() {
  std::thread t([] {
    for (;;)
      poll();
  });
  g_pollerHandle = t.native_handle();
  t.detach();
}

void stopPolling() { pthread_cancel(g_pollerHandle); }

// ---- a factory that returns a named local thread --------------------------------

static std::thread startPoller() {
  std::thread w([] {
    for (;;)
      poll();
  });
  return w;
}

// The thread startPoller() starts is followed into it: its loop never ends.
// The lambda is in the factory, so the note carries no fix.
void pollForeverDetached() {
  std::thread t = startPoller();
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-13]]:15: note: 'startPoller' starts the thread here
  // CHECK-MESSAGES: :[[@LINE-13]]:5: note: this loop never ends: its condition is always true and no path leaves it
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: make 't' a std::jthread and check its stop token in the loop
  // CHECK-FIXES: {{^}}  std::thread t = startPoller();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  t.detach();{{$}}
}

// Detached as a temporary, straight out of the factory.
void pollForeverTemporary() {
  startPoller().detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: {{(temporary )?}}thread running a lambda is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-24]]:15: note: 'startPoller' starts the thread here
  // CHECK-MESSAGES: :[[@LINE-24]]:5: note: this loop never ends: its condition is always true and no path leaves it
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: a temporary thread cannot be stopped: keep it in a std::jthread and check its stop token in the loop
}

// Silent: the thread a factory names and returns checks an atomic flag.
static std::thread startStoppablePoller() {
  std::thread w([] {
    while (running)
      poll();
  });
  return w;
}

void pollUntilStopped() {
  std::thread t = startStoppablePoller();
  t.detach();
  startStoppablePoller().detach();
}
