"""The coder's knowledge, read from data files: the event patterns, word classes, modality lexicon and
role word lists of `patterns.yaml`, and the CAMEO/PLOVER weight tables (`cameo.csv`, `plover.csv`)."""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from .actor_files import file_stamps


@dataclass
class Pattern:
    id: str
    pos: str
    event: str
    mode: str | None
    cameo: str
    lemmas: set[str] = field(default_factory=set)
    # trigger word -> the word sets, any of which must all stand next to it ("hold talks", "air strike")
    phrasal: dict[str, list[set[str]]] = field(default_factory=dict)
    object: str | None = None
    object_optional: bool = False
    recipient: str = "object"
    swap: bool | str = False  # true: the object acts; "from": the "from" phrase acts
    confidence: float = 0.5
    requires_prep: dict[str, str] = field(default_factory=dict)
    requires_modifier: str | None = None
    requires_xcomp: set[str] = field(default_factory=set)
    excludes_pressing_on: bool = False  # not when what it governs keeps up pressure (`roles: pressing_on`)
    patient_subject: bool = False
    excludes: set[str] = field(default_factory=set)  # particles/prepositions that change the meaning
    excludes_modifier: str | None = None  # a modifier class that makes the noun something else
    actor_from_place: bool = False  # with no named actor, the country where it happened
    actor_host: bool = False  # with no named actor, the state the recipient's envoy is posted to ("was summoned")
    actor_envoy: bool = False  # the envoy's own state does it ("the Chilean envoy was recalled"); another named doer: not this act
    # "place" / "own" / "other" / "rival", tried in order: where it happened / the actor's own country / the story's
    # other side / the same, unless the sentence names it in another role
    recipient_fallback: str | None = None
    domestic: bool = False  # the recipient may be the actor's own country
    absorbs: bool = False  # only frames the event it governs ("agreed to reopen")
    object_head_only: bool = False  # the object's head noun itself must be of the class
    requires_complement: bool = False  # needs an object, a clause or a prepositional object
    intransitive: bool = False  # must have no direct object
    excludes_clause: bool = False  # not when it governs a clause or a predicate ("what he called a gesture")
    requires_clause: bool = False  # must govern a clause or an on/to phrase
    requires_modal_clause: set[str] = field(default_factory=set)  # "said that Libya must hand over"
    subject: str | None = None  # the doer must be of this class ("demonstrators protesting the results")
    subject_not: str | None = None  # the doer must not be of this class, nor so described ("two tourists arrived")
    joint: tuple[str, str] | None = None  # (event, cameo) when two or more sides do it together
    requires_xcomp_object: str | None = None  # the governed verb's object must be of this class
    requires_conditional_clause: bool = False  # the modal clause must carry an if/unless condition
    requires_recipient: bool = False  # the sentence itself must name the recipient
    excludes_prep: set[str] = field(default_factory=set)  # prepositions that make it another verb ("ram through")
    requires_condition: bool = False  # the verb must govern an if/unless clause ("will take countermeasures if")
    speaker_actor: bool = False  # the actor is whoever says the sentence ("'This is a violation,' the minister said")
    requires_adverb: str | None = None  # (verbs) an adverb of this class must modify it ("respond firmly")
    xcomp_negated: bool = False  # the governed verb must be negated or of the class `avoidance` ("not to travel")
    governed_by: str | None = None  # (nouns) the verb whose object it is must be of this class ("reached a truce")
    announced_only: bool = False  # only an announced or intended act codes ("vowed to retaliate")
    object_act: str | None = None  # the object must be a decision to do an act of this class ("its decision to end X")


def _noun_head(words: list[str]) -> int:
    """Which word of a multi-word noun trigger is its head: "air strike" -> strike,
    "state of emergency" -> state."""
    return words.index("of") - 1 if "of" in words else len(words) - 1


@dataclass
class Knowledge:
    """Patterns, word classes, modality lexicon and the CAMEO/PLOVER tables, all from data files."""

    patterns: list[Pattern]
    classes: dict[str, set[str]]
    modality: dict
    goldstein: dict[str, float]
    plover_score: dict[tuple[str, str], float]
    roles: dict = field(default_factory=dict)  # word lists for who did what (`roles:` in patterns.yaml)
    raw_roles: dict = field(default_factory=dict)  # the `roles:` entries as written (mappings kept)

    def weights(self, event: str, mode: str | None, cameo: str) -> tuple[float, float]:
        g = self.goldstein.get(cameo, self.goldstein.get(cameo[:3], 0.0))
        p = self.plover_score.get((event, mode or ""), self.plover_score.get((event, ""), 0.0))
        return g, p


def _data(name: str):
    return resources.files("detente") / "data" / name


