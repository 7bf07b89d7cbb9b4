"""`detente recode`: code the stored articles again, so that a fixed actor dictionary or pattern file takes
effect on them (re-ingesting cannot: a document is keyed by its text and is never read twice)."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from detente import exitcodes
from detente.views import safe
from detente.cli import DB, _fail, app, err
from detente.shell import progress_bar, tick


@app.command()
def recode(waiting: bool = typer.Option(False, "--waiting", help="Only the articles with mentions whose doer "
                                        "the dictionary lacked (after `detente actors add`)."),
           actors: List[Path] = typer.Option([], "--actors", help="Extra actor dictionary YAML files "
                                             "(detente-actors.yaml next to the store is always read)."),
           patterns: Optional[Path] = typer.Option(None, "--patterns", help="An event pattern file to use instead of "
                                                   "the shipped one (default: detente-patterns.yaml by the store)."),
           db: str = DB) -> None:
    """Code the stored articles again with the current actor and pattern files, replacing their mentions and
    events (one transaction per article). Exit code 1 if some articles failed (they keep their old coding)."""
    from detente import api
    from detente.store import Store

    total = None
    if Path(db).exists():
        with Store(db, read_only=True) as store:  # the bar's total: the documents to code again
            total = len(store.document_ids(None, waiting))
    with progress_bar(err, "recode") as progress:
        task = progress.add_task("", total=total, rate="")
        try:
            report = api.recode(db, only_waiting=waiting, actor_files=[str(a) for a in actors],
                                patterns_file=str(patterns) if patterns else None, on_item=tick(progress, task))
        except (ValueError, FileNotFoundError) as e:
            _fail(str(e))
    for problem in report.failed:
        err.print(f"[yellow]failed[/yellow] {safe(str(problem))}", highlight=False)
    err.print(f"{len(report.recoded)} documents recoded, {len(report.failed)} failed; mentions "
              f"{report.mentions_before} -> {report.mentions_after} (waiting for the dictionary "
              f"{report.waiting_before} -> {report.waiting_after}); events {report.events_created} created, "
              f"{report.events_changed} changed, {report.events_deleted} deleted ({report.seconds:.1f} s) -> {db}",
              highlight=False)
    if report.interrupted:
        err.print("interrupted: the documents above are recoded, the rest keep their old coding; run it again "
                  "to finish", highlight=False)
        raise typer.Exit(exitcodes.INTERRUPTED)
    raise typer.Exit(exitcodes.SKIPPED if report.failed else exitcodes.OK)
