"""A person's name that ends in a word the actor dictionary knows as an organisation ("Therese Kayikwamba
Wagner" is no Wagner Group): the entity ruler marks the last word, the statistical NER the first ones;
this pipeline component joins them into one PERSON span, so the name is resolved as a person.

Hand-written because spaCy's EntityRuler and NER each see only their own spans; no setting merges them.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span


@Language.component("person_names")
def person_names(doc: Doc) -> Doc:
    out: list[Span] = []
    changed = False
    for ent in doc.ents:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == "PERSON" and ent.label_ == "ACTOR" and ent.ent_id_.startswith("org:") \
                and prev.end == ent.start and doc[prev.end - 1].whitespace_ == " " and all(t.is_title for t in ent):
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
            changed = True
            continue
        out.append(ent)
    if changed:
        doc.ents = out
        for span in out:
            if span.label_ == "PERSON":
                for t in span:
                    t.ent_id_ = ""  # the organisation's id stays on the words otherwise
    return doc
