"""Quantity claims and inline citations: figures that are stated, not done, and who stated them.

"Over 1,100 political prisoners remain detained, according to Viasna" is no event, but it is evidence,
and sources disagree about it (Trump: "up to 1,300"). `extract_claims` finds such standing figures with
their subject, value, qualifier and attribution; the subjects and their cue words live in
`data/claims.yaml`, not here. `citations` finds the inline source notes of analysis pieces,
"(BelTA, September 11)", "(see EDM, July 28)", whose dates date the statement they follow.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from .ingest import dateline_spans
from .model import Document, to_jsonable
from .doc_ents import doc_ents, span_ents

DATA = Path(__file__).parent / "data" / "claims.yaml"


class ClaimsConfigError(ValueError):
    """claims.yaml is malformed."""


@dataclass(frozen=True)
class Subject:
    id: str
    label: str
    nouns: frozenset[str]
    topic: re.Pattern
    state: re.Pattern
    event_verbs: frozenset[str]
    window_days: int | None = None  # figures further apart than this describe different moments (None: default)
    place_words: frozenset[str] = frozenset({"in"})  # "held in/by Serbia": the word before the figure's country
    holder_verbs: frozenset[str] = frozenset()  # "Azerbaijan acknowledges holding 20": their subject is the country
    # the country of the counted people themselves ("58 Pakistani soldiers", "nine Taliban fighters") comes first:
    # a toll is about whose dead, so two sides' tolls in one sentence are never one figure
    noun_country: bool = False
    # the kinds of name a place word may precede: "held in Azerbaijani custody" names the holder by an
    # adjective, while "killed in Afghan attacks" names the attacker, not where the dead were
    place_kinds: frozenset[str] = frozenset({"country", "capital", "metonym", "adj", "people"})
    act_verbs: frozenset[str] = frozenset()  # the act that makes the figure ("kill"): its doer is not the counted's


@dataclass(frozen=True)
class ClaimsConfig:
    subjects: tuple[Subject, ...]
    qualifiers: tuple[tuple[str, str], ...]  # (phrase, kind), longest phrase first
    speech_verbs: frozenset[str]
    according: re.Pattern
    date_acts: dict | None = None  # what date claims compare (`date_claims.py`)


def _words_re(phrases: Iterable[str]) -> re.Pattern:
    alts = sorted({p.strip().lower() for p in phrases if p and p.strip()}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts) + r")(?![\w-])",
                      re.I)


@functools.lru_cache(maxsize=4)
def load_config(path: str = str(DATA)) -> ClaimsConfig:
    """The claim subjects, qualifiers and source cues of a claims YAML file."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        subjects = tuple(
            Subject(s["id"], s.get("label", s["id"]), frozenset(str(n).lower() for n in s.get("nouns", [])),
                    _words_re(s["topic"]), _words_re(s["state"]), frozenset(s.get("event_verbs", [])),
                    int(s["window_days"]) if s.get("window_days") is not None else None,
                    frozenset(s.get("place_words", ["in"])), frozenset(s.get("holder_verbs", [])),
                    bool(s.get("noun_country", False)),
                    frozenset(s.get("place_kinds", ["country", "capital", "metonym", "adj", "people"])),
                    frozenset(s.get("act_verbs", [])))
            for s in raw["subjects"])
        quals = sorted(((str(p).lower(), kind) for kind, ps in raw.get("qualifiers", {}).items() for p in ps),
                       key=lambda x: len(x[0]), reverse=True)
        return ClaimsConfig(subjects, tuple(quals), frozenset(raw.get("speech_verbs", [])),
                            _words_re(raw.get("according_to", ["according to"])), dict(raw.get("date_acts") or {}))
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise ClaimsConfigError(f"{path}: not a valid claims file ({exc.__class__.__name__}: {exc})") from exc


# ----------------------------------------------------------------------------- citations

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|\d{{4}}-\d\d-\d\d)"
_CITE_PART = re.compile(
    rf"^\s*(?P<see>see\s+)?(?P<source>[^,;]*?[^\s,;][^;]*?),\s*(?P<date>{_DAY}(?:\s*(?:,|and|&)\s*{_DAY})*)\s*$", re.I)
