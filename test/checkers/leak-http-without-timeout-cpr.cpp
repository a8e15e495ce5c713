// RUN: %check_leak_tidy %s leak-http-without-timeout %t -- -- -std=c++17 -I%S/../Inputs/cpr

// cpr (C++ Requests) 1.10. A free request function with no cpr::Timeout
// argument gets `, cpr::Timeout{30000}` appended; a local cpr::Session used
// without SetTimeout gets `session.SetTimeout(cpr::Timeout{30000});` on its
// own line before the statement. A private member session is followed across
// its class, and one from a factory of this file into the factory. Sessions
// that escape are left alone (leak-http-without-timeout-cpr-strict.cpp has
// StrictMode).

#include <cpr/cpr.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <utility>

const char *const kUrl = "http://example.com/api";

// ---- free functions ------------------------------------------------------

long freeGet() {
  cpr::Response r = cpr::Get(cpr::Url{kUrl});
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: cpr::Get has no cpr::Timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  cpr::Response r = cpr::Get(cpr::Url{kUrl}, cpr::Timeout{30000});{{$}}
  return r.status_code;
}

long noArguments() {
  cpr::Response r = cpr::Get();
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: cpr::Get has no cpr::Timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  cpr::Response r = cpr::Get(cpr::Timeout{30000});{{$}}
  return r.status_code;
}

void everyVerb() {
  cpr::Post(cpr::Url{kUrl}, cpr::Body{"{}"}, cpr::Header{{"Content-Type", "application/json"}});
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: cpr::Post has no cpr::Timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  cpr::Post(cpr::Url{kUrl}, cpr::Body{"{}"}, cpr::Header{{[{][{]}}"Content-Type", "application/json"}}, cpr::Timeout{30000});{{$}}
  cpr::Put(cpr::Url{kUrl}, cpr::Body{"x"});
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: cpr::Put has no cpr::Timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  cpr::Put(cpr::Url{kUrl}, cpr::Body{"x"}, cpr::Timeout{30000});{{$}}
  cpr::Patch(cpr::Url{kUrl}, cpr::Body{"x"});
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: cpr::Patch has no cpr::Timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  cpr::Patch(cpr::Url{kUrl}, cpr::Body{"x"}, cpr::Timeout{30000});{{$}}
  cpr::Delete(cpr::Url{kUrl}, cpr::Authentication{"user", "pass", cpr::AuthMode::BASIC});
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: cpr::Delete has no cpr::Timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  cpr::Delete(cpr::Url{kUrl}, cpr::Authentication{"user", "pass", cpr::AuthMode::BASIC}, cpr::Timeout{30000});{{$}}
  cpr::Head(cpr::Url{kUrl});
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: cpr::Head has no cpr::Timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  cpr::Head(cpr::Url{kUrl}, cpr::Timeout{30000});{{$}}
  cpr::Options(cpr::Url{kUrl});
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: cpr::Options has no cpr::Timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  cpr::Options(cpr::Url{kUrl}, cpr::Timeout{30000});{{$}}
}

long multiLine() {
  // The text goes before the call's own `)`, on its last line.
  cpr::Response r = cpr::Get(cpr::Url{kUrl},
                             cpr::Parameters{{"q", "leak"}, {"page", "1"}});
  // CHECK-MESSAGES: :[[@LINE-2]]:26: warning: cpr::Get has no cpr::Timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  cpr::Response r = cpr::Get(cpr::Url{kUrl},{{$}}
  // CHECK-FIXES-NEXT: {{^}}                             cpr::Parameters{{[{][{]}}"q", "leak"}, {"page", "1"}}, cpr::Timeout{30000});{{$}}
  return r.status_code;
}

long asyncAndCallback() {
  cpr::AsyncResponse pending = cpr::GetAsync(cpr::Url{kUrl});
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: cpr::GetAsync has no cpr::Timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  cpr::AsyncResponse pending = cpr::GetAsync(cpr::Url{kUrl}, cpr::Timeout{30000});{{$}}
  auto done = cpr::PostCallback([](cpr::Response r) { return r.status_code; }, cpr::Url{kUrl}, cpr::Body{"x"});
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: cpr::PostCallback has no cpr::Timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  auto done = cpr::PostCallback([](cpr::Response r) { return r.status_code; }, cpr::Url{kUrl}, cpr::Body{"x"}, cpr::Timeout{30000});{{$}}
  return pending.get().status_code + done.get();
}

