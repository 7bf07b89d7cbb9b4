"""Why an event may be wrong: the doubts its own mentions carry, and the confidence they cost.

Each doubt is a reason a reader can check (the date rests on an inferred publication day, spans weeks, or
comes from no time expression; an actor was resolved only from context; the pattern that fired is weak).
`DoubtTally.confidence` is what the merge stores; `review_queue` adds the sources' doubts (disagreement, a
lone source) and lists the least sure events first. Only model and common are imported: merge uses this."""
from __future__ import annotations

from typing import Iterable

from .common import INFERRED_PUBLICATION, UNDATED
from .model import Event, Mention

WEAK_PATTERN = 0.6  # a pattern confidence below this is a doubt


def mention_doubts(ms: Iterable[Mention], width_days: int | None) -> list[tuple[str, float]]:
    """The doubts an event's own mentions and date carry (no store needed): (reason, cost)."""
    tally = DoubtTally()
    for m in ms:
        tally.add(m)
    return tally.doubts(width_days)


class DoubtTally:
    """What `mention_doubts` reads of an event's mentions, added one mention at a time: the merge keeps one per
    event while mentions join it, so a story told by many articles is not read again at each join."""

    def __init__(self) -> None:
        self.n = self.inferred = self.undated = self.with_context = 0
        self.context: set[str] = set()
        self.docs: set[str] = set()
        self.best: Mention | None = None  # the first mention of the highest confidence

    def add(self, m: Mention) -> None:
        self.n += 1
        self.docs.add(m.doc_id)
        self.inferred += any(n.startswith(INFERRED_PUBLICATION) for n in m.notes)
        self.undated += m.date_how.startswith(UNDATED)
        refs = [r for r in m.actor + m.recipient if r.basis == "context"]
        self.context.update(r.entity_text or r.code for r in refs)
        self.with_context += bool(refs)
        if self.best is None or m.confidence > self.best.confidence:
            self.best = m

    def doubts(self, width_days: int | None) -> list[tuple[str, float]]:
        out: list[tuple[str, float]] = []
        if self.n and self.inferred == self.n:
            out.append(("dated from a publication date inferred from the text", 0.3))
        if self.n and self.undated == self.n:  # (also an undated act told as news)
            out.append(("no time expression: dated only as before publication", 0.2))
        elif width_days is None:
            out.append(("undated", 0.3))
        elif width_days > 31:
            out.append((f"date spans {width_days} days", 0.15))
        elif width_days > 7:
            out.append((f"date spans {width_days} days", 0.05))
        if self.context and self.with_context == self.n:
            out.append((f"actor resolved only from context ({', '.join(sorted(self.context))})", 0.1))
        best = self.best.confidence if self.best is not None else 0.0
        if best < WEAK_PATTERN:
            rule = self.best.rule if self.best is not None else "?"
            out.append((f"weak pattern {rule} (confidence {best:.2f})", 0.0))  # already in the base confidence
        return out

    def confidence(self, width_days: int | None) -> float:
        """The pattern's confidence, raised by each further article, lowered by the event's own doubts."""
        base = self.best.confidence + 0.1 * (len(self.docs) - 1)
        cost = sum(c for _, c in self.doubts(width_days))
        return round(max(0.05, min(1.0, base - cost)), 2)


def date_width(e: Event | Mention) -> int | None:
    if e.date_start is None or e.date_end is None:
        return None
    return (e.date_end - e.date_start).days + 1
