//===--- InHouseApis.h - leak-tidy ----------------------------------------===//
//
// The in-house APIs users name in options: TimerApis (`start=stop`) and
// HttpApis (`call=timeout`). Each pair is a function that uses an object and
// the function that bounds it: a stop, a timeout.
//
//===----------------------------------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_INHOUSEAPIS_H
#define LEAK_TIDY_CHECKS_UTILS_INHOUSEAPIS_H

#include "TrackedObject.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <string>
#include <vector>

namespace clang::tidy::leak::utils {

/// One `use=bound` entry, by qualified name without a leading `::`.
struct InHousePair {
  std::string Use;
  std::string Bound;
};

/// The entries of a `use=bound;...` option; \p OnInvalid is called with each
/// entry that lacks a side.
std::vector<InHousePair>
parseInHousePairs(StringRef Option,
                  llvm::function_ref<void(StringRef)> OnInvalid);

/// Matches the Use functions of \p Pairs.
ast_matchers::internal::Matcher<Decl>
anyUseOf(const std::vector<InHousePair> &Pairs);

/// The qualified names of a `;`-separated option, without leading `::`.
std::vector<StringRef> qualifiedNames(StringRef Option);

/// The pair whose Use is \p Callee; null when there is none.
const InHousePair *pairUsedBy(const std::vector<InHousePair> &Pairs,
                              const FunctionDecl *Callee);

/// An object of an in-house API: the Bound function ends its wait for good
/// (a stop, a timeout set), the Use function and the object's other members
/// only use it. Member functions act on their object, free functions on
/// their first argument.
class InHouseApi : public ObjectApi {
public:
  /// \p DestructorStops: destroying the object ends it too, so `delete`
  /// is a stop (SelfStoppingTimers).
  explicit InHouseApi(const InHousePair &Pair, bool DestructorStops = false)
      : Pair(Pair), DestructorStops(DestructorStops) {}
  UseEffect memberCall(const CXXMemberCallExpr *Call,
                       ASTContext &Context) const override;
  std::optional<UseEffect> argumentOf(const CallExpr *Call, unsigned Index,
                                      ASTContext &Context) const override;
  UseEffect deleted() const override {
    return DestructorStops ? UseEffect::Finite : UseEffect::Neutral;
  }

private:
  std::optional<UseEffect> effectOf(const FunctionDecl *Callee) const;

  const InHousePair &Pair;
  const bool DestructorStops;
};

/// The class of the object an in-house call acts on: the member function's
/// class, or the type the first argument points to or is; null for others.
const CXXRecordDecl *inHouseClass(const CallExpr *Call);

/// The object an in-house call acts on: the object of a member call, else
/// the first argument; null when there is none.
const Expr *inHouseObject(const CallExpr *Call);

} // namespace clang::tidy::leak::utils

#endif
