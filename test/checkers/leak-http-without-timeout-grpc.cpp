// REQUIRES: grpc-stubs
// RUN: %check_leak_tidy %s leak-http-without-timeout %t -- -- -std=c++17 -DNOMINMAX -I%grpc_stubs

// gRPC: a call on a generated stub (a method taking grpc::ClientContext*
// first: blocking, completion-queue and callback APIs) whose context, made in
// the function, had no set_deadline before the call. A private member context
// is followed across its class (a deadline anywhere there counts), and one from
// a factory of this file into the factory. The stub is grpc_cpp_plugin's real
// output for Inputs/grpc/greeter.proto.

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

// A public member: code in other files can set its deadline.
class PublicContextClient {
public:
  explicit PublicContextClient(std::unique_ptr<Greeter::Stub> stub)
      : stub_(std::move(stub)) {}

  void call() {
    HelloRequest req;
    HelloReply reply;
    stub_->SayHello(&ctx, req, &reply);
  }

  grpc::ClientContext ctx;

private:
  std::unique_ptr<Greeter::Stub> stub_;
};

// A member function defined in another file can reach the member.
class SplitClient {
public:
  explicit SplitClient(std::unique_ptr<Greeter::Stub> stub)
      : stub_(std::move(stub)) {}
  void prepare(); // defined elsewhere

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

// A reference bound to the context is the context under another name.
void referenceAlias(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  grpc::ClientContext &alias = ctx;
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&alias, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  alias.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  stub->SayHello(&alias, req, &reply);{{$}}
}

std::unique_ptr<grpc::ClientContext> returnedContext(Greeter::Stub *stub) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(ctx.get(), req, &reply);
  return ctx;
}

// ---- the completion-queue and callback APIs, with a deadline: silent --------

void prepareAsyncWithDeadline(Greeter::Stub *stub, grpc::CompletionQueue *cq) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  HelloRequest req;
  auto rpc = stub->PrepareAsyncSayHello(&ctx, req, cq);
  rpc->StartCall();
}

void callbackWithDeadline(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  HelloRequest req;
  HelloReply reply;
  stub->async()->SayHello(&ctx, &req, &reply, [](grpc::Status) {});
}

// ---- flagged: a member context, followed across its class -------------------

// Private, every member function defined here, no deadline anywhere in the
// class: reported with a note at the member.
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

// The completion-queue API on a member stub and a member context.
class AsyncClient {
public:
  explicit AsyncClient(std::unique_ptr<Greeter::Stub> stub)
      : stub_(std::move(stub)) {}

  void start(const HelloRequest &req) {
    rpc_ = stub_->PrepareAsyncSayHello(&ctx_, req, &cq_);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: RPC 'PrepareAsyncSayHello' with context 'ctx_' has no deadline and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+11]]:23: note: 'ctx_' is declared here
    // CHECK-FIXES: {{^}}  void start(const HelloRequest &req) {{{$}}
    // CHECK-FIXES-NEXT: {{^}}    ctx_.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
    // CHECK-FIXES-NEXT: {{^}}    rpc_ = stub_->PrepareAsyncSayHello(&ctx_, req, &cq_);{{$}}
    rpc_->StartCall();
    rpc_->Finish(&reply_, &status_, this);
  }

private:
  std::unique_ptr<Greeter::Stub> stub_;
  grpc::CompletionQueue cq_;
  grpc::ClientContext ctx_;
  HelloReply reply_;
  grpc::Status status_;
  std::unique_ptr<grpc::ClientAsyncResponseReader<HelloReply>> rpc_;
};

// The callback API: stub->async()->Method(&context, ...).
class CallbackClient {
public:
  explicit CallbackClient(std::unique_ptr<Greeter::Stub> stub)
      : stub_(std::move(stub)) {}

  void start() {
    stub_->async()->SayHello(&ctx_, &req_, &reply_, [](grpc::Status) {});
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: RPC 'SayHello' with context 'ctx_' has no deadline and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+8]]:23: note: 'ctx_' is declared here
    // CHECK-FIXES: {{^}}  void start() {{{$}}
    // CHECK-FIXES-NEXT: {{^}}    ctx_.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
    // CHECK-FIXES-NEXT: {{^}}    stub_->async()->SayHello(&ctx_, &req_, &reply_, [](grpc::Status) {});{{$}}
  }

private:
  std::unique_ptr<Greeter::Stub> stub_;
  grpc::ClientContext ctx_;
  HelloRequest req_;
  HelloReply reply_;
};

// An infinite deadline in the constructor is "disabled here".
class UnboundedClient {
public:
  explicit UnboundedClient(std::unique_ptr<Greeter::Stub> stub)
      : stub_(std::move(stub)) {
    ctx_.set_deadline(std::chrono::system_clock::time_point::max());
  }

  void begin() {
    stub_->async()->SayHello(&ctx_, &req_, &reply_, [](grpc::Status) {});
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: RPC 'SayHello' with context 'ctx_' has no deadline and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+9]]:23: note: 'ctx_' is declared here
    // CHECK-MESSAGES: :[[@LINE-7]]:10: note: the timeout is disabled here
    // CHECK-FIXES: {{^}}  void begin() {{{$}}
    // CHECK-FIXES-NEXT: {{^}}    ctx_.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
    // CHECK-FIXES-NEXT: {{^}}    stub_->async()->SayHello(&ctx_, &req_, &reply_, [](grpc::Status) {});{{$}}
  }

private:
  std::unique_ptr<Greeter::Stub> stub_;
  grpc::ClientContext ctx_;
  HelloRequest req_;
  HelloReply reply_;
};

