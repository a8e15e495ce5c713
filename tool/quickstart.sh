#!/usr/bin/env bash
# Quick start: installs what is missing, builds leak-tidy, runs it on the
# example service in examples/ and shows what its fix-it makes of the code.
set -euo pipefail
cd "$(dirname "$0")/.."
. tool/deps.sh

leak_tidy_install_missing "${LEAK_TIDY_BUILD_PACKAGES[@]}"
leak_tidy_build

example=examples/metrics_agent.cpp
echo
echo "== build/bin/leak-tidy -checks='-*,leak-*' $example"
build/bin/leak-tidy -checks='-*,leak-*' --quiet "$example"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$example" examples/compile_flags.txt "$scratch/"
fixed="$scratch/$(basename "$example")"
build/bin/leak-tidy -checks='-*,leak-*' --fix-notes --quiet "$fixed" >/dev/null 2>&1
echo
echo "== the fix-it, applied with --fix-notes (plain -fix leaves the code alone)"
diff -u --label "$example" --label "$example (fixed)" "$example" "$fixed" || true
"clang++-$LEAK_TIDY_LLVM_MAJOR" -std=c++20 -fsyntax-only "$fixed"
echo
echo "== the fixed file compiles; leak-tidy on it again:"
build/bin/leak-tidy -checks='-*,leak-*' --quiet "$fixed" 2>&1 | grep . || echo "(no warnings)"
