"""The article's story: the two states it is about (its focus) and the states told as brokering
between them (its mediators) -- what a recipient left unnamed falls back on, and which states are
never a side ("the U.S.-brokered deal").

Entry point: `story_focus(ctx, counts, roles)`, called once as the document's context is built; it
takes the context (`references.DocContext`) because reading a mediator's name resolves references.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from .grammar import DASHES, children, prep_objects
from .doc_ents import doc_ents


def story_focus(ctx, counts: dict[str, int], roles: dict) -> list[str]:
    """The two states the article is about: the two named most, unless one of those is a mediator
    ("the U.S.-brokered deal", "brokered by Qatar", "in the presence of Rubio") or an international
    body; then the two other states the article joins ("Rwanda and the DRC signed"), else the two
    other states named most (at least twice each). Sets `ctx.mediator_codes`."""
    ranked = sorted(counts, key=lambda c: -counts[c])
    ctx.focus = ranked[:2]  # while the mediators are read
    code_at: dict[int, str] = {}
    for ent in doc_ents(ctx.sdoc):
        ref = ctx.resolve_entity(ent)
        if ref is not None and ref.code:
            for i in range(ent.start, ent.end):
                code_at[i] = ref.code
    igos = getattr(ctx.actors, "igo_codes", set())
    brokers = mediators(ctx, code_at, roles)
    ctx.mediator_codes = brokers
    # a state where two others met or swapped ("traded detainees in Qatar", "the Doha round between the
    # Chilean and Peruvian delegations") is named often as the place, yet is no side of the story
    brokers = brokers | venues(ctx, code_at, roles)
    # (an entity another state claims is no state: "Abkhazia signed a deal with Russia" leads a story of the row)
    claimed = {c for c in code_at.values() if (ctx.actors.countries.get(c) or {}).get("claimed_by")}
    lead = lead_pair(ctx, code_at, brokers | igos | claimed)
    if lead:
        return sorted(lead, key=lambda c: -counts.get(c, 0))
    if not any(c in brokers or c in igos for c in ranked[:2]):
        return ranked[:2]
    sides = {c for c in ranked if c not in brokers and c not in igos}
    pairs: dict[tuple[str, str], int] = {}
    for i, a in code_at.items():
        tok = ctx.sdoc[i]
        group = [tok, *tok.conjuncts]
        if tok.i != tok.head.i and code_at.get(tok.head.i) == a or min(t.i for t in group) != i:
            continue  # one count per name (at its head word) and per "A and B"
        codes = [code_at.get(t.i) for t in group]
        # "Rwanda and the DRC", "between Rwanda and the DRC"; not a list of three, nor one with a
        # mediator or an international body in it ("with the AU, Qatar and Togo")
        if len(group) == 2 and len(set(codes)) == 2 and all(c in sides for c in codes):
            key = tuple(sorted(codes))
            pairs[key] = pairs.get(key, 0) + 1
    if pairs:
        best = max(pairs, key=lambda p: (pairs[p], counts.get(p[0], 0) + counts.get(p[1], 0)))
        return sorted(best, key=lambda c: -counts.get(c, 0))
    named = [c for c in ranked if c in sides and counts[c] >= 2]
    return named[:2] if len(named) >= 2 else ranked[:2]


def lead_pair(ctx, code_at: dict[int, str], outside: set[str]) -> list[str]:
    """The two states the first sentence names, when it names exactly two (no mediator, venue or international
    body): a news story's lead tells its pair ("Somalia said it was restoring relations with Kenya ..."), however
    often a helper or a place is named below it (in a text of one sentence, the counts decide). The names of the
    lead's NORP words count ("Greek and Turkish
    leaders met"); a dateline's city does not."""
    sents = iter(ctx.sdoc.sents)
    first = next(sents, None)
    if first is None or next(sents, None) is None:
        return []  # a text of one sentence is all lead: its counts decide
    named: list[str] = []
    for i in range(first.start, first.end):
        code = code_at.get(i)
        if code and code not in outside and code not in named and not ctx.in_dateline(ctx.sdoc[i]):
            named.append(code)
    return named if len(named) == 2 else []


