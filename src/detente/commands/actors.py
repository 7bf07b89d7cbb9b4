"""`detente actors`: the listed actors, the ones nobody listed yet (`--unknown`), and the user's decisions
about them (`add`, `join`, `joins`, `unjoin`), kept in a user YAML file next to the store."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from detente.terminal import Table
from detente.views import safe

from detente.cli import DB, _fail, app, err, out
from detente.model import to_jsonable
from detente.shell import write_rows

actors_app = typer.Typer(help="Listed actors, actors nobody listed yet, and joins of name variants.",
                         no_args_is_help=False)
app.add_typer(actors_app, name="actors")

FILE = typer.Option(None, "--actors-file", "--file",
                    help="The user actor file (default: detente-actors.yaml next to the store).")


def _wide() -> Console:
    return Console(width=max(out.width, 200)) if not out.is_terminal else out


def _user_file(db: str, path: Optional[Path]) -> Path:
    from detente.unknown import default_actors_file

    return Path(path) if path else default_actors_file(db)


def _check_store(db: str) -> None:
    if not Path(db).exists():
        _fail(f"{db}: no such store (run `detente ingest` first)")


@actors_app.callback(invoke_without_command=True)
def actors(ctx: typer.Context,
           unknown: bool = typer.Option(False, "--unknown", help="List the people and organisations the "
                                        "stored articles name but the dictionary lacks."),
           min_count: int = typer.Option(1, "--min-count", help="Only actors seen at least this often."),
           credits: bool = typer.Option(False, "--credits", help="Keep bylines and credit lines."),
           rejected: bool = typer.Option(False, "--rejected", help="With --unknown: also the names rejected with "
                                         "`detente actors reject` (marked)."),
           format: str = typer.Option("table", "--format", "-f", help="table, json (one document) or jsonl."),
           actors_file: Optional[Path] = FILE,
           db: str = DB) -> None:
    """The named actors of the dictionary, or with --unknown the ones nobody listed yet, with how often they
    appear, the code proposed from their context, the sentences behind it and any join of a name variant."""
    if ctx.invoked_subcommand is not None:
        return
    if format not in ("table", "json", "jsonl"):
        _fail(f"unknown format {format!r} (table, json or jsonl)")
    if unknown:
        _print_unknown(db, min_count, credits, format, actors_file, rejected)
    else:
        _print_listed(db, format, actors_file)


def _print_listed(db: str, format: str, actors_file: Optional[Path]) -> None:
    from detente.actors import ActorDictionary, ActorDictionaryError
    from detente.unknown import _actor_files

    try:
        d = ActorDictionary.load(_actor_files(_user_file(db, actors_file)))
    except ActorDictionaryError as e:
        _fail(str(e))
    rows = []
    for key, entry in sorted(d.actors.items()):
        role = d.role_on(key) or {}
        rows.append({"id": key, "name": entry["name"], "code": role.get("code"), "sector": role.get("sector"),
                     "title": role.get("title") or "", "source": Path(d.sources.get(key, "")).name})
    if format != "table":
        write_rows(rows, format)
        return
    table = Table(header_style="bold")
    for col in ("id", "name", "code", "sector", "title", "source"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(*(str(r[c] or "") for c in ("id", "name", "code", "sector", "title", "source")))
    _wide().print(table)
    out.print(f"{len(rows)} named actors", highlight=False, soft_wrap=True)


def _print_unknown(db: str, min_count: int, credits: bool, format: str, actors_file: Optional[Path],
                   show_rejected: bool = False) -> None:
    from detente.actors import ActorDictionaryError, fold_name
    from detente.unknown import rejected_names, survey

    _check_store(db)
    try:
        seen = survey(db, min_count=min_count, actors_file=_user_file(db, actors_file), include_credits=credits,
                      include_rejected=show_rejected)
        gone = rejected_names(db)
    except (ActorDictionaryError, FileNotFoundError) as e:
        _fail(str(e))
    found, phrases = seen.actors, seen.phrases
    if format != "table":
        write_rows((dict(to_jsonable(u), joined_to=u.joined_to, rejected=fold_name(u.name) in gone)
                    for u in found + phrases), format)
        return
    table = Table(header_style="bold", show_lines=True)
    for col in ("name", "kind", "seen", "waits", "proposed", "cue", "join"):
        table.add_column(col, overflow="fold")
    table.add_column("sentences", overflow="fold", max_width=90)
    for u in found:
        joins = "\n".join(f"{j.status}: {j.actor_id} ({j.reason}; {j.context})" for j in u.joins)
        name = u.name + ("".join(f"\n= {v}" for v in u.variants if v != u.name))
        name += "\n(rejected)" if fold_name(u.name) in gone else ""
        table.add_row(name, u.kind, str(u.count), str(u.waiting), f"{u.code or '?'} {u.sector or '?'}", u.how or "-",
                      joins or "-", _quotes(u.sightings))
    _wide().print(table)
    if phrases:
        waiting = Table(header_style="bold", show_lines=True,
                        title="Doers of waiting mentions that name no person or organisation")
        for col in ("phrase", "waits", "event"):
            waiting.add_column(col, overflow="fold")
        waiting.add_column("sentences", overflow="fold", max_width=90)
        for u in phrases:
            events = ", ".join(sorted({s.how for s in u.sightings}))
            waiting.add_row(u.name, str(u.waiting), events, _quotes(u.sightings))
        _wide().print(waiting)
    n = sum(u.waiting for u in found + phrases)
    since = f" ({seen.listed_since} of them name actors listed since)" if seen.listed_since else ""
    hidden = "" if show_rejected or not gone else f" ({len(gone)} rejected name(s) hidden: --rejected shows them)"
    out.print(f"{len(found)} actor(s) nobody listed{hidden}; {n + seen.listed_since} stored mention(s) wait for the dictionary"
              f"{since}. Accept one with: detente actors add NAME --code XXX --sector GOV; then apply it to the stored "
              "articles with: detente recode --waiting", highlight=False, soft_wrap=True)


def _quotes(sightings) -> str:
    quotes = "\n".join(f"[{s.doc}] {s.sentence}" for s in sightings[:3])
    return quotes + (f"\n... {len(sightings) - 3} more" if len(sightings) > 3 else "")


@actors_app.command("add")
def add(name: str = typer.Argument(..., help="The name as it should be listed."),
        code: str = typer.Option(..., "--code", help="ISO-3166 alpha-3 code (or an IGO code)."),
        sector: str = typer.Option(..., "--sector", help="Sector code, e.g. GOV, OPP, BUS."),
        title: Optional[str] = typer.Option(None, "--title", help="The title or office, e.g. 'Special Envoy'."),
        kind: str = typer.Option("person", "--type", help="person or organisation."),
        alias: List[str] = typer.Option([], "--alias", help="Another spelling (repeatable), e.g. a surname."),
        start: Optional[str] = typer.Option(None, "--since", help="Day the role began (YYYY-MM-DD)."),
        actors_file: Optional[Path] = FILE,
        db: str = DB) -> None:
    """List an actor in the user file; `detente recode --waiting` then applies it to the stored articles."""
    from detente.actors import ActorDictionaryError
    from detente.unknown import add_actor, default_actors_file

    path = _user_file(db, actors_file)
    try:
        ident = add_actor(name, code.strip().upper(), sector.strip().upper(), title, path, kind=kind,
                          aliases=alias, start=start)
    except (ActorDictionaryError, ValueError) as e:
        _fail(f"{path}: {e}")
    apply = "detente recode --waiting" + ("" if path.resolve() == default_actors_file(db) else f" --actors {path}")
    err.print(f"added {safe(ident)} ({safe(name)}, {safe(code.upper())} {safe(sector.upper())}) -> {safe(path)}; "
              f"apply it to the stored articles with: {apply}", highlight=False, soft_wrap=True)


@actors_app.command("join")
def join(name: str = typer.Argument(..., help="The variant spelling, e.g. 'John Cole'."),
         actor: str = typer.Argument(..., help="The listed actor's id, e.g. coale or person:coale."),
         actors_file: Optional[Path] = FILE,
         db: str = DB) -> None:
    """Accept that NAME is another spelling of a listed actor (for a join the context did not confirm)."""
    from detente.actors import ActorDictionaryError
    from detente.unknown import accept_join

    path = _user_file(db, actors_file)
    try:
        key = accept_join(name, actor, path)
    except ActorDictionaryError as e:
        _fail(f"{path}: {e}")
    err.print(f"joined {safe(repr(name))} to {safe(key)} -> {safe(path)}", highlight=False, soft_wrap=True)


@actors_app.command("joins")
def joins(all_: bool = typer.Option(False, "--all", help="Also the candidates the context speaks against."),
          format: str = typer.Option("table", "--format", "-f", help="table, json (one document) or jsonl."),
          actors_file: Optional[Path] = FILE,
          db: str = DB) -> None:
    """Every join of a name variant (one-letter slips, transliterations, given names) with its evidence:
    proposed because the context agrees, accepted or undone by the user."""
    from detente.actors import ActorDictionaryError
    from detente.unknown import joins as find

    if format not in ("table", "json", "jsonl"):
        _fail(f"unknown format {format!r} (table, json or jsonl)")
    _check_store(db)
    try:
        found = find(db, _user_file(db, actors_file), include_rejected=all_)
    except (ActorDictionaryError, FileNotFoundError) as e:
        _fail(str(e))
    if format != "table":
        write_rows(found, format)
        return
    table = Table(header_style="bold", show_lines=True)
    for col in ("variant", "joined to", "status", "why", "context"):
        table.add_column(col, overflow="fold")
    table.add_column("sentences", overflow="fold", max_width=80)
    for j in found:
        quotes = "\n".join(f"[{s.doc}] {s.sentence}" for s in j.sightings[:3])
        table.add_row(j.name, f"{j.actor_id}\n({j.actor_name})", j.status, j.reason, j.context, quotes or "-")
    _wide().print(table)
    out.print(f"{len(found)} join(s). Undo one with: detente actors unjoin NAME", highlight=False, soft_wrap=True)


@actors_app.command("unjoin")
def unjoin(name: str = typer.Argument(..., help="The variant spelling to keep apart."),
           actor: Optional[str] = typer.Option(None, "--actor", help="Only the join to this actor id."),
           actors_file: Optional[Path] = FILE,
           db: str = DB) -> None:
    """Undo the join of a name variant: it is recorded in the user file, and the variant stays apart."""
    from detente.actors import ActorDictionaryError
    from detente.unknown import unjoin as undo

    path = _user_file(db, actors_file)
    try:
        undone = undo(name, db, path, actor)
    except ActorDictionaryError as e:
        _fail(str(e))
    err.print(f"{safe(repr(name))} no longer joined to {safe(', '.join(undone))} -> {safe(path)}", highlight=False, soft_wrap=True)


@actors_app.command("reject")
def reject(name: str = typer.Argument(..., help="The name in the unknown-actor queue, as listed."),
           undo: bool = typer.Option(False, "--undo", help="Put a rejected name back in the queue."),
           who: Optional[str] = typer.Option(None, "--who", help="Who decided (kept with the rejection)."),
           db: str = DB) -> None:
    """Mark a name of `detente actors --unknown` as not an actor to list (a place, a slogan, a misread
    word): it leaves the queue, in the CLI and the web workspace alike, until `--undo`."""
    from detente.unknown import reject_name

    _check_store(db)
    try:
        changed = reject_name(db, name, who, undo=undo)
    except ValueError as e:
        _fail(str(e))
    if undo:
        err.print(f"{safe(repr(name))} is back in the unknown-actor queue" if changed
                  else f"{safe(repr(name))} was not rejected", highlight=False, soft_wrap=True)
    else:
        err.print(f"rejected {safe(repr(name))}: left out of `detente actors --unknown` (undo with --undo)"
                  if changed else f"{safe(repr(name))} was already rejected", highlight=False, soft_wrap=True)
