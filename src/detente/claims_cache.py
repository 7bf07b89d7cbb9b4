"""Quantity claims kept in the store once found, so `detente conflicts` and the report do not parse every
article again each time (that parse, with loading the language model, was most of a report's 10 s).

A document's claims are keyed by its id (a hash of its text) and a stamp of what they were found with
(claims.yaml, the shipped actor files, detente's version): a changed file makes them be found again. The
table is written only when the store can be opened for writing; otherwise the claims are just computed."""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
from importlib import resources
from typing import Callable, Iterable

from . import date_claims
from .claims import Citation, Claim, extract_claims, load_config
from .model import Document, to_jsonable
from .store import DOC_COLUMNS, Store

TABLE = "CREATE TABLE IF NOT EXISTS claims_cache (doc_id VARCHAR PRIMARY KEY, stamp VARCHAR, claims JSON)"


@functools.lru_cache(maxsize=1)
def stamp() -> str:
    from . import __version__

    h = hashlib.sha1(__version__.encode())
    for name in ("claims.yaml", "countries.yaml", "actors.yaml", "sectors.yaml", "event_families.yaml"):
        h.update((resources.files("detente") / "data" / name).read_bytes())
    return h.hexdigest()[:16]


def _claim(rec: dict) -> Claim:
    day = lambda v: dt.date.fromisoformat(v) if v else None  # noqa: E731
    cites = [Citation(**dict(c, date_start=day(c.get("date_start")), date_end=day(c.get("date_end"))))
             for c in rec.get("citations") or []]
    return Claim(**dict(rec, date_start=day(rec.get("date_start")), date_end=day(rec.get("date_end")),
                        citations=cites))


def _has_table(con) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'claims_cache'"
                            ).fetchone()[0])


def _missing(con, key: str, doc_ids: list[str] | None, columns: str = "d.id") -> str:
    """The query of the documents (all, or these) whose claims are not kept under `key`: an anti-join, and
    its parameters."""
    where, params = ["TRUE"], []
    if doc_ids is not None:
        where.append("d.id IN (SELECT unnest(?))")
        params.append(doc_ids)
    if _has_table(con):
        where.append("NOT EXISTS (SELECT 1 FROM claims_cache c WHERE c.doc_id = d.id AND c.stamp = ?)")
        params.append(key)
    return f"SELECT {columns} FROM documents d WHERE {' AND '.join(where)} ORDER BY d.id", params


def _kept(con, key: str, doc_ids: list[str] | None) -> list[Claim]:
    """The kept claims of the documents (all, or these), in the order of the documents' names; documents
    without claims (most) are skipped in SQL, so a large store parses only the JSON of the few with some."""
    if not _has_table(con):
        return []
    only, params = ("AND d.id IN (SELECT unnest(?))", [doc_ids]) if doc_ids is not None else ("", [])
    rows = con.execute("SELECT c.claims FROM claims_cache c JOIN documents d ON d.id = c.doc_id"
                       f" WHERE c.stamp = ? AND c.claims::VARCHAR <> '[]' {only} ORDER BY d.name, d.id",
                       [key] + params).fetchall()
    return [_claim(r) for (recs,) in rows for r in json.loads(recs)]


