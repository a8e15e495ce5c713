//===--- LeakTidyModule.cpp - leak-tidy -----------------------------------===//

#include "LeakTidyModule.h"
#include "DetachedThreadCheck.h"
#include "HttpWithoutTimeoutCheck.h"
#include "UnreadChannelSendCheck.h"
#include "UnstoppedTimerCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/Basic/Version.h"
// LLVM 22 moved the registry into ClangTidyModule.h and deprecated this one.
#if CLANG_VERSION_MAJOR < 22
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

namespace clang::tidy::leak {
namespace {

class LeakTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    CheckFactories.registerCheck<DetachedThreadCheck>("leak-detached-thread");
    CheckFactories.registerCheck<HttpWithoutTimeoutCheck>(
        "leak-http-without-timeout");
    CheckFactories.registerCheck<UnreadChannelSendCheck>(
        "leak-unread-channel-send");
    CheckFactories.registerCheck<UnstoppedTimerCheck>("leak-unstopped-timer");
  }
};

} // namespace

void registerLeakTidyModule() {
  static ClangTidyModuleRegistry::Add<LeakTidyModule> Registration(
      "leak-module", "Finds concurrent work that can outlive everything that "
                     "could stop it: the C++ forms of goroutine leaks.");
}

} // namespace clang::tidy::leak
