//===--- HttpWithoutTimeoutCheck.cpp - leak-tidy --------------------------===//

#include "HttpWithoutTimeoutCheck.h"
#include "utils/FixPlacement.h"
#include "utils/Naming.h"
#include "utils/TrackedObject.h"
#include "utils/UserCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

using utils::nameLoc;
using utils::quoted;
using utils::sourceText;

namespace {

// The calls that make a new libcurl handle.
const StringRef CurlMakers[] = {"curl_easy_init", "curl_easy_duphandle"};

const utils::CurlHandleApi CurlApi;
const utils::CprSessionApi CprApi;
const utils::BeastStreamApi BeastApi;
const utils::GrpcContextApi GrpcApi;
const utils::QtNetworkApi QtApi;

} // namespace

HttpWithoutTimeoutCheck::HttpWithoutTimeoutCheck(StringRef Name,
                                                 ClangTidyContext *Context)
    : LeakCheck(Name, Context), ShownFiles(Context->getOptions()),
      StrictMode(Options.get("StrictMode", false)),
      TimeoutMs(Options.get<std::int64_t>("TimeoutMs", 30000)),
      HttpApisOption(Options.get("HttpApis", "")),
      HttpApis(utils::parseInHousePairs(HttpApisOption, [&](StringRef Entry) {
        configurationDiag("invalid HttpApis entry '%0': expected "
                          "'call=timeout', e.g. 'acme::Http::get=acme::Http::"
                          "setDeadline'")
            << Entry;
      })) {}

void HttpWithoutTimeoutCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "StrictMode", StrictMode);
  Options.store(Opts, "TimeoutMs", TimeoutMs);
  Options.store(Opts, "HttpApis", HttpApisOption);
}

void HttpWithoutTimeoutCheck::onStartOfTranslationUnit() {
  Followed.clear();
  FixedFactories.clear();
  ReportedHooks.clear();
}

void HttpWithoutTimeoutCheck::registerMatchers(MatchFinder *Finder) {
  auto InUserCode = unless(isExpansionInSystemHeader());
  Candidates.clear();
  auto Add = [&](const StatementMatcher &Matcher) {
    Candidates.push_back(Matcher);
  };

  Add(callExpr(callee(functionDecl(hasAnyName("::curl_easy_perform",
                                              "::curl_multi_add_handle"))),
               InUserCode)
          .bind("curl"));

  const std::vector<std::string> CprFree = utils::cprNames("::cpr::", true);
  Add(callExpr(callee(functionDecl(hasAnyName(
                   std::vector<StringRef>(CprFree.begin(), CprFree.end())))),
               InUserCode)
          .bind("cpr"));
  const std::vector<std::string> CprSession = utils::cprNames("", false);
  Add(cxxMemberCallExpr(
          callee(cxxMethodDecl(hasAnyName(std::vector<StringRef>(
                                   CprSession.begin(), CprSession.end())),
                               ofClass(hasName("::cpr::Session")))),
          InUserCode)
          .bind("cprSession"));

  Add(callExpr(callee(utils::beastAsyncFunctions()), InUserCode)
          .bind("beastAsync"));
  Add(cxxMemberCallExpr(callee(utils::beastAsyncMembers(StrictMode)),
                        InUserCode)
          .bind("beastAsyncMember"));
  Add(callExpr(callee(utils::syncReadFunctions(StrictMode)), InUserCode)
          .bind("syncRead"));
  Add(cxxMemberCallExpr(callee(utils::syncReadMembers(StrictMode)), InUserCode)
          .bind("syncReadMember"));
  if (StrictMode) {
    Add(callExpr(callee(utils::beastSyncWriteFunctions()), InUserCode)
            .bind("beastSync"));
    Add(cxxMemberCallExpr(callee(utils::beastSyncWriteMembers()), InUserCode)
            .bind("beastSyncMember"));
  }

  Add(cxxMemberCallExpr(callee(cxxMethodDecl(hasParameter(
                            0, hasType(pointsTo(cxxRecordDecl(
                                   hasName("::grpc::ClientContext"))))))),
                        InUserCode)
          .bind("grpc"));

  Add(cxxMemberCallExpr(callee(cxxMethodDecl(
                            hasAnyName("get", "post", "put", "deleteResource",
                                       "head", "sendCustomRequest"),
                            ofClass(hasName("::QNetworkAccessManager")))),
                        InUserCode)
          .bind("qt"));
  if (!HttpApis.empty())
    Add(callExpr(callee(utils::anyUseOf(HttpApis)), InUserCode)
            .bind("inHouse"));
  Finder->addMatcher(translationUnitDecl(), this);
}

