"""Conflicting claims: where sources disagree, record each claim with its source and show the disagreement.

Two kinds of disagreement are found:
- about a standing figure at about the same time (how many political prisoners remain: 1,100 per
  Viasna, 1,300 per Trump), from the quantity claims of `detente.claims`;
- within one merged event, between its mentions: how many were freed (`count`), on which day
  (`date`), who took part (`participants`).
A spelling variant of one person's name across mentions ("John Cole" / "John Coale") is a `variant`,
listed as such, never a conflict. Syndicated copies of one story count as one source, not as agreement.
"""
from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Mapping

from .claims import OWN_TIME, Claim, load_config
from .date_claims import date_groups, is_date_claim
from .model import Event, Mention, to_jsonable

WINDOW_DAYS = 120  # figures for one subject further apart than this describe different moments
KINDS = ("figure", "date", "count", "participants", "variant")


@dataclass
class ClaimRef:
    """One side of a disagreement: a value, who says it, and where."""

    value: Any  # number, ISO date, actor codes or name form
    figure: str  # as shown: "over 1,100", "2025-09-11", "USA+BLR", "John Cole"
    source: str  # the attribution, else the outlet, else the article
    doc_name: str
    sentence: str = ""
    attribution: str | None = None
    via: str | None = None
    docs: list[str] = field(default_factory=list)  # every article carrying it (syndicated copies included)
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)


@dataclass
class Conflict:
    """A disagreement between sources about one thing (or, kind `variant`, spellings of one name)."""

    kind: str  # figure | date | count | participants | variant
    subject: str
    claims: list[ClaimRef]
    event_id: str | None = None
    country: str | None = None
    compatible: bool | None = None  # figures: whether some value satisfies every claim's qualifier
    note: str = ""

    @property
    def is_variant(self) -> bool:
        return self.kind == "variant"

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)


# ----------------------------------------------------------------------------- claim conflicts


def _gap(a: tuple[dt.date | None, dt.date | None], b: tuple[dt.date | None, dt.date | None]) -> int:
    """Days between two intervals (0 when they overlap; 0 when either is unknown)."""
    if None in a or None in b:
        return 0
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def _clusters(claims: list[Claim], window: int) -> list[list[Claim]]:
    """Claims in date order, cut where the next one starts more than `window` days after the latest end."""
    key = lambda c: (c.date_start or dt.date.min, c.date_end or dt.date.min, c.doc_name)  # noqa: E731
    out: list[list[Claim]] = []
    span = (None, None)
    for c in sorted(claims, key=key):
        iv = (c.date_start, c.date_end or c.date_start)
        if out and _gap(span, iv) <= window:
            out[-1].append(c)
            if None not in iv and None not in span:
                span = (min(span[0], iv[0]), max(span[1], iv[1]))
        else:
            out.append([c])
            span = iv
    return out


def _dated_by_their_figures(claims: list[Claim]) -> list[Claim]:
    """Claims of an undated article, dated where its figures are dated articles' same figures (same subject,
    country and value: a copy or a retelling of that day's count): the article is of the day most of them
    match, and so are its other figures."""
    days: dict[tuple, tuple] = {}
    for c in claims:
        if c.date_start is not None:
            key = (c.subject_id, c.country, c.value)
            lo, hi = days.get(key, (c.date_start, c.date_end or c.date_start))
            days[key] = (min(lo, c.date_start), max(hi, c.date_end or c.date_start))
    votes: dict[str, Counter] = {}
    for c in claims:
        key = (c.subject_id, c.country, c.value)
        if c.date_start is None and key in days:
            votes.setdefault(c.doc_id, Counter())[days[key]] += 1
    placed = {doc: v.most_common(1)[0][0] for doc, v in votes.items()}
    return [replace(c, date_start=placed[c.doc_id][0], date_end=placed[c.doc_id][1],
                    date_how="placed by its figures (the dated articles' same counts)")
            if c.date_start is None and c.doc_id in placed else c for c in claims]


UNPLACED_DAYS = 366  # a claim dated only within more than a year (an undated article) is not placed in time


