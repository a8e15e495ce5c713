//===--- UnstoppedTimerCheck.cpp - leak-tidy ------------------------------===//

#include "UnstoppedTimerCheck.h"
#include "utils/AsioTimers.h"
#include "utils/CallableBody.h"
#include "utils/EndlessLoop.h"
#include "utils/FixPlacement.h"
#include "utils/InHouseApis.h"
#include "utils/Naming.h"
#include "utils/ObjectUse.h"
#include "utils/TimerApis.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

using utils::nameLoc;
using utils::quoted;
using utils::sourceText;

namespace {

const utils::PosixTimerApi PosixApi;
const utils::UvTimerApi UvApi;
const utils::LibeventApi EventApi;
const utils::QTimerApi QtApi;
const utils::AsioTimerApi AsioApi;

/// ` 'on_tick'` for a callback that is a named function; empty for a
/// lambda, or when its body is not visible.
std::string callbackName(const FunctionDecl *Callback) {
  if (!Callback || isa<CXXMethodDecl>(Callback) || !Callback->getIdentifier())
    return "";
  return " " + quoted(Callback->getName());
}

} // namespace

UnstoppedTimerCheck::UnstoppedTimerCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : LeakCheck(Name, Context), ShownFiles(Context->getOptions()),
      StrictMode(Options.get("StrictMode", false)),
      TimerApisOption(Options.get("TimerApis", "")),
      TimerApis(utils::parseInHousePairs(
          TimerApisOption,
          [&](StringRef Entry) {
            configurationDiag("invalid TimerApis entry '%0': expected "
                              "'start=stop', e.g. 'acme::Ticker::start=acme::"
                              "Ticker::stop'")
                << Entry;
          })),
      SelfStoppingTimersOption(Options.get("SelfStoppingTimers", "")),
      SelfStoppingTimers(utils::qualifiedNames(SelfStoppingTimersOption)) {}

void UnstoppedTimerCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "StrictMode", StrictMode);
  Options.store(Opts, "TimerApis", TimerApisOption);
  Options.store(Opts, "SelfStoppingTimers", SelfStoppingTimersOption);
}

void UnstoppedTimerCheck::registerMatchers(MatchFinder *Finder) {
  auto InUserCode = unless(isExpansionInSystemHeader());
  Candidates.clear();
  auto Add = [&](const StatementMatcher &Matcher) {
    Candidates.push_back(Matcher);
  };
  Add(callExpr(callee(functionDecl(hasName("::timer_settime"))), InUserCode)
          .bind("posix"));
  Add(callExpr(callee(functionDecl(hasName("::uv_timer_start"))), InUserCode)
          .bind("uv"));
  Add(callExpr(callee(functionDecl(hasName("::event_add"))), InUserCode)
          .bind("libevent"));
  Add(cxxMemberCallExpr(utils::asioTimerWait(), InUserCode).bind("asio"));
  Add(cxxNewExpr(hasType(pointsTo(cxxRecordDecl(hasName("::QTimer")))),
                 InUserCode)
          .bind("qt"));
  if (!TimerApis.empty())
    Add(callExpr(callee(utils::anyUseOf(TimerApis)), InUserCode)
            .bind("inHouse"));
  Finder->addMatcher(translationUnitDecl(), this);
}

void UnstoppedTimerCheck::check(const MatchFinder::MatchResult &Result) {
  Index = &utils::TranslationUnitIndex::of(*Result.Context);
  utils::forEachMatchInUserCode(
      Candidates, ShownFiles, *Result.Context,
      [&](const BoundNodes &Nodes) { checkCandidate(Nodes, *Result.Context); })
      .report(*this, Result.Context->getSourceManager(), "timer start or wait",
              "timer starts and waits");
}

void UnstoppedTimerCheck::checkCandidate(const BoundNodes &Nodes,
                                         ASTContext &Context) {
  // Every candidate binds its call or `new` and nothing else.
  const FunctionDecl *Owner =
      utils::soleNodeOwner(Nodes, Index->parents(), Context);
  // Templates are judged by their instantiations.
  if (!Owner || Owner->isDependentContext() || !Owner->hasBody())
    return;
  if (const auto *Call = Nodes.getNodeAs<CallExpr>("posix"))
    return checkPosix(Call, Owner, Context);
  if (const auto *Call = Nodes.getNodeAs<CallExpr>("uv"))
    return checkUv(Call, Owner, Context);
  if (const auto *Call = Nodes.getNodeAs<CallExpr>("libevent"))
    return checkLibevent(Call, Owner, Context);
  if (const auto *Call = Nodes.getNodeAs<CXXMemberCallExpr>("asio"))
    return checkAsio(Call, Owner, Context);
  if (const auto *New = Nodes.getNodeAs<CXXNewExpr>("qt"))
    return checkQt(New, Owner, Context);
  if (const auto *Call = Nodes.getNodeAs<CallExpr>("inHouse"))
    return checkInHouse(Call, Owner, Context);
}

