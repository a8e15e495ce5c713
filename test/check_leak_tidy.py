#!/usr/bin/env python3
"""Runs one leak-tidy check on a test file, the way lit tests use it.

    check_leak_tidy.py [options] INPUT CHECK TEMP [-- TIDY_ARGS] -- COMPILE_ARGS

Each delivery (the plugin loaded into clang-tidy, the leak-tidy binary, or
both) parses the input once:
  1. INPUT is copied to TEMP.<mode>.<ext> with its CHECK comments blanked out
     (lines are kept, so [[@LINE]] anchors stay right);
  2. the check runs with -fix (and --fix-notes when asked) and
     --export-fixes: its diagnostics, its fixed copy and its exported fixes
     come from that one run.
The first delivery's diagnostics are FileChecked against CHECK-MESSAGES
(unexpected warnings and errors forbidden) and CHECK-NOTES, and its fixed
copy against CHECK-FIXES (a test without CHECK-FIXES must leave the file
unchanged). With both deliveries, the second must print the same
diagnostics and fix the file to the same text. When the file was fixed, the
check runs once more on it: that run compiles it (clang-tidy runs clang's
whole front end, as -fsyntax-only does, and any error fails the test), and
every warning whose fix was applied must be gone, with nothing new.
"""

import argparse
import collections
import os
import re
import subprocess
import sys

CHECK_COMMENT = re.compile(r"[ \t]*//\s*CHECK-[A-Z0-9-]+:.*$", re.MULTILINE)
DIAGNOSTIC = re.compile(r"^(.*?):(\d+):(\d+): (warning|error|note): (.*)$")
Delivery = collections.namedtuple("Delivery", "mode work export lines fixed")


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


def run_delivery(args, mode, stripped, tidy_args, compile_args):
    """One parse of the test input by one delivery: its diagnostics, its
    fixes applied to its own copy, and the fixes it exported."""
    ext = os.path.splitext(args.input)[1]
    work = "%s.%s%s" % (args.temp, mode, ext)
    os.makedirs(os.path.dirname(os.path.abspath(work)), exist_ok=True)
    with open(work, "w") as f:
        f.write(stripped)
    export = work + ".fixes.yaml"
    if os.path.exists(export):
        os.remove(export)
    fix = ["-fix-notes" if args.fix_notes else "-fix"]
    first = run(tidy_command(args, mode, tidy_args) + fix +
                ["--export-fixes=" + export, work, "--"] + compile_args)
    if first.returncode != 0 and not args.expect_errors:
        fail("%s exited with %d" % (mode, first.returncode), first.stdout)
    with open(work) as f:
        fixed = f.read()
    return Delivery(mode, work, export, diagnostics(first.stdout), fixed)


def tidy_command(args, mode, tidy_args):
    tidy = ([args.clang_tidy, "-load=" + args.plugin] if mode == "plugin"
            else [args.binary])
    return tidy + ["-checks=-*," + args.check, "--quiet"] + tidy_args


def check_expectations(args, source, stripped, delivery):
    """FileChecks one delivery's diagnostics and fixed file against the
    test's CHECK-MESSAGES, CHECK-NOTES and CHECK-FIXES."""
    messages_file = delivery.work + ".msg"
    with open(messages_file, "w") as f:
        f.write("\n".join(delivery.lines) + "\n")
    suffix = "-" + args.check_suffix if args.check_suffix else ""
    suffixes = [""] + ([suffix] if suffix else [])
    message_prefixes = [p for p in ("CHECK-MESSAGES" + s for s in suffixes)
                        if has_prefix(source, p)]
    if message_prefixes:
        filecheck(args, messages_file, args.input, message_prefixes,
                  ["-implicit-check-not={{warning|error}}:"])
    elif warnings(delivery.lines):
        fail("%s reported warnings but the test has no CHECK-MESSAGES"
             % delivery.mode, "\n".join(delivery.lines))
    note_prefixes = [p for p in ("CHECK-NOTES" + s for s in suffixes)
                     if has_prefix(source, p)]
    if note_prefixes:
        filecheck(args, messages_file, args.input, note_prefixes)
    # A suffixed run checks only its own fixes: a run without --fix-notes
    # must leave the file alone even where the --fix-notes run rewrites it.
    if has_prefix(source, "CHECK-FIXES" + suffix):
        filecheck(args, delivery.work, args.input, ["CHECK-FIXES" + suffix],
                  ["-strict-whitespace"])
    elif delivery.fixed != stripped:
        fail("%s changed the file but the test has no CHECK-FIXES"
             % delivery.mode, delivery.fixed)


def check_fixed_file(args, delivery, tidy_args, compile_args):
    """Runs the check again on the fixed file. The run is also its compile:
    clang-tidy parses it with clang's whole front end, as -fsyntax-only
    does, and prints any compiler error. Every warning whose fix was applied
    must be gone, and nothing new may appear."""
    second = run(tidy_command(args, delivery.mode, tidy_args) +
                 [delivery.work, "--"] + compile_args)
    after_lines = diagnostics(second.stdout)
    errors = [l for l in after_lines if DIAGNOSTIC.match(l).group(4) == "error"]
    if errors or second.returncode != 0:
        fail("the fixed file does not compile", second.stdout)
    applied = fixed_diagnostics(delivery.export, args.fix_notes)
    before = collections.Counter(warnings(delivery.lines))
    after = collections.Counter(warnings(after_lines))
    if after - before:
        fail("the fixes introduced new warnings", second.stdout)
    # One fix may silence several warnings (a timeout set in the factory
    # that every caller uses); none may survive its own fix.
    if sum(after.values()) > sum(before.values()) - applied:
        fail("a second run still reports a fixed warning (%d before, "
             "%d fixes applied, %d after)"
             % (sum(before.values()), applied, sum(after.values())),
             second.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--binary", required=True)
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
    stripped = CHECK_COMMENT.sub("", source)
    modes = ["plugin", "binary"] if args.mode == "both" else [args.mode]
    runs = [run_delivery(args, m, stripped, tidy_args, compile_args)
            for m in modes]
    check_expectations(args, source, stripped, runs[0])
    # The other delivery must agree exactly, so the checks above hold for it.
    for other in runs[1:]:
        ours = [l.replace(runs[0].work, "<input>") for l in runs[0].lines]
        theirs = [l.replace(other.work, "<input>") for l in other.lines]
        if ours != theirs:
            fail("the %s and the %s disagree" % (runs[0].mode, other.mode),
                 "%s:\n%s\n%s:\n%s" % (runs[0].mode, "\n".join(ours),
                                       other.mode, "\n".join(theirs)))
        if other.fixed != runs[0].fixed:
            fail("the %s and the %s fixed the file differently"
                 % (runs[0].mode, other.mode), other.fixed)
    if runs[0].fixed != stripped:
        check_fixed_file(args, runs[-1], tidy_args, compile_args)

if __name__ == "__main__":
    main()
