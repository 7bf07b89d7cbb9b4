"""Modality: whether a trigger tells a happening ('fact'), an intention, a promise, a refusal or a
threat, or nothing at all (a question, a negation, a hypothetical, a topic, a description or a reference) -- from the words around it
in the parse and the modality lexicon of `patterns.yaml`.

Entry point: `Modality(knowledge.modality).verdict(tok, notes, event)`.
"""
from __future__ import annotations

from spacy.tokens import Token

from .grammar import SUBJ, children
from .describing import own_point_time, timeless_description
from .doc_ents import doc_ents
from .speech_words import speech_words

# Of the blocking words, those whose reported clause did not happen ("denied that it attacked"), and the verbs
# under which "would" states an intention: lists of data/speech.yaml.
CCOMP_BLOCKERS = speech_words("disbelief_verbs")  # data/speech.yaml
SPEECH_VERBS = speech_words("intention_verbs")


class Modality:
    """The modality lexicon (`modality:` in patterns.yaml) and the walk up the parse that applies it."""

    def __init__(self, mod: dict):
        self.intent_verbs = set(mod["intent_verbs"])
        self.intent_nouns = set(mod["intent_nouns"])
        self.intent_adjs = set(mod["intent_adjectives"])
        self.modals = set(mod["hypothetical_modals"])
        self.topic_verbs = set(mod["topic_verbs"])
        self.generic = set(mod["generic_adverbs"])
        self.neg_subjects = {s.lower() for s in mod["negative_subjects"]}
        self.anaphoric = set(mod["anaphoric_preps"])
        self.request_verbs = set(mod["request_verbs"])
        self.hedges = set(mod["hedge_adverbs"])
        self.light_verbs = set(mod["light_verbs"])
        self.blocking = set(mod.get("blocking_words") or [])
        self.refusals = set(mod.get("negated_rejections") or [])
        self.future_refusals = set(mod.get("negated_future_rejections") or [])
        self.attempt_verbs = set(mod.get("attempt_verbs") or [])
        self.attempted_events = set(mod.get("attempted_events") or [])
        self.purpose_events = set(mod.get("purpose_events") or [])
        self.purpose_lemmas = set(mod.get("purpose_lemmas") or [])
        self.purpose_excluded = set(mod.get("purpose_excluded_heads") or [])
        self.stative_passives = set(mod.get("stative_passives") or [])
        self.decision_verbs = set(mod.get("decision_verbs") or [])
        self.threat_events = set(mod.get("threat_events") or [])
        self.ongoing_verbs = set(mod.get("ongoing_verbs") or [])  # "will continue to urge": urging goes on
        self.announced_events = set(mod.get("announced_events") or [])  # "will suspend imports": announced
        self.warning_verbs = set(mod.get("warning_verbs") or [])  # "warned that it will ...": a threat
        self.threats = mod.get("conditional_threats") or {}
        self.condition_marks = set(self.threats.get("marks") or [])  # "if", "unless"
        # "nationals it alleged were mercenaries", "what it called a killing": the clause describes a noun
        self.characterizing = set(mod.get("characterizing_verbs") or [])
        self.adoption_verbs = set(mod.get("adoption_verbs") or [])  # "approved a proposal to suspend ..."
        self.measure_nouns = set(mod.get("measure_nouns") or [])
        self.decision_nouns = set(mod.get("decision_nouns") or [])  # "Chile's decision to close": decided
        self.enacting_nouns = set(mod.get("enacting_nouns") or [])  # "signed a decree to pardon": the pardon
        self.generic_adjs = set(mod.get("generic_adjectives") or [])  # "regular meetings": a habit
        self.standing = set(mod.get("standing_adverbs") or [])  # "has long backed": a stance, not a happening
        self.reference_nouns = set(mod.get("reference_nouns") or [])  # "ties to the genocide"
        # "men supported by X", "a force funded by Y": who backs a noun describes it, it tells no act
        self.describing_participles = set(mod.get("describing_participles") or [])
        # "a former official jailed in Sweden was freed": who is held describes the subject too
        self.custody_participles = set(mod.get("custody_participles") or [])
        self.freeing_verbs = set(mod.get("freeing_verbs") or [])  # "nationals who were jailed in X were freed"
        self.agreeing_verbs = set(mod.get("agreeing_verbs") or [])  # "signed a deal, with both pledging to ..."
        # "no grounds to detain him, let alone put him on trial": named as even less the case
        self.even_less = [tuple(p.split()) for p in mod.get("even_less_phrases") or []]
        # "we don't think X will invade": a view of what may happen (ccomp of these verbs)
        self.opinion_verbs = set(mod.get("opinion_verbs") or [])
        self.ending_verbs = set(mod.get("ending_verbs") or [])  # "the detention has ended": its end, not it
        self.ending_events = set(mod.get("ending_events") or [])
        # "pledged to punish", "vowed to send X to his grave": a promise of harm is a threat, not an agreement
        self.promise_verbs = set(mod.get("promise_verbs") or [])
        self.hostile_content = set(mod.get("hostile_content") or [])
        self.common_foes = set(mod.get("common_foes") or [])  # "pledged to wipe out piracy": no side harmed
        wish = mod.get("death_wish") or {}
        self.death_wish = (set(wish.get("verbs") or []), set(wish.get("places") or []))
        # "allowed Taiwan to open an office": what one side lets another do is its permission, not the other's act
        self.permission_verbs = set(mod.get("permission_verbs") or [])

    def verdict(self, tok: Token, notes: list[str], event: str | None = None, own_side: bool = False) -> str | None:
        """The modality verdict of a trigger, noted for explain; None when it is no event at all. `own_side`: the
        clause is reported by a speaker of its subject's own state ("Chile's president said Chile will not ...")."""
        verdict, why = self.promised(tok, event)
        if verdict is None:
            verdict, why = self.conditional_threat(tok, event)
        if verdict is None:
            verdict, why = self.modality(tok, event, own_side)
        if verdict == "drop":
            return None
        if why:
            notes.append(f"modality: {verdict} ({why})")
        return verdict

    def promised(self, tok: Token, event: str | None) -> tuple[str | None, str]:
        """What a promise verb coded as agreement promises, when nothing coded in its clause says so (None: an
        agreement): to go on with an act ("pledged to continue imposing the measures", "vowed to keep fighting")
        promises nothing new, the act goes on; harm ("pledged to punish the attackers": `hostile_content`; "vowed to
        send him to his grave": `death_wish`) is a threat, whoever it is aimed at."""
        if event != "AGREE" or tok.lemma_.lower() not in self.promise_verbs:
            return None, ""
        content = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp") or self.to_complement(c)), None)
        if content is None:
            return None, ""
        if content.lemma_.lower() in self.ongoing_verbs:
            return "drop", f"'{tok.text} to {content.text} ...': the act goes on, nothing new is promised"
        if any(c.dep_ == "neg" for c in content.children):
            return None, ""  # "pledged not to take revenge": restraint, an agreement
        harm = next((t for t in content.subtree if t.lemma_.lower() in self.hostile_content or (
            t.lemma_.lower() in self.death_wish[1] and t.dep_ == "pobj" and t.head.lower_ == "to"
            and t.head.head.lemma_.lower() in self.death_wish[0])), None)
        if harm is not None and any(o.lemma_.lower() in self.common_foes for c in harm.children if c.dep_ in ("dobj", "obj")
                                    for o in (c, *c.children) if o.dep_ in ("dobj", "obj", "compound", "amod", "nmod")):
            return None, ""  # "pledged to wipe out piracy together": harm to a common foe, not to a side
        if harm is not None:
            return "threat", f"'{tok.text} ... {harm.text}': a promise of harm"
        return None, ""

    def conditional_threat(self, tok: Token, event: str | None) -> tuple[str | None, str]:
        """ "will withdraw its force unless ...", "may halt mediation if ...": a hostile act announced
        on a condition is an ultimatum, a threat (None when the trigger is not so told)."""
        cond = self.threats
        if event not in cond.get("events", []) or tok.sent.text.rstrip().endswith("?"):
            return None, ""
        mark = next((m for c in tok.children if c.dep_ == "advcl" for m in c.children
                     if m.dep_ == "mark" and m.lower_ in cond.get("marks", [])), None)
        modal = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ in cond.get("modals", [])), None)
        if mark is None or modal is None or any(c.dep_ == "neg" for c in tok.children):
            return None, ""
        return "threat", f"'{modal.text} ... {mark.text}': a hostile act announced on a condition"

    def own_word(self, tok: Token, own_side: bool = False) -> bool:
        """Whether "will not / would not X" is the doer's own word: no condition on it, and when reported,
        reported by the doer ("Obama said he would not ...", "Chile's president said Chile will not ...": `own_side`;
        not "Analysts said China would not ...")."""
        marks = [m for c in [tok, *children(tok, "advcl")] for m in children(c, "mark")]
        if any(m.lower_ in self.condition_marks for m in marks):
            return False
        if tok.dep_ != "ccomp" or own_side:
            return True
        inner = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        outer = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return inner is not None and (inner.pos_ == "PRON" or outer is None or inner.lemma_ == outer.lemma_)

    def to_complement(self, tok: Token) -> bool:
        """ "have sworn to fight": the small model often reads an intent verb's infinitive as a purpose
        clause (advcl); it is the verb's complement."""
        return tok.dep_ == "advcl" and tok.head.lemma_.lower() in self.intent_verbs and any(
            c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)

    @staticmethod
    def tenseless(clause: Token) -> bool:
        """A bare-infinitive complement ("would see Rwandan troops withdraw", "could make Seoul resume
        talks") has no tense or modal of its own: whether it happens is its governor's to say."""
        return clause.tag_ == "VB" and not any(c.dep_ in ("aux", "auxpass", "mark") for c in clause.children)

    def adopted(self, tok: Token) -> bool:
        """ "approved a proposal to suspend the pact", "adopted a decision to expel": the infinitive names the
        measure its governor's subject adopted (a decision taken), not a purpose."""
        noun = tok.head
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and noun.lemma_.lower() in self.measure_nouns:
            # "adopted a decree imposing tariffs on ...", "passed a bill banning ...": the measure's own content
            return noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in self.adoption_verbs and \
                not any(c.dep_ == "neg" for c in noun.head.children)
        if not (tok.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)):
            return False
        if noun.lemma_.lower() in self.decision_nouns and (
                any(c.dep_ == "poss" for c in noun.children) and noun.dep_ in ("nsubj", "nsubjpass", "ROOT")
                or noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.adoption_verbs | {"take", "make", "announce"}):
            # "Chile's decision to close the border drew protests", "took the decision to expel": a decision taken
            # (one named after a preposition or as another verb's object, "protested against Spain's decision to host",
            # "described Algeria's decision to expel as regrettable", is what the clause is about)
            return True
        return noun.lemma_.lower() in self.measure_nouns and noun.dep_ in ("dobj", "nsubjpass") and \
            noun.head.lemma_.lower() in self.adoption_verbs and not any(c.dep_ == "neg" for c in noun.head.children)

    @staticmethod
    def description(clause: Token) -> str:
        """Why a relative clause set off from a name ("Iran, which has supported Russia in its war", "X and Y -
        who were detained for six years -") describes the named one rather than telling a happening: it says
        what they have done or undergone up to now (the perfect, or a span "for six years"), with no time of
        its own ("" when it tells). The test is `describing.py`'s, which the dater asks too."""
        if not timeless_description(clause):
            return ""
        return f"'{clause.head.text}, ... {clause.text}': a description of {clause.head.text}, with no time of its own"

    def background(self, tok: Token) -> str:
        """Why a verb describes rather than tells ("" when it tells): a characterizing verb heading a relative
        clause without a complement of its own ("two nationals it alleged were mercenaries", "the men it
        says are spies") says how its subject sees the noun, not an act aimed at anyone; a stance held
        "long" in the perfect or the present ("where Algeria has long backed the Polisario Front") is a
        standing position, not a dated happening; an act named after a noun that only relates something to
        it ("a militia with ties to the 1994 genocide", "on the anniversary of the war") is referred to."""
        node = tok  # up through the noun phrase (and a participle in it: "an agreement signed by Guyana")
        while node.dep_ in ("pobj", "prep", "acl", "compound", "amod", "nmod", "agent") or node.i == tok.i:
            if node.pos_ in ("NOUN", "PROPN") and node.dep_ == "pobj" and node.head.head.pos_ in ("NOUN", "PROPN") \
                    and node.head.head.lemma_.lower() in self.reference_nouns:
                return f"'{node.head.head.text} {node.head.text} ... {node.text}': a reference to it, not a telling"
            if node.head.i == node.i:
                break
            node = node.head
        if tok.pos_ not in ("VERB", "AUX"):
            return ""
        subject_held = tok.head.dep_ in ("nsubj", "nsubjpass") and tok.lemma_.lower() in self.custody_participles
        freed = tok.head
        while freed.dep_ == "conj" and freed.head.i != freed.i:
            freed = freed.head  # "Ana Ruiz and a second national who were jailed in Peru"
        held_freed = tok.dep_ == "relcl" and tok.lemma_.lower() in self.custody_participles and any(
            c.dep_ == "auxpass" for c in tok.children) and freed.head.lemma_.lower() in self.freeing_verbs and not any(
            e.label_ in ("DATE", "TIME") and tok.i < e.start < freed.head.i for e in doc_ents(tok.doc))
        # (a time between the two, "who were arrested last week were freed", may be the arrest's, however parsed)
        if (tok.dep_ == "acl" and tok.tag_ == "VBN" and (tok.head.dep_ in ("dobj", "appos", "pobj") or subject_held)
                or held_freed) and not any(
                c.dep_ == "agent" or c.lower_ == "by" for c in tok.children) and not own_point_time(tok):
            # "released Ivan Petrov, an official sentenced to life for war crimes": who the act was done to
            return f"'{tok.head.text} {tok.text}': a description of whom the act concerns, with no time of its own"
        lemma = tok.lemma_.lower()
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN") and \
                lemma in self.describing_participles:
            return f"'{tok.head.text} {tok.text}': who backs it describes the noun, not a happening"
        # its complement, if any, lacks a subject: the gap is the noun ("men it alleged [_] were saboteurs")
        if tok.dep_ == "relcl" and lemma in self.characterizing and not any(
                c.dep_ in ("dobj", "xcomp", "oprd", "prep") or c.dep_ == "ccomp" and any(
                    g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children) for c in tok.children):
            return f"'{tok.text}' characterizes '{tok.head.text}': a description, not an act"
        why = self.description(tok)
        if why:
            return why
        standing = next((c for c in tok.children if c.dep_ == "advmod" and c.lower_ in self.standing), None)
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in tok.children)
        if standing is not None and (perfect or tok.tag_ in ("VBZ", "VBP")):
            return f"'{standing.text} {tok.text}': a standing position, not a happening"
        return ""

    @staticmethod
    def continued_condition(tok: Token) -> str:
        """Why a present-tense verb right after an "until"/"unless"/"if" clause, with no comma between, continues that
        condition ("halts the shipments until a truce holds along the border and Ruritania lets monitors in"): the small
        parser hangs the second half on the main verb, and often takes its subject into the first."""
        if tok.pos_ != "VERB" or tok.tag_ not in ("VBZ", "VBP"):
            return ""
        left = tok.left_edge.i
        if left <= tok.sent.start + 1:
            return ""
        before = tok.doc[left - 1]
        if before.lower_ in ("and", "or"):
            before = tok.doc[left - 2]  # "... until Minsk stops the flights and Belarus allows inspectors in"
        if before.is_punct:
            return ""  # "... until Minsk stops the flights, the minister says": a new clause
        for a in [before, *before.ancestors]:
            mark = next((c for c in a.children if c.dep_ == "mark" and c.lower_ in ("until", "till", "unless", "if")),
                        None)
            if mark is not None and a.i < tok.i:
                return f"'{mark.text} ... {tok.text}': the rest of a condition still open"
            if a.i == tok.head.i:
                break
        return ""

    @staticmethod
    def not_yet(tok: Token) -> str:
        """Why an act under "has yet to" / "is yet to" has not happened ("Nairobi has yet to say when it will
        reopen its embassy"): the construction says it is still to come, whatever is said inside it."""
        for a in [tok, *tok.ancestors]:
            if a.dep_ == "xcomp" and a.head.lemma_ in ("have", "be") and any(
                    c.dep_ == "aux" and c.tag_ == "TO" for c in a.children) and any(
                    c.lower_ == "yet" and c.i < a.i for c in a.head.children):
                return f"'{a.head.text} yet to {a.text}': not (yet) happened"
        return ""

    def opinion(self, tok: Token) -> str:
        """Why an act in the clause of an opinion ("we don't think Managua will launch an attack", "analysts
        believe Hanoi would retaliate") is a view of what may happen, not a happening."""
        node = tok
        while node.head.i != node.i and node.dep_ not in ("ccomp",) and node.dep_ in (
                "dobj", "pobj", "prep", "xcomp", "conj", "amod", "compound", "acl", "nsubj", "nsubjpass", "aux"):
            node = node.head
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in self.opinion_verbs and node.head.i < node.left_edge.i:
            return f"'{node.head.text} ... {node.text}': an opinion of what may happen, not a happening"
        return ""

    def ended(self, tok: Token, event: str | None) -> str:
        """Why a hostile state told as ending ("the detention of X has ended", "the blockade was lifted ...
        ended") is not that act: its end is the news (a release, a retreat), told by other words."""
        if event in self.ending_events and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass") \
                and tok.head.lemma_.lower() in self.ending_verbs:
            return f"'{tok.text} ... {tok.head.text}': the end of it, not the act"
        return ""

    def permitted(self, tok: Token) -> str:
        """Why an act another side is let do ("decided to allow Taiwan to open an office", "permits the island to
        set up a mission") is not told as done: the permission is the granting side's act, the permitted one may
        never happen."""
        if tok.dep_ in ("ccomp", "xcomp") and tok.head.lemma_.lower() in self.permission_verbs and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return f"'{tok.head.text} ... to {tok.text}': a permission to act, not the act"
        return ""

    @staticmethod
    def as_told(tok: Token) -> str:
        """Why a subjectless "as agreed", "as promised" names no act: it refers to one told elsewhere."""
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ in ("VBN", "VBD") and any(
                c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) and not any(
                c.dep_ in SUBJ for c in tok.children):
            return f"'as {tok.text}': a reference to what was {tok.text} before, not a telling"
        return ""

    def modality(self, tok: Token, event: str | None = None, own_side: bool = False) -> tuple[str, str]:
        """'fact', 'intent', 'promise' or 'drop', with the reason (shown by explain)."""
        sent = tok.sent
        if sent.text.rstrip().endswith("?"):
            return "drop", "question"
        why = self.background(tok) or self.continued_condition(tok) or self.not_yet(tok) or self.as_told(tok) or self.opinion(tok) or self.permitted(tok) or \
            self.ended(tok, event) or next(
            (w for a in tok.ancestors if (w := self.description(a))), "")
        if why:
            return "drop", why
        terms = next((a for a in [tok, *tok.ancestors] if a.dep_ == "pcomp" and a.head.lower_ == "with"
                      and a.head.head.lemma_.lower() in self.agreeing_verbs), None)
        if terms is not None:  # "signed a deal on Friday, with both pledging to pull back": its terms, told with it
            return "drop", f"'{terms.head.head.text} ..., with ... {terms.text}': the terms of what was agreed"
        before = [t.lower_ for t in sent[max(0, tok.i - sent.start - 4):tok.i - sent.start]]
        for phrase in self.even_less:
            if any(tuple(before[i:i + len(phrase)]) == phrase for i in range(len(before) - len(phrase) + 1)):
                return "drop", f"'{' '.join(phrase)} {tok.text}': named as even less the case"
        node, steps = tok, 0
        while True:
            # a negation outranks any modal beside it: "will not accept" is no promise
            for c in sorted(node.children, key=lambda c: c.dep_ != "neg"):
                if c.dep_ == "neg" and node.i == tok.i and tok.pos_ == "VERB" and event != "CONSULT" and \
                        tok.lemma_.lower() in self.future_refusals and any(
                            a.dep_ == "aux" and a.lower_ in ("will", "would", "shall", "'ll", "wo") for a in tok.children) \
                        and self.own_word(tok, own_side):
                    return "refuse", f"'{c.text} {tok.text}' of what is asked: a refusal"
                if c.dep_ == "neg" and node.i == tok.i and tok.pos_ == "VERB" and event != "CONSULT" and \
                        tok.lemma_.lower() in self.refusals and \
                        not any(a.dep_ == "aux" and a.lower_ in self.modals - {"would"} for a in tok.children):
                    return "refuse", f"'{c.text} {tok.text}': a refusal"
                if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "never")):
                    return "drop", f"negated by '{c.text}'"
                if c.dep_ in SUBJ and c.text.lower() in self.neg_subjects | {"one"} and any(
                        d.lower_ in ("no", "nobody") for d in c.subtree):
                    return "drop", f"negative subject '{c.text}'"
                if c.dep_ in SUBJ and any(d.lower_ == "neither" and d.dep_ in ("det", "preconj", "cc")
                                          for d in c.children):
                    return "drop", f"negative subject 'neither {c.text} ...'"
                if c.dep_ == "aux" and c.tag_ == "MD" and node.i != tok.i and tok.dep_ == "xcomp" and \
                        node.lemma_.lower() in self.ongoing_verbs and tok.head.i == node.i:
                    return "fact", f"'{c.text} {node.text} to {tok.text}': an act going on"  # "will continue to urge"
                if c.dep_ == "aux" and c.tag_ == "MD":
                    if c.lower_ in ("would", "will", "shall") and node.dep_ == "ccomp" and event in self.threat_events \
                            and node.head.lemma_.lower() in self.decision_verbs:
                        # "announced it would prohibit all aid": a measure decided, not a threat
                        return "fact", f"'{node.head.text} ... {c.text}': a measure decided and announced"
                    if c.lower_ == "would" and node.dep_ == "ccomp" and node.head.lemma_.lower() in SPEECH_VERBS:
                        return "promise", f"'{node.head.text} ... would': a stated intention"
                    if c.lower_ in self.modals:
                        return "drop", f"hypothetical modal '{c.text}'"
                    if c.lower_ in ("will", "shall", "'ll") and event in self.announced_events and node.i == tok.i \
                            and not (tok.dep_ == "ccomp" and tok.head.lemma_.lower() in self.warning_verbs):
                        # "China will suspend imports of Japanese seafood": a measure announced, not a threat
                        return "fact", f"'{c.text} {tok.text}': a measure announced"
                    if c.lower_ in ("will", "shall", "'ll"):
                        return "promise", f"future '{c.text}'"
                if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                    return "drop", f"conditional '{c.text}'"
                if c.dep_ == "mark" and c.lower_ in ("until", "till") and any(
                        t.tag_ in ("VBP", "VBZ") for t in [node, *node.children] if t.dep_ in ("aux", "auxpass") or t is node):
                    return "drop", f"a condition still open ('{c.text}' with the present tense)"
                if c.dep_ == "advmod" and c.lower_ in self.generic:
                    return "drop", f"habitual '{c.text}'"
                if node.i == tok.i and c.dep_ in ("amod", "dobj") and (c.lower_ in self.generic_adjs or any(
                        g.dep_ == "amod" and g.lower_ in self.generic_adjs for g in c.children if c.dep_ == "dobj")):
                    return "drop", f"habitual ('{c.text}')"  # "regular meetings", "holds frequent talks"
                if c.dep_ == "advmod" and c.lower_ in self.hedges:
                    return "drop", f"hedged by '{c.text}'"
                if node.i == tok.i and c.dep_ == "det" and c.lower_ in ("any", "every"):
                    return "drop", f"'{c.text} {tok.text}': no particular happening"
                if node.i == tok.i and c.dep_ == "amod" and c.lower_ in self.intent_adjs:
                    return "intent", f"'{c.text} {tok.text}'"
            if node.dep_ in ("csubj", "csubjpass") or (node.i == tok.i and node.dep_ in ("nsubj", "nsubjpass")
                                                       and node.head.lemma_ == "be"):
                return "drop", "subject of a statement about it"
            if node.i == tok.i and tok.dep_ == "acl" and tok.head.dep_ == "attr" and tok.head.head.lemma_ == "be":
                return "drop", "describes something already told ('it was the first deal reached ...')"
            if node.i == tok.i and self.adopted(tok):
                words = f"{tok.head.head.text} a {tok.head.text} {'' if tok.tag_ == 'VBG' else 'to '}{tok.text}"
                if event in self.threat_events or tok.head.lemma_.lower() in self.enacting_nouns:
                    return "fact", f"'{words}': a measure adopted"
                return "intent", f"'{words}': a course adopted, not yet taken"
            if node.i == tok.i and tok.dep_ in ("advcl", "acl", "relcl") and any(
                    c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children) and not self.to_complement(tok):
                if (event in self.purpose_events or tok.lemma_.lower() in self.purpose_lemmas) and \
                        tok.head.pos_ in ("VERB", "AUX") and tok.head.lemma_.lower() not in self.purpose_excluded:
                    # "shunned work to protest ...": acting in order to protest is protesting;
                    # "opened fire to disperse the crowd": the firing was the dispersal
                    return "fact", f"'{tok.head.text} ... to {tok.text}': the act itself"
                if tok.head.lemma_.lower() in self.attempt_verbs and event in self.attempted_events:
                    return "fact", f"'{tok.head.text} to {tok.text}': an attempted attack is an attack"
                return "drop", "a purpose ('to ...'), not a happening"
            if node.i == tok.i and tok.tag_ in ("VBZ", "VBP") and tok.dep_ == "relcl":
                return "drop", "present tense in a relative clause: a role or habit"
            head = node.head
            if head.i == node.i and tok.pos_ in ("NOUN", "PROPN") and node.pos_ not in ("VERB", "AUX"):
                return "drop", "no predicate: a list or a heading, not a statement that it happened"
            if head.i == node.i or steps > 8:
                return "fact", ""
            hl = head.lemma_.lower()
            if node.dep_ == "prep" and head.pos_ in ("NOUN", "PROPN") and hl in self.intent_nouns and \
                    node.lower_ in ("in", "at", "during", "after", "before", "since", "despite"):
                node, steps = head, steps + 1  # "an agreement in talks": where it was sought, not what was meant
                continue
            if node.dep_ in ("xcomp", "ccomp", "acl", "pcomp", "dobj", "pobj", "prep", "amod", "acomp", "conj") \
                    or self.to_complement(node):
                if node.dep_ == "conj":
                    node, steps = head, steps + 1
                    continue
                if hl in self.attempt_verbs and event in self.attempted_events:
                    return "fact", f"'{head.text} to {node.text}': an attempted attack is an attack"
                if hl in self.intent_verbs or hl in self.intent_nouns:
                    cond = next((c for c in head.children if c.dep_ == "neg" or (
                        c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"))), None)
                    if cond is not None:  # "will boycott unless the president agrees to step down"
                        return "drop", f"'{cond.text} ... {head.text}': not stated as meant"
                    gov = head.head.head if head.dep_ == "pobj" else head.head
                    if head.dep_ in ("dobj", "pobj", "nsubjpass") and gov.lemma_.lower() in self.blocking:
                        return "drop", f"'{gov.text} ... {head.text}': what was {gov.text}"  # "rejected an offer of talks"
                    if head.dep_ in ("xcomp", "ccomp") and gov.lemma_.lower() in self.request_verbs:
                        # "urged both sides to agree to a truce": the agreement is what a third side asks for
                        return "drop", f"what '{gov.text}' asks for ('{head.text}'), not a happening"
                    return "intent", f"governed by '{head.text}'"
                if hl in ("promise", "pledge", "vow"):
                    return "promise", f"governed by '{head.text}'"
                if hl in self.request_verbs and node.dep_ in ("xcomp", "ccomp"):
                    return "drop", f"what '{head.text}' asks for, not a happening"
                if hl in self.blocking and node.dep_ != "amod" and (node.dep_ != "ccomp" or hl in CCOMP_BLOCKERS):
                    return "drop", f"what '{head.text}' is about, not a happening"
                if node.dep_ == "pcomp" and head.lower_ in ("about", "on", "over"):
                    return "drop", f"topic ('{head.text} {node.text}')"
                if hl in self.topic_verbs and tok.pos_ in ("NOUN", "PROPN"):
                    return "drop", f"topic of '{head.text}'"
                if node.dep_ == "pobj" and head.lower_ in ("of", "about", "on") and head.head.lemma_.lower() in (
                        self.topic_verbs | self.intent_nouns | {"issue", "question", "topic", "agenda", "prospect"}):
                    if head.head.lemma_.lower() in self.intent_nouns:
                        return "intent", f"'{head.head.text} {head.text}'"
                    return "drop", f"topic of '{head.head.text}'"
            if node.dep_ == "ccomp" and self.tenseless(node):
                node, steps = head, steps + 1  # "a deal that would see troops withdraw": the governor's modality
                continue
            if node.dep_ in ("advcl", "relcl", "ccomp", "parataxis"):
                return "fact", ""  # the clause's own modality decides; the main clause's does not carry over
            node, steps = head, steps + 1

