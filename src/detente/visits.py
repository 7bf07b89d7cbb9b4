"""Visits: where a meeting happens decides who visited whom ("met in Minsk": the side that is not
Belarus travelled), and a visit's recipient is the place visited.

Entry point: `visit_by_place(d, pat, tok, ctx, roles)`.
"""
from __future__ import annotations

from spacy.tokens import Token

from .draft import Draft
from .knowledge import Pattern
from .references import DocContext
from .roles import Roles


def visit_by_place(d: Draft, pat: Pattern, tok: Token, ctx: DocContext, roles: Roles) -> None:
    """A meeting in one side's country is the other side's visit; a visit with no one named visits its place."""
    if d.event == "CONSULT" and d.mode in ("meet", None):
        place = roles.place_of(tok, ctx)
        a_codes = {a.code for a in d.actor}
        r_codes = {r.code for r in d.recipient}
        if place and d.actor and d.recipient:
            pc = place[0].code
            if pc in r_codes and pc not in a_codes:
                d.mode, d.cameo = "visit", "042"
                d.notes.append(f"visit: met in {place[0].entity_text}, the recipient's country")
            elif pc in a_codes and pc not in r_codes:
                d.actor, d.recipient = d.recipient, d.actor
                d.mode, d.cameo = "visit", "042"
                d.notes.append(f"visit: met in {place[0].entity_text}, so the other side travelled")
        if d.mode == "meet":
            d.mode = None
    if pat.mode == "visit" and pat.recipient == "place" and not d.recipient:
        d.recipient = roles.place_of(tok, ctx)
