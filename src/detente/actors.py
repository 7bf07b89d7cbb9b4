"""Actor dictionary: countries, IGOs, named people and organisations, and generic roles.

The knowledge lives in YAML files under `data/` (countries.yaml, actors.yaml, sectors.yaml) so a user
can correct or extend it without Python; this module wires the jobs that load it, check it for clashes and resolve
mention strings ("Lukashenka", "the Kremlin", "U.S. officials") to CAMEO-style code + sector.

The jobs live in their own modules (a newcomer finds a decision by its name):

| job | module |
|---|---|
| dictionary loading and indexing | `actor_files.py` |
| name resolution and guessing | `actor_resolve.py` |
| tenure lookup (offices by date) | `actor_tenure.py` |
| name spelling variants | `actor_names.py` |
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .actor_files import DATA_DIR, EXTRA_CODES, ActorDictionaryError, DictionaryFiles, _Surface, file_stamps
from .actor_names import fold_name, name_skeleton, name_variant, roles_agree
from .actor_resolve import NameResolution
from .actor_tenure import TenureLookup

__all__ = ["DATA_DIR", "EXTRA_CODES", "ActorDictionary", "ActorDictionaryError", "add_tokenizer_rules", "file_stamps",
           "fold_name", "load_actors", "name_skeleton", "name_variant", "roles_agree"]


@dataclass
class ActorDictionary(DictionaryFiles, NameResolution, TenureLookup):
    """Countries, IGOs, named actors and sector words, indexed by surface form."""

    countries: dict[str, dict] = field(default_factory=dict)  # code -> entry (countries and IGOs)
    igo_codes: set[str] = field(default_factory=set)
    actors: dict[str, dict] = field(default_factory=dict)  # person:id / org:id -> entry
    sectors: dict[str, list[str]] = field(default_factory=dict)
    precedence: list[str] = field(default_factory=list)
    not_actors: set[str] = field(default_factory=set)
    partitives: set[str] = field(default_factory=set)
    water_names: set[str] = field(default_factory=set)  # "Sea", "Strait": a country word in such a name is none
    sources: dict[str, str] = field(default_factory=dict)  # entry key -> file it came from
    # Name variants the user accepted as another spelling of a named actor (folded name -> actor key) and
    # the joins the user undid ((folded name, actor key)); both from the `joins:` / `unjoins:` of user files.
    joins: dict[str, str] = field(default_factory=dict)
    join_names: dict[str, str] = field(default_factory=dict)  # folded name -> the name as written
    unjoins: set[tuple[str, str]] = field(default_factory=set)
    name_words: dict[str, list[str]] = field(default_factory=dict)  # sector -> words in organisation names
    # A short name several bodies bear ("AFP": the news agency, the Armed Forces of the Philippines):
    # form -> the actor keys that bear it, the plain alias's owner (the default reading) first
    shared: dict[str, list[str]] = field(default_factory=dict)

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
