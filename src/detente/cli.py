"""The `detente` command line: a thin layer over `detente.api`.

Only typer and rich load at start: the API (DuckDB, spaCy) is imported inside the commands that use it,
so `detente --help`, `--version` and the commands that need no model start fast."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import __version__
from .common import DEFAULT_DB
from .model import to_jsonable
from .shell import check_day, count_inputs, dyad_option, is_stdio, progress_bar, since_option, tick, until_option

app = typer.Typer(add_completion=False, no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]},
                  help="Turn news coverage of a relationship between states into sourced event data.")
out = Console()
err = Console(stderr=True, soft_wrap=True)  # one message, one line: never wrapped

DB = typer.Option(DEFAULT_DB, "--db", help="The DuckDB store file.")


def _version(value: bool) -> None:
    if value:
        print(f"detente {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Turn news coverage of a relationship between states into sourced event data."""


def _quiet_stdout() -> None:
    """After a broken pipe, point standard output at /dev/null so that flushing it at exit is silent."""
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(2)


def _run_ingest(paths: list[str], db: str, published, outlet, actors, patterns=None, **engine) -> int:
    from . import api

    with progress_bar(err, "ingest") as progress:
        task = progress.add_task("", total=count_inputs(paths), rate="")
        try:
            report = api.ingest(paths, db, published=published, outlet=outlet, actors=actors,
                                patterns=patterns, on_item=tick(progress, task), **engine)
        except ValueError as e:
            _fail(str(e))
    for problem in report.skipped:
        err.print(f"[yellow]skipped[/yellow] {problem}", highlight=False)
    if report.dating:
        err.print(f"{len(report.dating)} of {len(report.added)} added articles had no publication date given; dated by:",
                  highlight=False, markup=False)
        for name, how in report.dating:
            err.print(f"  {name}: {how}", highlight=False, markup=False)
    for name in report.eventless:
        err.print(f"[yellow]no events[/yellow] {escape(name)}: no event between known actors was found in it",
                  highlight=False)
    err.print(f"{len(report.added)} added, {len(report.unchanged)} unchanged, {len(report.skipped)} skipped; "
              f"{report.mentions} event mentions, {report.events_touched} events updated "
              f"({report.seconds:.1f} s) -> {engine.get('shards') or db}", highlight=False)
    return 1 if report.skipped else 0


@app.command()
def ingest(paths: List[str] = typer.Argument(..., help="Files, folders or JSON Lines manifests; - for standard input."),
           published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD) for inputs without one.",
                                                   callback=check_day),
           outlet: Optional[str] = typer.Option(None, help="Outlet name for inputs without one."),
           actors: List[Path] = typer.Option([], "--actors", help="Extra actor dictionary YAML files "
                                             "(detente-actors.yaml next to the store is always read)."),
           patterns: Optional[Path] = typer.Option(None, "--patterns", help="An event pattern file to use instead "
                                                   "of the shipped one (default: detente-patterns.yaml next to the store, if any)."),
           workers: Optional[int] = typer.Option(None, "--workers", help="Processes that parse, code and date "
                                                 "(default: one per core)."),
           engine: str = typer.Option("local", "--engine", help="local (this machine) or dask (a Dask cluster)."),
           scheduler: Optional[str] = typer.Option(None, "--scheduler", help="The Dask scheduler, tcp://HOST:PORT "
                                                   "(default: a LocalCluster)."),
           shards: Optional[Path] = typer.Option(None, "--shards", help="Write Parquet shards to this folder instead "
                                                 "of the store (merge them with `detente load`)."),
           db: str = DB) -> None:
    """Read articles, code their events and merge them into the store. Exit code 1 if some inputs were skipped."""
    raise typer.Exit(_run_ingest(paths, db, published, outlet, [str(a) for a in actors],
                                 str(patterns) if patterns else None, workers=workers, engine=engine,
                                 scheduler=scheduler, shards=str(shards) if shards else None))


def _print_timeline(events, fmt: str) -> None:
    from . import views

    if fmt in ("json", "jsonl", "csv"):
        views.write_events(events, sys.stdout, fmt)
    elif fmt == "md":
        sys.stdout.write(views.timeline_markdown(events))
    else:
        table = Table(show_lines=False, header_style="bold", expand=False)
        for col in ("date", "dating", "event", "actor", "recipient", "count", "sources", "articles", "id"):
            table.add_column(col, no_wrap=True)
        table.add_column("evidence", overflow="ellipsis", no_wrap=True, max_width=70)
        for e in events:
            r = views.timeline_row(e)
            table.add_row(views.date_text(e), r["dating"], f"{r['event']} {r['mode']}".strip(), r["actor"],
                          r["recipient"], f"{r['quantity']:g}" if r["quantity"] != "" else "", str(r["num_sources"]),
                          str(r["num_articles"]), r["id"], r["quote"])
        wide = Console(width=max(out.width, 240)) if not out.is_terminal else out
        wide.print(table)
        out.print(f"{len(events)} events" + ("; dating: 'inferred' = the article's publication date was inferred,"
                                             " 'wide' = known only to more than a month"
                                             if any(views.date_flag(e) for e in events) else ""))


@app.command()
def timeline(dyad: Optional[str] = dyad_option(),
             since: Optional[str] = since_option(), until: Optional[str] = until_option(),
             min_confidence: float = typer.Option(0.0, help="Hide events below this confidence."),
             format: str = typer.Option("table", "--format", "-f", help="table, json (one document), jsonl, csv or md."),
             db: str = DB) -> None:
    """The merged, dated events in order, one per real-world happening."""
    from . import api

    if format not in ("table", "json", "jsonl", "csv", "md"):
        _fail(f"unknown format {format!r} (table, json, jsonl, csv or md)")
    try:
        events = api.timeline(db, dyad=dyad, since=since, until=until, min_confidence=min_confidence)
    except (ValueError, FileNotFoundError) as e:
        _fail(str(e))
    _print_timeline(events, format)


