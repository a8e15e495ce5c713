//===--- UnstoppedTimerCheck.h - leak-tidy --------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UNSTOPPEDTIMERCHECK_H
#define LEAK_TIDY_CHECKS_UNSTOPPEDTIMERCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/ExitPaths.h"
#include "utils/InHouseApis.h"
#include "utils/LeakCheck.h"
#include "utils/ObjectHome.h"
#include "utils/TranslationUnitIndex.h"
#include "utils/UserCode.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::leak {

/// Finds repeating timers that are started and that nothing can stop: POSIX
/// timers, libuv and libevent timers, Asio handlers that re-arm their timer
/// whatever the error code, parentless QTimers, and in-house timer types.
///
/// For the user-facing documentation see:
/// docs/checks/leak-unstopped-timer.md
class UnstoppedTimerCheck : public utils::LeakCheck {
public:
  UnstoppedTimerCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override { Reported.clear(); }
  // POSIX, libuv and libevent timers are used from C too.
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return true;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_AsIs;
  }

  /// A timer handle started by a call, and how its library stops it.
  struct Started {
    const CallExpr *Start = nullptr;
    const Expr *Handle = nullptr;
    const ValueDecl *Timer = nullptr;
    const FunctionDecl *Owner = nullptr;
    const utils::ObjectApi *Api = nullptr;
    /// A local made in Owner (not copied from elsewhere).
    bool Owned = false;
    /// The timer's callback may stop it.
    bool CallbackStops = false;
    /// `uv_timer_stop(&t);`, inserted by the fix; empty for none.
    std::string StopCode;
  };

  /// Why a started timer is never stopped: the exits of the function that
  /// starts a local, or nothing in the code that reaches a member or an
  /// internal variable.
  struct Unstopped {
    utils::ObjectHome Home;
    std::optional<utils::UncoveredExits> Exits;
  };

private:
  void checkCandidate(const ast_matchers::BoundNodes &Nodes,
                      ASTContext &Context);
  /// Whether \p Timer, made or started at \p Site, counts: everything does
  /// in StrictMode; otherwise only what can be made more than once.
  bool accumulates(const ValueDecl *Timer, const Stmt *Site);
  std::optional<Unstopped> unstopped(const Started &Timer, ASTContext &Context);
  /// The exits through which \p Object, started by \p Start in \p Owner,
  /// outlives it unstopped. None when every path stops it, or when it is not
  /// \p Owned (made here and kept in a local) or escapes, outside StrictMode.
  std::optional<utils::UncoveredExits>
  unstoppedExits(const ValueDecl *Object, bool Owned, const Stmt *Start,
                 const FunctionDecl *Owner, const utils::ObjectApi &Api,
                 ASTContext &Context, ArrayRef<const Stmt *> ExtraStops = {});

  /// Notes each exit in \p Exits, with a fix inserting \p StopCode there.
  void noteExits(const utils::UncoveredExits &Exits, const Stmt *Start,
                 const FunctionDecl *Owner, const ValueDecl *Object,
                 const std::string &StopCode, ASTContext &Context);
  /// Notes a member's or internal variable's declaration, and where to stop
  /// it: in the destructor, with \p MemberStopCode inserted there.
  void noteHome(const utils::ObjectHome &Home, const std::string &StopCode,
                ASTContext &Context);

  void checkPosix(const CallExpr *Arm, const FunctionDecl *Owner,
                  ASTContext &Context);
  void checkUv(const CallExpr *Start, const FunctionDecl *Owner,
               ASTContext &Context);
  void checkLibevent(const CallExpr *Add, const FunctionDecl *Owner,
                     ASTContext &Context);
  void checkAsio(const CXXMemberCallExpr *Wait, const FunctionDecl *Owner,
                 ASTContext &Context);
  /// A coroutine's wait whose token turns the error into a value.
  void checkAsioCoroutine(const CXXMemberCallExpr *Wait,
                          const FunctionDecl *Owner, ASTContext &Context);
  void checkQt(const CXXNewExpr *New, const FunctionDecl *Owner,
               ASTContext &Context);
  void checkInHouse(const CallExpr *Start, const FunctionDecl *Owner,
                    ASTContext &Context);

  const utils::ReportedFiles ShownFiles;
  const bool StrictMode;
  const std::string TimerApisOption;
  const std::vector<utils::InHousePair> TimerApis;
  const std::string SelfStoppingTimersOption;
  /// In-house timer classes whose destructor stops them.
  const std::vector<StringRef> SelfStoppingTimers;
  std::vector<ast_matchers::StatementMatcher> Candidates;
  /// The translation unit being checked, set by check().
  /// Each timer and each Asio handler is reported once.
  llvm::DenseSet<const Decl *> Reported;
};

} // namespace clang::tidy::leak

#endif
