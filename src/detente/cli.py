"""The `detente` command line: a thin layer over `detente.api`.

Only typer and rich load at start: the API (DuckDB, spaCy) is imported inside the commands that use it,
so `detente --help`, `--version` and the commands that need no model start fast."""
from __future__ import annotations

import contextlib
import itertools
import json
import sys
from pathlib import Path
from typing import List, Optional

import click
import typer
from typer.core import TyperGroup
from rich.console import Console

from . import __version__, exitcodes
from .common import DEFAULT_DB
from .model import to_jsonable
from .shell import (check_day, count_inputs, counted_bar, dyad_option, is_stdio, progress_bar, since_option, tick,
                    until_option)
from .terminal import Table


class _Commands(TyperGroup):
    """Every command's failures as one line and a distinct exit code (`detente.exitcodes`), never a
    traceback: a busy store, Ctrl-C, and a crash (a bug: its traceback only with DETENTE_DEBUG=1)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, click.exceptions.Exit, click.exceptions.ClickException,
                click.exceptions.Abort):
            raise
        except Exception as e:
            # typer carries its own copy of click: its usage errors (a bad --dyad) are click's errors too
            if any(c.__name__ in ("ClickException", "Exit", "Abort") for c in type(e).__mro__):
                raise
            self._fail_one_line(e)
        except KeyboardInterrupt:
            err.print("interrupted; the store keeps every document finished before it", highlight=False)
            raise typer.Exit(exitcodes.INTERRUPTED) from None

    @staticmethod
    def _fail_one_line(e: Exception) -> None:
        """A busy store (exit 3) or a crash (exit 4), as one line."""
        import os

        from .pipeline import reason
        from .storelock import NotAStore, StoreBusy  # loaded here: DuckDB need not load for `--help`
        from .views import safe

        if isinstance(e, StoreBusy):
            err.print(f"[red]error:[/red] {safe(str(e))}", highlight=False)
            raise typer.Exit(exitcodes.BUSY) from None
        if isinstance(e, NotAStore):  # `ingest`, `recode`: a file of something else where the store should be
            err.print(f"[red]error:[/red] {safe(str(e))}", highlight=False)
            raise typer.Exit(exitcodes.USAGE) from None
        if os.environ.get("DETENTE_DEBUG"):
            raise e
        err.print(f"[red]internal error:[/red] {safe(reason(e))} (a bug in detente; run with "
                  "DETENTE_DEBUG=1 for the traceback)", highlight=False)
        raise typer.Exit(exitcodes.CRASH) from None


app = typer.Typer(add_completion=False, no_args_is_help=True, cls=_Commands,
                  context_settings={"help_option_names": ["-h", "--help"]},
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
    from .views import safe

    err.print(f"[red]error:[/red] {safe(message)}", highlight=False)
    raise typer.Exit(exitcodes.USAGE)


def _run_ingest(paths: list[str], db: str, published, outlet, actors, patterns=None, allow_outside=False,
                **engine) -> int:
    from . import api, views

    with progress_bar(err, "ingest") as progress:
        task = progress.add_task("", total=count_inputs(paths), rate="")
        try:
            report = api.ingest(paths, db, published=published, outlet=outlet, actors=actors,
                                patterns=patterns, on_item=tick(progress, task), allow_outside=allow_outside,
                                **engine)
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
              f"({report.seconds:.1f} s) -> {views.safe(engine.get('shards') or db)}", highlight=False)
    if report.interrupted:
        err.print("interrupted: the documents above are stored; run the same command again to go on", highlight=False)
        return exitcodes.INTERRUPTED
    return exitcodes.SKIPPED if report.skipped else exitcodes.OK


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
           allow_outside: bool = typer.Option(False, "--allow-outside", help="Let a manifest name files outside "
                                              "its own folder (refused by default)."),
           db: str = DB) -> None:
    """Read articles, code their events and merge them into the store. Exit code 1 if some inputs were skipped
    (see the README for every exit code)."""
    raise typer.Exit(_run_ingest(paths, db, published, outlet, [str(a) for a in actors],
                                 str(patterns) if patterns else None, allow_outside, workers=workers, engine=engine,
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
             limit: int = typer.Option(1000, "--limit", "-n", help="table and md: show the first this many (0: all); "
                                       "json, jsonl and csv stream every event."),
             db: str = DB) -> None:
    """The merged, dated events in order, one per real-world happening."""
    from . import api

    if format not in ("table", "json", "jsonl", "csv", "md"):
        _fail(f"unknown format {format!r} (table, json, jsonl, csv or md)")
    try:
        # the formats written row by row stream from the store (a large store is never read whole)
        # and a table shows a page, saying how many more there are (as Datasette does)
        events = api.iter_timeline(db, dyad=dyad, since=since, until=until, min_confidence=min_confidence)
        more = 0
        if format not in ("json", "jsonl", "csv"):
            stream, events = events, list(itertools.islice(events, limit or None))
            stream.close()  # the store it reads
            if limit and len(events) == limit:
                more = api.count_timeline(db, dyad=dyad, since=since, until=until,
                                          min_confidence=min_confidence) - limit
    except (ValueError, FileNotFoundError) as e:
        _fail(str(e))
    _print_timeline(events, format)
    if more > 0:
        err.print(f"the first {limit:,} events shown; {more:,} more (--limit 0 shows all, --format jsonl streams"
                  f" them, --since/--until or --dyad narrow them)", highlight=False)


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
        with contextlib.ExitStack() as stack:  # a bar with the total when the records go to a file
            n = api.export(db, format=format, out=str(output) if output else None, dyad=dyad, what=what,
                           since=since, until=until, min_confidence=min_confidence, skipped=undated,
                           progress=counted_bar(stack, err, "export") if output and not is_stdio(output) else None)
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
    S = views.safe  # everything below but our own words came from an article or the store
    out.print(f"[bold]{S(ev['id'])}[/bold]  {S(' '.join(ev['event'] + ev['mode']))} (CAMEO {S(ev['cameo'])}, Goldstein "
              f"{ev['goldstein']}, PLOVER score {ev['event_scale']}){q}", highlight=False)
    out.print(f"  {S(views.actors_text_dicts(ev['actor']))} -> {S(views.actors_text_dicts(ev['recipient']))}, "
              f"{ev['date'] or 'undated'}{' .. ' + ev['enddate'] if ev['enddate'] and ev['enddate'] != ev['date'] else ''}, "
              f"confidence {ev['confidence']}, "
              f"{ev['num_sources']} independent source(s), {ev['num_articles']} article(s), "
              f"{ev['num_mentions']} mention(s)", highlight=False)
    for i, m in enumerate(info["mentions"], 1):
        out.print(f"\n[bold]{i}. {S(m['doc'])}[/bold]  rule [cyan]{S(m['rule'])}[/cyan] on '{S(m['trigger'])}' "
                  f"-> {S((m['event'] + ' ' + (m['mode'] or '')).strip())} ({S(m['cameo'])}), confidence {m['confidence']}",
                  highlight=False)
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
            when = (f"{pub['start'] or '?'} .. {pub['end'] or '?'}" if pub["start"] != pub["end"]
                    else str(pub["start"] or "unknown"))
            out.print(f"   published: {when} ({S(pub['source'])}{': ' + S(pub['note']) if pub['note'] else ''})",
                      highlight=False)
        for note in m["notes"]:
            out.print(f"   note: {S(note)}", highlight=False)
        if m.get("merged"):
            out.print(f"   merged: {S(m['merged']['why'])}", highlight=False)


@app.command()
def timex(file: Optional[Path] = typer.Argument(None, help="A text file (default or -: standard input)."),
          published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD).", callback=check_day),
          format: str = typer.Option("jsonl", "--format", "-f", help="jsonl or json (one document).")) -> None:
    """Print each time expression in a text (its normalised value and interval)."""
    from . import api
    from .views import write_records

    if format not in ("jsonl", "json"):
        _fail(f"unknown format {format!r} (jsonl or json)")
    if file is None or is_stdio(file):
        text = sys.stdin.read()
    else:
        from .ingest import read_text_file

        try:
            text = read_text_file(file)
        except ValueError as exc:
            _fail(f"{file}: {exc}")
    write_records(api.timex(text, published), sys.stdout, format)


@app.command()
def demo(db: str = typer.Option("demo.duckdb", "--db", help="The store to (re)create for the demo.")) -> None:
    """Ingest the bundled demo corpus into a fresh store and print its timeline."""
    from . import api, views

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
