"""`detente review`: the events the tool is least sure of, worst first, each with why."""
from __future__ import annotations

from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from detente.cli import DB, _fail, app, out
from detente.shell import LIST_FORMATS, dyad_option, since_option, until_option, write_rows


@app.command()
def review(dyad: Optional[str] = dyad_option(), since: Optional[str] = since_option(),
           until: Optional[str] = until_option(),
           limit: int = typer.Option(50, "--limit", "-n", help="Show at most this many (0: all)."),
           format: str = typer.Option("table", "--format", "-f", help="table, json (one document), jsonl or csv."),
           db: str = DB) -> None:
    """Events to check first: lowest confidence first, with the reasons (inferred or wide date, actor from
    context, weak pattern, sources that disagree, a lone source). Fix them in the actor or pattern files."""
    from detente import api

    if format not in LIST_FORMATS:
        _fail(f"unknown format {format!r} ({', '.join(LIST_FORMATS)})")
    try:
        queue = api.review(db, dyad=dyad, since=since, until=until, limit=limit or None)
    except (ValueError, FileNotFoundError) as e:
        _fail(str(e))
    if format != "table":
        write_rows((dict(d.row(), reasons="; ".join(d.reasons)) if format == "csv" else d.row() for d in queue), format)
        return
    table = Table(header_style="bold", show_lines=True)
    for col in ("confidence", "date", "event", "actor", "recipient", "id"):
        table.add_column(col, no_wrap=True)
    table.add_column("why", overflow="fold", max_width=60)
    for d in queue:
        r = d.row()
        table.add_row(f"{d.confidence:.2f}", r["date"], f"{r['event']} {r['mode']}".strip(), r["actor"],
                      r["recipient"], r["id"], escape("\n".join(d.reasons)))  # reasons quote article text
    (out if out.is_terminal else type(out)(width=max(out.width, 200))).print(table)
    out.print(f"{len(queue)} event(s) to review (detente explain ID shows the evidence)", highlight=False)
