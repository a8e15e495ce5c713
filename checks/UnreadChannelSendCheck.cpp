//===--- UnreadChannelSendCheck.cpp - leak-tidy ---------------------------===//

#include "UnreadChannelSendCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/ChannelUses.h"
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

namespace {

using utils::quoted;

/// Where a note about a receive or spawn points.
SourceLocation callLoc(const Stmt *S, const SourceManager &SM) {
  if (const auto *Range = dyn_cast<DeclStmt>(S))
    return SM.getFileLoc(Range->getBeginLoc());
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S);
      Construct && !isa<CXXTemporaryObjectExpr>(Construct))
    return SM.getFileLoc(Construct->getLocation());
  return utils::nameLoc(cast<Expr>(S), SM);
}

} // namespace

UnreadChannelSendCheck::UnreadChannelSendCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : LeakCheck(Name, Context), ShownFiles(Context->getOptions()),
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

void UnreadChannelSendCheck::onStartOfTranslationUnit() {
  Reported.clear();
  CheckedMembers.clear();
}

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
  // A member is examined once, whatever the number of its uses.
  const SourceManager &SM = Result.Context->getSourceManager();
  utils::ExaminedSites Channels;
  utils::forEachMatchInUserCode(
      Candidates, ShownFiles, *Result.Context, [&](const BoundNodes &Nodes) {
        if (const auto *Local = Nodes.getNodeAs<VarDecl>("channel"))
          Channels.add(Local->getLocation(), SM);
        const auto *Member = Nodes.getNodeAs<FieldDecl>("memberChannel");
        if (Member && !CheckedMembers.contains(Member))
          Channels.add(Member->getLocation(), SM);
        checkCandidate(Nodes, *Result.Context);
      });
  Channels.report(*this, SM, "channel", "channels");
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
  const utils::ChannelUses Uses = utils::localChannelUses(
      Channel, Owner, *Kind, Tasks, Index->parents(), Context);
  if (Uses.Sends.empty() || Uses.ReceivedByTask ||
      (Uses.Escapes && !StrictMode))
    return;

  // One slot is enough when one task sends once; code the channel escapes
  // to may spell its type.
  const bool OneValue = !Uses.Escapes && Uses.Sends.size() == 1 &&
                        !Uses.Sends.front().Repeated &&
                        !utils::enclosingLoop(Uses.Sends.front().Task->Spawn,
                                              Body, Index->parents(), Context);
  llvm::SmallVector<FixItHint, 4> Fix;
  if (OneValue && Kind->Family == utils::ChannelFamily::Fiber &&
      llvm::none_of(Tasks, [](const utils::SpawnedTask &Task) {
        return llvm::any_of(Task.Passed, [](const auto &Passed) {
          return utils::spellsChannelType(Passed.second);
        });
      })) {
    if (auto Rewrite = utils::fiberFix(Channel, *Built, Context)) {
      Fix.append(Rewrite->begin(), Rewrite->end());
      if (!utils::declaresBufferedChannel(Kind->Record, Context))
        if (std::optional<FixItHint> Include = Inserter.createIncludeInsertion(
                Context.getSourceManager().getFileID(
                    Context.getSourceManager().getExpansionLoc(
                        Channel->getLocation())),
                "<boost/fiber/buffered_channel.hpp>"))
          Fix.push_back(*Include);
    }
  } else if (OneValue && Kind->Family == utils::ChannelFamily::Asio) {
    if (std::optional<FixItHint> Rewrite = utils::asioFix(*Built))
      Fix.push_back(*Rewrite);
  }
  for (const utils::TaskSend &Sent : Uses.Sends)
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
  llvm::SmallVector<utils::SpawnedTask, 4> Tasks;
  for (const FunctionDecl *Function : Home.Code)
    if (const Stmt *Body = utils::writtenBody(Function))
      for (utils::SpawnedTask &Task : utils::spawnsIn(*Body, Spawners, Context))
        Tasks.push_back(std::move(Task));
  const utils::ChannelUses Uses =
      utils::memberChannelUses(Channel, Home, *Kind, Tasks, *Index);
  if (Uses.Sends.empty() || Uses.ReceivedByTask ||
      (Uses.Escapes && !StrictMode) || !Uses.Receives.empty() ||
      !Uses.Releases.empty())
    return;
  const SourceManager &SM = Context.getSourceManager();
  const std::string Name = quoted(Channel->getName());
  for (const utils::TaskSend &Sent : Uses.Sends) {
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

void UnreadChannelSendCheck::reportUnreceived(const utils::TaskSend &Sent,
                                              const VarDecl *Channel,
                                              const FunctionDecl *Owner,
                                              const utils::ChannelUses &Uses,
                                              ArrayRef<FixItHint> Fix,
                                              ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation SendLoc = utils::nameLoc(Sent.Send, SM);
  // Template instances share both locations; owners sharing a sender do not.
  const std::pair<SourceLocation, SourceLocation> Key(SendLoc,
                                                      Channel->getLocation());
  if (Reported.contains(Key) || SM.isInSystemHeader(SendLoc))
    return;
  const CFG *Graph = Index->cfg(Owner);
  const Stmt *Body = utils::writtenBody(Owner);
  const Stmt *Start = Graph ? utils::anchorIn(*Graph, Sent.Task->Spawn,
                                              Index->parents(), Context)
                            : nullptr;
  if (!Start)
    return;
  const std::string Name = quoted(Channel->getName());
  const std::string OwnerName = utils::describeFunction(Owner);
  const Stmt *SpawnLoop =
      utils::enclosingLoop(Sent.Task->Spawn, Body, Index->parents(), Context);

  // Tasks spawned in a loop with receives only after it: the first answer
  // wins and the other senders wait forever.
  if (SpawnLoop && !Uses.Receives.empty() &&
      llvm::none_of(Uses.Receives, [&](const Stmt *Receive) {
        return utils::enclosingLoop(Receive, Body, Index->parents(), Context) !=
                   nullptr ||
               SM.isBeforeInTranslationUnit(Receive->getBeginLoc(),
                                            SpawnLoop->getEndLoc());
      })) {
    const std::optional<std::uint64_t> Trips =
        utils::constantTripCount(SpawnLoop, Context);
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
    utils::addWithEnclosingExprs(Stops, Receive, Index->parents(), Context);
    // A range-for's hidden begin() and end() calls are the receive too.
    if (const auto *For = dyn_cast_or_null<CXXForRangeStmt>(
            isa<DeclStmt>(Receive)
                ? utils::parentOf(Receive, Index->parents(), Context)
                : nullptr))
      for (const Stmt *Hidden :
           {For->getRangeStmt(), For->getBeginStmt(), For->getEndStmt()})
        for (const BoundNodes &Nodes :
             match(findAll(stmt().bind("s")), *Hidden, Context))
          Stops.insert(Nodes.getNodeAs<Stmt>("s"));
    // A loop that runs at least once receives whenever it is reached.
    const Stmt *Loop =
        isa<DeclStmt>(Receive)
            ? utils::enclosingLoop(
                  utils::parentOf(Receive, Index->parents(), Context), Body,
                  Index->parents(), Context)
            : utils::enclosingLoop(Receive, Body, Index->parents(), Context);
    if (Loop && Loop != SpawnLoop &&
        utils::unconditionalIn(Receive, Loop, Index->parents(), Context) &&
        utils::runsAtLeastOnce(Loop, SpawnLoop, Context))
      if (const Stmt *Entry = utils::loopEntry(Loop))
        utils::addWithEnclosingExprs(Stops, Entry, Index->parents(), Context);
  }
  for (const Stmt *Release : Uses.Releases)
    utils::addWithEnclosingExprs(Stops, Release, Index->parents(), Context);
  // A receive that gives up, followed on its way by a blocking one, still
  // takes the value: `if (ch.pop_wait_for(v, 1s) == timeout) ch.pop(v);`.
  llvm::SmallPtrSet<const Stmt *, 16> Receives;
  for (const Stmt *Receive : Uses.Receives)
    utils::addWithEnclosingExprs(Receives, Receive, Index->parents(), Context);
  const llvm::SmallPtrSet<const Stmt *, 1> NoStops;
  for (const CXXMemberCallExpr *Bounded : Uses.BoundedReceives)
    if (const Stmt *At =
            utils::anchorIn(*Graph, Bounded, Index->parents(), Context);
        At && utils::reachedAvoiding(*Graph, At, NoStops, [&](const Stmt *S) {
          return Receives.contains(S);
        }))
      utils::addWithEnclosingExprs(Stops, Bounded, Index->parents(), Context);
  const utils::UncoveredExits Exits =
      utils::exitsAvoiding(*Graph, Start, Stops, utils::AbruptEnd::Ignored);
  // An explicit throw that leaves the function is a way out like a return;
  // what calls may throw is one only in StrictMode.
  const llvm::SmallPtrSet<const Stmt *, 4> Leaving =
      utils::throwsLeaving(*Graph);
  const Stmt *Throw = utils::reachedAvoiding(
      *Graph, Start, Stops,
      StrictMode ? llvm::function_ref<bool(const Stmt *)>(utils::mayThrow)
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
