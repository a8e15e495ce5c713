#!/usr/bin/env bash
# The whole test suite, against each LLVM in LEAK_TIDY_LLVM_MAJORS (default
# "19 22"): installs what is missing, builds (LLVM 19 in build/, 22 in
# build-llvm22/), runs every lit test (each check test through the plugin and
# the binary, the runner, SARIF, pre-commit, install and Debian package tests,
# and the real-world suite over the example code Debian ships) and ends with
# the line "N passed, N failed", summed over the LLVMs. Exits non-zero when
# any test fails. LEAK_TIDY_REALWORLD=fast runs the real-world suite on a
# fifth of its files.
set -euo pipefail
cd "$(dirname "$0")/.."
. tool/deps.sh

packages=()
for major in $LEAK_TIDY_LLVM_MAJORS; do
  read -ra build_packages <<< "$(leak_tidy_build_packages "$major")"
  read -ra test_packages <<< "$(leak_tidy_test_packages "$major")"
  packages+=("${build_packages[@]}" "${test_packages[@]}")
done
leak_tidy_install_missing "${packages[@]}"

# lit comes with llvm-N-tools, in a place that moved between 19 and 22.
lit_for() {
  local candidate
  for candidate in "/usr/lib/llvm-$1/build/utils/lit/lit.py" "/usr/lib/llvm-$1/bin/lit"; do
    [ -f "$candidate" ] && { echo "$candidate"; return; }
  done
  echo "leak-tidy: no lit in llvm-$1-tools" >&2
  return 1
}

count() { sed -n "s/^ *$1: *\([0-9]*\).*/\1/p" "$2" | head -n 1; }

total_passed=0
total_failed=0
status=0
per_llvm=()
for major in $LEAK_TIDY_LLVM_MAJORS; do
  dir=$(leak_tidy_build_dir "$major")
  echo
  echo "=== LLVM $major: building in $dir/ and running the suite"
  log=$dir/test/lit.log
  passed=0
  failed=0
  if leak_tidy_build "$major"; then
    suite_status=0
    python3 "$(lit_for "$major")" -sv -j "$(nproc)" "$dir/test" 2>&1 | tee "$log" ||
      suite_status=$?
    echo
    echo "Real-world suite (test/realworld), LLVM $major:"
    cat "$dir"/test/realworld/Output/*.test.tmp/*/summary.txt 2>/dev/null || echo "  (no summary)"
    passed=$(count Passed "$log")
    failed=$(count Failed "$log")
    passed=${passed:-0}
    failed=${failed:-0}
    # A run that died before lit's summary counts as a failure.
    if [ "$suite_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  else
    echo "leak-tidy: the build against LLVM $major failed"
    failed=1
  fi
  [ "$failed" -eq 0 ] || status=1
  per_llvm+=("LLVM $major: $passed passed, $failed failed")
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
done

echo
printf '%s\n' "${per_llvm[@]}"
echo "$total_passed passed, $total_failed failed"
exit "$status"
