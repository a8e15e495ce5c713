//===--- UserCode.h - leak-tidy -------------------------------------------===//
//
// Where the leak checks look: the code clang-tidy reports on.
//
// A matcher registered with the MatchFinder is tried on every node of the
// translation unit, and on a Boost, Qt or gRPC file nearly all of them are
// in system headers and their template instantiations. The leak checks
// register translationUnitDecl() alone and run their candidate matchers from
// check() over that code only, so their cost follows the size of the code
// they report on, not of the headers it includes.
//
//===----------------------------------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_USERCODE_H
#define LEAK_TIDY_CHECKS_UTILS_USERCODE_H

#include "ParentIndex.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Regex.h"
#include <optional>

namespace clang::tidy::leak::utils {

/// The top-level declarations of the translation unit outside system
/// headers, within the AST's traversal scope (clangd's: the main file's).
llvm::SmallVector<Decl *, 0> userTopLevelDecls(ASTContext &Context);

/// The files clang-tidy shows diagnostics in: the main file, and headers that
/// match HeaderFilterRegex and not ExcludeHeaderFilterRegex. Searching other
/// files would find only warnings that clang-tidy drops; on a Qt file whose
/// headers are included with -I rather than -isystem that is most of the
/// translation unit.
class ReportedFiles {
public:
  explicit ReportedFiles(const ClangTidyOptions &Options);
  bool contains(SourceLocation Loc, const SourceManager &SM) const;

private:
  std::optional<llvm::Regex> HeaderFilter;
  std::optional<llvm::Regex> ExcludeHeaderFilter;
};

/// Whether leak-tidy-run asks for something by setting \p Variable in the
/// environment (to anything but empty or 0).
bool leakTidyRunAsks(const char *Variable);

/// How many candidate sites a check examined, per file. leak-tidy-run asks
/// for them (LEAK_TIDY_EXAMINED set) to tell "nothing found" from "nothing
/// looked at", and sums them over the files, counting a header once.
class ExaminedSites {
public:
  void add(SourceLocation Loc, const SourceManager &SM);
  /// When asked for, one remark per file: "examined N <Sites> in <path>".
  /// It has no location, so that no header or line filter drops it.
  void report(ClangTidyCheck &Check, const SourceManager &SM, StringRef Site,
              StringRef Sites) const;

private:
  llvm::DenseMap<FileID, unsigned> PerFile;
};

/// Calls \p OnMatch for every match of each of \p Candidates in the user
/// top-level declarations of the \p Reported files, as the MatchFinder would
/// find them there: template instantiations and implicit code included. All
/// of them are tried in one traversal. Returns the matches, counted in the
/// file of their top-level declaration.
ExaminedSites forEachMatchInUserCode(
    ArrayRef<ast_matchers::StatementMatcher> Candidates,
    const ReportedFiles &Reported, ASTContext &Context,
    llvm::function_ref<void(const ast_matchers::BoundNodes &)> OnMatch);

/// The function whose body holds the one node \p Nodes binds; null when it
/// binds more or none, or the node is outside a function.
const FunctionDecl *soleNodeOwner(const ast_matchers::BoundNodes &Nodes,
                                  ParentIndex &Parents, ASTContext &Context);

} // namespace clang::tidy::leak::utils

#endif
