#!/usr/bin/env python3
"""What leak-tidy costs next to parsing, on heavy real translation units.

    bench/run.py [--leak-tidy build/bin/leak-tidy] [--runs 3] [--scale-runs 1]
                 [--only REGEX] [--no-scale] [--report FILE]

For every file of a fixed set (Beast and Asio examples from libboost1.81-doc,
Qt network examples from qtbase5-examples, curl examples from libcurl4-doc
and a synthetic file from bench/synthetic.py) it times, interleaved over
--runs rounds, three whole processes:

  a  clang++-19 -fsyntax-only                      the parse, the floor
  b  leak-tidy -checks='-*,concurrency-mt-unsafe'  clang-tidy's own overhead
  c  leak-tidy -checks='-*,leak-*'                 the four leak checks

and reports per file the median wall times, the ratios b/a and c/b, the peak
resident memory of each, and each leak check's share of c's time, read from
one more run of c with --enable-check-profile. The synthetic file is also run
at 1x, 4x and 16x to show how the cost grows with the size of a file.
It needs the packages the real-world tests use; it is a benchmark, never part
of the test suite, and prints a Markdown report (also written to --report).
"""

import argparse
import glob
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
import realworld  # noqa: E402  (the corpora and their compile flags)
import synthetic  # noqa: E402

LLVM_MAJOR = "19"
BASELINE_CHECK = "concurrency-mt-unsafe"
LEAK_CHECKS = ["leak-detached-thread", "leak-unstopped-timer",
               "leak-unread-channel-send", "leak-http-without-timeout"]
SCALES = [1, 4, 16]

# (corpus in test/realworld/realworld.py, path under the corpus root)
FILES = [
    ("boost-beast", "http/server/fast/http_server_fast.cpp"),
    ("boost-beast", "advanced/server/advanced_server.cpp"),
    ("boost-beast", "http/client/crawl/http_crawl.cpp"),
    ("boost-asio", "cpp20/channels/throttling_proxy.cpp"),
    ("boost-asio", "cpp20/coroutines/chat_server.cpp"),
    ("boost-asio", "cpp03/icmp/ping.cpp"),
    ("qt5", "network/downloadmanager/downloadmanager.cpp"),
    ("qt5", "network/googlesuggest/googlesuggest.cpp"),
    ("qt5", "network/torrent/trackerclient.cpp"),
    ("curl", "hiperfifo.c"),
    ("curl", "multi-uv.c"),
]


class Unit:
    """One translation unit and the three commands that process it."""

    def __init__(self, label, path, flags, leak_tidy):
        self.label, self.path = label, path
        compiler = ("clang-" if path.endswith(".c") else "clang++-") + LLVM_MAJOR
        tidy = [leak_tidy, "--quiet", path]
        self.commands = {
            "a": [compiler, "-fsyntax-only"] + flags + [path],
            "b": tidy[:1] + ["-checks=-*," + BASELINE_CHECK] + tidy[1:] + ["--"] + flags,
            "c": tidy[:1] + ["-checks=-*,leak-*"] + tidy[1:] + ["--"] + flags,
        }
        self.wall = {k: [] for k in self.commands}
        self.cpu = {k: [] for k in self.commands}
        self.peak = {k: 0 for k in self.commands}
        self.shares = {}


