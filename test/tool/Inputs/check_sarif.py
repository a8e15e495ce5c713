"""Checks a SARIF file written by leak-tidy-run against the SARIF 2.1.0
schema and against the text output of the same run.

Usage: check_sarif.py SCHEMA SARIF TEXT_OUTPUT SOURCE_ROOT

Prints one line per result, "<rule> <path>:<line>:<col> notes=<n> fixes=<n>",
for FileCheck, after asserting that
  - the document validates against the schema, and is version 2.1.0;
  - the rules are the leak checks plus any other check reported, each with
    an id equal to its check name, and each result's ruleIndex points at its
    rule;
  - every warning of the text output is a result at the same file, line and
    column, and every result is a warning of the text output;
  - each result has one related location per note the text output shows.
"""

import json
import os
import re
import sys
import urllib.parse

import jsonschema

LEAK_CHECKS = ["leak-detached-thread", "leak-http-without-timeout",
               "leak-unread-channel-send", "leak-unstopped-timer"]

DIAGNOSTIC = re.compile(
    r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): "
    r"(?P<level>warning|error|note): (?P<message>.*?)(?: \[(?P<check>[^\]]+)\])?$")


def fail(message):
    sys.exit("check_sarif: " + message)


def text_diagnostics(text_path, root):
    """(check, abs path, line, col, message, notes) for each warning."""
    diagnostics = []
    with open(text_path, encoding="utf-8") as stream:
        for line in stream:
            match = DIAGNOSTIC.match(line.rstrip("\n"))
            if not match:
                continue
            path = os.path.normpath(os.path.join(root, match["path"]))
            if match["level"] == "note":
                diagnostics[-1][5] += 1
                continue
            check = match["check"].split(",")[0]
            diagnostics.append([check, path, int(match["line"]),
                                int(match["col"]), match["message"], 0])
    return diagnostics


def resolve(location, base):
    artifact = location["physicalLocation"]["artifactLocation"]
    uri = artifact["uri"]
    if artifact.get("uriBaseId"):
        uri = base[artifact["uriBaseId"]]["uri"] + uri
    return os.path.normpath(urllib.parse.unquote(urllib.parse.urlparse(uri).path))


def main(schema_path, sarif_path, text_path, root):
    with open(schema_path, encoding="utf-8") as stream:
        schema = json.load(stream)
    with open(sarif_path, encoding="utf-8") as stream:
        document = json.load(stream)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(document),
                    key=str)
    if errors:
        fail("not valid SARIF 2.1.0: %s at %s" % (errors[0].message,
                                                   list(errors[0].path)))
    if document["version"] != "2.1.0":
        fail("version is %r" % document["version"])
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    if not set(LEAK_CHECKS) <= set(ids):
        fail("rules %s lack some leak checks" % ids)
    for rule in rules:
        if rule["id"] in LEAK_CHECKS and not (
                rule.get("helpUri", "").endswith(rule["id"] + ".md")
                and rule["shortDescription"]["text"]
                and rule["help"]["markdown"].startswith("# " + rule["id"])):
            fail("rule %s lacks its summary, docs link or help" % rule["id"])
    base = run["originalUriBaseIds"]
    results = []
    for result in run["results"]:
        if ids[result["ruleIndex"]] != result["ruleId"]:
            fail("ruleIndex of %s points at %s" % (result["ruleId"],
                                                    ids[result["ruleIndex"]]))
        region = result["locations"][0]["physicalLocation"]["region"]
        results.append([result["ruleId"], resolve(result["locations"][0], base),
                        region["startLine"], region["startColumn"],
                        result["message"]["text"],
                        len(result.get("relatedLocations", [])),
                        len(result.get("fixes", []))])
    expected = sorted(text_diagnostics(text_path, root))
    found = sorted(r[:6] for r in results)
    if expected != found:
        fail("text output and SARIF differ:\n  text:  %s\n  sarif: %s"
             % (expected, found))
    for result in sorted(results):
        print("%s %s:%d:%d notes=%d fixes=%d" % (
            result[0], os.path.relpath(result[1], root), result[2], result[3],
            result[5], result[6]))


if __name__ == "__main__":
    main(*sys.argv[1:])
