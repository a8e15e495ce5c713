#!/usr/bin/env bash
# Quick start: installs what is missing, builds leak-tidy, runs it on the
# example services in examples/ and shows what their fix-its make of the code.
set -euo pipefail
cd "$(dirname "$0")/.."
. tool/deps.sh

read -ra build_packages <<< "$(leak_tidy_build_packages "$LEAK_TIDY_LLVM_MAJOR")"
leak_tidy_install_missing "${build_packages[@]}"
leak_tidy_build

leak_tidy_install_missing "${LEAK_TIDY_EXAMPLE_PACKAGES[@]}"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Runs leak-tidy on one bundled example, applies its fix-its with the given
# flag in a scratch copy, and shows that the result compiles and is clean.
show_example() {
  local example=$1 fix_flag=$2 fixed
  echo
  echo "== build/bin/leak-tidy -checks='-*,leak-*' $example"
  build/bin/leak-tidy -checks='-*,leak-*' --quiet "$example"
  cp "$example" examples/compile_flags.txt "$scratch/"
  fixed="$scratch/$(basename "$example")"
  build/bin/leak-tidy -checks='-*,leak-*' "$fix_flag" --quiet "$fixed" >/dev/null 2>&1
  echo
  if [ "$fix_flag" = --fix-notes ]; then
    echo "== the fix-it, applied with --fix-notes (plain -fix leaves the code alone)"
  else
    echo "== the fix-it, applied with -fix"
  fi
  diff -u --label "$example" --label "$example (fixed)" "$example" "$fixed" || true
  local flags
  mapfile -t flags < examples/compile_flags.txt
  "clang++-$LEAK_TIDY_LLVM_MAJOR" "${flags[@]}" -fsyntax-only "$fixed"
  echo
  echo "== the fixed file compiles; leak-tidy on it again:"
  build/bin/leak-tidy -checks='-*,leak-*' --quiet "$fixed" 2>&1 | grep . || echo "(no warnings)"
}

show_example examples/metrics_agent.cpp --fix-notes
show_example examples/status_poller.cpp -fix
show_example examples/session_sweeper.cpp -fix
show_example examples/quote_race.cpp -fix
