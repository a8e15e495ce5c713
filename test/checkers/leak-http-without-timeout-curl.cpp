// RUN: %check_leak_tidy %s leak-http-without-timeout %t -- -- -std=c++17
// RUN: %check_leak_tidy --check-suffix=STRICT %s leak-http-without-timeout %t.strict -- -config="{CheckOptions: {leak-http-without-timeout.StrictMode: true}}" -- -std=c++17
// RUN: %check_leak_tidy --check-suffix=MS1500 %s leak-http-without-timeout %t.ms1500 -- -config="{CheckOptions: {leak-http-without-timeout.TimeoutMs: 1500}}" -- -std=c++17

// libcurl from C++, with the real <curl/curl.h>: there curl_easy_setopt is the
// "exactly three arguments" macro that expands to the plain call. A handle made
// in the function by curl_easy_init or curl_easy_duphandle is flagged when no
// CURLOPT_TIMEOUT, CURLOPT_TIMEOUT_MS or CURLOPT_LOW_SPEED_TIME can have been
// set on it before curl_easy_perform / curl_multi_add_handle. A private member
// is followed across its class and a variable with internal linkage across the
// file (a timeout anywhere there counts); what a factory of this file makes is
// judged in the factory. Handles that come from elsewhere or escape are
// reported only in StrictMode.

#include <curl/curl.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

void configureElsewhere(CURL *handle); // no body in this file

static void applyTimeout(CURL *handle) {
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, 5000L);
}

static void applyUrl(CURL *handle, const char *url) {
  curl_easy_setopt(handle, CURLOPT_URL, url);
}

#define FETCH(handle) curl_easy_perform(handle)

// ---- flagged ----------------------------------------------------------------

void plain() {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/plain");
  curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: handle 'curl' is created here
  // CHECK-FIXES: {{^}}  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/plain");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  // CHECK-FIXES-STRICT: {{^}}  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/plain");{{$}}
  // CHECK-FIXES-STRICT-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-STRICT-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  // CHECK-FIXES-MS1500: {{^}}  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/plain");{{$}}
  // CHECK-FIXES-MS1500-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 1500L);{{$}}
  // CHECK-FIXES-MS1500-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  curl_easy_cleanup(curl);
}

// The shape of curl's own examples.
int exampleShape() {
  CURL *curl = curl_easy_init();
  if (curl) {
    curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/example");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    CURLcode res = curl_easy_perform(curl);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE-6]]:16: note: handle 'curl' is created here
    // CHECK-FIXES: {{^}}    curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/example");{{$}}
    // CHECK-FIXES-NEXT: {{^}}    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    CURLcode res = curl_easy_perform(curl);{{$}}
    if (res != CURLE_OK)
      std::fprintf(stderr, "failed: %s\n", curl_easy_strerror(res));
    curl_easy_cleanup(curl);
  }
  return 0;
}

bool checkedPerform() {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/checked");
  bool ok = true;
  if (curl_easy_perform(curl) != CURLE_OK) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE-5]]:16: note: handle 'curl' is created here
    // CHECK-FIXES: {{^}}  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/checked");{{$}}
    // CHECK-FIXES-NEXT: {{^}}  bool ok = true;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
    // CHECK-FIXES-NEXT: {{^}}  if (curl_easy_perform(curl) != CURLE_OK) {{{$}}
    ok = false;
  }
  curl_easy_cleanup(curl);
  return ok;
}

// A connect timeout bounds only the connection phase.
void connectTimeoutOnly() {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/connect");
  curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-5]]:16: note: handle 'curl' is created here
  // CHECK-FIXES: {{^}}  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/connect");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  curl_easy_cleanup(curl);
}

// CURLOPT_TIMEOUT 0 means "never time out".
void timeoutDisabled() {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/disabled");
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 0L);
  curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES-DAG: :[[@LINE-5]]:16: note: handle 'curl' is created here
  // CHECK-MESSAGES-DAG: :[[@LINE-4]]:3: note: the timeout is disabled here
  // CHECK-FIXES: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 0L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  curl_easy_cleanup(curl);
}

