//===--- TimerApis.cpp - leak-tidy ----------------------------------------===//

#include "TimerApis.h"
#include "Naming.h"
#include "ObjectHome.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::leak::utils {

namespace {

StringRef nameOf(const NamedDecl *D) {
  return D && D->getIdentifier() ? D->getName() : "";
}

StringRef calleeName(const CallExpr *Call) {
  return nameOf(dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl()));
}

bool isQtClass(const CXXRecordDecl *Record, StringRef Name) {
  return Record && !Record->isInStdNamespace() &&
         Record->getQualifiedNameAsString() == Name;
}

} // namespace

std::optional<UseEffect> PosixTimerApi::argumentOf(const CallExpr *Call,
                                                   unsigned Index,
                                                   ASTContext &Context) const {
  const StringRef Name = calleeName(Call);
  if (Name == "timer_delete")
    return UseEffect::Finite;
  if (Name == "timer_create" || Name == "timer_settime" ||
      Name == "timer_gettime" || Name == "timer_getoverrun")
    return UseEffect::Neutral;
  return std::nullopt;
}

std::optional<UseEffect> UvTimerApi::argumentOf(const CallExpr *Call,
                                                unsigned Index,
                                                ASTContext &Context) const {
  const StringRef Name = calleeName(Call);
  if (Name == "uv_timer_stop" || Name == "uv_close" || Name == "free")
    return UseEffect::Finite;
  if (Name.starts_with("uv_"))
    return UseEffect::Neutral;
  return std::nullopt;
}

std::optional<UseEffect> LibeventApi::argumentOf(const CallExpr *Call,
                                                 unsigned Index,
                                                 ASTContext &Context) const {
  const StringRef Name = calleeName(Call);
  if (Name == "event_del" || Name == "event_free")
    return UseEffect::Finite;
  // Freeing the memory of an embedded event still added leaves it in the
  // loop's lists: only event_del ends it.
  if (Name.starts_with("event_") || Name.starts_with("evtimer_") ||
      Name == "free")
    return UseEffect::Neutral;
  return std::nullopt;
}

UseEffect QTimerApi::memberCall(const CXXMemberCallExpr *Call,
                                ASTContext &Context) const {
  const StringRef Name = nameOf(Call->getMethodDecl());
  if (Name == "stop" || Name == "deleteLater" || Name == "setParent")
    return UseEffect::Finite;
  return UseEffect::Neutral;
}

std::optional<UseEffect> QTimerApi::argumentOf(const CallExpr *Call,
                                               unsigned Index,
                                               ASTContext &Context) const {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Call->getCalleeDecl());
  if (Method && isQtClass(Method->getParent(), "QObject") &&
      (nameOf(Method) == "connect" || nameOf(Method) == "disconnect"))
    return UseEffect::Neutral;
  return std::nullopt;
}

bool isErrorCode(QualType Type) {
  const auto *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record)
    return false;
  const std::string Name = Record->getQualifiedNameAsString();
  return Name == "boost::system::error_code" || Name == "std::error_code";
}

bool isFreshAllocation(const Expr *Init) {
  if (!Init)
    return false;
  Init = Init->IgnoreImplicit()->IgnoreParenCasts()->IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init))
    return Construct->getNumArgs() == 1 &&
           isFreshAllocation(Construct->getArg(0));
  if (isa<CXXNewExpr>(Init))
    return true;
  const auto *Call = dyn_cast<CallExpr>(Init);
  if (!Call || !Call->getDirectCallee())
    return false;
  const std::string Name = Call->getDirectCallee()->getQualifiedNameAsString();
  return Name == "malloc" || Name == "calloc" || Name == "std::make_unique" ||
         Name == "std::make_shared" || Name == "boost::make_shared";
}

std::optional<std::int64_t> constantOf(const Expr *E,
                                       const ASTContext &Context) {
  Expr::EvalResult Value;
  if (E->isValueDependent() ||
      !E->EvaluateAsInt(Value, Context, Expr::SE_AllowSideEffects))
    return std::nullopt;
  return Value.Val.getInt().getExtValue();
}

