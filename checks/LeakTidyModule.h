//===--- LeakTidyModule.h - leak-tidy -------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_LEAKTIDYMODULE_H
#define LEAK_TIDY_CHECKS_LEAKTIDYMODULE_H

namespace clang::tidy::leak {

/// Adds the leak module to clang-tidy's module registry. Registration is a
/// call rather than a static object so that the plugin can refuse to register
/// inside a clang-tidy of another LLVM version. Calling it again is harmless.
void registerLeakTidyModule();

} // namespace clang::tidy::leak

#endif
