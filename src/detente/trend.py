"""Relationship trend and dyads: how a pair of states' events add up, period by period.

An event is dated as an interval, so an event that could have happened in any of several periods is
spread over them in proportion to the days of its interval that fall in each (its counts and scores
then add up to one event, not one per period it touches). Undated events are left out and counted.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable

from .common import actors_text, parse_dyad, quad_of, to_date
from .model import Event
from .store import DEFAULT_DB, Store


class Rows(list):
    """A list of dataclass rows that a notebook can turn into a pandas DataFrame."""

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame([r.row() if hasattr(r, "row") else dataclasses.asdict(r) for r in self])


def _date(v, name: str = "date") -> dt.date | None:
    return to_date(v, name)


def codes(refs) -> set[str]:
    return {r.code for r in refs}


def in_dyad(e: Event, dyad: tuple[str, str]) -> bool:
    """Both states take part, or one of them acts with no recipient named (a release, a pardon).

    One-sided events matter to a bargain (Minsk frees prisoners; the recipient is rarely stated), so
    they count for every dyad of their actor: in a store about several pairs they show in each.
    """
    a, b = dyad
    actors, recipients = codes(e.actor), codes(e.recipient)
    if {a, b} <= actors | recipients and (actors & {a, b}):
        return True
    return not recipients and bool(actors) and actors <= {a, b}


def side_of(e: Event, dyad: tuple[str, str]) -> str | None:
    """Which state of the dyad did it: the only one among the actors, else the one most mentions name."""
    inside = [c for c in dyad if c in codes(e.actor)]
    if len(inside) == 1:
        return inside[0]
    if not inside:
        return None
    votes = {c: sum(1 for m in e.mentions if c in codes(m.actor) and len(codes(m.actor) & set(dyad)) == 1)
             for c in dyad}
    if votes[dyad[0]] != votes[dyad[1]]:
        return max(votes, key=votes.get)
    first = next((r.code for r in e.actor if r.code in dyad), None)
    return first


def dyad_events(db: str = DEFAULT_DB, dyad=None, since=None, until=None, store: Store | None = None) -> list[Event]:
    """The events of one dyad (or all, for None), including one-sided acts of either state."""
    pair = parse_dyad(dyad)
    if store is None:
        with Store(db, read_only=True) as s:
            return dyad_events(db, pair, since, until, store=s)
    events = store.events(pair, _date(since, "since"), _date(until, "until"), one_sided=True)  # the dyad's candidates, in SQL
    return [e for e in events if pair is None or in_dyad(e, pair)]


@dataclass
class EventRow:
    """One event flattened for a DataFrame."""

    id: str
    date_start: dt.date | None
    date_end: dt.date | None
    event: str
    mode: str | None
    quad: str | None
    cameo: str
    goldstein: float
    plover_score: float
    actor: str
    recipient: str
    quantity: float | None
    confidence: float
    num_articles: int
    num_mentions: int
    docs: str
    quote: str


def event_row(e: Event) -> EventRow:
    return EventRow(e.id, e.date_start, e.date_end, e.event, e.mode, quad_of(e.event, e.mode, e.cameo), e.cameo,
                    e.goldstein, e.plover_score, actors_text(e.actor), actors_text(e.recipient),
                    e.quantity.value if e.quantity else None, e.confidence, e.num_articles, e.num_mentions,
                    ";".join(sorted({m.doc_name for m in e.mentions})),
                    e.mentions[0].sentence if e.mentions else "")


def events(db: str = DEFAULT_DB, dyad=None, since=None, until=None) -> Rows:
    """The events (of a dyad, with one-sided acts) as rows with `to_frame()`."""
    return Rows(event_row(e) for e in dyad_events(db, dyad, since, until))


# --- periods --------------------------------------------------------------------------------------
def period_start(day: dt.date, by: str) -> dt.date:
    if by == "month":
        return day.replace(day=1)
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "year":
        return day.replace(month=1, day=1)
    raise ValueError(f"unknown period {by!r} (month, week or year)")


def next_period(start: dt.date, by: str) -> dt.date:
    if by == "week":
        return start + dt.timedelta(days=7)
    if by == "year":
        return start.replace(year=start.year + 1)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def period_label(start: dt.date, by: str) -> str:
    if by == "month":
        return start.strftime("%Y-%m")
    if by == "week":
        y, w, _ = start.isocalendar()
        return f"{y}-W{w:02d}"
    return str(start.year)


def spread(e: Event, by: str) -> list[tuple[dt.date, float]]:
    """The periods an event's interval touches, each with the share of its days that fall there."""
    lo, hi = e.date_start, max(e.date_end or e.date_start, e.date_start)
    days = (hi - lo).days + 1
    out, p = [], period_start(lo, by)
    while p <= hi:
        q = next_period(p, by)
        overlap = (min(hi, q - dt.timedelta(days=1)) - max(lo, p)).days + 1
        if overlap > 0:
            out.append((p, overlap / days))
        p = q
    return out


