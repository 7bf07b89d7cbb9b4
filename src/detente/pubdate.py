"""Publication dates a reader would give: one stage, one entry point (`publication`).

An article's publication day anchors every relative date in it ("on Wednesday", "last week"), so a wrong
day moves every event. This stage weighs, strongest first, what a careful reader uses: a date given with
the article (manifest, `--published`, HTML metadata, front matter); its dateline or byline ("Published
on ...", "MINSK, Sept 12, 2025 -"); a date in its URL; the date of a stored syndicated copy of the same
story; office-holders named with their titles against the actor dictionary's tenures ("President Trump":
2017-2021 or from 2025; "Trump's first week back": January 2025; "Lukashenko's 31 years in power"); full
dates reported as recent events. A year or date mentioned as history ("since 2020", "the 2019 election"),
a clock time or a number that is not a date is no anchor: at most a lower bound. The answer is an interval
with its reasons; where the signals leave it wide it stays wide (events then get wide intervals and say
so), never a guessed day. The caller passes the knowledge (actor dictionary, dates of stored copies), so
the stage needs no store.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Sequence

__all__ = ["Publication", "Reason", "publication", "describe", "clock_time", "GIVEN_DATE", "MIN_YEAR", "find_dateline", "dateline_spans", "parse_date_value",
           "RECENCY_DAYS", "WIDE_DAYS"]

RECENCY_DAYS = 60  # news reports recent events: the latest dated recent event is at most ~2 months old
WIDE_DAYS = RECENCY_DAYS + 1  # a publication interval wider than the recency window is "wide"
GIVEN_DATE = ("manifest", "cli", "html-meta", "front-matter")  # dates that come with the article
EXACT = ("manifest", "cli", "html-meta", "front-matter", "dateline", "url", "syndicated")
FROM_COPIES = ("syndicated", "inferred", "none")  # the sources a stored copy may change (`pipeline.Writer.redate`)

PUB_INFERRED = "publication inferred"  # marks an event date that rests on an inferred publication interval
Interval = tuple[dt.date | None, dt.date | None]  # None: open at that end


@dataclass(frozen=True)
class Reason:
    """One signal about the publication day: what it says (a set of intervals) and the text that says it."""

    signal: str  # manifest | cli | html-meta | front-matter | dateline | url | syndicated | retold | office | tenure | weekday | recent | past | passage | ingested
    spans: tuple[Interval, ...]
    text: str
    used: bool = True  # False: contradicted by stronger signals and set aside

    def __str__(self) -> str:
        shown = [_span_text(s) for s in self.spans]
        if len(shown) > 4:  # the same day of every year: the first, the last and how many
            shown = [shown[0], f"... ({len(shown)} in all)", shown[-1]]
        where = " or ".join(shown)
        return f"{self.signal} {where}: {self.text}" + ("" if self.used else " (set aside: contradicts the above)")


@dataclass
class Publication:
    """The publication interval of one article with its reasons, strongest first."""

    start: dt.date | None = None
    end: dt.date | None = None
    source: str = "none"  # manifest | cli | html-meta | front-matter | dateline | url | syndicated | inferred | none
    reasons: list[Reason] = field(default_factory=list)

    @property
    def wide(self) -> bool:
        """Too wide to resolve a weekday or a "last week" to one day: every such date gets the interval."""
        return self.start is None or self.end is None or (self.end - self.start).days > WIDE_DAYS

    @property
    def note(self) -> str:
        """One line for `explain` and `sources`: the interval's reasons, strongest first."""
        if self.source in EXACT and self.reasons:
            return self.reasons[0].text
        if not self.reasons:
            return "nothing in the article dates it: no dateline, URL date, dated copy, titled office-holder or full date"
        head = "wide, so no weekday or bare date is resolved to one day: " if self.wide else ""
        return head + "; ".join(str(r) for r in self.reasons)

    def apply(self, doc: Any) -> Any:
        """Set a `Document`'s publication fields from this answer (a "none" answer says why)."""
        doc.published_start, doc.published_end = self.start, self.end
        doc.published_source, doc.published_note = self.source, self.note
        return doc


def describe(doc: Any) -> str:
    """One line on how a document's publication interval was found (for `ingest` and `sources`)."""
    lo, hi = doc.published_start, doc.published_end
    if lo is None and hi is None:
        return f"not dated: {doc.published_note or 'nothing in the article dates it'}; its relative dates stay unresolved"
    span = str(lo) if lo == hi else f"{lo}..{hi}"
    return f"{doc.published_source} {span}: {doc.published_note}"


