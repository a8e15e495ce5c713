#!/usr/bin/env python3
"""What leak-tidy-run's --cache saves: a second run over an unchanged tree
against the first, on a corpus of the real-world suite.

    bench/runner_cache.py [--corpus boost-beast] [--runner build/bin/leak-tidy-run]
                          [--report FILE]

It writes the corpus's compile_commands.json into a scratch directory, runs
leak-tidy-run three times, and reports the wall times:

  plain   without --cache
  first   with an empty cache: the analysis, plus listing and hashing each
          file's inputs (clang -M) to store the entries
  second  with the cache the first run filled, nothing changed

The goal is a second run at most 10% of the plain one. A benchmark, not a
test: timings are never asserted.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "test", "realworld"))
import realworld  # noqa: E402


def timed(command, cwd):
    start = time.perf_counter()
    run = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    summary = [line for line in run.stderr.splitlines()
               if line.startswith("leak-tidy-run:")]
    return time.perf_counter() - start, summary[-1] if summary else ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="boost-beast",
                        choices=sorted(realworld.CORPORA))
    parser.add_argument("--runner", default=os.path.join(
        ROOT, "build", "bin", "leak-tidy-run"))
    parser.add_argument("--report")
    args = parser.parse_args()

    root, files_of, flags, generate = realworld.CORPORA[args.corpus]
    files = list(files_of())
    work = tempfile.mkdtemp(prefix="leak-tidy-cache-bench-")
    if generate:
        generate(files, work)
    entries = [{"directory": os.path.dirname(f), "file": f,
                "arguments": ["clang-19" if f.endswith(".c") else "clang++-19"]
                + flags(f) + ["-c", f]} for f in files]
    with open(os.path.join(work, "compile_commands.json"), "w") as stream:
        json.dump(entries, stream)
    base = [args.runner, "-p", work, "--progress", "none", "--fail-on", "none"]
    cache = os.path.join(work, "cache")
    plain = timed(base, work)
    first = timed(base + ["--cache", cache], work)
    second = timed(base + ["--cache", cache], work)
    shutil.rmtree(work, ignore_errors=True)

    lines = ["%s, %d files (`bench/runner_cache.py --corpus %s`):" % (
        args.corpus, len(files), args.corpus), "",
             "| run | wall s | of the plain run | summary |",
             "|---|---:|---:|---|"]
    for name, (seconds, summary) in (("plain", plain), ("first, cache empty",
                                                         first),
                                     ("second, nothing changed", second)):
        lines.append("| %s | %.1f | %.1f%% | %s |" % (
            name, seconds, 100 * seconds / plain[0],
            summary.replace("leak-tidy-run: ", "")))
    report = "\n".join(lines) + "\n"
    print(report)
    if args.report:
        with open(args.report, "w") as stream:
            stream.write(report)


if __name__ == "__main__":
    main()