def _placed(claims: list[Claim], window: int) -> list[list[Claim]]:
    """The moments of a subject's claims: the dated ones cut by `window` (`_clusters`), then each claim that
    cannot be placed in time (no date, or an article known only to fall within years) beside its own figure
    where a moment has it, else beside the subject's only moment when its article's interval holds that moment
    (the one time it can be compared with), else with the other such claims. Joining every moment would make one disagreement
    of figures years apart."""
    def placed(c: Claim) -> bool:
        return c.date_start is not None and ((c.date_end or c.date_start) - c.date_start).days <= UNPLACED_DAYS

    out = _clusters([c for c in claims if placed(c)], window)
    rest: list[Claim] = []

    def holds(u: Claim, cl: list[Claim]) -> bool:  # the claim's possible days hold the whole moment
        return (u.date_start is not None and OWN_TIME not in u.date_how and u.date_start <= min(c.date_start for c in cl)
                and max(c.date_end or c.date_start for c in cl) <= (u.date_end or u.date_start))

    for u in (c for c in claims if not placed(c)):
        same = next((cl for cl in out if any(c.value == u.value for c in cl)), None)
        # else the subject's one moment, when the claim's article may be of its time: nothing else to set it beside
        only = out[0] if same is None and len(out) == 1 and holds(u, out[0]) else None
        (same if same is not None else only if only is not None else rest).append(u)
    return out + ([rest] if rest else [])


def _compatible(claims: Iterable[Claim]) -> bool:
    lo = max(c.range[0] for c in claims)
    hi = min(c.range[1] for c in claims)
    return lo <= hi