def publication(text: str, *, url: str | None = None, given: tuple[dt.date, str, str] | None = None,
                actors: Any = None, copies: Sequence[tuple[dt.date, dt.date, str]] = (),
                today: dt.date | None = None, infer: bool = True) -> Publication:
    """The publication interval of an article and its reasons.

    `given`: (day, source, note) from the article's manifest record, `--published`, HTML metadata or front
    matter. `actors`: an ActorDictionary (tenures of titled office-holders); `copies`: (start, end, name)
    of stored syndicated copies of the same story, (start, end, reason, "retold") spans from the acts
    it tells by weekday that dated articles pin to one day (retold.py), and (start, end, reason, "passage")
    spans around dated articles that print a passage of it word for word (passages.py). `today`: the latest day any article can carry (the
    day it is read; tests pass one). `infer=False` stops after the signals that give a day (ingest, before
    the dictionary and the store are at hand).
    """
    if given is not None and given[0] is not None:
        day, source, note = given
        return Publication(day, day, source, [Reason(source, ((day, day),), note)])
    hit = find_dateline(text)
    if hit:
        return Publication(hit[0], hit[0], "dateline", [Reason("dateline", ((hit[0], hit[0]),), hit[1])])
    reasons: list[Reason] = []
    from_url = url_date(url)
    if from_url is not None and from_url.spans[0][0] == from_url.spans[0][1]:
        day = from_url.spans[0][0]
        return Publication(day, day, "url", [from_url])
    retold = [c for c in copies if len(c) > 3 and c[3] == "retold" and c[0] is not None]
    passages = [c for c in copies if len(c) > 3 and c[3] == "passage" and c[0] is not None]
    dated = [c for c in copies if c[0] is not None and len(c) <= 3]
    if dated:
        lo, hi = min(c[0] for c in dated), max(c[1] or c[0] for c in dated)
        names = ", ".join(sorted({c[2] for c in dated}))
        return Publication(lo, hi, "syndicated", [Reason("syndicated", ((lo, hi),), f"dated copies of the same story: {names} (its words were written then; this copy may have run later)")])
    if not infer:
        return Publication()
    partial = dateline_without_year(text, today or dt.date.today())
    if partial is not None:
        reasons.append(partial)
    if from_url is not None:
        reasons.append(from_url)
    # acts it tells by weekday that dated articles put on one day (retold.py): within the week after that day
    reasons += [Reason("retold", ((c[0], c[1]),), c[2]) for c in retold]
    if actors is not None:
        reasons += office_reasons(text, actors)
    reasons += weekday_date_reasons(text, today or dt.date.today())
    reasons += date_reasons(text, [r for r in reasons if r.signal in ("url", "office", "tenure", "weekday")])
    # passages printed word for word by dated articles (passages.py): the weakest tie, weighed last, so a
    # dated article whose shown day is wrong never moves what the article's own words place elsewhere
    if passages:
        reasons.append(Reason("passage", tuple(dict.fromkeys((c[0], c[1]) for c in passages)),
                              "a passage printed word for word by " + "; ".join(c[2] for c in passages)))
    return _weigh(reasons, today or dt.date.today())


def _weigh(reasons: list[Reason], today: dt.date) -> Publication:
    """Intersect the reasons' interval sets in order (strongest first); one that would leave nothing is set
    aside. Within the answer's hull nothing is guessed: the interval is what every used reason allows."""
    spans: list[Interval] = [(None, today)]
    kept: list[Reason] = []
    for r in reasons:
        cut = _intersect(spans, r.spans)
        if cut:
            spans = cut
            kept.append(r)
        else:
            kept.append(Reason(r.signal, r.spans, r.text, used=False))
    if not any(r.used for r in kept):
        return Publication(None, None, "none", kept)
    lo = min((s[0] for s in spans), key=lambda d: d or dt.date.min)
    hi = max((s[1] for s in spans), key=lambda d: d or dt.date.max)
    if lo is None:  # only upper bounds: the article may be years older; no start a reader would give
        return Publication(None, None, "none", kept)
    if hi is None:
        hi = today
    if hi < lo:
        hi = lo  # an article read before the dates it claims (a clock set wrong): keep the claim
    if len(spans) > 1:
        kept.append(Reason("together", tuple(spans), "the answer is the hull of these spans"))
    if hi == today:
        kept.append(Reason("ingested", ((None, today),), f"no later than the day it is read ({today})"))
    return Publication(lo, hi, "inferred", kept)


def _intersect(a: Iterable[Interval], b: Iterable[Interval]) -> list[Interval]:
    out = []
    for a0, a1 in a:
        for b0, b1 in b:
            lo = max(a0 or dt.date.min, b0 or dt.date.min)
            hi = min(a1 or dt.date.max, b1 or dt.date.max)
            if lo <= hi:
                out.append((None if lo == dt.date.min else lo, None if hi == dt.date.max else hi))
    return out


def _span_text(s: Interval) -> str:
    lo, hi = s
    if lo is not None and lo == hi:
        return lo.isoformat()
    if lo is None:
        return f"until {hi}"
    return f"{lo}..{hi}" if hi else f"from {lo}"


# ----------------------------------------------------------------------------- URL

# htmldate reads a full Y-M-D date in a URL; a year and month alone ("/2025/06/") it leaves, so a small
# pattern reads those as a month-long interval.
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/")
# Month names in a path: "/08-Jun-2024/", "/2025/Nov/19/", "/june-8-2024-...". htmldate reads numeric paths
# only, so these few shapes are matched here; each must open a path segment, so a date told inside a slug
# (often a past event the story recalls) is no publication date.
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december"
_URL_NAMED = (
    re.compile(rf"(?<=/)(?P<d>0?[1-9]|[12]\d|3[01])[-_/](?P<m>{_MONTHS})[-_/](?P<y>(?:19|20)\d\d)(?=[/_.-]|$)", re.I),
    re.compile(rf"(?<=/)(?P<y>(?:19|20)\d\d)[-_/](?P<m>{_MONTHS})[-_/](?P<d>0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)", re.I),
    re.compile(rf"(?<=/)(?P<m>{_MONTHS})[-_/](?P<d>0?[1-9]|[12]\d|3[01])[-_/](?P<y>(?:19|20)\d\d)(?=[/_.-]|$)", re.I),
)


