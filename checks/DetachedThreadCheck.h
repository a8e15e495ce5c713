//===--- DetachedThreadCheck.h - leak-tidy --------------------------------===//

#ifndef LEAK_TIDY_CHECKS_DETACHEDTHREADCHECK_H
#define LEAK_TIDY_CHECKS_DETACHEDTHREADCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include "utils/LeakCheck.h"
#include "utils/TranslationUnitIndex.h"
#include "utils/UserCode.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::leak {

namespace utils {
struct EndlessLoop;
struct DetachedThread;
} // namespace utils

/// Finds detached threads whose code loops forever with no way to be told to
/// stop.
///
/// For the user-facing documentation see:
/// docs/checks/leak-detached-thread.md
class DetachedThreadCheck : public utils::LeakCheck {
public:
  DetachedThreadCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override { Cancelled.reset(); }
  // pthreads are C too.
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return true;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_AsIs;
  }

private:
  void checkCandidate(const ast_matchers::BoundNodes &Nodes,
                      ASTContext &Context);
  void report(const utils::DetachedThread &Thread, ASTContext &Context);
  /// Whether the thread can be stopped, or need not be: pthread_cancel()
  /// reaches it, or it is made once for the life of the process.
  bool canBeStopped(const utils::DetachedThread &Thread);
  /// A coroutine spawned with the bare `detached` token.
  void checkCoroutine(const CallExpr *Spawn, ASTContext &Context);
  void addRemedy(const utils::DetachedThread &Thread,
                 const utils::EndlessLoop *Loop, ASTContext &Context);

  const utils::ReportedFiles ShownFiles;
  const bool StrictMode;
  const std::vector<StringRef> ThreadTypes;
  tidy::utils::IncludeInserter Inserter;
  Preprocessor *PP = nullptr;
  std::vector<ast_matchers::StatementMatcher> Candidates;
  std::optional<llvm::DenseSet<const Decl *>> Cancelled;
  /// The translation unit being checked, set by check().
};

} // namespace clang::tidy::leak

#endif
