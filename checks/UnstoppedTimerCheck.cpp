//===--- UnstoppedTimerCheck.cpp - leak-tidy ------------------------------===//

#include "UnstoppedTimerCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/CallableBody.h"
#include "utils/FixPlacement.h"
#include "utils/Naming.h"
#include "utils/ObjectUse.h"
#include "utils/TimerApis.h"
#include "utils/UserCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

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

// libevent's event flags, part of its stable ABI.
constexpr std::int64_t EvRead = 0x02;
constexpr std::int64_t EvWrite = 0x04;
constexpr std::int64_t EvSignal = 0x08;
constexpr std::int64_t EvPersist = 0x10;

/// ` 'on_tick'` for a callback that is a named function; empty for a
/// lambda, or when its body is not visible.
std::string callbackName(const FunctionDecl *Callback) {
  if (!Callback || isa<CXXMethodDecl>(Callback) || !Callback->getIdentifier())
    return "";
  return " " + quoted(Callback->getName());
}

std::optional<std::int64_t> constantOf(const Expr *E,
                                       const ASTContext &Context) {
  Expr::EvalResult Value;
  if (E->isValueDependent() ||
      !E->EvaluateAsInt(Value, Context, Expr::SE_AllowSideEffects))
    return std::nullopt;
  return Value.Val.getInt().getExtValue();
}

/// The calls in \p Function's body to the functions named \p Names.
llvm::SmallVector<const Stmt *, 4> callsTo(const FunctionDecl *Function,
                                           ArrayRef<StringRef> Names,
                                           ASTContext &Context) {
  llvm::SmallVector<const Stmt *, 4> Calls;
  for (const BoundNodes &Nodes : match(
           findAll(
               callExpr(callee(functionDecl(hasAnyName(Names)))).bind("call")),
           *Function->getBody(), Context))
    Calls.push_back(Nodes.getNodeAs<Stmt>("call"));
  return Calls;
}

/// Whether a callback whose body is visible may stop the timer it serves:
/// it calls one of \p Stops on anything, or its first parameter (the handle
/// libuv passes) is stopped or escapes.
bool callbackMayStop(const FunctionDecl *Callback, ArrayRef<StringRef> Stops,
                     const utils::ObjectApi &Api, utils::ParentIndex &Parents,
                     ASTContext &Context) {
  if (!callsTo(Callback, Stops, Context).empty())
    return true;
  if (Callback->getNumParams() == 0 ||
      !Callback->getParamDecl(0)->getType()->isPointerType())
    return false;
  const utils::ObjectUses Uses =
      utils::usesOf(Callback->getParamDecl(0), Callback, Api, Parents, Context);
  return Uses.Escapes || !Uses.Events.empty();
}

const FunctionDecl *patternOf(const FunctionDecl *Function) {
  if (const FunctionDecl *Pattern = Function->getTemplateInstantiationPattern())
    return Pattern->getCanonicalDecl();
  return Function->getCanonicalDecl();
}

/// The variable or member an Asio timer expression names, through `&`, `*`,
/// `->` and smart pointers, whatever object a member is reached through.
const ValueDecl *timerIdentity(const Expr *E) {
  E = E->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    return timerIdentity(Unary->getSubExpr());
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
      Operator && Operator->getNumArgs() == 1)
    return timerIdentity(Operator->getArg(0));
  return nullptr;
}

auto asioTimerWait() {
  return cxxMemberCallExpr(callee(
      cxxMethodDecl(hasName("async_wait"),
                    ofClass(hasAnyName("::boost::asio::basic_waitable_timer",
                                       "::asio::basic_waitable_timer",
                                       "::boost::asio::basic_deadline_timer",
                                       "::asio::basic_deadline_timer")))));
}

