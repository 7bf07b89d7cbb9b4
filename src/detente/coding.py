"""Code events: find pattern triggers in parsed sentences and fill who did what to whom, and how many.

The patterns and word classes are data (`data/patterns.yaml`); this module only walks the
dependency parse. A dependency walk is hand-written because no maintained library codes PLOVER
events from spaCy parses (PETRARCH2 is Python 2 and reads constituency trees).
"""
from __future__ import annotations

import csv
import functools
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Iterable

import yaml
from spacy.tokens import Doc, Span, Token

from .actors import ActorDictionary, file_stamps
from .ingest import dateline_spans
from .model import ActorRef, Document, Mention, Quantity

SUBJ = {"nsubj", "nsubjpass", "csubj", "csubjpass"}
OBJ = {"dobj", "obj", "dative", "attr", "oprd"}
CONTAINERS = {"group", "number", "batch", "round", "dozen", "total", "handful", "wave", "set", "list", "several",
              "score", "scores", "hundreds", "thousands", "dozens"}
RELATIVE = {"who", "which", "that", "whom"}
# Nouns for people by their agent suffix (negotiator, activist, protester, chairman): the small model has
# no word classes to ask, and the pattern file's `person` and `doer` classes cannot list every one.
AGENT_NOUN = re.compile(r"(?:[a-z]{3}(?:er|or|ist|ian)|man|woman|men|women)s?$")
# How much less an event is trusted when its doer is a phrase the actor dictionary does not know.
UNRESOLVED_PENALTY = 0.25
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12,
}
# Classes of things: a word inside an actor's name is never one of them ("the White House").
THING_CLASSES = {"property", "road", "media", "aid", "information", "asylum", "restrictions", "concession",
                 "agreement", "bannable", "weapons", "curfew", "signatures", "warrant", "sanctions", "meeting",
                 "blockade", "demand", "strike_action", "norms"}
# Role nouns that, after "the", name someone already mentioned ("the envoy said ...").
SHORT_REFERENCES = {"envoy", "minister", "president", "leader", "diplomat", "ambassador", "premier", "chancellor",
                    "spokesman", "spokeswoman", "spokesperson", "official", "emissary", "negotiator", "secretary"}
# Of the blocking words, those whose reported clause did not happen ("denied that it attacked");
# after other speech verbs ("reported that Iran threatened") the clause is told as fact.
CCOMP_BLOCKERS = {"deny", "fear", "doubt", "reject", "dismiss", "rumour", "rumor"}
SPEECH_VERBS = {"say", "announce", "warn", "tell", "declare", "state", "confirm", "insist", "vow", "add", "report"}
# Noun triggers whose nationality modifier is the doer ("Israeli shelling", "U.S. sanctions", "Russian aid").
NOUN_MODIFIER_ACTOR = {"ASSAULT", "SANCTION", "COERCE", "MOBILIZE", "THREATEN", "AID", "PROTEST"}
JOINT_NOTE = "a joint act of several sides: one acts (in code order, so that every telling agrees), the others receive"
PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
STATE_PRONOUNS = {"it", "its"}
PLURAL_PRONOUNS = {"they", "them", "their"}


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
    patient_subject: bool = False
    excludes: set[str] = field(default_factory=set)  # particles/prepositions that change the meaning
    excludes_modifier: str | None = None  # a modifier class that makes the noun something else
    actor_from_place: bool = False  # with no named actor, the country where it happened
    recipient_fallback: str | None = None  # "place" / "own" (in order): the country where it happened / the actor's
    domestic: bool = False  # the recipient may be the actor's own country
    absorbs: bool = False  # only frames the event it governs ("agreed to reopen")
    object_head_only: bool = False  # the object's head noun itself must be of the class
    requires_complement: bool = False  # needs an object, a clause or a prepositional object
    intransitive: bool = False  # must have no direct object
    excludes_clause: bool = False  # not when it governs a clause or a predicate ("what he called a gesture")
    requires_clause: bool = False  # must govern a clause or an on/to phrase
    requires_modal_clause: set[str] = field(default_factory=set)  # "said that Libya must hand over"
    subject: str | None = None  # the doer must be of this class ("demonstrators protesting the results")
    joint: tuple[str, str] | None = None  # (event, cameo) when two or more sides do it together
    requires_xcomp_object: str | None = None  # the governed verb's object must be of this class
    requires_conditional_clause: bool = False  # the modal clause must carry an if/unless condition
    requires_recipient: bool = False  # the sentence itself must name the recipient
    excludes_prep: set[str] = field(default_factory=set)  # prepositions that make it another verb ("ram through")


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
                      recipient=p.get("recipient", "object"), swap=p.get("swap", False), subject=p.get("subject"),
                      joint=tuple(p["joint"].split()) if p.get("joint") else None,
                      requires_xcomp_object=p.get("requires_xcomp_object"),
                      requires_conditional_clause=p.get("requires_conditional_clause", False),
                      requires_recipient=p.get("requires_recipient", False),
                      excludes_prep=set(p.get("excludes_prep") or []),
                      confidence=float(p.get("confidence", 0.5)), requires_prep=p.get("requires_prep") or {},
                      requires_modifier=p.get("requires_modifier"),
                      requires_xcomp=set(p.get("requires_xcomp") or []),
                      patient_subject=p.get("patient_subject", False),
                      excludes=set(p.get("excludes") or []), excludes_modifier=p.get("excludes_modifier"),
                      actor_from_place=p.get("actor_from_place", False),
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
    return Knowledge(patterns, classes, raw["modality"], goldstein, plover, roles)


def _check_words(raw: dict, source: str) -> None:
    """YAML reads unquoted on/off/yes/no as true/false: a word list holding one is a silent bug."""
    lists = [(f"pattern {p.get('id')}: {k}", v) for p in raw.get("patterns", []) for k, v in p.items()
             if isinstance(v, list)]
    lists += [(f"classes: {k}", v) for k, v in (raw.get("classes") or {}).items() if isinstance(v, list)]
    lists += [(f"modality: {k}", v) for k, v in (raw.get("modality") or {}).items() if isinstance(v, list)]
    for where, words in lists:
        if any(isinstance(w, bool) for w in words):
            raise ValueError(f"{source}: {where} holds true/false; quote words such as \"on\", \"off\", \"no\"")


def to_number(tok: Token) -> float | None:
    text = tok.text.lower().replace(",", "")
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    try:
        return float(text)
    except ValueError:
        return None


