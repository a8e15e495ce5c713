//===--- LeakCheck.h - leak-tidy ------------------------------------------===//
//
// The base of the leak checks. When leak-tidy-run asks for it
// (LEAK_TIDY_CONTEXT set), each warning is preceded by a remark at the same
// place naming the declaration it is in: the function (a lambda counts as
// the function it is written in), or else the class or the variable. A
// baseline of accepted warnings keys them by that instead of line numbers,
// so an entry survives edits above it.
//
//===----------------------------------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_LEAKCHECK_H
#define LEAK_TIDY_CHECKS_UTILS_LEAKCHECK_H

#include "TranslationUnitIndex.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::leak::utils {

/// The qualified name of the declaration \p Loc is in, as LeakCheck's
/// remark gives it; empty outside every declaration.
std::string enclosingDeclarationName(SourceLocation Loc, ASTContext &Context);

class LeakCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;

protected:
  DiagnosticBuilder diag(SourceLocation Loc, StringRef Description,
                         DiagnosticIDs::Level Level = DiagnosticIDs::Warning);
  DiagnosticBuilder diag(StringRef Description,
                         DiagnosticIDs::Level Level = DiagnosticIDs::Warning) {
    return ClangTidyCheck::diag(Description, Level);
  }

  /// The translation unit being checked; each check's check() sets it.
  TranslationUnitIndex *Index = nullptr;
};

} // namespace clang::tidy::leak::utils

#endif