def load_knowledge(patterns_file: str | None = None) -> Knowledge:
    """The shipped pattern file, or a user's replacing it (cached until the file changes)."""
    return _load_knowledge(patterns_file, file_stamps([patterns_file]))


@functools.lru_cache(maxsize=4)
def _load_knowledge(patterns_file: str | None, _stamps: tuple[int, ...]) -> Knowledge:
    raw = yaml.safe_load(Path(patterns_file).read_text() if patterns_file else _data("patterns.yaml").read_text())
    patterns = []
    for p in raw["patterns"]:
        pat = Pattern(id=p["id"], pos=p["pos"], event=p["event"], mode=p.get("mode"), cameo=str(p["cameo"]),
                      object=p.get("object"), object_optional=p.get("object_optional", False),
                      recipient=p.get("recipient", "object"), swap=p.get("swap", False), subject=p.get("subject"), subject_not=p.get("subject_not"),
                      joint=tuple(p["joint"].split()) if p.get("joint") else None,
                      requires_xcomp_object=p.get("requires_xcomp_object"),
                      requires_conditional_clause=p.get("requires_conditional_clause", False),
                      requires_recipient=p.get("requires_recipient", False),
                      excludes_prep=set(p.get("excludes_prep") or []), governed_by=p.get("governed_by"),
                      xcomp_negated=p.get("xcomp_negated", False), requires_adverb=p.get("requires_adverb"),
                      requires_condition=p.get("requires_condition", False),
                      speaker_actor=p.get("speaker_actor", False),
                      announced_only=p.get("announced_only", False), object_act=p.get("object_act"),
                      confidence=float(p.get("confidence", 0.5)), requires_prep=p.get("requires_prep") or {},
                      requires_modifier=p.get("requires_modifier"),
                      requires_xcomp=set(p.get("requires_xcomp") or []),
                      excludes_pressing_on=p.get("excludes_pressing_on", False),
                      patient_subject=p.get("patient_subject", False),
                      excludes=set(p.get("excludes") or []), excludes_modifier=p.get("excludes_modifier"),
                      actor_from_place=p.get("actor_from_place", False), actor_host=p.get("actor_host", False),
                      actor_envoy=p.get("actor_envoy", False),
                      recipient_fallback=p.get("recipient_fallback"), domestic=p.get("domestic", False),
                      absorbs=p.get("absorbs", False), object_head_only=p.get("object_head_only", False),
                      requires_complement=p.get("requires_complement", False),
                      requires_modal_clause=set(p.get("requires_modal_clause") or []),
                      intransitive=p.get("intransitive", False), excludes_clause=p.get("excludes_clause", False), requires_clause=p.get("requires_clause", False))
        for lemma in p["lemmas"]:
            words = lemma.split()
            hi = _noun_head(words) if pat.pos == "NOUN" else 0
            head, rest = words[hi], words[:hi] + words[hi + 1:]
            if rest:
                pat.phrasal.setdefault(head, []).append(set(rest) - {"of"})
            else:
                pat.lemmas.add(head)
        patterns.append(pat)
    _check_words(raw, patterns_file or "patterns.yaml")
    classes = {k: set(v or []) for k, v in raw["classes"].items()}
    goldstein = {}
    with _data("cameo.csv").open() as f:
        for row in csv.DictReader(f):
            if row["goldstein"]:
                goldstein[row["cameo"]] = float(row["goldstein"])
    plover = {}
    with _data("plover.csv").open() as f:
        for row in csv.DictReader(f):
            plover[(row["event"], row["mode"])] = float(row["plover_score"])
    roles = {k: set(v or []) for k, v in (raw.get("roles") or {}).items()}
    return Knowledge(patterns, classes, raw["modality"], goldstein, plover, roles, raw.get("roles") or {})


def _check_words(raw: dict, source: str) -> None:
    """YAML reads unquoted on/off/yes/no as true/false and null/~ as nothing: a word list holding one is a
    silent bug (a null even fails every document coded with it)."""
    lists = [(f"pattern {p.get('id')}: {k}", v) for p in raw.get("patterns", []) for k, v in p.items()
             if isinstance(v, list)]
    lists += [(f"classes: {k}", v) for k, v in (raw.get("classes") or {}).items() if isinstance(v, list)]
    lists += [(f"modality: {k}", v) for k, v in (raw.get("modality") or {}).items() if isinstance(v, list)]
    for where, words in lists:
        if any(isinstance(w, bool) for w in words):
            raise ValueError(f"{source}: {where} holds true/false; quote words such as \"on\", \"off\", \"no\"")
        if any(w is None for w in words):
            raise ValueError(f"{source}: {where} holds an empty entry; quote words such as \"null\"")

