"""The analyst's corrections as stored and as applied on read: the `corrections` table, its rows, and the
overlay of active corrections on the machine's events (`Store.events` and `Store.event` call it).

This is the read side the store needs; making, undoing and exporting corrections, which open a store
themselves, live in `detente.corrections` above it, so the store and the corrections never import each other.
"""
from __future__ import annotations

import copy
import csv
import datetime as dt
import functools
import hashlib
import json
import re
from dataclasses import asdict, dataclass
from importlib import resources
from typing import Iterable

from .model import ActorRef, Event, Mention, Quantity

SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY, kind VARCHAR NOT NULL, evidence JSON NOT NULL, other JSON,
    before JSON, after JSON, note VARCHAR, who VARCHAR, created_at TIMESTAMP NOT NULL,
    undone_at TIMESTAMP, undone_by VARCHAR, event_id VARCHAR);
"""
FIELD_KINDS = ("type", "mode", "actor", "recipient", "date", "quantity", "not_event", "note")
KINDS = FIELD_KINDS + ("split", "merge")


@dataclass
class Correction:
    id: int
    kind: str
    evidence: list  # [[doc_id, sentence_index, trigger], ...]: the mentions it was made on
    other: list | None  # merge: the evidence of the second event
    before: dict | None
    after: dict | None
    note: str | None
    who: str | None
    created_at: dt.datetime
    undone_at: dt.datetime | None = None
    undone_by: str | None = None
    event_id: str | None = None  # the event it was made on (for reference only: ids change on recode)

    @property
    def active(self) -> bool:
        return self.undone_at is None

    def to_dict(self) -> dict:
        d = asdict(self)
        for k in ("created_at", "undone_at"):
            d[k] = d[k].isoformat(timespec="seconds") if d[k] else None
        d["active"] = self.active
        d["summary"] = describe(self)
        return d


def ensure(con) -> None:
    con.execute(SCHEMA)


def _has_table(con) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'corrections'"
                            " AND schema_name = 'main'").fetchone()[0])


def _rows(con, where: str = "TRUE", params: list | None = None) -> list[Correction]:
    if not _has_table(con):
        return []
    rows = con.execute(
        "SELECT id, kind, evidence, other, before, after, note, who, created_at, undone_at, undone_by, event_id"
        f" FROM corrections WHERE {where} ORDER BY id", params or []).fetchall()
    out = []
    for r in rows:
        out.append(Correction(r[0], r[1], json.loads(r[2]), json.loads(r[3]) if r[3] else None,
                              json.loads(r[4]) if r[4] else None, json.loads(r[5]) if r[5] else None,
                              r[6], r[7], r[8], r[9], r[10], r[11]))
    return out


def describe(c: Correction) -> str:
    """One line for lists and the event page."""
    a = c.after or {}
    if c.kind == "type":
        return f"type {(c.before or {}).get('event')} -> {a.get('event')}" + (f" ({a['mode']})" if a.get("mode") else "")
    if c.kind == "mode":
        return f"mode {(c.before or {}).get('mode')} -> {a.get('mode')}"
    if c.kind in ("actor", "recipient"):
        return f"{c.kind} {refs_text((c.before or {}).get(c.kind) or [])} -> {refs_text(a.get(c.kind) or [])}"
    if c.kind == "date":
        return f"date {(c.before or {}).get('date_start')}..{(c.before or {}).get('date_end')} -> " \
               f"{a.get('date_start')}..{a.get('date_end')}"
    if c.kind == "quantity":
        return f"quantity {(c.before or {}).get('quantity')} -> {a.get('quantity')}"
    if c.kind == "not_event":
        return "marked not an event"
    if c.kind == "note":
        return "note: " + (c.note or "")
    if c.kind == "split":
        return f"split {len(c.evidence)} mention(s) off into an event of their own"
    if c.kind == "merge":
        return "merged two events"
    return c.kind


def refs_text(refs: list[dict]) -> str:
    return "+".join(r["code"] + (f"-{r['sector']}" if r.get("sector") else "") for r in refs) or "-"


def parse_refs(text: str) -> list[dict]:
    """'USA-GOV, BLR' -> [{code: USA, sector: GOV}, {code: BLR, sector: None}]; raises ValueError."""
    out = []
    for part in re.split(r"[,+;\s]+", (text or "").strip()):
        if not part:
            continue
        code, _, sector = part.upper().partition("-")
        if not re.fullmatch(r"[A-Z]{2,6}", code) or (sector and not re.fullmatch(r"[A-Z]{2,6}", sector)):
            raise ValueError(f"not an actor code: {part!r} (use CODE or CODE-SECTOR, e.g. USA-GOV)")
        out.append({"code": code, "sector": sector or None})
    return out


def parse_refs_safe(text: str) -> list[dict] | None:
    """parse_refs, or None for text that does not parse (then it differs from any coding, and the correction
    itself reports the error)."""
    try:
        return parse_refs(text)
    except ValueError:
        return None


# --- evidence keys ---------------------------------------------------------------------------------
def key_of(m: Mention) -> list:
    return [m.doc_id, m.sent_index, m.trigger]


def _locate(con, keys: Iterable[list]) -> dict[tuple, list[str]]:
    """Evidence key -> the ids of the stored mentions it names now: the mentions of that sentence, or when the
    sentence has several, those with the same trigger word."""
    keys = [tuple(k) for k in keys]
    docs = sorted({k[0] for k in keys})
    if not docs:
        return {}
    found: dict[tuple, list[tuple[str, str]]] = {}
    for mid, doc, sent, trig in con.execute(
            "SELECT id, doc_id, CAST(json_extract(record, '$.sent_index') AS INTEGER),"
            " json_extract_string(record, '$.trigger') FROM mentions WHERE doc_id IN (SELECT unnest(?))",
            [docs]).fetchall():
        found.setdefault((doc, sent), []).append((mid, trig))
    out = {}
    for k in keys:
        here = found.get((k[0], k[1]), [])
        if len(here) > 1:
            here = [h for h in here if h[1] == k[2]]
        out[k] = [h[0] for h in here]
    return out


# --- the coding of an event, and changing it -----------------------------------------------------------
def coding(e: Event) -> dict:
    """The fields a correction can change, as plain values (what `original` keeps)."""
    return {"event": e.event, "mode": e.mode, "cameo": e.cameo, "goldstein": e.goldstein,
            "plover_score": e.plover_score,
            "actor": [{"code": r.code, "sector": r.sector, "entity_text": r.entity_text} for r in e.actor],
            "recipient": [{"code": r.code, "sector": r.sector, "entity_text": r.entity_text} for r in e.recipient],
            "date_start": e.date_start.isoformat() if e.date_start else None,
            "date_end": e.date_end.isoformat() if e.date_end else None,
            "quantity": e.quantity.value if e.quantity else None}


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict, dict]:
    """(event, mode) -> PLOVER score, and (event, mode) -> (CAMEO code, Goldstein): the first CAMEO code of it."""
    folder = resources.files("detente") / "data"
    scores, cameo = {}, {}
    with (folder / "plover.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            scores[(r["event"], r["mode"] or None)] = float(r["plover_score"])
    with (folder / "cameo.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["plover_event"]:
                cameo.setdefault((r["plover_event"], r["plover_mode"] or None), (r["cameo"], float(r["goldstein"])))
    return scores, cameo


def plover_types() -> list[str]:
    return sorted({k[0] for k in _tables()[0]})


def plover_modes() -> list[str]:
    return sorted({k[1] for k in _tables()[0] if k[1]})


def _retype(e: Event, event: str, mode: str | None) -> None:
    scores, cameo = _tables()
    e.event, e.mode = event, mode or None
    code = cameo.get((event, e.mode)) or cameo.get((event, None))
    if code:
        e.cameo, e.goldstein = code
    e.plover_score = scores.get((event, e.mode), scores.get((event, None), e.plover_score))


def _refs(items: list[dict], old: list[ActorRef]) -> list[ActorRef]:
    """The corrected participants; a code the event had keeps the name it was written as."""
    names = {r.code: r.entity_text for r in old}
    return [ActorRef(r["code"], r.get("sector"), names.get(r["code"], ""), None, "correction") for r in items]


def _change(e: Event, c: Correction) -> None:
    a = c.after or {}
    if c.kind == "type":
        _retype(e, a["event"], a.get("mode", e.mode))
    elif c.kind == "mode":
        _retype(e, e.event, a.get("mode"))
    elif c.kind in ("actor", "recipient"):
        setattr(e, c.kind, _refs(a.get(c.kind) or [], getattr(e, c.kind)))
    elif c.kind == "date":
        e.date_start = dt.date.fromisoformat(a["date_start"]) if a.get("date_start") else None
        e.date_end = dt.date.fromisoformat(a["date_end"]) if a.get("date_end") else e.date_start
    elif c.kind == "quantity":
        q = a.get("quantity")
        e.quantity = Quantity(float(q), "person", f"{q:g} (corrected)") if q is not None else None


# --- applying them -----------------------------------------------------------------------------------
def active(con) -> list[Correction]:
    return _rows(con, "undone_at IS NULL")


def _apply(store, events: list[Event], keep_rejected: bool) -> tuple[list[Event], set[str]]:
    """The events with the active corrections applied (events the corrections touch are loaded when they
    are not among `events`), and the ids of the stored events the corrections touched."""
    rows = active(store.con)
    if not rows:
        return events, set()
    from .merge import new_event, rebuild  # (loads spaCy: only when there are corrections to apply)

    where = _locate(store.con, [k for c in rows for k in c.evidence + (c.other or [])])
    mids = {mid for ids in where.values() for mid in ids}
    touched = {r[0] for r in store.con.execute(
        "SELECT DISTINCT event_id FROM mentions WHERE id IN (SELECT unnest(?)) AND event_id IS NOT NULL",
        [sorted(mids)]).fetchall()}
    by_id = {e.id: e for e in events}
    missing = sorted(touched - by_id.keys())
    if missing:
        by_id.update({e.id: e for e in store._events("id IN (SELECT unnest(?))", [missing])})
    for i in touched:  # never change an event object another reader holds
        if i in by_id:
            by_id[i] = copy.deepcopy(by_id[i])
            by_id[i].original = coding(by_id[i])

    def owners(keys: list) -> list[Event]:
        ids = {mid for k in keys for mid in where.get(tuple(k), [])}
        return [e for e in by_id.values() if e.id in touched or e.id.startswith("ev-split-")
                if any(m.id in ids for m in e.mentions)]

    for c in rows:
        if c.kind == "merge":
            a, b = owners(c.evidence), owners(c.other or [])
            if a and b and a[0] is not b[0]:
                a[0].mentions += b[0].mentions
                rebuild(a[0])
                a[0].corrections.append(c.to_dict())
                del by_id[b[0].id]
        elif c.kind == "split":
            ids = {mid for k in c.evidence for mid in where.get(tuple(k), [])}
            for e in owners(c.evidence):
                part = [m for m in e.mentions if m.id in ids]
                if not part or len(part) == len(e.mentions):
                    continue
                e.mentions = [m for m in e.mentions if m.id not in ids]
                rebuild(e)
                n = new_event(part[0])
                n.id = "ev-split-" + hashlib.sha1(f"{c.id}:{e.id}".encode()).hexdigest()[:10]
                n.mentions = part
                rebuild(n)
                n.original = e.original
                for x in (e, n):
                    x.corrections.append(c.to_dict())
                by_id[n.id] = n
    for c in rows:
        if c.kind in FIELD_KINDS:
            for e in owners(c.evidence):
                _change(e, c)
                e.corrections.append(c.to_dict())
    out = [e for e in by_id.values() if keep_rejected or not not_an_event(e)]
    return out, touched


def not_an_event(e: Event) -> bool:
    return any(c["kind"] == "not_event" for c in e.corrections)


def apply(store, events: list[Event], since: dt.date | None = None, until: dt.date | None = None,
          min_confidence: float = 0.0, keep_rejected: bool = False) -> list[Event]:
    """`Store.events` after the analyst's corrections: changed, split and merged events, without the ones
    marked not an event (unless `keep_rejected`); touched events are filtered again on their corrected dates."""
    out, touched = _apply(store, events, keep_rejected)
    if not touched:
        return out

    def keep(e: Event) -> bool:
        if not (e.id in touched or e.id.startswith("ev-split-")):
            return True
        if since and (e.date_end or e.date_start) and (e.date_end or e.date_start) < since:
            return False
        if until and e.date_start and e.date_start > until:
            return False
        return e.confidence >= min_confidence

    return sorted((e for e in out if keep(e)), key=lambda e: (e.date_start or dt.date.max, e.date_end or dt.date.max, e.id))


def overlay(store) -> tuple[set[str], list[Event]]:
    """For SQL views over the events table (the web timeline): the ids of stored events the corrections
    replace, and the corrected events that stand in for them (those marked not an event included)."""
    out, touched = _apply(store, [], keep_rejected=True)
    return touched, out


def find_event(store, event_id: str, found: Event | None) -> Event | None:
    """One event as corrected (`Store.event`): a stored one, one split off, or the one an event was merged into."""
    if not _has_table(store.con) or not active(store.con):
        return found
    touched, out = overlay(store)
    for e in out:
        if e.id == event_id or (found is not None and e.id == found.id):
            return e
    if found is not None and found.id in touched:  # merged into another: the event that has its mentions now
        mine = {m.id for m in found.mentions}
        return next((e for e in out if any(m.id in mine for m in e.mentions)), None)
    return found
