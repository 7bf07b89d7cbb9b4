"""Actor dictionary: countries, IGOs, named people and organisations, and generic roles.

The knowledge lives in YAML files under `data/` (countries.yaml, actors.yaml, sectors.yaml) so a user
can correct or extend it without Python; this module loads it, checks it for clashes and resolves
mention strings ("Lukashenka", "the Kremlin", "U.S. officials") to CAMEO-style code + sector.
"""
from __future__ import annotations

import datetime as dt
import functools
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .model import ActorRef

DATA_DIR = Path(__file__).parent / "data"

#: Codes that are neither a country nor an IGO but are valid actor codes (transnational NGOs etc.).
EXTRA_CODES = {"INT"}

_KIND_RANK = {"actor": 0, "country": 1, "igo": 1, "capital": 2, "metonym": 2, "adj": 3, "people": 4}
_COUNTRY_FIELDS = (("names", "country"), ("capitals", "capital"), ("metonyms", "metonym"),
                   ("adjectives", "adj"), ("people", "people"))
_DETERMINERS = {"the", "a", "an", "some", "several", "these", "those", "this", "that", "both", "all",
                "its", "his", "her", "their", "our", "your", "my", "any", "another", "other", "two",
                "three", "four", "five", "many", "most", "more", "few", "various"}
_PREPOSITIONS = {"of", "in", "at", "from", "for", "on", "with", "to", "by", "inside", "within", "over",
                 "under", "against", "between", "into", "who", "which", "that"}
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
                              "\u201c": '"', "\u201d": '"', "\u00a0": " "})


class ActorDictionaryError(ValueError):
    """A dictionary file is malformed or two entries claim the same surface form."""


@dataclass(frozen=True)
class _Surface:
    """One surface form of one entry: what it is (kind) and whose it is (entry key)."""

    kind: str  # actor | country | igo | capital | metonym | adj | people
    key: str  # person:lukashenko, org:belavia, country:BLR, igo:EU, capital:BLR, adj:USA ...
    owner: str  # identity used for clash checks: the actor key, or country:CODE for every country form
    code: str | None  # country/IGO code for country-like forms


def _norm(text: str) -> str:
    """Typographic variants to plain ASCII punctuation; collapse spaces."""
    text = text.translate(_APOSTROPHES)
    text = re.sub(r"\bU\. ?S\.(?! ?A\b)", "U.S.", text)  # "U. S." (some wires) -> "U.S."
    return re.sub(r"\s+", " ", text).strip()


def _strip_the(form: str) -> tuple[str, bool]:
    """'the Kremlin' -> ('Kremlin', True): the article is optional in text."""
    m = re.match(r"(?i)the\s+", form)
    return (form[m.end():], True) if m else (form, False)


def _as_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


# ---------------------------------------------------------------------------------------- name variants
def fold_name(name: str) -> str:
    """Case, accents, possessive and punctuation away: 'Lukašenka's' -> 'lukasenka'."""
    name = _norm(name)
    name = re.sub(r"'s?$", "", name)
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", name)).strip()


# Romanisations of one Cyrillic letter that English news mixes ("Tsikhanouskaya"/"Tikhanovskaya",
# "Kalesnikava"/"Kolesnikova", "Babaryka"/"Babariko"). No fuzzy-matching library knows these pairs, so
# they are folded here before rapidfuzz measures what difference is left.
_TRANSLIT = [(r"ou(?=[^aeiouy]|$)", "ov"), (r"w", "v"), (r"kh", "h"), (r"zh", "z"), (r"sch|shch", "s"),
             (r"sh", "s"), (r"ch", "c"), (r"ts|tz|tc", "c"), (r"ck|q", "k"), (r"ph", "f"), (r"j", "y"), (r"x", "ks")]

_FEMININE = re.compile(r"(?:aya|aja|ska|ova|eva|ava|ina|yna|ena|aite|yte|iene)$")


def _translit(folded: str) -> str:
    for pat, rep in _TRANSLIT:
        folded = re.sub(pat, rep, folded)
    return folded


def name_skeleton(name: str) -> str:
    """The consonant frame of a folded name after transliteration folding: 'Kolesnikova' -> 'klsnkv'.
    Vowels are what romanisations disagree on; the first letter of each word is kept whatever it is."""
    words = []
    for word in fold_name(name).split():
        word = _translit(word)
        frame = word[:1] + re.sub(r"[aeiouy]", "", word[1:])
        words.append(re.sub(r"(.)\1+", r"\1", frame))
    return " ".join(words)


def roles_agree(code: str | None, sector: str | None, other_code: str | None, other_sector: str | None) -> bool:
    """Whether what the context says of a name (code, sector) fits a listed actor's role: same country, and
    the same sector where both are known. The test behind every join of a name variant."""
    return code is not None and code == other_code and (sector is None or other_sector is None or sector == other_sector)