def run_once(command):
    """Wall seconds, CPU seconds (user + system) and peak resident MiB of one
    process; fails loudly."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    # wait4 gives this child's own rusage, so ru_maxrss is its peak memory.
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode != 0 and b"error:" in stderr:
        raise RuntimeError("%s failed:\n%s" % (" ".join(command),
                                                stderr.decode(errors="replace")[-2000:]))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def corpus_units(args, work):
    units = []
    for corpus, rel in FILES:
        root, _, flags_for, generate = realworld.CORPORA[corpus]
        path = os.path.join(root, rel)
        if not os.path.exists(path):
            sys.exit("bench: %s is missing; run `tool/quickstart.sh` or install "
                     "the packages in tool/deps.sh first" % path)
        if generate:
            generate([path], work)
        units.append(Unit("%s/%s" % (corpus, rel), path, flags_for(path),
                          args.leak_tidy))
    return units


def grpc_stubs(work):
    """Generates the gRPC stub the synthetic file includes, as a project would."""
    out = os.path.join(work, "grpc")
    os.makedirs(out, exist_ok=True)
    proto = os.path.join(ROOT, "test", "Inputs", "grpc")
    plugin = shutil.which("grpc_cpp_plugin")
    if not plugin or not shutil.which("protoc"):
        sys.exit("bench: protoc and grpc_cpp_plugin are needed "
                 "(protobuf-compiler-grpc)")
    subprocess.run(["protoc", "-I", proto, "--cpp_out=" + out,
                    "--grpc_out=" + out, "--plugin=protoc-gen-grpc=" + plugin,
                    os.path.join(proto, "greeter.proto")], check=True)
    return out


def synthetic_unit(scale, args, work, stubs):
    path = os.path.join(work, "synthetic-%dx.cpp" % scale)
    synthetic.write(scale, path)
    qt = realworld.QT_INCLUDE
    flags = ["-std=c++20", "-fPIC", "-pthread", "-I" + qt, "-I%s/QtCore" % qt,
             "-I%s/QtNetwork" % qt, "-I" + stubs]
    return Unit("synthetic %dx (%d functions)" % (scale, synthetic.functions(scale)),
                path, flags, args.leak_tidy)


def measure(units, runs):
    for unit in units:  # warm the page cache; not timed
        run_once(unit.commands["a"])
    order = ["a", "b", "c"]
    for round_ in range(runs):
        for unit in units:
            # Rotating the order keeps a slow neighbour from favouring one kind.
            for kind in order[round_ % 3:] + order[:round_ % 3]:
                wall, cpu, peak = run_once(unit.commands[kind])
                unit.wall[kind].append(wall)
                unit.cpu[kind].append(cpu)
                unit.peak[kind] = max(unit.peak[kind], peak)
            print("  round %d/%d  %s" % (round_ + 1, runs, unit.label),
                  file=sys.stderr, flush=True)


def profile(units, work):
    for n, unit in enumerate(units):
        out = os.path.join(work, "profile-%d" % n)
        shutil.rmtree(out, ignore_errors=True)
        command = list(unit.commands["c"])
        command[1:1] = ["--enable-check-profile", "--store-check-profile=" + out]
        run_once(command)
        (report,) = glob.glob(os.path.join(out, "*.json"))
        with open(report) as f:
            times = json.load(f)["profile"]
        total = statistics.median(unit.wall["c"])
        for check in LEAK_CHECKS:
            seconds = times.get("time.clang-tidy.%s.wall" % check, 0.0)
            unit.shares[check] = (seconds, seconds / total)


def median(unit, kind, times="wall"):
    return statistics.median(getattr(unit, times)[kind])


def table(units):
    lines = ["| file | a: parse s | b: baseline s | c: leak-* s | b/a | c/b "
             "| peak MiB a / b / c | " +
             " | ".join(c.replace("leak-", "") + " %" for c in LEAK_CHECKS) + " |",
             "|---|---:|---:|---:|---:|---:|---:|" + "---:|" * len(LEAK_CHECKS)]
    for u in units:
        a, b, c = (median(u, k) for k in "abc")
        lines.append("| %s | %.2f | %.2f | %.2f | %.3f | %.3f | %d / %d / %d | %s |" % (
            u.label, a, b, c, b / a, c / b, u.peak["a"], u.peak["b"], u.peak["c"],
            " | ".join("%.2f" % (100 * u.shares[ch][1]) for ch in LEAK_CHECKS)))
    return lines


def summary(units):
    cb = [median(u, "c") / median(u, "b") for u in units]
    cb_cpu = [median(u, "c", "cpu") / median(u, "b", "cpu") for u in units]
    ba = [median(u, "b") / median(u, "a") for u in units]
    total = {k: sum(median(u, k) for u in units) for k in "abc"}
    worst = max(((u.shares[ch][1], ch, u.label) for u in units for ch in LEAK_CHECKS))
    return [
        "- c/b, median over the files: **%.3f** (goal <= 1.03: %s); over the summed "
        "times: %.3f; worst file: %.3f" % (
            statistics.median(cb), "met" if statistics.median(cb) <= 1.03 else "NOT met",
            total["c"] / total["b"], max(cb)),
        "- c/b in CPU time (user + system), median over the files: %.3f; this "
        "machine's wall times vary more than CPU times" % statistics.median(cb_cpu),
        "- b/a, median over the files: %.3f; over the summed times: %.3f" % (
            statistics.median(ba), total["b"] / total["a"]),
        "- largest share of one leak check on one file: **%.2f%%** (%s on %s; goal "
        "<= 2%%: %s)" % (100 * worst[0], worst[1], worst[2],
                         "met" if worst[0] <= 0.02 else "NOT met"),
    ]


def scale_table(units):
    lines = ["| synthetic file | a: parse s | b: baseline s | c: leak-* s | c - b s "
             "| leak checks, profiled s | profiled s per 1x |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for scale, u in zip(SCALES, units):
        checks = sum(s for s, _ in u.shares.values())
        a, b, c = (median(u, k) for k in "abc")
        lines.append("| %s | %.2f | %.2f | %.2f | %.2f | %.3f | %.3f |" % (
            u.label, a, b, c, c - b, checks, checks / scale))
    return lines


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leak-tidy", default=os.path.join(ROOT, "build", "bin", "leak-tidy"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale-runs", type=int, default=1)
    parser.add_argument("--only", help="only the files whose label matches this regex")
    parser.add_argument("--no-scale", action="store_true", help="skip the 1x/4x/16x series")
    parser.add_argument("--report", help="also write the Markdown report here")
    args = parser.parse_args()
    args.leak_tidy = os.path.abspath(args.leak_tidy)
    if not os.access(args.leak_tidy, os.X_OK):
        sys.exit("bench: no leak-tidy at %s; build it first (tool/quickstart.sh)"
                 % args.leak_tidy)

    # Outside the repository, so that no .clang-tidy of ours applies.
    work = tempfile.mkdtemp(prefix="leak-tidy-bench-")
    try:
        stubs = grpc_stubs(work)
        units = corpus_units(args, work) + [synthetic_unit(1, args, work, stubs)]
        if args.only:
            units = [u for u in units if re.search(args.only, u.label)]
        print("bench: %d files, %d rounds" % (len(units), args.runs), file=sys.stderr)
        measure(units, args.runs)
        profile(units, work)
        report = ["## leak-tidy cost: %d files, median of %d interleaved runs" % (
            len(units), args.runs), ""] + table(units) + [""] + summary(units)
        if not args.no_scale:
            series = [synthetic_unit(s, args, work, stubs) for s in SCALES]
            print("bench: synthetic file at %s, %d rounds" % (
                ", ".join("%dx" % s for s in SCALES), args.scale_runs), file=sys.stderr)
            measure(series, args.scale_runs)
            profile(series, work)
            report += ["", "## Growth with file size (median of %d runs)" % args.scale_runs,
                       ""] + scale_table(series)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = "\n".join(report) + "\n"
    print(text)
    if args.report:
        with open(args.report, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
