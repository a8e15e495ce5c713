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


