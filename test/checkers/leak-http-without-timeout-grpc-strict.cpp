// REQUIRES: grpc-stubs
// RUN: %check_leak_tidy %s leak-http-without-timeout %t -- -config="{CheckOptions: {leak-http-without-timeout.StrictMode: true}}" -- -std=c++17 -DNOMINMAX -I%grpc_stubs

// StrictMode also reports contexts the check cannot follow: parameters, a
// member pointing at a context someone else made, and contexts handed to a
// function whose body it cannot see. A deadline before the call still
// silences them. A private member context of a class whose code is all here
// is followed, and reported without StrictMode too.

#include "greeter.grpc.pb.h"

#include <chrono>
#include <memory>
#include <utility>

using leaktidy::test::Greeter;
using leaktidy::test::HelloReply;
using leaktidy::test::HelloRequest;

void configure(grpc::ClientContext *context);

void pointerParameter(Greeter::Stub *stub, grpc::ClientContext *context) {
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(context, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: RPC 'SayHello' with context 'context' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  stub->SayHello(context, req, &reply);{{$}}
}

void referenceParameter(Greeter::Stub &stub, grpc::ClientContext &context) {
  HelloRequest req;
  auto reader = stub.ListGreetings(&context, req);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: RPC 'ListGreetings' with context 'context' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  auto reader = stub.ListGreetings(&context, req);{{$}}
}

// Followed across its class (see leak-http-without-timeout-grpc.cpp).
class Client {
public:
  explicit Client(std::unique_ptr<Greeter::Stub> stub)
      : stub_(std::move(stub)) {}

  void call() {
    HelloRequest req;
    HelloReply reply;
    stub_->SayHello(&ctx_, req, &reply);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: RPC 'SayHello' with context 'ctx_' has no deadline and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+7]]:23: note: 'ctx_' is declared here
    // CHECK-FIXES: {{^}}    ctx_.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
    // CHECK-FIXES-NEXT: {{^}}    stub_->SayHello(&ctx_, req, &reply);{{$}}
  }

private:
  std::unique_ptr<Greeter::Stub> stub_;
  grpc::ClientContext ctx_;
};

// The member points at a context the caller made: it may have a deadline.
class Borrowing {
public:
  Borrowing(Greeter::Stub *stub, grpc::ClientContext *ctx)
      : stub_(stub), ctx_(ctx) {}

  void call() {
    HelloRequest req;
    HelloReply reply;
    stub_->SayHello(ctx_, req, &reply);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: RPC 'SayHello' with context 'ctx_' has no deadline and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+7]]:24: note: 'ctx_' is declared here
    // CHECK-FIXES: {{^}}    ctx_->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
    // CHECK-FIXES-NEXT: {{^}}    stub_->SayHello(ctx_, req, &reply);{{$}}
  }

private:
  Greeter::Stub *stub_;
  grpc::ClientContext *ctx_;
};

void unknownFunction(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  configure(&ctx);
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  stub->SayHello(&ctx, req, &reply);{{$}}
}

void capturedByLambda(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  auto cancel = [&ctx] { ctx.TryCancel(); };
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  stub->SayHello(&ctx, req, &reply);{{$}}
  cancel();
}

// ---- silent even in StrictMode: a deadline before the call -----------------

void parameterWithDeadline(Greeter::Stub *stub, grpc::ClientContext *context) {
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(5));
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(context, req, &reply);
}

void localWithDeadline(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  configure(&ctx);
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
}

// The deadline counts even when it comes after the context was handed out.
void deadlineAfterEscape(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  configure(&ctx);
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
}

void capturedThenDeadline(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  auto cancel = [&ctx] { ctx.TryCancel(); };
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
  cancel();
}

// Nothing names the context: StrictMode has nothing to report it by.
grpc::ClientContext *contextFor(int Shard);

void contextFromCall(Greeter::Stub *stub) {
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(contextFor(1), req, &reply);
}

// ---- a public member with a deadline set before the call ---------------------

// Silent even in StrictMode: whatever other code does with the member, the
// deadline is set right before the RPC.
struct OpenTimed {
  void call() {
    HelloRequest req;
    HelloReply reply;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    stub->SayHello(&ctx, req, &reply);
  }
  Greeter::Stub *stub;
  grpc::ClientContext ctx;
};

// Its twin without the deadline: StrictMode's fix, before the call, silences
// it.
struct OpenUntimed {
  void callOpen() {
    HelloRequest req;
    HelloReply reply;
    stub->SayHello(&ctx, req, &reply);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+8]]:23: note: 'ctx' is declared here
    // CHECK-FIXES: {{^}}  void callOpen() {{{$}}
    // CHECK-FIXES-NEXT: {{^}}    HelloRequest req;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    HelloReply reply;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
    // CHECK-FIXES-NEXT: {{^}}    stub->SayHello(&ctx, req, &reply);{{$}}
  }
  Greeter::Stub *stub;
  grpc::ClientContext ctx;
};
