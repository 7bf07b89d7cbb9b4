"""Who holds the store: DuckDB lets one process write a file (or several read it), and tells a second one
only "Could not set lock ... (PID N)". The writer leaves a note beside the store (`detente.duckdb.pid`:
its pid and command), so the second process can say in one line which detente command holds it."""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import duckdb


class StoreBusy(duckdb.IOException):
    """The store is held by another process (one line for the user: `str()`). A DuckDB IOException still,
    for callers that catch DuckDB's own lock error (the web workspace answers it with 503)."""

    def __init__(self, path: str, pid: int | None, command: str | None):
        self.path, self.pid, self.command = path, pid, command
        who = f"detente {command}" if command else "another process"
        pid_text = f", pid {pid}" if pid else ""
        super().__init__(f"{path}: the store is being written by {who}{pid_text}; try again when it finishes")


class NotAStore(FileNotFoundError):
    """A file at the store's path that is no DuckDB database: there is no store there to read or write (a
    FileNotFoundError, so that the commands report it in one line as they do a missing store)."""

    def __init__(self, path: str):
        self.path = path
        super().__init__(f"{path}: not a detente store (the file is no DuckDB database)")


def note_path(db: str) -> Path:
    return Path(str(db) + ".pid")


def _command() -> str:
    """The detente command this process runs ("ingest", "recode"), or the program's name."""
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    prog = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "python"
    return args[0] if prog == "detente" and args else f"(python: {prog})"


def write_note(db: str) -> None:
    """Say beside the store that this process writes it (best effort: a read-only folder just says nothing)."""
    try:
        note_path(db).write_text(json.dumps({"pid": os.getpid(), "command": _command()}), encoding="utf-8")
    except OSError:
        pass


def clear_note(db: str) -> None:
    try:
        p = note_path(db)
        if json.loads(p.read_text(encoding="utf-8")).get("pid") == os.getpid():
            p.unlink()
    except (OSError, ValueError, AttributeError):
        pass


def busy(db: str, error: Exception) -> StoreBusy | None:
    """A StoreBusy for DuckDB's lock error (None for any other error)."""
    text = str(error)
    if "lock" not in text.lower():
        return None
    m = re.search(r"PID (\d+)", text)
    pid = int(m.group(1)) if m else None
    command = None
    try:
        note = json.loads(note_path(db).read_text(encoding="utf-8"))
        if pid is None or note.get("pid") == pid:  # a note left by a killed process says nothing
            pid, command = note.get("pid"), note.get("command")
    except (OSError, ValueError, AttributeError):
        pass
    if command and command.startswith("(python"):
        command = None
    return StoreBusy(db, pid, command)
