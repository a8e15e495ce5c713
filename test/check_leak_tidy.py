#!/usr/bin/env python3
"""Runs one leak-tidy check on a test file, the way lit tests use it.

    check_leak_tidy.py [options] INPUT CHECK TEMP [-- TIDY_ARGS] -- COMPILE_ARGS

For each delivery mode (the plugin loaded into clang-tidy, and the leak-tidy
binary) it:
  1. copies INPUT to TEMP.<mode>.<ext> with its CHECK comments blanked out
     (lines are kept, so [[@LINE]] anchors stay right);
  2. runs the check with -fix (and --fix-notes when asked) and FileChecks
     the diagnostics against CHECK-MESSAGES, forbidding unexpected warnings
     and errors;
  3. FileChecks the fixed file against CHECK-FIXES; a test without
     CHECK-FIXES must leave the file unchanged;
  4. compiles the fixed file with clang -fsyntax-only;
  5. runs the check again on the fixed file: every warning whose fix was
     applied must be gone, and nothing new may appear.
Finally the two modes must have printed identical diagnostics.
"""

import argparse
import collections
import os
import re
import subprocess
import sys

CHECK_COMMENT = re.compile(r"[ \t]*//\s*CHECK-[A-Z0-9-]+:.*$", re.MULTILINE)
DIAGNOSTIC = re.compile(r"^(.*?):(\d+):(\d+): (warning|error|note): (.*)$")


def fail(message, output=None):
    sys.stderr.write("check_leak_tidy: FAIL: %s\n" % message)
    if output:
        sys.stderr.write("------ output ------\n%s\n--------------------\n" % output)
    sys.exit(1)


def run(command, **kwargs):
    return subprocess.run(command, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, **kwargs)


def split_args(rest):
    """[-- TIDY_ARGS] -- COMPILE_ARGS, as in upstream's runner."""
    if not rest:
        return [], []
    if rest[0] == "--":
        rest = rest[1:]
    if "--" in rest:
        cut = rest.index("--")
        return rest[:cut], rest[cut + 1:]
    return [], rest


def diagnostics(output):
    return [line for line in output.splitlines()
            if DIAGNOSTIC.match(line) and "FIX-IT applied" not in line]


def warnings(lines):
    return [DIAGNOSTIC.match(l).group(5) for l in lines
            if DIAGNOSTIC.match(l).group(4) in ("warning", "error")]


def fixed_diagnostics(export_file, fix_notes):
    """How many diagnostics in an --export-fixes file carry a fix that -fix
    (or --fix-notes) applies; read without a YAML library."""
    if not os.path.exists(export_file):
        return 0
    with open(export_file) as f:
        entries = f.read().split("- DiagnosticName:")[1:]
    count = 0
    for entry in entries:
        scope = entry if fix_notes else entry.split("Notes:")[0]
        if re.search(r"Replacements:\s*\n\s*- FilePath:", scope):
            count += 1
    return count


def has_prefix(text, prefix):
    return re.search(r"\b%s(-DAG|-NEXT|-SAME|-NOT|-EMPTY)?:" % re.escape(prefix),
                     text) is not None


def filecheck(args, input_file, check_file, prefixes, extra=()):
    result = run([args.filecheck, "-input-file=" + input_file, check_file,
                  "-check-prefixes=" + ",".join(prefixes)] + list(extra))
    if result.returncode != 0:
        fail("FileCheck %s failed on %s" % ("/".join(prefixes), input_file),
             result.stdout)


