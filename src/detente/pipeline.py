"""The pipeline: stream documents through parse -> code -> date -> merge -> store, one transaction each."""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import itertools
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from . import claims_cache, parse_memo
from .actors import ActorDictionary, file_stamps
from .coding import Coder, load_knowledge
from .common import INFERRED_PUBLICATION
from .dating import date_mentions
from .executors import Executor, batches
from .ingest import iter_documents
from .merge import candidates, recluster, related_events
from .model import CodedDocument, Document, IngestError, Mention
from .parse import get_nlp
from .pubdate import FROM_COPIES, GIVEN_DATE, describe, publication
from .store import Store
from .syndication import StoredCopies


RELATED = related_events()  # which stored events a new mention may merge into, by type
# documents spaCy parses together: 32 news articles cost about 8% less CPU than 8 (bench_scale.py), and
# no more than the model's default of 256; a batch's characters are bounded too (`_batches`)
PARSE_BATCH = 32


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
    undated: list[str] = field(default_factory=list)  # articles written dated from copies or not at all (`retold`)
    notes: list[str] = field(default_factory=list)  # what was done to an input that was not refused
    interrupted: bool = False  # stopped by Ctrl-C between documents (everything before it is stored)

    def note(self, doc: Document, mentions: list[Mention]) -> None:
        """Say how an article without a given date was dated, and when it gave no event."""
        if doc.published_source not in GIVEN_DATE:
            self.dating.append((doc.name, describe(doc)))
        if not any(m.resolved for m in mentions):
            self.eventless.append(doc.name)


def no_publication_date(doc: Document) -> bool:
    """An article that came with no publication date (its copies or its text must date it)."""
    return doc.published_start is None and doc.published_end is None

def with_publication(doc: Document, actor_files: tuple[str, ...] = (), copies=None) -> Document:
    """A document without a publication date gets the interval the publication stage infers (pubdate.py);
    `copies(doc)` lists the (start, end, name) of stored syndicated copies of it."""
    if no_publication_date(doc):
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

    mentions, focus = get_coder(actor_files, patterns_file).code_story(doc, sdoc)
    date_mentions(doc, sdoc, mentions, focus=focus)
    if doc.published_source == "inferred":  # every date of the article leans on a guessed publication day
        for m in mentions:
            m.notes.append(f"{INFERRED_PUBLICATION}: {doc.published_note}")
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


@dataclass(frozen=True)
class KnowledgeFiles:
    """The user's actor and pattern files: all the per-document stages need besides the shipped data.
    Small and picklable, so it travels to worker processes and Dask workers, which load it once each."""

    actor_files: tuple[str, ...] = ()
    patterns_file: str | None = None


def code_document(doc: Document, knowledge: KnowledgeFiles = KnowledgeFiles(), sdoc=None,
                  copies=None) -> CodedDocument | IngestError:
    """Parse (unless `sdoc` is its parse already), code and date one document; no store involved, so any
    executor (this process, a worker process, a Dask worker) can call it. `copies` (in the writing process
    only) dates an undated article from its stored copies; elsewhere the writer has it recoded when a dated
    copy turns up. A failure is that document's one-line IngestError, and the batch goes on."""
    try:
        if sdoc is None:
            sdoc = get_nlp(knowledge.actor_files)(doc.text)
        seen = None
        if copies is not None:  # what it read is kept: the writer dates it again if the copies change
            seen = list(copies(doc)) if no_publication_date(doc) else []
        doc = with_publication(doc, knowledge.actor_files, None if seen is None else (lambda _: seen))
        return CodedDocument(doc, extract(doc, sdoc, knowledge.actor_files, knowledge.patterns_file),
                             copies_seen=seen, claims=claims_cache.of_parsed(doc, sdoc, knowledge.actor_files))
    except Exception as e:
        return IngestError(doc.name, failure_reason(e))


def failure_reason(e: BaseException) -> str:
    """An exception as one line: its type and the first line of its message."""
    text = str(e).strip().splitlines()
    return f"{type(e).__name__}: {text[0]}" if text else type(e).__name__


reason = failure_reason  # the name the command line uses


def where(doc: Document) -> str:
    """How a one-line message names a document: its file, and its name when that is not the file's."""
    if not doc.path or doc.path.endswith(doc.name):
        return doc.path or doc.name
    return f"{doc.path} ({doc.name})"


