"""Trigger matching: which patterns a word may trigger, whether a multi-word trigger is complete, and
whether a word belongs to a word class of `patterns.yaml` ("person", "place", "weapons", ...).

Entry point: `Triggers(knowledge).patterns_for(tok)`.
"""
from __future__ import annotations

from spacy.tokens import Token

from .grammar import CONTAINERS, OBJ, prep_objects
from .knowledge import Knowledge, Pattern
from .references import DocContext
from .doc_ents import doc_ents

# Classes of things: a word inside an actor's name is never one of them ("the White House").
THING_CLASSES = {"property", "road", "media", "aid", "information", "asylum", "restrictions", "concession",
                 "agreement", "bannable", "weapons", "curfew", "signatures", "warrant", "sanctions", "meeting",
                 "blockade", "demand", "strike_action", "norms"}


class Triggers:
    """The patterns indexed by trigger word, and the word classes their slots ask for."""

    def __init__(self, knowledge: Knowledge):
        self.k = knowledge
        self.by_lemma: dict[tuple[str, str], list[Pattern]] = {}
        for p in self.k.patterns:
            for lemma in p.lemmas | set(p.phrasal):
                self.by_lemma.setdefault((lemma, p.pos), []).append(p)

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
                                              and (ctx.ent_at[tok.i].ent_id_ or "").startswith(("person:", "people:"))):
                return True
            if tok.pos_ == "PROPN" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ != "PROPN" and any(
                    e.label_ == "PERSON" and len(e) > 1 and e[-1].text == tok.text and e.end <= tok.i for e in doc_ents(tok.doc)):
                return True  # "Johan Floderus ... Floderus, 33, was arrested": a person named before by full name
            if tok.like_num and tok.dep_ in OBJ and not any(c.pos_ in ("NOUN", "PROPN") for c in tok.children):
                return True  # "killing one person and arresting 12": the number counts the people
            if lemma in CONTAINERS or tok.like_num:  # "a group of prisoners", "its largest group—52 people"
                return any(self.in_class(c, "person", ctx) for c in prep_objects(tok, "of")) or any(
                    t.i != tok.i and t.lemma_.lower() in words for t in tok.subtree)
            if (tok.tag_ == "NNPS" or tok.tag_ == "NNS" and tok.text[:1].isupper()) and any(
                    c.dep_ == "nummod" for c in tok.children):
                return True  # "deported 40 Uyghurs": a counted people the dictionary need not know
            if tok.tag_ in ("NNS", "NNPS"):  # "arrested 100 Palestinians": a people's plural name
                ref = ctx.np_actor(tok, direct=True)
                if ref is not None and ref.basis in ("demonym", "role", "modifier"):
                    return True
            return any(c.dep_ == "appos" and self.in_class(c, "person", ctx) for c in tok.children)
        if cls == "authority":  # a state or its body, not its people: "warned Manila", not "warned Americans"
            ref = ctx.np_actor(tok, direct=True)
            return ref is not None and bool(ref.code) and ref.sector not in ("CVL", "BUS", "MED", "EDU", "REL")
        if cls == "named":  # a name, known or not ("against the North"), not a common noun ("against inflation")
            return tok.pos_ == "PROPN" or ctx.ent_at.get(tok.i) is not None or bool(
                (ref := ctx.np_actor(tok, direct=True)) and ref.code)
        if cls == "government":  # a state speaking as one: "Beijing", "China", its ministers and officials
            ref = ctx.np_actor(tok, direct=True)
            return ref is not None and bool(ref.code) and (
                ref.sector in ("GOV", "MIL") or ref.basis in ("country", "metonym", "capital"))
        if cls in ("place", "actor", "visitor", "organisation"):
            ref = ctx.np_actor(tok, direct=True)
            if ref is not None and cls == "visitor":  # a person or a body of people travels; not "the deployment"
                return tok.ent_type_ in ("PERSON", "ORG") or (ref.actor_id or "").startswith("person:") or \
                    ref.basis in ("metonym", "capital", "country")
            if ref is not None:
                return cls != "organisation" or ref.sector in ("BUS", None) or lemma in words
        deps = ("compound", "amod", "acl") if cls == "protest" else ("compound", "amod")  # "students protesting"
        # (a modifier's own conjuncts too: "Algerian consular and diplomatic officials", however it is parsed)
        if any(t.lemma_.lower() in words for c in tok.children if c.dep_ in deps for t in c.subtree):
            return True
        # "the deputy chief of mission", a word of several words ("d’affaires" with a typographic apostrophe too)
        phrase = " ".join(t.lower_ for t in tok.subtree).replace("\u2019", "'").replace(" '", "'")
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

    @staticmethod
    def phrasal_match(pat: "Pattern", tok: Token) -> set[int] | None:
        """The tokens completing a multi-word trigger ("held talks", "put on alert", "air strike"),
        or None when the trigger word needs them and they are not there."""
        lemma = tok.lemma_.lower()
        alts = pat.phrasal.get(lemma) or pat.phrasal.get(tok.lower_)
        if not alts:
            return set()
        near, after = _nearby(tok)
        for words in alts:
            hits = {}
            for w in words:
                i = next((i for low, lem, i in near if low == w or lem == w), None)
                t = tok.doc[i] if i is not None else None
                if t is not None and len(words) == 1 and t.dep_ == "prep" and t.head.i != tok.i and any(
                        c.dep_ == "pobj" for c in t.children):
                    i = None  # "gave its diplomats in Nairobi a week": a phrase on a noun, no particle ("give in")
                if i is None:
                    break
                hits[w] = i
            else:
                return set(hits.values())
            # "declared two diplomats persona non grata": a fixed phrase of several words, whatever the parse made of it
            run = [i for low, i in after if low in words]
            if len(words) >= 2 and len(run) == len(words) and run[-1] - run[0] == len(words) - 1:
                return set(run)
        return set() if lemma in pat.lemmas or tok.lower_ in pat.lemmas else None

    def governed_by(self, tok: Token, cls: str) -> bool:
        """Whether a noun is what a verb of the class acts on: its object, its passive subject, or the
        object of a preposition on it ("agreed on a truce", "a truce was reached"), or joined to one ("expressed
        indignation and protest")."""
        while tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head
        gov = tok.head.head if tok.dep_ == "pobj" else tok.head
        if tok.dep_ not in ("dobj", "obj", "nsubjpass", "pobj", "attr") or gov.pos_ not in ("VERB", "AUX"):
            return False
        words = self.k.classes.get(cls, set())
        return gov.lemma_.lower() in words or gov.lower_ in words

    def presses_on(self, tok: Token, ctx: DocContext) -> bool:
        """Whether the clause a promise governs keeps up or steps up pressure ("vowed to retaliate", "pledged to keep
        the restrictions", "promised to continue imposing the measures"), by the word lists of `pressing_on` under
        `roles:` in patterns.yaml: a hostile verb, or a verb of keeping on whose clause names a hostile measure."""
        words = self.k.raw_roles.get("pressing_on") or {}
        hostile, keeping = set(words.get("verbs") or ()), set(words.get("keep_verbs") or ())
        for clause in (c for c in tok.children if c.dep_ in ("xcomp", "ccomp")):
            lemma = clause.lemma_.lower()
            if lemma in hostile:
                return True
            if lemma in keeping and any(t.dep_ in ("dobj", "pobj", "xcomp") and (
                    t.lemma_.lower() in hostile or self.in_class(t, words.get("measures", "sanctions"), ctx, head_only=True))
                    for t in clause.subtree if t.i != clause.i):
                return True
        return False


