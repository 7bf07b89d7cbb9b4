"""Speakers: who says the words a token stands in -- the subject of the speech verb its clause hangs on,
of the verb after its quotation closes, or of the quotation just before. "We" and "our" are that
speaker's side; a judgement ("a flagrant violation") is the speaker's, and words no one is quoted as
saying are the writer's own.

Entry points: `speaker(tok, np_actor)`, `said_by(tok, np_actor)`; `np_actor` is the document's
resolver of a noun phrase (`references.DocContext.np_actor`), passed in so that this module needs no
document state.
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Token

from .model import ActorRef
from .speech_words import speech_words

# "we", "our", "I" in quoted or reported speech: the side of the one who speaks ("'We will respond,' the minister said")
SPEAKER_PRONOUNS = {"we", "us", "our", "ours", "i", "me", "my", "mine"}
SPEECH_LEMMAS = speech_words("speaker_verbs")  # data/speech.yaml

Resolver = Callable[[Token], "ActorRef | None"]


def says(tok: Token) -> bool:
    """A verb of saying ("said", "warned", "told")."""
    return tok.lemma_.lower() in SPEECH_LEMMAS and tok.pos_ in ("VERB", "AUX")


def _as_speaker(ref: ActorRef, tok: Token) -> ActorRef:
    """`tok` as said by the side `ref` resolves to."""
    return ActorRef(ref.code, ref.sector, tok.text, ref.actor_id, "speaker:" + ref.entity_text)


def speaker(tok: Token, np_actor: Resolver) -> ActorRef | None:
    """The side a first-person plural speaks for: the subject of the speech verb that reports its clause
    ("'We will retaliate,' the Greek minister said" -> Greece); None outside reported speech."""
    node = tok.head
    for _ in range(6):
        if says(node):
            ref = _saying_subject(node, np_actor, skip=tok.i)
            return _as_speaker(ref, tok) if ref is not None else None
        if node.head.i == node.i:
            return quote_speaker(tok, np_actor)
        node = node.head
    return quote_speaker(tok, np_actor)


def quote_speaker(tok: Token, np_actor: Resolver) -> ActorRef | None:
    """The side speaking in a quotation that runs over several sentences: the subject of the speech verb
    after the quote closes ('"We decided together. I call on them to stop," he added.' -> "he")."""
    doc = tok.doc
    line_start = next((t.i + 1 for t in reversed(doc[:tok.i]) if "\n" in t.text or "\n" in t.whitespace_), 0)
    before = [t.text for t in doc[line_start:tok.i]]
    curly = before.count("\u201c") > before.count("\u201d")
    if not (curly or before.count('"') % 2 == 1):
        return None  # not inside a quotation
    closing = "\u201d" if curly else '"'
    end = next((t.i for t in doc[tok.i:min(len(doc), tok.i + 400)] if t.text == closing or "\n" in t.whitespace_), None)
    if end is None or doc[end].text != closing:
        return None
    after = doc[end + 1:doc[end].sent.end] if doc[end].sent.end > end + 1 else doc[end + 1:end + 1]
    verb = next((v for v in after if says(v)), None)
    ref = _saying_subject(verb, np_actor) if verb is not None else None
    return _as_speaker(ref, tok) if ref is not None and ref.code else None


def said_by(tok: Token, np_actor: Resolver) -> ActorRef | None:
    """Who says the words holding `tok`: the subject of the speech verb they hang on or that follows their
    quote (`speaker`), or, for a sentence that is a quotation on its own, the speaker named just before it
    ('... ," the president wrote. "This is a violation."'); None for the writer's own words."""
    ref = speaker(tok, np_actor)
    if ref is not None:
        return ref
    sent = tok.sent
    if sent[0].text not in ("\u201c", '"') or sent.start == 0:
        return None
    prev = tok.doc[sent.start - 1].sent
    if not any(t.text in ("\u201d", '"') for t in prev):
        return None  # the sentence before is no quotation: nothing carries its speaker over
    verb = next((v for v in prev if says(v) and not _quoted(v)), None)
    ref = _saying_subject(verb, np_actor) if verb is not None else None
    return _as_speaker(ref, tok) if ref is not None and ref.code else None


def _saying_subject(verb: Token, np_actor: Resolver, skip: int | None = None) -> ActorRef | None:
    """Who a speech verb's subject is (not a pronoun such as "we", which the speaker stands for)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i != skip
                 and c.lower_ not in SPEAKER_PRONOUNS), None)
    return np_actor(subj) if subj is not None else None


def _quoted(tok: Token) -> bool:
    """Whether `tok` stands inside a quotation of its own line."""
    doc = tok.doc
    line_start = next((t.i + 1 for t in reversed(doc[:tok.i]) if "\n" in t.text or "\n" in t.whitespace_), 0)
    before = [t.text for t in doc[line_start:tok.i]]
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1
