"""Merge mentions of one real-world happening, within and across articles, into one event.

Whether a mention can be another telling of an event is decided by `detente.corefer.compatible`, the
same decision the ECB+ benchmark scores: the same kind of act (the PLOVER reading, and the trigger's
event family when the coder left the mode open), overlapping dates, no contradicting count, the same
countries. Merging is incremental: new mentions join the events already stored.

A mention told with no time expression of its own (`retelling`) comes after every dated one: it retells the
compatible event nearest its article's time (`retells`, `story_time`), or, told as the article's news
(`UNDATED_NEWS`, naming both sides), makes an event of its own; else it is background and makes none.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections import Counter
from typing import Iterable

from . import corefer
from .common import HEADLINE_NOTE, LOOK_BACK, NEWS_LOOKBACK, UNDATED, UNDATED_LOOKBACK, UNDATED_NEWS, merge_start
from .doubts import DoubtTally, date_width
from .history import history_aside
from .model import ActorRef, CandidateQuery, Event, Mention, Quantity
from .pubdate import PUB_INFERRED, WIDE_DAYS

NEWS_CYCLE_DAYS = 1  # articles that appeared a day apart at most tell the same day's news
STORY_SLACK_DAYS = 7  # an article dated only by its acts may tell of a few days after the latest it dates

# Which reading wins when mentions disagree on type: the act over the promise, the visit over talks.
RANK = {"RETREAT": 3, "CONCEDE": 1, "CONSULT": 2}
# Acts always addressed to someone: a demand with no addressee named, in a story of two states, is made of the other
# ("demanded the official's immediate release"), so a context recipient serves even where only a wide interval
# dates the article (an act of another type told so is more often a retelling or an aside)
ADDRESSED = frozenset({"REQUEST"})


def related_events() -> dict[str, set[str]]:
    """For each PLOVER type, the types a mention of it may merge with (for the store's candidate query)."""
    by_family: dict[str, set[str]] = {}
    for (event, _), fam in corefer.load_lexicon().plover.items():
        by_family.setdefault(fam, set()).add(event)
    out: dict[str, set[str]] = {}
    for types in by_family.values():
        for event in types:
            out.setdefault(event, {event}).update(types)
    return out


# --- candidate selection: which stored events a batch may merge into (what it costs, not what merges) ----
def candidate_queries(mentions: Iterable[Mention], related: dict[str, set[str]] | None = None) -> list:
    """For each dated mention, what a stored event must have for `corefer.compatible(telling(m), summary(e))`
    to hold, as far as SQL can tell: overlapping dates, a related type (`related_events`), and the parties
    `corefer._parties_agree` asks for, every one of the mention's countries for an undirected kind (a
    meeting), one of its actors otherwise. Never narrower than `compatible` (tests/test_merge.py checks it
    on the demo corpus), so a store of any size loads the few events a new article can join."""
    related = related if related is not None else _related()
    undirected = corefer.load_lexicon().undirected
    out = []
    for m in mentions:
        if m.date_start is None:
            continue
        t = telling(m)
        quantity = None
        if retelling(m):  # a telling with no time expression may retell any event of its kind and sides (`retells`)
            t = as_retelling(m)
        elif corefer._loose(t):  # a loosely dated telling joins only an event with its count or two of its names
            if t.quantity is None and len(t.names) < 2:
                continue
            quantity = t.quantity if len(t.names) < 2 else None
        types = tuple(sorted(related.get(m.event, {m.event})))
        # t.start: a "now" telling may join the day before (`span`)
        if t.key in undirected or corefer.event_key(t.lemma) in undirected:
            # the same parties, or one side's all within the other's (`_parties_agree`); a signing coded by its
            # reading is undirected only beside another signing, and directed (below) beside anything else
            out.append(CandidateQuery(t.start, t.end, types, all_parties=tuple(sorted(t.participants)),
                                      either_way=True, quantity=quantity))
        if t.key not in undirected and t.actors:  # a directed act joins only an event with one of its actors
            out.append(CandidateQuery(t.start, t.end, types, any_actor=tuple(sorted(t.actors)),
                                      quantity=quantity))
    return out


RETELL_CANDIDATES = 3  # stored events per undated telling handed to `recluster`: the nearest it retells
RETELL_SCAN = 12  # of the stored events its query selects, the nearest its interval's end that are read to find them


def candidates(store, mentions: list[Mention], related: dict[str, set[str]] | None = None) -> list[Event]:
    """The stored events these new mentions may join (`candidate_queries`), for `recluster`. An undated telling
    may retell any event of its kind and sides in the year before its article, and joins the nearest one; in a
    large store that year holds thousands, and reclustering them all cost a batch a minute, so it brings only
    the few nearest of those it `retells`."""
    mentions = list(mentions)
    dated = [m for m in mentions if not retelling(m)]
    queries = candidate_queries(dated, related)
    out = {e.id: e for e in (store.candidate_events(queries) if queries else [])}
    retold = [m for m in mentions if m.date_start is not None and retelling(m)]
    near = store.nearest_candidates([(candidate_queries([m], related), m.date_end) for m in retold], RETELL_SCAN)
    for m, found in zip(retold, near):
        t = as_retelling(m)
        fit = [e for e in found if retells(t, summary(e))]
        fit.sort(key=lambda e: (_distance(e, m.date_end), e.id))
        for e in fit[:RETELL_CANDIDATES]:
            out.setdefault(e.id, e)
    return list(out.values())


_RELATED: dict[str, set[str]] = {}


def _related() -> dict[str, set[str]]:
    if not _RELATED:
        _RELATED.update(related_events())
    return _RELATED


def codes(refs: Iterable[ActorRef]) -> frozenset[str]:
    return frozenset(r.code for r in refs)


def _named(refs: Iterable[ActorRef]) -> frozenset[str]:
    return frozenset(r.actor_id for r in refs if r.actor_id)


def span(m: Mention) -> tuple[dt.date | None, dt.date | None]:
    """The days a mention can be a telling of: its dates, opened by a day before when only "now" dated it."""
    return merge_start(m.date_start, m.date_how), m.date_end


def telling(m: Mention) -> corefer.EventMention:
    """A coded mention as `corefer` compares it: trigger, coded type, parties, dates and count."""
    after = m.sentence[m.trigger_end - m.sent_start:] if m.sentence else ""
    return corefer.EventMention(
        id=m.id, doc=m.doc_id, lemma=corefer.text_lemma(m.trigger, after),
        participants=codes(m.actor) | codes(m.recipient), sentence=m.sent_index, position=m.trigger_start,
        start=span(m)[0], end=m.date_end, undated=m.date_how.startswith(UNDATED),
        quantity=m.quantity.value if m.quantity else None, actors=codes(m.actor), recipients=codes(m.recipient),
        names=_named(m.actor) | _named(m.recipient), plover=(m.event, m.mode))


def summary(e: Event, tell=None) -> corefer.EventMention:
    """A merged event as one telling: its settled dates, count and parties, the names any mention gave,
    and the trigger of a mention of the type it carries. `tell`: `telling`, or a memo of it."""
    rep = next((x for x in e.mentions if (x.event, x.mode) == (e.event, e.mode)), None)
    return _summary(e, rep, frozenset().union(*(_named(x.actor) | _named(x.recipient) for x in e.mentions)), tell)


def _summary(e: Event, rep: Mention | None, names: frozenset[str], tell=None) -> corefer.EventMention:
    """`summary` from its parts: the first mention of the event's type and mode, the names of all."""
    lemma = (tell or telling)(rep).lemma if rep else ""
    return corefer.EventMention(
        id=e.id, doc="", lemma=lemma, participants=codes(e.actor) | codes(e.recipient),
        start=e.date_start, end=e.date_end, quantity=e.quantity.value if e.quantity else None,
        actors=codes(e.actor), recipients=codes(e.recipient), names=names, plover=(e.event, e.mode))


def _memo(memo: dict):
    """`telling`, kept per mention object in `memo` (a mention's telling does not change while it merges)."""
    def tell(m: Mention) -> corefer.EventMention:
        hit = memo.get(id(m))
        if hit is None or hit[0] is not m:  # the mention is kept with it, so its id is never another's
            hit = memo[id(m)] = (m, telling(m))
        return hit[1]
    return tell


def undated(m: Mention) -> bool:
    """Told with no time expression of its own: the interval only says "before publication"."""
    return m.date_how.startswith(UNDATED)


def retelling(m: Mention) -> bool:
    """Undated and without a count: it retells a dated event, or makes one only as its article's news (`_news`).
    An undated telling with a count is tied by the count instead (`corefer.compatible`), among the dated ones.
    A headline too: it names its article's news in a few words and no time (`headline`)."""
    return undated(m) and m.quantity is None or headline(m)


def headline(m: Mention) -> bool:
    """A headline read by restoring its verb ("X, Y exchange prisoners", `headlines.py`), with no count: it names
    its article's news in a few words and no time, so it retells the act its article (or another) tells with a
    date, and makes an event of its own only when none does (`_news`). (Headlines the parser read as they stand
    merge as the article's other sentences do: deferring them all moved which telling founds an event, and event
    summaries read by majority then split one agreement in real9.)"""
    return m.quantity is None and HEADLINE_NOTE in m.notes


def retell_start(m: Mention) -> dt.date:
    """The first day an undated telling may retell: a year before its article's publication (its news interval,
    `UNDATED_NEWS`, is only where it lies when it retells nothing); a statement told as the story's news
    (`statement_events` in data/undated.yaml: "Erdogan also criticised the West") is what was said then, not a
    retelling of what the same side said months before."""
    if not m.date_how.startswith(UNDATED_NEWS) or m.event in _statement_events():
        return m.date_start
    return m.date_start - (UNDATED_LOOKBACK - NEWS_LOOKBACK)


@functools.lru_cache(maxsize=1)
def _statement_events() -> frozenset[str]:
    from .dating import undated_knowledge  # (only when merging: the word lists load with the language stages)

    return frozenset(e.upper() for e in undated_knowledge().get("statement_events", ()))


def as_retelling(m: Mention, told: corefer.EventMention | None = None) -> corefer.EventMention:
    """An undated telling compared as a retelling: its interval is what it says (some day of the year before
    publication), so overlapping dates, the same kind and the same sides tie it to a dated event without the
    count or names a loosely *dated* telling needs. `told`: `telling(m)`, when known."""
    return dataclasses.replace(told or telling(m), start=retell_start(m), undated=False, retelling=True)


def retells(t: corefer.EventMention, e: corefer.EventMention, recast=None) -> bool:
    """Whether undated telling `t` (`as_retelling`) can retell event `e`: `corefer.compatible`; a telling whose
    coder left another mode of the same type compares by the event's mode ("accused" and "condemned" retell one
    accusation), unless both modes are given and the type's modes are different acts (`distinct_modes`: a recall
    of an envoy never retells the border closed beside it). `recast`: `_recast`, or a memo of it (`Memo.recast`)."""
    if t.plover and e.plover and t.plover[0] == e.plover[0] and t.plover[1] != e.plover[1] and (
            None in (t.plover[1], e.plover[1]) or t.plover[0] not in corefer.load_lexicon().distinct_modes):
        t = (recast or _recast)(t, e.plover)
    return corefer.compatible(t, e)


def _recast(t: corefer.EventMention, plover: tuple) -> corefer.EventMention:
    """`t` compared in another mode of its type (`retells`)."""
    return dataclasses.replace(t, plover=plover)


def dated_by_doc(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    """Each article's mentions that a time expression (or its opening) dated."""
    out: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.date_start is not None and not undated(m):
            out.setdefault(m.doc_id, []).append(m)
    return out


def story_time(m: Mention, dated: Iterable[Mention]) -> tuple[dt.date, str]:
    """The day an undated telling's article tells its story at, and why: its publication day when that is
    known (the undated interval is then exactly UNDATED_LOOKBACK wide), else the latest day its own dated
    tellings pin (an article with an inferred or wide publication date), else the latest possible publication."""
    if _undated_width(m) <= UNDATED_LOOKBACK.days:
        return m.date_end, "publication"
    days = [x.date_end for x in dated if x.date_end is not None]
    return (max(days), "the article's latest dated act") if days else (m.date_end, "latest publication")


def _undated_width(m: Mention) -> int:
    """Days an undated telling may lie in: UNDATED_LOOKBACK when its article's publication day is known."""
    return (m.date_end - retell_start(m)).days


def _distance(e: Event, day: dt.date) -> int:
    """Days from `day` to the event's interval (0 inside it)."""
    return 0 if e.date_start <= day <= e.date_end else min(abs((e.date_start - day).days), abs((e.date_end - day).days))


def _same_cycle(x: Mention, m: Mention) -> bool:
    """Two undated tellings in articles that appeared within a news cycle of each other (both publication days
    known): the same act told by two outlets of those days (a wire story and its reprint), one event."""
    known = _undated_width(x) <= UNDATED_LOOKBACK.days
    return known and abs((x.date_end - m.date_end).days) <= NEWS_CYCLE_DAYS


def _may_retell(m: Mention, e: Event, when: tuple[dt.date, str], retold: list[Mention] | None = None,
                told: bool | None = None) -> bool:
    """Which events an undated telling may retell: one that a dated telling (or a count) fixed, no later than its
    story's time (a retelling tells what happened before it was written); one its own article made undated, or
    an article of the same news cycle (`_same_cycle`); not an undated event of an article days apart, which a
    reader cannot tie to it (two articles a week apart each telling "X urged Y" may tell two appeals).
    `retold`, `told`: its retellings and whether it has another mention, when known (`Memo.may_retell`)."""
    if retold is None:
        retold, told = [x for x in e.mentions if retelling(x)], any(not retelling(x) for x in e.mentions)
    if any(x.doc_id == m.doc_id or when[1] == "publication" and _same_cycle(x, m) for x in retold):
        return True
    slack = 0 if when[1] == "publication" else STORY_SLACK_DAYS
    return told and (e.date_start - when[0]).days <= slack


def story_sides(dated: Iterable[Mention]) -> frozenset[str]:
    """The countries an article's dated acts involve: its story's sides (`_news`, `_aside`)."""
    return frozenset().union(*(codes(x.actor) | codes(x.recipient) for x in dated))


def _news(m: Mention, story: frozenset[str]) -> bool:
    """Whether an undated telling that retells no dated event makes an event of its own: it is told as a done
    act of the story (`UNDATED_NEWS`) in an article with a publication interval (a wide one gives the event its
    whole width, marked wide, and then the sentence must name the recipient too, not leave it to the context,
    unless the act is a demand, always addressed to the other side: `ADDRESSED`),
    names both sides (a doer the sentence itself names, and a recipient of
    another country: a bare act with no date and one side only is more often a retelling or background), and
    both are parties of its article's story, `story`, the countries its dated acts involve (`story_sides`; an
    aside about others is context, not the news)."""
    if headline(m):  # a headline that retells nothing is its article's news, dated by its publication
        return bool(codes(m.recipient) - codes(m.actor)) and not _aside(m, story)
    if not m.date_how.startswith(UNDATED_NEWS):
        return False
    doers = codes(m.actor)
    if not doers or not codes(m.recipient) - doers or all(r.how.startswith("context") for r in m.actor):
        return False  # one side only, or a doer the sentence does not name ("the leaders agreed ...")
    if _undated_width(m) > UNDATED_LOOKBACK.days + WIDE_DAYS and m.event not in ADDRESSED and \
            all(r.how.startswith("context") for r in m.recipient):
        return False  # only a wide interval dates its article: the sentence itself must name the other side too
    return not story or doers <= story and bool(codes(m.recipient) & story)


def _aside(m: Mention, story: frozenset[str]) -> bool:
    """An act between other states than those its article's dated acts involve (`story`, `story_sides`)."""
    return bool(story) and not (codes(m.actor) & story and (not m.recipient or codes(m.recipient) & story))


def compatible(m: Mention, e: Event) -> bool:
    """Can mention `m` be another telling of event `e`? (`corefer.compatible`)"""
    if m.date_start is None or e.date_start is None:
        return False
    return corefer.compatible(telling(m), summary(e))


def _width(m) -> int:
    start = span(m)[0] if isinstance(m, Mention) else m.date_start
    return (m.date_end - start).days if start else 10**6


class _Refs:
    """The references of a list of reference groups, added one group at a time: the codes most groups agree on,
    each with its most specific reference (`_specific`; on a tie the first added)."""

    def __init__(self) -> None:
        self.votes: Counter = Counter()
        self.best: dict[str, tuple[tuple, ActorRef]] = {}

    def add(self, refs: list[ActorRef]) -> None:
        self.votes.update({r.code for r in refs})
        for r in refs:
            key = _specific(r)
            held = self.best.get(r.code)
            if held is None or key < held[0]:
                self.best[r.code] = (key, r)

    def chosen(self) -> list[ActorRef]:
        if not self.votes:
            return []
        top = max(self.votes.values())
        # ties broken by the reference itself, never by which mention came first
        return [self.best[c][1] for c in sorted(c for c, v in self.votes.items() if v == top or v >= 2)]


def _specific(r: ActorRef) -> tuple:
    """How specific a reference is, most first: a sector, not from context, its text; then the reference itself."""
    return (r.sector is None, r.how.startswith("context"), not r.entity_text,
            _ref_text((r.code, r.sector, r.entity_text, r.actor_id, r.how)))


@functools.lru_cache(maxsize=4096)
def _ref_text(fields: tuple) -> str:
    """An actor reference as text, the last tie-break of `_specific` (the same few references recur in every
    mention of a story)."""
    return repr(sorted(ActorRef(*fields).to_dict().items()))


class _Dates:
    """What `rebuild` reads of a set of tellings' dates, added one at a time."""

    def __init__(self) -> None:
        self.n, self.sure = 0, False
        self.lo_span = self.lo_start = self.hi = None
        self.narrow: tuple | None = None  # (key, mention) of the narrowest, on a tie the first added

    def add(self, m: Mention) -> None:
        first = span(m)[0]
        self.n += 1
        self.sure = self.sure or first == m.date_start
        self.lo_span = first if self.lo_span is None else max(self.lo_span, first)
        self.lo_start = m.date_start if self.lo_start is None else max(self.lo_start, m.date_start)
        self.hi = m.date_end if self.hi is None else min(self.hi, m.date_end)
        key = (_width(m), first, m.id)
        if self.narrow is None or key < self.narrow[0]:
            self.narrow = (key, m)

    def interval(self) -> tuple[dt.date, dt.date]:
        """The intersection of all tellings (a "now" telling leaves the day to a telling that names it), else the
        narrowest telling's dates."""
        if not self.n:
            raise ValueError("no dated telling")
        lo = self.lo_span if self.sure else self.lo_start
        if lo <= self.hi:
            return lo, self.hi
        narrow = self.narrow[1]
        return span(narrow) if self.sure else (narrow.date_start, narrow.date_end)


class _Rebuilt:
    """`rebuild` of an event, its mentions added one at a time in their order: `merge` keeps one per event while
    mentions join it (`Memo.rebuild`), so each join reads the new mention, not every mention again (a story told by
    many outlets made that quadratic). `rebuild` itself is this over all the mentions: one definition."""

    def __init__(self, event: Event):
        self.event, self.n, self.last = event, 0, None
        self.best: tuple | None = None  # (key, mention) of the reading that wins
        self.all_dated, self.told_dated = _Dates(), _Dates()
        self.counts: Counter = Counter()
        self.sure: dict[float, float] = {}  # per count, the highest confidence of a mention giving it
        self.first: dict[float, tuple] = {}  # per count, the (key, mention) that gives it first
        self.actors, self.recipients, self.doubts = _Refs(), _Refs(), DoubtTally()
        # what `summary` and `_may_retell` read: the first mention of each reading, the names, the retellings
        self.reps: dict[tuple, Mention] = {}
        self.names: set[str] = set()
        self.retold: list[Mention] = []
        self.told = False

    def add(self, m: Mention) -> None:
        self.n, self.last = self.n + 1, m
        # the act over the promise, the visit over talks, a coded mode over one the coder left open; every tie is
        # broken by a stable key (the mention id): the result never depends on storage order
        key = (RANK.get(m.event, 0), m.mode == "visit", m.mode is not None, m.confidence, m.id)
        if self.best is None or key > self.best[0]:
            self.best = (key, m)
        if m.date_start is not None:
            self.all_dated.add(m)
            if not retelling(m):  # an undated retelling says only "before publication"
                self.told_dated.add(m)
        if m.quantity:
            v = m.quantity.value
            self.counts[v] += 1
            self.sure[v] = max(self.sure.get(v, m.confidence), m.confidence)
            at = (m.doc_name, m.trigger_start, m.id)
            if v not in self.first or at < self.first[v][0]:
                self.first[v] = (at, m)
        self.actors.add(m.actor)
        if m.recipient:
            self.recipients.add(m.recipient)
        self.doubts.add(m)
        self.reps.setdefault((m.event, m.mode), m)
        self.names.update(_named(m.actor) | _named(m.recipient))
        if retelling(m):
            self.retold.append(m)
        else:
            self.told = True

    def current(self, e: Event) -> bool:
        """Whether it has read all of `e`'s mentions (and no other)."""
        return self.event is e and self.n == len(e.mentions) and (not self.n or e.mentions[-1] is self.last)

    def apply(self) -> Event:
        event = self.event
        if self.best is None:
            raise ValueError(f"event {event.id} has no mentions to rebuild it from")
        best = self.best[1]
        event.event, event.mode, event.cameo = best.event, best.mode, best.cameo
        event.goldstein, event.plover_score = best.goldstein, best.plover_score
        # the tellings with a date (or a count) date the event; undated retellings only when there are no others
        event.date_start, event.date_end = (self.told_dated if self.told_dated.n else self.all_dated).interval()
        if self.counts:
            # the figure most mentions give; on a tie the one a more confident mention gives, then the larger
            value = max(self.counts, key=lambda v: (self.counts[v], self.sure[v], v))
            event.quantity = Quantity(value, "person", self.first[value][1].quantity.text)
        else:
            event.quantity = None
        event.actor = self.actors.chosen()
        a = codes(event.actor)
        recipients = self.recipients.chosen()
        event.recipient = [r for r in recipients if r.code not in a] or recipients
        # independent tellings raise confidence; an inferred or wide date, an actor from context lower it
        event.confidence = self.doubts.confidence(date_width(event))
        return event


def rebuild(event: Event) -> Event:
    """Recompute an event's fields from its mentions: most precise date and count, majority actors."""
    rebuilt = _Rebuilt(event)
    for m in event.mentions:
        rebuilt.add(m)
    return rebuilt.apply()


def new_event(m: Mention) -> Event:
    eid = "ev-" + hashlib.sha1(m.id.encode()).hexdigest()[:12]
    return rebuild(Event(id=eid, event=m.event, mode=m.mode, cameo=m.cameo, goldstein=m.goldstein,
                         plover_score=m.plover_score, actor=list(m.actor), recipient=list(m.recipient),
                         date_start=m.date_start, date_end=m.date_end, quantity=m.quantity, mentions=[m]))


def _vague(m: Mention) -> bool:
    """Dated only by an inferred publication interval wider than the recency window (pubdate.py)."""
    return PUB_INFERRED in m.date_how and _width(m) > WIDE_DAYS


def _fit(m: Mention, e: Event) -> tuple:
    """Rank candidate events: same day first, then agreeing count, then narrowest."""
    same_day = m.date_start == e.date_start and m.date_end == e.date_end
    return (same_day, bool(m.quantity and e.quantity), -_width(e))


class _ByKind:
    """The events of a merge by the kind of act their summary tells (`corefer.compatible` compares tellings of
    one kind only) and by PLOVER type (a retelling takes an event's mode, `retells`), each list in the order of
    the events: a telling is compared with the few events of its kind, not with every one (merging a story
    told by many outlets compared each of its tellings with every event of the dyad)."""

    def __init__(self, events: list[Event], summed):
        self.summed, self.pos, self.where = summed, {}, {}
        self.by_key: dict[str, dict[int, Event]] = {}
        self.by_type: dict[str, dict[int, Event]] = {}
        for e in events:
            self.add(e)

    def add(self, e: Event) -> None:
        self.pos.setdefault(id(e), len(self.pos))
        key, kind = self.summed(e).key, e.event
        self.where[id(e)] = (key, kind)
        self.by_key.setdefault(key, {})[id(e)] = e
        self.by_type.setdefault(kind, {})[id(e)] = e

    def changed(self, e: Event) -> None:
        key, kind = self.where[id(e)]
        del self.by_key[key][id(e)], self.by_type[kind][id(e)]
        self.add(e)

    def of_kind(self, t: corefer.EventMention) -> list[Event]:
        """The events `t` can be compatible with: of its kind."""
        return self._ordered(self.by_key.get(t.key, {}))

    def retold(self, t: corefer.EventMention) -> list[Event]:
        """The events retelling `t` can retell: of its kind, or of its PLOVER type in another mode."""
        found = dict(self.by_key.get(t.key, {}))
        found.update(self.by_type.get(t.plover[0], {}) if t.plover else {})
        return self._ordered(found)

    def _ordered(self, found: dict[int, Event]) -> list[Event]:
        return sorted(found.values(), key=lambda e: self.pos[id(e)])


class Memo:
    """What `merge` keeps between calls on one list of events (`recluster` merges article after article into
    it): each event's summary until a mention joins it, each mention's telling, the events by kind."""

    def __init__(self, events: list[Event], summaries: dict[str, corefer.EventMention] | None = None,
                 tellings: dict | None = None):
        self.events, self.summaries = events, {} if summaries is None else summaries
        self.tellings = {} if tellings is None else tellings
        self.tell = _memo(self.tellings)
        self.rebuilt: dict[int, _Rebuilt] = {}
        self.kinds = _ByKind(events, self.summed)

    def rebuild(self, e: Event) -> Event:
        """`rebuild(e)` after mentions were appended to it: from what the last rebuild here read, plus them."""
        kept = self.rebuilt.get(id(e))
        if kept is None or kept.event is not e or kept.n > len(e.mentions) or (
                kept.n and e.mentions[kept.n - 1] is not kept.last):
            kept = self.rebuilt[id(e)] = _Rebuilt(e)  # (it holds the event: its id is never another's)
        for m in e.mentions[kept.n:]:
            kept.add(m)
        return kept.apply()

    def summed(self, e: Event) -> corefer.EventMention:
        if e.id not in self.summaries:
            kept = self.rebuilt.get(id(e))
            self.summaries[e.id] = (_summary(e, kept.reps.get((e.event, e.mode)), frozenset(kept.names), self.tell)
                                    if kept is not None and kept.current(e) else summary(e, self.tell))
        return self.summaries[e.id]

    def as_retold(self, m: Mention) -> corefer.EventMention:
        """`as_retelling(m)`, kept with its telling (a mention is compared as a retelling in every recluster
        of its batch: a story told by six outlets made thousands of them)."""
        hit = self.tellings.get(("retold", id(m)))
        if hit is None or hit[0] is not m:  # kept with the mention, so its id is never another's
            hit = self.tellings[("retold", id(m))] = (m, as_retelling(m, self.tell(m)))
        return hit[1]

    def recast(self, t: corefer.EventMention, plover: tuple) -> corefer.EventMention:
        """`_recast(t, plover)`, kept per telling and mode."""
        hit = self.tellings.get(("recast", id(t), plover))
        if hit is None or hit[0] is not t:
            hit = self.tellings[("recast", id(t), plover)] = (t, _recast(t, plover))
        return hit[1]

    def may_retell(self, m: Mention, e: Event, when: tuple[dt.date, str]) -> bool:
        kept = self.rebuilt.get(id(e))
        return _may_retell(m, e, when, *((kept.retold, kept.told) if kept is not None and kept.current(e) else ()))


def merge(mentions: Iterable[Mention], events: list[Event],
          summaries: dict[str, corefer.EventMention] | None = None,
          story: Iterable[Mention] | None = None, memo: Memo | None = None) -> list[Event]:
    """Add mentions to `events` (in place, new events appended); returns the events touched.

    The most precisely dated mentions go first, so that a vaguely dated telling joins the event
    its precise siblings already formed rather than forming one of its own; undated retellings last. `story`:
    the mentions of their articles whose dates tell each article's time (`story_time`), when not all are here.
    `memo`: what a caller merging into the same `events` in several calls keeps between them (`Memo`; else
    `summaries`, each event's summary until a mention joins it).
    """
    touched: dict[str, Event] = {}
    mentions = list(mentions)
    by_doc = dated_by_doc(mentions if story is None else story)
    sides: dict[str, frozenset[str]] = {}  # each article's story sides, read once

    def sides_of(doc_id: str) -> frozenset[str]:
        if doc_id not in sides:
            sides[doc_id] = story_sides(by_doc.get(doc_id, ()))
        return sides[doc_id]

    if memo is None or memo.events is not events:  # a caller merging several batches into one list keeps them
        memo = Memo(events, summaries)
    summaries, summed, tell, kinds = memo.summaries, memo.summed, memo.tell, memo.kinds
    for m in sorted(mentions, key=lambda m: (retelling(m), LOOK_BACK in m.notes, _width(m), -m.confidence, m.id)):
        if m.date_start is None or history_aside(m):
            continue  # (an aside of history about other states is context: `history.py`)
        t = tell(m)
        if retelling(m):
            when = story_time(m, by_doc.get(m.doc_id, ()))
            t = memo.as_retold(m)
            fits = [e for e in kinds.retold(t) if e.date_start is not None and retells(t, summed(e), memo.recast)
                    and memo.may_retell(m, e, when)]
            if fits:  # a retelling: of the event its own article tells, else of the one nearest its story's time
                e = min(fits, key=lambda e: (not any(x.doc_id == m.doc_id for x in e.mentions),
                                              _distance(e, when[0]), e.id))
                e.mentions.append(m)
                memo.rebuild(e)
                summaries.pop(e.id, None)
                kinds.changed(e)
                m.event_id = e.id
                touched[e.id] = e
                continue
            if headline(m):  # else what it says as a telling of its article's last days, as the body's sentences
                t = tell(m)
                fits = [e for e in kinds.of_kind(t) if e.date_start is not None and corefer.compatible(t, summed(e))]
                if not fits and not _news(m, sides_of(m.doc_id)):
                    continue
            elif not _news(m, sides_of(m.doc_id)):
                continue  # background: it supports an event told with a date but makes none of its own
            else:
                fits = []
        else:
            fits = [e for e in kinds.of_kind(t) if e.date_start is not None and corefer.compatible(t, summed(e))]
        if len(fits) > 1 and _vague(m):
            fits = []  # a telling dated only by a wide inferred interval cannot say which of them it retells
        if not fits and (LOOK_BACK in m.notes or undated(m) and _aside(m, sides_of(m.doc_id))):
            continue  # a look back ("had expelled two diplomats", "last visited in 2012") or an aside: ties to nothing
        if fits:
            e = max(fits, key=lambda e: (_fit(m, e), e.id))
            e.mentions.append(m)
            memo.rebuild(e)
            summaries.pop(e.id, None)
            kinds.changed(e)
        else:
            e = new_event(m)
            events.append(e)
            kinds.add(e)
        m.event_id = e.id
        touched[e.id] = e
    return list(touched.values())


def recluster(mentions: Iterable[Mention], candidates: list[Event], tellings: dict | None = None
              ) -> tuple[list[Event], list[Event], list[str], list[Mention]]:
    """Merge new mentions with the stored events they may join as if all had come in one batch: the
    candidates' mentions and the new ones are merged again from nothing, in `merge`'s canonical order, so
    the events do not depend on which article was stored first or on batch boundaries.

    Returns (the events to write, the events that came out as stored, the ids of candidate events that no
    longer exist, the stored mentions now in another event or in none). A remade event keeps the id of the
    stored event it shares most mentions with (`explain ID` goes on working); one made of new mentions only
    is named after its founding mention. `tellings`: a memo of each mention's telling that a caller reclustering
    the same mention objects again keeps (`batch_write`: the events of a batch are reclustered article by article).
    """
    new = [m for m in mentions if m.date_start is not None]
    old = [m for e in candidates for m in e.mentions]
    was = {m.id: m.event_id for m in old}
    for m in old:
        m.event_id = ""
    made: list[Event] = []
    # article by article in one stable order (by name, then id), each article's mentions in `merge`'s order:
    # the result no longer depends on which article was stored first, and reads as ingesting them in order
    by_doc: dict[tuple[str, str], list[Mention]] = {}
    for m in old + new:
        by_doc.setdefault((m.doc_name, m.doc_id), []).append(m)
    memo = Memo(made, tellings=tellings)
    # the dated tellings of every article first (its look backs after every article's news, so that a look back
    # joins the event an article of its own time makes whichever is named first), then the undated ones: an
    # undated telling retells a dated event whichever article was stored first, and makes one only when it retells none
    for back in (False, True):
        for key in sorted(by_doc):
            merge([m for m in by_doc[key] if not retelling(m) and (LOOK_BACK in m.notes) == back], made, memo=memo)
    for key in sorted(by_doc):
        merge([m for m in by_doc[key] if retelling(m)], made, story=by_doc[key], memo=memo)
    _keep_ids(made, candidates)
    stored = {e.id: e for e in candidates}
    same = [e for e in made if e.id in stored and _same(stored[e.id], e)]
    keep = [e for e in made if not (e.id in stored and _same(stored[e.id], e))]
    gone = sorted(set(stored) - {e.id for e in made})
    moved = [m for m in old if m.event_id != was[m.id]]
    return keep, same, gone, moved


def _keep_ids(made: list[Event], stored: list[Event]) -> None:
    """Give each remade event the id of the stored event it shares most mentions with, one to one (ties by
    id, so the choice is stable), and point its mentions at it."""
    owner = {m.id: e.id for e in stored for m in e.mentions}
    pairs = sorted((-n, old, i) for i, e in enumerate(made)
                   for old, n in Counter(owner[m.id] for m in e.mentions if m.id in owner).items())
    given: dict[int, str] = {}
    for _, old, i in pairs:
        if i not in given and old not in given.values():
            given[i] = old
    used = set(given.values())
    for i, e in enumerate(made):
        if i in given:
            e.id = given[i]
        elif e.id in used:  # its founder's hash is the id a stored event keeps: another name
            e.id = "ev-" + hashlib.sha1((e.id + "+").encode()).hexdigest()[:12]
        for m in e.mentions:
            m.event_id = e.id


def _same(a: Event, b: Event) -> bool:
    """Whether a stored event and its remade twin are one (same mentions and fields): it need not be written."""
    return ({m.id for m in a.mentions} == {m.id for m in b.mentions}
            and (a.event, a.mode, a.date_start, a.date_end, a.quantity, a.confidence)
            == (b.event, b.mode, b.date_start, b.date_end, b.quantity, b.confidence)
            and [r.to_dict() for r in a.actor] == [r.to_dict() for r in b.actor]
            and [r.to_dict() for r in a.recipient] == [r.to_dict() for r in b.recipient])
