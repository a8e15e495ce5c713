"""The clang-tidy configuration the files will be analysed with: the
configuration files clang-tidy cannot read, and the leak checks' options."""

import os
import re
import subprocess
import sys
import tempfile

import yaml

from . import SetupError
from .sources import shown_path

# clang-tidy's word for a configuration file it gave up on.
PARSE_ERROR = re.compile(r"^Error parsing (.+?): (.*)$")


def dump_config(args, clang_tidy, database, source):
    """clang-tidy's --dump-config for \\p source, and what it said on
    stderr."""
    with tempfile.TemporaryDirectory(prefix="leak-tidy-run.") as work:
        database.write(work, [source])
        command = [clang_tidy, "--dump-config", "-p", work]
        if args.checks:
            command.append("-checks=" + args.checks)
        if args.config_file:
            command.append("-config-file=" + args.config_file)
        if args.load:
            command.append("-load=" + os.path.abspath(args.load))
        result = subprocess.run(command + [source], capture_output=True,
                                text=True, errors="replace")
    return result.stdout, result.stderr


def check_configuration(args, clang_tidy, database, sources, going_on=None):
    """Reports, once each, the configuration files clang-tidy cannot read
    for \\p sources (one per directory: that is where it looks for them),
    with clang-tidy's own message. clang-tidy ignores such a file whole, and
    the leak checks' options in it with it, so the run stops unless
    --allow-config-errors, or \\p going_on says why it goes on."""
    problems = {}
    for directory in sorted({os.path.dirname(s) for s in sources}):
        source = next(s for s in sources if os.path.dirname(s) == directory)
        _, stderr = dump_config(args, clang_tidy, database, source)
        lines = stderr.splitlines()
        for index, line in enumerate(lines):
            match = PARSE_ERROR.match(line)
            if not match or match.group(1) in problems:
                continue
            # The lines clang-tidy printed about that file before giving up.
            detail = [l for l in lines[:index]
                      if l.startswith(match.group(1) + ":")]
            problems[match.group(1)] = detail or [line]
    if not problems:
        return
    text = "".join("%s\n" % line for detail in problems.values()
                   for line in detail)
    names = ", ".join(sorted(map(shown_path, problems)))
    if args.allow_config_errors or going_on:
        if not args.quiet:
            sys.stderr.write(
                "leak-tidy-run: clang-tidy ignores %s, which it cannot read:\n"
                "%sleak-tidy-run: %s\n" % (
                    names, text,
                    going_on or "going on without it (--allow-config-errors)"))
        return
    raise SetupError(
        "clang-tidy cannot read %s and would ignore it, with any leak-* "
        "options in it:\n%sfix it, or pass --allow-config-errors to go on "
        "without it" % (names, text))


def dump_leak_options(args, clang_tidy, database, source):
    """The checks and the leak-* options clang-tidy will use for \\p source,
    as YAML."""
    stdout, stderr = dump_config(args, clang_tidy, database, source)
    try:
        config = yaml.safe_load(stdout) or {}
    except yaml.YAMLError:
        raise SetupError("clang-tidy --dump-config printed no configuration:"
                         "\n" + stderr)
    options = config.get("CheckOptions") or {}
    if isinstance(options, list):  # the older list-of-pairs form
        options = {o.get("key"): o.get("value") for o in options}
    leak = {key: value for key, value in sorted(options.items())
            if key.startswith("leak-")}
    return "# clang-tidy's configuration for %s, leak checks only\n" % \
        shown_path(source) + yaml.safe_dump(
            {"Checks": config.get("Checks", ""), "CheckOptions": leak},
            default_flow_style=False, sort_keys=False)
