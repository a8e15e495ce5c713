"""leak-tidy-run: runs leak-tidy over a project's compile_commands.json.

The command line (cli), the compilation database and the files it selects
(database), running leak-tidy and collecting what it reports (running),
SARIF output (sarif), and for large codebases the baseline of accepted
warnings (baseline), the result cache (cache) and shards (shards).
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

# What each check examines, one and many, as its remarks name them.
EXAMINED_SITES = {
    "leak-detached-thread": ("detach site", "detach sites"),
    "leak-http-without-timeout": ("HTTP or RPC call", "HTTP and RPC calls"),
    "leak-unread-channel-send": ("channel", "channels"),
    "leak-unstopped-timer": ("timer start or wait", "timer starts and waits"),
}

EXIT_CLEAN, EXIT_FINDINGS, EXIT_SETUP, EXIT_ANALYSIS = 0, 1, 2, 3


def plural(count, noun, nouns=None):
    return "%d %s" % (count, noun if count == 1 else nouns or noun + "s")


class SetupError(Exception):
    """A problem that stops the run before any file is analysed."""
