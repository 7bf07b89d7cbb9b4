"""Releasers: who freed people when the sentence names no one ("three people were freed") -- the
country they were held in, else the article's main country; and across the article, whoever it says
releases people.

Entry points: `Releasers(knowledge, triggers).agentless(d, pat, tok, obj, sent, ctx)` for one mention,
`fill_releasers(mentions)` for an article's.
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Span, Token

from .draft import Draft
from .grammar import prep_objects
from .knowledge import Knowledge, Pattern
from .model import ActorRef, Mention
from .references import DocContext
from .triggers import Triggers


class Releasers:
    """The releaser of an agentless release, from the words on the people and the article's focus."""

    def __init__(self, knowledge: Knowledge, triggers: Triggers):
        self.k, self.triggers = knowledge, triggers

    def agentless(self, d: Draft, pat: Pattern, tok: Token, obj: Token | None, sent: Span, ctx: DocContext) -> None:
        """Give an agentless release its releaser: the country holding the prisoners."""
        holders = [c for c in ctx.focus if c not in {r.code for r in d.recipient}]  # "were handed back to X": not X
        release = d.event in ("RETREAT", "CONCEDE") and (d.mode == "release" or pat.mode == "release")
        if not d.actor and release:
            holder = self.held_in(obj, ctx)
            if holder is not None:  # "Nouri, who had been in detention in Sweden, was freed": Sweden freed him
                d.actor = [ActorRef(holder.code, "GOV", holder.entity_text, None, "held: the country they were held in")]
                d.notes.append(f"actor: the country they were held in ({holder.code})")
                d.recipient = [r for r in d.recipient if r.code != holder.code]
        if not d.actor and release and holders and not self.abduction_told(sent, tok):
            d.actor = [ActorRef(holders[0], "GOV", "", None, "context: the country the article is about")]
            d.notes.append(f"actor from context ({holders[0]}, the article's main country)")
            d.confidence -= 0.15

    def held_in(self, person: Token | None, ctx: DocContext) -> ActorRef | None:
        """The country an agentless release's people were held in, when a clause on them says so ("two
        Swedes who had been detained in Iran", "a Kenyan held in Somalia"): the releaser."""
        if person is None:
            return None
        words = set(self.k.roles.get("holding_words") or ())
        # the clause may hang on the last of several people ("X, a UN official, and another Chilean who were
        # held in Peru") or on an apposition
        people = {person.i} | {c.i for c in person.conjuncts} | {c.i for c in person.children if c.dep_ == "appos"}
        for clause in person.subtree:
            if clause.dep_ not in ("relcl", "acl") or clause.head.i not in people:
                continue
            for t in clause.subtree:
                if t.lemma_.lower() in words:
                    for p in prep_objects(t, "in") + (prep_objects(t.head, "in") if t.dep_ == "pobj" else []):
                        ref = ctx.np_actor(p, direct=True)
                        if ref is not None and ref.code:
                            return ref
        return None

    def abduction_told(self, sent: Span, tok: Token) -> bool:
        """ "was abducted last April near Paris, before being released the following day": an agentless
        release of someone the same sentence says was kidnapped was the kidnappers' doing, not a state's."""
        return any(t.i != tok.i and any(p.mode == "abduct" for p in self.triggers.patterns_for(t)) for t in sent)


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
