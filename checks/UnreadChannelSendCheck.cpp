//===--- UnreadChannelSendCheck.cpp - leak-tidy ---------------------------===//

#include "UnreadChannelSendCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/ExitPaths.h"
#include "utils/Naming.h"
#include "utils/TrackedObject.h"
#include "utils/TypeSpelling.h"
#include "utils/UserCode.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

/// What the owning function and its tasks do with one channel.
struct ChannelUses {
  /// Receives that wait for a value, and releases of a blocked sender.
  llvm::SmallVector<const Stmt *, 4> Receives;
  llvm::SmallVector<const Stmt *, 2> Releases;
  /// Receives that can give up, for the notes.
  llvm::SmallVector<const CXXMemberCallExpr *, 2> BoundedReceives;
  llvm::SmallVector<UnreadChannelSendCheck::TaskSend, 2> Sends;
  /// The channel reaches code this check cannot follow.
  bool Escapes = false;
  /// A spawned task receives from it: the receiving is done there.
  bool ReceivedByTask = false;
};

namespace {

using utils::quoted;

const utils::ObjectApi PlainObject;

const Stmt *parentOf(const Stmt *S, utils::ParentIndex &Parents,
                     ASTContext &Context) {
  ArrayRef<DynTypedNode> Above = Parents.parents(*S, Context);
  while (!Above.empty()) {
    if (const auto *Parent = Above[0].get<Stmt>())
      return Parent;
    // A variable's initialiser sits under its VarDecl, under a DeclStmt.
    const auto *Var = Above[0].get<VarDecl>();
    if (!Var)
      return nullptr;
    Above = Parents.parents(*Var, Context);
  }
  return nullptr;
}

bool isLoop(const Stmt *S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

/// The innermost loop around \p S in the function body \p Body; null when
/// there is none or \p S is in a lambda.
const Stmt *enclosingLoop(const Stmt *S, const Stmt *Body,
                          utils::ParentIndex &Parents, ASTContext &Context) {
  for (const Stmt *Parent = parentOf(S, Parents, Context);
       Parent && Parent != Body; Parent = parentOf(Parent, Parents, Context)) {
    if (isa<LambdaExpr>(Parent))
      return nullptr;
    if (isLoop(Parent))
      return Parent;
  }
  return nullptr;
}

/// Whether \p S is in a lambda (or left \p Body) rather than in \p Body's
/// own code.
bool insideLambda(const Stmt *S, const Stmt *Body, utils::ParentIndex &Parents,
                  ASTContext &Context) {
  for (const Stmt *Parent = parentOf(S, Parents, Context); Parent != Body;
       Parent = parentOf(Parent, Parents, Context))
    if (!Parent || isa<LambdaExpr>(Parent))
      return true;
  return false;
}

/// Whether \p S runs on every iteration of \p Loop that reaches it, with no
/// branch in between.
bool unconditionalIn(const Stmt *S, const Stmt *Loop,
                     utils::ParentIndex &Parents, ASTContext &Context) {
  for (const Stmt *Parent = parentOf(S, Parents, Context);
       Parent && Parent != Loop; Parent = parentOf(Parent, Parents, Context)) {
    if (isa<IfStmt, SwitchStmt, AbstractConditionalOperator, CXXTryStmt>(
            Parent) ||
        isLoop(Parent))
      return false;
    if (const auto *Binary = dyn_cast<BinaryOperator>(Parent);
        Binary && Binary->isLogicalOp())
      return false;
  }
  return true;
}

/// The number of iterations of `for (int i = A; i < B; ++i)` (also `<=`,
/// `!=`) with constant bounds, or of a range-for over an array or braced
/// list.
std::optional<std::uint64_t> constantTripCount(const Stmt *Loop,
                                               const ASTContext &Context) {
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop)) {
    const Expr *Init = Range->getRangeInit()->IgnoreImplicit();
    if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(Init))
      Init = List->getSubExpr()->IgnoreImplicit();
    if (const auto *List = dyn_cast<InitListExpr>(Init))
      return List->getNumInits();
    if (const auto *Array = Context.getAsConstantArrayType(Init->getType()))
      return Array->getSize().getZExtValue();
    return std::nullopt;
  }
  const auto *For = dyn_cast<ForStmt>(Loop);
  const auto *Init = For ? dyn_cast_or_null<DeclStmt>(For->getInit()) : nullptr;
  const auto *Counter = Init && Init->isSingleDecl()
                            ? dyn_cast<VarDecl>(Init->getSingleDecl())
                            : nullptr;
  const auto *Cond =
      dyn_cast_or_null<BinaryOperator>(For ? For->getCond() : nullptr);
  const auto *Step =
      dyn_cast_or_null<UnaryOperator>(For ? For->getInc() : nullptr);
  if (!Counter || !Counter->getInit() || !Cond || !Step ||
      !Step->isIncrementOp())
    return std::nullopt;
  const auto *Tested = dyn_cast<DeclRefExpr>(Cond->getLHS()->IgnoreImpCasts());
  const auto *Stepped =
      dyn_cast<DeclRefExpr>(Step->getSubExpr()->IgnoreImpCasts());
  if (!Tested || Tested->getDecl() != Counter || !Stepped ||
      Stepped->getDecl() != Counter)
    return std::nullopt;
  std::optional<llvm::APSInt> From =
      Counter->getInit()->getIntegerConstantExpr(Context);
  std::optional<llvm::APSInt> To =
      Cond->getRHS()->getIntegerConstantExpr(Context);
  if (!From || !To)
    return std::nullopt;
  const std::int64_t Begin = From->getExtValue();
  const std::int64_t End = To->getExtValue();
  switch (Cond->getOpcode()) {
  case BO_LT:
  case BO_NE:
    return End > Begin ? End - Begin : 0;
  case BO_LE:
    return End >= Begin ? End - Begin + 1 : 0;
  default:
    return std::nullopt;
  }
}

