"""The command line: options, the run, what it prints, and the exit status.

Diagnostics go to stdout; progress, per-file problems and the summary to
stderr.
"""

import argparse
import os
import re
import sys

from . import (EXAMINED_SITES, EXIT_ANALYSIS, EXIT_CLEAN, EXIT_FINDINGS,
               EXIT_SETUP, SetupError, plural)
from . import baseline as baselines
from .configuration import check_configuration, dump_leak_options
from .database import (Database, changed_lines, find_database, git_top_level,
                       select_files)
from .running import (find_clang_tidy, line_filter_for, open_cache, render,
                      run_all, warning_flag)
from .sarif import write_sarif
from .shards import estimated_costs, merge_sarif, parse_shard, select_shard
from .sources import SourceFile, shown_path

LEVELS = ("warning", "error")

EXIT_STATUS = """exit status:
  0  every file analysed, no diagnostic at the --fail-on levels
  1  diagnostics at the --fail-on levels were reported
  2  the run could not start: bad arguments, no compilation database, a bad
     ref, or a configuration file clang-tidy cannot read (see
     --allow-config-errors)
  3  a file could not be analysed at all: it does not exist, a header it
     includes is missing, or leak-tidy crashed (a file analysed despite
     compiler errors, such as an unknown flag, does not count)"""


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="leak-tidy-run",
        description="Run leak-tidy over the files of a compile_commands.json, "
        "in parallel. Diagnostics go to stdout; progress, per-file problems "
        "and the summary to stderr.",
        epilog=EXIT_STATUS, formatter_class=argparse.RawDescriptionHelpFormatter)
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
        help="the project's root: headers under it are reported on, and SARIF "
        "locations are relative to it (default: the git top level of the "
        "current directory, else the current directory)")
    parser.add_argument(
        "--header-filter", metavar="REGEX",
        help="report on the headers whose real absolute path matches REGEX, "
        "instead of every header under the source root")
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
    parser.add_argument(
        "--allow-config-errors", action="store_true",
        help="go on when clang-tidy cannot read a configuration file (it then "
        "ignores that file, and the options in it)")
    parser.add_argument(
        "--dump-config", action="store_true",
        help="print the options the leak checks will use for the first "
        "selected file, and exit")
    parser.add_argument(
        "--extra-arg", action="append", default=[], metavar="ARG",
        help="add ARG to each compile command (repeatable)")
    parser.add_argument(
        "--extra-arg-before", action="append", default=[], metavar="ARG",
        help="put ARG first in each compile command (repeatable)")
    parser.add_argument(
        "--keep-werror", action="store_true",
        help="keep the project's -Werror, -Werror=... and -pedantic-errors; "
        "by default the runner drops them and adds -Wno-error, so that the "
        "project's warnings do not count as compiler errors")
    parser.add_argument(
        "--tidy-arg", action="append", default=[], metavar="ARG",
        help="pass ARG on to each leak-tidy run (repeatable)")
    parser.add_argument(
        "--progress", choices=("auto", "bar", "lines", "none"), default="auto",
        help="a progress bar on a terminal, plain lines otherwise (auto)")
    parser.add_argument(
        "-q", "--quiet", action="store_true",
        help="no progress and no summary; diagnostics only")
    adoption = parser.add_argument_group(
        "large codebases", "a baseline of accepted warnings, a result cache, "
        "and shards across CI machines (docs/integrations.md)")
    adoption.add_argument(
        "--write-baseline", metavar="FILE",
        help="record the warnings of this run in FILE as accepted; the run "
        "then fails only when a file could not be analysed")
    adoption.add_argument(
        "--baseline", metavar="FILE",
        help="report, and fail on, only the warnings not accepted in FILE; "
        "list the accepted ones no longer found as stale")
    adoption.add_argument(
        "--prune-baseline", action="store_true",
        help="with --baseline: remove the stale entries from FILE")
    adoption.add_argument(
        "--cache", metavar="DIR",
        help="reuse the results of files whose inputs are unchanged since a "
        "run stored them in DIR (sources, headers, flags, .clang-tidy, "
        "options and leak-tidy itself); DIR may be shared")
    adoption.add_argument(
        "--shard", metavar="K/N",
        help="analyse only the K-th of N parts of the selected files, split "
        "by estimated cost; every part, on every machine, the same way")
    adoption.add_argument(
        "--shard-costs", choices=("size", "cache"), default="size",
        help="what --shard balances: each file's preprocessed size (the "
        "default; the same on every machine), or the time --cache stored "
        "for it (only with one cache shared by every shard)")
    adoption.add_argument(
        "--merge-sarif", nargs="+", metavar=("OUT", "IN"),
        help="merge the SARIF files IN... (one per shard) into one run in "
        "OUT, and exit; nothing is analysed")
    args = parser.parse_args(argv)
    if args.merge_sarif is not None and len(args.merge_sarif) < 2:
        parser.error("--merge-sarif takes OUT and at least one IN")
    if args.prune_baseline and not args.baseline:
        parser.error("--prune-baseline needs --baseline")
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
    for option in ("include", "exclude", "header_filter"):
        for pattern in filter(None, [getattr(args, option)]
                              if option == "header_filter"
                              else getattr(args, option)):
            try:
                re.compile(pattern)
            except re.error as error:
                parser.error("--%s %r: %s" % (option.replace("_", "-"),
                                              pattern, error))
    return args


