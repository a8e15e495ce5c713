// RUN: %check_leak_tidy %s leak-http-without-timeout %t -- -- -std=c++17 -I%S/../Inputs/cpr
// RUN: %check_leak_tidy --check-suffix=STRICT %s leak-http-without-timeout %t.strict -- -config="{CheckOptions: {leak-http-without-timeout.StrictMode: true}}" -- -std=c++17 -I%S/../Inputs/cpr

// cpr::Session objects the function did not make (parameters, members) or
// that escape to an unknown function: nothing by default (the first RUN
// expects no diagnostics and no change), reported with StrictMode, with the
// same fix.

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

class Client {
public:
  long fetch() {
    session_.SetUrl(cpr::Url{kUrl});
    cpr::Response r = session_.Get();
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:32: warning: Get on session 'session_' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-FIXES-STRICT: {{^}}    session_.SetTimeout(cpr::Timeout{30000});{{$}}
    // CHECK-FIXES-STRICT-NEXT: {{^}}    cpr::Response r = session_.Get();{{$}}
    return r.status_code;
  }

private:
  cpr::Session session_;
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