@dataclass
class TrendRow:
    """One period of a dyad's relationship. Counts are weighted (see the module docstring)."""

    period: str
    start: dt.date
    end: dt.date  # last day of the period
    events: float = 0.0
    verbal_cooperation: float = 0.0
    material_cooperation: float = 0.0
    verbal_conflict: float = 0.0
    material_conflict: float = 0.0
    goldstein: float = 0.0  # sum of Goldstein weights
    plover_score: float = 0.0  # sum of PLOVER scores
    share: dict[str, float] = field(default_factory=dict)  # each side's share of the events it acted in
    imprecise: float = 0.0  # weight that came from events dated wider than one period
    direction: str = ""  # up | down | flat | "" (first period): the 3-period moving mean of `goldstein`

    @property
    def cooperation(self) -> float:
        return self.verbal_cooperation + self.material_cooperation

    @property
    def conflict(self) -> float:
        return self.verbal_conflict + self.material_conflict

    def row(self) -> dict:
        d = {k: v for k, v in dataclasses.asdict(self).items() if k != "share"}
        d.update({f"share_{k}": v for k, v in self.share.items()})
        d["cooperation"], d["conflict"] = self.cooperation, self.conflict
        return {k: round(v, 3) if isinstance(v, float) else v for k, v in d.items()}


def trend_of(evs: list[Event], by: str = "month", dyad: tuple[str, str] | None = None, window: int = 3) -> Rows:
    """Per-period sums of a list of events, every period from the first to the last (empty ones too)."""
    return _trend(((e, 1) for e in evs), by, dyad, window)


def _trend(counted: Iterable[tuple[Event, int]], by: str, dyad: tuple[str, str] | None, window: int = 3) -> Rows:
    """`trend_of` over events each standing for `n` alike ones (the same dates, type and weights: the
    whole-store trend reads them grouped in SQL rather than a million events)."""
    rows: dict[dt.date, TrendRow] = {}
    dated = [(e, n) for e, n in counted if e.date_start is not None]
    if not dated:
        return Rows()
    for e, n in dated:
        parts = spread(e, by)
        quad = quad_of(e.event, e.mode, e.cameo)
        side = side_of(e, dyad) if dyad else None
        for p, w in parts:
            w *= n
            r = rows.get(p)
            if r is None:
                r = rows[p] = TrendRow(period_label(p, by), p, next_period(p, by) - dt.timedelta(days=1),
                                       share={c: 0.0 for c in dyad or ()})
            r.events += w
            if quad:
                setattr(r, quad, getattr(r, quad) + w)
            r.goldstein += w * e.goldstein
            r.plover_score += w * e.plover_score
            if side:
                r.share[side] += w
            if len(parts) > 1:
                r.imprecise += w
    first, last = min(rows), max(rows)
    p = first
    while p <= last:  # fill the gaps, so a chart's axis is time
        rows.setdefault(p, TrendRow(period_label(p, by), p, next_period(p, by) - dt.timedelta(days=1),
                                    share={c: 0.0 for c in dyad or ()}))
        p = next_period(p, by)
    ordered = [rows[k] for k in sorted(rows)]
    means = []
    for i, r in enumerate(ordered):
        if r.events:
            r.share = {c: v / r.events for c, v in r.share.items()}
        recent = ordered[max(0, i - window + 1): i + 1]
        means.append(sum(x.goldstein for x in recent) / len(recent))
        if i:
            delta = means[i] - means[i - 1]
            r.direction = "up" if delta > 0.05 else "down" if delta < -0.05 else "flat"
    return Rows(ordered)


def trend(db: str = DEFAULT_DB, dyad=None, by: str = "month", since=None, until=None) -> Rows:
    """Per period: events by PLOVER quad, Goldstein and PLOVER score sums, side shares, direction."""
    period_start(dt.date(2000, 1, 1), by)  # reject an unknown period before opening the store
    pair = parse_dyad(dyad)
    if pair is None:
        with Store(db, read_only=True) as store:
            grouped = _grouped(store, _date(since, "since"), _date(until, "until"))
        if grouped is not None:
            return _trend(grouped, by, None)
    return trend_of(dyad_events(db, pair, since, until), by, pair)


def _uncorrected(store: Store) -> bool:
    """Whether the store's events stand as stored (no active correction): then a whole-store view can add
    them up in SQL. Otherwise it reads them through `Store.events`, which applies the corrections."""
    return not store.corrected()


def _grouped(store: Store, since: dt.date | None, until: dt.date | None) -> list[tuple[Event, int]] | None:
    """The store's dated events grouped by what a trend adds up (dates, type, weights), each group as one
    event and its size: a few thousand rows for a million events. None when corrections are active."""
    if not _uncorrected(store):
        return None
    where, params = store._where(None, since, until, 0.0)
    rows = store.con.execute(
        f"SELECT date_start, date_end, event, mode, cameo, goldstein, plover_score, count(*) FROM events"
        f" WHERE {where} AND date_start IS NOT NULL GROUP BY ALL ORDER BY ALL", params).fetchall()
    return [(Event("", ev, mode, cameo, g, p, [], [], start, end, None), n)
            for start, end, ev, mode, cameo, g, p, n in rows]


