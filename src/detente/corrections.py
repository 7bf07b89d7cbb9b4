"""Corrections: the analyst's fixes to coded events, kept in their own table and applied after merging.

A correction is keyed to its evidence (document id, sentence index and trigger word of the mentions it
was made on), never to an event id: `detente recode` and re-ingest rebuild events and may change their
ids, but the sentences stay, so the correction finds its event again and is applied on top of the
machine's coding each time events are read (`Store.events`, `Store.event`). The machine's coding is kept
alongside (`Event.original`), every correction can be undone (it is marked undone, not deleted, so the
table is the audit trail), and a correction can become knowledge: an actor entry in
`detente-actors.yaml`, or for a type correction a suggested pattern entry for `detente-patterns.yaml`.

Kinds: type, mode, actor, recipient, date, quantity, not_event, note (fields of one event); split (some
mentions made into an event of their own) and merge (two events made one).
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
from pathlib import Path
from typing import Iterable, TextIO

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
    from .merge import new_event, rebuild

    rows = active(store.con)
    if not rows:
        return events, set()
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


# --- making and undoing them ------------------------------------------------------------------------
def _event(store, event_id: str) -> Event:
    e = store.event(event_id)
    if e is None:
        raise KeyError(f"no event {event_id!r} in {store.path}")
    return e


def _after(kind: str, value, e: Event) -> tuple[dict | None, dict | None]:
    """(before, after) of a field correction, from the value given (a string from a form, or a plain value)."""
    if kind == "type":
        event, _, mode = str(value).strip().upper().partition(" ")
        if event not in plover_types():
            raise ValueError(f"unknown PLOVER type {event!r}: one of {', '.join(plover_types())}")
        mode = mode.strip().lower() or None
        if mode is not None and mode not in plover_modes():
            raise ValueError(f"unknown PLOVER mode {mode!r}")
        return {"event": e.event, "mode": e.mode}, {"event": event, "mode": mode if mode else e.mode}
    if kind == "mode":
        mode = (str(value or "").strip().lower()) or None
        if mode is not None and mode not in plover_modes():
            raise ValueError(f"unknown PLOVER mode {mode!r}: one of {', '.join(plover_modes())}")
        return {"mode": e.mode}, {"mode": mode}
    if kind in ("actor", "recipient"):
        refs = value if isinstance(value, list) else parse_refs(str(value))
        if kind == "actor" and not refs:
            raise ValueError("an event needs an actor (mark it not an event instead)")
        return {kind: coding(e)[kind]}, {kind: [{"code": r["code"], "sector": r.get("sector")} for r in refs]}
    if kind == "date":
        start, end = value if isinstance(value, (list, tuple)) else (str(value).split("..") + [""])[:2]
        start, end = (start or "").strip(), (end or "").strip() or (start or "").strip()
        try:
            s, t = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        except ValueError:
            raise ValueError(f"dates must be YYYY-MM-DD, not {start!r}..{end!r}") from None
        if t < s:
            raise ValueError(f"the end {t} comes before the start {s}")
        return {"date_start": coding(e)["date_start"], "date_end": coding(e)["date_end"]}, \
            {"date_start": s.isoformat(), "date_end": t.isoformat()}
    if kind == "quantity":
        text = str(value if value is not None else "").strip().replace(",", "")
        try:
            q = float(text) if text else None
        except ValueError:
            raise ValueError(f"a quantity is a number, not {text!r}") from None
        if q is not None and (q < 0 or q != q or q > 1e9):
            raise ValueError(f"a quantity must be between 0 and 10^9, not {text!r}")
        return {"quantity": coding(e)["quantity"]}, {"quantity": q}
    if kind == "not_event":
        return None, {"not_event": True}
    if kind == "note":
        return None, None
    raise ValueError(f"unknown correction {kind!r}: one of {', '.join(KINDS)}")


def _insert(store, kind: str, evidence: list, other, before, after, note, who, event_id) -> Correction:
    ensure(store.con)
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        cid = con.execute("SELECT coalesce(max(id), 0) + 1 FROM corrections").fetchone()[0]
        con.execute("INSERT INTO corrections (id, kind, evidence, other, before, after, note, who, created_at,"
                    " event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [cid, kind, json.dumps(evidence), json.dumps(other) if other else None,
                     json.dumps(before) if before else None, json.dumps(after) if after else None,
                     note or None, (who or "").strip()[:80] or None, dt.datetime.now(), event_id])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return _rows(con, "id = ?", [cid])[0]


def correct(db: str, event_id: str, kind: str, value=None, *, note: str | None = None, who: str | None = None,
            mentions: Iterable[str] = (), other_event: str | None = None) -> Correction:
    """Record one correction of an event and return it. `kind` is one of KINDS; `value` the new value (type:
    'SANCTION' or 'CONSULT visit'; actor/recipient: 'USA-GOV, BLR'; date: '2025-06-21..2025-06-23';
    quantity: a number or ''; note: the text in `note`). split: `mentions` (ids) go off into an event of
    their own; merge: `other_event` joins this one."""
    from .store import Store

    if kind == "note" and not (note or (value and str(value).strip())):
        raise ValueError("a note needs some text")
    with Store(db) as store:
        e = _event(store, event_id)
        evidence = [key_of(m) for m in e.mentions]
        if kind == "split":
            chosen = [m for m in e.mentions if m.id in set(mentions)]
            if not chosen or len(chosen) == len(e.mentions):
                raise ValueError("choose some, not all, of the event's mentions to split off")
            return _insert(store, kind, [key_of(m) for m in chosen], None, {"event": e.id}, None, note, who, e.id)
        if kind == "merge":
            o = _event(store, other_event or "")
            if o.id == e.id:
                raise ValueError("an event cannot be merged with itself")
            return _insert(store, kind, evidence, [key_of(m) for m in o.mentions], {"events": [e.id, o.id]}, None,
                           note, who, e.id)
        before, after = _after(kind, value, e)
        if kind == "note":
            note = note or str(value)
        return _insert(store, kind, evidence, None, before, after, note, who, e.id)


def undo(db: str, correction_id: int, who: str | None = None) -> Correction:
    """Mark a correction undone (it stays in the table, as the record of what was done)."""
    from .store import Store

    with Store(db) as store:
        ensure(store.con)
        found = _rows(store.con, "id = ?", [int(correction_id)])
        if not found:
            raise KeyError(f"no correction {correction_id} in {db}")
        if not found[0].active:
            raise ValueError(f"correction {correction_id} is already undone")
        store.con.execute("UPDATE corrections SET undone_at = ?, undone_by = ? WHERE id = ?",
                          [dt.datetime.now(), (who or "").strip()[:80] or None, int(correction_id)])
        return _rows(store.con, "id = ?", [int(correction_id)])[0]


def corrections(db: str, include_undone: bool = True) -> list[Correction]:
    """Every correction of the store, oldest first (undone ones too, unless `include_undone` is False)."""
    from .store import Store

    if not Path(db).exists():
        raise FileNotFoundError(f"{db}: no such store (run `detente ingest` first)")
    with Store(db, read_only=True) as store:
        return _rows(store.con, "TRUE" if include_undone else "undone_at IS NULL")


def export_corrections(db: str, out: TextIO) -> int:
    """The corrections as JSON Lines (for review, or to carry them to another store's analyst)."""
    n = 0
    for c in corrections(db):
        out.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def for_event(db_store, e: Event) -> list[Correction]:
    """All corrections (undone too) made on this event's evidence: the event page's history."""
    keys = {tuple(key_of(m)) for m in e.mentions}
    return [c for c in _rows(db_store.con) if any(tuple(k) in keys for k in c.evidence + (c.other or []))]


# --- corrections into knowledge ---------------------------------------------------------------------
def _is_name(text: str) -> bool:
    """'Arvids Kalejs' yes; 'he', 'the Belarusian leader', 'A senior American diplomat' no: only a proper name
    goes into the dictionary."""
    words = text.split()
    return bool(words) and all(w[:1].isupper() or w.lower() in ("de", "van", "von", "al", "bin", "of") for w in words) \
        and words[0].lower() not in ("a", "an", "the")


def apply_to_dictionary(db: str, correction_id: int) -> list[str]:
    """An actor or recipient correction as entries of `detente-actors.yaml`: each name the event was written
    with gets the corrected code and sector. Returns the ids written; `detente recode` applies them."""
    from .actors import ActorDictionaryError
    from .unknown import add_actor, default_actors_file

    c = next((c for c in corrections(db) if c.id == int(correction_id)), None)
    if c is None:
        raise KeyError(f"no correction {correction_id} in {db}")
    if c.kind not in ("actor", "recipient"):
        raise ValueError("only an actor or recipient correction can go into the dictionary")
    before, after = (c.before or {}).get(c.kind) or [], (c.after or {}).get(c.kind) or []
    written = []
    for old, new in zip(before, after):
        name = (old.get("entity_text") or "").strip()
        if not _is_name(name) or not new.get("sector"):
            continue
        try:
            written.append(add_actor(name, new["code"], new["sector"], path=default_actors_file(db)))
        except ActorDictionaryError as e:
            raise ValueError(f"{name}: {e}") from None
    if not written:
        raise ValueError("nothing to add: the dictionary needs a name the event was written with and a "
                         "CODE-SECTOR for it")
    return written


def suggested_pattern(db: str, correction_id: int) -> str:
    """Pattern entries (YAML) that would code the triggers of a type correction's evidence as the corrected
    type: one per trigger word (lemma and part of speech from the parser), for the analyst to check."""
    import yaml

    from .store import Store

    c = next((c for c in corrections(db) if c.id == int(correction_id)), None)
    if c is None:
        raise KeyError(f"no correction {correction_id} in {db}")
    if c.kind != "type":
        raise ValueError("only a type correction suggests a pattern")
    keys = {(k[0], k[1], k[2]) for k in c.evidence}
    with Store(db, read_only=True) as store:
        found = [m for doc in sorted({k[0] for k in keys}) for m in store.document_mentions(doc)
                 if (m.doc_id, m.sent_index, m.trigger) in keys]
    a = c.after or {}
    _, cameo = _tables()
    code = (cameo.get((a["event"], a.get("mode"))) or cameo.get((a["event"], None)) or ("",))[0]
    entries: dict[tuple[str, str], dict] = {}
    for m in found or [None]:
        lemma, pos = (m.trigger.lower() if m else c.evidence[0][2].lower()), "VERB"
        if m is not None:
            try:  # the trigger's lemma and part of speech, as the pattern file wants them
                from .parse import get_nlp

                tok = next((t for t in get_nlp()(m.sentence) if t.idx == m.trigger_start - m.sent_start), None)
                if tok is not None and tok.pos_ in ("VERB", "NOUN"):
                    lemma, pos = tok.lemma_.lower(), tok.pos_
            except Exception:  # no parser to hand: the word as written is still a usable lemma
                pass
        ident = "user." + re.sub(r"[^a-z0-9]+", "-", f"{lemma}-{a['event'].lower()}").strip("-")
        entry = {"id": ident, "lemmas": [lemma], "pos": pos, "event": a["event"], "mode": a.get("mode"),
                 "cameo": code, "confidence": 0.6}
        if entry["mode"] is None:
            del entry["mode"]
        entries.setdefault((lemma, pos), entry)
    return yaml.safe_dump(list(entries.values()), sort_keys=False, allow_unicode=True)


def save_pattern(db: str, entry_yaml: str) -> Path:
    """Put a pattern entry first in `detente-patterns.yaml` next to the store (a copy of the shipped pattern
    file is made when there is none), so it wins over the general patterns; the file is checked by loading
    it, and left as it was when it does not load."""
    import yaml

    from .api import USER_PATTERNS
    from .coding import load_knowledge

    entries = yaml.safe_load(entry_yaml)
    if not isinstance(entries, list) or not all(isinstance(x, dict) and "id" in x for x in entries):
        raise ValueError("a pattern entry is a YAML list item with an id, lemmas, pos, event and cameo")
    path = Path(db).resolve().parent / USER_PATTERNS
    old = path.read_text(encoding="utf-8") if path.exists() else None
    text = old if old is not None else (resources.files("detente") / "data" / "patterns.yaml").read_text(encoding="utf-8")
    block = "".join("  " + line + "\n" for line in yaml.safe_dump(entries, sort_keys=False).splitlines())
    new, n = re.subn(r"(?m)^patterns:[ \t]*\n", lambda m: m.group(0) + block, text, count=1)
    if not n:
        raise ValueError(f"{path}: no `patterns:` list to add to")
    tmp = path.with_suffix(".yaml.part")
    tmp.write_text(new, encoding="utf-8")
    try:
        load_knowledge(str(tmp))
    except Exception as e:
        tmp.unlink(missing_ok=True)
        raise ValueError(f"the pattern entry does not load: {type(e).__name__}: {e}") from None
    tmp.replace(path)
    return path
