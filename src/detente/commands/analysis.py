"""`detente ledger`, `trend`, `dyads` and `report`: the analysis views over a stored dyad."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from detente.terminal import Table
from detente.views import safe

from detente.cli import DB, _fail, app, out
from detente.shell import LIST_FORMATS, dyad_option, is_stdio, since_option, until_option, write_rows

DYAD = dyad_option("USA-BLR")
SINCE = since_option()
UNTIL = until_option()


def _errors() -> tuple:
    """The errors a command reports in one line (an except clause evaluates this only on an exception,
    so DuckDB is not imported at start)."""
    import duckdb

    return ValueError, FileNotFoundError, duckdb.Error


def _console() -> Console:
    return Console(width=max(out.width, 200)) if not out.is_terminal else out


def _check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        _fail(f"unknown format {fmt!r} ({', '.join(allowed)})")


def _frame_out(rows, fmt: str) -> None:
    """Rows (dataclasses with `row()` or plain ones) as json, jsonl or csv, through the one writer."""
    import dataclasses

    write_rows((r.row() if hasattr(r, "row") else dataclasses.asdict(r) for r in rows), fmt)


@app.command()
def ledger(dyad: str = DYAD, since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
           format: str = typer.Option("table", "--format", "-f", help="table, json (one document), jsonl or csv."),
           db: str = DB) -> None:
    """Each side's concessions and demands in date order, the exchanges linking them, and totals."""
    import detente.ledger  # noqa: F401 (the module: `detente.ledger` is also the re-exported function)
    ledger_mod = sys.modules["detente.ledger"]
    from detente.views import date_text

    _check_format(format, LIST_FORMATS)
    try:
        led = ledger_mod.ledger(db, dyad, since=since, until=until)
    except _errors() as e:
        _fail(str(e))
    if format != "table":
        write_rows(led.rows(), format)
        return
    con = _console()
    which = {e.id: i for i, x in enumerate(led.exchanges, 1) for e in x.entries}
    table = Table(header_style="bold", title=f"Concession ledger {led.dyad[0]}-{led.dyad[1]}")
    for col in ("date", "side", "what", "people", "exch", "id"):
        table.add_column(col, no_wrap=True)
    table.add_column("evidence", overflow="ellipsis", no_wrap=True, max_width=80)
    for e in led.entries:
        table.add_row(date_text(e.event), e.side, e.label, str(e.people or ""), str(which.get(e.id, "")), e.id,
                      e.event.mentions[0].sentence if e.event.mentions else "")
    con.print(table)
    for i, x in enumerate(led.exchanges, 1):
        con.print(f"\n[bold]exchange {i}[/bold] {x.date_start} .. {x.date_end}: {safe(x.summary())}", highlight=False)
        for lk in x.links:
            con.print(f"  {safe(lk.a.describe())} <-> {safe(lk.b.describe())}: [cyan]{safe(lk.why)}[/cyan] "
                      f"{safe(lk.reason())}", highlight=False)
            for ev in lk.evidence:
                con.print(f"    \"{safe(ev.text)}\" ({safe(ev.doc_name)})", highlight=False)
    totals = Table(header_style="bold", title="Totals")
    totals.add_column("side")
    keys = [k for k in next(iter(led.totals.values())) if k not in ("people_released", "people_released_high")]
    for k in keys:
        totals.add_column("people released" if k == "people_released_text" else k.replace("_", " "), justify="right")
    for side, t in led.totals.items():
        totals.add_row(side, *(str(t[k]) for k in keys))
    con.print(totals)


@app.command()
def trend(dyad: Optional[str] = dyad_option(None, "Country pair, e.g. USA-BLR (default: all events)."),
          by: str = typer.Option("month", "--by", help="month, week or year."),
          since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
          format: str = typer.Option("table", "--format", "-f", help="table, json (one document), jsonl or csv."),
          db: str = DB) -> None:
    """Per period: events by PLOVER quad, Goldstein and PLOVER score sums, each side's share, direction."""
    import detente.trend  # noqa: F401
    trend_mod = sys.modules["detente.trend"]

    _check_format(format, LIST_FORMATS)
    try:
        rows = trend_mod.trend(db, dyad, by=by, since=since, until=until)
    except _errors() as e:
        _fail(str(e))
    if format != "table":
        _frame_out(rows, format)
        return
    sides = list(rows[0].share) if rows else []
    table = Table(header_style="bold", title=f"Trend {dyad or 'all dyads'} by {by}")
    for col in ("period", "events", "v.coop", "m.coop", "v.confl", "m.confl", "Goldstein", "PLOVER",
                *(f"{s} share" for s in sides), "dir"):
        table.add_column(col, justify="left" if col in ("period", "dir") else "right", no_wrap=True)
    for r in rows:
        if not r.events:
            continue
        table.add_row(r.period, f"{r.events:.2f}", f"{r.verbal_cooperation:.2f}", f"{r.material_cooperation:.2f}",
                      f"{r.verbal_conflict:.2f}", f"{r.material_conflict:.2f}", f"{r.goldstein:.1f}",
                      f"{r.plover_score:.1f}", *(f"{100 * r.share[s]:.0f}%" for s in sides), r.direction)
    _console().print(table)
    out.print(f"{len(rows)} periods ({sum(1 for r in rows if not r.events)} without events not shown)")


@app.command()
def dyads(since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
          format: str = typer.Option("table", "--format", "-f", help="table, json (one document), jsonl or csv."),
          db: str = DB) -> None:
    """The pairs of states in the store, ranked by how many events they share."""
    import detente.trend  # noqa: F401
    trend_mod = sys.modules["detente.trend"]

    _check_format(format, LIST_FORMATS)
    try:
        rows = trend_mod.dyads(db, since=since, until=until)
    except _errors() as e:
        _fail(str(e))
    if format != "table":
        _frame_out(rows, format)
        return
    table = Table(header_style="bold")
    for col in ("dyad", "events", "mentions", "articles", "cooperation", "conflict", "Goldstein", "first", "last"):
        table.add_column(col, justify="left" if col in ("dyad", "first", "last") else "right", no_wrap=True)
    for r in rows:
        table.add_row(r.dyad, str(r.events), str(r.mentions), str(r.articles), str(r.cooperation), str(r.conflict),
                      f"{r.goldstein:.1f}", str(r.first or ""), str(r.last or ""))
    _console().print(table)


@app.command()
def report(dyad: str = DYAD,
           output: Path = typer.Option(Path("report.html"), "-o", "--output", help="File to write (-: standard output)."),
           format: str = typer.Option("html", "--format", "-f", help="html (self-contained page) or md (brief)."),
           by: str = typer.Option("month", "--by", help="Trend periods: month, week or year."),
           since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
           db: str = DB) -> None:
    """Write a self-contained HTML report (or a Markdown brief) of a dyad: trend, ledger, timeline, sources."""
    import detente.report  # noqa: F401
    report_mod = sys.modules["detente.report"]

    _check_format(format, ("html", "md"))
    if is_stdio(output):
        try:
            ctx = report_mod.context(db, dyad, since, until, by)
        except _errors() as e:
            _fail(str(e))
        sys.stdout.write(report_mod.render_html(ctx) if format == "html" else report_mod.render_markdown(ctx))
        return
    if not output.parent.exists():
        _fail(f"{output}: folder {output.parent} does not exist")
    try:
        path = report_mod.report(db, dyad, output, format=format, since=since, until=until, by=by)
    except _errors() as e:
        _fail(str(e))
    except OSError as e:
        _fail(f"{output}: cannot write ({e.strerror})")
    print(f"report written: {path.resolve()}")  # one line, one stream
