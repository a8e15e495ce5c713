//===--- Spawns.cpp - leak-tidy -------------------------------------------===//

#include "Spawns.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"
#include <array>

namespace clang::tidy::leak::utils {
namespace {

using namespace ast_matchers;

constexpr std::array<StringRef, 4> SpawnClasses = {
    "::std::thread", "::std::jthread", "::boost::thread",
    "::boost::fibers::fiber"};
// Posting, dispatching or deferring to an executor or strand runs the
// handler as a task of its own, as does binding it to one for a completion.
constexpr std::array<StringRef, 14> SpawnFunctions = {
    "::std::async",         "::boost::fibers::async",
    "::boost::asio::post",  "::boost::asio::dispatch",
    "::boost::asio::defer", "::boost::asio::co_spawn",
    "::boost::asio::spawn", "::boost::asio::bind_executor",
    "::asio::post",         "::asio::dispatch",
    "::asio::defer",        "::asio::co_spawn",
    "::asio::spawn",        "::asio::bind_executor"};

ArrayRef<const Expr *> argumentsOf(const Expr *Spawn) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Spawn))
    return {Construct->getArgs(), Construct->getNumArgs()};
  const auto *Call = cast<CallExpr>(Spawn);
  return {Call->getArgs(), Call->getNumArgs()};
}

/// Whether an argument of \p Type can be the code a spawn runs, rather than
/// a launch policy, an allocator, an executor or a completion token.
bool isCallableType(QualType Type) {
  Type = Type.getNonReferenceType();
  if (Type->isDependentType() || Type->isFunctionType() ||
      Type->isFunctionPointerType() || Type->isMemberFunctionPointerType())
    return true;
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  if (Record->isLambda())
    return true;
  const DeclarationName Call =
      Record->getASTContext().DeclarationNames.getCXXOperatorName(OO_Call);
  if (!Record->lookup(Call).empty())
    return true;
  return llvm::any_of(Record->bases(), [](const CXXBaseSpecifier &Base) {
    return isCallableType(Base.getType());
  });
}

/// `produce(ch)` in `co_spawn(ex, produce(ch), detached)`: a call to a
/// coroutine in this translation unit, whose frame is the task.
const FunctionDecl *coroutineCalled(const Expr *Arg, const SourceManager &SM) {
  const auto *Call = dyn_cast<CallExpr>(Arg->IgnoreImplicit());
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  const FunctionDecl *Definition = Callee ? Callee->getDefinition() : nullptr;
  if (!Definition ||
      !isa_and_nonnull<CoroutineBodyStmt>(Definition->getBody()) ||
      SM.isInSystemHeader(Definition->getLocation()))
    return nullptr;
  return Definition;
}

SpawnedTask taskOf(const Expr *Spawn, ASTContext &Context) {
  SpawnedTask Task;
  Task.Spawn = Spawn;
  const ArrayRef<const Expr *> Args = argumentsOf(Spawn);
  for (unsigned Index = 0; Index < Args.size(); ++Index) {
    const Expr *Arg = Args[Index];
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    if (const FunctionDecl *Coroutine =
            coroutineCalled(Arg, Context.getSourceManager())) {
      Task.Body.Function = Coroutine;
      const auto *Call = cast<CallExpr>(Arg->IgnoreImplicit());
      for (unsigned Param = 0;
           Param < Call->getNumArgs() && Param < Coroutine->getNumParams();
           ++Param)
        Task.Passed.emplace_back(Call->getArg(Param),
                                 Coroutine->getParamDecl(Param));
      return Task;
    }
    if (!isCallableType(Arg->getType()))
      continue;
    Task.Body = resolveCallable(Arg, Context);
    if (Task.Body.Function)
      Task.Body.Function = instantiated(Task.Body.Function);
    const FunctionDecl *Code = Task.Body.Function;
    if (!Code)
      return Task;
    // A member function's first bound argument is its object.
    const unsigned First =
        Index + 1 +
        (Arg->IgnoreParenImpCasts()->getType()->isMemberFunctionPointerType()
             ? 1
             : 0);
    for (unsigned Bound = First, Param = 0;
         Bound < Args.size() && Param < Code->getNumParams(); ++Bound, ++Param)
      if (!isa<CXXDefaultArgExpr>(Args[Bound]))
        Task.Passed.emplace_back(Args[Bound], Code->getParamDecl(Param));
    return Task;
  }
  return Task;
}

} // namespace

llvm::SmallVector<SpawnedTask, 4>
spawnsIn(const Stmt &Body, ArrayRef<std::string> Extra, ASTContext &Context) {
  std::vector<StringRef> Classes(SpawnClasses.begin(), SpawnClasses.end());
  std::vector<StringRef> Functions(SpawnFunctions.begin(),
                                   SpawnFunctions.end());
  Classes.insert(Classes.end(), Extra.begin(), Extra.end());
  Functions.insert(Functions.end(), Extra.begin(), Extra.end());
  auto SpawnClass = cxxRecordDecl(hasAnyName(Classes));
  auto HoldsSpawnClass = classTemplateSpecializationDecl(
      hasTemplateArgument(0, refersToType(hasDeclaration(SpawnClass))));
  auto Spawn = expr(anyOf(
      cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(SpawnClass)))),
      callExpr(callee(functionDecl(hasAnyName(Functions)))),
      // threads.emplace_back(f, args...) builds the thread in the library.
      cxxMemberCallExpr(
          callee(cxxMethodDecl(hasAnyName("emplace_back", "emplace"))),
          on(hasType(hasUnqualifiedDesugaredType(
              recordType(hasDeclaration(HoldsSpawnClass)))))),
      // io_context::post, strand::dispatch: Asio's older member forms.
      cxxMemberCallExpr(callee(cxxMethodDecl(
          hasAnyName("post", "dispatch", "defer"),
          ofClass(hasAnyName(
              "::boost::asio::io_context", "::boost::asio::io_context::strand",
              "::boost::asio::strand", "::boost::asio::thread_pool",
              "::asio::io_context", "::asio::io_context::strand",
              "::asio::strand", "::asio::thread_pool")))))));
  llvm::SmallVector<SpawnedTask, 4> Tasks;
  llvm::SmallPtrSet<const Expr *, 4> Seen;
  for (const BoundNodes &Nodes :
       match(findAll(Spawn.bind("spawn")), Body, Context)) {
    const auto *Found = Nodes.getNodeAs<Expr>("spawn");
    // Matched twice under co_await.
    if (Seen.insert(Found).second)
      Tasks.push_back(taskOf(Found, Context));
  }
  return Tasks;
}

} // namespace clang::tidy::leak::utils
