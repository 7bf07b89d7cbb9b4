"""The review queue: the events the tool is least sure of, worst first, each with why (`detente review`).

Adds the doubts only the store can tell (sources that disagree, a lone source) to those of the event's own
mentions (`doubts.mention_doubts`)."""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Iterable

from .doubts import date_width, mention_doubts
from .model import Event


@dataclass
class Doubt:
    """One event of the review queue: its confidence and every reason to check it."""

    event: Event
    confidence: float
    reasons: list[str] = field(default_factory=list)

    def row(self) -> dict:
        from .common import actors_text, date_text

        e = self.event
        return {"id": e.id, "confidence": self.confidence, "date": date_text(e), "event": e.event,
                "mode": e.mode or "", "actor": actors_text(e.actor), "recipient": actors_text(e.recipient),
                "reasons": self.reasons, "quote": e.mentions[0].sentence if e.mentions else ""}


def doubts_of(e: Event, conflicts: list | None = None) -> Doubt:
    """The event's doubts: its mentions' and date's, the sources' disagreements, a lone source."""
    reasons = [r for r, _ in mention_doubts(e.mentions, date_width(e))]
    if conflicts:
        reasons.append("sources disagree: " + "; ".join(sorted({c.subject for c in conflicts})))
    if max(e.num_sources, 1 if e.mentions else 0) <= 1:
        reasons.append("one source only")
    return Doubt(e, e.confidence, reasons)


def _order(d: Doubt) -> tuple:
    return d.confidence, -len(d.reasons), d.event.id


def review(events: Iterable[Event], with_conflicts: bool = True, limit: int | None = None) -> list[Doubt]:
    """The events with at least one doubt, least sure first (lowest confidence, then most reasons). With a
    limit only that many are held at once, however many events stream through."""
    from .conflicts import _canonical_names, event_conflicts

    names = _canonical_names() if with_conflicts else None

    def doubts() -> Iterable[Doubt]:
        for e in events:
            found = [c for c in event_conflicts(e, names) if c.kind != "variant"] if with_conflicts else []
            d = doubts_of(e, found)
            if d.reasons:
                yield d
    if limit:
        return heapq.nsmallest(limit, doubts(), key=_order)  # the same as sorting all and cutting
    return sorted(doubts(), key=_order)


def review_store(store, dyad=None, since=None, until=None, limit: int | None = None) -> list[Doubt]:
    """`review` of a store's events, read one stored confidence at a time, lowest first, until the queue
    is full and no event left can enter it (every one left is surer than the last in the queue): in a
    large store only the least sure events are read. Without a limit, or with corrections that may change
    confidences, every event is read (streamed)."""
    bands = store.confidences(dyad, since, until) if limit else None
    if bands is None or any(conf is None for conf, _ in bands):
        return review(store.iter_events(dyad, since, until), limit=limit)
    queue: list[Doubt] = []
    for conf, _ in bands:
        if len(queue) >= limit and queue[-1].confidence < conf:
            break
        # the mentions tell the doubts; the stored confidence was written by the same code as the queue's
        band = store.iter_events(dyad, since, until, where="confidence = ?", where_params=[conf])
        queue = heapq.nsmallest(limit, [*queue, *review(band, limit=limit)], key=_order)
    return queue
