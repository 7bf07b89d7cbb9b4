"""The store's tables as DuckDB keeps them, and their migration: `SCHEMA` runs each time a store is opened to
write, creating what is missing and adding the columns and indexes that later versions brought (`IF NOT EXISTS`),
so a store written by an older detente opens as it is. Also the column lists and conditions the store's readers
share, and the conversion of a stored row to its dataclass."""
from __future__ import annotations

import datetime as dt
import json

from .model import ActorRef, Mention, Quantity

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY, name VARCHAR, path VARCHAR, title VARCHAR, outlet VARCHAR, url VARCHAR,
    language VARCHAR, published_start DATE, published_end DATE, published_source VARCHAR,
    published_note VARCHAR, text VARCHAR, words INTEGER, ingested_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS mentions (
    id VARCHAR PRIMARY KEY, doc_id VARCHAR, event_id VARCHAR, event VARCHAR, mode VARCHAR,
    date_start DATE, date_end DATE, record JSON);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, event VARCHAR, mode VARCHAR, cameo VARCHAR, goldstein DOUBLE,
    plover_score DOUBLE, actor JSON, recipient JSON, actor_codes VARCHAR, recipient_codes VARCHAR,
    date_start DATE, date_end DATE, quantity DOUBLE, quantity_text VARCHAR, confidence DOUBLE,
    num_articles INTEGER, num_mentions INTEGER, updated_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS copy_bands (doc_id VARCHAR, band INTEGER, key BIGINT);
DROP INDEX IF EXISTS copy_bands_key;
CREATE INDEX IF NOT EXISTS copy_bands_keys ON copy_bands(key);
ALTER TABLE documents ADD COLUMN IF NOT EXISTS source_group VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS encoding VARCHAR;
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS parties VARCHAR;
CREATE INDEX IF NOT EXISTS mentions_event ON mentions(event_id);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE INDEX IF NOT EXISTS events_dates ON events(date_start, date_end);
"""

DOC_COLUMNS = ("id, name, text, path, title, outlet, url, language, published_start, published_end,"
               " published_source, published_note, coalesce(encoding, 'utf-8')")
# A mention whose doer the actor dictionary lacks: no actor has a code (see `Mention.resolved`). The codes
# are joined rather than filtered with a lambda, whose syntax differs between DuckDB versions.
UNRESOLVED = "coalesce(array_to_string(json_extract_string(record, '$.actor[*].code'), ''), '') = ''"


def _date(v) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])


def _refs(raw) -> list[ActorRef]:
    items = json.loads(raw) if isinstance(raw, str) else (raw or [])
    return [ActorRef(**{k: v for k, v in r.items() if k in ActorRef.__dataclass_fields__}) for r in items]


def mention_from_record(rec: dict) -> Mention:
    """A stored record as a Mention, without an event: the `event_id` column says which it is in (a record written
    before the column alone said so may hold the event it was first put in)."""
    rec = dict(rec)
    rec.pop("event_id", None)
    rec["actor"] = _refs(rec.get("actor"))
    rec["recipient"] = _refs(rec.get("recipient"))
    q = rec.get("quantity")
    rec["quantity"] = Quantity(**q) if q else None
    rec["date_start"], rec["date_end"] = _date(rec.get("date_start")), _date(rec.get("date_end"))
    return Mention(**{k: v for k, v in rec.items() if k in Mention.__dataclass_fields__})
