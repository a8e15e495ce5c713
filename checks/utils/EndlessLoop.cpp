//===--- EndlessLoop.cpp - leak-tidy --------------------------------------===//

#include "EndlessLoop.h"
#include "SettingFlow.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <deque>

namespace clang::tidy::leak::utils {
namespace {

/// The statements of a function that matter here, collected in one walk that
/// stays out of nested lambdas, blocks and local classes: they are other code.
struct FunctionFacts {
  llvm::SmallVector<const Stmt *, 2> CandidateLoops;
  llvm::SmallPtrSet<const Stmt *, 2> DeadTokenLoops;
  llvm::SmallVector<const CallExpr *, 8> Calls;
};

bool readsOnly(const Expr *E, const VarDecl *Var) {
  bool SawVar = false;
  bool SawOther = false;
  llvm::SmallVector<const Stmt *, 8> Work{E};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      if (Ref->getDecl() == Var)
        SawVar = true;
      else if (!isa<EnumConstantDecl, FunctionDecl>(Ref->getDecl()))
        SawOther = true;
    }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return SawVar && !SawOther;
}

class LoopCollector {
public:
  LoopCollector(ASTContext &Context, const VarDecl *DeadStopToken)
      : Context(Context), DeadStopToken(DeadStopToken) {}

  FunctionFacts collect(const Stmt *Body) {
    FunctionFacts Facts;
    visit(Body, Facts);
    return Facts;
  }

  /// True for a constant-true loop condition.
  bool alwaysTrue(const Expr *Cond) const {
    if (!Cond) // for (;;)
      return true;
    if (Cond->isValueDependent() || Cond->isTypeDependent())
      return false;
    bool Value = false;
    return Cond->EvaluateAsBooleanCondition(Value, Context) && Value;
  }

private:
  void visit(const Stmt *S, FunctionFacts &Facts) {
    if (!S || isa<LambdaExpr, BlockExpr>(S))
      return;
    if (const auto *Decls = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          visit(Var->getInit(), Facts);
      return;
    }
    const bool IsLoop = isa<WhileStmt, DoStmt, ForStmt>(S);
    const Expr *Cond = IsLoop ? loopCondition(S) : nullptr;
    if (IsLoop && alwaysTrue(Cond)) {
      Facts.CandidateLoops.push_back(S);
    } else if (IsLoop && DeadStopToken && readsOnly(Cond, DeadStopToken)) {
      Facts.CandidateLoops.push_back(S);
      Facts.DeadTokenLoops.insert(S);
    }
    if (const auto *Call = dyn_cast<CallExpr>(S))
      Facts.Calls.push_back(Call);
    for (const Stmt *Child : S->children())
      visit(Child, Facts);
  }