@app.command()
def export(format: str = typer.Option("jsonl", "--format", "-f", help="jsonl, json (one document), csv or parquet."),
           output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write (default or -: stdout)."),
           what: str = typer.Option("events", "--what", help="events (PLOVER records) or mentions (one row each)."),
           dyad: Optional[str] = dyad_option(),
           since: Optional[str] = since_option(), until: Optional[str] = until_option(),
           min_confidence: float = typer.Option(0.0, help="Leave out events below this confidence."),
           db: str = DB) -> None:
    """Export events as PLOVER records (with detente's evidence beside them) or their mentions."""
    from . import api

    if format == "parquet" and output is None and sys.stdout.isatty():
        _fail("Parquet is binary: give -o FILE (or redirect standard output)")
    undated: list = []
    try:
        n = api.export(db, format=format, out=str(output) if output else None, dyad=dyad, what=what,
                       since=since, until=until, min_confidence=min_confidence, skipped=undated)
    except (ValueError, FileNotFoundError) as e:
        _fail(str(e))
    except BrokenPipeError:  # the reader stopped early (| head): not an error of ours
        _quiet_stdout()
        raise typer.Exit(0)
    except OSError as e:
        _fail(f"{output or 'standard output'}: cannot write ({e.strerror or e})")
    if undated:
        err.print(f"{len(undated)} undated event(s) left out (PLOVER needs a date; `detente timeline` lists them)",
                  highlight=False)
    if output and not is_stdio(output):
        err.print(f"{n} {what} -> {output}", highlight=False)


@app.command()
def explain(event_id: str = typer.Argument(..., help="An event id (or a unique prefix)."),
            json_out: bool = typer.Option(False, "--json", help="Print JSON."),
            db: str = DB) -> None:
    """Show the evidence, rules, actors and date reasoning behind one event."""
    from . import api, views

    try:
        info = api.explain(event_id, db)
    except (KeyError, FileNotFoundError) as e:
        _fail(str(e).strip("'\""))
    if json_out:
        print(json.dumps(to_jsonable(info), ensure_ascii=False, indent=2))
        return
    ev = info["event"]
    q = f", {ev['quantity']['value']:g} people" if ev["quantity"] else ""
    out.print(f"[bold]{ev['id']}[/bold]  {' '.join(ev['event'] + ev['mode'])} (CAMEO {ev['cameo']}, Goldstein "
              f"{ev['goldstein']}, PLOVER score {ev['event_scale']}){q}", highlight=False)
    out.print(f"  {views.actors_text_dicts(ev['actor'])} -> {views.actors_text_dicts(ev['recipient'])}, "
              f"{ev['date'] or 'undated'}{' .. ' + ev['enddate'] if ev['enddate'] and ev['enddate'] != ev['date'] else ''}, "
              f"confidence {ev['confidence']}, "
              f"{ev['num_sources']} independent source(s), {ev['num_articles']} article(s), "
              f"{ev['num_mentions']} mention(s)", highlight=False)
    for i, m in enumerate(info["mentions"], 1):
        out.print(f"\n[bold]{i}. {m['doc']}[/bold]  rule [cyan]{m['rule']}[/cyan] on '{m['trigger']}' "
                  f"-> {(m['event'] + ' ' + (m['mode'] or '')).strip()} ({m['cameo']}), confidence {m['confidence']}",
                  highlight=False)
        out.print(f"   \"{m['sentence']}\"", highlight=False)
        out.print(f"   modality: {m['modality']}", highlight=False)
        out.print(f"   actor: {'; '.join(m['actor']) or '-'}", highlight=False)
        out.print(f"   recipient: {'; '.join(m['recipient']) or '-'}", highlight=False)
        if m["quantity"]:
            out.print(f"   count: {m['quantity']}", highlight=False)
        out.print(f"   date: {m['date']} — {m['date_how']}", highlight=False)
        for c in m.get("citations") or []:
            out.print(f"   cites: {'see ' if c['see'] else ''}{c['source']}, {c['date_text']}", highlight=False)
        pub = m["publication"]
        if pub:
            when = (f"{pub['start'] or '?'} .. {pub['end'] or '?'}" if pub["start"] != pub["end"]
                    else str(pub["start"] or "unknown"))
            out.print(f"   published: {when} ({pub['source']}{': ' + pub['note'] if pub['note'] else ''})",
                      highlight=False)
        for note in m["notes"]:
            out.print(f"   note: {note}", highlight=False)


@app.command()
def timex(file: Optional[Path] = typer.Argument(None, help="A text file (default or -: standard input)."),
          published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD).", callback=check_day),
          format: str = typer.Option("jsonl", "--format", "-f", help="jsonl or json (one document).")) -> None:
    """Print each time expression in a text (its normalised value and interval)."""
    from . import api
    from .views import write_records

    if format not in ("jsonl", "json"):
        _fail(f"unknown format {format!r} (jsonl or json)")
    if file is not None and not is_stdio(file) and not file.exists():
        _fail(f"{file}: no such file or directory")
    text = sys.stdin.read() if file is None or is_stdio(file) else file.read_text(encoding="utf-8")
    write_records(api.timex(text, published), sys.stdout, format)


@app.command()
def demo(db: str = typer.Option("demo.duckdb", "--db", help="The store to (re)create for the demo.")) -> None:
    """Ingest the bundled demo corpus into a fresh store and print its timeline."""
    from . import api

    err.print(f"demo corpus: {api.demo_corpus()}")
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
