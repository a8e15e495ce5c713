#!/usr/bin/env python3
"""Prints the slowest tests of one or more lit runs.

    slowest-tests.py COUNT LABEL=RESULTS.json ...

Each RESULTS.json is what `lit -o` wrote; LABEL names its run (an LLVM major).
"""

import json
import sys


def main():
    count = int(sys.argv[1])
    timed = []
    for argument in sys.argv[2:]:
        label, _, path = argument.partition("=")
        try:
            with open(path) as f:
                tests = json.load(f)["tests"]
        except (OSError, ValueError, KeyError):
            print("  (no results for LLVM %s)" % label)
            continue
        timed += [(test.get("elapsed") or 0.0, label, test["name"])
                  for test in tests]
    for elapsed, label, name in sorted(timed, reverse=True)[:count]:
        print("  %7.1f s  LLVM %s  %s" % (elapsed, label, name))


if __name__ == "__main__":
    main()
