"""Dictionary loading: the actor YAML files (shipped and the user's) read, merged, checked for clashes
and indexed by surface form; and the entity-ruler patterns the parse stage builds from that index.

Entry point: `DictionaryFiles.load(extra)` (inherited by `ActorDictionary`).
"""
from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .actor_names import _DETERMINERS, _ascii_words, _norm, _strip_the, fold_name

DATA_DIR = Path(__file__).parent / "data"

#: Codes that are neither a country nor an IGO but are valid actor codes (transnational NGOs etc.).
from .common import EXTRA_CODES  # noqa: E402,F401 (codes that are neither a country nor an IGO; one list)

_KIND_RANK = {"actor": 0, "country": 1, "igo": 1, "capital": 2, "metonym": 2, "adj": 3, "people": 4}
_COUNTRY_FIELDS = (("names", "country"), ("capitals", "capital"), ("metonyms", "metonym"),
                   ("adjectives", "adj"), ("people", "people"))


class ActorDictionaryError(ValueError):
    """A dictionary file is malformed or two entries claim the same surface form."""


@dataclass(frozen=True)
class _Surface:
    """One surface form of one entry: what it is (kind) and whose it is (entry key)."""

    kind: str  # actor | country | igo | capital | metonym | adj | people
    key: str  # person:lukashenko, org:belavia, country:BLR, igo:EU, capital:BLR, adj:USA ...
    owner: str  # identity used for clash checks: the actor key, or country:CODE for every country form
    code: str | None  # country/IGO code for country-like forms



def _as_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))




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



@functools.lru_cache(maxsize=16)
def _load_cached(cls: type, paths: tuple[tuple[str, int], ...]) -> Any:
    return cls._build(paths)


class DictionaryFiles:
    """Loading and indexing (a mixin of `ActorDictionary`, whose fields it fills)."""

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, extra: Iterable[str | os.PathLike] = ()) -> "DictionaryFiles":
        """The shipped dictionary plus user YAML files (same schema; an entry with an existing id replaces it,
        a new id is added). Cached per set of paths."""
        paths = []
        for p in extra:
            path = Path(p).resolve()
            if not path.is_file():
                raise ActorDictionaryError(f"{p}: no such actor file")
            paths.append((str(path), path.stat().st_mtime_ns))  # an edited file is read again
        return _load_cached(cls, tuple(paths))

    @classmethod
    def _build(cls, paths: tuple[tuple[str, int], ...]) -> "DictionaryFiles":
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
        self.water_names |= {str(w).lower() for w in data.get("water_names") or []}
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
            if entry.get("claimed_by") and entry["claimed_by"] not in self.countries:
                raise ActorDictionaryError(f"country {code!r}: claimed_by names no known country {entry['claimed_by']!r}")
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
        # The people of a country from its adjective where the file lists none of that form: "Thai" ->
        # "Thais", "Pakistani" -> "Pakistanis", "Cambodian" -> "Cambodians" (English makes these plurals
        # by adding -s; "Chinese", "Swiss", "British" take none and are left alone). Listed forms win.
        for code, entry in self.countries.items():
            if code in self.igo_codes:
                continue
            for adj in entry.get("adjectives") or []:
                adj = _norm(str(adj))
                if " " not in adj and adj[-1:].islower() and (adj.endswith("an") or adj.endswith("i")) \
                        and adj + "s" not in surfaces:
                    add(adj + "s", _Surface("people", f"people:{code}", f"country:{code}", code))
            # and one of them from the listed plural: "Swedes" -> "a Swede", "Britons", "Frenchmen" -> "Frenchman"
            for people in entry.get("people") or []:
                people = _norm(str(people))
                one = people[:-3] + "man" if people.endswith("men") else people[:-1] if people.endswith("s") else ""
                if " " not in people and len(one) > 3 and one not in surfaces:
                    add(one, _Surface("people", f"people:{code}", f"country:{code}", code))
        for folded, key in self.joins.items():  # accepted spelling variants are aliases of their actor
            add(self.join_names[folded], _Surface("actor", key, key, None))
        # `shared:` forms: a short name another entry owns as its alias, which this entry bears too; which
        # one a mention is depends on the article (`references.DocContext.readings`), not on the name
        self.shared = {}
        for key, entry in self.actors.items():
            for form in entry.get("shared") or []:
                form = _norm(str(form))
                owner = surfaces.get(form)
                if owner is None or owner.kind != "actor" or owner.key == key:
                    raise ActorDictionaryError(f"{key} ({self.sources[key]}): shared form {form!r} must be an alias "
                                               "of another named actor (the usual reading)")
                self.shared.setdefault(form, [owner.key]).append(key)
        # and a country's: a capital another entry owns ("Brussels", the EU's seat), which is this country's too
        for code, entry in self.countries.items():
            for form in entry.get("shared") or []:
                form = _norm(str(form))
                owner = surfaces.get(form)
                if owner is None or owner.code is None or owner.code == code:
                    raise ActorDictionaryError(f"country {code} ({self.sources.get(f'country:{code}')}): shared form "
                                               f"{form!r} must be a form of another country or body (the usual reading)")
                self.shared.setdefault(form, [owner.key]).append(f"country:{code}")
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