def code_documents(docs: Iterable[Document], knowledge: KnowledgeFiles = KnowledgeFiles(),
                   given: list[list | None] | None = None) -> list[CodedDocument | IngestError]:
    """`code_document` over a batch, parsed together (spaCy is faster on batches); the unit of work sent to
    worker processes and Dask workers. When the batch fails to parse, each document is tried alone.
    `given`: per document, the stored copies the writer looked up for it (None: it has a publication date),
    for a recode on the ingest's workers, which cannot read the store (`code_given`)."""
    docs = list(docs)
    try:
        sdocs = list(get_nlp(knowledge.actor_files).pipe([d.text for d in docs], batch_size=PARSE_BATCH))
    except Exception:
        sdocs = [None] * len(docs)  # `code_document` parses each alone
    return [code_document(d, knowledge, s, None if g is None else (lambda _, g=g: g))
            for d, s, g in zip(docs, sdocs, given or [None] * len(docs))]


def code_into_shard(part: tuple[str, list[Document]], knowledge: KnowledgeFiles = KnowledgeFiles()) -> list:
    """`code_documents` over one partition, written to its Parquet shard where it runs (`detente load` merges
    the shards later): only the counts come back."""
    from .shards import write_shard

    path, docs = part
    return write_shard(path, code_documents(docs, knowledge))


def warm(knowledge: KnowledgeFiles = KnowledgeFiles()) -> None:
    """Load the spaCy model and the knowledge files into this process's caches (once per worker)."""
    get_nlp(knowledge.actor_files)
    get_coder(knowledge.actor_files, knowledge.patterns_file)


def executor(knowledge: KnowledgeFiles = KnowledgeFiles(), workers: int | None = 1, engine: str = "local",
             scheduler=None) -> Executor:
    """Where an ingest's per-document stages run (`executors.Executor`), its workers warmed with `knowledge`."""
    return Executor(functools.partial(warm, knowledge), workers, engine, scheduler)


def code_given(items: list[tuple[Document, list | None]], knowledge: KnowledgeFiles = KnowledgeFiles()) -> list:
    """`code_documents` for documents whose stored copies the writer looked up (None: the document has a
    publication date): the unit of work of a recode on the ingest's workers, which cannot read the store."""
    return code_documents([d for d, _ in items], knowledge, [g for _, g in items])


def copies_changed(seen: list | None, now: list | None) -> bool:
    """Whether the dated copies of an article found now differ from those its dating read (in any order:
    the publication stage reads them as a set); None, for a dated article, is none."""
    from collections import Counter

    return Counter(now or ()) != Counter(seen or ())


def recoded_on(executor: Executor, docs: Iterable[Document], knowledge: KnowledgeFiles, copies: Callable,
               guess: Callable, on_error: Callable, stop=None) -> Iterator[tuple[Document, list[Mention]]]:
    """`process` on the workers of an ingest (`api.recode` of the articles it dates again): the model is not
    loaded here. A document's stored copies are looked up here (`copies`), in order, after the documents
    before it are stored again, as `process` does; the workers get them guessed ahead (`guess`, the same
    lookup on caches of its own, before those documents are stored) and a document whose copies changed
    in between is coded again with them."""
    from collections import deque

    sent: deque = deque()
    task = functools.partial(code_given, knowledge=knowledge)

    def items() -> Iterator[tuple[Document, list | None]]:
        for doc in docs:
            item = (doc, list(guess(doc)) if no_publication_date(doc) else None)
            sent.append(item)
            yield item

    for result in executor.map(task, batches(items(), text=lambda item: item[0].text)):
        doc, given = sent.popleft()
        now = list(copies(doc)) if no_publication_date(doc) else None
        if copies_changed(given, now):
            (result,) = executor.map(task, [[(doc, now)]])
        if isinstance(result, IngestError):
            on_error(doc, result)
        else:
            yield result.doc, result.mentions
        if stop is not None and stop.is_set():
            return


def code_stream(docs: Iterable[Document], knowledge: KnowledgeFiles = KnowledgeFiles(),
                copies=None, stop=None) -> Iterator[CodedDocument | IngestError]:
    """`code_document` over a stream in this process, in order; spaCy parses in a background thread while
    this thread codes and dates, and the caller merges and stores. `stop` (an Event) ends it between documents."""
    for sdoc, doc in _parsed(docs, knowledge.actor_files, stop):
        if isinstance(sdoc, Exception):
            yield IngestError(where(doc), f"cannot parse it ({failure_reason(sdoc)})")
            continue
        result = code_document(doc, knowledge, sdoc, copies)
        if isinstance(result, CodedDocument) and result.doc.published_source in FROM_COPIES:
            parse_memo.keep(doc.text, sdoc)  # a dated copy stored later may have it coded again (`parse_memo`)
        yield result


