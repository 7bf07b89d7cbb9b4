"""`detente load DIR`: merge the Parquet shards that `detente ingest --shards DIR` wrote into a store."""
from __future__ import annotations

from pathlib import Path

import typer

from detente.cli import DB, _fail, app, err


@app.command()
def load(folder: Path = typer.Argument(..., help="The folder of shards (from `detente ingest --shards`)."),
         db: str = DB) -> None:
    """Merge coded shards into the store, in the order they were written (documents stored already stay)."""
    from detente import api

    try:
        report = api.load(str(folder), db)
    except ValueError as e:
        _fail(str(e))
    err.print(f"{len(report.added)} added, {len(report.unchanged)} unchanged; {report.mentions} event mentions, "
              f"{report.events_touched} events updated ({report.seconds:.1f} s) -> {db}", highlight=False)
