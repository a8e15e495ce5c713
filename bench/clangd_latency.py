#!/usr/bin/env python3
"""What the leak checks add to leak-clangd's latency in the editor.

    bench/clangd_latency.py [--clangd build/bin/leak-clangd] [--rounds 2]
                            [--edits 8] [--only REGEX] [--report FILE]

On the heavy Beast and Asio files of bench/run.py it measures, as an editor
sees them, the milliseconds from a notification to the diagnostics clangd
publishes for it:

  open    didOpen of the file: preamble, AST and checks
  change  didChange of one line (a comment appended): the AST and checks
          again, the preamble reused, after clangd's own debounce

with clang-tidy off (--clang-tidy=false) and with the four leak checks on
(a .clang-tidy of '-*,leak-*' and FastCheckFilter: Loose). The two alternate
over --rounds fresh server processes per file, each opening the file and
making --edits changes. Wall latencies on a loaded 2-core machine vary by
more than the checks cost, so it also reads clangd's own trace (CLANGD_TRACE)
of every AST build: the time of the clang-tidy spans (creating the checks
and matching) against the rest of the build. That is the quantity behind
clangd's fast-check list, where a check must cost under 8% of the main
file's AST build; it is given for the four checks together, for each
alone, and for a check on clangd's fast list (one more server each).
A benchmark, never part of the test suite; prints a Markdown report.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "test", "realworld"))
sys.path.insert(0, os.path.join(ROOT, "test", "clangd"))
sys.path.insert(0, HERE)
import lsp_client  # noqa: E402
import realworld  # noqa: E402
import run  # noqa: E402  (the benchmark's file set)

CHECKS = ["leak-detached-thread", "leak-http-without-timeout",
          "leak-unread-channel-send", "leak-unstopped-timer"]
# A check on clangd's own fast list, measured the same way for comparison.
REFERENCE = "bugprone-unused-return-value"
# The .clang-tidy Checks of each mode; None turns clang-tidy off.
MODES = {"off": None, "leak": "-*,leak-*"}


def heavy_files():
    return [(corpus, rel) for corpus, rel in run.FILES
            if corpus in ("boost-beast", "boost-asio")]


def project(work, corpus, rel):
    """A copy of the file in a directory of its own, with its compile command
    and a .clangd that lets the leak checks run; the copy's includes still
    resolve, as the flags name the original's directory."""
    root, _, flags_for, _ = realworld.CORPORA[corpus]
    original = os.path.join(root, rel)
    directory = os.path.join(work, re.sub(r"\W", "_", rel))
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, os.path.basename(rel))
    shutil.copy(original, path)
    flags = flags_for(original) + ["-I" + os.path.dirname(original)]
    with open(os.path.join(directory, "compile_commands.json"), "w") as f:
        json.dump([{"directory": directory, "file": path,
                    "arguments": ["clang++-19"] + flags + ["-c", path]}], f)
    with open(os.path.join(directory, ".clangd"), "w") as f:
        f.write("Diagnostics: {ClangTidy: {FastCheckFilter: Loose}, "
                "UnusedIncludes: None, MissingIncludes: None}\n")
    return path


def session(clangd, checks, path, edits, work, log):
    """Milliseconds to diagnostics for the didOpen and for each change, the
    leak warnings published on open, and from clangd's trace each AST
    build's (clang-tidy ms, rest of the build ms). checks is the
    .clang-tidy Checks value, or None for clang-tidy off."""
    directory = os.path.dirname(path)
    with open(os.path.join(directory, ".clang-tidy"), "w") as f:
        f.write("Checks: '%s'\n" % (checks or "-*"))
    trace = os.path.join(work, "trace.json")
    env = dict(os.environ, CLANGD_TRACE=trace)
    tidy = ["--clang-tidy"] if checks else ["--clang-tidy=false"]
    client = lsp_client.LspClient(
        [clangd, "--background-index=false", "--log=error"] + tidy,
        cwd=directory, stderr=log, env=env)
    try:
        client.initialize(directory)
        with open(path) as f:
            text = f.read()
        start = time.perf_counter()
        client.open(path, text)
        diagnostics = client.diagnostics(path, 1, timeout=600)
        opened = 1000 * (time.perf_counter() - start)
        leaks = [d for d in diagnostics
                 if str(d.get("code", "")).startswith("leak-")]
        changes = []
        for edit in range(edits):
            text += "// edit %d\n" % edit
            start = time.perf_counter()
            client.change(path, text, version=edit + 2)
            client.diagnostics(path, edit + 2, timeout=600)
            changes.append(1000 * (time.perf_counter() - start))
    finally:
        client.close()
    return opened, changes, len(leaks), ast_builds(trace)