bool UnstoppedTimerCheck::accumulates(const ValueDecl *Timer,
                                      const Stmt *Site) {
  return StrictMode ||
         !utils::madeOncePerProcess(Timer, DynTypedNode::create(*Site), *Index);
}

std::optional<UnstoppedTimerCheck::Unstopped>
UnstoppedTimerCheck::unstopped(const Started &Timer, ASTContext &Context) {
  if (Timer.CallbackStops || !accumulates(Timer.Timer, Timer.Start))
    return std::nullopt;
  Unstopped Result;
  Result.Home = utils::homeOf(Timer.Timer, Timer.Owner, *Index);
  if (Result.Home.Kind == utils::HomeKind::Member ||
      Result.Home.Kind == utils::HomeKind::Internal) {
    // Started in one function, stopped (or not) in any other that reaches
    // it: any stop there counts.
    const utils::ObjectUses Uses =
        utils::usesAcross(Result.Home, *Timer.Api, *Index);
    if ((Uses.Escapes && !StrictMode) ||
        llvm::any_of(Uses.Events, [](const auto &Event) {
          return Event.second == utils::Setting::Finite;
        }))
      return std::nullopt;
    return Result;
  }
  Result.Exits = unstoppedExits(Timer.Timer, Timer.Owned, Timer.Start,
                                Timer.Owner, *Timer.Api, Context);
  if (!Result.Exits)
    return std::nullopt;
  return Result;
}

std::optional<utils::UncoveredExits> UnstoppedTimerCheck::unstoppedExits(
    const ValueDecl *Object, bool Owned, const Stmt *Start,
    const FunctionDecl *Owner, const utils::ObjectApi &Api, ASTContext &Context,
    ArrayRef<const Stmt *> ExtraStops) {
  const utils::ObjectUses Uses =
      utils::usesOf(Object, Owner, Api, Index->parents(), Context);
  if ((Uses.Escapes || !Owned) && !StrictMode)
    return std::nullopt;
  const CFG *Graph = Index->cfg(Owner);
  if (!Graph)
    return std::nullopt;
  llvm::SmallPtrSet<const Stmt *, 8> Stops(ExtraStops.begin(),
                                           ExtraStops.end());
  for (const auto &[Statement, Effect] : Uses.Events) {
    if (Effect != utils::Setting::Finite)
      continue;
    // A lambda that stops it (a callback, a shutdown hook) may run on any
    // path, at any time.
    if (Uses.InCallbacks.contains(Statement))
      return std::nullopt;
    Stops.insert(Statement);
  }
  utils::UncoveredExits Exits =
      utils::exitsAvoiding(*Graph, Start, Stops, utils::AbruptEnd::Ignored);
  if (Exits.Unknown || !Exits.any())
    return std::nullopt;
  return Exits;
}

