"""Time expressions in news text, normalised to TIMEX3 values and date intervals.

News dates are relative ("on Thursday", "late April", "two days later"), so every expression is
resolved against the publication date (or an interval of possible publication dates) and turned
into an honest interval: a day when the day is known, a wider span when it is not.

Why hand-written rules: dateparser (and its search_dates) turns a string into one point in time;
it neither finds expressions reliably in running text nor knows TimeML values, parts of periods
("late April" = days 21..30), seasons, weeks, or event-relative anchors ("two days later"). So the
finding and the relative/period rules are ours (regexes compiled once at import); dateparser is used
only to read all-numeric dates ("7/8/07"), whose field order it knows how to handle.

References back to earlier text ("the day", "that time", "the same period last year", "two days
later") are kept relative to the event told before (dating.py anchors them), or, with
`find_timexes(..., anaphora=True)` / `normalise(..., context_before=...)`, resolved against the
latest earlier date of the text. Unspecified times follow TimeML: "recently" PAST_REF, "now" and
"the current (crisis)" PRESENT_REF, "soon" and "the long term" FUTURE_REF (no interval).
"""
from __future__ import annotations

import bisect
import calendar
import functools
import datetime as dt
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Iterable, Callable, Iterator

from detente import regex_gate
from detente.model import Timex

__all__ = ["find_timexes", "future_context", "shift", "timex_records", "normalise"]

# --------------------------------------------------------------------------- vocabulary

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
_UNITS = {"day": "D", "week": "W", "fortnight": "F", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
          "century": "CE", "hour": "H", "minute": "MIN", "second": "S"}
# (min, max) days for one unit, used for event-relative offsets.
_UNIT_DAYS = {"D": (1, 1), "W": (7, 7), "F": (14, 14), "M": (28, 31), "Q": (89, 92), "Y": (365, 366),
              "DE": (3652, 3653), "CE": (36524, 36525), "H": (0, 1), "MIN": (0, 1), "S": (0, 1)}
_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4, "final": 4}
# Vague counts as (min, max): "several weeks later" = 2..8 weeks (14..56 days).
_VAGUE = {"a few": (2, 5), "few": (2, 5), "several": (2, 8), "many": (3, 20), "a couple of": (2, 2),
          "couple of": (2, 2), "dozens of": (24, 99), "some": (2, 8)}

# --------------------------------------------------------------------------- regex pieces

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|"
          r"Sept\b|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)")
# Abbreviations without a period only where a day number follows ("Feb 29"): "Jan" alone is a name.
_MONTH_D = rf"(?:{_MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?=\s+\d))"
_WDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DAYN = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_SMALLW = "|".join(_SMALL[1:])
_NUMWORD = (rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_SMALL[1:10])}))?|{_SMALLW}|a dozen|a hundred|hundreds? of)")
_NUM = (rf"(?:(?<!\d,)(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+(?:\.\d+)?)|{_NUMWORD}|an?|single|a single|a couple of|couple of|a few|few|several|many|dozens of)")
_UNIT = r"(?:day|week|fortnight|month|year|decade|century|hour|minute)"
_UNITS_PL = r"(?:days|weeks|fortnights|months|years|decades|centuries|hours|minutes)"
_PART = r"(?:early|mid|late|the (?:start|beginning|middle|end|close) of|the turn of)"
_LOWER = re.IGNORECASE

# Words that say the sentence talks about the future, looked for just before the expression.
_FUTURE_CUE = (r"will|would(?!\s+have)|'ll|shall|going to|is to|are to|scheduled|slated|set to|plans? to|planned|"
               r"expected|expects?|upcoming|is due|are due|intends? to|wants? to|aims? to|hopes? to|"
               r"seeks? to|to be held|to take place|should|may|might|could|can|until|till|deadline|"
               r"next|coming|forthcoming|future")
# "-ed" counts as past unless passive after a modal ("will be finalized", "may be signed").
_PAST_CUE = (r"was|were|had|did|said|says|ago|last|earlier|previously|already|"
             r"(?<!\bbe )(?<!\bbeen )(?!(?:scheduled|planned|expected)\b)[a-z]{3,}ed")
# One scan finds every tense cue; the nearest one to the expression decides.
_CUE = re.compile(rf"\b(?:(?P<fut>{_FUTURE_CUE})|(?P<past>{_PAST_CUE}))\b", _LOWER)
# not the point of an initial or a title ("U.S. goods", "Gen. Smith"): a sentence ends at a point after a word
_SENT_BREAK = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bDr)(?<!\bMs)(?<!\bSt)(?<!\bGen)(?<!\bMrs)(?<!\bGov)"
                         r"(?<!\bSen)(?<!\bRep)[.!?;]\s|\n")


def _num(s: str) -> tuple[float, float] | None:
    """A count in words or digits as (min, max); None when unreadable."""
    s = s.lower().strip()
    if s in _VAGUE:
        return _VAGUE[s]
    if s in ("a", "an", "single", "a single"):
        return (1, 1)
    if s == "a dozen":
        return (12, 12)
    if s in ("a hundred",):
        return (100, 100)
    if s.startswith("hundred"):
        return (200, 900)
    try:
        v = float(s.replace(",", ""))  # "1,800"
        return (v, v)
    except ValueError:
        pass
    if s in _SMALL:
        v = _SMALL.index(s)
        return (v, v)
    parts = re.split(r"[- ]", s)
    if parts[0] in _TENS:
        v = _TENS[parts[0]] + (_SMALL.index(parts[1]) if len(parts) > 1 and parts[1] in _SMALL else 0)
        return (v, v)
    return None


def _unit_code(s: str) -> str:
    s = s.lower()
    if s.startswith("centur"):
        return "CE"
    return _UNITS[s.rstrip("s")] if s.rstrip("s") in _UNITS else _UNITS[s]


def _month_num(s: str) -> int:
    return _MONTHS[s.lower().rstrip(".")]


# --------------------------------------------------------------------------- calendar helpers

def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _week_value(d: date) -> str:
    iy, iw, _ = d.isocalendar()
    return f"{iy}-W{iw:02d}"


def _week_span(d: date) -> tuple[date, date]:
    mon = d - timedelta(days=d.weekday())
    return mon, mon + timedelta(days=6)


def _season_span(y: int, code: str) -> tuple[date, date]:
    a, b = _SEASON_MONTHS[code]
    if code == "WI":  # winter Y = December Y .. February Y+1 (northern hemisphere)
        return date(y, 12, 1), _month_end(y + 1, 2)
    return date(y, a, 1), _month_end(y, b)


def _season_of(d: date) -> tuple[int, str]:
    m = d.month
    if m in (12, 1, 2):
        return (d.year if m == 12 else d.year - 1), "WI"
    return d.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(m, "FA")


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# Parts of periods. Month: early 1-10, mid 11-20, late 21-end (thirds). Year: early Jan-Apr,
# mid May-Aug, late Sep-Dec (thirds); "the end of the year" = Nov 15-Dec 31 and "the beginning of
# the year" = Jan 1-Feb 15 (about six weeks each, as news uses them).
def _part_kind(part: str) -> str:
    p = part.lower()
    if p.startswith("early") or "start" in p or "beginning" in p:
        return "START"
    if p.startswith("mid") or "middle" in p:
        return "MID"
    return "END"  # late, the end of, the close of, the turn of


def _month_part(y: int, m: int, part: str | None) -> tuple[date, date]:
    if part is None:
        return date(y, m, 1), _month_end(y, m)
    k = _part_kind(part)
    if k == "START":
        return date(y, m, 1), date(y, m, 10)
    if k == "MID":
        return date(y, m, 11), date(y, m, 20)
    return date(y, m, 21), _month_end(y, m)


def _year_part(y: int, part: str | None) -> tuple[date, date]:
    if part is None:
        return date(y, 1, 1), date(y, 12, 31)
    p = part.lower()
    k = _part_kind(part)
    if p.startswith("the"):  # "the end of 2024", "the beginning of the year": about six weeks
        if k == "START":
            return date(y, 1, 1), date(y, 2, 15)
        if k == "END":
            return date(y, 11, 15), date(y, 12, 31)
        return date(y, 6, 1), date(y, 7, 31)
    if k == "START":
        return date(y, 1, 1), date(y, 4, 30)
    if k == "MID":
        return date(y, 5, 1), date(y, 8, 31)
    return date(y, 9, 1), date(y, 12, 31)


# --------------------------------------------------------------------------- resolution core

@dataclass
class _Res:
    """One normalisation, for one assumed publication day."""

    type: str
    value: str | None
    start: date | None = None
    end: date | None = None
    gran: str | None = None
    anchor: str = "absolute"
    offset: tuple[int, int] | None = None
    # For references back to earlier text: (mode, unit, k) read by _resolve_anaphora.
    ana: tuple[str, str | None, int] | None = None


