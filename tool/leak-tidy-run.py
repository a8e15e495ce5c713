#!/usr/bin/python3
"""leak-tidy-run: runs leak-tidy over a project's compile_commands.json.

Runs one leak-tidy process per source file, in parallel, and prints each
file's diagnostics in one piece. It can report only the lines changed since a
git ref (for pre-commit and pull requests), write SARIF 2.1.0 for code-scanning
services, and exit non-zero when warnings remain.

Exit status:
  0  no diagnostic at the --fail-on levels
  1  diagnostics at the --fail-on levels were reported
  2  the run could not start: bad arguments, no compilation database, bad ref
  3  a file could not be analysed: compiler errors, or leak-tidy crashed
"""

import argparse
import codecs
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
import urllib.parse
import urllib.request

import yaml

try:
    YamlLoader = yaml.CSafeLoader
except AttributeError:
    YamlLoader = yaml.SafeLoader

HERE = os.path.dirname(os.path.realpath(__file__))

# The leak checks always appear as SARIF rules, whether or not they fired, so
# that a code-scanning service can show what was looked for.
LEAK_CHECKS = {
    "leak-detached-thread":
        "Detached threads whose code can never be told to stop.",
    "leak-http-without-timeout":
        "HTTP and RPC calls that can wait forever.",
    "leak-unread-channel-send":
        "Sends on unbuffered channels that may never be received.",
    "leak-unstopped-timer":
        "Repeating timers that nothing can ever stop.",
}

# CMake writes this script into build/bin and fills in the @-names.
# The check pages: installed (<prefix>/bin, <prefix>/share/doc/leak-tidy),
# else in the source tree the build came from.
DOC_DIRS = [
    os.path.join(HERE, "..", "share", "doc", "leak-tidy", "docs", "checks"),
    os.path.join("@PROJECT_SOURCE_DIR@", "docs", "checks"),
]
# The check pages' base URL for SARIF, from CMake's LEAK_TIDY_DOCS_URL.
DEFAULT_DOCS_URL = "@LEAK_TIDY_DOCS_URL@"

CLANG_TIDY_DOCS_URL = "https://clang.llvm.org/extra/clang-tidy/checks/"

EXIT_CLEAN, EXIT_FINDINGS, EXIT_SETUP, EXIT_ANALYSIS = 0, 1, 2, 3

LEVELS = ("warning", "error")

# git's hash of the empty tree: the base of a repository with no commit yet.
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


def plural(count, noun):
    return "%d %s%s" % (count, noun, "" if count == 1 else "s")


class SetupError(Exception):
    """A problem that stops the run before any file is analysed."""


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


