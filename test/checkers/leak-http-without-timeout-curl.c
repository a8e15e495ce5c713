// RUN: %check_leak_tidy %s leak-http-without-timeout %t -- -- -std=c11
// RUN: %check_leak_tidy --check-suffix=TYPECHECK %s leak-http-without-timeout %t.typecheck -- -- -std=c11 -DLEAK_TIDY_TEST_TYPECHECK

// libcurl from C, with the real <curl/curl.h>. Clang reports itself as GCC 4.2,
// so curl 7.88 gives it the plain "exactly three arguments" macro; GCC (and
// Clang from curl 8.16) get the type-checking macro of <curl/typecheck-gcc.h>,
// a statement expression that copies the option into a local:
//   __extension__({ CURLoption _curl_opt = (option); ...
//                   curl_easy_setopt(handle, _curl_opt, value); })
// The TYPECHECK run installs that macro, so every curl_easy_setopt below,
// including the ones the fixes insert, goes through it. A file-scope static is
// followed through every function of the file that names it, and a handle made
// by a factory of this file is judged in the factory.

#include <curl/curl.h>
#ifdef LEAK_TIDY_TEST_TYPECHECK
#undef curl_easy_setopt
#include <curl/typecheck-gcc.h>
#endif

#include <stdio.h>

void configureElsewhere(CURL *handle); /* no body in this file */

static void applyTimeout(CURL *handle) {
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, 5000L);
}

static void applyUrl(CURL *handle, const char *url) {
  curl_easy_setopt(handle, CURLOPT_URL, url);
}

// ---- flagged ----------------------------------------------------------------

void plain(void) {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/plain");
  curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: handle 'curl' is created here
  // CHECK-FIXES: {{^}}  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/plain");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  // CHECK-FIXES-TYPECHECK: {{^}}  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/plain");{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  curl_easy_cleanup(curl);
}

// Declared first, assigned later.
void assigned(void) {
  CURL *curl;
  curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/assigned");
  curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: handle 'curl' is created here
  // CHECK-FIXES: {{^}}  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/assigned");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  // CHECK-FIXES-TYPECHECK: {{^}}  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/assigned");{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  curl_easy_cleanup(curl);
}

// The shape of curl's own examples (simple.c).
int exampleShape(void) {
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
    // CHECK-FIXES-TYPECHECK: {{^}}    curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/example");{{$}}
    // CHECK-FIXES-TYPECHECK-NEXT: {{^}}    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);{{$}}
    // CHECK-FIXES-TYPECHECK-NEXT: {{^}}    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
    // CHECK-FIXES-TYPECHECK-NEXT: {{^}}    CURLcode res = curl_easy_perform(curl);{{$}}
    if (res != CURLE_OK)
      fprintf(stderr, "failed: %s\n", curl_easy_strerror(res));
    curl_easy_cleanup(curl);
  }
  return 0;
}

int checkedPerform(void) {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/checked");
  int ok = 1;
  if (curl_easy_perform(curl) != CURLE_OK) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE-5]]:16: note: handle 'curl' is created here
    // CHECK-FIXES: {{^}}  int ok = 1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
    // CHECK-FIXES-NEXT: {{^}}  if (curl_easy_perform(curl) != CURLE_OK) {{{$}}
    // CHECK-FIXES-TYPECHECK: {{^}}  int ok = 1;{{$}}
    // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
    // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  if (curl_easy_perform(curl) != CURLE_OK) {{{$}}
    ok = 0;
  }
  curl_easy_cleanup(curl);
  return ok;
}

// Options other than the transfer timeouts do not count, through either macro.
void connectTimeoutOnly(void) {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 3000L);
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/connect");
  curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-5]]:16: note: handle 'curl' is created here
  // CHECK-FIXES: {{^}}  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/connect");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  // CHECK-FIXES-TYPECHECK: {{^}}  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/connect");{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  curl_easy_cleanup(curl);
}