/// A call that moves the expiry of the member timer \p Timer in a member
/// function that does not wait on it: it cancels the pending wait, and a
/// handler that waits again on operation_aborted is how the deadline moves
/// (Beast's and Asio's deadline actors). Null when there is none.
const CXXMemberCallExpr *deadlineMove(const ValueDecl *Timer,
                                      ASTContext &Context) {
  const auto *Member = dyn_cast_or_null<FieldDecl>(Timer);
  const auto *Class =
      Member ? dyn_cast<CXXRecordDecl>(Member->getParent()) : nullptr;
  if (!Class)
    return nullptr;
  auto OnTimer =
      on(ignoringParenImpCasts(memberExpr(member(equalsNode(Member)))));
  for (const CXXMethodDecl *Method : Class->methods()) {
    const FunctionDecl *Definition = nullptr;
    if (!Method->hasBody(Definition) ||
        !match(findAll(cxxMemberCallExpr(asioTimerWait(), OnTimer)),
               *Definition->getBody(), Context)
             .empty())
      continue;
    const auto Moves = match(
        findAll(cxxMemberCallExpr(
                    callee(cxxMethodDecl(hasAnyName(
                        "expires_after", "expires_at", "expires_from_now"))),
                    OnTimer)
                    .bind("move")),
        *Definition->getBody(), Context);
    if (!Moves.empty())
      return Moves.front().getNodeAs<CXXMemberCallExpr>("move");
  }
  return nullptr;
}

/// The holder of a `new` expression's result: the variable it initialises
/// or is assigned to, or the member of `this` it is assigned to.
const ValueDecl *holderOf(const Expr *New, utils::ParentIndex &Parents,
                          ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*New);
  while (true) {
    const ArrayRef<DynTypedNode> Above = Parents.parents(Node, Context);
    if (Above.size() != 1)
      return nullptr;
    const DynTypedNode &Parent = Above[0];
    if (const auto *Var = Parent.get<VarDecl>())
      return Var;
    if (isa_and_nonnull<ImplicitCastExpr, ParenExpr, ExprWithCleanups>(
            Parent.get<Expr>())) {
      Node = Parent;
      continue;
    }
    const auto *Assign = Parent.get<BinaryOperator>();
    if (!Assign || Assign->getOpcode() != BO_Assign)
      return nullptr;
    return utils::rootOf(Assign->getLHS(), QtApi).Decl;
  }
}

bool isQObjectSubclass(const CXXRecordDecl *Record) {
  if (!Record || !Record->hasDefinition())
    return false;
  if (Record->getQualifiedNameAsString() == "QObject")
    return true;
  return llvm::any_of(Record->bases(), [](const CXXBaseSpecifier &Base) {
    return isQObjectSubclass(Base.getType()->getAsCXXRecordDecl());
  });
}

/// `new QTimer` -> `new QTimer(this)`, also from `()` and `(nullptr)`.
std::optional<FixItHint> parentFix(const CXXNewExpr *New,
                                   const ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  if (New->getBeginLoc().isMacroID() || New->getEndLoc().isMacroID() ||
      New->getInitializationStyle() == CXXNewInitializationStyle::Braces)
    return std::nullopt;
  const SourceRange Parens = New->getDirectInitRange();
  if (Parens.isInvalid()) {
    const SourceLocation TypeEnd = Lexer::getLocForEndOfToken(
        New->getAllocatedTypeSourceInfo()->getTypeLoc().getEndLoc(), 0, SM,
        Context.getLangOpts());
    return FixItHint::CreateInsertion(TypeEnd, "(this)");
  }
  const CXXConstructExpr *Construct = New->getConstructExpr();
  if (Construct && Construct->getNumArgs() > 0 &&
      !isa<CXXDefaultArgExpr>(Construct->getArg(0)))
    return FixItHint::CreateReplacement(Construct->getArg(0)->getSourceRange(),
                                        "this");
  return FixItHint::CreateInsertion(Parens.getEnd(), "this");
}

