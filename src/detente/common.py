"""Small helpers every layer uses: reading a dyad and a day from the user, the text labels of actors and
dates, and the PLOVER quad of an event type. They live here, below api/views/trend/conflicts, so that
those modules import this one instead of each other (no import loops)."""
from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from functools import lru_cache
from importlib import resources

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
EXTRA_CODES = {"INT"}  # the international community: a code, not a country


# --- dyads ------------------------------------------------------------------------------------------
def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.replace(".", "")).strip().casefold()


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Every code and name of a country or IGO in the shipped dictionary, folded, to its code. Read
    straight from countries.yaml (not through the actor dictionary, which needs far more loading)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with (resources.files("detente") / "data" / "countries.yaml").open(encoding="utf-8") as f:
        data = yaml.load(f, Loader=loader) or {}
    names: dict[str, str] = {_fold(c): c for c in EXTRA_CODES}
    for section in ("countries", "igos"):
        for entry in data.get(section) or []:
            code = str(entry["code"])
            names[_fold(code)] = code
            for name in entry.get("names") or []:
                name = str(name)
                names.setdefault(_fold(name[4:] if name.startswith("the ") else name), code)
    return names


def country_code(part: str) -> str | None:
    """A country or IGO code, or a name of one ("Belarus", "United States"), to its code; None if unknown."""
    folded = _fold(part)
    return country_names().get(folded) or country_names().get(folded.removeprefix("the "))


DYAD_FORMS = "two country codes or names joined by '-', e.g. USA-BLR or Belarus-Lithuania"


def parse_dyad(dyad: str | tuple[str, str] | list | None) -> tuple[str, str] | None:
    """'USA-BLR', 'usa-blr', 'Belarus-United States' (or a pair) to two codes; None stays None.

    A part that names no known country is an error naming that part and the accepted forms. A name may
    itself hold a hyphen (Guinea-Bissau): every split point is tried."""
    if dyad is None:
        return None
    if isinstance(dyad, (tuple, list)):
        if len(dyad) != 2:
            raise ValueError(f"dyad {dyad!r}: needs {DYAD_FORMS}")
        dyad = f"{dyad[0]}-{dyad[1]}"
    text = str(dyad).strip().replace("_", "-")
    cuts = [i for i, c in enumerate(text) if c == "-"]
    if not cuts:
        raise ValueError(f"dyad {dyad!r}: needs {DYAD_FORMS}")
    unknown: list[str] = []
    for i in cuts:
        a, b = text[:i].strip(), text[i + 1:].strip()
        ca, cb = country_code(a) if a else None, country_code(b) if b else None
        if ca and cb:
            return ca, cb
        if not unknown or (ca or cb):  # keep the reading that got one side right
            unknown = [p or "(empty)" for p, c in ((a, ca), (b, cb)) if not c]
    bad = " and ".join(repr(u) for u in unknown)
    raise ValueError(f"dyad {dyad!r}: {bad} {'is' if len(unknown) == 1 else 'are'} not a known country code or "
                     f"name; give {DYAD_FORMS}")


def dyad_label(pair: tuple[str, str]) -> str:
    return f"{pair[0]}-{pair[1]}"