void timeoutDisabled(void) {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/disabled");
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 0L);
  curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES-DAG: :[[@LINE-5]]:16: note: handle 'curl' is created here
  // CHECK-MESSAGES-DAG: :[[@LINE-4]]:3: note: the timeout is disabled here
  // CHECK-FIXES: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 0L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  // CHECK-FIXES-TYPECHECK: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 0L);{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  curl_easy_cleanup(curl);
}

void helperWithoutTimeout(void) {
  CURL *curl = curl_easy_init();
  applyUrl(curl, "https://example.com/helper-url");
  curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: handle 'curl' is created here
  // CHECK-FIXES: {{^}}  applyUrl(curl, "https://example.com/helper-url");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  // CHECK-FIXES-TYPECHECK: {{^}}  applyUrl(curl, "https://example.com/helper-url");{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  curl_easy_cleanup(curl);
}

void multiAdd(void) {
  CURLM *multi = curl_multi_init();
  CURL *easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_URL, "https://example.com/multi");
  curl_multi_add_handle(multi, easy);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_multi_add_handle on handle 'easy' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: handle 'easy' is created here
  // CHECK-FIXES: {{^}}  curl_easy_setopt(easy, CURLOPT_URL, "https://example.com/multi");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_multi_add_handle(multi, easy);{{$}}
  // CHECK-FIXES-TYPECHECK: {{^}}  curl_easy_setopt(easy, CURLOPT_URL, "https://example.com/multi");{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_multi_add_handle(multi, easy);{{$}}
  int running = 0;
  curl_multi_perform(multi, &running);
  curl_multi_remove_handle(multi, easy);
  curl_easy_cleanup(easy);
  curl_multi_cleanup(multi);
}

void dupOfUntimed(void) {
  CURL *base = curl_easy_init();
  curl_easy_setopt(base, CURLOPT_URL, "https://example.com/dup-untimed");
  CURL *copy = curl_easy_duphandle(base);
  curl_easy_perform(copy);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'copy' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: handle 'copy' is created here
  // CHECK-FIXES: {{^}}  CURL *copy = curl_easy_duphandle(base);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(copy, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(copy);{{$}}
  // CHECK-FIXES-TYPECHECK: {{^}}  CURL *copy = curl_easy_duphandle(base);{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_setopt(copy, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_perform(copy);{{$}}
  curl_easy_cleanup(copy);
  curl_easy_cleanup(base);
}

// Not directly in a {} block: the warning stays, no fix.
void unbracedIf(int go) {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/unbraced");
  if (go) curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: handle 'curl' is created here
  // CHECK-FIXES: {{^}}  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/unbraced");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  if (go) curl_easy_perform(curl);{{$}}
  // CHECK-FIXES-TYPECHECK: {{^}}  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/unbraced");{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  if (go) curl_easy_perform(curl);{{$}}
  curl_easy_cleanup(curl);
}

// ---- silent: a timeout can be set before the call -----------------------------

void timeoutSeconds(void) {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/seconds");
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 20L);
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
}

int timeoutMilliseconds(void) {
  CURL *curl = curl_easy_init();
  if (curl) {
    curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/ms");
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 2500L);
    CURLcode res = curl_easy_perform(curl);
    if (res != CURLE_OK)
      fprintf(stderr, "failed: %s\n", curl_easy_strerror(res));
    curl_easy_cleanup(curl);
  }
  return 0;
}

// The setopt's own result is checked: the macro's value is the call's.
int checkedSetopt(void) {
  CURL *curl = curl_easy_init();
  if (curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 4000L) != CURLE_OK) {
    curl_easy_cleanup(curl);
    return 1;
  }
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  return 0;
}

void lowSpeedTime(void) {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/low-speed");
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
}

void timeoutOnOneBranch(int slowServer) {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/branch");
  if (slowServer)
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
}

void timeoutLaterInLoop(int rounds) {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/loop");
  for (int i = 0; i < rounds; ++i) {
    curl_easy_perform(curl);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 5000L);
  }
  curl_easy_cleanup(curl);
}

void helperWithTimeout(void) {
  CURL *curl = curl_easy_init();
  applyUrl(curl, "https://example.com/helper-timeout");
  applyTimeout(curl);
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
}

