//===--- ChannelApis.cpp - leak-tidy --------------------------------------===//

#include "ChannelApis.h"
#include "TrackedObject.h"
#include "TypeSpelling.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/TypeLoc.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSwitch.h"
#include <array>

namespace clang::tidy::leak::utils {
namespace {

using namespace ast_matchers;

// Asio's channel and concurrent_channel are alias templates of these.
constexpr std::array<StringRef, 4> AsioChannels = {
    "boost::asio::experimental::basic_channel",
    "boost::asio::experimental::basic_concurrent_channel",
    "asio::experimental::basic_channel",
    "asio::experimental::basic_concurrent_channel"};
constexpr StringRef FiberChannel = "boost::fibers::unbuffered_channel";

const CXXRecordDecl *heldRecord(QualType Type) {
  const CXXRecordDecl *Record =
      Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !isSmartPointer(Type) || Record->getName() != "shared_ptr")
    return Record;
  const auto *Specialization =
      dyn_cast<ClassTemplateSpecializationDecl>(Record);
  if (!Specialization || Specialization->getTemplateArgs().size() < 1 ||
      Specialization->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return nullptr;
  return Specialization->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
}

bool hasCancellationSlot(const CXXMemberCallExpr *Call, ASTContext &Context) {
  auto SlotBinding =
      callExpr(callee(functionDecl(hasName("bind_cancellation_slot"))));
  return llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
    return !match(findAll(SlotBinding), *Arg, Context).empty();
  });
}

/// Asio's receive gives up when raced against another operation (`||` of
/// awaitable_operators, a parallel group) or when its token carries a
/// cancellation slot.
bool asioReceiveMayGiveUp(const CXXMemberCallExpr *Call, ParentIndex &Parents,
                          ASTContext &Context) {
  if (hasCancellationSlot(Call, Context))
    return true;
  const Expr *Current = Call;
  for (unsigned Depth = 0; Current && Depth < 8; ++Depth) {
    const ArrayRef<DynTypedNode> Above = Parents.parents(*Current, Context);
    if (Above.empty())
      break;
    const auto *Parent = Above[0].get<Expr>();
    if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(Parent);
        Operator && Operator->getOperator() == OO_PipePipe)
      return true;
    if (const auto *Outer = dyn_cast_or_null<CallExpr>(Parent))
      if (const FunctionDecl *Callee = Outer->getDirectCallee();
          Callee && Callee->getIdentifier() &&
          Callee->getName() == "make_parallel_group")
        return true;
    Current = Parent;
  }
  return false;
}

} // namespace

std::vector<std::string> channelClassNames(ArrayRef<InHouseChannel> InHouse) {
  std::vector<std::string> Names = {"::" + FiberChannel.str()};
  for (StringRef Name : AsioChannels)
    Names.push_back("::" + Name.str());
  for (const InHouseChannel &Channel : InHouse)
    Names.push_back("::" + Channel.Type);
  return Names;
}

std::optional<ChannelKind> channelKind(QualType Type,
                                       ArrayRef<InHouseChannel> InHouse) {
  const CXXRecordDecl *Record = heldRecord(Type);
  if (!Record)
    return std::nullopt;
  const std::string Name = Record->getQualifiedNameAsString();
  if (Name == FiberChannel)
    return ChannelKind{ChannelFamily::Fiber, Record, nullptr};
  if (llvm::is_contained(AsioChannels, Name))
    return ChannelKind{ChannelFamily::Asio, Record, nullptr};
  for (const InHouseChannel &Channel : InHouse)
    if (Name == Channel.Type)
      return ChannelKind{ChannelFamily::InHouse, Record, &Channel};
  return std::nullopt;
}

ChannelOp channelOp(const CXXMemberCallExpr *Call, const ChannelKind &Kind,
                    ParentIndex &Parents, ASTContext &Context) {
  const CXXMethodDecl *Method = Call->getMethodDecl();
  if (!Method || !Method->getIdentifier())
    return ChannelOp::Other;
  const StringRef Name = Method->getName();
  switch (Kind.Family) {
  case ChannelFamily::Fiber:
    return llvm::StringSwitch<ChannelOp>(Name)
        .Case("push", ChannelOp::Send)
        .Case("push_wait_for", ChannelOp::BoundedSend)
        .Case("push_wait_until", ChannelOp::BoundedSend)
        .Case("pop", ChannelOp::Receive)
        .Case("value_pop", ChannelOp::Receive)
        .Case("pop_wait_for", ChannelOp::BoundedReceive)
        .Case("pop_wait_until", ChannelOp::BoundedReceive)
        .Case("close", ChannelOp::Release)
        .Default(ChannelOp::Other);
  case ChannelFamily::Asio:
    if (Name == "async_send")
      return hasCancellationSlot(Call, Context) ? ChannelOp::BoundedSend
                                                : ChannelOp::Send;
    if (Name == "async_receive")
      return asioReceiveMayGiveUp(Call, Parents, Context)
                 ? ChannelOp::BoundedReceive
                 : ChannelOp::Receive;
    // close() leaves a pending async_send waiting; cancel() completes it.
    return llvm::StringSwitch<ChannelOp>(Name)
        .StartsWith("try_send", ChannelOp::BoundedSend)
        .Case("try_receive", ChannelOp::BoundedReceive)
        .Case("cancel", ChannelOp::Release)
        .Case("reset", ChannelOp::Release)
        .Default(ChannelOp::Other);
  case ChannelFamily::InHouse:
    if (Name == Kind.InHouse->Send)
      return ChannelOp::Send;
    if (Name == Kind.InHouse->Receive)
      return ChannelOp::Receive;
    return ChannelOp::Other;
  }
  return ChannelOp::Other;
}

