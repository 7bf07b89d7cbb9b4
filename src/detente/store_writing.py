"""Writing the store: a document with its mentions and the events they touched in one transaction (`save`), a
batch of them in one (`save_many`, `batch`), a document coded anew (`replace_document_mentions`), and the rows
they are written as. A crash or Ctrl-C leaves the store as it was before the block. A part of `store.Store`."""
from __future__ import annotations

import datetime as dt
import json
from contextlib import contextmanager
from typing import Iterable, Iterator

import duckdb

from .model import Document, Event, Mention, to_jsonable


class Writing:
    """Writing documents, mentions and events (`store.Store` is the class to use)."""

    def save_many(self, docs: list[tuple[Document, str, list[tuple[int, int]]]], joins: list[tuple[str, str]],
                  mentions: list[Mention], moved: list[Mention], events: list[Event], gone: Iterable[str]) -> None:
        """A batch of documents (each with its copy group and band keys), their mentions, the copy groups
        they joined ((group, joined group), in order), the stored mentions merging moved, the events as the
        batch left them and the events it emptied, in one transaction: what `save` per document would
        leave, with a few statements per batch instead of several per document."""
        events, gone = list(events), sorted(set(gone) - {e.id for e in events})
        with self._transaction():
            self._insert("documents (id, name, path, title, outlet, url, language, published_start, published_end,"
                         " published_source, published_note, text, words, source_group, encoding)",
                         [[d.id, d.name, d.path, d.title, d.outlet, d.url, d.language, d.published_start,
                           d.published_end, d.published_source, d.published_note, d.text, len(d.text.split()),
                           group or d.id, d.encoding] for d, group, _ in docs])
            self._insert("copy_bands", [[d.id, b, k] for d, _, keys in docs for b, k in keys])
            for group, joined in joins:  # in the order the documents made them, as `save` does
                self.con.execute("UPDATE documents SET source_group = ? WHERE source_group = ?", [group, joined])
            self._insert("mentions", [self._mention_row(m) for m in mentions])
            if moved:
                self.con.execute("UPDATE mentions SET event_id = v.event_id FROM (SELECT unnest(?) AS id,"
                                 " unnest(?) AS event_id) v WHERE mentions.id = v.id",
                                 [[m.id for m in moved], [m.event_id or None for m in moved]])
            self._write_events(events, gone)
        for eid in gone:
            self._cache.pop(eid, None)
        for e in events:
            self._remember(e)

    def save(self, doc: Document, mentions: list[Mention], events: Iterable[Event],
             source_group: str | None = None, copy_keys: list[tuple[int, int]] = (),
             joined_groups: list[str] = (), gone: Iterable[str] = (), moved: Iterable[Mention] = (),
             unchanged: Iterable[Event] = ()) -> None:
        """One document with its mentions and the events they touched, atomically.

        Rows go in as one multi-row statement per table: DuckDB is a column store, and row-at-a-time
        upserts cost a transaction's worth of index work each.
        """
        events, gone, moved, unchanged = list(events), list(gone), list(moved), list(unchanged)
        con = self.con
        with self._transaction():
            con.execute(
                "INSERT INTO documents (id, name, path, title, outlet, url, language, published_start,"
                " published_end, published_source, published_note, text, words, source_group, encoding)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [doc.id, doc.name, doc.path, doc.title, doc.outlet, doc.url, doc.language, doc.published_start,
                 doc.published_end, doc.published_source, doc.published_note, doc.text, len(doc.text.split()),
                 source_group or doc.id, doc.encoding])
            if copy_keys:
                self._insert("copy_bands", [[doc.id, b, k] for b, k in copy_keys])
            for g in joined_groups:  # a new copy bridges two groups: they are one source now
                con.execute("UPDATE documents SET source_group = ? WHERE source_group = ?", [source_group, g])
            # a new document's mentions are new rows
            self._insert("mentions", [self._mention_row(m) for m in mentions])
            # the new mentions carry their event_id; stored ones merging moved to another event are updated
            if moved:
                self._move_mentions(moved)
            self._write_events(events, gone)
        for eid in gone:
            self._cache.pop(eid, None)
        for e in events + unchanged:
            self._remember(e)

    def _move_mentions(self, moved: list[Mention]) -> None:
        """Point stored mentions at the events merging put them in now (NULL: in none)."""
        self.con.executemany("UPDATE mentions SET event_id = ? WHERE id = ?",
                             [[m.event_id or None, m.id] for m in moved])

    def replace_document_mentions(self, doc: Document, mentions: list[Mention], events: Iterable[Event],
                                  emptied_event_ids: Iterable[str] = (), unchanged: Iterable[Event] = (),
                                  moved: Iterable[Mention] = ()) -> None:
        """Replace a stored document's mentions with a new coding of it, atomically: `events` are the
        events written anew (rebuilt without its old mentions, or joined by its new ones), and
        `emptied_event_ids` the events that only its old mentions made (deleted unless written anew).
        `unchanged` are events it touched that came out as stored: not written, but cached as they are now.
        On any failure the document keeps its old mentions and events."""
        events, unchanged = list(events), list(unchanged)
        written = {e.id for e in events}
        gone = set(emptied_event_ids) - written - {e.id for e in unchanged}
        con = self.con
        with self._transaction():
            # a publication date inferred from the text may move with the dictionary (tenure hints)
            con.execute("UPDATE documents SET published_start = ?, published_end = ?, published_source = ?,"
                        " published_note = ? WHERE id = ?",
                        [doc.published_start, doc.published_end, doc.published_source, doc.published_note, doc.id])
            con.execute("DELETE FROM mentions WHERE doc_id = ?", [doc.id])
            self._insert("mentions", [self._mention_row(m) for m in mentions])
            moved = [m for m in moved if m.doc_id != doc.id]
            if moved:  # other articles' mentions that merging put in another event
                self._move_mentions(moved)
            self._write_events(events, gone)
        for eid in gone:
            self._cache.pop(eid, None)
        for e in events + unchanged:  # a re-made event is a new object: the emptied one must not stay cached
            self._remember(e)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several documents' writes in one transaction: all of them or none. A commit costs DuckDB a
        write-ahead-log flush and index work that one per document made the largest part of storing; a
        failure rolls the whole batch back (the ingest then writes its documents one by one)."""
        if self._batched:
            yield
            return
        with self._transaction():
            self._batched = True
            try:
                yield
            finally:
                self._batched = False

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """All of a block's writes or none: on any failure the block's rows are rolled back and the event
        cache, whose events may hold mentions that were not stored, is dropped. Inside `batch()` the block
        is part of the batch's transaction."""
        if self._batched:
            yield
            return
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            self._cache.clear()
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:  # interrupted inside BEGIN or COMMIT: DuckDB already ended the transaction
                pass
            raise

    def _insert(self, table: str, rows: list[list]) -> None:
        """Rows into a table as one statement with one list parameter per column (unnested side by side):
        binding a parameter per value made DuckDB's planning grow with the rows."""
        if not rows:
            return
        self.con.execute(f"INSERT INTO {table} SELECT " + ", ".join(["unnest(?)"] * len(rows[0])),
                         [list(c) for c in zip(*rows)])

    @staticmethod
    def _mention_row(m: Mention) -> list:
        # parties: the codes it names, sorted and comma-joined, which a search by party reads without
        # parsing every record in its interval (retold.py); NULL in rows stored before the column
        record = to_jsonable(m)
        del record["event_id"]  # the column says which event it is in (merging moves it; the record is not rewritten)
        return [m.id, m.doc_id, m.event_id or None, m.event, m.mode, m.date_start, m.date_end,
                json.dumps(record), ",".join(sorted({r.code for r in m.actor + m.recipient if r.code}))]

    @staticmethod
    def _event_row(e: Event) -> list:
        return [e.id, e.event, e.mode, e.cameo, e.goldstein, e.plover_score,
                json.dumps([r.to_dict() for r in e.actor]), json.dumps([r.to_dict() for r in e.recipient]),
                ",".join(sorted({r.code for r in e.actor})), ",".join(sorted({r.code for r in e.recipient})),
                e.date_start, e.date_end, e.quantity.value if e.quantity else None,
                e.quantity.text if e.quantity else None, e.confidence, e.num_articles, e.num_mentions,
                dt.datetime.now()]