  ASTContext &Context;
  const VarDecl *DeadStopToken;
};

/// Whether \p S is part of \p Loop. Code Clang synthesizes, such as a
/// structured binding's get<N>() calls, is in the CFG but not under the
/// written body: its place in the source tells.
bool isWithin(const Stmt *S, const Stmt *Loop, const ParentMap &Parents,
              const SourceManager &SM) {
  const Stmt *Top = S;
  for (const Stmt *Node = S; Node; Node = Parents.getParent(Node)) {
    if (Node == Loop)
      return true;
    Top = Node;
  }
  if (Top->getBeginLoc().isInvalid())
    return false;
  const SourceLocation Loc = SM.getExpansionLoc(S->getBeginLoc());
  return !isa<CompoundStmt>(Top) &&
         SM.isPointWithin(Loc, SM.getExpansionLoc(Loop->getBeginLoc()),
                          SM.getExpansionLoc(Loop->getEndLoc()));
}

const CFGBlock *headerOf(const Stmt *Loop, const CFG &Graph) {
  for (const CFGBlock *Block : Graph)
    if (Block->getTerminatorStmt() == Loop)
      return Block;
  return nullptr;
}

/// Whether \p Block ends in a throw that leaves the function: in the code a
/// thread starts in, that calls std::terminate and ends the process, not
/// the loop.
bool throwsOut(const CFGBlock *Block, const CFG &Graph) {
  if (Block->succ_size() != 1 || *Block->succ_begin() != &Graph.getExit())
    return false;
  for (const CFGElement &Element : *Block)
    if (auto Statement = Element.getAs<CFGStmt>();
        Statement && isa<CXXThrowExpr>(Statement->getStmt()))
      return true;
  return false;
}

/// The blocks reachable from \p Starts over feasible edges, leaving out the
/// edge from the first start to its successor number \p SkippedSucc.
llvm::SmallPtrSet<const CFGBlock *, 32>
reachableFrom(ArrayRef<const CFGBlock *> Starts,
              std::optional<unsigned> SkippedSucc,
              const CFG *NoThrowOut = nullptr) {
  llvm::SmallPtrSet<const CFGBlock *, 32> Seen(Starts.begin(), Starts.end());
  llvm::SmallVector<const CFGBlock *, 32> Work(Starts.begin(), Starts.end());
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    if (NoThrowOut && throwsOut(Block, *NoThrowOut))
      continue;
    unsigned Index = 0;
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs()) {
      const bool Skipped = Block == Starts.front() && SkippedSucc == Index++;
      const CFGBlock *Next = Succ.getReachableBlock();
      if (Next && !Skipped && Seen.insert(Next).second)
        Work.push_back(Next);
    }
  }
  return Seen;
}

/// The loop can end when some path from its condition block reaches the
/// function's exit, a co_return, or a statement outside the loop. The
/// condition's own false edge is absent from the CFG when the condition is
/// constant; \p IgnoreConditionExit drops it for a dead stop token too. A
/// try block around the loop is no way out: only explicit exits are; and
/// in the function the thread starts in (\p ThreadEntry) a throw that
/// leaves it ends the process, not the loop.
bool loopCanEnd(const Stmt *Loop, const CFGBlock *Header, const CFG &Graph,
                const ParentMap &Parents, const SourceManager &SM,
                bool ThreadEntry, bool IgnoreConditionExit) {
  // The CFG links a handler only to explicit throws, not to calls that may
  // throw, so a catch inside the loop is taken as reachable: a handler that
  // rethrows or breaks is a way out.
  llvm::SmallVector<const CFGBlock *, 4> Starts{Header};
  for (const CFGBlock *Block : Graph)
    if (const Stmt *Label = Block->getLabel();
        isa_and_nonnull<CXXCatchStmt>(Label) &&
        isWithin(Label, Loop, Parents, SM))
      Starts.push_back(Block);
  for (const CFGBlock *Block : reachableFrom(
           Starts,
           IgnoreConditionExit ? std::optional<unsigned>(1) : std::nullopt,
           ThreadEntry ? &Graph : nullptr)) {
    if (Block == &Graph.getExit())
      return true;
    if (const Stmt *Label = Block->getLabel();
        Label && !isWithin(Label, Loop, Parents, SM))
      return true;
    for (const CFGElement &Element : *Block) {
      std::optional<CFGStmt> AsStmt = Element.getAs<CFGStmt>();
      if (AsStmt && (isa<CoreturnStmt>(AsStmt->getStmt()) ||
                     !isWithin(AsStmt->getStmt(), Loop, Parents, SM)))
        return true;
    }
  }
  return false;
}