void dupOfTimed(void) {
  CURL *base = curl_easy_init();
  curl_easy_setopt(base, CURLOPT_URL, "https://example.com/dup-timed");
  curl_easy_setopt(base, CURLOPT_TIMEOUT, 15L);
  CURL *copy = curl_easy_duphandle(base);
  curl_easy_perform(copy);
  curl_easy_cleanup(copy);
  curl_easy_cleanup(base);
}

void multiAddTimed(void) {
  CURLM *multi = curl_multi_init();
  CURL *easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_URL, "https://example.com/multi-timed");
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, 30L);
  curl_multi_add_handle(multi, easy);
  int running = 0;
  curl_multi_perform(multi, &running);
  curl_multi_remove_handle(multi, easy);
  curl_easy_cleanup(easy);
  curl_multi_cleanup(multi);
}

// ---- silent: the handle comes from elsewhere or escapes ----------------------

void handleParameter(CURL *handle) { curl_easy_perform(handle); }

// A global with external linkage: code in other files can set its timeout.
CURL *gExported;

void initExported(void) { gExported = curl_easy_init(); }

void exportedHandle(void) { curl_easy_perform(gExported); }

void passedToOpaqueFunction(void) {
  CURL *curl = curl_easy_init();
  configureElsewhere(curl);
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
}

CURL *performAndReturn(void) {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/returned");
  curl_easy_perform(curl);
  return curl;
}

// ---- silent: transfers that cannot wait forever ------------------------------

// CONNECT_ONLY stops after connecting, and connecting has libcurl's default
// 300 s connect timeout.
void connectOnly(void) {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/");
  curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
}

// A file:// URL has no server to wait for.
void localFile(void) {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, "file:///tmp/upload.bin");
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
}

// ---- flagged: a handle only tested by a condition does not escape -------------

void testedWithAnd(CURLM *multi) {
  CURL *curl = curl_easy_init();
  if (curl && multi) {
    curl_easy_setopt(curl, CURLOPT_URL, "https://example.com/and");
    curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 0L);
    curl_multi_add_handle(multi, curl);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: curl_multi_add_handle on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE-6]]:16: note: handle 'curl' is created here
    // CHECK-FIXES: {{^}}    curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 0L);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    curl_multi_add_handle(multi, curl);{{$}}
    // CHECK-FIXES-TYPECHECK: {{^}}    curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 0L);{{$}}
    // CHECK-FIXES-TYPECHECK-NEXT: {{^}}    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
    // CHECK-FIXES-TYPECHECK-NEXT: {{^}}    curl_multi_add_handle(multi, curl);{{$}}
  }
}

// ---- flagged: a file-scope static, followed through the functions naming it --

// Only this file can reach a static: curl_easy_init in one function, the
// transfer in another, and no timeout in any of them.
static CURL *gShared;

void initShared(void) { gShared = curl_easy_init(); }

void globalHandle(void) {
  curl_easy_setopt(gShared, CURLOPT_URL, "https://example.com/shared");
  curl_easy_perform(gShared);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'gShared' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-8]]:14: note: 'gShared' is declared here
  // CHECK-FIXES: {{^}}  curl_easy_setopt(gShared, CURLOPT_URL, "https://example.com/shared");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(gShared, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(gShared);{{$}}
  // CHECK-FIXES-TYPECHECK: {{^}}  curl_easy_setopt(gShared, CURLOPT_URL, "https://example.com/shared");{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_setopt(gShared, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_perform(gShared);{{$}}
}

// An explicit 0 in the function that makes it is no timeout.
static CURL *gUnlimited;

void initUnlimited(void) {
  gUnlimited = curl_easy_init();
  curl_easy_setopt(gUnlimited, CURLOPT_TIMEOUT, 0L);
}

