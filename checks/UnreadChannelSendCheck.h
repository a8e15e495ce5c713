//===--- UnreadChannelSendCheck.h - leak-tidy -----------------------------===//

#ifndef LEAK_TIDY_CHECKS_UNREADCHANNELSENDCHECK_H
#define LEAK_TIDY_CHECKS_UNREADCHANNELSENDCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include "utils/ChannelApis.h"
#include "utils/LeakCheck.h"
#include "utils/ObjectHome.h"
#include "utils/SettingFlow.h"
#include "utils/Spawns.h"
#include "utils/TranslationUnitIndex.h"
#include "utils/UserCode.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::leak {

namespace utils {
struct ChannelUses;
struct TaskSend;
} // namespace utils

/// Finds sends on unbuffered channels, in tasks a function spawns, that the
/// function can leave without receiving: Boost.Fiber's unbuffered_channel,
/// Asio's experimental channels built without a buffer, and in-house types.
///
/// For the user-facing documentation see:
/// docs/checks/leak-unread-channel-send.md
class UnreadChannelSendCheck : public utils::LeakCheck {
public:
  UnreadChannelSendCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_AsIs;
  }

private:
  void checkCandidate(const ast_matchers::BoundNodes &Nodes,
                      ASTContext &Context);
  /// A data member channel: its class's tasks send, its class receives.
  void checkMember(const FieldDecl *Channel, ASTContext &Context);
  void reportUnreceived(const utils::TaskSend &Sent, const VarDecl *Channel,
                        const FunctionDecl *Owner,
                        const utils::ChannelUses &Uses, ArrayRef<FixItHint> Fix,
                        ASTContext &Context);

  const utils::ReportedFiles ShownFiles;
  const bool StrictMode;
  const std::string UnbufferedChannelsOption;
  const std::string SpawnersOption;
  std::vector<utils::InHouseChannel> InHouse;
  std::vector<std::string> Spawners;
  std::vector<ast_matchers::StatementMatcher> Candidates;
  /// The translation unit being checked, set by check().
  /// Each send is reported once per channel, however many template
  /// instances hold them.
  llvm::DenseSet<std::pair<SourceLocation, SourceLocation>> Reported;
  /// Each member channel is judged once.
  llvm::DenseSet<const FieldDecl *> CheckedMembers;
  tidy::utils::IncludeInserter Inserter;
};

} // namespace clang::tidy::leak

#endif
