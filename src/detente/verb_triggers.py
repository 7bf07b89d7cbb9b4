"""Verb triggers: what the words around a verb say -- its subject and object, whether the pattern's
conditions on them hold ("called for" is no call, "prices declined" no refusal), the modality verdict,
who did it and to whom, before `Coder.finish` fills in what the words leave out.

Entry point: `VerbTriggers(knowledge, triggers, modality, roles).read(pat, tok, ctx)`.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from .draft import Reading
from .grammar import CONTAINERS, OBJ, RELATIVE, children, object_of, prep_objects, split_gerund, subject_of
from .knowledge import Knowledge, Pattern
from .model import ActorRef
from .modality import Modality
from .references import DocContext
from .roles import Roles
from .speakers import said_by, says
from .triggers import Triggers


class VerbTriggers:
    """The reading of a verb trigger against its pattern, one step a method."""

    def __init__(self, knowledge: Knowledge, triggers: Triggers, modality: Modality, roles: Roles):
        self.k, self.triggers, self.modality, self.roles = knowledge, triggers, modality, roles

    def read(self, pat: Pattern, tok: Token, ctx: DocContext) -> Reading | None:
        """What the words say of the act `tok` triggers by `pat`, or None when they tell no such act."""
        notes: list[str] = []
        subj, passive, obj = self.subject_object(pat, tok, ctx)
        if pat.requires_modal_clause:
            fits, obj = self.modal_clause(pat, tok, obj, ctx)
            if not fits:
                return None
        # phrasal entries: "hold talks", "lock up", "call on", "set free", "let go", "speak by phone"
        phrase = self.triggers.phrasal_match(pat, tok)
        if phrase is None:
            return None
        obj = self.phrase_object(pat, tok, obj, phrase)
        if not self.fits_words(pat, tok, obj, phrase):
            return None
        obj = self.fitting_object(pat, tok, obj, ctx)
        if not self.fits_complements(pat, tok, obj, ctx):
            return None
        verdict = self.modality.verdict(tok, notes, pat.event, own_side=self.own_side_reports(tok, ctx))
        if verdict is None or (pat.announced_only and verdict == "fact"):
            return None  # "retaliated by raising tariffs": the tariffs are the event
        doer = self.doer(tok, subj, passive, ctx)
        if not self.fits_doer(pat, doer, ctx):
            return None
        actor, recipient, doer = self.sides(pat, tok, obj, doer, ctx)
        if pat.speaker_actor:
            return self.charged_by_speaker(tok, actor, obj, verdict, notes, ctx)
        return Reading(actor, recipient, obj, verdict, notes, doer)

    @staticmethod
    def own_side_reports(tok: Token, ctx: DocContext) -> bool:
        """Whether the clause is reported by a speaker of its subject's own state ("Chile's president affirmed
        that Chile won't reopen the border"): what it says Chile will not do is Chile's own word, a refusal."""
        if tok.dep_ != "ccomp" or not says(tok.head):
            return False
        inner = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        ref = ctx.np_actor(inner) if inner is not None and inner.pos_ != "PRON" else None
        if ref is None or not ref.code:
            return False
        speaker = said_by(tok, ctx.np_actor)
        return speaker is not None and speaker.code == ref.code

    @staticmethod
    def charged_by_speaker(tok: Token, named: list[ActorRef], obj: Token | None, verdict: str, notes: list[str],
                           ctx: DocContext) -> Reading | None:
        """The speaker charges the clause's subject with the act ("said that Ruritania's blockade violates the
        accords": the speaker's side accuses Ruritania); None for the writer's own words and for a side speaking
        of its own act."""
        if verdict != "fact" or tok.dep_ in ("xcomp", "acl", "relcl", "pcomp", "amod") or (
                tok.dep_ == "ccomp" and not says(tok.head)):
            return None  # "will not allow them to violate the accord", "a deal that Peru breached": not the charge
        ref = said_by(tok, ctx.np_actor)
        if ref is None or not ref.code or any(a.code == ref.code for a in named):
            return None
        notes.append(f"actor: who says it ({ref.basis}); recipient: whom it charges")
        speaker = replace(ref, entity_text=ref.how.removeprefix("speaker:") or ref.entity_text)
        return Reading([speaker], [a for a in named if a.code], obj, verdict, notes, None)

    def subject_object(self, pat: Pattern, tok: Token, ctx: DocContext) -> tuple[Token | None, bool, Token | None]:
        """The verb's subject, whether it is passive, and its object (what the act is done to)."""
        found = ctx.memo.get(("subject_object", tok.i))
        if found is None:
            subj, passive = subject_of(tok, roles=self.k.roles)
            split = split_gerund(tok)
            if split is not None:  # "condemned the Azerbaijani shelling of Kapan": the nation's shelling, not Armenia's
                subj, passive = split, False
            obj = object_of(tok, passive, ctx.past_dateline(subj) if passive else subj)  # (not "LONDON (AP) -")
            found = ctx.memo[("subject_object", tok.i)] = (subj, passive, obj)
        subj, passive, obj = found
        if obj is not None and obj.dep_ == "pobj" and obj.head.lower_ == "to" and "to" in pat.recipient.split():
            obj = None  # "the soldiers returned to their territory": the "to" phrase says whom, never what
        if obj is not None and obj.lower_ in RELATIVE and tok.dep_ == "relcl":
            obj = tok.head  # "the agreement, which was initialed by ...": the relative pronoun's noun
        if (subj is None or subj.i == tok.head.i) and self.modality.adopted(tok):
            # "Seoul approved a plan to suspend ...", "Ottawa adopted a decree imposing ...": Seoul suspends
            subj, passive = subject_of(tok.head.head, roles=self.k.roles)
            subj = None if passive else subj
        if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "the three people freed on Wednesday"
            subj, passive, obj = None, True, tok.head
        if pat.patient_subject:  # "an American walked free": the subject is who was freed
            subj, passive, obj = None, True, subj
        if obj is None:  # "let Zenkovich go": the object is the subject of the small clause
            for c in tok.children:
                if c.dep_ in ("ccomp", "xcomp") and not any(g.tag_ == "MD" or g.dep_ == "mark" for g in c.children):
                    # (not "warned it would take measures": a reported clause, not a small clause)
                    inner = [g for g in c.children if g.dep_ == "nsubj"]
                    if inner:
                        obj = inner[0]
                        break
        if obj is not None and obj.dep_ == "xcomp" and obj.tag_ == "VBG" and pat.object:
            # "stopped issuing visas", "halted sending aid": the gerund's object is what is stopped
            obj = next(iter(children(obj, "dobj")), obj)
        if obj is None and pat.object:
            obj = next((d for c in children(tok, "xcomp") if c.tag_ == "VBG" for d in children(c, "dobj")), None)
        if obj is None and pat.object:  # "ratified Finland's membership bid": a noun the parser read as a clause
            obj = next((c for c in children(tok, "ccomp") if not children(c, "nsubj", "nsubjpass", "aux")
                        and self.triggers.in_class(c, pat.object, ctx, True)), None)
        if obj is not None and obj.lemma_.lower() in CONTAINERS:  # "freed its largest group so far—52 people"
            restated = [c for c in tok.children if c.dep_ in ("npadvmod", "appos") and c.lemma_.lower() in
                        self.k.classes.get("person", set())]
            if restated:
                obj = restated[0]
        return subj, passive, obj

    def modal_clause(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> tuple[bool, Token | None]:
        """Whether the pattern's required modal clause is there, and its subject as the object."""
        # "Britain said that Libya must hand over the suspects": a demand on the clause's subject
        clause = next((c for c in tok.children if c.dep_ == "ccomp" and any(
            a.dep_ == "aux" and a.lower_ in pat.requires_modal_clause for a in c.children)), None)
        if clause is None:
            return False, obj
        if pat.requires_conditional_clause and not any(  # "warned that relief would be reversed if ..."
                m.dep_ == "mark" and m.lower_ in self.modality.condition_marks for t in clause.subtree for m in t.children):
            return False, obj
        inner = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        obj = inner[0] if inner else None
        if pat.requires_conditional_clause and not (
                any(c.dep_ in ("dobj", "dative") for c in tok.children) or (obj is not None and ctx.np_actor(obj))
                or self.triggers.patterns_for(clause)):
            return False, obj  # "cautioned that the economy could shrink if ...": no one's act, no one warned
        return True, obj

    def phrase_object(self, pat: Pattern, tok: Token, obj: Token | None, phrase: set[int]) -> Token | None:
        """The object of a multi-word trigger: the noun its fixed phrase hangs on or points to."""
        if pat.object and (obj is None or obj.ent_type_ in ("DATE", "TIME")):
            # "pulled out of the summit", "backed out of the talks": the object of the phrase's preposition
            preps = [tok.doc[i] for i in sorted(phrase) if tok.doc[i].dep_ == "prep"]
            preps += [g for p in preps for g in p.children if g.dep_ == "prep"]
            obj = next((o for p in preps for o in p.children if o.dep_ == "pobj"), obj)
        if pat.object and (obj is None or obj.i in phrase) and len(phrase) >= 2:
            # "declared two diplomats persona non grata" read as a clause: the noun hanging on the fixed phrase
            obj = next((c for i in sorted(phrase) for c in tok.doc[i].children
                        if c.i not in phrase and c.dep_ in ("nsubj", "compound", "dobj")), obj)
        if obj is not None and obj.i in phrase:  # "set fire to the offices", "turned water cannon on the boats"
            after = [p for p in prep_objects(obj, "to", "on", "at") + prep_objects(tok, "to", "on", "at")
                     if p.ent_type_ not in ("DATE", "TIME")]
            obj = after[0] if after else obj
        return obj

    def fits_words(self, pat: Pattern, tok: Token, obj: Token | None, phrase: set[int]) -> bool:
        """Whether the words right around the verb leave it the pattern's act (its exclusions and needs)."""
        if pat.excludes and any(c.lower_ in pat.excludes or c.lemma_.lower() in pat.excludes
                                for c in tok.children if c.dep_ == "prt" or (
                                    c.dep_ in ("prep", "dobj", "advmod", "dative") and c.i == tok.i + 1)):
            return False  # "called for", "backed down": another verb (a particle, or a word right after it)
        idioms = set().union(*(self.k.classes.get(w, ()) for w in pat.excludes)) if pat.excludes else ()
        if idioms and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in idioms for c in tok.children):
            return False  # "struck a conciliatory tone", "a balance was struck": an idiom's object, not the act
        if pat.excludes_prep and any(c.dep_ == "prep" and c.lower_ in pat.excludes_prep for c in tok.children):
            return False  # "rammed the budget through parliament"
        if pat.excludes_clause and any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in tok.children):
            return False
        if pat.intransitive and any(c.dep_ in ("dobj", "obj", "dative") and c.i not in phrase for c in tok.children):
            return False  # "demonstrate his effectiveness" is not a demonstration
        if pat.absorbs and any(m.dep_ == "mark" and m.lower_ in self.modality.condition_marks
                               for c in tok.children if c.dep_ in ("xcomp", "advcl")
                               for a in children(c, "advcl") for m in a.children):
            return False  # "vowed to resume if leaflets are flown again": a conditional, not a commitment
        if pat.requires_clause and not any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in
                                                                             ("on", "to", "upon")) for c in tok.children):
            return False  # "promises a longer-term vision"
        if pat.requires_complement and obj is None and not any(
                c.dep_ in ("xcomp", "ccomp", "prep", "dobj") for c in tok.children):
            return False  # "prices declined": no one refused anything
        return True

    def fitting_object(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> Token | None:
        """Of the verb's objects, the one of the pattern's class."""
        if pat.object and obj is not None and not self.triggers.in_class(obj, pat.object, ctx, pat.object_head_only):
            # "gave Chad two million euros of aid": the indirect object is not the thing given
            others = [c for c in tok.children if c.dep_ in OBJ and c.i != obj.i]
            others += [g for c in [obj, *others] for g in prep_objects(c, "of")  # "20 tonnes of medicine", not
                       if not self.triggers.in_class(c, "possessions", ctx, True)]  # "the passport of the worker"
            fit = [c for c in others if self.triggers.in_class(c, pat.object, ctx, pat.object_head_only)]
            if fit:
                obj = fit[0]
        return obj

    def deadline_clauses(self, tok: Token) -> list[Token]:
        """The infinitive a deadline the verb gives hangs on ("gave the envoys 72 hours to leave", "gave them an
        ultimatum of seven days to leave"): what the deadline is for, as if the verb governed it."""
        words = self.k.classes.get("deadlines", set())
        deadlines = [c for c in tok.children if c.dep_ in ("dobj", "npadvmod") and (
            c.ent_type_ in ("DATE", "TIME") or c.lemma_.lower() in words)]
        if not deadlines:
            return []
        to_verb = [c for c in tok.children if c.dep_ == "advcl"]  # the parser hangs it on the verb too
        to_verb += [v for d in deadlines for v in d.subtree if v.dep_ in ("relcl", "acl")]
        return [v for v in to_verb if v.pos_ == "VERB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in v.children)]

    def fits_complements(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> bool:
        """Whether the verb's clauses, adverbs, prepositions and object are what the pattern asks for."""
        asked = any(c.dep_ == "dobj" for c in tok.children)  # "pressed Canberra for weeks to lift": the parser's
        governed = [c for c in tok.children if (c.dep_ in ("xcomp", "ccomp") or asked and c.dep_ == "advcl" and any(
            a.tag_ == "TO" for a in c.children)) and (  # advcl, after a phrase between the object and the verb
            c.lemma_.lower() in pat.requires_xcomp or "*" in pat.requires_xcomp)]
        if pat.requires_xcomp and not governed:  # "gave the envoys 72 hours to leave", "... an ultimatum of a week to leave"
            governed = [v for v in self.deadline_clauses(tok) if v.lemma_.lower() in pat.requires_xcomp]
        if pat.requires_xcomp and not governed or pat.excludes_pressing_on and self.triggers.presses_on(tok, ctx):
            return False  # (the second: "pledged to keep the restrictions" promises no cooperation)
        if pat.requires_condition and not any(m.dep_ == "mark" and m.lower_ in self.modality.condition_marks
                                              for c in children(tok, "advcl") for m in c.children):
            return False  # "will take countermeasures if ...": only told on a condition
        if pat.requires_adverb and not any(c.dep_ == "advmod" and c.lower_ in self.k.classes.get(pat.requires_adverb, ())
                                           for c in tok.children):
            return False  # "will respond firmly", not "responded to questions"
        if pat.xcomp_negated and not any(  # "advised its citizens not to travel", "... to avoid travel"
                any(c.dep_ == "neg" for c in g.children) or g.lemma_.lower() in self.k.classes.get("avoidance", ())
                for g in governed):
            return False
        if pat.requires_xcomp_object and not any(  # "failed to reach agreement", not "... to reach the town"
                self.triggers.in_class(o, pat.requires_xcomp_object, ctx) for c in governed for o in [
                    *children(c, "dobj"), *prep_objects(c, "on", "upon"),  # "not to count on support"
                    *(x for x in children(c, "ccomp") if x.pos_ == "NOUN")]):  # a headline's noun read as a clause
            return False
        if pat.object_act and not self.decision_of(tok, obj, pat.object_act, ctx):
            return False  # "suspended its decision to end the pact", not "suspended its decision"
        if pat.excludes_modifier and obj is not None and any(  # "suspended its air strikes" is no strike called off
                c.lemma_.lower() in self.k.classes.get(pat.excludes_modifier, ()) for c in obj.children
                if c.dep_ in ("compound", "amod", "nmod")):
            return False
        for prep, cls in pat.requires_prep.items():
            pobjs = prep_objects(tok, prep) + (prep_objects(obj, prep) if obj is not None else [])
            if not pobjs and prep == "as":  # "described X's decision to expel them as ...", "denounced it as false":
                # the parser hangs the phrase deeper, or makes "as" an adverb of the adjective
                pobjs = [t.head if t.dep_ == "advmod" else t for t in tok.subtree
                         if t.lower_ == "as" and t.dep_ in ("prep", "advmod") and t.i > tok.i]
            if not pobjs or cls != "*" and not any(self.triggers.in_class(p, cls, ctx) or any(
                    self.triggers.in_class(t, cls, ctx) for t in p.subtree) for p in pobjs):  # "*": any phrase
                return False
        if pat.object and not self.triggers.in_class(obj, pat.object, ctx, pat.object_head_only):
            as_phrase = [a for o in ([obj] if obj is not None else []) for a in prep_objects(o, "as")] + \
                prep_objects(tok, "as")
            if not (pat.object == "place" and self.roles.place_of(tok, ctx)) and \
                    not any(self.triggers.in_class(a, pat.object, ctx) for a in as_phrase):
                return False
        return True

    def decision_of(self, tok: Token, obj: Token | None, cls: str, ctx: DocContext) -> bool:
        """Whether a decision or notice is one to do an act of the class: its "to" clause ("its decision to end the
        pact"), a noun it is of or on ("the notice of termination", "its notice on the pact", the parser often
        hanging the "on" phrase on the verb), or its modifier ("the termination notice")."""
        if obj is None:
            return False
        words = self.k.classes.get(cls, set())
        acts = [c for c in obj.children if c.dep_ in ("acl", "relcl", "compound", "amod")]
        acts += [t for p in prep_objects(obj, "of", "on", "to") + prep_objects(tok, "on") + [
            c for c in tok.children if c.dep_ == "dobj" and c.i > obj.i] for t in p.subtree]  # (a second object: a mis-parse)
        return any(a.lemma_.lower() in words or self.triggers.in_class(a, cls, ctx, True) for a in acts)

    def doer(self, tok: Token, subj: Token | None, passive: bool, ctx: DocContext) -> Token | None:
        """The words naming who did it: the subject, a passive's agent, a text's author."""
        if passive and not prep_objects(tok, "by") and tok.lemma_.lower() in self.modality.stative_passives:
            doer = ctx.past_dateline(subj)  # "Israel is opposed to French mediation"
        elif passive:
            agents = prep_objects(tok, "by")
            doer = agents[0] if agents else None
        else:
            doer = ctx.past_dateline(subj)
        if doer is not None and doer.head.i == tok.i and doer.lemma_.lower() in self.k.roles.get("text_nouns", ()) \
                and prep_objects(doer, "by"):
            doer = prep_objects(doer, "by")[0]  # "a report by Human Rights Watch accused ...": its author
        return doer

    def fits_doer(self, pat: Pattern, doer: Token | None, ctx: DocContext) -> bool:
        """Whether the doer is of the class the pattern asks for, and of none it excludes."""
        if pat.subject and not self.triggers.in_class(doer, pat.subject, ctx):
            return False
        if pat.subject_not and doer is not None and any(
                self.triggers.in_class(t, pat.subject_not, ctx, head_only=True) for t in [doer, *doer.conjuncts, *(
                    c for d in [doer, *doer.conjuncts] for c in d.children if c.dep_ in ("compound", "appos", "nmod", "amod"))]):
            return False  # "two tourists arrived in Lima", "X, a freed aid worker, arrived": no state's visit
        return True

    def sides(self, pat: Pattern, tok: Token, obj: Token | None, doer: Token | None,
              ctx: DocContext) -> tuple[list[ActorRef], list[ActorRef], Token | None]:
        """The actor and recipient the words name, and the doer's words, swapped where the pattern says
        the giver or the visitor is not the subject."""
        actor = ctx.np_actors(doer) if doer is not None else []
        if not actor and doer is not None and doer.pos_ in ("NOUN", "PROPN") and self.triggers.patterns_for(doer):
            actor = self.roles.act_doers(doer, ctx)  # "Pakistan's strikes killed ten civilians": who struck
        recipient = self.roles.recipient_of(pat, tok, obj, ctx)
        if pat.swap == "from":  # "received weapons from the government": the giver acts
            source = next(iter(prep_objects(tok, "from") + (prep_objects(obj, "from") if obj is not None else [])), None)
            doer = source
            actor, recipient = (ctx.np_actors(source) if source is not None else []), actor
        elif pat.swap:  # "Minsk received a U.S. delegation": the delegation visits
            doer = obj
            actor, recipient = (ctx.np_actors(obj) if obj is not None else []), actor
        return actor, recipient, doer
