"""One attack told by several words of one sentence ("shelled the town, killing four civilians", "four soldiers
were killed when artillery pounded their post", "a drone strike hit a village, killing three").

Entry point: `one_attack(found)`, on one sentence's coded (token, pattern, mention) triples and the mentions
the coder kept of them. The coder's own repeat rule (`Coder.prune`) joins two tellings only when both name
the same recipient; a consequence told with no recipient ("killing four civilians") or one whose recipient
the parse got as the doer's own side is the same attack whenever its word hangs in the same clause chain as
an attack that names its target.
"""
from __future__ import annotations

from spacy.tokens import Token

from .model import Mention


def _governs(top: Token, low: Token) -> bool:
    """Whether `top` governs `low`: "shelled ..., killing", "were killed when ... pounded", "shelled ..., destroying
    boats and killing a guard"; a verb coordinated with `top` itself ("kidnapped advisers and exploded bombs")
    tells another act."""
    t = low
    while t.head.i != t.i:
        if t.dep_ == "conj" and t.head.i == top.i:
            return False
        t = t.head
        if t.i == top.i:
            return True
    return False


def _linked(a: Token, b: Token) -> bool:
    """Whether two words sit in one clause chain: one governs the other, or both hang on one word (neither
    coordinated with the other: "a strike hit the village, killing three")."""
    return _governs(a, b) or _governs(b, a) or (a.head.i == b.head.i and "conj" not in (a.dep_, b.dep_))


def _targetless(m: Mention) -> bool:
    own = {a.code for a in m.actor if a.code}
    targets = {r.code for r in m.recipient if r.code}
    return not targets or bool(own) and targets <= own


def one_attack(found: list[tuple[Token, object, Mention]], kept: list[Mention]) -> list[Mention]:
    """`kept` without the attacks that only retell, with no target of their own, an attack of the same doer
    in the same clause chain that names its target."""
    token = {id(m): tok for tok, _, m in found}
    attacks = [m for m in kept if m.event == "ASSAULT" and id(m) in token]
    out = []
    for m in kept:
        if m in attacks and _targetless(m):
            own = {a.code for a in m.actor if a.code}
            # the telling that names a target, else the first of two that name none ("a strike hit ..., killing three")
            full = next((o for o in attacks if o is not m and (not _targetless(o) or attacks.index(o) < attacks.index(m))
                         and own <= {a.code for a in o.actor if a.code} and _linked(token[id(m)], token[id(o)])), None)
            if full is not None:
                full.notes.append(f"also told as '{m.trigger}'" + (f" ({m.mode})" if m.mode else ""))
                continue
        out.append(m)
    return out
