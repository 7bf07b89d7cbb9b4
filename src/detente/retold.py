"""Publication intervals from the rest of the corpus: an undated article that tells an act by its weekday
("signed the deal on Friday") which dated articles put on one day of that weekday was published within the
week after that day.

The publication stage (pubdate.py) reads each article alone; this reads the store, so it runs where the
store is at hand: when undated articles are dated again after a batch (`pipeline.Writer.redate`) and on
`recode`. Only articles whose publication day is known (given, dateline, URL, a dated copy) vouch for a day,
so one inferred date never props up another, and an act told on several days gives no answer.
"""
from __future__ import annotations

import datetime as dt
import json
import re

from .merge import related_events
from .pubdate import WIDE_DAYS

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
BARE_WEEKDAY = re.compile(r"(?i)(?:on\s+)?(?P<wd>%s)(?:\s+(?:morning|afternoon|evening|night))?" % "|".join(WEEKDAYS))
WEEK_AFTER = 6  # "on Friday" is at most six days before the day the article appeared
RETOLD = "retold"  # the kind of the (start, end, text, kind) spans handed to the publication stage


def _parties(record: dict) -> frozenset[str]:
    return frozenset(r.get("code") for r in record.get("actor", []) + record.get("recipient", []) if r.get("code"))


def _weekday(record: dict) -> re.Match | None:
    """The bare weekday that dates a mention ("on Friday"): its date text when a publication interval resolved
    it, else the one weekday of its sentence when nothing dated the article (the weekday stayed unresolved)."""
    if record.get("date_text"):
        told = BARE_WEEKDAY.fullmatch(record["date_text"].strip())
        return told if told is not None and "(weekday" in (record.get("date_how") or "") else None
    if record.get("date_start"):
        return None
    from .temporal import find_timexes

    days = [t for t in find_timexes(record.get("sentence") or "", None) if t.rule.split("+")[0] == "weekday"]
    return BARE_WEEKDAY.fullmatch(days[0].text) if len(days) == 1 else None


def _vouching(store, doc_ids: set[str]) -> dict[str, str]:
    """Of these stored documents, those whose publication day is known (not inferred): id -> name. Read by
    their ids after the mentions were found: joining the documents table to the mentions read every document
    (a hash join builds on the whole table), which a large store paid at each weekday asked."""
    from .store import among

    cond, params = among("id", sorted(doc_ids))
    return dict(store.con.execute(f"SELECT id, name FROM documents WHERE {cond} AND published_source NOT IN"
                                  " ('inferred', 'none')", params).fetchall())


def retold_spans(store, doc) -> list[tuple[dt.date, dt.date, str, str]]:
    """[(start, end, reason, "retold")] for a stored article whose publication day is inferred: the days it
    may have appeared on, by the acts it tells by weekday that dated articles pin to one day (a PLOVER type of
    the same family, the two or more parties it names among theirs, that weekday, inside the article's
    possible interval). Empty when
    nothing pins it or the acts disagree."""
    stored = store.con.execute("SELECT published_start, published_end, published_source FROM documents WHERE id = ?",
                               [doc.id]).fetchone()  # as stored: a recode clears an inferred interval first
    if stored is None or stored[2] not in ("inferred", "none"):
        return []
    lo, hi = stored[0], stored[1]
    rows = store.con.execute("SELECT event, record FROM mentions WHERE doc_id = ? ORDER BY id", [doc.id]).fetchall()
    found: list[tuple[dt.date, str]] = []
    for event, rec in rows:
        record = json.loads(rec)
        told = _weekday(record)
        parties = _parties(record)
        if told is None or len(parties) < 2:
            continue
        weekday = WEEKDAYS.index(told.group("wd").lower()) + 1  # ISO: Monday is 1
        where, params = "", []
        if lo is not None:
            where, params = where + " AND m.date_start >= ?", params + [lo - dt.timedelta(days=WEEK_AFTER)]
        if hi is not None:
            where, params = where + " AND m.date_start <= ?", params + [hi]
        kinds = sorted(related_events().get(event, {event}))
        # a prefilter in SQL, never narrower than the check below: each party's code among the mention's
        # parties (a large store returns the few mentions of these parties, not every act of the kind in the
        # window, and reads a short column, not every record: a store of a million mentions spent 0.2 s a
        # query parsing them), or in its record for a row stored before that column
        for code in sorted(parties):
            where += " AND (contains(m.parties, ?) OR (m.parties IS NULL AND regexp_matches(m.record, ?)))"
            params += [code, '"code":\\s*"' + re.escape(code) + '"']
        told_on = store.con.execute(
            "SELECT m.date_start, m.record, m.doc_id FROM mentions m"
            f" WHERE m.event IN ({', '.join('?' for _ in kinds)}) AND m.doc_id <> ? AND m.date_start = m.date_end"
            " AND isodow(m.date_start) = ?" + where, [*kinds, doc.id, weekday, *params]).fetchall()
        vouching = _vouching(store, {d for _, _, d in told_on})
        pinned = [(day, rec, vouching[d]) for day, rec, d in told_on if d in vouching]
        # the same act: a type of its family (a signing told as an agreement), the parties it names among theirs
        days = {(day, name) for day, other, name in pinned if parties <= _parties(json.loads(other))}
        if len({day for day, _ in days}) == 1:
            day, name = min(days)
            found.append((day, f"'{told.group(0)}' ({event} {'-'.join(sorted(parties))}) is {day} in {name}"))
    if not found:
        return []
    start = max(day for day, _ in found)
    end = min(day for day, _ in found) + dt.timedelta(days=WEEK_AFTER)
    if start > end:
        return []  # the acts it tells by weekday point to different weeks: no answer
    reasons = "; ".join(sorted({text for _, text in found}))
    return [(start, end, f"acts told by weekday that dated articles pin: {reasons}", RETOLD)]


def narrows(store, doc) -> bool:
    """Whether the acts retold (or passages shared with dated articles) would date a stored article whose inferred interval is too wide for a weekday."""
    from .passages import passage_spans

    lo, hi = doc.published_start, doc.published_end
    return (lo is None or hi is None or (hi - lo).days > WIDE_DAYS) and bool(retold_spans(store, doc)
                                                                             or passage_spans(store, doc))


def corpus_dates(store, copies):
    """The `copies` callable of the publication stage with the acts retold added: `copies(doc)` gives the
    stored syndicated copies of `doc`, this adds `retold_spans` and the passages it shares with dated articles
    (`passages.passage_spans`)."""
    from .passages import passage_spans

    def dated(doc) -> list[tuple]:
        return list(copies(doc)) + retold_spans(store, doc) + passage_spans(store, doc)
    return dated
