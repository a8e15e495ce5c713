"""Splitting a run across CI machines (--shard K/N) and merging their SARIF
files into one run (--merge-sarif).

Every machine computes the same split: the files sorted by an estimate of
their cost, largest first, each given to the shard with the least cost so
far (ties to the lowest shard, then by path). The estimate is the size of
the file's preprocessed text, which is the same on every machine with the
same tree and compiler; or, asked for, the time a cache shared by every
shard stored for each file, when it has one for every file."""

import concurrent.futures
import json
import re
import subprocess

from . import SetupError
from .cache import preprocessor_command

SHARD = re.compile(r"^(\d+)/(\d+)$")


def parse_shard(text):
    """(K, N) from `K/N`, 1 <= K <= N."""
    match = SHARD.match(text or "")
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise SetupError("--shard takes K/N with 1 <= K <= N, not %r" % text)
    return int(match.group(1)), int(match.group(2))


def preprocessed_size(entry):
    try:
        run = subprocess.run(preprocessor_command(entry, "-E"),
                             cwd=entry["directory"], capture_output=True)
    except OSError:
        return 0
    return len(run.stdout)


def estimated_costs(files, database, cache, key_of, jobs):
    """{file: cost}: \\p cache's stored seconds when it is given and has all
    of them, else the preprocessed sizes (computed in parallel)."""
    if cache is not None:
        seconds = {f: cache.seconds(key_of(f)) for f in files}
        if all(s is not None for s in seconds.values()):
            return seconds
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        sizes = pool.map(lambda f: preprocessed_size(database.entries[f]),
                         files)
        return dict(zip(files, sizes))


def select_shard(files, costs, shard, count):
    """The files of shard \\p shard (1-based) of \\p count."""
    loads = [0.0] * count
    mine = []
    for path in sorted(files, key=lambda f: (-costs[f], f)):
        lightest = min(range(count), key=lambda i: (loads[i], i))
        loads[lightest] += costs[path]
        if lightest == shard - 1:
            mine.append(path)
    order = {path: index for index, path in enumerate(files)}
    return sorted(mine, key=order.get)


def merge_sarif(output, inputs):
    """Writes one SARIF run made of the runs of \\p inputs: their results
    (a header's warning found by two shards once), rules, notifications, and
    the examined counts summed (a header examined by two shards counts
    twice)."""
    merged = None
    seen = set()
    for path in inputs:
        try:
            with open(path, encoding="utf-8") as stream:
                document = json.load(stream)
            runs = document["runs"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise SetupError("--merge-sarif: cannot read %s: %s"
                             % (path, error))
        for run in runs:
            if merged is None:
                merged = json.loads(json.dumps(run))
                merged["results"] = []
                merged["tool"]["driver"]["rules"] = []
                merged["invocations"] = [{"executionSuccessful": True,
                                          "toolExecutionNotifications": []}]
                merged.setdefault("properties", {})["examined"] = {}
            add_run(merged, run, seen)
    if merged is None:
        raise SetupError("--merge-sarif: no runs in %s" % " ".join(inputs))
    # A header's warning found by two shards is one result: count results.
    for check, counts in merged["properties"]["examined"].items():
        counts["reported"] = sum(
            1 for r in merged["results"] if r.get("ruleId") == check
            and r.get("level") == "warning"
            and r.get("baselineState") != "absent")
    document = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                "version": "2.1.0", "runs": [merged]}
    with open(output, "w", encoding="utf-8") as stream:
        json.dump(document, stream, indent=2, ensure_ascii=False)
        stream.write("\n")


def add_run(merged, run, seen):
    rules = merged["tool"]["driver"]["rules"]
    rule_ids = [rule["id"] for rule in rules]
    for rule in run["tool"]["driver"].get("rules", []):
        if rule["id"] not in rule_ids:
            rules.append(rule)
            rule_ids.append(rule["id"])
    for result in run.get("results", []):
        key = json.dumps({k: v for k, v in result.items() if k != "ruleIndex"},
                         sort_keys=True)
        if key in seen:
            continue
        seen.add(key)
        result = dict(result)
        if "ruleId" in result:
            result["ruleIndex"] = rule_ids.index(result["ruleId"])
        merged["results"].append(result)
    invocation = merged["invocations"][0]
    for other in run.get("invocations", []):
        invocation["executionSuccessful"] &= other.get("executionSuccessful",
                                                       True)
        invocation["toolExecutionNotifications"] += other.get(
            "toolExecutionNotifications", [])
    examined = merged["properties"]["examined"]
    for check, counts in run.get("properties", {}).get("examined", {}).items():
        total = examined.setdefault(check, dict(counts, examined=0,
                                                reported=0))
        total["examined"] += counts.get("examined", 0)
        total["reported"] += counts.get("reported", 0)
