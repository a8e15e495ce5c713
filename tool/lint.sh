#!/usr/bin/env bash
# Lints leak-tidy's own sources with the project's .clang-tidy (the test
# suite does the same in test/tool/self-lint.test).
set -euo pipefail
cd "$(dirname "$0")/.."
. tool/deps.sh
leak_tidy_install_missing "${LEAK_TIDY_BUILD_PACKAGES[@]}"
leak_tidy_build >/dev/null
exec "run-clang-tidy-$LEAK_TIDY_LLVM_MAJOR" -p build -quiet -warnings-as-errors='*' \
  "$PWD/(checks|tool)/.*\.cpp\$"