_PAREN = re.compile(r"\(([^()\n]{3,400})\)")


@dataclass
class Citation:
    """One inline source note: "(see EDM, July 28)" -> source "EDM", date_text "July 28", see=True."""

    source: str
    date_text: str
    start: int  # character offsets of this note (one part of a parenthesis) in the text
    end: int
    see: bool = False
    date_start: dt.date | None = None  # the note's date(s) resolved against the publication date
    date_end: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)


def _resolve_dates(date_text: str, published: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    from .temporal import normalise

    days = []
    for piece in re.finditer(_DAY, date_text, re.I):
        t = normalise(piece.group(0), published)
        if t is not None and t.date_start is not None:
            days += [t.date_start, t.date_end or t.date_start]
    return (min(days), max(days)) if days else (None, None)


def citations(text: str, published: dt.date | None = None) -> list[Citation]:
    """Inline citations "(Source, Month Day)" in `text`; several in one parenthesis split at ";".

    A parenthesis without a date ("(Reuters)", "(with the prisoner release deal)") is no citation."""
    out = []
    for m in _PAREN.finditer(text):
        pos = m.start(1)
        for part in m.group(1).split(";"):
            pm = _CITE_PART.match(part)
            if pm and not re.search(r"\d", pm.group("source")):
                lo, hi = _resolve_dates(pm.group("date"), published)
                lead = len(part) - len(part.lstrip())
                out.append(Citation(pm.group("source").strip(), pm.group("date").strip(), pos + lead,
                                    pos + len(part.rstrip()), bool(pm.group("see")), lo, hi))
            pos += len(part) + 1
    return out


def citation_for(cites: list[Citation], sent_start: int, sent_end: int, text: str = "") -> list[Citation]:
    """The citations that source one sentence: inside it, or in the parenthesis right after it."""
    found = [c for c in cites if sent_start <= c.start < sent_end]
    if not found and text:
        tail = text[sent_end:sent_end + 3]
        if tail.lstrip().startswith("("):
            found = [c for c in cites if sent_end <= c.start <= sent_end + 400 and
                     not text[sent_end:c.start].strip(" (;").count(".")]
    return found


# ----------------------------------------------------------------------------- claims


@dataclass
class Claim:
    """A stated figure: "over 1,100 political prisoners remain, according to Viasna"."""

    subject: str  # label from claims.yaml, e.g. "political prisoners held"
    subject_id: str
    country: str | None  # where: stated in the sentence, else the document's focus country
    value: float
    qualifier: str  # over | up to | about | exactly
    text: str  # the figure as written: "over 1,100 political prisoners"
    attribution: str | None  # the named source ("Viasna", "Trump"); None = the outlet itself
    attribution_id: str | None = None  # actor dictionary id of the source, when known
    via: str | None = None  # who relayed it: "She noted ... according to Viasna"
    doc_id: str = ""
    doc_name: str = ""
    outlet: str | None = None
    sentence: str = ""
    sent_start: int = 0
    start: int = 0  # character offsets of the figure in the document
    end: int = 0
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_how: str = ""  # publication | citation (...)
    citations: list[Citation] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # a date claim's countries (`date_claims.py`)

    @property
    def source(self) -> str:
        """Who the figure is from: the attribution, else the outlet, else the article."""
        return self.attribution or self.outlet or self.doc_name

    @property
    def range(self) -> tuple[float, float]:
        """The values the figure allows, given its qualifier."""
        v = self.value
        return {"over": (v, float("inf")), "up to": (0.0, v), "about": (v * 0.9, v * 1.1)}.get(self.qualifier, (v, v))

    def figure(self) -> str:
        q = "" if self.qualifier == "exactly" else self.qualifier + " "
        return f"{q}{self.value:,.0f}"

    def to_dict(self) -> dict[str, Any]:
        d = to_jsonable(self)
        d["source"] = self.source
        return d


_NUM_WORDS = {"thousand": 1_000, "million": 1_000_000, "hundred": 100, "dozen": 12}
_SMALL = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_NON_COUNT_ENTS = {"DATE", "TIME", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}


def _value(tokens) -> float | None:
    """'1,100' -> 1100; 'a thousand' -> 1000; '1.3 thousand' -> 1300. None for vague counts ('hundreds')."""
    value = None
    for t in tokens:
        low = t.lower_
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", low):
            value = float(low.replace(",", ""))
        elif low in _NUM_WORDS:
            value = (value or 1.0) * _NUM_WORDS[low]
        elif low in _SMALL:
            value = float(_SMALL[low])
        elif low in ("a", "an", "one") and value is None:
            value = 1.0 if low == "one" else None
    return value


def _number_span(tok):
    """The number's tokens: '1,100', 'a thousand', '1.3 million'."""
    doc = tok.doc
    lo = tok.i
    while lo > 0 and (doc[lo - 1].like_num or (doc[lo - 1].lower_ in ("a", "an") and doc[lo].lower_ in _NUM_WORDS)):
        lo -= 1
    hi = tok.i + 1
    while hi < len(doc) and doc[hi].lower_ in _NUM_WORDS:
        hi += 1
    return doc[lo:hi]


def _qualifier(doc_text: str, start: int, config: ClaimsConfig) -> tuple[str, int]:
    """The bounding word(s) just before a number, and where they start."""
    before = doc_text[max(0, start - 30):start].lower()
    for phrase, kind in config.qualifiers:
        m = re.search(r"(?<![\w-])" + re.escape(phrase).replace(r"\ ", r"\s+") + r"\s+$", before)
        if m:
            return kind, start - (len(before) - m.start())
    return "exactly", start


def _name_span(tok) -> str:
    """A subject's name with its compounds and modifiers, without relative clauses or appositions."""
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "poss", "det") and c.dep_ != "det"]
    start = min([tok.i] + [c.left_edge.i for c in left])
    end = tok.i + 1
    for c in tok.rights:  # flat names: "Viasna Human Rights Centre"
        if c.dep_ in ("compound", "flat") and c.i == end:
            end = c.i + 1
    return tok.doc[start:end].text.strip()