/// Whether \p Loop, holding a receive, runs at least once whenever it is
/// reached after a spawn: a do-while, a loop with a constant positive trip
/// count, or a loop after the loop that spawned the tasks, which is taken to
/// run as often (`for (i < n) spawn(); for (i < n) receive();`).
bool runsAtLeastOnce(const Stmt *Loop, const Stmt *SpawnLoop,
                     const ASTContext &Context) {
  if (isa<DoStmt>(Loop))
    return true;
  if (std::optional<std::uint64_t> Trips = constantTripCount(Loop, Context))
    return *Trips > 0;
  return SpawnLoop && Loop != SpawnLoop &&
         Context.getSourceManager().isBeforeInTranslationUnit(
             SpawnLoop->getEndLoc(), Loop->getBeginLoc());
}

/// The statement every path into \p Loop passes first.
const Stmt *loopEntry(const Stmt *Loop) {
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    return For->getInit() ? For->getInit() : For->getCond();
  if (const auto *While = dyn_cast<WhileStmt>(Loop))
    return While->getCond();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop))
    return Range->getRangeStmt();
  return nullptr;
}

/// Adds \p S and the expressions around it up to its statement, so that
/// whichever of them the CFG lists is found.
void addWithEnclosingExprs(llvm::SmallPtrSetImpl<const Stmt *> &Set,
                           const Stmt *S, utils::ParentIndex &Parents,
                           ASTContext &Context) {
  for (; S; S = parentOf(S, Parents, Context)) {
    Set.insert(S);
    if (!isa<Expr, DeclStmt>(S))
      return;
  }
}

/// \p S, or the nearest expression around it that \p Graph lists.
const Stmt *anchorIn(const CFG &Graph, const Stmt *S,
                     utils::ParentIndex &Parents, ASTContext &Context) {
  for (; isa_and_nonnull<Expr, DeclStmt>(S); S = parentOf(S, Parents, Context))
    if (utils::positionOf(Graph, S))
      return S;
  return nullptr;
}

bool mayThrow(const Stmt *S) {
  if (isa<CXXThrowExpr>(S))
    return true;
  const FunctionDecl *Callee = nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    Callee = Call->getDirectCallee();
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
    Callee = Construct->getConstructor();
  if (!Callee || Callee->isNoReturn() || isa<CXXDestructorDecl>(Callee))
    return false;
  const auto *Prototype = Callee->getType()->getAs<FunctionProtoType>();
  return Prototype && !Prototype->isNothrow();
}

/// The channel variable or parameter that \p E names, through std::ref,
/// std::move, `&`, `*`, copies and shared_ptr's get().
const DeclRefExpr *namedChannel(const Expr *E) {
  while (E) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1) {
      E = Construct->getArg(0);
    } else if (const auto *Call = dyn_cast<CallExpr>(E);
               Call && Call->getNumArgs() == 1 && Call->getDirectCallee() &&
               Call->getDirectCallee()->isInStdNamespace() &&
               Call->getDirectCallee()->getIdentifier() &&
               llvm::is_contained({"ref", "cref", "move"},
                                  Call->getDirectCallee()->getName())) {
      E = Call->getArg(0);
    } else if (const auto *Unary = dyn_cast<UnaryOperator>(E);
               Unary && Unary->getOpcode() == UO_AddrOf) {
      E = Unary->getSubExpr();
    } else {
      break;
    }
  }
  return dyn_cast_or_null<DeclRefExpr>(E);
}

/// Whether \p Ref is only named, not used: in `decltype(ch)`, `sizeof ch`.
bool isUnevaluated(const DeclRefExpr *Ref, utils::ParentIndex &Parents,
                   ASTContext &Context) {
  ArrayRef<DynTypedNode> Above = Parents.parents(*Ref, Context);
  while (!Above.empty()) {
    const auto *Parent = Above[0].get<Stmt>();
    // A type (a decltype in a template argument) holds it.
    if (!Parent)
      return !Above[0].get<Decl>();
    if (isa<UnaryExprOrTypeTraitExpr, CXXTypeidExpr, CXXNoexceptExpr>(Parent))
      return true;
    if (!isa<Expr>(Parent))
      return false;
    Above = Parents.parents(*Parent, Context);
  }
  return false;
}