bool callbackMayStop(const FunctionDecl *Callback, const ValueDecl *Timer,
                     ArrayRef<StringRef> Stops, ArrayRef<StringRef> LoopStops,
                     const ObjectApi &Api, ParentIndex &Parents,
                     ASTContext &Context) {
  using namespace ast_matchers;
  for (const BoundNodes &Nodes : match(
           findAll(
               callExpr(callee(functionDecl(hasAnyName(Stops)))).bind("stop")),
           *Callback->getBody(), Context)) {
    const auto *Stop = Nodes.getNodeAs<CallExpr>("stop");
    if (llvm::is_contained(LoopStops, calleeName(Stop)))
      return true;
    if (Stop->getNumArgs() == 0)
      continue;
    // Another member of the object, or another global, is another timer.
    const ValueDecl *Stopped = rootOf(Stop->getArg(0), Api).Decl;
    const auto *Var = dyn_cast_or_null<VarDecl>(Stopped);
    const bool Other =
        Stopped && Stopped != Timer &&
        (isa<FieldDecl>(Stopped) || (Var && Var->hasGlobalStorage()));
    if (!Other)
      return true;
  }
  if (Callback->getNumParams() == 0 ||
      !Callback->getParamDecl(0)->getType()->isPointerType())
    return false;
  const ObjectUses Uses =
      usesOf(Callback->getParamDecl(0), Callback, Api, Parents, Context);
  return Uses.Escapes || !Uses.Events.empty();
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

std::optional<FixItHint> qtParentFix(const CXXNewExpr *New,
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

const ValueDecl *holderOf(const Expr *New, ParentIndex &Parents,
                          ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*New);
  while (true) {
    const ArrayRef<DynTypedNode> Above = Parents.parents(Node, Context);
    if (Above.size() != 1)
      return nullptr;
    const DynTypedNode &Parent = Above[0];
    if (const auto *Var = Parent.get<VarDecl>())
      return Var;
    // `m_(new T)` and `m_{new T}` in an initializer list.
    if (const auto *Constructor = Parent.get<CXXConstructorDecl>()) {
      for (const CXXCtorInitializer *Init : Constructor->inits())
        if (Init->getInit() && Init->getMember() &&
            Node.getMemoizationData() == Init->getInit())
          return Init->getMember();
      return nullptr;
    }
    const auto *Wrapper = Parent.get<Expr>();
    if (isa_and_nonnull<ImplicitCastExpr, ParenExpr, ExprWithCleanups>(
            Wrapper) ||
        (isa_and_nonnull<InitListExpr>(Wrapper) &&
         cast<InitListExpr>(Wrapper)->getNumInits() == 1)) {
      Node = Parent;
      continue;
    }
    const auto *Assign = Parent.get<BinaryOperator>();
    if (!Assign || Assign->getOpcode() != BO_Assign)
      return nullptr;
    return rootOf(Assign->getLHS(), QTimerApi()).Decl;
  }
}

llvm::SmallVector<const Stmt *, 4> callsTo(const FunctionDecl *Function,
                                           ArrayRef<StringRef> Names,
                                           ASTContext &Context) {
  using namespace ast_matchers;
  llvm::SmallVector<const Stmt *, 4> Calls;
  for (const BoundNodes &Nodes : match(
           findAll(
               callExpr(callee(functionDecl(hasAnyName(Names)))).bind("call")),
           *Function->getBody(), Context))
    Calls.push_back(Nodes.getNodeAs<Stmt>("call"));
  return Calls;
}

bool ownsFreshTimer(const VarDecl *Var, const FunctionDecl *Owner,
                    const ObjectApi &Api, TranslationUnitIndex &Index) {
  if (!Var || !isOwnedLocal(Var, Owner))
    return false;
  if (Var->getType()->isRecordType() && !isSmartPointer(Var->getType()))
    return true;
  if (isFreshAllocation(Var->getInit()))
    return true;
  const std::optional<Factory> Factory =
      Var->getInit() ? factoryOf(Var->getInit(), Index, Api) : std::nullopt;
  return Factory && Factory->MakesWhatItReturns;
}

const CallExpr *madeBy(const ObjectHome &Home, StringRef Factory,
                       TranslationUnitIndex &Index) {
  const llvm::SmallVector<GivenValue, 2> Values = valuesGiven(Home, Index);
  if (Values.size() != 1)
    return nullptr;
  const auto *Call = dyn_cast<CallExpr>(strippedValue(Values.front().Value));
  return Call && Call->getDirectCallee() &&
                 Call->getDirectCallee()->getIdentifier() &&
                 Call->getDirectCallee()->getName() == Factory
             ? Call
             : nullptr;
}

std::optional<EventMaking> eventMaking(const ObjectHome &Home,
                                       const ObjectApi &Api,
                                       TranslationUnitIndex &Index,
                                       ASTContext &Context) {
  if (const CallExpr *New = madeBy(Home, "event_new", Index))
    return New->getNumArgs() == 5
               ? std::optional(EventMaking{New, New->getArg(2), New->getArg(3)})
               : std::nullopt;
  const CallExpr *Filled = nullptr;
  for (const FunctionDecl *Function : Home.Code) {
    if (!Function->hasBody())
      continue;
    for (const Stmt *Found :
         callsTo(Function, {"event_assign", "event_set"}, Context)) {
      const auto *Call = cast<CallExpr>(Found);
      if (Call->getNumArgs() == 0 ||
          rootOf(Call->getArg(0), Api).Decl != Home.Decl)
        continue;
      // Filled in twice: which flags and callback hold is not known.
      if (Filled)
        return std::nullopt;
      Filled = Call;
    }
  }
  if (!Filled)
    return std::nullopt;
  // event_assign(ev, base, fd, flags, cb, arg); event_set(ev, fd, flags, cb,
  // arg).
  const unsigned FlagsIndex = calleeName(Filled) == "event_assign" ? 3 : 2;
  if (Filled->getNumArgs() != FlagsIndex + 3)
    return std::nullopt;
  return EventMaking{Filled, Filled->getArg(FlagsIndex),
                     Filled->getArg(FlagsIndex + 1)};
}

std::string describeHome(const ObjectHome &Home) {
  if (Home.isMember() && Home.Class)
    return "class " + quoted(Home.Class->getName());
  return "this file";
}

std::string memberStopCode(const Expr *Handle, const ObjectApi &Api,
                           const std::string &StopCode) {
  const ObjectRoot Root = rootOf(Handle, Api);
  const auto *Member = dyn_cast_or_null<MemberExpr>(Root.Named);
  return Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())
             ? StopCode
             : "";
}

} // namespace clang::tidy::leak::utils
