"""Running leak-tidy on each file, in parallel, and collecting what it
reports from --export-fixes: diagnostics with absolute paths, compiler
errors, and the counts of what the leak checks examined."""

import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

import yaml

from . import SetupError, plural
from .cache import Cache
from .sources import shown_path

try:
    YamlLoader = yaml.CSafeLoader
except AttributeError:
    YamlLoader = yaml.SafeLoader

# The leak checks say what they examined in a remark when this is set.
EXAMINED_VARIABLE = "LEAK_TIDY_EXAMINED"
EXAMINED = re.compile(r"^examined (\d+) (.+?) in (/.*)$")
# And, when this is set, the declaration each warning is in, in a remark at
# the warning's place (for the baseline).
CONTEXT_VARIABLE = "LEAK_TIDY_CONTEXT"
CONTEXT = re.compile(r"^in (.+)$")
# A warning flag a compiler error names: `clang-diagnostic-unused-variable`.
WARNING_FLAG = re.compile(r"^clang-diagnostic-(?!error$)(.+)$")


def find_clang_tidy(requested, launcher_dir):
    """The clang-tidy to run: \\p requested, else leak-tidy beside the
    leak-tidy-run command in \\p launcher_dir, else on PATH."""
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
    """What one leak-tidy run on one file gave."""

    def __init__(self, path, returncode, stdout, stderr, diagnostics,
                 from_cache=False):
        self.path = path
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.from_cache = from_cache
        # As leak-tidy gave them, for the cache to replay.
        self.raw_diagnostics = diagnostics
        # {(check, real path): (count, what)} from the checks' remarks.
        self.examined = {}
        # {(check, real path, offset): declaration} of the leak warnings.
        self.contexts = {}
        self.diagnostics = []
        for diagnostic in diagnostics:
            message = diagnostic["DiagnosticMessage"]
            examined = EXAMINED.match(message["Message"])
            context = CONTEXT.match(message["Message"])
            if diagnostic.get("Level") == "Remark" and examined:
                self.examined[(diagnostic["DiagnosticName"],
                               os.path.realpath(examined.group(3)))] = (
                    int(examined.group(1)), examined.group(2))
            elif diagnostic.get("Level") == "Remark" and context and \
                    message.get("FilePath"):
                self.contexts[(diagnostic["DiagnosticName"],
                               os.path.realpath(message["FilePath"]),
                               message["FileOffset"])] = context.group(1)
            else:
                self.diagnostics.append(diagnostic)

    def context_of(self, diagnostic):
        """The declaration a leak warning is in, as its remark named it."""
        message = diagnostic["DiagnosticMessage"]
        if not message.get("FilePath"):
            return None
        return self.contexts.get((diagnostic["DiagnosticName"],
                                  os.path.realpath(message["FilePath"]),
                                  message["FileOffset"]))

    @property
    def errors(self):
        """The compiler errors, in order."""
        return [d for d in self.diagnostics if d.get("Level") == "Error" and
                d["DiagnosticName"].startswith("clang-diagnostic-")]

    @property
    def not_analysed(self):
        """Why the file could not be parsed at all, in one line; None when
        the checks ran on it (perhaps despite compiler errors)."""
        if self.returncode not in (0, 1):
            return ("leak-tidy was killed by signal %d" % -self.returncode
                    if self.returncode < 0 else
                    "leak-tidy exited with status %d" % self.returncode)
        stopping = self.stopping_error
        if stopping:
            return stopping["DiagnosticMessage"]["Message"]
        if "Error while processing" in self.stderr and not self.errors:
            return self.stderr.strip().splitlines()[-1]
        return None

    @property
    def stopping_error(self):
        """The compiler error that stopped the parse: a missing header. The
        driver's errors, an unknown flag among them, stop nothing."""
        for error in self.errors:
            message = error["DiagnosticMessage"]
            if message.get("FilePath") and \
                    message["Message"].endswith("file not found"):
                return error
        return None

    @property
    def failed(self):
        return self.not_analysed is not None


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


def analyse_or_replay(command, path, export_dir, index, environment, cache,
                      key, entry):
    """The cache's result for \\p path when its inputs are unchanged, else
    leak-tidy's, stored for the next run."""
    if cache is not None:
        stored = cache.lookup(key)
        if stored is not None:
            return FileResult(path, stored["returncode"], stored["stdout"],
                              stored["stderr"], stored["diagnostics"],
                              from_cache=True)
    started = time.monotonic()
    result = analyse(command, path, export_dir, index, environment)
    if cache is not None and not result.failed:
        cache.store(key, entry, {
            "returncode": result.returncode, "stdout": result.stdout,
            "stderr": result.stderr, "diagnostics": result.raw_diagnostics},
            time.monotonic() - started)
    return result


def analyse(command, path, export_dir, index, environment):
    export = os.path.join(export_dir, "%d.yaml" % index)
    try:
        result = subprocess.run(command + ["--export-fixes=" + export, path],
                                capture_output=True, text=True,
                                errors="replace", env=environment)
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
    """A bar redrawn in place on a terminal, or one line per finished file,
    on stderr."""

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
                                                   shown_path(path)))
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
    """clang-tidy's -line-filter for a file compiled in \\p directory. It
    compares the end of each file's name as the compiler spells it, which is
    relative to the directory when the compile command's paths are; so each
    changed file is named absolute first, then relative to the directory."""
    names = [(path, ranges) for path, ranges in changed.items()]
    names += [(os.path.relpath(path, os.path.realpath(directory)), ranges)
              for path, ranges in changed.items()]
    return json.dumps([{"name": name, "lines": [list(r) for r in ranges]}
                       for name, ranges in names])


