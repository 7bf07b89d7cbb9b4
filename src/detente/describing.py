"""Relative clauses that describe their noun ("Ali, who has been detained for six years, ..."): what the noun has
done or undergone up to the sentence's time, not the next step of the story.

One test for the two stages that ask it, so that they cannot disagree: the coder drops an act told only as such a
description, set off from its noun and with no time of its own (`modality.py`); the dater keeps the sentence's other
times off an act inside one (`dating.py`: "said on Wednesday that Ali, who has been held for six years, ...").
Hand-written: spaCy gives the relative clause, not whether it describes.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .doc_ents import doc_ents
from .grammar import DASHES

# the nouns of a span that lasted up to some time ("for six years", "for weeks")
STATE_UNITS = {"year", "month", "week", "day", "decade", "hour"}
NOUNISH = ("NOUN", "PROPN", "PRON")
# a clause inside the clause tells an act of its own: a span there is that act's ("which led ECOWAS to impose
# sanctions for six months")
CLAUSES = ("ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "pcomp")


def perfect(clause: Token) -> bool:
    """Told in the perfect ("who has been detained", "which had backed"): up to the time of the sentence."""
    return any(c.dep_ == "aux" and (c.lemma_ == "have" or c.lower_ in ("has", "have", "had")) for c in clause.children)


def spans(clause: Token) -> bool:
    """Told with a span of its own ("who was jailed for five years", "held in prison for three decades"): a state
    that lasted. "for" on the clause's verb takes any time ("for more than six months"); one deeper in its phrases
    a unit of time ("for Monday" on a noun is no span); one in a clause within it is that clause's ("which led
    ECOWAS to impose sanctions for six months")."""
    for t in clause.subtree:
        if t.lower_ != "for" or t.dep_ != "prep":
            continue
        node = t.head
        while node.i != clause.i and node.dep_ not in CLAUSES and node.head.i != node.i:
            node = node.head
        if node.i != clause.i:
            continue
        if any(g.dep_ == "pobj" and (g.lemma_.lower() in STATE_UNITS or t.head.i == clause.i and g.ent_type_ == "DATE")
               for g in t.children):
            return True
    return False


def describes(node: Token) -> bool:
    """Whether `node` heads a relative clause on a noun that tells a state leading up to the sentence's time: the
    perfect or a span. A clause in the simple past with no span ("Lukashenko, who agreed to release 52 prisoners",
    "a delegation, which brought news") goes on with the story."""
    return node.dep_ == "relcl" and node.head.pos_ in NOUNISH and (perfect(node) or spans(node))


def describing_clauses(tok: Token) -> Iterator[Token]:
    """The describing relative clauses that hold `tok` (it heading one, or any of its ancestors), nearest first."""
    return (node for node in (tok, *tok.ancestors) if describes(node))


def describing_clause(tok: Token) -> Token | None:
    """The nearest describing relative clause that holds `tok`, or None."""
    return next(describing_clauses(tok), None)


def set_off(clause: Token) -> bool:
    """Set off from its noun by a comma or a dash ("Iran, which has ...", "X and Y - who were ..."): it adds to a
    noun already named; without one it picks out which ("the drone that had entered its airspace"), and may be news."""
    return any(t.text in (",", *DASHES) for t in clause.doc[clause.head.i + 1:clause.left_edge.i])


def own_point_time(clause: Token) -> bool:
    """Whether a clause says when it happened itself: a time expression not inside a clause within it and not
    a span ("sentenced for crimes committed in 1999" has none; "detained for six years" says how long, not when)."""
    lo, hi = clause.left_edge.i, clause.right_edge.i
    for ent in doc_ents(clause.doc):
        if ent.label_ not in ("DATE", "TIME") or ent.start < lo or ent.end - 1 > hi:
            continue
        root = ent.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head  # "for four years and three years"
        if root.dep_ == "pobj" and root.head.lower_ in ("for", "over"):
            continue  # a duration
        node = root
        while node.i != clause.i and node.dep_ not in ("acl", "relcl", "advcl", "ccomp") and node.head.i != node.i:
            node = node.head
        if node.i == clause.i:
            return True
    return False


def timeless_description(node: Token) -> bool:
    """A describing clause set off from its noun with no time of its own: it tells no happening at all."""
    return describes(node) and set_off(node) and not own_point_time(node)
