"""SARIF 2.1.0 output: one rule per check, results with locations, related
locations from notes, fixes, and the files that could not be analysed."""

import hashlib
import json
import os
import re
import subprocess
import urllib.parse
import urllib.request

from . import EXAMINED_SITES, LEAK_CHECKS, plural
from .running import find_clang_tidy
from .sources import SourceFile

CLANG_TIDY_DOCS_URL = "https://clang.llvm.org/extra/clang-tidy/checks/"


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


def absent_result(key, rule_index, root):
    """A result a baseline accepted and this run no longer found."""
    check, path, _, message = key
    result = {"ruleId": check, "ruleIndex": rule_index, "level": "warning",
              "message": {"text": message}, "baselineState": "absent"}
    if path:
        result["locations"] = [{"physicalLocation": {
            "artifactLocation": artifact_location(os.path.join(root, path),
                                                  root)}}]
    return result


def write_sarif(path, args, diagnostics, results, root, examined, missing,
                accepted=None, stale=None):
    """Writes the run as SARIF to \p path; args.docs_url (or the build's
    default) and args.doc_dirs say where the check pages are. The run's
    properties hold \p examined, what each leak check examined and
    reported; \p missing are the database's files that do not exist.
    With a baseline, \p accepted are the warnings it accepted and \p stale
    those it accepted and the run no longer found, and each result says
    which it is (baselineState)."""
    sources = SourceFile()
    stale = stale or {}
    checks = sorted(set(LEAK_CHECKS) |
                    {d["DiagnosticName"] for d in diagnostics} |
                    {d["DiagnosticName"] for d in accepted or []} |
                    {k[0] for k in stale})
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
    notifications = [{
        "level": "error",
        "message": {"text": "%s could not be analysed: %s" % (
            os.path.relpath(r.path, root), r.not_analysed)},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact_location(r.path, root)}}],
    } for r in results if r.failed]
    notifications += [{
        "level": "error",
        "message": {"text": "%s could not be analysed: the file does not "
                            "exist" % os.path.relpath(m, root)},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact_location(m, root)}}],
    } for m in missing]
    notifications += [{
        "level": "warning",
        "message": {"text": "%s was analysed with %s; its results may be "
                            "incomplete" % (os.path.relpath(r.path, root),
                                            plural(len(r.errors),
                                                   "compiler error"))},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact_location(r.path, root)}}],
    } for r in results if not r.failed and r.errors]
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {"SRCROOT": {
            "uri": "file://" + urllib.request.pathname2url(root.rstrip("/"))
            + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [sarif_result(d, index[d["DiagnosticName"]], sources, root)
                    for d in diagnostics],
        "invocations": [{
            "executionSuccessful": not any(n["level"] == "error"
                                           for n in notifications),
            "toolExecutionNotifications": notifications,
        }],
        "properties": {"examined": {
            check: {"examined": count, "reported": reported,
                    "sites": EXAMINED_SITES.get(check, (what, what))[1]}
            for check, (count, what, reported) in sorted(examined.items())}},
    }
    if accepted is not None:
        for result in run["results"]:
            result["baselineState"] = "new"
        for diagnostic in accepted:
            result = sarif_result(diagnostic, index[diagnostic["DiagnosticName"]],
                                  sources, root)
            result["baselineState"] = "unchanged"
            run["results"].append(result)
        for key in sorted(stale):
            for _ in range(stale[key]):
                run["results"].append(absent_result(key, index[key[0]], root))
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }
    with open(path, "w", encoding="utf-8") as stream:
        json.dump(document, stream, indent=2, ensure_ascii=False)
        stream.write("\n")
