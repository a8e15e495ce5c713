//===--- DetachedThreadCheck.cpp - leak-tidy ------------------------------===//

#include "DetachedThreadCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/CallableBody.h"
#include "utils/ChannelApis.h"
#include "utils/DetachedCoroutines.h"
#include "utils/DetachedThreads.h"
#include "utils/EndlessLoop.h"
#include "utils/Naming.h"
#include "utils/ObjectHome.h"
#include "utils/ObjectUse.h"
#include "utils/StopTokenFix.h"
#include "utils/ThreadOrigin.h"
#include "utils/UserCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Preprocessor.h"
#include <cstdint>

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

using utils::quoted;

namespace {

// Boost.Thread's BOOST_THREAD_VERSION >= 3 terminates instead of detaching.
constexpr llvm::StringLiteral BoostTerminatesMacro =
    "BOOST_THREAD_PROVIDES_THREAD_DESTRUCTOR_CALLS_TERMINATE_IF_JOINABLE";

} // namespace

DetachedThreadCheck::DetachedThreadCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : LeakCheck(Name, Context), ShownFiles(Context->getOptions()),
      StrictMode(Options.get("StrictMode", false)),
      ThreadTypes(tidy::utils::options::parseStringList(
          Options.get("ThreadTypes", ""))),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        tidy::utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

void DetachedThreadCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "StrictMode", StrictMode);
  Options.store(Opts, "ThreadTypes",
                tidy::utils::options::serializeStringList(ThreadTypes));
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void DetachedThreadCheck::registerPPCallbacks(const SourceManager &SM,
                                              Preprocessor *PP,
                                              Preprocessor *ModuleExpanderPP) {
  Inserter.registerPreprocessor(PP);
  this->PP = PP;
}

void DetachedThreadCheck::registerMatchers(MatchFinder *Finder) {
  std::vector<StringRef> Classes = {"::std::thread", "::std::jthread",
                                    "::boost::thread",
                                    "::boost::fibers::fiber"};
  Classes.insert(Classes.end(), ThreadTypes.begin(), ThreadTypes.end());
  auto InUserCode = unless(isExpansionInSystemHeader());
  // A joinable boost::thread detaches itself when destroyed.
  auto BoostThread = hasDeclaration(cxxConstructorDecl(
      ofClass(hasName("::boost::thread")), unless(isCopyConstructor()),
      unless(isMoveConstructor()), unless(isDefaultConstructor())));
  Candidates = {
      cxxMemberCallExpr(callee(cxxMethodDecl(hasName("detach"),
                                             ofClass(hasAnyName(Classes)))),
                        on(expr().bind("object")), InUserCode)
          .bind("detach"),
      callExpr(callee(functionDecl(hasName("::pthread_detach"))),
               argumentCountIs(1), InUserCode)
          .bind("pthreadDetach"),
      callExpr(callee(functionDecl(hasName("::pthread_create"))),
               argumentCountIs(4),
               hasArgument(1, ignoringParenImpCasts(unaryOperator(
                                  hasOperatorName("&"),
                                  hasUnaryOperand(declRefExpr(
                                      to(varDecl().bind("attr"))))))),
               InUserCode)
          .bind("pthreadCreate"),
      declStmt(
          forEach(varDecl(hasLocalStorage(),
                          hasType(cxxRecordDecl(hasName("::boost::thread"))),
                          hasInitializer(expr()), InUserCode)
                      .bind("boostVar"))),
      cxxConstructExpr(BoostThread, InUserCode).bind("boostTemporary"),
      callExpr(utils::detachedCoSpawn(), InUserCode).bind("coSpawn")};
  Finder->addMatcher(translationUnitDecl(), this);
}

void DetachedThreadCheck::check(const MatchFinder::MatchResult &Result) {
  Index = &utils::TranslationUnitIndex::of(*Result.Context);
  utils::forEachMatchInUserCode(
      Candidates, ShownFiles, *Result.Context,
      [&](const BoundNodes &Nodes) { checkCandidate(Nodes, *Result.Context); })
      .report(*this, Result.Context->getSourceManager(), "detach site",
              "detach sites");
}

