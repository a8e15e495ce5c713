// RUN: %check_leak_tidy %s leak-http-without-timeout %t -- -- -std=c++20
// RUN: %check_leak_tidy --check-suffix=STRICT %s leak-http-without-timeout %t.strict -- -config="{CheckOptions: {leak-http-without-timeout.StrictMode: true}}" -- -std=c++20

// Boost.Beast against the real headers: C++20 coroutines (awaitable), stackful
// coroutines (yield_context) and completion-handler lambdas. Only streams whose
// lowest layer is beast::basic_stream (tcp_stream) have timeouts to forget.
// Member streams are followed across their class (a timeout anywhere there
// counts), on the client and on the server side.
// The STRICT run checks every CHECK-MESSAGES line as well as the -STRICT ones;
// it applies the same fixes, so each CHECK-FIXES has a CHECK-FIXES-STRICT twin.
// Hand-written timeouts below use other durations than the fix's 30 seconds, so
// a CHECK-FIXES line can only match an inserted one.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/spawn.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

// ---- tcp_stream, C++20 coroutines ------------------------------------------

net::awaitable<void> connectWithoutTimeout(tcp::resolver::results_type results) {
  beast::tcp_stream stream(co_await net::this_coro::executor);
  co_await stream.async_connect(results, net::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: async_connect on stream 'stream' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  stream.expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  co_await stream.async_connect(results, net::use_awaitable);{{$}}
  // CHECK-FIXES-STRICT: {{^}}  stream.expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-STRICT-NEXT: {{^}}  co_await stream.async_connect(results, net::use_awaitable);{{$}}
}

net::awaitable<void> requestWithTimeouts(tcp::resolver::results_type results) {
  beast::tcp_stream stream(co_await net::this_coro::executor);
  stream.expires_after(std::chrono::seconds(10));
  co_await stream.async_connect(results, net::use_awaitable);
  http::request<http::string_body> req{http::verb::get, "/", 11};
  stream.expires_after(std::chrono::seconds(10));
  co_await http::async_write(stream, req, net::use_awaitable);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  co_await http::async_read(stream, buffer, res, net::use_awaitable);
}

net::awaitable<void> deadlineWithExpiresAt(tcp::resolver::results_type results) {
  beast::tcp_stream stream(co_await net::this_coro::executor);
  stream.expires_at(std::chrono::steady_clock::now() + std::chrono::seconds(5));
  co_await stream.async_connect(results, net::use_awaitable);
}

net::awaitable<void> timeoutDisabled(tcp::resolver::results_type results) {
  beast::tcp_stream stream(co_await net::this_coro::executor);
  stream.expires_after(std::chrono::seconds(10));
  co_await stream.async_connect(results, net::use_awaitable);
  stream.expires_never();
  http::request<http::string_body> req{http::verb::get, "/", 11};
  co_await http::async_write(stream, req, net::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: async_write on stream 'stream' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the timeout is disabled here
  // CHECK-FIXES: {{^}}  stream.expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  co_await http::async_write(stream, req, net::use_awaitable);{{$}}
  // CHECK-FIXES-STRICT: {{^}}  stream.expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-STRICT-NEXT: {{^}}  co_await http::async_write(stream, req, net::use_awaitable);{{$}}
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  co_await http::async_read(stream, buffer, res, net::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: async_read on stream 'stream' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-13]]:10: note: the timeout is disabled here
  // CHECK-FIXES: {{^}}  stream.expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  co_await http::async_read(stream, buffer, res, net::use_awaitable);{{$}}
  // CHECK-FIXES-STRICT: {{^}}  stream.expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-STRICT-NEXT: {{^}}  co_await http::async_read(stream, buffer, res, net::use_awaitable);{{$}}
}

// A timeout on some path before the call is enough (precision before recall).
net::awaitable<void> timeoutOnOneBranch(tcp::resolver::results_type results,
                                        bool slowServer) {
  beast::tcp_stream stream(co_await net::this_coro::executor);
  if (slowServer)
    stream.expires_after(std::chrono::seconds(60));
  co_await stream.async_connect(results, net::use_awaitable);
}

// The timeout comes after the call in the text: not before it on any path.
net::awaitable<void> timeoutAfterTheCall(tcp::resolver::results_type results) {
  beast::tcp_stream stream(co_await net::this_coro::executor);
  co_await stream.async_connect(results, net::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: async_connect on stream 'stream' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  stream.expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  co_await stream.async_connect(results, net::use_awaitable);{{$}}
  // CHECK-FIXES-STRICT: {{^}}  stream.expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-STRICT-NEXT: {{^}}  co_await stream.async_connect(results, net::use_awaitable);{{$}}
  stream.expires_after(std::chrono::seconds(10));
  http::request<http::string_body> req{http::verb::get, "/", 11};
  co_await http::async_write(stream, req, net::use_awaitable);
}

// ---- completion-handler lambdas --------------------------------------------

void handlerWithoutTimeout(tcp::endpoint endpoint) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.async_connect(endpoint, [](beast::error_code) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: async_connect on stream 'stream' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  stream.expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  stream.async_connect(endpoint, [](beast::error_code) {});{{$}}
  // CHECK-FIXES-STRICT: {{^}}  stream.expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-STRICT-NEXT: {{^}}  stream.async_connect(endpoint, [](beast::error_code) {});{{$}}
  ioc.run();
}

void handlerWithTimeout(tcp::endpoint endpoint) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(10));
  stream.async_connect(endpoint, [](beast::error_code) {});
  ioc.run();
}