void download() {
  std::ofstream file("page.html");
  cpr::Download(file, cpr::Url{kUrl});
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: cpr::Download has no cpr::Timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  cpr::Download(file, cpr::Url{kUrl}, cpr::Timeout{30000});{{$}}
  cpr::AsyncResponse pending = cpr::DownloadAsync("page.html", cpr::Url{kUrl});
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: cpr::DownloadAsync has no cpr::Timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  cpr::AsyncResponse pending = cpr::DownloadAsync("page.html", cpr::Url{kUrl}, cpr::Timeout{30000});{{$}}
}

long unqualified() {
  // The message names cpr::Get however the call is spelled.
  using namespace cpr;
  Response r = Get(Url{kUrl});
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: cpr::Get has no cpr::Timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  Response r = Get(Url{kUrl}, cpr::Timeout{30000});{{$}}
  return r.status_code;
}

void connectTimeoutOnly() {
  // ConnectTimeout derives from Timeout in cpr, but bounds only the connect.
  cpr::Get(cpr::Url{kUrl}, cpr::ConnectTimeout{2000});
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: cpr::Get has no cpr::Timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  cpr::Get(cpr::Url{kUrl}, cpr::ConnectTimeout{2000}, cpr::Timeout{30000});{{$}}
}

long disabledTimeout() {
  // Timeout{0} is curl's "no timeout". Appending a second Timeout would hide
  // the explicit 0, so there is no fix.
  cpr::Response r = cpr::Get(cpr::Url{kUrl}, cpr::Timeout{0});
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: cpr::Get has no cpr::Timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:46: note: the timeout is disabled here
  // CHECK-FIXES: {{^}}  cpr::Response r = cpr::Get(cpr::Url{kUrl}, cpr::Timeout{0});{{$}}
  return r.status_code;
}

long withTimeout() {
  cpr::Response r = cpr::Get(cpr::Url{kUrl}, cpr::Timeout{5000});
  cpr::Post(cpr::Timeout{std::chrono::seconds(10)}, cpr::Url{kUrl}, cpr::Body{"x"});
  cpr::Timeout limit{std::chrono::milliseconds(2500)};
  cpr::Put(cpr::Url{kUrl}, limit);
  cpr::Head(cpr::Url{kUrl}, cpr::ConnectTimeout{1000}, cpr::Timeout{5000});
  cpr::AsyncResponse pending = cpr::DeleteAsync(cpr::Url{kUrl}, cpr::Timeout{1000});
  auto done = cpr::GetCallback([](cpr::Response resp) { return resp.status_code; }, cpr::Url{kUrl}, cpr::Timeout{1000});
  std::ofstream file("page.html");
  cpr::Download(file, cpr::Url{kUrl}, cpr::Timeout{60000});
  return r.status_code + pending.get().status_code + done.get();
}

// A wrapper that forwards its pack: the caller's arguments decide, and the
// check cannot tell which instantiation a reader should change.
template <typename... Opts>
cpr::Response fetch(Opts &&...opts) {
  return cpr::Get(cpr::Url{kUrl}, std::forward<Opts>(opts)...);
}

long throughWrapper() {
  return fetch(cpr::Timeout{1000}).status_code +
         fetch(cpr::Parameters{{"q", "x"}}).status_code;
}

// ---- cpr::Session --------------------------------------------------------

long sessionGet() {
  cpr::Session session;
  session.SetUrl(cpr::Url{kUrl});
  session.SetHeader(cpr::Header{{"Accept", "application/json"}});
  cpr::Response r = session.Get();
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: Get on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  session.SetTimeout(cpr::Timeout{30000});{{$}}
  // CHECK-FIXES-NEXT: {{^}}  cpr::Response r = session.Get();{{$}}
  return r.status_code;
}

void sessionInLoop(int pages) {
  cpr::Session s;
  s.SetUrl(cpr::Url{kUrl});
  for (int i = 0; i < pages; ++i) {
    s.SetParameters(cpr::Parameters{{"page", std::to_string(i)}});
    s.Post();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: Post on session 's' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-FIXES: {{^}}    s.SetTimeout(cpr::Timeout{30000});{{$}}
    // CHECK-FIXES-NEXT: {{^}}    s.Post();{{$}}
  }
}

long sharedSession() {
  auto session = std::make_shared<cpr::Session>();
  session->SetUrl(cpr::Url{kUrl});
  cpr::AsyncResponse pending = session->GetAsync();
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: GetAsync on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  session->SetTimeout(cpr::Timeout{30000});{{$}}
  // CHECK-FIXES-NEXT: {{^}}  cpr::AsyncResponse pending = session->GetAsync();{{$}}
  return pending.get().status_code;
}

