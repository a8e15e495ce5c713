"""The compilation database, the files to analyse, and git's changed lines."""

import codecs
import json
import os
import re
import subprocess

from . import SetupError

# git's hash of the empty tree: the base of a repository with no commit yet.
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


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
        "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON, Bear with `bear -- make`, meson "
        "in its build directory)")


class Database:
    """A compilation database, one entry per source file: `directory` made
    absolute (a relative one is relative to the database's own directory),
    later entries for a file already seen counted as duplicates, and the
    entries whose file does not exist set apart."""

    def __init__(self, path):
        self.path = path
        try:
            with open(path, encoding="utf-8") as stream:
                entries = json.load(stream)
        except (OSError, ValueError) as error:
            raise SetupError("cannot read %s: %s" % (path, error))
        if not isinstance(entries, list):
            raise SetupError("%s is not a JSON array of compile commands" % path)
        base = os.path.dirname(os.path.abspath(path))
        self.entries = {}
        self.duplicates = 0
        for entry in entries:
            try:
                directory = os.path.normpath(
                    os.path.join(base, entry["directory"]))
                source = os.path.normpath(os.path.join(directory, entry["file"]))
            except (KeyError, TypeError):
                raise SetupError("%s: an entry lacks 'directory' or 'file'"
                                 % path)
            if "arguments" not in entry and "command" not in entry:
                raise SetupError("%s: the entry for %s has neither 'arguments' "
                                 "nor 'command'" % (path, entry["file"]))
            if source in self.entries:
                self.duplicates += 1
                continue
            self.entries[source] = dict(entry, directory=directory,
                                        file=source)
        self.missing = [f for f in self.entries if not os.path.isfile(f)]

    def directory(self, source):
        return self.entries[source]["directory"]

    def pedantic_errors(self, source):
        entry = self.entries[source]
        words = entry["arguments"] if "arguments" in entry \
            else entry["command"].split()
        return any(w in ("-pedantic-errors", "--pedantic-errors")
                   for w in words)

    def tidy_entry(self, source, keep_werror=True):
        """The entry of \\p source as leak-tidy gets it: without the flags
        that make warnings errors unless \\p keep_werror."""
        entry = self.entries[source]
        return entry if keep_werror else without_werror(entry)

    def write(self, directory, sources, keep_werror=True):
        """Writes the entries of \\p sources as compile_commands.json in
        \\p directory, for clang-tidy's -p (see tidy_entry)."""
        entries = [self.tidy_entry(s, keep_werror) for s in sources]
        with open(os.path.join(directory, "compile_commands.json"), "w",
                  encoding="utf-8") as stream:
            json.dump(entries, stream)


def warning_as_warning(argument):
    """The flag that asks for the same warnings as \\p argument without
    making them errors: -Werror=foo is -Wfoo, -pedantic-errors is
    -pedantic. None for -Werror itself, which only makes errors. A trailing
    -Wno-error cannot undo the other two."""
    if argument == "-Werror":
        return None
    if argument.startswith("-Werror="):
        return "-W" + argument[len("-Werror="):]
    if argument in ("-pedantic-errors", "--pedantic-errors"):
        return "-pedantic"
    return argument


def without_werror(entry):
    if "arguments" in entry:
        arguments = [warning_as_warning(a) for a in entry["arguments"]]
        return dict(entry, arguments=[a for a in arguments if a is not None])
    # These flags hold no quote or space: rewriting the command's words
    # keeps the rest of its quoting as it was.
    command = re.sub(r"(?<!\S)(-Werror(=\S+)?|--?pedantic-errors)(?!\S)",
                     lambda m: warning_as_warning(m.group(1)) or "",
                     entry["command"])
    return dict(entry, command=command)


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


def select_files(args, sources):
    files = list(sources)
    if args.files:
        wanted = {os.path.realpath(f) for f in args.files}
        files = [f for f in files if os.path.realpath(f) in wanted]
    includes = [re.compile(p) for p in args.include]
    excludes = [re.compile(p) for p in args.exclude]
    if includes:
        files = [f for f in files if any(p.search(f) for p in includes)]
    files = [f for f in files if not any(p.search(f) for p in excludes)]
    return files