// Setting the timeout after the transfer is too late.
void timeoutAfterPerform() {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/after");
  curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: handle 'curl' is created here
  // CHECK-FIXES: {{^}}  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/after");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_cleanup(curl);
}

// A helper that sets only the URL does not bound the transfer.
void helperWithoutTimeout() {
  CURL *curl = curl_easy_init();
  applyUrl(curl, "https://example.com/helper-url");
  curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: handle 'curl' is created here
  // CHECK-FIXES: {{^}}  applyUrl(curl, "https://example.com/helper-url");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  curl_easy_cleanup(curl);
}

void multiAdd() {
  CURLM *multi = curl_multi_init();
  CURL *easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_URL, "https://example.com/multi");
  curl_multi_add_handle(multi, easy);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_multi_add_handle on handle 'easy' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: handle 'easy' is created here
  // CHECK-FIXES: {{^}}  curl_easy_setopt(easy, CURLOPT_URL, "https://example.com/multi");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_multi_add_handle(multi, easy);{{$}}
  int running = 0;
  curl_multi_perform(multi, &running);
  curl_multi_remove_handle(multi, easy);
  curl_easy_cleanup(easy);
  curl_multi_cleanup(multi);
}

// A copy of a handle that never had a timeout has none either.
void dupOfUntimed() {
  CURL *base = curl_easy_init();
  curl_easy_setopt(base, CURLOPT_URL, "https://example.com/dup-untimed");
  CURL *copy = curl_easy_duphandle(base);
  curl_easy_perform(copy);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'copy' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: handle 'copy' is created here
  // CHECK-FIXES: {{^}}  CURL *copy = curl_easy_duphandle(base);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(copy, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(copy);{{$}}
  curl_easy_cleanup(copy);
  curl_easy_cleanup(base);
}

// A timeout set on the original after the copy was made does not reach the copy.
void dupBeforeTimeout() {
  CURL *original = curl_easy_init();
  curl_easy_setopt(original, CURLOPT_URL, "https://example.com/dup-late");
  CURL *clone = curl_easy_duphandle(original);
  curl_easy_setopt(original, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_perform(clone);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'clone' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: handle 'clone' is created here
  // CHECK-FIXES: {{^}}  curl_easy_setopt(original, CURLOPT_TIMEOUT_MS, 5000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(clone, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(clone);{{$}}
  curl_easy_cleanup(clone);
  curl_easy_cleanup(original);
}

// The fix reaches the handle the way the call did.
void uniquePtrHandle() {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> h(curl_easy_init(), &curl_easy_cleanup);
  curl_easy_setopt(h.get(), CURLOPT_URL, "https://example.com/unique");
  curl_easy_perform(h.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'h' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:57: note: handle 'h' is created here
  // CHECK-FIXES: {{^}}  curl_easy_setopt(h.get(), CURLOPT_URL, "https://example.com/unique");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(h.get(), CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(h.get());{{$}}
}

// Not directly in a {} block: the warning stays, no fix.
void unbracedIf(bool go) {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/unbraced");
  if (go) curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: handle 'curl' is created here
  // CHECK-FIXES: {{^}}  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/unbraced");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  if (go) curl_easy_perform(curl);{{$}}
  curl_easy_cleanup(curl);
}

// From a macro: reported at the expansion, no fix.
void performInMacro() {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/macro");
  FETCH(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: handle 'curl' is created here
  // CHECK-FIXES: {{^}}  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/macro");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  FETCH(curl);{{$}}
  curl_easy_cleanup(curl);
}

// ---- silent: a timeout can be set before the call -----------------------------

void timeoutSeconds() {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/seconds");
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 20L);
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
}

void timeoutMilliseconds() {
  CURL *curl = curl_easy_init();
  if (curl) {
    curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/ms");
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 2500L);
    CURLcode res = curl_easy_perform(curl);
    if (res != CURLE_OK)
      std::fprintf(stderr, "failed: %s\n", curl_easy_strerror(res));
    curl_easy_cleanup(curl);
  }
}

// A stall timeout: abort when slower than LOW_SPEED_LIMIT for LOW_SPEED_TIME.
void lowSpeedTime() {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/low-speed");
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
}

// A finite timeout after a disabled one counts.
void reenabled() {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 0L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 800L);
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
}

