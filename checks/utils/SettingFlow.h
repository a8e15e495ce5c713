//===--- SettingFlow.h - leak-tidy ----------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_SETTINGFLOW_H
#define LEAK_TIDY_CHECKS_UTILS_SETTINGFLOW_H

#include "clang/AST/Decl.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>

namespace clang::tidy::leak::utils {

/// What a statement does to a setting such as a timeout.
enum class Setting : std::uint8_t { Finite, Infinite };

/// The statements that change a setting on one object, by kind.
using SettingEvents = llvm::DenseMap<const Stmt *, Setting>;

/// The result of looking backwards from a call along every CFG path.
struct SettingAtCall {
  /// Some path reaches the call from a finite setting that nothing reset.
  bool MayBeFinite = false;
  /// An infinite setting that is the last one on some path, if any.
  const Stmt *DisabledBy = nullptr;
};

/// The body \p Function's author wrote: a coroutine's without the promise
/// machinery around it. Null when there is none.
Stmt *writtenBody(const FunctionDecl *Function);

/// Builds each function's CFG once, on first use, for one translation unit.
class CFGCache {
public:
  /// The CFG of \p Function's writtenBody(); null when Clang cannot build one.
  const CFG *get(const FunctionDecl *Function, ASTContext &Context);
  void clear() { Graphs.clear(); }

private:
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<CFG>> Graphs;
};

/// Where \p S sits in \p Graph: its block and its index there; none when it
/// is not an element (an unevaluated operand, code in a nested lambda).
std::optional<std::pair<const CFGBlock *, unsigned>>
positionOf(const CFG &Graph, const Stmt *S);

/// Walks \p Graph backwards from \p Call and reports which of \p Events can
/// be the last one before it. Paths are Clang's CFG paths, so a setting in one
/// branch only reaches calls after that branch, and a setting after a return
/// never reaches it.
SettingAtCall settingAt(const CFG &Graph, const Stmt *Call,
                        const SettingEvents &Events);

} // namespace clang::tidy::leak::utils

#endif