class Report:
    """What the run has shown so far: each diagnostic printed once (a
    header's warning is found by every file that includes it), the headers
    the filter hid, and each file's problems."""

    def __init__(self, args, root, database):
        self.args = args
        self.database = database
        self.root = os.path.realpath(root)
        self.header_filter = re.compile(args.header_filter) \
            if args.header_filter is not None else None
        self.sources = SourceFile()
        self.seen = set()
        self.diagnostics = []
        self.hidden = 0
        self.with_errors = []
        self.not_analysed = []
        self.baseline = baselines.Baseline(args.baseline) \
            if args.baseline else None
        # The warnings the baseline accepts, and every warning's key.
        self.accepted = []
        self.keys = {}

    def shows_header(self, path):
        real = os.path.realpath(path)
        if self.header_filter is not None:
            return self.header_filter.search(real) is not None
        return real.startswith(self.root + os.sep)

    def add(self, result, write):
        """Takes one file's result; \\p write prints a piece of stdout."""
        if result.not_analysed:
            self.not_analysed.append(result)
            where = self.where(result.stopping_error)
            self.problem("%s: not analysed: %s%s" % (
                shown_path(result.path), result.not_analysed,
                " (%s)" % where if where else ""))
            return
        text = []
        main = os.path.realpath(result.path)
        # In place order, so that of two identical warnings the later one is
        # the one a baseline does not have.
        for diagnostic in sorted(result.diagnostics, key=place):
            message = diagnostic["DiagnosticMessage"]
            path = message.get("FilePath")
            key = (diagnostic["DiagnosticName"], path,
                   message.get("FileOffset"), message["Message"])
            if key in self.seen:
                continue
            self.seen.add(key)
            if path and os.path.realpath(path) != main and \
                    not self.shows_header(path):
                self.hidden += 1
                continue
            # Compiler errors are the file's problem, told on stderr.
            if diagnostic.get("Level") == "Error" and \
                    diagnostic["DiagnosticName"].startswith("clang-diagnostic-"):
                continue
            key = baselines.key_for(diagnostic, result.context_of(diagnostic),
                                    self.root)
            self.keys[id(diagnostic)] = key
            if self.baseline is not None and self.baseline.take(key):
                self.accepted.append(diagnostic)
                continue
            self.diagnostics.append(diagnostic)
            text.append(render(diagnostic, self.sources))
        if text:
            write("".join(text))
        errors = result.errors
        if errors:
            self.with_errors.append(result)
            flags = sorted({f for f in map(warning_flag, errors) if f})
            # -pedantic-errors makes errors that -Wno-error=foo leaves be.
            pedantic = self.args.keep_werror and \
                self.database.pedantic_errors(result.path)
            hints = [("to drop it: --extra-arg=-Wno-%s" if pedantic else
                      "to make it a warning: --extra-arg=-Wno-error=%s") % flag
                     for flag in flags]
            # The driver ignores a flag it does not know, and parses on.
            if any(e["DiagnosticMessage"]["Message"].startswith(
                    "unknown argument") for e in errors):
                hints.append("clang ignored a flag it does not know: the "
                             "database was written for another compiler")
            self.problem(
                "%s: analysed with %s (results may be incomplete); the first:\n"
                "%s%s" % (shown_path(result.path),
                          plural(len(errors), "compiler error"),
                          render(errors[0], self.sources),
                          "".join("  %s\n" % hint for hint in hints)))

    def where(self, diagnostic):
        """`main.c:2:10`, where \\p diagnostic is; None without a file."""
        message = (diagnostic or {}).get("DiagnosticMessage") or {}
        if not message.get("FilePath"):
            return None
        position = self.sources.position(message["FilePath"],
                                         message["FileOffset"])
        return "%s:%d:%d" % ((shown_path(message["FilePath"]),) +
                             (position or (0, 0)))

    def problem(self, text):
        if not self.args.quiet:
            sys.stderr.write("leak-tidy-run: %s\n" % text.rstrip("\n"))


