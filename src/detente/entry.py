"""The `detente` command's entry point. Loading spaCy and the rest takes a few seconds; a Ctrl-C in them
would print a KeyboardInterrupt traceback from deep inside an import. While the command loads (from the
first line of `detente/__init__.py` on), Ctrl-C ends it quietly with exit code 130 (nothing is open yet);
then `detente.cli` handles it (`detente.interrupt`)."""
from __future__ import annotations

import os
import signal
import sys
import threading

_previous = None


def _quiet(signum, frame):
    sys.stderr.write("interrupted\n")
    sys.stderr.flush()
    os._exit(130)


def quiet_while_loading() -> None:
    """For the `detente` command only (not a notebook importing the package): Ctrl-C exits quietly."""
    global _previous
    if (os.path.basename(sys.argv[0] if sys.argv else "") == "detente" and _previous is None
            and threading.current_thread() is threading.main_thread()):
        _previous = signal.signal(signal.SIGINT, _quiet)


def main() -> None:
    quiet_while_loading()
    from .cli import app

    if _previous is not None:
        signal.signal(signal.SIGINT, _previous)
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