void uniqueSession() {
  std::ofstream file("page.html");
  auto session = std::make_unique<cpr::Session>();
  session->SetUrl(cpr::Url{kUrl});
  session->Download(file);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: Download on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  session->SetTimeout(cpr::Timeout{30000});{{$}}
  // CHECK-FIXES-NEXT: {{^}}  session->Download(file);{{$}}
}

void newSession() {
  cpr::Session *session = new cpr::Session;
  session->SetUrl(cpr::Url{kUrl});
  session->Delete();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: Delete on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  session->SetTimeout(cpr::Timeout{30000});{{$}}
  // CHECK-FIXES-NEXT: {{^}}  session->Delete();{{$}}
  delete session;
}

void connectTimeoutOnlySession() {
  cpr::Session session;
  session.SetUrl(cpr::Url{kUrl});
  session.SetConnectTimeout(cpr::ConnectTimeout{1000});
  session.Head();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: Head on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  session.SetTimeout(cpr::Timeout{30000});{{$}}
  // CHECK-FIXES-NEXT: {{^}}  session.Head();{{$}}
}

void connectTimeoutOption() {
  cpr::Session session;
  session.SetOption(cpr::Url{kUrl});
  session.SetOption(cpr::ConnectTimeout{1000});
  session.Options();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: Options on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  session.SetTimeout(cpr::Timeout{30000});{{$}}
  // CHECK-FIXES-NEXT: {{^}}  session.Options();{{$}}
}

void disabledSessionTimeout() {
  cpr::Session session;
  session.SetUrl(cpr::Url{kUrl});
  session.SetTimeout(cpr::Timeout{0});
  session.Patch();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: Patch on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: the timeout is disabled here
  // CHECK-FIXES: {{^}}  session.SetTimeout(cpr::Timeout{0});{{$}}
  // CHECK-FIXES-NEXT: {{^}}  session.SetTimeout(cpr::Timeout{30000});{{$}}
  // CHECK-FIXES-NEXT: {{^}}  session.Patch();{{$}}
}

long timeoutAfterTheCall() {
  cpr::Session session;
  session.SetUrl(cpr::Url{kUrl});
  cpr::Response r = session.Get();
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: Get on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  session.SetTimeout(cpr::Timeout{30000});{{$}}
  // CHECK-FIXES-NEXT: {{^}}  cpr::Response r = session.Get();{{$}}
  session.SetTimeout(cpr::Timeout{5000});
  return r.status_code + session.Get().status_code;
}

void unbracedIf(bool ok) {
  // The statement is not directly in a {} block: the warning stays, no fix.
  cpr::Session session;
  session.SetUrl(cpr::Url{kUrl});
  if (ok)
    session.Put();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: Put on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  if (ok){{$}}
  // CHECK-FIXES-NEXT: {{^}}    session.Put();{{$}}
}

void addHeaders(cpr::Session &session) {
  session.SetHeader(cpr::Header{{"User-Agent", "leak-tidy"}});
}