void UnstoppedTimerCheck::noteExits(const utils::UncoveredExits &Exits,
                                    const Stmt *Start,
                                    const FunctionDecl *Owner,
                                    const ValueDecl *Object,
                                    const std::string &StopCode,
                                    ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  // Inserted code must be in the scope of a local it names.
  const auto *Var = dyn_cast<VarDecl>(Object);
  const bool Local = Var && Var->isLocalVarDecl();
  const SourceLocation ScopeEnd =
      Local ? utils::endOfScope(Var, Index->parents(), Context)
            : SourceLocation();
  auto InScope = [&](SourceLocation Loc) {
    return !Local ||
           (ScopeEnd.isValid() &&
            SM.isBeforeInTranslationUnit(SM.getExpansionLoc(Loc), ScopeEnd));
  };
  // A stop inserted before `return uv_timer_start(...)` would run before the
  // start it is meant to follow.
  auto HoldsStart = [&](const Stmt *Return) {
    return SM.isPointWithin(Start->getBeginLoc(), Return->getBeginLoc(),
                            Return->getEndLoc());
  };
  // Each exit gets the stop, or none does: a fix for some exits would leave
  // the timer running and the warning standing.
  llvm::SmallVector<std::pair<SourceLocation, std::optional<FixItHint>>, 4>
      Places;
  for (const Stmt *Return : Exits.Returns)
    Places.emplace_back(SM.getExpansionLoc(Return->getBeginLoc()),
                        StopCode.empty() || !InScope(Return->getBeginLoc()) ||
                                HoldsStart(Return)
                            ? std::nullopt
                            : utils::insertStatementBefore(
                                  Return, StopCode, Local ? Var : nullptr,
                                  Index->parents(), Context));
  const auto *Body = dyn_cast<CompoundStmt>(Owner->getBody());
  if (Exits.FallsOffEnd && Body) {
    const SourceLocation End = SM.getExpansionLoc(Body->getRBracLoc());
    // At the end of the body only a local of the body's own block is in
    // scope.
    Places.emplace_back(
        End, StopCode.empty() || (Local && ScopeEnd != End)
                 ? std::nullopt
                 : utils::insertLastStatement(Body, StopCode, Context));
  }
  const bool Fixable = llvm::all_of(
      Places, [](const auto &Place) { return Place.second.has_value(); });
  // clang-tidy's --fix-notes applies a fix only from a warning's single note
  // with fixes, so the first note carries every insertion.
  for (const auto &[Loc, Fix] : Places) {
    DiagnosticBuilder Note =
        diag(Loc, "%0 can return here without stopping timer %1",
             DiagnosticIDs::Note)
        << utils::describeFunction(Owner) << quoted(Object->getName());
    if (Fixable && &Fix == &Places.front().second)
      for (const auto &Place : Places)
        if (Place.second)
          Note << *Place.second;
  }
}

void UnstoppedTimerCheck::noteHome(const utils::ObjectHome &Home,
                                   const std::string &StopCode,
                                   ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation Declared = SM.getExpansionLoc(Home.Decl->getLocation());
  const auto *Destructor =
      Home.isMember() && Home.Class ? Home.Class->getDestructor() : nullptr;
  const FunctionDecl *Definition = Destructor && !Destructor->isImplicit()
                                       ? Destructor->getDefinition()
                                       : nullptr;
  const auto *Body = Definition
                         ? dyn_cast_or_null<CompoundStmt>(Definition->getBody())
                         : nullptr;
  diag(Declared, "%0 is declared here", DiagnosticIDs::Note)
      << quoted(Home.Decl->getName());
  if (!Home.isMember()) {
    diag(Declared, "stop it when the work it serves ends", DiagnosticIDs::Note);
    return;
  }
  if (!Body) {
    diag(Declared,
         "stop it in the destructor of %0, or in the member "
         "function that ends its work",
         DiagnosticIDs::Note)
        << quoted(Home.Class->getName());
    return;
  }
  // Stopping it in the destructor changes when it ends: a note's fix.
  DiagnosticBuilder Note =
      diag(SM.getExpansionLoc(Definition->getLocation()),
           "stop it in the destructor of %0", DiagnosticIDs::Note)
      << quoted(Home.Class->getName());
  if (!StopCode.empty())
    if (std::optional<FixItHint> Fix =
            utils::insertFirstStatement(Body, StopCode, Context))
      Note << *Fix;
}

void UnstoppedTimerCheck::checkPosix(const CallExpr *Arm,
                                     const FunctionDecl *Owner,
                                     ASTContext &Context) {
  if (Arm->getNumArgs() < 1)
    return;
  Started Timer;
  Timer.Start = Arm;
  Timer.Handle = Arm->getArg(0);
  Timer.Timer = utils::rootOf(Timer.Handle, PosixApi).Decl;
  Timer.Owner = Owner;
  Timer.Api = &PosixApi;
  if (!Timer.Timer || Reported.contains(Timer.Timer))
    return;
  const auto *Var = dyn_cast<VarDecl>(Timer.Timer);
  // An id copied from elsewhere still names the timer there; one a factory
  // of this file creates is this function's.
  Timer.Owned =
      Var && utils::isOwnedLocal(Var, Owner) &&
      (!match(
            findAll(callExpr(
                callee(functionDecl(hasName("::timer_create"))),
                hasArgument(2, ignoringParenImpCasts(unaryOperator(
                                   hasOperatorName("&"),
                                   hasUnaryOperand(ignoringParenImpCasts(
                                       declRefExpr(to(equalsNode(Var)))))))))),
            *Owner->getBody(), Context)
            .empty() ||
       utils::ownsFreshTimer(Var, Owner, PosixApi, *Index));
  const std::string IdText = sourceText(Timer.Handle, Context);
  Timer.StopCode = IdText.empty() ? "" : "timer_delete(" + IdText + ");";
  const std::optional<Unstopped> Result = unstopped(Timer, Context);
  if (!Result)
    return;
  Reported.insert(Timer.Timer);
  const SourceLocation Loc = nameLoc(Arm, Context.getSourceManager());
  const std::string Name = quoted(Timer.Timer->getName());
  if (!Result->Exits) {
    diag(Loc, "POSIX timer %0 is armed here but nothing in %1 deletes it")
        << Name << utils::describeHome(Result->Home);
    noteHome(Result->Home,
             utils::memberStopCode(Timer.Handle, PosixApi, Timer.StopCode),
             Context);
    return;
  }
  diag(Loc,
       "POSIX timer %0 is armed here but not deleted on every path out of %1")
      << Name << utils::describeFunction(Owner);
  noteExits(*Result->Exits, Arm, Owner, Timer.Timer, Timer.StopCode, Context);
}

