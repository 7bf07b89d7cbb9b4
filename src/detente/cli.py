"""The `detente` command line: a thin layer over `detente.api`."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import click
import typer
from typer.core import TyperGroup
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from detente.terminal import Table

from . import api, exitcodes, views
from .model import to_jsonable
from .store import DEFAULT_DB
from .storelock import StoreBusy


class _Commands(TyperGroup):
    """Every command's failures as one line and a distinct exit code (`detente.exitcodes`), never a
    traceback: a busy store, Ctrl-C, and a crash (a bug: its traceback only with DETENTE_DEBUG=1)."""

    def invoke(self, ctx):
        import os

        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, click.exceptions.Exit, click.exceptions.ClickException,
                click.exceptions.Abort):
            raise
        except StoreBusy as e:
            err.print(f"[red]error:[/red] {views.safe(str(e))}", highlight=False)
            raise typer.Exit(exitcodes.BUSY) from None
        except KeyboardInterrupt:
            err.print("interrupted; the store keeps every document finished before it", highlight=False)
            raise typer.Exit(exitcodes.INTERRUPTED) from None
        except Exception as e:
            if os.environ.get("DETENTE_DEBUG"):
                raise
            from .pipeline import reason

            err.print(f"[red]internal error:[/red] {views.safe(reason(e))} (a bug in detente; run with "
                      "DETENTE_DEBUG=1 for the traceback)", highlight=False)
            raise typer.Exit(exitcodes.CRASH) from None


app = typer.Typer(add_completion=False, no_args_is_help=True, cls=_Commands,
                  help="Turn news coverage of a relationship between states into sourced event data.")
out = Console()
err = Console(stderr=True, soft_wrap=True)  # one message, one line: never wrapped

DB = typer.Option(DEFAULT_DB, "--db", help="The DuckDB store file.")


def _fail(message: str) -> None:
    err.print(f"[red]error:[/red] {views.safe(message)}", highlight=False)
    raise typer.Exit(exitcodes.USAGE)


def _run_ingest(paths: list[str], db: str, published, outlet, actors, patterns=None, allow_outside=False) -> int:
    from .pipeline import IngestReport

    with Progress(SpinnerColumn(), TextColumn("[bold]ingest[/bold] {task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("", total=None)

        def on_item(name: str, status: str) -> None:
            progress.update(task, advance=1, description=f"{status}: {name}")
            if status == "skipped":
                pass

        try:
            report: IngestReport = api.ingest(paths, db, published=published, outlet=outlet, actors=actors,
                                              patterns=patterns, on_item=on_item, allow_outside=allow_outside)
        except ValueError as e:
            _fail(str(e))
    for note in report.notes:
        err.print(f"[cyan]note[/cyan] {views.safe(note)}", highlight=False)
    for problem in report.skipped:
        err.print(f"[yellow]skipped[/yellow] {views.safe(str(problem))}", highlight=False)
    if report.dating:
        err.print(f"{len(report.dating)} of {len(report.added)} added articles had no publication date given; dated by:",
                  highlight=False, markup=False)
        for name, how in report.dating:
            err.print(f"  {name}: {how}", highlight=False, markup=False)
    for name in report.eventless:
        err.print(f"[yellow]no events[/yellow] {views.safe(name)}: no event between known actors was found in it",
                  highlight=False)
    err.print(f"{len(report.added)} added, {len(report.unchanged)} unchanged, {len(report.skipped)} skipped; "
              f"{report.mentions} event mentions, {report.events_touched} events updated "
              f"({report.seconds:.1f} s) -> {views.safe(db)}", highlight=False)
    if report.interrupted:
        err.print("interrupted: the documents above are stored; run the same command again to go on", highlight=False)
        return exitcodes.INTERRUPTED
    return exitcodes.SKIPPED if report.skipped else exitcodes.OK


@app.command()
def ingest(paths: List[str] = typer.Argument(..., help="Files, folders or JSON Lines manifests."),
           published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD) for inputs without one."),
           outlet: Optional[str] = typer.Option(None, help="Outlet name for inputs without one."),
           actors: List[Path] = typer.Option([], "--actors", help="Extra actor dictionary YAML files "
                                             "(detente-actors.yaml next to the store is always read)."),
           patterns: Optional[Path] = typer.Option(None, "--patterns", help="An event pattern file to use instead "
                                                   "of the shipped one (default: detente-patterns.yaml next to the store, if any)."),
           allow_outside: bool = typer.Option(False, "--allow-outside", help="Let a manifest name files outside "
                                              "its own folder (refused by default)."),
           db: str = DB) -> None:
    """Read articles, code their events and merge them into the store. Exit code 1 if some inputs were skipped
    (see the README for every exit code)."""
    raise typer.Exit(_run_ingest(paths, db, published, outlet, [str(a) for a in actors],
                                 str(patterns) if patterns else None, allow_outside))


def _print_timeline(events, fmt: str) -> None:
    if fmt == "json":
        for e in events:
            print(json.dumps(views.event_record(e), ensure_ascii=False))
    elif fmt == "csv":
        sys.stdout.write(views.timeline_csv(events))
    elif fmt == "md":
        sys.stdout.write(views.timeline_markdown(events))
    else:
        table = Table(show_lines=False, header_style="bold", expand=False)
        for col in ("date", "dating", "event", "actor", "recipient", "count", "sources", "articles", "id"):
            table.add_column(col, no_wrap=True)
        table.add_column("evidence", overflow="ellipsis", no_wrap=True, max_width=70)
        for e in events:
            r = views.timeline_row(e)
            table.add_row(r["date"], r["dating"], f"{r['event']} {r['mode']}".strip(), r["actor"], r["recipient"],
                          str(r["quantity"] or ""), str(r["sources"]), str(r["articles"]), r["id"], r["quote"])
        wide = Console(width=max(out.width, 240)) if not out.is_terminal else out
        wide.print(table)
        out.print(f"{len(events)} events" + ("; dating: 'inferred' = the article's publication date was inferred,"
                                             " 'wide' = known only to more than a month"
                                             if any(views.date_flag(e) for e in events) else ""))


@app.command()
def timeline(dyad: Optional[str] = typer.Option(None, help="Country pair, e.g. USA-BLR."),
             since: Optional[str] = typer.Option(None, help="From this day (YYYY-MM-DD)."),
             until: Optional[str] = typer.Option(None, help="Up to this day (YYYY-MM-DD)."),
             min_confidence: float = typer.Option(0.0, help="Hide events below this confidence."),
             format: str = typer.Option("table", "--format", "-f", help="table, json, csv or md."),
             db: str = DB) -> None:
    """The merged, dated events in order, one per real-world happening."""
    if format not in ("table", "json", "csv", "md"):
        _fail(f"unknown format {format!r} (table, json, csv or md)")
    try:
        events = api.timeline(db, dyad=dyad, since=since, until=until, min_confidence=min_confidence)
    except (ValueError, FileNotFoundError) as e:
        _fail(str(e))
    _print_timeline(events, format)


@app.command()
def export(format: str = typer.Option("jsonl", "--format", "-f", help="jsonl or csv."),
           output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write (default: stdout)."),
           dyad: Optional[str] = typer.Option(None, help="Country pair, e.g. USA-BLR."),
           min_confidence: float = typer.Option(0.0, help="Leave out events below this confidence."),
           db: str = DB) -> None:
    """Export events as PLOVER JSON Lines (with evidence) or CSV."""
    try:
        n = api.export(db, format=format, out=str(output) if output else None, dyad=dyad,
                       min_confidence=min_confidence)
    except (ValueError, FileNotFoundError) as e:
        _fail(str(e))
    if output:
        err.print(f"{n} events -> {output}")


@app.command()
def explain(event_id: str = typer.Argument(..., help="An event id (or a unique prefix)."),
            json_out: bool = typer.Option(False, "--json", help="Print JSON."),
            db: str = DB) -> None:
    """Show the evidence, rules, actors and date reasoning behind one event."""
    try:
        info = api.explain(event_id, db)
    except (KeyError, FileNotFoundError) as e:
        _fail(str(e).strip("'\""))
    if json_out:
        print(json.dumps(to_jsonable(info), ensure_ascii=False, indent=2))
        return
    ev = info["event"]
    q = f", {ev['quantity']['value']:g} people" if ev["quantity"] else ""
    S = views.safe  # everything below but our own words came from an article or the store
    out.print(f"[bold]{S(ev['id'])}[/bold]  {S(ev['event'])} {S(ev['mode'] or '')} (CAMEO {S(ev['cameo'])}, Goldstein "
              f"{ev['goldstein']}, PLOVER score {ev['plover_score']}){q}", highlight=False)
    out.print(f"  {S(views.actors_text_dicts(ev['actor']))} -> {S(views.actors_text_dicts(ev['recipient']))}, "
              f"{ev['date_start']} .. {ev['date_end']}, confidence {ev['confidence']}, "
              f"{ev['num_sources']} independent source(s), {ev['num_articles']} article(s), "
              f"{ev['num_mentions']} mention(s)", highlight=False)
    for i, m in enumerate(info["mentions"], 1):
        out.print(f"\n[bold]{i}. {S(m['doc'])}[/bold]  rule [cyan]{S(m['rule'])}[/cyan] on '{S(m['trigger'])}' "
                  f"-> {S(m['event'])} {S(m['mode'] or '')} ({S(m['cameo'])}), confidence {m['confidence']}", highlight=False)
        out.print(f"   \"{S(m['sentence'])}\"", highlight=False)
        out.print(f"   modality: {S(m['modality'])}", highlight=False)
        out.print(f"   actor: {S('; '.join(m['actor'])) or '-'}", highlight=False)
        out.print(f"   recipient: {S('; '.join(m['recipient'])) or '-'}", highlight=False)
        if m["quantity"]:
            out.print(f"   count: {S(m['quantity'])}", highlight=False)
        out.print(f"   date: {S(m['date'])} — {S(m['date_how'])}", highlight=False)
        for c in m.get("citations") or []:
            out.print(f"   cites: {'see ' if c['see'] else ''}{S(c['source'])}, {S(c['date_text'])}", highlight=False)
        pub = m["publication"]
        if pub:
            out.print(f"   published: {pub['start']} .. {pub['end']} ({S(pub['source'])}"
                      f"{': ' + S(pub['note']) if pub['note'] else ''})", highlight=False)
        for note in m["notes"]:
            out.print(f"   note: {S(note)}", highlight=False)


@app.command()
def timex(file: Optional[Path] = typer.Argument(None, help="A text file (default: standard input)."),
          published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD).")) -> None:
    """Print each time expression in a text as JSON Lines."""
    if file is not None and not file.exists():
        _fail(f"{file}: no such file or directory")
    text = file.read_text(encoding="utf-8") if file else sys.stdin.read()
    for rec in api.timex(text, published):
        print(json.dumps(to_jsonable(rec), ensure_ascii=False))


@app.command()
def demo(db: str = typer.Option("demo.duckdb", "--db", help="The store to (re)create for the demo.")) -> None:
    """Ingest the bundled demo corpus into a fresh store and print its timeline."""
    err.print(f"demo corpus: {views.safe(api.demo_corpus())}", highlight=False)
    for suffix in ("", ".wal"):
        Path(db + suffix).unlink(missing_ok=True)
    code = _run_ingest([str(api.demo_corpus())], db, None, None, [])
    events = api.timeline(db)
    _print_timeline(events, "table")
    err.print(f"store: {db}  (try: detente explain {events[0].id if events else 'ID'} --db {db})")
    raise typer.Exit(code)


def _register_commands() -> None:
    """Import every module of `detente.commands`: each adds its commands to `app`."""
    import importlib
    import pkgutil

    from . import commands

    for info in pkgutil.iter_modules(commands.__path__):
        importlib.import_module(f"{commands.__name__}.{info.name}")


_register_commands()


def main() -> None:  # pragma: no cover
    app()