/// The references to \p Var in \p Scope that use it.
llvm::SmallPtrSet<const DeclRefExpr *, 8>
referencesTo(const ValueDecl *Var, const Stmt &Scope,
             utils::ParentIndex &Parents, ASTContext &Context) {
  llvm::SmallPtrSet<const DeclRefExpr *, 8> Refs;
  for (const BoundNodes &Nodes :
       match(findAll(declRefExpr(to(valueDecl(equalsNode(Var)))).bind("ref")),
             Scope, Context))
    if (const auto *Ref = Nodes.getNodeAs<DeclRefExpr>("ref");
        !isUnevaluated(Ref, Parents, Context))
      Refs.insert(Ref);
  return Refs;
}

/// The member calls in \p Scope made on \p Var (directly, through a pointer
/// or a shared_ptr), with the reference each is made through.
llvm::SmallVector<std::pair<const CXXMemberCallExpr *, const Expr *>, 8>
memberCallsOn(const ValueDecl *Var, const Stmt &Scope, ASTContext &Context) {
  llvm::SmallVector<std::pair<const CXXMemberCallExpr *, const Expr *>, 8>
      Calls;
  llvm::SmallPtrSet<const CXXMemberCallExpr *, 8> Seen;
  for (const BoundNodes &Nodes :
       match(findAll(cxxMemberCallExpr().bind("call")), Scope, Context)) {
    const auto *Call = Nodes.getNodeAs<CXXMemberCallExpr>("call");
    const Expr *Object = Call->getImplicitObjectArgument();
    if (!Object || !Seen.insert(Call).second)
      continue;
    const utils::ObjectRoot Root = utils::rootOf(Object, PlainObject);
    // shared_ptr's own get() is followed by rootOf when something is called
    // on its result; alone, the raw pointer goes somewhere.
    if (Root.Decl != Var ||
        (utils::isSmartPointer(Object->getType()) && Call->getMethodDecl() &&
         Call->getMethodDecl()->getName() == "get"))
      continue;
    Calls.emplace_back(Call, Root.Named);
  }
  return Calls;
}

/// The range-for loops in \p Scope over \p Var, with the reference each
/// is made through: `for (auto v : ch)` takes a value in begin(), before
/// testing anything.
llvm::SmallVector<std::pair<const CXXForRangeStmt *, const Expr *>, 2>
rangeForsOver(const ValueDecl *Var, const Stmt &Scope, ASTContext &Context) {
  llvm::SmallVector<std::pair<const CXXForRangeStmt *, const Expr *>, 2> Loops;
  for (const BoundNodes &Nodes :
       match(findAll(cxxForRangeStmt().bind("for")), Scope, Context)) {
    const auto *For = Nodes.getNodeAs<CXXForRangeStmt>("for");
    const utils::ObjectRoot Root =
        utils::rootOf(For->getRangeInit(), PlainObject);
    if (Root.Decl == Var)
      Loops.emplace_back(For, Root.Named);
  }
  return Loops;
}

/// What \p Task does with the channel it was given as \p InTask.
void classifyTask(const utils::SpawnedTask &Task, const ValueDecl *InTask,
                  const utils::ChannelKind &Kind, ChannelUses &Uses,
                  utils::ParentIndex &Parents, ASTContext &Context) {
  const Stmt *Body =
      Task.Body.Function ? utils::writtenBody(Task.Body.Function) : nullptr;
  if (!Body) {
    Uses.Escapes = true;
    return;
  }
  llvm::SmallPtrSet<const DeclRefExpr *, 8> Unexplained =
      referencesTo(InTask, *Body, Parents, Context);
  llvm::SmallVector<const CXXMemberCallExpr *, 2> Sends;
  for (const auto &[Call, Named] : memberCallsOn(InTask, *Body, Context)) {
    Unexplained.erase(dyn_cast_or_null<DeclRefExpr>(Named));
    if (utils::isSmartPointer(Call->getImplicitObjectArgument()->getType()))
      continue;
    switch (utils::channelOp(Call, Kind, Parents, Context)) {
    case utils::ChannelOp::Send:
      Sends.push_back(Call);
      break;
    case utils::ChannelOp::Receive:
    case utils::ChannelOp::BoundedReceive:
      Uses.ReceivedByTask = true;
      break;
    default:
      break;
    }
  }
  for (const auto &[For, Named] : rangeForsOver(InTask, *Body, Context)) {
    Unexplained.erase(dyn_cast_or_null<DeclRefExpr>(Named));
    Uses.ReceivedByTask = true;
  }
  if (!Unexplained.empty())
    Uses.Escapes = true;
  for (const CXXMemberCallExpr *Send : Sends)
    Uses.Sends.push_back(
        {Send, &Task,
         Sends.size() > 1 ||
             enclosingLoop(Send, Body, Parents, Context) != nullptr});
}

