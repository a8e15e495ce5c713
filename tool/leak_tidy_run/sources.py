"""Source files read once: byte offsets to lines and columns, lines' text,
and how a path is shown to the user."""

import bisect
import os
import re


class SourceFile:
    """Turns clang-tidy's byte offsets into 1-based lines and columns (in
    Unicode code points), reading each file once."""

    def __init__(self):
        self.lines = {}

    def position(self, path, offset):
        starts = self._line_starts(path)
        if starts is None:
            return None
        data = starts[1]
        offset = min(max(offset, 0), len(data))
        line = bisect.bisect_right(starts[0], offset) - 1
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


def shown_path(path):
    """\\p path relative to the current directory, or absolute when it is
    outside it: the same file the SARIF location names."""
    relative = os.path.relpath(path)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return os.path.abspath(path)
    return relative
