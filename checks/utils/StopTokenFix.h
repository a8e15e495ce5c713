//===--- StopTokenFix.h - leak-tidy ---------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_STOPTOKENFIX_H
#define LEAK_TIDY_CHECKS_UTILS_STOPTOKENFIX_H

#include "ParentIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::leak::utils {

/// What the std::jthread rewrite of a detached std::thread touches.
struct StopTokenRewrite {
  /// The variable or data member holding the thread.
  const DeclaratorDecl *Thread = nullptr;
  /// The constructor call that starts it; its first argument is Lambda.
  const CXXConstructExpr *Construction = nullptr;
  const LambdaExpr *Lambda = nullptr;
  /// The endless loop, directly in the lambda's body.
  const Stmt *Loop = nullptr;
  /// The `t.detach()` call, a statement of its own.
  const CXXMemberCallExpr *Detach = nullptr;
};

/// The edits that turn the thread into a std::jthread whose lambda takes a
/// std::stop_token, checks it in the loop's condition, and is no longer
/// detached. None when some part cannot be rewritten safely (spelled in a
/// macro or through an alias, or the detach is part of a larger expression).
std::optional<llvm::SmallVector<FixItHint, 6>>
makeStopTokenRewrite(const StopTokenRewrite &Parts, ParentIndex &Parents,
                     ASTContext &Context);

/// True when the translation unit's standard library declares std::jthread.
bool declaresJThread(const ASTContext &Context);

} // namespace clang::tidy::leak::utils

#endif