def name_variant(a: str, b: str) -> tuple[float, str] | None:
    """(score, reason) when two names are one name spelt differently: a one-letter slip (Coale/Cole) or
    a transliteration variant (Kalesnikava/Kolesnikova); None otherwise. Short names never match: too
    many real people share a four-letter surname."""
    from rapidfuzz.distance import DamerauLevenshtein
    from rapidfuzz.fuzz import ratio

    fa, fb = fold_name(a), fold_name(b)
    if not fa or not fb or len(fa.split()) != len(fb.split()):
        return None
    if fa == fb:
        return 1.0, f"same name but for case or accents ({a}/{b})"
    if min(len(fa), len(fb)) < 4 or max(len(fa), len(fb)) < 5:
        return None
    score = ratio(fa, fb) / 100
    # every word must start alike: "John Cole" ~ "John Coale", never "Joan Cole" ~ "John Coale"
    if any(x[0] != y[0] for x, y in zip(fa.split(), fb.split())):
        return None
    # Slavic and Baltic surnames mark gender: Tsikhanouskaya is Tsikhanouski's wife, not a misspelling of him
    if bool(_FEMININE.search(fa.replace("w", "v"))) != bool(_FEMININE.search(fb.replace("w", "v"))):
        return None
    if _translit(fa) == _translit(fb):
        return score, f"transliteration variant ({a}/{b})"
    if DamerauLevenshtein.distance(fa, fb) == 1:
        return score, f"one-letter slip ({a}/{b})"
    sa, sb = name_skeleton(a), name_skeleton(b)
    if sa == sb and score >= 0.7:
        return score, f"transliteration variant ({a}/{b})"
    differ = [(x, y) for x, y in zip(sa.split(), sb.split()) if x != y]
    if len(differ) == 1 and min(map(len, differ[0])) >= 5 and DamerauLevenshtein.distance(*differ[0]) <= 1 \
            and score >= 0.8:  # one long word whose frame differs by a letter: Tsikhanouskaya/Tikhanovskaya
        return score, f"transliteration variant ({a}/{b})"
    return None


def _ascii_words(text: str) -> set[str]:
    """The folded words of a long text, as fold_name would give them for ASCII-spellable words (one C-level
    pass: fold_name word by word costs a quarter second on the whole dictionary)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return set(re.findall(r"[a-z0-9_]+", plain))


def _undouble(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


@functools.lru_cache(maxsize=1)
def _english() -> Any:
    """pyspellchecker's English word list (loaded once, and only when a slip candidate turns up)."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)


def _is_english_word(word: str) -> bool:
    return word in _english()


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster on the 3,000-line data files


def file_stamps(paths: Iterable[str | os.PathLike | None]) -> tuple[int, ...]:
    """The modification times of files (0 for None): part of a cache key, so an edited knowledge file
    is read again within the same process."""
    return tuple(Path(p).stat().st_mtime_ns if p else 0 for p in paths)