_nearby_last: tuple = (None, {})  # (the last document asked, its words' neighbourhoods by index)


def _nearby(tok: Token) -> tuple[list[tuple[str, str, int]], list[tuple[str, int]]]:
    """The words that may complete a multi-word trigger at `tok` as (lower, lemma, index), and the words after
    it as (lower, index), kept for the last document: a word is tried with each pattern of its lemma, up to
    sixteen, and the neighbourhood is the same for all."""
    global _nearby_last
    held = _nearby_last
    if held[0] is not tok.doc:
        held = _nearby_last = (tok.doc, {})
    got = held[1].get(tok.i)
    if got is None:
        sent = tok.sent
        # a preposition heading a time ("... on Monday") completes no phrasal verb ("called on X")
        def timed(c: Token) -> bool:
            return c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children if g.dep_ == "pobj")

        near = [c for c in tok.children if not timed(c)]
        near += [g for c in tok.children if c.dep_ in ("prep", "prt") for g in c.children]
        if tok.pos_ in ("NOUN", "PROPN"):
            near += list(tok.doc[max(sent.start, tok.i - 3):tok.i]) + list(tok.doc[tok.i + 1:min(tok.i + 4, sent.end)])
        else:  # ("had given Japan notice in August" gives no "give in")
            near += [t for t in tok.doc[tok.i + 1:min(tok.i + 4, sent.end)] if not timed(t)]
        after = list(tok.doc[tok.i + 1:min(tok.i + 10, sent.end)]) if tok.pos_ not in ("NOUN", "PROPN") else []
        got = held[1][tok.i] = ([(c.lower_, c.lemma_.lower(), c.i) for c in near], [(t.lower_, t.i) for t in after])
    return got