void DetachedThreadCheck::checkCandidate(const BoundNodes &Nodes,
                                         ASTContext &Context) {
  const auto *BoostVar = Nodes.getNodeAs<VarDecl>("boostVar");
  const FunctionDecl *Owner = nullptr;
  if (BoostVar)
    Owner =
        dyn_cast_or_null<FunctionDecl>(BoostVar->getParentFunctionOrMethod());
  for (const StringRef Site : {"detach", "pthreadDetach", "pthreadCreate",
                               "boostTemporary", "coSpawn"})
    if (const auto *Matched = Nodes.getNodeAs<Stmt>(Site))
      Owner = Index->parents().enclosingFunction(*Matched, Context);
  // A template is judged by its instantiations, where every callable is
  // known; clang-tidy reports their identical diagnostics once.
  if (!Owner || Owner->isDependentContext())
    return;
  if (const auto *Spawn = Nodes.getNodeAs<CallExpr>("coSpawn"))
    return checkCoroutine(Spawn, Context);
  const bool BoostDestructorDetaches =
      !PP->isMacroDefined(BoostTerminatesMacro);

  std::optional<utils::DetachedThread> Thread;
  if (const auto *Detach = Nodes.getNodeAs<CXXMemberCallExpr>("detach"))
    Thread = utils::fromDetachCall(Detach, Nodes.getNodeAs<Expr>("object"),
                                   Owner, *Index);
  else if (const auto *Call = Nodes.getNodeAs<CallExpr>("pthreadDetach"))
    Thread = utils::fromPthreadDetach(Call, Owner, Context);
  else if (const auto *Create = Nodes.getNodeAs<CallExpr>("pthreadCreate"))
    Thread = utils::fromDetachedAttribute(
        Create, Nodes.getNodeAs<VarDecl>("attr"), Owner, Context);
  else if (BoostVar && BoostDestructorDetaches)
    Thread =
        utils::fromBoostVariable(BoostVar, Owner, Index->parents(), Context);
  else if (const auto *Temporary =
               Nodes.getNodeAs<CXXConstructExpr>("boostTemporary");
           Temporary && BoostDestructorDetaches)
    Thread =
        utils::fromBoostTemporary(Temporary, Owner, Index->parents(), Context);
  if (!Thread)
    return;
  // Point at the line a reader edits, not inside a macro's definition.
  Thread->Loc = Context.getSourceManager().getExpansionLoc(Thread->Loc);
  report(*Thread, Context);
}

bool DetachedThreadCheck::canBeStopped(const utils::DetachedThread &Thread) {
  // pthread_cancel() on it anywhere in the file stops it, however crudely.
  if (!Cancelled)
    Cancelled = utils::threadsCancelledIn(Index->context());
  if (Thread.Named && Cancelled->contains(Thread.Named->getCanonicalDecl()))
    return true;
  // A daemon's start-up workers, made once for the life of the process, do
  // not accumulate.
  return utils::madeOncePerProcess(Thread.Named, Thread.Site, *Index);
}