def run_mode(args, mode, source, tidy_args, compile_args):
    ext = os.path.splitext(args.input)[1]
    work = "%s.%s%s" % (args.temp, mode, ext)
    os.makedirs(os.path.dirname(os.path.abspath(work)), exist_ok=True)
    stripped = CHECK_COMMENT.sub("", source)
    with open(work, "w") as f:
        f.write(stripped)

    tidy = ([args.clang_tidy, "-load=" + args.plugin] if mode == "plugin"
            else [args.binary])
    base = tidy + ["-checks=-*," + args.check, "--quiet"] + tidy_args
    fix = ["-fix-notes" if args.fix_notes else "-fix"]
    export = work + ".fixes.yaml"
    if os.path.exists(export):
        os.remove(export)
    first = run(base + fix + ["--export-fixes=" + export, work, "--"] +
                compile_args)
    if first.returncode != 0 and not args.expect_errors:
        fail("%s exited with %d" % (mode, first.returncode), first.stdout)
    lines = diagnostics(first.stdout)
    messages_file = work + ".msg"
    with open(messages_file, "w") as f:
        f.write("\n".join(lines) + "\n")

    suffix = "-" + args.check_suffix if args.check_suffix else ""
    suffixes = [""] + ([suffix] if suffix else [])
    message_prefixes = [p for p in ("CHECK-MESSAGES" + s for s in suffixes)
                        if has_prefix(source, p)]
    if message_prefixes:
        filecheck(args, messages_file, args.input, message_prefixes,
                  ["-implicit-check-not={{warning|error}}:"])
    elif warnings(lines):
        fail("%s reported warnings but the test has no CHECK-MESSAGES" % mode,
             "\n".join(lines))
    note_prefixes = [p for p in ("CHECK-NOTES" + s for s in suffixes)
                     if has_prefix(source, p)]
    if note_prefixes:
        filecheck(args, messages_file, args.input, note_prefixes)

    with open(work) as f:
        fixed = f.read()
    # A suffixed run checks only its own fixes: a run without --fix-notes
    # must leave the file alone even where the --fix-notes run rewrites it.
    fix_prefixes = [p for p in ["CHECK-FIXES" + suffix]
                    if has_prefix(source, p)]
    if fix_prefixes:
        filecheck(args, work, args.input, fix_prefixes, ["-strict-whitespace"])
    elif fixed != stripped:
        fail("%s changed the file but the test has no CHECK-FIXES" % mode,
             fixed)

    if fixed != stripped:
        compiler = args.clang if ext == ".c" else args.clangxx
        compiled = run([compiler, "-fsyntax-only", work] + compile_args)
        if compiled.returncode != 0:
            fail("the fixed file does not compile", compiled.stdout)
        applied = fixed_diagnostics(export, args.fix_notes)
        second = run(base + [work, "--"] + compile_args)
        before = collections.Counter(warnings(lines))
        after = collections.Counter(warnings(diagnostics(second.stdout)))
        if after - before:
            fail("the fixes introduced new warnings", second.stdout)
        if sum(after.values()) != sum(before.values()) - applied:
            fail("a second run still reports a fixed warning (%d before, "
                 "%d fixes applied, %d after)"
                 % (sum(before.values()), applied, sum(after.values())),
                 second.stdout)
    return [line.replace(work, "<input>") for line in lines]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--clangxx", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--mode", choices=["plugin", "binary", "both"],
                        default="both")
    parser.add_argument("--fix-notes", action="store_true",
                        help="apply the fixes attached to notes as well")
    parser.add_argument("--check-suffix", default="",
                        help="also use CHECK-MESSAGES-<SUFFIX> and friends")
    parser.add_argument("--expect-errors", action="store_true",
                        help="the input does not compile; do not require "
                             "a zero exit status")
    parser.add_argument("input")
    parser.add_argument("check")
    parser.add_argument("temp")
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    tidy_args, compile_args = split_args(args.rest)

    with open(args.input) as f:
        source = f.read()
    modes = ["plugin", "binary"] if args.mode == "both" else [args.mode]
    outputs = {m: run_mode(args, m, source, tidy_args, compile_args)
               for m in modes}
    if len(outputs) == 2 and outputs["plugin"] != outputs["binary"]:
        fail("the plugin and the binary disagree",
             "plugin:\n%s\nbinary:\n%s" % ("\n".join(outputs["plugin"]),
                                           "\n".join(outputs["binary"])))


if __name__ == "__main__":
    main()
