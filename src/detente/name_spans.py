"""A person's name that ends in a word the actor dictionary knows as an organisation ("Therese Kayikwamba
Wagner" is no Wagner Group): the entity ruler marks the last word, the statistical NER the first ones;
this pipeline component joins them into one PERSON span, so the name is resolved as a person. Likewise a
listed person's name followed by the rest of it spelt another way ("Hassan Sheikh" + "Mohammed") is one
span of that person. And a listed surname joined by a hyphen to another name part ("Zaghari-Ratcliffe") is
half of someone else's double-barrelled name, not the listed person.

Hand-written because spaCy's EntityRuler and NER each see only their own spans; no setting merges them.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span


def _glued(doc: Doc, i: int) -> bool:
    """Whether token i is a hyphen joining two capitalised name parts with no space ("Zaghari-Ratcliffe")."""
    return 0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_ \
        and doc[i - 1].is_title and doc[i + 1].is_title


def _unlisted(tok) -> bool:
    """A name part the actor ruler did not mark: "Zaghari", not "Trump" in "the Trump-Lukashenko call"."""
    return tok.ent_type_ != "ACTOR"


def _double_barrelled(doc: Doc, ent: Span) -> Span | None:
    """A listed person's surname that is one half of another person's double-barrelled name ("Nazanin
    Zaghari-Ratcliffe" is not the listed Ratcliffe): the whole name, with the given names before it."""
    if ent.label_ != "ACTOR" or not ent.ent_id_.startswith("person:"):
        return None
    start, end = ent.start, ent.end
    while start >= 2 and _glued(doc, start - 1) and _unlisted(doc[start - 2]):
        start -= 2
    while end < len(doc) - 1 and _glued(doc, end) and _unlisted(doc[end + 1]):
        end += 2
    if (start, end) == (ent.start, ent.end):
        return None
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and doc[start - 1].whitespace_ \
            and doc[start - 1].ent_type_ in ("", "PERSON"):
        start -= 1  # the given names
    return Span(doc, start, end, label="PERSON")


def _longer_name(doc: Doc, ent: Span) -> Span | None:
    """A listed body's name that ends a longer name ("Iran's Supreme National Security Council" is no UN
    Security Council): the whole name, as an organisation the dictionary does not list."""
    if ent.label_ != "ACTOR" or not ent.ent_id_.startswith(("org:", "igo:")):
        return None
    start = ent.start
    while start > 0 and doc[start - 1].tag_ == "NNP" and doc[start - 1].is_title and doc[start - 1].whitespace_ \
            and doc[start - 1].ent_type_ in ("", "ORG") and not doc[start - 1].is_sent_start:
        start -= 1
    return Span(doc, start, ent.end, label="ORG") if start < ent.start else None


@Language.component("person_names")
def person_names(doc: Doc) -> Doc:
    out: list[Span] = []
    keep_ids: list[tuple[Span, str]] = []
    changed = False
    for ent in doc.ents:
        whole = _double_barrelled(doc, ent) or _longer_name(doc, ent)
        if whole is not None:
            while out and out[-1].end > whole.start:
                out.pop()  # the given names' own span ("Nazanin Zaghari-")
            out.append(whole)
            changed = True
            continue
        if out and ent.start < out[-1].end:
            changed = True
            continue  # inside the double-barrelled name just made
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == "PERSON" and ent.label_ == "ACTOR" and ent.ent_id_.startswith("org:") \
                and prev.end == ent.start and doc[prev.end - 1].whitespace_ == " " and all(t.is_title for t in ent):
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
            changed = True
            continue
        if prev is not None and prev.label_ == "ACTOR" and prev.ent_id_.startswith("person:") and ent.label_ == "PERSON" \
                and prev.end == ent.start and doc[prev.end - 1].whitespace_ == " " and all(t.is_title for t in ent):
            # "Hassan Sheikh Mohammed": a listed person's name ("Hassan Sheikh") and the rest of it spelt
            # another way; the rest is no person of its own
            out[-1] = Span(doc, prev.start, ent.end, label="ACTOR", kb_id=prev.kb_id, span_id=prev.id)
            keep_ids.append((out[-1], prev.ent_id_))
            changed = True
            continue
        out.append(ent)
    if changed:
        doc.ents = out
        for span in out:
            if span.label_ in ("PERSON", "ORG"):
                for t in span:
                    t.ent_id_ = ""  # the organisation's id stays on the words otherwise
        for span, ent_id in keep_ids:
            for t in span:
                t.ent_id_ = ent_id
    return doc
