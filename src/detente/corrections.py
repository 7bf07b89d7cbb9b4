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

import datetime as dt
import json
import re
from importlib import resources
from pathlib import Path
from typing import Iterable, TextIO

from .model import Event
from .overlay import (  # noqa: F401 (the read side, re-exported: `corrections` is the module users know)
    FIELD_KINDS, KINDS, SCHEMA, Correction, active, apply, coding, describe, ensure, find_event, key_of, not_an_event, overlay, parse_refs, parse_refs_safe, plover_modes, plover_types, refs_text, _rows, _has_table, _tables)


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