def _named_url_day(path: str) -> dt.date | None:
    from .temporal import _month_num  # noqa: PLC0415 (one month table, not copied)

    for pattern in _URL_NAMED:
        for m in pattern.finditer(path):
            month = _month_num(m.group("m"))
            day = _safe_date(int(m.group("y")), month, int(m.group("d")))
            if day is not None:
                return day
    return None
# nor a day written compact, as many CMSs write it: "/the-news/20240408/2817...", "...-20230310-0021.html",
# "/n3/2024/0620/c900..." (a whole path segment or a dash-delimited part of one, that is a real date)
_URL_COMPACT = re.compile(r"(?<=[/_-])((?:19|20)\d\d)/?(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")


def url_date(url: str | None) -> Reason | None:
    """The date a URL's path carries ("/2025/06/24/..." -> that day; "/2025/06/" -> that month)."""
    if not url:
        return None
    from htmldate.extractors import extract_url_date
    from htmldate.utils import Extractor

    opts = Extractor(False, dt.datetime(2100, 1, 1), dt.datetime(1990, 1, 1), True, "%Y-%m-%d")
    found = extract_url_date(url, opts)
    if found:
        day = dt.date.fromisoformat(found)
        return Reason("url", ((day, day),), f"URL {url}")
    path = url.split("?", 1)[0].split("#", 1)[0]
    for m in _URL_COMPACT.finditer(path):
        day = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if day is not None:
            return Reason("url", ((day, day),), f"URL {url}")
    day = _named_url_day(path)
    if day is not None:
        return Reason("url", ((day, day),), f"URL {url}")
    m = _URL_MONTH.search(url)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        end = (dt.date(y + mo // 12, mo % 12 + 1, 1) - dt.timedelta(days=1))
        return Reason("url", ((dt.date(y, mo, 1), end),), f"URL {url}")
    return None


# ----------------------------------------------------------------------------- office-holders

@lru_cache(maxsize=1)
def _titles() -> dict:
    """The title knowledge in data/titles.yaml: office heads, qualifiers, lower-case title words, synonyms."""
    from importlib import resources

    import yaml

    data = yaml.safe_load(resources.files("detente").joinpath("data/titles.yaml").read_text(encoding="utf-8"))
    return {"heads": frozenset(data["office_heads"]), "qualifiers": frozenset(data["qualifiers"]),
            "lower": frozenset(data["lowercase_title_words"]),
            "synonyms": {k: frozenset(v) for k, v in (data.get("synonyms") or {}).items()},
            "death": re.compile(r"(?i)\b(?:" + "|".join(re.escape(w) for w in data.get("death_words") or ["(?!x)x"]) + r")\b")}


_NOT_NOW_WORDS = {"then", "late", "ex", "erstwhile", "one-time", "onetime", "future", "incoming", "outgoing"}
_YEAR_IN = re.compile(r"\b(?:19|20)\d\d\b")
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")
NUMBER_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                             "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
# "Trump's first week back", "his first 100 days back in office": the start of a returning office-holder's term
_FIRST = r"first\s+(?P<n>week|weeks|month|months|hundred\s+days|100\s+days|days|year)\s+(?P<back>back|in\s+office|in\s+power|as\s+\w+)\b"
_BACK = rf"(?:['’]s?\s+){_FIRST}"
_PRONOUN_FIRST = re.compile(rf"\b(?:his|her)\s+{_FIRST}", re.I)
# how long after the term began an article that tells of its first week/month/... is written
_WRITTEN_WITHIN = {"week": 31, "weeks": 62, "month": 62, "months": 130, "hundred days": 130, "100 days": 130,
                   "days": 62, "year": 400}
_RETURN = (r"(?:(?:['’]s?\s+)(?:return|comeback)|\s+(?:has\s+|had\s+)?(?:returned|came\s+back))\s+to\s+"
           r"(?:the\s+White\s+House|power|office|the\s+presidency)\b")
_SWORN = r"\s+(?:was\s+|were\s+|had\s+been\s+)?(?:sworn\s+in|inaugurated|took\s+office|took\s+the\s+oath)\b"
# "Lukashenko's 31 years in power": the dictionary knows when the office began
_YEARS_IN = r"(?:['’]s?\s+)(?P<y>\d{1,2}|[a-z]+)\s+years\s+(?:in\s+power|in\s+office|at\s+the\s+helm|of\s+rule)"


@dataclass(frozen=True)
class _People:
    by_last: dict  # last word of a surface form -> the surface forms of people with dated roles ending in it
    key_of: dict  # surface form -> dictionary key
    vocab: frozenset  # the words of every role title

    def names(self, text: str) -> re.Pattern:
        """A pattern of the forms whose last word the text has (a few, not the thousands of the dictionary)."""
        words = set(re.findall(r"[\w’'.-]+", text)) | set(re.findall(r"[\w.-]+", text))  # "O'Brien", "Trump's"
        return _alternation(tuple(sorted(f for w in words & self.by_last.keys() for f in self.by_last[w])))


@lru_cache(maxsize=256)
def _alternation(forms: tuple[str, ...]) -> re.Pattern:
    alt = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\b" if alt else r"(?!x)x")


_PEOPLE: dict[int, tuple[Any, _People]] = {}


def _people(actors: Any) -> _People:
    """The dictionary's dated office-holders, compiled once per dictionary (a small, clearly named use of
    its public `surfaces` and `lookup_id`)."""
    hit = _PEOPLE.get(id(actors))
    if hit is not None and hit[0] is actors:
        return hit[1]
    key_of, vocab = {}, set()
    for form, key in actors.surfaces().items():
        entry = actors.lookup_id(key) or {}
        roles = [r for r in entry.get("roles") or [] if r.get("title") and (r.get("start") or r.get("end"))
                 and _words(str(r["title"])) & _titles()["heads"]]
        if key.startswith("person:") and roles and len(form) > 3 and form[0].isupper():
            key_of[form] = key
            for r in roles:
                vocab |= _words(str(r["title"]))
    by_last: dict[str, list[str]] = {}
    for form in key_of:
        by_last.setdefault(form.split()[-1], []).append(form)
    people = _People(by_last, key_of, frozenset(vocab))
    _PEOPLE.clear()
    _PEOPLE[id(actors)] = (actors, people)
    return people


_STOP = {"the", "and", "for", "from", "with", "removed", "office"}


def _words(title: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", title.lower()) if len(w) > 2 and w not in _STOP}


def _date(v: Any) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    return v if isinstance(v, dt.date) else parse_date_value(v) if isinstance(v, str) else None


def _roles(actors: Any, key: str) -> list[tuple[set[str], dt.date | None, dt.date | None, str]]:
    entry = actors.lookup_id(key) or {}
    return [(_words(str(r["title"])), _date(r.get("start")), _date(r.get("end")), str(r["title"]))
            for r in entry.get("roles") or [] if r.get("title") and _words(str(r["title"])) & _titles()["heads"]]


def office_reasons(text: str, actors: Any) -> list[Reason]:
    """Titled office-holders ("U.S. President Donald Trump", "Foreign Minister X"), a returning holder's
    first days back, and "X's N years in power", each as the set of intervals the dictionary's tenures
    allow. A sentence that names a year is told about that year and says nothing of today; "then-President"
    and "the late" never date the article."""
    people = _people(actors)
    out: list[Reason] = []
    seen: set[tuple] = set()
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]
    starts = [a for a, _ in sentences]
    names = people.names(text)
    for m in names.finditer(text):  # one pass over the text; each name read within its sentence
        a, b = sentences[max(0, bisect.bisect_right(starts, m.start()) - 1)]
        s = text[a:b]
        key, rest, before = people.key_of[m.group(0)], text[m.end():b], text[a:m.start()]
        roles = _roles(actors, key)
        got = _term(rest, roles, m.group(0)) or _years_in(rest, roles, m.group(0))
        if got is None and not _names_a_time(s) and not _titles()["death"].search(s):
            # (a sentence telling a death, "died in a crash alongside President X", is about the past)
            got = _titled(before, roles, people.vocab, m.group(0))
        if got is not None and (got.signal, got.spans) not in seen:
            seen.add((got.signal, got.spans))
            out.append(got)
    # "his first week in office": the office-holder named last before it
    for m in _PRONOUN_FIRST.finditer(text):
        named = [n for n in names.finditer(text, max(0, m.start() - 400), m.start())]
        if named:
            got = _term(" " + m.group(0).split(None, 1)[1], _roles(actors, people.key_of[named[-1].group(0)]),
                        named[-1].group(0), pronoun=m.group(0))
            if got is not None and (got.signal, got.spans) not in seen:
                seen.add((got.signal, got.spans))
                out.append(got)
    return out


def _names_a_time(sentence: str) -> bool:
    """Whether a sentence names a year as a time ("In 2018, President X met ..."), not as the name of a thing
    ("the 2018 inter-Korean agreement")."""
    return any(not (_ADJ_BEFORE.search(sentence[:m.start()]) and _ADJ_AFTER.match(sentence[m.end():]))
               for m in _YEAR_IN.finditer(sentence))


def _titled(before: str, roles, vocab, name: str) -> Reason | None:
    """ "President Trump" -> the spans of the roles whose title has the words of the title before the name
    (and whose qualifiers, "former", "vice", "prime", the title has too)."""
    words_before = before.split()
    title: list[str] = []
    for w in reversed(words_before):
        bare = w.strip(",;:()\"“”'’")
        if bare != w and title:
            break
        if bare in ("of", "the", "for") and title:
            title.insert(0, bare)  # "Secretary of State", "Minister for Foreign Affairs"
            continue
        if not bare or not (bare[0].isupper() or bare.lower() in _titles()["lower"]):
            break
        title.insert(0, bare)
        if len(title) >= 6:
            break
    while title and title[0] in ("of", "the", "for"):
        title.pop(0)
    if not title:
        return None
    # "then-President X", "the late President X", "incoming Prime Minister X": not in office as the article is written
    lead = words_before[-len(title) - 1] if len(words_before) > len(title) else ""
    if lead.lower().strip(",;:(\"“") in _NOT_NOW_WORDS or any(re.match(r"(?i)(?:then|ex)-", w) or w.lower() in _NOT_NOW_WORDS
                                                              for w in title):
        return None
    said = _words(" ".join(title))
    for w in list(said):
        if w in _titles()["synonyms"] and not any(w in words for words, *_ in roles):
            said = (said - {w}) | _titles()["synonyms"][w]
    said = {w for w in said if w in vocab}
    if not said:
        return None
    spans = tuple((lo, hi) for words, lo, hi, _t in roles
                  if said <= words and (words & _titles()["qualifiers"]) <= said and (lo or hi))
    if not spans:
        return None
    return Reason("office", spans, f"{' '.join(title)} {name}")


def _term(rest: str, roles, name: str, pronoun: str = "") -> Reason | None:
    """A term of office told by its start: "Trump's first week back" (January 2025), "his first month in
    office" (any term), "returned to the White House", "was sworn in"."""
    m = re.match(_BACK, rest) if not pronoun else re.match(r"\s+" + _FIRST, rest)
    told = m or re.match(_RETURN, rest) or re.match(_SWORN, rest)
    said = pronoun or (f"{name}{rest[:told.end()]}" if told else name)
    starts = sorted({lo for words, lo, _hi, _t in roles if lo is not None and "former" not in words})
    if m:
        back = m.group("back").lower() == "back"
        firsts = [_returns(roles)] if back else starts
        within = _WRITTEN_WITHIN[re.sub(r"\s+", " ", m.group("n").lower())]
        spans = tuple((d, d + dt.timedelta(days=within)) for d in firsts if d is not None)
        return Reason("office", spans, f"{said}: written within {within} days of the term's start") if spans else None
    if re.match(_RETURN, rest):
        back = _returns(roles)
        return Reason("office", ((back, None),), said) if back else None
    if re.match(_SWORN, rest) and starts:
        return Reason("office", ((starts[0], None),), said)
    return None


def _returns(roles) -> dt.date | None:
    """The start of the latest term of an office its holder had held before, with a gap between: a return."""
    best = None
    for words, lo, _hi, _t in roles:
        if lo is None or "former" in words:
            continue
        if any(w2 == words and hi2 is not None and hi2 < lo for w2, _lo2, hi2, _t2 in roles) \
                and (best is None or lo > best):
            best = lo
    return best


def _years_in(rest: str, roles, name: str) -> Reason | None:
    m = re.match(_YEARS_IN, rest)
    if not m:
        return None
    years = int(m.group("y")) if m.group("y").isdigit() else NUMBER_WORDS.get(m.group("y"))
    starts = [lo for _w, lo, _hi, _t in roles if lo is not None and "former" not in _w]
    if not years or not starts:
        return None
    start = min(starts)
    lo, hi = _add_years(start, years), _add_years(start, years + 1)
    return Reason("tenure", ((lo, hi),), f"{name}{rest[:m.end()]}")


def _add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


# ----------------------------------------------------------------------------- dates the article mentions

# Words before a date that make it history or a span's start, not the news: "since December", "as early as
# 2019", "until 2021", "back in March".
_HISTORY_BEFORE = re.compile(r"(?i:\b(?:since|from|until|till|between|before|back\s+in|as\s+(?:early|far\s+back)\s+as"
                             r"|dating\s+(?:back\s+)?to|prior\s+to|ever\s+since"
                             # the origin of a thing: "the accord, signed in September 2018", "born in 2004"
                             r"|(?:signed|concluded|founded|established|built|born|adopted|passed|enacted|created)"
                             r"\s+(?:in|on))\s+(?:the\s+)?(?:(?:early|late|mid)[- ]?)?$)")
# A date a measure takes effect from ("Starting on July 8, the ban ...", "effective March 1", "as of May 15") may
# lie after the article as well as before it: no bound either way
_EFFECTIVE_BEFORE = re.compile(r"(?i:\b(?:starting|beginning|commencing|effective|as\s+of|with\s+effect\s+from)"
                               r"\s+(?:(?:on|from)\s+)?(?:the\s+)?$)")
# A year used as an adjective ("the 2019 election", "its 2020 census") names a thing, not the news
_ADJ_BEFORE = re.compile(r"(?i:\b(?:the|an?|its|their|his|her|our|this|that|\w+['’]s)\s+(?:(?:early|late|mid)[- ])?$)")
# (a capitalised name too: "the 2024 National Budget", "its 2019 Asian Cup bid")
_ADJ_AFTER = re.compile(r"^[-\s]*[A-Za-z]")
# A four-digit clock time ("at 1430", "1630 GMT") is not a year
_CLOCK_AROUND = re.compile(r"(?i:\bat\s*$)")
_CLOCK_AFTER = re.compile(r"(?i:^\s*(?:gmt|utc|cet|est|edt|bst|local|hrs|hours|h\b|z\b))")
MIN_YEAR = 1900


def clock_time(text: str, start: int, end: int) -> bool:
    """Whether the four digits at text[start:end] are a clock time ("at 1430", "1700 GMT"), not a year."""
    digits = re.search(r"\d{4}", text[start:end])
    if digits is None or not re.fullmatch(r"\W*(?:in\s+)?\d{4}\W*", text[start:end]):
        return False
    return bool(_CLOCK_AROUND.search(text[max(0, start - 20):start]) or _CLOCK_AFTER.match(text[end:end + 20]))


def date_reasons(text: str, known: Sequence[Reason] = ()) -> list[Reason]:
    """From the dates the article mentions: the latest past day is a lower bound ("past"); the latest full
    date reported as a recent event ("on June 5, 2025") gives a window of RECENCY_DAYS after it ("recent"),
    and a bare date ("on June 21") later in the year of the latest date told as news moves the window. A
    month is an earlier episode: "in August 2025" only a lower bound, "in September" (no year) within the year
    before the article.
    History ("since 2020", "had been captured in December 2020", "the 2019 election") is only a lower bound;
    clock times, years before 1900, the future and the day a measure takes effect ("starting on July 8") give
    nothing."""
    from .temporal import find_timexes, future_context

    found = find_timexes(text, None)
    past: tuple[dt.date, str] | None = None  # any past date: a lower bound
    news: tuple[dt.date, str, int] | None = None  # a past date told as news, a year too: the year of bare dates
    # (and the offset after which a bare date may take it)
    recent: tuple[dt.date, str, dt.date] | None = None  # a day told as news: the recency window
    within: tuple[dt.date, str, dt.date] | None = None  # a month told alone: within a year after it
    for t in found:
        if t.anchor != "absolute" or t.type not in ("DATE", "TIME") or t.date_start is None:
            continue
        if t.granularity == "decade" or t.date_start.year < MIN_YEAR or future_context(text, t.start, t.end):
            continue
        if clock_time(text, t.start, t.end):
            continue
        before, after = _clause_before(text, t.start), text[t.end:t.end + 30]
        if _EFFECTIVE_BEFORE.search(before):
            continue  # "starting on July 8, 2019, flights are banned": when a measure applies, not when it was told
        year_only = t.granularity == "year"
        if year_only and _ADJ_BEFORE.search(before) and _ADJ_AFTER.match(after):
            continue  # "the 2019 election": a thing, not a time told
        if past is None or t.date_start > past[0]:
            past = (t.date_start, t.text)
        if _HISTORY_BEFORE.search(before) or _HISTORY_CLAUSE.search(before) or t.granularity not in ("day", "month", "year"):
            continue
        if news is None or t.date_start > news[0]:
            # a year alone places only the bare dates told after it ("In 2022, a judge ..." read after "since
            # December 17" does not make that December 2022), unless it closes one ("Oct 11/12, 2025")
            news = (t.date_start, t.text, t.start if year_only and not _CLOSES_DATE.search(before) else -1)
        if t.granularity == "month":
            # "upheld in December 2023", "In May 2024, the police ...": an earlier episode told by its month (the
            # news is told by its day), and with its year, which a writer gives when it may be years back: only
            # a lower bound, no recency window
            continue
        if not year_only and (recent is None or t.date_start > recent[0]):
            recent = (t.date_start, t.text, t.date_end or t.date_start)
    # Bare dates ("on June 21") sit in the year of the latest date told as news, or of the one span the
    # stronger reasons leave, when they come after it; "since December" too: the latest December (not in a pluperfect
    # clause, which looks back before the story: "had been residing there since December"); a month told alone
    # bounds the article within the year after it
    base = recent or news
    floor = _lower_bound(known)
    if floor is not None and (base is None or floor[0] > base[0]):
        base = floor
    if base is not None:
        for t in found:
            m = re.match(r"^XXXX-(\d\d)(?:-(\d\d))?$", t.value or "")
            if not m or future_context(text, t.start, t.end) or _RELATIVE.search(t.text) \
                    or (base is news and t.start < news[2]):
                continue  # "November last year", "last August": counted from the unknown day itself
            clause = _clause_before(text, t.start)
            if _PLUPERFECT_CLAUSE.search(clause):
                continue  # "who had been residing there since December": a look back, no sign the news is recent
            month = int(m.group(1))
            if m.group(2):
                day = last = _safe_date(base[0].year, month, int(m.group(2)))
            else:
                day, last = dt.date(base[0].year, month, 1), _month_last(base[0].year, month)
            if day is None or last < base[0]:
                continue
            placed = f"'{t.text}' placed in {base[0].year} (after '{base[1]}')"
            if not m.group(2) and not _HISTORY_BEFORE.search(clause):
                # "sentenced in September": an earlier episode told by its month (the news is told by its day or
                # weekday); a date without its year is within the year before the article, not within the
                # recency window. ("the second round of talks since December" counts the news's weeks: it stays)
                if within is None or day > within[0]:
                    within = (day, placed, last)
            elif recent is None or day > recent[0]:
                recent = (day, placed, last)
    out = []
    if past is not None:  # kept beside a window: when stronger reasons set the window aside, it still bounds
        out.append(Reason("past", ((past[0], None),), f"'{past[1]}' mentioned as past: published after it"))
    if within is not None and (recent is None or within[0] > recent[0]):
        out.append(Reason("past", ((within[0], within[2] + dt.timedelta(days=YEAR_DAYS)),),
                          f"{within[1]} told as an earlier episode: published after it, within a year of it"))
    if recent is not None:
        told = recent[1] if recent[1].startswith("'") else f"'{recent[1]}'"
        out.append(Reason("recent", ((recent[0], recent[2] + dt.timedelta(days=RECENCY_DAYS)),),
                          f"{told} reported as a recent event: published on or after it, within {RECENCY_DAYS} days of its end"))
    return out


YEAR_DAYS = 366
_PLUPERFECT_CLAUSE = re.compile(r"(?i:\bhad\b[^,;:]*$)")
_RELATIVE = re.compile(r"(?i:\b(?:last|this|next|previous|coming|past|year)\b)")
# A clause that looks back: "since it ran the ship aground in 1999", "had been captured in December 2020"
_HISTORY_CLAUSE = re.compile(r"(?i:\b(?:since|had|until|before|born)\b[^,;:]*$)")


def _clause_before(text: str, start: int) -> str:
    """The words of the sentence before a position (at most 120 characters)."""
    before = text[max(0, start - 120):start]
    cut = max(before.rfind(". "), before.rfind("\n"), before.rfind("! "), before.rfind("? "))
    return before[cut + 1:] if cut >= 0 else before


def _month_last(y: int, m: int) -> dt.date:
    return dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)


def _lower_bound(known: Sequence[Reason]) -> tuple[dt.date, str] | None:
    """The earliest day the known reasons together allow when they leave one span of at most a year (two
    terms of office, or one still running, leave no year a bare date could take), and what says so."""
    spans: list[Interval] = [(None, None)]
    for r in known:
        spans = _intersect(spans, r.spans) or spans
    if not known or len(spans) != 1 or spans[0][0] is None or spans[0][1] is None \
            or (spans[0][1] - spans[0][0]).days > 366:
        return None  # an open or long span (a term of office still running) says nothing of the year
    return spans[0][0], "; ".join(r.text for r in known)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# ----------------------------------------------------------------------------- datelines

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
# a year that closes a month and day ("Oct 11/12, 2025", "June 5 and 6, 2025"): a full date the parser split
_CLOSES_DATE = re.compile(rf"(?i:\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:/|-|–|and|to)\s*\d{{1,2}})?,?\s*$)")
# Regexes only *find* candidate full dates (dateparser's search mode finds partial dates in any
# sentence and cannot be told "a day, a month and a year, in this line only"); dateparser parses them.
_FULL_DATE = re.compile(
    rf"\b(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})\b",
    re.I,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?|\b\d{1,2}\s*[ap]\.?m\.?", re.I)
_WEEKDAY = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?", re.I)
_DATE_CUE = re.compile(r"^\W*(?:(?:first\s+|last\s+)?(?:published|posted|updated|modified|date[d]?)|pub(?:lished)?\s+date)\b", re.I)
_UPDATED = re.compile(r"^\W*(?:last\s+)?(?:updated|modified)\b", re.I)
# Lower-case words a dateline/byline line may hold besides names and section labels ("By Jane Doe
# and John Roe | 11 September 2025, 10:32 am"); any other lower-case word means prose.
_DATELINE_WORDS = {"by", "and", "at", "on", "of", "in", "the", "am", "pm", "a", "m", "published",
                   "updated", "posted", "last", "first", "staff", "reporter", "correspondent", "news"}
HEADER_LINES = 12
HEADER_CHARS = 1500
TRAILER_LINES = 6


@lru_cache(maxsize=64)  # ingest reads it, and the pipeline again for an article it has to date
def find_dateline(text: str) -> tuple[dt.date, str] | None:
    """Publication date written in the article's own header (or a trailing "Published ..." line).

    Only full dates (day, month and year) on a dateline-like line count: a short line that is mostly
    the date ("News | September 11, 2025", "By Jane Doe | 11 September 2025") or starts with a cue
    ("Published on ...", "Updated: ..."). Dates inside body sentences are not datelines.
    Returns (date, note) or None.
    """
    lines, used = [], 0
    for line in text.split("\n"):
        if used >= HEADER_CHARS or len(lines) >= HEADER_LINES:
            break
        used += len(line) + 1
        if line.strip():
            lines.append(line.strip())
    found = [hit for line in lines if (hit := dateline_in(line, cue_required=False))]
    # A "Published"/"Posted" line beats an "Updated" one: the anchor is when the article first appeared.
    found.sort(key=lambda hit: bool(_UPDATED.match(hit[1])))
    if found:
        return found[0][0], f'dateline "{found[0][1]}"'
    tail = [ln.strip() for ln in text.split("\n")[-TRAILER_LINES:] if ln.strip()]
    for line in tail:
        hit = dateline_in(line, cue_required=True)
        if hit:
            return hit[0], f'dateline "{hit[1]}"'
    return None


# A wire dateline opens the first paragraph: "MINSK, Sept 12, 2025 —", "WASHINGTON, Aug. 18, 2025 (Reuters) -".
WIRE_DATELINE = re.compile(r"^[A-Z][A-Z.'’ /-]{1,40}(?:,\s*[A-Z][A-Za-z.]+)?,\s*(?P<date>[^—–(]{6,30}?)\s*(?:\([^)]{1,40}\)\s*)?[—–-]\s")


# A dateline with no date: "MOSCOW (AP) — ", "PRISTINA (Reuters) – ", "YEREVAN – " (a capitalised city, then a dash)
_BARE_DATELINE = re.compile(r"^[A-Z][A-Z'’/-]{2,}(?: [A-Z][A-Z'’/-]+){0,3}(?:,\s*[A-Z][A-Za-z.]+)?\s*"
                            r"(?:\([^)]{1,40}\)\s*(?:—|–|--?)|—|–)\s+(?=[A-Z])")


# A dateline whose parentheses name the source and the date, with no dash after them:
# "LIMA (Agency Name / Wire - 12th March, 2024) Chile has ..." (the year inside says it is no aside)
_SOURCE_DATELINE = re.compile(r"^[A-Z][A-Z'’/-]{2,}(?: [A-Z][A-Z'’/-]+){0,3}(?:,\s*[A-Z][A-Za-z.]+)?\s*"
                              r"\((?=[^)]*\b(?:19|20)\d\d\b)[^)]{4,80}\)\s+(?=[A-Z])")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of wire datelines opening a line ("VILNIUS, June 22, 2025 - ", "MOSCOW (AP) — "):
    they date the report and name where it was filed, never who did what."""
    spans, pos = [], 0
    for line in text.split("\n"):
        m = WIRE_DATELINE.match(line) or _BARE_DATELINE.match(line) or _SOURCE_DATELINE.match(line)
        if m:
            spans.append((pos, pos + len(m.group(0))))
        pos += len(line) + 1
    return spans


# A dateline with a day but no year opens the text: "WASHINGTON, Aug. 18 (Eastern Wire) -",
# "Seoul, June 3 (Jiji Press)--"
_DAY_DATELINE = re.compile(rf"^[A-Z][\w.'’ /-]{{1,40}},\s*(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})\s*"
                           r"(?:\([^)]{1,40}\))?\s*(?:—|–|--?)")


def dateline_without_year(text: str, today: dt.date) -> Reason | None:
    """A wire dateline that gives the day but not the year: that day of every year, for the other reasons
    to choose among."""
    for line in text.split("\n")[:HEADER_LINES]:
        m = _DAY_DATELINE.match(line.strip())
        if m:
            from .temporal import _month_num  # noqa: PLC0415 (one month table, not copied)

            month, day = _month_num(m.group("month")), int(m.group("day"))
            spans = tuple((d, d) for y in range(1990, today.year + 1) if (d := _safe_date(y, month, day)) and d <= today)
            if spans:
                return Reason("dateline", spans, f'dateline without a year "{m.group(0).strip(" —–-")}"')
    return None


_WEEKDAY_NAME = r"(?P<wd>Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
_DAY_MONTH = (rf"(?:(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\.?)"
              r"(?:st|nd|rd|th)?")
# "Monday (Aug. 26)", "on Sunday, December 3", "Friday, 1 April", "Aug. 26 (Monday)", with no year after the date
_WEEKDAY_DATES = (re.compile(rf"(?i:\b{_WEEKDAY_NAME}\s*(?:\(\s*|,\s*){_DAY_MONTH}\b(?!\)?,?\s*(?:19|20)\d\d)\)?)"),
                  re.compile(rf"(?i:\b{_DAY_MONTH}\s*\(\s*{_WEEKDAY_NAME}\s*\))"))
WEEKDAY_DATE_YEARS = 40  # how far back the years a weekday and a date fit are sought
_WD = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def weekday_date_reasons(text: str, today: dt.date) -> list[Reason]:
    """A date told with its weekday and no year ("on Monday (Aug. 26)"): only the years in which that date falls
    on that weekday (one in six or so), the article written within a month after it or a week before (a weekday is
    given to an act of the weeks told, or one days ahead). The other reasons choose among them: "President Moon" leaves 2019."""
    from .temporal import _month_num  # noqa: PLC0415 (one month table, not copied)

    out = []
    for m in (m for pattern in _WEEKDAY_DATES for m in pattern.finditer(text)):
        wd = _WD.index(m.group("wd").lower()[:3])
        month = _month_num(m.group("month") or m.group("month2"))
        day = int(m.group("day") or m.group("day2"))
        days = [d for y in range(today.year - WEEKDAY_DATE_YEARS, today.year + 1)
                if (d := _safe_date(y, month, day)) is not None and d.weekday() == wd and d <= today]
        if days:
            spans = tuple((d - dt.timedelta(days=WEEK_AHEAD), d + dt.timedelta(days=WEEKDAY_DATE_AFTER)) for d in days)
            years = ("... " if len(days) > 4 else "") + ", ".join(str(d.year) for d in days[-4:])
            out.append(Reason("weekday", spans, f"'{m.group(0).strip()}': that date falls on that weekday only in {years}"))
    return out


WEEK_AHEAD = 7  # an act told by weekday and date may be announced up to a week ahead ...
WEEKDAY_DATE_AFTER = 30  # ... and is told so within a month after it (later, a writer gives the year, not the weekday)


def dateline_in(line: str, *, cue_required: bool) -> tuple[dt.date, str] | None:
    """The full date of one dateline-like line and the line, else None."""
    wire = WIRE_DATELINE.match(line)
    if wire and not cue_required:
        date_match = _FULL_DATE.search(wire.group("date"))
        day = parse_date_value(date_match.group(0)) if date_match else None
        if day:
            return day, wire.group(0).strip(" —–-")
    if len(line) > 160:
        return None
    match = _FULL_DATE.search(line)
    if not match:
        return None
    if _DATE_CUE.match(line):
        pass
    elif cue_required:
        return None
    else:
        rest = line[:match.start()] + " " + line[match.end():]
        rest = _WEEKDAY.sub(" ", _TIME.sub(" ", rest))
        words = re.findall(r"[^\W\d_]+", rest)
        if (len(words) > 10 or rest.rstrip().endswith((".", "!", "?"))
                or any(w.islower() and w not in _DATELINE_WORDS for w in words)):
            return None  # a sentence or headline that mentions a date, not a dateline
    day = parse_date_value(match.group(0))
    return (day, line) if day else None


@lru_cache(maxsize=4096)
def _dateparse(s: str) -> dt.date | None:
    import dateparser

    # dateparser reads "Aug 18, 2025" and "Sept 12" but not an abbreviation with its full stop ("Aug.").
    s = re.sub(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.", r"\1", s, flags=re.I)
    s = re.sub(r"\bSept\b", "Sep", s, flags=re.I)
    parsed = dateparser.parse(
        s, languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True,
                  "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date() if parsed else None


# Publication dates an article can have; outside them a value is a typo or an attack ("0001-01-01"),
# and calendar arithmetic on it would overflow later.
MIN_PUBLISHED, MAX_PUBLISHED = dt.date(1000, 1, 1), dt.date(2999, 12, 31)


def parse_date_value(value: Any) -> dt.date | None:
    """A date from a manifest/meta value (None when unreadable or outside the years 1000-2999)."""
    try:
        day = _any_date(value)
    except (ValueError, OverflowError):
        return None
    return day if day is not None and MIN_PUBLISHED <= day <= MAX_PUBLISHED else None


def _any_date(value: Any) -> dt.date | None:
    """A date from a manifest/meta value: date, datetime, ISO string, or any full English date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(s).date()
    except ValueError:
        pass
    return _dateparse(s)
