"""The store's documents and each one's mentions as stored: by id or name, in ingest order, streamed a few at a
time, those of a dyad's states, and the mentions that wait for the actor dictionary. A part of `store.Store`."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Iterable, Iterator

from .model import Document, Mention
from .store_schema import DOC_COLUMNS, UNRESOLVED, mention_from_record

if TYPE_CHECKING:
    import duckdb


class DocumentReading:
    """Reading stored documents (`store.Store` is the class to use)."""

    def has_document(self, doc_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is not None

    def reader(self) -> "duckdb.DuckDBPyConnection":
        """A second connection to the same store, for a thread that reads while this one writes."""
        return self.con.cursor()

    def documents(self) -> list[Document]:
        rows = self.con.execute(f"SELECT {DOC_COLUMNS} FROM documents ORDER BY name").fetchall()
        return [Document(*r) for r in rows]

    def documents_involving(self, codes: Iterable[str], names: Iterable[str] = ()) -> list[Document]:
        """The documents that report an event in which one of these states takes part, or whose text has one
        of `names` (the states' names, say). In SQL: a large store reads only those."""
        import re

        names = sorted(set(names))
        pattern = r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b" if names else "$^"
        rows = self.con.execute(
            f"SELECT {DOC_COLUMNS} FROM documents WHERE id IN (SELECT m.doc_id FROM mentions m JOIN events e"
            " ON m.event_id = e.id WHERE list_has_any(string_split(e.actor_codes || ',' || e.recipient_codes, ','), ?))"
            " OR regexp_matches(text, ?) ORDER BY name", [sorted(codes), pattern]).fetchall()
        return [Document(*r) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        row = self.con.execute(f"SELECT {DOC_COLUMNS} FROM documents WHERE id = ?", [doc_id]).fetchone()
        return Document(*row) if row else None

    def document_ids(self, docs: Iterable[str] | None = None, only_waiting: bool = False,
                     by_name: bool = False) -> list[str]:
        """Stored document ids in ingest order (`by_name`: by name): all, those given (by id or name), or with
        `only_waiting` those with mentions whose doer the dictionary lacks. Ids only, so a large store stays cheap."""
        where, params = ["TRUE"], []
        if docs is not None:
            where.append("(id IN (SELECT unnest(?)) OR name IN (SELECT unnest(?)))")
            params += [list(docs), list(docs)]
        if only_waiting:
            where.append(f"id IN (SELECT doc_id FROM mentions WHERE {UNRESOLVED})")
        return [r[0] for r in self.con.execute(
            f"SELECT id FROM documents WHERE {' AND '.join(where)} ORDER BY {'name' if by_name else 'ingested_at'}, id",
            params).fetchall()]

    def waiting_documents(self) -> list[str]:
        """The documents with mentions that wait for the actor dictionary (`detente recode --waiting`)."""
        return self.document_ids(only_waiting=True)

    def iter_documents(self, ids: list[str], con: "duckdb.DuckDBPyConnection | None" = None,
                       chunk: int = 32) -> Iterator[Document]:
        """These documents, read a few at a time (bounded memory), in the order given. Pass a `reader()`
        connection when another thread consumes them."""
        con = con or self.con
        for i in range(0, len(ids), chunk):
            part = ids[i:i + chunk]
            rows = {r[0]: r for r in con.execute(
                f"SELECT {DOC_COLUMNS} FROM documents WHERE id IN (SELECT unnest(?))", [part]).fetchall()}
            yield from (Document(*rows[d]) for d in part if d in rows)

    def document_mentions(self, doc_id: str) -> list[Mention]:
        """The stored mentions of one document, each with its event id ("" when it makes no event)."""
        out = []
        for eid, rec in self.con.execute(
                "SELECT event_id, record FROM mentions WHERE doc_id = ? ORDER BY id", [doc_id]).fetchall():
            m = mention_from_record(json.loads(rec))
            m.event_id = eid or ""
            out.append(m)
        return out

    def unresolved_mentions(self) -> list[Mention]:
        """The mentions whose doer the actor dictionary lacks (they make no event until it resolves them)."""
        rows = self.con.execute(f"SELECT record FROM mentions WHERE {UNRESOLVED} ORDER BY doc_id, id").fetchall()
        return [mention_from_record(json.loads(r[0])) for r in rows]
