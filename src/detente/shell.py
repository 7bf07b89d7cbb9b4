"""The shell's conventions for every command: `-` is standard input or output, a day option is checked
and named when wrong, listings come as table, json (one document), jsonl (one record a line) or csv, and
progress bars show a total, a rate and the time left when the total is known.

Kept free of heavy imports: the commands that need no language model must start fast."""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Callable, Iterable, Optional

import typer

LIST_FORMATS = ("table", "json", "jsonl", "csv")


def check_day(value: Optional[str]) -> Optional[str]:
    """A typer callback: a day option must be YYYY-MM-DD (typer then names the option in its error)."""
    if value is None:
        return value
    try:
        dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a day (give YYYY-MM-DD)") from None
    return value.strip()


def check_dyad(value: Optional[str]) -> Optional[str]:
    """A typer callback: a dyad must name two known countries (codes or names); given back as CODE-CODE."""
    if value is None:
        return value
    from .common import dyad_label, parse_dyad

    try:
        return dyad_label(parse_dyad(value))
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


def dyad_option(default: Optional[str] = None, help: str = "Country pair: codes or names, e.g. USA-BLR."):
    return typer.Option(default, "--dyad", help=help, callback=check_dyad)


def since_option():
    return typer.Option(None, "--since", help="From this day (YYYY-MM-DD).", callback=check_day)


def until_option():
    return typer.Option(None, "--until", help="Up to this day (YYYY-MM-DD).", callback=check_day)


def is_stdio(path) -> bool:
    return path is not None and str(path) == "-"


def write_rows(rows: Iterable[dict], fmt: str, out=None) -> int:
    """Rows as json / jsonl / csv on standard output (or `out`)."""
    from .views import write_records

    return write_records(rows, out or sys.stdout, fmt)


def count_inputs(paths: list[str], limit: int = 100_000) -> int | None:
    """How many documents an ingest will read, when that is cheap to know: files in folders, lines of
    manifests, one per plain file. None (an open-ended bar) beyond `limit` or for standard input."""
    from .ingest import HTML_EXTS, MANIFEST_EXTS, MARKDOWN_EXTS, TEXT_EXTS

    known = HTML_EXTS | MARKDOWN_EXTS | TEXT_EXTS
    total = 0

    def lines(path: str) -> int:
        with open(path, "rb") as f:
            return sum(1 for line in f if line.strip())

    try:
        for given in paths:
            if given == "-":
                return None
            if os.path.isdir(given):
                for root, dirs, files in os.walk(given):
                    dirs[:] = [d for d in dirs if not d.startswith(".")]
                    for name in files:
                        ext = os.path.splitext(name)[1].lower()
                        if name.startswith("."):
                            continue
                        if ext in MANIFEST_EXTS:
                            total += lines(os.path.join(root, name))
                        elif ext in known and ext:
                            total += 1
                    if total > limit:
                        return None
            elif os.path.splitext(given)[1].lower() in MANIFEST_EXTS and os.path.isfile(given):
                total += lines(given)
            else:
                total += 1
    except OSError:
        return None
    return total


def progress_bar(console, label: str):
    """A rich progress bar with the count, rate and time left (rich leaves those blank for an open total)."""
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskProgressColumn,
                               TextColumn, TimeElapsedColumn, TimeRemainingColumn)

    return Progress(SpinnerColumn(), TextColumn(f"[bold]{label}[/bold]"), BarColumn(), MofNCompleteColumn(),
                    TaskProgressColumn(), TextColumn("{task.fields[rate]}"),
                    TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                    TextColumn("{task.description}"), console=console, transient=True)


def counted_bar(stack, console, label: str) -> Callable[[int, int], None]:
    """A `progress(done, total)` callback that opens a progress bar (on `stack`, an ExitStack) when first told,
    for work that counts its own total (an export, claims found once)."""
    bar: list = []

    def progress(done: int, total: int) -> None:
        if not bar:
            bar.append(stack.enter_context(progress_bar(console, label)))
            bar.append(bar[0].add_task("", total=total, rate=""))
        bar[0].update(bar[1], completed=done, total=total)

    return progress


def tick(progress, task) -> Callable[[str, str], None]:
    """An `on_item(name, status)` callback that advances the bar and shows the rate."""

    def on_item(name: str, status: str) -> None:
        progress.update(task, advance=1, description=f"{status}: {Path(name).name}")
        t = progress.tasks[task]
        progress.update(task, rate=f"{t.speed:.1f}/s" if t.speed else "")

    return on_item
