"""Why an event may be wrong: the doubts that lower its confidence and order the review queue.

Each doubt is a reason a reader can check (the date rests on an inferred publication day, spans weeks, or
comes from no time expression; an actor was resolved only from context; the pattern that fired is weak;
the sources disagree; one source alone tells it) with the confidence it costs. `event_confidence` is
what the merge stores; `review` lists the least sure events first with their reasons."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .model import Event, Mention

from .common import INFERRED_PUBLICATION, UNDATED
WEAK_PATTERN = 0.6  # a pattern confidence below this is a doubt


def mention_doubts(ms: Iterable[Mention], width_days: int | None) -> list[tuple[str, float]]:
    """The doubts an event's own mentions and date carry (no store needed): (reason, cost)."""
    ms = list(ms)
    out: list[tuple[str, float]] = []
    if ms and all(any(n.startswith(INFERRED_PUBLICATION) for n in m.notes) for m in ms):
        out.append(("dated from a publication date inferred from the text", 0.3))
    if ms and all(m.date_how == UNDATED for m in ms):
        out.append(("no time expression: dated only as before publication", 0.2))
    elif width_days is None:
        out.append(("undated", 0.3))
    elif width_days > 31:
        out.append((f"date spans {width_days} days", 0.15))
    elif width_days > 7:
        out.append((f"date spans {width_days} days", 0.05))
    context = sorted({r.entity_text or r.code for m in ms for r in m.actor + m.recipient if r.basis == "context"})
    if context and all(any(r.basis == "context" for r in m.actor + m.recipient) for m in ms):
        out.append((f"actor resolved only from context ({', '.join(context)})", 0.1))
    best = max((m.confidence for m in ms), default=0.0)
    if best < WEAK_PATTERN:
        rule = max(ms, key=lambda m: m.confidence).rule if ms else "?"
        out.append((f"weak pattern {rule} (confidence {best:.2f})", 0.0))  # already in the base confidence
    return out


def event_confidence(e: Event) -> float:
    """The pattern's confidence, raised by each further article, lowered by the event's own doubts."""
    base = max(m.confidence for m in e.mentions)
    base += 0.1 * (len({m.doc_id for m in e.mentions}) - 1)
    cost = sum(c for _, c in mention_doubts(e.mentions, _width(e)))
    return round(max(0.05, min(1.0, base - cost)), 2)


def _width(e: Event | Mention) -> int | None:
    if e.date_start is None or e.date_end is None:
        return None
    return (e.date_end - e.date_start).days + 1


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
    reasons = [r for r, _ in mention_doubts(e.mentions, _width(e))]
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