void HttpWithoutTimeoutCheck::check(const MatchFinder::MatchResult &Result) {
  Index = &utils::TranslationUnitIndex::of(*Result.Context);
  utils::forEachMatchInUserCode(
      Candidates, ShownFiles, *Result.Context,
      [&](const BoundNodes &Nodes) { checkCandidate(Nodes, *Result.Context); })
      .report(*this, Result.Context->getSourceManager(), "HTTP or RPC call",
              "HTTP and RPC calls");
}

void HttpWithoutTimeoutCheck::checkCandidate(const BoundNodes &Nodes,
                                             ASTContext &Context) {
  // Every candidate binds its call and nothing else.
  const FunctionDecl *Owner =
      utils::soleNodeOwner(Nodes, Index->parents(), Context);
  // Templates are judged by their instantiations.
  if (!Owner || Owner->isDependentContext() || !Owner->hasBody())
    return;
  if (const auto *Call = Nodes.getNodeAs<CallExpr>("curl"))
    return checkCurl(Call, Owner, Context);
  if (const auto *Call = Nodes.getNodeAs<CallExpr>("cpr"))
    return checkCprRequest(Call, Owner, Context);
  if (const auto *Call = Nodes.getNodeAs<CXXMemberCallExpr>("cprSession"))
    return checkCprSession(Call, Owner, Context);
  if (const auto *Call = Nodes.getNodeAs<CallExpr>("beastAsync"))
    return checkBeast(Call, Call->getArg(0), false, Owner, Context);
  if (const auto *Call = Nodes.getNodeAs<CallExpr>("beastSync"))
    return checkBeast(Call, Call->getArg(0), true, Owner, Context);
  if (const auto *Call = Nodes.getNodeAs<CXXMemberCallExpr>("beastAsyncMember"))
    return checkBeast(Call, Call->getImplicitObjectArgument(), false, Owner,
                      Context);
  if (const auto *Call = Nodes.getNodeAs<CXXMemberCallExpr>("beastSyncMember"))
    return checkBeast(Call, Call->getImplicitObjectArgument(), true, Owner,
                      Context);
  if (const auto *Call = Nodes.getNodeAs<CallExpr>("syncRead"))
    return Call->getNumArgs() > 0
               ? checkSyncRead(Call, Call->getArg(0), Owner, Context)
               : void();
  if (const auto *Call = Nodes.getNodeAs<CXXMemberCallExpr>("syncReadMember"))
    return checkSyncRead(Call, Call->getImplicitObjectArgument(), Owner,
                         Context);
  if (const auto *Call = Nodes.getNodeAs<CXXMemberCallExpr>("grpc"))
    return checkGrpc(Call, Owner, Context);
  if (const auto *Call = Nodes.getNodeAs<CXXMemberCallExpr>("qt"))
    return checkQt(Call, Owner, Context);
  if (const auto *Call = Nodes.getNodeAs<CallExpr>("inHouse"))
    return checkInHouse(Call, Owner, Context);
}

