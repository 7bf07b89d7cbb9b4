"""The Python API. Every CLI command is a thin wrapper over one function here.

    import detente
    report = detente.ingest(["articles/"], db="thaw.duckdb")
    for event in detente.timeline(db="thaw.duckdb", dyad="USA-BLR"):
        print(event.date_start, event.event, event.quantity)
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, TextIO

from . import parse_memo, views
from .common import parse_dyad, to_date
from .model import Document, Event, IngestError, Mention
from .store import DEFAULT_DB, Store

if TYPE_CHECKING:  # the pipeline loads spaCy: imported by the functions that code text, not here
    from .pipeline import IngestReport


def _date(v, name: str = "date") -> dt.date | None:
    return to_date(v, name)


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
           on_item: Callable[[str, str], None] | None = None, workers: int | None = None,
           engine: str = "local", scheduler: str | None = None, shards: str | None = None,
           allow_outside: bool = False) -> IngestReport:
    """Ingest files, folders or manifests into the store at `db` (created if missing).

    `actors` (YAML files in the dictionary's schema) and `patterns` (a pattern file replacing the shipped
    one) let a user fix the coding without Python; `detente-actors.yaml` and `detente-patterns.yaml` next
    to the store are used when present. Documents are parsed, coded and dated by `workers` processes
    (default: one per core), or with `engine="dask"` on the Dask cluster at `scheduler` (default: a
    LocalCluster); this process merges and stores them in input order. With `shards` (a folder) they are
    written there as Parquet shards instead, for `load` to merge into a store later."""
    from .pipeline import IngestReport, KnowledgeFiles, executor
    from .pipeline import ingest as run

    from .pubdate import MAX_PUBLISHED, MIN_PUBLISHED

    paths = [str(p) for p in paths]
    day = _date(published, "published")
    if day is not None and not MIN_PUBLISHED <= day <= MAX_PUBLISHED:
        raise ValueError(f"--published {day.isoformat()}: a publication date must lie in the years 1000-2999")
    actor_files, patterns_file = knowledge_files(db, actors, patterns)
    if paths and shards is None and not Path(db).exists() and not any(p == "-" or Path(p).exists() for p in paths):
        # nothing to read: report each input, and leave no empty store behind
        report = IngestReport(skipped=[IngestError(p, "no such file or directory") for p in paths])
        for p in paths:
            on_item and on_item(p, "skipped")
        return report
    # one executor for the documents and for those dated again after them: its workers start once
    with executor(KnowledgeFiles(actor_files, patterns_file), workers, engine, scheduler) as run_on, \
            parse_memo.kept():  # the parses of undated articles, for `_redate` (parse_memo.py)
        options = dict(published=day, outlet=outlet, actor_files=actor_files, patterns_file=patterns_file,
                       on_item=on_item, shards=shards, allow_outside=allow_outside, run_on=run_on)
        if shards is not None:
            return run([str(p) for p in paths], None, **options)
        with Store(db) as store:
            report = run([str(p) for p in paths], store, **options)
            _redate(db, report, actors, patterns, run_on, store)
    return report


def _redate(db: str, report: IngestReport, actors, patterns, run_on, store: Store) -> None:
    """Undated articles a stored copy can date (one that came later in the batch, or one coded on a worker,
    where the store's copies are not read), then those that acts dated articles pin can date (retold.py):
    dated and coded again (on `run_on`'s workers when it has any). In two rounds, each in the order of the
    articles' names, so that what is stored does not depend on where the write batches fell: a copy dated in
    the first round vouches for its acts' days in the second, whether its dated copy came in its batch or
    an earlier one. `store`: the ingest's own, still open: opening a large store again (and reading again what
    its lookups had cached, and writing a second checkpoint when closing it) cost more than the reading itself."""
    from .retold import narrows

    if report.redate:
        recode(db, docs=report.redate, actor_files=actors, patterns_file=patterns, run_on=run_on, ordered=True,
               store=store)
    if report.undated:
        retold = [d.id for d in store.iter_documents(report.undated)
                  if d.published_source != "syndicated" and narrows(store, d)]
        if retold:
            recode(db, docs=retold, actor_files=actors, patterns_file=patterns, run_on=run_on, ordered=True,
                   store=store)
            report.redate = report.redate + [d for d in retold if d not in report.redate]
    if report.redate:
        _redescribe(report, store)


def load(folder: str, db: str = DEFAULT_DB, on_item: Callable[[str, str], None] | None = None) -> IngestReport:
    """Merge the Parquet shards that `ingest(..., shards=folder)` wrote into the store at `db`."""
    from .pipeline import load as run

    with Store(db) as store:
        report = run(str(folder), store, on_item=on_item)
        _redate(db, report, (), None, None, store)
    return report


def _redescribe(report: IngestReport, store: Store) -> None:
    """The ingest report's dating lines, after a recode dated some articles from their copies."""
    from .pubdate import describe

    docs = {d.name: d for d in (store.document(i) for i in report.redate) if d is not None}
    report.dating = [(name, describe(docs[name]) if name in docs else how) for name, how in report.dating]


@dataclass
class RecodeReport:
    recoded: list[str] = field(default_factory=list)  # document names
    failed: list[IngestError] = field(default_factory=list)  # the document and the one-line reason
    mentions_before: int = 0
    mentions_after: int = 0
    waiting_before: int = 0  # mentions whose doer the dictionary lacked
    waiting_after: int = 0
    events_created: int = 0
    events_changed: int = 0
    events_deleted: int = 0
    seconds: float = 0.0
    unchanged: int = 0  # documents whose coding came out as stored (their events are left as they are)
    interrupted: bool = False  # stopped by Ctrl-C between documents


def recode(db: str = DEFAULT_DB, *, docs: Iterable[str] | None = None, only_waiting: bool = False,
           actor_files: Iterable[str] = (), patterns_file: str | None = None,
           on_item: Callable[[str, str], None] | None = None, run_on=None, ordered: bool = False,
           store: Store | None = None) -> RecodeReport:
    """Code stored documents again with the current knowledge files and replace their mentions and events.

    Documents are keyed by their text, so re-ingesting never applies a fixed actor or pattern file; this
    does. `docs` (ids or names) limits it to some documents, `only_waiting` to those with mentions whose
    doer the dictionary lacked. Each document is replaced in one transaction: one that fails keeps its
    old mentions and events, is reported in `failed`, and the rest go on. `run_on`: the executor of the
    ingest that asks (`executors.Executor`), whose workers code the documents when it started some.
    `ordered`: in the order of their names, not of their ingest (articles written in one batch share a time).
    `store`: the store at `db`, open already (an ingest's, dating its articles again), else opened here."""
    from . import claims_cache
    from .parse import get_nlp
    from .pipeline import KnowledgeFiles, get_coder, process, recoded_on
    from .retold import corpus_dates
    from .syndication import StoredCopies

    if not Path(db).exists():
        raise FileNotFoundError(f"{db}: no such store (run `detente ingest` first)")
    files, patterns = knowledge_files(db, actor_files, patterns_file)
    on_workers = run_on is not None and run_on.running  # they loaded these files already
    try:  # a broken knowledge file fails once here, not once per document
        if not on_workers:
            get_coder(files, patterns), get_nlp(files)
    except ValueError:
        raise
    except Exception as e:
        raise ValueError(f"{patterns}: not a usable pattern file ({_reason(e)})") from e
    from .interrupt import soft_interrupt

    t0 = time.perf_counter()
    report, tally = RecodeReport(), _Tally()

    def failed(doc: Document, e: Exception | IngestError) -> None:  # IngestError: as a worker reported it
        report.failed.append(e if isinstance(e, IngestError) else IngestError(doc.name, _reason(e)))
        on_item and on_item(doc.name, "failed")

    with (contextlib.nullcontext(store) if store is not None else Store(db)) as store, soft_interrupt() as stop:
        rest = store.document_ids(None if docs is None else list(docs), only_waiting, by_name=ordered)
        copies = corpus_dates(store, StoredCopies(store).dated)
        coded = (recoded_on(run_on, _stored(store, rest), KnowledgeFiles(files, patterns), copies,
                            corpus_dates(store, StoredCopies(store).dated), on_error=failed, stop=stop)
                 if on_workers else process(_stored(store, rest), files, patterns, copies, on_error=failed, stop=stop))
        for doc, mentions in coded:
            try:
                _replace(store, doc, mentions, report, tally)
            except Exception as e:
                failed(doc, e)
                continue
            claims_cache.forget(store, [doc.id])  # it may be dated anew: its claims are found again
            report.recoded.append(doc.name)
            on_item and on_item(doc.name, "recoded")
        report.interrupted = stop.is_set()
    tally.count(report)
    report.seconds = time.perf_counter() - t0
    return report


def _reason(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return f"{type(e).__name__}: {text[0]}" if text else type(e).__name__


def _stored(store: Store, ids: list[str]) -> Iterator[Document]:
    """The stored documents, streamed; runs in the parsing thread, so it reads through a connection of its
    own. An inferred publication date is inferred again (it may rest on the dictionary's dates of office), and
    so is one taken from stored copies (copies stored since may widen it)."""
    for doc in store.iter_documents(ids, store.reader()):
        if doc.published_source in ("inferred", "syndicated"):
            doc.published_start = doc.published_end = None
            doc.published_source, doc.published_note = "none", ""
        yield doc


@dataclass
class _Tally:
    """Per event id touched: its signature before the run (None: not stored) and after it (None: deleted).
    An event changed by one document and changed back by the next counts as unchanged."""

    first: dict[str, bytes | None] = field(default_factory=dict)
    last: dict[str, bytes | None] = field(default_factory=dict)

    def note(self, before: dict[str, bytes], written: Iterable[Event], gone: Iterable[str]) -> None:
        for e in written:
            self.first.setdefault(e.id, before.get(e.id))
            self.last[e.id] = _signature(e)
        for i in gone:
            self.first.setdefault(i, before[i])
            self.last[i] = None

    def count(self, report: RecodeReport) -> None:
        pairs = [(self.first[i], s) for i, s in self.last.items()]
        report.events_created = sum(1 for a, b in pairs if a is None and b is not None)
        report.events_deleted = sum(1 for a, b in pairs if a is not None and b is None)
        report.events_changed = sum(1 for a, b in pairs if a is not None and b is not None and a != b)


def _signature(e: Event) -> bytes:
    """A digest of what is stored of an event (its row but the time stamp, and its mentions): a full
    recode touches every event, and the digests are what it keeps of them."""
    row = (Store._event_row(e)[:-1], sorted(m.id for m in e.mentions))
    return hashlib.sha1(repr(row).encode()).digest()


def _replace(store: Store, doc: Document, mentions: list[Mention], report: RecodeReport, tally: _Tally) -> None:
    """Take a document's old mentions out of their events and merge its new ones, as `pipeline.ingest`
    does; then write only the events that changed, with the mentions, in one transaction."""
    from .merge import candidates, recluster
    from .pipeline import RELATED

    old = store.document_mentions(doc.id)
    coded = [m for m in mentions if m.resolved]
    if _same_coding(store, doc, old, mentions):  # nothing to redo: recoding twice changes nothing
        report.unchanged += 1
        report.mentions_before += len(old)
        report.mentions_after += len(mentions)
        report.waiting_before += sum(not m.resolved for m in old)
        report.waiting_after += len(mentions) - len(coded)
        return
    try:
        affected = store.events_by_id(sorted({m.event_id for m in old if m.event_id}))
        candidates = candidates(store, coded, RELATED) if coded else []
        live: dict[str, Event] = {}
        for e in affected + candidates:  # one object per event, even when the cache let one go
            live.setdefault(e.id, e)
        before = {i: _signature(e) for i, e in live.items()}
        for e in live.values():
            e.mentions = [m for m in e.mentions if m.doc_id != doc.id]
        # the other articles' mentions of these events and the new ones, merged again as ingest does
        made, same, _, moved = recluster(coded, [e for e in live.values() if e.mentions])
        out = {e.id: e for e in made + same}  # the events this document's change leaves, by id
        after = {i: _signature(e) for i, e in out.items()}
        written = [e for i, e in out.items() if after[i] != before.get(i)]
        gone = set(live) - set(out)
        store.replace_document_mentions(doc, mentions, written, gone, moved=moved,
                                        unchanged=[e for i, e in out.items() if after[i] == before.get(i)])
    except BaseException:
        store.forget()  # merging changed cached events in place: they no longer match the store
        raise
    tally.note(before, written, gone)
    report.mentions_before += len(old)
    report.mentions_after += len(mentions)
    report.waiting_before += sum(not m.resolved for m in old)
    report.waiting_after += len(mentions) - len(coded)


def _same_coding(store: Store, doc: Document, old: list[Mention], new: list[Mention]) -> bool:
    """Whether a document's new coding is the stored one (its mentions field for field, but their event
    ids, and its publication date): then its events stay exactly as merging made them."""
    from .model import to_jsonable

    stored = store.document(doc.id)
    if stored is None or (stored.published_start, stored.published_end, stored.published_source,
                          stored.published_note) != (doc.published_start, doc.published_end,
                                                     doc.published_source, doc.published_note):
        return False

    def key(ms: list[Mention]) -> list:
        return sorted(repr({k: v for k, v in to_jsonable(m).items() if k != "event_id"}) for m in ms)

    return len(old) == len(new) and key(old) == key(new)


def timeline(db: str = DEFAULT_DB, *, dyad=None, since=None, until=None, min_confidence: float = 0.0) -> list[Event]:
    """The merged events in date order, optionally for one pair of countries and a period, as a list (the
    whole selection in memory: for a large store, `iter_timeline` streams them and `count_timeline` counts
    them)."""
    with Store(db, read_only=True) as store:
        return store.events(parse_dyad(dyad), _date(since, "since"), _date(until, "until"), min_confidence)


def iter_timeline(db: str = DEFAULT_DB, *, dyad=None, since=None, until=None,
                  min_confidence: float = 0.0) -> Iterator[Event]:
    """`timeline`, streamed: the store is read a page of events at a time, so that a whole large store goes
    out in bounded memory. Bad arguments and a missing store fail here, before the first event."""
    pair, lo, hi = parse_dyad(dyad), _date(since, "since"), _date(until, "until")
    store = Store(db, read_only=True)

    def stream() -> Iterator[Event]:
        with store:
            yield from store.iter_events(pair, lo, hi, min_confidence)

    return stream()


def count_timeline(db: str = DEFAULT_DB, *, dyad=None, since=None, until=None, min_confidence: float = 0.0) -> int:
    """How many events `timeline` would give, counted in the store (a large store is not read)."""
    with Store(db, read_only=True) as store:
        return store.count_events(parse_dyad(dyad), _date(since, "since"), _date(until, "until"), min_confidence)


EXPORT_FORMATS = ("jsonl", "json", "csv", "parquet")


def export(db: str = DEFAULT_DB, *, format: str = "jsonl", out: TextIO | str | None = None, dyad=None,
           since=None, until=None, min_confidence: float = 0.0, what: str = "events",
           skipped: list | None = None, progress: Callable[[int, int], None] | None = None) -> int:
    """Write events (PLOVER records) or their mentions as JSON Lines, JSON, CSV or Parquet to a file path
    (`-` or None: standard output) or a stream; returns the number written.

    PLOVER requires a date: an event without one (its article has no publication date) is left out of
    the `events` export and appended to `skipped`, when given, so a caller can say how many. `progress(done,
    total)` follows a JSON or JSON Lines export of events (the others do not count ahead)."""
    from .parquet import EVENT_COLUMNS, MENTION_COLUMNS

    if format not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {format!r} ({', '.join(EXPORT_FORMATS)})")
    if what not in ("events", "mentions"):
        raise ValueError(f"unknown export table {what!r} (events or mentions)")
    with Store(db, read_only=True) as store:  # open while the rows stream out: a page of events at a time
        if what == "events" and format in ("jsonl", "json"):  # the records written by DuckDB (export_sql.py)
            from .export_sql import plover_lines

            lines = plover_lines(store, parse_dyad(dyad), _date(since, "since"), _date(until, "until"),
                                 min_confidence, skipped, progress=progress)
            if lines is not None:
                try:
                    return _write_export(lines, None, None, format, out, what)
                finally:
                    lines.close()  # (a reader that stopped early) while the store is open
        events = store.iter_events(parse_dyad(dyad), _date(since, "since"), _date(until, "until"), min_confidence)
        if what == "events":
            def dated(evs: Iterable[Event]) -> Iterator[Event]:
                for e in evs:
                    if e.date_start is not None:
                        yield e
                    elif skipped is not None:
                        skipped.append(e)

            rows = (views.event_record(e, docs) for e, docs in _with_documents(store, dated(events)))
            csv_rows, columns = (views.timeline_row(e) for e in dated(events)), EVENT_COLUMNS
        else:
            mentions = (m for e in events for m in e.mentions)
            rows, csv_rows, columns = (views.mention_row(m) for m in mentions), (views.mention_csv_row(m) for m in mentions), MENTION_COLUMNS
        return _write_export(rows, csv_rows, columns, format, out, what)


def _with_documents(store: Store, events: Iterable[Event], page: int = 1000) -> Iterator[tuple[Event, dict]]:
    """Each event with the stored documents of the events around it (those its record cites), read a page
    of events at a time rather than every document of the store."""
    from itertools import islice

    events = iter(events)
    while part := list(islice(events, page)):
        ids = sorted({e.mentions[0].doc_id for e in part if e.mentions})
        docs = {d.id: d for d in store.iter_documents(ids, chunk=page)}
        for e in part:
            yield e, docs


def _write_export(rows, csv_rows, columns, format: str, out, what: str) -> int:
    """The export's rows to a path (through a `.part` file, renamed when complete), a stream or stdout."""
    from .parquet import write_parquet

    def write(stream: TextIO) -> int:
        if csv_rows is None:  # records written as JSON text already (export_sql.py)
            return views.write_lines(rows, stream, format)
        if format == "csv":
            return views.write_csv(csv_rows, stream, views.CSV_FIELDS if what == "events" else None)
        return views.write_records(rows, stream, format)

    if format == "parquet":
        if out is None or out == "-" or not isinstance(out, (str, Path)):
            with tempfile.TemporaryDirectory() as tmp:
                n = write_parquet(rows, Path(tmp) / "export.parquet", columns)
                data = (Path(tmp) / "export.parquet").read_bytes()
            stream = sys.stdout.buffer if out in (None, "-") else out
            stream.write(data)
            stream.flush()
            return n
        tmp_path = Path(str(out) + ".part")
        n = write_parquet(rows, tmp_path, columns)
        tmp_path.replace(out)
        return n
    if out is None or out == "-":
        return write(sys.stdout)
    if isinstance(out, (str, Path)):
        tmp_path = Path(str(out) + ".part")
        with open(tmp_path, "w", encoding="utf-8", newline="") as f:
            n = write(f)
        tmp_path.replace(out)  # never leave a half-written export behind
        return n
    return write(out)


def review(db: str = DEFAULT_DB, *, dyad=None, since=None, until=None, limit: int | None = None) -> list:
    """The events the tool is least sure of, worst first, each with its reasons (`detente.review_queue.Doubt`:
    `.event`, `.confidence`, `.reasons`, `.row()`): an inferred or wide date, an actor from context, a weak
    pattern, sources that disagree, a lone source."""
    from .review_queue import review_store

    with Store(db, read_only=True) as store:  # a large store: only its least sure events are read
        return review_store(store, parse_dyad(dyad), _date(since, "since"), _date(until, "until"), limit)


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

    return list(temporal.timex_records(text, _date(published, "published")))


def check(db: str = DEFAULT_DB):
    """The store's invariants (`detente.check`): counts equal mentions, no orphans, no dangling ids, dates
    in range, events as their mentions make them. `report.ok` is False and `report.problems` says why."""
    from .check import check as run

    if not Path(db).exists():
        raise FileNotFoundError(f"{db}: no such store (run `detente ingest` first)")
    return run(db)