@dataclass
class DyadRow:
    """One pair of states and how much the store says about them."""

    dyad: str
    events: int
    mentions: int
    articles: int
    cooperation: int
    conflict: int
    goldstein: float
    first: dt.date | None
    last: dt.date | None


def dyads_of(evs: list[Event]) -> Rows:
    """Every unordered pair of different states that acted on each other, most active first."""
    acc: dict[tuple[str, str], dict] = {}
    for e in evs:
        pairs = {tuple(sorted((a, b))) for a in codes(e.actor) for b in codes(e.recipient) if a != b}
        quad = quad_of(e.event, e.mode, e.cameo) or ""
        for pair in pairs:
            d = acc.setdefault(pair, {"events": 0, "mentions": 0, "docs": set(), "coop": 0, "conf": 0,
                                      "goldstein": 0.0, "first": None, "last": None})
            d["events"] += 1
            d["mentions"] += e.num_mentions
            d["docs"] |= {m.doc_id for m in e.mentions}
            d["coop"] += quad.endswith("cooperation")
            d["conf"] += quad.endswith("conflict")
            d["goldstein"] += e.goldstein
            if e.date_start:
                d["first"] = min(d["first"] or e.date_start, e.date_start)
                d["last"] = max(d["last"] or e.date_end, e.date_end)
    rows = [DyadRow(f"{a}-{b}", d["events"], d["mentions"], len(d["docs"]), d["coop"], d["conf"],
                    round(d["goldstein"], 2), d["first"], d["last"]) for (a, b), d in acc.items()]
    rows.sort(key=lambda r: (-r.events, -r.articles, r.dyad))
    return Rows(rows)


def dyads(db: str = DEFAULT_DB, since=None, until=None) -> Rows:
    """The pairs of states in the store, ranked by how many events they share."""
    with Store(db, read_only=True) as store:
        if _uncorrected(store):
            return _dyads_sql(store, _date(since, "since"), _date(until, "until"))
        return dyads_of(store.events(None, _date(since, "since"), _date(until, "until")))


def _dyads_sql(store: Store, since: dt.date | None, until: dt.date | None) -> Rows:
    """`dyads_of` every stored event, added up in SQL (a large store is not read into Python): each pair of
    an actor and a different recipient, its events, mentions, articles, quads, Goldstein sum and dates."""
    where, params = store._where(None, since, until, 0.0)
    kinds = store.con.execute(f"SELECT DISTINCT event, coalesce(mode, ''), coalesce(cameo, '') FROM events"
                              f" WHERE {where}", params).fetchall()
    quads = [(e, m, c, quad_of(e, m or None, c or None) or "") for e, m, c in kinds] or [("", "", "", "")]
    values = ", ".join(["(?, ?, ?, ?)"] * len(quads))
    rows = store.con.execute(
        f"WITH e AS (SELECT id, event, mode, cameo, goldstein, date_start, date_end, actor_codes, recipient_codes"
        f"  FROM events WHERE {where}),"
        " pairs AS (SELECT DISTINCT a.id, least(a.c, b.c) AS x, greatest(a.c, b.c) AS y"
        "  FROM (SELECT id, unnest(string_split(actor_codes, ',')) AS c FROM e) a"
        "  JOIN (SELECT id, unnest(string_split(recipient_codes, ',')) AS c FROM e) b"
        "  ON a.id = b.id AND a.c <> b.c AND a.c <> '' AND b.c <> ''),"
        f" q(event, mode, cameo, quad) AS (VALUES {values}),"
        " per_pair AS (SELECT p.x, p.y, count(*) AS n, count(*) FILTER (WHERE q.quad LIKE '%cooperation') AS coop,"
        "  count(*) FILTER (WHERE q.quad LIKE '%conflict') AS conf, sum(e.goldstein) AS g,"
        "  min(e.date_start) AS first, max(e.date_end) AS last FROM pairs p JOIN e ON e.id = p.id"
        "  JOIN q ON e.event = q.event AND coalesce(e.mode, '') = q.mode AND coalesce(e.cameo, '') = q.cameo"
        "  GROUP BY p.x, p.y),"
        " told AS (SELECT p.x, p.y, count(*) AS mentions, count(DISTINCT m.doc_id) AS articles"
        "  FROM pairs p JOIN mentions m ON m.event_id = p.id GROUP BY p.x, p.y)"
        " SELECT v.x, v.y, v.n, coalesce(t.mentions, 0), coalesce(t.articles, 0), v.coop, v.conf, v.g, v.first, v.last"
        " FROM per_pair v LEFT JOIN told t ON t.x = v.x AND t.y = v.y", params + [x for row in quads for x in row]).fetchall()
    out = [DyadRow(f"{x}-{y}", n, int(mentions), articles, coop, conf, round(g, 2), first, last)
           for x, y, n, mentions, articles, coop, conf, g, first, last in rows]
    out.sort(key=lambda r: (-r.events, -r.articles, r.dyad))
    return Rows(out)