void UnstoppedTimerCheck::checkUv(const CallExpr *Start,
                                  const FunctionDecl *Owner,
                                  ASTContext &Context) {
  if (Start->getNumArgs() != 4)
    return;
  Started Timer;
  Timer.Start = Start;
  Timer.Handle = Start->getArg(0);
  Timer.Timer = utils::rootOf(Timer.Handle, UvApi).Decl;
  Timer.Owner = Owner;
  Timer.Api = &UvApi;
  if (!Timer.Timer || Reported.contains(Timer.Timer))
    return;
  const auto *Var = dyn_cast<VarDecl>(Timer.Timer);
  Timer.Owned = utils::ownsFreshTimer(Var, Owner, UvApi, *Index);
  const std::optional<std::int64_t> Repeat =
      utils::constantOf(Start->getArg(3), Context);
  const bool Repeating = !Repeat || *Repeat != 0;
  const bool OnStack = Timer.Owned && Var->getType()->isRecordType();
  const FunctionDecl *Callback =
      utils::resolveCallable(Start->getArg(1), Context).Function;
  Timer.CallbackStops =
      Callback &&
      utils::callbackMayStop(Callback, Timer.Timer,
                             {"uv_timer_stop", "uv_close", "uv_stop"},
                             {"uv_stop"}, UvApi, Index->parents(), Context);
  const std::string HandleText = sourceText(Timer.Handle, Context);
  Timer.StopCode =
      HandleText.empty() ? "" : "uv_timer_stop(" + HandleText + ");";

  std::optional<Unstopped> Result;
  if (Repeating)
    Result = unstopped(Timer, Context);
  // After uv_run() has returned, a loop run to completion holds no active
  // handle.
  std::optional<utils::UncoveredExits> Dangling;
  if (OnStack && accumulates(Timer.Timer, Start))
    Dangling =
        unstoppedExits(Timer.Timer, Timer.Owned, Start, Owner, UvApi, Context,
                       utils::callsTo(Owner, {"uv_run"}, Context));
  if (!Result && !Dangling)
    return;
  Reported.insert(Timer.Timer);
  const std::string Name = quoted(Timer.Timer->getName());
  const std::string Function = utils::describeFunction(Owner);
  const SourceLocation Loc = nameLoc(Start, Context.getSourceManager());
  const std::string Stopper = "its callback" + callbackName(Callback);
  if (Result && !Result->Exits) {
    diag(Loc, "repeating timer %0 is started here but neither %1 nor %2 "
              "stops it")
        << Name << utils::describeHome(Result->Home) << Stopper;
    noteHome(Result->Home,
             utils::memberStopCode(Timer.Handle, UvApi, Timer.StopCode),
             Context);
    return;
  }
  if (Result) {
    diag(Loc, Dangling ? "repeating timer %0 is started here but neither %1 "
                         "nor %2 stops it, and its stack handle dangles once "
                         "%1 returns"
                       : "repeating timer %0 is started here but neither %1 "
                         "nor %2 stops it")
        << Name << Function << Stopper;
  } else {
    diag(Loc, "timer %0 lives on the stack of %1 and is still started when it "
              "returns, leaving the loop a dangling handle")
        << Name << Function;
  }
  noteExits(Result ? *Result->Exits : *Dangling, Start, Owner, Timer.Timer,
            Timer.StopCode, Context);
}

