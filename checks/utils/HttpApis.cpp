//===--- HttpApis.cpp - leak-tidy -----------------------------------------===//

#include "HttpApis.h"
#include "AsioTimers.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::leak::utils {

namespace {

bool inNamespace(const CallExpr *Call, StringRef Prefix) {
  const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
  return Callee &&
         StringRef(Callee->getQualifiedNameAsString()).starts_with(Prefix);
}

UseEffect settingFrom(const Expr *Arg, const ASTContext &Context) {
  return isInfiniteTimeout(Arg, Context) ? UseEffect::Infinite
                                         : UseEffect::Finite;
}

/// The enumerator a curl option argument names, also through the local
/// variable curl's type-checking macro copies it into.
const EnumConstantDecl *curlOption(const Expr *Arg) {
  Arg = Arg->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(Arg);
  if (!Ref)
    return nullptr;
  if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      Var && Var->hasLocalStorage() && Var->getInit() &&
      Var->getType()->isEnumeralType())
    return curlOption(Var->getInit());
  return dyn_cast<EnumConstantDecl>(Ref->getDecl());
}

} // namespace

bool isClass(QualType Type, StringRef QualifiedName) {
  Type = Type.getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  const auto *Record = Type->getAsCXXRecordDecl();
  return Record && Record->getQualifiedNameAsString() == QualifiedName;
}

bool isInfiniteTimeout(const Expr *Arg, const ASTContext &Context) {
  Arg = Arg->IgnoreImplicit()->IgnoreParens();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Arg)) {
    if (Construct->getNumArgs() != 1)
      return false;
    return isInfiniteTimeout(Construct->getArg(0), Context);
  }
  if (const auto *Call = dyn_cast<CallExpr>(Arg)) {
    // std::chrono::...::time_point::max(), as a gRPC deadline.
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Call->getCalleeDecl());
    return Method && Method->isStatic() && Method->getName() == "max" &&
           Method->getParent()->getName() == "time_point";
  }
  if (Arg->isValueDependent() || !Arg->getType()->isIntegralOrEnumerationType())
    return false;
  Expr::EvalResult Result;
  return Arg->EvaluateAsInt(Result, Context) && Result.Val.getInt().isZero();
}

std::optional<UseEffect> CurlHandleApi::argumentOf(const CallExpr *Call,
                                                   unsigned Index,
                                                   ASTContext &Context) const {
  const StringRef Name = calleeName(Call);
  if (!Name.starts_with("curl_"))
    return std::nullopt;
  if (Name != "curl_easy_setopt" || Index != 0 || Call->getNumArgs() < 3)
    return UseEffect::Neutral;
  const EnumConstantDecl *Option = curlOption(Call->getArg(1));
  if (!Option)
    return UseEffect::Neutral;
  const Expr *Value = Call->getArg(2);
  const StringRef OptionName = Option->getName();
  // A stall timeout bounds a transfer as well as a total one does; a
  // connect-only transfer has libcurl's default connect timeout.
  if (OptionName == "CURLOPT_TIMEOUT" || OptionName == "CURLOPT_TIMEOUT_MS" ||
      OptionName == "CURLOPT_LOW_SPEED_TIME")
    return settingFrom(Value, Context);
  if (OptionName == "CURLOPT_CONNECT_ONLY")
    return isInfiniteTimeout(Value, Context) ? UseEffect::Neutral
                                             : UseEffect::Finite;
  // A file:// URL has no peer to wait for.
  if (const auto *Url = dyn_cast<StringLiteral>(Value->IgnoreParenImpCasts());
      OptionName == "CURLOPT_URL" && Url && Url->getCharByteWidth() == 1 &&
      Url->getString().starts_with_insensitive("file:"))
    return UseEffect::Finite;
  return UseEffect::Neutral;
}

UseEffect CprSessionApi::memberCall(const CXXMemberCallExpr *Call,
                                    ASTContext &Context) const {
  const StringRef Name = calleeName(Call);
  if ((Name == "SetTimeout" || Name == "SetOption") &&
      Call->getNumArgs() == 1 &&
      isClass(Call->getArg(0)->getType(), "cpr::Timeout"))
    return settingFrom(Call->getArg(0), Context);
  return UseEffect::Neutral;
}

std::optional<UseEffect> CprSessionApi::argumentOf(const CallExpr *Call,
                                                   unsigned Index,
                                                   ASTContext &Context) const {
  if (inNamespace(Call, "cpr::"))
    return UseEffect::Neutral;
  return std::nullopt;
}

