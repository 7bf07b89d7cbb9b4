"""The review queue: the events the tool is least sure of, worst first, each with why (`detente review`).

Adds the doubts only the store can tell (sources that disagree, a lone source) to those of the event's own
mentions (`doubts.mention_doubts`)."""
from __future__ import annotations

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


def review(events: Iterable[Event], with_conflicts: bool = True, limit: int | None = None) -> list[Doubt]:
    """The events with at least one doubt, least sure first (lowest confidence, then most reasons)."""
    from .conflicts import _canonical_names, event_conflicts

    names = _canonical_names() if with_conflicts else None
    out = []
    for e in events:
        found = [c for c in event_conflicts(e, names) if c.kind != "variant"] if with_conflicts else []
        d = doubts_of(e, found)
        if d.reasons:
            out.append(d)
    out.sort(key=lambda d: (d.confidence, -len(d.reasons), d.event.id))
    return out[:limit] if limit else out
