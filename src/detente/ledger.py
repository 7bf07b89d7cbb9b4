"""The concession ledger of a dyad: what each side gave and asked for, and which gives answered which.

A thaw is a bargain told piecemeal: one article says Minsk freed 52 people, the next sentence says
"in return" Washington eased sanctions on Belavia. The ledger lists every concession and demand of
the two states in date order and links concessions of the two sides when the text ties them (a cue
from `data/ledger.yaml` in or between their sentences) or when they fall close together after a
demand. Every link says why it was made and cites its sentences.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from .disjoint import DisjointSets
from .model import Document, Event, Mention
from .store import DEFAULT_DB, Store
from .common import actors_text, date_text, parse_dyad
from .trend import dyad_events, side_of


@dataclass
class Config:
    kinds: list[dict]
    cues: dict[str, list[re.Pattern]]
    max_sentence_gap: int
    text_window_days: int
    lone_cue_window_days: int
    pair_window_days: int
    max_width_days: int
    demand_window_days: int


def load_config(path: str | None = None) -> Config:
    """The ledger rules and cue words (the bundled `data/ledger.yaml`, or another file)."""
    if path is None:
        raw = yaml.safe_load((resources.files("detente") / "data" / "ledger.yaml").read_text(encoding="utf-8"))
    else:
        try:
            with open(path, encoding="utf-8") as f:
                raw = yaml.safe_load(f)
        except (OSError, yaml.YAMLError) as e:
            raise ValueError(f"{path}: cannot read ledger rules ({e.__class__.__name__})") from e
    try:
        cues = {group: [re.compile(rf"(?<!\w){p}(?!\w)", re.I) for p in pats]
                for group, pats in raw["cues"].items()}
        return Config(raw["kinds"], cues, *(int(raw[k]) for k in (
            "max_sentence_gap", "text_window_days", "lone_cue_window_days", "pair_window_days",
            "max_width_days", "demand_window_days")))
    except (KeyError, TypeError, re.error) as e:
        raise ValueError(f"{path or 'ledger.yaml'}: bad ledger rules ({e})") from e


@lru_cache(maxsize=1)
def default_config() -> Config:
    return load_config()


def kind_of(e: Event, cfg: Config) -> tuple[str, str] | None:
    """(kind, label) of the first rule that fits the event, or None when it is no concession or demand."""
    for rule in cfg.kinds:
        if rule["event"] != e.event:
            continue
        if "mode" in rule and rule["mode"] != (e.mode or None):
            continue
        if "cameo" in rule and not any(str(e.cameo).startswith(c) for c in rule["cameo"]):
            continue
        return rule["kind"], rule["label"]
    return None


def find_cue(text: str, cfg: Config) -> tuple[str, str] | None:
    """The cue of a text, (group, the words as written): the earliest of the first group that has one."""
    text = text.replace("\u2019", "'")
    found = [(g, m.start(), -len(m.group(0)), group, m.group(0))
             for g, (group, pats) in enumerate(cfg.cues.items()) for p in pats for m in [p.search(text)] if m]
    return min(found)[3:] if found else None


@dataclass
class Entry:
    """One concession or demand by one side of the dyad."""

    event: Event
    side: str
    other: str
    kind: str
    label: str

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def date_start(self) -> dt.date | None:
        return self.event.date_start

    @property
    def date_end(self) -> dt.date | None:
        return self.event.date_end

    @property
    def people(self) -> int | None:
        q = self.event.quantity
        return int(q.value) if q and self.kind == "release" and q.unit == "person" else None

    @property
    def is_concession(self) -> bool:
        return self.kind != "demand"

    def describe(self) -> str:
        e = self.event
        what = f"{self.label}: {self.people}" if self.people else self.label
        return f"{self.side} {what} ({e.event} {e.mode or ''}".rstrip() + ")"

    def row(self) -> dict:
        e = self.event
        return {"id": e.id, "date_start": e.date_start, "date_end": e.date_end, "date": date_text(e),
                "side": self.side, "other": self.other, "kind": self.kind, "label": self.label,
                "event": e.event, "mode": e.mode, "cameo": e.cameo, "people": self.people,
                "actor": actors_text(e.actor), "recipient": actors_text(e.recipient),
                "articles": e.num_articles, "confidence": e.confidence,
                "quote": e.mentions[0].sentence if e.mentions else ""}


@dataclass
class Evidence:
    doc_name: str
    doc_id: str
    text: str


@dataclass
class Link:
    """Two entries of the two sides that answer each other, and why detente says so."""

    a: Entry
    b: Entry
    why: str  # text | timing | text+timing
    cue: str  # the cue words as written, or the timing rule that fired
    evidence: list[Evidence] = field(default_factory=list)
    demand: Entry | None = None  # the demand that preceded a timing link

    def reason(self) -> str:
        if self.why == "text":
            return f"the text links them: \u201c{self.cue}\u201d"
        if self.why == "text+timing":
            return f"the text says \u201c{self.cue}\u201d; the partner is the other side's latest step before it"
        return self.cue

    def row(self) -> dict:
        return {"a": self.a.id, "a_side": self.a.side, "a_kind": self.a.kind, "b": self.b.id,
                "b_side": self.b.side, "b_kind": self.b.kind, "why": self.why, "cue": self.cue,
                "demand": self.demand.id if self.demand else None,
                "evidence": " | ".join(f"{ev.doc_name}: {ev.text}" for ev in self.evidence)}


@dataclass
class Exchange:
    """A group of linked entries: one round of the bargain."""

    entries: list[Entry]
    links: list[Link]

    @property
    def date_start(self) -> dt.date | None:
        return min((e.date_start for e in self.entries if e.date_start), default=None)

    @property
    def date_end(self) -> dt.date | None:
        return max((e.date_end for e in self.entries if e.date_end), default=None)

    def summary(self) -> str:
        by_side: dict[str, list[str]] = {}
        for e in self.entries:
            by_side.setdefault(e.side, []).append(f"{e.label}{': ' + str(e.people) if e.people else ''}")
        return "; ".join(f"{side}: {', '.join(dict.fromkeys(items))}" for side, items in by_side.items())


TOTAL_KEYS = ("people_released", "people_released_high", "people_released_text", "releases", "release_rounds",
              "releases_without_count", "sanctions_actions", "visits", "calls", "upgrades", "pledges", "promises",
              "other_retreats", "demands")
_KIND_TOTAL = {"release": "releases", "sanctions": "sanctions_actions", "visit": "visits", "call": "calls",
               "upgrade": "upgrades", "pledge": "pledges", "promise": "promises", "retreat": "other_retreats",
               "demand": "demands"}


NARROW_DAYS = 7  # a release dated within a week is one round; a wider interval may be a running total


def _counts(e: Entry) -> tuple[int, int] | None:
    """The lowest and highest head count the sources give for one release (None when none gives one)."""
    values = [m.quantity.value for m in e.event.mentions if m.quantity is not None and m.quantity.unit == "person"]
    if e.people:
        values.append(e.people)
    return (int(min(values)), int(max(values))) if values else None


def _rounds(releases: list[tuple]) -> list[tuple]:
    """Narrowly dated releases (within NARROW_DAYS) whose days overlap are one round told with different counts
    (32 in one outlet, 33 in another; a day apart counts as overlapping, since outlets in other time zones
    or a report of the next day's handover differ by one): one (start, end, lowest count). Wider ones stay."""
    narrow = sorted((r for r in releases if (r[1] - r[0]).days <= NARROW_DAYS), key=lambda r: (r[0], r[1], r[2] or 0))
    out = [r for r in releases if (r[1] - r[0]).days > NARROW_DAYS]
    for start, end, low in narrow:
        if out and out[-1][3:] == ("narrow",) and start <= out[-1][1] + dt.timedelta(days=1):  # a day's slack
            s0, e0, l0, _ = out[-1]
            # a release told without a count (None) says nothing against another telling's figure
            out[-1] = (s0, max(e0, end), min((x for x in (l0, low) if x is not None), default=None), "narrow")
        else:
            out.append((start, end, low, "narrow"))
    return [(r[0], r[1], UNCOUNTED if r[2] is None else r[2]) for r in out]


UNCOUNTED = 1  # a release that happened freed someone: told without a count, it counts at least one person


def people_released_range(releases: list[Entry]) -> tuple[int, int | None]:
    """How many people one side released, as (at least, at most); at most is None when a release has no count,
    and such a release counts one person in the lower bound (it freed someone: "at least 1", never "at least 0").

    Releases whose dates overlap may be one happening the merge could not join (one source's wider interval,
    an article's running total "has freed 16 since August"), so the lower bound counts only releases that
    cannot be the same: the heaviest set of pairwise disjoint intervals (weighted interval scheduling, a
    few lines of dynamic programming that no library we use offers), each at its lowest reported count.
    The upper bound adds every release at its highest count."""
    counts = [(e, _counts(e)) for e in releases]
    high = None if any(c is None for _, c in counts) else sum(c[1] for _, c in counts)
    # a release told without a count still freed someone: it counts one, unless a telling of its round gives more
    rounds = _rounds([(e.date_start, e.date_end, c[0] if c else None) for e, c in counts if e.date_start and e.date_end])
    rounds.sort(key=lambda r: r[1])
    ends = [r[1] for r in rounds]
    best = [0] * (len(rounds) + 1)  # best[i]: the heaviest disjoint set among the first i releases by end day
    for i, (start, _, low) in enumerate(rounds, 1):
        j = bisect.bisect_left(ends, start, 0, i - 1)  # releases ending before this one starts
        best[i] = max(best[i - 1], best[j] + low)
    undated = max((c[0] if c else UNCOUNTED for e, c in counts if not (e.date_start and e.date_end)), default=0)
    return max(best[-1], undated), high


def release_rounds(releases: list[Entry]) -> int:
    """The fewest distinct releases the side's release events can be: events whose days overlap (one outlet's
    day, another's wide interval or running total) may be one happening told twice, so it counts once. The
    fewest days that touch every interval (the greedy stabbing of intervals by their end, a few lines no
    library we use offers), with a day's slack as in `_rounds`; an undated release may be any of them, and
    counts only when no release is dated."""
    spans = sorted(((e.date_start, e.date_end) for e in releases if e.date_start and e.date_end),
                   key=lambda iv: iv[1])
    count, stab = 0, None
    for start, end in spans:
        if stab is None or start > stab + dt.timedelta(days=1):
            count, stab = count + 1, end
    return count or int(any(not (e.date_start and e.date_end) for e in releases))


def range_text(low: int, high: int | None) -> str:
    """A total an analyst can quote: "66", "71-87" or "at least 71"."""
    if high is None:
        return f"at least {low}"
    return str(low) if high == low else f"{low}\u2013{high}"


def totals_of(entries: list[Entry], sides: tuple[str, str], since=None, until=None) -> dict[str, dict]:
    """Per side: people released (a range), release rounds, sanctions actions, visits ... between two days."""
    since, until = _day(since), _day(until)
    out = {s: dict.fromkeys(TOTAL_KEYS, 0) for s in sides}
    releases: dict[str, list[Entry]] = {s: [] for s in sides}
    for e in entries:
        if since and (e.date_end is None or e.date_end < since):
            continue
        if until and (e.date_start is None or e.date_start > until):
            continue
        t = out[e.side]
        t[_KIND_TOTAL[e.kind]] += 1
        if e.kind == "release":
            releases[e.side].append(e)
            if not _counts(e):
                t["releases_without_count"] += 1
    for side, rel in releases.items():
        low, high = people_released_range(rel)
        out[side]["release_rounds"] = release_rounds(rel)
        out[side].update(people_released=low, people_released_high=high, people_released_text=range_text(low, high))
    return out


@dataclass
class Ledger:
    """The concessions and demands of a dyad in date order, their links, exchanges and totals."""

    dyad: tuple[str, str]
    entries: list[Entry]
    links: list[Link]
    since: dt.date | None = None
    until: dt.date | None = None

    @property
    def exchanges(self) -> list[Exchange]:
        return exchanges_of(self.entries, self.links)

    @property
    def totals(self) -> dict[str, dict]:
        return totals_of(self.entries, self.dyad)

    def totals_between(self, since=None, until=None) -> dict[str, dict]:
        return totals_of(self.entries, self.dyad, since, until)

    def rows(self) -> list[dict]:
        """The entries as flat rows, with the exchange each belongs to (or None)."""
        which = {e.id: i for i, x in enumerate(self.exchanges, 1) for e in x.entries}
        return [{**e.row(), "exchange": which.get(e.id)} for e in self.entries]

    def to_frame(self):
        """The entries as a pandas DataFrame, with the exchange each belongs to (or None)."""
        import pandas as pd

        frame = pd.DataFrame(self.rows())
        if len(frame):  # counts stay whole numbers with gaps, not floats
            frame = frame.astype({"people": "Int64", "exchange": "Int64"})
        return frame

    def links_frame(self):
        import pandas as pd

        return pd.DataFrame([lk.row() for lk in self.links])

    def totals_frame(self):
        import pandas as pd

        return pd.DataFrame.from_dict(self.totals, orient="index")


def _day(v) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


def entries_of(events: list[Event], dyad: tuple[str, str], cfg: Config | None = None) -> list[Entry]:
    cfg = cfg or default_config()
    out = []
    for e in events:
        k = kind_of(e, cfg)
        side = side_of(e, dyad) if k else None
        if side:
            out.append(Entry(e, side, dyad[1] if side == dyad[0] else dyad[0], *k))
    out.sort(key=lambda x: (x.date_start or dt.date.max, x.date_end or dt.date.max, x.id))
    return out


def _gap_days(a: Entry, b: Entry) -> int | None:
    """Days between two entries' intervals (0 when they overlap); None when either is undated."""
    if not (a.date_start and b.date_start):
        return None
    return max(0, (max(a.date_start, b.date_start) - min(a.date_end, b.date_end)).days)


def _span(doc: Document | None, ms: list[Mention]) -> str:
    """The text from the first to the last of some mentions' sentences in one article."""
    ms = sorted(ms, key=lambda m: m.sent_start)
    lo, hi = ms[0].sent_start, max(m.sent_start + len(m.sentence) for m in ms)
    if doc is not None and doc.text[lo:lo + len(ms[0].sentence)] == ms[0].sentence:
        return doc.text[lo:hi]
    return " ".join(dict.fromkeys(m.sentence for m in ms))


def _text_link(a: Entry, b: Entry, docs: dict[str, Document | None], cfg: Config) -> Link | None:
    for ma in a.event.mentions:
        for mb in b.event.mentions:
            if ma.doc_id != mb.doc_id or abs(ma.sent_index - mb.sent_index) > cfg.max_sentence_gap:
                continue
            text = _span(docs.get(ma.doc_id), [ma, mb])
            cue = find_cue(text, cfg)
            if cue:
                return Link(a, b, "text", cue[1], [Evidence(ma.doc_name, ma.doc_id, text)])
    return None


def link_entries(entries: list[Entry], docs: dict[str, Document | None], cfg: Config | None = None) -> list[Link]:
    """Text links, then lone cues tied to the other side's latest step, then timing links after demands."""
    cfg = cfg or default_config()
    links: list[Link] = []
    linked: set[frozenset[str]] = set()

    def add(link: Link) -> None:
        key = frozenset((link.a.id, link.b.id))
        if key not in linked:
            linked.add(key)
            links.append(link)

    # a text link needs both in one article: only entries sharing an article are compared (not every pair)
    by_doc: dict[str, list[int]] = {}
    for i, e in enumerate(entries):
        for doc_id in {m.doc_id for m in e.event.mentions}:
            by_doc.setdefault(doc_id, []).append(i)
    for i, a in enumerate(entries):
        for b in (entries[j] for j in sorted({j for d in {m.doc_id for m in a.event.mentions} for j in by_doc[d] if j > i})):
            if a.side == b.side or not (a.is_concession or b.is_concession):
                continue
            gap = _gap_days(a, b)
            if gap is not None and gap > cfg.text_window_days:
                continue
            found = _text_link(a, b, docs, cfg)
            if found:
                add(found)

    touched = {i for k in linked for i in k}
    for c in entries:
        if not c.is_concession or c.id in touched or not c.date_start:
            continue
        for m in c.event.mentions:
            cue = find_cue(m.sentence, cfg)
            if not cue or cue[0] != "exchange":
                continue
            before = [o for o in entries if o.side != c.side and o.date_end and o.date_end <= c.date_start
                      and (c.date_start - o.date_end).days <= cfg.lone_cue_window_days
                      and (o.date_end - o.date_start).days <= 31]  # a year-wide date says nothing of order
            if before:
                partner = max(before, key=lambda o: (o.date_end, o.date_start))
                ev = [Evidence(m.doc_name, m.doc_id, m.sentence)] + _first_evidence(partner)
                add(Link(partner, c, "text+timing", cue[1], ev))
                break

    narrow = [c for c in entries if c.is_concession and c.date_start
              and (c.date_end - c.date_start).days < cfg.max_width_days]
    for d in entries:
        if d.kind != "demand" or not d.date_start:
            continue
        after = [c for c in narrow if d.date_start <= c.date_start
                 and (c.date_start - d.date_end).days <= cfg.demand_window_days]
        for i, a in enumerate(after):
            for b in after[i + 1:]:
                gap = _gap_days(a, b)
                if a.side != b.side and gap is not None and gap <= cfg.pair_window_days:
                    rule = (f"timing: {a.side} and {b.side} steps {gap} day(s) apart, "
                            f"{(min(a.date_start, b.date_start) - d.date_end).days} day(s) after "
                            f"{d.side}'s demand of {date_text(d.event)}")
                    add(Link(a, b, "timing", rule, _first_evidence(a) + _first_evidence(b) + _first_evidence(d), d))
    return links


def _first_evidence(e: Entry) -> list[Evidence]:
    return [Evidence(m.doc_name, m.doc_id, m.sentence) for m in e.event.mentions[:1]]


def exchanges_of(entries: list[Entry], links: list[Link]) -> list[Exchange]:
    """Linked entries grouped (connected components), with the demands that preceded them, by date."""
    sets = DisjointSets()
    for lk in links:
        sets.union(lk.a.id, lk.b.id)
        if lk.demand:
            sets.union(lk.demand.id, lk.a.id)
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        if e.id in sets:
            groups.setdefault(sets.find(e.id), []).append(e)
    out = [Exchange(es, [lk for lk in links if sets.find(lk.a.id) == root]) for root, es in groups.items()]
    out.sort(key=lambda x: (x.date_start or dt.date.max, x.entries[0].id))
    return out


def ledger(db: str = DEFAULT_DB, dyad="USA-BLR", since=None, until=None, rules: str | None = None) -> Ledger:
    """The concession ledger of a dyad from the store at `db` (entries, links, exchanges, totals)."""
    pair = parse_dyad(dyad)
    if pair is None:
        raise ValueError("the ledger needs a dyad, e.g. USA-BLR")
    cfg = load_config(rules) if rules else default_config()
    with Store(db, read_only=True) as store:
        events = dyad_events(db, pair, since, until, store=store)
        entries = entries_of(events, pair, cfg)
        ids = list({m.doc_id: None for e in entries for m in e.event.mentions})
        docs = {i: None for i in ids} | {d.id: d for d in store.iter_documents(ids)}
    return Ledger(pair, entries, link_entries(entries, docs, cfg), _day(since), _day(until))


def ledger_of(events: list[Event], dyad, docs: dict[str, Document | None] | None = None,
              cfg: Config | None = None) -> Ledger:
    """The ledger of events already in hand (no store): for tests and notebooks."""
    pair = parse_dyad(dyad)
    entries = entries_of(events, pair, cfg)
    return Ledger(pair, entries, link_entries(entries, docs or {}, cfg))


