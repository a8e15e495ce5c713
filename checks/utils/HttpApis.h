//===--- HttpApis.h - leak-tidy -------------------------------------------===//
//
// What leak-http-without-timeout knows about each client library: which
// calls set a timeout on an object, which only use it, and how the object's
// layers are reached.
//
//===----------------------------------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_HTTPAPIS_H
#define LEAK_TIDY_CHECKS_UTILS_HTTPAPIS_H

#include "ObjectHome.h"
#include "TrackedObject.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include <cstdint>
#include <string>
#include <vector>

namespace clang::tidy::leak::utils {

/// libcurl easy handles: CURLOPT_TIMEOUT, CURLOPT_TIMEOUT_MS,
/// CURLOPT_LOW_SPEED_TIME or CURLOPT_CONNECT_ONLY set through
/// curl_easy_setopt, or a file:// URL.
class CurlHandleApi : public ObjectApi {
public:
  std::optional<UseEffect> argumentOf(const CallExpr *Call, unsigned Index,
                                      ASTContext &Context) const override;
};

/// cpr::Session: SetTimeout and SetOption(cpr::Timeout).
class CprSessionApi : public ObjectApi {
public:
  UseEffect memberCall(const CXXMemberCallExpr *Call,
                       ASTContext &Context) const override;
  std::optional<UseEffect> argumentOf(const CallExpr *Call, unsigned Index,
                                      ASTContext &Context) const override;
};

/// Boost.Beast streams over a beast::basic_stream (tcp_stream):
/// expires_after/expires_at/expires_never on any layer, and a websocket
/// stream's timeout option.
class BeastStreamApi : public ObjectApi {
public:
  UseEffect memberCall(const CXXMemberCallExpr *Call,
                       ASTContext &Context) const override;
  std::optional<UseEffect> argumentOf(const CallExpr *Call, unsigned Index,
                                      ASTContext &Context) const override;
  const Expr *innerLayer(const Expr *E) const override;
};

/// grpc::ClientContext: set_deadline.
class GrpcContextApi : public ObjectApi {
public:
  UseEffect memberCall(const CXXMemberCallExpr *Call,
                       ASTContext &Context) const override;
  std::optional<UseEffect> argumentOf(const CallExpr *Call, unsigned Index,
                                      ASTContext &Context) const override;
};

/// QNetworkRequest and QNetworkAccessManager: setTransferTimeout.
class QtNetworkApi : public ObjectApi {
public:
  UseEffect memberCall(const CXXMemberCallExpr *Call,
                       ASTContext &Context) const override;
  std::optional<UseEffect> argumentOf(const CallExpr *Call, unsigned Index,
                                      ASTContext &Context) const override;
};

/// The Beast and Asio operations the check reads, as callee matchers. The
/// asynchronous ones a stream's expiry bounds (on a raw socket, a deadline
/// timer); the synchronous reads nothing bounds. \p Strict adds what only
/// StrictMode reports: a raw socket's own operations, plain Asio reads.
ast_matchers::internal::Matcher<Decl> beastAsyncFunctions();
ast_matchers::internal::Matcher<Decl> beastAsyncMembers(bool Strict);
ast_matchers::internal::Matcher<Decl> syncReadFunctions(bool Strict);
ast_matchers::internal::Matcher<Decl> syncReadMembers(bool Strict);
/// Beast's synchronous writes, connects and closes (StrictMode).
ast_matchers::internal::Matcher<Decl> beastSyncWriteFunctions();
ast_matchers::internal::Matcher<Decl> beastSyncWriteMembers();

/// How a Boost.Beast stream type reaches a beast::basic_stream.
enum class BeastLayering : std::uint8_t {
  None,    // no basic_stream underneath (a raw socket): Beast cannot time it
  Direct,  // the type is the basic_stream (tcp_stream)
  Wrapped, // ssl_stream, websocket::stream ... over one
};
BeastLayering beastLayering(QualType Type);

/// The QNetworkAccessManager subclass \p Type is (behind pointers and
/// references); null for QNetworkAccessManager itself and anything else.
const CXXRecordDecl *networkManagerSubclass(QualType Type);

/// The createRequest override \p Manager has or inherits below
/// QNetworkAccessManager: the hook every request of the manager goes
/// through. Null when there is none.
const CXXMethodDecl *createRequestHook(const CXXRecordDecl *Manager);

/// Whether \p Function's body sets a finite transfer timeout
/// (`setTransferTimeout(n)` on the request or on the manager itself).
bool setsTransferTimeout(const FunctionDecl *Function, ASTContext &Context);

/// Whether \p Type is (a pointer to) a Beast websocket stream.
bool isBeastWebsocket(QualType Type);

/// Whether \p Type (behind references, pointers and smart pointers) talks
/// TCP: an `ip::tcp` socket of Boost or standalone Asio, a beast::basic_stream
/// over one, or an SSL or websocket stream over either. Local sockets, pipes
/// and serial ports do not.
bool isTcpStream(QualType Type);

/// Whether \p Type (behind references, pointers and smart pointers) is an
/// Asio stream socket itself, not a stream over one.
bool isSocket(QualType Type);

/// Whether \p Home's code has a deadline for its raw socket: it waits on an
/// Asio timer and closes, cancels or shuts down the socket (on any layer),
/// as the handler of such a wait does.
bool closedOnDeadline(const ObjectHome &Home, const ObjectApi &Api,
                      ASTContext &Context);

/// Whether \p Home's code makes its stream non-blocking
/// (`s.non_blocking(true)`, also on its socket or lowest layer): a
/// synchronous read on it then returns rather than waits.
bool madeNonBlocking(const ObjectHome &Home, const ObjectApi &Api,
                     ASTContext &Context);

/// Whether a gRPC stub method takes `grpc::ClientContext *` first.
bool takesClientContext(const FunctionDecl *Method);

/// Whether \p Arg disables a timeout: an integer 0, `cpr::Timeout{0}`, or
/// a `time_point::max()` deadline.
bool isInfiniteTimeout(const Expr *Arg, const ASTContext &Context);

/// Whether \p Type is (or points to) the class named \p QualifiedName.
bool isClass(QualType Type, StringRef QualifiedName);

/// The name \p Call calls, without qualifiers; empty for an operator.
StringRef calleeName(const CallExpr *Call);

/// cpr's request functions (Get, Post, ...) with \p Prefix, and their Async
/// forms, and their Callback forms when \p WithCallback.
std::vector<std::string> cprNames(StringRef Prefix, bool WithCallback);

/// A temporary QNetworkRequest built in the call's argument list.
bool isTemporaryRequest(const Expr *Arg);

/// The stream whose socket \p E is (`s` for `s.socket()`), if it is one.
const Expr *socketOwner(const Expr *E);

/// Whether the class \p Type names declares a member function \p Name.
bool declaresMethod(QualType Type, StringRef Name);

/// Whether an argument of \p Call is a parameter of the function template
/// instantiation \p Owner: the caller's arguments decide then.
bool forwardsParameters(const CallExpr *Call, const FunctionDecl *Owner);

} // namespace clang::tidy::leak::utils

#endif