void UnstoppedTimerCheck::checkLibevent(const CallExpr *Add,
                                        const FunctionDecl *Owner,
                                        ASTContext &Context) {
  if (Add->getNumArgs() != 2)
    return;
  Started Timer;
  Timer.Start = Add;
  Timer.Handle = Add->getArg(0);
  Timer.Timer = utils::rootOf(Timer.Handle, EventApi).Decl;
  Timer.Owner = Owner;
  Timer.Api = &EventApi;
  if (!Timer.Timer || Reported.contains(Timer.Timer))
    return;
  const std::optional<utils::EventMaking> Made = utils::eventMaking(
      utils::homeOf(Timer.Timer, Owner, *Index), EventApi, *Index, Context);
  if (!Made)
    return;
  const std::optional<std::int64_t> Flags =
      utils::constantOf(Made->Flags, Context);
  if (!Flags || (*Flags & utils::libevent::Signal) != 0)
    return;
  const bool Persistent = (*Flags & utils::libevent::Persist) != 0;
  const bool WatchesFd =
      (*Flags & (utils::libevent::Read | utils::libevent::Write)) != 0;
  // A persistent event added with a timeout fires on it whatever fd it also
  // watches, until it is deleted; without a timeout it waits for the fd.
  const bool HasTimeout =
      !Add->getArg(1)->IgnoreParenImpCasts()->isNullPointerConstant(
          Context, Expr::NPC_ValueDependentIsNotNull);
  if (WatchesFd && (!Persistent || !HasTimeout))
    return;
  const FunctionDecl *Callback =
      utils::resolveCallable(Made->Callback, Context).Function;
  Timer.CallbackStops =
      Callback &&
      utils::callbackMayStop(Callback, Timer.Timer,
                             {"event_del", "event_free", "event_base_loopbreak",
                              "event_base_loopexit"},
                             {"event_base_loopbreak", "event_base_loopexit"},
                             EventApi, Index->parents(), Context);
  // A one-shot event repeats when its callback adds it again on every path.
  llvm::SmallVector<const Stmt *, 4> ReAdds;
  if (!Persistent) {
    const CFG *Graph = Callback ? Index->cfg(Callback) : nullptr;
    if (!Graph)
      return;
    ReAdds = utils::callsTo(Callback, {"event_add"}, Context);
    llvm::SmallPtrSet<const Stmt *, 4> Stops(ReAdds.begin(), ReAdds.end());
    const utils::UncoveredExits Left =
        utils::exitsAvoiding(*Graph, nullptr, Stops, utils::AbruptEnd::Leaves);
    if (ReAdds.empty() || Left.Unknown || Left.any())
      return;
  }
  const auto *Var = dyn_cast<VarDecl>(Timer.Timer);
  Timer.Owned = Var && utils::isOwnedLocal(Var, Owner);
  const std::string EventText = sourceText(Timer.Handle, Context);
  Timer.StopCode = EventText.empty() ? "" : "event_del(" + EventText + ");";
  const std::optional<Unstopped> Result = unstopped(Timer, Context);
  if (!Result)
    return;
  Reported.insert(Timer.Timer);
  const SourceManager &SM = Context.getSourceManager();
  const std::string Name = quoted(Timer.Timer->getName());
  if (!Persistent) {
    diag(nameLoc(Add, SM), "timer event %0 is re-added by its callback%1 on "
                           "every path, so it fires forever")
        << Name << callbackName(Callback);
    llvm::sort(ReAdds, [](const Stmt *A, const Stmt *B) {
      return A->getBeginLoc() < B->getBeginLoc();
    });
    diag(nameLoc(cast<Expr>(ReAdds.front()), SM),
         "the callback re-adds the event here", DiagnosticIDs::Note);
    if (!Result->Exits)
      noteHome(Result->Home,
               utils::memberStopCode(Timer.Handle, EventApi, Timer.StopCode),
               Context);
    return;
  }
  diag(nameLoc(Add, SM), "persistent timer event %0 is added here but neither "
                         "%1 nor its callback%2 deletes it")
      << Name
      << (Result->Exits ? utils::describeFunction(Owner)
                        : utils::describeHome(Result->Home))
      << callbackName(Callback);
  if (Result->Exits)
    noteExits(*Result->Exits, Add, Owner, Timer.Timer, Timer.StopCode, Context);
  else
    noteHome(Result->Home,
             utils::memberStopCode(Timer.Handle, EventApi, Timer.StopCode),
             Context);
}

