"""Noun triggers: what the words around an event noun say -- whether it names the pattern's act here
("air strike" is no labour strike, "after the meeting" retells one), its patient ("release of 123
detainees"), the modality verdict, and its doer: a possessive, a "by" or "from" phrase, the sides
"between" whom it is, the subject of a light verb, a nationality word or who says it.

Entry point: `NounTriggers(knowledge, triggers, modality, roles).read(pat, tok, ctx)`.
"""
from __future__ import annotations

from spacy.tokens import Token

from .draft import Reading
from .grammar import children, prep_objects, subject_of
from .knowledge import Knowledge, Pattern
from .modality import Modality
from .model import ActorRef
from .references import DocContext, is_person
from .roles import Roles
from .speakers import said_by
from .triggers import Triggers

# Noun triggers whose nationality modifier is the doer ("Israeli shelling", "U.S. sanctions", "Russian aid").
NOUN_MODIFIER_ACTOR = {"ASSAULT", "SANCTION", "COERCE", "MOBILIZE", "THREATEN", "AID", "PROTEST"}


class NounTriggers:
    """The reading of a noun trigger against its pattern, one step a method."""

    def __init__(self, knowledge: Knowledge, triggers: Triggers, modality: Modality, roles: Roles):
        self.k, self.triggers, self.modality, self.roles = knowledge, triggers, modality, roles

    def read(self, pat: Pattern, tok: Token, ctx: DocContext) -> Reading | None:
        """What the words say of the act `tok` names by `pat`, or None when they tell no such act."""
        notes: list[str] = []
        if not self.fits(pat, tok, ctx):
            return None
        obj = self.patient(tok)
        if not self.fits_patient(pat, tok, obj, ctx):
            return None
        verdict = self.modality.verdict(tok, notes, pat.event)
        if verdict is None:
            return None
        # the actor: a possessive, else the subject of the governing verb
        actor, doer, obj = self.own_doer(pat, tok, obj, ctx)
        between = prep_objects(tok, "between") or [p for c in children(tok, "acl") for p in prep_objects(c, "between")]
        # "talks between Lukashenko and Coale", "a ceasefire brokered by Turkey between Azerbaijan and Armenia"
        if not actor and between and pat.recipient != "between":
            sides = ctx.np_actors(between[0])
            if len(sides) >= 2:
                notes.append(f"sides from 'between {between[0].text}'")
            if len(sides) >= 2 and pat.event in self.k.roles.get("joint_events", ()):  # a joint act: one mention per side for meetings
                return Reading(sides, [], obj, verdict, notes)
            if len(sides) >= 2:
                return Reading(sides[:1], sides[1:], obj, verdict, notes)
        if not actor:
            actor, doer = self.governing_doer(tok, doer, ctx)
        if not actor:
            actor = self.owner_or_modifier(pat, tok, obj, notes, ctx)
        if pat.speaker_actor:
            ref = self.speaker(tok, ctx)
            if ref is None:
                return None
            actor, doer = [ref], None
            notes.append(f"actor: who says it ({ref.basis})")
        if pat.subject and not self.triggers.in_class(doer, pat.subject, ctx):
            return None  # "Beijing's protest" is a complaint; "the students' protest" a demonstration
        recipient = self.roles.recipient_of(pat, tok, obj, ctx) or (
            self.roles.held_person(tok, ctx) if pat.event == "COERCE" else []) or self.fended_by(tok, actor, ctx)
        if pat.swap and recipient:  # "X gave a warm welcome to Y": Y is the visitor
            actor, recipient = recipient, actor
            doer = None
        return Reading(actor, recipient, obj, verdict, notes, doer)

    def fended_by(self, tok: Token, actor: list[ActorRef], ctx: DocContext) -> list[ActorRef]:
        """ "its forces were repelling Tajik attacks": who fends the act off is whom it is aimed at
        (`fending_verbs`), the subject of the verb the noun is the object of; not the act's own doer."""
        verb = tok.head
        if tok.dep_ != "dobj" or verb.lemma_.lower() not in self.k.roles.get("fending_verbs", ()):
            return []
        subj, passive = subject_of(verb, roles=self.k.roles)
        own = {a.code for a in actor}
        return [r for r in ctx.np_actors(subj) if r.code and r.code not in own] if subj is not None and not passive else []

    def fits(self, pat: Pattern, tok: Token, ctx: DocContext) -> bool:
        """Whether the noun names the pattern's act here, by its phrase, modifiers, governor and prepositions."""
        if self.triggers.phrasal_match(pat, tok) is None:
            return False
        if pat.excludes_modifier:
            words = self.k.classes.get(pat.excludes_modifier, {pat.excludes_modifier})
            # (and whom it is for: "a concession for six oil companies" is a licence, not a political concession)
            beneficiaries = [w for p in prep_objects(tok, "for", "to") for w in [p, *p.children] if w.dep_ in ("pobj", "compound")]
            if any(c.lemma_.lower() in words or c.lower_ in words for c in [*tok.children, *beneficiaries]
                   if c.dep_ in ("compound", "amod", "nmod", "pobj")):
                return False  # "air strike" is not a labour strike
        if pat.requires_modifier:
            words = self.k.classes.get(pat.requires_modifier, {pat.requires_modifier})
            mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")] + prep_objects(tok, "of", "on")
            if not any(m.lemma_.lower() in words or m.lower_ in words for m in mods):
                return False
        if pat.governed_by and not self.triggers.governed_by(tok, pat.governed_by):
            return False  # "reached a truce" is an agreement; "the truce held" is the truce itself
        if tok.dep_ == "pobj" and tok.head.lower_ in self.modality.anaphoric and not (
                tok.head.lower_ in ("after", "following", "since") and prep_objects(tok, "between", "with")
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)):
            # "after the meeting": refers back to an event already told; "after a phone call between X and Y" tells one
            return False
        if tok.dep_ == "compound":
            return False
        for prep, cls in pat.requires_prep.items():  # "their withdrawal from the town"
            pobjs = prep_objects(tok, prep) + (prep_objects(tok.head, prep) if tok.dep_ == "dobj" else [])
            pobjs += [p for o in prep_objects(tok, "of") for p in prep_objects(o, prep)]  # "removal of X from the list"
            if not any(self.triggers.in_class(p, cls, ctx) or any(self.triggers.in_class(x, cls, ctx) for x in prep_objects(p, "of"))
                       for p in pobjs):  # "from the town", "from the town of X"; not "from talks on the region"
                return False
        return True

    @staticmethod
    def patient(tok: Token) -> Token | None:
        """Whom or what the act is done to: "release of 123 detainees", "prisoner releases"; not a nationality word
        the parser hung on the noun as a compound ("an Azerbaijani attack"), which names the doer."""
        obj = None
        ofs = prep_objects(tok, "of")
        if ofs:
            obj = ofs[0]
        else:
            comp = [c for c in tok.children if c.dep_ in ("compound", "nmod") and c.ent_type_ != "NORP"]
            if comp:
                obj = comp[0]
        return obj

    def fits_patient(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> bool:
        """Whether the patient is of the class the pattern asks for."""
        if pat.object and not pat.object_optional and not self.triggers.in_class(obj, pat.object, ctx):
            return False
        if pat.object and pat.object_optional and obj is not None and not self.triggers.in_class(obj, pat.object, ctx):
            return False
        if pat.object == "person" and obj is None and not tok.tag_ == "NNS":
            return False
        return True

    def own_doer(self, pat: Pattern, tok: Token, obj: Token | None,
                 ctx: DocContext) -> tuple[list[ActorRef], Token | None, Token | None]:
        """The actor the noun's own phrase names (a possessive, "by", "from"), the doer's words, and the
        patient when the possessive is the one the act is done to ("his arrest")."""
        actor: list[ActorRef] = []
        doer = None  # the words naming the doer, kept for an actor the dictionary lacks
        poss = children(tok, "poss")
        if poss and tok.lemma_.lower() in self.k.roles.get("patient_nouns", ()) and is_person(poss[0], ctx):
            # "Floderus's trial", "his arrest": a person's is the one tried or held, not the one who acts
            if obj is None:
                obj = poss[0]
            poss = []
        if poss:
            doer = poss[0]
            actor = ctx.np_actors(poss[0])
        agents = prep_objects(tok, "by")  # "a visit by U.S. officials"
        if not actor and agents:
            doer = agents[0]
            actor = ctx.np_actors(agents[0])
        froms = prep_objects(tok, "from") if pat.event in self.k.roles.get("source_events", ()) else []  # "pressure from Congress"
        if not actor and froms:
            doer = froms[0]
            actor = ctx.np_actors(froms[0])
        return actor, doer, obj

    def governing_doer(self, tok: Token, doer: Token | None, ctx: DocContext) -> tuple[list[ActorRef], Token | None]:
        """The actor from the words the noun hangs on: a possessive further up, or a light verb's subject."""
        actor: list[ActorRef] = []
        gov = tok.head
        while gov.dep_ in ("prep", "pobj", "dobj", "conj", "appos") and gov.head.i != gov.i and gov.pos_ != "VERB":
            gov = gov.head
            gposs = children(gov, "poss") if gov.pos_ in ("NOUN", "PROPN") else []
            if gposs:
                actor = ctx.np_actors(gposs[0])
                break
        # Only a light verb's subject does the act its object names ("Washington granted relief");
        # "the visit resulted in releases" says nothing of who released.
        if not actor and gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in self.modality.light_verbs:
            s, passive = subject_of(gov, roles=self.k.roles)
            s = ctx.past_dateline(s)
            if passive and not any(c.dep_ == "agent" for c in gov.children):
                passive = False  # "forces were engaged in ethnic cleansing": a state, the subject acts
            if s is not None and s.i != tok.i and not passive:
                doer = doer or s
                actor = ctx.np_actors(s)
        return actor, doer

    @staticmethod
    def owner_or_modifier(pat: Pattern, tok: Token, obj: Token | None, notes: list[str],
                          ctx: DocContext) -> list[ActorRef]:
        """The actor as the troops' owner or the nationality word before the noun."""
        actor: list[ActorRef] = []
        if not actor and obj is not None and pat.object in ("troops", "peacekeepers", "police"):
            owner = ctx.np_actor(obj, direct=True)
            if owner is not None and owner.code:
                actor = [owner]
                notes.append(f"actor: whose '{obj.text}' they are")
        if not actor and pat.event in NOUN_MODIFIER_ACTOR:
            # "Israeli tank shelling", "U.S. sanctions": the nationality word names who did it
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i and (obj is None or c.i != obj.i):
                    ref = ctx.np_actor(c, direct=True)
                    if ref is not None and ref.code:
                        actor = [ref]
                        notes.append(f"actor from the modifier '{c.text}'")
                        break
        return actor

    @staticmethod
    def speaker(tok: Token, ctx: DocContext) -> ActorRef | None:
        """For a judgement ("a violation"), who says it; None for the writer's own words or a maxim."""
        # "'This is a flagrant violation of our sovereignty,' the minister said": the judgement is the speaker's;
        # words no one is quoted as saying are the writer's own and accuse no one
        ref = said_by(tok, ctx.np_actor)
        if ref is None or not ref.code:
            return None
        verb = tok.head if tok.dep_ == "attr" else tok.head.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or not (subj.pos_ == "PRON" or any(c.dep_ in ("det", "poss") for c in subj.children)):
            return None  # "this is a violation", "the raid is ...": one act; "corruption is a crime" a maxim
        return ref
