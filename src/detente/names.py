"""Names: who a name in the article is -- the actor dictionary's answer on the document's date, a
surname or family name of someone the article named in full before, a guess from a title or
nationality word for a name the dictionary lacks, and the body a short name several bodies bear
stands for here ("AFP" in a story about the Philippines is its armed forces).

`Names` is built once per document, before its references are read (`references.DocContext`);
its entry points are `resolve_entity(ent)` and `resolve_text(text)`.
"""
from __future__ import annotations

import re
from typing import Callable

from spacy.tokens import Doc, Span

from .actors import ActorDictionary
from .model import ActorRef, Document
from .doc_ents import doc_ents, span_ents


class Names:
    """The names of one document and who they are, with the guesses and surnames it has learned."""

    def __init__(self, doc: Document, sdoc: Doc, actors: ActorDictionary, on, institution_words: set,
                 home: Callable[[], list[ActorRef]]):
        self.doc, self.sdoc, self.actors, self.on = doc, sdoc, actors, on
        self.institution_words = institution_words  # "Foreign Ministry spokesman Li Wei": a state body's title
        self.home = home  # the dateline's country, for an official whose state the sentence does not name
        self.guessed: dict[str, ActorRef | None] = {}
        self.first_names: dict[str, ActorRef] = {}  # first word of a guessed name: "Mao" for "Mao Ning"
        self._resolved: dict[str, ActorRef | None] = {}
        self.readings = self.shared_readings()  # "AFP" in a story about the Philippines: its armed forces
        self.surnames: dict[str, ActorRef | None] = {}  # last word of a listed person named in full -> them
        # the words of people's full names, to know a lone surname for a person's later ("Kowalska's trial")
        self.person_words = {t.lower_ for e in doc_ents(sdoc) if e.label_ == "PERSON" and len(e) > 1 for t in e if t.is_title}

    def learn(self, ent: Span, ref: ActorRef) -> None:
        """Remember a listed person named in full by surname (and family name first, "Mao Ning")."""
        if len(ent) > 1 and (ref.actor_id or "").startswith("person:"):
            last = ent[-1].lower_
            seen = self.surnames.get(last, ref)
            # two people of one surname in the article: the surname alone is neither
            self.surnames[last] = ref if seen is not None and seen.actor_id == ref.actor_id else None
            if len(ent) == 2 and ent[0].is_title and len(ent[0]) > 2:
                # "Mao Ning ... Mao urged": a family name may come first (a lone name only, as for guesses)
                self.first_names.setdefault(ent[0].lower_, ref)

    def shared_readings(self) -> dict[str, str]:
        """For each short name several bodies bear (`shared:` in the actor files) that the article uses, the
        name of the body it stands for when that is not the usual one: a body of a state the article names
        ("AFP chief" in a story about the Philippines is the Armed Forces of the Philippines; in one about
        nobody's army, the news agency). The reading whose state the article names most wins."""
        shared = getattr(self.actors, "shared", None) or {}
        # (the expression only where the form stands at all: a scan of the text for each form, each article)
        used = [f for f in shared if f in self.doc.text and re.search(rf"(?<![\w.]){re.escape(f)}(?!\w)", self.doc.text)]
        if not used:
            return {}
        named: dict[str, int] = {}
        for ent in doc_ents(self.sdoc):
            if ent.label_ in ("ACTOR", "NORP", "GPE") and not any(
                    re.search(rf"(?<![\w.]){re.escape(f)}(?!\w)", ent.text) for f in used):
                ref = self.actors.resolve(ent.text, on=self.on)
                if ref is not None and ref.code:
                    named[ref.code] = named.get(ref.code, 0) + 1
        out = {}
        for form in used:
            default, *others = shared[form]
            codes = {k: self.shared_code(k) for k in shared[form]}
            best = max(others, key=lambda k: named.get(codes[k], 0))
            if named.get(codes[best], 0) > named.get(codes[default], 0) or (
                    named.get(codes[best], 0) and (self.actors.role_on(default, self.on) or {}).get("sector") == "MED"):
                out[form] = self.shared_name(best)  # a news agency is named as a source, not as a side
        return out

    def shared_code(self, key: str) -> str | None:
        """The code a reading of a shared name stands for: a named actor's on the day, or a country's or body's
        ("capital:EU", "country:BEL": "Brussels" is the EU's seat and Belgium's capital)."""
        kind, _, code = key.partition(":")
        if kind in ("country", "capital", "metonym", "igo") and code in self.actors.countries:
            return code
        return (self.actors.role_on(key, self.on) or {}).get("code")

    def shared_name(self, key: str) -> str:
        """The name a shared form is read as, for the dictionary to resolve: a country's first name, or an actor's."""
        kind, _, code = key.partition(":")
        if kind == "country" and code in self.actors.countries:
            return str(self.actors.countries[code]["names"][0])
        return str(self.actors.actors[key]["name"])

    def unshare(self, text: str) -> str:
        """`text` with each shared short name replaced by the name of the body it stands for here."""
        for form, name in self.readings.items():
            if form not in text:
                continue
            text = re.sub(rf"(?<![\w.]){re.escape(form)}(?!\w)", name, text)
        return text

    def resolve_text(self, text: str) -> ActorRef | None:
        """The dictionary's actor for `text` on the document's date."""
        # cached per document (a cache on the method would keep every document's context alive)
        if text not in self._resolved:
            read = self.unshare(text) if self.readings else text
            ref = self.actors.resolve(read, on=self.on)
            if ref is not None and read != text and ref.entity_text == read:
                # the article's own words stay the evidence; the note says how the shared name was read
                ref = ActorRef(ref.code, ref.sector, text, ref.actor_id, f"{ref.how}; shared name read as {read}")
            self._resolved[text] = ref
        return self._resolved[text]

    def resolve_entity(self, ent: Span) -> ActorRef | None:
        """Who a named entity is: the dictionary's actor, a surname named in full before, or a guess."""
        if ent.label_ not in ("ACTOR", "NORP", "GPE", "PERSON", "ORG", "LOC", "FAC"):
            return None
        if ent.ent_id_.startswith("org:") and self.guessed.get(ent.text.lower()) is not None:
            # "Therese Kayikwamba Wagner ... Wagner said": the surname of a person named before
            return self.guessed[ent.text.lower()]
        ref = self.resolve_text(ent.text)
        if ref is None and ent.label_ in ("PERSON", "ORG") and len(ent) == 1 and self.surnames.get(ent.text.lower()):
            # "Ilham Aliyev ... Aliyev said": a surname the dictionary leaves out (several people bear it) is
            # the listed person the article named in full before
            ref = self.surnames[ent.text.lower()]
            return ActorRef(ref.code, ref.sector, ent.text, ref.actor_id, "coref:" + ref.entity_text)
        if ref is not None and ent.label_ == "PERSON" and len(ent) > 1 and (ref.actor_id or "").startswith("org:") \
                and self.actors.resolve(ent[:-1].text, on=self.on) is None:
            ref = None  # "Therese Kayikwamba Wagner": a person whose surname is an organisation's name
        if ref is None and ent.label_ in ("PERSON", "ORG", "NORP"):
            ref = self.guess(ent)
        return ref

    def guess(self, ent: Span) -> ActorRef | None:
        """A name the dictionary lacks, guessed by the actor stage from its title, apposition or
        nationality word; later mentions of the same name ("Kofi Annan" ... "Annan") reuse the guess."""
        key = ent.text.lower()
        last = ent[-1].lower_ if ent.label_ == "PERSON" else None
        if key in self.guessed:
            return self.guessed[key]
        if last and last in self.guessed:
            return self.guessed[last]
        if len(ent) == 1 and key in self.first_names:
            return self.first_names[key]
        fn = getattr(self.actors, "guess", None)
        ref = None
        if fn is not None:
            try:
                ref = fn(ent.text, self.unshare(ent.sent.text) if self.readings else ent.sent.text, self.on)
                if ent.label_ in ("PERSON", "ORG"):  # "John Cole, a U.S. envoy": a slip of a listed name
                    ref = self.actors.variant_of(ent.text, ref, self.on) or ref
            except Exception as exc:  # a guesser bug must not lose the document; explain shows the note
                ref, self.guess_errors = None, [*getattr(self, "guess_errors", []), f"{ent.text}: {exc}"]
        if ref is None and ent.label_ == "PERSON":
            ref = self.official_of_place(ent)
        self.guessed[key] = ref
        if last and ref is not None:
            self.guessed[last] = ref
            for t in ent[:-1]:  # "Mao Ning ... Mao said": a family name may come first (a lone name only)
                if t.is_title and len(t) > 2:
                    self.first_names.setdefault(t.lower_, ref)
        return ref

    def official_of_place(self, ent: Span) -> ActorRef | None:
        """A person titled by a state body with no state named ("Foreign Ministry spokesman Li Wei said at a
        news conference in Beijing"): an official of the state whose capital or country the sentence puts the
        act in, else of the dateline's; None when the title is no state body's."""
        title = []
        for t in reversed(self.sdoc[max(ent.sent.start, ent.start - 5):ent.start]):
            if not (t.is_alpha and t.pos_ in ("PROPN", "NOUN", "ADJ")):
                break  # "the authorities have had since Meng was arrested": a title runs up to the name unbroken
            title.insert(0, t)
        words = " ".join(t.lower_ for t in title)
        if not title or not any(w in words.split() or (" " in w and w in words) for w in self.institution_words):
            return None
        for other in span_ents(ent.sent):  # (the context's entity index is still being built)
            t = other.root
            if t.dep_ == "pobj" and t.head.lower_ in ("in", "at") and other.start != ent.start:
                ref = self.resolve_text(other.text)
                if ref is not None and ref.code and ref.basis in ("capital", "metonym", "country"):
                    return ActorRef(ref.code, "GOV", ent.text, None, f"guess:official in {other.text}")
        home = self.home()
        if home:
            return ActorRef(home[0].code, "GOV", ent.text, None, "guess:official (dateline)")
        return None

    def title_of(self, ref: ActorRef) -> str:
        """The listed title of a named actor on the document's date, lower case ("" when unlisted)."""
        if not ref.actor_id:
            return ""
        return str((self.actors.role_on(ref.actor_id, self.on) or {}).get("title") or "").lower()
