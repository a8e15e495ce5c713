#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every lit test
# (each check test through the plugin and the binary, and the real-world suite
# over the example code Debian ships) and ends with the line
# "N passed, N failed". Exits non-zero when any test fails.
# LEAK_TIDY_REALWORLD=fast runs the real-world suite on a fifth of its files.
set -euo pipefail
cd "$(dirname "$0")/.."
. tool/deps.sh

leak_tidy_install_missing "${LEAK_TIDY_BUILD_PACKAGES[@]}" "${LEAK_TIDY_TEST_PACKAGES[@]}"
leak_tidy_build

lit=/usr/lib/llvm-$LEAK_TIDY_LLVM_MAJOR/build/utils/lit/lit.py
log=build/test/lit.log
status=0
python3 "$lit" -sv -j "$(nproc)" build/test 2>&1 | tee "$log" || status=$?

echo
echo "Real-world suite (test/realworld):"
cat build/test/realworld/Output/*.test.tmp/*/summary.txt 2>/dev/null || echo "  (no summary)"

count() { sed -n "s/^ *$1: *\([0-9]*\).*/\1/p" "$log" | head -n 1; }
passed=$(count Passed)
failed=$(count Failed)
passed=${passed:-0}
failed=${failed:-0}
# A run that died before lit's summary counts as a failure.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
