"""The pipeline: stream documents through parse -> code -> date -> merge -> store, one transaction each."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .actors import ActorDictionary, file_stamps
from .coding import Coder, load_knowledge
from . import claims_cache
from .common import INFERRED_PUBLICATION
from .dating import date_mentions
from .ingest import iter_documents
from .merge import merge, related_events
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


def extract(doc: Document, sdoc, actor_files: tuple[str, ...] = (), patterns_file: str | None = None,
            on_claims: Callable[[Document, list], None] | None = None) -> list[Mention]:
    """Coded and dated mentions of one parsed document (no store involved). `on_claims(doc, claims)`, when
    given, receives the document's quantity claims, found on the same parse (for `claims_cache`)."""
    from .claims import citation_for, citations, extract_claims

    mentions = get_coder(actor_files, patterns_file).code(doc, sdoc)
    date_mentions(doc, sdoc, mentions)
    if doc.published_source == "inferred":  # every date of the article leans on a guessed publication day
        for m in mentions:
            m.notes.append(f"{INFERRED_PUBLICATION}: {doc.published_note}")
    cites = citations(doc.text, doc.published) if mentions else []  # once per document
    if on_claims is not None:
        on_claims(doc, extract_claims(doc, sdoc, actor_files=actor_files))
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
            patterns_file: str | None = None, copies=None,
            on_claims: Callable[[Document, list], None] | None = None) -> Iterator[tuple[Document, list[Mention]]]:
    """Parse, code and date a stream of documents lazily (bounded memory: spaCy batches)."""
    nlp = get_nlp(actor_files)
    pairs = ((d.text, d) for d in docs)
    for sdoc, doc in _ahead(nlp.pipe(pairs, as_tuples=True, batch_size=8)):
        # the publication date is settled here, on the consuming side, to balance the two threads
        yield doc, extract(with_publication(doc, actor_files, copies), sdoc, actor_files, patterns_file, on_claims)


def _ahead(items: Iterator, depth: int = 16) -> Iterator:
    """Run an iterator in a background thread, at most `depth` items ahead (bounded memory).

    spaCy's parser spends most of its time in BLAS and Cython code that releases the GIL, so parsing the
    next batch overlaps with coding, dating and storing this one on a second core. Order is kept, and an
    exception in the producer is raised here."""
    import queue
    import threading

    q: queue.Queue = queue.Queue(maxsize=depth)
    done, stop = object(), threading.Event()

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
            item = q.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()


def ingest(paths: Iterable[str], store: Store, *, published: dt.date | None = None, outlet: str | None = None,
           actor_files: tuple[str, ...] = (), patterns_file: str | None = None,
           on_item: Callable[[str, str], None] | None = None) -> IngestReport:
    """Ingest paths into the store. `on_item(name, status)` is called per input (for progress bars)."""
    import time

    t0 = time.perf_counter()
    report = IngestReport()

    def fresh() -> Iterator[Document]:
        # runs in the parsing thread (see _ahead): it reads through a connection of its own
        reader = store.reader()
        for item in iter_documents(paths, published=published, outlet=outlet):
            if isinstance(item, IngestError):
                report.skipped.append(item)
                on_item and on_item(item.path, "skipped")
            elif reader.execute("SELECT 1 FROM documents WHERE id = ?", [item.id]).fetchone() is not None:
                report.unchanged.append(item.name)
                on_item and on_item(item.name, "unchanged")
            else:
                yield item

    seen: set[str] = set()
    undated: list[tuple[str, set[str]]] = []  # this batch's undated articles and their copy groups
    dated_groups: set[str] = set()  # copy groups of this batch's dated articles
    copies = StoredCopies(store)
    claims: dict[str, list] = {}  # found on the ingest's own parse, so conflicts and the report need none
    keep = (lambda doc, found: claims.__setitem__(doc.id, found)) if claims_cache.applies(actor_files) else None
    for doc, mentions in process(fresh(), actor_files, patterns_file, copies.dated, keep):
        if doc.id in seen:  # the same text twice in one batch
            report.unchanged.append(doc.name)
            continue
        seen.add(doc.id)
        # a syndicated copy of a stored article is the same source as it
        _, group, keys, joined = copies.check(doc.id, doc.text)
        try:
            # a mention whose doer the dictionary lacks is stored but makes no event until it is resolved
            coded = [m for m in mentions if m.resolved]
            touched = merge(coded, store.candidate_events(coded, RELATED)) if coded else []
            store.save(doc, mentions, touched, source_group=group, copy_keys=keys, joined_groups=joined)
            if doc.id in claims:
                claims_cache.save(store, {doc.id: claims.pop(doc.id)})
        except BaseException:
            store.forget()  # merging changed cached events in place: they no longer match the store
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
    # an undated article stored before a dated copy of it in the same batch takes the copy's date on a recode
    report.redate = [d for d, groups in undated if groups & dated_groups and copies.dated(store.document(d))]
    report.seconds = time.perf_counter() - t0
    return report
