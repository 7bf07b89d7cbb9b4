"""Mention building: the last step of coding a trigger -- how the way it was found moves its
confidence, how many people it concerns (`quantities.event_count`), its Goldstein and PLOVER weights, its stable id and the
evidence it keeps (sentence, offsets, trigger, rule, notes).

Entry point: `build_mention(d, pat, tok, si, sent, obj, ctx, knowledge, triggers)`.
"""
from __future__ import annotations

import hashlib

from spacy.tokens import Span, Token

from .draft import Draft
from .knowledge import Knowledge, Pattern
from .model import ActorRef, Mention
from .quantities import event_count
from .references import DocContext
from .triggers import Triggers


def build_mention(d: Draft, pat: Pattern, tok: Token, si: int, sent: Span, obj: Token | None, ctx: DocContext,
                  knowledge: Knowledge, triggers: Triggers) -> Mention:
    """The `Mention` a finished draft makes, with its evidence."""
    d.confidence += confidence_adjustment(tok, d.actor, d.notes)
    quantity = event_count(d, obj, sent, ctx, triggers)
    goldstein, plover_score = knowledge.weights(d.event, d.mode, d.cameo)
    doc = ctx.doc
    mid = hashlib.sha1(f"{doc.id}:{tok.idx}:{pat.id}".encode()).hexdigest()[:16]
    return Mention(
        doc_id=doc.id, doc_name=doc.name, sent_index=si, sentence=sent.text.strip(),
        sent_start=sent.start_char, trigger=tok.text, trigger_start=tok.idx, trigger_end=tok.idx + len(tok),
        event=d.event, mode=d.mode, cameo=d.cameo, goldstein=goldstein, plover_score=plover_score,
        actor=d.actor, recipient=d.recipient, quantity=quantity, rule=pat.id,
        confidence=round(max(0.05, min(1.0, d.confidence)), 2), notes=d.notes, id=mid)


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