void DetachedThreadCheck::report(const utils::DetachedThread &Thread,
                                 ASTContext &Context) {
  std::optional<utils::EndlessLoop> Loop;
  if (Thread.Body.Function)
    Loop = utils::findEndlessLoop(Thread.Body.Function, Context,
                                  Thread.DeadStopToken);
  // Closing the channel it receives from throws out of it.
  if (Loop &&
      utils::endsWhenChannelCloses(Loop->Loop, Thread.Body.Function, Context))
    Loop.reset();
  if (!Loop || (!StrictMode && canBeStopped(Thread))) {
    if (StrictMode) {
      diag(Thread.Loc, "%0 is detached; nothing can join it or tell it to stop")
          << Thread.Subject;
      addRemedy(Thread, nullptr, Context);
    }
    return;
  }
  const SourceManager &SM = Context.getSourceManager();
  const bool ByDestructor = Thread.DestroyedAt.isValid();
  if (Loop->WaitsForDeadStopToken)
    diag(Thread.Loc, "%0 is detached, so the stop token its loop checks can "
                     "never be triggered")
        << Thread.Subject;
  else
    diag(Thread.Loc, "%0 is detached%select{| by its destructor}1 but its "
                     "loop never checks a stop token")
        << Thread.Subject << ByDestructor;
  if (ByDestructor)
    diag(Thread.DestroyedAt,
         "%select{the temporary|%1}0 is destroyed here without join(); "
         "boost::thread's destructor then detaches it (BOOST_THREAD_VERSION 2)",
         DiagnosticIDs::Note)
        << (Thread.Named != nullptr)
        << (Thread.Named ? quoted(Thread.Named->getName()) : "");
  for (const CallExpr *Call : Loop->Calls)
    diag(SM.getExpansionLoc(Call->getBeginLoc()), "the %0 calls %1 here",
         DiagnosticIDs::Note)
        << utils::workerWord(Thread.Kind) << Call->getDirectCallee();
  // Started by a function of this file that hands the thread out.
  if (Thread.Construction && Thread.Owner &&
      !isa_and_nonnull<FieldDecl>(Thread.Named) &&
      Index->parents().enclosingFunction(*Thread.Construction, Context) !=
          Thread.Owner)
    if (const FunctionDecl *Maker =
            Index->parents().enclosingFunction(*Thread.Construction, Context))
      diag(SM.getExpansionLoc(Thread.Construction->getBeginLoc()),
           "%0 starts the %1 here", DiagnosticIDs::Note)
          << utils::describeFunction(Maker) << utils::workerWord(Thread.Kind);
  diag(SM.getExpansionLoc(Loop->Loop->getBeginLoc()),
       Loop->WaitsForDeadStopToken
           ? "this loop ends only when the stop token is triggered"
           : "this loop never ends: its condition is always true and no path "
             "leaves it",
       DiagnosticIDs::Note);
  addRemedy(Thread, &*Loop, Context);
}

void DetachedThreadCheck::checkCoroutine(const CallExpr *Spawn,
                                         ASTContext &Context) {
  const std::optional<utils::DetachedCoroutine> Coroutine =
      utils::spawnedCoroutine(Spawn, Context);
  if (!Coroutine)
    return;
  std::optional<utils::EndlessLoop> Loop =
      utils::findEndlessLoop(Coroutine->Body, Context, nullptr);
  // A check of the cancellation state that nothing can emit leaves nothing.
  if (!Loop)
    if (const Stmt *Waiting =
            utils::loopLeftOnlyOnCancellation(Coroutine->Body, Context))
      Loop = utils::EndlessLoop{Waiting, Coroutine->Body, {}, true};
  // Only a loop of the coroutine's own can await its own timer.
  if (!Loop || Loop->Function != Coroutine->Body)
    return;
  const VarDecl *Timer =
      utils::onlyLocalTimerAwaited(Loop->Loop, Coroutine->Body, Context);
  if (!Timer ||
      (!StrictMode && utils::madeOncePerProcess(
                          nullptr, DynTypedNode::create(*Spawn), *Index)))
    return;
  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation Loc = utils::nameLoc(Spawn, SM);
  diag(Loc, "%0 is spawned with 'detached' but its loop can never end: "
            "nothing outside it can cancel what it awaits")
      << Coroutine->Subject;
  diag(SM.getExpansionLoc(Loop->Loop->getBeginLoc()),
       Loop->WaitsForDeadStopToken
           ? "this loop ends only on a cancellation that nothing can emit: "
             "no slot is bound to the 'detached' token"
           : "this loop never ends: its condition is always true and no path "
             "leaves it",
       DiagnosticIDs::Note);
  diag(SM.getExpansionLoc(Timer->getLocation()),
       "it awaits %0, a timer of its own that nothing else can cancel",
       DiagnosticIDs::Note)
      << quoted(Timer->getName());
  diag(Loc,
       "keep a cancellation_signal, bind its slot to the token "
       "(bind_cancellation_slot(signal.slot(), detached)) and emit it at "
       "shutdown",
       DiagnosticIDs::Note);
}

