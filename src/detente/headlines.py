"""A headline's verb, where the parser read it as a noun.

Headline grammar drops the articles ("Armenia, Azerbaijan exchange prisoners", "Kyrgyzstan and Tajikistan
announce ceasefire"), and the small English model then reads a verb that is also a noun (exchange, swap, trade,
announce) as the first word of one long noun phrase: the line has no verb, and no act is coded from it although a
reader sees one at once. When the article's opening line is a headline (no closing full stop) with no verb at all,
names a state or names first (the subject: one name, or several joined by "and" or a comma), and goes on with a word
that the patterns know as a verb and in the form that agrees with that subject ("exchange" after two names,
"swaps" after one), that word is made the verb: the names its subject, the noun phrase after it its object.
Nothing else in the document changes. Hand-written because no maintained library re-parses headline English; the
repair is the reading a human gives the same words.

Entry point: `repair_headline(sdoc, is_verb)`.
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc, Span, Token

NAME_LABELS = ("ACTOR", "GPE", "ORG", "NORP", "PERSON")
JOINERS = (",", "and", "&")
MAX_WORDS = 20
REPAIRED = "detente.headline_verb"  # the key, in the parse's user_data, of the verb a repair made


def repair_headline(sdoc: Doc, is_verb: Callable[[str], bool]) -> str | None:
    """Repair the parse of the opening line when it is a verbless headline; the verb made, or None. A parse
    repaired before (coded again from the parse an ingest kept: `parse_memo`) says so, with the verb it made."""
    if REPAIRED in sdoc.user_data:  # (user_data travels with the parse's bytes)
        return sdoc.user_data[REPAIRED]
    sent = next((s for s in sdoc.sents if not all(t.is_space for t in s)), None)
    if sent is None or not _headline(sent):
        return None
    words = [t for t in sent if not t.is_space]
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" for t in words):  # ("Omani-mediated deal": no verb)
        return None
    names, k = _subject(words)
    if not names or k >= len(words) - 1:
        return None
    verb = words[k]
    plural = len(names) > 1
    if verb.pos_ != "NOUN" or verb.tag_ != ("NN" if plural else "NNS") or not is_verb(verb.lemma_.lower()):
        return None
    if not verb.whitespace_ and words[k + 1].text in ("-", "\u2010", "\u2011"):
        return None  # "Kyrgyzstan, Tajikistan cease-fire short-lived": one hyphenated noun, no verb
    obj = _object(words, k)
    if obj is None:
        return None
    _rebuild(names, words[:k], verb, obj, words[k + 1:])
    sdoc.user_data[REPAIRED] = verb.text
    return verb.text


def _headline(sent: Span) -> bool:
    """The line alone, short, with no full stop at its end: a headline, not the lede."""
    text = sent.text.strip()
    return bool(text) and "\n" not in text and len(text.split()) <= MAX_WORDS and not text.endswith((".", "!", "?", ":", ";"))


def _subject(words: list[Token]) -> tuple[list[Token], int]:
    """The names the line opens with (the last word of each) and the index of the word after them."""
    names: list[Token] = []
    k = 0
    while k < len(words):
        t = words[k]
        if t.ent_type_ in NAME_LABELS and t.pos_ == "PROPN":
            if k + 1 == len(words) or words[k + 1].ent_iob_ != "I" or words[k + 1].ent_type_ not in NAME_LABELS:
                names.append(t)  # the last word of the name ("S. Korea", "South Korea")
            k += 1
        elif t.lower_ in JOINERS and names:
            k += 1
        elif t.pos_ == "PROPN" and k + 1 < len(words) and words[k + 1].ent_type_ in NAME_LABELS:
            k += 1  # "S." before "Korea"
        else:
            break
    if k and words[k - 1].lower_ in JOINERS:
        return [], k
    return names, k


def _object(words: list[Token], k: int) -> Token | None:
    """The last noun of the noun phrase right after the verb ("war prisoners": "prisoners")."""
    last = None
    for t in words[k + 1:]:
        if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or t.dep_ == "amod" or t.text in ("-", "'", "\u2019"):
            if t.pos_ in ("NOUN", "PROPN"):
                last = t
            continue
        break
    return last


def _rebuild(names: list[Token], before: list[Token], verb: Token, obj: Token, after: list[Token]) -> None:
    """Hang the line on the verb: the first name its subject, the others joined to it, the object its object."""
    verb.pos_, verb.tag_ = "VERB", ("VBP" if len(names) > 1 else "VBZ")
    verb.head, verb.dep_ = verb, "ROOT"
    first = names[0]
    first.head, first.dep_ = verb, "nsubj"
    for t in before:
        if t in names[1:]:
            t.head, t.dep_ = first, "conj"
        elif t.lower_ in JOINERS:
            t.head, t.dep_ = first, ("punct" if t.text == "," else "cc")
        elif t not in names:  # the words of a name before its last ("South" in "South Korea")
            t.head = next(n for n in names if n.i > t.i)
    obj.head, obj.dep_ = verb, "dobj"
    for t in after:
        if t.i < obj.i:
            t.head = obj
            t.dep_ = "compound" if t.pos_ in ("NOUN", "PROPN") else "amod" if t.pos_ in ("ADJ", "VERB") else t.dep_
        elif t.head.i < verb.i or t.head == t:
            t.head = obj  # "... prisoners in Omani-mediated deal": a phrase once hung on a name hangs on the object
