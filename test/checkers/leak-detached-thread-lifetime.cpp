// RUN: %check_leak_tidy --fix-notes %s leak-detached-thread %t -- -- -std=c++20
// RUN: %check_leak_tidy --check-suffix=STRICT %s leak-detached-thread %t.strict -- -config="{CheckOptions: {leak-detached-thread.StrictMode: true}}" -- -std=c++20

// Process lifetime: a daemon's start-up workers, detached once for the life
// of the process, do not accumulate, so they are reported only in
// StrictMode. Once per process: directly in main() outside every loop, in a
// function with internal linkage called only from such places, in a
// function handed to std::call_once, in a function-local static's
// initializer. Reported by default: what can run any number of times, one
// more thread each time (the accept loop in main, a member function, a
// function with external linkage, an internal function that one of those
// calls or whose address is taken).
//
// The STRICT run reports every detach; plain CHECK-MESSAGES lines apply to
// it too. It runs without --fix-notes, so it leaves the file unchanged.

#include <mutex>
#include <pthread.h>
#include <thread>

void poll();
int acceptConnection();
void registerHook(void (*hook)());

void serveForever() {
  for (;;)
    poll();
}

void handle(int conn) {
  (void)conn;
  while (true)
    poll();
}

static void *pollForever(void *) {
  for (;;)
    poll();
  return nullptr;
}

// ---- once per process: silent by default -----------------------------------

// A static function called only from main(), outside the loop.
static void startMetrics() { std::thread(serveForever).detach(); }
// CHECK-MESSAGES-STRICT: :[[@LINE-1]]:56: warning: temporary thread running 'serveForever' is detached but its loop never checks a stop token [leak-detached-thread]
// CHECK-MESSAGES-STRICT: :[[@LINE-21]]:3: note: this loop never ends: its condition is always true and no path leaves it
// CHECK-MESSAGES-STRICT: :[[@LINE-3]]:56: note: a temporary thread cannot be stopped: keep it in a std::jthread and check its stop token in the loop

// Internal linkage through an anonymous namespace, two calls deep:
// startCache() is called only by startCaches(), which main() calls once.
namespace {
void startCache() { std::thread(serveForever).detach(); }
// CHECK-MESSAGES-STRICT: :[[@LINE-1]]:47: warning: temporary thread running 'serveForever' is detached but its loop never checks a stop token
// CHECK-MESSAGES-STRICT: :[[@LINE-29]]:3: note: this loop never ends
// CHECK-MESSAGES-STRICT: :[[@LINE-3]]:47: note: a temporary thread cannot be stopped
} // namespace
static void startCaches() { startCache(); }

// Handed to std::call_once: it runs once, however often ensureJanitor(), a
// function with external linkage, is called.
static void startJanitor() { std::thread(serveForever).detach(); }
// CHECK-MESSAGES-STRICT: :[[@LINE-1]]:56: warning: temporary thread running 'serveForever' is detached but its loop never checks a stop token
// CHECK-MESSAGES-STRICT: :[[@LINE-38]]:3: note: this loop never ends
// CHECK-MESSAGES-STRICT: :[[@LINE-3]]:56: note: a temporary thread cannot be stopped

void ensureJanitor() {
  static std::once_flag once;
  std::call_once(once, startJanitor);
}

// A function-local static's initializer runs once, however often its
// function (here with external linkage) is called.
bool ensureFlusher() {
  static const bool started = [] {
    std::thread(serveForever).detach();
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:31: warning: temporary thread running 'serveForever' is detached but its loop never checks a stop token
    // CHECK-MESSAGES-STRICT: :[[@LINE-52]]:3: note: this loop never ends
    // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:31: note: a temporary thread cannot be stopped
    return true;
  }();
  return started;
}

// ---- any number of times: reported by default -------------------------------

// A function with external linkage can be called again and again; the
// named thread with a lambda body gets the jthread fix on its note.
void startWorker() {
  std::thread worker([] {
    for (;;)
      poll();
  });
  worker.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: thread 'worker' is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: this loop never ends: its condition is always true and no path leaves it
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: make 'worker' a std::jthread and check its stop token in the loop; it is then stopped and joined when 'worker' is destroyed
  // CHECK-FIXES: {{^}}  std::jthread worker([](std::stop_token token) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    for (; !token.stop_requested();){{$}}
  // CHECK-FIXES-NEXT: {{^}}      poll();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  });{{$}}
  // CHECK-FIXES-NOT: worker.detach();
}

