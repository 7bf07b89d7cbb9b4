"""Merge mentions of one real-world happening, within and across articles, into one event.

Two mentions are one happening when they are the same kind of act (a release, an easing of
sanctions, a visit, a call ...), between the same countries, at overlapping times, with no
contradicting count. Merging is incremental: new mentions join the events already stored.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from typing import Iterable

from .dating import UNDATED
from .model import ActorRef, Event, Mention, Quantity

# Acts that are the same happening whatever verb or tense told them (a promised easing that the
# other article reports as done; a meeting that was a visit).
FAMILY = {
    ("RETREAT", "release"): "release", ("CONCEDE", "release"): "release",
    ("RETREAT", "ease"): "ease", ("CONCEDE", "ease"): "ease",
    ("CONSULT", "visit"): "meet", ("CONSULT", None): "meet", ("CONSULT", "meet"): "meet",
    ("CONSULT", "phone"): "phone",
}
# Which reading wins when mentions disagree on type: the act over the promise, the visit over talks.
RANK = {"RETREAT": 3, "CONCEDE": 1, "CONSULT": 2}


def related_events() -> dict[str, set[str]]:
    """For each PLOVER type, the types a mention of it may merge with (for the store's candidate query)."""
    out: dict[str, set[str]] = {}
    for (event, _), fam in FAMILY.items():
        for (other, _), fam2 in FAMILY.items():
            if fam == fam2:
                out.setdefault(event, {event}).add(other)
    return out


def family(event: str, mode: str | None) -> str:
    if event == "CONCEDE" and mode is None:
        return "concede"
    return FAMILY.get((event, mode), f"{event}:{mode or ''}")


def codes(refs: Iterable[ActorRef]) -> frozenset[str]:
    return frozenset(r.code for r in refs)


def _overlap(a0, a1, b0, b1) -> bool:
    return a0 is not None and b0 is not None and a0 <= b1 and b0 <= a1


# An undated mention (only bounded by its publication day), or one dated more loosely than a year,
# needs a stronger tie to join an event than overlapping dates.
VAGUE_DAYS = 62
VAGUE_EXPLICIT_DAYS = 400


def _named(refs: Iterable[ActorRef]) -> set[str]:
    return {r.actor_id for r in refs if r.actor_id}


def compatible(m: Mention, e: Event) -> bool:
    """Can mention `m` be another telling of event `e`?"""
    if family(m.event, m.mode) != family(e.event, e.mode):
        return False
    if (m.date_how == UNDATED and _width(m) > VAGUE_DAYS) or _width(m) > VAGUE_EXPLICIT_DAYS:
        # Loosely dated: only the same count, or the same named people on both sides, ties it.
        same_count = m.quantity is not None and e.quantity is not None and m.quantity.value == e.quantity.value
        named_e = set().union(*(_named(x.actor) | _named(x.recipient) for x in e.mentions)) if e.mentions else set()
        same_people = len((_named(m.actor) | _named(m.recipient)) & named_e) >= 2
        if not (same_count or same_people):
            return False
    if not _overlap(m.date_start, m.date_end, e.date_start, e.date_end):
        return False
    if m.quantity and e.quantity and m.quantity.value != e.quantity.value:
        # Different counts are different happenings, unless both tellings pin the same single day:
        # then it is one release that the sources count differently (a conflict, listed as such).
        if not (m.date_start == m.date_end == e.date_start == e.date_end):
            return False
    ma, mr, ea, er = codes(m.actor), codes(m.recipient), codes(e.actor), codes(e.recipient)
    fam = family(m.event, m.mode)
    if fam in ("meet", "phone"):  # direction is often unclear for meetings: compare the parties
        return (ma | mr) == (ea | er) or ((ma | mr) <= (ea | er) and len(ma | mr) >= 2)
    if not ma & ea:
        return False
    return not (mr and er) or bool(mr & er)


def _width(m) -> int:
    return (m.date_end - m.date_start).days if m.date_start else 10**6


def _best_refs(groups: list[list[ActorRef]]) -> list[ActorRef]:
    """The codes most mentions agree on, each with its most specific reference."""
    votes = Counter(code for refs in groups for code in {r.code for r in refs})
    if not votes:
        return []
    top = max(votes.values())
    keep = [c for c, v in votes.items() if v == top or v >= 2]
    out = []
    for c in keep:
        refs = [r for g in groups for r in g if r.code == c]
        refs.sort(key=lambda r: (r.sector is None, r.how.startswith("context"), not r.entity_text))
        out.append(refs[0])
    return out


def rebuild(event: Event) -> Event:
    """Recompute an event's fields from its mentions: most precise date and count, majority actors."""
    ms = event.mentions
    best = max(ms, key=lambda m: (RANK.get(m.event, 0), m.mode == "visit", m.confidence))
    event.event, event.mode, event.cameo = best.event, best.mode, best.cameo
    event.goldstein, event.plover_score = best.goldstein, best.plover_score
    dated = [m for m in ms if m.date_start is not None]
    lo = max(m.date_start for m in dated)
    hi = min(m.date_end for m in dated)
    if lo <= hi:  # the intersection of all tellings
        event.date_start, event.date_end = lo, hi
    else:
        narrow = min(dated, key=_width)
        event.date_start, event.date_end = narrow.date_start, narrow.date_end
    counts = Counter(m.quantity.value for m in ms if m.quantity)
    if counts:
        value = counts.most_common(1)[0][0]
        text = next(m.quantity.text for m in ms if m.quantity and m.quantity.value == value)
        event.quantity = Quantity(value, "person", text)
    else:
        event.quantity = None
    event.actor = _best_refs([m.actor for m in ms])
    a = codes(event.actor)
    event.recipient = [r for r in _best_refs([m.recipient for m in ms if m.recipient]) if r.code not in a] or \
        _best_refs([m.recipient for m in ms if m.recipient])
    # independent tellings raise confidence
    base = max(m.confidence for m in ms)
    event.confidence = round(min(1.0, base + 0.1 * (len({m.doc_id for m in ms}) - 1)), 2)
    return event


def new_event(m: Mention) -> Event:
    eid = "ev-" + hashlib.sha1(m.id.encode()).hexdigest()[:12]
    return rebuild(Event(id=eid, event=m.event, mode=m.mode, cameo=m.cameo, goldstein=m.goldstein,
                         plover_score=m.plover_score, actor=list(m.actor), recipient=list(m.recipient),
                         date_start=m.date_start, date_end=m.date_end, quantity=m.quantity, mentions=[m]))


def _fit(m: Mention, e: Event) -> tuple:
    """Rank candidate events: same day first, then agreeing count, then narrowest."""
    same_day = m.date_start == e.date_start and m.date_end == e.date_end
    return (same_day, bool(m.quantity and e.quantity), -_width(e))


def merge(mentions: Iterable[Mention], events: list[Event]) -> list[Event]:
    """Add mentions to `events` (in place, new events appended); returns the events touched.

    The most precisely dated mentions go first, so that a vaguely dated telling joins the event
    its precise siblings already formed rather than forming one of its own.
    """
    touched: dict[str, Event] = {}
    for m in sorted(mentions, key=lambda m: (_width(m), -m.confidence)):
        if m.date_start is None:
            continue
        fits = [e for e in events if compatible(m, e)]
        if fits:
            e = max(fits, key=lambda e: _fit(m, e))
            e.mentions.append(m)
            rebuild(e)
        elif m.date_how == UNDATED and m.quantity is None:
            continue  # an undated telling supports an event but does not make one (unless it gives a count)
        else:
            e = new_event(m)
            events.append(e)
        m.event_id = e.id
        touched[e.id] = e
    return list(touched.values())