/// Classifies every use of \p Channel in \p Owner's body and in the tasks
/// \p Tasks it spawns.
ChannelUses usesOf(const VarDecl *Channel, const FunctionDecl *Owner,
                   const utils::ChannelKind &Kind,
                   ArrayRef<utils::SpawnedTask> Tasks,
                   utils::ParentIndex &Parents, ASTContext &Context) {
  ChannelUses Uses;
  const Stmt *Body = utils::writtenBody(Owner);
  llvm::SmallPtrSet<const DeclRefExpr *, 8> Unexplained =
      referencesTo(Channel, *Body, Parents, Context);
  for (const utils::SpawnedTask &Task : Tasks) {
    bool Captured = false;
    if (const LambdaExpr *Lambda = Task.Body.Lambda)
      for (const LambdaCapture &Capture : Lambda->captures())
        if (Capture.capturesVariable() && Capture.getCapturedVar() == Channel) {
          Captured = true;
          for (const DeclRefExpr *Ref :
               referencesTo(Channel, *Lambda, Parents, Context))
            Unexplained.erase(Ref);
        }
    if (Captured)
      classifyTask(Task, Channel, Kind, Uses, Parents, Context);
    for (const auto &[Arg, Param] : Task.Passed) {
      const DeclRefExpr *Ref = namedChannel(Arg);
      if (!Ref || Ref->getDecl() != Channel)
        continue;
      Unexplained.erase(Ref);
      classifyTask(Task, Param, Kind, Uses, Parents, Context);
    }
  }
  for (const auto &[Call, Named] : memberCallsOn(Channel, *Body, Context)) {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Named);
    // Calls in the tasks were classified above; in other lambdas they are
    // code this check does not follow.
    if (!Unexplained.contains(Ref) ||
        insideLambda(Call, Body, Parents, Context))
      continue;
    Unexplained.erase(Ref);
    if (utils::isSmartPointer(Call->getImplicitObjectArgument()->getType()))
      continue;
    switch (utils::channelOp(Call, Kind, Parents, Context)) {
    case utils::ChannelOp::Receive:
      Uses.Receives.push_back(Call);
      break;
    case utils::ChannelOp::BoundedReceive:
      Uses.BoundedReceives.push_back(Call);
      break;
    case utils::ChannelOp::Release:
      Uses.Releases.push_back(Call);
      break;
    default:
      break;
    }
  }
  for (const auto &[For, Named] : rangeForsOver(Channel, *Body, Context)) {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Named);
    if (!Unexplained.contains(Ref) || insideLambda(For, Body, Parents, Context))
      continue;
    Unexplained.erase(Ref);
    Uses.Receives.push_back(For->getRangeStmt());
  }
  if (!Unexplained.empty())
    Uses.Escapes = true;
  return Uses;
}

/// Where a note about a receive or spawn points.
SourceLocation callLoc(const Stmt *S, const SourceManager &SM) {
  if (const auto *Range = dyn_cast<DeclStmt>(S))
    return SM.getFileLoc(Range->getBeginLoc());
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S);
      Construct && !isa<CXXTemporaryObjectExpr>(Construct))
    return SM.getFileLoc(Construct->getLocation());
  return utils::nameLoc(cast<Expr>(S), SM);
}

/// Where \p TL spells `Template<...>` itself (perhaps qualified), not
/// through an alias: the template name's location.
std::optional<SourceLocation> templateNameLoc(TypeLoc TL, StringRef Template) {
  auto Specialization =
      utils::namedTypeLoc(TL).getAs<TemplateSpecializationTypeLoc>();
  if (!Specialization || Specialization.getTypePtr()->isTypeAlias())
    return std::nullopt;
  const TemplateDecl *Spelled =
      Specialization.getTypePtr()->getTemplateName().getAsTemplateDecl();
  if (!Spelled || Spelled->getName() != Template ||
      Specialization.getTemplateNameLoc().isMacroID())
    return std::nullopt;
  return Specialization.getTemplateNameLoc();
}

/// The first template argument spelled in \p TL, for `shared_ptr<...>`.
std::optional<TypeLoc> firstTemplateArgument(TypeLoc TL) {
  auto Specialization =
      utils::namedTypeLoc(TL).getAs<TemplateSpecializationTypeLoc>();
  if (!Specialization || Specialization.getNumArgs() < 1 ||
      Specialization.getArgLoc(0).getArgument().getKind() !=
          TemplateArgument::Type)
    return std::nullopt;
  return Specialization.getArgLoc(0).getTypeSourceInfo()->getTypeLoc();
}

/// Whether the channel type is written out in \p Param's declaration, which
/// a rewrite of the variable's type would then no longer match.
bool spellsChannelType(const ParmVarDecl *Param) {
  QualType Type = Param->getType().getNonReferenceType();
  if (const auto *Pointer = Type->getAs<PointerType>())
    Type = Pointer->getPointeeType();
  // `auto &` and template parameters take whatever type they are given.
  return !Type->getAs<SubstTemplateTypeParmType>() &&
         !Type->getContainedAutoType() && utils::channelKind(Type, {});
}