std::optional<ChannelConstruction> channelConstruction(const VarDecl *Var) {
  return channelConstruction(Var->getInit());
}

std::optional<ChannelConstruction> channelConstruction(const Expr *Init) {
  if (!Init)
    return std::nullopt;
  Init = Init->IgnoreImplicit();
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Init))
    Init = Cast->getSubExpr()->IgnoreImplicit();
  ChannelConstruction Built;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init)) {
    // std::shared_ptr<Channel> ch(new Channel(...)).
    if (isSmartPointer(Construct->getType())) {
      if (Construct->getNumArgs() != 1)
        return std::nullopt;
      const auto *New =
          dyn_cast<CXXNewExpr>(Construct->getArg(0)->IgnoreImplicit());
      if (!New || !New->getConstructExpr())
        return std::nullopt;
      Construct = New->getConstructExpr();
    }
    Built.Call = Construct;
    for (const Expr *Arg : Construct->arguments())
      Built.Args.push_back(Arg);
    Built.Close = Construct->getParenOrBraceRange().getEnd();
    return Built;
  }
  const auto *Call = dyn_cast<CallExpr>(Init);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->isInStdNamespace() || !Callee->getIdentifier() ||
      Callee->getName() != "make_shared")
    return std::nullopt;
  Built.Call = Call;
  Built.MakeShared = Call;
  for (const Expr *Arg : Call->arguments())
    Built.Args.push_back(Arg);
  Built.Close = Call->getRParenLoc();
  return Built;
}

bool isUnbuffered(const ChannelKind &Kind, const ChannelConstruction &Built,
                  const ASTContext &Context) {
  if (Kind.Family != ChannelFamily::Asio)
    return true;
  // (executor or context, max_buffer_size = 0); a channel moved from
  // another has that one's buffer.
  if (Built.Args.empty() || channelKind(Built.Args[0]->getType(), {}))
    return false;
  if (Built.Args.size() < 2 || isa<CXXDefaultArgExpr>(Built.Args[1]))
    return true;
  std::optional<llvm::APSInt> Size =
      Built.Args[1]->getIntegerConstantExpr(Context);
  return Size && Size->isZero();
}

namespace {

/// Where \p TL spells `Template<...>` itself (perhaps qualified), not
/// through an alias: the template name's location.
std::optional<SourceLocation> templateNameLoc(TypeLoc TL, StringRef Template) {
  auto Specialization = namedTypeLoc(TL).getAs<TemplateSpecializationTypeLoc>();
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
  auto Specialization = namedTypeLoc(TL).getAs<TemplateSpecializationTypeLoc>();
  if (!Specialization || Specialization.getNumArgs() < 1 ||
      Specialization.getArgLoc(0).getArgument().getKind() !=
          TemplateArgument::Type)
    return std::nullopt;
  return Specialization.getArgLoc(0).getTypeSourceInfo()->getTypeLoc();
}

} // namespace

/// Whether the channel type is written out in \p Param's declaration, which
/// a rewrite of the variable's type would then no longer match.
bool spellsChannelType(const ParmVarDecl *Param) {
  QualType Type = Param->getType().getNonReferenceType();
  if (const auto *Pointer = Type->getAs<PointerType>())
    Type = Pointer->getPointeeType();
  // `auto &` and template parameters take whatever type they are given.
  return !Type->getAs<SubstTemplateTypeParmType>() &&
         !Type->getContainedAutoType() && channelKind(Type, {});
}

/// `unbuffered_channel<T> ch;` to `buffered_channel<T> ch{2};`, and the same
/// in `std::make_shared<...>()`: a capacity of 2 holds one value.
std::optional<llvm::SmallVector<FixItHint, 3>>
fiberFix(const VarDecl *Channel, const ChannelConstruction &Built,
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
std::optional<FixItHint> asioFix(const ChannelConstruction &Built) {
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

bool endsWhenChannelCloses(const Stmt *Loop, const FunctionDecl *Function,
                           ASTContext &Context) {
  using namespace ast_matchers;
  if (!Function->getBody())
    return false;
  const auto Receive = cxxMemberCallExpr(callee(cxxMethodDecl(
      hasAnyName("value_pop", "value_pop_wait_for", "value_pop_wait_until"),
      ofClass(hasAnyName("::boost::fibers::buffered_channel",
                         "::boost::fibers::unbuffered_channel")))));
  if (match(stmt(hasDescendant(Receive)), *Loop, Context).empty())
    return false;
  const SourceManager &SM = Context.getSourceManager();
  for (const BoundNodes &Nodes : match(findAll(cxxTryStmt().bind("try")),
                                       *Function->getBody(), Context)) {
    const CompoundStmt *Block =
        Nodes.getNodeAs<CXXTryStmt>("try")->getTryBlock();
    if (SM.isPointWithin(Loop->getBeginLoc(), Block->getBeginLoc(),
                         Block->getEndLoc()))
      return true;
  }
  return false;
}

} // namespace clang::tidy::leak::utils