HttpWithoutTimeoutCheck::Judgement HttpWithoutTimeoutCheck::judge(
    const Expr *Object, const CallExpr *Call, const FunctionDecl *Owner,
    const utils::ObjectApi &Api, ASTContext &Context) {
  Judgement Verdict;
  const utils::ObjectRoot Root = utils::rootOf(Object, Api);
  if (!Root.Decl) {
    // `manager()->get(...)`, `get(makeRequest(url))`: what a getter or a
    // factory of this file hands out.
    if (std::optional<utils::Factory> Made =
            utils::factoryOf(Object, *Index, Api, CurlMakers))
      return judgeMade(*Made, Api, Context);
    return Verdict;
  }
  const utils::ObjectHome Home = utils::homeOf(Root.Decl, Owner, *Index);
  if (Home.Kind == utils::HomeKind::Member ||
      Home.Kind == utils::HomeKind::Internal)
    return judgeAcross(Home, Api);
  Verdict.Object = Root.Decl;
  const auto *Var = dyn_cast<VarDecl>(Root.Decl);
  bool Known = false;
  if (Var && utils::isOwnedLocal(Var, Owner)) {
    utils::Making Made = utils::makingOf(Var, Owner, CurlMakers, Api, *Index);
    Known = Made.Known;
    Verdict.Creation = Made.Creation;
    // Made elsewhere: a timeout there counts; a copy carries its source's.
    std::optional<Judgement> Origin;
    if (Made.ByFactory)
      Origin = judgeMade(*Made.ByFactory, Api, Context);
    else if (Made.CopiedFrom)
      Origin = judge(Made.CopiedFrom, Call, Owner, Api, Context);
    if (Origin && Origin->Result == Outcome::Timed)
      return *Origin;
    if (Origin && Origin->Result == Outcome::Unknown)
      Known = false;
    if (Origin && Origin->MadeBy)
      Verdict.MadeBy = std::move(Origin->MadeBy);
    if (Origin && !Verdict.DisabledBy)
      Verdict.DisabledBy = Origin->DisabledBy;
  } else if (Var && Var->isLocalVarDecl() &&
             Var->getParentFunctionOrMethod() != Owner) {
    // A call in a lambda on a local of the function around it: a timeout
    // set anywhere in that function, lambdas included, may come first.
    const auto *Outer =
        dyn_cast<FunctionDecl>(Var->getParentFunctionOrMethod());
    if (!Outer || !utils::isOwnedLocal(Var, Outer))
      return Verdict;
    const utils::Making Made =
        utils::makingOf(Var, Outer, CurlMakers, Api, *Index);
    const utils::ObjectUses Uses =
        utils::usesOf(Var, Outer, Api, Index->parents(), Context);
    if (llvm::any_of(Uses.Events, [](const auto &Event) {
          return Event.second == utils::Setting::Finite;
        })) {
      Verdict.Result = Outcome::Timed;
      return Verdict;
    }
    Verdict.Creation = Made.Creation;
    Verdict.Result =
        Made.Known && !Uses.Escapes && !Made.ByFactory && !Made.CopiedFrom
            ? Outcome::Untimed
            : Outcome::Unknown;
    return Verdict;
  }
  const utils::ObjectUses Uses =
      utils::usesOf(Root.Decl, Owner, Api, Index->parents(), Context);
  if (Uses.Escapes)
    Known = false;
  if (!Known && !StrictMode)
    return Verdict;
  const CFG *Graph = Index->cfg(Owner);
  if (!Graph)
    return Verdict;
  const utils::SettingAtCall Setting =
      utils::settingAt(*Graph, Call, Uses.Events);
  // A timeout set in a lambda may have been set before the call.
  if (Setting.MayBeFinite ||
      llvm::any_of(Uses.InCallbacks, [&](const Stmt *Event) {
        return Uses.Events.lookup(Event) == utils::Setting::Finite;
      })) {
    Verdict.Result = Outcome::Timed;
    return Verdict;
  }
  Verdict.DisabledBy = Setting.DisabledBy;
  Verdict.Result = Known ? Outcome::Untimed : Outcome::Unknown;
  return Verdict;
}

HttpWithoutTimeoutCheck::Judgement
HttpWithoutTimeoutCheck::judgeAcross(const utils::ObjectHome &Home,
                                     const utils::ObjectApi &Api) {
  auto [It, Inserted] = Followed.try_emplace(Home.Decl);
  Judgement &Verdict = It->second;
  if (!Inserted)
    return Verdict;
  Verdict.Object = Home.Decl;
  Verdict.Followed = true;
  const utils::ObjectUses Uses = utils::usesAcross(Home, Api, *Index);
  for (const auto &[Statement, Kind] : Uses.Events) {
    if (Kind == utils::Setting::Finite) {
      Verdict.Result = Outcome::Timed;
      return Verdict;
    }
    Verdict.DisabledBy = Statement;
  }
  if (Uses.Escapes)
    return Verdict;
  // Known to be made by this code: held by value (the class's constructors,
  // all visible, build it), or given a newly made object.
  const QualType Type = Home.Decl->getType();
  bool Made = Type->isRecordType() && !utils::isSmartPointer(Type);
  for (const utils::GivenValue &Given : utils::valuesGiven(Home, *Index))
    Made |= utils::creationIn(Given.Value, CurlMakers) != nullptr;
  Verdict.Result = Made ? Outcome::Untimed : Outcome::Unknown;
  return Verdict;
}

