"""The pipeline: stream documents through parse -> code -> date -> merge -> store, one transaction each."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .actors import ActorDictionary, file_stamps
from .coding import Coder, load_knowledge
from .dating import date_mentions
from .ingest import iter_documents
from .merge import recluster, related_events
from .model import Document, IngestError, Mention
from .parse import get_nlp
from .pubdate import GIVEN_DATE, describe, publication
from .store import Store
from .syndication import StoredCopies


RELATED = related_events()  # which stored events a new mention may merge into, by type


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[IngestError] = field(default_factory=list)
    mentions: int = 0
    events_touched: int = 0
    words: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # what was done to an input that was not refused
    interrupted: bool = False  # stopped by Ctrl-C between documents (everything before it is stored)
    dating: list[tuple[str, str]] = field(default_factory=list)  # (name, how) of articles without a given date
    eventless: list[str] = field(default_factory=list)  # articles that gave no event
    redate: list[str] = field(default_factory=list)  # undated articles whose dated copy came later in the batch

    def note(self, doc: Document, mentions: list[Mention]) -> None:
        """Say how an article without a given date was dated, and when it gave no event."""
        if doc.published_source not in GIVEN_DATE:
            self.dating.append((doc.name, describe(doc)))
        if not any(m.resolved for m in mentions):
            self.eventless.append(doc.name)


def with_publication(doc: Document, actor_files: tuple[str, ...] = (), copies=None) -> Document:
    """A document without a publication date gets the interval the publication stage infers (pubdate.py);
    `copies(doc)` lists the (start, end, name) of stored syndicated copies of it."""
    if doc.published_start is None and doc.published_end is None:
        publication(doc.text, url=doc.url, actors=ActorDictionary.load(actor_files),
                    copies=copies(doc) if copies else ()).apply(doc)
    return doc


def get_coder(actor_files: tuple[str, ...] = (), patterns_file: str | None = None) -> Coder:
    """The coder for a set of user actor files and an optional user pattern file (cached per process
    until one of them changes)."""
    return _get_coder(tuple(actor_files), patterns_file, file_stamps([*actor_files, patterns_file]))


@functools.lru_cache(maxsize=4)
def _get_coder(actor_files: tuple[str, ...], patterns_file: str | None, _stamps: tuple[int, ...]) -> Coder:
    return Coder(ActorDictionary.load(actor_files), load_knowledge(patterns_file))


def extract(doc: Document, sdoc, actor_files: tuple[str, ...] = (), patterns_file: str | None = None) -> list[Mention]:
    """Coded and dated mentions of one parsed document (no store involved)."""
    from .claims import citation_for, citations

    mentions = get_coder(actor_files, patterns_file).code(doc, sdoc)
    date_mentions(doc, sdoc, mentions)
    cites = citations(doc.text, doc.published) if mentions else []  # once per document
    for m in mentions:
        m.citations = [{"source": c.source, "date_text": c.date_text, "see": c.see}
                       for c in citation_for(cites, m.sent_start, m.sent_start + len(m.sentence), doc.text)]
    return [m for m in mentions if m.date_start is not None]


def code_text(text: str, published: dt.date | None = None, name: str = "text",
              actor_files: tuple[str, ...] = ()) -> list[Mention]:
    """Code one text without a store (benchmarks, notebooks): its dated event mentions, unmerged."""
    from .ingest import document_id

    doc = Document(id=document_id(text), name=name, text=text, published_start=published, published_end=published,
                   published_source="cli" if published else "none")
    ((_, mentions),) = list(process([doc], actor_files))
    return mentions


def process(docs: Iterable[Document], actor_files: tuple[str, ...] = (),
            patterns_file: str | None = None, copies=None, on_error: Callable[[Document, Exception], None] | None = None,
            stop=None) -> Iterator[tuple[Document, list[Mention]]]:
    """Parse, code and date a stream of documents lazily (bounded memory: spaCy batches).

    With `on_error`, a document that fails to parse, code or date is handed to it and the stream goes on
    (one bad article never costs the batch); without, the error is raised. `stop` (an Event) ends the
    stream between documents."""
    nlp = get_nlp(actor_files)
    for sdoc, doc in _ahead(_parse_each(nlp, docs), stop=stop):
        if isinstance(sdoc, Exception):
            if on_error is None:
                raise sdoc
            on_error(doc, sdoc)
            continue
        try:
            # the publication date is settled here, on the consuming side, to balance the two threads
            mentions = extract(with_publication(doc, actor_files, copies), sdoc, actor_files, patterns_file)
        except Exception as e:
            if on_error is None:
                raise
            on_error(doc, e)
            continue
        yield doc, mentions


def _batches(docs: Iterable[Document], size: int, chars: int) -> Iterator[list[Document]]:
    """Documents in batches of at most `size` documents and about `chars` characters: eight parts of a split
    5 MB text in one batch would hold 400,000 characters of parser state at once."""
    batch: list[Document] = []
    held = 0
    for d in docs:
        batch.append(d)
        held += len(d.text)
        if len(batch) >= size or held >= chars:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _parse_each(nlp, docs: Iterable[Document], batch_size: int = 8,
                batch_chars: int = 60_000) -> Iterator[tuple[object, Document]]:
    """(spaCy doc or the exception parsing it raised, document): spaCy's batches, but a batch that fails is
    parsed again one document at a time, so only the document at fault is lost."""
    for batch in _batches(docs, batch_size, batch_chars):
        try:
            yield from zip(nlp.pipe([d.text for d in batch], batch_size=batch_size), batch)
            continue
        except Exception:
            pass
        for d in batch:
            try:
                sdoc = nlp(d.text)
            except Exception as e:
                yield e, d
            else:
                yield sdoc, d


def _ahead(items: Iterator, depth: int = 16, stop=None) -> Iterator:
    """Run an iterator in a background thread, at most `depth` items ahead (bounded memory).

    spaCy's parser spends most of its time in BLAS and Cython code that releases the GIL, so parsing the
    next batch overlaps with coding, dating and storing this one on a second core. Order is kept, and an
    exception in the producer is raised here."""
    import queue
    import threading

    q: queue.Queue = queue.Queue(maxsize=depth)
    done, asked, stop = object(), stop, threading.Event()

    def put(item) -> bool:
        """Hand one item over, giving up when the consumer has stopped."""
        while not stop.is_set():
            try:
                q.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
            put(done)
        except BaseException as e:  # handed to the consumer
            put(e)

    thread = threading.Thread(target=produce, daemon=True, name="detente-parse")
    thread.start()
    try:
        while True:
            try:
                item = q.get(timeout=0.1)
            except queue.Empty:
                if asked is not None and asked.is_set():
                    return
                continue
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
            if asked is not None and asked.is_set():
                return
    finally:
        stop.set()
        # wait for the thread to leave spaCy: an interpreter exiting under a thread inside BLAS aborts
        thread.join(timeout=120)


def where(doc: Document) -> str:
    """How a one-line message names a document: its file, and its name when that is not the file's."""
    if not doc.path or doc.path.endswith(doc.name):
        return doc.path or doc.name
    return f"{doc.path} ({doc.name})"


