#!/usr/bin/python3
"""leak-tidy-run: runs leak-tidy over a project's compile_commands.json.

Runs one leak-tidy process per source file, in parallel, and prints each
file's diagnostics in one piece. It can report only the lines changed since a
git ref (for pre-commit and pull requests), write SARIF 2.1.0 for code-scanning
services, and exit non-zero when warnings remain.

Exit status:
  0  no diagnostic at the --fail-on levels
  1  diagnostics at the --fail-on levels were reported
  2  the run could not start: bad arguments, no compilation database, bad ref
  3  a file could not be analysed: compiler errors, or leak-tidy crashed

CMake writes this launcher into build/bin and fills in the @-names; the code
is the leak_tidy_run package.
"""

import os
import sys

HERE = os.path.dirname(os.path.realpath(__file__))

# The package: installed (<prefix>/lib/leak-tidy/python), else in the source
# tree the build came from.
for candidate in (os.path.join(HERE, "..", "lib", "leak-tidy", "python"),
                  os.path.join("@PROJECT_SOURCE_DIR@", "tool")):
    if os.path.isdir(os.path.join(candidate, "leak_tidy_run")):
        sys.path.insert(0, os.path.normpath(candidate))
        break

from leak_tidy_run import cli  # noqa: E402  (found through the path above)

# The check pages: installed (<prefix>/share/doc/leak-tidy), else in the
# source tree.
DOC_DIRS = [
    os.path.join(HERE, "..", "share", "doc", "leak-tidy", "docs", "checks"),
    os.path.join("@PROJECT_SOURCE_DIR@", "docs", "checks"),
]

if __name__ == "__main__":
    sys.exit(cli.main(sys.argv[1:], HERE, DOC_DIRS, "@LEAK_TIDY_DOCS_URL@"))