# A handler gets (match, text, publication day or None, future?) and returns a _Res or None
# (None = not a time expression after all, e.g. "May" the verb).
Handler = Callable[[re.Match, str, "date | None", bool], "_Res | None"]


def _latest_day(m: int, d: int, pub: date, future: bool) -> date | None:
    """The latest (m, d) on or before pub; the earliest on or after it when future."""
    step = 1 if future else -1
    y = pub.year
    for _ in range(9):  # Feb 29 may need several years
        c = _safe_date(y, m, d)
        if c is not None and ((c >= pub) if future else (c <= pub)):
            return c
        y += step
    return None


def _latest_month(m: int, pub: date, future: bool) -> tuple[int, int]:
    if future:
        return (pub.year, m) if m >= pub.month else (pub.year + 1, m)
    return (pub.year, m) if m <= pub.month else (pub.year - 1, m)


def _rel_month(m: int, pub: date, which: str, future: bool) -> tuple[int, int]:
    """'last July' = latest July before this month; 'next July' = first after; 'this July' = this year's."""
    which = which.lower()
    if which == "last":
        return (pub.year, m) if m < pub.month else (pub.year - 1, m)
    if which == "next":
        return (pub.year, m) if m > pub.month else (pub.year + 1, m)
    if which == "this":
        return pub.year, m
    return _latest_month(m, pub, future)


def _day_res(d: date, rule_gran: str = "day", anchor: str = "absolute") -> _Res:
    return _Res("DATE", d.isoformat(), d, d, rule_gran, anchor)


def _month_res(y: int, m: int, part: str | None, anchor: str) -> _Res:
    s, e = _month_part(y, m, part)
    return _Res("DATE", f"{y}-{m:02d}", s, e, "month", anchor)


# ---- absolute dates


def _h_full_date(m: re.Match, text, pub, fut):
    mon = _month_num(m["mon"])
    day = int(re.match(r"\d+", m["day"]).group())
    d = _safe_date(int(m["year"]), mon, day)
    return _day_res(d) if d else None


def _h_numeric_date(m: re.Match, text, pub, fut):
    s = m.group()
    if m["iso"]:
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        return _day_res(d) if d else None
    parsed = _dateparser_numeric(s)
    return _day_res(parsed) if parsed else None


_DP_PARSER = None


def _dateparser_numeric(s: str) -> date | None:
    """All-numeric day/month/year strings ('7/8/07'): dateparser knows the field orders; US first."""
    global _DP_PARSER
    if _DP_PARSER is None:
        from dateparser.date import DateDataParser  # imported lazily: slow to import

        _DP_PARSER = DateDataParser(languages=["en"], settings={
            "DATE_ORDER": "MDY", "REQUIRE_PARTS": ["day", "month", "year"],
            "PREFER_DATES_FROM": "past"})
    try:
        got = _DP_PARSER.get_date_data(s)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
        return None
    return got.date_obj.date() if got and got.date_obj else None


def _h_month_day(m: re.Match, text, pub, fut):
    """'June 21', '21 June', 'June 21st': the year comes from the publication date."""
    mon = _month_num(m["mon"])
    day = int(re.match(r"\d+", m["day"]).group())
    if _safe_date(2000, mon, day) is None:  # 2000 is a leap year: Feb 29 passes
        return None
    if pub is None:
        return _Res("DATE", f"XXXX-{mon:02d}-{day:02d}", gran="day", anchor="publication")
    d = _latest_day(mon, day, pub, fut)
    if not fut and _ONSET_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
        # "lifts the tariffs, starting from August 5" (published August 4): when a measure takes effect, told
        # by the day nearest publication, before or after it
        ahead = _latest_day(mon, day, pub, True)
        if ahead is not None and (d is None or (ahead - pub) < (pub - d)):
            d = ahead
    told = re.match(_WDAY, m.group(0))
    if d is not None and told is not None:
        # "Friday, March 1": the weekday picks the year among those next to the one publication gives (a March 1
        # told in a page of early 2024 is 2024's, a Friday, not 2023's, a Wednesday)
        weekday = _WEEKDAYS[told.group(0).lower()]
        fits = [c for y in (d.year - 1, d.year, d.year + 1) if (c := _safe_date(y, mon, day)) is not None
                and c.weekday() == weekday]
        if fits:
            d = min(fits, key=lambda c: abs((c - pub).days))
    if d is None:
        return None
    return _day_res(d, anchor="publication")


# Words that tell when a measure takes effect ("starting from August 5", "effective July 1", "as of June 3")
_ONSET_BEFORE = re.compile(r"(?i:\b(?:starting|beginning|effective|as\s+of|with\s+effect)(?:\s+(?:from|on))?\s+$)")


def _h_month_year(m: re.Match, text, pub, fut):
    mon = _month_num(m["mon"])
    if m["yrel"]:  # "October of next year"
        if pub is None:
            return _Res("DATE", f"XXXX-{mon:02d}", gran="month", anchor="publication")
        y = pub.year + {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()]
        return _month_res(y, mon, m["part"], "publication")
    return _month_res(int(m["year"]), mon, m["part"], "absolute")


_MONTH_PREV_OK = re.compile(
    r"(?:\b(?:in|on|since|by|until|till|from|during|through|throughout|early|late|mid|last|this|"
    r"next|of|before|after|between|and|to|or|since|around|about|as of|the end of|the start of|"
    r"the beginning of|the middle of|the first half of|the second half of)\s*-?|[,(–—-]\s*)$", _LOWER)


def _h_month(m: re.Match, text, pub, fut):
    """A month without a year: the latest such month starting on or before publication."""
    word = m["mon"]
    mon = _month_num(word)
    rel = m["rel"]
    part = m["part"]
    if not rel and not part and word.lower() in ("may", "march"):
        # "May" the verb, "March" the noun: accept only after a preposition or a comma.
        before = text[max(0, m.start() - 25):m.start()]
        if not _MONTH_PREV_OK.search(before):
            return None
    if pub is None:
        return _Res("DATE", f"XXXX-{mon:02d}", gran="month", anchor="publication")
    y, mm = _rel_month(mon, pub, rel or "", fut)
    return _month_res(y, mm, part, "publication")


def _h_year(m: re.Match, text, pub, fut):
    y = int(m["year"])
    part = m["part"]
    s, e = _year_part(y, part)
    return _Res("DATE", str(y), s, e, "year", "absolute")


def _h_year_tail(m, text):
    """The second year of a range: '2009-2010', '1957-58' (two digits take the first's century)."""
    yy = m["yy"]
    first = text[m.start() - 5:m.start() - 1]
    y = int(first[:2] + yy) if len(yy) == 2 else int(yy)
    if y <= int(first):
        return None
    return _Res("DATE", str(y), date(y, 1, 1), date(y, 12, 31), "year", "absolute")