class DocContext:
    """Per-document state: actor mentions in order (for pronouns) and the document's focus countries."""

    def __init__(self, doc: Document, sdoc: Doc, actors: ActorDictionary, on, roles: dict | None = None):
        self.doc, self.sdoc, self.actors, self.on = doc, sdoc, actors, on
        roles = roles or {}  # word lists of `roles:` in patterns.yaml
        self.member_nouns = roles.get("member_nouns", set())  # "its soldiers": a pronoun owner's country
        self.pair_nouns = roles.get("pair_nouns", set())  # "the two governments": the article's two countries
        self.role_modifiers = roles.get("role_modifiers", set())  # "the prime minister": still a short reference
        self.ent_at: dict[int, Span] = {}
        self.guessed: dict[str, ActorRef | None] = {}
        self._resolved: dict[str, ActorRef | None] = {}
        self.history: list[tuple] = []  # (token index, ref, kind, is_subject, sentence start)
        self.datelines = dateline_spans(doc.text)
        counts: dict[str, int] = {}
        for ent in sdoc.ents:
            for t in ent:
                self.ent_at[t.i] = ent
            ref = self.resolve_entity(ent)
            if ref is not None:
                kind = "person" if (ent.ent_id_ or "").startswith("person:") or ent.label_ == "PERSON" else "state"
                subject = (ent.root.dep_ in ("nsubj", "nsubjpass") or (
                    ent.root.dep_ == "compound" and ent.root.head.dep_ in ("nsubj", "nsubjpass"))) and not any(
                    a <= ent.start_char < b for a, b in self.datelines)
                role = ent.root.head
                if ent.label_ in ("NORP", "GPE") and ent.root.dep_ in ("amod", "compound") and \
                        role.lemma_.lower() in SHORT_REFERENCES:
                    # "the Chilean president said he ...": a person named by a role, for "he"
                    kind, subject = "person", role.dep_ in ("nsubj", "nsubjpass")
                    ref = self._resolve_text(" ".join(t.text for t in role.subtree if t.i <= role.i)) or ref
                self.history.append((ent.start, ref, kind, subject, ent.sent.start))
                if ent.label_ != "NORP":
                    counts[ref.code] = counts.get(ref.code, 0) + 1
        self.focus = sorted(counts, key=lambda c: -counts[c])[:2]

    def past_dateline(self, tok: Token | None) -> Token | None:
        """ "VILNIUS, June 22, 2025 - U.S. Special Envoy John Coal visited Minsk": the small model makes the
        dateline's city the subject and the envoy its apposition; the doer is the apposition."""
        if tok is None or not self.in_dateline(tok):
            return tok
        return next((c for c in [*tok.children, *tok.head.children] if c.i != tok.i and not self.in_dateline(c) and (
            c.dep_ in ("appos", "conj") and c.head.i == tok.i or c.dep_ in ("nsubj", "nsubjpass"))), None)

    def home(self) -> list[ActorRef]:
        """The country of the wire dateline ("MANILA, Dec 10, 2023 -"), if the article has one."""
        if not self.datelines:
            return []
        a, b = self.datelines[0]
        city = self.doc.text[a:b].split(",")[0].strip()
        ref = self._resolve_text(city.title()) or self._resolve_text(city)
        return [ActorRef(ref.code, None, "", None, "dateline")] if ref is not None and ref.code else []

    def in_dateline(self, tok: Token) -> bool:
        return any(a <= tok.idx < b for a, b in self.datelines)

    def _resolve_text(self, text: str) -> ActorRef | None:
        # cached per document (a cache on the method would keep every document's context alive)
        if text not in self._resolved:
            self._resolved[text] = self.actors.resolve(text, on=self.on)
        return self._resolved[text]

    def resolve_entity(self, ent: Span) -> ActorRef | None:
        if ent.label_ not in ("ACTOR", "NORP", "GPE", "PERSON", "ORG", "LOC", "FAC"):
            return None
        ref = self._resolve_text(ent.text)
        if ref is None and ent.label_ in ("PERSON", "ORG", "NORP"):
            ref = self.guess(ent)
        return ref

    def guess(self, ent: Span) -> ActorRef | None:
        """A name the dictionary lacks, guessed by the actor stage from its title, apposition or
        nationality word; later mentions of the same name ("Kofi Annan" ... "Annan") reuse the guess."""
        key = ent.text.lower()
        last = ent[-1].lower_ if ent.label_ == "PERSON" else None
        if key in self.guessed:
            return self.guessed[key]
        if last and last in self.guessed:
            return self.guessed[last]
        fn = getattr(self.actors, "guess", None)
        ref = None
        if fn is not None:
            try:
                ref = fn(ent.text, ent.sent.text, self.on)
                if ent.label_ in ("PERSON", "ORG"):  # "John Cole, a U.S. envoy": a slip of a listed name
                    ref = self.actors.variant_of(ent.text, ref, self.on) or ref
            except Exception as exc:  # a guesser bug must not lose the document; explain shows the note
                ref, self.guess_errors = None, [*getattr(self, "guess_errors", []), f"{ent.text}: {exc}"]
        self.guessed[key] = ref
        if last and ref is not None:
            self.guessed[last] = ref
        return ref

    def clause_subject(self, tok: Token) -> ActorRef | None:
        """For a possessive pronoun, the subject of its own clause when that subject comes first and is
        named: "Russian forces used the territory for their invasion" -> the forces."""
        node, steps = tok.head, 0
        while steps < 6:
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i
                         and tok.i not in {t.i for t in c.subtree}), None)  # not "four of its soldiers" for "its"
            if subj is not None:
                if subj.pos_ == "PRON" or (tok.lower_ == "its" and subj.tag_ in ("NNS", "NNPS")):
                    return None  # "Armenian troops wounded one of its soldiers": "its" is no plural's
                return self.np_actor(subj)
            if node.head.i == node.i or node.pos_ in ("VERB", "AUX") and node.dep_ in ("ROOT", "ccomp", "advcl"):
                return None
            node, steps = node.head, steps + 1
        return None

    def antecedent(self, tok: Token, want: str | None = None, role: str | None = None) -> ActorRef | None:
        """Who a pronoun or a short reference ("he", "the envoy") stands for: a person or state named
        before it. With `role` ("prime minister"), someone whose listed title has that role comes first."""
        low = tok.lower_
        if tok.dep_ == "poss":
            ref = self.clause_subject(tok)
            if ref is not None:
                return ActorRef(ref.code, ref.sector, tok.text, ref.actor_id, "coref:" + ref.entity_text)
        want = want or ("person" if low in PERSON_PRONOUNS else "state" if low in STATE_PRONOUNS else None)
        before = [h for h in self.history if h[0] < tok.i and (want is None or h[2] == want)]
        if low in STATE_PRONOUNS:  # "Armenian troops wounded one of its soldiers": "its" is no plural's
            before = [h for h in before if not (self.sdoc[h[0]].dep_ in ("amod", "compound")
                                                and self.sdoc[h[0]].head.tag_ in ("NNS", "NNPS"))]
        if role:
            titled = [h for h in before if role in self.title_of(h[1])]
            if titled:
                ref = titled[-1][1]
                return ActorRef(ref.code, ref.sector, tok.text, ref.actor_id, "coref:" + ref.entity_text)
        if tok.dep_ in ("dobj", "obj", "dative", "iobj", "pobj"):
            # "Trump thanked him": an object pronoun is never the subject of its own sentence
            before = [h for h in before if not (h[3] and h[4] == tok.sent.start)]
            same = []
        else:
            same = [h for h in before if h[3] and h[4] == tok.sent.start]
        if same:  # "Trump spoke to X hours before he flew to Alaska for his summit": the subject
            before = same[-1:]
        # A subject pronoun opening a sentence usually continues the previous sentence's subject.
        elif tok.dep_ in ("nsubj", "nsubjpass"):
            earlier = [h for h in before if h[3] and h[4] < tok.sent.start]
            if earlier:
                before = earlier[-1:]
        if before:
            ref = before[-1][1]
            return ActorRef(ref.code, ref.sector, tok.text, ref.actor_id, "coref:" + ref.entity_text)
        return None

    def title_of(self, ref: ActorRef) -> str:
        """The listed title of a named actor on the document's date, lower case ("" when unlisted)."""
        if not ref.actor_id:
            return ""
        return str((self.actors.role_on(ref.actor_id, self.on) or {}).get("title") or "").lower()

    def np_actor(self, head: Token, direct: bool = False) -> ActorRef | None:
        """The actor a noun phrase headed by `head` denotes, or None.

        `direct` leaves out "the president of Belarus"-style prepositional phrases: "the release of
        Bialiatski" is not Bialiatski."""
        if head.pos_ == "PRON" or head.lower_ in RELATIVE:
            if head.lower_ in RELATIVE and head.head.dep_ == "relcl":
                ante = head.head.head
                # "Lukashenko, a close ally of Putin, who agreed ...": the relative clause is about Lukashenko
                while ante.dep_ == "pobj" and ante.head.dep_ == "prep" and ante.head.head.dep_ == "appos":
                    ante = ante.head.head.head
                return self.np_actor(ante)
            return self.antecedent(head) if head.lower_ in PERSON_PRONOUNS | STATE_PRONOUNS | PLURAL_PRONOUNS else None
        ent = self.ent_at.get(head.i)
        if ent is not None:
            ref = self.resolve_entity(ent)
            if ref is not None:
                # A title before the name may be more specific ("Belarusian President X").
                return ref
        left = [t for t in head.lefts if t.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "case")]
        start = min([t.left_edge.i for t in left] + [head.i])
        phrase = self.sdoc[start:head.i + 1].text
        ref = self._resolve_text(phrase)
        if ref is not None:
            return ActorRef(ref.code, ref.sector, phrase, ref.actor_id, ref.how or "role")
        low = [t.lower_ for t in left]
        if head.lemma_.lower() in SHORT_REFERENCES and low and low[0] == "the" and (
                len(low) == 1 or all(w in self.role_modifiers for w in low[1:])):
            # "the envoy", "the minister": the person named before it in the article, unless the phrase
            # names the country itself ("the president of France")
            if direct or not any(self.np_actor(p) for p in prep_objects(head, "of", "from")):
                role = " ".join(w for w in low[1:] + [head.lower_])  # "prime minister"
                return self.antecedent(head, want="person", role=role)
        # "Israeli tank shelling": the nationality word may modify the compound before the head
        left += [g for t in left if t.dep_ == "compound" for g in t.lefts if g.dep_ in ("amod", "compound")]
        for mod in left:
            # "Israeli helicopters", "Hezbollah guerrillas": the nationality or group word decides
            if mod.dep_ in ("amod", "compound", "nmod") and mod.i < head.i:
                ent = self.ent_at.get(mod.i)
                ref = self.resolve_entity(ent) if ent is not None else self._resolve_text(mod.text)
                if ref is not None and ref.code and ref.basis in ("demonym", "country", "dictionary", "metonym", "role", ""):
                    sector = ref.sector if ref.basis not in ("country", "metonym") else None
                    return ActorRef(ref.code, sector, phrase, ref.actor_id, "modifier")
        for mod in left:  # "its soldiers", "their embassy": whose they are
            if mod.dep_ == "poss" and mod.pos_ == "PRON" and head.lemma_.lower() in self.member_nouns:
                ref = self.antecedent(mod)
                if ref is not None and ref.code:
                    return ActorRef(ref.code, None, phrase, None, ref.how)
        for child in head.children:
            if child.dep_ == "appos":
                ref = self.np_actor(child, direct)
                if ref is not None:
                    return ref
            if direct:
                continue
            if child.dep_ == "prep" and child.lower_ in ("of", "in", "from"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        inner = self.np_actor(pobj)
                        if inner is not None:
                            sector = self._resolve_text(f"{self.actors.country_adjective(inner.code)} {head.text}") \
                                if hasattr(self.actors, "country_adjective") else None
                            return ActorRef(inner.code, sector.sector if sector else inner.sector,
                                            self.sdoc[start:pobj.right_edge.i + 1].text, inner.actor_id, "role")
        return None

    def np_actors(self, head: Token) -> list[ActorRef]:
        """The actors of a noun phrase and its conjuncts ("Russia and Ukraine")."""
        out = []
        sides = [h for h in [head, *head.conjuncts] if not self.in_dateline(h)] or [head]
        respective = self.respective(sides) or self.both_sides(head)
        if respective:
            return respective
        for h in sides:
            refs = self.adjective_pair(h) or self.of_several(h) or [self.np_actor(h)]
            for ref in refs:
                if ref is not None and all(r.code != ref.code for r in out):
                    out.append(ref)
        return out

    def both_sides(self, head: Token) -> list[ActorRef]:
        """ "the two governments", "both sides", "the ministers": in an article about two countries, the two."""
        if head.tag_ not in ("NNS", "NNPS") or head.lemma_.lower() not in self.pair_nouns or len(self.focus) < 2 \
                or prep_objects(head, "of", "from", "in"):  # "the leaders of Chile, Peru and Bolivia" name them
            return []
        words = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod", "predet", "amod")}
        if not (words & {"two", "both"} or (words == {"the"} and head.lemma_.lower() in SHORT_REFERENCES | {"leader"})):
            return []
        sector = "GOV" if head.lemma_.lower() != "side" else None
        return [ActorRef(code, sector, head.text, None, "context: the two countries the article is about")
                for code in self.focus[:2]]

    def respective(self, sides: list[Token]) -> list[ActorRef]:
        """ "Ararat Mirzoyan and Jeyhun Bayramov, the foreign ministers of Armenia and Azerbaijan": names
        the dictionary lacks, given their countries respectively by a plural apposition."""
        if len(sides) < 2:
            return []
        for side in sides:
            for ap in children(side, "appos"):
                refs = self.of_several(ap)
                if len(refs) == len(sides):
                    return [ActorRef(r.code, r.sector, s.text, None, f"role: {ap.text} (respectively)")
                            for s, r in zip(sides, refs)]
        return []

    def of_several(self, head: Token) -> list[ActorRef]:
        """ "the leaders of Chile, Peru and Bolivia": one side per country named after the role."""
        if head.lemma_.lower() not in SHORT_REFERENCES | {"leader", "head", "representative", "delegation",
                                                          "delegate", "government", "official"}:
            return []
        ofs = prep_objects(head, "of")
        if not ofs or not ofs[0].conjuncts:
            return []
        refs = [self._resolve_text(f"{x.text} {head.lemma_.lower()}") or self.np_actor(x, direct=True)
                for x in [ofs[0], *ofs[0].conjuncts]]
        refs = [ActorRef(r.code, r.sector, r.entity_text, r.actor_id, "role") for r in refs if r is not None]
        return refs if len(refs) >= 2 else []

    def adjective_pair(self, head: Token) -> list[ActorRef]:
        """ "American and Belarusian officials": one group of each nationality."""
        adjs = [c for c in head.children if c.dep_ == "amod" and self.ent_at.get(c.i) is not None]
        adjs += [x for a in adjs for x in a.conjuncts if self.ent_at.get(x.i) is not None]
        if len(adjs) < 2:
            return []
        refs = [self._resolve_text(f"{a.text} {head.text}") for a in adjs]
        return [ActorRef(r.code, r.sector, f"{a.text} {head.text}", r.actor_id, "role")
                for a, r in zip(adjs, refs) if r is not None]


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token, *preps: str) -> list[Token]:
    out = []
    for p in tok.children:
        if p.dep_ in ("prep", "agent", "dative") and p.lower_ in preps:
            out.extend(c for c in p.children if c.dep_ in ("pobj", "pcomp"))
    return out