std::optional<const Stmt *> findInFunction(const FunctionDecl *Fn,
                                           const FunctionFacts &Facts,
                                           ASTContext &Context,
                                           bool ThreadEntry,
                                           bool IgnoreConditionExit) {
  if (Facts.CandidateLoops.empty())
    return std::nullopt;
  const Stmt *Body = writtenBody(Fn);
  CFG::BuildOptions Options;
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(Fn, const_cast<Stmt *>(Body), &Context, Options);
  if (!Graph)
    return std::nullopt;
  ParentMap Parents(const_cast<Stmt *>(Body));
  const llvm::SmallPtrSet<const CFGBlock *, 32> Reachable =
      reachableFrom({&Graph->getEntry()}, std::nullopt);
  for (const Stmt *Loop : Facts.CandidateLoops) {
    const CFGBlock *Header = headerOf(Loop, *Graph);
    // A loop the function cannot reach does not keep it running.
    if (Header && Reachable.contains(Header) &&
        !loopCanEnd(Loop, Header, *Graph, Parents, Context.getSourceManager(),
                    ThreadEntry, IgnoreConditionExit))
      return Loop;
  }
  return std::nullopt;
}

const FunctionDecl *visibleDefinition(const CallExpr *Call,
                                      const SourceManager &SM) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return nullptr;
  // A virtual call may land in an override we cannot see.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee))
    if (Method->isVirtual() && !Method->hasAttr<FinalAttr>() &&
        !Method->getParent()->hasAttr<FinalAttr>())
      return nullptr;
  const FunctionDecl *Definition = Callee->getDefinition();
  if (!Definition || !Definition->hasBody() ||
      SM.isInSystemHeader(Definition->getLocation()))
    return nullptr;
  // Calling a coroutine returns at its first suspension, not after its loop.
  if (isa<CoroutineBodyStmt>(Definition->getBody()))
    return nullptr;
  return Definition;
}

} // namespace

const Expr *loopCondition(const Stmt *Loop) {
  if (const auto *While = dyn_cast<WhileStmt>(Loop))
    return While->getCond();
  if (const auto *Do = dyn_cast<DoStmt>(Loop))
    return Do->getCond();
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    return For->getCond();
  return nullptr;
}

std::optional<EndlessLoop> findEndlessLoop(const FunctionDecl *Entry,
                                           ASTContext &Context,
                                           const VarDecl *DeadStopToken,
                                           unsigned MaxCallDepth) {
  struct Visit {
    const FunctionDecl *Fn;
    unsigned Depth;
    int Parent; // index into Visited of the caller, -1 for the entry
    const CallExpr *Call;
  };
  constexpr unsigned MaxFunctions = 64;
  const SourceManager &SM = Context.getSourceManager();
  llvm::SmallVector<Visit, 16> Visited;
  llvm::DenseSet<const FunctionDecl *> Seen{Entry};
  Visited.push_back({Entry, 0, -1, nullptr});

  for (unsigned I = 0; I < Visited.size(); ++I) {
    const Visit Current = Visited[I];
    if (!writtenBody(Current.Fn))
      continue;
    const VarDecl *Token = I == 0 ? DeadStopToken : nullptr;
    LoopCollector Collector(Context, Token);
    const FunctionFacts Facts = Collector.collect(writtenBody(Current.Fn));
    if (std::optional<const Stmt *> Loop = findInFunction(
            Current.Fn, Facts, Context, I == 0, Token != nullptr)) {
      EndlessLoop Result{
          *Loop, Current.Fn, {}, Facts.DeadTokenLoops.contains(*Loop)};
      for (int At = static_cast<int>(I); Visited[At].Parent >= 0;
           At = Visited[At].Parent)
        Result.Calls.insert(Result.Calls.begin(), Visited[At].Call);
      return Result;
    }
    if (Current.Depth == MaxCallDepth)
      continue;
    for (const CallExpr *Call : Facts.Calls) {
      const FunctionDecl *Callee = visibleDefinition(Call, SM);
      if (!Callee || Visited.size() >= MaxFunctions ||
          !Seen.insert(Callee).second)
        continue;
      Visited.push_back({Callee, Current.Depth + 1, static_cast<int>(I), Call});
    }
  }
  return std::nullopt;
}

} // namespace clang::tidy::leak::utils
