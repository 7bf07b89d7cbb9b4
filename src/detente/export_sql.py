"""The PLOVER export of a large store, its records assembled by DuckDB.

Building each record in Python (an Event from its JSON rows, the record dict, `json.dumps`) cost about 0.25 ms
an event: 5 to 10 minutes for a store of a million. Most events of a store are one sentence of one article with
no count and no named person: their record is a fixed shape over one events row, one mentions row and one
documents row, which one SQL query writes as JSON text for all of them, in date order, streamed. The other
events (several mentions, a count, a named person: those `conflicts.RELEVANT` picks, whose `num_sources`,
`conflicts` and `size` need the Python rules) are built by `views.event_record` as before, a page at a time,
and put in their place in the stream. The values that come from Python rules (the quad of a type, mode and
CAMEO code; a code's PLOVER contexts) are computed once per distinct value and joined, so every rule keeps
one definition; a test compares the two ways record for record.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Callable, Iterator

from . import __version__
from .common import QUADS, plover_context, quad_of
from .conflicts import NAMED
from .pubdate import PUB_INFERRED
from .store import Store
from .views import WIDE_EVENT_DAYS, event_record

EXPORT_PAGE = 50_000  # events a query sorts and streams: whole months of them (`Store.pages`)
EXPORT_MEMORY = "256MB"  # DuckDB's cache while it writes them (`Store.bounded_memory`): a page's sort fits

# one actor or recipient list as PLOVER entity objects (`views.entity`; a key missing from an old row takes
# `ActorRef`'s default)
_ENTITIES = ("to_json([json_object('code', x->'code', 'sector', x->'sector',"
             " 'entity_text', coalesce(x->'entity_text', '\"\"'::JSON)) for x in CAST(coalesce({col}, '[]') AS JSON[])])")

# the fields of a mention's record the export reads, parsed once a row (`j[1]`, `j[2]` ...), and their numbers
FIELDS = ("doc_name", "doc_id", "sentence", "sent_index", "sent_start", "trigger", "trigger_start", "trigger_end",
          "rule", "date_text", "date_how", "confidence", "id", "citations")
_F = {f: f"m.j[{i + 1}]" for i, f in enumerate(FIELDS)}
_END = f"({_F['sent_start']}::BIGINT + length(json_extract_string({_F['sentence']}, '$')))"

# `views.event_record` of a plain event (one mention, no count, no named person), in its key order, with
# `Mention`'s defaults where an old row lacks a field
_RECORD = f"""json_object(
  'id', e.id, 'has_event', true,
  'date', strftime(e.date_start, '%Y-%m-%d'), 'enddate', strftime(coalesce(e.date_end, e.date_start), '%Y-%m-%d'),
  'actor', {_ENTITIES.format(col='e.actor')}::JSON, 'recipient', {_ENTITIES.format(col='e.recipient')}::JSON,
  'event', [e.event], 'mode', CASE WHEN coalesce(e.mode, '') = '' THEN []::VARCHAR[] ELSE [e.mode] END,
  'context', coalesce(c.context, []::VARCHAR[]),
  'event_text', json_array({_F['trigger']}),
  'quad_code', q.quad_code, 'event_scale', e.plover_score,
  'text', {_F['sentence']},
  'text_info', json_object('sequence', {_F['sent_index']}, 'start', {_F['sent_start']}, 'end', {_END}),
  'cite_info', CASE WHEN d.id IS NOT NULL THEN json_object('coder', 'detente', 'codebook', 'PLOVER', 'version', ?,
                    'url', d.url, 'title', d.title, 'publication', d.outlet, 'language', d.language)
               ELSE json_object('coder', 'detente', 'codebook', 'PLOVER', 'version', ?, 'title', {_F['doc_name']}) END,
  'coder', 'detente', 'coded_date', ?,
  'cameo', e.cameo, 'goldstein', e.goldstein,
  'dating', concat_ws('+', CASE WHEN contains(coalesce(json_extract_string({_F['date_how']}, '$'), ''), ?) THEN 'inferred' END,
                      CASE WHEN e.date_end - e.date_start > ? THEN 'wide' END),
  'quantity', NULL, 'confidence', e.confidence, 'num_sources', 1, 'num_articles', 1, 'num_mentions', 1,
  'conflicts', []::VARCHAR[],
  'evidence', json_array(json_object(
    'doc', {_F['doc_name']}, 'doc_id', {_F['doc_id']}, 'text', {_F['sentence']},
    'sentence_index', {_F['sent_index']}, 'start', {_F['sent_start']}, 'end', {_END},
    'trigger', {_F['trigger']}, 'trigger_start', {_F['trigger_start']}, 'trigger_end', {_F['trigger_end']},
    'rule', coalesce({_F['rule']}, '""'::JSON), 'date_text', coalesce({_F['date_text']}, '""'::JSON),
    'date_how', coalesce({_F['date_how']}, '""'::JSON), 'confidence', coalesce({_F['confidence']}, '0.5'::JSON),
    'mention_id', {_F['id']}, 'citations', coalesce({_F['citations']}, '[]'::JSON))),
  'corrected', false)"""


def plover_lines(store: Store, dyad=None, since: dt.date | None = None, until: dt.date | None = None,
                 min_confidence: float = 0.0, skipped: list | None = None, page: int = 2000,
                 progress: Callable[[int, int], None] | None = None) -> Iterator[str] | None:
    """The export's records as JSON text, one an event, in the order `Store.iter_events` gives them; None
    when active corrections may change any event (the caller then builds every record in Python). Undated
    events are left out (and appended to `skipped`, as `api.export` does). `progress(done, total)` is told
    as records go out."""
    if store.corrected():
        return None
    return _bounded(store, _lines(store, dyad, since, until, min_confidence, skipped, page, progress))


def _bounded(store: Store, lines: Iterator[str]) -> Iterator[str]:
    """The lines, read with DuckDB's memory bounded (a whole store read would otherwise stay cached)."""
    with store.bounded_memory(EXPORT_MEMORY):
        yield from lines


