"""Ctrl-C during a long write as a request to stop between documents.

A KeyboardInterrupt raised at a random point lands inside DuckDB (a failed COMMIT, then "cannot rollback")
or while the parsing thread is inside BLAS (the interpreter exits under it: an abort or a segfault). So the
first Ctrl-C only sets a flag: the loops finish the document in hand (its transaction commits), stop the
parsing thread and return. A second Ctrl-C raises KeyboardInterrupt at once, for the impatient; the store
still rolls the open transaction back."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator


class StopFlag(threading.Event):
    """Set when the user asked to stop."""


@contextmanager
def soft_interrupt() -> Iterator[StopFlag]:
    """A flag set by the first SIGINT while the block runs (in the main thread; elsewhere a flag never set)."""
    flag = StopFlag()
    if threading.current_thread() is not threading.main_thread():
        yield flag
        return

    def handler(signum, frame):
        if flag.is_set():
            raise KeyboardInterrupt
        flag.set()

    try:
        old = signal.signal(signal.SIGINT, handler)
    except ValueError:  # signals unavailable (an embedded interpreter)
        yield flag
        return
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, old)