// Set on one path only: some path reaches the call with a timeout.
void timeoutOnOneBranch(bool slowServer) {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/branch");
  if (slowServer)
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
}

// Set after the call in a loop: the next iteration's call follows it.
void timeoutLaterInLoop(int rounds) {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/loop");
  for (int i = 0; i < rounds; ++i) {
    curl_easy_perform(curl);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 5000L);
  }
  curl_easy_cleanup(curl);
}

void helperWithTimeout() {
  CURL *curl = curl_easy_init();
  applyUrl(curl, "https://example.com/helper-timeout");
  applyTimeout(curl);
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
}

void dupOfTimed() {
  CURL *base = curl_easy_init();
  curl_easy_setopt(base, CURLOPT_URL, "https://example.com/dup-timed");
  curl_easy_setopt(base, CURLOPT_TIMEOUT, 15L);
  CURL *copy = curl_easy_duphandle(base);
  curl_easy_perform(copy);
  curl_easy_cleanup(copy);
  curl_easy_cleanup(base);
}

void multiAddTimed() {
  CURLM *multi = curl_multi_init();
  CURL *easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_URL, "https://example.com/multi-timed");
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 5000L);
  curl_multi_add_handle(multi, easy);
  int running = 0;
  curl_multi_perform(multi, &running);
  curl_multi_remove_handle(multi, easy);
  curl_easy_cleanup(easy);
  curl_multi_cleanup(multi);
}

void uniquePtrTimed() {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> h(curl_easy_init(), &curl_easy_cleanup);
  curl_easy_setopt(h.get(), CURLOPT_TIMEOUT, 30L);
  curl_easy_perform(h.get());
}

// ---- silent unless StrictMode: the handle comes from elsewhere or escapes -----

void handleParameter(CURL *handle) {
  curl_easy_perform(handle);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'handle' has no timeout and can wait forever for the server [leak-http-without-timeout]
}

CURL *gShared;

void initShared() { gShared = curl_easy_init(); }

void globalHandle() {
  curl_easy_perform(gShared);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'gShared' has no timeout and can wait forever for the server [leak-http-without-timeout]
}

CURL *performAndReturn() {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/returned");
  curl_easy_perform(curl);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  return curl;
}

// Nothing names the handle: StrictMode has nothing to report it by.
CURL *makeHandle();

void handleFromCall() { curl_easy_perform(makeHandle()); }

std::vector<CURL *> gPool;

// Stored where other code reaches it: that code may set the timeout.
void storedInContainer() {
  CURL *curl = curl_easy_init();
  gPool.push_back(curl);
  curl_easy_perform(curl);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
}

struct Connection {
  CURL *Handle = nullptr;
};

void storedInStruct(Connection &Conn) {
  CURL *curl = curl_easy_init();
  Conn.Handle = curl;
  curl_easy_perform(curl);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
}

void passedToOpaqueFunction() {
  CURL *curl = curl_easy_init();
  configureElsewhere(curl);
  curl_easy_perform(curl);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  curl_easy_cleanup(curl);
}

// A non-const reference lets the unseen function replace the handle.
void adopt(CURL *&handle); // no body in this file

void passedByReference() {
  CURL *curl = curl_easy_init();
  adopt(curl);
  curl_easy_perform(curl);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  curl_easy_cleanup(curl);
}

// Given by the caller of the constructor: made elsewhere, perhaps with a
// timeout.
class Borrowed {
public:
  explicit Borrowed(CURL *handle) : handle_(handle) {}
  void fetch() {
    curl_easy_perform(handle_);
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:5: warning: curl_easy_perform on handle 'handle_' has no timeout and can wait forever for the server [leak-http-without-timeout]
  }

private:
  CURL *handle_;
};