// ---- ssl_stream<tcp_stream>, stackful coroutines -----------------------------

void sslWithoutTimeout(net::io_context &ioc, ssl::context &ctx,
                       tcp::resolver::results_type const &results,
                       net::yield_context yield) {
  beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
  beast::get_lowest_layer(stream).async_connect(results, yield);
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: async_connect on stream 'stream' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  beast::get_lowest_layer(stream).async_connect(results, yield);{{$}}
  // CHECK-FIXES-STRICT: {{^}}  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-STRICT-NEXT: {{^}}  beast::get_lowest_layer(stream).async_connect(results, yield);{{$}}
  stream.async_handshake(ssl::stream_base::client, yield);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: async_handshake on stream 'stream' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  boost::beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  stream.async_handshake(ssl::stream_base::client, yield);{{$}}
  // CHECK-FIXES-STRICT: {{^}}  boost::beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-STRICT-NEXT: {{^}}  stream.async_handshake(ssl::stream_base::client, yield);{{$}}
  http::request<http::string_body> req{http::verb::get, "/", 11};
  http::async_write(stream, req, yield);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: async_write on stream 'stream' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  boost::beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  http::async_write(stream, req, yield);{{$}}
  // CHECK-FIXES-STRICT: {{^}}  boost::beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-STRICT-NEXT: {{^}}  http::async_write(stream, req, yield);{{$}}
}

void sslWithTimeout(net::io_context &ioc, ssl::context &ctx,
                    tcp::resolver::results_type const &results,
                    net::yield_context yield) {
  beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(10));
  beast::get_lowest_layer(stream).async_connect(results, yield);
  stream.async_handshake(ssl::stream_base::client, yield);
  http::request<http::string_body> req{http::verb::get, "/", 11};
  http::async_write(stream, req, yield);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::async_read(stream, buffer, res, yield);
}

// Through another layer: next_layer() of an ssl_stream is the tcp_stream.
void sslTimeoutOnNextLayer(net::io_context &ioc, ssl::context &ctx,
                           tcp::resolver::results_type const &results,
                           net::yield_context yield) {
  beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
  stream.next_layer().expires_after(std::chrono::seconds(10));
  stream.next_layer().async_connect(results, yield);
  stream.async_handshake(ssl::stream_base::client, yield);
}

// ---- websocket::stream<tcp_stream> -------------------------------------------

