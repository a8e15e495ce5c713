// RUN: %check_leak_tidy %s leak-http-without-timeout %t -- -config="{CheckOptions: {leak-http-without-timeout.HttpApis: 'dht::http::Request::send=dht::http::Request::timeout;::acme::http_get=acme::http_set_deadline'}}" -- -std=c++17
// RUN: %check_leak_tidy --check-suffix=STRICT %s leak-http-without-timeout %t.strict -- -config="{CheckOptions: {leak-http-without-timeout.StrictMode: true, leak-http-without-timeout.HttpApis: 'dht::http::Request::send=dht::http::Request::timeout;::acme::http_get=acme::http_set_deadline'}}" -- -std=c++17
// A malformed entry is a configuration problem naming it; the valid entries
// still work.
// RUN: %leak_tidy -checks='-*,leak-http-without-timeout' -config="{CheckOptions: {leak-http-without-timeout.HttpApis: 'dht::http::Request::send;acme::http_get=acme::http_set_deadline'}}" %s -- -std=c++17 2>&1 | FileCheck %s --check-prefix=BAD
// BAD-DAG: warning: invalid HttpApis entry 'dht::http::Request::send': expected 'call=timeout', e.g. 'acme::Http::get=acme::Http::setDeadline' [clang-tidy-config]
// BAD-DAG: warning: 'acme::http_get' on 'client' has no timeout
// In-house HTTP clients named by the HttpApis option, `call=timeout` by
// qualified name: a member function acts on its object, a free function on
// its first argument. A call on an object that had no call of its timeout
// setter before it is reported as a curl handle would be: locals held by
// value or made here, members through their class, objects from this
// file's factories. Silent: a timeout set before the call, in a helper the
// object is passed to, in the constructor of the class holding it, in the
// factory that made it; the client's own member functions; an object handed
// to code this file does not show (reported in StrictMode). No fix-it: the
// setter's arguments are the client's own.

#include <chrono>
#include <memory>
#include <string>

namespace dht::http {
class Request {
public:
  explicit Request(std::string url) : url_(std::move(url)) {}
  void timeout(std::chrono::milliseconds limit) { limit_ = limit; }
  void send(); // in the client's own translation unit
  // The client's own code: not the caller's business.
  void resend() { send(); }

private:
  std::string url_;
  std::chrono::milliseconds limit_{0};
};
} // namespace dht::http

namespace acme {
struct Http {
  int fd = -1;
};
void http_set_deadline(Http *client, int ms);
int http_get(Http *client, const char *path);
} // namespace acme

void remember(dht::http::Request *request); // keeps it: code not shown here

// ---- reported -------------------------------------------------------------

void push(const std::string &token) {
  dht::http::Request request("https://push.example/" + token);
  request.send();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'dht::http::Request::send' on 'request' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:11: note: call 'dht::http::Request::timeout' on 'request' before 'dht::http::Request::send'
}

void ocsp(const std::string &url) {
  auto request = std::make_unique<dht::http::Request>(url);
  request->send();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'dht::http::Request::send' on 'request' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: call 'dht::http::Request::timeout' on 'request' before 'dht::http::Request::send'
}

int health() {
  acme::Http client;
  return acme::http_get(&client, "/health");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'acme::http_get' on 'client' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: call 'acme::http_set_deadline' on 'client' before 'acme::http_get'
}

// A member, followed through its class: no member function sets a timeout.
class Notifier {
public:
  Notifier() : request_("https://push.example/") {}
  void notify() { request_.send(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'dht::http::Request::send' on 'request_' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE+4]]:22: note: 'request_' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:28: note: call 'dht::http::Request::timeout' on 'request_' before 'dht::http::Request::send'

private:
  dht::http::Request request_;
};

// A factory of this file that makes it without a timeout.
static dht::http::Request makeRequest(const std::string &url) {
  dht::http::Request request(url);
  return request;
}
void poll(const std::string &url) {
  dht::http::Request request = makeRequest(url);
  request.send();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'dht::http::Request::send' on 'request' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'makeRequest' makes it here without a timeout
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: call 'dht::http::Request::timeout' on 'request' before 'dht::http::Request::send'
}

// ---- silent ---------------------------------------------------------------

void pushTimed(const std::string &token) {
  dht::http::Request request("https://push.example/" + token);
  request.timeout(std::chrono::seconds(10));
  request.send();
}

static void configure(dht::http::Request &request) {
  request.timeout(std::chrono::seconds(10));
}
void pushConfigured(const std::string &token) {
  dht::http::Request request("https://push.example/" + token);
  configure(request);
  request.send();
}

int healthTimed() {
  acme::Http client;
  acme::http_set_deadline(&client, 5000);
  return acme::http_get(&client, "/health");
}

class TimedNotifier {
public:
  TimedNotifier() : request_("https://push.example/") {
    request_.timeout(std::chrono::seconds(10));
  }
  void notify() { request_.send(); }

private:
  dht::http::Request request_;
};

static dht::http::Request makeTimedRequest(const std::string &url) {
  dht::http::Request request(url);
  request.timeout(std::chrono::seconds(10));
  return request;
}
void pollTimed(const std::string &url) {
  dht::http::Request request = makeTimedRequest(url);
  request.send();
}

// Handed to code not shown here, which may set a timeout first.
void pushRemembered(const std::string &token) {
  dht::http::Request request("https://push.example/" + token);
  remember(&request);
  request.send();
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:11: warning: 'dht::http::Request::send' on 'request' has no timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:11: note: call 'dht::http::Request::timeout' on 'request' before 'dht::http::Request::send'
}