// A member function declared here but defined elsewhere can reach the member.
// (The call sits in an unbraced `if`, where no fix is offered; OpenUntimed,
// at the end of the file, has StrictMode's fix for an escaping member.)
class SplitClient {
public:
  SplitClient() : handle_(curl_easy_init()) {}
  ~SplitClient() { curl_easy_cleanup(handle_); }
  void configure(); // defined in another file

  void fetch(bool go) {
    if (go)
      curl_easy_perform(handle_);
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:7: warning: curl_easy_perform on handle 'handle_' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES-STRICT: :[[@LINE+4]]:9: note: 'handle_' is declared here
  }

private:
  CURL *handle_;
};

// ---- flagged: a private member, followed across its class ---------------------

// Every member function is defined here, there are no friends, and none of
// them sets a timeout: the transfer is reported with a note at the member,
// and the fix is the one for a local, before the call.
class Client {
public:
  Client() : handle_(curl_easy_init()) {}
  ~Client() { curl_easy_cleanup(handle_); }

  void fetch() {
    curl_easy_setopt(handle_, CURLOPT_URL, "https://example.com/member");
    curl_easy_perform(handle_);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: curl_easy_perform on handle 'handle_' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+13]]:9: note: 'handle_' is declared here
    // CHECK-FIXES: {{^}}    curl_easy_setopt(handle_, CURLOPT_URL, "https://example.com/member");{{$}}
    // CHECK-FIXES-NEXT: {{^}}    curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    curl_easy_perform(handle_);{{$}}
    // CHECK-FIXES-STRICT: {{^}}    curl_easy_setopt(handle_, CURLOPT_URL, "https://example.com/member");{{$}}
    // CHECK-FIXES-STRICT-NEXT: {{^}}    curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
    // CHECK-FIXES-STRICT-NEXT: {{^}}    curl_easy_perform(handle_);{{$}}
    // CHECK-FIXES-MS1500: {{^}}    curl_easy_setopt(handle_, CURLOPT_URL, "https://example.com/member");{{$}}
    // CHECK-FIXES-MS1500-NEXT: {{^}}    curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, 1500L);{{$}}
    // CHECK-FIXES-MS1500-NEXT: {{^}}    curl_easy_perform(handle_);{{$}}
  }

private:
  CURL *handle_;
};

// Made on first use, in the function that performs it.
class LazyClient {
public:
  ~LazyClient() { curl_easy_cleanup(handle_); }

  void fetch() {
    if (!handle_)
      handle_ = curl_easy_init();
    curl_easy_perform(handle_);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: curl_easy_perform on handle 'handle_' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+7]]:9: note: 'handle_' is declared here
    // CHECK-FIXES: {{^}}      handle_ = curl_easy_init();{{$}}
    // CHECK-FIXES-NEXT: {{^}}    curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    curl_easy_perform(handle_);{{$}}
  }

private:
  CURL *handle_ = nullptr;
};

// CURLOPT_TIMEOUT 0, in the constructor, is "disabled here".
class UnlimitedClient {
public:
  UnlimitedClient() : handle_(curl_easy_init()) {
    curl_easy_setopt(handle_, CURLOPT_TIMEOUT, 0L);
  }
  ~UnlimitedClient() { curl_easy_cleanup(handle_); }

  void fetchUnlimited() {
    curl_easy_perform(handle_);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: curl_easy_perform on handle 'handle_' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+8]]:9: note: 'handle_' is declared here
    // CHECK-MESSAGES: :[[@LINE-8]]:5: note: the timeout is disabled here
    // CHECK-FIXES: {{^}}  void fetchUnlimited() {{{$}}
    // CHECK-FIXES-NEXT: {{^}}    curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    curl_easy_perform(handle_);{{$}}
  }

private:
  CURL *handle_;
};

