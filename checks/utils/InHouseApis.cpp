//===--- InHouseApis.cpp - leak-tidy --------------------------------------===//

#include "InHouseApis.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::leak::utils {

std::vector<InHousePair>
parseInHousePairs(StringRef Option,
                  llvm::function_ref<void(StringRef)> OnInvalid) {
  std::vector<InHousePair> Pairs;
  for (StringRef Entry : tidy::utils::options::parseStringList(Option)) {
    auto [Use, Bound] = Entry.split('=');
    Use = Use.trim().ltrim(':');
    Bound = Bound.trim().ltrim(':');
    if (Use.empty() || Bound.empty()) {
      OnInvalid(Entry);
      continue;
    }
    Pairs.push_back({Use.str(), Bound.str()});
  }
  return Pairs;
}

ast_matchers::internal::Matcher<Decl>
anyUseOf(const std::vector<InHousePair> &Pairs) {
  std::vector<StringRef> Uses;
  Uses.reserve(Pairs.size());
  for (const InHousePair &Pair : Pairs)
    Uses.push_back(Pair.Use);
  return ast_matchers::functionDecl(ast_matchers::hasAnyName(Uses));
}

std::vector<StringRef> qualifiedNames(StringRef Option) {
  std::vector<StringRef> Names;
  for (StringRef Name : tidy::utils::options::parseStringList(Option))
    if (!Name.trim().ltrim(':').empty())
      Names.push_back(Name.trim().ltrim(':'));
  return Names;
}

const InHousePair *pairUsedBy(const std::vector<InHousePair> &Pairs,
                              const FunctionDecl *Callee) {
  if (!Callee)
    return nullptr;
  const std::string Name = Callee->getQualifiedNameAsString();
  for (const InHousePair &Pair : Pairs)
    if (Pair.Use == Name)
      return &Pair;
  return nullptr;
}

std::optional<UseEffect>
InHouseApi::effectOf(const FunctionDecl *Callee) const {
  if (!Callee)
    return std::nullopt;
  const std::string Name = Callee->getQualifiedNameAsString();
  if (Name == Pair.Bound)
    return UseEffect::Finite;
  if (Name == Pair.Use)
    return UseEffect::Neutral;
  return std::nullopt;
}

UseEffect InHouseApi::memberCall(const CXXMemberCallExpr *Call,
                                 ASTContext &Context) const {
  // The object's other members (setters, queries) only use it.
  return effectOf(Call->getMethodDecl()).value_or(UseEffect::Neutral);
}

std::optional<UseEffect> InHouseApi::argumentOf(const CallExpr *Call,
                                                unsigned Index,
                                                ASTContext &Context) const {
  if (Index != 0 || isa<CXXMemberCallExpr>(Call))
    return std::nullopt;
  return effectOf(Call->getDirectCallee());
}

const Expr *inHouseObject(const CallExpr *Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    return Member->getImplicitObjectArgument();
  return Call->getNumArgs() > 0 ? Call->getArg(0) : nullptr;
}

const CXXRecordDecl *inHouseClass(const CallExpr *Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    return Member->getMethodDecl() ? Member->getMethodDecl()->getParent()
                                   : nullptr;
  const Expr *Object = inHouseObject(Call);
  if (!Object)
    return nullptr;
  QualType Type = Object->IgnoreImpCasts()->getType().getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  return Type->getAsCXXRecordDecl();
}

} // namespace clang::tidy::leak::utils
