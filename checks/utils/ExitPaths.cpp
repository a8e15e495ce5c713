//===--- ExitPaths.cpp - leak-tidy ----------------------------------------===//

#include "ExitPaths.h"
#include "SettingFlow.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::leak::utils {

namespace {

enum class PathEnd : std::uint8_t { Continues, Stopped, Returned, Abrupt };

/// Scans \p Block from \p Begin and says how the path ends in it.
PathEnd scanForwards(const CFGBlock &Block, unsigned Begin,
                     const llvm::SmallPtrSetImpl<const Stmt *> &Stops,
                     UncoveredExits &Result) {
  for (unsigned Index = Begin; Index < Block.size(); ++Index) {
    auto Element = Block[Index].getAs<CFGStmt>();
    if (!Element)
      continue;
    const Stmt *S = Element->getStmt();
    if (Stops.contains(S))
      return PathEnd::Stopped;
    if (isa<ReturnStmt, CoreturnStmt>(S)) {
      if (!llvm::is_contained(Result.Returns, S))
        Result.Returns.push_back(S);
      return PathEnd::Returned;
    }
    if (isa<CXXThrowExpr>(S))
      return PathEnd::Abrupt;
  }
  // exit(), abort() and assertion failures are linked to the exit block.
  return Block.hasNoReturnElement() ? PathEnd::Abrupt : PathEnd::Continues;
}

} // namespace

UncoveredExits exitsAvoiding(const CFG &Graph, const Stmt *Start,
                             const llvm::SmallPtrSetImpl<const Stmt *> &Stops,
                             AbruptEnd Abrupt) {
  UncoveredExits Result;
  const CFGBlock *First = &Graph.getEntry();
  unsigned FirstIndex = 0;
  if (Start) {
    auto Position = positionOf(Graph, Start);
    if (!Position) {
      Result.Unknown = true;
      return Result;
    }
    First = Position->first;
    FirstIndex = Position->second + 1;
  }
  llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 16> Work;
  llvm::SmallPtrSet<const CFGBlock *, 16> Seen;
  Work.emplace_back(First, FirstIndex);
  while (!Work.empty()) {
    const auto [Block, Index] = Work.pop_back_val();
    if (Block == &Graph.getExit()) {
      Result.FallsOffEnd = true;
      continue;
    }
    switch (scanForwards(*Block, Index, Stops, Result)) {
    case PathEnd::Stopped:
    case PathEnd::Returned:
      continue;
    case PathEnd::Abrupt:
      if (Abrupt == AbruptEnd::Leaves)
        Result.EndsAbruptly = true;
      continue;
    case PathEnd::Continues:
      break;
    }
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs())
      if (const CFGBlock *Reachable = Succ.getReachableBlock())
        if (Seen.insert(Reachable).second)
          Work.emplace_back(Reachable, 0);
  }
  llvm::sort(Result.Returns, [](const Stmt *A, const Stmt *B) {
    return A->getBeginLoc() < B->getBeginLoc();
  });
  return Result;
}

const Stmt *reachedAvoiding(const CFG &Graph, const Stmt *Start,
                            const llvm::SmallPtrSetImpl<const Stmt *> &Stops,
                            llvm::function_ref<bool(const Stmt *)> Matches) {
  auto Position = positionOf(Graph, Start);
  if (!Position)
    return nullptr;
  llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 16> Work;
  llvm::SmallPtrSet<const CFGBlock *, 16> Seen;
  Work.emplace_back(Position->first, Position->second + 1);
  while (!Work.empty()) {
    const auto [Block, Begin] = Work.pop_back_val();
    bool Stopped = false;
    for (unsigned Index = Begin; Index < Block->size() && !Stopped; ++Index) {
      auto Element = (*Block)[Index].getAs<CFGStmt>();
      if (!Element)
        continue;
      if (Stops.contains(Element->getStmt()))
        Stopped = true;
      else if (Matches(Element->getStmt()))
        return Element->getStmt();
    }
    if (Stopped)
      continue;
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs())
      if (const CFGBlock *Reachable = Succ.getReachableBlock())
        if (Seen.insert(Reachable).second)
          Work.emplace_back(Reachable, 0);
  }
  return nullptr;
}

namespace {

/// The blocks reached from \p From without passing one of \p Avoid, and
/// whether a path from there can reach one of them.
struct Reach {
  llvm::SmallPtrSet<const CFGBlock *, 16> Passed;
  bool ReachesAvoided = false;
};

Reach reachFrom(const CFGBlock *From,
                const llvm::SmallPtrSetImpl<const Stmt *> &Avoid) {
  Reach Result;
  llvm::SmallVector<const CFGBlock *, 16> Work{From};
  llvm::SmallPtrSet<const CFGBlock *, 16> Seen{From};
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    bool Blocked = false;
    for (const CFGElement &Element : *Block)
      if (auto Statement = Element.getAs<CFGStmt>();
          Statement && Avoid.contains(Statement->getStmt())) {
        Blocked = true;
        break;
      }
    if (Blocked) {
      Result.ReachesAvoided = true;
      continue;
    }
    Result.Passed.insert(Block);
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs())
      if (const CFGBlock *Next = Succ.getReachableBlock())
        if (Seen.insert(Next).second)
          Work.push_back(Next);
  }
  return Result;
}

} // namespace

bool branchAvoids(const CFG &Graph,
                  const llvm::SmallPtrSetImpl<const Stmt *> &Avoid,
                  llvm::function_ref<bool(const Stmt *)> Decides) {
  for (const CFGBlock *Block : reachFrom(&Graph.getEntry(), Avoid).Passed) {
    if (!Block->getTerminatorStmt() ||
        !Decides(Block->getTerminatorCondition()))
      continue;
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs())
      if (const CFGBlock *Next = Succ.getReachableBlock();
          Next && !reachFrom(Next, Avoid).ReachesAvoided)
        return true;
  }
  return false;
}

llvm::SmallPtrSet<const Stmt *, 4> throwsLeaving(const CFG &Graph) {
  llvm::SmallPtrSet<const Stmt *, 4> Throws;
  for (const CFGBlock *Block : Graph) {
    if (Block->succ_size() != 1 || *Block->succ_begin() != &Graph.getExit())
      continue;
    for (const CFGElement &Element : *Block)
      if (auto Statement = Element.getAs<CFGStmt>();
          Statement && isa<CXXThrowExpr>(Statement->getStmt()))
        Throws.insert(Statement->getStmt());
  }
  return Throws;
}

} // namespace clang::tidy::leak::utils