HttpWithoutTimeoutCheck::Judgement
HttpWithoutTimeoutCheck::judgeMade(const utils::Factory &Made,
                                   const utils::ObjectApi &Api,
                                   ASTContext &Context) {
  const FunctionDecl *Maker = Made.Function;
  // A getter hands out a member: judged as that member.
  if (Made.Returned && !Made.MakesWhatItReturns) {
    const utils::ObjectHome Home = utils::homeOf(Made.Returned, Maker, *Index);
    if (Home.Kind == utils::HomeKind::Member ||
        Home.Kind == utils::HomeKind::Internal)
      return judgeAcross(Home, Api);
  }
  Judgement Verdict;
  if (!Made.MakesWhatItReturns)
    return Verdict;
  Verdict.MadeBy = Made;
  Verdict.Object = Made.Returned;
  if (Made.Returned) {
    const utils::ObjectUses Uses =
        utils::usesOf(Made.Returned, Maker, Api, Index->parents(), Context);
    if (Uses.EscapesBesidesReturn)
      return Verdict;
    // A timeout the factory sets counts on everything it returns.
    for (const auto &[Statement, Kind] : Uses.Events) {
      if (Kind == utils::Setting::Finite) {
        Verdict.Result = Outcome::Timed;
        return Verdict;
      }
      Verdict.DisabledBy = Statement;
    }
  }
  Verdict.Result = Outcome::Untimed;
  return Verdict;
}

std::string HttpWithoutTimeoutCheck::chronoDuration() const {
  if (TimeoutMs % 1000 == 0)
    return "std::chrono::seconds(" + std::to_string(TimeoutMs / 1000) + ")";
  return "std::chrono::milliseconds(" + std::to_string(TimeoutMs) + ")";
}

void HttpWithoutTimeoutCheck::report(const CallExpr *Call, const Expr *Object,
                                     const Judgement &Verdict,
                                     StringRef Message,
                                     ArrayRef<std::string> Arguments,
                                     const StatementMaker &Statement,
                                     ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const utils::Factory *Maker = Verdict.MadeBy ? &*Verdict.MadeBy : nullptr;
  const auto *Local =
      Maker ? dyn_cast_or_null<VarDecl>(Maker->Returned) : nullptr;
  {
    DiagnosticBuilder Diag = diag(nameLoc(Call, SM), Message);
    for (const std::string &Argument : Arguments)
      Diag << Argument;
    if (Statement && offersFixes() && !Maker) {
      const std::string Text = sourceText(Object, Context);
      if (std::string Code =
              Text.empty()
                  ? ""
                  : Statement({Text, utils::memberAccess(Object, Context)});
          !Code.empty())
        if (std::optional<FixItHint> Fix = utils::insertStatementBefore(
                Call, Code, dyn_cast_or_null<VarDecl>(Verdict.Object),
                Index->parents(), Context))
          Diag << *Fix;
    }
    // One edit in the factory fixes every caller: made once, before each of
    // its returns.
    if (Statement && offersFixes() && Local &&
        FixedFactories.insert(Maker->Function).second)
      if (const std::string Code =
              Statement({Local->getName().str(), utils::accessThrough(Local)});
          !Code.empty())
        for (const FixItHint &Fix : utils::insertBeforeEach(
                 Maker->Returns, Code, Local, Index->parents(), Context))
          Diag << Fix;
  }
  if (Maker)
    diag(SM.getExpansionLoc(Maker->Returns.front()->getBeginLoc()),
         "%0 makes it here without a timeout", DiagnosticIDs::Note)
        << utils::describeFunction(Maker->Function);
  else if (Verdict.Followed)
    diag(SM.getExpansionLoc(Verdict.Object->getLocation()),
         "%0 is declared here", DiagnosticIDs::Note)
        << quoted(Verdict.Object->getName());
  if (const auto *Disabled = dyn_cast_or_null<Expr>(Verdict.DisabledBy))
    diag(nameLoc(Disabled, SM), "the timeout is disabled here",
         DiagnosticIDs::Note);
}