net::awaitable<void> websocketTimeoutDisabled(tcp::resolver::results_type results,
                                              std::string host) {
  websocket::stream<beast::tcp_stream> ws(co_await net::this_coro::executor);
  beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(10));
  co_await beast::get_lowest_layer(ws).async_connect(results, net::use_awaitable);
  beast::get_lowest_layer(ws).expires_never();
  co_await ws.async_handshake(host, "/", net::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: async_handshake on stream 'ws' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: the timeout is disabled here
  // CHECK-FIXES: {{^}}  boost::beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  co_await ws.async_handshake(host, "/", net::use_awaitable);{{$}}
  // CHECK-FIXES-STRICT: {{^}}  boost::beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-STRICT-NEXT: {{^}}  co_await ws.async_handshake(host, "/", net::use_awaitable);{{$}}
}

// Beast's own websocket timeouts replace the tcp_stream's (its documented idiom).
net::awaitable<void> websocketSuggestedTimeout(tcp::resolver::results_type results,
                                               std::string host) {
  websocket::stream<beast::tcp_stream> ws(co_await net::this_coro::executor);
  beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(10));
  co_await beast::get_lowest_layer(ws).async_connect(results, net::use_awaitable);
  beast::get_lowest_layer(ws).expires_never();
  ws.set_option(
      websocket::stream_base::timeout::suggested(beast::role_type::client));
  co_await ws.async_handshake(host, "/", net::use_awaitable);
  co_await ws.async_write(net::buffer(std::string("hello")), net::use_awaitable);
  beast::flat_buffer buffer;
  co_await ws.async_read(buffer, net::use_awaitable);
}

// ---- a raw socket: no timeout unless a timer of its code closes it; a
// synchronous read cannot time out (its connect only in StrictMode) ----------

