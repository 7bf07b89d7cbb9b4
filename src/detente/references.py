"""Who a noun phrase or pronoun in a document denotes: names, titles, nationality words, "the envoy",
"he", "the two governments", resolved against the actor dictionary on the document's date.

`DocContext` is built once per document; its entry point is `np_actors(head)`.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .actors import ActorDictionary
from .grammar import DASHES, RELATIVE, children, prep_objects
from .ingest import dateline_spans
from .model import ActorRef, Document

# Role nouns that, after "the", name someone already mentioned ("the envoy said ...").
SHORT_REFERENCES = {"envoy", "minister", "president", "leader", "diplomat", "ambassador", "premier", "chancellor",
                    "spokesman", "spokeswoman", "spokesperson", "official", "emissary", "negotiator", "secretary"}
PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
STATE_PRONOUNS = {"it", "its"}
PLURAL_PRONOUNS = {"they", "them", "their"}
# "we", "our", "I" in quoted or reported speech: the side of the one who speaks ("'We will respond,' the minister said")
SPEAKER_PRONOUNS = {"we", "us", "our", "ours", "i", "me", "my", "mine"}
REPORT_LEMMAS = {"claim", "admit", "deny", "confirm", "report", "acknowledge", "insist", "allege"}
SPEECH_LEMMAS = {"say", "tell", "add", "state", "declare", "insist", "warn", "write", "announce", "stress", "vow"}


def _says(tok: Token) -> bool:
    """A verb of saying ("said", "warned", "told")."""
    return tok.lemma_.lower() in SPEECH_LEMMAS and tok.pos_ in ("VERB", "AUX")


def _as_speaker(ref: ActorRef, tok: Token) -> ActorRef:
    """`tok` as said by the side `ref` resolves to."""
    return ActorRef(ref.code, ref.sector, tok.text, ref.actor_id, "speaker:" + ref.entity_text)


class DocContext:
    """Per-document state: actor mentions in order (for pronouns) and the document's focus countries."""

    def __init__(self, doc: Document, sdoc: Doc, actors: ActorDictionary, on, roles: dict | None = None):
        self.doc, self.sdoc, self.actors, self.on = doc, sdoc, actors, on
        roles = roles or {}  # word lists of `roles:` in patterns.yaml
        self.member_nouns = roles.get("member_nouns", set())  # "its soldiers": a pronoun owner's country
        self.pair_nouns = roles.get("pair_nouns", set())  # "the two governments": the article's two countries
        self.role_modifiers = roles.get("role_modifiers", set())  # "the prime minister": still a short reference
        # "the ministry", "the government": the body of that name the article named before
        self.institution_words = roles.get("institutions", set())
        self.bodies = {w for w in self.institution_words if " " not in w}
        self.posted_nouns = roles.get("posted_nouns", set())  # "the ambassador in Baku" serves there
        self.land_nouns = roles.get("land_nouns", set())  # "its territory": the owner's land, as a place
        self.attacker_nouns = roles.get("attacker_nouns", set())  # "the attackers": who did the attack told before
        self.inert_places = roles.get("inert_places", set())  # "a village that killed nine": a place does not act
        self.relational_nouns = roles.get("relational_nouns", set())  # "Moscow ally Belarus" is Belarus, not Moscow
        self.owner_participles = roles.get("owner_participles", set())  # "a Turkish-owned ship" is Turkey's
        self.branch_nouns = roles.get("branch_nouns", set())  # "the Spanish branch of the movement" is the movement's
        self.acts: list[tuple[int, str, list[ActorRef]]] = []  # (trigger index, event, actors) as the coder finds them
        self.ent_at: dict[int, Span] = {}
        self.guessed: dict[str, ActorRef | None] = {}
        self.first_names: dict[str, ActorRef] = {}  # first word of a guessed name: "Mao" for "Mao Ning"
        self._resolved: dict[str, ActorRef | None] = {}
        self.history: list[tuple] = []  # (token index, ref, kind, is_subject, sentence start)
        self.datelines = dateline_spans(doc.text)
        self.readings = self.shared_readings()  # "AFP" in a story about the Philippines: its armed forces
        counts: dict[str, int] = {}
        self.surnames: dict[str, ActorRef | None] = {}  # last word of a listed person named in full -> them
        # the words of people's full names, to know a lone surname for a person's later ("Kowalska's trial")
        self.person_words = {t.lower_ for e in sdoc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e if t.is_title}
        for ent in sdoc.ents:
            for t in ent:
                self.ent_at[t.i] = ent
            ref = self.resolve_entity(ent)
            if ref is not None and len(ent) > 1 and (ref.actor_id or "").startswith("person:"):
                last = ent[-1].lower_
                seen = self.surnames.get(last, ref)
                # two people of one surname in the article: the surname alone is neither
                self.surnames[last] = ref if seen is not None and seen.actor_id == ref.actor_id else None
                if len(ent) == 2 and ent[0].is_title and len(ent[0]) > 2:
                    # "Mao Ning ... Mao urged": a family name may come first (a lone name only, as for guesses)
                    self.first_names.setdefault(ent[0].lower_, ref)
            if ref is not None:
                kind = "person" if (ent.ent_id_ or "").startswith("person:") or ent.label_ == "PERSON" else "state"
                filed = any(a <= ent.start_char < b for a, b in self.datelines)
                subject = (ent.root.dep_ in ("nsubj", "nsubjpass") or (
                    ent.root.dep_ == "compound" and ent.root.head.dep_ in ("nsubj", "nsubjpass"))) and not filed
                role = ent.root.head
                if ent.label_ in ("NORP", "GPE") and ent.root.dep_ in ("amod", "compound") and \
                        role.lemma_.lower() in SHORT_REFERENCES:
                    # "the Chilean president said he ...": a person named by a role, for "he"
                    kind, subject = "person", role.dep_ in ("nsubj", "nsubjpass")
                    ref = self._resolve_text(" ".join(t.text for t in role.subtree if t.i <= role.i)) or ref
                self.history.append((ent.start, ref, kind, subject, ent.sent.start))
                if ent.label_ != "NORP" and not filed:
                    # a dateline ("MOSCOW (Reuters) -") says where and by whom the report was filed: neither its
                    # city nor its agency is a side of the story
                    counts[ref.code] = counts.get(ref.code, 0) + 1
        self.mediator_codes: set[str] = set()
        self.focus = self.dyad(counts, roles)

    def dyad(self, counts: dict[str, int], roles: dict) -> list[str]:
        """The two states the article is about: the two named most, unless one of those is a mediator
        ("the U.S.-brokered deal", "brokered by Qatar", "in the presence of Rubio") or an international
        body; then the two other states the article joins ("Rwanda and the DRC signed"), else the two
        other states named most (at least twice each)."""
        ranked = sorted(counts, key=lambda c: -counts[c])
        self.focus = ranked[:2]  # while the mediators are read
        code_at: dict[int, str] = {}
        for ent in self.sdoc.ents:
            ref = self.resolve_entity(ent)
            if ref is not None and ref.code:
                for t in ent:
                    code_at[t.i] = ref.code
        igos = getattr(self.actors, "igo_codes", set())
        brokers = self.mediators(code_at, roles)
        self.mediator_codes = brokers
        if not any(c in brokers or c in igos for c in ranked[:2]):
            return ranked[:2]
        sides = {c for c in ranked if c not in brokers and c not in igos}
        pairs: dict[tuple[str, str], int] = {}
        for i, a in code_at.items():
            tok = self.sdoc[i]
            group = [tok, *tok.conjuncts]
            if tok.i != tok.head.i and code_at.get(tok.head.i) == a or min(t.i for t in group) != i:
                continue  # one count per name (at its head word) and per "A and B"
            codes = [code_at.get(t.i) for t in group]
            # "Rwanda and the DRC", "between Rwanda and the DRC"; not a list of three, nor one with a
            # mediator or an international body in it ("with the AU, Qatar and Togo")
            if len(group) == 2 and len(set(codes)) == 2 and all(c in sides for c in codes):
                key = tuple(sorted(codes))
                pairs[key] = pairs.get(key, 0) + 1
        if pairs:
            best = max(pairs, key=lambda p: (pairs[p], counts.get(p[0], 0) + counts.get(p[1], 0)))
            return sorted(best, key=lambda c: -counts.get(c, 0))
        named = [c for c in ranked if c in sides and counts[c] >= 2]
        return named[:2] if len(named) >= 2 else ranked[:2]

    def mediators(self, code_at: dict[int, str], roles: dict) -> set[str]:
        """States told as brokering, mediating or hosting between others: "the U.S.-brokered agreement",
        "a deal mediated by Qatar", "Rubio hosted the signing", "in the presence of Rubio" (the words are
        `mediator_verbs` and `mediator_nouns` in roles: of patterns.yaml)."""
        verbs, nouns = roles.get("mediator_verbs", set()), roles.get("mediator_nouns", set())
        out: set[str] = set()

        def codes_of(tok: Token) -> set[str]:
            refs = [self.np_actor(t) for t in [tok, *tok.conjuncts]]
            return {r.code for r in refs if r is not None and r.code}

        for tok in self.sdoc:
            lemma = tok.lemma_.lower()
            glued = re.match(r"(.+)[-\u2013\u2014]([a-z]+)$", tok.text)  # "U.S.-brokered" as one token
            if glued and glued.group(2) in verbs:
                ref = self._resolve_text(glued.group(1))
                if ref is not None and ref.code:
                    out.add(ref.code)
            elif lemma in verbs or tok.lower_ in verbs:
                if tok.i >= 2 and tok.nbor(-1).text in DASHES and tok.i - 2 in code_at:
                    out.add(code_at[tok.i - 2])  # "the US-mediated process"
                for agent in prep_objects(tok, "by"):
                    out |= codes_of(agent)  # "a deal brokered by Qatar and the AU"
                if tok.pos_ == "VERB" and not any(c.dep_ == "auxpass" for c in tok.children):
                    for subj in children(tok, "nsubj"):
                        out |= codes_of(subj)  # "Rubio hosted the signing"
            elif lemma in nouns and tok.head.dep_ == "prep":
                for p in prep_objects(tok, "of"):
                    out |= codes_of(p)  # "in the presence of the Kenyan foreign minister"
        return out

    def shared_readings(self) -> dict[str, str]:
        """For each short name several bodies bear (`shared:` in the actor files) that the article uses, the
        name of the body it stands for when that is not the usual one: a body of a state the article names
        ("AFP chief" in a story about the Philippines is the Armed Forces of the Philippines; in one about
        nobody's army, the news agency). The reading whose state the article names most wins."""
        shared = getattr(self.actors, "shared", None) or {}
        used = [f for f in shared if re.search(rf"(?<![\w.]){re.escape(f)}(?!\w)", self.doc.text)]
        if not used:
            return {}
        named: dict[str, int] = {}
        for ent in self.sdoc.ents:
            if ent.label_ in ("ACTOR", "NORP", "GPE") and not any(
                    re.search(rf"(?<![\w.]){re.escape(f)}(?!\w)", ent.text) for f in used):
                ref = self.actors.resolve(ent.text, on=self.on)
                if ref is not None and ref.code:
                    named[ref.code] = named.get(ref.code, 0) + 1
        out = {}
        for form in used:
            default, *others = shared[form]
            codes = {k: (self.actors.role_on(k, self.on) or {}).get("code") for k in shared[form]}
            best = max(others, key=lambda k: named.get(codes[k], 0))
            if named.get(codes[best], 0) > named.get(codes[default], 0) or (
                    named.get(codes[best], 0) and (self.actors.role_on(default, self.on) or {}).get("sector") == "MED"):
                out[form] = str(self.actors.actors[best]["name"])  # a news agency is named as a source, not as a side
        return out

    def unshare(self, text: str) -> str:
        """`text` with each shared short name replaced by the name of the body it stands for here."""
        for form, name in self.readings.items():
            text = re.sub(rf"(?<![\w.]){re.escape(form)}(?!\w)", name, text)
        return text

    def past_dateline(self, tok: Token | None) -> Token | None:
        """ "VILNIUS, June 22, 2025 - U.S. Special Envoy John Coal visited Minsk": the small model makes the
        dateline's city the subject and the envoy its apposition; the doer is the apposition."""
        if tok is None or not self.in_dateline(tok):
            return tok
        return next((c for c in [*tok.children, *tok.head.children] if c.i != tok.i and not self.in_dateline(c) and (
            c.dep_ in ("appos", "conj") and c.head.i == tok.i or c.dep_ in ("nsubj", "nsubjpass"))), None)

    def home(self) -> list[ActorRef]:
        """The country of the wire dateline ("MANILA, Dec 10, 2023 -"), if the article has one."""
        if not self.datelines:
            return []
        a, b = self.datelines[0]
        city = self.doc.text[a:b].split(",")[0].strip()
        ref = self._resolve_text(city.title()) or self._resolve_text(city)
        return [ActorRef(ref.code, None, "", None, "dateline")] if ref is not None and ref.code else []

    def in_dateline(self, tok: Token) -> bool:
        return any(a <= tok.idx < b for a, b in self.datelines)

    def _resolve_text(self, text: str) -> ActorRef | None:
        # cached per document (a cache on the method would keep every document's context alive)
        if text not in self._resolved:
            self._resolved[text] = self.actors.resolve(self.unshare(text) if self.readings else text, on=self.on)
        return self._resolved[text]

    def resolve_entity(self, ent: Span) -> ActorRef | None:
        if ent.label_ not in ("ACTOR", "NORP", "GPE", "PERSON", "ORG", "LOC", "FAC"):
            return None
        if ent.ent_id_.startswith("org:") and self.guessed.get(ent.text.lower()) is not None:
            # "Therese Kayikwamba Wagner ... Wagner said": the surname of a person named before
            return self.guessed[ent.text.lower()]
        ref = self._resolve_text(ent.text)
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
        for other in ent.sent.ents:  # (the context's entity index is still being built)
            t = other.root
            if t.dep_ == "pobj" and t.head.lower_ in ("in", "at") and other.start != ent.start:
                ref = self._resolve_text(other.text)
                if ref is not None and ref.code and ref.basis in ("capital", "metonym", "country"):
                    return ActorRef(ref.code, "GOV", ent.text, None, f"guess:official in {other.text}")
        home = self.home()
        if home:
            return ActorRef(home[0].code, "GOV", ent.text, None, "guess:official (dateline)")
        return None

    def clause_subject(self, tok: Token) -> ActorRef | None:
        """For a possessive pronoun, the subject of its own clause when that subject comes first and is
        named: "Russian forces used the territory for their invasion" -> the forces."""
        node, steps, plural = tok.head, 0, False
        while steps < 6:
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i
                         and tok.i not in {t.i for t in c.subtree}), None)  # not "four of its soldiers" for "its"
            if subj is not None:
                if subj.pos_ == "PRON":
                    return None
                if not (tok.lower_ == "its" and subj.tag_ in ("NNS", "NNPS")):
                    return self.np_actor(subj)
                # "Armenian troops wounded one of its soldiers": "its" is no plural's; in a reported clause
                # ("the military said Indian forces fired on its positions") the reporter may own it
                plural = True
            if node.head.i == node.i or node.pos_ in ("VERB", "AUX") and node.dep_ in ("ROOT", "ccomp", "advcl") and not (
                    plural and node.dep_ == "ccomp"):
                return None
            node, steps = node.head, steps + 1
        return None

    def antecedent(self, tok: Token, want: str | None = None, role: str | None = None) -> ActorRef | None:
        """Who a pronoun or a short reference ("he", "the envoy") stands for: a person or state named
        before it. With `role` ("prime minister"), someone whose listed title has that role comes first."""
        low = tok.lower_
        if tok.dep_ == "poss":
            ref = self.clause_subject(tok)
            if ref is not None:
                return ActorRef(ref.code, ref.sector, tok.text, ref.actor_id, "coref:" + ref.entity_text)
        if low == "it" and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ccomp" and \
                tok.head.head.lemma_.lower() in SPEECH_LEMMAS | REPORT_LEMMAS:
            # "the committee claimed it had arrested six": the body that speaks of itself
            speaker = next((c for c in tok.head.head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")
                            and c.tag_ in ("NN", "NNP") and not self.in_dateline(c)), None)
            ref = self.np_actor(speaker) if speaker is not None else None
            if ref is not None and ref.code:
                return ActorRef(ref.code, ref.sector, tok.text, ref.actor_id, "coref:" + (ref.entity_text or speaker.text))
        want = want or ("person" if low in PERSON_PRONOUNS else "state" if low in STATE_PRONOUNS else None)
        before = [h for h in self.history if h[0] < tok.i and (want is None or h[2] == want)]
        if low in STATE_PRONOUNS:  # "Armenian troops wounded one of its soldiers": "its" is no plural's
            before = [h for h in before if not (self.sdoc[h[0]].dep_ in ("amod", "compound")
                                                and self.sdoc[h[0]].head.tag_ in ("NNS", "NNPS"))]
        if role:
            titled = [h for h in before if role in self.title_of(h[1])]
            if titled:
                ref = titled[-1][1]
                return ActorRef(ref.code, ref.sector, tok.text, ref.actor_id, "coref:" + ref.entity_text)
        if tok.dep_ in ("dobj", "obj", "dative", "iobj", "pobj"):
            # "Trump thanked him": an object pronoun is never the subject of its own sentence
            before = [h for h in before if not (h[3] and h[4] == tok.sent.start)]
            same = []
        else:
            same = [h for h in before if h[3] and h[4] == tok.sent.start]
        if same:  # "Trump spoke to X hours before he flew to Alaska for his summit": the subject
            before = same[-1:]
        # A subject pronoun opening a sentence usually continues the previous sentence's subject.
        elif tok.dep_ in ("nsubj", "nsubjpass"):
            earlier = [h for h in before if h[3] and h[4] < tok.sent.start]
            if earlier:
                before = earlier[-1:]
        if before:
            ref = before[-1][1]
            return ActorRef(ref.code, ref.sector, tok.text, ref.actor_id, "coref:" + ref.entity_text)
        return None

    def speaker(self, tok: Token) -> ActorRef | None:
        """The side a first-person plural speaks for: the subject of the speech verb that reports its clause
        ("'We will retaliate,' the Greek minister said" -> Greece); None outside reported speech."""
        node = tok.head
        for _ in range(6):
            if _says(node):
                ref = self._saying_subject(node, skip=tok.i)
                return _as_speaker(ref, tok) if ref is not None else None
            if node.head.i == node.i:
                return self.quote_speaker(tok)
            node = node.head
        return self.quote_speaker(tok)

    def quote_speaker(self, tok: Token) -> ActorRef | None:
        """The side speaking in a quotation that runs over several sentences: the subject of the speech verb
        after the quote closes ('"We decided together. I call on them to stop," he added.' -> "he")."""
        doc = self.sdoc
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
        verb = next((v for v in after if _says(v)), None)
        ref = self._saying_subject(verb) if verb is not None else None
        return _as_speaker(ref, tok) if ref is not None and ref.code else None

    def said_by(self, tok: Token) -> ActorRef | None:
        """Who says the words holding `tok`: the subject of the speech verb they hang on or that follows their
        quote (`speaker`), or, for a sentence that is a quotation on its own, the speaker named just before it
        ('... ," the president wrote. "This is a violation."'); None for the writer's own words."""
        ref = self.speaker(tok)
        if ref is not None:
            return ref
        sent = tok.sent
        if sent[0].text not in ("\u201c", '"') or sent.start == 0:
            return None
        prev = self.sdoc[sent.start - 1].sent
        if not any(t.text in ("\u201d", '"') for t in prev):
            return None  # the sentence before is no quotation: nothing carries its speaker over
        verb = next((v for v in prev if _says(v) and not self._quoted(v)), None)
        ref = self._saying_subject(verb) if verb is not None else None
        return _as_speaker(ref, tok) if ref is not None and ref.code else None

    def _saying_subject(self, verb: Token, skip: int | None = None) -> ActorRef | None:
        """Who a speech verb's subject is (not a pronoun such as "we", which the speaker stands for)."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i != skip
                     and c.lower_ not in SPEAKER_PRONOUNS), None)
        return self.np_actor(subj) if subj is not None else None

    def _quoted(self, tok: Token) -> bool:
        """Whether `tok` stands inside a quotation of its own line."""
        doc = self.sdoc
        line_start = next((t.i + 1 for t in reversed(doc[:tok.i]) if "\n" in t.text or "\n" in t.whitespace_), 0)
        before = [t.text for t in doc[line_start:tok.i]]
        return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1

    def title_of(self, ref: ActorRef) -> str:
        """The listed title of a named actor on the document's date, lower case ("" when unlisted)."""
        if not ref.actor_id:
            return ""
        return str((self.actors.role_on(ref.actor_id, self.on) or {}).get("title") or "").lower()

    def np_actor(self, head: Token, direct: bool = False) -> ActorRef | None:
        """The actor a noun phrase headed by `head` denotes, or None.

        `direct` leaves out "the president of Belarus"-style prepositional phrases: "the release of
        Bialiatski" is not Bialiatski."""
        if head.pos_ == "PRON" or head.lower_ in RELATIVE:
            if head.lower_ in RELATIVE and head.head.dep_ == "relcl":
                ante = head.head.head
                # "Lukashenko, a close ally of Putin, who agreed ...": the relative clause is about Lukashenko
                while ante.dep_ == "pobj" and ante.head.dep_ == "prep" and ante.head.head.dep_ == "appos":
                    ante = ante.head.head.head
                if head.dep_ in ("nsubj", "nsubjpass") and ante.lemma_.lower() in self.inert_places:
                    return None  # "strikes on a border village that killed nine": the village did not kill
                return self.np_actor(ante)
            if head.lower_ in SPEAKER_PRONOUNS:
                return self.speaker(head)
            return self.antecedent(head) if head.lower_ in PERSON_PRONOUNS | STATE_PRONOUNS | PLURAL_PRONOUNS else None
        ent = self.ent_at.get(head.i)
        if ent is not None:
            ref = self.resolve_entity(ent)
            if ref is not None:
                # A title before the name may be more specific ("Belarusian President X").
                return ref
        if (ent is None or len(ent) == 1) and head.pos_ == "PROPN" and (
                self.guessed.get(head.lower_) or self.surnames.get(head.lower_)):
            # "Floderus's trial" with no entity on the word (or a lone name the tagger took for a place): the
            # person the article named in full before
            ref = self.guessed.get(head.lower_) or self.surnames[head.lower_]
            return ActorRef(ref.code, ref.sector, head.text, ref.actor_id, "coref:" + ref.entity_text)
        if head.text[:1].isupper() and head.lower_ in getattr(self.actors, "water_names", ()):
            return None  # "the South China Sea": a country's name inside a sea's is no actor
        named = next((c for c in head.children if c.dep_ == "appos"), None) \
            if head.lemma_.lower() in self.relational_nouns and head.pos_ == "NOUN" else None
        if named is not None:
            # "ties with Moscow ally Belarus": the country named beside a relation word is the other end of the
            # relation; the one so related is the apposition
            return self.np_actor(named, direct)
        owners = prep_objects(head, "of") if head.lemma_.lower() in self.branch_nouns else []
        if owners and any(c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE") for c in head.lefts):
            # "the Spanish branch of the movement": a part of a body is the body's, wherever it works
            return self.np_actor(owners[0])
        left = [t for t in head.lefts if t.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "case")]
        start = min([t.left_edge.i for t in left] + [head.i])
        phrase = self.sdoc[start:head.i + 1].text
        ref = self._resolve_text(phrase)
        if ref is not None and ref.code in getattr(self.actors, "igo_codes", ()):
            # "a Swedish EU employee", "the French UN envoy": the person's nationality, not the employer's
            for mod in left:
                if mod.dep_ in ("amod", "compound") and mod.ent_type_ == "NORP":
                    own = self._resolve_text(mod.text)
                    if own is not None and own.code and own.code not in self.actors.igo_codes:
                        return ActorRef(own.code, ref.sector, phrase, None, "modifier")
        if ref is not None:
            return ActorRef(ref.code, ref.sector, phrase, ref.actor_id, ref.how or "role")
        low = [t.lower_ for t in left]
        if head.lemma_.lower() in self.attacker_nouns and low[:1] in (["the"], ["those"]):
            # "200 of the attackers": the doers of the last attack the article told with its doer
            done = next((a for i, ev, actors in reversed(self.acts) if ev == "ASSAULT" and i < head.i
                         for a in actors if a.code), None)
            if done is not None:
                return ActorRef(done.code, done.sector, phrase, done.actor_id, "coref:the doer of the attack before")
        if head.lemma_.lower() in SHORT_REFERENCES and low and low[0] == "the" and (
                len(low) == 1 or all(w in self.role_modifiers for w in low[1:])):
            # "the envoy", "the minister": the person named before it in the article, unless the phrase
            # names the country itself ("the president of France")
            if direct or not any(self.np_actor(p) for p in prep_objects(head, "of", "from")):
                role = " ".join(w for w in low[1:] + [head.lower_])  # "prime minister"
                return self.antecedent(head, want="person", role=role)
        # "Israeli tank shelling": the nationality word may modify the compound before the head
        left += [g for t in left if t.dep_ == "compound" for g in t.lefts if g.dep_ in ("amod", "compound")]
        # "a Turkish-owned ship", "a Chilean-flagged tanker": the state named before the owning participle
        left += [g for t in left if t.dep_ == "amod" and t.lemma_.lower() in self.owner_participles
                 for g in t.lefts if g.dep_ in ("npadvmod", "amod", "compound", "nmod")]
        igos = getattr(self.actors, "igo_codes", set())
        # "a Swedish EU employee": a nationality word goes before an international body's name
        left.sort(key=lambda t: not (t.ent_type_ == "NORP" and (r := self._resolve_text(t.text)) is not None
                                     and r.code and r.code not in igos))
        for mod in left:
            # "Israeli helicopters", "Hezbollah guerrillas": the nationality or group word decides
            if mod.dep_ in ("amod", "compound", "nmod", "npadvmod") and mod.i < head.i:
                ent = self.ent_at.get(mod.i)
                ref = self.resolve_entity(ent) if ent is not None else self._resolve_text(mod.text)
                if ref is not None and ref.code and ref.basis in ("demonym", "country", "dictionary", "metonym", "role", ""):
                    sector = ref.sector if ref.basis not in ("country", "metonym") else None
                    return ActorRef(ref.code, sector, phrase, ref.actor_id, "modifier")
        for mod in left:  # "its soldiers", "their embassy", "Russia's news agency": whose they are
            if mod.dep_ == "poss" and (head.lemma_.lower() in self.member_nouns or head.lower_ in self.member_nouns):
                if mod.pos_ == "PRON":  # "our vessel" in a quotation: the speaker's side
                    ref = self.speaker(mod) if mod.lower_ in SPEAKER_PRONOUNS else self.antecedent(mod)
                    if ref is not None and ref.code:
                        return ActorRef(ref.code, None, phrase, None, ref.how)
                else:
                    ref = self.np_actor(mod, direct=True)
                    if ref is not None and ref.code:
                        return ActorRef(ref.code, None, phrase, None, "modifier")
        if low[:2] == ["the", "same"] and len(low) == 2 and not prep_objects(head, "of", "from"):
            ref = self.earlier_body(head)  # "the same boat": the one named before, with its flag
            if ref is not None:
                return ref
        if low and low[0] == "the" and not prep_objects(head, "of", "from") and (
                head.lemma_.lower() in self.bodies and all(w in self.role_modifiers for w in low[1:])
                or " ".join(low[1:] + [head.lemma_.lower()]) in self.institution_words):  # "the border service"
            ref = self.earlier_body(head)  # "the ministry said": the ministry the article named before
            if ref is not None:
                return ref
        for child in head.children:
            if child.dep_ == "appos":
                ref = self.np_actor(child, direct)
                if ref is not None:
                    return ref
            if direct:
                continue
            if child.dep_ == "prep" and child.lower_ in ("of", "in", "from"):
                if child.lower_ == "in" and head.lemma_.lower() in self.posted_nouns:
                    continue  # "the chargé d'affaires in Baku": where the envoy serves, not whose
                if child.lower_ == "in" and head.lemma_.lower() not in self.relational_nouns:  # ("Israel's ally")
                    owner = self.possessor(head)
                    if owner is not None:  # "Israel's actions in Gaza": whose they are, not where
                        return ActorRef(owner.code, owner.sector, self.sdoc[start:child.right_edge.i + 1].text,
                                        owner.actor_id, "modifier")
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        inner = self.np_actor(pobj) or (self.land_owner(pobj) if child.lower_ == "in" else None)
                        if inner is not None:
                            sector = self._resolve_text(f"{self.actors.country_adjective(inner.code)} {head.text}") \
                                if hasattr(self.actors, "country_adjective") else None
                            return ActorRef(inner.code, sector.sector if sector else inner.sector,
                                            self.sdoc[start:pobj.right_edge.i + 1].text, inner.actor_id, "role")
        return None

    def possessor(self, head: Token) -> ActorRef | None:
        """The actor a possessive before `head` names ("Israel's", "its"), or None."""
        for owner in children(head, "poss"):
            ref = self.antecedent(owner) if owner.pos_ == "PRON" else self.np_actor(owner, direct=True)
            if ref is not None and ref.code:
                return ref
        return None

    def land_owner(self, place: Token) -> ActorRef | None:
        """The state whose land a place noun is, by its possessor: "in its territory", "in Afghanistan's
        southern Kandahar province" (`land_nouns` in roles:); only as where something happened, since
        "returned to their territory" names no one the act is aimed at."""
        if place.lemma_.lower() not in self.land_nouns:
            return None
        for owner in children(place, "poss"):
            ref = self.antecedent(owner) if owner.pos_ == "PRON" else self.np_actor(owner, direct=True)
            if ref is not None and ref.code:
                return ActorRef(ref.code, None, place.text, None, "place")
        return None

    def earlier_body(self, head: Token) -> ActorRef | None:
        """The state of the body of the same name the article named before ("Azerbaijan's Foreign Ministry
        said ... The ministry on Saturday summoned ..."), the nearest first."""
        lemma = head.lemma_.lower()
        for t in reversed(self.sdoc[max(0, head.i - 600):head.i]):
            if t.lemma_.lower() == lemma and t.pos_ in ("NOUN", "PROPN"):
                ref = self.np_actor(t, direct=True)
                if ref is not None and ref.code:
                    return ActorRef(ref.code, ref.sector, head.text, ref.actor_id, "coref:" + (ref.entity_text or t.text))
        return None

    def np_actors(self, head: Token) -> list[ActorRef]:
        """The actors of a noun phrase and its conjuncts ("Russia and Ukraine")."""
        out = []
        sides = [h for h in [head, *head.conjuncts] if not self.in_dateline(h)] or [head]
        respective = self.respective(sides) or self.both_sides(head) or self.pair_owned(head)
        if respective:
            return respective
        for h in sides:
            refs = self.adjective_pair(h) or self.of_several(h) or [self.np_actor(h)]
            for ref in refs:
                if ref is not None and all(r.code != ref.code for r in out):
                    out.append(ref)
        return out

    def both_sides(self, head: Token) -> list[ActorRef]:
        """ "the two governments", "both sides", "the ministers": in an article about two countries, the two."""
        if head.tag_ not in ("NNS", "NNPS") or head.lemma_.lower() not in self.pair_nouns or len(self.focus) < 2 \
                or prep_objects(head, "of", "from", "in"):  # "the leaders of Chile, Peru and Bolivia" name them
            return []
        words = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod", "predet", "amod")}
        # "the ministers" are the two sides' ministers; "the officials" may be anyone's
        if not (words & {"two", "both"} or (words == {"the"} and head.lemma_.lower() in SHORT_REFERENCES | {"leader"}
                                            and head.lemma_.lower() != "official")):
            return []
        sector = "GOV" if head.lemma_.lower() != "side" else None
        return [ActorRef(code, sector, head.text, None, "context: the two countries the article is about")
                for code in self.focus[:2]]

    def pair_owned(self, head: Token) -> list[ActorRef]:
        """ "the two countries' foreign ministers", "both sides' negotiators": the two, by their owner."""
        for owner in children(head, "poss"):
            pair = self.both_sides(owner)
            if pair and head.lemma_.lower() in self.member_nouns:
                return [ActorRef(r.code, "GOV", self.sdoc[owner.left_edge.i:head.i + 1].text, None, r.how) for r in pair]
        return []

    def respective(self, sides: list[Token]) -> list[ActorRef]:
        """ "Ararat Mirzoyan and Jeyhun Bayramov, the foreign ministers of Armenia and Azerbaijan": names
        the dictionary lacks, given their countries respectively by a plural apposition."""
        if len(sides) < 2:
            return []
        for side in sides:
            for ap in children(side, "appos"):
                refs = self.of_several(ap)
                if len(refs) == len(sides):
                    return [ActorRef(r.code, r.sector, s.text, None, f"role: {ap.text} (respectively)")
                            for s, r in zip(sides, refs)]
        return []

    def of_several(self, head: Token) -> list[ActorRef]:
        """ "the leaders of Chile, Peru and Bolivia": one side per country named after the role."""
        if head.lemma_.lower() not in SHORT_REFERENCES | {"leader", "head", "representative", "delegation",
                                                          "delegate", "government", "official"}:
            return []
        ofs = prep_objects(head, "of")
        if not ofs or not ofs[0].conjuncts:
            return []
        refs = [self._resolve_text(f"{x.text} {head.lemma_.lower()}") or self.np_actor(x, direct=True)
                for x in [ofs[0], *ofs[0].conjuncts]]
        refs = [ActorRef(r.code, r.sector, r.entity_text, r.actor_id, "role") for r in refs if r is not None]
        return refs if len(refs) >= 2 else []

    def adjective_pair(self, head: Token) -> list[ActorRef]:
        """ "American and Belarusian officials": one group of each nationality."""
        adjs = [c for c in head.children if c.dep_ in ("amod", "nmod") and self.ent_at.get(c.i) is not None]
        adjs += [x for a in adjs for x in a.conjuncts if self.ent_at.get(x.i) is not None]
        if len(adjs) < 2:
            return []
        # "Rwandan and Congolese technical teams": a head the dictionary has no sector for keeps each nationality
        ent = self.ent_at.get(head.i)
        name = ent.text if ent is not None and ent.label_ == "PERSON" else head.text  # not "Zaghari-[Ratcliffe]"
        refs = [self._resolve_text(f"{a.text} {name}") or self._resolve_text(a.text) for a in adjs]
        return [ActorRef(r.code, r.sector if r.basis == "role" else None, f"{a.text} {name}", r.actor_id, "role")
                for a, r in zip(adjs, refs) if r is not None and r.code]

