"""A parse's named entities, read once per document: spaCy's `Doc.ents` builds a span for every entity at each
read, and `Span.ents` reads the whole document's again, and the coding, dating and claims stages asked them
hundreds of times an article (a fifth of a millisecond each)."""
from __future__ import annotations

_last: tuple = (None, ())  # (the last document asked, its entities): the stages read one document at a time


def doc_ents(doc) -> tuple:
    """`doc.ents`, kept for the last document asked (its entities are final once it is parsed)."""
    global _last
    held = _last
    if held[0] is doc:
        return held[1]
    found = doc.ents
    _last = (doc, found)
    return found


def span_ents(span) -> list:
    """`span.ents`: the entities wholly within the span, as spaCy gives them (it stops at the first entity that
    starts within the span and ends after it), from `doc_ents`."""
    out = []
    start, end = span.start, span.end
    for ent in doc_ents(span.doc):
        if ent.start >= start:
            if ent.end <= end:
                out.append(ent)
            else:
                break
    return out
