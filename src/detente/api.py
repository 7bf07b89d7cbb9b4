"""The Python API. Every CLI command is a thin wrapper over one function here.

    import detente
    report = detente.ingest(["articles/"], db="thaw.duckdb")
    for event in detente.timeline(db="thaw.duckdb", dyad="USA-BLR"):
        print(event.date_start, event.event, event.quantity)
"""
from __future__ import annotations

import datetime as dt
import sys
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, TextIO

from . import views
from .model import Event
from .pipeline import IngestReport
from .store import DEFAULT_DB, Store


def _date(v) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


def parse_dyad(dyad: str | tuple[str, str] | None) -> tuple[str, str] | None:
    if dyad is None or isinstance(dyad, tuple):
        return dyad
    parts = dyad.upper().replace("_", "-").split("-")
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"dyad must look like USA-BLR, not {dyad!r}")
    return parts[0], parts[1]


USER_ACTORS = "detente-actors.yaml"  # next to the store: the user's additions to the actor dictionary
USER_PATTERNS = "detente-patterns.yaml"  # next to the store: the user's own event pattern file


def knowledge_files(db: str, actors: Iterable[str] = (), patterns: str | None = None) -> tuple[tuple[str, ...], str | None]:
    """The user's actor files and pattern file: those given, else the ones kept next to the store."""
    folder = Path(db).resolve().parent
    actor_files = [str(Path(a).resolve()) for a in actors]
    if (folder / USER_ACTORS).is_file() and str(folder / USER_ACTORS) not in actor_files:
        actor_files.append(str(folder / USER_ACTORS))
    for f in actor_files + ([patterns] if patterns else []):
        if not Path(f).is_file():
            raise ValueError(f"{f}: no such file")
    if patterns is None and (folder / USER_PATTERNS).is_file():
        patterns = str(folder / USER_PATTERNS)
    return tuple(actor_files), str(Path(patterns).resolve()) if patterns else None


def ingest(paths: Iterable[str], db: str = DEFAULT_DB, *, published=None, outlet: str | None = None,
           actors: Iterable[str] = (), patterns: str | None = None,
           on_item: Callable[[str, str], None] | None = None) -> IngestReport:
    """Ingest files, folders or manifests into the store at `db` (created if missing).

    `actors` (YAML files in the dictionary's schema) and `patterns` (a pattern file replacing the shipped
    one) let a user fix the coding without Python; `detente-actors.yaml` and `detente-patterns.yaml` next
    to the store are used when present."""
    from .pipeline import ingest as run

    actor_files, patterns_file = knowledge_files(db, actors, patterns)
    with Store(db) as store:
        return run([str(p) for p in paths], store, published=_date(published), outlet=outlet,
                   actor_files=actor_files, patterns_file=patterns_file, on_item=on_item)


def timeline(db: str = DEFAULT_DB, *, dyad=None, since=None, until=None, min_confidence: float = 0.0) -> list[Event]:
    """The merged events in date order, optionally for one pair of countries and a period."""
    with Store(db, read_only=True) as store:
        return store.events(parse_dyad(dyad), _date(since), _date(until), min_confidence)


def export(db: str = DEFAULT_DB, *, format: str = "jsonl", out: TextIO | str | None = None, dyad=None,
           since=None, until=None, min_confidence: float = 0.0) -> int:
    """Write events as PLOVER JSON Lines or CSV to a file path or stream; returns the number written."""
    events = timeline(db, dyad=dyad, since=since, until=until, min_confidence=min_confidence)
    writer = {"jsonl": views.write_jsonl, "csv": views.write_csv}.get(format)
    if writer is None:
        raise ValueError(f"unknown export format {format!r} (jsonl or csv)")
    if out is None:
        return writer(events, sys.stdout)
    if isinstance(out, (str, Path)):
        tmp = Path(str(out) + ".part")
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            n = writer(events, f)
        tmp.replace(out)  # never leave a half-written export behind
        return n
    return writer(events, out)


def explain(event_id: str, db: str = DEFAULT_DB) -> dict:
    """The evidence, rules, actor resolution and date reasoning behind one event."""
    with Store(db, read_only=True) as store:
        event = store.event(event_id)
        if event is None:
            raise KeyError(f"no event {event_id!r} in {db}")
        docs = {m.doc_id: store.document(m.doc_id) for m in event.mentions}
        return views.explain(event, docs)


def demo_corpus() -> Path:
    """The manifest of the bundled demo articles (it lists every article; the folder also has a README)."""
    return Path(str(resources.files("detente") / "data" / "demo" / "manifest.jsonl"))


def demo(db: str = "demo.duckdb", on_item: Callable[[str, str], None] | None = None) -> tuple[IngestReport, list[Event]]:
    """Ingest the bundled demo corpus into a fresh store and return its timeline."""
    for suffix in ("", ".wal"):
        Path(db + suffix).unlink(missing_ok=True)
    report = ingest([str(demo_corpus())], db, on_item=on_item)
    return report, timeline(db)


def timex(text: str, published=None) -> list[dict]:
    """Every time expression in `text`, normalised against the publication date."""
    from . import temporal

    return list(temporal.timex_records(text, _date(published)))
