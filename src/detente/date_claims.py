"""Date claims: the day a sentence gives for an act, so that outlets that date one act differently are found.

"Latvia signed the accord on 3 March" and "Latvia and Estonia agreed the accord on 2 March" tell one
signing on two days. The coder may code one telling, both, or neither (a noun phrase, "the May 5
detention", makes no event), and the merge keeps two tellings of different days apart, so the disagreement is
read from the sentences themselves, as the quantity claims are (`claims.py`): a time expression of one day
that dates a word of an act family (`data/event_families.yaml`: "arrest", "detain" -> arrest), the countries
the sentence names, and who did it. Which families are compared, which count as one ("an exchange" is told
as its releases) and how far apart two days may be live in `data/claims.yaml` (`date_acts`), not here.

Two claims are of one act when they are of the same family, their countries meet, their doers (when both
are named) agree, their days are at most `max_gap_days` apart, and they come from different sources; an
article (or its copies) that itself gives two days of the family tells two acts, and its acts are not
compared. Only days an article can fix are used: a weekday or a bare month and day needs a publication date
known within a week; a full date with its year stands alone.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping

from .claims import Claim, _country_codes, load_config
from .disjoint import DisjointSets
from .model import Document
from .doc_ents import doc_ents, span_ents

_NOT_DONE = {"will", "would", "could", "may", "might", "should", "shall", "must"}
_PROBE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)"
                    r"|\d{4}-\d\d-\d\d|\b(?:yesterday|today)\b", re.I)
PREFIX = "day:"  # the subject id of a date claim: "day:arrest"


@dataclass(frozen=True)
class DateActs:
    """What `data/claims.yaml` says about date claims."""

    families: frozenset[str]
    same: Mapping[str, str]  # family -> the family it is compared as ("exchange" -> "release")
    max_gap_days: int
    verb_only: frozenset[str] = frozenset()  # words that name an act only as verbs ("sign", "trade")
    not_objects: frozenset[str] = frozenset()  # what a "released" document or report is: no act between states
    labels: Mapping[str, str] = None  # family -> how a reader names the act ("agree" -> "signing or agreement")


@functools.lru_cache(maxsize=1)
def date_acts() -> DateActs:
    """The `date_acts` section of claims.yaml, read once (it never changes in a process)."""
    raw = load_config().date_acts or {}
    return DateActs(frozenset(raw.get("families", [])), dict(raw.get("same", {}) or {}),
                    int(raw.get("max_gap_days", 3)), frozenset(raw.get("verb_only", [])),
                    frozenset(raw.get("not_objects", [])), dict(raw.get("labels", {}) or {}))


def is_date_claim(c: Claim) -> bool:
    return c.subject_id.startswith(PREFIX)


def may_hold(text: str) -> bool:
    """Cheap test before a parse is read: an article with no month, weekday or ISO day holds no date claim."""
    return bool(date_acts().families) and bool(_PROBE.search(text))


def _family(tok) -> str | None:
    """The event family of an act word; none for a preposition ("according to") or a noun that only a verb's
    sense makes an act ("a sign of", "trade", `verb_only`)."""
    from .corefer import event_key, load_lexicon

    low = tok.lemma_.lower()
    if tok.dep_ == "prep" or tok.pos_ not in ("VERB", "NOUN", "AUX") or (
            tok.pos_ == "NOUN" and low in date_acts().verb_only):
        return None
    fam = event_key(low)
    return fam if fam != low or low in load_lexicon().families else None


def _act(attach):
    """The act word a time expression dates: the word it hangs on when that is of an act family; for a report
    ("said on Tuesday that both sides had signed", "the accord was made public on Tuesday") the act reported;
    for a light or other verb ("moved on Monday towards calm by swapping detainees") its object or complement; for
    a noun of no act ("a pact on 3 March", "a statement on Wednesday") the verb it belongs to."""
    from .corefer import load_lexicon

    acts = date_acts()
    fam = _family(attach)
    if fam in acts.families:
        return attach, fam
    verb = attach
    while verb.pos_ not in ("VERB", "AUX") and verb.dep_ in ("pobj", "prep", "dobj", "compound", "appos") \
            and verb.head is not verb:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    verb_family = _family(verb)
    if verb is not attach and verb_family in acts.families:
        return verb, verb_family
    reporting = verb_family in load_lexicon().reporting
    deps = ("ccomp", "dobj", "nsubjpass") if reporting else ("dobj", "xcomp", "prep")
    kids = list(verb.children)
    if reporting and verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in kids):
        kids += [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]  # "... and was announced"
        deps += ("nsubj",)
    for child in kids:
        if child.dep_ not in deps:
            continue
        for tok in ([child] + [g for g in child.children if g.dep_ in ("pcomp", "pobj")]
                    if child.dep_ == "prep" else [child]):
            f = _family(tok)
            if f in acts.families:
                return tok, f
    return None


def _attach(sent, start: int, end: int):
    """The word a time expression (character span of the document) modifies: its root's head, through "on"."""
    toks = [t for t in sent if start <= t.idx < end]
    root = next((t for t in toks if not (start <= t.head.idx < end) or t.head is t), None)
    if root is None or root.head is root:
        return None
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head


def _country_of(tok) -> str | None:
    doc = tok.doc
    for t in tok.subtree:
        ent = next((e for e in doc_ents(doc) if e.start <= t.i < e.end), None)
        code = _country_codes(ent) if ent is not None else None
        if code:
            return code
    return None


def _doer(act) -> str | None:
    """The country that did the act: the subject of an active verb, the agent of a passive, a possessive
    ("France's arrest of ...")."""
    for child in act.children:
        if child.dep_ == "nsubj" and act.pos_ in ("VERB", "AUX"):
            return _country_of(child)
        if child.dep_ == "agent":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            return _country_of(pobj) if pobj is not None else None
        if child.dep_ == "poss":
            return _country_of(child)
    return None