/// `unbuffered_channel<T> ch;` to `buffered_channel<T> ch{2};`, and the same
/// in `std::make_shared<...>()`: a capacity of 2 holds one value.
std::optional<llvm::SmallVector<FixItHint, 3>>
fiberFix(const VarDecl *Channel, const utils::ChannelConstruction &Built,
         const ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  llvm::SmallVector<FixItHint, 3> Fix;
  auto Rename = [&](TypeLoc TL) {
    std::optional<SourceLocation> Name =
        templateNameLoc(TL, "unbuffered_channel");
    if (Name)
      Fix.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(*Name), "buffered_channel"));
    return Name.has_value();
  };
  const TypeLoc Written = Channel->getTypeSourceInfo()->getTypeLoc();
  if (!Built.MakeShared) {
    const auto *Construct = dyn_cast<CXXConstructExpr>(Built.Call);
    if (!Construct || Construct->getNumArgs() != 0 || !Rename(Written))
      return std::nullopt;
    const SourceRange Parens = Construct->getParenOrBraceRange();
    if (Parens.isValid()) {
      if (Parens.getBegin().isMacroID())
        return std::nullopt;
      Fix.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Parens), "{2}"));
    } else {
      const SourceLocation AfterName = Lexer::getLocForEndOfToken(
          Channel->getLocation(), 0, SM, Context.getLangOpts());
      if (AfterName.isInvalid())
        return std::nullopt;
      Fix.push_back(FixItHint::CreateInsertion(AfterName, "{2}"));
    }
    return Fix;
  }
  const auto *Callee =
      dyn_cast<DeclRefExpr>(Built.MakeShared->getCallee()->IgnoreImpCasts());
  if (!Callee || Callee->getNumTemplateArgs() != 1 || !Built.Args.empty() ||
      Built.Close.isMacroID() ||
      Callee->getTemplateArgs()[0].getArgument().getKind() !=
          TemplateArgument::Type ||
      !Rename(Callee->getTemplateArgs()[0].getTypeSourceInfo()->getTypeLoc()))
    return std::nullopt;
  Fix.push_back(FixItHint::CreateInsertion(Built.Close, "2"));
  // `std::shared_ptr<unbuffered_channel<T>> ch = ...` spells it again.
  if (!Written.getType()->getContainedAutoType()) {
    std::optional<TypeLoc> Held = firstTemplateArgument(Written);
    if (!Held || !Rename(*Held))
      return std::nullopt;
  }
  return Fix;
}

/// An Asio channel gets a buffer size of 1.
std::optional<FixItHint> asioFix(const utils::ChannelConstruction &Built) {
  if (Built.Close.isInvalid() || Built.Close.isMacroID() || Built.Args.empty())
    return std::nullopt;
  const bool SizeWritten =
      Built.Args.size() > 1 && !isa<CXXDefaultArgExpr>(Built.Args[1]);
  if (!SizeWritten)
    return FixItHint::CreateInsertion(Built.Close, ", 1");
  const Expr *Size = Built.Args[1]->IgnoreImplicit();
  if (!isa<IntegerLiteral>(Size) || Size->getBeginLoc().isMacroID())
    return std::nullopt;
  return FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Size->getSourceRange()), "1");
}

bool declaresBufferedChannel(const CXXRecordDecl *Unbuffered,
                             ASTContext &Context) {
  return !Unbuffered->getDeclContext()
              ->lookup(&Context.Idents.get("buffered_channel"))
              .empty();
}

} // namespace

UnreadChannelSendCheck::UnreadChannelSendCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), ShownFiles(Context->getOptions()),
      StrictMode(Options.get("StrictMode", false)),
      UnbufferedChannelsOption(Options.get("UnbufferedChannels", "")),
      SpawnersOption(Options.get("Spawners", "")),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        tidy::utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {
  for (StringRef Entry :
       tidy::utils::options::parseStringList(UnbufferedChannelsOption)) {
    auto [Type, Members] = Entry.split('=');
    auto [Send, Receive] = Members.split(',');
    Type = Type.trim().ltrim(':');
    Send = Send.trim();
    Receive = Receive.trim();
    if (Type.empty() || Send.empty() || Receive.empty()) {
      configurationDiag("invalid UnbufferedChannels entry '%0': expected "
                        "'Type=send,receive', e.g. "
                        "'acme::SyncChannel=send,receive'")
          << Entry;
      continue;
    }
    InHouse.push_back({Type.str(), Send.str(), Receive.str()});
  }
  for (StringRef Spawner :
       tidy::utils::options::parseStringList(SpawnersOption))
    Spawners.push_back("::" + Spawner.trim().ltrim(':').str());
}

void UnreadChannelSendCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "StrictMode", StrictMode);
  Options.store(Opts, "UnbufferedChannels", UnbufferedChannelsOption);
  Options.store(Opts, "Spawners", SpawnersOption);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void UnreadChannelSendCheck::registerPPCallbacks(
    const SourceManager &SM, Preprocessor *PP, Preprocessor *ModuleExpanderPP) {
  Inserter.registerPreprocessor(PP);
}

void UnreadChannelSendCheck::onStartOfTranslationUnit() { Reported.clear(); }

void UnreadChannelSendCheck::registerMatchers(MatchFinder *Finder) {
  const std::vector<std::string> Names = utils::channelClassNames(InHouse);
  const std::vector<StringRef> NameRefs(Names.begin(), Names.end());
  auto Channel = hasUnqualifiedDesugaredType(
      recordType(hasDeclaration(cxxRecordDecl(hasAnyName(NameRefs)))));
  auto SharedChannel = hasUnqualifiedDesugaredType(
      recordType(hasDeclaration(classTemplateSpecializationDecl(
          hasName("::std::shared_ptr"),
          hasTemplateArgument(0, refersToType(Channel))))));
  Candidates = {
      declStmt(forEach(varDecl(hasLocalStorage(),
                               hasType(qualType(anyOf(Channel, SharedChannel))),
                               unless(isExpansionInSystemHeader()),
                               hasDeclContext(functionDecl().bind("owner")))
                           .bind("channel"))),
      memberExpr(
          hasObjectExpression(ignoringParenImpCasts(cxxThisExpr())),
          member(fieldDecl(hasType(qualType(anyOf(Channel, SharedChannel))))
                     .bind("memberChannel")),
          unless(isExpansionInSystemHeader()))};
  Finder->addMatcher(translationUnitDecl(), this);
}

