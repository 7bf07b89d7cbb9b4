"""Small questions about the dependency parse that every part of the coder asks: a word's children by
relation, the objects of its prepositions, the subject and object of a verb.

Hand-written because spaCy gives the tree but not these climbs (through coordination, control and
participles) that the coder needs to find who did what.
"""
from __future__ import annotations

from spacy.tokens import Token

SUBJ = {"nsubj", "nsubjpass", "csubj", "csubjpass"}
OBJ = {"dobj", "obj", "dative", "attr", "oprd"}
CONTAINERS = {"group", "number", "batch", "round", "dozen", "total", "handful", "wave", "set", "list", "several",
              "score", "scores", "hundreds", "thousands", "dozens"}
RELATIVE = {"who", "which", "that", "whom"}
DASHES = {"-", "\u2013", "\u2014", "--"}


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
    subjects = [c for c in v.children if c.dep_ in SUBJ]
    if subjects:
        # two subjects with a dash between them is a misparse of a dateline the ingest stage did not know
        # ("RIGA/VILNIUS, Mar 3 (Wire) - Latvia has freed ..."): the one after the dash is the real one
        c = subjects[0]
        near = max((s for s in subjects if s.i < v.i), key=lambda s: s.i, default=c)
        if near.i > c.i and any(t.text in DASHES and not _in_word(t) for t in v.doc[c.i:near.i]):
            c = near
        # a headline's speaker before a colon ("Borrell: Serbia, Kosovo agreed to ..."): the one after it acts
        elif near.i > c.i and c.i + 1 < len(v.doc) and v.doc[c.i + 1].text == ":":
            c = near
        return c, c.dep_.endswith("pass")
    if depth < 4 and v.tag_ == "VBG" and v.head.is_punct and v.head.i != v.i and v.head.head.pos_ in ("VERB", "AUX"):
        # "President X, blasting Y's policy, also said ...": a participle set off by commas (the parser may hang it
        # on the comma) tells what the subject of the verb it interrupts did
        return subject_of(v.head.head, depth + 1, roles)
    if v.dep_ == "advcl" and (any(c.dep_ == "aux" and c.tag_ not in ("MD", "TO") and c.lemma_.lower() not in (
            "be", "have", "do") for c in v.children) or v.tag_ in ("VBD", "VBZ", "VBP") and not any(
            c.dep_ == "mark" or c.dep_ == "advmod" and c.tag_ == "WRB" or c.dep_ in ("aux", "auxpass") for c in v.children)):
        # "... after a drone attack Santiago said killed two children": a finite verb hung on a clause with no
        # word to join them is a misparse of a reduced relative; the main clause's subject did not do it
        return None, False
    own = _misparsed_conj_subject(v)
    if own is not None:
        return own, False
    if depth < 4 and v.dep_ in ("xcomp", "conj", "advcl", "pcomp", "ccomp", "acomp") and v.head.i != v.i:
        subj, passive = _borrowed_subject(v, depth, roles)
        # "she left after being freed", "arrived in Cairo and was welcomed by Sisi": a passive with no subject of
        # its own is done to the subject it borrows, never by it
        return subj, passive or (subj is not None and any(c.dep_ == "auxpass" for c in v.children))
    if depth < 4 and v.dep_ == "acl" and v.head.lemma_.lower() in roles.get("decision_nouns", ()) and any(
            c.tag_ == "TO" for c in v.children):
        # "Bolivia's decision to close its frontier", "took the decision to expel": who decided acts
        owner = [c for c in v.head.children if c.dep_ == "poss"]
        if owner and v.head.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT"):  # not "over Canberra's decision to ..."
            return owner[0], False
        if v.head.dep_ in ("dobj", "obj"):
            return subject_of(v.head.head, depth + 1, roles)
        return None, False
    if depth < 4 and v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN"):
        # "a declaration demanding that ...": the text's author; "rebels demanding ...": the rebels
        if v.head.lemma_.lower() in roles.get("text_nouns", ()):
            gov = v.head.head
            if gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in roles.get("author_verbs", ()):
                return subject_of(gov, depth + 1, roles)  # "issued a declaration demanding ..."
            return None, False  # "received a letter demanding ...": not the receiver's demand
        return v.head, False
    return None, False


