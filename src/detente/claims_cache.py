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
from typing import Iterable

from .claims import Citation, Claim, document_claims
from .model import Document, to_jsonable
from .store import Store

TABLE = "CREATE TABLE IF NOT EXISTS claims_cache (doc_id VARCHAR PRIMARY KEY, stamp VARCHAR, claims JSON)"


@functools.lru_cache(maxsize=1)
def stamp() -> str:
    from . import __version__

    h = hashlib.sha1(__version__.encode())
    for name in ("claims.yaml", "countries.yaml", "actors.yaml", "sectors.yaml"):
        h.update((resources.files("detente") / "data" / name).read_bytes())
    return h.hexdigest()[:16]


def _claim(rec: dict) -> Claim:
    day = lambda v: dt.date.fromisoformat(v) if v else None  # noqa: E731
    cites = [Citation(**dict(c, date_start=day(c.get("date_start")), date_end=day(c.get("date_end"))))
             for c in rec.get("citations") or []]
    return Claim(**dict(rec, date_start=day(rec.get("date_start")), date_end=day(rec.get("date_end")),
                        citations=cites))


def stored_claims(db: str, docs: Iterable[Document]) -> list[Claim]:
    """The claims of `docs` (in their order): from the store's cache where current, else found now (and
    kept for next time)."""
    import duckdb

    docs = list(docs)
    key = stamp()
    cached: dict[str, list[Claim]] = {}
    with Store(db, read_only=True) as store:
        if store.con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'claims_cache'"
                             ).fetchone()[0]:
            for doc_id, recs in store.con.execute("SELECT doc_id, claims FROM claims_cache WHERE stamp = ?",
                                                  [key]).fetchall():
                cached[doc_id] = [_claim(r) for r in json.loads(recs)]
    missing = [d for d in docs if d.id not in cached]
    if missing:
        found: dict[str, list[Claim]] = {d.id: [] for d in missing}
        for c in document_claims(missing):
            found[c.doc_id].append(c)
        cached.update(found)
        try:
            with Store(db) as store:
                save(store, found, key)
        except (duckdb.Error, OSError):
            pass  # a read-only or busy store: the claims were found, just not kept
    return [c for d in docs for c in cached.get(d.id, [])]


def applies(actor_files: tuple[str, ...]) -> bool:
    """Whether claims found with these actor files are the ones `stored_claims` would find: the shipped
    dictionary only (conflicts parse with it), so an ingest with the user's own actor files keeps none."""
    return not actor_files


def save(store: Store, found: dict[str, list[Claim]], key: str | None = None) -> None:
    """Keep documents' claims (doc id -> claims) in the store."""
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
    if ids and store.con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'claims_cache'"
                                 ).fetchone()[0]:
        store.con.executemany("DELETE FROM claims_cache WHERE doc_id = ?", [[i] for i in ids])