def place(diagnostic):
    message = diagnostic["DiagnosticMessage"]
    return (message.get("FilePath") or "", message.get("FileOffset") or 0)


def examined_counts(results, diagnostics):
    """{check: (examined, what, reported)}: the sites each check examined,
    summed over the files. A header is counted once: by the file that saw
    the most of it, as templates instantiated differently may show more."""
    per_file = {}
    for result in results:
        for (check, path), (count, what) in result.examined.items():
            seen = per_file.get((check, path), (0, what))[0]
            per_file[(check, path)] = (max(seen, count), what)
    counts = {}
    for (check, _), (count, what) in per_file.items():
        counts[check] = (counts.get(check, (0, what))[0] + count, what)
    reported = {}
    for diagnostic in diagnostics:
        if diagnostic.get("Level") == "Warning":
            name = diagnostic["DiagnosticName"]
            reported[name] = reported.get(name, 0) + 1
    return {check: (count, sites_examined(check, count, what),
                    reported.get(check, 0))
            for check, (count, what) in counts.items()}


def sites_examined(check, count, what):
    """What \\p count sites of \\p check are called: `detach site` for one."""
    one, many = EXAMINED_SITES.get(check, (what, what))
    return one if count == 1 else many


def summary(files, report, database, examined, results, cache):
    warnings = sum(1 for d in report.diagnostics
                   if d.get("Level") == "Warning")
    analysed = len(files) - len(report.not_analysed)
    notes = []
    if report.with_errors:
        notes.append("%d with compiler errors, results may be incomplete"
                     % len(report.with_errors))
    if cache is not None:
        notes.append("%d from the cache"
                     % sum(1 for r in results if r.from_cache))
    text = "leak-tidy-run: %s: %d analysed%s, %d not analysed; %s%s\n" % (
        plural(len(files), "file"), analysed,
        " (%s)" % "; ".join(notes) if notes else "",
        len(report.not_analysed),
        plural(warnings, "new warning" if report.baseline is not None
               else "warning"),
        " (%d accepted by the baseline)" % len(report.accepted)
        if report.baseline is not None else "")
    if database.duplicates:
        text += "  %s of the database analysed once\n" % plural(
            database.duplicates, "duplicate entry", "duplicate entries")
    if report.hidden:
        text += "  %s hidden: in headers --header-filter leaves out\n" % \
            plural(report.hidden, "warning")
    for check in sorted(examined):
        count, what, reported = examined[check]
        text += "  %s: %d %s examined, %d reported\n" % (check, count, what,
                                                         reported)
    return text