def reason(e: BaseException) -> str:
    """An exception as one line: its type and the first line of its message."""
    text = str(e).strip().splitlines()
    return f"{type(e).__name__}: {text[0]}" if text else type(e).__name__


def ingest(paths: Iterable[str], store: Store, *, published: dt.date | None = None, outlet: str | None = None,
           actor_files: tuple[str, ...] = (), patterns_file: str | None = None,
           on_item: Callable[[str, str], None] | None = None, allow_outside: bool = False) -> IngestReport:
    """Ingest paths into the store. `on_item(name, status)` is called per input (for progress bars).

    A document that fails anywhere (parse, coding, dating, storing) is one line in `report.skipped` and the
    batch goes on; an over-long one is split into parts (`longdoc`), noted in `report.notes`. The first
    Ctrl-C stops between documents (`report.interrupted`); what was stored before it stays."""
    import time

    import duckdb

    from .interrupt import soft_interrupt
    from .longdoc import split_long

    t0 = time.perf_counter()
    report = IngestReport()

    def fresh() -> Iterator[Document]:
        # runs in the parsing thread (see _ahead): it reads through a connection of its own
        reader = store.reader()
        for item in iter_documents(paths, published=published, outlet=outlet, allow_outside=allow_outside):
            if isinstance(item, IngestError):
                report.skipped.append(item)
                on_item and on_item(item.path, "skipped")
                continue
            parts, note = split_long(item)
            if note:
                report.notes.append(note)
            for part in parts:
                if reader.execute("SELECT 1 FROM documents WHERE id = ?", [part.id]).fetchone() is not None:
                    report.unchanged.append(part.name)
                    on_item and on_item(part.name, "unchanged")
                else:
                    yield part

    def failed(doc: Document, e: Exception) -> None:
        report.skipped.append(IngestError(where(doc), f"cannot code it ({reason(e)})"))
        on_item and on_item(doc.name, "skipped")

    seen: set[str] = set()
    undated: list[tuple[str, set[str]]] = []  # this batch's undated articles and their copy groups
    dated_groups: set[str] = set()  # copy groups of this batch's dated articles
    copies = StoredCopies(store)
    with soft_interrupt() as stop:
        for doc, mentions in process(fresh(), actor_files, patterns_file, copies.dated, on_error=failed, stop=stop):
            if doc.id in seen:  # the same text twice in one batch
                report.unchanged.append(doc.name)
                continue
            seen.add(doc.id)
            try:
                # a syndicated copy of a stored article is the same source as it
                _, group, keys, joined = copies.check(doc.id, doc.text)
                # a mention whose doer the dictionary lacks is stored but makes no event until it is resolved
                coded = [m for m in mentions if m.resolved]
                touched, same, gone, moved = (recluster(coded, store.candidate_events(coded, RELATED))
                                              if coded else ([], [], [], []))
                store.save(doc, mentions, touched, source_group=group, copy_keys=keys, joined_groups=joined,
                           gone=gone, moved=moved, unchanged=same)
            except (duckdb.FatalException, KeyboardInterrupt):
                store.forget()
                raise
            except Exception as e:  # this document is not stored (its transaction rolled back); the rest go on
                store.forget()  # merging changed cached events in place: they no longer match the store
                report.skipped.append(IngestError(where(doc), f"cannot store it ({reason(e)})"))
                on_item and on_item(doc.name, "skipped")
                continue
            except BaseException:
                store.forget()
                raise
            report.added.append(doc.name)
            report.note(doc, mentions)
            if doc.published_source in ("inferred", "none"):
                undated.append((doc.id, {group, *joined}))
            else:
                dated_groups.update((group, *joined))
            report.mentions += len(mentions)
            report.events_touched += len(touched)
            report.words += len(doc.text.split())
            on_item and on_item(doc.name, "added")
        report.interrupted = stop.is_set()
    # an undated article stored before a dated copy of it in the same batch takes the copy's date on a recode
    report.redate = [d for d, groups in undated if groups & dated_groups and copies.dated(store.document(d))]
    report.seconds = time.perf_counter() - t0
    return report