def _of_a_thing(act) -> bool:
    """The act is done to a thing, not to people or between states ("a report released on Tuesday", "released
    the footage on Monday"): its object, or the noun it describes, is one of `not_objects`."""
    things = date_acts().not_objects
    if any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in things for c in act.children):
        return True
    t = act
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    return t.dep_ in ("acl", "relcl") and t.head.lemma_.lower() in things


def _done(act) -> bool:
    """Told as done: no modal or negation on the act (or the verb a noun act hangs on)."""
    for tok in (act, act.head):
        if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _NOT_DONE) for c in tok.children):
            return False
        if tok.pos_ in ("VERB", "AUX"):
            break
    return True


def _has_own_time(act, dated: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    lo, hi = act.left_edge.idx, act.right_edge.idx + len(act.right_edge)
    return any(lo <= a < hi and (a, b) != span for a, b in dated)


@functools.lru_cache(maxsize=1)
def _act_words() -> frozenset[str]:
    """The lemmas of the compared families: a sentence with none of them holds no date claim (the cheap test
    that keeps time expressions from being resolved in most sentences)."""
    from .corefer import load_lexicon

    fams = date_acts().families
    return frozenset(w for w, f in load_lexicon().families.items() if f in fams) | fams


def extract_date_claims(doc: Document, sdoc) -> list[Claim]:
    """The date claims of one parsed document: one per day-precise time expression that dates an act."""
    from .temporal import find_timexes

    acts = date_acts()
    if not acts.families or not _PROBE.search(doc.text):
        return []
    words = _act_words()
    lo, hi = doc.published_start, doc.published_end or doc.published_start
    story: frozenset[str] | None = None
    out: list[Claim] = []
    for sent in sdoc.sents:
        if not _PROBE.search(sent.text) or not any(t.lemma_.lower() in words for t in sent):
            continue
        # resolved at both ends of the publication interval, an expression is one day or none: a weekday needs
        # the publication day itself, "3 March" only its year (which an interval of months may fix)
        found = (find_timexes(sent.text, published_range=(lo, hi)) if lo is not None and hi is not None
                 else find_timexes(sent.text))
        base = sent.start_char
        dated = [(base + t.start, base + t.end) for t in found if t.type == "DATE"]
        sent_countries = {c for c in (_country_codes(e) for e in span_ents(sent)) if c}
        for t in found:
            if t.type != "DATE" or t.date_start is None or t.date_start != t.date_end or t.rule.startswith("present"):
                continue
            if hi is not None and t.date_start > hi:
                continue  # a day after the article was written: planned, not done
            start, end = base + t.start, base + t.end
            attach = _attach(sent, start, end)
            act_found = _act(attach) if attach is not None else None
            if act_found is None or not _done(act_found[0]) or _of_a_thing(act_found[0]):
                continue
            act, fam = act_found
            fam = acts.same.get(fam, fam)
            if act.i != attach.i and _has_own_time(act, dated, (start, end)):
                continue  # the reported act carries a time of its own ("said on Monday it freed them last week")
            countries = set(sent_countries)
            doer = _doer(act)
            if doer:
                countries.add(doer)
            if not countries:
                if story is None:  # the article's two most named countries, for a sentence that names none
                    named = Counter(c for c in (_country_codes(e) for e in doc_ents(sdoc)) if c)
                    story = frozenset(c for c, _ in named.most_common(2))
                countries = set(story)
            if not countries:
                continue
            out.append(Claim(
                subject=f"day of the {(acts.labels or {}).get(fam, fam)}", subject_id=PREFIX + fam,
                country=doer, value=0.0, qualifier="exactly", text=t.text, attribution=None, doc_id=doc.id,
                doc_name=doc.name, outlet=doc.outlet, sentence=sent.text.strip(), sent_start=sent.start_char,
                start=start, end=end, date_start=t.date_start, date_end=t.date_end,
                date_how=f"'{t.text}' dates '{act.text}' ({t.rule})", countries=sorted(countries)))
    return out


def date_groups(claims: Iterable[Claim], groups: Mapping[str, str] | None = None,
                dyad: tuple[str, str] | None = None) -> list[list[Claim]]:
    """The date claims that tell one act on different days, a list per act: claims of the same family whose
    countries meet, whose named doers agree and whose days are at most `max_gap_days` apart are tellings of
    one act. A group in which one source (an article and its copies, `groups`) gives two days is left out:
    that source tells two acts."""
    groups = groups or {}
    gap = date_acts().max_gap_days
    items = [c for c in claims if is_date_claim(c) and c.date_start is not None
             and (dyad is None or set(c.countries) & set(dyad))]
    items.sort(key=lambda c: (c.subject_id, c.date_start, c.doc_name, c.start))
    sets = DisjointSets(range(len(items)))
    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            b = items[j]
            if b.subject_id != a.subject_id or (b.date_start - a.date_start).days > gap:
                break
            if not set(a.countries) & set(b.countries):
                continue
            if a.country and b.country and a.country != b.country:
                continue
            sets.union(j, i)
    comps: dict[int, list[Claim]] = {}
    for i, c in enumerate(items):
        comps.setdefault(sets.find(i), []).append(c)
    out = []
    for comp in comps.values():
        if len({c.date_start for c in comp}) < 2:
            continue
        per_source: dict[str, set] = {}
        for c in comp:
            per_source.setdefault(groups.get(c.doc_id, c.doc_id), set()).add(c.date_start)
        if any(len(d) > 1 for d in per_source.values()):
            continue  # one source giving two days of the act tells two acts
        out.append(comp)
    return out
