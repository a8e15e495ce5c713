//===--- ExitPaths.cpp - leak-tidy ----------------------------------------===//

#include "ExitPaths.h"
#include "SettingFlow.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::leak::utils {

namespace {

enum class PathEnd : std::uint8_t {
  Continues,
  Stopped,
  Returned,
  Abrupt,
  Throws
};

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
      return PathEnd::Throws;
  }
  // exit(), abort() and assertion failures are linked to the exit block.
  return Block.hasNoReturnElement() ? PathEnd::Abrupt : PathEnd::Continues;
}

/// Whether \p Block dispatches an exception to its try's handlers.
bool dispatchesException(const CFGBlock *Block) {
  return isa_and_nonnull<CXXTryStmt>(Block->getTerminatorStmt());
}

/// The type \p Throw throws; null for a rethrow, which may be anything.
QualType thrownType(const Stmt *Throw) {
  const auto *Expression = cast<CXXThrowExpr>(Throw)->getSubExpr();
  return Expression ? Expression->getType().getUnqualifiedType() : QualType();
}

/// Whether a handler of the try that \p Dispatch ends catches \p Thrown: it
/// catches everything, that type, or a base of it.
bool catches(const CFGBlock *Dispatch, QualType Thrown) {
  const auto *Try = cast<CXXTryStmt>(Dispatch->getTerminatorStmt());
  for (unsigned Index = 0; Index < Try->getNumHandlers(); ++Index) {
    const QualType Caught = Try->getHandler(Index)->getCaughtType();
    if (Caught.isNull())
      return true;
    if (Thrown.isNull())
      continue;
    const QualType Type = Caught.getNonReferenceType().getUnqualifiedType();
    if (Type.getCanonicalType() == Thrown.getCanonicalType())
      return true;
    const auto *Base = Type->getAsCXXRecordDecl();
    const auto *Derived = Thrown->getAsCXXRecordDecl();
    if (Base && Derived && Derived->hasDefinition() &&
        Derived->isDerivedFrom(Base))
      return true;
  }
  return false;
}

/// Where an exception of type \p Thrown goes from \p Dispatch: the
/// handlers, and the exit or the next try out unless one catches it.
llvm::SmallVector<const CFGBlock *, 4> dispatchTargets(const CFGBlock *Dispatch,
                                                       QualType Thrown) {
  const bool Caught = catches(Dispatch, Thrown);
  llvm::SmallVector<const CFGBlock *, 4> Targets;
  for (const CFGBlock::AdjacentBlock &Succ : Dispatch->succs())
    if (const CFGBlock *Next = Succ.getReachableBlock();
        Next && (!Caught || isa_and_nonnull<CXXCatchStmt>(Next->getLabel())))
      Targets.push_back(Next);
  return Targets;
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
  // A path that throws goes on to the handler that catches it, or leaves
  // the function abruptly when none does.
  struct Step {
    const CFGBlock *Block;
    unsigned Index;
    bool Throwing;
    QualType Thrown;
  };
  llvm::SmallVector<Step, 16> Work;
  llvm::SmallPtrSet<const CFGBlock *, 16> Seen[2];
  Work.push_back({First, FirstIndex, false, QualType()});
  while (!Work.empty()) {
    const Step Current = Work.pop_back_val();
    bool Throwing = Current.Throwing;
    QualType Thrown = Current.Thrown;
    if (Current.Block == &Graph.getExit()) {
      if (Throwing)
        Result.EndsAbruptly |= Abrupt == AbruptEnd::Leaves;
      else
        Result.FallsOffEnd = true;
      continue;
    }
    if (isa_and_nonnull<CXXCatchStmt>(Current.Block->getLabel()))
      Throwing = false;
    llvm::SmallVector<const CFGBlock *, 4> Next;
    if (Throwing && dispatchesException(Current.Block)) {
      Next = dispatchTargets(Current.Block, Thrown);
    } else {
      switch (scanForwards(*Current.Block, Current.Index, Stops, Result)) {
      case PathEnd::Stopped:
      case PathEnd::Returned:
        continue;
      case PathEnd::Abrupt:
        if (Abrupt == AbruptEnd::Leaves)
          Result.EndsAbruptly = true;
        continue;
      case PathEnd::Throws:
        Throwing = true;
        for (const CFGElement &Element : *Current.Block)
          if (auto Statement = Element.getAs<CFGStmt>();
              Statement && isa<CXXThrowExpr>(Statement->getStmt()))
            Thrown = thrownType(Statement->getStmt());
        break;
      case PathEnd::Continues:
        break;
      }
      for (const CFGBlock::AdjacentBlock &Succ : Current.Block->succs())
        if (const CFGBlock *Reachable = Succ.getReachableBlock())
          Next.push_back(Reachable);
    }
    for (const CFGBlock *Reachable : Next)
      if (Seen[Throwing].insert(Reachable).second)
        Work.push_back({Reachable, 0, Throwing, Thrown});
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
    const Stmt *Throw = nullptr;
    for (const CFGElement &Element : *Block)
      if (auto Statement = Element.getAs<CFGStmt>();
          Statement && isa<CXXThrowExpr>(Statement->getStmt()))
        Throw = Statement->getStmt();
    if (!Throw)
      continue;
    // Through the dispatch of each try around it that does not catch it, to
    // the exit.
    const QualType Thrown = thrownType(Throw);
    llvm::SmallVector<const CFGBlock *, 4> Work;
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs())
      if (const CFGBlock *Next = Succ.getReachableBlock())
        Work.push_back(Next);
    llvm::SmallPtrSet<const CFGBlock *, 4> Seen;
    while (!Work.empty()) {
      const CFGBlock *Current = Work.pop_back_val();
      if (Current == &Graph.getExit())
        Throws.insert(Throw);
      else if (dispatchesException(Current) && Seen.insert(Current).second)
        for (const CFGBlock *Next : dispatchTargets(Current, Thrown))
          if (!isa_and_nonnull<CXXCatchStmt>(Next->getLabel()))
            Work.push_back(Next);
    }
  }
  return Throws;
}

} // namespace clang::tidy::leak::utils