// Held through a unique_ptr made in the constructor: the fix uses `->`.
class OwningClient {
public:
  explicit OwningClient(std::unique_ptr<Greeter::Stub> stub)
      : stub_(std::move(stub)), ctx_(std::make_unique<grpc::ClientContext>()) {}

  void callOwned() {
    HelloRequest req;
    HelloReply reply;
    stub_->SayHello(ctx_.get(), req, &reply);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: RPC 'SayHello' with context 'ctx_' has no deadline and can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE+7]]:40: note: 'ctx_' is declared here
    // CHECK-FIXES: {{^}}    ctx_->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
    // CHECK-FIXES-NEXT: {{^}}    stub_->SayHello(ctx_.get(), req, &reply);{{$}}
  }

private:
  std::unique_ptr<Greeter::Stub> stub_;
  std::unique_ptr<grpc::ClientContext> ctx_;
};

// ---- silent: a member context with a deadline somewhere in its class --------

class TimedAsyncClient {
public:
  explicit TimedAsyncClient(std::unique_ptr<Greeter::Stub> stub)
      : stub_(std::move(stub)) {
    ctx_.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
  }

  void start(const HelloRequest &req) {
    rpc_ = stub_->AsyncSayHello(&ctx_, req, &cq_);
    rpc_->Finish(&reply_, &status_, this);
  }

private:
  std::unique_ptr<Greeter::Stub> stub_;
  grpc::CompletionQueue cq_;
  grpc::ClientContext ctx_;
  HelloReply reply_;
  grpc::Status status_;
  std::unique_ptr<grpc::ClientAsyncResponseReader<HelloReply>> rpc_;
};

// Set in a member function written after the call: it counts.
class DeadlineLater {
public:
  explicit DeadlineLater(std::unique_ptr<Greeter::Stub> stub)
      : stub_(std::move(stub)) {}

  void start() {
    stub_->async()->SayHello(&ctx_, &req_, &reply_, [](grpc::Status) {});
  }
  void limit() {
    ctx_.set_deadline(std::chrono::system_clock::now() +
                      std::chrono::milliseconds(750));
  }

private:
  std::unique_ptr<Greeter::Stub> stub_;
  grpc::ClientContext ctx_;
  HelloRequest req_;
  HelloReply reply_;
};

// ---- flagged: hand-offs that cannot change the context ----------------------

void inspect(const grpc::ClientContext &context);
void peek(const grpc::ClientContext *context);

void passedAsConst(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  inspect(ctx);
  peek(&ctx);
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  peek(&ctx);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  HelloRequest req;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  HelloReply reply;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  stub->SayHello(&ctx, req, &reply);{{$}}
}

// ---- flagged: a context made by a factory of this file ----------------------

// No deadline in the factory: the call is reported with a note at the
// factory's return, and the fix goes into the factory.
grpc::ClientContext *newContext() {
  auto *made = new grpc::ClientContext;
  made->AddMetadata("x-client", "leak-tidy");
  return made;
  // CHECK-FIXES: {{^}}  made->AddMetadata("x-client", "leak-tidy");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  made->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return made;{{$}}
}

void fromFactory(Greeter::Stub *stub) {
  grpc::ClientContext *ctx = newContext();
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-12]]:3: note: 'newContext' makes it here without a timeout
  delete ctx;
}

// Made right in the return statement: nothing there to set a deadline on, so
// no fix, but the note shows where the context comes from.
std::unique_ptr<grpc::ClientContext> freshContext() {
  return std::make_unique<grpc::ClientContext>();
}

void fromFreshContext(Greeter::Stub *stub) {
  auto ctx = freshContext();
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(ctx.get(), req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'freshContext' makes it here without a timeout
}

// ---- silent: the factory sets the deadline -----------------------------------

grpc::ClientContext *newTimedContext() {
  auto *made = new grpc::ClientContext;
  made->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  return made;
}

void fromTimedFactory(Greeter::Stub *stub) {
  grpc::ClientContext *ctx = newTimedContext();
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(ctx, req, &reply);
  delete ctx;
}

// ---- a factory that returns a named local ----------------------------------------

// No deadline in the factory: the call is reported with a note at the
// factory's return, and the fix goes into the factory, through the pointer.
std::unique_ptr<grpc::ClientContext> makeContext() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->AddMetadata("x-client", "leak-tidy");
  return ctx;
  // CHECK-FIXES: {{^}}  ctx->AddMetadata("x-client", "leak-tidy");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return ctx;{{$}}
}

void fromMadeContext(Greeter::Stub *stub) {
  auto ctx = makeContext();
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(ctx.get(), req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-12]]:3: note: 'makeContext' makes it here without a timeout
}

// Silent: the factory sets the deadline on the local it returns.
std::unique_ptr<grpc::ClientContext> makeTimedContext() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
  return ctx;
}

void fromMadeTimedContext(Greeter::Stub *stub) {
  auto ctx = makeTimedContext();
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(ctx.get(), req, &reply);
}

// ---- a context used by a lambda of the function ----------------------------------

// Silent: the lambda, captured by reference and called before the RPC, sets
// the deadline.
void deadlineInLambda(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  auto limit = [&ctx] {
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(4));
  };
  limit();
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
}

// Its twin whose lambda only adds metadata: the body is followed, and sets no
// deadline.
void metadataInLambda(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  auto tag = [&ctx] { ctx.AddMetadata("x-client", "leak-tidy"); };
  tag();
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  tag();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  HelloRequest req;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  HelloReply reply;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  stub->SayHello(&ctx, req, &reply);{{$}}
}
