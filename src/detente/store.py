"""Store: one embedded DuckDB file with documents, mentions and events.

Each document is written in one transaction with its mentions and the events they touched, so a
crash or Ctrl-C mid-ingest leaves the store as it was before that document (`detente recode` replaces a
stored document's mentions the same way). Actor lists and mention details are JSON columns: the store
stays a plain, queryable table set (open it with the duckdb CLI) while the records keep every field
the dataclasses have.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

import duckdb

from .common import DEFAULT_DB  # noqa: F401 (defined there: the CLI reads it without loading DuckDB)
from . import storelock
from .model import CandidateQuery, Event, Mention, Quantity
from .store_documents import DocumentReading
from .store_schema import DOC_COLUMNS, SCHEMA, _refs, mention_from_record  # noqa: F401 (read from here too)
from .store_views import ViewQueries
from .store_writing import Writing

# DuckDB's cache of table blocks kept while a long job runs, in MB (`Store.bounded_memory` for a read, `Store.trimmed_cache`
# between the write batches of an ingest or load): enough for the lookups of
# a batch of inserts in a large store, far less than the cache it would otherwise keep
CACHE_MEMORY = "128MB"

# Up to this many ids go to DuckDB as a literal IN list, which it answers from an index (ART) lookup per id;
# longer lists are joined (one scan), which is cheaper past a few hundred.
FEW = 300


def _marks(values: list) -> str:
    return ", ".join("?" * len(values))


def among(column: str, values: list) -> tuple[str, list]:
    """`column IN (these values)` and its parameters: a literal list up to FEW values, which DuckDB answers
    from the column's index (a join with the unnested list reads the whole table), else the join."""
    if len(values) <= FEW:
        return (f"{column} IN ({_marks(values)})" if values else "FALSE"), list(values)
    return f"{column} IN (SELECT unnest(?))", [list(values)]


def _date_groups(queries: list[CandidateQuery], gap: int = 31) -> list[list[CandidateQuery]]:
    """Candidate queries in clusters of nearby dates (each a part of one statement, `Store.candidate_events`):
    a query of an interval wider than `gap` days alone, the others together while they start within `gap` days
    of the cluster's end."""
    groups: list[list[CandidateQuery]] = []
    end = None
    for q in sorted(queries, key=lambda q: (q.start, q.end)):
        wide = (q.end - q.start).days > gap
        if wide or not groups or end is None or q.start > end + dt.timedelta(days=gap):
            groups.append([q])
            end = None if wide else q.end
        else:
            groups[-1].append(q)
            end = max(end, q.end)
    return groups


# `Store.nearest_candidates` looks for an ask's events within NEAR_DAYS of its day, then NEAR_WIDEN times as
# far, up to NEAR_ROUNDS rounds, the last over its whole interval (64 and 512 days, then all: on the store of a
# million events 0.10 -> 0.06 CPU s a batch against 64 days then all)
NEAR_DAYS, NEAR_WIDEN, NEAR_ROUNDS = 64, 8, 3


def _within(queries: list[CandidateQuery], day: dt.date, window: int | None) -> list[CandidateQuery]:
    """The queries less the events whose dates do not meet [day - window, day + window] (all, for None). Each
    query's interval is cut to the window, which in SQL is exactly both tests: an event meets the cut interval
    when it meets the query's and the window (even where the two do not meet: start then lies after end)."""
    if window is None:
        return queries
    lo, hi = day - dt.timedelta(days=window), day + dt.timedelta(days=window)
    return [q if q.start >= lo and q.end <= hi else dataclasses.replace(q, start=max(q.start, lo), end=min(q.end, hi))
            for q in queries]