def run_git(args, cwd):
    result = subprocess.run(["git", "-c", "core.quotePath=false"] + args,
                            cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SetupError("git %s: %s" % (" ".join(args), result.stderr.strip()))
    return result.stdout


def git_top_level(directory):
    try:
        return run_git(["rev-parse", "--show-toplevel"], directory).strip()
    except (SetupError, OSError):
        return None


def find_database(build_path):
    if build_path:
        path = os.path.abspath(build_path)
        if os.path.isdir(path):
            path = os.path.join(path, "compile_commands.json")
        if not os.path.isfile(path):
            raise SetupError("no compilation database at %s" % path)
        return path
    candidates = [".", "build"]
    top = git_top_level(os.getcwd())
    if top:
        candidates += [top, os.path.join(top, "build")]
    for directory in candidates:
        path = os.path.abspath(os.path.join(directory, "compile_commands.json"))
        if os.path.isfile(path):
            return path
    raise SetupError(
        "no compile_commands.json in ., build/ or the git top level's build/; "
        "pass -p BUILD_DIR (CMake writes one with "
        "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON)")


def database_files(database):
    """Maps each source file of the database to the directory its (first)
    compile command runs in."""
    try:
        with open(database, encoding="utf-8") as stream:
            entries = json.load(stream)
    except (OSError, ValueError) as error:
        raise SetupError("cannot read %s: %s" % (database, error))
    if not isinstance(entries, list):
        raise SetupError("%s is not a JSON array of compile commands" % database)
    directories = {}
    for entry in entries:
        try:
            path = os.path.normpath(
                os.path.join(entry["directory"], entry["file"]))
        except (KeyError, TypeError):
            raise SetupError("%s: an entry lacks 'directory' or 'file'"
                             % database)
        directories.setdefault(path, entry["directory"])
    return directories


def changed_lines(ref):
    """Maps each file changed since the merge base of ref and HEAD (by its
    real path) to the 1-based line ranges it adds or modifies, read from
    git's diff."""
    top = git_top_level(os.getcwd())
    if not top:
        raise SetupError("--diff needs a git work tree")
    try:
        run_git(["rev-parse", "--verify", "--quiet", ref + "^{commit}"], top)
    except SetupError:
        if ref != "HEAD":
            raise SetupError("--diff %s: not a commit in this repository" % ref)
        base = EMPTY_TREE  # no commit yet: every line is new
    else:
        base = run_git(["merge-base", ref, "HEAD"], top).strip()
    diff = run_git(["diff", "-U0", "--no-color", "--no-ext-diff",
                    "--src-prefix=a/", "--dst-prefix=b/", base, "--"], top)
    ranges = {}
    current = None
    hunk = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            if name.startswith('"'):  # C-quoted: a name with a \t, " or \\
                name = codecs.escape_decode(name[1:-1].encode())[0].decode()
            current = None
            if name.startswith("b/"):
                current = os.path.realpath(os.path.join(top, name[2:]))
                ranges.setdefault(current, [])
            continue
        match = hunk.match(line)
        if match and current:
            start, count = int(match.group(1)), int(match.group(2) or 1)
            if count:
                ranges[current].append((start, start + count - 1))
    return {path: lines for path, lines in ranges.items() if lines}


def select_files(args, directories):
    files = list(directories)
    if args.files:
        wanted = {os.path.realpath(f) for f in args.files}
        files = [f for f in files if os.path.realpath(f) in wanted]
    includes = [re.compile(p) for p in args.include]
    excludes = [re.compile(p) for p in args.exclude]
    if includes:
        files = [f for f in files if any(p.search(f) for p in includes)]
    files = [f for f in files if not any(p.search(f) for p in excludes)]
    return files


def find_clang_tidy(args):
    if args.clang_tidy:
        found = shutil.which(args.clang_tidy)
        if not found:
            raise SetupError("--clang-tidy %s: not found" % args.clang_tidy)
        return found
    beside = os.path.join(HERE, "leak-tidy")
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
    clang_tidy = find_clang_tidy(args)
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


# ---------------------------------------------------------------- SARIF ----

class SourceFile:
    """Turns clang-tidy's byte offsets into SARIF's 1-based lines and
    columns (in Unicode code points), reading each file once."""

    def __init__(self):
        self.lines = {}

    def position(self, path, offset):
        starts = self._line_starts(path)
        if starts is None:
            return None
        data = starts[1]
        offset = min(max(offset, 0), len(data))
        line = self._line_index(starts[0], offset)
        column = len(data[starts[0][line]:offset].decode("utf-8", "replace"))
        return line + 1, column + 1

    def line_text(self, path, line):
        starts = self._line_starts(path)
        if starts is None or line - 1 >= len(starts[0]):
            return ""
        begin = starts[0][line - 1]
        end = starts[1].find(b"\n", begin)
        return starts[1][begin:end if end >= 0 else None].decode(
            "utf-8", "replace")

    def _line_starts(self, path):
        if path not in self.lines:
            try:
                with open(path, "rb") as stream:
                    data = stream.read()
            except OSError:
                self.lines[path] = None
                return None
            starts = [0] + [m.end() for m in re.finditer(b"\n", data)]
            self.lines[path] = (starts, data)
        return self.lines[path]

    @staticmethod
    def _line_index(starts, offset):
        low, high = 0, len(starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low


def find_doc_page(check):
    for directory in DOC_DIRS:
        path = os.path.normpath(os.path.join(directory, check + ".md"))
        if os.path.isfile(path):
            return path
    return None


def rule_for(check, docs_url):
    rule = {"id": check, "name": check}
    if check in LEAK_CHECKS:
        rule["shortDescription"] = {"text": LEAK_CHECKS[check]}
        page = find_doc_page(check)
        if docs_url:
            rule["helpUri"] = docs_url.rstrip("/") + "/" + check + ".md"
        elif page:
            rule["helpUri"] = "file://" + urllib.request.pathname2url(page)
        if page:
            with open(page, encoding="utf-8") as stream:
                markdown = stream.read()
            rule["help"] = {"text": LEAK_CHECKS[check], "markdown": markdown}
    elif check.startswith("clang-diagnostic-"):
        rule["shortDescription"] = {"text": "Clang compiler diagnostic"}
    elif "-" in check:
        module, rest = check.split("-", 1)
        rule["shortDescription"] = {"text": "clang-tidy check " + check}
        rule["helpUri"] = CLANG_TIDY_DOCS_URL + module + "/" + rest + ".html"
    return rule


def artifact_location(path, root):
    path = os.path.normpath(path)
    relative = os.path.relpath(path, root)
    if not relative.startswith(os.pardir + os.sep) and relative != os.pardir:
        return {"uri": urllib.parse.quote(relative.replace(os.sep, "/")),
                "uriBaseId": "SRCROOT"}
    return {"uri": "file://" + urllib.request.pathname2url(path)}


def physical_location(sources, root, path, offset):
    location = {"artifactLocation": artifact_location(path, root)}
    position = sources.position(path, offset)
    if position:
        location["region"] = {"startLine": position[0],
                              "startColumn": position[1]}
    return location


def sarif_fix(sources, root, description, replacements):
    changes = {}
    for replacement in replacements:
        path = replacement["FilePath"]
        begin = sources.position(path, replacement["Offset"])
        end = sources.position(path, replacement["Offset"]
                               + replacement["Length"])
        if not begin or not end:
            return None
        changes.setdefault(path, []).append({
            "deletedRegion": {"startLine": begin[0], "startColumn": begin[1],
                              "endLine": end[0], "endColumn": end[1]},
            "insertedContent": {"text": replacement["ReplacementText"]},
        })
    return {"description": {"text": description},
            "artifactChanges": [
                {"artifactLocation": artifact_location(path, root),
                 "replacements": edits}
                for path, edits in changes.items()]}


def sarif_result(diagnostic, rule_index, sources, root):
    message = diagnostic["DiagnosticMessage"]
    check = diagnostic["DiagnosticName"]
    result = {
        "ruleId": check,
        "ruleIndex": rule_index,
        "level": {"Error": "error", "Remark": "note"}.get(
            diagnostic.get("Level"), "warning"),
        "message": {"text": message["Message"]},
    }
    if message.get("FilePath"):
        result["locations"] = [{"physicalLocation": physical_location(
            sources, root, message["FilePath"], message["FileOffset"])}]
        position = sources.position(message["FilePath"], message["FileOffset"])
        line = sources.line_text(message["FilePath"], position[0]) \
            if position else ""
        # Stable across edits elsewhere in the file: what the line says, not
        # where it is.
        key = "\0".join([check, artifact_location(
            message["FilePath"], root)["uri"], line.strip(), message["Message"]])
        result["partialFingerprints"] = {
            "leakTidyLine/v1": hashlib.sha256(key.encode()).hexdigest()[:32]}
    related = []
    fixes = []
    if message.get("Replacements"):
        fix = sarif_fix(sources, root, message["Message"],
                        message["Replacements"])
        if fix:
            fixes.append(fix)
    for note in diagnostic.get("Notes") or []:
        if note.get("FilePath"):
            related.append({
                "id": len(related) + 1,
                "physicalLocation": physical_location(
                    sources, root, note["FilePath"], note["FileOffset"]),
                "message": {"text": note["Message"]}})
        if note.get("Replacements"):
            fix = sarif_fix(sources, root, note["Message"],
                            note["Replacements"])
            if fix:
                fixes.append(fix)
    if related:
        result["relatedLocations"] = related
    if fixes:
        result["fixes"] = fixes
    return result


def version_of(clang_tidy):
    try:
        out = subprocess.run([clang_tidy, "--version"], capture_output=True,
                             text=True).stdout
    except OSError:
        return None
    match = re.search(r"leak-tidy version (\S+)", out) or \
        re.search(r"LLVM version (\S+)", out)
    return match.group(1) if match else None


def write_sarif(path, args, diagnostics, results, root):
    sources = SourceFile()
    checks = sorted(set(LEAK_CHECKS) |
                    {d["DiagnosticName"] for d in diagnostics})
    index = {check: i for i, check in enumerate(checks)}
    docs_url = args.docs_url or DEFAULT_DOCS_URL
    driver = {
        "name": "leak-tidy",
        "rules": [rule_for(check, docs_url) for check in checks],
    }
    if docs_url:
        driver["informationUri"] = docs_url
    version = version_of(find_clang_tidy(args))
    if version:
        driver["version"] = version
    failures = [r for r in results if r.failed]
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {"SRCROOT": {
            "uri": "file://" + urllib.request.pathname2url(root.rstrip("/"))
            + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [sarif_result(d, index[d["DiagnosticName"]], sources, root)
                    for d in diagnostics],
        "invocations": [{
            "executionSuccessful": not failures,
            "toolExecutionNotifications": [{
                "level": "error",
                "message": {"text": "%s could not be analysed (%s)" % (
                    os.path.relpath(r.path, root),
                    "compiler errors" if r.compiler_errors
                    else "leak-tidy exited with status %d" % r.returncode)},
                "locations": [{"physicalLocation": {
                    "artifactLocation": artifact_location(r.path, root)}}],
            } for r in failures],
        }],
    }
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }
    with open(path, "w", encoding="utf-8") as stream:
        json.dump(document, stream, indent=2, ensure_ascii=False)
        stream.write("\n")


# ----------------------------------------------------------------- main ----

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


def main(argv):
    args = parse_args(argv)
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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