def _governing_verb(tok):
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t is not tok:
            return t
        if t.head is t:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
    return None


def _speaker(verb, config: ClaimsConfig):
    """The subject of the nearest speech verb at or above `verb` ("Trump urged ..., claiming ...")."""
    v = verb
    for _ in range(6):
        if v is None:
            return None
        if v.lemma_.lower() in config.speech_verbs:
            subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            h = v
            while subj is None and h.dep_ in ("advcl", "xcomp", "conj", "ccomp") and h.head is not h:
                h = h.head
                subj = next((c for c in h.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return subj
        if v.head is v:
            return None
        v = v.head
    return None


def _according(sent, config: ClaimsConfig) -> str | None:
    """The source named by "according to X" (or "per X") in a sentence."""
    m = config.according.search(sent.text)
    if not m:
        return None
    at = sent.start_char + m.end()
    for ent in span_ents(sent):
        if ent.start_char >= at and not sent.doc.text[at:ent.start_char].strip(" ,"):
            return ent.text
    for tok in sent:
        if tok.idx >= at and tok.pos_ in ("PROPN", "NOUN"):
            return _name_span(tok)
    return None


def _resolve_pronoun(sdoc, before: int) -> str | None:
    """The last named person before `before`: the referent of a "She noted" source, good enough for news."""
    people = [e for e in doc_ents(sdoc) if e.end_char <= before and e.ent_id_.startswith("person:")]
    people += [e for e in doc_ents(sdoc) if e.end_char <= before and e.label_ == "PERSON"]
    return max(people, key=lambda e: e.end_char).text if people else None


def _country_codes(ent) -> str | None:
    kind, _, code = ent.ent_id_.partition(":")
    return code if kind in ("country", "capital", "metonym", "adj", "people") and code else None


def focus_country(sdoc) -> str | None:
    """The country an article is mostly about: the commonest country named (by name, capital or adjective)."""
    counts = Counter(c for c in (_country_codes(e) for e in doc_ents(sdoc)) if c)
    return counts.most_common(1)[0][0] if counts else None


def _holder(verb, holder_verbs) -> str | None:
    """The country that holds the people: the subject of a holding verb, the subject of the verb it
    complements ("Azerbaijan acknowledges holding 20 prisoners"), or the agent of a passive ("are held by
    Serbia")."""
    if verb is None or verb.lemma_.lower() not in holder_verbs:
        return None

    def country(tok) -> str | None:
        ent = next((e for e in doc_ents(tok.doc) if e.start <= tok.i < e.end), None) if tok is not None else None
        return _country_codes(ent) if ent is not None else None

    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return country(next((c for c in agent.children if c.dep_ == "pobj"), None)) if agent is not None else None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ == "xcomp":
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return country(subj)


def _noun_country(noun, actors, on) -> str | None:
    """The country of the counted people as the phrase itself says it: a demonym or a named group modifying
    the noun ("58 Pakistani soldiers", "nine Taliban fighters") or the noun itself ("nine Afghans")."""
    if noun is None:
        return None
    doc = noun.doc
    for tok in [noun] + [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod", "poss")]:
        ent = next((e for e in doc_ents(doc) if e.start <= tok.i < e.end), None)
        if ent is None:
            continue
        code = _country_codes(ent)
        if code is None and ent.ent_id_.partition(":")[0] in ("org", "person", "actor"):
            ref = actors.resolve(ent.text, on)
            code = ref.code if ref is not None and ref.code else None
        if code:
            return code
    return None


def _not_the_doer(sent, verb, actors, on, act_verbs) -> str | None:
    """The people an act was done to are not its doer's ("the Azeri ministry ... arrested two officers of the
    Russian agency"): with a doer country named in the subject of the figure's verb (or of the verb it is
    coordinated with), the only other country the sentence names."""
    if verb is None or verb.lemma_.lower() not in act_verbs:
        return None
    v = verb
    while v is not None and not any(c.dep_ == "nsubj" for c in v.children) and v.dep_ == "conj":
        v = v.head
    subj = next((c for c in v.children if c.dep_ == "nsubj"), None) if v is not None else None
    if subj is None:
        return None
    doer = next((code for tok in subj.subtree for code in [_noun_country(tok, actors, on)] if code), None)
    if doer is None:
        return None
    others = {c for c in (_country_codes(e) for e in span_ents(sent)) if c and c != doer}
    return others.pop() if len(others) == 1 else None


def _own_participle(span, noun, verbs) -> bool:
    """The number is described by its own participle of another figure ("164 injured", "12 people wounded"):
    it does not count this subject, whatever verb governs the clause."""
    for tok in [span[-1]] + ([noun] if noun is not None else []):
        if any(c.dep_ in ("acl", "amod", "relcl") and c.lemma_.lower() in verbs for c in tok.children
               if c.i > tok.i):
            return True
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None  # "more than 52 wounded", however parsed
        if nxt is not None and nxt.lemma_.lower() in verbs | {w + "ed" for w in verbs}:
            return True
    return False


def _doers(anchor, verb, subject: Subject) -> bool:
    """The counted people are the active subject of an act that is no state of this subject ("a group of 80
    armed men attacked ... leaving four dead"): they are the doers, not the figure."""
    head = anchor
    while head.dep_ in ("pobj", "prep") and head.head is not head:  # "a group of 80 men": the group acts
        head = head.head
    if not (head.dep_ == "nsubj" and verb is not None and head.head.i == verb.i and verb.pos_ == "VERB"):
        return False
    objects = [c.right_edge.i for c in verb.rights if c.dep_ in ("dobj", "acomp", "prt", "attr", "oprd")]
    phrase = verb.doc[verb.i:max(objects, default=verb.i) + 1].text  # "lost their lives" is a state of the dead
    return not subject.state.search(phrase)


def _toll_keeper(sent, subject: Subject) -> str | None:
    """The country whose own figure the sentence gives by naming it as the one that keeps (or withholds) the count:
    the subject of a verb whose object is the figure itself ("Moldova has not published a toll, but officials say
    14 died", "Ruritania put its toll at 12"). A state reports, or fails to report, its own dead."""
    for tok in sent:
        if tok.dep_ != "nsubj" or tok.head.pos_ not in ("VERB", "AUX"):
            continue
        ent = next((e for e in span_ents(sent) if e.start <= tok.i < e.end), None)
        code = _country_codes(ent) if ent is not None else None
        if code and any(c.dep_ in ("dobj", "attr") and subject.state.search(" ".join(t.text for t in c.subtree))
                        and not c.like_num and not any(t.like_num for t in c.subtree) for c in tok.head.children):
            return code
    return None


def _stated_country(sent, anchor, place_words=frozenset({"in"}),
                    place_kinds=frozenset({"country", "capital", "metonym", "adj", "people"})) -> str | None:
    """A country named as where the figure is ("held in Belarus", for held people also "held by Serbia"),
    else the only country the sentence names ("Belarusian rights defenders count ...")."""
    named = []
    for ent in span_ents(sent):
        code = _country_codes(ent)
        if (code and ent.start > 0 and sent.doc[ent.start - 1].lower_ in place_words
                and ent.ent_id_.partition(":")[0] in place_kinds):
            return code
        if code:
            named.append(code)
    return named[0] if len(set(named)) == 1 else None


def _like_num_indices(sdoc) -> list[int]:
    """The indices of the words that look like numbers (spaCy's `like_num`), read from the parse's array at once:
    a claim starts at one, and building every word of every sentence to ask was most of the claims' CPU."""
    from spacy.attrs import LIKE_NUM

    return [int(i) for i in sdoc.to_array([LIKE_NUM]).nonzero()[0]] if len(sdoc) else []


def extract_claims(doc: Document, sdoc=None, *, config: ClaimsConfig | None = None,
                   actor_files: tuple[str, ...] = ()) -> list[Claim]:
    """The quantity claims of one document (parsed here unless its spaCy `sdoc` is given)."""
    from .actors import ActorDictionary
    from .parse import get_nlp

    config = config or load_config()
    if sdoc is None:
        sdoc = get_nlp(actor_files)(doc.text)
    actors = ActorDictionary.load(actor_files)
    cites = citations(doc.text, doc.published)
    focus = focus_country(sdoc)
    sents = list(sdoc.sents)
    out: list[Claim] = []
    seen: set[int] = set()
    numbers = _like_num_indices(sdoc)
    for si, sent in enumerate(sents):
        prev = sents[si - 1].text if si else ""
        for tok in (sdoc[i] for i in numbers[bisect_left(numbers, sent.start):bisect_left(numbers, sent.end)]):
            if tok.i in seen or tok.ent_type_ in _NON_COUNT_ENTS:
                continue
            span = _number_span(tok)
            seen.update(range(span.start, span.end))
            value = _value(span)
            if value is None or value < 2:
                continue
            last = span[-1]
            noun = last.head if last.dep_ == "nummod" or (last.dep_ == "quantmod" and last.head.pos_ == "NOUN") else None
            if noun is not None and noun.pos_ not in ("NOUN", "PROPN"):
                noun = None
            noun_lemma = noun.lemma_.lower() if noun is not None else ""
            anchor = noun if noun is not None else last
            verb = _governing_verb(anchor)
            for subject in config.subjects:
                if noun_lemma not in subject.nouns:
                    continue
                if verb is not None and verb.lemma_.lower() in subject.event_verbs:
                    continue
                if _own_participle(span, noun, subject.event_verbs):
                    continue
                if _doers(anchor, verb, subject):
                    continue
                if not subject.state.search(sent.text):
                    continue
                if not (subject.topic.search(sent.text) or (noun_lemma in ("", "people", "person", "individual")
                                                           and subject.topic.search(prev))):
                    continue
                out.append(_claim(doc, sdoc, sent, span, subject, noun, verb, config, actors, cites, focus))
                break
    return out


PAST_GAP_DAYS = 27  # a month or more before the article: another moment, not the figure as the article stands


OWN_TIME = "its sentence dates the figure to a time of its own"  # and the article's interval cannot place it


def _told_of_another_time(sent, verb, published, pub_start, pub_end=None):
    """The month or longer the sentence dates its figure to, when it lies wholly before the article ("In 2021, at
    least 55 people died", "said in November that 55 were held"): that figure is of its own time, not a rival of
    today's. A day ("on Saturday") or a span from a day ("since September 14") keeps the article's date, and so
    does a time that dates another word ("the worst since the takeover of Kabul in 2021"): the expression must
    hang on the figure's verb or a verb above it ("said in November that ..."). In an article known only within
    years such a time cannot be placed: the claim keeps the article's interval, marked `OWN_TIME`."""
    from .temporal import find_timexes

    if pub_start is None or verb is None:
        return None
    verbs = {verb.i} | {a.i for a in verb.ancestors if a.pos_ in ("VERB", "AUX")}
    for t in find_timexes(sent.text, published):
        if t.type != "DATE" or t.date_start is None or t.date_end is None or (t.date_end - t.date_start).days < 27:
            continue
        if re.search(r"\b(?:since|from|after)\s+$", sent.text[:t.start], re.I):
            continue
        a, b = sent.start_char + t.start, sent.start_char + t.end
        toks = [tok for tok in sent if a <= tok.idx < b]
        root = next((tok for tok in toks if not (a <= tok.head.idx < b)), None)
        if root is None:
            continue
        attach = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "prep" else root.head
        if attach.i not in verbs:
            continue
        if (pub_start - t.date_end).days > PAST_GAP_DAYS:
            return t.date_start, t.date_end, f"sentence ({t.text})"
        if pub_end is not None and (pub_end - pub_start).days > 366:
            return pub_start, pub_end, f"publication; {OWN_TIME} ('{t.text}')"
    return None


def _claim(doc, sdoc, sent, span, subject, noun, verb, config, actors, cites, focus) -> Claim:
    qual, qstart = _qualifier(doc.text, span.start_char, config)
    end = noun.idx + len(noun.text) if noun is not None and noun.i > span.end - 1 else span.end_char
    speaker = _speaker(verb, config) if verb is not None else None
    if speaker is not None and any(a <= speaker.idx < b for a, b in dateline_spans(doc.text)):
        speaker = None  # "TBILISI, January 20 (Kura Review) - Rights groups say ...": the city filed it, said nothing
    speaker_text = None
    if speaker is not None:
        speaker_text = (_resolve_pronoun(sdoc, sent.start_char) if speaker.lower_ in _PRONOUNS
                        else _name_span(speaker))
    named = _according(sent, config)
    attribution, via = (named, speaker_text) if named else (speaker_text, None)
    if via and attribution and via.lower() == attribution.lower():
        via = None
    ref = actors.resolve(attribution, doc.published) if attribution else None
    sent_end = sent.end_char
    notes = citation_for(cites, sent.start_char, sent_end, doc.text)
    if notes and notes[0].date_start:
        lo, hi = notes[0].date_start, notes[0].date_end
        how = f"citation ({notes[0].source}, {notes[0].date_text})"
    else:
        lo, hi, how = doc.published_start, doc.published_end, f"publication ({doc.published_source})"
        lo, hi, how = _told_of_another_time(sent, verb, doc.published or lo, lo, hi) or (lo, hi, how)
    return Claim(
        subject=subject.label, subject_id=subject.id,
        country=((_noun_country(noun, actors, doc.published) or _not_the_doer(sent, verb, actors, doc.published, subject.act_verbs)
                  or _toll_keeper(sent, subject) if subject.noun_country else None)
                 or _holder(verb, subject.holder_verbs)
                 or _stated_country(sent, span, subject.place_words, subject.place_kinds) or focus),
        value=_value(span), qualifier=qual, text=doc.text[qstart:end], attribution=attribution,
        attribution_id=ref.actor_id if ref else None, via=via, doc_id=doc.id, doc_name=doc.name,
        outlet=doc.outlet, sentence=sent.text.strip(), sent_start=sent.start_char, start=qstart, end=end,
        date_start=lo, date_end=hi, date_how=how, citations=notes)


def sentence_citations(doc: Document, sent_start: int, sent_end: int) -> list[Citation]:
    """The inline citations that source one sentence of a document (for an event's evidence), dated
    against the document's publication date."""
    return citation_for(citations(doc.text, doc.published), sent_start, sent_end, doc.text)