// A lambda written in a member function is the class's code too.
void post(std::function<void()> task); // no body in this file

class Worker {
public:
  Worker() : handle_(curl_easy_init()) {}
  ~Worker() { curl_easy_cleanup(handle_); }

  void schedule() {
    post([this] {
      curl_easy_perform(handle_);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: curl_easy_perform on handle 'handle_' has no timeout and can wait forever for the server [leak-http-without-timeout]
      // CHECK-MESSAGES: :[[@LINE+8]]:9: note: 'handle_' is declared here
      // CHECK-FIXES: {{^}}    post([this] {{{$}}
      // CHECK-FIXES-NEXT: {{^}}      curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
      // CHECK-FIXES-NEXT: {{^}}      curl_easy_perform(handle_);{{$}}
    });
  }

private:
  CURL *handle_;
};

// A private getter is the member's own code: the call through it is the
// member's, and the fix reaches the handle the way the call did.
class Pooled {
public:
  Pooled() : handle_(curl_easy_init()) {}
  ~Pooled() { curl_easy_cleanup(handle_); }

  void fetchPooled() {
    curl_easy_perform(handle());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: curl_easy_perform on handle 'handle_' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+8]]:9: note: 'handle_' is declared here
    // CHECK-FIXES: {{^}}  void fetchPooled() {{{$}}
    // CHECK-FIXES-NEXT: {{^}}    curl_easy_setopt(handle(), CURLOPT_TIMEOUT_MS, 30000L);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    curl_easy_perform(handle());{{$}}
  }

private:
  CURL *handle() { return handle_; }
  CURL *handle_;
};

// ---- silent: a member with a timeout somewhere in its class --------------------

// Set in the constructor: safe wherever it is used.
class TimedClient {
public:
  TimedClient() : handle_(curl_easy_init()) {
    curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, 4000L);
  }
  ~TimedClient() { curl_easy_cleanup(handle_); }

  void fetch() { curl_easy_perform(handle_); }

private:
  CURL *handle_;
};

// Set by another member function, even one written after the transfer: a
// timeout anywhere in the class counts.
class ConfiguredLater {
public:
  ConfiguredLater() : handle_(curl_easy_init()) {}
  ~ConfiguredLater() { curl_easy_cleanup(handle_); }

  void fetch() { curl_easy_perform(handle_); }
  void limit(long seconds) { curl_easy_setopt(handle_, CURLOPT_TIMEOUT, seconds); }

private:
  CURL *handle_;
};

// ---- flagged: a variable with internal linkage, followed through the file ------

namespace {
CURL *sharedHandle = nullptr;
} // namespace

void initSharedHandle() { sharedHandle = curl_easy_init(); }

void useSharedHandle() {
  curl_easy_perform(sharedHandle);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'sharedHandle' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-8]]:7: note: 'sharedHandle' is declared here
  // CHECK-FIXES: {{^}}void useSharedHandle() {{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(sharedHandle, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(sharedHandle);{{$}}
}

// ---- flagged: hand-offs that cannot change the handle ---------------------------

// A pointer to const cannot be used to set an option.
void logHandle(const CURL *handle); // no body in this file

void passedAsPointerToConst() {
  CURL *curl = curl_easy_init();
  logHandle(curl);
  curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: handle 'curl' is created here
  // CHECK-FIXES: {{^}}  logHandle(curl);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  curl_easy_cleanup(curl);
}

// A copy of the pointer is the same handle under another name, followed
// where it is declared.
void copiedPointer() {
  CURL *curl = curl_easy_init();
  CURL *alias = curl;
  curl_easy_setopt(alias, CURLOPT_URL, "https://example.com/alias");
  curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-5]]:16: note: handle 'curl' is created here
  // CHECK-FIXES: {{^}}  curl_easy_setopt(alias, CURLOPT_URL, "https://example.com/alias");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  curl_easy_cleanup(curl);
}