def subject_of(v: Token, depth: int = 0, roles: dict | None = None) -> tuple[Token | None, bool]:
    """The grammatical subject of a verb (climbing coordination and control), and whether it is passive.
    `roles` holds the word lists of `roles:` in patterns.yaml (instrument verbs, text nouns, author verbs)."""
    roles = roles or {}
    for c in v.children:
        if c.dep_ in SUBJ:
            return c, c.dep_.endswith("pass")
    if depth < 4 and v.dep_ in ("xcomp", "conj", "advcl", "pcomp", "ccomp", "acomp") and v.head.i != v.i:
        if v.dep_ == "pcomp":  # "marked the visit by releasing ...", "thanked X for releasing ..."
            gov = v.head.head
            if v.head.lower_ == "for":
                objs = [c for c in gov.children if c.dep_ in ("dobj", "obj")]
                if objs:
                    return objs[0], False
            return subject_of(gov, depth + 1, roles)
        if v.dep_ == "xcomp" and v.head.lemma_.lower() not in roles.get("instrument_verbs", ()):
            objs = [c for c in v.head.children if c.dep_ in ("dobj", "obj")]
            if objs:
                return objs[0], False
        return subject_of(v.head, depth + 1, roles)
    if depth < 4 and v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN"):
        # "a declaration demanding that ...": the text's author; "rebels demanding ...": the rebels
        if v.head.lemma_.lower() in roles.get("text_nouns", ()):
            gov = v.head.head
            if gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in roles.get("author_verbs", ()):
                return subject_of(gov, depth + 1, roles)  # "issued a declaration demanding ..."
            return None, False  # "received a letter demanding ...": not the receiver's demand
        return v.head, False
    return None, False


def object_of(v: Token, passive: bool, subj: Token | None) -> Token | None:
    if passive and subj is not None:
        return subj
    for c in v.children:
        if c.dep_ in OBJ:
            return c
    for c in v.children:  # "came to Minsk", "met with X": the first prepositional object
        if c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


