// REQUIRES: grpc-stubs
// RUN: %check_leak_tidy %s leak-http-without-timeout %t -- -config="{CheckOptions: {leak-http-without-timeout.TimeoutMs: 1500}}" -- -std=c++17 -DNOMINMAX -I%grpc_stubs
// RUN: %check_leak_tidy --check-suffix=WHOLE %s leak-http-without-timeout %t.whole -- -config="{CheckOptions: {leak-http-without-timeout.TimeoutMs: 2000}}" -- -std=c++17 -DNOMINMAX -I%grpc_stubs
// RUN: %check_leak_tidy --check-suffix=ZERO %s leak-http-without-timeout %t.zero -- -config="{CheckOptions: {leak-http-without-timeout.TimeoutMs: 0}}" -- -std=c++17 -DNOMINMAX -I%grpc_stubs

// TimeoutMs sets the inserted deadline: whole seconds are spelled in seconds,
// anything else in milliseconds. A TimeoutMs of 0 would insert no timeout at
// all: the warnings stay and the file is left unchanged.

#include "greeter.grpc.pb.h"

#include <chrono>
#include <memory>

using leaktidy::test::Greeter;
using leaktidy::test::HelloReply;
using leaktidy::test::HelloRequest;

void syncUnary(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: RPC 'SayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(1500));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  stub->SayHello(&ctx, req, &reply);{{$}}
  // CHECK-FIXES-WHOLE: {{^}}  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));{{$}}
  // CHECK-FIXES-WHOLE-NEXT: {{^}}  stub->SayHello(&ctx, req, &reply);{{$}}
}

void uniquePtrContext(Greeter::Stub *stub, grpc::CompletionQueue *cq) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  HelloRequest req;
  auto rpc = stub->AsyncSayHello(ctx.get(), req, cq);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: RPC 'AsyncSayHello' with context 'ctx' has no deadline and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(1500));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  auto rpc = stub->AsyncSayHello(ctx.get(), req, cq);{{$}}
  // CHECK-FIXES-WHOLE: {{^}}  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));{{$}}
  // CHECK-FIXES-WHOLE-NEXT: {{^}}  auto rpc = stub->AsyncSayHello(ctx.get(), req, cq);{{$}}
}