namespace {
using namespace ast_matchers;

// The classes Beast's timeouts reach through.
internal::Matcher<CXXMethodDecl> ofBeastStream() {
  return ofClass(hasAnyName(
      "::boost::beast::basic_stream", "::boost::beast::ssl_stream",
      "::boost::beast::websocket::stream", "::boost::asio::ssl::stream"));
}

internal::Matcher<CXXMethodDecl> ofAsioSocket() {
  return ofClass(hasAnyName(
      "::boost::asio::basic_stream_socket", "::boost::asio::basic_socket",
      "::asio::basic_stream_socket", "::asio::basic_socket"));
}
} // namespace

internal::Matcher<Decl> beastAsyncFunctions() {
  return functionDecl(hasAnyName(
      "::boost::beast::http::async_read",
      "::boost::beast::http::async_read_some",
      "::boost::beast::http::async_read_header",
      "::boost::beast::http::async_write",
      "::boost::beast::http::async_write_some",
      "::boost::beast::http::async_write_header", "::boost::asio::async_read",
      "::boost::asio::async_write", "::boost::asio::async_read_until",
      "::boost::asio::async_connect"));
}

internal::Matcher<Decl> beastAsyncMembers(bool Strict) {
  const auto OnStream = cxxMethodDecl(
      hasAnyName("async_connect", "async_read_some", "async_write_some",
                 "async_handshake", "async_accept", "async_read", "async_write",
                 "async_close", "async_ping", "async_shutdown"),
      ofBeastStream());
  // A raw socket's own operations, as an echo server makes them.
  const auto OnSocket =
      cxxMethodDecl(hasAnyName("async_read_some", "async_write_some",
                               "async_receive", "async_send", "async_connect"),
                    ofAsioSocket());
  return Strict ? cxxMethodDecl(anyOf(OnStream, OnSocket)) : OnStream;
}

internal::Matcher<Decl> syncReadFunctions(bool Strict) {
  const auto Beast = functionDecl(hasAnyName(
      "::boost::beast::http::read", "::boost::beast::http::read_some",
      "::boost::beast::http::read_header"));
  // Plain Asio reads, as a hand-written HTTP client makes them.
  const auto Asio = functionDecl(
      hasAnyName("::boost::asio::read", "::boost::asio::read_until",
                 "::asio::read", "::asio::read_until"));
  return Strict ? functionDecl(anyOf(Beast, Asio)) : Beast;
}

internal::Matcher<Decl> syncReadMembers(bool Strict) {
  const auto Websocket =
      cxxMethodDecl(hasAnyName("read", "read_some", "handshake", "accept"),
                    ofClass(hasName("::boost::beast::websocket::stream")));
  const auto Socket = cxxMethodDecl(
      hasAnyName("read_some", "receive", "connect"), ofAsioSocket());
  return Strict ? cxxMethodDecl(anyOf(Websocket, Socket)) : Websocket;
}

internal::Matcher<Decl> beastSyncWriteFunctions() {
  return functionDecl(hasAnyName("::boost::beast::http::write",
                                 "::boost::beast::http::write_some",
                                 "::boost::beast::http::write_header"));
}

internal::Matcher<Decl> beastSyncWriteMembers() {
  return cxxMethodDecl(hasAnyName("connect", "write", "close"),
                       ofBeastStream());
}

