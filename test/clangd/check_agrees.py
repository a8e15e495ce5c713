"""Runs one check on one file through leak-tidy and through leak-clangd's
--check mode, with the same compile flags, and requires the same warnings:
the same lines and the same messages.

    check_agrees.py --clangd C --leak-tidy T --scratch DIR --check NAME
                    [--only-in-leak-tidy LINE]... FILE -- FLAGS...

--only-in-leak-tidy names a line whose warning clangd cannot give (see
docs/ide.md): it must be leak-tidy's alone, and the rest the same.
"""

import argparse
import pathlib
import re
import shutil
import subprocess
import sys

TIDY_WARNING = re.compile(r"^(.*):(\d+):\d+: warning: (.*) \[([\w-]+)\]$")
CLANGD_WARNING = re.compile(r"\] \[([\w-]+)\] Line (\d+): (.*)$")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--leak-tidy", required=True)
    parser.add_argument("--scratch", required=True, type=pathlib.Path)
    parser.add_argument("--check", required=True)
    parser.add_argument("--only-in-leak-tidy", type=int, action="append",
                        default=[], metavar="LINE")
    parser.add_argument("file", type=pathlib.Path)
    parser.add_argument("flags", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    flags = [f for f in args.flags if f != "--"]

    args.scratch.mkdir(parents=True, exist_ok=True)
    copy = args.scratch / args.file.name
    shutil.copy(args.file, copy)
    (args.scratch / "compile_flags.txt").write_text("\n".join(flags) + "\n")
    (args.scratch / ".clang-tidy").write_text("Checks: '-*,%s'\n" % args.check)
    (args.scratch / ".clangd").write_text(
        "Diagnostics: {ClangTidy: {FastCheckFilter: Loose}}\n")

    tidy = subprocess.run([args.leak_tidy, "--quiet", str(copy)],
                          capture_output=True, text=True, cwd=args.scratch)
    from_tidy = set()
    for line in tidy.stdout.splitlines():
        match = TIDY_WARNING.match(line)
        if match and pathlib.Path(match.group(1)).name == copy.name:
            from_tidy.add((int(match.group(2)), match.group(4), match.group(3)))

    clangd = subprocess.run([args.clangd, "--check=" + str(copy),
                             "--check-warnings", "--check-locations=false"],
                            capture_output=True, text=True, cwd=args.scratch)
    from_clangd = set()
    for line in clangd.stderr.splitlines():
        match = CLANGD_WARNING.search(line)
        if match and match.group(1).startswith("leak-"):
            from_clangd.add((int(match.group(2)), match.group(1),
                             match.group(3)))

    if not from_tidy:
        print("FAIL: %s: leak-tidy reports nothing:\n%s"
              % (args.file.name, tidy.stderr[-2000:]))
        return 1
    tidy_alone = {w for w in from_tidy if w[0] in args.only_in_leak_tidy}
    if {w[0] for w in tidy_alone} != set(args.only_in_leak_tidy):
        print("FAIL: %s: leak-tidy has no warning on line(s) %s"
              % (args.file.name, sorted(set(args.only_in_leak_tidy) -
                                         {w[0] for w in tidy_alone})))
        return 1
    from_tidy -= tidy_alone
    if from_tidy != from_clangd:
        for line, check, message in sorted(from_tidy - from_clangd):
            print("only leak-tidy: %d: [%s] %s" % (line, check, message))
        for line, check, message in sorted(from_clangd - from_tidy):
            print("only leak-clangd: %d: [%s] %s" % (line, check, message))
        print("FAIL: %s: leak-clangd and leak-tidy differ" % args.file.name)
        return 1
    print("%s: %d %s warnings, the same in leak-clangd and leak-tidy%s"
          % (args.file.name, len(from_tidy), args.check,
             "; %d in leak-tidy only, as expected" % len(tidy_alone)
             if tidy_alone else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
