#!/usr/bin/env bash
# Lints leak-tidy's own sources with the project's .clang-tidy (the test
# suite does the same in test/tool/self-lint.test).
set -euo pipefail
cd "$(dirname "$0")/.."
. tool/deps.sh
read -ra build_packages <<< "$(leak_tidy_build_packages "$LEAK_TIDY_LLVM_MAJOR")"
leak_tidy_install_missing "${build_packages[@]}"
leak_tidy_build >/dev/null
exec "run-clang-tidy-$LEAK_TIDY_LLVM_MAJOR" -p build -quiet -warnings-as-errors='*' \
  "$PWD/(checks|tool)/.*\.cpp\$"