void UnreadChannelSendCheck::check(const MatchFinder::MatchResult &Result) {
  Index = &utils::TranslationUnitIndex::of(*Result.Context);
  utils::forEachMatchInUserCode(
      Candidates, ShownFiles, *Result.Context,
      [&](const BoundNodes &Nodes) { checkCandidate(Nodes, *Result.Context); });
}

void UnreadChannelSendCheck::checkCandidate(const BoundNodes &Nodes,
                                            ASTContext &Context) {
  if (const auto *Member = Nodes.getNodeAs<FieldDecl>("memberChannel"))
    return checkMember(Member, Context);
  const auto *Channel = Nodes.getNodeAs<VarDecl>("channel");
  const auto *Owner = Nodes.getNodeAs<FunctionDecl>("owner");
  // Templates are analysed as instantiated, where calls are resolved. A
  // channel made once for the life of the process (in main) blocks at most
  // one sender: only StrictMode reports it.
  if (Owner->isDependentContext() || !Owner->hasBody() ||
      (!StrictMode && utils::madeOncePerProcess(
                          Channel, DynTypedNode::create(*Channel), *Index)))
    return;
  const std::optional<utils::ChannelKind> Kind =
      utils::channelKind(Channel->getType(), InHouse);
  const std::optional<utils::ChannelConstruction> Built =
      utils::channelConstruction(Channel);
  if (!Kind || !Built || !utils::isUnbuffered(*Kind, *Built, Context))
    return;
  const Stmt *Body = utils::writtenBody(Owner);
  const llvm::SmallVector<utils::SpawnedTask, 4> Tasks =
      utils::spawnsIn(*Body, Spawners, Context);
  const ChannelUses Uses =
      usesOf(Channel, Owner, *Kind, Tasks, Index->parents(), Context);
  if (Uses.Sends.empty() || Uses.ReceivedByTask ||
      (Uses.Escapes && !StrictMode))
    return;

  // One slot is enough when one task sends once; code the channel escapes
  // to may spell its type.
  const bool OneValue = !Uses.Escapes && Uses.Sends.size() == 1 &&
                        !Uses.Sends.front().Repeated &&
                        !enclosingLoop(Uses.Sends.front().Task->Spawn, Body,
                                       Index->parents(), Context);
  llvm::SmallVector<FixItHint, 4> Fix;
  if (OneValue && Kind->Family == utils::ChannelFamily::Fiber &&
      llvm::none_of(Tasks, [](const utils::SpawnedTask &Task) {
        return llvm::any_of(Task.Passed, [](const auto &Passed) {
          return spellsChannelType(Passed.second);
        });
      })) {
    if (auto Rewrite = fiberFix(Channel, *Built, Context)) {
      Fix.append(Rewrite->begin(), Rewrite->end());
      if (!declaresBufferedChannel(Kind->Record, Context))
        if (std::optional<FixItHint> Include = Inserter.createIncludeInsertion(
                Context.getSourceManager().getFileID(
                    Context.getSourceManager().getExpansionLoc(
                        Channel->getLocation())),
                "<boost/fiber/buffered_channel.hpp>"))
          Fix.push_back(*Include);
    }
  } else if (OneValue && Kind->Family == utils::ChannelFamily::Asio) {
    if (std::optional<FixItHint> Rewrite = asioFix(*Built))
      Fix.push_back(*Rewrite);
  }
  for (const TaskSend &Sent : Uses.Sends)
    reportUnreceived(Sent, Channel, Owner, Uses, Fix, Context);
}