# --- days -------------------------------------------------------------------------------------------
def to_date(value, name: str = "date") -> dt.date | None:
    """A day given by the user (a date, or YYYY-MM-DD text) or None; a bad one is an error naming `name`."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{name}: {str(value)!r} is not a day (give YYYY-MM-DD)") from None


# --- labels -----------------------------------------------------------------------------------------
def actors_text(refs) -> str:
    """USA-GOV+BLR: the codes and sectors of a list of ActorRefs."""
    return "+".join(f"{r.code}{'-' + r.sector if r.sector else ''}" for r in refs) or "-"


def actors_text_dicts(refs: list[dict]) -> str:
    """The same label for actors given as dicts (exported records)."""
    return "+".join(f"{r['code']}{'-' + r['sector'] if r.get('sector') else ''}" for r in refs) or "-"


def date_text(e) -> str:
    """A day, or start..end, or ? for an undated event or mention."""
    if e.date_start is None:
        return "?"
    if e.date_start == e.date_end:
        return e.date_start.isoformat()
    return f"{e.date_start.isoformat()}..{e.date_end.isoformat()}"


# --- PLOVER quads -----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _quads() -> dict[tuple[str, str], str]:
    with (resources.files("detente") / "data" / "plover.csv").open(encoding="utf-8") as f:
        return {(r["event"], r["mode"] or ""): r["quad"] for r in csv.DictReader(f)}


def quad_of(event: str, mode: str | None, cameo: str | None = None) -> str | None:
    """The PLOVER quad of a type and mode (the mode's own row, else the type's). A REQUEST coded as a CAMEO
    appeal (02x, not a 10x demand) is verbal cooperation, as CAMEO's own quads count it."""
    if event == "REQUEST" and cameo and str(cameo).startswith("02"):
        return "verbal_cooperation"
    q = _quads()
    return q.get((event, mode or "")) or q.get((event, ""))


@lru_cache(maxsize=1)
def _cameo_rows() -> dict[str, dict]:
    with (resources.files("detente") / "data" / "cameo.csv").open(encoding="utf-8") as f:
        return {r["cameo"]: r for r in csv.DictReader(f)}


def plover_context(cameo: str) -> list[str]:
    """The PLOVER contexts (diplomatic, economic, legal ...) the CAMEO-to-PLOVER table gives a CAMEO code."""
    return [c for c in (_cameo_rows().get(cameo, {}).get("plover_context") or "").split(";") if c]


def table_type_note(event: str, cameo: str | None, rule: str) -> str | None:
    """Why a mention's PLOVER type is not the one the CAMEO-to-PLOVER table gives its CAMEO code (a rule that
    follows the analysts' convention, such as a signing, 057, typed AGREE), or None when they agree."""
    table = (_cameo_rows().get(str(cameo or "")) or {}).get("plover_event")
    if not table or table == event:
        return None
    return (f"type {event} from rule {rule} (see its comment in the pattern file); the CAMEO-to-PLOVER table "
            f"puts {cameo} under {table}")
DEFAULT_DB = "detente.duckdb"  # the store a command uses unless --db says otherwise

#: how dating marks a mention with no time expression of its own
UNDATED = "no time expression: bounded above by the publication date"
#: how far before its article's publication an undated act may lie: a year (any act the article may retell)
UNDATED_LOOKBACK = dt.timedelta(days=365)
#: ... and an undated act told as the article's news: the recency window of news (pubdate.RECENCY_DAYS)
NEWS_LOOKBACK = dt.timedelta(days=60)
#: an undated mention told as a completed act of the story (past or present perfect, in its own clause, not a
#: look back): the article's news, unless it retells an event dated elsewhere in the year before (merge.py)
UNDATED_NEWS = UNDATED + f"; told as a done act of the story: its news, in the {NEWS_LOOKBACK.days} days before"
#: the note on a mention read from a headline whose verb the parser had taken for a noun (headlines.py)
HEADLINE_NOTE = "read from the headline, its verb restored (the parser took it for a noun)"
#: the note dating puts on an undated act told as a look back ("had expelled", "previously", "consistently"):
#: background, which joins the event it retells but makes none, even with a count that ties it to nothing
LOOK_BACK = "told as a look back: background, no event of its own"
#: the note the pipeline puts on the mentions of an article whose publication date was inferred
INFERRED_PUBLICATION = "publication date inferred"


# "now", "at present": told as holding on the publication day, an act so dated may have happened the day
# before (a Saturday paper's "the deal now ..." retells Friday's signing). Merging (and the store's choice
# of the events a mention may join) reads such a date as opened by a day.
NOW_SLACK = dt.timedelta(days=1)


def merge_start(date_start: dt.date | None, date_how: str) -> dt.date | None:
    """The first day a mention dated `date_start` (as `date_how` says) can be a telling of."""
    return date_start - NOW_SLACK if date_start is not None and "PRESENT_REF" in date_how else date_start