void UnstoppedTimerCheck::checkAsio(const CXXMemberCallExpr *Wait,
                                    const FunctionDecl *Owner,
                                    ASTContext &Context) {
  const std::optional<utils::RearmingHandler> Handler =
      utils::rearmingHandler(Wait, *Index);
  if (!Handler)
    return checkAsioCoroutine(Wait, Owner, Context);
  const FunctionDecl *Pattern = Handler->Function->getCanonicalDecl();
  if (const FunctionDecl *Written =
          Handler->Function->getTemplateInstantiationPattern())
    Pattern = Written->getCanonicalDecl();
  if (Reported.contains(Pattern))
    return;
  // A timer made once in main() (a heartbeat), or a static one, is there by
  // design.
  const auto *Var = dyn_cast_or_null<VarDecl>(Handler->Timer);
  if (Var && (Var->isLocalVarDecl() || Var->hasGlobalStorage()) &&
      !StrictMode &&
      utils::madeOncePerProcess(Var, DynTypedNode::create(*Var), *Index))
    return;
  // A member timer that nothing in its class ever cancels (nor moves, which
  // cancels too) repeats forever, whether or not its handler would leave on
  // the error code that a cancel() delivers.
  std::optional<utils::ObjectHome> NeverCancelled;
  if (isa_and_nonnull<FieldDecl>(Handler->Timer)) {
    utils::ObjectHome Home = utils::homeOf(Handler->Timer, Owner, *Index);
    const utils::ObjectUses Uses = utils::usesAcross(Home, AsioApi, *Index);
    if ((!Uses.Escapes || StrictMode) && Uses.Events.empty() &&
        !utils::deadlineMove(Handler->Timer, *Index))
      NeverCancelled = std::move(Home);
  }
  // A cycle bounded by a count, or by state its canceller changes, ends.
  if (Handler->Bounded || (!NeverCancelled && Handler->LeavesOnError) ||
      (NeverCancelled && Reported.contains(Handler->Timer)))
    return;
  Reported.insert(Pattern);

  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation HandlerLoc = SM.getExpansionLoc(
      Handler->Handler.Lambda ? Handler->Handler.Lambda->getBeginLoc()
                              : Handler->Function->getLocation());
  const Expr *TimerExpr = Wait->getImplicitObjectArgument();
  const std::string Name = Handler->Timer
                               ? quoted(Handler->Timer->getName())
                               : quoted(sourceText(TimerExpr, Context));
  if (NeverCancelled) {
    Reported.insert(Handler->Timer);
    diag(HandlerLoc, "timer %0 is re-armed by its handler, and nothing in %1 "
                     "ever cancels it")
        << Name << utils::describeHome(*NeverCancelled);
    diag(nameLoc(Handler->ReArms.front(), SM), "the timer is re-armed here",
         DiagnosticIDs::Note);
    if (!Handler->LeavesOnError)
      diag(HandlerLoc,
           "nor does the handler leave on an error code: it must do both",
           DiagnosticIDs::Note);
    diag(SM.getExpansionLoc(Handler->Timer->getLocation()),
         "cancel() %0 in stop() or the destructor, and leave the handler on "
         "the error code it then receives",
         DiagnosticIDs::Note)
        << Name;
    return;
  }
  const CXXMemberCallExpr *Mover = utils::deadlineMove(Handler->Timer, *Index);
  {
    DiagnosticBuilder Diag =
        diag(HandlerLoc, "timer %0 is re-armed by its handler without first "
                         "leaving on an error code, so cancel() can never "
                         "stop it")
        << Name;
    if (!Mover)
      for (const FixItHint &Fix :
           utils::leaveOnErrorFix(Handler->Function, Context))
        Diag << Fix;
  }
  diag(nameLoc(Handler->ReArms.front(), SM), "the timer is re-armed here",
       DiagnosticIDs::Note);
  if (!llvm::is_contained(Handler->ReArms, Wait))
    diag(nameLoc(Wait, SM), "the handler is passed to async_wait here",
         DiagnosticIDs::Note);
  if (Mover)
    diag(nameLoc(Mover, SM),
         "moving the expiry here cancels the wait and relies on the handler "
         "to wait again; leaving on the error code would end the deadline, "
         "so no fix is offered",
         DiagnosticIDs::Note);
}

