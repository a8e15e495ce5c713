//===--- DetachedThreadCheck.cpp - leak-tidy ------------------------------===//

#include "DetachedThreadCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "utils/CallableBody.h"
#include "utils/EndlessLoop.h"
#include "utils/StopTokenFix.h"
#include "utils/ThreadOrigin.h"
#include <cstdint>

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

enum class ThreadKind : std::uint8_t { StdThread, JThread, Boost, Pthread, Custom };

/// One detached thread, as found at its detach site.
struct DetachedThread {
  ThreadKind Kind = ThreadKind::Custom;
  SourceLocation Loc;
  std::string Subject; // "thread 'worker'", "thread running 'pump'", ...
  utils::CallableBody Body;
  const ValueDecl *Named = nullptr; // the variable or member, if any
  const CXXConstructExpr *Construction = nullptr;
  const CXXMemberCallExpr *Detach = nullptr;
  const FunctionDecl *Owner = nullptr; // the function that detaches it
  const VarDecl *DeadStopToken = nullptr;
  SourceLocation DestroyedAt; // boost::thread detached by its destructor
};

namespace {

// Boost.Thread's BOOST_THREAD_VERSION >= 3 terminates instead of detaching.
constexpr llvm::StringLiteral BoostTerminatesMacro =
    "BOOST_THREAD_PROVIDES_THREAD_DESTRUCTOR_CALLS_TERMINATE_IF_JOINABLE";

std::string quoted(StringRef Name) { return ("'" + Name + "'").str(); }

std::string subjectFor(const ValueDecl *Named, const utils::CallableBody &Body,
                       bool Temporary) {
  if (Named)
    return "thread " + quoted(Named->getName());
  std::string Subject = Temporary ? "temporary thread" : "thread";
  if (Body.Lambda)
    return Subject + " running a lambda";
  if (Body.Function)
    return Subject + " running " +
           quoted(Body.Function->getQualifiedNameAsString());
  return Subject;
}

ThreadKind kindOf(const CXXRecordDecl *Class) {
  const std::string Name = Class->getQualifiedNameAsString();
  if (Name == "std::thread")
    return ThreadKind::StdThread;
  if (Name == "std::jthread")
    return ThreadKind::JThread;
  if (Name == "boost::thread")
    return ThreadKind::Boost;
  return ThreadKind::Custom;
}

const VarDecl *stopTokenParameter(const FunctionDecl *Fn) {
  if (!Fn || Fn->getNumParams() == 0)
    return nullptr;
  const ParmVarDecl *First = Fn->getParamDecl(0);
  const CXXRecordDecl *Type =
      First->getType().getNonReferenceType()->getAsCXXRecordDecl();
  return Type && Type->getQualifiedNameAsString() == "std::stop_token"
             ? First
             : nullptr;
}

/// Whether `Var` is used in `Fn` other than by the member calls in `Allowed`.
bool usedBeyond(const VarDecl *Var, const FunctionDecl *Fn,
                ArrayRef<StringRef> Allowed, ASTContext &Context) {
  for (const BoundNodes &Nodes :
       match(findAll(declRefExpr(to(varDecl(equalsNode(Var)))).bind("ref")),
             *Fn->getBody(), Context)) {
    const auto *Ref = Nodes.getNodeAs<DeclRefExpr>("ref");
    const DynTypedNodeList Parents = Context.getParents(*Ref);
    const auto *Member = Parents.empty() ? nullptr : Parents[0].get<MemberExpr>();
    if (!Member || !llvm::is_contained(Allowed, Member->getMemberDecl()->getName()))
      return true;
  }
  return false;
}

/// Whether `Fn` calls pthread_attr_setdetachstate(&Attr, PTHREAD_CREATE_DETACHED).
bool setsDetachedState(const VarDecl *Attr, const FunctionDecl *Fn,
                       ASTContext &Context) {
  auto Detached = ignoringParenImpCasts(
      declRefExpr(to(enumConstantDecl(hasName("PTHREAD_CREATE_DETACHED")))));
  auto SetsDetached = callExpr(
      callee(functionDecl(hasName("::pthread_attr_setdetachstate"))),
      argumentCountIs(2),
      hasArgument(0, ignoringParenImpCasts(unaryOperator(
                         hasOperatorName("&"),
                         hasUnaryOperand(declRefExpr(to(equalsNode(Attr))))))),
      hasArgument(1, expr().bind("state")));
  for (const BoundNodes &Nodes :
       match(findAll(SetsDetached), *Fn->getBody(), Context)) {
    const auto *State = Nodes.getNodeAs<Expr>("state");
    if (!match(expr(Detached), *State, Context).empty())
      return true;
    // Where PTHREAD_CREATE_DETACHED is a plain macro (musl: 1).
    const SourceLocation Loc = State->getBeginLoc();
    if (Loc.isMacroID() &&
        Lexer::getImmediateMacroName(Loc, Context.getSourceManager(),
                                     Context.getLangOpts()) ==
            "PTHREAD_CREATE_DETACHED")
      return true;
  }
  return false;
}

/// The closing brace of the block that declares `Var`.
SourceLocation endOfScope(const VarDecl *Var, ASTContext &Context) {
  const DynTypedNodeList DeclParents = Context.getParents(*Var);
  if (DeclParents.empty())
    return {};
  const auto *Declaration = DeclParents[0].get<DeclStmt>();
  if (!Declaration)
    return {};
  const DynTypedNodeList Parents = Context.getParents(*Declaration);
  if (const auto *Block = Parents.empty() ? nullptr : Parents[0].get<CompoundStmt>())
    return Block->getRBracLoc();
  return {};
}

/// Whether a discarded full-expression statement is all that holds `E`.
bool isDiscarded(const Expr *E, ASTContext &Context) {
  const DynTypedNode Node = DynTypedNode::create(*E);
  for (DynTypedNodeList Parents = Context.getParents(Node); Parents.size() == 1;
       Parents = Context.getParents(Parents[0])) {
    if (Parents[0].get<CompoundStmt>())
      return true;
    const auto *Parent = Parents[0].get<Expr>();
    if (!Parent || !isa<ExprWithCleanups, CXXBindTemporaryExpr,
                        MaterializeTemporaryExpr, CXXFunctionalCastExpr,
                        ImplicitCastExpr, ParenExpr>(Parent))
      return false;
  }
  return false;
}

} // namespace

