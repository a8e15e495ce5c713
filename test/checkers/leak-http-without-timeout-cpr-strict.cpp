// RUN: %check_leak_tidy %s leak-http-without-timeout %t -- -- -std=c++17 -I%S/../Inputs/cpr
// RUN: %check_leak_tidy --check-suffix=STRICT %s leak-http-without-timeout %t.strict -- -config="{CheckOptions: {leak-http-without-timeout.StrictMode: true}}" -- -std=c++17 -I%S/../Inputs/cpr

// cpr::Session objects the function did not make (parameters, a member bound
// to the caller's session) or that escape to an unknown function: nothing by
// default, reported with StrictMode, with the same fix. A private member of a
// class whose code is all here is no escape: it is reported in both runs.

#include <cpr/cpr.h>

const char *const kUrl = "http://example.com/api";

long byReference(cpr::Session &session) {
  session.SetUrl(cpr::Url{kUrl});
  return session.Get().status_code;
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:18: warning: Get on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES-STRICT: {{^}}  session.SetTimeout(cpr::Timeout{30000});{{$}}
  // CHECK-FIXES-STRICT-NEXT: {{^}}  return session.Get().status_code;{{$}}
}

void byPointer(cpr::Session *session) {
  session->Post();
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:12: warning: Post on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES-STRICT: {{^}}  session->SetTimeout(cpr::Timeout{30000});{{$}}
  // CHECK-FIXES-STRICT-NEXT: {{^}}  session->Post();{{$}}
}

// Followed across its class, which sets no timeout: reported by default too.
class Client {
public:
  long fetch() {
    session_.SetUrl(cpr::Url{kUrl});
    cpr::Response r = session_.Get();
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: Get on session 'session_' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+9]]:16: note: 'session_' is declared here
    // CHECK-FIXES: {{^}}    session_.SetTimeout(cpr::Timeout{30000});{{$}}
    // CHECK-FIXES-NEXT: {{^}}    cpr::Response r = session_.Get();{{$}}
    // CHECK-FIXES-STRICT: {{^}}    session_.SetTimeout(cpr::Timeout{30000});{{$}}
    // CHECK-FIXES-STRICT-NEXT: {{^}}    cpr::Response r = session_.Get();{{$}}
    return r.status_code;
  }

private:
  cpr::Session session_;
};

// A public member: code in other files may set its timeout. (The call sits in
// an unbraced `if`, where no fix is offered; OpenUntimed, at the end of the
// file, has StrictMode's fix for an escaping member.)
struct OpenClient {
  long fetch(bool ready) {
    if (ready)
      return session.Get().status_code;
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:22: warning: Get on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES-STRICT: :[[@LINE+4]]:16: note: 'session' is declared here
    return 0;
  }

  cpr::Session session;
};

// A member bound to a session the caller made: it may have a timeout.
class Borrowing {
public:
  explicit Borrowing(cpr::Session &session) : session_(session) {}
  long fetch() {
    return session_.Post().status_code;
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:21: warning: Post on session 'session_' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES-STRICT: :[[@LINE+6]]:17: note: 'session_' is declared here
    // CHECK-FIXES-STRICT: {{^}}    session_.SetTimeout(cpr::Timeout{30000});{{$}}
    // CHECK-FIXES-STRICT-NEXT: {{^}}    return session_.Post().status_code;{{$}}
  }

private:
  cpr::Session &session_;
};

// Set in the constructor: safe in StrictMode too.
class BorrowingTimed {
public:
  explicit BorrowingTimed(cpr::Session &session) : session_(session) {
    session_.SetTimeout(cpr::Timeout{2500});
  }
  long fetch() { return session_.Post().status_code; }

private:
  cpr::Session &session_;
};

void configure(cpr::Session &session); // defined elsewhere

long passedToUnknownFunction() {
  cpr::Session session;
  session.SetUrl(cpr::Url{kUrl});
  configure(session);
  return session.Head().status_code;
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:18: warning: Head on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES-STRICT: {{^}}  session.SetTimeout(cpr::Timeout{30000});{{$}}
  // CHECK-FIXES-STRICT-NEXT: {{^}}  return session.Head().status_code;{{$}}
}

// A timeout set in the function still counts in StrictMode.
long timedParameter(cpr::Session &session) {
  session.SetTimeout(cpr::Timeout{5000});
  return session.Get().status_code;
}

// Nothing names the session: StrictMode has nothing to report it by.
cpr::Session &sessionFor(int Shard);

long sessionFromCall() { return sessionFor(1).Get().status_code; }

// ---- a public member with a timeout set before the call ----------------------

// Silent even in StrictMode: whatever other code does with the member, the
// timeout is set right before the request.
struct OpenTimed {
  long fetch() {
    session.SetTimeout(cpr::Timeout{5000});
    return session.Get().status_code;
  }
  cpr::Session session;
};

// Its twin without the timeout: StrictMode's fix, before the call, silences it.
struct OpenUntimed {
  long fetchOpen() {
    return session.Get().status_code;
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:20: warning: Get on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES-STRICT: :[[@LINE+5]]:16: note: 'session' is declared here
    // CHECK-FIXES-STRICT: {{^}}  long fetchOpen() {{{$}}
    // CHECK-FIXES-STRICT-NEXT: {{^}}    session.SetTimeout(cpr::Timeout{30000});{{$}}
    // CHECK-FIXES-STRICT-NEXT: {{^}}    return session.Get().status_code;{{$}}
  }
  cpr::Session session;
};