def ast_builds(trace):
    """(clang-tidy ms, rest of the build ms) of each AST build in a clangd
    trace. The clang-tidy spans nest inside their BuildAST span."""
    with open(trace) as f:
        events = [e for e in json.load(f)["traceEvents"] if e.get("ph") == "X"]
    builds = []
    for build in (e for e in events if e["name"] == "BuildAST"):
        end = build["ts"] + build["dur"]
        tidy = sum(e["dur"] for e in events
                   if e["name"] in ("ClangTidyInit", "ClangTidyMatch")
                   and e["tid"] == build["tid"]
                   and build["ts"] <= e["ts"] <= end)
        builds.append((tidy / 1000, (build["dur"] - tidy) / 1000))
    return builds


def share(builds):
    """Median clang-tidy time in percent of the rest of the AST build."""
    return statistics.median(100 * tidy / rest for tidy, rest in builds)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clangd", default=os.path.join(ROOT, "build", "bin",
                                                         "leak-clangd"))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--edits", type=int, default=8)
    parser.add_argument("--only", default="", help="regex on the file label")
    parser.add_argument("--report")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="leak-clangd-bench-")
    rows = []
    with open(os.path.join(work, "clangd.log"), "w") as log:
        for corpus, rel in heavy_files():
            label = "%s/%s" % (corpus, rel)
            if not re.search(args.only, label):
                continue
            path = project(work, corpus, rel)
            opened = {m: [] for m in MODES}
            changed = {m: [] for m in MODES}
            builds = []
            warnings = 0
            for round_ in range(args.rounds):
                order = list(MODES) if round_ % 2 == 0 else list(MODES)[::-1]
                for mode in order:
                    o, c, n, b = session(args.clangd, MODES[mode], path,
                                         args.edits, work, log)
                    opened[mode].append(o)
                    changed[mode].extend(c)
                    if MODES[mode]:
                        warnings, builds = n, builds + b
                print("  round %d/%d  %s" % (round_ + 1, args.rounds, label),
                      file=sys.stderr, flush=True)
            alone = {check: share(session(args.clangd, "-*," + check, path,
                                          args.edits, work, log)[3])
                     for check in CHECKS + [REFERENCE]}
            rows.append((label, warnings,
                         {m: statistics.median(opened[m]) for m in MODES},
                         {m: statistics.median(changed[m]) for m in MODES},
                         statistics.median(rest for _, rest in builds),
                         statistics.median(tidy for tidy, _ in builds),
                         share(builds), alone))
    shutil.rmtree(work, ignore_errors=True)

    lines = [
        "Median milliseconds from the notification to the published "
        "diagnostics, clang-tidy off and the leak checks on (%d rounds of an "
        "open and %d one-line changes); from clangd's trace, the leak checks' "
        "time in each AST build, and in percent of the rest of that build "
        "(clangd's bar for a fast check: under 8%%)."
        % (args.rounds, args.edits), "",
        "| file | leak warnings | open: off / leak ms | change: off / leak ms "
        "| AST build ms | leak-* ms | leak-* % | " +
        " | ".join(c.replace("leak-", "") + " %" for c in CHECKS) +
        " | %s %% |" % REFERENCE,
        "|---|---:|---:|---:|---:|---:|---:|" + "---:|" * (len(CHECKS) + 1)]
    for label, warnings, opened, changed, rest, tidy, together, alone in rows:
        lines.append("| %s | %d | %.0f / %.0f | %.0f / %.0f | %.0f | %.1f | %.2f "
                     "| %s |" % (
                         label, warnings, opened["off"], opened["leak"],
                         changed["off"], changed["leak"], rest, tidy, together,
                         " | ".join("%.2f" % alone[c]
                                    for c in CHECKS + [REFERENCE])))
    report = "\n".join(lines) + "\n"
    print(report)
    if args.report:
        with open(args.report, "w") as f:
            f.write(report)


if __name__ == "__main__":
    main()