def _lines(store, dyad, since, until, min_confidence, skipped, page, progress) -> Iterator[str]:
    where, params = store._where(dyad, since, until, min_confidence)
    con = store.reader()  # this query streams while `store.con` loads the events built in Python
    try:
        total = con.execute(f"SELECT count(*) FROM events WHERE {where} AND date_start IS NOT NULL",
                            params).fetchone()[0]
        if progress:
            progress(0, total)
        _rule_tables(con, where, params)
        done = 0
        for cond, args in store.pages(where, params, EXPORT_PAGE):
            if "date_start IS NULL" in cond:  # PLOVER needs a date: the caller says how many were left out
                if skipped is not None:
                    skipped.extend(store._events(cond, args))
                continue
            # the page's mentions by row id (a join would read every stored record for each page)
            rowids = [r[0] for r in con.execute(
                f"SELECT rowid FROM mentions WHERE event_id IN (SELECT id FROM events WHERE {cond})", args).fetchall()]
            # one row an event (its mention when it has one only); the record in SQL for a plain event, NULL
            # for one whose record takes the Python rules (several mentions, a count, a named person)
            cur = con.execute(
                f"SELECT e.id, CASE WHEN m.id IS NULL OR count(*) OVER (PARTITION BY e.id) > 1"
                f" OR e.quantity IS NOT NULL OR {NAMED} THEN NULL ELSE {_RECORD} END"
                f" FROM (SELECT * FROM events WHERE {cond}) e LEFT JOIN (SELECT id, event_id, doc_id, record,"
                f" json_extract(record, ?) AS j FROM mentions WHERE rowid IN (SELECT unnest(?))) m ON m.event_id = e.id"
                " LEFT JOIN documents d ON d.id = m.doc_id"
                " LEFT JOIN export_quads q ON q.event = e.event AND q.mode = coalesce(e.mode, '')"
                " AND q.cameo = coalesce(e.cameo, '') LEFT JOIN export_contexts c ON c.cameo = e.cameo"
                " QUALIFY row_number() OVER (PARTITION BY e.id) = 1 ORDER BY e.date_start, e.date_end, e.id",
                [__version__, __version__, dt.date.today().isoformat(), PUB_INFERRED, WIDE_EVENT_DAYS, *args,
                 [f"$.{f}" for f in FIELDS], rowids])
            while rows := cur.fetchmany(page):
                built = _in_python(store, [r[0] for r in rows if r[1] is None])
                for eid, line in rows:
                    yield line if line is not None else built[eid]
                done += len(rows)
                if progress:
                    progress(done, total)
    finally:
        con.close()


def _in_python(store: Store, ids: list[str]) -> dict[str, str]:
    """The records of these events built by `views.event_record` (the rules SQL does not repeat)."""
    if not ids:
        return {}
    from .model import to_jsonable

    out = {}
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        events = store._events(f"id IN ({', '.join('?' * len(part))})", part)
        docs = {d.id: d for d in store.iter_documents(sorted({e.mentions[0].doc_id for e in events if e.mentions}),
                                                      chunk=500)}
        for e in events:
            out[e.id] = json.dumps(to_jsonable(event_record(e, docs)), ensure_ascii=False, default=str,
                                   separators=(",", ":"))
    return out


def _rule_tables(con, where: str, params: list) -> None:
    """The quad and PLOVER contexts of each distinct type, mode and CAMEO code of the export, from the Python
    rules (`common.quad_of`, `common.plover_context`): a few hundred values, joined."""
    triples = con.execute("SELECT DISTINCT event, coalesce(mode, ''), coalesce(cameo, '') FROM events"
                          f" WHERE {where}", params).fetchall()
    con.execute("CREATE OR REPLACE TEMP TABLE export_quads (event VARCHAR, mode VARCHAR, cameo VARCHAR, quad_code INTEGER)")
    con.execute("CREATE OR REPLACE TEMP TABLE export_contexts (cameo VARCHAR, context VARCHAR[])")
    if not triples:
        return
    quads = [quad_of(e, m or None, c or None) for e, m, c in triples]
    con.execute("INSERT INTO export_quads SELECT unnest(?), unnest(?), unnest(?), unnest(?)",
                [[t[0] for t in triples], [t[1] for t in triples], [t[2] for t in triples],
                 [QUADS.index(q) + 1 if q in QUADS else None for q in quads]])
    cameos = sorted({t[2] for t in triples})
    con.execute("INSERT INTO export_contexts SELECT unnest(?), unnest(?)",
                [cameos, [plover_context(c) for c in cameos]])
