"""A person's name that ends in a word the actor dictionary knows as an organisation ("Therese Kayikwamba
Wagner" is no Wagner Group): the entity ruler marks the last word, the statistical NER the first ones;
this pipeline component joins them into one PERSON span, so the name is resolved as a person. Likewise a
listed person's name followed by the rest of it spelt another way ("Hassan Sheikh" + "Mohammed") is one
span of that person.

Hand-written because spaCy's EntityRuler and NER each see only their own spans; no setting merges them.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span


@Language.component("person_names")
def person_names(doc: Doc) -> Doc:
    out: list[Span] = []
    keep_ids: list[tuple[Span, str]] = []
    changed = False
    for ent in doc.ents:
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
            if span.label_ == "PERSON":
                for t in span:
                    t.ent_id_ = ""  # the organisation's id stays on the words otherwise
        for span, ent_id in keep_ids:
            for t in span:
                t.ent_id_ = ent_id
    return doc
