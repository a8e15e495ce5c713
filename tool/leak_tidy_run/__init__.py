"""leak-tidy-run: runs leak-tidy over a project's compile_commands.json.

The command line (cli), the compilation database and the files it selects
(database), running leak-tidy and collecting what it reports (running), and
SARIF output (sarif).
"""

# The leak checks always appear as SARIF rules, whether or not they fired, so
# that a code-scanning service can show what was looked for.
LEAK_CHECKS = {
    "leak-detached-thread":
        "Detached threads whose code can never be told to stop.",
    "leak-http-without-timeout":
        "HTTP and RPC calls that can wait forever.",
    "leak-unread-channel-send":
        "Sends on unbuffered channels that may never be received.",
    "leak-unstopped-timer":
        "Repeating timers that nothing can ever stop.",
}

EXIT_CLEAN, EXIT_FINDINGS, EXIT_SETUP, EXIT_ANALYSIS = 0, 1, 2, 3


def plural(count, noun):
    return "%d %s%s" % (count, noun, "" if count == 1 else "s")


class SetupError(Exception):
    """A problem that stops the run before any file is analysed."""