def main(argv, launcher_dir, doc_dirs, default_docs_url):
    """Runs leak-tidy-run with \\p argv. \\p launcher_dir is where the
    command is (leak-tidy is looked for beside it), \\p doc_dirs where the
    check pages may be, \\p default_docs_url their base URL from the build."""
    args = parse_args(argv)
    args.launcher_dir = launcher_dir
    args.doc_dirs = doc_dirs
    args.default_docs_url = default_docs_url
    root = os.path.abspath(args.source_root or git_top_level(os.getcwd())
                           or os.getcwd())
    results = []
    cache = None
    try:
        if args.merge_sarif:
            merge_sarif(args.merge_sarif[0], args.merge_sarif[1:])
            return EXIT_CLEAN
        database = Database(find_database(args.build_path))
        files = select_files(args, database.entries)
        whole = not (args.files or args.include or args.exclude or args.diff
                     or args.shard)
        if args.diff:
            changed = changed_lines(args.diff)
            files = [f for f in files if os.path.realpath(f) in changed]
        else:
            changed = None
        cache = open_cache(args, root)
        if args.shard:
            shard, count = parse_shard(args.shard)
            existing = [f for f in files if f not in database.missing]
            if args.shard_costs == "cache" and cache is None:
                raise SetupError("--shard-costs cache needs --cache")
            costs = estimated_costs(
                existing, database,
                cache if args.shard_costs == "cache" else None,
                lambda f: cache.key(f, database.tidy_entry(
                    f, args.keep_werror), line_filter_for(changed, database, f)),
                args.jobs)
            costs.update({f: 0 for f in files if f in database.missing})
            files = select_shard(files, costs, shard, count)
        missing = [f for f in files if f in database.missing]
        present = [f for f in files if f not in database.missing]
        clang_tidy = find_clang_tidy(args.clang_tidy, launcher_dir)
        if args.dump_config:
            if not present:
                raise SetupError("no file to read the configuration for")
            # What clang-tidy could not read is why an option is missing.
            check_configuration(args, clang_tidy, database, present[:1],
                                going_on="the options below are those it "
                                "uses without it")
            sys.stdout.write(dump_leak_options(args, clang_tidy, database,
                                               present[0]))
            return EXIT_CLEAN
        check_configuration(args, clang_tidy, database, present)
        report = Report(args, root, database)
        for path in missing:
            report.not_analysed.append(path)
            report.problem("%s: not analysed: the file does not exist (listed "
                           "in %s)" % (shown_path(path),
                                       shown_path(database.path)))
        if present:
            results = run_all(args, present, database, changed, root,
                              report.add, cache)
        examined = examined_counts(results, report.diagnostics +
                                   report.accepted)
        stale = {}
        if report.baseline is not None:
            analysed = {baselines.relative_file(r.path, root)
                        for r in results if not r.failed}
            stale = report.baseline.stale(
                lambda path: whole or path in analysed)
            if stale and not args.quiet:
                report.problem("%s in %s no longer found (fixed or changed)%s:\n"
                               "%s" % (
                                   plural(sum(stale.values()),
                                          "accepted warning"),
                                   shown_path(args.baseline),
                                   "; removed" if args.prune_baseline else
                                   "; --prune-baseline removes them",
                                   "".join("  %s\n" % k.text
                                           for k in sorted(stale))))
            if args.prune_baseline:
                report.baseline.prune(stale)
        if args.write_baseline:
            counts = {}
            for diagnostic in report.diagnostics + report.accepted:
                key = report.keys[id(diagnostic)]
                counts[key] = counts.get(key, 0) + 1
            baselines.write(args.write_baseline, counts)
        if args.sarif:
            write_sarif(args.sarif, args, report.diagnostics, results, root,
                        examined, missing,
                        accepted=report.accepted if report.baseline else None,
                        stale=stale)
    except SetupError as error:
        sys.stderr.write("leak-tidy-run: error: %s\n" % error)
        return EXIT_SETUP
    except KeyboardInterrupt:
        sys.stderr.write("leak-tidy-run: interrupted\n")
        return 130
    if not args.quiet:
        sys.stderr.write(summary(files, report, database, examined, results,
                                 cache))
    if report.not_analysed:
        return EXIT_ANALYSIS
    if args.write_baseline:
        return EXIT_CLEAN
    if any(d.get("Level", "Warning").lower() in args.fail_levels
           for d in report.diagnostics):
        return EXIT_FINDINGS
    return EXIT_CLEAN
