#!/usr/bin/env python3
"""leak-tidy on example code Debian ships, compared with an expected list.

    realworld.py --leak-tidy BIN --clang CC --clangxx CXX --out DIR CORPUS

For one corpus (see CORPORA) it writes a compile_commands.json, runs
`leak-tidy -checks='-*,leak-*'` over every file in it (in parallel), and fails
  - on a crash, an assertion or a hang (a per-file time limit);
  - when the files that do not compile on this machine, or the warnings
    (file, line, check), differ from test/realworld/expected/CORPUS.txt,
    where every warning carries a verdict;
  - when a fix-it does not compile, or a second run still reports a warning
    it fixed: files that got fixes are copied, fixed with -fix and with
    -fix --fix-notes, and checked again by a run that is also their compile;
  - when a second run over a sample of files does not print byte-identical
    output.
LEAK_TIDY_REALWORLD=fast checks every fifth file (and every file with an
expected warning) instead of all of them. --update rewrites the expected list
from a full run; new warnings get the verdict TODO, which fails until judged.
"""

import argparse
import concurrent.futures
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time

BOOST = "/usr/share/doc/libboost1.81-doc/examples/libs"
QT = "/usr/lib/x86_64-linux-gnu/qt5/examples"
QT_INCLUDE = "/usr/include/x86_64-linux-gnu/qt5"
QT_MODULES = ["QtCore", "QtGui", "QtWidgets", "QtNetwork", "QtConcurrent",
              "QtSql", "QtXml", "QtTest", "QtDBus", "QtPrintSupport"]
TIME_LIMIT = 300  # seconds for one file; a hang fails the suite
DIAGNOSTIC = re.compile(r"^(/[^:]+):(\d+):(\d+): (warning|error): (.*) \[([\w.,-]+)\]$")
CRASH_MARKERS = ("Stack dump:", "PLEASE submit a bug report", "Assertion")


def boost_flags(std, *includes):
    return lambda path: ["-std=" + std, "-pthread", "-I" + os.path.dirname(path)] + \
        ["-I" + i for i in includes]


def asio_flags(path):
    # The coroutines TS examples build as C++20 coroutines with Clang 19.
    modern = "/cpp20/" in path or "/coroutines_ts/" in path
    return boost_flags("c++20" if modern else "c++17")(path)


def qt_flags(path):
    return (["-std=c++17", "-fPIC", "-I" + os.path.dirname(path),
             "-I" + QT_INCLUDE] +
            ["-I%s/%s" % (QT_INCLUDE, m) for m in QT_MODULES] +
            ["-I" + d for d in GENERATED.get(path, [])])


# Extra include directories per file, for code a corpus generates first.
GENERATED = {}