def claim_conflicts(claims: Iterable[Claim], groups: Mapping[str, str] | None = None,
                    window_days: int = WINDOW_DAYS) -> list[Conflict]:
    """Disagreements of figures: claims on one subject and country within `window_days` whose values differ.

    Copies of one claim (same figure and source in syndicated articles) are one entry listing every
    article. "over 1,100" and "up to 1,300" overlap as ranges but are still different figures: they are
    listed, with `compatible` saying whether one number could satisfy both."""
    groups = groups or {}
    by_subject: dict[tuple, list[Claim]] = {}
    for c in _dated_by_their_figures(list(claims)):
        by_subject.setdefault((c.subject_id, c.country), []).append(c)
    # a claim without a country joins each country's list of its subject
    for (sid, country), items in list(by_subject.items()):
        if country is None:
            for (sid2, c2), other in by_subject.items():
                if sid2 == sid and c2 is not None:
                    other.extend(items)
    out = []
    windows = {s.id: s.window_days for s in load_config().subjects}
    for (sid, country), items in sorted(by_subject.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        if country is None and any(k[0] == sid and k[1] for k in by_subject):
            continue
        window = windows.get(sid) if windows.get(sid) is not None else window_days
        for cluster in _placed(items, window):
            if len({c.value for c in cluster}) < 2:
                continue
            refs: dict[tuple, ClaimRef] = {}
            for c in sorted(cluster, key=lambda c: (c.value, c.date_start or dt.date.min, c.doc_name)):
                k = (c.value, c.qualifier, (c.attribution or "").casefold(), groups.get(c.doc_id, c.doc_id))
                if k in refs:
                    refs[k].docs.append(c.doc_name)
                    continue
                refs[k] = ClaimRef(value=c.value, figure=c.figure(), source=c.source, doc_name=c.doc_name,
                                   sentence=c.sentence, attribution=c.attribution, via=c.via, docs=[c.doc_name],
                                   date_start=c.date_start, date_end=c.date_end, note=c.date_how)
            if len({r.value for r in refs.values()}) < 2:
                continue
            out.append(Conflict("figure", cluster[0].subject, list(refs.values()), country=country,
                                compatible=_compatible(cluster),
                                note=f"{len(refs)} claims from {len({groups.get(c.doc_id, c.doc_id) for c in cluster})}"
                                     f" independent source(s)"))
    return out


def date_conflicts(claims: Iterable[Claim], groups: Mapping[str, str] | None = None,
                   dyad: tuple[str, str] | None = None) -> list[Conflict]:
    """Acts that sources date to different days (`date_claims.date_groups`), kind `date`: each day with its
    source, sentence and every article that gives it, and how the day was read."""
    out = []
    for comp in date_groups(claims, groups, dyad):
        refs: dict[dt.date, ClaimRef] = {}
        for c in sorted(comp, key=lambda c: (c.date_start, c.doc_name, c.start)):
            if c.date_start in refs:
                if c.doc_name not in refs[c.date_start].docs:
                    refs[c.date_start].docs.append(c.doc_name)
                continue
            refs[c.date_start] = ClaimRef(value=c.date_start, figure=c.date_start.isoformat(), source=c.source,
                                          doc_name=c.doc_name, sentence=c.sentence, docs=[c.doc_name],
                                          date_start=c.date_start, date_end=c.date_end, note=c.date_how)
        sources = len({(groups or {}).get(c.doc_id, c.doc_id) for c in comp})
        countries = "+".join(sorted({x for c in comp for x in c.countries}))
        out.append(Conflict("date", f"{comp[0].subject} ({countries})", list(refs.values()), country=comp[0].country,
                            note=f"{sources} independent sources date one act to {len(refs)} different days"))
    return out


# ----------------------------------------------------------------------------- event conflicts


def _codes(m: Mention) -> frozenset[str]:
    return frozenset(r.code for r in m.actor + m.recipient if r.code)


def _ref(m: Mention, value: Any, figure: str, docs: list[str]) -> ClaimRef:
    return ClaimRef(value=value, figure=figure, source=m.doc_name, doc_name=m.doc_name, sentence=m.sentence,
                    docs=docs, date_start=m.date_start, date_end=m.date_end)


def _differing(event: Event, key, figure, kind: str, subject: str) -> Conflict | None:
    """One conflict when the mentions that state `key` state more than one value of it."""
    seen: dict[Any, tuple[Mention, list[str]]] = {}
    for m in event.mentions:
        v = key(m)
        if v is None:
            continue
        if v in seen:
            if m.doc_name not in seen[v][1]:
                seen[v][1].append(m.doc_name)
        else:
            seen[v] = (m, [m.doc_name])
    # a value told only by articles that tell another value too is a moment of their story (an AFP story and
    # its copy giving the signing's day and, later, the day after), not one outlet's rival figure
    told = {v: set(docs) for v, (_, docs) in seen.items()}
    seen = {v: x for v, x in seen.items()
            if any(not any(d in told[w] for w in told if w != v) for d in told[v])}
    if len(seen) < 2:
        return None
    if len({d for _, docs in seen.values() for d in docs}) < 2:
        return None  # one article telling two days or counts is two moments of its story, not outlets disagreeing
    return Conflict(kind, subject, [_ref(m, v, figure(v), docs) for v, (m, docs) in seen.items()], event_id=event.id)


NARROW_DAYS = 7  # a count dated more loosely than this may be a running total, not one happening


def unmerged_counts(events: Iterable[Event], groups: Mapping[str, str] | None = None) -> list[Conflict]:
    """Counts that disagree across events the merge kept apart: the same kind of act by the same doer on
    overlapping days, each narrowly dated, told by different sources with different figures ("freed 11
    Americans" and "freed ten Americans" when the two tellings' dates or wording kept them apart). Either one
    happening told with different figures or two happenings: the analyst decides, so it is listed."""
    groups = groups or {}
    counted = [e for e in events if e.quantity is not None and e.date_start and e.date_end
               and (e.date_end - e.date_start).days <= NARROW_DAYS]
    by_kind: dict[tuple, list[Event]] = {}
    for e in counted:
        by_kind.setdefault((e.event, e.mode, tuple(sorted(a.code for a in e.actor if a.code))), []).append(e)
    def sources(e: Event) -> set[str]:
        return {groups.get(m.doc_id, m.doc_id) for m in e.mentions}

    out = []
    for (kind, mode, doers), evs in sorted(by_kind.items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2])):
        evs.sort(key=lambda e: (e.date_start, e.id))
        for i, a in enumerate(evs):
            for b in evs[i + 1:]:
                if b.date_start > a.date_end:
                    break
                if a.quantity.value == b.quantity.value:
                    continue
                if sources(a) == sources(b):
                    continue  # one source telling two different numbers is two happenings
                refs = [_ref(e.mentions[0], e.quantity.value, f"{e.quantity.value:g}", sorted({m.doc_name for m in e.mentions}))
                        for e in (a, b) if e.mentions]
                if len(refs) == 2:
                    what = f"{kind}{' ' + mode if mode else ''}"
                    out.append(Conflict("count", f"{what} by {'+'.join(doers) or '?'}: how many", refs,
                                        note=f"events {a.id} and {b.id}: the same act by the same doer on overlapping days "
                                             f"with different counts, one happening or two"))
    return out


