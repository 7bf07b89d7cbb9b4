"""History told with its date: an act whose own date lies long before its article appeared is background to the
news ("Turkey recognized Israel in 1949", "In 2020, Ankara backed Baku", "Somaliland declared independence in 1991").

The analysts who coded the real sets code the history of the story's own two states as optional context, and leave
out the history of other states that an article gives on the way (the README's coding notes). So an old act between
the article's two states stays an event, noted as history for `explain`; an old act of other states, or of one side
only, is an aside (`history_aside`): a look back (`common.LOOK_BACK`) that makes no event and joins none (`merge.py`),
kept with its mention and its reason for `explain` and `sources`. How old is old is a setting in data/history.yaml.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from importlib import resources

import yaml

from .common import LOOK_BACK, UNDATED
from .model import Mention


# the note on an old act that is not between the article's two states
ASIDE = "background about other states than the story's, no event of its own and joins none"


@functools.lru_cache(maxsize=1)
def settings() -> dict:
    """data/history.yaml: the ages that make an act history."""
    with (resources.files("detente") / "data" / "history.yaml").open(encoding="utf-8") as f:
        raw = yaml.safe_load(f) or {}
    return {"history_days": int(raw.get("history_days", 365)), "year_days": int(raw.get("year_days", 60)),
            "year_width_days": int(raw.get("year_width_days", 300))}


def history_age(m: Mention, pub_lo: dt.date | None) -> str | None:
    """Why a dated act is history (a note for `explain`), or None when it may be news: its own date ends
    `history_days` before the earliest day its article may have appeared, or it is dated only by a year that ended
    `year_days` before. An act with no time of its own is never history here (`dating._undated` reads it)."""
    if m.date_start is None or m.date_end is None or pub_lo is None or m.date_how.startswith(UNDATED):
        return None
    known = settings()
    age = (pub_lo - m.date_end).days
    if age >= known["history_days"]:
        return f"history: dated {m.date_end}, {age} days before its article appeared"
    if (m.date_end - m.date_start).days >= known["year_width_days"] and age >= known["year_days"]:
        return f"history: dated only by a year, which ended {age} days before its article appeared"
    return None


def _codes(refs) -> set[str]:
    return {r.code for r in refs if r.code}


def story_pair(mentions: list[Mention]) -> frozenset[str]:
    """The two states the article's acts are between: the two codes its mentions name most (each once per
    mention, as doer or recipient; ties to the one named first)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in sorted(mentions, key=lambda m: m.trigger_start):
        for c in _codes(m.actor) | _codes(m.recipient):
            counts[c] += 1
            first.setdefault(c, m.trigger_start)
    return frozenset(sorted(counts, key=lambda c: (-counts[c], first[c]))[:2])


def mark_history(mentions: list[Mention], pub_lo: dt.date | None, focus: list[str] | None = None) -> None:
    """Note each act of an article told as history (`history_age`); one that is not between the two states the
    article is about (`focus`, the coder's `story.story_focus`; else the two its other acts name most, `story_pair`)
    is a look back, background that founds no event (in place)."""
    old = {m.id: why for m in mentions if LOOK_BACK not in m.notes and (why := history_age(m, pub_lo))}
    if not old:
        return
    pair = frozenset(focus or ()) if focus and len(focus) == 2 else \
        story_pair([m for m in mentions if m.id not in old] or mentions)
    for m in mentions:
        if m.id not in old:
            continue
        sides = _codes(m.actor) | _codes(m.recipient)
        if len(pair) == 2 and pair <= sides and _codes(m.actor) & pair:
            m.notes.append(f"{old[m.id]}: the history of the story's two states, kept as context")
        else:
            m.notes += [LOOK_BACK, f"{old[m.id]}: {ASIDE} ({'-'.join(sorted(pair)) or 'none'})"]


def history_aside(m: Mention) -> bool:
    """Whether `mark_history` made the act an aside of history about other states: context that joins no event
    (were it to join the event an article of its own time makes, the events would depend on which article was
    stored first, since a telling that made no event is not merged again when that article comes)."""
    return any(ASIDE in n for n in m.notes)
