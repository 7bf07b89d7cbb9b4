"""Who a noun phrase or pronoun in a document denotes: names, titles, nationality words, "the envoy",
"he", "the two governments", resolved against the actor dictionary on the document's date.

`DocContext` is built once per document; its entry point is `np_actors(head)`. It draws on three
rooms with one job each: `names.py` (who a name is: the dictionary, surnames, guesses), `speakers.py`
(who says the words a token stands in) and `story.py` (the two states the article is about, and
its mediators).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .actors import ActorDictionary
from .grammar import RELATIVE, children, prep_objects
from .ingest import dateline_spans
from .model import ActorRef, Document
from .names import Names
from .speakers import SPEAKER_PRONOUNS, SPEECH_LEMMAS, speaker
from .story import story_focus
from .doc_ents import doc_ents

# Role nouns that, after "the", name someone already mentioned ("the envoy said ...").
SHORT_REFERENCES = {"envoy", "minister", "president", "leader", "diplomat", "ambassador", "premier", "chancellor",
                    "spokesman", "spokeswoman", "spokesperson", "official", "emissary", "negotiator", "secretary"}
PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
STATE_PRONOUNS = {"it", "its"}
PLURAL_PRONOUNS = {"they", "them", "their"}
MANY = {"three": 3, "four": 4, "five": 5, "six": 6}  # "the three countries": that many sides, by how often named
REPORT_LEMMAS = {"claim", "admit", "deny", "confirm", "report", "acknowledge", "insist", "allege"}


class DocContext:
    """Per-document state: actor mentions in order (for pronouns), the names it has resolved (`names`),
    the document's focus countries and mediators (`story`), and its dateline."""

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
        self.portfolio_words = roles.get("portfolio_words", set())  # "..., EU Affairs and Trade" in a ministry's name
        self.branch_nouns = roles.get("branch_nouns", set())  # "the Spanish branch of the movement" is the movement's
        self.epithet_nouns = roles.get("epithet_nouns", set())  # "the Baltic nation": a state named before
        self.acts: list[tuple[int, str, list[ActorRef]]] = []  # (trigger index, event, actors) as the coder finds them
        # answers that depend on the parse alone, kept for the document: a word is tried with each pattern of its
        # lemma (up to sixteen), and its subject and object are the same for all (`VerbTriggers.subject_object`)
        self.memo: dict = {}
        self.ent_at: dict[int, Span] = {}
        self.history: list[tuple] = []  # (token index, ref, kind, is_subject, sentence start)
        self.datelines = dateline_spans(doc.text)
        self.names = Names(doc, sdoc, actors, on, self.institution_words, self.home)
        # the names' memory, shared: "Floderus" for the person named in full before, guesses, full-name words
        self.guessed, self.surnames, self.person_words = self.names.guessed, self.names.surnames, self.names.person_words
        counts: dict[str, int] = {}
        for ent in doc_ents(sdoc):
            for i in range(ent.start, ent.end):  # (indices, not tokens: spaCy builds a token at each step)
                self.ent_at[i] = ent
            ref = self.resolve_entity(ent)
            if ref is not None:
                self.names.learn(ent, ref)
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
        self.ranked = sorted(counts, key=lambda c: -counts[c])  # the states named, most often first
        self.counts = counts  # how often each is named (not in a dateline, not by a nationality word)
        self.focus = story_focus(self, counts, roles)

    def resolve_entity(self, ent: Span) -> ActorRef | None:
        """Who a named entity is (`names.Names.resolve_entity`)."""
        return self.names.resolve_entity(ent)

    def _resolve_text(self, text: str) -> ActorRef | None:
        return self.names.resolve_text(text)

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
        if low in STATE_PRONOUNS | PLURAL_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass") and self.unknown_subject_before(tok):
            return None  # "the Delta Front said it had shot two": a group the dictionary lacks, not a state named before
        want = want or ("person" if low in PERSON_PRONOUNS else "state" if low in STATE_PRONOUNS else None)
        before = [h for h in self.history if h[0] < tok.i and (want is None or h[2] == want)]
        if low in STATE_PRONOUNS:  # "Armenian troops wounded one of its soldiers": "its" is no plural's
            before = [h for h in before if not (self.sdoc[h[0]].dep_ in ("amod", "compound")
                                                and self.sdoc[h[0]].head.tag_ in ("NNS", "NNPS"))]
        if role:
            titled = [h for h in before if role in self.names.title_of(h[1])]
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

    def unknown_subject_before(self, tok: Token) -> bool:
        """Whether the nearest subject before a subject pronoun in its sentence is a name the dictionary does not
        know ("the Delta Front is blamed for ... when it raided", "claimed by the Delta Front, which said it"): the
        pronoun is that group's, and no state or person named earlier stands for it."""
        for t in reversed(tok.doc[tok.sent.start:tok.i]):
            if t.dep_ not in ("nsubj", "nsubjpass") or self.in_dateline(t):
                continue
            if t.lower_ in RELATIVE and t.head.dep_ == "relcl":
                t = t.head.head  # "the Delta Front, which said ...": the relative clause's noun
            elif t.pos_ == "PRON":
                continue
            if t.pos_ != "PROPN":
                return False
            ent = self.ent_at.get(t.i)
            return (ent is None or self.resolve_entity(ent) is None) and self.named_actor(t) is None
        return False

    def described_state(self, head: Token) -> ActorRef | None:
        """ "China recalled its envoy to Lithuania over the Baltic nation's plan": a state told by a description
        ("the Baltic nation", "the Gulf state", "the island country") is the one named last before it, other than
        the subject of its own sentence, who would be "its"."""
        subjects = {t.i for s in head.sent if s.dep_ in ("nsubj", "nsubjpass") for t in s.subtree}
        before = [h for h in self.history if h[0] < head.i and h[2] == "state" and h[1].code
                  and h[1].code not in getattr(self.actors, "igo_codes", ()) and h[0] not in subjects]
        if not before:
            return None
        ref = before[-1][1]
        return ActorRef(ref.code, ref.sector, self.sdoc[head.left_edge.i:head.i + 1].text, ref.actor_id,
                        "coref:" + ref.entity_text)

    def np_actor(self, head: Token, direct: bool = False) -> ActorRef | None:
        """The actor a noun phrase headed by `head` denotes, or None.

        `direct` leaves out "the president of Belarus"-style prepositional phrases: "the release of
        Bialiatski" is not Bialiatski."""
        if head.pos_ == "PRON" or head.lower_ in RELATIVE:
            return self.pronoun_actor(head)
        ref = self.named_actor(head)
        if ref is not None:
            return ref
        if head.text[:1].isupper() and head.lower_ in getattr(self.actors, "water_names", ()):
            return None  # "the South China Sea": a country's name inside a sea's is no actor
        related = self.related_one(head)
        if related is not None:
            return self.np_actor(related, direct)
        whole = self.branch_owner(head)
        if whole is not None:
            return self.np_actor(whole)
        left = [t for t in head.lefts if t.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "case")]
        start = min([t.left_edge.i for t in left] + [head.i])
        phrase = self.sdoc[start:head.i + 1].text
        low = [t.lower_ for t in left]
        ref = self.phrase_actor(phrase, left)
        if ref is None:
            ref = self.attackers_before(head, phrase, low)
        if ref is not None:
            return ref
        role = self.short_reference_role(head, low, direct)
        if role is not None:
            return self.antecedent(head, want="person", role=role)
        ref = self.epithet_state(head, left, low)
        if ref is not None:
            return ref
        left = self.modifier_words(left)
        for step in (self.modifier_actor, self.member_owner):
            ref = step(head, left, phrase)
            if ref is not None:
                return ref
        ref = self.body_named_before(head, low)
        if ref is not None:
            return ref
        return self.attached_actor(head, start, direct)

    def pronoun_actor(self, head: Token) -> ActorRef | None:
        """A pronoun or relative word stands for someone told elsewhere: the noun a relative clause is on, the
        speaker of "we", or the person or state named before it."""
        if head.lower_ in RELATIVE and head.head.dep_ == "relcl":
            ante = head.head.head
            # "Lukashenko, a close ally of Putin, who agreed ...": the relative clause is about Lukashenko
            while ante.dep_ == "pobj" and ante.head.dep_ == "prep" and ante.head.head.dep_ == "appos":
                ante = ante.head.head.head
            if head.dep_ in ("nsubj", "nsubjpass") and ante.lemma_.lower() in self.inert_places:
                return None  # "strikes on a border village that killed nine": the village did not kill
            return self.np_actor(ante)
        if head.lower_ in SPEAKER_PRONOUNS:
            return speaker(head, self.np_actor)
        return self.antecedent(head) if head.lower_ in PERSON_PRONOUNS | STATE_PRONOUNS | PLURAL_PRONOUNS else None

    def named_actor(self, head: Token) -> ActorRef | None:
        """The name on the head word: its entity, or the person the article named in full before."""
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
        return None

    def related_one(self, head: Token) -> Token | None:
        """"ties with Moscow ally Belarus": the country named beside a relation word is the other end of the
        relation; the one so related is the apposition, which then stands for the phrase."""
        if head.lemma_.lower() in self.relational_nouns and head.pos_ == "NOUN":
            return next((c for c in head.children if c.dep_ == "appos"), None)
        return None

    def branch_owner(self, head: Token) -> Token | None:
        """"the Spanish branch of the movement": a part of a body is the body's, wherever it works; the body's
        word then stands for the phrase."""
        owners = prep_objects(head, "of") if head.lemma_.lower() in self.branch_nouns else []
        if owners and any(c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE") for c in head.lefts):
            return owners[0]
        return None

    def phrase_actor(self, phrase: str, left: list[Token]) -> ActorRef | None:
        """The whole phrase as the dictionary knows it ("the Foreign Ministry"); a national of a state working for
        an international body is the state's ("a Swedish EU employee", "the French UN envoy")."""
        ref = self._resolve_text(phrase)
        if ref is not None and ref.code in getattr(self.actors, "igo_codes", ()):
            for mod in left:
                if mod.dep_ in ("amod", "compound") and mod.ent_type_ == "NORP":
                    own = self._resolve_text(mod.text)
                    if own is not None and own.code and own.code not in self.actors.igo_codes:
                        return ActorRef(own.code, ref.sector, phrase, None, "modifier")
        if ref is not None:
            return ActorRef(ref.code, ref.sector, phrase, ref.actor_id, ref.how or "role")
        return None

    def attackers_before(self, head: Token, phrase: str, low: list[str]) -> ActorRef | None:
        """"200 of the attackers": the doers of the last attack the article told with its doer."""
        if head.lemma_.lower() in self.attacker_nouns and low[:1] in (["the"], ["those"]):
            done = next((a for i, ev, actors in reversed(self.acts) if ev == "ASSAULT" and i < head.i
                         for a in actors if a.code), None)
            if done is not None:
                return ActorRef(done.code, done.sector, phrase, done.actor_id, "coref:the doer of the attack before")
        return None

    def short_reference_role(self, head: Token, low: list[str], direct: bool) -> str | None:
        """"the envoy", "the prime minister": a short reference to the person named before it in the article (its
        role words returned, to find someone with that title first), unless the phrase names the country itself
        ("the president of France")."""
        if head.lemma_.lower() in SHORT_REFERENCES and low and low[0] == "the" and (
                len(low) == 1 or all(w in self.role_modifiers for w in low[1:])):
            if direct or not any(self.np_actor(p) for p in prep_objects(head, "of", "from")):
                return " ".join(w for w in low[1:] + [head.lower_])  # "prime minister"
        return None

    def epithet_state(self, head: Token, left: list[Token], low: list[str]) -> ActorRef | None:
        """"the Baltic nation": a state told by a description (`described_state`)."""
        if head.lemma_.lower() in self.epithet_nouns and head.tag_ == "NN" and low[:1] == ["the"] and len(low) >= 2 \
                and all(t.dep_ in ("det", "amod", "compound") for t in left) and not prep_objects(head, "of"):
            return self.described_state(head)
        return None

    def modifier_words(self, left: list[Token]) -> list[Token]:
        """The words before the head that may say whose it is, a nationality word before an international
        body's name first."""
        # "Israeli tank shelling": the nationality word may modify the compound before the head
        left = left + [g for t in left if t.dep_ == "compound" for g in t.lefts if g.dep_ in ("amod", "compound")]
        # "a Turkish-owned ship", "a Chilean-flagged tanker": the state named before the owning participle
        left += [g for t in left if t.dep_ == "amod" and t.lemma_.lower() in self.owner_participles
                 for g in t.lefts if g.dep_ in ("npadvmod", "amod", "compound", "nmod")]
        igos = getattr(self.actors, "igo_codes", set())
        # "a Swedish EU employee": a nationality word goes before an international body's name
        left.sort(key=lambda t: not (t.ent_type_ == "NORP" and (r := self._resolve_text(t.text)) is not None
                                     and r.code and r.code not in igos))
        return left

    def modifier_actor(self, head: Token, left: list[Token], phrase: str) -> ActorRef | None:
        """"Israeli helicopters", "Hezbollah guerrillas": the nationality or group word decides."""
        for mod in left:
            if mod.dep_ in ("amod", "compound", "nmod", "npadvmod") and mod.i < head.i:
                ent = self.ent_at.get(mod.i)
                ref = self.resolve_entity(ent) if ent is not None else self._resolve_text(mod.text)
                if ref is not None and ref.code and ref.basis in ("demonym", "country", "dictionary", "metonym", "role", ""):
                    sector = ref.sector if ref.basis not in ("country", "metonym") else None
                    return ActorRef(ref.code, sector, phrase, ref.actor_id, "modifier")
        return None

    def member_owner(self, head: Token, left: list[Token], phrase: str) -> ActorRef | None:
        """"its soldiers", "their embassy", "Russia's news agency": whose they are."""
        for mod in left:
            if mod.dep_ == "poss" and (head.lemma_.lower() in self.member_nouns or head.lower_ in self.member_nouns):
                if mod.pos_ == "PRON":  # "our vessel" in a quotation: the speaker's side
                    ref = speaker(mod, self.np_actor) if mod.lower_ in SPEAKER_PRONOUNS else self.antecedent(mod)
                    if ref is not None and ref.code:
                        return ActorRef(ref.code, None, phrase, None, ref.how)
                else:
                    ref = self.np_actor(mod, direct=True)
                    if ref is not None and ref.code:
                        return ActorRef(ref.code, None, phrase, None, "modifier")
        return None

    def body_named_before(self, head: Token, low: list[str]) -> ActorRef | None:
        """"the same boat", "the ministry said": the body of that name the article named before, with its state."""
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
        return None

    def attached_actor(self, head: Token, start: int, direct: bool) -> ActorRef | None:
        """What the phrase's apposition names, or (unless `direct`) its "of", "in" or "from" phrase: "the
        president of Belarus", "Israel's actions in Gaza" (whose they are, not where)."""
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
                if child.lower_ == "in" and head.lemma_.lower() not in self.relational_nouns and any(  # ("Israel's ally")
                        g.dep_ == "pobj" and (g.ent_type_ in ("GPE", "LOC", "FAC", "ACTOR") or g.lemma_.lower() in self.land_nouns)
                        for g in child.children):  # a place: not "its participation in the treaty with X"
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
        listed = [a for a in head.children if a.dep_ == "appos" and a.pos_ == "PROPN" and (
            a.conjuncts or a.i in self.ent_at and head.i in self.ent_at)]
        if listed and head.pos_ == "PROPN" and not self.in_dateline(head):
            # "Saudi Arabia, Bahrain, the UAE and Egypt cut ties", "Chad, Niger sign pact": the parser often makes
            # a list of names an apposition (with its own conjuncts); names of several states are a list, not one
            # state described (a capital beside its country is one state, counted once)
            sides += [h for a in listed for h in [a, *a.conjuncts] if h not in sides]
        if head.dep_ == "nsubj" and head.pos_ == "PROPN" and not self.in_dateline(head):
            # "Chad, Niger sign pact": a headline's comma for "and" leaves the verb two subjects
            # (the parser may make the first one a modifier of the verb)
            sides += [c for c in head.head.children if c.dep_ in ("nsubj", "npadvmod") and c.pos_ == "PROPN"
                      and c.i != head.i and c.i in self.ent_at and head.i in self.ent_at and [t.text for t in self.sdoc[
                          self.ent_at[min(head.i, c.i)].end:self.ent_at[max(head.i, c.i)].start]] == [","]]
        if head.lemma_.lower() in self.bodies:
            # "the Ministry of Foreign Affairs, EU Affairs and Trade": portfolios listed after a body's name are
            # its name, not other sides
            sides = [h for h in sides if h is head or h.lemma_.lower() not in self.portfolio_words]
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
        sector = "GOV" if head.lemma_.lower() != "side" else None
        many = next((MANY[w] for w in words if w in MANY), 0)
        if many:
            # "the three countries' leaders signed": the three states the article names most (no body, no mediator)
            ranked = [c for c in self.ranked if c not in self.mediator_codes and c not in getattr(
                self.actors, "igo_codes", ())]
            return [ActorRef(code, sector, head.text, None, f"context: the {many} countries the article names most")
                    for code in ranked[:many]] if len(ranked) >= many else []
        # "the ministers" are the two sides' ministers; "the officials" may be anyone's
        if not (words & {"two", "both"} or (words == {"the"} and head.lemma_.lower() in SHORT_REFERENCES | {"leader"}
                                            and head.lemma_.lower() != "official")):
            return []
        return [ActorRef(code, sector, head.text, None, "context: the two countries the article is about")
                for code in self.focus[:2]]

    def pair_owned(self, head: Token) -> list[ActorRef]:
        """ "the two countries' foreign ministers", "both sides' negotiators", "the leaders of the three countries":
        the two (or three), by their owner, before the noun or in its "of" phrase."""
        for owner in [*children(head, "poss"), *prep_objects(head, "of")]:
            pair = self.both_sides(owner)
            if pair and head.lemma_.lower() in self.member_nouns:
                words = self.sdoc[min(owner.left_edge.i, head.i):max(owner.right_edge.i, head.i) + 1].text
                return [ActorRef(r.code, "GOV", words, None, r.how) for r in pair]
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



def is_person(tok: Token, ctx: DocContext) -> bool:
    """Whether a word names a person: a personal pronoun, a person's name, a listed person."""
    if tok.lower_ in ("he", "him", "his", "she", "her", "hers"):
        return True
    ent = ctx.ent_at.get(tok.i)
    if ent is None:  # a name the article gave in full before ("Johan Floderus ... Floderus's trial")
        ref = ctx.np_actor(tok) if tok.pos_ == "PROPN" else None
        return ref is not None and ref.how.startswith("coref:") and not (ref.actor_id or "").startswith("org:")
    ref = ctx.resolve_entity(ent)
    if len(ent) == 1 and ent.text.lower() in ctx.person_words:
        return True  # "Kowalska's trial" (tagged an organisation) after "Marta Kowalska"
    return ent.label_ == "PERSON" and not (ref is not None and (ref.actor_id or "").startswith("org:")) or (
        ref is not None and (ref.actor_id or "").startswith("person:"))