void rawSocket(net::io_context &ioc, tcp::endpoint endpoint) {
  tcp::socket socket(ioc);
  socket.connect(endpoint);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:10: warning: synchronous connect on stream 'socket' cannot time out: it waits forever for a peer that stops answering [leak-http-without-timeout]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:10: note: Asio's synchronous operations have no timeout: use async_connect on a beast::tcp_stream after expires_after, or a timer that closes the socket
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::async_read(socket, buffer, res,
                   [](beast::error_code, std::size_t) {});
  // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: async_read on raw TCP socket 'socket' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: a plain socket has no timeout: hold it in a beast::tcp_stream and call expires_after before each operation, or close it from a timer
  http::read(socket, buffer, res);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: synchronous read on stream 'socket' cannot time out: it waits forever for a peer that stops answering [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: Asio's synchronous operations have no timeout: use async_read on a beast::tcp_stream after expires_after, or a timer that closes the socket
  ioc.run();
}

// ---- escapes: silent unless StrictMode ---------------------------------------

void parameterStream(beast::tcp_stream &stream,
                     http::request<http::string_body> const &req,
                     net::yield_context yield) {
  http::async_write(stream, req, yield);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:9: warning: async_write on stream 'stream' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-FIXES-STRICT: {{^}}  stream.expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-STRICT-NEXT: {{^}}  http::async_write(stream, req, yield);{{$}}
}

// Declared only: it may well set a timeout.
void configureStream(beast::tcp_stream &stream);

net::awaitable<void> passedToUnknownFunction(tcp::resolver::results_type results) {
  beast::tcp_stream stream(co_await net::this_coro::executor);
  configureStream(stream);
  co_await stream.async_connect(results, net::use_awaitable);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:19: warning: async_connect on stream 'stream' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-FIXES-STRICT: {{^}}  stream.expires_after(std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-STRICT-NEXT: {{^}}  co_await stream.async_connect(results, net::use_awaitable);{{$}}
}

// Defined here, and it sets the timeout: the stream is timed, in StrictMode too.
void armTimeout(beast::tcp_stream &stream) {
  stream.expires_after(std::chrono::seconds(15));
}

net::awaitable<void> helperSetsTimeout(tcp::resolver::results_type results) {
  beast::tcp_stream stream(co_await net::this_coro::executor);
  armTimeout(stream);
  co_await stream.async_connect(results, net::use_awaitable);
}

// ---- member streams, followed across their class ---------------------------

// The shape of Beast's http_client_async example, without its timeouts. Its
// members are private and all its code is here: the stream is followed across
// the handlers, and each operation is reported with a note at the member.
class Session : public std::enable_shared_from_this<Session> {
  tcp::resolver resolver_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::empty_body> req_;
  http::response<http::string_body> res_;

public:
  explicit Session(net::io_context &ioc)
      : resolver_(net::make_strand(ioc)), stream_(net::make_strand(ioc)) {}

  void run(char const *host, char const *port, char const *target) {
    req_.version(11);
    req_.method(http::verb::get);
    req_.target(target);
    req_.set(http::field::host, host);
    resolver_.async_resolve(
        host, port,
        beast::bind_front_handler(&Session::onResolve, shared_from_this()));
  }

  void onResolve(beast::error_code ec, tcp::resolver::results_type results) {
    if (ec)
      return;
    stream_.async_connect(
        results,
        beast::bind_front_handler(&Session::onConnect, shared_from_this()));
    // CHECK-MESSAGES: :[[@LINE-3]]:13: warning: async_connect on stream 'stream_' has no timeout and can wait forever for the peer [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE-26]]:21: note: 'stream_' is declared here
    // CHECK-FIXES: {{^}}    stream_.expires_after(std::chrono::seconds(30));{{$}}
    // CHECK-FIXES-NEXT: {{^}}    stream_.async_connect({{$}}
    // CHECK-FIXES-STRICT: {{^}}    stream_.expires_after(std::chrono::seconds(30));{{$}}
    // CHECK-FIXES-STRICT-NEXT: {{^}}    stream_.async_connect({{$}}
  }

  void onConnect(beast::error_code ec, tcp::resolver::results_type::endpoint_type) {
    if (ec)
      return;
    http::async_write(
        stream_, req_,
        beast::bind_front_handler(&Session::onWrite, shared_from_this()));
    // CHECK-MESSAGES: :[[@LINE-3]]:11: warning: async_write on stream 'stream_' has no timeout and can wait forever for the peer [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE-40]]:21: note: 'stream_' is declared here
    // CHECK-FIXES: {{^}}    stream_.expires_after(std::chrono::seconds(30));{{$}}
    // CHECK-FIXES-NEXT: {{^}}    http::async_write({{$}}
    // CHECK-FIXES-STRICT: {{^}}    stream_.expires_after(std::chrono::seconds(30));{{$}}
    // CHECK-FIXES-STRICT-NEXT: {{^}}    http::async_write({{$}}
  }

  void onWrite(beast::error_code ec, std::size_t) {
    if (ec)
      return;
    http::async_read(
        stream_, buffer_, res_,
        beast::bind_front_handler(&Session::onRead, shared_from_this()));
    // CHECK-MESSAGES: :[[@LINE-3]]:11: warning: async_read on stream 'stream_' has no timeout and can wait forever for the peer [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE-54]]:21: note: 'stream_' is declared here
    // CHECK-FIXES: {{^}}    stream_.expires_after(std::chrono::seconds(30));{{$}}
    // CHECK-FIXES-NEXT: {{^}}    http::async_read({{$}}
    // CHECK-FIXES-STRICT: {{^}}    stream_.expires_after(std::chrono::seconds(30));{{$}}
    // CHECK-FIXES-STRICT-NEXT: {{^}}    http::async_read({{$}}
  }

  void onRead(beast::error_code ec, std::size_t) {
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  }
};

// The server side of the same shape (Beast's http_server_async): a session
// that reads requests on a member stream. No expires_after anywhere in the
// class: the read can wait for ever on a silent client.
class ServerSession : public std::enable_shared_from_this<ServerSession> {
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> req_;

public:
  explicit ServerSession(tcp::socket &&socket) : stream_(std::move(socket)) {}

  void run() { do_read(); }

  void do_read() {
    req_ = {};
    http::async_read(stream_, buffer_, req_,
                     beast::bind_front_handler(&ServerSession::on_read,
                                               shared_from_this()));
    // CHECK-MESSAGES: :[[@LINE-3]]:11: warning: async_read on stream 'stream_' has no timeout and can wait forever for the peer [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE-15]]:21: note: 'stream_' is declared here
    // CHECK-FIXES: {{^}}    req_ = {};{{$}}
    // CHECK-FIXES-NEXT: {{^}}    stream_.expires_after(std::chrono::seconds(30));{{$}}
    // CHECK-FIXES-NEXT: {{^}}    http::async_read(stream_, buffer_, req_,{{$}}
    // CHECK-FIXES-STRICT: {{^}}    req_ = {};{{$}}
    // CHECK-FIXES-STRICT-NEXT: {{^}}    stream_.expires_after(std::chrono::seconds(30));{{$}}
    // CHECK-FIXES-STRICT-NEXT: {{^}}    http::async_read(stream_, buffer_, req_,{{$}}
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec)
      return;
    do_read();
  }
};

// Its twin with Beast's own fix: expires_after before each read.
class TimedServerSession
    : public std::enable_shared_from_this<TimedServerSession> {
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> req_;

public:
  explicit TimedServerSession(tcp::socket &&socket)
      : stream_(std::move(socket)) {}

  void run() { do_read(); }

  void do_read() {
    req_ = {};
    stream_.expires_after(std::chrono::seconds(20));
    http::async_read(stream_, buffer_, req_,
                     beast::bind_front_handler(&TimedServerSession::on_read,
                                               shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec)
      return;
    do_read();
  }
};

// ---- connects on the stream's socket: the stream's timeout does not apply ----

// net::async_connect on the socket under a tcp_stream with no expires_after:
// reported with a note saying why; no fix, since the call itself must change.
void connectOnSocket(net::io_context &ioc,
                     tcp::resolver::results_type const &results) {
  beast::tcp_stream stream(ioc);
  net::async_connect(beast::get_lowest_layer(stream).socket(), results,
                     [](beast::error_code, tcp::endpoint) {});
  // CHECK-MESSAGES: :[[@LINE-2]]:8: warning: async_connect on stream 'stream' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: the stream's timeout does not cover its socket: call async_connect on the stream itself, after expires_after
  ioc.run();
}

net::awaitable<void> connectOnSocketCoroutine(tcp::resolver::results_type results) {
  beast::tcp_stream stream(co_await net::this_coro::executor);
  co_await net::async_connect(stream.socket(), results, net::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: async_connect on stream 'stream' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:17: note: the stream's timeout does not cover its socket: call async_connect on the stream itself, after expires_after
}

// A member stream: the note at the member as well.
class SocketConnector {
  beast::tcp_stream stream_;

public:
  explicit SocketConnector(net::io_context &ioc) : stream_(ioc) {}

  void connect(tcp::resolver::results_type const &results) {
    net::async_connect(beast::get_lowest_layer(stream_).socket(), results,
                       [](beast::error_code, tcp::endpoint) {});
    // CHECK-MESSAGES: :[[@LINE-2]]:10: warning: async_connect on stream 'stream_' has no timeout and can wait forever for the peer [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE-9]]:21: note: 'stream_' is declared here
    // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the stream's timeout does not cover its socket: call async_connect on the stream itself, after expires_after
  }
};

// Its twin in a class with a member function defined elsewhere: the member
// escapes, so only StrictMode reports it.
class SplitSocketConnector {
  beast::tcp_stream stream_;

public:
  explicit SplitSocketConnector(net::io_context &ioc) : stream_(ioc) {}
  void close(); // defined elsewhere

  void connect(tcp::resolver::results_type const &results) {
    net::async_connect(beast::get_lowest_layer(stream_).socket(), results,
                       [](beast::error_code, tcp::endpoint) {});
    // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:10: warning: async_connect on stream 'stream_' has no timeout and can wait forever for the peer [leak-http-without-timeout]
    // CHECK-MESSAGES-STRICT: :[[@LINE-10]]:21: note: 'stream_' is declared here
    // CHECK-MESSAGES-STRICT: :[[@LINE-4]]:10: note: the stream's timeout does not cover its socket: call async_connect on the stream itself, after expires_after
  }
};

// An expires_after before the call silences it, as the spec words the rule for
// connects on the socket layer (although that expiry does not reach the
// socket's own connect).
void connectOnSocketAfterExpiry(net::io_context &ioc,
                                tcp::resolver::results_type const &results) {
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(10));
  net::async_connect(beast::get_lowest_layer(stream).socket(), results,
                     [](beast::error_code, tcp::endpoint) {});
  ioc.run();
}

// ---- no fix where the statement is not directly in a block -------------------

void unbracedIf(net::io_context &ioc, tcp::resolver::results_type const &results,
                bool connectNow, net::yield_context yield) {
  beast::tcp_stream stream(ioc);
  if (connectNow)
    stream.async_connect(results, yield);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: async_connect on stream 'stream' has no timeout and can wait forever for the peer [leak-http-without-timeout]
}

// ---- synchronous operations: Beast's timeouts do not apply -------------------

void synchronous(net::io_context &ioc,
                 tcp::resolver::results_type const &results) {
  beast::tcp_stream stream(ioc);
  stream.connect(results);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:10: warning: connect on stream 'stream' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:10: note: Beast's timeouts apply only to asynchronous operations
  http::request<http::string_body> req{http::verb::get, "/", 11};
  http::write(stream, req);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:9: warning: write on stream 'stream' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:9: note: Beast's timeouts apply only to asynchronous operations
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  // Reported by default: a tcp_stream's expiry does not reach a synchronous
  // read.
  stream.expires_after(std::chrono::seconds(10));
  http::read(stream, buffer, res);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: synchronous read on stream 'stream' cannot time out: it waits forever for a peer that stops answering [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: Asio's synchronous operations have no timeout: use async_read on a beast::tcp_stream after expires_after, or a timer that closes the socket
  // Closing a tcp_stream only closes its socket: it cannot wait.
  stream.close();
}

// A synchronous websocket server session, as Beast's own sync examples are:
// accept() reads the upgrade request, read() the messages.
void websocketSession(tcp::socket socket) {
  websocket::stream<tcp::socket> ws{std::move(socket)};
  ws.accept();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: synchronous accept on stream 'ws' cannot time out: it waits forever for a peer that stops answering [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:6: note: Asio's synchronous operations have no timeout: use async_accept on a beast::tcp_stream after expires_after, or a timer that closes the socket
  for (;;) {
    beast::flat_buffer buffer;
    ws.read(buffer);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: synchronous read on stream 'ws' cannot time out: it waits forever for a peer that stops answering [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE-2]]:8: note: Asio's synchronous operations have no timeout: use async_read on a beast::tcp_stream after expires_after, or a timer that closes the socket
    ws.write(buffer.data());
  }
}

// The most common real Beast bug: a session on a raw socket, as Beast's own
// examples were written before tcp_stream.
class RawSession : public std::enable_shared_from_this<RawSession> {
public:
  explicit RawSession(tcp::socket socket) : socket_(std::move(socket)) {}
  void run() {
    http::async_read(socket_, buffer_, req_,
                     [self = shared_from_this()](beast::error_code,
                                                 std::size_t) {});
    // CHECK-MESSAGES: :[[@LINE-3]]:11: warning: async_read on raw TCP socket 'socket_' has no timeout and can wait forever for the peer [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+7]]:15: note: 'socket_' is declared here
    // CHECK-MESSAGES: :[[@LINE-5]]:11: note: a plain socket has no timeout: hold it in a beast::tcp_stream and call expires_after before each operation, or close it from a timer
  }

private:
  beast::flat_buffer buffer_;
  http::request<http::string_body> req_;
  tcp::socket socket_;
};

// A public socket: code elsewhere may close it on a deadline of its own.
struct OpenSession {
  void run() {
    http::async_read(socket, buffer, req, [](beast::error_code, std::size_t) {});
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:11: warning: async_read on raw TCP socket 'socket' has no timeout and can wait forever for the peer [leak-http-without-timeout]
    // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:11: note: a plain socket has no timeout: hold it in a beast::tcp_stream and call expires_after before each operation, or close it from a timer
  }
  tcp::socket socket;
  beast::flat_buffer buffer;
  http::request<http::string_body> req;
};

// The same with a deadline timer whose handler closes the socket.
class DeadlineSession : public std::enable_shared_from_this<DeadlineSession> {
public:
  DeadlineSession(tcp::socket socket)
      : socket_(std::move(socket)), deadline_(socket_.get_executor()) {}
  void run() {
    deadline_.expires_after(std::chrono::seconds(60));
    deadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec)
        self->socket_.close();
    });
    http::async_read(socket_, buffer_, req_,
                     [self = shared_from_this()](beast::error_code,
                                                 std::size_t) {});
  }

private:
  beast::flat_buffer buffer_;
  http::request<http::string_body> req_;
  tcp::socket socket_;
  net::steady_timer deadline_;
};

