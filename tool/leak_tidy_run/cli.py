"""The command line: options, the run, the summary and the exit status."""

import argparse
import os
import re
import sys

from . import (EXIT_ANALYSIS, EXIT_CLEAN, EXIT_FINDINGS, EXIT_SETUP,
               SetupError, plural)
from .database import (changed_lines, database_files, find_database,
                       git_top_level, select_files)
from .running import run_all
from .sarif import write_sarif

LEVELS = ("warning", "error")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="leak-tidy-run",
        description="Run leak-tidy over the files of a compile_commands.json, "
        "in parallel.",
        epilog="Exit status: 0 clean, 1 diagnostics at the --fail-on levels, "
        "2 setup error, 3 a file could not be analysed.")
    parser.add_argument(
        "files", nargs="*", metavar="FILE",
        help="analyse only these files (others in the database are skipped); "
        "files not in the database, such as headers, are ignored")
    parser.add_argument(
        "-p", dest="build_path", metavar="PATH",
        help="compile_commands.json or the directory holding it "
        "(default: the first of ., build/ and the git top level's build/ "
        "that has one)")
    parser.add_argument(
        "-j", dest="jobs", type=int, default=os.cpu_count() or 1,
        help="files analysed at once (default: all cores, %(default)s here)")
    parser.add_argument(
        "--include", action="append", default=[], metavar="REGEX",
        help="analyse only files whose absolute path matches (repeatable)")
    parser.add_argument(
        "--exclude", action="append", default=[], metavar="REGEX",
        help="skip files whose absolute path matches (repeatable)")
    parser.add_argument(
        "--diff", metavar="REF",
        help="report only diagnostics on lines changed since the merge base "
        "of REF and HEAD (working tree included), and analyse only changed "
        "files; HEAD gives the staged and unstaged changes")
    parser.add_argument(
        "--fail-on", default="warning,error", metavar="LEVELS",
        help="comma-separated levels that make the exit status 1: warning, "
        "error, or none (default: %(default)s)")
    parser.add_argument(
        "--sarif", metavar="FILE", help="also write the results as SARIF 2.1.0")
    parser.add_argument(
        "--source-root", metavar="DIR",
        help="SARIF locations are relative to it (default: the git top level "
        "of the current directory, else the current directory)")
    parser.add_argument(
        "--docs-url", metavar="URL",
        help="base URL of the check pages, for the SARIF rules' helpUri")
    parser.add_argument(
        "--clang-tidy", metavar="BINARY",
        help="the clang-tidy to run (default: leak-tidy beside this script, "
        "else on PATH)")
    parser.add_argument(
        "--load", metavar="PLUGIN",
        help="load the leak-tidy plugin into --clang-tidy")
    parser.add_argument(
        "--checks", default="-*,leak-*",
        help="clang-tidy's -checks, added to the configuration's "
        "(default: %(default)s)")
    parser.add_argument("--config-file", metavar="FILE",
                        help="clang-tidy's -config-file")
    parser.add_argument("--header-filter", metavar="REGEX",
                        help="clang-tidy's -header-filter")
    parser.add_argument(
        "--tidy-arg", action="append", default=[], metavar="ARG",
        help="pass ARG on to each leak-tidy run (repeatable)")
    parser.add_argument(
        "--progress", choices=("auto", "bar", "lines", "none"), default="auto",
        help="a progress bar on a terminal, plain lines otherwise (auto)")
    parser.add_argument(
        "-q", "--quiet", action="store_true",
        help="no progress and no summary; diagnostics only")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("-j must be at least 1")
    levels = [level for level in args.fail_on.split(",") if level]
    if levels == ["none"]:
        levels = []
    unknown = [level for level in levels if level not in LEVELS]
    if unknown:
        parser.error("--fail-on takes warning, error or none, not "
                     + ", ".join(unknown))
    args.fail_levels = set(levels)
    for option in ("include", "exclude"):
        for pattern in getattr(args, option):
            try:
                re.compile(pattern)
            except re.error as error:
                parser.error("--%s %r: %s" % (option, pattern, error))
    return args


def unique_diagnostics(results):
    """Each diagnostic once: a header's warning is found by every file that
    includes it."""
    seen = set()
    unique = []
    for result in results:
        for diagnostic in result.diagnostics:
            message = diagnostic["DiagnosticMessage"]
            key = (diagnostic["DiagnosticName"], message.get("FilePath"),
                   message.get("FileOffset"), message["Message"])
            if key not in seen:
                seen.add(key)
                unique.append(diagnostic)
    return unique


def summary(files, diagnostics, failures):
    counts = {}
    for diagnostic in diagnostics:
        level = diagnostic.get("Level", "Warning").lower()
        counts[level] = counts.get(level, 0) + 1
    by_check = {}
    for diagnostic in diagnostics:
        name = diagnostic["DiagnosticName"]
        by_check[name] = by_check.get(name, 0) + 1
    text = "leak-tidy-run: %s, %s, %s" % (
        plural(len(files), "file"), plural(counts.get("warning", 0), "warning"),
        plural(counts.get("error", 0), "error"))
    if by_check:
        text += " (" + ", ".join("%s: %d" % item
                                 for item in sorted(by_check.items())) + ")"
    if failures:
        text += "; %s could not be analysed: %s" % (
            plural(len(failures), "file"),
            ", ".join(os.path.relpath(r.path) for r in failures))
    return text


def main(argv, launcher_dir, doc_dirs, default_docs_url):
    """Runs leak-tidy-run with \p argv. \p launcher_dir is where the
    command is (leak-tidy is looked for beside it), \p doc_dirs where the
    check pages may be, \p default_docs_url their base URL from the build."""
    args = parse_args(argv)
    args.launcher_dir = launcher_dir
    args.doc_dirs = doc_dirs
    args.default_docs_url = default_docs_url
    try:
        args.database = find_database(args.build_path)
        directories = database_files(args.database)
        files = select_files(args, directories)
        changed = None
        if args.diff:
            changed = changed_lines(args.diff)
            files = [f for f in files if os.path.realpath(f) in changed]
        if args.sarif:
            root = os.path.abspath(args.source_root or
                                   git_top_level(os.getcwd()) or os.getcwd())
        results = run_all(args, files, directories, changed) if files else []
        diagnostics = unique_diagnostics(results)
        if args.sarif:
            write_sarif(args.sarif, args, diagnostics, results, root)
    except SetupError as error:
        sys.stderr.write("leak-tidy-run: error: %s\n" % error)
        return EXIT_SETUP
    except KeyboardInterrupt:
        sys.stderr.write("leak-tidy-run: interrupted\n")
        return 130
    failures = [r for r in results if r.failed]
    if not args.quiet:
        sys.stderr.write(summary(files, diagnostics, failures) + "\n")
    if failures:
        return EXIT_ANALYSIS
    if any(d.get("Level", "Warning").lower() in args.fail_levels
           for d in diagnostics):
        return EXIT_FINDINGS
    return EXIT_CLEAN