void unlimitedHandle(void) {
  curl_easy_perform(gUnlimited);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'gUnlimited' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-10]]:14: note: 'gUnlimited' is declared here
  // CHECK-MESSAGES: :[[@LINE-7]]:3: note: the timeout is disabled here
  // CHECK-FIXES: {{^}}void unlimitedHandle(void) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(gUnlimited, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(gUnlimited);{{$}}
  // CHECK-FIXES-TYPECHECK: {{^}}void unlimitedHandle(void) {{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_setopt(gUnlimited, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_perform(gUnlimited);{{$}}
}

// ---- silent: a file-scope static with a timeout somewhere in the file ------

// Set where the handle is made: it holds for every transfer.
static CURL *gTimed;

void initTimed(void) {
  gTimed = curl_easy_init();
  curl_easy_setopt(gTimed, CURLOPT_TIMEOUT_MS, 7000L);
}

void timedHandle(void) { curl_easy_perform(gTimed); }

// Set in a function written after the transfer: any function of the file
// counts (precision before recall).
static CURL *gLate;

void lateHandle(void) { curl_easy_perform(gLate); }

void initLate(void) {
  gLate = curl_easy_init();
  curl_easy_setopt(gLate, CURLOPT_TIMEOUT, 12L);
}

// Made by a function of another file: it may well set a timeout.
CURL *makeHandleElsewhere(void);

static CURL *gForeign;

void initForeign(void) { gForeign = makeHandleElsewhere(); }

void foreignHandle(void) { curl_easy_perform(gForeign); }

// ---- flagged: a factory of this file that sets no timeout ------------------

// The caller is reported, with a note at the factory's return; the fix goes
// into the factory, where one edit serves every caller.
static CURL *newEasy(const char *url) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, url);
  return h;
  // CHECK-FIXES: {{^}}  curl_easy_setopt(h, CURLOPT_URL, url);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return h;{{$}}
  // CHECK-FIXES-TYPECHECK: {{^}}  curl_easy_setopt(h, CURLOPT_URL, url);{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  return h;{{$}}
}

void fromFactory(void) {
  CURL *curl = newEasy("https://example.com/factory");
  curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-13]]:3: note: 'newEasy' makes it here without a timeout
  // CHECK-FIXES: {{^}}  CURL *curl = newEasy("https://example.com/factory");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  // CHECK-FIXES-TYPECHECK: {{^}}  CURL *curl = newEasy("https://example.com/factory");{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_perform(curl);{{$}}
  curl_easy_cleanup(curl);
}

// A factory with two returns gets the timeout before each of them.
static CURL *newEasyFor(int secure) {
  CURL *h = curl_easy_init();
  if (secure) {
    curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    return h;
  }
  curl_easy_setopt(h, CURLOPT_URL, "http://example.com/plain-factory");
  return h;
  // CHECK-FIXES: {{^}}    curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return h;{{$}}
  // CHECK-FIXES: {{^}}  curl_easy_setopt(h, CURLOPT_URL, "http://example.com/plain-factory");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return h;{{$}}
  // CHECK-FIXES-TYPECHECK: {{^}}    curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}    return h;{{$}}
  // CHECK-FIXES-TYPECHECK: {{^}}  curl_easy_setopt(h, CURLOPT_URL, "http://example.com/plain-factory");{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 30000L);{{$}}
  // CHECK-FIXES-TYPECHECK-NEXT: {{^}}  return h;{{$}}
}

void fromFactoryWithTwoReturns(void) {
  CURL *curl = newEasyFor(1);
  curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: curl_easy_perform on handle 'curl' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-22]]:5: note: 'newEasyFor' makes it here without a timeout
  curl_easy_cleanup(curl);
}

// ---- silent: what a factory returns carries the factory's timeout ----------

static CURL *newTimedEasy(const char *url) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L);
  return h;
}

void fromTimedFactory(void) {
  CURL *curl = newTimedEasy("https://example.com/timed-factory");
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
}

// A factory that returns what it was given makes nothing: an escape.
static CURL *withUrl(CURL *h, const char *url) {
  curl_easy_setopt(h, CURLOPT_URL, url);
  return h;
}

void fromPassThrough(CURL *given) {
  CURL *curl = withUrl(given, "https://example.com/pass-through");
  curl_easy_perform(curl);
}
