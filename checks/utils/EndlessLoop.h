//===--- EndlessLoop.h - leak-tidy ----------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_ENDLESSLOOP_H
#define LEAK_TIDY_CHECKS_UTILS_ENDLESSLOOP_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::leak::utils {

/// A loop that can never end, and how the code a thread starts in reaches it.
struct EndlessLoop {
  const Stmt *Loop = nullptr;
  /// The function whose body holds Loop.
  const FunctionDecl *Function = nullptr;
  /// The calls from the entry function down to Function, outermost first;
  /// empty when the loop is in the entry function itself.
  llvm::SmallVector<const CallExpr *, 4> Calls;
  /// The loop's condition reads the dead stop token: it would end if the
  /// token could be triggered.
  bool WaitsForDeadStopToken = false;
};

/// The condition of a while, do or for loop; null for `for (;;)`.
const Expr *loopCondition(const Stmt *Loop);

/// Finds a loop that can never end in \p Entry, or in a function it calls
/// that is defined in this translation unit outside system headers (at most
/// \p MaxCallDepth calls deep).
///
/// A loop can never end when its condition is constant true and no path in
/// Clang's CFG of its function leaves it: no break, return, co_return, goto
/// out of it, call to a [[noreturn]] function, or throw caught outside the
/// loop. A try block around the loop does not end it; a throw caught inside
/// the loop does not leave it, and one that leaves \p Entry (where the
/// thread starts) ends the process through std::terminate, not the loop.
///
/// When \p DeadStopToken is set, a loop in \p Entry whose condition reads
/// nothing but that variable counts as constant true too: it is a stop token
/// that nothing can ever trigger.
std::optional<EndlessLoop>
findEndlessLoop(const FunctionDecl *Entry, ASTContext &Context,
                const VarDecl *DeadStopToken = nullptr,
                unsigned MaxCallDepth = 3);

} // namespace clang::tidy::leak::utils

#endif