void HttpWithoutTimeoutCheck::checkCurl(const CallExpr *Call,
                                        const FunctionDecl *Owner,
                                        ASTContext &Context) {
  const bool Multi = utils::calleeName(Call) == "curl_multi_add_handle";
  if (Call->getNumArgs() < (Multi ? 2U : 1U))
    return;
  const Expr *Handle = Call->getArg(Multi ? 1 : 0);
  Judgement Verdict = judge(Handle, Call, Owner, CurlApi, Context);
  // A duplicate starts with the original's options.
  const auto *Dup = dyn_cast_or_null<CallExpr>(Verdict.Creation);
  if (Verdict.Result == Outcome::Untimed && Dup &&
      utils::calleeName(Dup) == "curl_easy_duphandle" &&
      Dup->getNumArgs() == 1) {
    const Judgement Original =
        judge(Dup->getArg(0), Dup, Owner, CurlApi, Context);
    if (staysQuiet(Original))
      return;
  }
  if (staysQuiet(Verdict))
    return;
  const ValueDecl *Named = Verdict.Object;
  report(
      Call, Handle, Verdict,
      "%0 on handle %1 has no timeout and can wait forever for the server",
      {utils::calleeName(Call).str(), quoted(Named->getName())},
      [&](const Spelling &Handle) {
        return "curl_easy_setopt(" + Handle.Text + ", CURLOPT_TIMEOUT_MS, " +
               std::to_string(TimeoutMs) + "L);";
      },
      Context);
  if (Verdict.Creation)
    diag(nameLoc(Verdict.Creation, Context.getSourceManager()),
         "handle %0 is created here", DiagnosticIDs::Note)
        << quoted(Named->getName());
}

void HttpWithoutTimeoutCheck::checkCprRequest(const CallExpr *Call,
                                              const FunctionDecl *Owner,
                                              ASTContext &Context) {
  // cpr's own request functions call it too.
  if (StringRef(Owner->getQualifiedNameAsString()).starts_with("cpr::"))
    return;
  // cpr applies its arguments in order: the last timeout wins.
  const Expr *LastTimeout = nullptr;
  for (const Expr *Arg : Call->arguments())
    if (utils::isClass(Arg->getType(), "cpr::Timeout"))
      LastTimeout = Arg;
  if (LastTimeout && !utils::isInfiniteTimeout(LastTimeout, Context))
    return;
  const Expr *Disabled = LastTimeout;
  if (!Disabled && !StrictMode && utils::forwardsParameters(Call, Owner))
    return;
  const std::string Name = "cpr::" + utils::calleeName(Call).str();
  const SourceManager &SM = Context.getSourceManager();
  {
    DiagnosticBuilder Diag =
        diag(nameLoc(Call, SM),
             "%0 has no cpr::Timeout and can wait forever for the server")
        << Name;
    const SourceLocation RParen = Call->getRParenLoc();
    if (!Disabled && offersFixes() && RParen.isFileID() &&
        Call->getBeginLoc().isFileID())
      Diag << FixItHint::CreateInsertion(
          RParen, (Call->getNumArgs() > 0 ? ", " : "") +
                      ("cpr::Timeout{" + std::to_string(TimeoutMs) + "}"));
  }
  if (Disabled)
    diag(SM.getExpansionLoc(Disabled->getBeginLoc()),
         "the timeout is disabled here", DiagnosticIDs::Note);
}