DetachedThreadCheck::DetachedThreadCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      StrictMode(Options.get("StrictMode", false)),
      ThreadTypes(tidy::utils::options::parseStringList(Options.get("ThreadTypes", ""))),
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
                                    "::boost::thread"};
  Classes.insert(Classes.end(), ThreadTypes.begin(), ThreadTypes.end());
  // Template instantiations are matched too: a lambda that captures a
  // dependent value is only a lambda there. Their diagnostics coincide with
  // the template's and clang-tidy reports them once.
  auto InUserCode = unless(isExpansionInSystemHeader());
  auto Owner = forCallable(functionDecl().bind("owner"));

  Finder->addMatcher(
      cxxMemberCallExpr(callee(cxxMethodDecl(hasName("detach"),
                                             ofClass(hasAnyName(Classes)))),
                        on(expr().bind("object")), InUserCode, Owner)
          .bind("detach"),
      this);
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasName("::pthread_detach"))),
               argumentCountIs(1), InUserCode, Owner)
          .bind("pthreadDetach"),
      this);
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasName("::pthread_create"))),
               argumentCountIs(4),
               hasArgument(1, ignoringParenImpCasts(unaryOperator(
                                  hasOperatorName("&"),
                                  hasUnaryOperand(declRefExpr(
                                      to(varDecl().bind("attr"))))))),
               InUserCode, Owner)
          .bind("pthreadCreate"),
      this);
  // A joinable boost::thread detaches itself when destroyed.
  auto BoostThread = hasDeclaration(cxxConstructorDecl(
      ofClass(hasName("::boost::thread")), unless(isCopyConstructor()),
      unless(isMoveConstructor()), unless(isDefaultConstructor())));
  Finder->addMatcher(
      varDecl(hasLocalStorage(), unless(parmVarDecl()),
              hasType(cxxRecordDecl(hasName("::boost::thread"))),
              hasInitializer(expr()), InUserCode, hasAncestor(functionDecl().bind("owner")))
          .bind("boostVar"),
      this);
  Finder->addMatcher(cxxConstructExpr(BoostThread, unless(hasParent(varDecl())),
                                      InUserCode, Owner)
                         .bind("boostTemporary"),
                     this);
}

void DetachedThreadCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  DetachedThread Thread;
  Thread.Owner = Result.Nodes.getNodeAs<FunctionDecl>("owner");

  if (const auto *Detach = Result.Nodes.getNodeAs<CXXMemberCallExpr>("detach")) {
    const auto *Object = Result.Nodes.getNodeAs<Expr>("object");
    Thread.Kind = kindOf(Detach->getMethodDecl()->getParent());
    Thread.Loc = Detach->getExprLoc();
    Thread.Detach = Detach;
    Thread.Named = utils::referencedObject(Object);
    Thread.Construction =
        utils::findThreadConstruction(Object, Thread.Owner, Detach, Context);
    if (Thread.Construction)
      Thread.Body = utils::resolveCallable(Thread.Construction->getArg(0), Context);
    Thread.Subject = subjectFor(Thread.Named, Thread.Body,
                                utils::threadConstruction(Object) != nullptr);
    // Detaching a local jthread drops the only stop source its token has.
    const auto *Local = dyn_cast_or_null<VarDecl>(Thread.Named);
    if (Thread.Kind == ThreadKind::JThread && Local && Local->isLocalVarDecl() &&
        !usedBeyond(Local, Thread.Owner, {"detach", "get_id", "joinable"},
                    Context))
      Thread.DeadStopToken = stopTokenParameter(Thread.Body.Function);
  } else if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("pthreadDetach")) {
    Thread.Kind = ThreadKind::Pthread;
    Thread.Loc = Call->getBeginLoc();
    const Expr *Id = Call->getArg(0)->IgnoreParenImpCasts();
    const auto *Self = dyn_cast<CallExpr>(Id);
    if (Self && Self->getDirectCallee() &&
        Self->getDirectCallee()->getName() == "pthread_self") {
      Thread.Body = {Thread.Owner, nullptr};
      if (const auto *Method = dyn_cast<CXXMethodDecl>(Thread.Owner);
          Method && Method->getParent()->isLambda())
        Thread.Body.Function = nullptr; // Which thread runs a lambda is unknown.
    } else {
      Thread.Named = utils::referencedObject(Id);
      if (const CallExpr *Create = utils::findPthreadCreate(
              Thread.Named, Thread.Owner, Call, Context))
        Thread.Body = utils::resolveCallable(Create->getArg(2), Context);
    }
    Thread.Subject = subjectFor(Thread.Named, Thread.Body, false);
  } else if (const auto *Create = Result.Nodes.getNodeAs<CallExpr>("pthreadCreate")) {
    const auto *Attr = Result.Nodes.getNodeAs<VarDecl>("attr");
    if (!setsDetachedState(Attr, Thread.Owner, Context))
      return;
    Thread.Kind = ThreadKind::Pthread;
    Thread.Loc = Create->getBeginLoc();
    if (const auto *Id = dyn_cast<UnaryOperator>(Create->getArg(0)->IgnoreParenImpCasts()))
      Thread.Named = utils::referencedObject(Id->getSubExpr());
    Thread.Body = utils::resolveCallable(Create->getArg(2), Context);
    Thread.Subject = subjectFor(Thread.Named, Thread.Body, false);
  } else if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("boostVar")) {
    if (PP->isMacroDefined(BoostTerminatesMacro) ||
        usedBeyond(Var, Thread.Owner, {"get_id", "joinable", "native_handle"},
                   Context))
      return;
    Thread.Kind = ThreadKind::Boost;
    Thread.Loc = Var->getLocation();
    Thread.Named = Var;
    Thread.Construction = utils::threadConstruction(Var->getInit());
    if (!Thread.Construction)
      return;
    Thread.Body = utils::resolveCallable(Thread.Construction->getArg(0), Context);
    Thread.Subject = subjectFor(Var, Thread.Body, false);
    Thread.DestroyedAt = endOfScope(Var, Context);
  } else if (const auto *Temporary =
                 Result.Nodes.getNodeAs<CXXConstructExpr>("boostTemporary")) {
    if (PP->isMacroDefined(BoostTerminatesMacro) || !isDiscarded(Temporary, Context))
      return;
    Thread.Kind = ThreadKind::Boost;
    Thread.Loc = Temporary->getBeginLoc();
    Thread.Construction = Temporary;
    Thread.Body = utils::resolveCallable(Temporary->getArg(0), Context);
    Thread.Subject = subjectFor(nullptr, Thread.Body, true);
    Thread.DestroyedAt = Temporary->getEndLoc();
  } else {
    return;
  }
  // Point at the line a reader edits, not inside a macro's definition.
  Thread.Loc = Context.getSourceManager().getExpansionLoc(Thread.Loc);
  report(Thread, Context);
}

