"""Quantities: how many people an act concerns ("14 prisoners", "fourteen prisoners", "a U.S. citizen").

Entry points: `quantity(obj, ctx, triggers)`; for a coded act, `event_count(d, obj, sent, ctx, triggers)`.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .draft import JOINT_NOTE, Draft
from .exchanges import per_side, word_value
from .grammar import prep_objects
from .model import Quantity
from .references import DocContext
from .triggers import Triggers

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12,
}


def to_number(tok: Token) -> float | None:
    return word_value(tok.text, NUMBER_WORDS)


def quantity(obj: Token | None, ctx: DocContext, triggers: Triggers) -> Quantity | None:
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
        if t.dep_ == "nummod" and t.head.i != obj.i and triggers.in_class(t.head, "person", ctx):
            n = to_number(t)
            if n is not None:
                return Quantity(n, "person", f"{t.text} {t.head.text}")
    people = [obj, *obj.conjuncts]
    if len(people) >= 2 and all(p.tag_ in ("NN", "NNP") and triggers.in_class(p, "person", ctx) for p in people):
        # "arrested Carlos Rivas and Jorge Salas": each one person, however many are named
        return Quantity(float(len(people)), "person", " and ".join(p.text for p in people))
    if obj.tag_ == "NN" and triggers.in_class(obj, "person", ctx):
        dets = {c.lower_ for c in obj.children if c.dep_ in ("det", "nummod", "amod")}
        if dets & {"a", "an", "one", "the", "last", "first"}:
            return Quantity(1.0, "person", obj.text)
    return None


def event_count(d: Draft, obj: Token | None, sent: Span, ctx: DocContext, triggers: Triggers) -> Quantity | None:
    """How many people the act concerns: counted for releases, expulsions and coercion of people only."""
    # "expelled 12 diplomats" is counted like "deported 12 migrants" (tellings with different counts are two acts)
    count = quantity(obj, ctx, triggers) if (d.mode in ("release", "expel") or d.event == "COERCE"
                                             and d.mode != "seize") \
        else None  # "seized two boats" counts no people
    if count is not None and JOINT_NOTE in d.notes:  # "exchanged 32 prisoners": both sides' count together ...
        count = per_side(count, sent.text, d.notes, NUMBER_WORDS)  # ... unless told per side ("each side freeing 16")
    return count