void HttpWithoutTimeoutCheck::checkCprSession(const CXXMemberCallExpr *Call,
                                              const FunctionDecl *Owner,
                                              ASTContext &Context) {
  if (StringRef(Owner->getQualifiedNameAsString()).starts_with("cpr::"))
    return;
  const Expr *Session = Call->getImplicitObjectArgument();
  const Judgement Verdict = judge(Session, Call, Owner, CprApi, Context);
  if (staysQuiet(Verdict))
    return;
  const ValueDecl *Named = Verdict.Object;
  report(
      Call, Session, Verdict,
      "%0 on session %1 has no timeout and can wait forever for the server",
      {utils::calleeName(Call).str(), quoted(Named->getName())},
      [&](const Spelling &Session) {
        return Session.Access + "SetTimeout(cpr::Timeout{" +
               std::to_string(TimeoutMs) + "});";
      },
      Context);
}

void HttpWithoutTimeoutCheck::checkBeast(const CallExpr *Call,
                                         const Expr *Stream, bool Synchronous,
                                         const FunctionDecl *Owner,
                                         ASTContext &Context) {
  // `net::async_connect(beast::get_lowest_layer(s).socket(), ...)`: the
  // stream's own timeout does not cover what is done on its socket.
  const Expr *SocketOf = utils::socketOwner(Stream);
  const bool OnSocket = SocketOf != nullptr;
  if (OnSocket)
    Stream = SocketOf;
  const utils::BeastLayering Layering = utils::beastLayering(Stream->getType());
  if (Layering == utils::BeastLayering::None) {
    if (!Synchronous && !OnSocket)
      checkRawSocket(Call, Stream->IgnoreImpCasts(), Owner, Context);
    return;
  }
  // Only a websocket's close() waits (for the closing handshake).
  if (Synchronous && utils::calleeName(Call) == "close" &&
      !utils::isBeastWebsocket(Stream->getType()))
    return;
  Judgement Verdict;
  if (Synchronous) {
    Verdict.Result = Outcome::Unknown;
  } else {
    Verdict = judge(Stream, Call, Owner, BeastApi, Context);
    if (staysQuiet(Verdict))
      return;
  }
  const ValueDecl *Named = utils::rootOf(Stream, BeastApi).Decl;
  if (!Named)
    return;
  StatementMaker Fix;
  if (!Synchronous && !OnSocket)
    Fix = [&](const Spelling &Stream) -> std::string {
      const std::string Expiry = "expires_after(" + chronoDuration() + ");";
      if (Layering == utils::BeastLayering::Direct)
        return Stream.Access + Expiry;
      if (StringRef(Stream.Access).ends_with("->"))
        return "";
      return "boost::beast::get_lowest_layer(" + Stream.Text + ")." + Expiry;
    };
  report(Call, Stream, Verdict,
         "%0 on stream %1 has no timeout and can wait forever for the peer",
         {utils::calleeName(Call).str(), quoted(Named->getName())}, Fix,
         Context);
  if (Synchronous)
    diag(nameLoc(Call, Context.getSourceManager()),
         "Beast's timeouts apply only to asynchronous operations",
         DiagnosticIDs::Note);
  if (OnSocket)
    diag(nameLoc(Call, Context.getSourceManager()),
         "the stream's timeout does not cover its socket: call async_connect "
         "on the stream itself, after expires_after",
         DiagnosticIDs::Note);
}

void HttpWithoutTimeoutCheck::checkRawSocket(const CallExpr *Call,
                                             const Expr *Stream,
                                             const FunctionDecl *Owner,
                                             ASTContext &Context) {
  if (!utils::isTcpStream(Stream->getType()))
    return;
  // HTTP and WebSocket are this check's business; a socket's own reads and
  // writes (an echo server) only in StrictMode.
  const StringRef Name = utils::calleeName(Call);
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Call->getCalleeDecl());
  const bool Http =
      Call->getDirectCallee() &&
      StringRef(Call->getDirectCallee()->getQualifiedNameAsString())
          .starts_with("boost::beast::http::");
  const bool Websocket = Method && utils::isBeastWebsocket(Stream->getType()) &&
                         llvm::is_contained({"async_handshake", "async_read",
                                             "async_write", "async_accept"},
                                            Name);
  if (!Http && !Websocket && !StrictMode)
    return;
  const Judgement Verdict = judge(Stream, Call, Owner, BeastApi, Context);
  if (staysQuiet(Verdict))
    return;
  if (utils::closedOnDeadline(utils::homeOf(Verdict.Object, Owner, *Index),
                              BeastApi, Context))
    return;
  report(Call, Stream, Verdict,
         !utils::isSocket(Stream->getType())
             ? "%0 on stream %1 over a raw TCP socket has no timeout and "
               "can wait forever for the peer"
             : "%0 on raw TCP socket %1 has no timeout and can wait "
               "forever for the peer",
         {Name.str(), quoted(Verdict.Object->getName())}, nullptr, Context);
  diag(nameLoc(Call, Context.getSourceManager()),
       "a plain socket has no timeout: hold it in a beast::tcp_stream and call "
       "expires_after before each operation, or close it from a timer",
       DiagnosticIDs::Note);
}

