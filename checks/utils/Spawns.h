//===--- Spawns.h - leak-tidy ---------------------------------------------===//
//
// Calls that start concurrent work (threads, fibers, futures, Asio handlers
// and coroutines) and the code each one runs.
//
//===----------------------------------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_SPAWNS_H
#define LEAK_TIDY_CHECKS_UTILS_SPAWNS_H

#include "CallableBody.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/SmallVector.h"
#include <string>
#include <utility>

namespace clang::tidy::leak::utils {

/// A task started by a spawn, and how its code is reached.
struct SpawnedTask {
  /// The constructor call or call that starts it.
  const Expr *Spawn = nullptr;
  /// The code it runs; Function is null when that is not visible.
  CallableBody Body;
  /// The spawn's arguments that reach Body.Function's parameters.
  llvm::SmallVector<std::pair<const Expr *, const ParmVarDecl *>, 4> Passed;
};

/// Every spawn in \p Body: constructions of std::thread, std::jthread,
/// boost::thread and boost::fibers::fiber (also through a container's
/// emplace), std::async, boost::fibers::async, Asio's post, dispatch, defer
/// (free and as members of io_context, strands and thread pools),
/// bind_executor, co_spawn and spawn, and the functions or classes named in
/// \p Extra.
llvm::SmallVector<SpawnedTask, 4>
spawnsIn(const Stmt &Body, ArrayRef<std::string> Extra, ASTContext &Context);

} // namespace clang::tidy::leak::utils

#endif
