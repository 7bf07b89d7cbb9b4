"""Code events: find pattern triggers in parsed sentences and fill who did what to whom, and how many.

The patterns and word classes are data (`data/patterns.yaml`); the coder only walks the dependency
parse. A dependency walk is hand-written because no maintained library codes PLOVER events from spaCy
parses (PETRARCH2 is Python 2 and reads constituency trees).

The coder is a few components with one job each, like a spaCy pipeline; this module wires them:

| component | module | decides |
|---|---|---|
| knowledge | `knowledge.py` | the patterns, word classes and lexicons, read from data files |
| trigger matching | `triggers.py` | which patterns a word triggers; whether a word is of a class |
| references | `references.py` | who a noun phrase or pronoun denotes |
| roles | `roles.py` (and `grammar.py`) | who did what to whom: recipient, place, unknown doers |
| modality | `modality.py` | fact, intention, promise, refusal, threat, or no event |
| quantities | `quantities.py` | how many people |
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from .actors import ActorDictionary
from .grammar import CONTAINERS, OBJ, RELATIVE, children, object_of, prep_objects, subject_of
from .knowledge import Knowledge, Pattern, load_knowledge  # noqa: F401  (importable from here, as before)
from .modality import Modality
from .exchanges import per_side
from .one_attack import one_attack
from .model import ActorRef, Document, Mention
from .quantities import quantity as people_count
from .references import DocContext
from .roles import UNRESOLVED_PENALTY, Roles
from .triggers import Triggers

NAMED_BASES = {"dictionary", "country", "metonym", "capital", "demonym", "role"}  # a side named in the sentence, not inferred
# Noun triggers whose nationality modifier is the doer ("Israeli shelling", "U.S. sanctions", "Russian aid").
NOUN_MODIFIER_ACTOR = {"ASSAULT", "SANCTION", "COERCE", "MOBILIZE", "THREATEN", "AID", "PROTEST"}
JOINT_NOTE = "a joint act of several sides: one acts (in code order, so that every telling agrees), the others receive"


class Coder:
    """Turns one parsed document into event mentions (undated: the temporal stage dates them)."""

    def __init__(self, actors: ActorDictionary, knowledge: Knowledge | None = None):
        self.actors = actors
        self.k = knowledge or load_knowledge()
        self.triggers = Triggers(self.k)
        self.modality = Modality(self.k.modality)
        self.roles = Roles(self.k, self.triggers, actors)
        # joint acts coded once per side, by event and mode (`each_side` in patterns.yaml)
        self.each_side_modes = {e: set(ms or [None]) for e, ms in (
            self.k.raw_roles.get("each_side") or {"CONSULT": [None, "meet", "phone"]}).items()}

    # --- the coder ---------------------------------------------------------------------------------
    def code(self, doc: Document, sdoc: Doc) -> list[Mention]:
        ctx = DocContext(doc, sdoc, self.actors, doc.published, self.k.roles)
        mentions: list[Mention] = []
        consumed: set[int] = set()  # objects of phrasal triggers ("held talks"): not events of their own
        for si, sent in enumerate(sdoc.sents):
            found: list[tuple[Token, Pattern, Mention]] = []
            for tok in sent:
                if tok.i in consumed or tok.pos_ == "PROPN" and tok.ent_type_ in ("DATE", "TIME"):
                    continue  # (a name inside a date: "between March 6 and 10" is no march)
                for pat in self.triggers.patterns_for(tok):
                    m = self.try_pattern(pat, tok, si, sent, ctx)
                    if m is not None:
                        ctx.acts.append((tok.i, m.event, m.actor))  # "the attackers" later names its doer
                        found.append((tok, pat, m))
                        consumed.update(self.triggers.phrasal_match(pat, tok) or ())
                        break
            mentions.extend(one_attack(found, self.prune(found)))
        self.fill_releasers(mentions)
        self.fill_unnamed_doers(mentions)
        return [x for m in mentions for x in self.each_side(m)]

    def each_side(self, m: Mention) -> list[Mention]:
        """A meeting or call of several sides told once ("the US, Russia and Switzerland met") is one
        mention per side as actor, as dyadic event data expects; merging joins them again, because
        these families compare parties without direction. An exchange ("Armenia and Azerbaijan swapped
        prisoners") is a release by each side to the other (`each_side_events` in patterns.yaml)."""
        modes = self.each_side_modes.get(m.event)
        a_codes = list(dict.fromkeys(a.code for a in m.actor if a.code))
        r_codes = list(dict.fromkeys(r.code for r in m.recipient if r.code))
        if JOINT_NOTE not in m.notes and m.event == "CONSULT" and (m.mode in modes or m.mode == "visit") and (
                len(a_codes) >= 2 and r_codes or len(r_codes) >= 2 and a_codes) and not m.rule.startswith("mediat"):
            # "the two ministers visited Washington", "the emir met both ministers": one meeting per pair of
            # states, as dyadic event data counts them (a mediation between two sides stays one act of three)
            pairs = [(a, r) for a in a_codes for r in r_codes if a != r]
            return [replace(m, actor=[x for x in m.actor if x.code == a], recipient=[x for x in m.recipient if x.code == r],
                            id=m.id if k == 0 else hashlib.sha1(f"{m.id}:{a}:{r}".encode()).hexdigest()[:16],
                            notes=[*m.notes, f"one of the meetings of {'+'.join(a_codes)} with {'+'.join(r_codes)}: {a} and {r}"])
                    for k, (a, r) in enumerate(pairs)] or [m]
        if JOINT_NOTE not in m.notes or modes is None or m.mode not in modes:
            return [m]
        sides = m.actor + m.recipient
        out = [m]
        for side in sides[1:]:
            out.append(replace(m, actor=[side], recipient=[s for s in sides if s is not side],
                               id=hashlib.sha1(f"{m.id}:{side.code}".encode()).hexdigest()[:16],
                               notes=[*m.notes, f"the same joint act with {side.code} as the actor"]))
        return out

    def prune(self, found: list[tuple[Token, "Pattern", Mention]]) -> list[Mention]:
        """One sentence's mentions without the redundant ones: a framing verb ("agreed to reopen",
        "pledged to free") whose governed event was coded, and repeats of one event by several words."""
        coded = {tok.i for tok, _, _ in found}
        found_tokens = [tok for tok, _, _ in found]
        adopted = self.modality.adopted
        verbs = {tok.i: m for tok, pat, m in found if pat.pos == "VERB" and not pat.absorbs}
        # "the cancellation of the visit": the visit is what the coded noun acted on, as with a verb
        verbs |= {tok.i: m for tok, pat, m in found if pat.pos == "NOUN" and m.event in ("SANCTION", "RETREAT", "REJECT")}
        out, seen = [], {}
        for tok, pat, m in found:
            base = tok
            while base.dep_ == "conj" and base.head.i != base.i and base.head.pos_ in ("NOUN", "PROPN"):
                base = base.head  # "imposed tariffs or outright bans": each noun of the list is what it acted on
            gov = base.head.head if base.dep_ == "pobj" else base.head
            if pat.pos == "NOUN" and base.dep_ in ("dobj", "pobj", "nsubjpass") and gov.i in verbs and gov.i != tok.i \
                    and not own_parties(m, verbs[gov.i]):
                continue  # "lifted its sanctions": the noun is what the coded verb acted on
            if pat.pos == "VERB" and any(t.head.head.i == tok.i and adopted(t) for t in found_tokens):
                continue  # "approved a proposal to suspend the pact": the suspension is the act adopted
            if pat.absorbs and any(t.i in coded and t.i != tok.i for t in tok.subtree
                                   if (t.dep_ in ("xcomp", "ccomp", "pobj", "dobj") or t.dep_ == "advcl" and any(
                                       a.tag_ == "TO" for a in t.children)) and t.head.i in
                                   {tok.i} | {c.i for c in tok.children if c.dep_ == "prep"}):
                continue
            key = (m.event, m.mode, tuple(sorted(a.code for a in m.actor)), tuple(sorted(r.code for r in m.recipient)))
            # "four soldiers were killed when forces fired on a post": one attack told by two words; the
            # killing is the news (and how other articles tell it), the firing how it was done
            loose = (m.event, None, *key[2:])
            if m.event == "ASSAULT" and m.mode and loose in seen and m.recipient:
                seen[loose].notes.append(f"also told as '{m.trigger}' ({m.mode})")
                continue
            if m.event == "ASSAULT" and m.mode is None and m.recipient:
                told = [k for k in seen if k[0] == m.event and k[1] and k[2:] == key[2:]]
                if told:
                    first = seen[told[0]]
                    out[out.index(first)] = m
                    m.notes.append(f"also told as '{first.trigger}' ({first.mode})")
                    for k in told:
                        seen[k] = m
                    seen[key] = m
                    continue
            if key in seen:
                if m.confidence > seen[key].confidence:
                    out[out.index(seen[key])] = m
                    seen[key] = m
                continue
            seen[key] = m
            out.append(m)
        return out

    @staticmethod
    def fill_releasers(mentions: list[Mention]) -> None:
        """An agentless release ("three people were freed") was made by whoever the same article says
        releases people; only when it never says so, by the article's main country."""
        named = Counter(a.code for m in mentions if m.mode == "release" for a in m.actor
                        if a.code and not a.how.startswith("context"))
        if not named:
            return
        top = named.most_common(1)[0][0]
        for m in mentions:
            if m.mode == "release" and m.actor and all(a.how.startswith("context") for a in m.actor) \
                    and m.actor[0].code != top:
                m.actor = [ActorRef(top, "GOV", "", None, "context: the releaser the article names elsewhere")]
                m.recipient = [r for r in m.recipient if r.code != top]
                m.notes.append(f"actor from context ({top}, who releases people elsewhere in the article)")

    @staticmethod
    def fill_unnamed_doers(mentions: list[Mention], reach: int = 2) -> None:
        """A hostile act told with no doer ("two citizens were killed") right after one told with its doer
        against the same people ("police raided homes of Azerbaijani residents") was done by that doer:
        the act before it, at most `reach` sentences back, against the same recipient."""
        hostile = ("ASSAULT", "COERCE")
        for i, m in enumerate(mentions):
            if m.event not in hostile or not m.recipient or any(a.code or a.entity_text for a in m.actor):
                continue
            r_codes = {r.code for r in m.recipient if r.code}
            before = next((p for p in reversed(mentions[:i]) if p.event in hostile and 0 <= m.sent_index - p.sent_index
                           <= reach and p.doc_id == m.doc_id and any(a.code for a in p.actor)
                           and r_codes & {r.code for r in p.recipient}), None)
            if before is None:
                continue
            m.actor = [ActorRef(a.code, a.sector, a.entity_text, a.actor_id, "context: the doer of the act before it")
                       for a in before.actor if a.code]
            m.notes.append(f"actor from the act told just before ('{before.trigger}': {'+'.join(a.code for a in m.actor)})")

    def try_pattern(self, pat: Pattern, tok: Token, si: int, sent: Span, ctx: DocContext) -> Mention | None:
        notes: list[str] = []
        is_noun = pat.pos == "NOUN"
        if is_noun:
            return self.try_noun(pat, tok, si, sent, ctx)
        subj, passive = subject_of(tok, roles=self.k.roles)
        obj = object_of(tok, passive, subj)
        if obj is not None and obj.dep_ == "pobj" and obj.head.lower_ == "to" and "to" in pat.recipient.split():
            obj = None  # "the soldiers returned to their territory": the "to" phrase says whom, never what
        if obj is not None and obj.lower_ in RELATIVE and tok.dep_ == "relcl":
            obj = tok.head  # "the agreement, which was initialed by ...": the relative pronoun's noun
        if subj is None and self.modality.adopted(tok):  # "Seoul approved a plan to suspend ...": Seoul suspends
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
        if obj is not None and obj.lemma_.lower() in CONTAINERS:  # "freed its largest group so far—52 people"
            restated = [c for c in tok.children if c.dep_ in ("npadvmod", "appos") and c.lemma_.lower() in
                        self.k.classes.get("person", set())]
            if restated:
                obj = restated[0]
        if pat.requires_modal_clause:
            # "Britain said that Libya must hand over the suspects": a demand on the clause's subject
            clause = next((c for c in tok.children if c.dep_ == "ccomp" and any(
                a.dep_ == "aux" and a.lower_ in pat.requires_modal_clause for a in c.children)), None)
            if clause is None:
                return None
            if pat.requires_conditional_clause and not any(  # "warned that relief would be reversed if ..."
                    m.dep_ == "mark" and m.lower_ in self.modality.condition_marks for t in clause.subtree for m in t.children):
                return None
            inner = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            obj = inner[0] if inner else None
            if pat.requires_conditional_clause and not (
                    any(c.dep_ in ("dobj", "dative") for c in tok.children) or (obj is not None and ctx.np_actor(obj))
                    or self.triggers.patterns_for(clause)):
                return None  # "cautioned that the economy could shrink if ...": no one's act, no one warned
        # phrasal entries: "hold talks", "lock up", "call on", "set free", "let go", "speak by phone"
        phrase = self.triggers.phrasal_match(pat, tok)
        if phrase is None:
            return None
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
        if pat.excludes and any(c.lower_ in pat.excludes or c.lemma_.lower() in pat.excludes
                                for c in tok.children if c.dep_ == "prt" or (
                                    c.dep_ in ("prep", "dobj", "advmod", "dative") and c.i == tok.i + 1)):
            return None  # "called for", "backed down": another verb (a particle, or a word right after it)
        if pat.excludes_prep and any(c.dep_ == "prep" and c.lower_ in pat.excludes_prep for c in tok.children):
            return None  # "rammed the budget through parliament"
        if pat.excludes_clause and any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in tok.children):
            return None
        if pat.intransitive and any(c.dep_ in ("dobj", "obj") and c.i not in phrase for c in tok.children):
            return None  # "demonstrate his effectiveness" is not a demonstration
        if pat.absorbs and any(m.dep_ == "mark" and m.lower_ in self.modality.condition_marks
                               for c in tok.children if c.dep_ in ("xcomp", "advcl")
                               for a in children(c, "advcl") for m in a.children):
            return None  # "vowed to resume if leaflets are flown again": a conditional, not a commitment
        if pat.requires_clause and not any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in
                                                                             ("on", "to", "upon")) for c in tok.children):
            return None  # "promises a longer-term vision"
        if pat.requires_complement and obj is None and not any(
                c.dep_ in ("xcomp", "ccomp", "prep", "dobj") for c in tok.children):
            return None  # "prices declined": no one refused anything
        if pat.object and obj is not None and not self.triggers.in_class(obj, pat.object, ctx, pat.object_head_only):
            # "gave Chad two million euros of aid": the indirect object is not the thing given
            others = [c for c in tok.children if c.dep_ in OBJ and c.i != obj.i]
            others += [g for c in [obj, *others] for g in prep_objects(c, "of")]  # "20 tonnes of medicine"
            fit = [c for c in others if self.triggers.in_class(c, pat.object, ctx, pat.object_head_only)]
            if fit:
                obj = fit[0]
        governed = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and (
            c.lemma_.lower() in pat.requires_xcomp or "*" in pat.requires_xcomp)]
        if pat.requires_xcomp and not governed or pat.excludes_pressing_on and self.triggers.presses_on(tok, ctx):
            return None  # (the second: "pledged to keep the restrictions" promises no cooperation)
        if pat.requires_condition and not any(m.dep_ == "mark" and m.lower_ in self.modality.condition_marks
                                              for c in children(tok, "advcl") for m in c.children):
            return None  # "will take countermeasures if ...": only told on a condition
        if pat.requires_adverb and not any(c.dep_ == "advmod" and c.lower_ in self.k.classes.get(pat.requires_adverb, ())
                                           for c in tok.children):
            return None  # "will respond firmly", not "responded to questions"
        if pat.xcomp_negated and not any(  # "advised its citizens not to travel", "... to avoid travel"
                any(c.dep_ == "neg" for c in g.children) or g.lemma_.lower() in self.k.classes.get("avoidance", ())
                for g in governed):
            return None
        if pat.requires_xcomp_object and not any(  # "failed to reach agreement", not "... to reach the town"
                self.triggers.in_class(o, pat.requires_xcomp_object, ctx) for c in governed for o in children(c, "dobj")):
            return None
        if pat.excludes_modifier and obj is not None and any(  # "suspended its air strikes" is no strike called off
                c.lemma_.lower() in self.k.classes.get(pat.excludes_modifier, ()) for c in obj.children
                if c.dep_ in ("compound", "amod", "nmod")):
            return None
        for prep, cls in pat.requires_prep.items():
            pobjs = prep_objects(tok, prep) + (prep_objects(obj, prep) if obj is not None else [])
            if not pobjs and prep == "as":  # "described X's decision to expel them as ...", "denounced it as false":
                # the parser hangs the phrase deeper, or makes "as" an adverb of the adjective
                pobjs = [t.head if t.dep_ == "advmod" else t for t in tok.subtree
                         if t.lower_ == "as" and t.dep_ in ("prep", "advmod") and t.i > tok.i]
            if not pobjs or not any(self.triggers.in_class(p, cls, ctx) or any(self.triggers.in_class(t, cls, ctx) for t in p.subtree)
                                    for p in pobjs):
                return None
        if pat.object and not self.triggers.in_class(obj, pat.object, ctx, pat.object_head_only):
            as_phrase = [a for o in ([obj] if obj is not None else []) for a in prep_objects(o, "as")] + \
                prep_objects(tok, "as")
            if not (pat.object == "place" and self.roles.place_of(tok, ctx)) and \
                    not any(self.triggers.in_class(a, pat.object, ctx) for a in as_phrase):
                return None
        verdict = self.modality.verdict(tok, notes, pat.event)
        if verdict is None or (pat.announced_only and verdict == "fact"):
            return None  # "retaliated by raising tariffs": the tariffs are the event
        # actor
        if passive and not prep_objects(tok, "by") and tok.lemma_.lower() in self.modality.stative_passives:
            passive, doer = False, ctx.past_dateline(subj)  # "Israel is opposed to French mediation"
        elif passive:
            agents = prep_objects(tok, "by")
            doer = agents[0] if agents else None
        else:
            doer = ctx.past_dateline(subj)
        if doer is not None and doer.head.i == tok.i and doer.lemma_.lower() in self.k.roles.get("text_nouns", ()) \
                and prep_objects(doer, "by"):
            doer = prep_objects(doer, "by")[0]  # "a report by Human Rights Watch accused ...": its author
        if pat.subject and not self.triggers.in_class(doer, pat.subject, ctx):
            return None
        if pat.subject_not and doer is not None and any(
                self.triggers.in_class(t, pat.subject_not, ctx, head_only=True) for t in [doer, *doer.conjuncts, *(
                    c for d in [doer, *doer.conjuncts] for c in d.children if c.dep_ in ("compound", "appos", "nmod", "amod"))]):
            return None  # "two tourists arrived in Lima", "X, a freed aid worker, arrived": no state's visit
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
        return self.finish(pat, tok, si, sent, ctx, actor, recipient, obj, verdict, notes, doer)

    def try_noun(self, pat: Pattern, tok: Token, si: int, sent: Span, ctx: DocContext) -> Mention | None:
        notes: list[str] = []
        if self.triggers.phrasal_match(pat, tok) is None:
            return None
        if pat.excludes_modifier:
            words = self.k.classes.get(pat.excludes_modifier, {pat.excludes_modifier})
            # (and whom it is for: "a concession for six oil companies" is a licence, not a political concession)
            beneficiaries = [w for p in prep_objects(tok, "for", "to") for w in [p, *p.children] if w.dep_ in ("pobj", "compound")]
            if any(c.lemma_.lower() in words or c.lower_ in words for c in [*tok.children, *beneficiaries]
                   if c.dep_ in ("compound", "amod", "nmod", "pobj")):
                return None  # "air strike" is not a labour strike
        if pat.requires_modifier:
            words = self.k.classes.get(pat.requires_modifier, {pat.requires_modifier})
            mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")] + prep_objects(tok, "of", "on")
            if not any(m.lemma_.lower() in words or m.lower_ in words for m in mods):
                return None
        if pat.governed_by and not self.triggers.governed_by(tok, pat.governed_by):
            return None  # "reached a truce" is an agreement; "the truce held" is the truce itself
        if tok.dep_ == "pobj" and tok.head.lower_ in self.modality.anaphoric and not (
                tok.head.lower_ in ("after", "following", "since") and prep_objects(tok, "between", "with")
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)):
            # "after the meeting": refers back to an event already told; "after a phone call between X and Y" tells one
            return None
        if tok.dep_ == "compound":
            return None
        for prep, cls in pat.requires_prep.items():  # "their withdrawal from the town"
            pobjs = prep_objects(tok, prep) + (prep_objects(tok.head, prep) if tok.dep_ == "dobj" else [])
            if not any(self.triggers.in_class(p, cls, ctx) or any(self.triggers.in_class(x, cls, ctx) for x in prep_objects(p, "of"))
                       for p in pobjs):  # "from the town", "from the town of X"; not "from talks on the region"
                return None
        # the patient: "release of 123 detainees", "prisoner releases", "Tsikhanouski's release"
        obj = None
        ofs = prep_objects(tok, "of")
        if ofs:
            obj = ofs[0]
        else:
            comp = [c for c in tok.children if c.dep_ in ("compound", "nmod")]
            if comp:
                obj = comp[0]
        if pat.object and not pat.object_optional and not self.triggers.in_class(obj, pat.object, ctx):
            return None
        if pat.object and pat.object_optional and obj is not None and not self.triggers.in_class(obj, pat.object, ctx):
            return None
        if pat.object == "person" and obj is None and not tok.tag_ == "NNS":
            return None
        verdict = self.modality.verdict(tok, notes, pat.event)
        if verdict is None:
            return None
        # the actor: a possessive, else the subject of the governing verb
        actor: list[ActorRef] = []
        doer = None  # the words naming the doer, kept for an actor the dictionary lacks
        poss = children(tok, "poss")
        if poss and tok.lemma_.lower() in self.k.roles.get("patient_nouns", ()) and self.is_person(poss[0], ctx):
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
        between = prep_objects(tok, "between") or [p for c in children(tok, "acl") for p in prep_objects(c, "between")]
        # "talks between Lukashenko and Coale", "a ceasefire brokered by Turkey between Azerbaijan and Armenia"
        if not actor and between and pat.recipient != "between":
            sides = ctx.np_actors(between[0])
            if len(sides) >= 2:
                notes.append(f"sides from 'between {between[0].text}'")
            if len(sides) >= 2 and pat.event in self.k.roles.get("joint_events", ()):  # a joint act: one mention per side for meetings
                return self.finish(pat, tok, si, sent, ctx, sides, [], obj, verdict, notes)
            if len(sides) >= 2:
                return self.finish(pat, tok, si, sent, ctx, sides[:1], sides[1:], obj, verdict, notes)
        if not actor:
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
        if pat.speaker_actor:
            # "'This is a flagrant violation of our sovereignty,' the minister said": the judgement is the speaker's;
            # words no one is quoted as saying are the writer's own and accuse no one
            ref = ctx.said_by(tok)
            if ref is None or not ref.code:
                return None
            verb = tok.head if tok.dep_ == "attr" else tok.head.head
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or not (subj.pos_ == "PRON" or any(c.dep_ in ("det", "poss") for c in subj.children)):
                return None  # "this is a violation", "the raid is ...": one act; "corruption is a crime" a maxim
            actor, doer = [ref], None
            notes.append(f"actor: who says it ({ref.basis})")
        if pat.subject and not self.triggers.in_class(doer, pat.subject, ctx):
            return None  # "Beijing's protest" is a complaint; "the students' protest" a demonstration
        recipient = self.roles.recipient_of(pat, tok, obj, ctx) or (
            self.roles.held_person(tok, ctx) if pat.event == "COERCE" else [])  # "who has been in detention"
        if pat.swap and recipient:  # "X gave a warm welcome to Y": Y is the visitor
            actor, recipient = recipient, actor
            doer = None
        return self.finish(pat, tok, si, sent, ctx, actor, recipient, obj, verdict, notes, doer)

    def held_in(self, person: Token | None, ctx: DocContext) -> ActorRef | None:
        """The country an agentless release's people were held in, when a clause on them says so ("two
        Swedes who had been detained in Iran", "a Kenyan held in Somalia"): the releaser."""
        if person is None:
            return None
        words = set(self.k.roles.get("holding_words") or ())
        # the clause may hang on the last of several people ("X, a UN official, and another Chilean who were
        # held in Peru") or on an apposition
        people = {person.i} | {c.i for c in person.conjuncts} | {c.i for c in person.children if c.dep_ == "appos"}
        for clause in person.subtree:
            if clause.dep_ not in ("relcl", "acl") or clause.head.i not in people:
                continue
            for t in clause.subtree:
                if t.lemma_.lower() in words:
                    for p in prep_objects(t, "in") + (prep_objects(t.head, "in") if t.dep_ == "pobj" else []):
                        ref = ctx.np_actor(p, direct=True)
                        if ref is not None and ref.code:
                            return ref
        return None

    def abduction_told(self, sent: Span, tok: Token) -> bool:
        """ "was abducted last April near Paris, before being released the following day": an agentless
        release of someone the same sentence says was kidnapped was the kidnappers' doing, not a state's."""
        return any(t.i != tok.i and any(p.mode == "abduct" for p in self.triggers.patterns_for(t)) for t in sent)

    @staticmethod
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

    def others_in_focus(self, ctx, a_codes: set, first: int | None = None) -> list[str]:
        """The article's main countries other than the actor's, for a recipient the words leave unnamed,
        without an entity the actor claims as its own (`claimed_by`: Somalia and Somaliland): to the
        claimant an act on it is domestic, and one aimed at it names it (`Roles.claimed_in`)."""
        focus = ctx.focus[:first] if first else ctx.focus
        return [c for c in focus if c not in a_codes
                and (self.actors.countries.get(c) or {}).get("claimed_by") not in a_codes]

    @staticmethod
    def confidence_adjustment(tok: Token, actor: list[ActorRef], notes: list[str]) -> float:
        """How the way an event was found moves its confidence: a named doer raises it; a pronoun, a
        nationality word or the place standing in for the doer, a noun trigger and a modality cue
        lower it (context-derived actors and recipients are lowered where they are filled in)."""
        adj = 0.0
        hows = [a.how for a in actor]
        if any(a.actor_id or a.basis in ("dictionary", "country", "metonym", "capital") for a in actor):
            adj += 0.1  # "Lukashenko", "Belarus", "Minsk"
        elif any(h.startswith("coref") or h == "modifier" for h in hows):
            adj -= 0.05  # "he", "the envoy", "Israeli helicopters"
        if tok.pos_ not in ("VERB", "AUX"):
            adj -= 0.1  # an event noun says less about who did what than a verb
        if any(n.startswith("modality:") for n in notes):
            adj -= 0.05
        return adj

    def finish(self, pat, tok, si, sent, ctx, actor, recipient, obj, verdict, notes, doer=None) -> Mention | None:
        event, mode, cameo = pat.event, pat.mode, pat.cameo
        mod = self.k.modality
        confidence = pat.confidence
        if verdict == "refuse":
            event, mode, cameo = "REJECT", None, "120"
            notes.append("coded as a refusal")
            confidence -= 0.1
        if verdict == "threat":
            event, mode, cameo = "THREATEN", None, self.modality.threats["cameo"]
            notes.append("coded as a threat (an ultimatum)")
            confidence -= 0.1
        agreed = verdict == "intent" and bool(notes) and any(f"'{w}" in notes[-1] for w in mod.get("agree_verbs", []))
        if agreed and mode in mod.get("agreed_modes_done", []):
            verdict = "fact"  # "agreed to release 52 prisoners": the release is told as done
            notes[-1] += "; coded as done"
        elif agreed and event in mod["concession_events"] and mode in mod.get("promise_concede_modes", []):
            verdict = "promise"  # "agreed to lift the embargo": announced relief is a concession
        if verdict == "intent" and event in mod.get("threat_events", []) and pat.event != "REJECT" and \
                (tok.dep_ == "xcomp" or self.modality.to_complement(tok)) and tok.head.lemma_.lower() in self.modality.intent_verbs:
            # "Obama wants to attack Switzerland", "Greece plans to impose restrictions": a stated hostile aim
            event, mode, cameo = "THREATEN", None, "130"
            notes.append("a stated hostile intention: coded as a threat")
            confidence -= 0.1
        elif verdict == "intent":
            if event in ("CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "AGREE"):
                event, mode = mod["intent_event"], None
                cameo = mod["intent_cameo"] if pat.event == "CONSULT" else "03" + ("2" if pat.event == "SUPPORT" else "0")
                notes.append("coded as a stated intention")
                confidence -= 0.1
            else:
                return None
        elif verdict == "promise":
            if event in mod["concession_events"] and mode in mod.get("promise_concede_modes", []):
                event, cameo = mod["promise_concede_event"], mod["promise_concede_cameo"]
                notes.append("a promised concession: coded as a concession")
            elif event in mod["concession_events"]:
                event, mode, cameo = mod["promise_event"], None, mod["promise_cameo"]
                notes.append("coded as a promise")
            elif event in mod.get("threat_events", []):
                # "Palestinian leaders said they would boycott ...": an announced hostile act is a threat
                event, mode, cameo = "THREATEN", None, "130"
                notes.append("an announced hostile act: coded as a threat")
                confidence -= 0.1
            elif event in ("THREATEN", "REQUEST"):
                pass  # "will respond firmly if ...", "will urge": a threat or a demand told in the future is one
            elif event not in ("CONSULT", "SUPPORT", "AID", "COOPERATE", "AGREE"):
                return None
            else:  # "will supply arms", "will meet": a commitment to cooperate
                cameo = mod["intent_cameo"] if event == "CONSULT" else "033" if event == "AID" else "030"
                event, mode = mod["intent_event"], None
                notes.append("coded as a commitment")
        # where a meeting happens decides who visited whom
        if event == "CONSULT" and mode in ("meet", None):
            place = self.roles.place_of(tok, ctx)
            a_codes = {a.code for a in actor}
            r_codes = {r.code for r in recipient}
            if place and actor and recipient:
                pc = place[0].code
                if pc in r_codes and pc not in a_codes:
                    mode, cameo = "visit", "042"
                    notes.append(f"visit: met in {place[0].entity_text}, the recipient's country")
                elif pc in a_codes and pc not in r_codes:
                    actor, recipient = recipient, actor
                    mode, cameo = "visit", "042"
                    notes.append(f"visit: met in {place[0].entity_text}, so the other side travelled")
            if mode == "meet":
                mode = None
        if pat.mode == "visit" and pat.recipient == "place" and not recipient:
            recipient = self.roles.place_of(tok, ctx)
        # The releaser of an agentless release is the country holding the prisoners: the article's focus.
        holders = [c for c in ctx.focus if c not in {r.code for r in recipient}]  # "were handed back to X": not X
        if not actor and event in ("RETREAT", "CONCEDE") and (mode == "release" or pat.mode == "release"):
            holder = self.held_in(obj, ctx)
            if holder is not None:  # "Nouri, who had been in detention in Sweden, was freed": Sweden freed him
                actor = [ActorRef(holder.code, "GOV", holder.entity_text, None, "held: the country they were held in")]
                notes.append(f"actor: the country they were held in ({holder.code})")
                recipient = [r for r in recipient if r.code != holder.code]
        if not actor and event in ("RETREAT", "CONCEDE") and (mode == "release" or pat.mode == "release") and holders \
                and not self.abduction_told(sent, tok):
            actor = [ActorRef(holders[0], "GOV", "", None, "context: the country the article is about")]
            notes.append(f"actor from context ({holders[0]}, the article's main country)")
            confidence -= 0.15
        if not any(a.code for a in actor) and pat.actor_from_place:
            # "police arrested 20 people in Minsk", "students demonstrated in Jakarta": the place's country
            place = self.roles.where(tok, ctx)
            if place:
                actor = [self.roles.place_actor(place[0], tok, ctx)]
                notes.append(f"actor from the place ({place[0].entity_text})")
                confidence -= 0.15
        if not actor and doer is None and tok.pos_ not in ("VERB", "AUX"):
            return None  # "the talks", "sanctions": an act named with no doer is background, not news
        if not actor and doer is None and tok.pos_ in ("VERB", "AUX"):
            # "were killed in Israeli shelling": the act named as the cause tells who did it
            for p in prep_objects(tok, "in", "during", "by"):
                cause = self.triggers.patterns_for(p) or any(self.triggers.in_class(p, c, ctx, head_only=True)
                                                    for c in ("weapons", "strike_weapons", "troops"))
                ref = ctx.np_actor(p, direct=True) if cause else None
                if ref is not None and ref.code:
                    actor = [ref]
                    notes.append(f"actor from the act that caused it ('{p.text}')")
                    break
            cause = None if actor else self.roles.cause_doer(tok, pat.event, ctx)
            if cause is not None:  # "killed in retaliatory action by Afghan forces"
                actor = [cause[0]]
                notes.append(f"actor from the act that caused it ('{cause[1]}')")
            # "four soldiers were killed when Azerbaijani forces fired on a post": the doer of the cause
            # (a "when" clause the parser hung lower down: "were injured, including one who suffered a broken arm, when ...")
            def cues(clause: Token) -> set[str]:  # its "when"/"as"/"after", or the word it opens with
                return {m.lower_ for m in clause.children if m.dep_ in ("mark", "advmod")} | {clause.left_edge.lower_}

            whens = [t for t in tok.subtree if t.dep_ in ("advcl", "relcl") and t.i > tok.i and t not in children(
                tok, "advcl") and "when" in cues(t)]
            for clause in children(tok, "advcl") + whens:
                if actor or not cues(clause) & {"when", "as", "after"}:
                    continue
                subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                refs = ctx.np_actors(subj) if subj is not None else []
                if not (refs and refs[0].code):
                    continue
                if any(p.event == pat.event for p in self.triggers.patterns_for(clause)):
                    actor = refs
                    notes.append(f"actor from the act that caused it ('{clause.text}')")
                elif pat.event == "ASSAULT" and "when" in cues(clause) and \
                        self.triggers.in_class(subj, "authority", ctx) and \
                        not {r.code for r in refs} & {r.code for r in self.roles.recipient_of(pat, tok, obj, ctx)}:
                    # "eight sailors were injured when the coast guard intercepted their boat": whatever the
                    # other side's forces did at that moment hurt them
                    actor = refs
                    notes.append(f"actor: the side acting when it happened ('{subj.text}')")
        if pat.actor_envoy and obj is not None:
            own = [r for c in obj.children if c.dep_ in ("amod", "compound", "poss") and c.pos_ != "PRON"
                   for r in [ctx.np_actor(c, direct=True)] if r is not None and r.code]  # "the Chilean envoy"
            if own and any(a.code and a.code != own[0].code for a in actor):
                return None  # "Peru summoned the Chilean envoy back": a summons of another side's envoy, not a recall
            if own and not any(a.code for a in actor):  # "the Chilean ambassador to Peru was recalled": Chile did it
                actor = [ActorRef(own[0].code, "GOV", own[0].entity_text, None, "envoy: the state the envoy serves")]
                notes.append(f"actor: the state whose envoy it is ({own[0].code})")
                confidence -= 0.1
                posted = [r for p in prep_objects(obj, "to", "in", "at") for r in ctx.np_actors(p)
                          if r.code and r.code != own[0].code]
                host = posted[:1] or [h for h in [self.roles.envoy_host(actor, ctx)] if h is not None]
                recipient = [r for r in recipient if r.code and r.code != own[0].code] or host
        if pat.actor_host and (not actor or {a.code for a in actor} <= {r.code for r in recipient if r.code}):
            # (a state does not summon its own envoy to complain: a doer of the envoy's own state is a misreading)
            host = self.roles.envoy_host(recipient, ctx)
            if host is not None:  # "the Canadian chargé was summoned by the Secretary (East)": India summoned him
                actor = [host]
                notes.append(f"actor: the state the {recipient[0].code} envoy serves in ({host.code})")
                confidence -= 0.1
        if not actor and doer is not None and self.roles.institution(doer):
            # "In Beijing, a foreign ministry spokesman urged ...", "the department told him ...": a state's
            # body named without its state belongs to the place the sentence names, else the dateline's
            # a bureau abroad ("BOGOTA - The foreign ministry accused Colombia"): not when the article is about two
            # other countries
            place = self.roles.where(tok, ctx) or [h for h in ctx.home() if h.code in ctx.focus or len(ctx.focus) < 2]
            if place:
                actor = [self.roles.place_actor(place[0], tok, ctx)]
                notes.append(f"actor: the {doer.text} of {place[0].code} ({place[0].entity_text or 'the dateline'})")
                confidence -= 0.15
        if not actor:
            # "Yoruba leaders agreed ...": the act is coded, its doer waits for the dictionary
            # (`detente actors --unknown`); such mentions are stored but join no event until resolved.
            ref = self.roles.unresolved(doer, tok, ctx)
            if ref is None:
                return None
            actor = [ref]
            notes.append(f"actor unresolved: '{ref.entity_text}' is not in the actor dictionary"
                         if ref.entity_text else "actor not named")
            confidence -= UNRESOLVED_PENALTY
        a_codes = {a.code for a in actor}
        if pat.joint and len(a_codes - {""}) >= 2 and event == pat.event:
            event, mode, cameo = pat.joint[0], None, pat.joint[1]  # "French and Egyptian warships held exercises"
            notes.append(f"done by {len(a_codes)} sides together: {event}")
        for fallback in (pat.recipient_fallback or "").split():
            if recipient:
                break
            if fallback == "place":
                # (not the trigger's own phrase read as the actor's place: "Sudanese attacks" names the attackers)
                place = [p for p in self.roles.where(tok, ctx) if not (p.code in a_codes and p.entity_text == tok.text)]
                if place:
                    recipient = place
                    notes.append(f"recipient from the place ({place[0].entity_text})")
                    confidence -= 0.1
            elif fallback in ("other", "rival") and actor and actor[0].code in ctx.focus:
                # "sent balloons across the border" in a story about two countries: aimed at the other one; a
                # "rival" is never one the sentence names in another role ("on alert and contacted the US command")
                other = self.others_in_focus(ctx, a_codes, 2)
                named = {r.code for e in sent.ents for r in [ctx.np_actor(e.root, direct=True)] if r is not None} \
                    if fallback == "rival" else set()
                if other and other[0] not in named:
                    recipient = [ActorRef(other[0], None, "", None, "context: the article's other main country")]
                    notes.append(f"recipient from context ({other[0]})")
                    confidence -= 0.1
            elif fallback == "own" and actor and actor[0].code:
                # "Tunisian teachers went on strike": dissent is aimed at the dissenters' own state
                recipient = [ActorRef(actor[0].code, None, "", None, "context: the actor's own country")]
                notes.append(f"recipient: the actor's own country ({actor[0].code})")
        domestic = pat.domestic or event in ("COERCE", "RETREAT", "ASSAULT")
        kept = [r for r in recipient if r.code not in a_codes or domestic]
        if event == "REQUEST" and recipient and not kept and all(r.basis in NAMED_BASES for r in actor + recipient):
            # "Congress is asking Obama to help Iran": a named body asking its own state's named leader asks
            # that state, not a country guessed from context. When either side is only a pronoun ("It warned
            # Manila", "warned it would ..."), the pronoun is the likelier error: the context still decides.
            notes.append(f"recipient: the actor's own state, named ({recipient[0].entity_text or recipient[0].code})")
            kept = recipient
        recipient = kept
        if not recipient and event == "THREATEN":
            # "will take countermeasures if Tokyo does not retract ...": the threat is aimed at the condition's subject
            for clause in children(tok, "advcl"):
                mark = next((m for m in clause.children if m.dep_ == "mark" and m.lower_ in self.modality.condition_marks),
                            None)
                if mark is not None:  # "if Tokyo does not retract": the subject between the mark and its verb
                    subj = next((c for c in children(clause, "nsubj", "nsubjpass") if mark.i < c.i < clause.i
                                 and not any(t.text == "," for t in tok.doc[mark.i:c.i])), None)
                    ref = ctx.np_actor(subj, direct=True) if subj is not None else None
                    if ref is not None and ref.code and ref.code not in a_codes:
                        recipient = [ref]
                        notes.append(f"recipient: the subject of the condition ('{subj.text}')")
                        break
        if pat.requires_recipient and not recipient:
            return None  # "the bank cautioned that the economy could shrink if ...": no one is threatened
        if not recipient and len(a_codes) >= 2 and event in self.k.roles.get("joint_events", ()) and \
                cameo not in self.k.roles.get("side_by_side_cameos", ()) \
                and not pat.id.startswith("mediat"):  # "mediated by Qatar and Turkey": co-mediators, not sides
            # "Polish and Lithuanian officials held talks": one side acts, the others receive; the order of
            # codes, not of words, so that "Peru and Chile agreed" and "Chile and Peru agreed" merge
            actor = sorted(actor, key=lambda a: a.code)
            recipient = [a for a in actor if a.code != actor[0].code]
            actor = actor[:1]
            a_codes = {actor[0].code}
            notes.append(JOINT_NOTE)
        if not recipient and event == "ASSAULT" and obj is not None and a_codes & set(ctx.focus) and (
                obj.lemma_.lower() in self.k.roles.get("military_sites", ()) or self.triggers.in_class(obj, "troops", ctx, head_only=True)):
            # "fired on an army post", "shelled positions": in a two-country story, the other side's forces
            other = [c for c in ctx.focus if c not in a_codes]
            if other:
                recipient = [ActorRef(other[0], "MIL", obj.text, None, "context: the other main country's forces")]
                notes.append(f"recipient: the other main country ({other[0]}), whose '{obj.text}' it is")
                confidence -= 0.1
        if not recipient and event in ("AGREE", "SUPPORT", "COOPERATE") and a_codes - {""}:
            recipient = self.roles.counterpart(tok, a_codes, ctx)  # "agreed a deal to lease a port from Somaliland"
            if recipient:
                notes.append(f"recipient: the other party named in what was agreed ({recipient[0].entity_text})")
        if not recipient and event == "COERCE" and mode == "arrest" and obj is not None and a_codes & set(ctx.focus) \
                and (self.is_person(obj, ctx) or obj.tag_ == "NN" and self.triggers.in_class(obj, "person", ctx, True)) \
                and not prep_objects(obj, "from"):  # ("a missionary from Calgary": where they come from is told)
            # "Floderus was arrested at the airport", "a court sentenced the charity worker": one person held by
            # one of the story's two states, of no stated nationality, is the other's national (why the story
            # tells it); a crowd ("police detained protesters") may be the state's own people and is left alone
            other = self.others_in_focus(ctx, a_codes, 2)
            if other:
                recipient = [ActorRef(other[0], None, "", None, "context: the article's other main country")]
                notes.append(f"recipient from context ({other[0]}): the person held is of the other main country")
                confidence -= 0.15
        needs_recipient = event not in ("RETREAT", "COERCE", "MOBILIZE", "PROTEST", "CONCEDE") and not pat.domestic
        if not recipient and not needs_recipient and event in ("RETREAT", "CONCEDE") and a_codes & set(ctx.focus[:1] if mode ==
                                                                                         "release" else ctx.focus):
            other = [c for c in ctx.focus if c not in a_codes]
            if other:  # a concession in a two-country story is made to the other country
                recipient = [ActorRef(other[0], None, "", None, "context: the article's other main country")]
                notes.append(f"recipient from context ({other[0]})")
        elif not recipient and needs_recipient and event == "CONSULT" and tok.pos_ != "VERB" and mode != "visit":
            return None  # "the Alaska meeting": a meeting noun with no counterpart named
        elif not recipient and needs_recipient:
            other = self.others_in_focus(ctx, a_codes)
            claimed = self.roles.claimed_in(sent, other[0], ctx) if other and a_codes & set(ctx.focus) else None
            if claimed is not None:  # "offered recognition of Somaliland": not Somalia, which claims it
                recipient = [claimed]
                notes.append(f"recipient: {claimed.entity_text}, named here, not {other[0]}, which claims it")
            elif other and a_codes & set(ctx.focus):
                recipient = [ActorRef(other[0], None, "", None, "context: the article's other main country")]
                notes.append(f"recipient from context ({other[0]})")
                confidence -= 0.15
            elif len(other) >= 2 and (a_codes & ctx.mediator_codes or event == "SUPPORT" and a_codes - {""}):
                # "the United States will keep engaging ...": a mediator's act is aimed at the two sides; and "the
                # step was welcomed by the EU": an outsider's approval is of what the two sides did
                who = f"the mediator {min(a_codes & ctx.mediator_codes)}" if a_codes & ctx.mediator_codes else "an outsider's approval"
                recipient = [ActorRef(c, None, "", None, "context: the two sides the mediator brings together"
                                      if a_codes & ctx.mediator_codes else "context: the two sides an outsider approves of")
                             for c in other[:2]]
                notes.append(f"recipient from context ({' and '.join(other[:2])}, the sides of {who})")
                confidence -= 0.15
            elif len(other) >= 2 and event == "SUPPORT" and obj is not None and \
                    obj.lemma_.lower() in self.k.roles.get("joint_step_nouns", ()):
                # "this gesture was praised by the EU": a third party's praise of the two sides' step
                recipient = [ActorRef(c, None, obj.text, None, "context: the two sides whose step it praises")
                             for c in other[:2]]
                notes.append(f"recipient from context ({' and '.join(other[:2])}, whose '{obj.text}' it praises)")
                confidence -= 0.15
            elif event == "CONSULT":
                return None  # a meeting or call with no one named is not worth an event
            else:
                notes.append("no recipient named")
                confidence -= 0.15
        confidence += self.confidence_adjustment(tok, actor, notes)
        # "expelled 12 diplomats" is counted like "deported 12 migrants" (tellings with different counts are two acts)
        quantity = people_count(obj, ctx, self.triggers) if (mode in ("release", "expel") or event == "COERCE"
                                                             and mode != "seize") \
            else None  # "seized two boats" counts no people
        if quantity is not None and JOINT_NOTE in notes:  # "exchanged 32 prisoners": both sides' count together
            quantity = per_side(quantity, sent.text, notes)  # ... unless told per side ("each side freeing 16")
        goldstein, plover_score = self.k.weights(event, mode, cameo)
        doc = ctx.doc
        mid = hashlib.sha1(f"{doc.id}:{tok.idx}:{pat.id}".encode()).hexdigest()[:16]
        return Mention(
            doc_id=doc.id, doc_name=doc.name, sent_index=si, sentence=sent.text.strip(),
            sent_start=sent.start_char, trigger=tok.text, trigger_start=tok.idx, trigger_end=tok.idx + len(tok),
            event=event, mode=mode, cameo=cameo, goldstein=goldstein, plover_score=plover_score,
            actor=actor, recipient=recipient, quantity=quantity, rule=pat.id,
            confidence=round(max(0.05, min(1.0, confidence)), 2), notes=notes, id=mid)




def own_parties(noun: Mention, verb: Mention) -> bool:
    """Whether an event noun names sides of its own, apart from the verb governing it: "Egypt brokered a
    truce between Sudan and Chad" is Egypt's mediation and the two sides' truce."""
    mine = {a.code for a in noun.actor if a.code}
    theirs = {a.code for a in verb.actor if a.code}
    return bool(mine) and not mine & theirs and any(n.startswith("sides from 'between") for n in noun.notes)


def code_document(doc: Document, sdoc: Doc, actors: ActorDictionary) -> list[Mention]:
    """The stage's entry point: the undated event mentions of one parsed document."""
    return Coder(actors).code(doc, sdoc)