// ...and a timeout set through the copy counts.
void timeoutThroughCopy() {
  CURL *curl = curl_easy_init();
  CURL *alias = curl;
  curl_easy_setopt(alias, CURLOPT_TIMEOUT, 9L);
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
}

// ---- flagged: what a factory of this file makes without a timeout ----------------

// Nothing in the caller names the handle: it is named as the factory names
// it, and the fix goes into the factory.
static CURL *newEasy() {
  CURL *easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_URL, "https://example.com/factory");
  return easy;
  // CHECK-FIXES: {{^}}  curl_easy_setopt(easy, CURLOPT_URL, "https://example.com/factory");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return easy;{{$}}
  // CHECK-FIXES-MS1500: {{^}}  curl_easy_setopt(easy, CURLOPT_URL, "https://example.com/factory");{{$}}
  // CHECK-FIXES-MS1500-NEXT: {{^}}  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 1500L);{{$}}
  // CHECK-FIXES-MS1500-NEXT: {{^}}  return easy;{{$}}
}

void performFactoryResult() {
  curl_easy_perform(newEasy());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'easy' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-12]]:3: note: 'newEasy' makes it here without a timeout
}

// Made right in the return statement: nothing there to set the option on,
// so no fix, but the note shows where the handle comes from.
static CURL *bareEasy() { return curl_easy_init(); }

void performBareFactoryResult() {
  CURL *c = bareEasy();
  curl_easy_perform(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'c' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-6]]:27: note: 'bareEasy' makes it here without a timeout
  // CHECK-FIXES: {{^}}  CURL *c = bareEasy();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(c);{{$}}
  curl_easy_cleanup(c);
}

// ---- silent: the caller sets the timeout on what the factory made ----------------

void timedBareFactoryResult() {
  CURL *c = bareEasy();
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 12L);
  curl_easy_perform(c);
  curl_easy_cleanup(c);
}

// ---- code in a lambda, judged across the function around it ----------------------

// The lambda's body is followed: nothing in the function sets a timeout, so
// the transfer it makes is reported there, and the fix goes before it.
void performInLambda() {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/lambda");
  auto run = [&] {
    curl_easy_perform(curl);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE-5]]:16: note: handle 'curl' is created here
    // CHECK-FIXES: {{^}}  auto run = [&] {{{$}}
    // CHECK-FIXES-NEXT: {{^}}    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    curl_easy_perform(curl);{{$}}
  };
  run();
  curl_easy_cleanup(curl);
}

// Silent: a lambda that sets the timeout, captured by copy and called before
// the transfer.
void timeoutInLambda() {
  CURL *curl = curl_easy_init();
  auto limit = [curl] { curl_easy_setopt(curl, CURLOPT_TIMEOUT, 5L); };
  limit();
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
}

// Silent: the timeout is set after the lambda is written, before it runs.
void timeoutBeforeLambdaRuns() {
  CURL *curl = curl_easy_init();
  auto run = [&] {
    curl_easy_perform(curl);
  };
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 2500L);
  run();
  curl_easy_cleanup(curl);
}

// ---- StrictMode: a public member with a timeout set before the call ---------------

// Silent even in StrictMode: whatever other code does with the member, the
// timeout is set right before the transfer.
class OpenTimed {
public:
  void fetch() {
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, 2000L);
    curl_easy_perform(handle);
  }
  CURL *handle = curl_easy_init();
};

// Its twin without the timeout: StrictMode's fix, before the call, silences it.
class OpenUntimed {
public:
  void fetchOpen() {
    curl_easy_perform(handle);
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:5: warning: curl_easy_perform on handle 'handle' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES-STRICT: :[[@LINE+5]]:9: note: 'handle' is declared here
    // CHECK-FIXES-STRICT: {{^}}  void fetchOpen() {{{$}}
    // CHECK-FIXES-STRICT-NEXT: {{^}}    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
    // CHECK-FIXES-STRICT-NEXT: {{^}}    curl_easy_perform(handle);{{$}}
  }
  CURL *handle = curl_easy_init();
};