def process(docs: Iterable[Document], actor_files: tuple[str, ...] = (),
            patterns_file: str | None = None, copies=None, on_error: Callable[[Document, Exception], None] | None = None,
            stop=None) -> Iterator[tuple[Document, list[Mention]]]:
    """Parse, code and date a stream of documents lazily (bounded memory: spaCy batches).

    With `on_error`, a document that fails to parse, code or date is handed to it and the stream goes on
    (one bad article never costs the batch); without, the error is raised. `stop` (an Event) ends the
    stream between documents."""
    for sdoc, doc in _parsed(docs, actor_files, stop):
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


def _parsed(docs: Iterable[Document], actor_files: tuple[str, ...], stop=None) -> Iterator:
    """(spaCy doc or the exception parsing it raised, document) pairs, in order, parsed in a background
    thread (see `_ahead`)."""
    return _ahead(_parse_each(get_nlp(actor_files), docs), stop=stop)


def _parse_each(nlp, docs: Iterable[Document], batch_size: int = PARSE_BATCH) -> Iterator[tuple[object, Document]]:
    """(spaCy doc or the exception parsing it raised, document): spaCy's batches (the workers' batches: a
    bounded count and size, `executors.batches`), but a batch that fails is parsed again one document at a
    time, so only the document at fault is lost."""
    for batch in batches(docs, batch_size):
        try:
            kept = [parse_memo.take(nlp, d.text) for d in batch]  # parsed earlier in this ingest (`parse_memo`)
            parsed = iter(nlp.pipe([d.text for d, k in zip(batch, kept) if k is None], batch_size=batch_size))
            yield from zip((next(parsed) if k is None else k for k in kept), batch)
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


def ingest(paths: Iterable[str], store: Store | None, *, published: dt.date | None = None, outlet: str | None = None,
           actor_files: tuple[str, ...] = (), patterns_file: str | None = None,
           on_item: Callable[[str, str], None] | None = None, workers: int = 1, engine: str = "local",
           scheduler: str | None = None, shards: str | None = None, allow_outside: bool = False,
           run_on: Executor | None = None) -> IngestReport:
    """Ingest paths into the store. `on_item(name, status)` is called per input (for progress bars).

    The per-document stages run in this process (`workers=1`), in `workers` processes, or on a Dask cluster
    (`engine="dask"`, at `scheduler` or on a LocalCluster); this process merges and stores, in input order.
    With `shards` (a folder), the coded documents are written there as Parquet instead (`detente load`).
    `run_on` is an executor the caller keeps open (`api.ingest`: for its recode); by default one is opened here.

    A document that fails anywhere (parse, coding, dating, storing) is one line in `report.skipped` and the
    batch goes on; an over-long one is split into parts (`longdoc`), noted in `report.notes`. The first
    Ctrl-C stops between documents (`report.interrupted`); what was stored before it stays."""
    import time

    from .interrupt import soft_interrupt
    from .longdoc import split_long

    t0 = time.perf_counter()
    report = IngestReport()
    knowledge = KnowledgeFiles(tuple(actor_files), patterns_file)

    def fresh() -> Iterator[Document]:
        # may run in the parsing thread (see _ahead): it reads through a connection of its own, a few
        # documents at a time (one query for each few: a point query costs milliseconds)
        reader = store.reader() if store is not None else None
        items = _split(iter_documents(paths, published=published, outlet=outlet, allow_outside=allow_outside))
        while chunk := list(itertools.islice(items, 32)):
            ids = [d.id for d in chunk if not isinstance(d, IngestError)]
            stored = {r[0] for r in reader.execute("SELECT id FROM documents WHERE id IN (SELECT unnest(?))",
                                                   [ids]).fetchall()} if reader is not None and ids else set()
            for item in chunk:
                if isinstance(item, IngestError):
                    report.skipped.append(item)
                    on_item and on_item(item.path, "skipped")
                elif item.id in stored:
                    report.unchanged.append(item.name)
                    on_item and on_item(item.name, "unchanged")
                else:
                    yield item

    def _split(items: Iterator) -> Iterator:
        for item in items:
            if isinstance(item, IngestError):
                yield item
                continue
            parts, note = split_long(item)
            if note:
                report.notes.append(note)
            yield from parts

    writer = Writer(store, checked=True) if store is not None else None
    own = run_on is None
    run_on = run_on or executor(knowledge, workers, engine, scheduler)
    # DuckDB's cache trimmed between write batches, never a limit held while writing (`Store.trimmed_cache`)
    with soft_interrupt() as stop, (store.trimmed_cache() if store is not None else contextlib.nullcontext()):
        try:
            _write(report, run_on.coded(
                fresh(), functools.partial(code_into_shard if shards else code_documents, knowledge=knowledge),
                stream=functools.partial(code_stream, knowledge=knowledge, copies=writer and writer.copies.dated,
                                         stop=stop), shards=shards), writer, stop, on_item)
        finally:
            if own:
                run_on.close()
        report.interrupted = stop.is_set()
    report.seconds = time.perf_counter() - t0
    return report


