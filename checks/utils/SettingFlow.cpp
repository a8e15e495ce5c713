//===--- SettingFlow.cpp - leak-tidy --------------------------------------===//

#include "SettingFlow.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::leak::utils {

Stmt *writtenBody(const FunctionDecl *Function) {
  Stmt *Body = Function->getBody();
  if (auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    return Coroutine->getBody();
  return Body;
}

const CFG *CFGCache::get(const FunctionDecl *Function, ASTContext &Context) {
  auto [It, Inserted] = Graphs.try_emplace(Function);
  if (Inserted && Function->hasBody()) {
    CFG::BuildOptions Options;
    Options.AddImplicitDtors = false;
    Options.AddTemporaryDtors = false;
    It->second =
        CFG::buildCFG(Function, writtenBody(Function), &Context, Options);
  }
  return It->second.get();
}

std::optional<std::pair<const CFGBlock *, unsigned>>
positionOf(const CFG &Graph, const Stmt *S) {
  for (const CFGBlock *Block : Graph) {
    unsigned Index = 0;
    for (const CFGElement &Element : *Block) {
      if (auto Statement = Element.getAs<CFGStmt>())
        if (Statement->getStmt() == S)
          return std::make_pair(Block, Index);
      ++Index;
    }
  }
  return std::nullopt;
}

namespace {

/// Scans \p Block's elements before \p End, last first. Returns true when the
/// path stops here (a setting was found).
bool scanBackwards(const CFGBlock &Block, unsigned End,
                   const SettingEvents &Events, SettingAtCall &Result) {
  for (unsigned Index = End; Index-- > 0;) {
    auto Statement = Block[Index].getAs<CFGStmt>();
    if (!Statement)
      continue;
    auto It = Events.find(Statement->getStmt());
    if (It == Events.end())
      continue;
    if (It->second == Setting::Finite)
      Result.MayBeFinite = true;
    else if (!Result.DisabledBy)
      Result.DisabledBy = It->first;
    return true;
  }
  return false;
}

} // namespace

SettingAtCall settingAt(const CFG &Graph, const Stmt *Call,
                        const SettingEvents &Events) {
  SettingAtCall Result;
  auto Start = positionOf(Graph, Call);
  if (!Start) {
    // Not in the CFG (an unevaluated or unusual context): never claim that
    // nothing set it.
    Result.MayBeFinite = true;
    return Result;
  }
  llvm::SmallVector<const CFGBlock *, 16> Work;
  llvm::SmallPtrSet<const CFGBlock *, 16> Seen;
  auto PushPredecessors = [&](const CFGBlock &Block) {
    for (const CFGBlock::AdjacentBlock &Pred : Block.preds())
      if (const CFGBlock *Reachable = Pred.getReachableBlock())
        if (Seen.insert(Reachable).second)
          Work.push_back(Reachable);
  };
  if (!scanBackwards(*Start->first, Start->second, Events, Result))
    PushPredecessors(*Start->first);
  while (!Work.empty() && !Result.MayBeFinite) {
    const CFGBlock *Block = Work.pop_back_val();
    if (!scanBackwards(*Block, Block->size(), Events, Result))
      PushPredecessors(*Block);
  }
  return Result;
}

} // namespace clang::tidy::leak::utils
