//===--- LeakClangdMain.cpp - the leak-clangd binary ----------------------===//
//
// clangd with the leak module built in. clangd cannot load clang-tidy
// plugins, but it instantiates every module in clang-tidy's registry, so
// registering ours before clangd starts is all an editor needs.
//
//===----------------------------------------------------------------------===//

#include "LeakTidyVersion.h"
#include "checks/LeakTidyModule.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::clangd {
// Defined in libclangdMain, whose header is not installed.
int clangdMain(int, char **); // NOLINT(misc-use-internal-linkage)
} // namespace clang::clangd

int main(int argc, char *argv[]) {
  clang::tidy::leak::registerLeakTidyModule();
  // clangdMain installs its own version printer, which replaces any other
  // and exits, so ours goes first.
  for (int I = 1; I < argc; ++I)
    if (llvm::StringRef(argv[I]) == "--version" ||
        llvm::StringRef(argv[I]) == "-version") {
      llvm::outs() << "leak-tidy version " LEAK_TIDY_VERSION "\n"
                   << "  clangd with the leak module, built with "
                      "LLVM " LEAK_TIDY_LLVM_VERSION "\n";
      llvm::outs().flush();
      break;
    }
  return clang::clangd::clangdMain(argc, argv);
}