def _write(report: IngestReport, results: Iterable, writer: Writer | None, stop, on_item,
           strict: bool = False) -> None:
    """Merge and store the coded documents in write batches as they come (no writer: tally the shards
    written, which report per document: added to a shard, or failed). A document that cannot be stored is
    one line in `report.skipped`, or, `strict` (`load`: the shards were coded to be stored), raised."""
    if writer is None:
        for item in results:
            tally(report, item, on_item)
            if stop.is_set():
                break
        return
    for group in _groups(results, stop):
        for item, touched in zip(group, writer.write_all(group)):
            if isinstance(touched, Exception):  # not stored (its transaction rolled back); the rest go on
                if strict:
                    raise touched
                report.skipped.append(IngestError(where(item.doc), f"cannot store it ({failure_reason(touched)})"))
                on_item and on_item(item.doc.name, "skipped")
            elif touched is None:  # the same text twice in one batch
                report.unchanged.append(item.doc.name)
                on_item and on_item(item.doc.name, "unchanged")
            else:
                report.events_touched += touched
                tally(report, item, on_item)
    report.redate = writer.finish()
    report.undated = [d for d, _ in writer.undated]


WRITE_BATCH = 32  # coded documents the writer stores in one transaction (see batch_write.py)
WRITE_WAIT = 2.0  # seconds: a batch is written once its first document has waited this long


def _groups(results: Iterable, stop=None, wait: float = WRITE_WAIT) -> Iterator[list]:
    """The coded documents in write batches: WRITE_BATCH of them, fewer when the first has waited `wait`
    seconds (a slow stream still shows progress and a crash loses little) or when `stop` is set (the batch
    in hand is stored, then the ingest ends)."""
    import time

    size = WRITE_BATCH  # read when called: a test makes the batches small
    group: list = []
    first = 0.0
    for item in results:
        if not group:
            first = time.monotonic()
        group.append(item)
        if len(group) >= size or time.monotonic() - first >= wait or (stop is not None and stop.is_set()):
            yield group
            group = []
            if stop is not None and stop.is_set():
                return
    if group:
        yield group


def tally(report: IngestReport, item, on_item) -> None:
    """Count one result: a CodedDocument stored, a shards.Sharded written, or an IngestError."""
    if isinstance(item, IngestError):
        report.skipped.append(item)
        on_item and on_item(item.path, "skipped")
        return
    if isinstance(item, CodedDocument):
        name, mentions, words = item.doc.name, len(item.mentions), len(item.doc.text.split())
        report.note(item.doc, item.mentions)
    else:
        name, mentions, words = item.name, item.mentions, item.words
    report.added.append(name)
    report.mentions += mentions
    report.words += words
    on_item and on_item(name, "added")