def _read_yaml(path: Path) -> dict:
    """Parsed YAML file, re-read only when it changes (user files are loaded next to the shipped ones)."""
    path = Path(path)
    return _read_yaml_cached(str(path.resolve()), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _read_yaml_cached(path: str, _mtime: int) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        raise ActorDictionaryError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ActorDictionaryError(f"{path}: expected a mapping at the top level")
    return data


@dataclass
class ActorDictionary:
    """Countries, IGOs, named actors and sector words, indexed by surface form."""

    countries: dict[str, dict] = field(default_factory=dict)  # code -> entry (countries and IGOs)
    igo_codes: set[str] = field(default_factory=set)
    actors: dict[str, dict] = field(default_factory=dict)  # person:id / org:id -> entry
    sectors: dict[str, list[str]] = field(default_factory=dict)
    precedence: list[str] = field(default_factory=list)
    not_actors: set[str] = field(default_factory=set)
    partitives: set[str] = field(default_factory=set)
    sources: dict[str, str] = field(default_factory=dict)  # entry key -> file it came from
    # Name variants the user accepted as another spelling of a named actor (folded name -> actor key) and
    # the joins the user undid ((folded name, actor key)); both from the `joins:` / `unjoins:` of user files.
    joins: dict[str, str] = field(default_factory=dict)
    join_names: dict[str, str] = field(default_factory=dict)  # folded name -> the name as written
    unjoins: set[tuple[str, str]] = field(default_factory=set)
    name_words: dict[str, list[str]] = field(default_factory=dict)  # sector -> words in organisation names

    def __post_init__(self) -> None:
        self._surfaces: dict[str, _Surface] = {}
        self._folded: dict[str, _Surface] = {}
        self._surface_re: re.Pattern | None = None
        self._sector_re: re.Pattern | None = None
        self._sector_of: dict[str, str] = {}
        self._known_words: set[str] = set()  # folded words of every known form: never a slip
        self._context_words: set[str] = set()  # folded country, IGO, sector and determiner words
        self._slip_vocab: dict[str, list[tuple[str, str]]] = {}  # first letter -> (folded, word) slips may be of
        self._slip_cache: dict[str, str | None] = {}
        self._generic_forms: set[str] = set()  # bare IGO/NGO body names a country word may qualify

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, extra: Iterable[str | os.PathLike] = ()) -> "ActorDictionary":
        """The shipped dictionary plus user YAML files (same schema; an entry with an existing id replaces it,
        a new id is added). Cached per set of paths."""
        paths = []
        for p in extra:
            path = Path(p).resolve()
            if not path.is_file():
                raise ActorDictionaryError(f"{p}: no such actor file")
            paths.append((str(path), path.stat().st_mtime_ns))  # an edited file is read again
        return _load_cached(tuple(paths))

    @classmethod
    def _build(cls, paths: tuple[tuple[str, int], ...]) -> "ActorDictionary":
        self = cls()
        shipped = [DATA_DIR / "countries.yaml", DATA_DIR / "sectors.yaml", DATA_DIR / "actors.yaml"]
        for path in shipped:
            self._merge(_read_yaml(path), str(path))
        for p, _mtime in paths:
            self._merge(_read_yaml(Path(p)), p)
        self._validate()
        self._index()
        return self

    def _merge(self, data: dict, source: str) -> None:
        """Add one file's entries; entries with a known code/id replace the old ones."""
        for section, is_igo in (("countries", False), ("igos", True)):
            for entry in data.get(section) or []:
                if not isinstance(entry, dict) or not entry.get("code"):
                    raise ActorDictionaryError(f"{source}: every entry under '{section}' needs a 'code': {entry!r}")
                code = str(entry["code"]).strip()
                self.countries[code] = dict(entry, code=code)
                (self.igo_codes.add if is_igo else self.igo_codes.discard)(code)
                self.sources[f"country:{code}"] = source
        for entry in data.get("actors") or []:
            if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
                raise ActorDictionaryError(f"{source}: every actor needs 'id' and 'name': {entry!r}")
            kind = str(entry.get("type", "person")).strip()
            if kind not in ("person", "organisation", "organization"):
                raise ActorDictionaryError(f"{source}: actor {entry['id']!r} has unknown type {kind!r}")
            prefix = "person" if kind == "person" else "org"
            ident = str(entry["id"]).strip()
            for other in ("person", "org"):  # an override may change the type: drop the old entry
                if other != prefix:
                    self.actors.pop(f"{other}:{ident}", None)
            roles = []
            for role in entry.get("roles") or []:
                try:  # dates as datetime.date whatever the YAML spelling ("2025-01-20" quoted or not)
                    roles.append(dict(role, start=_as_date(role.get("start")), end=_as_date(role.get("end"))))
                except (ValueError, AttributeError) as exc:
                    raise ActorDictionaryError(f"{source}: actor {ident!r} has a bad role {role!r}: {exc}") from exc
            self.actors[f"{prefix}:{ident}"] = dict(entry, id=ident, type=kind, roles=roles)
            self.sources[f"{prefix}:{ident}"] = source
        if "sectors" in data:
            for sector, words in (data.get("sectors") or {}).items():
                self.sectors.setdefault(str(sector), [])
                self.sectors[str(sector)] += [str(w).lower() for w in words or []]
        if data.get("precedence"):
            self.precedence = [str(s) for s in data["precedence"]]
        self.not_actors |= {str(w).lower() for w in data.get("not_actors") or []}
        self.partitives |= {str(w).lower() for w in data.get("partitives") or []}
        for sector, words in (data.get("name_words") or {}).items():
            self.name_words.setdefault(str(sector), [])
            self.name_words[str(sector)] += [str(w) for w in words or []]
        for section in ("joins", "unjoins"):
            for entry in data.get(section) or []:
                if not isinstance(entry, dict) or not entry.get("name") or not entry.get("actor"):
                    raise ActorDictionaryError(f"{source}: every entry under '{section}' needs 'name' and 'actor': {entry!r}")
                name, key = _norm(str(entry["name"])), self._actor_key(str(entry["actor"]))
                if section == "joins":
                    self.joins[fold_name(name)] = key
                    self.join_names[fold_name(name)] = name
                    self.unjoins.discard((fold_name(name), key))
                else:
                    self.unjoins.add((fold_name(name), key))
                    if self.joins.get(fold_name(name)) == key:
                        del self.joins[fold_name(name)]
                self.sources[f"{section}:{fold_name(name)}"] = source

    def _actor_key(self, ident: str) -> str:
        """'coale' or 'person:coale' -> 'person:coale' (unchecked when unknown: `_validate` says so)."""
        if ":" in ident:
            return ident
        for prefix in ("person", "org"):
            if f"{prefix}:{ident}" in self.actors:
                return f"{prefix}:{ident}"
        return f"person:{ident}"

    def _validate(self) -> None:
        """Codes, sectors and dates of roles must make sense; say which entry is wrong."""
        for code, entry in self.countries.items():
            if code not in self.igo_codes and not re.fullmatch(r"[A-Z]{3}", code):
                raise ActorDictionaryError(f"country {code!r} ({self.sources.get('country:' + code)}): "
                                           "code must be 3 upper-case letters (ISO-3166 alpha-3)")
            if not entry.get("names"):
                raise ActorDictionaryError(f"country {code!r}: needs at least one name")
        known = set(self.countries) | EXTRA_CODES
        sectors = set(self.sectors) | {None}
        for key, entry in self.actors.items():
            roles = entry.get("roles") or []
            if not roles:
                raise ActorDictionaryError(f"{key} ({self.sources[key]}): needs at least one role")
            for role in roles:
                if role.get("code") not in known:
                    raise ActorDictionaryError(f"{key} ({self.sources[key]}): unknown code {role.get('code')!r}")
                if role.get("sector") not in sectors:
                    raise ActorDictionaryError(f"{key} ({self.sources[key]}): unknown sector {role.get('sector')!r}")
                start, end = _as_date(role.get("start")), _as_date(role.get("end"))
                if start and end and end < start:
                    raise ActorDictionaryError(f"{key} ({self.sources[key]}): role ends before it starts")
        for folded, key in self.joins.items():
            if key not in self.actors:
                raise ActorDictionaryError(f"join of {self.join_names[folded]!r} ({self.sources.get('joins:' + folded)}): "
                                           f"no actor {key!r}")
        for sector in self.name_words:
            if sector not in self.sectors:
                raise ActorDictionaryError(f"name_words: unknown sector {sector!r}")

    def _index(self) -> None:
        """Surface form -> entry; raise when two different entries claim one form."""
        surfaces: dict[str, _Surface] = {}

        def add(form: str, surf: _Surface) -> None:
            form = _norm(str(form))
            if not form:
                return
            bare, _ = _strip_the(form)
            old = surfaces.get(bare)
            if old and old.owner != surf.owner:
                raise ActorDictionaryError(
                    f"surface form {bare!r} is claimed by both {old.key} ({self.sources.get(old.owner)}) and "
                    f"{surf.key} ({self.sources.get(surf.owner)}): remove it from one of them")
            if old is None or _KIND_RANK[surf.kind] < _KIND_RANK[old.kind]:
                surfaces[bare] = surf

        for code, entry in self.countries.items():
            owner = f"country:{code}"
            for fld, kind in _COUNTRY_FIELDS:
                if kind == "country" and code in self.igo_codes:
                    kind = "igo"
                for form in entry.get(fld) or []:
                    add(form, _Surface(kind, f"{kind}:{code}", owner, code))
        for key, entry in self.actors.items():
            for form in [entry["name"], *(entry.get("aliases") or [])]:
                add(form, _Surface("actor", key, key, None))
        for folded, key in self.joins.items():  # accepted spelling variants are aliases of their actor
            add(self.join_names[folded], _Surface("actor", key, key, None))
        self._surfaces = surfaces
        self._index_slips()
        # Case-insensitive fallback only for long mixed-case forms: "us" must never become the USA.
        folded: dict[str, _Surface] = {}
        for form, surf in surfaces.items():
            if len(form) >= 5 and not form.isupper():
                folded.setdefault(form.casefold(), surf)
        self._folded = folded
        forms = sorted(surfaces, key=len, reverse=True)
        self._surface_re = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w])")
        self._sector_of = {}
        rank = {s: i for i, s in enumerate(self.precedence)}
        for sector in sorted(self.sectors, key=lambda s: rank.get(s, len(rank))):
            for word in self.sectors[sector]:
                self._sector_of.setdefault(word, sector)
        terms = sorted(self._sector_of, key=len, reverse=True)
        self._sector_re = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, terms)) + r")(?![\w-])")

    def _index_slips(self) -> None:
        """Words a slip may be of (country names, capitals, demonyms; by first letter), every word the
        dictionary knows (never treated as a slip), and the bare IGO/NGO names a country word can qualify."""
        vocab: dict[str, dict[str, str]] = {}
        context = list(_DETERMINERS)  # words that may stand next to a country word: "the Ethopian emir"
        for form, surf in self._surfaces.items():
            if surf.kind in ("country", "capital", "adj", "people", "igo"):
                context.append(form)
            if surf.kind in ("country", "capital", "adj", "people"):
                for w in re.split(r"[\s/-]+", form):
                    if len(w) >= 5 and w[:1].isupper() and w.isalpha():
                        folded = fold_name(w)
                        vocab.setdefault(folded[:1], {}).setdefault(folded, w)
        for words in [*self.sectors.values(), self.not_actors, self.partitives]:
            context += words
        self._context_words = _ascii_words(" ".join(context))
        self._known_words = self._context_words | _ascii_words(" ".join(self._surfaces))
        self._slip_vocab = {k: list(v.items()) for k, v in vocab.items()}
        self._slip_cache = {}
        generic = set()
        for key, entry in self.actors.items():
            codes = {r.get("code") for r in entry["roles"]}
            if not key.startswith("org:") or not codes <= self.igo_codes | EXTRA_CODES:
                continue
            for form in [entry["name"], *(entry.get("aliases") or [])]:
                words = _strip_the(_norm(str(form)))[0].split()
                inner = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
                if not any(x in self._surfaces and self._surfaces[x].kind != "actor" for x in inner):
                    generic.add(" ".join(words))  # "Security Council" yes, "UN Security Council" no
        self._generic_forms = generic

    # ------------------------------------------------------------------ queries
    def lookup_id(self, key: str) -> dict | None:
        """Raw entry for a key such as 'person:lukashenko', 'country:BLR', 'capital:BLR', 'adj:USA'."""
        if key in self.actors:
            return self.actors[key]
        kind, _, code = key.partition(":")
        if kind in ("country", "igo", "capital", "metonym", "adj", "people") and code in self.countries:
            return self.countries[code]
        return None

    def country_name(self, code: str) -> str | None:
        """The first (common) name of a country or IGO code."""
        entry = self.countries.get(code)
        return str(entry["names"][0]) if entry else None

    def country_forms(self, code: str) -> list[str]:
        """Every way the dictionary names a country in text: names, adjectives, people, capitals, metonyms."""
        entry = self.countries.get(code) or {}
        forms = [f for k in ("names", "adjectives", "people", "capitals", "metonyms") for f in entry.get(k) or []]
        return [f[4:] if f.startswith("the ") else f for f in map(str, forms)]

    def country_adjective(self, code: str) -> str | None:
        """The usual adjective of a code ("BLR" -> "Belarusian"), or its first name when it has none (IGOs)."""
        entry = self.countries.get(code)
        if not entry:
            return None
        return str((entry.get("adjectives") or entry["names"])[0])

    def role_on(self, key: str, on: dt.date | None = None) -> dict | None:
        """The role of a named actor in force on `on` (None: the latest); nearest role if none covers it."""
        entry = self.actors.get(key)
        if not entry:
            return None
        roles = [dict(r, start=_as_date(r.get("start")), end=_as_date(r.get("end"))) for r in entry["roles"]]
        lo, hi = dt.date.min, dt.date.max
        if on is None:
            return max(roles, key=lambda r: (r["end"] or hi, r["start"] or lo))
        if isinstance(on, dt.datetime):
            on = on.date()
        covering = [r for r in roles if (r["start"] or lo) <= on <= (r["end"] or hi)]
        if covering:  # the most recently started role wins (a new post overrides an old open-ended one)
            return max(covering, key=lambda r: r["start"] or lo)

        def gap(r: dict) -> int:
            return min(abs(((r["start"] or lo) - on).days), abs(((r["end"] or hi) - on).days))

        return min(roles, key=gap)

    def entity_patterns(self) -> list[dict]:
        """spaCy EntityRuler phrase patterns: label ACTOR for people, organisations, countries, IGOs,
        capitals and metonyms; NORP for demonym adjectives and plural nouns. Matching is on ORTH
        (case-sensitive) and the pattern strings are tokenised by the pipeline's own tokenizer, so they
        split exactly like the text does. A leading "the" in the data becomes an optional the/The."""
        out: list[dict] = []
        seen: set[str] = set()
        for form, surf in self._surfaces.items():
            label = "NORP" if surf.kind in ("adj", "people") else "ACTOR"
            variants = [form]
            if self._has_article(surf, form):
                variants += [f"the {form}", f"The {form}"]
            # news text often has typographic apostrophes, which the tokenizer keeps: "People’s Republic"
            variants += [v.replace("'", "\u2019") for v in variants if "'" in v]
            for v in variants:
                if v not in seen:
                    seen.add(v)
                    out.append({"label": label, "pattern": v, "id": surf.key})
        # "the Iranian Red Crescent", "Russia's Security Council": one entity, so that `resolve` sees the
        # country word and gives that country's own body (see _national_body)
        countries = sorted(f for f, surf in self._surfaces.items()
                           if surf.kind in ("country", "adj", "capital", "metonym") and re.fullmatch(r"[\w.]+", f))
        for form in sorted(self._generic_forms):
            words = form.split()
            if len(words) > 1 and all(w.isalpha() for w in words):
                out.append({"label": "ACTOR", "id": f"national:{self._surfaces[form].key}",
                            "pattern": [{"ORTH": {"IN": countries}}, {"ORTH": {"IN": ["'s", "\u2019s"]}, "OP": "?"},
                                        *({"ORTH": w} for w in words)]})
        return out

    def _has_article(self, surf: _Surface, bare: str) -> bool:
        entry = self.lookup_id(surf.key) or {}
        fields = ["name", "aliases"] if surf.kind == "actor" else [f for f, _ in _COUNTRY_FIELDS]
        for fld in fields:
            vals = entry.get(fld) or []
            for v in [vals] if isinstance(vals, str) else vals:
                form, had = _strip_the(_norm(str(v)))
                if had and form == bare:
                    return True
        return False

    # ------------------------------------------------------------------ resolution
    def resolve(self, phrase: str, on: dt.date | None = None) -> ActorRef | None:
        """A mention's text to a code and sector, using the role in force on `on` (None: the latest role).

        Order: a named person/organisation heading the phrase (titles before it are ignored); else the first
        country evidence (name, capital/metonym, demonym, or a possessive name: "Trump's envoy") plus the
        sector of the head noun; a bare name/capital/demonym alone. None without country evidence ("the
        envoy"), or when the head is a thing ("U.S. sanctions") or an unknown noun ("Belarusian cigarettes").
        Failing all that, a one-letter slip of a country word is corrected ("Quatar's emir"; how ends '; fuzzy: ...')."""
        if not phrase or not phrase.strip():
            return None
        text = _norm(phrase).strip(" ,;:!?\"()[]")
        if text.endswith(".") and not re.search(r"(?:^|[\s(-])(?:[A-Z]\.){2,}$", text):
            text = text.rstrip(". ")  # a sentence period, not the end of "U.S."
        if not text:
            return None
        matches = self._find(text)
        ref = self._resolve_matches(text, matches, phrase, on)
        if ref is None:  # "Quatar's emir", "Phillippines military": a one-letter slip of a country word
            fixes = self._slips(text, matches)
            if fixes:
                fixed = text
                for s, e, _word, target in reversed(fixes):
                    fixed = fixed[:s] + target + fixed[e:]
                ref = self._resolve_matches(fixed, self._find(fixed), phrase, on)
                if ref is not None:
                    note = ", ".join(f"{w} ~ {t}" for _s, _e, w, t in fixes)
                    ref = ActorRef(ref.code, ref.sector, ref.entity_text, ref.actor_id, f"{ref.how}; fuzzy: {note}")
        return ref

    def _resolve_matches(self, text: str, matches: list, phrase: str, on: dt.date | None) -> ActorRef | None:
        """`resolve` once the known forms in `text` are found."""
        if not matches and (text.islower() or text.isupper()):
            surf = self._folded.get(self._strip_determiners(text).casefold())
            if surf:
                matches = [(0, len(text), surf, False)]
        if not matches:
            return None
        # 1. a named person/organisation that is the head ("U.S. Special Envoy John Coale")
        for i, (s, e, surf, poss) in enumerate(matches):
            if surf.kind == "actor" and not poss and self._heads_phrase(text[e:]):
                local = self._national_body(text, matches[i - 1], s, e, surf, phrase, on) if i else None
                return local or self._named(surf.key, phrase, on)
        # 2. the rest of the phrase: sector words and the head noun
        rest = self._remainder(text, matches)
        first = matches[0][2]
        code = self._code_of(first, on)
        if code is None:
            return None
        head, sector = self._head_and_sector(rest)
        if head == "__thing__":
            return None
        if head is None:  # nothing but the country evidence itself
            if first.kind == "actor":  # "Trump's": the possessor alone
                return self._named(first.key, phrase, on)
            if first.kind in ("capital", "metonym"):
                return ActorRef(code, "GOV", phrase, None, "metonym")
            if first.kind == "people":
                return ActorRef(code, "CVL", phrase, None, "demonym")
            if first.kind == "adj":
                return ActorRef(code, None, phrase, None, "demonym")
            return ActorRef(code, self.countries[code].get("sector"), phrase, None, "country")
        if sector is None:
            return None  # an unknown common noun as head: "Belarusian cigarettes"
        return ActorRef(code, sector, phrase, None, "role")

    def _national_body(self, text: str, prev: tuple, start: int, end: int, surf: _Surface, phrase: str,
                       on: dt.date | None) -> ActorRef | None:
        """"the Russian Security Council", "the Iranian Red Crescent": a country word right before the
        bare name of an IGO body or transnational NGO names that country's own body of the same kind."""
        if text[start:end] not in self._generic_forms or prev[2].kind not in ("country", "adj", "people", "capital",
                                                                              "metonym"):
            return None
        gap = text[prev[1]:start]
        if prev[3]:
            gap = re.sub(r"^'s?", "", gap)
        role = self.role_on(surf.key, on)
        if gap.strip() or role is None:
            return None
        return ActorRef(prev[2].code, role.get("sector"), phrase, None, "role")

    # ------------------------------------------------------------------ one-letter slips
    _SLIP_WORD = re.compile(r"(?<![\w.'])[A-Z][^\W\d_A-Z]{5,}(?!\w)")
    _NEXT_NAME = re.compile(r"(?:'s?)?\s+([A-Z][\w.'-]*)")
    _PREV_NAME = re.compile(r"([A-Z][\w.'-]*)\s+$")

    def _slips(self, text: str, matches: list) -> list[tuple[int, int, str, str]]:
        """(start, end, word, country word) for each capitalised word of `text` that no known form covers and
        that is a one-letter slip of a country name, capital or demonym ("Ethopia" ~ "Ethiopia"). A word next
        to another unknown capitalised word is left alone: it is likely part of a person's name."""
        out = []
        for m in self._SLIP_WORD.finditer(text):
            if any(s <= m.start() < e for s, e, _surf, _poss in matches):
                continue
            target = self._slip_target(m.group(0))
            if target is None:
                continue
            before, after = self._PREV_NAME.search(text[:m.start()]), self._NEXT_NAME.match(text[m.end():])
            if any(n and not set(fold_name(n.group(1)).split()) <= self._context_words for n in (before, after)):
                continue
            out.append((m.start(), m.end(), m.group(0), target))
        return out

    def _slip_target(self, word: str) -> str | None:
        """The one country word `word` is a slip of: Damerau-Levenshtein distance 1 or the same but for a
        doubled letter, same first and last letter, and `word` itself neither a known name nor an English
        word (pyspellchecker's list, proper nouns included: "Columbia", "Siberia", "Indiana" stay apart).
        Cached per word: resolve runs on every noun phrase."""
        if word in self._slip_cache:
            return self._slip_cache[word]
        from rapidfuzz.distance import DamerauLevenshtein

        low, target = fold_name(word), None
        if low not in self._known_words:
            found = {orig for t, orig in self._slip_vocab.get(low[0], ())
                     if t[-1] == low[-1] and abs(len(t) - len(low)) <= 2
                     and (DamerauLevenshtein.distance(low, t, score_cutoff=1) <= 1 or _undouble(t) == _undouble(low))}
            if len(found) == 1 and not _is_english_word(low):
                target = found.pop()
        self._slip_cache[word] = target
        return target

    def _named(self, key: str, phrase: str, on: dt.date | None) -> ActorRef | None:
        role = self.role_on(key, on)
        if role is None:
            return None
        return ActorRef(role["code"], role.get("sector"), phrase, key, "dictionary")

    def _code_of(self, surf: _Surface, on: dt.date | None) -> str | None:
        if surf.kind == "actor":
            role = self.role_on(surf.key, on)
            return role["code"] if role else None
        return surf.code

    def _find(self, text: str) -> list[tuple[int, int, _Surface, bool]]:
        """Known surface forms in `text`, leftmost-longest, with whether each is a possessive."""
        out = []
        assert self._surface_re is not None
        for m in self._surface_re.finditer(text):
            surf = self._surfaces[m.group(0)]
            poss = bool(re.match(r"'s?(?!\w)", text[m.end():]))
            out.append((m.start(), m.end(), surf, poss))
        return out

    @staticmethod
    def _strip_determiners(text: str) -> str:
        words = text.split()
        while words and words[0].lower() in _DETERMINERS:
            words.pop(0)
        return " ".join(words)

    @staticmethod
    def _remainder(text: str, matches: list) -> str:
        """The phrase with the matched forms (and their possessive endings) cut out."""
        pieces, pos = [], 0
        for s, e, _surf, poss in matches:
            pieces.append(text[pos:s])
            pos = e
            if poss:
                pos += len(re.match(r"'s?", text[e:]).group(0))
        pieces.append(text[pos:])
        rest = " ".join(pieces)
        rest = re.sub(r"(?<!\w)[-\u2013\u2014/](?!\w)|(?<=\w)[-\u2013\u2014/](?!\w)|(?<!\w)[-\u2013\u2014/]", " ", rest)
        rest = re.sub(r"[,;:()\"]", " ", rest)
        return re.sub(r"\s+", " ", rest).strip()

    def _head_and_sector(self, rest: str) -> tuple[str | None, str | None]:
        """Head noun of what is left of a phrase once the country evidence is cut out, and its sector.

        Returns (None, None) when nothing is left, ('__thing__', None) for a non-actor head ("sanctions"),
        (head, None) for an unknown common-noun head ("cigarettes"), (head, SECTOR) for a role. English
        noun phrases put the head last, before any prepositional tail ("leader of the opposition")."""
        words = rest.split()
        while words and words[0].lower() in _DETERMINERS:
            words.pop(0)
        if not words:
            return None, None
        assert self._sector_re is not None
        found = [m.group(0) for m in self._sector_re.finditer(" ".join(words).lower())]
        term_words = {w for t in found for w in t.split()}
        idx = next((i for i, w in enumerate(words) if i > 0 and w.lower() in _PREPOSITIONS), len(words))
        head_words = words[:idx]
        while head_words and head_words[-1].lower() in _DETERMINERS:
            head_words.pop()
        # trailing capitalised words that are no sector term are an unknown name: "... Kestutis Budrys"
        while head_words and head_words[-1][:1].isupper() and head_words[-1].lower() not in term_words:
            head_words.pop()
        if not head_words:
            return (None, None) if not found else ("", self._best_sector(found))
        head = head_words[-1].lower()
        if head in self.not_actors or " ".join(head_words[-2:]).lower() in self.not_actors:
            return "__thing__", None
        if head in term_words or head in self.partitives:
            return (head, self._best_sector(found)) if found else (head, None)
        return head, None

    def _best_sector(self, found: list[str]) -> str:
        """Longest sector phrase first, then the sector listed earliest in `precedence`."""
        rank = {s: i for i, s in enumerate(self.precedence)}
        best = max(found, key=lambda t: (len(t.split()), -rank.get(self._sector_of[t], len(rank))))
        return self._sector_of[best]

    @staticmethod
    def _heads_phrase(tail: str) -> bool:
        """True when nothing after a name (up to a comma or preposition) is a common noun: the name is the head
        ("Coale, who ..." yes; "RFE/RL journalist", "Trump administration" no)."""
        tail = re.split(r"[,;:()]", tail, maxsplit=1)[0]
        for w in re.findall(r"[A-Za-z][\w'-]*", tail):
            if w.lower() in _PREPOSITIONS:
                return True
            if w[:1].islower() and w.lower() not in _DETERMINERS:
                return False
        return True

    # ------------------------------------------------------------------ actors nobody listed
    def near(self, name: str, limit: int = 5, undone: bool = False) -> list[tuple[str, float, str]]:
        """Named actors whose name or alias `name` may be a misspelling or another transliteration of:
        [(actor key, score 0..1, reason)], best first. A one-word name is also compared with the surnames of
        multi-word names. Joins the user undid are left out unless `undone`."""
        from rapidfuzz import fuzz, process

        folded = fold_name(name)
        if not folded:
            return []
        forms = self._name_forms(len(folded.split()) == 1)
        best: dict[str, tuple[float, str]] = {}
        # every variant name_variant accepts scores >= 70 on plain ratio: let rapidfuzz pick those first
        for _f, _score, i in process.extract(folded, [f for f, _k, _o in forms], scorer=fuzz.ratio, score_cutoff=69,
                                             limit=None):
            _f, key, form = forms[i]
            if (folded, key) in self.unjoins and not undone:
                continue
            hit = name_variant(name, form)
            if hit and (key not in best or hit[0] > best[key][0]):
                best[key] = hit
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
        return [(key, score, reason) for key, (score, reason) in ranked[:limit]]

    def _name_forms(self, surnames: bool) -> list[tuple[str, str, str]]:
        """(folded form, actor key, form) for every name and alias; with `surnames`, also the last word of
        multi-word names, so a lone surname finds its actor."""
        cache = self.__dict__.setdefault("_forms_cache", {})
        if surnames not in cache:
            out = []
            for key, entry in self.actors.items():
                forms = [_strip_the(_norm(str(f)))[0] for f in [entry["name"], *(entry.get("aliases") or [])]]
                if surnames:
                    forms += [f.split()[-1] for f in forms if len(f.split()) > 1]
                out += [(fold_name(f), key, f) for f in dict.fromkeys(forms)]
            cache[surnames] = out
        return cache[surnames]

    def joined(self, name: str) -> str | None:
        """The actor key a user-accepted join maps `name` to, if any."""
        return self.joins.get(fold_name(name))

    def variant_of(self, text: str, context: ActorRef | None, on: dt.date | None = None) -> ActorRef | None:
        """The listed actor a name the dictionary lacks is another spelling of ("John Cole" for John Coale),
        when what the context says of it (`context`, from `guess`) fits that actor's role on `on`; None
        otherwise, or when the user undid the join (`unjoins`). `detente actors joins` lists each join."""
        if context is None or not context.code:
            return None
        for key, _score, reason in self.near(text):
            role = self.role_on(key, on) or {}
            if roles_agree(context.code, context.sector, role.get("code"), role.get("sector")):
                return ActorRef(role["code"], role.get("sector"), text, key,
                                f"variant of {self.actors[key]['name']}: {reason}; context {context.how}")
        return None

    def guess(self, text: str, sentence: str, on: dt.date | None = None) -> ActorRef | None:
        """A code and sector for a name the dictionary lacks, read from its context in `sentence`.

        Cues, nearest first: a title or apposition naming a country and a role ("U.S. Special Envoy Jane
        Roe", "Jane Roe, Lithuania's foreign minister", "Jane Roe, a Polish diplomat"), the organisation the
        person works for ("Belavia's chief executive Jane Roe", "Jane Roe of Belavia"), a nationality
        adjective with an organisation word ("the Latvian airline airBaltic"), and words of the name itself
        ("... Airlines", "... Human Rights Centre"). Returns an ActorRef with how='guess:<cue>' and no
        actor_id, or None when nothing around the name says which country it belongs to."""
        name = _norm(text).strip(" ,;:\"'()[]")
        sent = _norm(sentence)
        if not name:
            return None
        at = sent.find(name)
        own_sector = self._name_sector(name)
        cues: list[tuple[str, str | None, str]] = []  # (code, sector, cue)
        if at >= 0:
            left, right = sent[:at], sent[at + len(name):]
            cues += self._left_cues(left, on)
            cues += self._right_cues(right, on)
        inside = self._phrase_cue(name, on, "name")  # "Latvian Railways": the name carries its country
        if inside:
            cues.append(inside)
        if not cues:
            return None
        with_sector = [c for c in cues if c[1]]
        code, sector, cue = with_sector[0] if with_sector and not own_sector else cues[0]
        if own_sector and (sector is None or cue in ("nationality", "org")):
            sector, cue = own_sector, f"{cue}+name"
        return ActorRef(code, sector, text, None, f"guess:{cue}")

    def _name_sector(self, name: str) -> str | None:
        """The sector an organisation's own name announces ("Belarusian Helsinki Committee" -> NGO)."""
        low = f" {name.lower()} "
        for sector in self.precedence + [s for s in self.name_words if s not in self.precedence]:
            if any(f" {w.lower()} " in low for w in self.name_words.get(sector, [])):
                return sector
        return None

    def _phrase_cue(self, phrase: str, on: dt.date | None, cue: str) -> tuple[str, str | None, str] | None:
        """(code, sector, cue) from a context phrase: resolved whole, else its first country or named
        organisation (the person works for it: 'Belavia's new chief' -> Belavia's code and sector)."""
        phrase = phrase.strip(" ,;:\"'()[]-")
        if not phrase:
            return None
        ref = self.resolve(phrase, on)
        if ref is not None:
            if ref.actor_id and ref.actor_id.startswith("person:"):
                return None  # "Lukashenko's Jane Roe"? a person is no employer we can read a code from
            kind = "org" if ref.actor_id else ("nationality" if ref.sector is None else cue)
            return ref.code, ref.sector, kind
        for _s, _e, surf, _poss in self._find(phrase):
            if surf.kind == "actor" and surf.key.startswith("org:"):
                role = self.role_on(surf.key, on)
                if role:
                    return role["code"], role.get("sector"), "org"
            elif surf.kind != "actor":
                code = self._code_of(surf, on)
                if code:
                    return code, None, "nationality"
        return None

    _CONTEXT_WORD = re.compile(r"[\w.'-]+|[^\w\s]")

    def _left_cues(self, left: str, on: dt.date | None) -> list[tuple[str, str | None, str]]:
        """The title run right before a name ("... met U.S. Special Envoy"): capitalised words and role
        words back to the first other word or punctuation; the shortest ending that resolves wins."""
        words = self._CONTEXT_WORD.findall(left)
        run: list[str] = []
        role_words = {w for term in self._sector_of for w in term.split()}
        for w in reversed(words):
            bare = w.rstrip(".")
            if w[:1].isupper() or bare.lower() in role_words or bare.lower() in self.partitives:
                run.insert(0, w)
            elif re.fullmatch(r"[A-Z]\.(?:[A-Z]\.)+", w):
                run.insert(0, w)
            else:
                break
        for i in range(len(run) - 1, -1, -1):
            found = self._phrase_cue(" ".join(run[i:]), on, "title")
            if found:
                return [found]
        return []

    def _right_cues(self, right: str, on: dt.date | None) -> list[tuple[str, str | None, str]]:
        """An apposition (", Lithuania's foreign minister,") or the organisation after 'of'/'from'/'at'."""
        m = re.match(r"\s*,\s*([^,;:()]+)", right)
        if m:
            phrase = re.split(r"\b(?:who|which|that|said|says|told|has|had|is|was|will|would)\b", m.group(1))[0]
            found = self._phrase_cue(phrase, on, "apposition")
            if found and (found[1] or found[2] == "nationality"):
                return [found]
        m = re.match(r"\s+(?:of|from|at|with)\s+([^,;:()]+)", right)
        if m:
            phrase = re.split(r"\b(?:who|which|that|said|says|told|has|had|is|was|will|would|and)\b", m.group(1))[0]
            found = self._phrase_cue(phrase, on, "org")
            if found:
                return [(found[0], found[1], "org")]
        return []

    def surfaces(self) -> dict[str, str]:
        """Every surface form and the key it resolves to (for `explain` and tests)."""
        return {form: surf.key for form, surf in self._surfaces.items()}


@functools.lru_cache(maxsize=16)
def _load_cached(paths: tuple[tuple[str, int], ...]) -> ActorDictionary:
    return ActorDictionary._build(paths)


def load_actors(extra: Iterable[str | os.PathLike] = ()) -> ActorDictionary:
    """The shipped dictionary plus `extra` user files (cached)."""
    return ActorDictionary.load(extra)


def state_names(codes: Iterable[str]) -> list[str]:
    """Every way the shipped dictionary names these states (to find the articles about them in a store)."""
    actors = load_actors()
    return [f for code in codes for f in actors.country_forms(code)]


def add_tokenizer_rules(nlp: Any) -> Any:
    """Split "U.S.-Belarusian" / "U.S.–Belarus" into "U.S." "-" "Belarusian" so both ends can match.

    spaCy's hyphen infix needs a letter before the hyphen, so an abbreviation ending in a period stays
    glued to the next word; no spaCy setting covers this, hence one extra infix."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Z]\.)[-\u2013\u2014](?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp
