"""SARIF 2.1.0 output: one rule per check, results with locations, related
locations from notes, fixes, and the files that could not be analysed."""

import hashlib
import json
import os
import re
import subprocess
import urllib.parse
import urllib.request

from . import LEAK_CHECKS
from .running import find_clang_tidy

CLANG_TIDY_DOCS_URL = "https://clang.llvm.org/extra/clang-tidy/checks/"


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


def find_doc_page(check, doc_dirs):
    for directory in doc_dirs:
        path = os.path.normpath(os.path.join(directory, check + ".md"))
        if os.path.isfile(path):
            return path
    return None


def rule_for(check, docs_url, doc_dirs):
    rule = {"id": check, "name": check}
    if check in LEAK_CHECKS:
        rule["shortDescription"] = {"text": LEAK_CHECKS[check]}
        page = find_doc_page(check, doc_dirs)
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
    """Writes the run as SARIF to \p path; args.docs_url (or the build's
    default) and args.doc_dirs say where the check pages are."""
    sources = SourceFile()
    checks = sorted(set(LEAK_CHECKS) |
                    {d["DiagnosticName"] for d in diagnostics})
    index = {check: i for i, check in enumerate(checks)}
    docs_url = args.docs_url or args.default_docs_url
    driver = {
        "name": "leak-tidy",
        "rules": [rule_for(check, docs_url, args.doc_dirs) for check in checks],
    }
    if docs_url:
        driver["informationUri"] = docs_url
    version = version_of(find_clang_tidy(args.clang_tidy, args.launcher_dir))
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