long helperWithoutTimeout() {
  // The helper's body is visible and sets no timeout.
  cpr::Session session;
  session.SetUrl(cpr::Url{kUrl});
  addHeaders(session);
  return session.Get().status_code;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: Get on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  session.SetTimeout(cpr::Timeout{30000});{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return session.Get().status_code;{{$}}
}

// ---- sessions with a timeout ---------------------------------------------

long sessionWithTimeout() {
  cpr::Session session;
  session.SetUrl(cpr::Url{kUrl});
  session.SetTimeout(cpr::Timeout{5000});
  return session.Get().status_code;
}

long sessionWithChronoTimeout() {
  cpr::Session session;
  session.SetUrl(cpr::Url{kUrl});
  session.SetTimeout(std::chrono::seconds(5));
  return session.Post().status_code;
}

long sessionWithSetOption() {
  auto session = std::make_shared<cpr::Session>();
  session->SetOption(cpr::Url{kUrl});
  session->SetOption(cpr::Timeout{std::chrono::milliseconds(1500)});
  return session->Get().status_code;
}

long timeoutOnOnePath(bool slowServer) {
  // Set on some path before the call: the check trusts the author.
  cpr::Session session;
  session.SetUrl(cpr::Url{kUrl});
  if (slowServer) {
    session.SetTimeout(cpr::Timeout{120000});
  }
  return session.Get().status_code;
}

void applyDefaults(cpr::Session &session) {
  session.SetTimeout(cpr::Timeout{10000});
  session.SetHeader(cpr::Header{{"User-Agent", "leak-tidy"}});
}

long configuredByHelper() {
  cpr::Session session;
  session.SetUrl(cpr::Url{kUrl});
  applyDefaults(session);
  return session.Get().status_code;
}

// ---- sessions the check cannot follow (reported only in StrictMode) ------

long sessionParameter(cpr::Session &session) {
  return session.Get().status_code;
}

cpr::Session globalSession;

long useGlobal() { return globalSession.Get().status_code; }

void configure(cpr::Session &session); // defined elsewhere

long passedToUnknownFunction() {
  cpr::Session session;
  session.SetUrl(cpr::Url{kUrl});
  configure(session);
  return session.Get().status_code;
}

cpr::Session returned() {
  cpr::Session session;
  session.SetUrl(cpr::Url{kUrl});
  session.Head();
  return session;
}

// A reference bound to the session is the session under another name.
long referenceAlias() {
  cpr::Session session;
  cpr::Session &alias = session;
  alias.SetUrl(cpr::Url{kUrl});
  return alias.Get().status_code;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: Get on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  alias.SetTimeout(cpr::Timeout{30000});{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return alias.Get().status_code;{{$}}
}

// A public member: any code can set its timeout.
class PublicClient {
public:
  long fetch() {
    session.SetUrl(cpr::Url{kUrl});
    return session.Get().status_code;
  }

  cpr::Session session;
};

// A member function declared here and defined in another file can reach it.
class SplitClient {
public:
  void configure(); // defined elsewhere
  long fetch() { return session_.Get().status_code; }

private:
  cpr::Session session_;
};

// A public function hands out a reference to it.
class ExposingClient {
public:
  cpr::Session &session() { return session_; }
  long fetch() { return session_.Get().status_code; }

private:
  cpr::Session session_;
};

// Passed by non-const reference to a function this file does not show.
class ConfiguredElsewhere {
public:
  ConfiguredElsewhere() { configure(session_); }
  long fetch() { return session_.Get().status_code; }

private:
  cpr::Session session_;
};

// A friend can reach the private member.
class FriendlyClient {
  friend class Auditor;

public:
  long fetch() { return session_.Get().status_code; }

private:
  cpr::Session session_;
};

// ---- a member session, followed across its class --------------------------

// Private, every member function defined here, no friends, no timeout
// anywhere in the class: reported like a local, with a note at the member.
class Client {
public:
  long fetch() {
    session_.SetUrl(cpr::Url{kUrl});
    return session_.Get().status_code;
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: Get on session 'session_' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+7]]:16: note: 'session_' is declared here
    // CHECK-FIXES: {{^}}    session_.SetUrl(cpr::Url{kUrl});{{$}}
    // CHECK-FIXES-NEXT: {{^}}    session_.SetTimeout(cpr::Timeout{30000});{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return session_.Get().status_code;{{$}}
  }

private:
  cpr::Session session_;
};

// Protected in a class of this file that nothing derives from elsewhere.
class ProtectedClient {
public:
  long head() { return session_.Head().status_code; }
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: Head on session 'session_' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE+4]]:16: note: 'session_' is declared here
  // CHECK-FIXES: {{^}}  long head() { session_.SetTimeout(cpr::Timeout{30000}); return session_.Head().status_code; }{{$}}

protected:
  cpr::Session session_;
};

// Held through a shared_ptr made in the constructor: the fix uses `->`.
class SharedClient {
public:
  SharedClient() : session_(std::make_shared<cpr::Session>()) {}
  long post() {
    session_->SetUrl(cpr::Url{kUrl});
    return session_->Post().status_code;
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: Post on session 'session_' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+7]]:33: note: 'session_' is declared here
    // CHECK-FIXES: {{^}}    session_->SetUrl(cpr::Url{kUrl});{{$}}
    // CHECK-FIXES-NEXT: {{^}}    session_->SetTimeout(cpr::Timeout{30000});{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return session_->Post().status_code;{{$}}
  }

private:
  std::shared_ptr<cpr::Session> session_;
};

// Timeout{0} in the constructor is "disabled here".
class UnlimitedClient {
public:
  UnlimitedClient() { session_.SetTimeout(cpr::Timeout{0}); }
  long patch() {
    session_.SetUrl(cpr::Url{kUrl});
    return session_.Patch().status_code;
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: Patch on session 'session_' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+8]]:16: note: 'session_' is declared here
    // CHECK-MESSAGES: :[[@LINE-6]]:32: note: the timeout is disabled here
    // CHECK-FIXES: {{^}}    session_.SetUrl(cpr::Url{kUrl});{{$}}
    // CHECK-FIXES-NEXT: {{^}}    session_.SetTimeout(cpr::Timeout{30000});{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return session_.Patch().status_code;{{$}}
  }

