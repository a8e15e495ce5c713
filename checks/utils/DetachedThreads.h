//===--- DetachedThreads.h - leak-tidy ------------------------------------===//
//
// The threads a detach site detaches: which kind, what they run, what holds
// them, and what could still stop them.
//
//===----------------------------------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_DETACHEDTHREADS_H
#define LEAK_TIDY_CHECKS_UTILS_DETACHEDTHREADS_H

#include "CallableBody.h"
#include "TranslationUnitIndex.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseSet.h"
#include <cstdint>
#include <optional>
#include <string>

namespace clang::tidy::leak::utils {

enum class ThreadKind : std::uint8_t {
  StdThread,
  JThread,
  Boost,
  Pthread,
  Fiber, // boost::fibers::fiber: the same leak on a lighter worker
  Custom
};

/// `fiber` for a Boost fiber, `thread` for the others: what messages call it.
StringRef workerWord(ThreadKind Kind);

/// One detached thread, as found at its detach site.
struct DetachedThread {
  ThreadKind Kind = ThreadKind::Custom;
  SourceLocation Loc;
  std::string Subject; // "thread 'worker'", "thread running 'pump'", ...
  CallableBody Body;
  const ValueDecl *Named = nullptr; // the variable or member, if any
  const CXXConstructExpr *Construction = nullptr;
  const CXXMemberCallExpr *Detach = nullptr;
  const FunctionDecl *Owner = nullptr; // the function that detaches it
  const VarDecl *DeadStopToken = nullptr;
  SourceLocation DestroyedAt; // boost::thread detached by its destructor
  DynTypedNode Site;          // where it is detached (or made, for Boost's)
};

/// `t.detach()` on a std::thread, std::jthread, boost::thread or a type of
/// the ThreadTypes option, named or temporary. A detached jthread whose stop
/// source nothing keeps gets the stop token its code checks in vain.
std::optional<DetachedThread> fromDetachCall(const CXXMemberCallExpr *Detach,
                                             const Expr *Object,
                                             const FunctionDecl *Owner,
                                             TranslationUnitIndex &Index);

/// `pthread_detach(id)`, or `pthread_detach(pthread_self())` in the code a
/// thread runs.
std::optional<DetachedThread> fromPthreadDetach(const CallExpr *Call,
                                                const FunctionDecl *Owner,
                                                ASTContext &Context);

/// `pthread_create` with an attribute set to PTHREAD_CREATE_DETACHED in
/// \p Owner.
std::optional<DetachedThread> fromDetachedAttribute(const CallExpr *Create,
                                                    const VarDecl *Attr,
                                                    const FunctionDecl *Owner,
                                                    ASTContext &Context);

/// A joinable boost::thread variable that is destroyed without join(): its
/// destructor detaches it (BOOST_THREAD_VERSION 2).
std::optional<DetachedThread> fromBoostVariable(const VarDecl *Var,
                                                const FunctionDecl *Owner,
                                                ParentIndex &Parents,
                                                ASTContext &Context);

/// A boost::thread temporary, detached when it is destroyed.
std::optional<DetachedThread>
fromBoostTemporary(const CXXConstructExpr *Temporary, const FunctionDecl *Owner,
                   ParentIndex &Parents, ASTContext &Context);

/// The threads (and pthread_t ids) that pthread_cancel() is called on in the
/// user code of \p Context's translation unit, directly or through a native
/// handle kept in a variable or member.
llvm::DenseSet<const Decl *> threadsCancelledIn(ASTContext &Context);

} // namespace clang::tidy::leak::utils

#endif