def _borrowed_subject(v: Token, depth: int, roles: dict) -> tuple[Token | None, bool]:
    """The subject a verb with none of its own takes from the verb it hangs on (coordination, control)."""
    if v.dep_ == "pcomp":  # "marked the visit by releasing ...", "thanked X for releasing ..."
        gov = v.head.head
        if gov.dep_ == "pobj" and gov.lemma_.lower() in ("addition", "top") and gov.head.dep_ == "prep":
            gov = gov.head.head  # "in addition to expelling ...", "on top of closing ...": the clause's verb
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


def object_of(v: Token, passive: bool, subj: Token | None) -> Token | None:
    if passive and subj is not None:
        return _antecedent(v, subj)
    for c in v.children:
        if c.dep_ in OBJ:
            return _antecedent(v, c)
    for c in v.children:  # "came to Minsk", "met with X": the first prepositional object ("on Thursday" is none)
        if c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME"):
                    return g
    return None


def _antecedent(v: Token, obj: Token) -> Token:
    """A relative pronoun as the object stands for the noun its clause hangs on ("the accord, which was
    initialled on Monday", "the deal that both sides signed"): the pattern checks what that noun is."""
    if obj.lower_ in ("which", "that") and v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN"):
        return v.head
    return obj


def _in_word(t: Token) -> bool:
    """A hyphen inside a name ("al-Thani"), not a dash between phrases ("(Reuters) - ", "(Jiji Press)–Chinese")."""
    doc = t.doc
    return 0 < t.i < len(doc) - 1 and not doc[t.i - 1].whitespace_ and not t.whitespace_ \
        and doc[t.i - 1].is_alpha and doc[t.i + 1].is_alpha


def _misparsed_conj_subject(v: Token) -> Token | None:
    """The subject of the second of two coordinated clauses that the parser took for a third object: in
    "Israel freed 90 detainees and Lebanon released four hostages" spaCy hangs "Lebanon" on "detainees" as its
    conjunct and leaves "released" with no subject, so it would inherit Israel. A name right before the verb,
    coordinated with a word of the first verb's object, is the second verb's own subject."""
    if v.pos_ != "VERB" or v.i == 0 or not (v.dep_ == "conj" or v.dep_ == "acl" and v.tag_ == "VBD"):
        return None  # (a past-tense verb hung on the object noun is the same misparse: "... and Eritrean soldiers fired")
    prev = v.doc[v.i - 1]
    while prev.pos_ == "ADV" and prev.i > 0:  # "and Lebanon then released"
        prev = v.doc[prev.i - 1]
    named = prev.pos_ == "PROPN" and prev.ent_type_ or prev.pos_ == "NOUN" and any(
        c.dep_ in ("amod", "compound") and c.ent_type_ for c in prev.children)  # "Eritrean soldiers"
    if prev.dep_ != "conj" or not named or prev.head.i == v.head.i and v.dep_ == "conj":
        return None
    first = v.head if v.dep_ == "conj" else v.head.head
    if not any(t.i == prev.head.i for c in first.children if c.dep_ in OBJ for t in c.subtree):
        return None
    if not any(c.dep_ == "cc" for c in prev.head.children if prev.head.i < c.i < prev.i):
        return None
    # the name's own words are the subject: its compound head ("South Korea") is `prev` itself
    return prev


def split_gerund(tok: Token) -> Token | None:
    """The nationality word of a noun phrase the parser split before its gerund ("the Azerbaijani shelling of
    Kapan" read as the object "Azerbaijani" and a clause "shelling of Kapan"): the gerund is the noun, and the
    nationality its doer; None when the gerund is a verb of its own (a subject or an auxiliary)."""
    prev = tok.doc[tok.i - 1] if tok.i else None
    if tok.tag_ != "VBG" or prev is None or prev.ent_type_ != "NORP" or prev.dep_ not in ("dobj", "pobj") or \
            tok.head not in prev.ancestors or prev.whitespace_ == "" or any(
                c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "dobj") for c in tok.children):
        return None
    return prev
