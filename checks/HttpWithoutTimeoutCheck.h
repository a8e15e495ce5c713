//===--- HttpWithoutTimeoutCheck.h - leak-tidy ----------------------------===//

#ifndef LEAK_TIDY_CHECKS_HTTPWITHOUTTIMEOUTCHECK_H
#define LEAK_TIDY_CHECKS_HTTPWITHOUTTIMEOUTCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/HttpApis.h"
#include "utils/InHouseApis.h"
#include "utils/LeakCheck.h"
#include "utils/ObjectHome.h"
#include "utils/SettingFlow.h"
#include "utils/TranslationUnitIndex.h"
#include "utils/UserCode.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::leak {

/// Finds HTTP and RPC client calls that have no timeout or deadline and can
/// wait forever for a peer that never answers.
///
/// For the user-facing documentation see:
/// docs/checks/leak-http-without-timeout.md
class HttpWithoutTimeoutCheck : public utils::LeakCheck {
public:
  HttpWithoutTimeoutCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  // libcurl is used from C too.
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return true;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_AsIs;
  }

  /// What is known about the timeout of one object at one call.
  enum class Outcome : std::uint8_t { Timed, Unknown, Untimed };
  struct Judgement {
    Outcome Result = Outcome::Unknown;
    const Stmt *DisabledBy = nullptr;  // the explicit infinite setting
    const Expr *Creation = nullptr;    // the call that made it
    const ValueDecl *Object = nullptr; // the variable or member holding it
    /// Judged across the code of its class or file, not one function.
    bool Followed = false;
    /// The function of this file that made it and handed it out.
    std::optional<utils::Factory> MadeBy;
  };

  /// How inserted code names the object: `h`, and `h.` or `h->`.
  struct Spelling {
    std::string Text;
    std::string Access;
  };
  /// The statement that sets a timeout on the object spelled so.
  using StatementMaker = std::function<std::string(const Spelling &)>;

private:
  void checkCandidate(const ast_matchers::BoundNodes &Nodes,
                      ASTContext &Context);
  Judgement judge(const Expr *Object, const CallExpr *Call,
                  const FunctionDecl *Owner, const utils::ObjectApi &Api,
                  ASTContext &Context);
  /// A member or internal variable: a timeout set anywhere in the code that
  /// reaches it counts.
  Judgement judgeAcross(const utils::ObjectHome &Home,
                        const utils::ObjectApi &Api);
  /// What a factory or getter of this file hands out.
  Judgement judgeMade(const utils::Factory &Made, const utils::ObjectApi &Api,
                      ASTContext &Context);

  void checkCurl(const CallExpr *Call, const FunctionDecl *Owner,
                 ASTContext &Context);
  void checkCprRequest(const CallExpr *Call, const FunctionDecl *Owner,
                       ASTContext &Context);
  void checkCprSession(const CXXMemberCallExpr *Call, const FunctionDecl *Owner,
                       ASTContext &Context);
  void checkBeast(const CallExpr *Call, const Expr *Stream, bool Synchronous,
                  const FunctionDecl *Owner, ASTContext &Context);
  /// An asynchronous operation on a stream over a raw TCP socket, which has
  /// no timeout unless a timer of its code closes it.
  void checkRawSocket(const CallExpr *Call, const Expr *Stream,
                      const FunctionDecl *Owner, ASTContext &Context);
  /// A synchronous read from a TCP peer, which no timeout bounds.
  void checkSyncRead(const CallExpr *Call, const Expr *Stream,
                     const FunctionDecl *Owner, ASTContext &Context);
  void checkGrpc(const CXXMemberCallExpr *Call, const FunctionDecl *Owner,
                 ASTContext &Context);
  void checkQt(const CXXMemberCallExpr *Call, const FunctionDecl *Owner,
               ASTContext &Context);
  /// Qt's app-wide hook: every request of \p Manager, a
  /// QNetworkAccessManager subclass, goes through its createRequest. False
  /// when that settles the call: the subclass sets a timeout, or its
  /// override without one is reported there, once.
  bool checkQtHook(const CXXRecordDecl *Manager, ASTContext &Context);
  /// A call of the HttpApis option.
  void checkInHouse(const CallExpr *Call, const FunctionDecl *Owner,
                    ASTContext &Context);

  /// Reports \p Call with \p Message, a fix inserting the statement
  /// \p Statement makes (before the call, or in the factory that made the
  /// object) and the notes \p Verdict calls for.
  void report(const CallExpr *Call, const Expr *Object,
              const Judgement &Verdict, StringRef Message,
              ArrayRef<std::string> Arguments, const StatementMaker &Statement,
              ASTContext &Context);

  /// Timed, unknown outside StrictMode, or held by nothing a message could
  /// name (a call's result, an array element).
  bool staysQuiet(const Judgement &Verdict) const {
    return Verdict.Result == Outcome::Timed || !Verdict.Object ||
           (Verdict.Result == Outcome::Unknown && !StrictMode);
  }

  /// A timeout of 0 or less would be no timeout at all: no fix then.
  bool offersFixes() const { return TimeoutMs > 0; }

  /// `std::chrono::seconds(30)`, or milliseconds when not whole seconds.
  std::string chronoDuration() const;

  const utils::ReportedFiles ShownFiles;
  const bool StrictMode;
  const std::int64_t TimeoutMs;
  const std::string HttpApisOption;
  const std::vector<utils::InHousePair> HttpApis;
  std::vector<ast_matchers::StatementMatcher> Candidates;
  /// The translation unit being checked, set by check().
  /// Members and internal variables are judged once per translation unit.
  llvm::DenseMap<const ValueDecl *, Judgement> Followed;
  /// A factory gets its fix once, however many calls use what it makes.
  llvm::DenseSet<const FunctionDecl *> FixedFactories;
  /// A createRequest override without a timeout is reported once.
  llvm::DenseSet<const FunctionDecl *> ReportedHooks;
};

} // namespace clang::tidy::leak

#endif
