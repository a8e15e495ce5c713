//===--- ChannelUses.h - leak-tidy ----------------------------------------===//
//
// What a function, the tasks it spawns, or a class's code does with one
// channel: who sends, who receives, whether it reaches code that is not
// followed; and the shapes of the loops the sends and receives sit in.
//
//===----------------------------------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_CHANNELUSES_H
#define LEAK_TIDY_CHECKS_UTILS_CHANNELUSES_H

#include "ChannelApis.h"
#include "ObjectHome.h"
#include "ParentIndex.h"
#include "Spawns.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace clang::tidy::leak::utils {

/// A blocking send in a spawned task.
struct TaskSend {
  const CXXMemberCallExpr *Send = nullptr;
  const SpawnedTask *Task = nullptr;
  /// The task sends more than once, or in a loop: one slot is not enough.
  bool Repeated = false;
};

/// What the owning code and its tasks do with one channel.
struct ChannelUses {
  /// Receives that wait for a value, and releases of a blocked sender.
  llvm::SmallVector<const Stmt *, 4> Receives;
  llvm::SmallVector<const Stmt *, 2> Releases;
  /// Receives that can give up, for the notes.
  llvm::SmallVector<const CXXMemberCallExpr *, 2> BoundedReceives;
  llvm::SmallVector<TaskSend, 2> Sends;
  /// The channel reaches code that is not followed.
  bool Escapes = false;
  /// A spawned task receives from it: the receiving is done there.
  bool ReceivedByTask = false;
};

/// Classifies every use of the local \p Channel in \p Owner's body and in
/// \p Tasks, the tasks \p Owner spawns.
ChannelUses localChannelUses(const VarDecl *Channel, const FunctionDecl *Owner,
                             const ChannelKind &Kind,
                             ArrayRef<SpawnedTask> Tasks, ParentIndex &Parents,
                             ASTContext &Context);

/// The same for a data member: the sends of \p Tasks, the tasks its class
/// spawns, and every receive in the rest of its class's code.
ChannelUses memberChannelUses(const FieldDecl *Channel, const ObjectHome &Home,
                              const ChannelKind &Kind,
                              ArrayRef<SpawnedTask> Tasks,
                              TranslationUnitIndex &Index);

/// The statement around \p S, through a variable's declaration.
const Stmt *parentOf(const Stmt *S, ParentIndex &Parents, ASTContext &Context);

/// The innermost loop around \p S in the function body \p Body; null when
/// there is none or \p S is in a lambda.
const Stmt *enclosingLoop(const Stmt *S, const Stmt *Body, ParentIndex &Parents,
                          ASTContext &Context);

/// Whether \p S runs on every iteration of \p Loop that reaches it, with no
/// branch in between.
bool unconditionalIn(const Stmt *S, const Stmt *Loop, ParentIndex &Parents,
                     ASTContext &Context);

/// The number of iterations of `for (int i = A; i < B; ++i)` (also `<=`,
/// `!=`) with constant bounds, or of a range-for over an array or braced
/// list.
std::optional<std::uint64_t> constantTripCount(const Stmt *Loop,
                                               const ASTContext &Context);

/// Whether \p Loop, holding a receive, runs at least once whenever it is
/// reached after a spawn: a do-while, a loop with a constant positive trip
/// count, or a loop after the loop that spawned the tasks, which is taken to
/// run as often (`for (i < n) spawn(); for (i < n) receive();`).
bool runsAtLeastOnce(const Stmt *Loop, const Stmt *SpawnLoop,
                     const ASTContext &Context);

/// The statement every path into \p Loop passes first.
const Stmt *loopEntry(const Stmt *Loop);

/// Adds \p S and the expressions around it up to its statement, so that
/// whichever of them the CFG lists is found.
void addWithEnclosingExprs(llvm::SmallPtrSetImpl<const Stmt *> &Set,
                           const Stmt *S, ParentIndex &Parents,
                           ASTContext &Context);

/// \p S, or the nearest expression around it that \p Graph lists.
const Stmt *anchorIn(const CFG &Graph, const Stmt *S, ParentIndex &Parents,
                     ASTContext &Context);

/// Whether \p S may throw: a throw, or a call that is not noexcept.
bool mayThrow(const Stmt *S);

} // namespace clang::tidy::leak::utils

#endif
