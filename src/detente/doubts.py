"""Why an event may be wrong: the doubts its own mentions carry, and the confidence they cost.

Each doubt is a reason a reader can check (the date rests on an inferred publication day, spans weeks, or
comes from no time expression; an actor was resolved only from context; the pattern that fired is weak).
`event_confidence` is what the merge stores; `review_queue` adds the sources' doubts (disagreement, a
lone source) and lists the least sure events first. Only model and common are imported: merge uses this."""
from __future__ import annotations

from typing import Iterable

from .common import INFERRED_PUBLICATION, UNDATED
from .model import Event, Mention

WEAK_PATTERN = 0.6  # a pattern confidence below this is a doubt


def mention_doubts(ms: Iterable[Mention], width_days: int | None) -> list[tuple[str, float]]:
    """The doubts an event's own mentions and date carry (no store needed): (reason, cost)."""
    ms = list(ms)
    out: list[tuple[str, float]] = []
    if ms and all(any(n.startswith(INFERRED_PUBLICATION) for n in m.notes) for m in ms):
        out.append(("dated from a publication date inferred from the text", 0.3))
    if ms and all(m.date_how.startswith(UNDATED) for m in ms):  # (also an undated act told as news)
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
    cost = sum(c for _, c in mention_doubts(e.mentions, date_width(e)))
    return round(max(0.05, min(1.0, base - cost)), 2)


def date_width(e: Event | Mention) -> int | None:
    if e.date_start is None or e.date_end is None:
        return None
    return (e.date_end - e.date_start).days + 1