BeastLayering beastLayering(QualType Type) {
  Type = Type.getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  const auto *Record = Type->getAsCXXRecordDecl();
  if (!Record)
    return BeastLayering::None;
  if (isSmartPointer(Type)) {
    const auto *Pointer = dyn_cast<ClassTemplateSpecializationDecl>(Record);
    return Pointer ? beastLayering(Pointer->getTemplateArgs()[0].getAsType())
                   : BeastLayering::None;
  }
  const std::string Name = Record->getQualifiedNameAsString();
  if (Name == "boost::beast::basic_stream")
    return BeastLayering::Direct;
  const bool Wrapper = Name == "boost::beast::ssl_stream" ||
                       Name == "boost::beast::websocket::stream" ||
                       Name == "boost::asio::ssl::stream";
  const auto *Specialization =
      dyn_cast<ClassTemplateSpecializationDecl>(Record);
  if (!Wrapper || !Specialization ||
      Specialization->getTemplateArgs().size() == 0 ||
      Specialization->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return BeastLayering::None;
  return beastLayering(Specialization->getTemplateArgs()[0].getAsType()) ==
                 BeastLayering::None
             ? BeastLayering::None
             : BeastLayering::Wrapped;
}

bool isBeastWebsocket(QualType Type) {
  Type = Type.getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  const auto *Record = Type->getAsCXXRecordDecl();
  if (Record && isSmartPointer(Type))
    if (const auto *Pointer = dyn_cast<ClassTemplateSpecializationDecl>(Record))
      return isBeastWebsocket(Pointer->getTemplateArgs()[0].getAsType());
  return Record && Record->getQualifiedNameAsString() ==
                       "boost::beast::websocket::stream";
}

namespace {
/// The type a pointer, reference or smart pointer type holds; \p Type else.
QualType heldType(QualType Type) {
  Type = Type.getNonReferenceType();
  if (Type->isPointerType())
    return Type->getPointeeType();
  if (isSmartPointer(Type))
    if (const auto *Pointer = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
            Type->getAsCXXRecordDecl());
        Pointer && Pointer->getTemplateArgs().size() > 0 &&
        Pointer->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      return Pointer->getTemplateArgs()[0].getAsType();
  return Type;
}

/// \p Record's qualified name without a leading `boost::`; empty for null.
std::string asioName(const CXXRecordDecl *Record) {
  if (!Record)
    return "";
  const std::string Name = Record->getQualifiedNameAsString();
  return StringRef(Name).starts_with("boost::") ? Name.substr(7) : Name;
}

/// The first template argument of \p Record, when it is a type.
std::optional<QualType> firstTypeArgument(const CXXRecordDecl *Record) {
  const auto *Specialization =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(Record);
  if (!Specialization || Specialization->getTemplateArgs().size() == 0 ||
      Specialization->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return std::nullopt;
  return Specialization->getTemplateArgs()[0].getAsType();
}
} // namespace

const CXXRecordDecl *networkManagerSubclass(QualType Type) {
  const CXXRecordDecl *Record = heldType(Type)->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return nullptr;
  Record = Record->getDefinition();
  const bool Unrelated = Record->forallBases([](const CXXRecordDecl *Base) {
    return Base->getQualifiedNameAsString() != "QNetworkAccessManager";
  });
  return Unrelated ? nullptr : Record;
}

const CXXMethodDecl *createRequestHook(const CXXRecordDecl *Manager) {
  for (const CXXRecordDecl *Class = Manager;
       Class && Class->getQualifiedNameAsString() != "QNetworkAccessManager";) {
    for (const CXXMethodDecl *Method : Class->methods())
      if (Method->getIdentifier() && Method->getName() == "createRequest")
        return Method;
    // The base on the way to QNetworkAccessManager.
    const CXXRecordDecl *Next = nullptr;
    for (const CXXBaseSpecifier &Base : Class->bases())
      if (const CXXRecordDecl *Record = Base.getType()->getAsCXXRecordDecl();
          Record &&
          (Record->getQualifiedNameAsString() == "QNetworkAccessManager" ||
           networkManagerSubclass(Base.getType())))
        Next = Record->getDefinition();
    Class = Next;
  }
  return nullptr;
}

bool setsTransferTimeout(const FunctionDecl *Function, ASTContext &Context) {
  using namespace ast_matchers;
  const FunctionDecl *Definition = Function->getDefinition();
  if (!Definition || !Definition->getBody())
    return false;
  const auto Setter =
      cxxMemberCallExpr(callee(cxxMethodDecl(hasName("setTransferTimeout"))))
          .bind("call");
  for (const BoundNodes &Nodes :
       match(findAll(Setter), *Definition->getBody(), Context)) {
    const auto *Call = Nodes.getNodeAs<CXXMemberCallExpr>("call");
    // No argument is Qt's default of 30 s; 0 is no timeout.
    if (Call->getNumArgs() == 0 || !isInfiniteTimeout(Call->getArg(0), Context))
      return true;
  }
  return false;
}

bool isSocket(QualType Type) {
  return asioName(heldType(Type)->getAsCXXRecordDecl()) ==
         "asio::basic_stream_socket";
}

bool isTcpStream(QualType Type) {
  const CXXRecordDecl *Record = heldType(Type)->getAsCXXRecordDecl();
  const std::optional<QualType> Inner = firstTypeArgument(Record);
  if (!Inner)
    return false;
  // Boost.Asio and standalone Asio alike.
  const std::string Name = asioName(Record);
  if (Name == "asio::basic_stream_socket" || Name == "beast::basic_stream")
    return asioName((*Inner)->getAsCXXRecordDecl()) == "asio::ip::tcp";
  if (Name == "asio::ssl::stream" || Name == "beast::ssl_stream" ||
      Name == "beast::websocket::stream")
    return isTcpStream(*Inner);
  return false;
}

namespace {
/// Whether \p Home's code makes a member call \p Matches on its object, on
/// any layer or through its socket().
bool callsOnObject(
    const ObjectHome &Home, const ObjectApi &Api,
    const ast_matchers::internal::Matcher<CXXMemberCallExpr> &Matches,
    ASTContext &Context) {
  using namespace ast_matchers;
  const auto Call = cxxMemberCallExpr(Matches).bind("call");
  for (const FunctionDecl *Function : Home.Code) {
    if (!Function->hasBody())
      continue;
    for (const BoundNodes &Nodes :
         match(findAll(Call), *Function->getBody(), Context)) {
      const Expr *Object = Nodes.getNodeAs<CXXMemberCallExpr>("call")
                               ->getImplicitObjectArgument();
      if (const Expr *Owner = socketOwner(Object))
        Object = Owner;
      // A handler reaches a member through the object it keeps alive:
      // `self->socket_`.
      const auto *Member = dyn_cast<MemberExpr>(Object->IgnoreParenImpCasts());
      if (rootOf(Object, Api).Decl == Home.Decl ||
          (Home.isMember() && Member && Member->getMemberDecl() == Home.Decl))
        return true;
    }
  }
  return false;
}
} // namespace

bool madeNonBlocking(const ObjectHome &Home, const ObjectApi &Api,
                     ASTContext &Context) {
  using namespace ast_matchers;
  return callsOnObject(
      Home, Api,
      cxxMemberCallExpr(callee(cxxMethodDecl(hasName("non_blocking"))),
                        argumentCountIs(1),
                        hasArgument(0, cxxBoolLiteral(equals(true)))),
      Context);
}

bool closedOnDeadline(const ObjectHome &Home, const ObjectApi &Api,
                      ASTContext &Context) {
  using namespace ast_matchers;
  const bool WaitsOnTimer = llvm::any_of(Home.Code, [&](const FunctionDecl *F) {
    return F->hasBody() &&
           !match(findAll(asioTimerWait()), *F->getBody(), Context).empty();
  });
  return WaitsOnTimer &&
         callsOnObject(Home, Api,
                       cxxMemberCallExpr(callee(cxxMethodDecl(
                           hasAnyName("close", "cancel", "shutdown")))),
                       Context);
}

UseEffect BeastStreamApi::memberCall(const CXXMemberCallExpr *Call,
                                     ASTContext &Context) const {
  const StringRef Name = calleeName(Call);
  if (Name == "expires_never")
    return UseEffect::Infinite;
  if ((Name == "expires_after" || Name == "expires_at") &&
      Call->getNumArgs() == 1)
    return settingFrom(Call->getArg(0), Context);
  if (Name == "set_option" && Call->getNumArgs() == 1 &&
      isClass(Call->getArg(0)->getType(),
              "boost::beast::websocket::stream_base::timeout"))
    return UseEffect::Finite;
  return UseEffect::Neutral;
}

std::optional<UseEffect> BeastStreamApi::argumentOf(const CallExpr *Call,
                                                    unsigned Index,
                                                    ASTContext &Context) const {
  if (inNamespace(Call, "boost::beast::") || inNamespace(Call, "boost::asio::"))
    return UseEffect::Neutral;
  return std::nullopt;
}

const Expr *BeastStreamApi::innerLayer(const Expr *E) const {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    return Member->getNumArgs() == 0 && calleeName(Member) == "next_layer"
               ? Member->getImplicitObjectArgument()
               : nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return Call->getNumArgs() == 1 && calleeName(Call) == "get_lowest_layer" &&
                   inNamespace(Call, "boost::beast::")
               ? Call->getArg(0)
               : nullptr;
  return nullptr;
}

bool takesClientContext(const FunctionDecl *Method) {
  return Method && Method->getNumParams() > 0 &&
         Method->getParamDecl(0)->getType()->isPointerType() &&
         isClass(Method->getParamDecl(0)->getType(), "grpc::ClientContext");
}

UseEffect GrpcContextApi::memberCall(const CXXMemberCallExpr *Call,
                                     ASTContext &Context) const {
  if (calleeName(Call) == "set_deadline" && Call->getNumArgs() == 1)
    return settingFrom(Call->getArg(0), Context);
  return UseEffect::Neutral;
}

std::optional<UseEffect> GrpcContextApi::argumentOf(const CallExpr *Call,
                                                    unsigned Index,
                                                    ASTContext &Context) const {
  // The context handed to a stub call, or to gRPC itself.
  if ((Index == 0 && isa<CXXMemberCallExpr>(Call) &&
       takesClientContext(Call->getDirectCallee())) ||
      inNamespace(Call, "grpc::"))
    return UseEffect::Neutral;
  return std::nullopt;
}

UseEffect QtNetworkApi::memberCall(const CXXMemberCallExpr *Call,
                                   ASTContext &Context) const {
  if (calleeName(Call) != "setTransferTimeout")
    return UseEffect::Neutral;
  // No argument means QNetworkRequest::DefaultTransferTimeoutConstant.
  return Call->getNumArgs() == 1 && !isa<CXXDefaultArgExpr>(Call->getArg(0))
             ? settingFrom(Call->getArg(0), Context)
             : UseEffect::Finite;
}

std::optional<UseEffect> QtNetworkApi::argumentOf(const CallExpr *Call,
                                                  unsigned Index,
                                                  ASTContext &Context) const {
  // Requests handed to the manager, managers handed to QObject::connect.
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Call->getCalleeDecl());
  if (Method && (Method->getParent()->getName() == "QNetworkAccessManager" ||
                 Method->getParent()->getName() == "QObject"))
    return UseEffect::Neutral;
  return std::nullopt;
}

const Expr *socketOwner(const Expr *E) {
  const auto *Socket = dyn_cast<CXXMemberCallExpr>(E->IgnoreImplicit());
  const CXXMethodDecl *Method = Socket ? Socket->getMethodDecl() : nullptr;
  return Method && Method->getIdentifier() && Method->getName() == "socket"
             ? Socket->getImplicitObjectArgument()
             : nullptr;
}

StringRef calleeName(const CallExpr *Call) {
  const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
  return Callee && Callee->getIdentifier() ? Callee->getName() : "";
}

// The request functions cpr offers freely and on a Session, with their
// Async and Callback forms.
namespace {
const std::vector<StringRef> CprVerbs = {
    "Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "Download"};

} // namespace

std::vector<std::string> cprNames(StringRef Prefix, bool WithCallback) {
  std::vector<std::string> Names;
  for (StringRef Verb : CprVerbs) {
    Names.push_back((Prefix + Verb).str());
    Names.push_back((Prefix + Verb + "Async").str());
    if (WithCallback)
      Names.push_back((Prefix + Verb + "Callback").str());
  }
  return Names;
}

bool isTemporaryRequest(const Expr *Arg) {
  Arg = Arg->IgnoreImplicit()->IgnoreParens();
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Arg))
    Arg = Cast->getSubExpr()->IgnoreImplicit();
  return isa<CXXConstructExpr, CXXTemporaryObjectExpr>(Arg) &&
         isClass(Arg->getType(), "QNetworkRequest");
}

bool declaresMethod(QualType Type, StringRef Name) {
  const auto *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  return Record && llvm::any_of(Record->methods(), [Name](const auto *Method) {
           return Method->getIdentifier() && Method->getName() == Name;
         });
}

bool forwardsParameters(const CallExpr *Call, const FunctionDecl *Owner) {
  if (!Owner->isTemplateInstantiation())
    return false;
  return llvm::any_of(Call->arguments(), [](const Expr *Arg) {
    const auto *Ref =
        dyn_cast<DeclRefExpr>(Arg->IgnoreImplicit()->IgnoreParens());
    if (!Ref) // std::forward<T>(x)
      if (const auto *Forward =
              dyn_cast<CallExpr>(Arg->IgnoreImplicit()->IgnoreParens());
          Forward && Forward->getNumArgs() == 1)
        Ref = dyn_cast<DeclRefExpr>(Forward->getArg(0)->IgnoreParenImpCasts());
    return Ref && isa<ParmVarDecl>(Ref->getDecl());
  });
}

} // namespace clang::tidy::leak::utils