void UnstoppedTimerCheck::checkAsioCoroutine(const CXXMemberCallExpr *Wait,
                                             const FunctionDecl *Owner,
                                             ASTContext &Context) {
  const std::optional<utils::ValueTokenWait> Awaited =
      utils::valueTokenWait(Wait, Index->parents(), Context);
  const ValueDecl *Timer =
      utils::timerIdentity(Wait->getImplicitObjectArgument());
  if (!Awaited || !Timer || Reported.contains(Timer))
    return;
  // The loop around the wait must be one that nothing but the error code
  // could end.
  const std::optional<utils::EndlessLoop> Loop =
      utils::findEndlessLoop(Owner, Context, nullptr, 0);
  const SourceManager &SM = Context.getSourceManager();
  if (!Loop || !SM.isPointWithin(Wait->getBeginLoc(), Loop->Loop->getBeginLoc(),
                                 Loop->Loop->getEndLoc()))
    return;
  Reported.insert(Timer);
  {
    DiagnosticBuilder Diag =
        diag(nameLoc(Wait, SM),
             "timer %0 is awaited with %1 in a loop that never leaves on the "
             "error code, so cancelling it can never stop the loop")
        << quoted(Timer->getName()) << Awaited->Token.str();
    // A structured binding or redirect_error names the error code; a
    // variable holding as_tuple's result holds it first in a tuple.
    if (Awaited->ErrorCode && Awaited->ErrorCode->getIdentifier()) {
      std::string Code = Awaited->ErrorCode->getName().str();
      if (isa<VarDecl>(Awaited->ErrorCode) &&
          Awaited->Token != "redirect_error" && !Awaited->Stackful)
        Code = "std::get<0>(" + Code + ")";
      if (std::optional<FixItHint> Leave = utils::insertStatementAfter(
              Wait,
              "if (" + Code + ") " +
                  (Awaited->Stackful ? "return;" : "co_return;"),
              Index->parents(), Context))
        Diag << *Leave;
    }
  }
  diag(SM.getExpansionLoc(Loop->Loop->getBeginLoc()),
       "this loop never ends: its condition is always true and no path "
       "leaves it",
       DiagnosticIDs::Note);
}

void UnstoppedTimerCheck::checkQt(const CXXNewExpr *New,
                                  const FunctionDecl *Owner,
                                  ASTContext &Context) {
  const CXXConstructExpr *Construct = New->getConstructExpr();
  if (Construct && Construct->getNumArgs() > 0 &&
      !Construct->getArg(0)->isNullPointerConstant(
          Context, Expr::NPC_ValueDependentIsNotNull))
    return;
  const ValueDecl *Timer = utils::holderOf(New, Index->parents(), Context);
  if (!Timer || Reported.contains(Timer) || !accumulates(Timer, New))
    return;
  const utils::ObjectHome Home = utils::homeOf(Timer, Owner, *Index);
  const bool Local = Home.Kind == utils::HomeKind::Local;
  // Across the class (or the file) a stop, a delete or a parent anywhere
  // ends it.
  if (!Local) {
    const utils::ObjectUses Uses = utils::usesAcross(Home, QtApi, *Index);
    if ((Uses.Escapes && !StrictMode) || !Uses.Events.empty())
      return;
  }
  const llvm::SmallVector<const FunctionDecl *, 8> Code =
      Local ? llvm::SmallVector<const FunctionDecl *, 8>{Owner} : Home.Code;
  auto OnTimer = on(ignoringParenImpCasts(
      expr(anyOf(declRefExpr(to(equalsNode(Timer))),
                 memberExpr(member(equalsNode(Timer)))))));
  auto TimerMethod = [](StringRef Name) {
    return callee(cxxMethodDecl(hasName(Name), ofClass(hasName("::QTimer"))));
  };
  llvm::SmallVector<const CXXMemberCallExpr *, 2> Starts;
  for (const FunctionDecl *Function : Code) {
    const Stmt *Body = Function->getBody();
    // setSingleShot(false) is the default; any other call may make it fire
    // once.
    for (const BoundNodes &Nodes :
         match(findAll(cxxMemberCallExpr(TimerMethod("setSingleShot"), OnTimer)
                           .bind("single")),
               *Body, Context)) {
      const auto *Call = Nodes.getNodeAs<CXXMemberCallExpr>("single");
      const std::optional<std::int64_t> Value =
          Call->getNumArgs() == 1 ? utils::constantOf(Call->getArg(0), Context)
                                  : std::nullopt;
      if (!Value || *Value != 0)
        return;
    }
    for (const BoundNodes &Nodes :
         match(findAll(cxxMemberCallExpr(TimerMethod("start"), OnTimer)
                           .bind("start")),
               *Body, Context))
      Starts.push_back(Nodes.getNodeAs<CXXMemberCallExpr>("start"));
  }
  llvm::sort(Starts, [](const Stmt *A, const Stmt *B) {
    return A->getBeginLoc() < B->getBeginLoc();
  });
  const auto *Var = dyn_cast<VarDecl>(Timer);
  const bool Owned = Var && utils::isOwnedLocal(Var, Owner);
  const CXXMemberCallExpr *Started = nullptr;
  for (const CXXMemberCallExpr *Start : Starts)
    if (!Local || unstoppedExits(Timer, Owned, Start, Owner, QtApi, Context)) {
      Started = Start;
      break;
    }
  if (!Started)
    return;
  Reported.insert(Timer);
  const SourceManager &SM = Context.getSourceManager();
  diag(SM.getExpansionLoc(New->getBeginLoc()),
       "QTimer %0 has no parent and is started but never stopped or deleted")
      << quoted(Timer->getName());
  diag(nameLoc(Started, SM), "the timer is started here", DiagnosticIDs::Note);
  if (!Local)
    diag(SM.getExpansionLoc(Timer->getLocation()), "%0 is declared here",
         DiagnosticIDs::Note)
        << quoted(Timer->getName());
  const auto *Method = dyn_cast<CXXMethodDecl>(Owner);
  if (!Method || !Method->isInstance() ||
      !utils::isQObjectSubclass(Method->getParent()))
    return;
  DiagnosticBuilder Note =
      diag(SM.getExpansionLoc(New->getBeginLoc()),
           "give the timer a parent so that it is deleted with 'this'",
           DiagnosticIDs::Note);
  if (std::optional<FixItHint> Fix = utils::qtParentFix(New, Context))
    Note << *Fix;
}

