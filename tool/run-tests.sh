#!/usr/bin/env bash
# The whole test suite, against each LLVM in LEAK_TIDY_LLVM_MAJORS (default
# "19 22"): installs what is missing, builds (LLVM 19 in build/, 22 in
# build-llvm22/), runs every lit test, prints how long each phase took and
# the ten slowest tests, and ends with the line "N passed, N failed", summed
# over the LLVMs. Exits non-zero when any test fails.
#
# What runs under each LLVM (the CI run):
#   the first LLVM of the list (19): every check test through the plugin and
#     the binary, and the real-world suite over every file of its corpora;
#   every other LLVM (22): every check test through the plugin only, and the
#     real-world suite on a fifth of its files (plus every file with an
#     expected warning);
#   every LLVM: the examples, tool, runner, SARIF, pre-commit, install and
#     package tests, and leak-clangd's;
#   the first LLVM only: the tests whose subject does not depend on the LLVM
#     (REQUIRES: llvm-independent): leakcheck's (test/runtime), and the
#     runner's baseline, cache, shards and CMake-route tests; the lint of leak-tidy's own sources under the newest
#     LLVM of the list only (clang-tidy 19 lints inside the Clang headers
#     too, at four times the cost).
# Each part can be widened:
#   LEAK_TIDY_SUITE=full        all of it under every LLVM (about twice the
#                               CI run's time)
#   LEAK_TIDY_REALWORLD=full|fast   the real-world suite, under every LLVM
#   LEAK_TIDY_DELIVERY=both|plugin|binary   the check tests, under every LLVM
#   LEAK_TIDY_SELF_LINT=all     the self-lint under every LLVM
set -euo pipefail
cd "$(dirname "$0")/.."
. tool/deps.sh

phase_names=()
phase_seconds=()
phase_started=0
phase_start() { phase_started=$SECONDS; }
phase_end() {
  phase_names+=("$1")
  phase_seconds+=($((SECONDS - phase_started)))
}

phase_start
packages=()
for major in $LEAK_TIDY_LLVM_MAJORS; do
  read -ra build_packages <<< "$(leak_tidy_build_packages "$major")"
  read -ra test_packages <<< "$(leak_tidy_test_packages "$major")"
  packages+=("${build_packages[@]}" "${test_packages[@]}")
done
leak_tidy_install_missing "${packages[@]}"
phase_end "install"

# lit comes with llvm-N-tools, in a place that moved between 19 and 22.
lit_for() {
  local candidate
  for candidate in "/usr/lib/llvm-$1/build/utils/lit/lit.py" "/usr/lib/llvm-$1/bin/lit"; do
    [ -f "$candidate" ] && { echo "$candidate"; return; }
  done
  echo "leak-tidy: no lit in llvm-$1-tools" >&2
  return 1
}

count() { sed -n "s/^ *$1 *: *\([0-9]*\).*/\1/p" "$2" | head -n 1; }

read -ra majors <<< "$LEAK_TIDY_LLVM_MAJORS"
primary=${majors[0]}
newest=$(printf '%s\n' "${majors[@]}" | sort -n | tail -n 1)
full=${LEAK_TIDY_SUITE:-}
[ -z "$full" ] || [ "$full" = full ] ||
  { echo "leak-tidy: LEAK_TIDY_SUITE must be 'full' or unset" >&2; exit 2; }

total_passed=0
total_failed=0
status=0
per_llvm=()
results=()
for major in "${majors[@]}"; do
  dir=$(leak_tidy_build_dir "$major")
  if [ "$major" = "$primary" ] || [ -n "$full" ]; then
    delivery=both realworld=full
  else
    delivery=plugin realworld=fast
  fi
  self_lint=0
  if [ "$major" = "$newest" ] || [ -n "$full" ] ||
    [ "${LEAK_TIDY_SELF_LINT:-}" = all ]; then
    self_lint=1
  fi
  # leakcheck's tests, and those of the runner's logic, do not depend on
  # the LLVM: they run once.
  independent_tests=0
  if [ "$major" = "$primary" ] || [ -n "$full" ]; then independent_tests=1; fi
  delivery=${LEAK_TIDY_DELIVERY:-$delivery}
  realworld=${LEAK_TIDY_REALWORLD:-$realworld}
  echo
  echo "=== LLVM $major: building in $dir/ and running the suite" \
    "(check tests: $delivery; real-world suite: $realworld;" \
    "self-lint: $([ "$self_lint" = 1 ] && echo yes || echo no))"
  log=$dir/test/lit.log
  passed=0
  failed=0
  phase_start
  if leak_tidy_build "$major"; then
    phase_end "build, LLVM $major"
    phase_start
    suite_status=0
    LEAK_TIDY_DELIVERY=$delivery LEAK_TIDY_REALWORLD=$realworld \
      LEAK_TIDY_SELF_LINT=$self_lint LEAK_TIDY_LLVM_INDEPENDENT_TESTS=$independent_tests \
      python3 "$(lit_for "$major")" -sv -j "$(nproc)" \
      -o "$dir/test/lit-results.json" "$dir/test" 2>&1 | tee "$log" ||
      suite_status=$?
    phase_end "lit, LLVM $major"
    results+=("$major=$dir/test/lit-results.json")
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
    phase_end "build, LLVM $major (failed)"
    echo "leak-tidy: the build against LLVM $major failed"
    failed=1
  fi
  [ "$failed" -eq 0 ] || status=1
  per_llvm+=("LLVM $major: $passed passed, $failed failed")
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
done

echo
echo "Time per phase:"
for i in "${!phase_names[@]}"; do
  printf '  %-22s %5d s\n' "${phase_names[$i]}" "${phase_seconds[$i]}"
done
printf '  %-22s %5d s\n' "total" "$SECONDS"
if [ ${#results[@]} -gt 0 ]; then
  echo "Ten slowest tests:"
  python3 tool/slowest-tests.py 10 "${results[@]}"
fi
echo
printf '%s\n' "${per_llvm[@]}"
echo "$total_passed passed, $total_failed failed"
exit "$status"