def stored_claims(db: str, docs: Iterable[Document] | None = None,
                  progress: Callable[[int, int], None] | None = None, chunk: int = 1024) -> list[Claim]:
    """The claims of `docs` (every stored document when None), in the order of their names: from the
    store's cache (filled at ingest) where current; the rest are found now, a chunk at a time, and kept for
    next time. `progress(done, total)` follows the finding (an old store's first `conflicts`)."""
    import duckdb

    key = stamp()
    ids = None if docs is None else [d.id for d in docs]
    with Store(db, read_only=True) as store:
        sql, params = _missing(store.con, key, ids)
        total = store.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
    found: list[Claim] = []  # of a store that cannot be written, kept only here
    if total:
        try:
            writer = Store(db)
        except (duckdb.Error, OSError):
            writer = None  # a read-only or busy store: the claims are found, just not kept
        store = writer or Store(db, read_only=True)
        try:
            # one query streamed a chunk at a time (a query per chunk would scan the documents each time),
            # through a connection of its own while the other writes
            rows = store.reader().execute(*_missing(store.con, key, ids, DOC_COLUMNS.replace("id,", "d.id,", 1)))
            done = 0
            progress and progress(0, total)
            while part := [Document(*r) for r in rows.fetchmany(chunk)]:
                per: dict[str, list[Claim]] = {d.id: [] for d in part}
                for c in document_claims(part):
                    per[c.doc_id].append(c)
                if writer is not None:
                    save(writer, per, key)
                else:
                    found += [c for d in part for c in per[d.id]]
                done += len(part)
                progress and progress(done, total)
        finally:
            store.close()
    with Store(db, read_only=True) as store:
        kept = _kept(store.con, key, ids)
    if not found:
        return kept
    with Store(db, read_only=True) as store:
        names = dict(store.con.execute("SELECT id, name FROM documents WHERE id IN (SELECT unnest(?))",
                                       [sorted({c.doc_id for c in found})]).fetchall())
    return sorted(kept + found, key=lambda c: (names.get(c.doc_id, ""), c.doc_id))


def _may_hold(doc: Document) -> bool:
    """Whether an article can hold a claim: it names a subject's topic, or a day (a date claim)."""
    return any(s.topic.search(doc.text) for s in load_config().subjects) or date_claims.may_hold(doc.text)


def _of_doc(doc: Document, sdoc) -> list[Claim]:
    """The quantity claims (of an article naming a subject's topic) and the date claims of one parse."""
    config = load_config()
    found = extract_claims(doc, sdoc, config=config) if any(s.topic.search(doc.text) for s in config.subjects) else []
    return found + date_claims.extract_date_claims(doc, sdoc)


def document_claims(docs: Iterable[Document], actor_files: tuple[str, ...] = ()) -> list[Claim]:
    """The claims of many documents, parsed in one spaCy batch (only those that can hold one)."""
    from .parse import get_nlp

    docs = [d for d in docs if _may_hold(d)]
    if not docs:  # the model takes seconds to load
        return []
    nlp = get_nlp(actor_files)
    return [c for doc, sdoc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=8)) for c in _of_doc(doc, sdoc)]


def of_parsed(doc: Document, sdoc, actor_files: tuple[str, ...] = ()) -> list[Claim] | None:
    """The claims of a document being ingested, from the parse the coder used (cheap: most articles hold
    none and are not looked at), so `conflicts` need not parse it again; None when claims found with these
    actor files are not the ones `conflicts` uses."""
    if not applies(actor_files):
        return None
    return _of_doc(doc, sdoc) if _may_hold(doc) else []


def applies(actor_files: tuple[str, ...]) -> bool:
    """Whether claims found with these actor files are the ones `stored_claims` would find: the shipped
    dictionary only (conflicts parse with it), so an ingest with the user's own actor files keeps none."""
    return not actor_files


def save(store: Store, found: dict[str, list[Claim]], key: str | None = None) -> None:
    """Keep documents' claims (doc id -> claims) in the store."""
    if not found:
        return
    key = key or stamp()
    store.con.execute(TABLE)
    ids = list(found)
    texts = [json.dumps([to_jsonable(dataclasses.asdict(c)) for c in found[i]]) for i in ids]
    # one statement for all rows (executemany goes row by row: minutes for a large store's documents)
    store.con.execute("INSERT OR REPLACE INTO claims_cache SELECT u.doc_id, ?, u.claims::JSON FROM "
                      "(SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::VARCHAR[]) AS claims) u", [key, ids, texts])


def forget(store: Store, doc_ids: Iterable[str]) -> None:
    """Drop documents' kept claims (a recode may date an article anew: its claims are found again)."""
    ids = list(doc_ids)
    if ids and _has_table(store.con):
        store.con.executemany("DELETE FROM claims_cache WHERE doc_id = ?", [[i] for i in ids])