void UnstoppedTimerCheck::checkInHouse(const CallExpr *Start,
                                       const FunctionDecl *Owner,
                                       ASTContext &Context) {
  const utils::InHousePair *Api =
      utils::pairUsedBy(TimerApis, Start->getDirectCallee());
  if (!Api)
    return;
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Start);
  const CXXRecordDecl *Class = utils::inHouseClass(Start);
  const bool SelfStopping =
      Class && llvm::is_contained(
                   SelfStoppingTimers,
                   StringRef(Class->getQualifiedNameAsString()).ltrim(':'));
  const utils::InHouseApi ObjectApi(*Api, SelfStopping);
  Started Timer;
  Timer.Start = Start;
  Timer.Handle = utils::inHouseObject(Start);
  if (!Timer.Handle)
    return;
  Timer.Timer = utils::rootOf(Timer.Handle, ObjectApi).Decl;
  // Held by value or by unique_ptr, it is stopped when its owner lets it go.
  if (SelfStopping && Timer.Timer &&
      (Timer.Timer->getType()->isRecordType() ||
       utils::isUniquePointer(Timer.Timer->getType())))
    return;
  Timer.Owner = Owner;
  Timer.Api = &ObjectApi;
  if (!Timer.Timer || Reported.contains(Timer.Timer))
    return;
  Timer.Owned = utils::ownsFreshTimer(dyn_cast<VarDecl>(Timer.Timer), Owner,
                                      ObjectApi, *Index);
  const StringRef StopName = StringRef(Api->Bound).rsplit("::").second;
  if (!Member) {
    if (const std::string Text = sourceText(Timer.Handle, Context);
        !Text.empty())
      Timer.StopCode = Api->Bound + "(" + Text + ");";
  } else if (!StopName.empty()) {
    Timer.StopCode =
        utils::memberAccess(Timer.Handle, Context) + StopName.str() + "();";
  }
  const std::optional<Unstopped> Result = unstopped(Timer, Context);
  if (!Result)
    return;
  Reported.insert(Timer.Timer);
  const SourceLocation Loc = nameLoc(Start, Context.getSourceManager());
  if (!Result->Exits) {
    diag(Loc, "timer %0 is started by %1 but nothing in %2 calls %3")
        << quoted(Timer.Timer->getName()) << quoted(Api->Use)
        << utils::describeHome(Result->Home) << quoted(Api->Bound);
    noteHome(Result->Home,
             utils::memberStopCode(Timer.Handle, ObjectApi, Timer.StopCode),
             Context);
    return;
  }
  diag(Loc, "timer %0 is started by %1 but not stopped by %2 on every path "
            "out of %3")
      << quoted(Timer.Timer->getName()) << quoted(Api->Use)
      << quoted(Api->Bound) << utils::describeFunction(Owner);
  noteExits(*Result->Exits, Start, Owner, Timer.Timer, Timer.StopCode, Context);
}

} // namespace clang::tidy::leak