/// The `if (ec) return;` fix for an Asio handler: the statement, and a name
/// for its error_code parameter when it has none. None without such a
/// parameter, or when `ec` is taken.
llvm::SmallVector<FixItHint, 2> leaveOnErrorFix(const FunctionDecl *Handler,
                                                ASTContext &Context) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Handler->getBody());
  const auto *Param =
      llvm::find_if(Handler->parameters(), [](const ParmVarDecl *P) {
        return utils::isErrorCode(P->getType());
      });
  if (!Body || Param == Handler->param_end())
    return {};
  llvm::SmallVector<FixItHint, 2> Fixes;
  std::string Name = (*Param)->getName().str();
  if (Name.empty()) {
    Name = "ec";
    if (!match(findAll(namedDecl(hasName("ec"))), *Body, Context).empty() ||
        !match(findAll(declRefExpr(to(namedDecl(hasName("ec"))))), *Body,
               Context)
             .empty())
      return {};
    // The written parameter: a generic lambda's `auto` is in its pattern.
    const FunctionDecl *Written = Handler->getTemplateInstantiationPattern();
    if (!Written)
      Written = Handler;
    const ParmVarDecl *WrittenParam =
        Written->getParamDecl((*Param)->getFunctionScopeIndex());
    const TypeSourceInfo *Type = WrittenParam->getTypeSourceInfo();
    if (!Type || Type->getTypeLoc().getEndLoc().isMacroID())
      return {};
    // `const error_code &` becomes `const error_code &ec`, `auto` `auto ec`.
    const SourceManager &SM = Context.getSourceManager();
    const SourceLocation TypeEnd = Type->getTypeLoc().getEndLoc();
    const char *Last = SM.getCharacterData(TypeEnd);
    const bool Declarator =
        (*Last == '&' || *Last == '*') && (Last[-1] == ' ' || Last[-1] == '\t');
    Fixes.push_back(FixItHint::CreateInsertion(
        Lexer::getLocForEndOfToken(TypeEnd, 0, SM, Context.getLangOpts()),
        Declarator ? "ec" : " ec"));
  }
  std::optional<FixItHint> Leave =
      utils::insertFirstStatement(Body, "if (" + Name + ") return;", Context);
  if (!Leave)
    return {};
  Fixes.push_back(*Leave);
  return Fixes;
}

/// Whether \p Var is a local of \p Owner that holds a timer made there: an
/// object on the stack, or a pointer to a new allocation.
bool ownsFreshTimer(const VarDecl *Var, const FunctionDecl *Owner) {
  if (!Var || !utils::isOwnedLocal(Var, Owner))
    return false;
  return Var->getType()->isRecordType() &&
                 !utils::isSmartPointer(Var->getType())
             ? true
             : utils::isFreshAllocation(Var->getInit());
}

/// The call to \p Factory that gives \p Var its value in \p Owner, when it
/// is the only value it gets there.
const CallExpr *madeBy(const VarDecl *Var, StringRef Factory,
                       const FunctionDecl *Owner, ASTContext &Context) {
  llvm::SmallVector<const Expr *, 2> Values;
  if (Var->getInit())
    Values.push_back(Var->getInit());
  for (const BoundNodes &Nodes : match(
           findAll(binaryOperator(
               isAssignmentOperator(),
               hasLHS(ignoringParenImpCasts(declRefExpr(to(equalsNode(Var))))),
               hasRHS(expr().bind("value")))),
           *Owner->getBody(), Context))
    Values.push_back(Nodes.getNodeAs<Expr>("value"));
  if (Values.size() != 1)
    return nullptr;
  const auto *Call = dyn_cast<CallExpr>(Values.front()->IgnoreParenCasts());
  return Call && Call->getDirectCallee() &&
                 Call->getDirectCallee()->getIdentifier() &&
                 Call->getDirectCallee()->getName() == Factory
             ? Call
             : nullptr;
}

} // namespace

