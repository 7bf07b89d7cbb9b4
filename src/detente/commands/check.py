"""`detente check`: verify the store's invariants (after a crash, a kill, or to test a change)."""
from __future__ import annotations

import typer

from detente import exitcodes
from detente.cli import DB, _fail, app, err, out


@app.command()
def check(db: str = DB) -> None:
    """Check the store: each event's counts equal its mentions, no orphan events or mentions, no dangling
    ids, dates in 1000-2999, events as their mentions make them. Exit code 5 on any violation."""
    from detente import api
    from detente.views import safe

    try:
        report = api.check(db)
    except FileNotFoundError as e:
        _fail(str(e))
    for problem in report.problems:
        err.print(f"[red]violation[/red] {safe(problem)}", highlight=False)
    out.print(f"{report.documents} documents, {report.mentions} mentions, {report.events} events: "
              f"{'ok' if report.ok else f'{len(report.problems)} violation(s)'}", highlight=False)
    raise typer.Exit(exitcodes.OK if report.ok else exitcodes.INCONSISTENT)
