"""The result cache (--cache DIR): a file whose inputs are unchanged since a
run that stored it is not analysed again; its stored diagnostics are
replayed.

An entry is found by the hash of what the run gives leak-tidy for the file:
its compile command, the .clang-tidy files that apply to it, the runner's
options that reach leak-tidy, and the leak-tidy binary (and plugin) itself.
The entry lists every file the preprocessor read for it (clang -M, the
source and each header, on the run that stored it) with the hash of its
content; it is a hit only when all of them still hash the same. That is the
preprocessed content without preprocessing it again (ccache's direct mode).

Entries are written to a temporary file and renamed into place, so runners
sharing a directory never see half an entry; an entry that cannot be read is
a miss, and is written again."""

import hashlib
import json
import os
import shlex
import subprocess
import tempfile
import threading

VERSION = 1
# Written by the compiler as a side effect, or naming its output.
OUTPUT_FLAGS_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ"}
OUTPUT_FLAGS = {"-c", "-MD", "-MMD", "-MP", "-M", "-MM"}


def file_hash(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def compile_arguments(entry):
    return list(entry["arguments"]) if "arguments" in entry \
        else shlex.split(entry["command"])


def preprocessor_command(entry, mode):
    """The entry's compile command turned into a preprocessor run: \\p mode
    is -E (the preprocessed text) or -M (the files it reads); output flags
    and dependency files dropped."""
    words = compile_arguments(entry)
    command = [words[0]]
    skip = False
    for word in words[1:]:
        if skip:
            skip = False
            continue
        if word in OUTPUT_FLAGS_WITH_VALUE:
            skip = True
            continue
        if word in OUTPUT_FLAGS or any(
                word.startswith(flag) and len(word) > len(flag)
                for flag in OUTPUT_FLAGS_WITH_VALUE):
            continue
        command.append(word)
    return command + [mode, "-Wno-error"]


def dependencies(entry):
    """The files the preprocessor reads for \\p entry, absolute; None when
    it fails."""
    try:
        run = subprocess.run(preprocessor_command(entry, "-M"),
                             cwd=entry["directory"], capture_output=True,
                             text=True)
    except OSError:
        return None
    if run.returncode != 0:
        return None
    # `target.o: a.cpp b.h \` lines, backslash-continued.
    text = run.stdout.replace("\\\n", " ")
    _, _, listed = text.partition(": ")
    return [os.path.normpath(os.path.join(entry["directory"], word))
            for word in listed.split()]


def clang_tidy_configs(source):
    """(path, content hash) of each .clang-tidy from \\p source's directory
    up to the root: clang-tidy reads the nearest, and its parents when it
    says InheritParentConfig."""
    found = []
    directory = os.path.dirname(os.path.abspath(source))
    while True:
        candidate = os.path.join(directory, ".clang-tidy")
        if os.path.isfile(candidate):
            found.append((candidate, file_hash(candidate)))
        parent = os.path.dirname(directory)
        if parent == directory:
            return found
        directory = parent


class Cache:
    """One directory of entries, shared by the files of a run (and by runs
    and runners)."""

    def __init__(self, directory, tool_files, options):
        """\\p tool_files: the leak-tidy binary, and the plugin if any;
        \\p options: the runner's settings that change what leak-tidy
        reports."""
        self.directory = directory
        os.makedirs(directory, exist_ok=True)
        digest = hashlib.sha256(json.dumps(
            {"version": VERSION, "options": options,
             "tools": [file_hash(path) for path in tool_files]},
            sort_keys=True).encode())
        self.common = digest.hexdigest()
        self.hashes = {}
        self.lock = threading.Lock()
        self.hits = 0

    def content_hash(self, path):
        """The hash of \\p path's content, once per run; None if it is gone."""
        with self.lock:
            if path in self.hashes:
                return self.hashes[path]
        try:
            value = file_hash(path)
        except OSError:
            value = None
        with self.lock:
            self.hashes[path] = value
        return value

    def key(self, source, entry, extra):
        material = {"common": self.common, "source": source,
                    "directory": entry["directory"],
                    "arguments": compile_arguments(entry),
                    "configs": clang_tidy_configs(source), "extra": extra}
        return hashlib.sha256(json.dumps(material, sort_keys=True)
                              .encode()).hexdigest()

    def path(self, key):
        return os.path.join(self.directory, key[:2], key + ".json")

    def read(self, key):
        try:
            with open(self.path(key), encoding="utf-8") as stream:
                stored = json.load(stream)
            if stored.get("version") != VERSION:
                return None
            stored["dependencies"].items()
            stored["result"]["diagnostics"]
            return stored
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def lookup(self, key):
        """The stored result for \\p key if every file it read is unchanged."""
        stored = self.read(key)
        if stored is None:
            return None
        for path, digest in stored["dependencies"].items():
            if self.content_hash(path) != digest:
                return None
        with self.lock:
            self.hits += 1
        return stored["result"]

    def seconds(self, key):
        """How long the stored run of \\p key took, for shard balancing."""
        stored = self.read(key)
        return stored.get("seconds") if stored else None

    def store(self, key, entry, result, seconds):
        files = dependencies(entry)
        if files is None:
            return
        hashes = {path: self.content_hash(path) for path in files}
        if None in hashes.values():
            return
        stored = {"version": VERSION, "seconds": seconds,
                  "dependencies": hashes, "result": result}
        target = self.path(key)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target),
                                             suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(stored, stream)
            os.replace(temporary, target)
        except OSError:
            if os.path.exists(temporary):
                os.unlink(temporary)