UnstoppedTimerCheck::UnstoppedTimerCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), ShownFiles(Context->getOptions()),
      StrictMode(Options.get("StrictMode", false)),
      TimerApisOption(Options.get("TimerApis", "")) {
  for (StringRef Entry :
       tidy::utils::options::parseStringList(TimerApisOption)) {
    auto [Start, Stop] = Entry.split('=');
    Start = Start.trim().ltrim(':');
    Stop = Stop.trim().ltrim(':');
    if (Start.empty() || Stop.empty()) {
      configurationDiag("invalid TimerApis entry '%0': expected "
                        "'start=stop', e.g. 'acme::Ticker::start=acme::"
                        "Ticker::stop'")
          << Entry;
      continue;
    }
    TimerApis.push_back({Start.str(), Stop.str()});
  }
}

void UnstoppedTimerCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "StrictMode", StrictMode);
  Options.store(Opts, "TimerApis", TimerApisOption);
}

void UnstoppedTimerCheck::onStartOfTranslationUnit() { Reported.clear(); }

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
  Add(cxxMemberCallExpr(asioTimerWait(), InUserCode).bind("asio"));
  Add(cxxNewExpr(hasType(pointsTo(cxxRecordDecl(hasName("::QTimer")))),
                 InUserCode)
          .bind("qt"));
  if (!TimerApis.empty()) {
    std::vector<StringRef> Starts;
    Starts.reserve(TimerApis.size());
    for (const TimerApi &Api : TimerApis)
      Starts.push_back(Api.Start);
    Add(callExpr(callee(functionDecl(hasAnyName(Starts))), InUserCode)
            .bind("inHouse"));
  }
  Finder->addMatcher(translationUnitDecl(), this);
}

void UnstoppedTimerCheck::check(const MatchFinder::MatchResult &Result) {
  Index = &utils::TranslationUnitIndex::of(*Result.Context);
  utils::forEachMatchInUserCode(
      Candidates, ShownFiles, *Result.Context,
      [&](const BoundNodes &Nodes) { checkCandidate(Nodes, *Result.Context); });
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
  for (const auto &[Statement, Effect] : Uses.Events)
    if (Effect == utils::Setting::Finite)
      Stops.insert(Statement);
  utils::UncoveredExits Exits =
      utils::exitsAvoiding(*Graph, Start, Stops, utils::AbruptEnd::Ignored);
  if (Exits.Unknown || !Exits.any())
    return std::nullopt;
  return Exits;
}

