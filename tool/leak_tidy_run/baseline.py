"""The baseline of accepted warnings (--write-baseline, --baseline,
--prune-baseline).

A warning is known by its check, its file (relative to the source root), the
declaration it is in (the function, or the class or variable, which the
leak checks name in a remark when leak-tidy-run asks) and its message, which
names the object. Line numbers are left out, so an entry survives edits
above it. Identical keys are counted: a second identical warning in the same
function is a new one.

The file is JSON, sorted, one entry per key with its count."""

import json
import os

from . import SetupError

VERSION = 1


class Key(tuple):
    """(check, file, context, message)."""

    @property
    def text(self):
        check, path, context, message = self
        return "%s: [%s]%s %s" % (path, check,
                                  " in %s:" % context if context else "",
                                  message)


def relative_file(path, root):
    """\\p path as a baseline names it: relative to the source root, or
    absolute outside it."""
    real = os.path.realpath(path)
    relative = os.path.relpath(real, os.path.realpath(root))
    return real if relative.startswith(os.pardir) else relative


def key_for(diagnostic, context, root):
    message = diagnostic["DiagnosticMessage"]
    path = message.get("FilePath")
    return Key((diagnostic["DiagnosticName"],
                relative_file(path, root) if path else "", context or "",
                message["Message"]))


def read(path):
    """{Key: count} from a baseline file."""
    try:
        with open(path, encoding="utf-8") as stream:
            document = json.load(stream)
        if document.get("version") != VERSION:
            raise ValueError("version %r, not %d" % (document.get("version"),
                                                     VERSION))
        return {Key((e["check"], e["file"], e["context"], e["message"])):
                int(e.get("count", 1)) for e in document["warnings"]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise SetupError("--baseline %s: %s" % (path, error))


def write(path, counts):
    """Writes {Key: count} as a sorted, reviewable baseline file."""
    entries = [{"check": k[0], "file": k[1], "context": k[2], "message": k[3],
                "count": n} for k, n in sorted(counts.items()) if n > 0]
    with open(path, "w", encoding="utf-8") as stream:
        json.dump({"version": VERSION, "warnings": entries}, stream, indent=2,
                  ensure_ascii=False)
        stream.write("\n")


class Baseline:
    """The accepted warnings of a run: take() says whether each warning is
    one of them, and what is left at the end is stale."""

    def __init__(self, path):
        self.path = path
        self.counts = read(path)
        self.left = dict(self.counts)

    def take(self, key):
        """True, and one fewer left, when \\p key is accepted."""
        if self.left.get(key, 0) > 0:
            self.left[key] -= 1
            return True
        return False

    def stale(self, judged_file):
        """{Key: count} accepted but not seen, for the files
        \\p judged_file says the run looked at."""
        return {k: n for k, n in self.left.items()
                if n > 0 and judged_file(k[1])}

    def prune(self, stale):
        """Rewrites the file without \\p stale."""
        kept = {k: n - stale.get(k, 0) for k, n in self.counts.items()}
        write(self.path, kept)
