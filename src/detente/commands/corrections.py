"""`detente corrections`: the analyst's corrections (made in `detente serve` or the Python API), listed,
exported and undone from the command line, so nothing is reachable only in the browser."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from detente.terminal import Table
from detente.views import safe

from detente.cli import DB, _fail, app, err, out
from detente.shell import is_stdio, write_rows

corr_app = typer.Typer(help="The analyst's corrections: list, export, undo.", no_args_is_help=False)
app.add_typer(corr_app, name="corrections")


@corr_app.callback(invoke_without_command=True)
def corrections(ctx: typer.Context, all_: bool = typer.Option(False, "--all", help="Undone ones too."),
                format: str = typer.Option("table", "--format", "-f", help="table, json (one document) or jsonl."),
                db: str = DB) -> None:
    """List the corrections (what, before, after, when, who)."""
    if ctx.invoked_subcommand is not None:
        return
    _list(all_, format, db)


@corr_app.command("list")
def list_(all_: bool = typer.Option(False, "--all", help="Undone ones too."),
          format: str = typer.Option("table", "--format", "-f", help="table, json (one document) or jsonl."),
                db: str = DB) -> None:
    """List the corrections (what, before, after, when, who)."""
    _list(all_, format, db)


def _list(all_: bool, format: str, db: str) -> None:
    from detente.corrections import corrections as find

    if format not in ("table", "json", "jsonl"):
        _fail(f"unknown format {format!r} (table, json or jsonl)")
    try:
        found = find(db, include_undone=all_)
    except FileNotFoundError as e:
        _fail(str(e))
    if format != "table":
        write_rows((c.to_dict() for c in found), format)
        return
    table = Table(header_style="bold")
    for col in ("id", "when", "who", "correction", "note", "event", "status"):
        table.add_column(col, overflow="fold")
    for c in found:
        table.add_row(str(c.id), c.created_at.strftime("%Y-%m-%d %H:%M"), c.who or "", c.to_dict()["summary"],
                      (c.note or "") if c.kind != "note" else "", c.event_id or "", "active" if c.active else "undone")
    (out if out.is_terminal else Console(width=max(out.width, 200))).print(table)
    out.print(f"{len(found)} correction(s)", highlight=False)


@corr_app.command("export")
def export(output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write (default or -: stdout)."),
           db: str = DB) -> None:
    """Every correction (undone ones too) as JSON Lines."""
    from detente.corrections import export_corrections

    try:
        if output is None or is_stdio(output):
            n = export_corrections(db, sys.stdout)
        else:
            tmp = Path(str(output) + ".part")
            with open(tmp, "w", encoding="utf-8") as f:
                n = export_corrections(db, f)
            tmp.replace(output)
    except FileNotFoundError as e:
        _fail(str(e))
    if output and not is_stdio(output):
        err.print(f"{n} corrections -> {safe(output)}", highlight=False)


@corr_app.command("undo")
def undo(correction_id: int = typer.Argument(..., help="The correction's number (see `detente corrections`)."),
         who: Optional[str] = typer.Option(None, "--who", help="Your name, for the record."), db: str = DB) -> None:
    """Undo a correction: the event shows the machine's coding again (the correction stays listed as undone)."""
    from detente.corrections import describe, undo as run

    try:
        c = run(db, correction_id, who)
    except (KeyError, ValueError, FileNotFoundError) as e:
        _fail(str(e).strip("'\""))
    err.print(f"undone #{c.id}: {safe(describe(c))}", highlight=False)