// A member function can run any number of times: once per connection here.
class Server {
public:
  void onConnection(int conn) { std::thread(handle, conn).detach(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:59: warning: temporary thread running 'handle' is detached but its loop never checks a stop token
  // CHECK-MESSAGES: :[[@LINE-78]]:3: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:59: note: a temporary thread cannot be stopped
};

// A static function is once per process only if every call is: this one is
// also called from onReload(), which can run any number of times.
static void startReloader() { std::thread(serveForever).detach(); }
// CHECK-MESSAGES: :[[@LINE-1]]:57: warning: temporary thread running 'serveForever' is detached but its loop never checks a stop token
// CHECK-MESSAGES: :[[@LINE-92]]:3: note: this loop never ends
// CHECK-MESSAGES: :[[@LINE-3]]:57: note: a temporary thread cannot be stopped

void onReload() { startReloader(); }

// A static function whose address is taken can be called any number of
// times, by whoever holds the pointer.
static void startWatcher() { std::thread(serveForever).detach(); }
// CHECK-MESSAGES: :[[@LINE-1]]:56: warning: temporary thread running 'serveForever' is detached but its loop never checks a stop token
// CHECK-MESSAGES: :[[@LINE-101]]:3: note: this loop never ends
// CHECK-MESSAGES: :[[@LINE-3]]:56: note: a temporary thread cannot be stopped

int main() {
  // Directly in main(), outside every loop: a temporary and a named thread.
  std::thread(serveForever).detach();
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:29: warning: temporary thread running 'serveForever' is detached but its loop never checks a stop token
  // CHECK-MESSAGES-STRICT: :[[@LINE-108]]:3: note: this loop never ends
  // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:29: note: a temporary thread cannot be stopped
  std::thread listener([] {
    while (true)
      poll();
  });
  listener.detach();
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:12: warning: thread 'listener' is detached but its loop never checks a stop token
  // CHECK-MESSAGES-STRICT: :[[@LINE-5]]:5: note: this loop never ends
  // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:12: note: make 'listener' a std::jthread and check its stop token in the loop

  // A pthread made and detached in main().
  pthread_t tid;
  pthread_create(&tid, nullptr, pollForever, nullptr);
  pthread_detach(tid);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: thread 'tid' is detached but its loop never checks a stop token
  // CHECK-MESSAGES-STRICT: :[[@LINE-113]]:3: note: this loop never ends
  // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:3: note: check an atomic stop flag in the loop and join the thread with pthread_join() on shutdown instead of detaching it

  startMetrics();
  startCaches();
  startReloader();
  registerHook(startWatcher);

  // The accept loop: one more detached thread per connection, the classic
  // leak, in main() too.
  for (;;) {
    int conn = acceptConnection();
    std::thread(handle, conn).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: temporary thread running 'handle' is detached but its loop never checks a stop token
    // CHECK-MESSAGES: :[[@LINE-132]]:3: note: this loop never ends
    // CHECK-MESSAGES: :[[@LINE-3]]:31: note: a temporary thread cannot be stopped
  }
}

// ---- a lambda handed to std::call_once ---------------------------------------

// Once per process: the lambda runs once, however often ensureServer(), a
// function with external linkage, is called. Reported only in StrictMode.
void ensureServer() {
  static std::once_flag once;
  std::call_once(once, [] { std::thread(serveForever).detach(); });
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:55: warning: temporary thread running 'serveForever' is detached but its loop never checks a stop token
  // CHECK-MESSAGES-STRICT: :[[@LINE-151]]:3: note: this loop never ends
  // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:55: note: a temporary thread cannot be stopped
}

// Its twin: the same lambda called directly runs each time startServer() is
// called, one more thread each time. Reported by default.
void startServer() {
  auto start = [] { std::thread(serveForever).detach(); };
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: temporary thread running 'serveForever' is detached but its loop never checks a stop token
  // CHECK-MESSAGES: :[[@LINE-160]]:3: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:47: note: a temporary thread cannot be stopped
  start();
}