private:
  cpr::Session session_;
};

// A private getter is the member's own code; the fix goes through it.
class GetterClient {
public:
  long put() {
    session().SetUrl(cpr::Url{kUrl});
    return session().Put().status_code;
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: Put on session 'session_' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+8]]:16: note: 'session_' is declared here
    // CHECK-FIXES: {{^}}    session().SetUrl(cpr::Url{kUrl});{{$}}
    // CHECK-FIXES-NEXT: {{^}}    session().SetTimeout(cpr::Timeout{30000});{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return session().Put().status_code;{{$}}
  }

private:
  cpr::Session &session() { return session_; }
  cpr::Session session_;
};

// A const reference cannot change the session: no escape.
void logSession(const cpr::Session &session); // defined elsewhere

class LoggingClient {
public:
  long options() {
    logSession(session_);
    return session_.Options().status_code;
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: Options on session 'session_' has no timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+7]]:16: note: 'session_' is declared here
    // CHECK-FIXES: {{^}}    logSession(session_);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    session_.SetTimeout(cpr::Timeout{30000});{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return session_.Options().status_code;{{$}}
  }

private:
  cpr::Session session_;
};

// The timeout is set in the constructor: safe wherever the session is used.
class TimedClient {
public:
  TimedClient() { session_.SetTimeout(cpr::Timeout{5000}); }
  long fetch() { return session_.Get().status_code; }
  long post() { return session_.Post().status_code; }

private:
  cpr::Session session_;
};

// Set by another member function, written after the call: a timeout
// anywhere in the class counts.
class LimitedLater {
public:
  long fetch() { return session_.Get().status_code; }
  void limit() { session_.SetOption(cpr::Timeout{std::chrono::seconds(4)}); }

private:
  cpr::Session session_;
};

// ---- hand-offs that cannot change the session ------------------------------

long passedByConstReference() {
  cpr::Session session;
  session.SetUrl(cpr::Url{kUrl});
  logSession(session);
  return session.Delete().status_code;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: Delete on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  logSession(session);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  session.SetTimeout(cpr::Timeout{30000});{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return session.Delete().status_code;{{$}}
}

// ---- a session made by a factory of this file ------------------------------

// The factory sets no timeout: the caller is reported with a note at the
// factory's return, and the fix goes into the factory.
cpr::Session *openSession() {
  cpr::Session *made = new cpr::Session;
  made->SetUrl(cpr::Url{kUrl});
  return made;
  // CHECK-FIXES: {{^}}  made->SetUrl(cpr::Url{kUrl});{{$}}
  // CHECK-FIXES-NEXT: {{^}}  made->SetTimeout(cpr::Timeout{30000});{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return made;{{$}}
}

long fromFactory() {
  cpr::Session *session = openSession();
  long status = session->Head().status_code;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: Head on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-10]]:3: note: 'openSession' makes it here without a timeout
  delete session;
  return status;
}

// A factory that sets the timeout: it holds for what it returns.
cpr::Session *openTimedSession() {
  cpr::Session *made = new cpr::Session;
  made->SetUrl(cpr::Url{kUrl});
  made->SetTimeout(cpr::Timeout{2000});
  return made;
}

long fromTimedFactory() {
  cpr::Session *session = openTimedSession();
  long status = session->Get().status_code;
  delete session;
  return status;
}

// ---- a session used by a lambda of the function ---------------------------------

// The lambda's body is followed: it only sets a header, so the request after
// it has no timeout.
long headerInLambda() {
  cpr::Session session;
  session.SetUrl(cpr::Url{kUrl});
  auto accept = [&session] {
    session.SetHeader(cpr::Header{{"Accept", "application/json"}});
  };
  accept();
  return session.Get().status_code;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: Get on session 'session' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  accept();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  session.SetTimeout(cpr::Timeout{30000});{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return session.Get().status_code;{{$}}
}

// Silent: the lambda, called before the request, sets the timeout.
long timeoutInLambda() {
  cpr::Session session;
  session.SetUrl(cpr::Url{kUrl});
  auto limit = [&session] { session.SetTimeout(cpr::Timeout{4000}); };
  limit();
  return session.Get().status_code;
}
