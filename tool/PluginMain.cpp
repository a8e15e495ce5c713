//===--- PluginMain.cpp - libLeakTidy.so entry ----------------------------===//
//
// Runs when clang-tidy loads the plugin with -load. The plugin uses
// clang-tidy's classes from the hosting process; in a clang-tidy of another
// LLVM major version their layouts differ, so it stops with one clear line
// instead of registering checks that would crash or misreport.
//
//===----------------------------------------------------------------------===//

#include "checks/LeakTidyModule.h"
#include "clang/Basic/Version.h"
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

/// The major version of the clang-tidy that loaded us, or 0 if unknown.
/// getClangFullVersion resolves to the host's own copy, never to one built
/// into the plugin.
unsigned hostClangMajor() {
  const std::string Full = clang::getClangFullVersion();
  const std::string::size_type Pos = Full.find("version ");
  if (Pos == std::string::npos)
    return 0;
  return static_cast<unsigned>(
      std::strtoul(Full.c_str() + Pos + 8, nullptr, 10));
}

struct PluginLoad {
  PluginLoad() {
    const unsigned Host = hostClangMajor();
    if (Host != LEAK_TIDY_PLUGIN_EXPECTED_MAJOR) {
      std::fprintf(stderr,
                   "error: " LEAK_TIDY_PLUGIN_NAME " was built for clang-tidy "
                   "%d and cannot be loaded into clang-tidy %u; use a plugin "
                   "built against LLVM %u, or the leak-tidy binary\n",
                   LEAK_TIDY_PLUGIN_EXPECTED_MAJOR, Host, Host);
      std::fflush(stderr);
      std::_Exit(1);
    }
    clang::tidy::leak::registerLeakTidyModule();
  }
} Load;

} // namespace