void HttpWithoutTimeoutCheck::checkSyncRead(const CallExpr *Call,
                                            const Expr *Stream,
                                            const FunctionDecl *Owner,
                                            ASTContext &Context) {
  // A socket's connect() is its base class's: the type is the object's own.
  Stream = Stream->IgnoreImpCasts();
  if (!utils::isTcpStream(Stream->getType()))
    return;
  // `ws.accept(req)` answers a request already read: it only writes.
  if (utils::calleeName(Call) == "accept" && Call->getNumArgs() > 0 &&
      utils::isClass(Call->getArg(0)->getType(), "boost::beast::http::message"))
    return;
  const utils::ObjectRoot Root = utils::rootOf(Stream, BeastApi);
  if (Root.Decl &&
      utils::madeNonBlocking(utils::homeOf(Root.Decl, Owner, *Index), BeastApi,
                             Context))
    return;
  const SourceManager &SM = Context.getSourceManager();
  const std::string Name = utils::calleeName(Call).str();
  diag(nameLoc(Call, SM), "synchronous %0 on stream %1 cannot time out: it "
                          "waits forever for a peer that stops answering")
      << Name
      << quoted(Root.Decl ? Root.Decl->getName()
                          : StringRef(sourceText(Stream, Context)));
  diag(nameLoc(Call, SM),
       "Asio's synchronous operations have no timeout: use async_%0 on a "
       "beast::tcp_stream after expires_after, or a timer that closes the "
       "socket",
       DiagnosticIDs::Note)
      << Name;
}

void HttpWithoutTimeoutCheck::checkGrpc(const CXXMemberCallExpr *Call,
                                        const FunctionDecl *Owner,
                                        ASTContext &Context) {
  const CXXMethodDecl *Method = Call->getMethodDecl();
  // gRPC's own classes take contexts too; only generated stubs are calls.
  if (!Method || !utils::takesClientContext(Method) ||
      Call->getNumArgs() == 0 ||
      StringRef(Method->getParent()->getQualifiedNameAsString())
          .starts_with("grpc::"))
    return;
  const Expr *ContextArg = Call->getArg(0);
  const Judgement Verdict = judge(ContextArg, Call, Owner, GrpcApi, Context);
  if (staysQuiet(Verdict))
    return;
  const ValueDecl *Named = Verdict.Object;
  report(
      Call, ContextArg, Verdict,
      "RPC %0 with context %1 has no deadline and can wait forever for the "
      "server",
      {quoted(Method->getName()), quoted(Named->getName())},
      [&](const Spelling &ClientContext) {
        return ClientContext.Access +
               "set_deadline(std::chrono::system_clock::now() + " +
               chronoDuration() + ");";
      },
      Context);
}

