"""Resolve time for event mentions: which time expression governs each event, and its interval.

`temporal` finds and normalises time expressions; this stage picks, for each mention, the
expression that governs its trigger in the parse (not merely the nearest one), anchors
"two days later" on the event told before, and falls back to an honest interval bounded by
the publication date.
"""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Token

from . import temporal
from .ingest import WIRE_DATELINE
from .model import Document, Mention, Timex

# Cues that tie an undated event to the one told just before it ("After the meeting, ...").
LINK_CUES = re.compile(r"\b(after (the|that|this) (meeting|visit|talks|call|conversation)|following (the|that|this)"
                       r"|resulting in|led to|marked the (visit|meeting)|in return|in response|in exchange"
                       r"|the same day|that day|then|afterwards|which brought)\b", re.I)
UNDATED_LOOKBACK = dt.timedelta(days=365)


def _tree_distance(a: Token, b: Token) -> int:
    """Number of dependency edges between two tokens of one sentence."""
    up_a = {a.i: 0}
    t, d = a, 0
    while t.head.i != t.i:
        t, d = t.head, d + 1
        up_a[t.i] = d
    t, d = b, 0
    while t.i not in up_a:
        if t.head.i == t.i:
            return 99
        t, d = t.head, d + 1
    return d + up_a[t.i]


def _in_parentheses(text: str, start: int, end: int) -> bool:
    """A citation such as "(BelTA, September 11)": it dates the report, not the event."""
    left = text.rfind("(", max(0, start - 80), start)
    return left != -1 and ")" not in text[left:start] and ")" in text[end:end + 40]


def date_mentions(doc: Document, sdoc: Doc, mentions: list[Mention], timexes: list[Timex] | None = None) -> None:
    """Set date_start/date_end/date_text/date_how on each mention, in narrative order (in place)."""
    if timexes is None:
        timexes = temporal.find_timexes(doc.text, doc.published_end,
                                        published_range=(doc.published_start, doc.published_end))
    pub_lo, pub_hi = doc.published_start, doc.published_end
    # "WASHINGTON, Aug. 18, 2025 (Reuters) —" dates the report, not the event told after it
    datelines = [(p.start(), p.start() + len(m.group(0))) for p in re.finditer(r"(?:^|\n)", doc.text)
                 if (m := WIRE_DATELINE.match(doc.text, p.end()))]
    timexes = [t for t in timexes if not any(a <= t.start < b for a, b in datelines)]
    previous: Mention | None = None
    by_sentence: dict[int, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: m.trigger_start):
        sent = sdoc.char_span(m.sent_start, m.sent_start + len(m.sentence), alignment_mode="expand")
        trig = sdoc.char_span(m.trigger_start, m.trigger_end, alignment_mode="expand")
        cands = []
        for tx in timexes:
            if tx.type not in ("DATE", "TIME") or sent is None or not (sent.start_char <= tx.start < sent.end_char):
                continue
            span = sdoc.char_span(tx.start, tx.end, alignment_mode="expand")
            if span is None or trig is None:
                continue
            cite = _in_parentheses(doc.text, tx.start, tx.end)
            dist = _tree_distance(span.root, trig.root)
            cands.append((cite, dist, abs(tx.start - m.trigger_start), tx))
        cands.sort(key=lambda c: c[:3])
        chosen = None
        for cite, dist, _, tx in cands:
            if tx.anchor == "previous_event" or tx.date_start is not None:
                chosen = (cite, tx)
                break
        if chosen is not None:
            cite, tx = chosen
            if tx.anchor == "previous_event":
                if previous is not None and previous.date_start is not None:
                    lo, hi = temporal.shift(tx, previous.date_start, previous.date_end)
                    m.date_how = f"'{tx.text}' counted from the event before it ({previous.event} on {_fmt(previous)})"
                else:
                    lo, hi = None, None
            else:
                lo, hi = tx.date_start, tx.date_end
                m.date_how = f"'{tx.text}' -> {tx.value} ({tx.rule or tx.anchor})"
            if cite and lo is not None:
                lo = min(lo, hi - dt.timedelta(days=7))  # the cited report is dated on or after the event
                m.date_how = f"cited source dated '{tx.text}': the event happened on or shortly before it"
            if lo is not None:
                m.date_start, m.date_end, m.date_text = lo, hi, tx.text
        if m.date_start is None:
            siblings = [o for o in by_sentence.get(m.sent_index, []) if o.date_start is not None]
            if siblings:
                m.date_start, m.date_end = siblings[-1].date_start, siblings[-1].date_end
                m.date_text = siblings[-1].date_text
                m.date_how = f"shares the date of '{siblings[-1].trigger}' in the same sentence"
            elif previous is not None and previous.date_start is not None and LINK_CUES.search(m.sentence):
                cue = LINK_CUES.search(m.sentence).group(0)
                m.date_start, m.date_end = previous.date_start, previous.date_end + dt.timedelta(days=1)
                m.date_how = f"linked by '{cue}' to the event before it ({previous.event} on {_fmt(previous)})"
            elif pub_hi is not None:
                m.date_start, m.date_end = (pub_lo or pub_hi) - UNDATED_LOOKBACK, pub_hi
                m.date_how = "no time expression: bounded above by the publication date"
        # An event dated after publication is a plan, not a happening.
        if pub_hi is not None and m.date_start is not None and m.date_start > pub_hi:
            m.notes.append(f"dated {m.date_start} after publication {pub_hi}: a plan")
            m.date_start = None
        by_sentence.setdefault(m.sent_index, []).append(m)
        if m.date_start is not None and m.date_text:
            previous = m


def _fmt(m: Mention) -> str:
    if m.date_start == m.date_end:
        return str(m.date_start)
    return f"{m.date_start}..{m.date_end}"