class Coder:
    """Turns one parsed document into event mentions (undated: the temporal stage dates them)."""

    def __init__(self, actors: ActorDictionary, knowledge: Knowledge | None = None):
        self.actors = actors
        self.k = knowledge or load_knowledge()
        self.by_lemma: dict[tuple[str, str], list[Pattern]] = {}
        for p in self.k.patterns:
            for lemma in p.lemmas | set(p.phrasal):
                self.by_lemma.setdefault((lemma, p.pos), []).append(p)
        mod = self.k.modality
        self.intent_verbs = set(mod["intent_verbs"])
        self.intent_nouns = set(mod["intent_nouns"])
        self.intent_adjs = set(mod["intent_adjectives"])
        self.modals = set(mod["hypothetical_modals"])
        self.topic_verbs = set(mod["topic_verbs"])
        self.generic = set(mod["generic_adverbs"])
        self.neg_subjects = {s.lower() for s in mod["negative_subjects"]}
        self.anaphoric = set(mod["anaphoric_preps"])
        self.request_verbs = set(mod["request_verbs"])
        self.hedges = set(mod["hedge_adverbs"])
        self.light_verbs = set(mod["light_verbs"])
        self.blocking = set(mod.get("blocking_words") or [])
        self.refusals = set(mod.get("negated_rejections") or [])
        self.future_refusals = set(mod.get("negated_future_rejections") or [])
        self.attempt_verbs = set(mod.get("attempt_verbs") or [])
        self.attempted_events = set(mod.get("attempted_events") or [])
        self.purpose_events = set(mod.get("purpose_events") or [])
        self.purpose_lemmas = set(mod.get("purpose_lemmas") or [])
        self.purpose_excluded = set(mod.get("purpose_excluded_heads") or [])
        self.stative_passives = set(mod.get("stative_passives") or [])
        self.decision_verbs = set(mod.get("decision_verbs") or [])
        self.threat_events = set(mod.get("threat_events") or [])
        self.threats = mod.get("conditional_threats") or {}
        self.condition_marks = set(self.threats.get("marks") or [])  # "if", "unless"

    # --- matching ----------------------------------------------------------------------------------
    def in_class(self, tok: Token | None, cls: str | None, ctx: DocContext, head_only: bool = False) -> bool:
        if cls is None:
            return True
        if tok is None:
            return False
        words = self.k.classes.get(cls, set())
        lemma = tok.lemma_.lower()
        ent = ctx.ent_at.get(tok.i)
        if cls in THING_CLASSES and ent is not None and \
                ent.label_ in ("ACTOR", "GPE", "ORG", "PERSON") and ctx.resolve_entity(ent) is not None:
            return False  # "returned to the White House": a name, not a building
        if lemma in words or tok.lower_ in words:
            return True
        if head_only:
            return False
        if cls == "person":
            if tok.ent_type_ == "PERSON" or (ctx.ent_at.get(tok.i) is not None
                                              and (ctx.ent_at[tok.i].ent_id_ or "").startswith("person:")):
                return True
            if tok.like_num and tok.dep_ in OBJ and not any(c.pos_ in ("NOUN", "PROPN") for c in tok.children):
                return True  # "killing one person and arresting 12": the number counts the people
            if lemma in CONTAINERS or tok.like_num:  # "a group of prisoners", "its largest group—52 people"
                return any(self.in_class(c, "person", ctx) for c in prep_objects(tok, "of")) or any(
                    t.i != tok.i and t.lemma_.lower() in words for t in tok.subtree)
            if tok.tag_ in ("NNS", "NNPS"):  # "arrested 100 Palestinians": a people's plural name
                ref = ctx.np_actor(tok, direct=True)
                if ref is not None and ref.basis in ("demonym", "role", "modifier"):
                    return True
            return any(c.dep_ == "appos" and self.in_class(c, "person", ctx) for c in tok.children)
        if cls == "authority":  # a state or its body, not its people: "warned Manila", not "warned Americans"
            ref = ctx.np_actor(tok, direct=True)
            return ref is not None and bool(ref.code) and ref.sector not in ("CVL", "BUS", "MED", "EDU", "REL")
        if cls in ("place", "actor", "visitor", "organisation"):
            ref = ctx.np_actor(tok, direct=True)
            if ref is not None and cls == "visitor":  # a person or a body of people travels; not "the deployment"
                return tok.ent_type_ in ("PERSON", "ORG") or (ref.actor_id or "").startswith("person:") or \
                    ref.basis in ("metonym", "capital", "country")
            if ref is not None:
                return cls != "organisation" or ref.sector in ("BUS", None) or lemma in words
        deps = ("compound", "amod", "acl") if cls == "protest" else ("compound", "amod")  # "students protesting"
        if any(c.lemma_.lower() in words for c in tok.children if c.dep_ in deps):
            return True
        phrase = " ".join(t.lower_ for t in tok.subtree)  # "the deputy chief of mission", a word of several words
        if any(" " in w and w in phrase for w in words):
            return True
        # "Zhou Zhiyong, the deputy chief of mission": the apposition says what the name is
        return tok.ent_type_ == "PERSON" and any(c.dep_ == "appos" and self.in_class(c, cls, ctx)
                                                for c in tok.children)

    def patterns_for(self, tok: Token) -> list[Pattern]:
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else None
        if pos is None:
            return []
        lemma = tok.lemma_.lower()
        found = list(self.by_lemma.get((lemma, pos), []))
        if pos == "NOUN" and tok.lower_ != lemma:
            found += [p for p in self.by_lemma.get((tok.lower_, pos), []) if p not in found]
        return found

    # --- modality ----------------------------------------------------------------------------------
    def modal_verdict(self, tok: Token, notes: list[str], event: str | None = None) -> str | None:
        """The modality verdict of a trigger, noted for explain; None when it is no event at all."""
        verdict, why = self.conditional_threat(tok, event)
        if verdict is None:
            verdict, why = self.modality(tok, event)
        if verdict == "drop":
            return None
        if why:
            notes.append(f"modality: {verdict} ({why})")
        return verdict

    def conditional_threat(self, tok: Token, event: str | None) -> tuple[str | None, str]:
        """ "will withdraw its force unless ...", "may halt mediation if ...": a hostile act announced
        on a condition is an ultimatum, a threat (None when the trigger is not so told)."""
        cond = self.threats
        if event not in cond.get("events", []) or tok.sent.text.rstrip().endswith("?"):
            return None, ""
        mark = next((m for c in tok.children if c.dep_ == "advcl" for m in c.children
                     if m.dep_ == "mark" and m.lower_ in cond.get("marks", [])), None)
        modal = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ in cond.get("modals", [])), None)
        if mark is None or modal is None or any(c.dep_ == "neg" for c in tok.children):
            return None, ""
        return "threat", f"'{modal.text} ... {mark.text}': a hostile act announced on a condition"

    def own_word(self, tok: Token) -> bool:
        """Whether "will not / would not X" is the doer's own word: no condition on it, and when reported,
        reported by the doer ("Obama said he would not ...", not "Analysts said China would not ...")."""
        marks = [m for c in [tok, *children(tok, "advcl")] for m in children(c, "mark")]
        if any(m.lower_ in self.condition_marks for m in marks):
            return False
        if tok.dep_ != "ccomp":
            return True
        inner = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        outer = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return inner is not None and (inner.pos_ == "PRON" or outer is None or inner.lemma_ == outer.lemma_)

    def to_complement(self, tok: Token) -> bool:
        """ "have sworn to fight": the small model often reads an intent verb's infinitive as a purpose
        clause (advcl); it is the verb's complement."""
        return tok.dep_ == "advcl" and tok.head.lemma_.lower() in self.intent_verbs and any(
            c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)

    def modality(self, tok: Token, event: str | None = None) -> tuple[str, str]:
        """'fact', 'intent', 'promise' or 'drop', with the reason (shown by explain)."""
        sent = tok.sent
        if sent.text.rstrip().endswith("?"):
            return "drop", "question"
        node, steps = tok, 0
        while True:
            # a negation outranks any modal beside it: "will not accept" is no promise
            for c in sorted(node.children, key=lambda c: c.dep_ != "neg"):
                if c.dep_ == "neg" and node.i == tok.i and tok.pos_ == "VERB" and event != "CONSULT" and \
                        tok.lemma_.lower() in self.future_refusals and any(
                            a.dep_ == "aux" and a.lower_ in ("will", "would", "shall", "'ll", "wo") for a in tok.children) \
                        and self.own_word(tok):
                    return "refuse", f"'{c.text} {tok.text}' of what is asked: a refusal"
                if c.dep_ == "neg" and node.i == tok.i and tok.pos_ == "VERB" and event != "CONSULT" and \
                        tok.lemma_.lower() in self.refusals and \
                        not any(a.dep_ == "aux" and a.lower_ in self.modals - {"would"} for a in tok.children):
                    return "refuse", f"'{c.text} {tok.text}': a refusal"
                if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "never")):
                    return "drop", f"negated by '{c.text}'"
                if c.dep_ in SUBJ and c.text.lower() in self.neg_subjects | {"one"} and any(
                        d.lower_ in ("no", "nobody") for d in c.subtree):
                    return "drop", f"negative subject '{c.text}'"
                if c.dep_ == "aux" and c.tag_ == "MD":
                    if c.lower_ in ("would", "will", "shall") and node.dep_ == "ccomp" and event in self.threat_events \
                            and node.head.lemma_.lower() in self.decision_verbs:
                        # "announced it would prohibit all aid": a measure decided, not a threat
                        return "fact", f"'{node.head.text} ... {c.text}': a measure decided and announced"
                    if c.lower_ == "would" and node.dep_ == "ccomp" and node.head.lemma_.lower() in SPEECH_VERBS:
                        return "promise", f"'{node.head.text} ... would': a stated intention"
                    if c.lower_ in self.modals:
                        return "drop", f"hypothetical modal '{c.text}'"
                    if c.lower_ in ("will", "shall", "'ll"):
                        return "promise", f"future '{c.text}'"
                if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                    return "drop", f"conditional '{c.text}'"
                if c.dep_ == "mark" and c.lower_ in ("until", "till") and any(
                        t.tag_ in ("VBP", "VBZ") for t in [node, *node.children] if t.dep_ in ("aux", "auxpass") or t is node):
                    return "drop", f"a condition still open ('{c.text}' with the present tense)"
                if c.dep_ == "advmod" and c.lower_ in self.generic:
                    return "drop", f"habitual '{c.text}'"
                if c.dep_ == "advmod" and c.lower_ in self.hedges:
                    return "drop", f"hedged by '{c.text}'"
                if node.i == tok.i and c.dep_ == "det" and c.lower_ in ("any", "every"):
                    return "drop", f"'{c.text} {tok.text}': no particular happening"
                if node.i == tok.i and c.dep_ == "amod" and c.lower_ in self.intent_adjs:
                    return "intent", f"'{c.text} {tok.text}'"
            if node.dep_ in ("csubj", "csubjpass") or (node.i == tok.i and node.dep_ in ("nsubj", "nsubjpass")
                                                       and node.head.lemma_ == "be"):
                return "drop", "subject of a statement about it"
            if node.i == tok.i and tok.dep_ == "acl" and tok.head.dep_ == "attr" and tok.head.head.lemma_ == "be":
                return "drop", "describes something already told ('it was the first deal reached ...')"
            if node.i == tok.i and tok.dep_ in ("advcl", "acl", "relcl") and any(
                    c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children) and not self.to_complement(tok):
                if (event in self.purpose_events or tok.lemma_.lower() in self.purpose_lemmas) and \
                        tok.head.pos_ in ("VERB", "AUX") and tok.head.lemma_.lower() not in self.purpose_excluded:
                    # "shunned work to protest ...": acting in order to protest is protesting;
                    # "opened fire to disperse the crowd": the firing was the dispersal
                    return "fact", f"'{tok.head.text} ... to {tok.text}': the act itself"
                if tok.head.lemma_.lower() in self.attempt_verbs and event in self.attempted_events:
                    return "fact", f"'{tok.head.text} to {tok.text}': an attempted attack is an attack"
                return "drop", "a purpose ('to ...'), not a happening"
            if node.i == tok.i and tok.tag_ in ("VBZ", "VBP") and tok.dep_ == "relcl":
                return "drop", "present tense in a relative clause: a role or habit"
            head = node.head
            if head.i == node.i and tok.pos_ in ("NOUN", "PROPN") and node.pos_ not in ("VERB", "AUX"):
                return "drop", "no predicate: a list or a heading, not a statement that it happened"
            if head.i == node.i or steps > 8:
                return "fact", ""
            hl = head.lemma_.lower()
            if node.dep_ == "prep" and head.pos_ in ("NOUN", "PROPN") and hl in self.intent_nouns and \
                    node.lower_ in ("in", "at", "during", "after", "before", "since", "despite"):
                node, steps = head, steps + 1  # "an agreement in talks": where it was sought, not what was meant
                continue
            if node.dep_ in ("xcomp", "ccomp", "acl", "pcomp", "dobj", "pobj", "prep", "amod", "acomp", "conj") \
                    or self.to_complement(node):
                if node.dep_ == "conj":
                    node, steps = head, steps + 1
                    continue
                if hl in self.attempt_verbs and event in self.attempted_events:
                    return "fact", f"'{head.text} to {node.text}': an attempted attack is an attack"
                if hl in self.intent_verbs or hl in self.intent_nouns:
                    cond = next((c for c in head.children if c.dep_ == "neg" or (
                        c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"))), None)
                    if cond is not None:  # "will boycott unless the president agrees to step down"
                        return "drop", f"'{cond.text} ... {head.text}': not stated as meant"
                    gov = head.head.head if head.dep_ == "pobj" else head.head
                    if head.dep_ in ("dobj", "pobj", "nsubjpass") and gov.lemma_.lower() in self.blocking:
                        return "drop", f"'{gov.text} ... {head.text}': what was {gov.text}"  # "rejected an offer of talks"
                    return "intent", f"governed by '{head.text}'"
                if hl in ("promise", "pledge", "vow"):
                    return "promise", f"governed by '{head.text}'"
                if hl in self.request_verbs and node.dep_ in ("xcomp", "ccomp"):
                    return "drop", f"what '{head.text}' asks for, not a happening"
                if hl in self.blocking and node.dep_ != "amod" and (node.dep_ != "ccomp" or hl in CCOMP_BLOCKERS):
                    return "drop", f"what '{head.text}' is about, not a happening"
                if node.dep_ == "pcomp" and head.lower_ in ("about", "on", "over"):
                    return "drop", f"topic ('{head.text} {node.text}')"
                if hl in self.topic_verbs and tok.pos_ in ("NOUN", "PROPN"):
                    return "drop", f"topic of '{head.text}'"
                if node.dep_ == "pobj" and head.lower_ in ("of", "about", "on") and head.head.lemma_.lower() in (
                        self.topic_verbs | self.intent_nouns | {"issue", "question", "topic", "agenda", "prospect"}):
                    if head.head.lemma_.lower() in self.intent_nouns:
                        return "intent", f"'{head.head.text} {head.text}'"
                    return "drop", f"topic of '{head.head.text}'"
            if node.dep_ in ("advcl", "relcl", "ccomp", "parataxis"):
                return "fact", ""  # the clause's own modality decides; the main clause's does not carry over
            node, steps = head, steps + 1

    # --- the coder ---------------------------------------------------------------------------------
    def code(self, doc: Document, sdoc: Doc) -> list[Mention]:
        ctx = DocContext(doc, sdoc, self.actors, doc.published, self.k.roles)
        mentions: list[Mention] = []
        consumed: set[int] = set()  # objects of phrasal triggers ("held talks"): not events of their own
        for si, sent in enumerate(sdoc.sents):
            found: list[tuple[Token, Pattern, Mention]] = []
            for tok in sent:
                if tok.i in consumed:
                    continue
                for pat in self.patterns_for(tok):
                    m = self.try_pattern(pat, tok, si, sent, ctx)
                    if m is not None:
                        found.append((tok, pat, m))
                        consumed.update(self.phrasal_match(pat, tok) or ())
                        break
            mentions.extend(self.prune(found))
        self.fill_releasers(mentions)
        return [x for m in mentions for x in self.each_side(m)]

    def each_side(self, m: Mention) -> list[Mention]:
        """A meeting or call of several sides told once ("the US, Russia and Switzerland met") is one
        mention per side as actor, as dyadic event data expects; merging joins them again, because
        these families compare parties without direction."""
        if JOINT_NOTE not in m.notes or m.event != "CONSULT" or m.mode not in ("meet", "phone", None):
            return [m]
        sides = m.actor + m.recipient
        out = [m]
        for side in sides[1:]:
            out.append(replace(m, actor=[side], recipient=[s for s in sides if s is not side],
                               id=hashlib.sha1(f"{m.id}:{side.code}".encode()).hexdigest()[:16],
                               notes=[*m.notes, f"the same joint act with {side.code} as the actor"]))
        return out

    @staticmethod
    def prune(found: list[tuple[Token, "Pattern", Mention]]) -> list[Mention]:
        """One sentence's mentions without the redundant ones: a framing verb ("agreed to reopen",
        "pledged to free") whose governed event was coded, and repeats of one event by several words."""
        coded = {tok.i for tok, _, _ in found}
        verbs = {tok.i for tok, pat, _ in found if pat.pos == "VERB" and not pat.absorbs}
        out, seen = [], {}
        for tok, pat, m in found:
            gov = tok.head.head if tok.dep_ == "pobj" else tok.head
            if pat.pos == "NOUN" and tok.dep_ in ("dobj", "pobj", "nsubjpass") and gov.i in verbs and gov.i != tok.i:
                continue  # "lifted its sanctions": the noun is what the coded verb acted on
            if pat.absorbs and any(t.i in coded and t.i != tok.i for t in tok.subtree
                                   if t.dep_ in ("xcomp", "ccomp", "pobj", "dobj") and t.head.i in
                                   {tok.i} | {c.i for c in tok.children if c.dep_ == "prep"}):
                continue
            key = (m.event, m.mode, tuple(sorted(a.code for a in m.actor)), tuple(sorted(r.code for r in m.recipient)))
            if key in seen:
                if m.confidence > seen[key].confidence:
                    out[out.index(seen[key])] = m
                    seen[key] = m
                continue
            seen[key] = m
            out.append(m)
        return out

    @staticmethod
    def phrasal_match(pat: "Pattern", tok: Token) -> set[int] | None:
        """The tokens completing a multi-word trigger ("held talks", "put on alert", "air strike"),
        or None when the trigger word needs them and they are not there."""
        lemma = tok.lemma_.lower()
        alts = pat.phrasal.get(lemma) or pat.phrasal.get(tok.lower_)
        if not alts:
            return set()
        sent = tok.sent
        # a preposition heading a time ("... on Monday") completes no phrasal verb ("called on X")
        near = [c for c in tok.children if c.dep_ != "prep" or not any(
            g.ent_type_ in ("DATE", "TIME") for g in c.children if g.dep_ == "pobj")]
        near += [g for c in tok.children if c.dep_ in ("prep", "prt") for g in c.children]
        if tok.pos_ in ("NOUN", "PROPN"):
            near += list(tok.doc[max(sent.start, tok.i - 3):tok.i]) + list(tok.doc[tok.i + 1:min(tok.i + 4, sent.end)])
        else:
            near += list(tok.doc[tok.i + 1:min(tok.i + 4, sent.end)])
        for words in alts:
            hits = {}
            for w in words:
                t = next((c for c in near if c.lower_ == w or c.lemma_.lower() == w), None)
                if t is None:
                    break
                hits[w] = t.i
            else:
                return set(hits.values())
        return set() if lemma in pat.lemmas or tok.lower_ in pat.lemmas else None

    @staticmethod
    def fill_releasers(mentions: list[Mention]) -> None:
        """An agentless release ("three people were freed") was made by whoever the same article says
        releases people; only when it never says so, by the article's main country."""
        named = Counter(a.code for m in mentions if m.mode == "release" for a in m.actor
                        if a.code and not a.how.startswith("context"))
        if not named:
            return
        top = named.most_common(1)[0][0]
        for m in mentions:
            if m.mode == "release" and m.actor and all(a.how.startswith("context") for a in m.actor) \
                    and m.actor[0].code != top:
                m.actor = [ActorRef(top, "GOV", "", None, "context: the releaser the article names elsewhere")]
                m.recipient = [r for r in m.recipient if r.code != top]
                m.notes.append(f"actor from context ({top}, who releases people elsewhere in the article)")

    def try_pattern(self, pat: Pattern, tok: Token, si: int, sent: Span, ctx: DocContext) -> Mention | None:
        notes: list[str] = []
        lemma = tok.lemma_.lower()
        is_noun = pat.pos == "NOUN"
        if is_noun:
            return self.try_noun(pat, tok, si, sent, ctx)
        subj, passive = subject_of(tok, roles=self.k.roles)
        obj = object_of(tok, passive, subj)
        if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "the three people freed on Wednesday"
            subj, passive, obj = None, True, tok.head
        if pat.patient_subject:  # "an American walked free": the subject is who was freed
            subj, passive, obj = None, True, subj
        if obj is None:  # "let Zenkovich go": the object is the subject of the small clause
            for c in tok.children:
                if c.dep_ in ("ccomp", "xcomp"):
                    inner = [g for g in c.children if g.dep_ == "nsubj"]
                    if inner:
                        obj = inner[0]
                        break
        if obj is not None and obj.lemma_.lower() in CONTAINERS:  # "freed its largest group so far—52 people"
            restated = [c for c in tok.children if c.dep_ in ("npadvmod", "appos") and c.lemma_.lower() in
                        self.k.classes.get("person", set())]
            if restated:
                obj = restated[0]
        if pat.requires_modal_clause:
            # "Britain said that Libya must hand over the suspects": a demand on the clause's subject
            clause = next((c for c in tok.children if c.dep_ == "ccomp" and any(
                a.dep_ == "aux" and a.lower_ in pat.requires_modal_clause for a in c.children)), None)
            if clause is None:
                return None
            if pat.requires_conditional_clause and not any(  # "warned that relief would be reversed if ..."
                    m.dep_ == "mark" and m.lower_ in self.condition_marks for t in clause.subtree for m in t.children):
                return None
            inner = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            obj = inner[0] if inner else None
            if pat.requires_conditional_clause and not (
                    any(c.dep_ in ("dobj", "dative") for c in tok.children) or (obj is not None and ctx.np_actor(obj))
                    or self.patterns_for(clause)):
                return None  # "cautioned that the economy could shrink if ...": no one's act, no one warned
        # phrasal entries: "hold talks", "lock up", "call on", "set free", "let go", "speak by phone"
        phrase = self.phrasal_match(pat, tok)
        if phrase is None:
            return None
        if obj is not None and obj.i in phrase:  # "set fire to the offices", "turned water cannon on the boats"
            after = [p for p in prep_objects(obj, "to", "on", "at") + prep_objects(tok, "to", "on", "at")
                     if p.ent_type_ not in ("DATE", "TIME")]
            obj = after[0] if after else obj
        if pat.excludes and any(c.lower_ in pat.excludes or c.lemma_.lower() in pat.excludes
                                for c in tok.children if c.dep_ == "prt" or (
                                    c.dep_ in ("prep", "dobj", "advmod", "dative") and c.i == tok.i + 1)):
            return None  # "called for", "backed down": another verb (a particle, or a word right after it)
        if pat.excludes_prep and any(c.dep_ == "prep" and c.lower_ in pat.excludes_prep for c in tok.children):
            return None  # "rammed the budget through parliament"
        if pat.excludes_clause and any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in tok.children):
            return None
        if pat.intransitive and any(c.dep_ in ("dobj", "obj") and c.i not in phrase for c in tok.children):
            return None  # "demonstrate his effectiveness" is not a demonstration
        if pat.requires_clause and not any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in
                                                                             ("on", "to", "upon")) for c in tok.children):
            return None  # "promises a longer-term vision"
        if pat.requires_complement and obj is None and not any(
                c.dep_ in ("xcomp", "ccomp", "prep", "dobj") for c in tok.children):
            return None  # "prices declined": no one refused anything
        if pat.object and obj is not None and not self.in_class(obj, pat.object, ctx, pat.object_head_only):
            # "gave Chad two million euros of aid": the indirect object is not the thing given
            others = [c for c in tok.children if c.dep_ in OBJ and c.i != obj.i]
            others += [g for c in [obj, *others] for g in prep_objects(c, "of")]  # "20 tonnes of medicine"
            fit = [c for c in others if self.in_class(c, pat.object, ctx, pat.object_head_only)]
            if fit:
                obj = fit[0]
        governed = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and (
            c.lemma_.lower() in pat.requires_xcomp or "*" in pat.requires_xcomp)]
        if pat.requires_xcomp and not governed:
            return None
        if pat.requires_xcomp_object and not any(  # "failed to reach agreement", not "... to reach the town"
                self.in_class(o, pat.requires_xcomp_object, ctx) for c in governed for o in children(c, "dobj")):
            return None
        if pat.excludes_modifier and obj is not None and any(  # "suspended its air strikes" is no strike called off
                c.lemma_.lower() in self.k.classes.get(pat.excludes_modifier, ()) for c in obj.children
                if c.dep_ in ("compound", "amod", "nmod")):
            return None
        for prep, cls in pat.requires_prep.items():
            pobjs = prep_objects(tok, prep) + (prep_objects(obj, prep) if obj is not None else [])
            if not pobjs or not any(self.in_class(p, cls, ctx) or any(self.in_class(t, cls, ctx) for t in p.subtree)
                                    for p in pobjs):
                return None
        if pat.object and not self.in_class(obj, pat.object, ctx, pat.object_head_only):
            as_phrase = [a for o in ([obj] if obj is not None else []) for a in prep_objects(o, "as")] + \
                prep_objects(tok, "as")
            if not (pat.object == "place" and self.place_of(tok, ctx)) and \
                    not any(self.in_class(a, pat.object, ctx) for a in as_phrase):
                return None
        verdict = self.modal_verdict(tok, notes, pat.event)
        if verdict is None:
            return None
        # actor
        if passive and not prep_objects(tok, "by") and tok.lemma_.lower() in self.stative_passives:
            passive, doer = False, ctx.past_dateline(subj)  # "Israel is opposed to French mediation"
        elif passive:
            agents = prep_objects(tok, "by")
            doer = agents[0] if agents else None
        else:
            doer = ctx.past_dateline(subj)
        if doer is not None and doer.head.i == tok.i and doer.lemma_.lower() in self.k.roles.get("text_nouns", ()) \
                and prep_objects(doer, "by"):
            doer = prep_objects(doer, "by")[0]  # "a report by Human Rights Watch accused ...": its author
        if pat.subject and not self.in_class(doer, pat.subject, ctx):
            return None
        actor = ctx.np_actors(doer) if doer is not None else []
        recipient = self.recipient_of(pat, tok, obj, ctx)
        if pat.swap == "from":  # "received weapons from the government": the giver acts
            source = next(iter(prep_objects(tok, "from") + (prep_objects(obj, "from") if obj is not None else [])), None)
            doer = source
            actor, recipient = (ctx.np_actors(source) if source is not None else []), actor
        elif pat.swap:  # "Minsk received a U.S. delegation": the delegation visits
            doer = obj
            actor, recipient = (ctx.np_actors(obj) if obj is not None else []), actor
        return self.finish(pat, tok, si, sent, ctx, actor, recipient, obj, verdict, notes, doer)

    def try_noun(self, pat: Pattern, tok: Token, si: int, sent: Span, ctx: DocContext) -> Mention | None:
        notes: list[str] = []
        if self.phrasal_match(pat, tok) is None:
            return None
        if pat.excludes_modifier:
            words = self.k.classes.get(pat.excludes_modifier, {pat.excludes_modifier})
            if any(c.lemma_.lower() in words or c.lower_ in words for c in tok.children
                   if c.dep_ in ("compound", "amod", "nmod")):
                return None  # "air strike" is not a labour strike
        if pat.requires_modifier:
            words = self.k.classes.get(pat.requires_modifier, {pat.requires_modifier})
            mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")] + prep_objects(tok, "of", "on")
            if not any(m.lemma_.lower() in words or m.lower_ in words for m in mods):
                return None
        if tok.dep_ == "pobj" and tok.head.lower_ in self.anaphoric:
            return None  # "after the meeting": refers back to an event already told
        if tok.dep_ == "compound":
            return None
        for prep, cls in pat.requires_prep.items():  # "their withdrawal from the town"
            pobjs = prep_objects(tok, prep) + (prep_objects(tok.head, prep) if tok.dep_ == "dobj" else [])
            if not any(self.in_class(p, cls, ctx) or any(self.in_class(x, cls, ctx) for x in prep_objects(p, "of"))
                       for p in pobjs):  # "from the town", "from the town of X"; not "from talks on the region"
                return None
        # the patient: "release of 123 detainees", "prisoner releases", "Tsikhanouski's release"
        obj = None
        ofs = prep_objects(tok, "of")
        if ofs:
            obj = ofs[0]
        else:
            comp = [c for c in tok.children if c.dep_ in ("compound", "nmod")]
            if comp:
                obj = comp[0]
        if pat.object and not pat.object_optional and not self.in_class(obj, pat.object, ctx):
            return None
        if pat.object and pat.object_optional and obj is not None and not self.in_class(obj, pat.object, ctx):
            return None
        if pat.object == "person" and obj is None and not tok.tag_ == "NNS":
            return None
        verdict = self.modal_verdict(tok, notes, pat.event)
        if verdict is None:
            return None
        # the actor: a possessive, else the subject of the governing verb
        actor: list[ActorRef] = []
        doer = None  # the words naming the doer, kept for an actor the dictionary lacks
        poss = children(tok, "poss")
        if poss:
            doer = poss[0]
            actor = ctx.np_actors(poss[0])
        agents = prep_objects(tok, "by")  # "a visit by U.S. officials"
        if not actor and agents:
            doer = agents[0]
            actor = ctx.np_actors(agents[0])
        froms = prep_objects(tok, "from") if pat.event in self.k.roles.get("source_events", ()) else []  # "pressure from Congress"
        if not actor and froms:
            doer = froms[0]
            actor = ctx.np_actors(froms[0])
        between = prep_objects(tok, "between")  # "talks between Lukashenko and Coale"
        if not actor and between and pat.recipient != "between":
            sides = ctx.np_actors(between[0])
            if len(sides) >= 2 and pat.event in self.k.roles.get("joint_events", ()):  # a joint act: one mention per side for meetings
                return self.finish(pat, tok, si, sent, ctx, sides, [], obj, verdict, notes)
            if len(sides) >= 2:
                return self.finish(pat, tok, si, sent, ctx, sides[:1], sides[1:], obj, verdict, notes)
        if not actor:
            gov = tok.head
            while gov.dep_ in ("prep", "pobj", "dobj", "conj", "appos") and gov.head.i != gov.i and gov.pos_ != "VERB":
                gov = gov.head
                gposs = children(gov, "poss") if gov.pos_ in ("NOUN", "PROPN") else []
                if gposs:
                    actor = ctx.np_actors(gposs[0])
                    break
            # Only a light verb's subject does the act its object names ("Washington granted relief");
            # "the visit resulted in releases" says nothing of who released.
            if not actor and gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in self.light_verbs:
                s, passive = subject_of(gov, roles=self.k.roles)
                s = ctx.past_dateline(s)
                if passive and not any(c.dep_ == "agent" for c in gov.children):
                    passive = False  # "forces were engaged in ethnic cleansing": a state, the subject acts
                if s is not None and s.i != tok.i and not passive:
                    doer = doer or s
                    actor = ctx.np_actors(s)
        if not actor and obj is not None and pat.object in ("troops", "peacekeepers", "police"):
            owner = ctx.np_actor(obj, direct=True)
            if owner is not None and owner.code:
                actor = [owner]
                notes.append(f"actor: whose '{obj.text}' they are")
        if not actor and pat.event in NOUN_MODIFIER_ACTOR:
            # "Israeli tank shelling", "U.S. sanctions": the nationality word names who did it
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i and (obj is None or c.i != obj.i):
                    ref = ctx.np_actor(c, direct=True)
                    if ref is not None and ref.code:
                        actor = [ref]
                        notes.append(f"actor from the modifier '{c.text}'")
                        break
        recipient = self.recipient_of(pat, tok, obj, ctx)
        if pat.swap and recipient:  # "X gave a warm welcome to Y": Y is the visitor
            actor, recipient = recipient, actor
            doer = None
        return self.finish(pat, tok, si, sent, ctx, actor, recipient, obj, verdict, notes, doer)

    def unresolved(self, doer: Token | None, tok: Token, ctx: DocContext) -> ActorRef | None:
        """The doer of an act whose actor the dictionary cannot resolve, or None when the words in the
        doer's place name no one who can act ("the statement", "the move")."""
        if doer is None:
            # only a told passive ("were killed") leaves its doer out; "the besieged town", "an
            # agreement signed in March" merely describe something
            return unresolved_ref(None) if any(c.dep_ == "auxpass" for c in tok.children) else None
        if doer.pos_ in ("PRON", "DET") or doer.lower_ in RELATIVE:
            return unresolved_ref(None)
        if self.patterns_for(doer):  # "a roadside bombing killed ...": an act in the doer's place
            return unresolved_ref(None)
        if doer.lemma_.lower() in self.k.roles.get("text_nouns", ()) and doer.dep_ == "nsubj" and doer.head.i == tok.i and any(
                c.dep_ in ("acl", "prep") for c in doer.children):
            # "a report released in Kigali alleged ...": a described text speaks for authors not named
            # ("the report accused ..." alone is no one)
            return unresolved_ref(None)
        if doer.dep_ == "pobj" and doer.head.dep_ == "agent" and doer.lemma_.lower() in self.k.classes.get(
                "instrument", set()):
            return unresolved_ref(None)  # "killed by an explosive device": a weapon, its user unnamed
        if doer.pos_ == "PROPN" or ctx.ent_at.get(doer.i) is not None:
            return unresolved_ref(doer)  # a name: "the Azadliq coalition", "Sheikh Hamad"
        words = self.k.classes.get("person", set()) | self.k.classes.get("doer", set())
        lemma = doer.lemma_.lower()
        if not (lemma in words or doer.lower_ in words or AGENT_NOUN.search(lemma)):
            return None  # "the statement", "the move": no one who can act
        modified = any(ctx.ent_at.get(t.i) is not None for t in doer.subtree if t.i < doer.i or t.head.dep_ == "prep")
        collective = lemma in CONTAINERS or lemma in self.k.classes.get("doer", set())  # "a group of refugees"
        if not modified and not collective and doer.tag_ == "NN" and any(
                c.dep_ == "det" and c.lower_ in ("a", "an", "another", "one") for c in doer.children):
            return None  # "a protester": one unnamed person is no actor anyone could add to the dictionary
        return unresolved_ref(doer)

    @staticmethod
    def confidence_adjustment(tok: Token, actor: list[ActorRef], notes: list[str]) -> float:
        """How the way an event was found moves its confidence: a named doer raises it; a pronoun, a
        nationality word or the place standing in for the doer, a noun trigger and a modality cue
        lower it (context-derived actors and recipients are lowered where they are filled in)."""
        adj = 0.0
        hows = [a.how for a in actor]
        if any(a.actor_id or a.basis in ("dictionary", "country", "metonym", "capital") for a in actor):
            adj += 0.1  # "Lukashenko", "Belarus", "Minsk"
        elif any(h.startswith("coref") or h == "modifier" for h in hows):
            adj -= 0.05  # "he", "the envoy", "Israeli helicopters"
        if tok.pos_ not in ("VERB", "AUX"):
            adj -= 0.1  # an event noun says less about who did what than a verb
        if any(n.startswith("modality:") for n in notes):
            adj -= 0.05
        return adj

    def where(self, tok: Token, ctx: DocContext) -> list[ActorRef]:
        """The country where an act happened: a place phrase on the trigger, on the verb governing a
        noun trigger ("staged protests in Jakarta"), or on its subject ("police in Minsk arrested")."""
        holders = [tok]
        gov = tok.head
        while gov.i != gov.head.i and gov.pos_ not in ("VERB", "AUX") and len(holders) < 4:
            holders.append(gov)
            gov = gov.head
        holders.append(gov)
        subj, _ = subject_of(tok if tok.pos_ in ("VERB", "AUX") else gov, roles=self.k.roles)
        if subj is not None:
            holders += [subj, *prep_objects(subj, "of")]  # "thousands of students throughout Indonesia"
        for h in holders:
            cands = prep_objects(h, "in", "at", "across", "throughout", "near", "outside", "inside")
            for c in cands:
                for cc in [c, *c.conjuncts]:
                    ref = ctx.np_actor(cc, direct=True)
                    if ref is not None and ref.code:
                        return [ActorRef(ref.code, None, cc.text, ref.actor_id, "place")]
        return []

    def institution(self, doer: Token) -> bool:
        """Whether the doer is a state body or official named without its state ("the department", "a
        foreign ministry spokesman", "the armed forces chief"), by the `institutions` words in roles:."""
        words = self.k.roles.get("institutions", set())
        head = doer.lemma_.lower()
        if any(c.lemma_.lower() in self.k.roles.get("non_state", set()) for c in doer.children
               if c.dep_ in ("amod", "compound", "poss")):
            return False  # "the rebel army": not the state's
        phrase = " ".join(t.lower_ for t in doer.subtree if t.i <= doer.i and t.dep_ in ("compound", "amod") or t.i == doer.i)
        return head in words or any(w in phrase for w in words if " " in w) or any(
            c.lemma_.lower() in words for c in doer.children if c.dep_ == "compound") or any(
            self.institution(c) for c in doer.children if c.dep_ == "appos")

    def place_actor(self, place: ActorRef, tok: Token, ctx: DocContext) -> ActorRef:
        """The actor of an act told only with where it happened: the place's country, with the sector
        its subject names when the dictionary knows the role ("police" -> COP, "students" -> CVL)."""
        subj, passive = subject_of(tok if tok.pos_ in ("VERB", "AUX") else tok.head, roles=self.k.roles)
        sector = None
        if subj is not None and not passive and hasattr(self.actors, "country_adjective"):
            adj = self.actors.country_adjective(place.code)
            head = subj
            if head.lemma_.lower() in CONTAINERS | {"thousand", "hundred", "dozen", "million"}:
                inner = prep_objects(head, "of")
                head = inner[0] if inner else head
            ref = ctx._resolve_text(f"{adj} {head.text}") if adj else None
            sector = ref.sector if ref is not None else None
        return ActorRef(place.code, sector or "GOV", place.entity_text, None, "context: where it happened")

    def place_of(self, tok: Token, ctx: DocContext) -> list[ActorRef]:
        """The country of the place a visit or meeting happens in ("in Minsk", "to Minsk", "visited Minsk")."""
        cands = []
        if tok.pos_ == "VERB":
            cands += [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        cands += prep_objects(tok, "in", "to", "at")
        for w in prep_objects(tok, "with"):  # "met with X in Minsk" may hang the place on X
            cands += prep_objects(w, "in", "at")
        for c in cands:
            ref = ctx.np_actor(c)
            ent = ctx.ent_at.get(c.i)
            if ref is None or ent is not None and (ent.label_ in ("PERSON", "NORP") or (ref.actor_id or "").startswith(
                    ("person:", "org:"))):
                continue  # "met Putin": a person or a body, not a place
            if ent is not None or ref.basis in ("metonym", "country", "capital"):
                return [ActorRef(ref.code, None, c.text, ref.actor_id, "place")]
        return []

    def recipient_of(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """The recipient, by the pattern's `recipient` ways tried in order ("against with")."""
        for how in pat.recipient.split():
            refs = self.recipient_by(how, pat, tok, obj, ctx)
            if refs:
                return refs
        return []

    def recipient_by(self, how: str, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        if how == "none":
            return []
        if how == "patient":  # "released five American detainees": the country whose people they are
            ref = ctx.np_actor(obj, direct=True) if obj is not None else None
            return [ref] if ref is not None and ref.code and ref.basis in ("demonym", "modifier", "role") else []
        if how == "dative":  # "warned Caracas that ...": the one spoken to
            return next((r for c in tok.children if c.dep_ in ("dobj", "dative", "iobj") for r in [ctx.np_actors(c)]
                         if r), [])
        if how == "object":
            refs = ctx.np_actors(obj) if obj is not None else []
            if not refs and obj is not None:  # "endorsed an agreement with the EU": the partner named on it
                refs = next((r for p in prep_objects(obj, "with") for r in [ctx.np_actors(p)] if r), [])
            if not refs and pat.event == "REQUEST":  # "demanded autonomy from the Serbian authorities"
                refs = next((r for h in [tok] + ([obj] if obj is not None else [])
                             for p in prep_objects(h, "from") for r in [ctx.np_actors(p)] if r), [])
            if refs or (obj is not None and obj.dep_ in OBJ):
                return refs
            # "demanded that President Mugabe abandon ...": the one asked is the clause's subject
            for x in children(tok, "ccomp"):
                for c in children(x, "nsubj", "nsubjpass"):
                    refs = ctx.np_actors(c)
                    if refs:
                        return refs
            clauses = children(tok, "xcomp") + [c for c in children(tok, "advcl")
                                                if any(a.tag_ == "TO" for a in c.children)]
            for x in clauses:  # "threatened to cut off electricity to Nakhichevan"
                cands = children(x, "dobj") + prep_objects(x, "to", "against", "on", "from", "with", "in")
                cands += [g for d in children(x, "dobj") for g in prep_objects(d, "on", "against", "to", "with")]
                for c in cands:
                    refs = ctx.np_actors(c)
                    if refs:
                        return refs
            return []
        if how == "with":
            withs = prep_objects(tok, "with", "between") or (prep_objects(obj, "with") if obj is not None else []) \
                or (prep_objects(tok.head, "with") if tok.pos_ == "NOUN" and tok.dep_ == "dobj" else [])
            if withs:
                return ctx.np_actors(withs[0])
            return ctx.np_actors(obj) if obj is not None and tok.pos_ == "VERB" and obj.dep_ in OBJ else []
        if how == "place":
            return self.place_of(tok, ctx)
        if how in ("between", "from", "at", "on"):  # "mediated between X and Y", "accepted demands from the rebels"
            objs = [obj] if obj is not None else []
            # the object, what it is "of", and the noun it is "of" ("a team of monitors sent by the EU")
            above = [obj.head.head] if obj is not None and obj.dep_ == "pobj" and obj.head.lower_ == "of" else []
            holders = [tok, *objs, *above, *[g for o in objs for g in prep_objects(o, "of")]]
            for h in holders:  # "hosted a team of monitors from the EU"
                for p in prep_objects(h, how):
                    refs = ctx.np_actors(p)
                    if refs:
                        return refs
            return []
        if how == "against":
            holders = [tok] + ([obj] if obj is not None else [])
            if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj":
                holders.append(tok.head)  # "filed a complaint against Israel with the UN"
            # "began a hunger strike to protest against Sweden's decision": the purpose names the target
            verb = tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj") else tok
            purposes = [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.i != tok.i and any(
                a.tag_ == "TO" for a in c.children)]
            for h in holders + purposes:
                targets = prep_objects(h, "against", "on", "for", "to") + (
                    prep_objects(h, "at", "over") + children(h, "dobj") if h in purposes else []) + (
                    prep_objects(h, "of") if h is obj else [])  # "its blockade of the town", "imports of Georgian goods"
                for p in targets:
                    # "against Sweden's decision": a decision, policy or failure stands for its owner
                    refs = ctx.np_actors(p) or [r for c in children(p, "poss") for r in ctx.np_actors(c)]
                    if refs:
                        return refs
            if tok.pos_ in ("NOUN", "PROPN") and obj is not None and obj.dep_ == "pobj":
                return ctx.np_actors(obj)  # "the invasion of Ukraine": the patient of the act
            return []
        if how == "to":
            holders = [tok] + ([obj] if obj is not None else []) + ([tok.head] if tok.pos_ == "NOUN" else [])
            holders += [c for c in tok.children if c.dep_ in ("prt", "advmod")]  # "handed back to Azerbaijan"
            for h in holders:
                for p in prep_objects(h, "to"):
                    refs = ctx.np_actors(p)
                    if refs:
                        return refs
            return []
        if how == "envoy":
            for t in tok.subtree:
                if t.dep_ == "prep" and t.lower_ in ("to", "for"):
                    for p in t.children:
                        refs = ctx.np_actors(p)
                        if refs:
                            return refs
            return []
        return []

    def quantity(self, obj: Token | None, tok: Token, ctx: DocContext) -> Quantity | None:
        """How many people: "14 prisoners", "fourteen prisoners", "a U.S. citizen", "group ...—52 individuals"."""
        if obj is None:
            return None
        heads = [obj] + [c for c in obj.children if c.dep_ == "appos"] + prep_objects(obj, "of")
        for h in heads:
            for c in h.children:
                if c.dep_ == "nummod":
                    n = to_number(c)
                    if n is not None and not (1900 <= n <= 2100 and c.ent_type_ == "DATE"):
                        return Quantity(n, "person", f"{c.text} {h.text}")
        # numbers hanging off the object after a dash or in an apposition ("to date—52 individuals")
        for t in obj.subtree:
            if t.dep_ == "nummod" and t.head.i != obj.i and self.in_class(t.head, "person", ctx):
                n = to_number(t)
                if n is not None:
                    return Quantity(n, "person", f"{t.text} {t.head.text}")
        if obj.tag_ == "NN" and self.in_class(obj, "person", ctx):
            dets = {c.lower_ for c in obj.children if c.dep_ in ("det", "nummod", "amod")}
            if dets & {"a", "an", "one", "the", "last", "first"}:
                return Quantity(1.0, "person", obj.text)
        return None

    def finish(self, pat, tok, si, sent, ctx, actor, recipient, obj, verdict, notes, doer=None) -> Mention | None:
        event, mode, cameo = pat.event, pat.mode, pat.cameo
        mod = self.k.modality
        confidence = pat.confidence
        if verdict == "refuse":
            event, mode, cameo = "REJECT", None, "120"
            notes.append("coded as a refusal")
            confidence -= 0.1
        if verdict == "threat":
            event, mode, cameo = "THREATEN", None, self.threats["cameo"]
            notes.append("coded as a threat (an ultimatum)")
            confidence -= 0.1
        agreed = verdict == "intent" and bool(notes) and any(f"'{w}" in notes[-1] for w in mod.get("agree_verbs", []))
        if agreed and mode in mod.get("agreed_modes_done", []):
            verdict = "fact"  # "agreed to release 52 prisoners": the release is told as done
            notes[-1] += "; coded as done"
        elif agreed and event in mod["concession_events"] and mode in mod.get("promise_concede_modes", []):
            verdict = "promise"  # "agreed to lift the embargo": announced relief is a concession
        if verdict == "intent" and event in mod.get("threat_events", []) and pat.event != "REJECT" and \
                (tok.dep_ == "xcomp" or self.to_complement(tok)) and tok.head.lemma_.lower() in self.intent_verbs:
            # "Obama wants to attack Switzerland", "Greece plans to impose restrictions": a stated hostile aim
            event, mode, cameo = "THREATEN", None, "130"
            notes.append("a stated hostile intention: coded as a threat")
            confidence -= 0.1
        elif verdict == "intent":
            if event in ("CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "AGREE"):
                event, mode = mod["intent_event"], None
                cameo = mod["intent_cameo"] if pat.event == "CONSULT" else "03" + ("2" if pat.event == "SUPPORT" else "0")
                notes.append("coded as a stated intention")
                confidence -= 0.1
            else:
                return None
        elif verdict == "promise":
            if event in mod["concession_events"] and mode in mod.get("promise_concede_modes", []):
                event, cameo = mod["promise_concede_event"], mod["promise_concede_cameo"]
                notes.append("a promised concession: coded as a concession")
            elif event in mod["concession_events"]:
                event, mode, cameo = mod["promise_event"], None, mod["promise_cameo"]
                notes.append("coded as a promise")
            elif event in mod.get("threat_events", []):
                # "Palestinian leaders said they would boycott ...": an announced hostile act is a threat
                event, mode, cameo = "THREATEN", None, "130"
                notes.append("an announced hostile act: coded as a threat")
                confidence -= 0.1
            elif event not in ("CONSULT", "SUPPORT", "AID", "COOPERATE", "AGREE"):
                return None
            else:  # "will supply arms", "will meet": a commitment to cooperate
                cameo = mod["intent_cameo"] if event == "CONSULT" else "033" if event == "AID" else "030"
                event, mode = mod["intent_event"], None
                notes.append("coded as a commitment")
        # where a meeting happens decides who visited whom
        if event == "CONSULT" and mode in ("meet", None):
            place = self.place_of(tok, ctx)
            a_codes = {a.code for a in actor}
            r_codes = {r.code for r in recipient}
            if place and actor and recipient:
                pc = place[0].code
                if pc in r_codes and pc not in a_codes:
                    mode, cameo = "visit", "042"
                    notes.append(f"visit: met in {place[0].entity_text}, the recipient's country")
                elif pc in a_codes and pc not in r_codes:
                    actor, recipient = recipient, actor
                    mode, cameo = "visit", "042"
                    notes.append(f"visit: met in {place[0].entity_text}, so the other side travelled")
            if mode == "meet":
                mode = None
        if pat.mode == "visit" and pat.recipient == "place" and not recipient:
            recipient = self.place_of(tok, ctx)
        # The releaser of an agentless release is the country holding the prisoners: the article's focus.
        holders = [c for c in ctx.focus if c not in {r.code for r in recipient}]  # "were handed back to X": not X
        if not actor and event in ("RETREAT", "CONCEDE") and (mode == "release" or pat.mode == "release") and holders:
            actor = [ActorRef(holders[0], "GOV", "", None, "context: the country the article is about")]
            notes.append(f"actor from context ({holders[0]}, the article's main country)")
            confidence -= 0.15
        if not actor and pat.actor_from_place:
            # "police arrested 20 people in Minsk", "students demonstrated in Jakarta": the place's country
            place = self.where(tok, ctx)
            if place:
                actor = [self.place_actor(place[0], tok, ctx)]
                notes.append(f"actor from the place ({place[0].entity_text})")
                confidence -= 0.15
        if not actor and doer is None and tok.pos_ not in ("VERB", "AUX"):
            return None  # "the talks", "sanctions": an act named with no doer is background, not news
        if not actor and doer is None and tok.pos_ in ("VERB", "AUX"):
            # "were killed in Israeli shelling": the act named as the cause tells who did it
            for p in prep_objects(tok, "in", "during", "by"):
                cause = self.patterns_for(p) or any(self.in_class(p, c, ctx, head_only=True)
                                                    for c in ("weapons", "strike_weapons", "troops"))
                ref = ctx.np_actor(p, direct=True) if cause else None
                if ref is not None and ref.code:
                    actor = [ref]
                    notes.append(f"actor from the act that caused it ('{p.text}')")
                    break
            # "four soldiers were killed when Azerbaijani forces fired on a post": the doer of the cause
            for clause in children(tok, "advcl"):
                if actor or not any(m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as", "after")
                                    for m in clause.children):
                    continue
                if any(p.event == pat.event for p in self.patterns_for(clause)):
                    subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                    refs = ctx.np_actors(subj) if subj is not None else []
                    if refs and refs[0].code:
                        actor = refs
                        notes.append(f"actor from the act that caused it ('{clause.text}')")
        if not actor and doer is not None and self.institution(doer):
            # "In Beijing, a foreign ministry spokesman urged ...", "the department told him ...": a state's
            # body named without its state belongs to the place the sentence names, else the dateline's
            # a bureau abroad ("BOGOTA - The foreign ministry accused Colombia"): not when the article is about two
            # other countries
            place = self.where(tok, ctx) or [h for h in ctx.home() if h.code in ctx.focus or len(ctx.focus) < 2]
            if place:
                actor = [self.place_actor(place[0], tok, ctx)]
                notes.append(f"actor: the {doer.text} of {place[0].code} ({place[0].entity_text or 'the dateline'})")
                confidence -= 0.15
        if not actor:
            # "Yoruba leaders agreed ...": the act is coded, its doer waits for the dictionary
            # (`detente actors --unknown`); such mentions are stored but join no event until resolved.
            ref = self.unresolved(doer, tok, ctx)
            if ref is None:
                return None
            actor = [ref]
            notes.append(f"actor unresolved: '{ref.entity_text}' is not in the actor dictionary"
                         if ref.entity_text else "actor not named")
            confidence -= UNRESOLVED_PENALTY
        a_codes = {a.code for a in actor}
        if pat.joint and len(a_codes - {""}) >= 2 and event == pat.event:
            event, mode, cameo = pat.joint[0], None, pat.joint[1]  # "French and Egyptian warships held exercises"
            notes.append(f"done by {len(a_codes)} sides together: {event}")
        for fallback in (pat.recipient_fallback or "").split():
            if recipient:
                break
            if fallback == "place":
                place = self.where(tok, ctx)
                if place:
                    recipient = place
                    notes.append(f"recipient from the place ({place[0].entity_text})")
                    confidence -= 0.1
            elif fallback == "own" and actor and actor[0].code:
                # "Tunisian teachers went on strike": dissent is aimed at the dissenters' own state
                recipient = [ActorRef(actor[0].code, None, "", None, "context: the actor's own country")]
                notes.append(f"recipient: the actor's own country ({actor[0].code})")
        domestic = pat.domestic or event in ("COERCE", "RETREAT", "ASSAULT")
        recipient = [r for r in recipient if r.code not in a_codes or domestic]
        if pat.requires_recipient and not recipient:
            return None  # "the bank cautioned that the economy could shrink if ...": no one is threatened
        if not recipient and len(a_codes) >= 2 and event in self.k.roles.get("joint_events", ()):
            # "Polish and Lithuanian officials held talks": one side acts, the others receive; the order of
            # codes, not of words, so that "Peru and Chile agreed" and "Chile and Peru agreed" merge
            actor = sorted(actor, key=lambda a: a.code)
            recipient = [a for a in actor if a.code != actor[0].code]
            actor = actor[:1]
            a_codes = {actor[0].code}
            notes.append(JOINT_NOTE)
        needs_recipient = event not in ("RETREAT", "COERCE", "MOBILIZE", "PROTEST", "CONCEDE") and not pat.domestic
        if not recipient and not needs_recipient and event in ("RETREAT", "CONCEDE") and a_codes & set(ctx.focus[:1] if mode ==
                                                                                         "release" else ctx.focus):
            other = [c for c in ctx.focus if c not in a_codes]
            if other:  # a concession in a two-country story is made to the other country
                recipient = [ActorRef(other[0], None, "", None, "context: the article's other main country")]
                notes.append(f"recipient from context ({other[0]})")
        elif not recipient and needs_recipient and event == "CONSULT" and tok.pos_ != "VERB" and mode != "visit":
            return None  # "the Alaska meeting": a meeting noun with no counterpart named
        elif not recipient and needs_recipient:
            other = [c for c in ctx.focus if c not in a_codes]
            if other and a_codes & set(ctx.focus):
                recipient = [ActorRef(other[0], None, "", None, "context: the article's other main country")]
                notes.append(f"recipient from context ({other[0]})")
                confidence -= 0.15
            elif event == "CONSULT":
                return None  # a meeting or call with no one named is not worth an event
            else:
                notes.append("no recipient named")
                confidence -= 0.15
        confidence += self.confidence_adjustment(tok, actor, notes)
        quantity = self.quantity(obj, tok, ctx) if (mode == "release" or event == "COERCE") else None
        goldstein, plover_score = self.k.weights(event, mode, cameo)
        doc = ctx.doc
        mid = hashlib.sha1(f"{doc.id}:{tok.idx}:{pat.id}".encode()).hexdigest()[:16]
        return Mention(
            doc_id=doc.id, doc_name=doc.name, sent_index=si, sentence=sent.text.strip(),
            sent_start=sent.start_char, trigger=tok.text, trigger_start=tok.idx, trigger_end=tok.idx + len(tok),
            event=event, mode=mode, cameo=cameo, goldstein=goldstein, plover_score=plover_score,
            actor=actor, recipient=recipient, quantity=quantity, rule=pat.id,
            confidence=round(max(0.05, min(1.0, confidence)), 2), notes=notes, id=mid)


def unresolved_ref(doer: Token | None) -> ActorRef:
    """An actor the dictionary lacks, kept by the words of its noun phrase, with no code; with no
    words (an agentless passive, a pronoun with no antecedent) an unnamed doer."""
    if doer is None:
        return ActorRef("", None, "", None, "unnamed")
    start = doer.left_edge.i
    # the phrase up to its head, plus a short "of" or "from" phrase ("leaders of the coalition")
    end = doer.i + 1
    for c in doer.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "from") and c.right_edge.i - start < 10:
            end = c.right_edge.i + 1
        break
    words = doer.doc[start:end]
    text = words.text.strip(" ,;:-\u2014")
    if not text or not any(t.is_alpha for t in words):
        return ActorRef("", None, "", None, "unnamed")
    return ActorRef("", None, text, None, "unresolved")


def code_document(doc: Document, sdoc: Doc, actors: ActorDictionary) -> list[Mention]:
    """The stage's entry point: the undated event mentions of one parsed document."""
    return Coder(actors).code(doc, sdoc)