_GLUED = re.compile(r"(.+)[-\u2013\u2014]([a-z]+)$")  # "U.S.-brokered" as one token: the name and the verb


def mediators(ctx, code_at: dict[int, str], roles: dict) -> set[str]:
    """States told as brokering, mediating or hosting between others: "the U.S.-brokered agreement",
    "a deal mediated by Qatar", "Rubio hosted the signing", "in the presence of Rubio" (the words are
    `mediator_verbs` and `mediator_nouns` in roles: of patterns.yaml)."""
    verbs, nouns = roles.get("mediator_verbs", set()), roles.get("mediator_nouns", set())
    out: set[str] = set()

    def codes_of(tok: Token) -> set[str]:
        refs = [ctx.np_actor(t) for t in [tok, *tok.conjuncts]]
        return {r.code for r in refs if r is not None and r.code}

    for tok in ctx.sdoc:
        lemma = tok.lemma_.lower()
        text = tok.text  # (the expression is tried only on a word with a dash: every word is asked)
        glued = _GLUED.match(text) if "-" in text or "\u2013" in text or "\u2014" in text else None  # "U.S.-brokered"
        if glued and glued.group(2) in verbs:
            ref = ctx._resolve_text(glued.group(1))
            if ref is not None and ref.code:
                out.add(ref.code)
        elif lemma in verbs or tok.lower_ in verbs:
            if tok.i >= 2 and tok.nbor(-1).text in DASHES and tok.i - 2 in code_at:
                out.add(code_at[tok.i - 2])  # "the US-mediated process"
            for agent in prep_objects(tok, "by"):
                out |= codes_of(agent)  # "a deal brokered by Qatar and the AU"
            if tok.pos_ == "VERB" and not any(c.dep_ == "auxpass" for c in tok.children) and not any(
                    len(codes_of(o)) == 1 for o in children(tok, "dobj")):
                # "Rubio hosted the signing"; not "Kenya hosted Somaliland's leader": a host of one visitor is
                # a side of the visit, not a go-between
                for subj in children(tok, "nsubj"):
                    out |= codes_of(subj)
        elif lemma in nouns and tok.head.dep_ == "prep":
            for p in prep_objects(tok, "of"):
                out |= codes_of(p)  # "in the presence of the Kenyan foreign minister"
    return out


def venues(ctx, code_at: dict[int, str], roles: dict) -> set[str]:
    """States told only as where two others met, talked or swapped: "Chile and Peru traded detainees in
    Qatar", "the round in Doha between the Chilean and Peruvian teams", "the Doha talks between ..." (the
    nouns are `venue_nouns` in roles: of patterns.yaml). A state among the sides is no venue ("Chile and Qatar
    met in Doha")."""
    nouns = roles.get("venue_nouns", set())
    out: set[str] = set()

    def codes_of(tok: Token) -> set[str]:  # "the Iranian and Belgian sides": one side per nationality
        return {r.code for r in ctx.np_actors(tok) if r.code}

    for tok in ctx.sdoc:
        if tok.lemma_.lower() not in nouns or tok.pos_ != "NOUN":
            continue
        verb = tok.head if tok.dep_ in ("dobj", "nsubjpass") else None
        sides = {c for b in prep_objects(tok, "between") for c in codes_of(b)}
        if verb is not None and len(sides) < 2:
            sides |= {c for s in children(verb, "nsubj") if s.conjuncts for c in codes_of(s)}  # "A and B held talks"
        places = prep_objects(tok, "in", "at") + (prep_objects(verb, "in", "at") if verb is not None else [])
        places += [c for c in tok.children if c.dep_ == "compound" and c.i in code_at]  # "the Muscat talks"
        here = {code_at[p.i] for p in places if p.i in code_at}
        if len(sides) >= 2 and here and not here & sides:
            out |= here
    return out
