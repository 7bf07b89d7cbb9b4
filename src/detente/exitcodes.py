"""The exit codes of every `detente` command (documented in the README): a script can tell a batch with
some bad inputs from a crash, and a busy store from both."""
OK = 0
SKIPPED = 1  # done, but some inputs were skipped or some articles failed (one line each says why)
USAGE = 2  # a bad option, argument or knowledge file, or no store: nothing was done
BUSY = 3  # the store is being written by another process: nothing was done, try again later
CRASH = 4  # an internal error (a bug in detente): the store is as the last finished document left it
INCONSISTENT = 5  # `detente check` found the store breaking an invariant
INTERRUPTED = 130  # stopped by Ctrl-C between documents; what was stored before stays (128 + SIGINT)