def tidy_header_filter(args, root):
    """The header filter clang-tidy gets. clang-tidy matches it against a
    header's name as the include spelled it (`./agent.hh`), so it lets
    through every relative name, the absolute names under the source root,
    and those matching --header-filter; the runner then decides by each
    header's real path, and counts the warnings it hides."""
    wanted = ["^" + re.escape(os.path.realpath(root).rstrip("/")) + "/"]
    if args.header_filter is not None:
        wanted.append(args.header_filter)
    return "|".join("(%s)" % w for w in wanted + ["^[^/]"])


def clang_tidy_command(args, clang_tidy, database_dir, root):
    command = [clang_tidy, "-p", database_dir, "--quiet"]
    if args.load:
        command.append("-load=" + os.path.abspath(args.load))
    if args.checks:
        command.append("-checks=" + args.checks)
    if args.config_file:
        command.append("-config-file=" + args.config_file)
    command.append("-header-filter=" + tidy_header_filter(args, root))
    command += ["--extra-arg-before=" + arg for arg in args.extra_arg_before]
    # The project's -Werror turns its own warnings into errors; the analysis
    # needs them only as warnings. The database written for clang-tidy has
    # lost -Werror=foo and -pedantic-errors; this catches -Werror where the
    # runner cannot see it, as in a response file.
    if not args.keep_werror:
        command.append("--extra-arg=-Wno-error")
    command += ["--extra-arg=" + arg for arg in args.extra_arg]
    command += args.tidy_arg
    return command


def cache_options(args, root):
    """The runner's settings that change what leak-tidy reports on a file,
    for the cache's key."""
    config = None
    if args.config_file and os.path.isfile(args.config_file):
        with open(args.config_file, "rb") as stream:
            config = hashlib.sha256(stream.read()).hexdigest()
    return {"checks": args.checks, "config_file": config,
            "header_filter": tidy_header_filter(args, root),
            "extra_arg": args.extra_arg,
            "extra_arg_before": args.extra_arg_before,
            "keep_werror": args.keep_werror, "tidy_arg": args.tidy_arg}


def open_cache(args, root):
    """The --cache directory's Cache, or None without --cache."""
    if not args.cache:
        return None
    clang_tidy = find_clang_tidy(args.clang_tidy, args.launcher_dir)
    tools = [clang_tidy] + ([os.path.abspath(args.load)] if args.load else [])
    return Cache(args.cache, tools, cache_options(args, root))


def line_filter_for(changed, database, path):
    return None if changed is None else line_filter(
        changed, database.directory(path))


def run_all(args, files, database, changed, root, on_result, cache=None):
    """Runs leak-tidy on \p files in parallel, or replays their results from
    \p cache, and hands each result, as it comes, to \p on_result with a
    function that prints a piece of stdout."""
    clang_tidy = find_clang_tidy(args.clang_tidy, args.launcher_dir)
    environment = dict(os.environ, **{EXAMINED_VARIABLE: "1",
                                      CONTEXT_VARIABLE: "1"})
    progress = Progress("none" if args.quiet else args.progress, len(files))
    results = []
    with tempfile.TemporaryDirectory(prefix="leak-tidy-run.") as work:
        # One entry per file, directories absolute: clang-tidy then runs
        # each file once, however the project's database lists it.
        database.write(work, files, args.keep_werror)
        command = clang_tidy_command(args, clang_tidy, work, root)
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            futures = []
            for index, path in enumerate(files):
                lines = line_filter_for(changed, database, path)
                entry = database.tidy_entry(path, args.keep_werror)
                futures.append(pool.submit(
                    analyse_or_replay,
                    command + ([] if lines is None else
                               ["-line-filter=" + lines]),
                    path, work, index, environment, cache,
                    cache.key(path, entry, lines) if cache else None, entry))
            try:
                for future in concurrent.futures.as_completed(futures):
                    result = future.result()
                    results.append(result)
                    on_result(result, progress.print_output)
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


def render(diagnostic, sources):
    """A diagnostic as clang prints it, its notes after it, each with the
    source line and a caret, naming files as shown_path() does."""
    lines = []
    level = {"Error": "error", "Remark": "remark"}.get(
        diagnostic.get("Level"), "warning")
    name = diagnostic["DiagnosticName"]
    # A check's warning is an error only through -warnings-as-errors.
    if level == "error" and not name.startswith("clang-"):
        name += ",-warnings-as-errors"
    items = [(diagnostic["DiagnosticMessage"], level, " [%s]" % name)]
    items += [(note, "note", "") for note in diagnostic.get("Notes") or []]
    for message, kind, name in items:
        path = message.get("FilePath")
        position = sources.position(path, message["FileOffset"]) \
            if path else None
        if not position:
            lines.append("%s: %s%s" % (kind, message["Message"], name))
            continue
        lines.append("%s:%d:%d: %s: %s%s" % (shown_path(path), position[0],
                                             position[1], kind,
                                             message["Message"], name))
        text = sources.line_text(path, position[0])
        lines.append("%5d | %s" % (position[0], text))
        caret = "".join(c if c == "\t" else " "
                        for c in text[:position[1] - 1])
        lines.append("      | %s^" % caret)
    return "\n".join(lines) + "\n"


def warning_flag(error):
    """`unused-variable` for an error that -Werror made of a warning."""
    match = WARNING_FLAG.match(error["DiagnosticName"])
    return match.group(1) if match else None
