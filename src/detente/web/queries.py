"""The timeline as SQL: filters, sort and LIMIT/OFFSET on the events table, so a page of a store of
100,000 events costs one indexed query, not loading every event. The analyst's corrections touch few
events: those are computed in Python (`corrections.overlay`) and stand in for their rows through a
temporary table unioned with the rest."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..overlay import not_an_event, overlay
from ..model import Event
from ..store import Store

COLUMNS = ("id", "event", "mode", "actor_codes", "recipient_codes", "date_start", "date_end", "quantity",
           "confidence", "num_articles", "num_mentions")
# "Needs review": low confidence, no day or a span over a week, a publication date that was inferred or is
# missing, mentions that disagree on the count, or a participant known only from context.
REVIEW_SQL = """(confidence < 0.5 OR date_start IS NULL OR date_end - date_start > 7
 OR id IN (SELECT m.event_id FROM mentions m JOIN documents d ON d.id = m.doc_id
           WHERE d.published_source IN ('inferred', 'none'))
 OR id IN (SELECT event_id FROM mentions WHERE event_id IS NOT NULL GROUP BY event_id
           HAVING count(DISTINCT json_extract(record, '$.quantity.value')) > 1)
 OR (CAST(actor AS VARCHAR) || CAST(recipient AS VARCHAR)) LIKE '%"how": "context%')"""
SORTS = {"date": "date_start NULLS LAST, date_end, id", "-date": "date_start DESC NULLS LAST, date_end DESC, id",
         "confidence": "confidence, date_start, id", "-confidence": "confidence DESC, date_start, id",
         "articles": "num_articles, date_start, id", "-articles": "num_articles DESC, date_start, id",
         "type": "event, mode, date_start, id", "-type": "event DESC, mode DESC, date_start, id"}


@dataclass
class Filters:
    dyad: tuple[str, str] | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    event: str | None = None
    min_confidence: float | None = None
    max_confidence: float | None = None
    review: bool = False
    corrected: bool = False
    rejected: bool = False  # show the events marked not an event (hidden otherwise)


def review_reasons(e: Event, docs: dict) -> list[str]:
    """Why an event needs review, in words (the same tests as REVIEW_SQL)."""
    out = []
    if e.confidence < 0.5:
        out.append(f"low confidence ({e.confidence})")
    if e.date_start is None:
        out.append("no date")
    elif e.date_end and (e.date_end - e.date_start).days > 7:
        out.append(f"wide dates ({(e.date_end - e.date_start).days + 1} days)")
    if any(docs.get(m.doc_id) is not None and docs[m.doc_id].published_source in ("inferred", "none")
           for m in e.mentions):
        out.append("publication date inferred or unknown")
    if len({m.quantity.value if m.quantity else None for m in e.mentions}) > 1:
        out.append("sources disagree on the count")
    if any(r.how.startswith("context") for r in e.actor + e.recipient):
        out.append("a participant known only from context")
    return out


def _overlay_row(e: Event, docs: dict) -> list:
    return [e.id, e.event, e.mode, ",".join(sorted({r.code for r in e.actor})),
            ",".join(sorted({r.code for r in e.recipient})), e.date_start, e.date_end,
            e.quantity.value if e.quantity else None, e.confidence, e.num_articles, e.num_mentions,
            any(c["kind"] != "note" for c in e.corrections), not_an_event(e), bool(review_reasons(e, docs)),
            e.mentions[0].sentence if e.mentions else ""]


def timeline_page(store: Store, f: Filters, sort: str = "date", page: int = 1, per_page: int = 50
                  ) -> tuple[list[dict], int]:
    """One page of the (corrected) timeline and the number of events that pass the filters."""
    con = store.con
    touched, corrected = overlay(store)
    cols = ", ".join(COLUMNS)
    # the review test reads every mention: run it over the whole table only to filter by it, else for the page
    source = (f"SELECT {cols}, FALSE AS corrected, FALSE AS rejected, {REVIEW_SQL if f.review else 'NULL'} AS review,"
              f" NULL AS quote FROM events")
    params: list = []
    if touched:
        docs = {d: store.document(d) for d in {m.doc_id for e in corrected for m in e.mentions}}
        con.execute("CREATE OR REPLACE TEMP TABLE web_overlay (id VARCHAR, event VARCHAR, mode VARCHAR,"
                    " actor_codes VARCHAR, recipient_codes VARCHAR, date_start DATE, date_end DATE, quantity DOUBLE,"
                    " confidence DOUBLE, num_articles INTEGER, num_mentions INTEGER, corrected BOOLEAN,"
                    " rejected BOOLEAN, review BOOLEAN, quote VARCHAR)")
        if corrected:
            con.executemany("INSERT INTO web_overlay VALUES (" + ", ".join("?" * 15) + ")",
                            [_overlay_row(e, docs) for e in corrected])
        source = f"{source} WHERE id NOT IN (SELECT unnest(?)) UNION ALL SELECT * FROM web_overlay"
        params.append(sorted(touched))
    where, wparams = ["TRUE"], []
    if f.dyad:
        where.append("list_has_all(string_split(actor_codes || ',' || recipient_codes, ','), ?)")
        wparams.append(list(f.dyad))
    if f.since:
        where.append("coalesce(date_end, date_start) >= ?")
        wparams.append(f.since)
    if f.until:
        where.append("date_start <= ?")
        wparams.append(f.until)
    if f.event:
        where.append("event = ?")
        wparams.append(f.event)
    if f.min_confidence is not None:
        where.append("confidence >= ?")
        wparams.append(f.min_confidence)
    if f.max_confidence is not None:
        where.append("confidence <= ?")
        wparams.append(f.max_confidence)
    if f.review:
        where.append("review")
    if f.corrected:
        where.append("corrected")
    where.append("rejected" if f.rejected else "NOT rejected")
    sql = f"FROM ({source}) t WHERE {' AND '.join(where)}"
    total = con.execute(f"SELECT count(*) {sql}", params + wparams).fetchone()[0]
    rows = con.execute(f"SELECT * {sql} ORDER BY {SORTS.get(sort, SORTS['date'])} LIMIT ? OFFSET ?",
                       params + wparams + [per_page, (page - 1) * per_page]).fetchall()
    names = [*COLUMNS, "corrected", "rejected", "review", "quote"]
    out = [dict(zip(names, r)) for r in rows]
    need = [r["id"] for r in out if r["review"] is None]
    if need:
        flagged = dict(con.execute(f"SELECT id, {REVIEW_SQL} FROM events WHERE id IN (SELECT unnest(?))",
                                   [need]).fetchall())
        for r in out:
            if r["review"] is None:
                r["review"] = bool(flagged.get(r["id"]))
    need = [r["id"] for r in out if r["quote"] is None]
    if need:
        quotes = dict(con.execute(
            "SELECT event_id, min_by(json_extract_string(record, '$.sentence'), id) FROM mentions"
            " WHERE event_id IN (SELECT unnest(?)) GROUP BY event_id", [need]).fetchall())
        for r in out:
            if r["quote"] is None:
                r["quote"] = quotes.get(r["id"], "")
    return out, total


def event_types(store: Store) -> list[str]:
    return [r[0] for r in store.con.execute("SELECT DISTINCT event FROM events ORDER BY 1").fetchall()]
