// REQUIRES: grpc-stubs
// RUN: %check_leak_tidy %s leak-http-without-timeout %t -- -- -std=c++17 -DNOMINMAX -I%grpc_stubs

// gRPC: a call on a generated stub (a method taking grpc::ClientContext*
// first) whose context, made in the function, had no set_deadline before the
// call. The stub is grpc_cpp_plugin's real output for Inputs/grpc/greeter.proto.

#include "greeter.grpc.pb.h"

#include <chrono>
#include <memory>
#include <utility>

using leaktidy::test::Greeter;
using leaktidy::test::HelloReply;
using leaktidy::test::HelloRequest;

bool ready();
void configure(grpc::ClientContext *context);
void remember(grpc::ClientContext &context);

// ---- flagged: every kind of generated method --------------------------------

void syncUnary(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  stub->SayHello(&ctx, req, &reply);{{$}}
}

grpc::Status syncUnaryStatus(Greeter::Stub &stub, const HelloRequest &req) {
  grpc::ClientContext context;
  HelloReply reply;
  grpc::Status status = stub.SayHello(&context, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: RPC 'SayHello' with context 'context' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  grpc::Status status = stub.SayHello(&context, req, &reply);{{$}}
  return status;
}

void asyncUnary(Greeter::Stub *stub, grpc::CompletionQueue *cq) {
  grpc::ClientContext ctx;
  HelloRequest req;
  HelloReply reply;
  grpc::Status status;
  auto rpc = stub->AsyncSayHello(&ctx, req, cq);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: RPC 'AsyncSayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  auto rpc = stub->AsyncSayHello(&ctx, req, cq);{{$}}
  rpc->Finish(&reply, &status, reinterpret_cast<void *>(1));
}

void prepareAsyncUnary(Greeter::Stub *stub, grpc::CompletionQueue *cq) {
  grpc::ClientContext ctx;
  HelloRequest req;
  HelloReply reply;
  grpc::Status status;
  std::unique_ptr<grpc::ClientAsyncResponseReader<HelloReply>> rpc =
      stub->PrepareAsyncSayHello(&ctx, req, cq);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: RPC 'PrepareAsyncSayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<grpc::ClientAsyncResponseReader<HelloReply>> rpc ={{$}}
  rpc->StartCall();
  rpc->Finish(&reply, &status, reinterpret_cast<void *>(1));
}

void callbackUnary(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  HelloRequest req;
  HelloReply reply;
  stub->async()->SayHello(&ctx, &req, &reply, [](grpc::Status) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  stub->async()->SayHello(&ctx, &req, &reply, [](grpc::Status) {});{{$}}
}

void serverStreaming(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  HelloRequest req;
  HelloReply reply;
  std::unique_ptr<grpc::ClientReader<HelloReply>> reader =
      stub->ListGreetings(&ctx, req);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: RPC 'ListGreetings' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<grpc::ClientReader<HelloReply>> reader ={{$}}
  while (reader->Read(&reply)) {
  }
  reader->Finish();
}

void bidiStreaming(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  HelloRequest req;
  HelloReply reply;
  auto stream = stub->Chat(&ctx);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: RPC 'Chat' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  auto stream = stub->Chat(&ctx);{{$}}
  stream->Write(req);
  stream->WritesDone();
  while (stream->Read(&reply)) {
  }
  stream->Finish();
}

void asyncBidiStreaming(Greeter::Stub *stub, grpc::CompletionQueue *cq) {
  grpc::ClientContext ctx;
  auto stream = stub->AsyncChat(&ctx, cq, reinterpret_cast<void *>(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: RPC 'AsyncChat' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  auto stream = stub->AsyncChat(&ctx, cq, reinterpret_cast<void *>(1));{{$}}
}

// The inserted line takes the indentation of the statement that holds the call.
void nestedBlock(Greeter::Stub *stub) {
  HelloRequest req;
  HelloReply reply;
  for (int attempt = 0; attempt < 3; ++attempt) {
    grpc::ClientContext ctx;
    grpc::Status status = stub->SayHello(&ctx, req, &reply);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
    // CHECK-FIXES: {{^}}    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
    // CHECK-FIXES-NEXT: {{^}}    grpc::Status status = stub->SayHello(&ctx, req, &reply);{{$}}
    if (status.ok())
      break;
  }
}

// ---- flagged: the deadline comes too late, or is infinite -------------------

void deadlineAfterCall(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  stub->SayHello(&ctx, req, &reply);{{$}}
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
}

void infiniteDeadline(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  HelloRequest req;
  HelloReply reply;
  ctx.set_deadline(std::chrono::system_clock::time_point::max());
  stub->SayHello(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: the timeout is disabled here
  // CHECK-FIXES: {{^}}  ctx.set_deadline(std::chrono::system_clock::time_point::max());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  stub->SayHello(&ctx, req, &reply);{{$}}
}

// A finite deadline followed by an infinite one is infinite.
void finiteThenInfinite(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  HelloRequest req;
  HelloReply reply;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  ctx.set_deadline(std::chrono::system_clock::time_point::max());
  stub->SayHello(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: the timeout is disabled here
  // CHECK-FIXES: {{^}}  ctx.set_deadline(std::chrono::system_clock::time_point::max());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  stub->SayHello(&ctx, req, &reply);{{$}}
}

// ---- flagged: a context owned through a smart pointer ----------------------

void uniquePtrContext(Greeter::Stub *stub) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(ctx.get(), req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  stub->SayHello(ctx.get(), req, &reply);{{$}}
}

void sharedPtrContext(Greeter::Stub *stub) {
  std::shared_ptr<grpc::ClientContext> ctx =
      std::make_shared<grpc::ClientContext>();
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(ctx.get(), req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  stub->SayHello(ctx.get(), req, &reply);{{$}}
}

// ---- flagged, no fix: the call is not directly in a block -------------------

void unbracedIf(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  HelloRequest req;
  HelloReply reply;
  if (ready())
    stub->SayHello(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}void unbracedIf(Greeter::Stub *stub) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}  grpc::ClientContext ctx;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  HelloRequest req;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  HelloReply reply;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  if (ready()){{$}}
  // CHECK-FIXES-NEXT: {{^}}    stub->SayHello(&ctx, req, &reply);{{$}}
}

// ---- flagged: a helper in this file sees the context but sets no deadline ---

void addMetadata(grpc::ClientContext *context) {
  context->AddMetadata("x-client", "leak-tidy");
}

void helperWithoutDeadline(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  HelloRequest req;
  HelloReply reply;
  addMetadata(&ctx);
  stub->SayHello(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  addMetadata(&ctx);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  stub->SayHello(&ctx, req, &reply);{{$}}
}

// A context made inside a lambda belongs to the lambda.
void contextInLambda(Greeter::Stub *stub) {
  auto call = [stub] {
    grpc::ClientContext ctx;
    HelloRequest req;
    HelloReply reply;
    return stub->SayHello(&ctx, req, &reply);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
    // CHECK-FIXES: {{^}}    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return stub->SayHello(&ctx, req, &reply);{{$}}
  };
  call();
}

// ---- silent: a deadline that can precede the call ---------------------------

void withDeadline(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
}

void deadlineOnOnePath(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  if (ready())
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::milliseconds(250));
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
}

void deadlineFromTimePoint(Greeter::Stub *stub,
                           std::chrono::system_clock::time_point until) {
  grpc::ClientContext ctx;
  ctx.set_deadline(until);
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
}

void uniquePtrWithDeadline(Greeter::Stub *stub, grpc::CompletionQueue *cq) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  HelloRequest req;
  auto rpc = stub->AsyncSayHello(ctx.get(), req, cq);
}

void setDeadline(grpc::ClientContext &context) {
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
}

void helperSetsDeadline(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  setDeadline(ctx);
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
}

// ---- silent: the context comes from, or goes to, somewhere unseen ----------

void contextParameter(Greeter::Stub *stub, grpc::ClientContext *context) {
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(context, req, &reply);
}

void contextReferenceParameter(Greeter::Stub &stub,
                               grpc::ClientContext &context) {
  HelloRequest req;
  HelloReply reply;
  stub.SayHello(&context, req, &reply);
}

class Client {
public:
  explicit Client(std::unique_ptr<Greeter::Stub> stub)
      : stub_(std::move(stub)) {}

  void call() {
    HelloRequest req;
    HelloReply reply;
    stub_->SayHello(&ctx_, req, &reply);
  }

private:
  std::unique_ptr<Greeter::Stub> stub_;
  grpc::ClientContext ctx_;
};

grpc::ClientContext globalContext;

void globalContextCall(Greeter::Stub *stub) {
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&globalContext, req, &reply);
}

void unknownFunction(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  configure(&ctx);
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
}

void unknownFunctionByReference(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  remember(ctx);
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
}

void referenceAlias(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  grpc::ClientContext &alias = ctx;
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&alias, req, &reply);
}

void capturedByLambda(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  auto cancel = [&ctx] { ctx.TryCancel(); };
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
  cancel();
}

void callInsideLambda(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  HelloRequest req;
  HelloReply reply;
  auto call = [&] { stub->SayHello(&ctx, req, &reply); };
  call();
}

std::unique_ptr<grpc::ClientContext> returnedContext(Greeter::Stub *stub) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(ctx.get(), req, &reply);
  return ctx;
}