def qt_run_moc(files, out):
    """Generates the `#include "name.moc"` files that qmake would, with moc."""
    moc = "/usr/lib/qt5/bin/moc"
    for path in files:
        with open(path, errors="replace") as f:
            mocs = re.findall(r'^#include "(\w+)\.moc"', f.read(), re.MULTILINE)
        if not mocs or not os.path.exists(moc):
            continue
        gen = os.path.join(out, "moc", os.path.relpath(path, QT).replace("/", "__"))
        os.makedirs(gen, exist_ok=True)
        for name in mocs:
            subprocess.run([moc, path, "-o", os.path.join(gen, name + ".moc")],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        GENERATED[path] = [gen]


def qt_files():
    pattern = re.compile(r"QTimer|QThread|QNetworkAccessManager")
    for path in sorted(glob.glob(QT + "/**/*.cpp", recursive=True)):
        with open(path, errors="replace") as f:
            if pattern.search(f.read()):
                yield path


def under(root, suffix=".cpp"):
    return lambda: sorted(glob.glob(root + "/**/*" + suffix, recursive=True))


CORPORA = {
    # name: (root, files, flags for one file, generator run before analysis)
    "curl": ("/usr/share/doc/libcurl4/examples",
             lambda: sorted(glob.glob("/usr/share/doc/libcurl4/examples/*.c")) +
             sorted(glob.glob("/usr/share/doc/libcurl4/examples/*.cpp")),
             lambda p: ["-std=gnu11" if p.endswith(".c") else "-std=c++17",
                        "-pthread"], None),
    "boost-asio": (BOOST + "/asio/example", under(BOOST + "/asio/example"),
                   asio_flags, None),
    "boost-beast": (BOOST + "/beast/example", under(BOOST + "/beast/example"),
                    boost_flags("c++20", BOOST + "/beast"), None),
    "boost-fiber": (BOOST + "/fiber/examples", under(BOOST + "/fiber/examples"),
                    boost_flags("c++17"), None),
    "boost-thread": (BOOST + "/thread/example", under(BOOST + "/thread/example"),
                     boost_flags("c++17"), None),
    "qt5": (QT, qt_files, qt_flags, qt_run_moc),
}


def read_expected(path):
    """(warnings, skips): {(file, line, check): verdict}, {file: reason}."""
    warnings, skips = {}, {}
    if not os.path.exists(path):
        return warnings, skips
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            entry, _, verdict = line.partition("#")
            entry, verdict = entry.strip(), verdict.strip()
            if entry.startswith("skip "):
                skips[entry[5:].strip()] = verdict
                continue
            m = re.match(r"^(.+):(\d+): ([\w-]+)$", entry)
            if not m or not re.match(r"^(true|false): \S", verdict):
                sys.exit("%s:%d: expected 'FILE:LINE: CHECK  # true|false: why'"
                         % (path, number))
            warnings[(m.group(1), int(m.group(2)), m.group(3))] = verdict
    return warnings, skips


# The expected lists are of the main files' warnings. clang-tidy 22 would also
# report (and -fix, in the copies' neighbours) every header outside the system
# directories, where 19 reports none: an empty filter is "no header" in both.
MAIN_FILE_ONLY = "--header-filter="


def run(command, timeout=TIME_LIMIT, cwd=None):
    start = time.monotonic()
    try:
        p = subprocess.run(command, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True,
                           errors="replace", timeout=timeout, cwd=cwd)
        return p.returncode, p.stdout, time.monotonic() - start
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        return None, out, time.monotonic() - start


def biggest_first(files):
    return sorted(files, key=os.path.getsize, reverse=True)


class Corpus:
    def __init__(self, args, name):
        self.args = args
        self.name = name
        self.root, files, self.flags, self.generate = CORPORA[name]
        self.files = list(files())
        self.out = os.path.join(args.out, name)
        shutil.rmtree(self.out, ignore_errors=True)
        os.makedirs(self.out)
        self.failures = []

    def rel(self, path):
        return os.path.relpath(path, self.root)

    def compiler(self, path):
        return self.args.clang if path.endswith(".c") else self.args.clangxx

    def write_database(self, files, directory):
        entries = [{"directory": os.path.dirname(f), "file": f,
                    "arguments": [self.compiler(f)] + self.flags(f) +
                    ["-c", f]} for f in files]
        with open(os.path.join(directory, "compile_commands.json"), "w") as out:
            json.dump(entries, out, indent=1)

    def tidy(self, path, database, *extra):
        return run([self.args.leak_tidy, "-checks=-*,leak-*", MAIN_FILE_ONLY,
                    "--quiet",
                    "-p", database, *extra, path])

    def check_run(self, path, rc, output):
        """A failure message for a crash or hang, else None."""
        if rc is None:
            return "%s: hung (no result after %d s)" % (self.rel(path), TIME_LIMIT)
        if rc < 0 or rc > 1 or any(m in output for m in CRASH_MARKERS):
            return "%s: crashed (exit %s)\n%s" % (self.rel(path), rc, output[-2000:])
        return None

    def analyse(self, files):
        """Runs leak-tidy over files; returns {file: (rc, output, seconds)}.
        The biggest files start first, so that no core idles at the end
        while one slow file finishes."""
        with concurrent.futures.ThreadPoolExecutor(self.args.jobs) as pool:
            futures = {f: pool.submit(self.tidy, f, self.out,
                                      "--export-fixes=" + self.fixes_file(f))
                       for f in biggest_first(files)}
            return {f: fut.result() for f, fut in futures.items()}

    def fixes_file(self, path):
        return os.path.join(self.out, "fixes", self.rel(path).replace("/", "__") + ".yaml")

    def main(self):
        expected_warnings, expected_skips = read_expected(
            os.path.join(self.args.expected, self.name + ".txt"))
        files = self.files
        if os.environ.get("LEAK_TIDY_REALWORLD") == "fast":
            if self.args.update:
                sys.exit("--update needs a full run, not LEAK_TIDY_REALWORLD=fast")
            warned = {w[0] for w in expected_warnings}
            files = [f for i, f in enumerate(files)
                     if i % 5 == 0 or self.rel(f) in warned]
        selected = {self.rel(f) for f in files}
        os.makedirs(os.path.join(self.out, "fixes"))
        if self.generate:
            self.generate(files, self.out)
        self.write_database(files, self.out)

        started = time.monotonic()
        results = self.analyse(files)
        wall = time.monotonic() - started
        skips, warnings, crashed = {}, {}, 0
        for path, (rc, output, _) in results.items():
            failure = self.check_run(path, rc, output)
            if failure:
                self.failures.append(failure)
                crashed += 1
                continue
            errors = [m for m in map(DIAGNOSTIC.match, output.splitlines())
                      if m and m.group(4) == "error"]
            if rc != 0 and errors:
                skips[self.rel(path)] = errors[0].group(5)[:100]
                continue
            for m in map(DIAGNOSTIC.match, output.splitlines()):
                if m and m.group(4) == "warning" and m.group(6).startswith("leak-"):
                    key = (self.rel(m.group(1)), int(m.group(2)), m.group(6))
                    warnings[key] = m.group(5)

        self.compare("warning", set(warnings),
                     {k for k in expected_warnings if k[0] in selected},
                     lambda k: "%s:%d: %s  # %s" % (k + (warnings.get(k, ""),)))
        self.compare("file that does not compile", set(skips),
                     {k for k in expected_skips if k in selected},
                     lambda k: "skip %s  # %s" % (k, skips.get(k, "")))
        fixed = self.check_fixes([f for f in files if f in results and
                                  self.rel(f) not in skips])
        self.check_determinism(files, results, set(k[0] for k in warnings))

        if self.args.update:
            self.update_expected(expected_warnings, warnings, skips)
        with open(os.path.join(self.out, "skipped.txt"), "w") as f:
            f.write("".join("%s  # %s\n" % (k, v) for k, v in sorted(skips.items())))
        summary = ("%s: %d files, %d compiled and checked, %d do not compile "
                   "(listed in %s), %d leak warnings, %d files fixed and "
                   "recompiled, %.0f s" % (
                       self.name, len(files), len(files) - len(skips) - crashed,
                       len(skips), os.path.join(self.out, "skipped.txt"),
                       len(warnings), fixed, wall))
        with open(os.path.join(self.out, "summary.txt"), "w") as f:
            f.write(summary + "\n")
        # Where the time goes: each file's analysis, slowest first.
        with open(os.path.join(self.out, "times.txt"), "w") as f:
            for path, (_, _, seconds) in sorted(
                    results.items(), key=lambda item: -item[1][2]):
                f.write("%7.2f s  %s\n" % (seconds, self.rel(path)))
        print(summary)
        for failure in self.failures:
            print("FAIL: " + failure)
        return 1 if self.failures else 0

    def update_expected(self, expected, warnings, skips):
        """Rewrites the expected list from this run. A new warning gets the
        verdict TODO, which the next run rejects until someone judges it."""
        path = os.path.join(self.args.expected, self.name + ".txt")
        lines = ["# leak-tidy on the %s corpus (test/realworld/realworld.py)." % self.name,
                 "# FILE:LINE: CHECK  # true|false: why   -- each warning, judged",
                 "# skip FILE  # first error             -- does not compile here", ""]
        lines += ["%s:%d: %s  # %s" % (k + (expected.get(k, "TODO"),))
                  for k in sorted(warnings)]
        lines += ["skip %s  # %s" % (k, v) for k, v in sorted(skips.items())]
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        self.failures = [f for f in self.failures if not f.startswith(("new ", "expected "))]

    def compare(self, what, actual, expected, show):
        for key in sorted(actual - expected):
            self.failures.append("new %s, not in the expected list: %s" % (what, show(key)))
        for key in sorted(expected - actual):
            self.failures.append("expected %s is gone: %s" % (what, show(key)))

    def leak_fix_modes(self, path):
        """The -fix modes that change the file, from its --export-fixes file:
        -fix when a leak warning carries a fix, and -fix --fix-notes when
        a leak warning or its notes do."""
        fixes = self.fixes_file(path)
        if not os.path.exists(fixes):
            return []
        with open(fixes) as f:
            entries = [e for e in f.read().split("- DiagnosticName:")[1:]
                       if e.strip().startswith("leak-")]
        on_warning = any("ReplacementText" in e.split("Notes:")[0]
                         for e in entries)
        anywhere = any("ReplacementText" in e for e in entries)
        return ([["-fix"]] if on_warning else []) + \
            ([["-fix", "--fix-notes"]] if anywhere else [])

    def check_fixes(self, files):
        """Applies the fixes to copies, recompiles, and runs again."""
        todo = [(path, mode) for path in files
                for mode in self.leak_fix_modes(path)]
        with concurrent.futures.ThreadPoolExecutor(self.args.jobs) as pool:
            for failure in pool.map(lambda job: self.check_fix(*job), todo):
                if failure:
                    self.failures.append(failure)
        return len({path for path, _ in todo})

    def check_fix(self, path, mode):
        """A failure message when the fixes of \p mode on a copy of \p path
        crash, do not compile, or leave what they fixed; else None. The
        second run is also the compile: clang-tidy parses the fixed copy
        with clang's whole front end and prints any compiler error."""
        work = os.path.join(self.out, "fixed", mode[-1].strip("-"))
        os.makedirs(work, exist_ok=True)
        copy = os.path.join(work, self.rel(path).replace("/", "__"))
        shutil.copy(path, copy)
        # The copy keeps finding the original's neighbours.
        flags = self.flags(path) + ["-I" + os.path.dirname(path)]
        command = [self.args.leak_tidy, "-checks=-*,leak-*", MAIN_FILE_ONLY,
                   "--quiet", *mode, copy, "--", *flags]
        rc, output, _ = run(command)
        if self.check_run(copy, rc, output):
            return self.check_run(copy, rc, output)
        before = output.count(": warning: ")
        applied = "FIX-IT applied" in output
        rc, output, _ = run(command)
        if self.check_run(copy, rc, output):
            return self.check_run(copy, rc, output)
        if rc != 0 or ": error: " in output:
            return "%s: does not compile after %s:\n%s" % (
                self.rel(path), " ".join(mode), output[-2000:])
        if "FIX-IT applied" in output or (
                applied and output.count(": warning: ") >= before):
            return ("%s: a second run after %s still reports what it "
                    "fixed:\n%s" % (self.rel(path), " ".join(mode),
                                      output[-2000:]))
        return None

    def check_determinism(self, files, results, warned):
        """Runs a sample again and requires the same output: every tenth
        file, and the five smallest files with a warning (where a message or
        note could come out in another order). A fast run (a fifth of the
        files, under a second LLVM) takes every tenth of its files only."""
        fast = os.environ.get("LEAK_TIDY_REALWORLD") == "fast"
        with_warnings = [] if fast else sorted(
            (f for f in files if self.rel(f) in warned),
            key=lambda f: (os.path.getsize(f), f))[:5]
        sample = [f for i, f in enumerate(files)
                  if i % 10 == 0 or f in with_warnings]
        again = {}
        with concurrent.futures.ThreadPoolExecutor(self.args.jobs) as pool:
            for f, fut in {f: pool.submit(self.tidy, f, self.out)
                           for f in biggest_first(sample)}.items():
                again[f] = fut.result()
        for f in sample:
            if again[f][1] != results[f][1]:
                self.failures.append("%s: a second run printed different output"
                                     % self.rel(f))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leak-tidy", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--clangxx", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--expected", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "expected"))
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--update", action="store_true",
                        help="rewrite the expected list from this run")
    parser.add_argument("corpus", choices=sorted(CORPORA))
    args = parser.parse_args()
    sys.exit(Corpus(args, args.corpus).main())


if __name__ == "__main__":
    main()