_NAME_STOP = {"the", "a", "an"}


def _name_tokens(text: str) -> list[str]:
    return [w.strip(".,’'\"") for w in text.split() if w.strip(".,’'\"")]


_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "it", "its", "we", "us", "i",
             "you", "who", "whom"}


def _is_name(text: str) -> bool:
    """A proper-name form ("John Cole", "Lukashenka"), not a pronoun or a description ("the Belarusian leader")."""
    words = [w for w in _name_tokens(text) if w.lower() not in _NAME_STOP]
    return (0 < len(words) <= 5 and all(w[:1].isupper() for w in words)
            and not any(w.lower() in _PRONOUNS for w in words))


def _spelling_variant(form: str, canonical: str) -> bool:
    """True when a name form differs from the canonical name by spelling, not only by leaving words out:
    "John Cole" for "John Coale" yes; "Coale", "President Trump" no (a title is no misspelling)."""
    canon = [w.casefold() for w in _name_tokens(canonical)]
    extra = [w.casefold() for w in _name_tokens(form) if w.casefold() not in canon and w.lower() not in _NAME_STOP]
    return bool(extra) and all(max(difflib.SequenceMatcher(None, w, c).ratio() for c in canon) >= 0.6 for w in extra)


_NAMES: list = [None, {}]  # the dictionary last read and its names: an export asks once per event


def _canonical_names(actor_files: tuple[str, ...] = ()) -> dict[str, str]:
    from .actors import ActorDictionary

    actors = ActorDictionary.load(actor_files)  # cached itself, a new object when its files change
    if _NAMES[0] is not actors:
        _NAMES[:] = [actors, {k: str(v.get("name") or k) for k, v in actors.actors.items()}]
    return _NAMES[1]


def name_variants(mentions: Iterable[Mention], names: Mapping[str, str] | None = None,
                  event_id: str | None = None) -> list[Conflict]:
    """Spelling variants of one actor's name among mentions: kind `variant`, one per actor."""
    forms: dict[str, dict[str, tuple[Mention, list[str]]]] = {}
    for m in mentions:
        for r in m.actor + m.recipient:
            if not r.actor_id or not r.entity_text or not _is_name(r.entity_text):
                continue
            per = forms.setdefault(r.actor_id, {})
            if r.entity_text in per:
                if m.doc_name not in per[r.entity_text][1]:
                    per[r.entity_text][1].append(m.doc_name)
            else:
                per[r.entity_text] = (m, [m.doc_name])
    out = []
    if forms and names is None:
        names = _canonical_names()
    for actor_id, per in sorted(forms.items()):
        canonical = names.get(actor_id, actor_id)
        variants = [f for f in per if _spelling_variant(f, canonical)]
        if not variants:
            continue
        refs = [ClaimRef(value=f, figure=f, source=m.doc_name, doc_name=m.doc_name, sentence=m.sentence, docs=docs,
                         note="spelling variant" if f in variants else "")
                for f, (m, docs) in per.items()]
        out.append(Conflict("variant", canonical, refs, event_id=event_id,
                            note=f"{', '.join(variants)}: spelling variant(s) of {canonical} ({actor_id}), not a conflict"))
    return out


def event_conflicts(event: Event, names: Mapping[str, str] | None = None) -> list[Conflict]:
    """The disagreements among one event's mentions, for the export's `conflicts` field."""
    what = f"{event.event}{' ' + event.mode if event.mode else ''}"
    out = []
    c = _differing(event, lambda m: m.quantity.value if m.quantity else None, lambda v: f"{v:g}", "count",
                   f"{what}: how many")
    if c:
        out.append(c)
    c = _differing(event, lambda m: m.date_start if m.date_start and m.date_start == m.date_end else None,
                   lambda v: v.isoformat(), "date", f"{what}: on which day")
    if c:
        out.append(c)
    sets = [s for s in (_codes(m) for m in event.mentions) if s]
    if any(not (a & b) for i, a in enumerate(sets) for b in sets[i + 1:]):
        c = _differing(event, lambda m: "+".join(sorted(_codes(m))) or None, str, "participants", f"{what}: who took part")
        if c:
            out.append(c)
    out += name_variants(event.mentions, names, event.id)
    return out