class Writer:
    """The single writer: merges coded documents into the stored events and stores each in one transaction.
    With `checked`, the documents are known to be new to the store but may repeat among themselves."""

    def __init__(self, store: Store, checked: bool = False):
        self.store, self.copies, self.checked = store, StoredCopies(store), checked
        self.seen: set[str] = set()  # ids only: a million of them is tens of megabytes
        self.undated: list[tuple[str, list | None]] = []  # articles dated here or not at all, and the copies read
        self.claims: dict[str, list] = {}  # claims of stored documents not yet kept (lost in a crash: found later)
        # undated article written -> its copies, those stored before it and those written after it: what `redate`
        # would otherwise look up again for each (as costly as its first look-up). None once a document was
        # written alone (`write`), whose copies may come from an answer `StoredCopies.check` kept: `redate` then
        # looks them all up.
        self.linked: dict[str, set[str]] | None = {}

    def write(self, item: CodedDocument) -> int | None:
        """Store one coded document; the number of events it touched, None when its text is stored already."""
        doc, mentions, store = item.doc, item.mentions, self.store
        if self.checked:
            if doc.id in self.seen:
                return None
            self.seen.add(doc.id)
        elif store.has_document(doc.id):
            return None
        self.linked = None
        # a syndicated copy of a stored article is the same source as it
        _, group, keys, joined = self.copies.check(doc.id, doc.text)
        try:
            # a mention whose doer the dictionary lacks is stored but makes no event until it is resolved
            coded = [m for m in mentions if m.resolved]
            touched, same, gone, moved = (recluster(coded, candidates(store, coded, RELATED))
                                          if coded else ([], [], [], []))
            store.save(doc, mentions, touched, source_group=group, copy_keys=keys,
                       shingles=self.copies.packed(doc.id, doc.text), joined_groups=joined,
                       gone=gone, moved=moved, unchanged=same)
        except BaseException:
            store.forget()  # merging changed cached events in place: they no longer match the store
            raise
        if item.claims is not None:  # found from the same parse: `conflicts` need not parse it again
            self.claims[doc.id] = item.claims
            if len(self.claims) >= 256:  # kept a few hundred at a time: one statement, not one per document
                self.keep_claims()
        if doc.published_source in FROM_COPIES:
            self.undated.append((doc.id, item.copies_seen))
        return len(touched)

    def write_all(self, items: list) -> list[int | None | Exception]:
        """Store a batch of results (CodedDocuments; an IngestError is passed over, counted 0) in one
        transaction (`batch_write`); per item, `write`'s answer. When the batch fails, its documents are
        written one by one, each in its own transaction: only a document at fault is lost, as its exception."""
        from .batch_write import write_batch

        coded = [it for it in items if isinstance(it, CodedDocument)]
        try:
            counts = iter(write_batch(self, coded, RELATED)) if coded else iter(())
            return [next(counts) if isinstance(it, CodedDocument) else 0 for it in items]
        except Exception:
            pass
        finally:
            self.store.trim_cache()  # between transactions (`Store.trimmed_cache`)
        out: list[int | None | Exception] = []
        for it in items:
            try:
                out.append(self.write(it) if isinstance(it, CodedDocument) else 0)
            except Exception as e:
                out.append(e)
        return out

    def note_links(self, found: list[tuple[str, list[str], bool]]) -> None:
        """The copies found for the documents of a stored batch, in order: (document, its copies, undated)."""
        if self.linked is None:
            return
        for d, copies, undated in found:
            if undated:
                self.linked[d] = set(copies)
            for other in copies:  # a copy relation goes both ways: `d` is a copy of the undated `other` too
                if other in self.linked:
                    self.linked[other].add(d)

    def keep_claims(self) -> None:
        claims_cache.save(self.store, self.claims)
        self.claims = {}

    def finish(self) -> list[str]:
        """After the last document: keep the claims not yet kept; the undated articles to date again."""
        self.keep_claims()
        return self.redate()

    def redate(self) -> list[str]:
        """The undated articles written that a recode can date better from dated copies other than those its
        dating read (one stored later, or any, for one coded where the store could not be read: a worker).
        Every mode thus leaves each article dated from all its copies in the store, whatever the order they
        came in. Those that the acts they tell by weekday can date (retold.py) are asked after these are dated
        (`api._redate`): a copy dated here vouches for its acts' days, in whichever batch it came."""
        out = []
        if self.linked is not None:  # the copies found while writing
            return [d for d, seen in self.undated
                    if (now := self.copies.dated_among(sorted(self.linked[d] - {d}))) and copies_changed(seen, now)]
        stored = self.store.iter_documents([d for d, _ in self.undated])  # streamed, a few dozen a query
        for d, seen in self.undated:
            doc = next(stored)  # each was stored by this writer, so none is missing
            now = self.copies.dated(doc)
            if now and copies_changed(seen, now):
                out.append(d)
        return out


def load(folder: str, store: Store, on_item: Callable[[str, str], None] | None = None) -> IngestReport:
    """Merge the Parquet shards in `folder` into `store`, as `ingest` would have stored their documents: in
    the order they were written, each in one transaction; a document stored already is left as it is."""
    import time

    from .shards import read_shards

    t0 = time.perf_counter()
    report, writer = IngestReport(), Writer(store)
    with store.trimmed_cache():
        _write(report, read_shards(folder), writer, None, on_item, strict=True)
    report.seconds = time.perf_counter() - t0
    return report
