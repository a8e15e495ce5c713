#!/usr/bin/env bash
# leak-tidy as a CI step, for any CI system: runs leak-tidy-run over the
# project's compile_commands.json, writes SARIF for a code-scanning service
# and fails (exit 1) when a warning remains; on a pull request, only on the
# lines it changes. Run it from the repository's top level, with leak-tidy
# installed (the Debian package or `cmake --install`).
#
# Environment:
#   LEAK_TIDY_BUILD_DIR  where compile_commands.json is (default: build); when
#                        it has none, a CMake project is configured there.
#   LEAK_TIDY_BASE_REF   the branch a pull request merges into (main); when
#                        set, only warnings on lines changed since the merge
#                        base with origin/<it> count. Unset: every warning.
#   LEAK_TIDY_SARIF      the SARIF file to write (default: leak-tidy.sarif).
#   LEAK_TIDY_FAIL_ON    levels that fail the step (default: warning,error).
# Any arguments are passed on to leak-tidy-run (--exclude, -j ...).
set -euo pipefail

build_dir=${LEAK_TIDY_BUILD_DIR:-build}
if [ ! -f "$build_dir/compile_commands.json" ]; then
  cmake -S . -B "$build_dir" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
fi

diff=()
if [ -n "${LEAK_TIDY_BASE_REF:-}" ]; then
  base=origin/$LEAK_TIDY_BASE_REF
  # Checkouts in CI often hold the head commit alone: fetch the base branch
  # with enough history to find the merge base.
  if ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null ||
    [ "$(git rev-parse --is-shallow-repository)" = true ]; then
    git fetch --quiet --no-tags --unshallow origin \
      "+refs/heads/$LEAK_TIDY_BASE_REF:refs/remotes/$base" 2>/dev/null ||
      git fetch --quiet --no-tags origin \
        "+refs/heads/$LEAK_TIDY_BASE_REF:refs/remotes/$base"
  fi
  diff=(--diff "$base")
fi

exec leak-tidy-run -p "$build_dir" "${diff[@]}" \
  --sarif "${LEAK_TIDY_SARIF:-leak-tidy.sarif}" \
  --fail-on "${LEAK_TIDY_FAIL_ON:-warning,error}" "$@"
