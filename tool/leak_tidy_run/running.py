"""Running leak-tidy on each file, in parallel, and collecting its
diagnostics from --export-fixes."""

import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading

import yaml

from . import SetupError, plural

try:
    YamlLoader = yaml.CSafeLoader
except AttributeError:
    YamlLoader = yaml.SafeLoader


def find_clang_tidy(requested, launcher_dir):
    """The clang-tidy to run: \p requested, else leak-tidy beside the
    leak-tidy-run command in \p launcher_dir, else on PATH."""
    if requested:
        found = shutil.which(requested)
        if not found:
            raise SetupError("--clang-tidy %s: not found" % requested)
        return found
    beside = os.path.join(launcher_dir, "leak-tidy")
    if os.access(beside, os.X_OK):
        return beside
    found = shutil.which("leak-tidy")
    if not found:
        raise SetupError("leak-tidy is neither beside this script nor on "
                         "PATH; pass --clang-tidy")
    return found


class FileResult:
    def __init__(self, path, returncode, stdout, stderr, diagnostics):
        self.path = path
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.diagnostics = diagnostics

    @property
    def compiler_errors(self):
        # What clang's tooling says of a file that did not compile.
        return "Error while processing" in self.stderr

    @property
    def failed(self):
        # 1 is clang-tidy's status for compiler errors and for warnings
        # treated as errors; anything else, a signal included, is a crash.
        return self.returncode not in (0, 1) or self.compiler_errors


def absolute_paths(diagnostic):
    """clang-tidy writes paths as the compile command names them, relative
    to its directory when the database's are."""
    directory = diagnostic.get("BuildDirectory") or os.getcwd()
    messages = [diagnostic["DiagnosticMessage"]] + (diagnostic.get("Notes")
                                                    or [])
    for item in messages + [replacement for message in messages
                            for replacement in message.get("Replacements")
                            or []]:
        if item.get("FilePath"):
            item["FilePath"] = os.path.normpath(
                os.path.join(directory, item["FilePath"]))


def analyse(command, path, export_dir, index):
    export = os.path.join(export_dir, "%d.yaml" % index)
    try:
        result = subprocess.run(command + ["--export-fixes=" + export, path],
                                capture_output=True, text=True,
                                errors="replace")
    except OSError as error:
        return FileResult(path, -1, "", str(error), [])
    diagnostics = []
    if os.path.exists(export):
        with open(export, encoding="utf-8", errors="replace") as stream:
            loaded = yaml.load(stream, Loader=YamlLoader) or {}
        diagnostics = loaded.get("Diagnostics") or []
        for diagnostic in diagnostics:
            absolute_paths(diagnostic)
    return FileResult(path, result.returncode, result.stdout, result.stderr,
                      diagnostics)


class Progress:
    """A bar redrawn in place on a terminal, or one line per finished file."""

    def __init__(self, mode, total):
        if mode == "auto":
            mode = "bar" if sys.stderr.isatty() else "lines"
        self.mode = mode
        self.total = total
        self.done = 0
        self.warnings = 0
        self.lock = threading.Lock()

    def print_output(self, text):
        with self.lock:
            self._clear()
            sys.stdout.write(text)
            sys.stdout.flush()
            self._draw()

    def finished(self, path, warnings):
        with self.lock:
            self.done += 1
            self.warnings += warnings
            if self.mode == "lines":
                sys.stderr.write("[%d/%d] %s\n" % (self.done, self.total,
                                                   os.path.relpath(path)))
            self._draw()

    def close(self):
        with self.lock:
            self._clear()

    def _clear(self):
        if self.mode == "bar":
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()

    def _draw(self):
        if self.mode != "bar":
            return
        width = max(10, shutil.get_terminal_size().columns - 40)
        filled = width * self.done // max(self.total, 1)
        sys.stderr.write("\r[%s%s] %d/%d files, %s" % (
            "#" * filled, "." * (width - filled), self.done, self.total,
            plural(self.warnings, "warning")))
        sys.stderr.flush()


def line_filter(changed, directory):
    """clang-tidy's -line-filter for a file compiled in \p directory. It
    compares the end of each file's name as the compiler spells it, which is
    relative to the directory when the compile command's paths are; so each
    changed file is named absolute first, then relative to the directory."""
    names = [(path, ranges) for path, ranges in changed.items()]
    names += [(os.path.relpath(path, os.path.realpath(directory)), ranges)
              for path, ranges in changed.items()]
    return json.dumps([{"name": name, "lines": [list(r) for r in ranges]}
                       for name, ranges in names])


def run_all(args, files, directories, changed):
    clang_tidy = find_clang_tidy(args.clang_tidy, args.launcher_dir)
    command = [clang_tidy, "-p", os.path.dirname(args.database), "--quiet"]
    if args.load:
        command.append("-load=" + os.path.abspath(args.load))
    if args.checks:
        command.append("-checks=" + args.checks)
    if args.config_file:
        command.append("-config-file=" + args.config_file)
    if args.header_filter is not None:
        command.append("-header-filter=" + args.header_filter)
    if sys.stdout.isatty():
        command.append("--use-color")
    command += args.tidy_arg

    progress = Progress("none" if args.quiet else args.progress, len(files))
    results = []
    with tempfile.TemporaryDirectory(prefix="leak-tidy-run.") as export_dir:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            futures = [pool.submit(
                analyse, command + ([] if changed is None else [
                    "-line-filter=" + line_filter(changed, directories[path])]),
                path, export_dir, index) for index, path in enumerate(files)]
            try:
                for future in concurrent.futures.as_completed(futures):
                    result = future.result()
                    results.append(result)
                    text = result.stdout
                    if result.failed and result.stderr.strip():
                        text += result.stderr
                    if text:
                        progress.print_output(text)
                    progress.finished(result.path, sum(
                        1 for d in result.diagnostics
                        if d.get("Level") == "Warning"))
            except KeyboardInterrupt:
                for future in futures:
                    future.cancel()
                progress.close()
                raise
    progress.close()
    order = {path: index for index, path in enumerate(files)}
    results.sort(key=lambda r: order[r.path])
    return results