void HttpWithoutTimeoutCheck::checkQt(const CXXMemberCallExpr *Call,
                                      const FunctionDecl *Owner,
                                      ASTContext &Context) {
  if (Call->getNumArgs() == 0)
    return;
  const Expr *Request = Call->getArg(0);
  // Before Qt 5.15 there is no transfer timeout to set.
  if (!utils::declaresMethod(Request->getType(), "setTransferTimeout"))
    return;
  const bool Temporary = utils::isTemporaryRequest(Request);
  Judgement Verdict;
  if (Temporary)
    Verdict.Result = Outcome::Untimed;
  else
    Verdict = judge(Request, Call, Owner, QtApi, Context);
  if (!Temporary && staysQuiet(Verdict))
    return;

  const Expr *ManagerExpr = Call->getImplicitObjectArgument();
  if (const CXXRecordDecl *Manager = utils::networkManagerSubclass(
          ManagerExpr->IgnoreImpCasts()->getType()))
    if (!checkQtHook(Manager, Context))
      return;
  Judgement ManagerVerdict = judge(ManagerExpr, Call, Owner, QtApi, Context);
  // A manager that nothing names (a getter's result) is judged for what
  // it is; only its timeout matters here.
  if (!ManagerVerdict.Object && ManagerVerdict.MadeBy)
    ManagerVerdict.Object = ManagerVerdict.MadeBy->Returned;
  if (staysQuiet(ManagerVerdict))
    return;
  if (!Verdict.DisabledBy)
    Verdict.DisabledBy = ManagerVerdict.DisabledBy;

  const std::string Operation = utils::calleeName(Call).str();
  if (Temporary) {
    report(Call, Request, Verdict,
           "%0 with a request that has no transfer timeout can wait forever "
           "for the server",
           {Operation}, nullptr, Context);
    return;
  }
  const ValueDecl *Named = Verdict.Object;
  report(
      Call, Request, Verdict,
      "%0 with request %1 has no transfer timeout and can wait forever for "
      "the server",
      {Operation, quoted(Named->getName())},
      [&](const Spelling &Request) {
        return Request.Access + "setTransferTimeout(" +
               std::to_string(TimeoutMs) + ");";
      },
      Context);
}

bool HttpWithoutTimeoutCheck::checkQtHook(const CXXRecordDecl *Manager,
                                          ASTContext &Context) {
  const CXXMethodDecl *Hook = utils::createRequestHook(Manager);
  if (llvm::any_of(Manager->ctors(),
                   [&](const CXXConstructorDecl *Constructor) {
                     return utils::setsTransferTimeout(Constructor, Context);
                   }) ||
      (Hook && utils::setsTransferTimeout(Hook, Context)))
    return false;
  if (!Hook)
    return true;
  const FunctionDecl *Definition = Hook->getDefinition();
  // An override defined elsewhere may set one.
  if (!Definition)
    return StrictMode;
  if (ReportedHooks.insert(Definition).second) {
    const SourceManager &SM = Context.getSourceManager();
    diag(SM.getExpansionLoc(Definition->getLocation()),
         "%0 of %1 passes every request on without a transfer timeout, so "
         "each can wait forever for the server")
        << quoted("createRequest") << quoted(Manager->getName());
    diag(SM.getExpansionLoc(Definition->getLocation()),
         "set one on a copy of the request (setTransferTimeout) and pass the "
         "copy on: every request of the manager goes through here",
         DiagnosticIDs::Note);
  }
  return false;
}

void HttpWithoutTimeoutCheck::checkInHouse(const CallExpr *Call,
                                           const FunctionDecl *Owner,
                                           ASTContext &Context) {
  const utils::InHousePair *Api =
      utils::pairUsedBy(HttpApis, Call->getDirectCallee());
  const Expr *Object = utils::inHouseObject(Call);
  if (!Api || !Object)
    return;
  // The client's own member functions call it on themselves.
  const auto *Method = dyn_cast<CXXMethodDecl>(Call->getDirectCallee());
  const auto *OwnerMethod = dyn_cast<CXXMethodDecl>(Owner);
  if (Method && OwnerMethod &&
      OwnerMethod->getParent()->getCanonicalDecl() ==
          Method->getParent()->getCanonicalDecl())
    return;
  const utils::InHouseApi ObjectApi(*Api);
  const Judgement Verdict = judge(Object, Call, Owner, ObjectApi, Context);
  if (staysQuiet(Verdict))
    return;
  // The setter's arguments are the client's own: no fix-it.
  report(Call, Object, Verdict,
         "%0 on %1 has no timeout and can wait forever for the server",
         {quoted(Api->Use), quoted(Verdict.Object->getName())}, nullptr,
         Context);
  diag(nameLoc(Call, Context.getSourceManager()), "call %0 on %1 before %2",
       DiagnosticIDs::Note)
      << quoted(Api->Bound) << quoted(Verdict.Object->getName())
      << quoted(Api->Use);
}

} // namespace clang::tidy::leak