void UnreadChannelSendCheck::checkMember(const FieldDecl *Channel,
                                         ASTContext &Context) {
  if (!CheckedMembers.insert(Channel).second)
    return;
  const std::optional<utils::ChannelKind> Kind =
      utils::channelKind(Channel->getType(), InHouse);
  const utils::ObjectHome Home = utils::homeOf(Channel, nullptr, *Index);
  if (!Kind || (Home.Open && !StrictMode))
    return;
  // Built in an initializer list or by a default member initializer; a
  // Fiber channel without one is default-constructed, unbuffered.
  const llvm::SmallVector<utils::GivenValue, 2> Given =
      utils::valuesGiven(Home, *Index);
  const std::optional<utils::ChannelConstruction> Built =
      Given.size() == 1 ? utils::channelConstruction(Given.front().Value)
                        : std::nullopt;
  if (Built ? !utils::isUnbuffered(*Kind, *Built, Context)
            : Kind->Family == utils::ChannelFamily::Asio || !Given.empty())
    return;
  // What the class's tasks do with it, and what the rest of its code does.
  ChannelUses Uses;
  llvm::SmallVector<utils::SpawnedTask, 4> Tasks;
  llvm::SmallPtrSet<const Stmt *, 8> InTasks;
  for (const FunctionDecl *Function : Home.Code)
    if (const Stmt *Body = utils::writtenBody(Function))
      for (utils::SpawnedTask &Task : utils::spawnsIn(*Body, Spawners, Context))
        Tasks.push_back(std::move(Task));
  for (const utils::SpawnedTask &Task : Tasks) {
    classifyTask(Task, Channel, *Kind, Uses, Index->parents(), Context);
    if (const Stmt *Body = Task.Body.Function
                               ? utils::writtenBody(Task.Body.Function)
                               : nullptr)
      InTasks.insert(Body);
  }
  // Handed to code that is not followed (an unseen function, a caller
  // through a getter): that code may receive.
  if (Uses.Sends.empty() || Uses.ReceivedByTask || Uses.Escapes ||
      (utils::usesAcross(Home, PlainObject, *Index).Escapes && !StrictMode))
    return;
  bool Received = false;
  for (const FunctionDecl *Function : Home.Code) {
    const Stmt *Body = utils::writtenBody(Function);
    if (!Body || InTasks.contains(Body))
      continue;
    // `for (int v : ch_)` takes values until the channel closes.
    Received |= !rangeForsOver(Channel, *Body, Context).empty();
    for (const auto &Use : memberCallsOn(Channel, *Body, Context)) {
      const CXXMemberCallExpr *Call = Use.first;
      const bool InTask = llvm::any_of(InTasks, [&](const Stmt *TaskBody) {
        return Context.getSourceManager().isPointWithin(Call->getBeginLoc(),
                                                        TaskBody->getBeginLoc(),
                                                        TaskBody->getEndLoc());
      });
      if (InTask)
        continue;
      switch (utils::channelOp(Call, *Kind, Index->parents(), Context)) {
      case utils::ChannelOp::Receive:
      case utils::ChannelOp::Release:
        Received = true;
        break;
      case utils::ChannelOp::BoundedReceive:
        Uses.BoundedReceives.push_back(Call);
        break;
      default:
        break;
      }
    }
  }
  if (Received)
    return;
  const SourceManager &SM = Context.getSourceManager();
  const std::string Name = quoted(Channel->getName());
  for (const TaskSend &Sent : Uses.Sends) {
    const SourceLocation SendLoc = utils::nameLoc(Sent.Send, SM);
    if (!Reported.insert({SendLoc, Channel->getLocation()}).second)
      continue;
    diag(SendLoc, "send on unbuffered channel %0 may never be received: "
                  "nothing in class %1 waits to receive from it, and the "
                  "sender then blocks forever")
        << Name << quoted(Home.Class->getName());
    diag(callLoc(Sent.Task->Spawn, SM),
         "the task that sends on %0 is spawned here", DiagnosticIDs::Note)
        << Name;
    for (const CXXMemberCallExpr *Receive : Uses.BoundedReceives)
      diag(utils::nameLoc(Receive, SM),
           "%0 can give up without receiving from %1", DiagnosticIDs::Note)
          << quoted(Receive->getMethodDecl()->getName()) << Name;
    diag(SM.getExpansionLoc(Channel->getLocation()),
         "%0 is declared here; receive from it in stop() or the destructor, "
         "or give it room for the values its senders send",
         DiagnosticIDs::Note)
        << Name;
  }
}

