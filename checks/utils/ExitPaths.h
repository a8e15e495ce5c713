//===--- ExitPaths.h - leak-tidy ------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_EXITPATHS_H
#define LEAK_TIDY_CHECKS_UTILS_EXITPATHS_H

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::leak::utils {

/// How a path that ends abruptly (a `throw`, a call to a noreturn function
/// such as exit()) counts.
enum class AbruptEnd : bool {
  /// It does not return normally: not an exit.
  Ignored,
  /// It leaves the code, as a return does.
  Leaves
};

/// The ways out of a function that some path reaches without a stop.
struct UncoveredExits {
  /// The `return` and `co_return` statements, in source order.
  llvm::SmallVector<const Stmt *, 4> Returns;
  /// Control can fall off the end of the body.
  bool FallsOffEnd = false;
  /// A throw or noreturn call (only with AbruptEnd::Leaves).
  bool EndsAbruptly = false;
  /// The start statement is not in the CFG: nothing is known.
  bool Unknown = false;

  bool any() const { return !Returns.empty() || FallsOffEnd || EndsAbruptly; }
};

/// Follows every CFG path of \p Graph from just after \p Start (from the
/// entry when \p Start is null) and collects the exits reached without
/// passing a statement in \p Stops. A path that loops forever reaches none.
UncoveredExits exitsAvoiding(const CFG &Graph, const Stmt *Start,
                             const llvm::SmallPtrSetImpl<const Stmt *> &Stops,
                             AbruptEnd Abrupt);

/// A statement, reached along a path from just after \p Start, that
/// satisfies \p Matches on some path that has not passed one of \p Stops;
/// null when there is none.
const Stmt *reachedAvoiding(const CFG &Graph, const Stmt *Start,
                            const llvm::SmallPtrSetImpl<const Stmt *> &Stops,
                            llvm::function_ref<bool(const Stmt *)> Matches);

/// The throw statements of \p Graph that leave the function: no handler of
/// the function catches them.
llvm::SmallPtrSet<const Stmt *, 4> throwsLeaving(const CFG &Graph);

/// Whether some branch whose condition satisfies \p Decides, reached from
/// the entry without passing one of \p Avoid, has a successor from which no
/// path reaches one of \p Avoid: on that side of the branch, every path
/// ends (or loops) without them.
bool branchAvoids(const CFG &Graph,
                  const llvm::SmallPtrSetImpl<const Stmt *> &Avoid,
                  llvm::function_ref<bool(const Stmt *)> Decides);

} // namespace clang::tidy::leak::utils

#endif
