"""Prints what matters of the GitHub workflow in examples/ci, for
ci-template.test: the permissions, the checkout depth, the leak-tidy step
and the SARIF upload."""

import re
import sys

import yaml


def expression(text):
    """`${{ x }}` as `expr(x)`: FileCheck reads `{{` as a regex."""
    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", r"expr(\1)", str(text))


with open(sys.argv[1], encoding="utf-8") as stream:
    workflow = yaml.safe_load(stream)
print("permissions: security-events=%s" % workflow["permissions"]["security-events"])
steps = workflow["jobs"]["leak-tidy"]["steps"]
for step in steps:
    uses = step.get("uses", "")
    if uses.startswith("actions/checkout@"):
        print("checkout fetch-depth: %s" % step["with"]["fetch-depth"])
    elif "leak-tidy-ci.sh" in step.get("run", ""):
        command = [line for line in step["run"].splitlines() if "leak-tidy-ci.sh" in line][0]
        print("lint: %s, LEAK_TIDY_BASE_REF=%s" % (command.strip(), expression(step["env"]["LEAK_TIDY_BASE_REF"])))
    elif uses.startswith("github/codeql-action/upload-sarif@"):
        print("upload: %s %s if %s" % (uses, step["with"]["sarif_file"], expression(step["if"])))
