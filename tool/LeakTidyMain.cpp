//===--- LeakTidyMain.cpp - the leak-tidy binary --------------------------===//
//
// clang-tidy's own driver with the leak module built in, so every clang-tidy
// flag works and the binary behaves exactly like the plugin.
//
//===----------------------------------------------------------------------===//

#include "LeakTidyVersion.h"
#include "checks/LeakTidyModule.h"
#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, const char **argv) {
  clang::tidy::leak::registerLeakTidyModule();
  llvm::cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "leak-tidy version " LEAK_TIDY_VERSION "\n"
       << "  clang-tidy with the leak module, built with "
          "LLVM " LEAK_TIDY_LLVM_VERSION "\n";
  });
  return clang::tidy::clangTidyMain(argc, argv);
}