void UnreadChannelSendCheck::reportUnreceived(
    const TaskSend &Sent, const VarDecl *Channel, const FunctionDecl *Owner,
    const ChannelUses &Uses, ArrayRef<FixItHint> Fix, ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation SendLoc = utils::nameLoc(Sent.Send, SM);
  // Template instances share both locations; owners sharing a sender do not.
  const std::pair<SourceLocation, SourceLocation> Key(SendLoc,
                                                      Channel->getLocation());
  if (Reported.contains(Key) || SM.isInSystemHeader(SendLoc))
    return;
  const CFG *Graph = Index->cfg(Owner);
  const Stmt *Body = utils::writtenBody(Owner);
  const Stmt *Start =
      Graph ? anchorIn(*Graph, Sent.Task->Spawn, Index->parents(), Context)
            : nullptr;
  if (!Start)
    return;
  const std::string Name = quoted(Channel->getName());
  const std::string OwnerName = utils::describeFunction(Owner);
  const Stmt *SpawnLoop =
      enclosingLoop(Sent.Task->Spawn, Body, Index->parents(), Context);

  // Tasks spawned in a loop with receives only after it: the first answer
  // wins and the other senders wait forever.
  if (SpawnLoop && !Uses.Receives.empty() &&
      llvm::none_of(Uses.Receives, [&](const Stmt *Receive) {
        return enclosingLoop(Receive, Body, Index->parents(), Context) !=
                   nullptr ||
               SM.isBeforeInTranslationUnit(Receive->getBeginLoc(),
                                            SpawnLoop->getEndLoc());
      })) {
    const std::optional<std::uint64_t> Trips =
        constantTripCount(SpawnLoop, Context);
    if (!Trips || *Trips > Uses.Receives.size()) {
      Reported.insert(Key);
      diag(SendLoc, "tasks spawned in a loop send on unbuffered channel %0, "
                    "but %1 receives fewer values than it spawns tasks: "
                    "every unreceived sender blocks forever")
          << Name << OwnerName;
      diag(SM.getFileLoc(SpawnLoop->getBeginLoc()),
           "tasks are spawned in this loop", DiagnosticIDs::Note);
      for (const Stmt *Receive : Uses.Receives)
        diag(callLoc(Receive, SM), "a value is received here",
             DiagnosticIDs::Note);
      return;
    }
  }

  llvm::SmallPtrSet<const Stmt *, 16> Stops;
  for (const Stmt *Receive : Uses.Receives) {
    addWithEnclosingExprs(Stops, Receive, Index->parents(), Context);
    // A range-for's hidden begin() and end() calls are the receive too.
    if (const auto *For = dyn_cast_or_null<CXXForRangeStmt>(
            isa<DeclStmt>(Receive)
                ? parentOf(Receive, Index->parents(), Context)
                : nullptr))
      for (const Stmt *Hidden :
           {For->getRangeStmt(), For->getBeginStmt(), For->getEndStmt()})
        for (const BoundNodes &Nodes :
             match(findAll(stmt().bind("s")), *Hidden, Context))
          Stops.insert(Nodes.getNodeAs<Stmt>("s"));
    // A loop that runs at least once receives whenever it is reached.
    const Stmt *Loop =
        isa<DeclStmt>(Receive)
            ? enclosingLoop(parentOf(Receive, Index->parents(), Context), Body,
                            Index->parents(), Context)
            : enclosingLoop(Receive, Body, Index->parents(), Context);
    if (Loop && Loop != SpawnLoop &&
        unconditionalIn(Receive, Loop, Index->parents(), Context) &&
        runsAtLeastOnce(Loop, SpawnLoop, Context))
      if (const Stmt *Entry = loopEntry(Loop))
        addWithEnclosingExprs(Stops, Entry, Index->parents(), Context);
  }
  for (const Stmt *Release : Uses.Releases)
    addWithEnclosingExprs(Stops, Release, Index->parents(), Context);
  // A receive that gives up, followed on its way by a blocking one, still
  // takes the value: `if (ch.pop_wait_for(v, 1s) == timeout) ch.pop(v);`.
  llvm::SmallPtrSet<const Stmt *, 16> Receives;
  for (const Stmt *Receive : Uses.Receives)
    addWithEnclosingExprs(Receives, Receive, Index->parents(), Context);
  const llvm::SmallPtrSet<const Stmt *, 1> NoStops;
  for (const CXXMemberCallExpr *Bounded : Uses.BoundedReceives)
    if (const Stmt *At = anchorIn(*Graph, Bounded, Index->parents(), Context);
        At && utils::reachedAvoiding(*Graph, At, NoStops, [&](const Stmt *S) {
          return Receives.contains(S);
        }))
      addWithEnclosingExprs(Stops, Bounded, Index->parents(), Context);
  const utils::UncoveredExits Exits =
      utils::exitsAvoiding(*Graph, Start, Stops, utils::AbruptEnd::Ignored);
  // An explicit throw that leaves the function is a way out like a return;
  // what calls may throw is one only in StrictMode.
  const llvm::SmallPtrSet<const Stmt *, 4> Leaving =
      utils::throwsLeaving(*Graph);
  const Stmt *Throw = utils::reachedAvoiding(
      *Graph, Start, Stops,
      StrictMode ? llvm::function_ref<bool(const Stmt *)>(mayThrow)
                 : [&](const Stmt *S) { return Leaving.contains(S); });
  if (Exits.Unknown || (!Exits.any() && !Throw))
    return;

  Reported.insert(Key);
  diag(SendLoc, "send on unbuffered channel %0 may never be received: %1 can "
                "return without receiving, and %select{the sender then "
                "blocks forever|the blocked sender then refers to a "
                "destroyed channel}2")
      << Name << OwnerName << !utils::isSmartPointer(Channel->getType()) << Fix;
  diag(callLoc(Sent.Task->Spawn, SM),
       "the task that sends on %0 is spawned here", DiagnosticIDs::Note)
      << Name;
  for (const CXXMemberCallExpr *Receive : Uses.BoundedReceives)
    diag(utils::nameLoc(Receive, SM),
         "%0 can give up without receiving from %1", DiagnosticIDs::Note)
        << quoted(Receive->getMethodDecl()->getName()) << Name;
  for (const Stmt *Return : Exits.Returns)
    diag(SM.getFileLoc(Return->getBeginLoc()),
         "%0 can return here without receiving from %1", DiagnosticIDs::Note)
        << OwnerName << Name;
  if (const auto *Block = dyn_cast<CompoundStmt>(Body);
      Exits.FallsOffEnd && Block)
    diag(SM.getFileLoc(Block->getRBracLoc()),
         "%0 can reach its end here without receiving from %1",
         DiagnosticIDs::Note)
        << OwnerName << Name;
  if (Throw)
    diag(isa<CXXThrowExpr>(Throw) ? SM.getFileLoc(Throw->getBeginLoc())
                                  : callLoc(Throw, SM),
         "%0 can exit here by an exception without receiving from %1",
         DiagnosticIDs::Note)
        << OwnerName << Name;
}

} // namespace clang::tidy::leak