void DetachedThreadCheck::addRemedy(const utils::DetachedThread &Thread,
                                    const utils::EndlessLoop *Loop,
                                    ASTContext &Context) {
  auto Note = [&](StringRef Text) {
    return diag(Thread.Loc, Text, DiagnosticIDs::Note);
  };
  const bool HasJThread =
      getLangOpts().CPlusPlus20 && utils::declaresJThread(Context);
  switch (Thread.Kind) {
  case utils::ThreadKind::Pthread:
    Note("check an atomic stop flag in the loop and join the thread with "
         "pthread_join() on shutdown instead of detaching it");
    return;
  case utils::ThreadKind::Boost:
    Note("keep the boost::thread, call "
         "boost::this_thread::interruption_point() in the loop, and "
         "interrupt() and join() it on shutdown");
    return;
  case utils::ThreadKind::JThread:
    Note(Thread.DeadStopToken
             ? "keep the std::jthread instead of detaching it, or keep its "
               "stop source (get_stop_source()) to stop it later"
             : "keep the std::jthread instead of detaching it and check its "
               "stop token in the loop");
    return;
  case utils::ThreadKind::Fiber:
    Note("join the fiber on shutdown instead of detaching it, and end its "
         "loop on a stop flag or on the channel it waits on being closed");
    return;
  case utils::ThreadKind::Custom:
    Note("check a stop flag in the loop and join the thread on shutdown "
         "instead of detaching it");
    return;
  case utils::ThreadKind::StdThread:
    break;
  }
  if (!Thread.Named) {
    Note(HasJThread ? "a temporary thread cannot be stopped: keep it in a "
                      "std::jthread and check its stop token in the loop"
                    : "a temporary thread cannot be stopped: keep it, check "
                      "an atomic stop flag in the loop and join it on "
                      "shutdown");
    return;
  }
  if (!HasJThread) {
    Note("check an atomic stop flag in the loop and join the thread on "
         "shutdown (%select{std::jthread and std::stop_token need "
         "C++20|this standard library has no std::jthread}0)")
        << getLangOpts().CPlusPlus20;
    return;
  }
  auto Remedy = Note("make %0 a std::jthread and check its stop token in the "
                     "loop; it is then stopped and joined when %0 is destroyed")
                << quoted(Thread.Named->getName());
  const auto *Declarator = dyn_cast<DeclaratorDecl>(Thread.Named);
  const SourceManager &SM = Context.getSourceManager();
  if (!Loop || !Loop->Calls.empty() || !Thread.Body.Lambda || !Declarator ||
      !Thread.Construction || !Thread.Owner ||
      Thread.Construction->getArg(0)->IgnoreImplicit() != Thread.Body.Lambda ||
      !SM.isPointWithin(Thread.Construction->getBeginLoc(),
                        Thread.Owner->getBeginLoc(), Thread.Owner->getEndLoc()))
    return;
  std::optional<llvm::SmallVector<FixItHint, 6>> Fixes =
      utils::makeStopTokenRewrite({Declarator, Thread.Construction,
                                   Thread.Body.Lambda, Loop->Loop,
                                   Thread.Detach},
                                  Index->parents(), Context);
  if (!Fixes)
    return;
  Remedy << *Fixes
         << Inserter.createIncludeInsertion(
                SM.getFileID(
                    SM.getExpansionLoc(Thread.Body.Lambda->getBeginLoc())),
                "<stop_token>");
}

} // namespace clang::tidy::leak