void DetachedThreadCheck::report(const DetachedThread &Thread,
                                 ASTContext &Context) {
  std::optional<utils::EndlessLoop> Loop;
  if (Thread.Body.Function)
    Loop = utils::findEndlessLoop(Thread.Body.Function, Context,
                                  Thread.DeadStopToken);
  if (!Loop) {
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
    diag(SM.getExpansionLoc(Call->getBeginLoc()), "the thread calls %0 here",
         DiagnosticIDs::Note)
        << Call->getDirectCallee();
  diag(SM.getExpansionLoc(Loop->Loop->getBeginLoc()),
       Loop->WaitsForDeadStopToken
           ? "this loop ends only when the stop token is triggered"
           : "this loop never ends: its condition is always true and no path "
             "leaves it",
       DiagnosticIDs::Note);
  addRemedy(Thread, &*Loop, Context);
}

void DetachedThreadCheck::addRemedy(const DetachedThread &Thread,
                                    const utils::EndlessLoop *Loop,
                                    ASTContext &Context) {
  auto Note = [&](StringRef Text) {
    return diag(Thread.Loc, Text, DiagnosticIDs::Note);
  };
  const bool HasJThread =
      getLangOpts().CPlusPlus20 && utils::declaresJThread(Context);
  switch (Thread.Kind) {
  case ThreadKind::Pthread:
    Note("check an atomic stop flag in the loop and join the thread with "
         "pthread_join() on shutdown instead of detaching it");
    return;
  case ThreadKind::Boost:
    Note("keep the boost::thread, call "
         "boost::this_thread::interruption_point() in the loop, and "
         "interrupt() and join() it on shutdown");
    return;
  case ThreadKind::JThread:
    Note(Thread.DeadStopToken
             ? "keep the std::jthread instead of detaching it, or keep its "
               "stop source (get_stop_source()) to stop it later"
             : "keep the std::jthread instead of detaching it and check its "
               "stop token in the loop");
    return;
  case ThreadKind::Custom:
    Note("check a stop flag in the loop and join the thread on shutdown "
         "instead of detaching it");
    return;
  case ThreadKind::StdThread:
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
                                  Context);
  if (!Fixes)
    return;
  Remedy << *Fixes
         << Inserter.createIncludeInsertion(
                SM.getFileID(SM.getExpansionLoc(Thread.Body.Lambda->getBeginLoc())),
                "<stop_token>");
}

} // namespace clang::tidy::leak