// A websocket over a raw socket.
void rawWebsocket(tcp::socket socket) {
  auto ws = std::make_shared<websocket::stream<tcp::socket>>(std::move(socket));
  ws->async_accept([ws](beast::error_code) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: async_accept on stream 'ws' over a raw TCP socket has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: a plain socket has no timeout: hold it in a beast::tcp_stream and call expires_after before each operation, or close it from a timer
}

// An echo server's own reads are not HTTP: StrictMode only.
void echo(tcp::socket &peer, net::mutable_buffer buffer) {
  tcp::socket socket(peer.get_executor());
  socket.async_read_some(buffer, [](beast::error_code, std::size_t) {});
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:10: warning: async_read_some on raw TCP socket 'socket' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:10: note: a plain socket has no timeout: hold it in a beast::tcp_stream and call expires_after before each operation, or close it from a timer
}

// The caller's socket: it may close it on a deadline of its own.
void callersSocket(tcp::socket &socket, beast::flat_buffer &buffer,
                   http::request<http::string_body> &req) {
  http::async_read(socket, buffer, req, [](beast::error_code, std::size_t) {});
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:9: warning: async_read on raw TCP socket 'socket' has no timeout and can wait forever for the peer [leak-http-without-timeout]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:9: note: a plain socket has no timeout: hold it in a beast::tcp_stream and call expires_after before each operation, or close it from a timer
}

// A stackful coroutine spawned with a lambda: the stream is the lambda's.
void spawnedClient(net::io_context &ioc,
                   tcp::resolver::results_type const &results) {
  net::spawn(
      ioc,
      [&ioc, results](net::yield_context yield) {
        beast::tcp_stream stream(ioc);
        stream.async_connect(results, yield);
        // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: async_connect on stream 'stream' has no timeout and can wait forever for the peer [leak-http-without-timeout]
        // CHECK-FIXES: {{^}}        stream.expires_after(std::chrono::seconds(30));{{$}}
        // CHECK-FIXES-NEXT: {{^}}        stream.async_connect(results, yield);{{$}}
        // CHECK-FIXES-STRICT: {{^}}        stream.expires_after(std::chrono::seconds(30));{{$}}
        // CHECK-FIXES-STRICT-NEXT: {{^}}        stream.async_connect(results, yield);{{$}}
      },
      net::detached);
}

// A server that read the request itself: accept(req) only answers it.
void acceptRead(tcp::socket socket, http::request<http::string_body> req) {
  websocket::stream<tcp::socket> ws{std::move(socket)};
  ws.accept(req);
}

// A non-blocking socket returns would_block instead of waiting.
void nonBlocking(net::io_context &ioc, tcp::endpoint endpoint) {
  tcp::socket socket(ioc);
  socket.non_blocking(true);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  beast::error_code ec;
  http::read(socket, buffer, res, ec);
}

// A local (Unix-domain) socket talks to a process on this machine.
void localSocket(net::io_context &ioc) {
  net::local::stream_protocol::socket socket(ioc);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(socket, buffer, res);
}

// StrictMode: a hand-written HTTP client over plain Asio.
std::string plainAsio(tcp::socket &socket) {
  net::streambuf response;
  net::read_until(socket, response, "\r\n\r\n");
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:8: warning: synchronous read_until on stream 'socket' cannot time out: it waits forever for a peer that stops answering [leak-http-without-timeout]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:8: note: Asio's synchronous operations have no timeout: use async_read_until on a beast::tcp_stream after expires_after, or a timer that closes the socket
  return {};
}