def _h_short_year(m):
    """"'82" and "the '70s": two-digit years, 1930-2029 (no context tells the century better)."""
    yy = int(m["yy"])
    y = (1900 if yy >= 30 else 2000) + yy
    if m["s"]:
        if yy % 10:
            return None
        return _Res("DATE", str(y // 10), date(y, 1, 1), date(y + 9, 12, 31), "decade", "absolute")
    return _Res("DATE", str(y), date(y, 1, 1), date(y, 12, 31), "year", "absolute")


def _h_clock_day(m, text, pub, fut):
    """'15:00 GMT Saturday', '8 p.m. on Friday': a time of day on a weekday."""
    day = _h_weekday(_Alias(m, {}, drop_rel=("on", "early", "late", "last", "next", "this")), text, pub, fut)
    clock = m.group()[:m.start("wd") - m.start()]
    if ":" not in clock and not re.search(r"(?i)[ap]\.?m\b", clock):
        return None
    h, mi = int(m["h2"]), int(m["mi2"] or 0)
    if re.search(r"(?i)p\.?m", clock) and h < 12:
        h += 12
    v = (day.value if day.value else "XXXX-XX-XX") + f"T{h:02d}:{mi:02d}"
    return replace(day, type="TIME", value=v)


def _h_decade(m: re.Match, text, pub, fut):
    y = int(m["dec"])
    part = m["part"]
    s, e = date(y, 1, 1), date(y + 9, 12, 31)
    if part:
        k = _part_kind(part)
        s, e = {"START": (s, date(y + 3, 12, 31)), "MID": (date(y + 3, 1, 1), date(y + 6, 12, 31)),
                "END": (date(y + 7, 1, 1), e)}[k]
    return _Res("DATE", str(y // 10), s, e, "decade", "absolute")


def _h_century(m: re.Match, text, pub, fut):
    n = int(m["cent"])
    c0 = (n - 1) * 100
    return _Res("DATE", f"{n - 1:02d}", date(max(c0, 1), 1, 1), date(c0 + 99, 12, 31), "decade",
                "absolute")


_FALL_PREV_OK = re.compile(r"(?i:\b(?:in|during|since|by|until|till|through|over|this|last|next|"
                           r"coming|past|early|late|mid|that|each|every)\s+(?:the\s+)?$)")


def _h_season(m: re.Match, text, pub, fut):
    code = _SEASONS[m["season"].lower()]
    if m["season"].lower() == "fall" and not (m["year"] or m["yrel"] or m["part"] or m["rel"]):
        # "a sharp fall in prices", "the fall of the regime": the noun, not the season
        if (not _FALL_PREV_OK.search(text[max(0, m.start("season") - 20):m.start("season")])
                or re.match(r"\s+(?:of|in)\b", text[m.end():])):
            return None
    part = m["part"]
    rel = (m["rel"] or "").lower()
    yr = m["year"]
    anchor = "absolute"
    if yr:
        y = int(yr)
    elif m["yrel"]:
        if pub is None:
            return _Res("DATE", f"XXXX-{code}", gran="season", anchor="publication")
        y = pub.year + {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()]
        anchor = "publication"
    else:
        anchor = "publication"
        if pub is None:
            return _Res("DATE", f"XXXX-{code}", gran="season", anchor="publication")
        cy, ccode = _season_of(pub)
        # candidates: this calendar year's season and its neighbours
        cands = [(yy, _season_span(yy, code)) for yy in (pub.year - 2, pub.year - 1, pub.year, pub.year + 1)]
        if rel == "last":
            done = [yy for yy, (s, e) in cands if e < pub]
            y = max(done)
        elif rel == "next" or (fut and rel != "this"):
            y = min(yy for yy, (s, e) in cands if s > pub) if rel == "next" else \
                min(yy for yy, (s, e) in cands if e >= pub)
        elif rel == "this":
            y = cy if ccode == code else (pub.year if code != "WI" or pub.month == 12 else pub.year - 1)
        else:
            y = max(yy for yy, (s, e) in cands if s <= pub)
    s, e = _season_span(y, code)
    if part:
        k = _part_kind(part)
        mid1 = s + (e - s) / 3
        mid2 = s + 2 * (e - s) / 3
        s, e = {"START": (s, mid1), "MID": (mid1 + timedelta(days=1), mid2),
                "END": (mid2 + timedelta(days=1), e)}[k]
    return _Res("DATE", f"{y}-{code}", s, e, "season", anchor)


def _h_quarter(m: re.Match, text, pub, fut):
    q = _ORD.get((m["ord"] or "").lower()) or int(m["qn"] or 0)
    if not q:
        return None
    yr, yrel = m["year"], (m["yrel"] or "").lower()
    anchor = "absolute"
    if yr:
        y = int(yr)
    else:
        anchor = "publication"
        if pub is None:
            return _Res("DATE", f"XXXX-Q{q}", gran="quarter", anchor="publication")
        cq = (pub.month - 1) // 3 + 1
        if yrel:
            y = pub.year + {"last": -1, "previous": -1, "this": 0, "next": 1}.get(yrel.split()[0], 0)
            if yrel.startswith("the previous"):
                y = pub.year - 1
        elif (m["ord"] or "").lower() in ("last", "final") and not m["of"]:
            # "the last quarter" = the quarter before the current one
            y, q = (pub.year, cq - 1) if cq > 1 else (pub.year - 1, 4)
        else:
            # the nearest such quarter: "the fourth quarter" is last year's in January, this
            # year's in August (business news reports results and forecasts alike)
            cands = [pub.year - 1, pub.year, pub.year + 1]
            mid = lambda yy: date(yy, 3 * q - 1, 15)  # noqa: E731
            y = min(cands, key=lambda yy: (abs((mid(yy) - pub).days), -yy if not fut else yy))
    s = date(y, 3 * q - 2, 1)
    e = _month_end(y, 3 * q)
    return _Res("DATE", f"{y}-Q{q}", s, e, "quarter", anchor)


# ---- relative to publication


def _h_weekday(m: re.Match, text, pub, fut):
    wd = _WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    tod = m["tod"]
    typ = "TIME" if tod else "DATE"
    suffix = _tod_code(tod) if tod else ""
    if pub is None:
        return _Res(typ, f"XXXX-WXX-{wd + 1}" + suffix, gran="day", anchor="publication")
    delta = (pub.weekday() - wd) % 7
    if rel == "last":
        d = pub - timedelta(days=delta or 7)
    elif rel == "next":
        d = pub + timedelta(days=((wd - pub.weekday()) % 7) or 7)
    elif rel == "this":
        d = pub - timedelta(days=pub.weekday()) + timedelta(days=wd)
    elif fut:
        d = pub + timedelta(days=(wd - pub.weekday()) % 7)
    else:
        d = pub - timedelta(days=delta)
    return _Res(typ, d.isoformat() + suffix, d, d, "day", "publication")


def _h_weekend(m: re.Match, text, pub, fut):
    """'over the weekend', 'at the weekend': the latest weekend on or before the publication day (the next
    one when told as future), never after the publication day."""
    if pub is None:
        return _Res("DATE", "XXXX-WXX-WE", gran="day", anchor="publication")
    sat = pub + timedelta(days=(5 - pub.weekday()) % 7) if fut else pub - timedelta(days=(pub.weekday() - 5) % 7)
    sun = sat + timedelta(days=1)
    return _Res("DATE", _week_value(sat) + "-WE", sat, sun if fut else min(sun, pub), "day", "publication")


_TOD = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "tonight": "TNI",
        "overnight": "TNI"}


def _tod_code(tod: str) -> str:
    return _TOD.get(tod.lower().split()[-1], "")


def _h_deictic(m: re.Match, text, pub, fut):
    """today, yesterday, tomorrow, tonight, this morning, yesterday afternoon."""
    w = m["deic"].lower()
    tod = m["tod"]
    off = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "this": 0, "last": -1}[w]
    typ, suffix = "DATE", ""
    if w == "tonight":
        typ, suffix = "TIME", "TNI"
    elif w == "last":  # "last night"
        typ, suffix = "TIME", _tod_code(tod)
    elif tod:
        typ, suffix = "TIME", _tod_code(tod)
    if pub is None:
        return _Res(typ, ("PRESENT_REF" if off == 0 and not suffix else "XXXX-XX-XX" + suffix),
                    gran="day", anchor="publication")
    d = pub + timedelta(days=off)
    return _Res(typ, d.isoformat() + suffix, d, d, "day", "publication")


def _h_present(m: re.Match, text, pub, fut):
    w = m.group().lower()
    if "past" in w or w in ("recently",):
        return _Res("DATE", "PAST_REF", None, None, None, "none")
    if "future" in w:
        return _Res("DATE", "FUTURE_REF", None, None, None, "none")
    if pub is None:
        return _Res("DATE", "PRESENT_REF", gran="day", anchor="publication")
    return _Res("DATE", "PRESENT_REF", pub, pub, "day", "publication")


def _h_rel_unit(m: re.Match, text, pub, fut):
    """last/this/next/the past + week/month/year/weekend."""
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    k = {"last": -1, "the last": -1, "past": -1, "the past": -1, "previous": -1, "the previous": -1,
         "this": 0, "the current": 0, "current": 0, "next": 1, "the next": 1, "the coming": 1,
         "coming": 1}.get(rel)
    if k is None:
        return None
    if rel in ("past", "the past") and unit != "weekend":
        # "the past week/year" reads as a stretch up to now: a duration with an interval
        if pub is None:
            return _Res("DURATION", f"P1{_unit_code(unit)}", gran=unit, anchor="publication")
        days = _UNIT_DAYS[_unit_code(unit)][1]
        return _Res("DURATION", f"P1{_unit_code(unit)}", pub - timedelta(days=days), pub, unit,
                    "publication")
    if pub is None:
        v = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX",
             "decade": "XXX", "quarter": "XXXX-QX"}.get(unit, "XXXX")
        return _Res("DATE", v, gran=unit if unit != "weekend" else "day", anchor="publication")
    if unit in ("week", "weekend"):
        d = pub + timedelta(days=7 * k)
        s, e = _week_span(d)
        if unit == "weekend":
            return _Res("DATE", _week_value(d) + "-WE", e - timedelta(days=1), e, "day", "publication")
        return _Res("DATE", _week_value(d), s, e, "week", "publication")
    if unit == "month":
        y, mm = _add_months(pub.year, pub.month, k)
        return _month_res(y, mm, None, "publication")
    if unit == "year":
        y = pub.year + k
        return _Res("DATE", str(y), date(y, 1, 1), date(y, 12, 31), "year", "publication")
    if unit == "decade":
        if k == 0:
            y = pub.year // 10 * 10
            return _Res("DATE", str(y // 10), date(y, 1, 1), date(y + 9, 12, 31), "decade", "publication")
        return _Res("DURATION", "P10Y", *( (pub - timedelta(days=3653), pub) if k < 0 else (pub, pub + timedelta(days=3653))),
                    "decade", "publication")
    if unit == "quarter":
        cq = (pub.month - 1) // 3 + 1
        y, q = pub.year, cq + k
        if q < 1:
            y, q = y - 1, 4
        if q > 4:
            y, q = y + 1, 1
        return _Res("DATE", f"{y}-Q{q}", date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter", "publication")
    return None


def _h_within_current(m: re.Match, text, pub, fut):
    """earlier/later/early/late this year|month|week; the end of this year; the end of last month."""
    side = m["side"].lower()
    rel = (m["rel"] or "this").lower()
    unit = m["unit"].lower()
    k = {"this": 0, "the": 0, "last": -1, "next": 1, "the previous": -1, "the following": 1}.get(rel, 0)
    if pub is None:
        v = {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}[unit]
        return _Res("DATE", v, gran=unit, anchor="publication")
    if unit == "year":
        y = pub.year + k
        v, s, e = str(y), date(y, 1, 1), date(y, 12, 31)
    elif unit == "month":
        y, mm = _add_months(pub.year, pub.month, k)
        v, s, e = f"{y}-{mm:02d}", date(y, mm, 1), _month_end(y, mm)
    else:
        d = pub + timedelta(days=7 * k)
        v = _week_value(d)
        s, e = _week_span(d)
    if side == "earlier" and k == 0:
        e = pub
    elif side == "later" and k == 0:
        s = pub
    elif side not in ("earlier", "later"):
        if unit == "year":
            s, e = _year_part(s.year, side)
        elif unit == "month":
            s, e = _month_part(s.year, s.month, side)
    return _Res("DATE", v, s, e, unit, "publication")


def _h_ago(m: re.Match, text, pub, fut):
    """'two months ago' = the month two months before publication (the unit sets the granularity)."""
    n = _num(m["n"])
    if n is None:
        return None
    u = _unit_code(m["unit"])
    exact = n[0] == n[1] and n[0] == int(n[0])
    if pub is None:
        return _Res("DATE", "PAST_REF", gran=None, anchor="publication")
    lo_days = int(n[0] * _UNIT_DAYS[u][0])
    hi_days = int(n[1] * _UNIT_DAYS[u][1])
    if not exact:
        return _Res("DATE", "PAST_REF", pub - timedelta(days=hi_days), pub - timedelta(days=lo_days),
                    None, "publication")
    k = int(n[0])
    if u == "D":
        return _day_res(pub - timedelta(days=k), anchor="publication")
    if u in ("W", "F"):
        d = pub - timedelta(days=7 * k * (2 if u == "F" else 1))
        s, e = _week_span(d)
        return _Res("DATE", _week_value(d), s, e, "week", "publication")
    if u == "M":
        y, mm = _add_months(pub.year, pub.month, -k)
        return _month_res(y, mm, None, "publication")
    if u in ("Y", "DE", "CE"):
        y = pub.year - k * {"Y": 1, "DE": 10, "CE": 100}[u]
        return _Res("DATE", str(y), date(y, 1, 1), date(y, 12, 31), "year", "publication")
    return _day_res(pub, anchor="publication")  # hours/minutes ago: today


def _h_later(m: re.Match, text, pub, fut):
    """'two days later', 'several weeks later', 'days later': an offset from the previous event."""
    n = _num(m["n"]) if m["n"] else (1, 9) if m["unit"].lower().endswith("s") else (1, 1)
    if n is None:
        return None
    u = _unit_code(m["unit"])
    lo_u, hi_u = _UNIT_DAYS[u]
    sign = -1 if m["dir"].lower() in ("earlier", "before") else 1
    exact = n[0] == n[1]
    if u == "D" and exact:
        lo = hi = int(n[0])
    elif u in ("W", "F") and exact:
        lo, hi = int(n[0] * lo_u) - 2, int(n[0] * hi_u) + 2
    elif u == "M" and exact:
        lo, hi = int(n[0] * lo_u) - 3, int(n[0] * hi_u) + 3
    elif u in ("Y", "DE", "CE") and exact:
        lo, hi = int(n[0] * lo_u) - 31, int(n[0] * hi_u) + 31
    elif u in ("H", "MIN", "S"):
        lo, hi = 0, 1
    else:
        lo, hi = int(n[0] * lo_u), int(n[1] * hi_u)
    if sign < 0:
        lo, hi = -hi, -lo
    gran = {"D": "day", "W": "week", "F": "week", "M": "month", "Y": "year"}.get(u, "day")
    ana = None
    if exact and u in ("D", "W", "F", "M", "Y") and n[0] == int(n[0]):
        ana = ("shift", gran, sign * int(n[0]) * (2 if u == "F" else 1))
    return _Res("DATE", _unknown_value(gran), None, None, gran, "previous_event",
                (max(lo, 0) if sign > 0 else lo, hi), ana=ana)


def _unknown_value(gran: str) -> str:
    return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}.get(gran, "XXXX-XX-XX")


def _h_following(m: re.Match, text, pub, fut):
    """'the following month', 'the next day', 'the same day', 'later that month'."""
    w = m["which"].lower()
    unit = m["unit"].lower()
    table = {"day": (1, 1), "week": (1, 13), "month": (1, 61), "year": (1, 730), "morning": (1, 1),
             "weekend": (1, 7)}
    if w in ("same", "that"):
        off = (0, 0) if unit in ("day", "morning") else (0, {"week": 6, "month": 30, "year": 364}.get(unit, 0))
    elif w == "later that":
        off = (0, {"day": 0, "week": 6, "month": 30, "year": 364}.get(unit, 0))
    elif w in ("previous", "preceding"):
        hi, lo = table.get(unit, (1, 1))
        off = (-lo, -hi)
    else:
        off = table.get(unit, (1, 1))
    gran = "day" if unit in ("day", "morning", "weekend") else unit
    ana = None
    if unit != "weekend":
        ana = (("same", gran, 0) if w in ("same", "that", "later that") else
               ("shift", gran, -1 if w in ("previous", "preceding") else 1))
    return _Res("DATE", _unknown_value(gran), None, None, gran, "previous_event", off, ana=ana)


def _h_duration(m: re.Match, text, pub, fut):
    """'for three decades', 'more than five years', 'a four-week': TIMEX3 durations (no interval)."""
    n = _num(m["n"]) if m["n"] else None
    u = _unit_code(m["unit"] or m["unit2"])
    if u == "DE":
        ucode, mult = "Y", 10
    elif u == "CE":
        ucode, mult = "Y", 100
    elif u == "F":
        ucode, mult = "W", 2
    else:
        ucode, mult = u, 1
    if n is None or n[0] != n[1]:
        val = ("PTX" + ("M" if u == "MIN" else u)) if u in ("H", "MIN", "S") else \
            "PX" + ("DE" if u == "DE" else ucode)
    else:
        q = n[0] * mult
        qs = str(int(q)) if q == int(q) else str(q)
        val = f"P{qs}{ucode}" if u not in ("H", "MIN", "S") else f"PT{qs}{'M' if u == 'MIN' else u}"
    gran = {"D": "day", "W": "week", "F": "week", "M": "month", "Y": "year", "DE": "decade",
            "CE": "decade"}.get(u)
    past = m["past"]
    if past and pub is not None and n is not None:
        # "the past two years", "over the last five months": a stretch ending at publication
        days = int(n[1] * mult * _UNIT_DAYS[ucode if ucode in _UNIT_DAYS else "D"][1])
        if "next" in past.lower() or "coming" in past.lower():
            return _Res("DURATION", val, pub, pub + timedelta(days=days), gran, "publication")
        return _Res("DURATION", val, pub - timedelta(days=days), pub, gran, "publication")
    return _Res("DURATION", val, None, None, gran, "none")


def _h_recent(m: re.Match, text, pub, fut):
    """'in recent months' = a few months before publication: a duration with an interval."""
    u = _unit_code(m["unit"])
    val = "PX" + u
    if pub is None:
        return _Res("DURATION", val, gran=None, anchor="publication")
    span = {"D": 10, "W": 42, "M": 150, "Y": 1461, "DE": 7305}.get(u, 30)
    return _Res("DURATION", val, pub - timedelta(days=span), pub,
                {"D": "day", "W": "week", "M": "month", "Y": "year"}.get(u), "publication")


def _h_set(m: re.Match, text, pub, fut):
    g = m.group().lower()
    w = re.sub(r"^(every|each|once a|twice a|per|a)\s+", "", g)
    if w in ("annually", "yearly", "annual"):
        return _Res("SET", "P1Y", gran="year", anchor="none")
    if w in ("monthly",):
        return _Res("SET", "P1M", gran="month", anchor="none")
    if w in ("weekly",):
        return _Res("SET", "P1W", gran="week", anchor="none")
    if w in ("daily",):
        return _Res("SET", "P1D", gran="day", anchor="none")
    if w in _WEEKDAYS:
        return _Res("SET", f"XXXX-WXX-{_WEEKDAYS[w] + 1}", gran="day", anchor="none")
    if w in _TOD:
        return _Res("SET", f"XXXX-XX-XX{_TOD[w]}", gran="day", anchor="none")
    if w in _SEASONS:
        return _Res("SET", f"XXXX-{_SEASONS[w]}", gran="season", anchor="none")
    u = w.split()[-1].rstrip("s")
    if u in _UNITS:
        c = _UNITS[u]
        return _Res("SET", f"P1{c}" if c not in ("H", "MIN") else f"PT1{c[0]}", gran=None, anchor="none")
    return None


def _h_clock(m: re.Match, text, pub, fut):
    h = int(m["h"])
    mi = int(m["mi"] or 0)
    ap = (m["ap"] or "").lower().replace(".", "")
    if ap == "pm" and h < 12:
        h += 12
    if ap == "am" and h == 12:
        h = 0
    if h > 23 or mi > 59:
        return None
    return _Res("TIME", f"XXXX-XX-XXT{h:02d}:{mi:02d}", gran="day", anchor="none")


# ---- references back to earlier text, and TimeML's PAST_REF / PRESENT_REF / FUTURE_REF

_GRAN_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4, "decade": 5}
# Days an event-relative "same/entire <unit>" may run on after the anchor's start (no anaphora pass).
_UNIT_SPAN = {"day": 0, "week": 6, "month": 30, "quarter": 91, "year": 364}


def _period(d: date, unit: str) -> tuple[str, date, date, str]:
    """(TIMEX3 value, start, end, granularity) of the calendar `unit` that contains day `d`."""
    if unit == "week":
        s, e = _week_span(d)
        return _week_value(d), s, e, "week"
    if unit == "month":
        return f"{d.year}-{d.month:02d}", date(d.year, d.month, 1), _month_end(d.year, d.month), "month"
    if unit == "quarter":
        q = (d.month - 1) // 3 + 1
        return f"{d.year}-Q{q}", date(d.year, 3 * q - 2, 1), _month_end(d.year, 3 * q), "quarter"
    if unit == "year":
        return str(d.year), date(d.year, 1, 1), date(d.year, 12, 31), "year"
    return d.isoformat(), d, d, "day"


def _shift_date(d: date, unit: str, k: int) -> date:
    """Day `d` moved by k calendar units (to the first day of the month/quarter/year moved to)."""
    if unit in ("day", "week"):
        return d + timedelta(days=k * (7 if unit == "week" else 1))
    if unit in ("month", "quarter"):
        y, m = _add_months(d.year, d.month, k * (3 if unit == "quarter" else 1))
        return date(y, m, 1)
    return date(d.year + k, 1, 1)


def _year_earlier(d: date) -> date:
    return _safe_date(d.year - 1, d.month, d.day) or date(d.year - 1, d.month, 28)


def _event_relative(mode: str, unit: str | None, k: int) -> _Res:
    """The reading used without an anaphora pass: an offset in days from the event told before
    (dating.shift applies it), and a spec for `_resolve_anaphora`."""
    u = unit or "day"
    if mode in ("same", "copy"):
        off = (0, _UNIT_SPAN.get(u, 0) if mode == "same" else 0)
    else:
        lo_u, hi_u = {"day": (1, 1), "week": (1, 13), "month": (1, 61), "quarter": (1, 183),
                      "year": (1, 730)}.get(u, (1, 1))
        off = (lo_u * k, hi_u * k) if k > 0 else (hi_u * k, lo_u * k)
    return _Res("DATE", _unknown_value(u), None, None, u, "previous_event", off, ana=(mode, unit, k))


def _h_anaphor(m: re.Match, text, pub, fut):
    """'ended the day up 2%', 'late in the day', 'by that time', 'the entire year', 'the year
    before': times told earlier in the text, referred back to."""
    g = m.group().lower()
    unit = (m["unit"] or "").lower() or None
    if "that time" in g:
        return _event_relative("copy", None, 0)
    if unit is None:  # "the day", "late in the day"
        return _event_relative("same", "day", 0)
    if re.search(r"\b(?:previous|prior|earlier|before)$", g):
        return _event_relative("shift", unit, -1)
    return _event_relative("same", unit, 0)


def _h_year_back(m: re.Match, text, pub, fut):
    """'the same period last year', 'the same month a year ago': the period told just before, one
    year earlier (with the anaphora pass); else the year before publication."""
    unit = m["unit"].lower()
    unit = None if unit in ("period", "time") else unit
    if pub is None:
        r = _Res("DATE", "XXXX", gran="year", anchor="publication")
    else:
        y = pub.year - 1
        r = _Res("DATE", str(y), date(y, 1, 1), date(y, 12, 31), "year", "publication")
    return replace(r, ana=("year_back", unit, -1))


def _h_streak(m: re.Match, text, pub, fut):
    """'for a second consecutive day', 'its fourth week in a row': the last day (week...) of a run
    that reaches the time of reporting, so the one containing the publication day."""
    unit = m["unit"].lower()
    unit = "day" if unit in ("session", "trading day") else unit
    if pub is None:
        return _Res("DATE", _unknown_value(unit), gran=unit, anchor="publication")
    v, s, e, g = _period(pub, unit)
    return _Res("DATE", v, s, e, g, "publication")


def _h_ref(m: re.Match, text, pub, fut):
    """'soon', 'the long term', 'for the time being', 'the current (crisis)', 'ongoing', 'recent
    (moves)': TimeML's FUTURE_REF / PRESENT_REF / PAST_REF. No interval: they colour a noun or a
    clause rather than date an event."""
    w = m.group().lower()
    v = ("FUTURE_REF" if "soon" in w or "term" in w else "PAST_REF" if "recent" in w else "PRESENT_REF")
    return _Res("DATE", v, None, None, None, "none")


def _anchor_for(spec: tuple[str, str | None, int], anchors: list[Timex]) -> Timex | None:
    """The latest earlier time expression a reference back can lean on: fine enough for its unit
    ("the day" needs a day), or of the very unit for "the same month a year ago"."""
    mode, unit, _ = spec
    for a in reversed(anchors[-64:]):  # the nearest few: a long text of dates must not cost a square
        r = _GRAN_RANK[a.granularity]
        if mode == "year_back":
            if (r == _GRAN_RANK[unit]) if unit else (1 <= r <= 4):
                return a
        elif r <= (_GRAN_RANK[unit] if unit else 5):
            return a
    return None


def _resolve_anaphora(found: list[tuple[Timex, _Res]], pub: date | None) -> list[Timex]:
    """Fill the value and interval of references back ("the day", "that time", "the following
    month", "two days later", "the same period last year") from the latest earlier DATE/TIME of
    the text, as TimeML annotates them; "the day" with nothing before it is the publication day.
    The anchor stays as found (dating.py still counts such offsets from the event told before)."""
    out: list[Timex] = []
    anchors: list[Timex] = []
    for t, r in found:
        if r.ana is not None:
            mode, unit, k = r.ana
            a = _anchor_for(r.ana, anchors)
            got = None
            try:
                if a is not None and mode == "copy":
                    got = (a.value, a.date_start, a.date_end, a.granularity)
                elif a is not None and mode == "year_back":
                    s, e = _year_earlier(a.date_start), _year_earlier(a.date_end)
                    v = s.isoformat() if a.granularity == "day" else f"{int(a.value[:4]) - 1}{a.value[4:]}"
                    got = (v, s, e, a.granularity)
                elif a is not None and unit:
                    got = _period(_shift_date(a.date_start, unit, k), unit)
                elif mode == "same" and unit == "day" and pub is not None:
                    got = _period(pub, "day")
            except (ValueError, OverflowError, ArithmeticError):  # "99999 years before that": no date
                got = None
            if got is not None and not all(MIN_YEAR <= d.year <= MAX_YEAR for d in got[1:3] if d):
                got = None
            if got is not None:
                t = replace(t, value=got[0], date_start=got[1], date_end=got[2], granularity=got[3],
                            rule=t.rule + "+anaphora")
        out.append(t)
        if (t.type in ("DATE", "TIME") and t.value and t.value[:1].isdigit() and t.date_start
                and t.granularity in _GRAN_RANK):
            anchors.append(t)
    return out


# --------------------------------------------------------------------------- patterns

_COUNTED = (r"(?:people|persons|prisoners|detainees|troops|soldiers|members|cases|votes|"
            r"dollars|euros|rubles|roubles|tons|tonnes|km|kilometers|kilometres|miles|units|"
            r"pages|words|copies|seats|jobs|workers|students|children|men|women|deaths|times|"
            r"percent|per cent|feet|meters|metres|pounds|barrels|cars|planes|aircraft|flights|"
            r"passengers|employees|refugees|migrants|signatures|hectares|acres|others)")
# Years: not parts of larger numbers (1,300 / 9.5 / $2000), not counts ("2000 people"), not numbers ("No. 1944").
_YEAR_OK = rf"(?:(?<=[Mm]id-)|(?<=[Ee]arly-)|(?<=[Ll]ate-)|(?<![\d$€£.,:/#-])(?<!\b[Nn]o\. )(?<!\b[Nn]os\. )(?<!\b[Nn]o )(?<!# )(?<![Nn]umber ))(?P<year>{_YEAR})(?![\d%]|[.,:]\d|-(?:year|strong|page|member)|s\b|\s+{_COUNTED}\b)"

_P: list[tuple[str, str, Handler, int]] = []  # (rule id, regex, handler, priority)


def _add(rule: str, rx: str, h: Handler, prio: int = 0) -> None:
    _P.append((rule, rx, h, prio))


_add("full_date",
     rf"(?:{_WDAY},?[^\S\n]+)?(?:the\s+)?(?:(?P<mon>{_MONTH_D})\s+(?P<day>{_DAYN})\s*,?\s+(?P<year>{_YEAR})"
     rf"|(?<![\d.,$])(?P<day2>{_DAYN})\s+(?:of\s+)?(?P<mon2>{_MONTH})\s*,?\s+(?P<year2>{_YEAR}))(?!\d)",
     lambda m, t, p, f: _h_full_date(_Alias(m, {"mon": "mon2", "day": "day2", "year": "year2"}), t, p, f), 3)
_add("numeric_date",
     r"(?<![\d/.-])(?:(?P<iso>(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01]))"
     r"|(?:1[0-2]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9])/(?:\d\d|(?:19|20)\d\d))(?![\d/]|-\d)",
     _h_numeric_date, 3)
_add("month_day",
     rf"(?:{_WDAY},?[^\S\n]+)?(?:(?P<mon>{_MONTH_D})\s+(?P<day>{_DAYN})(?![\d,]*\d{{3}})(?!\d|\s*(?:%|{_COUNTED}\b))"
     rf"|(?<![\d.,$])(?:the\s+)?(?P<day2>{_DAYN})\s+(?:of\s+)?(?P<mon2>{_MONTH}))",
     lambda m, t, p, f: _h_month_day(_Alias(m, {"mon": "mon2", "day": "day2"}), t, p, f), 2)
_add("month_year",
     rf"(?:(?P<part>(?i:{_PART}))[\s-]+)?(?P<mon>{_MONTH})(?:\s*,?\s+|\s+of\s+)(?:(?P<year>{_YEAR})(?!\d)|(?P<yrel>(?i:last|this|next))\s+(?i:year)\b)",
     _h_month_year, 2)
_add("month",
     rf"(?:(?P<part>(?i:{_PART}))[\s-]+)?(?:(?P<rel>(?i:last|this|next|past))\s+)?(?P<mon>{_MONTH})(?![\w-])",
     _h_month, 1)
_add("year",
     rf"(?:(?P<part>(?i:{_PART}))[\s-]+)?(?:(?i:the\s+year\s+))?{_YEAR_OK}",
     _h_year, 1)
_add("year_tail",
     r"(?<=\b(?:1[6-9]|20)\d\d[-–/])(?P<yy>\d\d|(?:1[6-9]|20)\d\d)(?![\d%])",
     lambda m, t, p, f: _h_year_tail(m, t), 1)
_add("short_year",
     r"(?<![\w'’])['’](?P<yy>\d\d)(?P<s>s)?(?![\w'’])",
     lambda m, t, p, f: _h_short_year(m), 1)
_add("clock_day",
     rf"(?i:\b(?P<h2>[01]?\d|2[0-3])(?::(?P<mi2>[0-5]\d))?\s*(?:a\.m\.|p\.m\.|am|pm|GMT|UTC|local time)?)"
     rf",?\s+(?:on\s+)?(?P<wd>{_WDAY})", None, 2)
_add("decade",
     r"(?:(?P<part>(?i:early|mid|late|the (?:start|beginning|middle|end) of))[\s-]+)?(?i:the\s+)?"
     r"(?P<dec>(?:1[6-9]|20)\d0)'?s\b",
     _h_decade, 1)
_add("century",
     r"(?i:the\s+)?(?P<cent>1\d|2[01]|[1-9])(?:st|nd|rd|th)[\s-]+(?i:century)",
     _h_century, 1)
_add("season",
     rf"(?i:\b(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]+)?(?:(?P<rel>last|this|next|past|coming)\s+)?"
     rf"(?P<season>spring|summer|fall|autumn|winter)(?:(?:\s+of|,)?\s+(?:(?P<year>{_YEAR})|(?P<yrel>last|this|next)\s+year))?)(?![\w-])(?!\s+Time\b)",
     _h_season, 1)
_add("quarter",
     rf"(?i:(?:the\s+)?(?:(?P<ord>first|second|third|fourth|last|final)[\s-]+quarter|Q(?P<qn>[1-4]))"
     rf"(?:(?P<of>\s+of|,)?\s+(?:(?P<year>{_YEAR})|(?P<yrel>last year|this year|next year|the year|the previous year)))?)(?![\w-])",
     _h_quarter, 1)
_add("weekday",
     rf"(?:(?P<rel>(?i:last|next|this|on|early|late))\s+)?(?P<wd>{_WDAY})(?:\s+(?P<tod>(?i:morning|afternoon|evening|night)))?(?![\w-])",
     lambda m, t, p, f: _h_weekday(_Alias(m, {}, drop_rel=("on", "early", "late")), t, p, f), 1)
_add("weekend", r"(?i:\b(?:over|at|during|on|in)\s+(?P<core>the\s+weekend)\b)", _h_weekend, 1)
_add("deictic",
     r"(?i:\b(?P<deic>today|yesterday|tomorrow|tonight|this|last)"
     r"(?:\s+(?P<tod>morning|afternoon|evening|night))?\b)",
     None, 1)
_add("present", r"(?i:\b(?:right now|now|currently|at present|at the moment|presently|nowadays|"
     r"(?:in\s+)?the past(?!\s+(?:\w+\s+)?(?:days?|weeks?|months?|years?|decades?|centur))|"
     r"(?:in\s+)?the future|recently)\b)", _h_present, 0)
_add("rel_unit",
     r"(?i:\b(?P<rel>last|this|next|past|the last|the past|the previous|previous|the current|"
     r"current|the next|the coming|coming)\s+(?:(?:fiscal|financial)\s+)?(?P<unit>week|weekend|month|year|decade|quarter)\b)",
     _h_rel_unit, 1)
_add("within_current",
     r"(?i:\b(?P<side>earlier|later|early|late|the end|the beginning|the start|the middle)"
     r"(?:\s+(?:in|of))?\s+(?P<rel>this|the|last|next|the previous|the following)\s+(?P<unit>year|month|week)\b)",
     _h_within_current, 2)
_add("ago",
     rf"(?i:\b(?P<n>{_NUM})\s+(?P<unit>{_UNIT}s?)\s+ago\b)", _h_ago, 2)
_add("later",
     rf"(?i:\b(?:(?P<n>{_NUM})\s+)?(?P<unit>{_UNIT}s?)\s+(?P<dir>later|afterwards?|after that|"
     rf"earlier|before that)(?![\w-])(?!\s+than\b))", None, 2)
_add("following",
     r"(?i:\b(?:the\s+)?(?P<which>following|next|same|previous|preceding|later that|that)\s+"
     r"(?P<unit>day|week|month|year|morning|weekend)(?![\w-]))", _h_following, 1)
_add("duration",
     rf"(?i:\b(?P<past>(?:over|in|during|for|within)?\s*(?:the\s+)?(?:past|last|next|coming|first)\s+)?"
     rf"(?:(?:more than|less than|almost|nearly|about|around|roughly|some|at least|up to|over)\s+)?"
     rf"(?<!-)(?P<n>{_NUM})[\s-]+(?P<unit>{_UNIT}s?)\b"
     rf"(?!-old|\s+old\b|\s+(?:and|or)\s+(?:older|younger|above|below|over|under)\b))", _h_duration, 1)
_add("duration_bare",
     rf"(?i:\b(?:for|over|in|within|many|those|these|take|takes|took|taking|last|lasted|lasting)\s+"
     rf"(?P<core>(?P<unit>{_UNITS_PL})))\b(?!\s+(?:later|ago|earlier|of\b)\b)"
     rf"|(?i:\b(?P<unit2>{_UNITS_PL})(?=\s+(?:before|after)\s))", _h_duration, 0)
_add("decade_dur",
     r"(?i:\b(?P<n>a|one)\s+(?P<unit>decade|century)\b)", _h_duration, 1)
_add("recent",
     r"(?i:\b(?:in\s+)?recent\s+(?P<unit>days|weeks|months|years|decades)\b)", _h_recent, 2)
_add("set",
     r"(?i:\b(?:(?:every|each)\s+(?:day|week|month|year|morning|evening|night|summer|winter|spring|"
     r"fall|autumn|season|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:once|twice)\s+a\s+"
     r"(?:day|week|month|year)|annually|yearly)\b)", _h_set, 1)
_add("clock",
     r"(?i:\b(?P<h>1[0-2]|0?[1-9]|[01]\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)"
     r"|\b(?P<h2>[01]\d|2[0-3]):(?P<mi2>[0-5]\d)\s*(?:GMT|UTC|local time)\b)", None, 1)

# References back to a time told earlier ("ended the day up 2%", "by that time").
_add("anaphor",
     r"(?i:\b(?:end|ends|ended|ending|finish|finishes|finished|finishing|close|closes|closed|closing|"
     r"start|starts|started|starting|open|opens|opened|opening|for|during|throughout|over|"
     r"(?:the\s+)?(?:start|end|close|beginning|rest|middle)\s+of)\s+"
     r"(?P<core>the\s+day)\b(?!['’-]|\s+(?:before|after|of|when|that|which|he|she|they|it|we|I)\b))",
     _h_anaphor, 1)
_add("anaphor", r"(?i:\b(?:late|later|early|earlier)\s+in\s+the\s+day\b)", _h_anaphor, 2)
_add("anaphor",
     r"(?i:\b(?:by|at|until|till|since|from|before|after|around|about|during|of)\s+(?P<core>that\s+time)\b)",
     _h_anaphor, 1)
_add("anaphor", r"(?i:\bthe\s+(?:entire|whole|full)\s+(?P<unit>day|week|month|year|quarter)\b(?!-))",
     _h_anaphor, 1)
_add("anaphor",
     r"(?i:\bthe\s+(?P<unit>day|week|month|year)\s+(?:previous|prior|earlier|before)"
     r"(?=\s*[,.;:)]|\s+(?:and|but|when|while)\b|\s*$))", _h_anaphor, 2)
_add("year_back",
     r"(?i:\bthe\s+same\s+(?P<unit>period|time|day|week|month|quarter|season)\s+(?:of\s+)?"
     r"(?:(?:the\s+)?(?:last|previous|prior)\s+year|a\s+year\s+(?:ago|earlier|before|previously)|"
     r"the\s+year\s+before)\b)", _h_year_back, 3)
_add("streak",
     r"(?i:\b(?:(?:a|the|its|their|his|her)\s+)?(?P<ord>second|third|fourth|fifth|sixth|seventh|eighth|"
     r"ninth|tenth|\d{1,2}(?:st|nd|rd|th))\s+(?:(?P<cons>consecutive|straight|successive)\s+)?"
     r"(?P<unit>day|week|month|year|trading day|session)\b(?(cons)|(?=\s+in\s+a\s+row\b)))",
     _h_streak, 2)
# Unspecified past, present and future ("soon", "the long term", "the current crisis").
_ROLES = (r"president|prime|minister|leader|head|chief|chairman|chair|ceo|government|administration|"
          r"regime|owner|holder|champion|manager|director|secretary|speaker|mayor|governor|ambassador|"
          r"account|affairs|members?|officials?|king|queen|pope|coach|chancellor|premier")
_add("ref",
     r"(?i:(?<!\bas )\b(?:very\s+)?soon\b(?!\s+(?:as|after|afterwards?|enough)\b)"
     r"|\bthe\s+time\s+being\b|\bthe\s+(?:long|short|near|medium)\s+term\b|\bongoing\b|\brecent\b)"
     rf"|(?<=\b[Tt]he\s)current\b(?!\s+(?i:{_ROLES})\b)", _h_ref, 0)
# Decades without an apostrophe, where the context says so: "the 70s and 80s".
_add("short_year", r"(?:(?<=\b[Tt]he )|(?<=\d0s and )|(?<=\d0s or )|(?<=\d0s to ))(?P<yy>[3-9]0)(?P<s>s)\b",
     lambda m, t, p, f: _h_short_year(m), 1)


class _Alias:
    """A match whose alternative groups (mon2, day2...) answer to the main names."""

    def __init__(self, m: re.Match, alias: dict[str, str], drop_rel: tuple[str, ...] = ()):
        self._m, self._a, self._drop = m, alias, drop_rel

    def __getitem__(self, k):
        v = self._m.group(k) if k in self._m.re.groupindex else None
        if v is None and k in self._a:
            v = self._m.group(self._a[k])
        if k == "rel" and v is not None and v.lower() in self._drop:
            return None
        return v

    @property
    def re(self):
        return self._m.re

    def group(self, *a):
        return self._m.group(*a)

    def start(self, *a):
        return self._m.start(*a)

    def end(self, *a):
        return self._m.end(*a)


def _h_deictic2(m, t, p, f):
    w = m["deic"].lower()
    if w in ("this", "last") and not m["tod"]:
        return None
    if w == "last" and m["tod"].lower() != "night":
        return None
    return _h_deictic(m, t, p, f)


def _h_later2(m, t, p, f):
    d = m["dir"].lower()
    if d == "on":  # "days on" only with a count word: "two days on"
        if not m["n"]:
            return None
        d = "later"
    if d in ("afterward", "afterwards", "after that"):
        d = "later"
    if d == "before that":
        d = "before"
    return _h_later(_Dir(m, d), t, p, f)


class _Dir(_Alias):
    def __init__(self, m, d):
        super().__init__(m, {})
        self._d = d

    def __getitem__(self, k):
        return self._d if k == "dir" else super().__getitem__(k)


def _h_clock2(m, t, p, f):
    if m["h2"]:
        h, mi = int(m["h2"]), int(m["mi2"])
        return _Res("TIME", f"XXXX-XX-XXT{h:02d}:{mi:02d}", gran="day", anchor="none")
    return _h_clock(m, t, p, f)


_HANDLERS_FIX = {"deictic": _h_deictic2, "later": _h_later2, "clock": _h_clock2,
                 "clock_day": _h_clock_day}

_P = [(r, rx, _HANDLERS_FIX.get(r, h), pr) for r, rx, h, pr in _P]
_COMPILED = [(r, re.compile(rx), h, pr) for r, rx, h, pr in _P]


# --------------------------------------------------------------------------- finder

def _future_context(text: str, start: int, end: int) -> bool:
    """Whether the expression's clause speaks of the future: the nearest tense cue before it in its
    sentence ("will travel on", "may be signed on"), else the first cue after it in its clause
    ("A June 3 hearing has been scheduled"). A heuristic: no parser is run at this stage."""
    before = text[max(0, start - 160):start]
    if "(" in before and ")" not in before[before.rindex("("):]:
        # a cited source "(BelTA, September 11)": the date of a report, never the future
        if re.search(r"\([^()]*[,;]\s*(?:see\s+)?[^()]*$", before):
            return False
    cut = None
    for cut in _SENT_BREAK.finditer(before):
        pass
    if cut is not None:
        before = before[cut.end():]
    last = None
    for last in _CUE.finditer(before):
        pass
    if last is not None:
        return last["fut"] is not None
    after = re.split(r"[,.;:!?()\n]", text[end:end + 80], maxsplit=1)[0]
    first = _CUE.search(after)
    return bool(first and first["fut"])


@dataclass
class _Cand:
    start: int
    end: int
    rule: str
    prio: int
    m: re.Match
    h: Handler


def _candidates(text: str) -> list[_Cand]:
    """Every rule's matches, longest first. Cached per text: the pipeline asks for the same article's
    expressions under several publication dates (inferring it, then with its earliest and its range), and
    for each sentence's three or four times (the citations, the claims, the dates of acts), and syndicated
    copies repeat sentences: a few hundred texts kept (8 kept scanned each text four times: 540 scans of
    135 texts in bench_speed's ingest, 0.35 CPU s)."""
    return list(_candidates_cached(text))


@functools.lru_cache(maxsize=1)
def _scanners() -> list:
    """Per rule (regex_gate.py): a test that skips it on a text it cannot match, and the rule behind a
    look-ahead for the characters its matches begin with (the same matches, found sooner). Built on first
    use, not at import: commands that date nothing start without it."""
    return [(regex_gate.gate(rx), regex_gate.first_char_guard(rx)) for _, rx, _, _ in _COMPILED]


@functools.lru_cache(maxsize=256)
def _candidates_cached(text: str) -> tuple[_Cand, ...]:
    out: list[_Cand] = []
    folded = regex_gate.fold(text)
    for (rule, _, h, prio), (could_match, rx) in zip(_COMPILED, _scanners()):
        if could_match is not None and not could_match(text, folded):
            continue
        for m in rx.finditer(text):
            if m.end() > m.start():
                out.append(_Cand(m.start(), m.end(), rule, prio, m, h))
    # longest first, then higher priority, then earlier; keep non-overlapping
    out.sort(key=lambda c: (-(c.end - c.start), -c.prio, c.start))
    return tuple(out)


# Dates a news article can mean: anything outside is an error or a joke ("9999999999 days ago"), dropped.
MIN_YEAR, MAX_YEAR = 1000, 2999
_MAX_OFFSET_DAYS = 1000 * 366


def _plausible(r: _Res) -> bool:
    """A resolution inside the years news can mean, with an offset a calendar can apply."""
    for d in (r.start, r.end):
        if d is not None and not MIN_YEAR <= d.year <= MAX_YEAR:
            return False
    return not r.offset or all(abs(x) <= _MAX_OFFSET_DAYS for x in r.offset)


def _resolve(c: _Cand, text: str, pub: date | None, fut: bool) -> _Res | None:
    """One candidate's resolution, or None. Calendar arithmetic on hostile numbers ("2025 years ago",
    a 300-digit count, a publication date in year 1) raises; such an expression is dropped, never the text."""
    try:
        r = c.h(_Alias(c.m, {}), text, pub, fut)
    except (ValueError, OverflowError, ArithmeticError):
        return None
    return r if r is None or _plausible(r) else None


def _merge(r_lo: _Res | None, r_hi: _Res | None, r_none: _Res) -> _Res:
    """Resolutions at the two ends of a publication interval -> one honest (wide) result.
    An open-ended publication interval gives no interval at all (both ends or neither)."""
    base = r_hi or r_lo or r_none
    if base.anchor in ("absolute", "none", "previous_event"):
        return base
    if r_lo is None or r_hi is None or r_lo.start is None or r_hi.end is None:
        return replace(r_none, start=None, end=None)
    if r_lo.value == r_hi.value:
        return replace(base, start=r_lo.start, end=r_hi.end)
    return replace(base, value=r_none.value, start=r_lo.start, end=r_hi.end)


def find_timexes(text: str, published: date | None = None, *,
                 published_range: tuple[date | None, date | None] | None = None,
                 anaphora: bool = False) -> list[Timex]:
    """All time expressions in `text`, in order, normalised against the publication date.

    References back to earlier text ("the day", "that time", "the following month", "two days
    later", "the same period last year") keep anchor='previous_event' and an offset in days, so
    that dating.py counts them from the event told before. With `anaphora=True` their value and
    interval are also filled from the latest earlier DATE/TIME of `text` (rule gets '+anaphora'),
    as TimeML annotates them: "Shares fell on Monday ... ended the day down" -> that Monday.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping: an overlap test is two bisections, not a scan
    found: list[tuple[Timex, _Res]] = []
    for c in _candidates(text):
        i = bisect.bisect_left(taken, (c.start, c.start))
        if (i < len(taken) and taken[i][0] < c.end) or (i and taken[i - 1][1] > c.start):
            continue
        fut = _future_context(text, c.start, c.end)
        r_none = _resolve(c, text, None, fut)
        if r_none is None:
            continue
        if published is not None:
            r = _resolve(c, text, published, fut)
        elif published_range is not None and any(published_range):
            lo, hi = published_range
            r_lo = _resolve(c, text, lo, fut) if lo else None
            r_hi = _resolve(c, text, hi, fut) if hi else None
            r = _merge(r_lo, r_hi, r_none)
        else:
            r = r_none
        if r is None:
            continue
        # trim leading prepositions kept by some patterns ("on Thursday" -> "Thursday")
        core = "core" in c.m.re.groupindex and c.m.group("core") is not None
        s, e = c.m.span("core") if core else (c.start, c.end)
        lead = re.match(r"(?i:(?:on|over|in|during|for|within)\s+)", text[s:e])
        if lead and c.rule in ("weekday", "duration"):
            s += lead.end()
        bisect.insort(taken, (c.start, c.end))
        rule = c.rule + ("+future" if fut and r.anchor == "publication" else "")
        found.append((Timex(start=s, end=e, text=text[s:e], type=r.type, value=r.value,
                            date_start=r.start, date_end=r.end, granularity=r.gran,
                            anchor=r.anchor, offset_days=r.offset, rule=rule), r))
    found.sort(key=lambda tr: tr[0].start)
    if anaphora:
        return _resolve_anaphora(found, published)
    return [t for t, _ in found]


def normalise(expression: str, published: date | None = None, *, context_before: str = "") -> Timex | None:
    """The normalisation of one expression (the longest time expression in it). `context_before`
    is the text that precedes it: references back ("the same day", "that time") are resolved
    against the latest date told there; offsets stay relative to `expression`."""
    if not context_before:
        got = find_timexes(expression, published)
    else:
        sep = "" if context_before[-1:].isspace() else " "
        k = len(context_before) + len(sep)
        got = [replace(t, start=t.start - k, end=t.end - k)
               for t in find_timexes(context_before + sep + expression, published, anaphora=True)
               if t.start >= k]
    return max(got, key=lambda t: t.end - t.start) if got else None


# --------------------------------------------------------------------------- event-relative

def shift(timex: Timex, anchor_start: date, anchor_end: date) -> tuple[date, date]:
    """For anchor == 'previous_event' ("two days later", "the following month"): the interval
    obtained by applying timex.offset_days to the anchor event's interval (calendar units for
    "the following month/week/year")."""
    rule = timex.rule.split("+")[0]
    text = timex.text.lower()
    if rule == "anaphor":
        unit = re.search(r"(day|week|month|year|quarter)\b", text)
        if unit and unit.group(1) != "day" and re.search(r"\b(?:entire|whole|full)\b", text):
            return _period(anchor_start, unit.group(1))[1], _period(anchor_end, unit.group(1))[2]
        if unit and unit.group(1) != "day" and re.search(r"\b(?:previous|prior|earlier|before)$", text):
            u = unit.group(1)
            return (_period(_shift_date(anchor_start, u, -1), u)[1],
                    _period(_shift_date(anchor_end, u, -1), u)[2])
    if rule == "following" and not re.search(r"\b(?:same|that|previous|preceding)\b", text):
        if text.endswith("month"):
            y1, m1 = _add_months(anchor_start.year, anchor_start.month, 1)
            y2, m2 = _add_months(anchor_end.year, anchor_end.month, 1)
            return date(y1, m1, 1), _month_end(y2, m2)
        if text.endswith("year"):
            return date(anchor_start.year + 1, 1, 1), date(anchor_end.year + 1, 12, 31)
        if text.endswith("week"):
            return (_week_span(anchor_start + timedelta(days=7))[0],
                    _week_span(anchor_end + timedelta(days=7))[1])
    if rule == "following" and text.startswith("later that"):
        if text.endswith("month"):
            return anchor_start, _month_end(anchor_end.year, anchor_end.month)
        if text.endswith("year"):
            return anchor_start, date(anchor_end.year, 12, 31)
    lo, hi = timex.offset_days or (0, 0)
    return anchor_start + timedelta(days=lo), anchor_end + timedelta(days=hi)


# --------------------------------------------------------------------------- publication inference

def future_context(text: str, start: int, end: int) -> bool:
    """Whether the expression at text[start:end] speaks of the future (see `_future_context`); public for
    the publication stage (pubdate.py), which weighs the dates an undated article mentions."""
    return _future_context(text, start, end)


# --------------------------------------------------------------------------- records

def timex_records(text: str, published: date | None, *, anaphora: bool = True) -> Iterator[dict]:
    """JSON-ready dicts for the `detente timex` command; references back ("the day") are shown
    resolved against the date told before them, as a reader would take them."""
    for t in find_timexes(text, published, anaphora=anaphora):
        yield {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
               "date_start": t.date_start.isoformat() if t.date_start else None,
               "date_end": t.date_end.isoformat() if t.date_end else None,
               "granularity": t.granularity, "anchor": t.anchor, "rule": t.rule}