# ----------------------------------------------------------------------------- the store


def _in_dyad(codes: Iterable[str], dyad: tuple[str, str] | None) -> bool:
    return dyad is None or bool(set(codes) & set(dyad))


# a mentions row that names a person: the text test first, cheap, then the JSON it passes (a named actor has a
# string actor_id)
NAMED = ("""regexp_matches(record::VARCHAR, '"actor_id"\\s*:\\s*"')"""
         " AND coalesce(array_to_string(json_extract_string(record, '$.actor[*].actor_id')"
         " || json_extract_string(record, '$.recipient[*].actor_id'), ''), '') <> ''")
# The events that can hold a disagreement the store-wide checks report (read in SQL, so a whole store's
# single-mention events without a count or a named person, nearly all of it, never reach Python): more than
# one mention (`event_conflicts`), a count (`unmerged_counts`), a mention that names a person (`name_variants`).
# An event left out would give none of these, so the answer is the same as reading every event.
RELEVANT = ("SELECT id FROM events WHERE quantity IS NOT NULL UNION SELECT event_id FROM mentions"
            " WHERE event_id IS NOT NULL GROUP BY event_id HAVING count(*) > 1 UNION SELECT event_id FROM mentions"
            f" WHERE event_id IS NOT NULL AND {NAMED}")


def conflicts(db: str, dyad: tuple[str, str] | str | None = None, *, window_days: int = WINDOW_DAYS,
              progress: Callable[[int, int], None] | None = None) -> list[Conflict]:
    """Every disagreement in a store: figures (the claims kept at ingest, found once more in a store that
    lacks them, with `progress(done, total)`), events, variants.

    With a dyad, claims about either country (in the articles that name either or report an event of
    either) and the events of that pair only. Copies of one story are the store's copy groups (found at ingest)."""
    from .actors import state_names
    from .claims_cache import stored_claims
    from .common import parse_dyad
    from .store import Store

    pair = parse_dyad(dyad)
    docs = None
    if pair is not None:
        with Store(db, read_only=True) as store:
            docs = store.documents_involving(pair, state_names(pair))
    claims = [c for c in stored_claims(db, docs, progress) if c.country is None or _in_dyad([c.country], pair)]
    names = _canonical_names()
    out: list[Conflict] = []
    with Store(db, read_only=True) as store:
        # one pass over the events (the whole store's a page at a time, only those that may disagree),
        # keeping only what the store-wide checks need: the counted events, and the mentions that name an actor
        counted, named = [], []
        if pair is None:
            store.con.execute(f"CREATE OR REPLACE TEMP TABLE conflict_events AS {RELEVANT}")
        for e in (store.iter_events(where="id IN (SELECT id FROM conflict_events)") if pair is None
                  else store.events(pair)):
            out += [c for c in event_conflicts(e, names) if c.kind != "variant"]
            if e.quantity is not None:
                counted.append(e)
            named += [m for m in e.mentions if any(r.actor_id for r in m.actor + m.recipient)]
        # the copy groups of the documents that matter only (a whole store's are a million rows)
        keys = store.source_keys({c.doc_id for c in claims} | {m.doc_id for e in counted for m in e.mentions})
    groups = {d: g for d, (g, _) in keys.items()}
    figures = [c for c in claims if not is_date_claim(c)]
    told = [{r.value for r in c.claims} for c in out if c.kind == "date"]
    # a disagreement the merged events show already (one event, two days) is listed once
    days = [c for c in date_conflicts(claims, groups, pair) if not any({r.value for r in c.claims} <= t for t in told)]
    return (claim_conflicts(figures, groups, window_days) + out + days + unmerged_counts(counted, groups)
            + name_variants(named, names))
