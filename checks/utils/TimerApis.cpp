//===--- TimerApis.cpp - leak-tidy ----------------------------------------===//

#include "TimerApis.h"
#include "clang/AST/DeclCXX.h"

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
  if (Name.starts_with("event_") || Name.starts_with("evtimer_"))
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

std::optional<UseEffect>
InHouseTimerApi::effectOf(const FunctionDecl *Callee) const {
  if (!Callee)
    return std::nullopt;
  const std::string Name = Callee->getQualifiedNameAsString();
  if (Name == Stop)
    return UseEffect::Finite;
  if (Name == Start)
    return UseEffect::Neutral;
  return std::nullopt;
}

UseEffect InHouseTimerApi::memberCall(const CXXMemberCallExpr *Call,
                                      ASTContext &Context) const {
  // The timer's other members (interval setters, queries) only use it.
  return effectOf(Call->getMethodDecl()).value_or(UseEffect::Neutral);
}

std::optional<UseEffect>
InHouseTimerApi::argumentOf(const CallExpr *Call, unsigned Index,
                            ASTContext &Context) const {
  if (Index != 0 || isa<CXXMemberCallExpr>(Call))
    return std::nullopt;
  return effectOf(Call->getDirectCallee());
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

} // namespace clang::tidy::leak::utils