void UnstoppedTimerCheck::noteExits(const utils::UncoveredExits &Exits,
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
  // Each exit gets the stop, or none does: a fix for some exits would leave
  // the timer running and the warning standing.
  llvm::SmallVector<std::pair<SourceLocation, std::optional<FixItHint>>, 4>
      Places;
  for (const Stmt *Return : Exits.Returns)
    Places.emplace_back(SM.getExpansionLoc(Return->getBeginLoc()),
                        StopCode.empty() || !InScope(Return->getBeginLoc())
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

void UnstoppedTimerCheck::checkPosix(const CallExpr *Arm,
                                     const FunctionDecl *Owner,
                                     ASTContext &Context) {
  if (Arm->getNumArgs() < 1)
    return;
  const Expr *Id = Arm->getArg(0);
  const ValueDecl *Timer = utils::rootOf(Id, PosixApi).Decl;
  if (!Timer || Reported.contains(Timer))
    return;
  const auto *Var = dyn_cast<VarDecl>(Timer);
  // An id copied from elsewhere still names the timer there.
  const bool Owned =
      Var && utils::isOwnedLocal(Var, Owner) &&
      !match(findAll(callExpr(
                 callee(functionDecl(hasName("::timer_create"))),
                 hasArgument(2, ignoringParenImpCasts(unaryOperator(
                                    hasOperatorName("&"),
                                    hasUnaryOperand(ignoringParenImpCasts(
                                        declRefExpr(to(equalsNode(Var)))))))))),
             *Owner->getBody(), Context)
           .empty();
  const std::optional<utils::UncoveredExits> Exits =
      unstoppedExits(Timer, Owned, Arm, Owner, PosixApi, Context);
  if (!Exits)
    return;
  Reported.insert(Timer);
  diag(nameLoc(Arm, Context.getSourceManager()),
       "POSIX timer %0 is armed here but not deleted on every path out of %1")
      << quoted(Timer->getName()) << utils::describeFunction(Owner);
  const std::string IdText = sourceText(Id, Context);
  noteExits(*Exits, Owner, Timer,
            IdText.empty() ? "" : "timer_delete(" + IdText + ");", Context);
}

void UnstoppedTimerCheck::checkUv(const CallExpr *Start,
                                  const FunctionDecl *Owner,
                                  ASTContext &Context) {
  if (Start->getNumArgs() != 4)
    return;
  const Expr *Handle = Start->getArg(0);
  const ValueDecl *Timer = utils::rootOf(Handle, UvApi).Decl;
  if (!Timer || Reported.contains(Timer))
    return;
  const auto *Var = dyn_cast<VarDecl>(Timer);
  const bool Owned = ownsFreshTimer(Var, Owner);
  const std::optional<std::int64_t> Repeat =
      constantOf(Start->getArg(3), Context);
  const bool Repeating = !Repeat || *Repeat != 0;
  const bool OnStack = Owned && Var->getType()->isRecordType();
  const FunctionDecl *Callback =
      utils::resolveCallable(Start->getArg(1), Context).Function;
  const bool CallbackStops =
      Callback &&
      callbackMayStop(Callback, {"uv_timer_stop", "uv_close", "uv_stop"}, UvApi,
                      Index->parents(), Context);

  std::optional<utils::UncoveredExits> Exits;
  if (Repeating && !CallbackStops)
    Exits = unstoppedExits(Timer, Owned, Start, Owner, UvApi, Context);
  // After uv_run() has returned, a loop run to completion holds no active
  // handle.
  std::optional<utils::UncoveredExits> Dangling;
  if (OnStack)
    Dangling = unstoppedExits(Timer, Owned, Start, Owner, UvApi, Context,
                              callsTo(Owner, {"uv_run"}, Context));
  if (!Exits && !Dangling)
    return;
  Reported.insert(Timer);
  const std::string Name = quoted(Timer->getName());
  const std::string Function = utils::describeFunction(Owner);
  const SourceLocation Loc = nameLoc(Start, Context.getSourceManager());
  if (Exits) {
    const std::string Stopper = "its callback" + callbackName(Callback);
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
  const std::string HandleText = sourceText(Handle, Context);
  noteExits(Exits ? *Exits : *Dangling, Owner, Timer,
            HandleText.empty() ? "" : "uv_timer_stop(" + HandleText + ");",
            Context);
}

void UnstoppedTimerCheck::checkLibevent(const CallExpr *Add,
                                        const FunctionDecl *Owner,
                                        ASTContext &Context) {
  if (Add->getNumArgs() != 2)
    return;
  const Expr *EventExpr = Add->getArg(0);
  const auto *Var =
      dyn_cast_or_null<VarDecl>(utils::rootOf(EventExpr, EventApi).Decl);
  if (!Var || Reported.contains(Var))
    return;
  const CallExpr *Creation = madeBy(Var, "event_new", Owner, Context);
  if (!Creation || Creation->getNumArgs() != 5)
    return;
  const std::optional<std::int64_t> Flags =
      constantOf(Creation->getArg(2), Context);
  // Events on a socket or a signal wait for something else than time.
  if (!Flags || (*Flags & (EvRead | EvWrite | EvSignal)) != 0)
    return;
  const FunctionDecl *Callback =
      utils::resolveCallable(Creation->getArg(3), Context).Function;
  if (Callback &&
      callbackMayStop(Callback,
                      {"event_del", "event_free", "event_base_loopbreak",
                       "event_base_loopexit"},
                      EventApi, Index->parents(), Context))
    return;
  const bool Persistent = (*Flags & EvPersist) != 0;
  // A one-shot event repeats when its callback adds it again on every path.
  llvm::SmallVector<const Stmt *, 4> ReAdds;
  if (!Persistent) {
    const CFG *Graph = Callback ? Index->cfg(Callback) : nullptr;
    if (!Graph)
      return;
    ReAdds = callsTo(Callback, {"event_add"}, Context);
    llvm::SmallPtrSet<const Stmt *, 4> Stops(ReAdds.begin(), ReAdds.end());
    const utils::UncoveredExits Left =
        utils::exitsAvoiding(*Graph, nullptr, Stops, utils::AbruptEnd::Leaves);
    if (ReAdds.empty() || Left.Unknown || Left.any())
      return;
  }
  const std::optional<utils::UncoveredExits> Exits = unstoppedExits(
      Var, utils::isOwnedLocal(Var, Owner), Add, Owner, EventApi, Context);
  if (!Exits)
    return;
  Reported.insert(Var);
  const SourceManager &SM = Context.getSourceManager();
  const std::string Name = quoted(Var->getName());
  if (!Persistent) {
    diag(nameLoc(Add, SM), "timer event %0 is re-added by its callback%1 on "
                           "every path, so it fires forever")
        << Name << callbackName(Callback);
    llvm::sort(ReAdds, [](const Stmt *A, const Stmt *B) {
      return A->getBeginLoc() < B->getBeginLoc();
    });
    diag(nameLoc(cast<Expr>(ReAdds.front()), SM),
         "the callback re-adds the event here", DiagnosticIDs::Note);
    return;
  }
  diag(nameLoc(Add, SM), "persistent timer event %0 is added here but neither "
                         "%1 nor its callback%2 deletes it")
      << Name << utils::describeFunction(Owner) << callbackName(Callback);
  const std::string EventText = sourceText(EventExpr, Context);
  noteExits(*Exits, Owner, Var,
            EventText.empty() ? "" : "event_del(" + EventText + ");", Context);
}

void UnstoppedTimerCheck::checkAsio(const CXXMemberCallExpr *Wait,
                                    const FunctionDecl *Owner,
                                    ASTContext &Context) {
  if (Wait->getNumArgs() != 1)
    return;
  // Completion tokens (use_awaitable, yield_context, use_future) resolve to
  // no visible body; a coroutine's cancellation throws out of its loop.
  const utils::CallableBody Handler =
      utils::resolveCallable(Wait->getArg(0), Context);
  const FunctionDecl *Function =
      Handler.Function ? utils::instantiated(Handler.Function) : nullptr;
  if (!Function || !Function->hasBody() ||
      Reported.contains(patternOf(Function)))
    return;
  const Expr *TimerExpr = Wait->getImplicitObjectArgument();
  const ValueDecl *Timer = timerIdentity(TimerExpr);
  const FunctionDecl *HandlerPattern = patternOf(Function);

  // Arming the timer again: async_wait on it or with this handler, or a call
  // to a function (such as the one that started the wait) that waits on it.
  auto WaitsOnTimer = [&](const CXXMemberCallExpr *Call) {
    if (Timer && timerIdentity(Call->getImplicitObjectArgument()) == Timer)
      return true;
    if (Call->getNumArgs() != 1)
      return false;
    const FunctionDecl *Again =
        utils::resolveCallable(Call->getArg(0), Context).Function;
    return Again && patternOf(Again) == HandlerPattern;
  };
  // A call re-arms only when the callee waits on the timer on every path:
  // `void schedule() { if (stopped_) return; timer_.async_wait(...); }` can
  // be stopped.
  auto WaitsOnEveryPath = [&](const FunctionDecl *Callee) {
    const FunctionDecl *Definition = nullptr;
    if (!Callee->hasBody(Definition) ||
        Context.getSourceManager().isInSystemHeader(Definition->getLocation()))
      return false;
    llvm::SmallPtrSet<const Stmt *, 4> Waits;
    for (const BoundNodes &Nodes : match(findAll(asioTimerWait().bind("wait")),
                                         *Definition->getBody(), Context)) {
      const auto *Other = Nodes.getNodeAs<CXXMemberCallExpr>("wait");
      if (Other == Wait ||
          (Timer && timerIdentity(Other->getImplicitObjectArgument()) == Timer))
        Waits.insert(Other);
    }
    const CFG *Graph = Waits.empty() ? nullptr : Index->cfg(Definition);
    if (!Graph)
      return false;
    const utils::UncoveredExits Around =
        utils::exitsAvoiding(*Graph, nullptr, Waits, utils::AbruptEnd::Leaves);
    return !Around.Unknown && !Around.any();
  };
  llvm::SmallVector<const Stmt *, 4> ReArms;
  for (const BoundNodes &Nodes :
       match(findAll(callExpr().bind("call")), *Function->getBody(), Context)) {
    const auto *Call = Nodes.getNodeAs<CallExpr>("call");
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      continue;
    bool ReArm = false;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
        Member && !match(asioTimerWait(), *Member, Context).empty())
      ReArm = WaitsOnTimer(Member);
    else
      ReArm = patternOf(Callee) != HandlerPattern && WaitsOnEveryPath(Callee);
    if (ReArm)
      ReArms.push_back(Call);
  }
  if (ReArms.empty())
    return;
  const CFG *Graph = Index->cfg(Function);
  if (!Graph)
    return;
  llvm::SmallPtrSet<const Stmt *, 4> Stops(ReArms.begin(), ReArms.end());
  const utils::UncoveredExits Left =
      utils::exitsAvoiding(*Graph, nullptr, Stops, utils::AbruptEnd::Leaves);
  if (Left.Unknown || Left.any())
    return;
  Reported.insert(HandlerPattern);

  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation HandlerLoc = SM.getExpansionLoc(
      Handler.Lambda ? Handler.Lambda->getBeginLoc() : Function->getLocation());
  const std::string Name =
      Timer ? quoted(Timer->getName()) : quoted(sourceText(TimerExpr, Context));
  const CXXMemberCallExpr *Mover = deadlineMove(Timer, Context);
  {
    DiagnosticBuilder Diag =
        diag(HandlerLoc, "timer %0 is re-armed by its handler without first "
                         "leaving on an error code, so cancel() can never "
                         "stop it")
        << Name;
    if (!Mover)
      for (const FixItHint &Fix : leaveOnErrorFix(Function, Context))
        Diag << Fix;
  }
  llvm::sort(ReArms, [](const Stmt *A, const Stmt *B) {
    return A->getBeginLoc() < B->getBeginLoc();
  });
  diag(nameLoc(cast<Expr>(ReArms.front()), SM), "the timer is re-armed here",
       DiagnosticIDs::Note);
  if (!llvm::is_contained(ReArms, Wait))
    diag(nameLoc(Wait, SM), "the handler is passed to async_wait here",
         DiagnosticIDs::Note);
  if (Mover)
    diag(nameLoc(Mover, SM),
         "moving the expiry here cancels the wait and relies on the handler "
         "to wait again; leaving on the error code would end the deadline, "
         "so no fix is offered",
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
  const ValueDecl *Timer = holderOf(New, Index->parents(), Context);
  if (!Timer || Reported.contains(Timer))
    return;
  auto OnTimer = on(ignoringParenImpCasts(
      expr(anyOf(declRefExpr(to(equalsNode(Timer))),
                 memberExpr(member(equalsNode(Timer)))))));
  auto TimerMethod = [](StringRef Name) {
    return callee(cxxMethodDecl(hasName(Name), ofClass(hasName("::QTimer"))));
  };
  const Stmt *Body = Owner->getBody();
  // setSingleShot(false) is the default; any other call may make it fire
  // once.
  for (const BoundNodes &Nodes :
       match(findAll(cxxMemberCallExpr(TimerMethod("setSingleShot"), OnTimer)
                         .bind("single")),
             *Body, Context)) {
    const auto *Call = Nodes.getNodeAs<CXXMemberCallExpr>("single");
    const std::optional<std::int64_t> Value =
        Call->getNumArgs() == 1 ? constantOf(Call->getArg(0), Context)
                                : std::nullopt;
    if (!Value || *Value != 0)
      return;
  }
  llvm::SmallVector<const CXXMemberCallExpr *, 2> Starts;
  for (const BoundNodes &Nodes : match(
           findAll(
               cxxMemberCallExpr(TimerMethod("start"), OnTimer).bind("start")),
           *Body, Context))
    Starts.push_back(Nodes.getNodeAs<CXXMemberCallExpr>("start"));
  llvm::sort(Starts, [](const Stmt *A, const Stmt *B) {
    return A->getBeginLoc() < B->getBeginLoc();
  });
  const auto *Var = dyn_cast<VarDecl>(Timer);
  const bool Owned = Var && utils::isOwnedLocal(Var, Owner);
  const CXXMemberCallExpr *Started = nullptr;
  for (const CXXMemberCallExpr *Start : Starts)
    if (unstoppedExits(Timer, Owned, Start, Owner, QtApi, Context)) {
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
  const auto *Method = dyn_cast<CXXMethodDecl>(Owner);
  if (!Method || !Method->isInstance() ||
      !isQObjectSubclass(Method->getParent()))
    return;
  DiagnosticBuilder Note =
      diag(SM.getExpansionLoc(New->getBeginLoc()),
           "give the timer a parent so that it is deleted with 'this'",
           DiagnosticIDs::Note);
  if (std::optional<FixItHint> Fix = parentFix(New, Context))
    Note << *Fix;
}

void UnstoppedTimerCheck::checkInHouse(const CallExpr *Start,
                                       const FunctionDecl *Owner,
                                       ASTContext &Context) {
  const FunctionDecl *Callee = Start->getDirectCallee();
  if (!Callee)
    return;
  const std::string CalleeName = Callee->getQualifiedNameAsString();
  const auto Api = llvm::find_if(
      TimerApis, [&](const TimerApi &A) { return A.Start == CalleeName; });
  if (Api == TimerApis.end())
    return;
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Start);
  const Expr *ObjectExpr = Member ? Member->getImplicitObjectArgument()
                           : Start->getNumArgs() > 0 ? Start->getArg(0)
                                                     : nullptr;
  if (!ObjectExpr)
    return;
  const utils::InHouseTimerApi ObjectApi(Api->Start, Api->Stop);
  const ValueDecl *Timer = utils::rootOf(ObjectExpr, ObjectApi).Decl;
  if (!Timer || Reported.contains(Timer))
    return;
  const std::optional<utils::UncoveredExits> Exits =
      unstoppedExits(Timer, ownsFreshTimer(dyn_cast<VarDecl>(Timer), Owner),
                     Start, Owner, ObjectApi, Context);
  if (!Exits)
    return;
  Reported.insert(Timer);
  diag(nameLoc(Start, Context.getSourceManager()),
       "timer %0 is started by %1 but not stopped by %2 on every path out of "
       "%3")
      << quoted(Timer->getName()) << quoted(Api->Start) << quoted(Api->Stop)
      << utils::describeFunction(Owner);
  std::string StopCode;
  if (Member) {
    StopCode = utils::memberAccess(ObjectExpr, Context) +
               StringRef(Api->Stop).rsplit("::").second.str() + "();";
    if (StringRef(Api->Stop).rsplit("::").second.empty())
      StopCode.clear();
  } else if (const std::string Text = sourceText(ObjectExpr, Context);
             !Text.empty()) {
    StopCode = Api->Stop + "(" + Text + ");";
  }
  noteExits(*Exits, Owner, Timer, StopCode, Context);
}

} // namespace clang::tidy::leak