class Store(Writing, DocumentReading, ViewQueries):
    """The embedded event store. Every CLI command and API call reads it."""

    CACHE_SIZE = 2000
    # `detente serve` writes (corrections, uploads) while it reads, and DuckDB refuses two configurations of
    # one file in one process: a serving process sets this and opens every connection read-write.
    ALWAYS_WRITABLE = False

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False):
        self.path = str(path)
        self._cache: OrderedDict[str, Event] = OrderedDict()
        self._batched = False  # inside `batch()`: each document's block joins the batch's transaction
        self._cache_bound: str | None = None  # inside `bounded_memory`: DuckDB's cache bound
        self._trim_bound: int | None = None  # inside `trimmed_cache`: the bytes of cache kept between write batches
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"{self.path}: no such store (run `detente ingest` first)")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only and not Store.ALWAYS_WRITABLE)
        except duckdb.IOException as e:  # another process writes it: one line, not a traceback
            held = storelock.busy(self.path, e)
            if held is None:
                if "not a valid duckdb database" in str(e).lower():
                    raise storelock.NotAStore(self.path) from None
                raise
            raise held from None
        self.writer = not read_only
        if self.writer:
            storelock.write_note(self.path)
            self.con.execute(SCHEMA)

    @contextmanager
    def bounded_memory(self, cache: str | None = None):
        """DuckDB keeps the blocks it reads cached up to its memory limit (most of the machine by default), so a
        long job on a large store (an ingest's lookups, an export) grew with what it had read. While it runs,
        the cache may hold `cache` (CACHE_MEMORY) beside what DuckDB cannot give back (its indexes, the rows
        of open transactions): `fit_memory` sets the limit so, and the job calls it again as indexes grow. The
        limit is what it was after. Queries past it spill to disk."""
        restore = self._limit_restore()
        self._cache_bound = cache or CACHE_MEMORY
        self.fit_memory()
        try:
            yield self
        finally:
            self._cache_bound = None
            try:
                self.con.execute(restore)  # (the default exactly: its printed value is rounded)
            except duckdb.ConnectionException:  # closed already: nothing left to restore
                pass

    def _limit_restore(self) -> str:
        """The statement that puts DuckDB's memory limit back as it is now (the default exactly: its printed
        value is rounded)."""
        setting = "SELECT current_setting('memory_limit')"
        was = self.con.execute(setting).fetchone()[0]
        self.con.execute("RESET memory_limit")
        return "RESET memory_limit" if self.con.execute(setting).fetchone()[0] == was else f"SET memory_limit = '{was}'"

    @contextmanager
    def trimmed_cache(self, cache: str | None = None):
        """For a job that writes (ingest, load): DuckDB's cache of the table blocks its lookups read is cut
        back to `cache` (CACHE_MEMORY) after each write batch (`trim_cache`), so the process does not grow
        with what it has read, while every statement of a write, and its commit, runs under DuckDB's own
        limit. A limit held while writing is not safe: reached inside a transaction it aborts it, and
        reached while committing it invalidated a store of a million events (DuckDB then refuses every
        statement until the file is opened again); a limit lowered between transactions only evicts."""
        self._trim_bound = int((cache or CACHE_MEMORY).removesuffix("MB")) * 2**20
        try:
            yield self
        finally:
            self._trim_bound = None

    def trim_cache(self) -> None:
        """Inside `trimmed_cache`, between transactions: when DuckDB caches more table blocks than the bound,
        its limit is set for a moment to what it holds outside that cache (indexes, rows not yet
        checkpointed) plus the bound, which makes it evict down to it, then put back. Nothing is written
        meanwhile; if it cannot evict enough, the limit stays unchanged and so does everything else."""
        bound = self._trim_bound
        if bound is None or self._batched:
            return
        held = dict(self.con.execute("SELECT tag, sum(memory_usage_bytes) FROM duckdb_memory() GROUP BY tag").fetchall())
        cached = held.pop("BASE_TABLE", 0)
        if cached <= bound:
            return
        restore = self._limit_restore()
        try:
            self.con.execute(f"SET memory_limit = '{(sum(held.values()) + bound) // 2**20}MB'")
        except duckdb.Error:  # it could not free that much: the cache stays as it was, nothing else changes
            pass
        finally:
            self.con.execute(restore)

    def fit_memory(self) -> None:
        """Inside `bounded_memory`: the limit set to its cache bound plus the memory DuckDB holds outside its
        cache of table blocks (an index only grows as rows are written: a limit below it would fail a write)."""
        bound = self._cache_bound
        if bound is None:
            return
        held = self.con.execute("SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory()"
                                " WHERE tag <> 'BASE_TABLE'").fetchone()[0]
        self.con.execute(f"SET memory_limit = '{held // 2**20 + int(bound.removesuffix('MB'))}MB'")

    def close(self) -> None:
        self.con.close()
        if self.writer:
            storelock.clear_note(self.path)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- syndicated copies ------------------------------------------------------------------------
    def copy_candidates(self, keys: list[tuple[int, int]]) -> list[tuple[str, bytes | None, str | None]]:
        """Stored documents sharing an LSH band key with these: (id, shingles, copy group)."""
        return self.copy_rows(sorted({d for _, _, d in self._band_owners(keys)}))

    def copy_band_matches(self, keys: Iterable[tuple[int, int]]) -> list[tuple[int, int, str, bytes | None, str | None]]:
        """Stored documents sharing any of these LSH band keys: (band, key, id, shingles, copy group), one row per
        shared key (the writer of a batch finds every document's candidates with one look-up)."""
        owners = self._band_owners(keys)
        rows = {d: (sh, group) for d, sh, group in self.copy_rows(sorted({d for _, _, d in owners}))}
        return [(band, key, d, *rows[d]) for band, key, d in sorted(owners, key=lambda r: (r[2], r[0], r[1]))
                if d in rows]

    def _band_owners(self, keys: Iterable[tuple[int, int]]) -> list[tuple[int, int, str]]:
        """(band, key, document) of the stored band keys among these. Found through the index on the key, a
        literal list of a few hundred at a time: a join with the keys read every stored key (28 a document), and
        the index on (band, key) it had was of no use to DuckDB, which looks up one column."""
        pairs = set(keys)
        wanted = sorted({k for _, k in pairs})
        out = []
        for i in range(0, len(wanted), FEW):
            part = wanted[i:i + FEW]
            got = self.con.execute(f"SELECT band, key, doc_id FROM copy_bands WHERE key IN ({_marks(part)})",
                                   part).fetchnumpy()  # columns, not a tuple a row: a popular key has thousands
            out += [r for r in zip(got["band"].tolist(), got["key"].tolist(), got["doc_id"].tolist()) if r[:2] in pairs]
        return out

    def copy_rows(self, ids: list[str]) -> list[tuple[str, bytes | None, str | None]]:
        """(id, shingle hashes as stored, copy group) of these stored documents, by id; the hashes are None
        for a document stored before they were kept (`syndication.StoredCopies` computes them from its text
        and keeps them: `keep_shingles`). The texts are not read: the shingles are what a copy check needs."""
        if not ids:
            return []
        cond, params = among("id", ids)
        got = self.con.execute(f"SELECT id, shingles, source_group FROM documents WHERE {cond} ORDER BY id",
                               params).fetchnumpy()  # columns: thousands of rows for a document of common phrasing
        return list(zip(got["id"].tolist(), got["shingles"].tolist(), got["source_group"].tolist()))

    def texts(self, ids: list[str]) -> dict[str, str]:
        """id -> text of these stored documents."""
        if not ids:
            return {}
        cond, params = among("id", ids)
        return dict(self.con.execute(f"SELECT id, text FROM documents WHERE {cond}", params).fetchall())

    def keep_shingles(self, rows: list[tuple[str, bytes]]) -> None:
        """Keep the shingle hashes computed for documents stored without them (derived from the stored text:
        right whenever written, so a store that is written to keeps them, in whatever transaction is open)."""
        if rows and self.writer:
            self.con.execute("UPDATE documents SET shingles = v.sh FROM (SELECT unnest(?) AS id, unnest(?) AS sh) v"
                             " WHERE documents.id = v.id", [[r[0] for r in rows], [r[1] for r in rows]])

    def source_keys(self, doc_ids: Iterable[str] | None = None) -> dict[str, tuple[str, str | None]]:
        """doc_id -> (copy group, outlet), for counting independent sources (of these documents only)."""
        sql, params = "SELECT id, source_group, outlet FROM documents", []
        if doc_ids is not None:
            cond, params = among("id", sorted(doc_ids))
            sql += " WHERE " + cond
        return {r[0]: (r[1] or r[0], r[2]) for r in self.con.execute(sql, params).fetchall()}

    # --- writing (the rest in store_writing.py) ------------------------------------------------
    def _write_events(self, events: list[Event], gone: Iterable[str] = ()) -> None:
        """Upsert events (delete their old rows, insert the new) and delete the events `gone`. Here, beside
        FEW (the size the id lists are cut to), which the methods that cut lists read from this module when called."""
        ids = sorted({e.id for e in events} | set(gone))
        if ids:  # a literal list, looked up in the primary key (a joined list would scan every id)
            for i in range(0, len(ids), FEW):
                self.con.execute(f"DELETE FROM events WHERE id IN ({_marks(ids[i:i + FEW])})", ids[i:i + FEW])
        self._insert("events", [self._event_row(e) for e in events])

    # --- reading ------------------------------------------------------------------------------
    def _events(self, where: str = "TRUE", params: list | None = None) -> list[Event]:
        return self._with_mentions(self._event_rows(where, params))

    def _event_rows(self, where: str = "TRUE", params: list | None = None) -> list[Event]:
        """The events' own columns, their mentions not yet read (`_with_mentions` reads them): what a test of
        the event alone (`CandidateQuery.admits`) needs, without the records, most of what a lookup reads."""
        rows = self.con.execute(
            f"SELECT id, event, mode, cameo, goldstein, plover_score, actor, recipient, date_start, date_end,"
            f" quantity, quantity_text, confidence FROM events WHERE {where} ORDER BY date_start, date_end, id",
            params or []).fetchall()
        return [Event(id=r[0], event=r[1], mode=r[2], cameo=r[3], goldstein=r[4], plover_score=r[5],
                      actor=_refs(r[6]), recipient=_refs(r[7]), date_start=r[8], date_end=r[9],
                      quantity=Quantity(r[10], "person", r[11] or "") if r[10] is not None else None,
                      confidence=r[12]) for r in rows]

    def _with_mentions(self, events: list[Event], sources: bool = True) -> list[Event]:
        """These events (from `_event_rows`) with their mentions and (`sources`) independent sources, read in one
        go. Merging reads events without their sources: it never reads the count, which only views show, and
        reading their documents' copy groups was a cold lookup a candidate in a large store."""
        if not events:
            return []
        mentions: dict[str, list[Mention]] = {e.id: [] for e in events}
        for eid, rec in self._mention_records(list(mentions)):
            m = mention_from_record(json.loads(rec))
            m.event_id = eid
            mentions[eid].append(m)
        for e in events:
            e.mentions = sorted(mentions[e.id], key=lambda m: (m.doc_name, m.trigger_start))
        if not sources:
            return events
        from .syndication import num_sources

        keys = self.source_keys({m.doc_id for ms in mentions.values() for m in ms})
        groups = {d: g for d, (g, _) in keys.items()}
        outlets = {d: o for d, (_, o) in keys.items()}
        for e in events:
            e.num_sources = num_sources(e, groups, outlets)
        return events

    def _mention_records(self, event_ids: list[str]) -> list[tuple[str, str]]:
        """(event id, record) of these events' mentions, by mention id. Found by their row ids first: a join
        on event_id reads every stored record (the JSON column is most of a store), a fetch by row id only
        those asked for. Should the rows have moved in between, the one query that reads everything does."""
        if len(event_ids) <= FEW:  # a literal list: DuckDB looks each up in the event_id index
            return self.con.execute(f"SELECT event_id, record FROM mentions WHERE event_id IN ({_marks(event_ids)})"
                                    " ORDER BY id", event_ids).fetchall()
        rowids = [r[0] for r in self.con.execute(
            "SELECT rowid FROM mentions WHERE event_id IN (SELECT unnest(?))", [event_ids]).fetchall()]
        rows = self.con.execute("SELECT event_id, record FROM mentions WHERE rowid IN (SELECT unnest(?)) ORDER BY id",
                                [rowids]).fetchall()
        wanted = set(event_ids)
        if len(rows) == len(rowids) and all(r[0] in wanted for r in rows):
            return rows
        return self.con.execute("SELECT event_id, record FROM mentions WHERE event_id IN (SELECT unnest(?))"
                                " ORDER BY id", [event_ids]).fetchall()

    def candidate_events(self, queries: list[CandidateQuery]) -> list[Event]:
        """The stored events that match any of these queries (`merge.candidate_queries` makes them from new
        mentions; `CandidateQuery.admits` says what matching is). Only those are loaded: SQL picks a superset
        with cheap tests (overlapping dates, the types, the count, the codes as substrings of the joined code
        columns), one statement with a part per cluster of dates, so that each part's plain date conjunct lets
        DuckDB skip the row groups of other dates and a query of a wide interval does not widen the others'."""
        if not queries:
            return []
        queries = list(dict.fromkeys(queries))  # copies of one story ask the same: one SQL part each, not one per copy
        sql, params = self._candidate_sql(queries)
        ids = [r[0] for r in self.con.execute(sql + " ORDER BY id", params).fetchall()]
        return self.events_by_id(ids, keep=lambda e: any(q.admits(e) for q in queries))

    def nearest_candidates(self, asks: list[tuple[list[CandidateQuery], dt.date]], n: int) -> list[list[Event]]:
        """For each (queries, day): of the stored events `candidate_events` would give, the `n` whose dates lie
        nearest that day (what an undated retelling may join), a statement for all of them per round. An
        undated telling may retell decades (its article's whole possible interval), and in a large store the
        events of its kind and side there are thousands: the first round reads only those within NEAR_DAYS of
        the day (DuckDB's zone maps skip the rest), an ask with fewer than `n` there is asked again within
        NEAR_WIDEN times as many days, and only one with fewer than `n` there over all its queries (a round over
        the whole interval read every row group of a decade-wide ask). That is exact: an event is within w days of the day exactly when its dates meet
        [day - w, day + w], so the n nearest of those that do are the n nearest of all once there are n."""
        asks = [(qs, day) for qs, day in asks]
        # the same ask (copies of one story retell alike) is asked once, and its answer read for each
        first = {}
        same = [first.setdefault((tuple(qs), day), k) for k, (qs, day) in enumerate(asks)]
        ids: dict[int, list[str]] = {}
        todo = [k for k, (qs, _) in enumerate(asks) if qs and same[k] == k]
        windows: list[int | None] = [NEAR_DAYS * NEAR_WIDEN ** i for i in range(NEAR_ROUNDS - 1)] + [None]
        for window in windows:
            if not todo:
                break
            rows = self._nearest_ids([(k, asks[k][1], _within(asks[k][0], asks[k][1], window)) for k in todo], n)
            again = []
            for k in todo:
                got = rows.get(k, [])
                # final: n of them, or nothing left outside the window (every query within it already)
                if len(got) >= n or window is None or _within(asks[k][0], asks[k][1], window) == asks[k][0]:
                    ids[k] = got
                else:
                    again.append(k)
            todo = again
        found = {e.id: e for e in self.events_by_id(sorted({i for got in ids.values() for i in got}))}
        out: list[list[Event]] = [[] for _ in asks]
        for k, (qs, _) in enumerate(asks):
            if not qs or same[k] not in ids:
                continue
            for i in ids[same[k]]:
                e = found.get(i)
                if e is not None and any(q.admits(e) for q in asks[k][0]):
                    out[k].append(e)
        return out

    def _nearest_ids(self, asks: list[tuple[int, dt.date, list[CandidateQuery]]], n: int) -> dict[int, list[str]]:
        """Per ask number k, the ids of the `n` events its queries select (`_candidate_sql`) nearest its day,
        nearest first (ties by id), in one statement."""
        parts, params = [], []
        for k, day, qs in asks:
            # the dates read with the ids: joining the events again to get them scanned the whole table
            sql, more = self._candidate_sql(qs, "id, date_start, date_end")
            parts.append(f"SELECT {k} AS k, CAST(? AS DATE) AS day, * FROM ({sql})")
            params += [day, *more]
        rows = self.con.execute(
            "SELECT k, id FROM (SELECT u.k, u.id, row_number() OVER (PARTITION BY u.k ORDER BY CASE WHEN "
            "u.date_start <= u.day AND u.date_end >= u.day THEN 0 ELSE least(abs(date_diff('day', u.date_start, "
            "u.day)), abs(date_diff('day', u.date_end, u.day))) END, u.id) AS r FROM (" + " UNION ALL ".join(parts)
            + ") u) WHERE r <= ? ORDER BY k, r", params + [n]).fetchall()
        out: dict[int, list[str]] = {}
        for k, i in rows:
            out.setdefault(k, []).append(i)
        return out

    def _candidate_sql(self, queries: list[CandidateQuery], columns: str = "id") -> tuple[str, list]:
        """The SQL (ids of events, or these columns) and its parameters that `candidate_events` runs."""
        parts, params = [], []
        for group in _date_groups(queries):
            conds, more = [], []
            for q in group:
                cond = f"date_start <= ? AND date_end >= ? AND event IN ({_marks(q.types)})"
                more += [q.end, q.start, *q.types]
                if q.quantity is not None:
                    cond += " AND quantity = ?"
                    more.append(q.quantity)
                if q.any_actor is not None:  # one of them among the actors
                    cond += " AND (" + " OR ".join(["contains(actor_codes, ?)"] * len(q.any_actor)) + ")"
                    more += list(q.any_actor)
                elif q.all_parties:
                    either = " OR ".join(["contains(actor_codes, ?) OR contains(recipient_codes, ?)"] * len(q.all_parties))
                    if q.either_way:  # all of them, or parties all within them: one of them at least, or none
                        cond += f" AND ({either} OR (actor_codes = '' AND recipient_codes = ''))"
                    else:  # each of them among the parties
                        cond += "".join([" AND (contains(actor_codes, ?) OR contains(recipient_codes, ?))"]
                                        * len(q.all_parties))
                    more += [c for c in q.all_parties for _ in (0, 1)]
                conds.append(f"({cond})")
            parts.append(f"SELECT {columns} FROM events WHERE date_start <= ? AND date_end >= ? AND ({' OR '.join(conds)})")
            params += [max(q.end for q in group), min(q.start for q in group), *more]
        return " UNION ".join(parts), params

    def events_by_id(self, ids: list[str], keep=None) -> list[Event]:
        """These stored events, for merging (without their count of sources, `_with_mentions`), from the in-memory
        cache where it has them (merging changes them in place).
        `keep`: a test of an event's own columns; only the events it keeps are returned, and only their
        mentions are read (a candidate lookup selects several times the events its test admits)."""
        found = {i: self._cache[i] for i in ids if i in self._cache}
        if keep is not None:
            found = {i: e for i, e in found.items() if keep(e)}
        missing = [i for i in ids if i not in self._cache]
        if missing:
            rows = self._event_rows(f"id IN ({_marks(missing)})", missing)
            for e in self._with_mentions([e for e in rows if keep is None or keep(e)], sources=False):
                found[e.id] = e
        for e in found.values():  # remembered only after all are gathered: none can push out another
            self._remember(e)
        return [found[i] for i in ids if i in found]

    def forget(self) -> None:
        """Drop the cached events (after a failed write, they may differ from the stored ones)."""
        self._cache.clear()

    def _remember(self, e: Event) -> None:
        """Keep recently merged events in memory (bounded): the next article usually touches them again."""
        self._cache[e.id] = e
        self._cache.move_to_end(e.id)
        while len(self._cache) > self.CACHE_SIZE:
            self._cache.popitem(last=False)

    def event(self, event_id: str) -> Event | None:
        found = self._events("id = ?", [event_id])
        if not found:
            found = self._events("id LIKE ?", [event_id + "%"])
        from .overlay import find_event

        return find_event(self, event_id, found[0] if len(found) == 1 else None)

