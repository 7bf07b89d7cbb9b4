"""Roles: who did what to whom beyond the grammatical subject and object -- the recipient by the
pattern's `recipient` ways, the place an act happened and its country, a state body named without its
state, and a doer the actor dictionary lacks.

Entry point: `Roles(knowledge, triggers, actors).recipient_of(pat, tok, obj, ctx)`.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from .actors import ActorDictionary
from .grammar import CONTAINERS, OBJ, RELATIVE, children, prep_objects, subject_of
from .knowledge import Knowledge, Pattern
from .model import ActorRef
from .references import DocContext
from .triggers import Triggers

# Nouns for people by their agent suffix (negotiator, activist, protester, chairman): the small model has
# no word classes to ask, and the pattern file's `person` and `doer` classes cannot list every one.
AGENT_NOUN = re.compile(r"(?:[a-z]{3}(?:er|or|ist|ian)|man|woman|men|women)s?$")
# How much less an event is trusted when its doer is a phrase the actor dictionary does not know.
UNRESOLVED_PENALTY = 0.25


class Roles:
    """The recipient, the place and the unnamed or unknown doer of a trigger."""

    def __init__(self, knowledge: Knowledge, triggers: Triggers, actors: ActorDictionary):
        self.k, self.triggers, self.actors = knowledge, triggers, actors

    def unresolved(self, doer: Token | None, tok: Token, ctx: DocContext) -> ActorRef | None:
        """The doer of an act whose actor the dictionary cannot resolve, or None when the words in the
        doer's place name no one who can act ("the statement", "the move")."""
        if doer is None:
            # only a told passive ("were killed") leaves its doer out; "the besieged town", "an
            # agreement signed in March" merely describe something
            return unresolved_ref(None) if any(c.dep_ == "auxpass" for c in tok.children) else None
        if doer.pos_ in ("PRON", "DET") or doer.lower_ in RELATIVE:
            return unresolved_ref(None)
        if self.triggers.patterns_for(doer):  # "a roadside bombing killed ...": an act in the doer's place
            return unresolved_ref(None)
        if doer.lemma_.lower() in self.k.roles.get("text_nouns", ()) and doer.dep_ == "nsubj" and doer.head.i == tok.i and any(
                c.dep_ in ("acl", "prep") for c in doer.children):
            # "a report released in Kigali alleged ...": a described text speaks for authors not named
            # ("the report accused ..." alone is no one)
            return unresolved_ref(None)
        if doer.dep_ == "pobj" and doer.head.dep_ == "agent" and doer.lemma_.lower() in self.k.classes.get(
                "instrument", set()):
            return unresolved_ref(None)  # "killed by an explosive device": a weapon, its user unnamed
        if doer.pos_ == "PROPN" or ctx.ent_at.get(doer.i) is not None:
            return unresolved_ref(doer)  # a name: "the Azadliq coalition", "Sheikh Hamad"
        words = self.k.classes.get("person", set()) | self.k.classes.get("doer", set())
        lemma = doer.lemma_.lower()
        if not (lemma in words or doer.lower_ in words or AGENT_NOUN.search(lemma)):
            return None  # "the statement", "the move": no one who can act
        modified = any(ctx.ent_at.get(t.i) is not None for t in doer.subtree if t.i < doer.i or t.head.dep_ == "prep")
        collective = lemma in CONTAINERS or lemma in self.k.classes.get("doer", set())  # "a group of refugees"
        if not modified and not collective and doer.tag_ == "NN" and any(
                c.dep_ == "det" and c.lower_ in ("a", "an", "another", "one") for c in doer.children):
            return None  # "a protester": one unnamed person is no actor anyone could add to the dictionary
        return unresolved_ref(doer)

    def cause_doer(self, tok: Token, event: str, ctx: DocContext) -> tuple[ActorRef, str] | None:
        """The doer of an agentless passive told through the act that caused it, and the words that tell it:
        the agent of an act noun it happened in ("killed in retaliatory action by Afghan forces", "in attacks
        launched by the army") or of the act its victims were fending off ("killed while repelling an
        overnight Taliban attack", "... an attack by the rebels"): whoever did that act did this one."""
        acts = prep_objects(tok, "in", "during")
        for clause in children(tok, "advcl"):
            if clause.tag_ == "VBG" or any(m.dep_ in ("mark", "advmod") and m.lower_ in ("while", "when", "as")
                                           for m in clause.children):
                acts += [o for o in children(clause, "dobj")
                         if any(p.event == event for p in self.triggers.patterns_for(o))]
        for act in acts:
            agents = prep_objects(act, "by") + [a for c in children(act, "acl") for a in prep_objects(c, "by")]
            refs = [r for a in agents for r in ctx.np_actors(a) if r.code]
            if not refs and act.dep_ == "dobj":  # "an overnight Taliban attack", "the army's assault"
                refs = [r for r in [ctx.np_actor(act, direct=True)] if r is not None and r.code]
            if refs:
                return refs[0], act.text
        return None

    def act_doers(self, act: Token, ctx: DocContext) -> list[ActorRef]:
        """Who did an act named by a noun, by its possessor or its "by" agent ("Pakistan's strikes", "shelling
        by the army"): the doer of what that act did in turn ("... killed ten civilians")."""
        for holder in children(act, "poss") + prep_objects(act, "by"):
            refs = [r for r in ctx.np_actors(holder) if r.code]
            if refs:
                return refs
        return []

    def counterpart(self, tok: Token, own: set[str], ctx: DocContext) -> list[ActorRef]:
        """The other party of an agreement named inside what was agreed ("agreed a memorandum to rent a stretch
        of coast in Somaliland", "signed a deal to buy gas from Qatar"): a state after "from" or "with"
        in the clause the trigger governs, or after "in" on the thing dealt in; not where the act happens
        ("agreed to hold talks in Doha") nor anything in the subject."""
        subject = {t.i for c in children(tok, "nsubj", "nsubjpass") for t in c.subtree}
        for t in tok.subtree:
            if t.i in subject or t.dep_ != "prep" or t.head.i == tok.i or not (
                    t.lower_ in ("from", "with") or t.lower_ == "in" and t.head.i > tok.i and any(
                        v.lemma_.lower() in self.k.roles.get("land_use_verbs", ())  # "lease (a dock) in Tanzania"
                        for v in [t.head] + ([t.head.head] if t.head.dep_ == "dobj" else []))):
                continue
            for p in children(t, "pobj"):
                ref = ctx.np_actor(p, direct=True)
                if ref is not None and ref.code and ref.code not in own and ref.basis in ("country", "metonym", "capital"):
                    return [ActorRef(ref.code, ref.sector, p.text, ref.actor_id, ref.how)]
        return []

    def claimed_in(self, sent, claimant: str, ctx: DocContext) -> ActorRef | None:
        """An entity the sentence names that `claimant` claims as its own (`claimed_by` in countries.yaml):
        "Ethiopia offered recognition of Somaliland" in a story about Ethiopia and Somalia is aimed at
        Somaliland, not at Somalia, whom the article's context alone would name."""
        for t in sent:
            ent = ctx.ent_at.get(t.i)
            if ent is None or ent.start != t.i:
                continue
            ref = ctx.resolve_entity(ent)
            if ref is not None and ref.code and (self.actors.countries.get(ref.code) or {}).get("claimed_by") == claimant:
                return ActorRef(ref.code, None, ent.text, None, f"named here: claimed by {claimant}, not {claimant}")
        return None

    def envoy_host(self, recipient: list[ActorRef], ctx: DocContext) -> ActorRef | None:
        """The state that summons an envoy it hosts, when the words name no state: in a story about two
        states, the one that is not the envoy's (an envoy is summoned by the government he is posted to)."""
        own = {r.code for r in recipient if r.code}
        other = [c for c in ctx.focus[:2] if c not in own]
        if not own or not own & set(ctx.focus[:2]) or not other:
            return None
        return ActorRef(other[0], "GOV", "", None, "context: the state the summoned envoy serves in")

    def unowned_embassy(self, event: str, obj: Token | None, a_codes: set[str], ctx: DocContext) -> list[ActorRef]:
        """Whose an embassy attacked, raided or besieged is when the words name no owner ("police stormed the
        embassy", "the embassy in Quito"): in a story about two states, the one that is not the actor (a state
        does not raid its own mission, though it opens and closes it); [] when the actor is no side of the
        story or an owner is named."""
        if event not in ("ASSAULT", "COERCE", "PROTEST") or obj is None or \
                obj.lemma_.lower() not in self.k.classes.get("embassy", set()) or not a_codes & set(ctx.focus[:2]):
            return []
        if any(c.dep_ in ("poss", "amod", "compound", "nmod") and ctx.np_actor(c, direct=True) is not None
               for c in obj.children) or prep_objects(obj, "of"):
            return []  # "its embassy", "the French embassy", "the embassy of Chile": the words say whose
        other = [c for c in ctx.focus[:2] if c not in a_codes]
        return [ActorRef(other[0], "GOV", obj.text, None, "context: the other main country's embassy")] if other else []

    def held_person(self, tok: Token, ctx: DocContext) -> list[ActorRef]:
        """Whose state a hold noun is, told with a copula: "Ruiz, who has been held unlawfully in
        Peru", "she remained in Iranian custody": the one held (the subject) is its recipient."""
        verb = tok.head.head
        if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "under") or verb.lemma_.lower() not in (
                "be", "remain", "stay", "languish", "spend"):
            return []
        subj = next(iter(children(verb, "nsubj")), None)
        return [r for r in ctx.np_actors(subj) if r.code] if subj is not None else []

    def where(self, tok: Token, ctx: DocContext) -> list[ActorRef]:
        """The country where an act happened: a place phrase on the trigger, on the verb governing a
        noun trigger ("staged protests in Jakarta"), or on its subject ("police in Minsk arrested")."""
        holders = [tok]
        gov = tok.head
        # "arrived in Oman after being detained": a verb of a clause of its own is not where the main verb is
        own_clause = tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("pcomp", "advcl")
        while not own_clause and gov.i != gov.head.i and gov.pos_ not in ("VERB", "AUX") and len(holders) < 4:
            holders.append(gov)
            gov = gov.head
        if not own_clause:
            holders.append(gov)
        subj, _ = subject_of(tok if tok.pos_ in ("VERB", "AUX") else gov, roles=self.k.roles)
        if subj is not None:
            holders += [subj, *prep_objects(subj, "of")]  # "thousands of students throughout Indonesia"
        for h in holders:
            cands = prep_objects(h, "in", "at", "across", "throughout", "near", "outside", "inside")
            # "summoned to the foreign ministry in Ankara", "taken to a prison in Minsk": where it is
            cands += [x for t in prep_objects(h, "to") for x in prep_objects(t, "in", "at")]
            for c in cands:
                if c.lemma_.lower() in self.k.classes.get("embassy", set()):
                    # "outside the French embassy in Niamey": whose embassy is no place; where it stands is
                    cands.extend(x for x in prep_objects(c, "in", "at") if x not in cands)
                    continue
                for cc in [c, *c.conjuncts]:
                    if cc.pos_ == "NOUN" and self.triggers.patterns_for(cc):
                        continue  # "deaths in Afghan attacks": an act, whose nationality word is its doer, not a place
                    ref = ctx.np_actor(cc, direct=True) or ctx.land_owner(cc)
                    if ref is not None and ref.code:
                        return [ActorRef(ref.code, None, cc.text, ref.actor_id, "place")]
                if c.head.lower_ != "in" and c.pos_ == "NOUN":
                    # "rioted at a jail in southern Georgia", "fired at targets in Hebron": the site named by
                    # no country stands where its own "in" phrase says (tried after the direct places)
                    cands.extend(x for x in prep_objects(c, "in") if x not in cands)
        return []

    def institution(self, doer: Token) -> bool:
        """Whether the doer is a state body or official named without its state ("the department", "a
        foreign ministry spokesman", "the armed forces chief"), by the `institutions` words in roles:."""
        words = self.k.roles.get("institutions", set())
        head = doer.lemma_.lower()
        if any(c.lemma_.lower() in self.k.roles.get("non_state", set()) for c in doer.children
               if c.dep_ in ("amod", "compound", "poss")):
            return False  # "the rebel army": not the state's
        phrase = " ".join(t.lower_ for t in doer.subtree if t.i <= doer.i and t.dep_ in ("compound", "amod") or t.i == doer.i)
        return head in words or any(w in phrase for w in words if " " in w) or any(
            c.lemma_.lower() in words for c in doer.children if c.dep_ == "compound") or any(
            self.institution(c) for c in doer.children if c.dep_ == "appos")

    def place_actor(self, place: ActorRef, tok: Token, ctx: DocContext) -> ActorRef:
        """The actor of an act told only with where it happened: the place's country, with the sector
        its subject names when the dictionary knows the role ("police" -> COP, "students" -> CVL)."""
        subj, passive = subject_of(tok if tok.pos_ in ("VERB", "AUX") else tok.head, roles=self.k.roles)
        sector = None
        if subj is not None and not passive and hasattr(self.actors, "country_adjective"):
            adj = self.actors.country_adjective(place.code)
            head = subj
            if head.lemma_.lower() in CONTAINERS | {"thousand", "hundred", "dozen", "million"}:
                inner = prep_objects(head, "of")
                head = inner[0] if inner else head
            ref = ctx._resolve_text(f"{adj} {head.text}") if adj else None
            sector = ref.sector if ref is not None else None
        return ActorRef(place.code, sector or "GOV", place.entity_text, None, "context: where it happened")

    def place_of(self, tok: Token, ctx: DocContext) -> list[ActorRef]:
        """The country of the place a visit or meeting happens in ("in Minsk", "to Minsk", "visited Minsk")."""
        cands = []
        if tok.pos_ == "VERB":
            cands += [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        cands += prep_objects(tok, "in", "to", "at")
        for w in prep_objects(tok, "with"):  # "met with X in Minsk" may hang the place on X
            cands += prep_objects(w, "in", "at")
        for c in cands:
            ref = ctx.np_actor(c)
            ent = ctx.ent_at.get(c.i)
            if ref is None or ent is not None and (ent.label_ in ("PERSON", "NORP") or (ref.actor_id or "").startswith(
                    ("person:", "org:"))):
                continue  # "met Putin": a person or a body, not a place
            if ent is not None or ref.basis in ("metonym", "country", "capital"):
                return [ActorRef(ref.code, None, c.text, ref.actor_id, "place")]
        return []

    def venue_free(self, obj: Token, ctx: DocContext) -> list[ActorRef]:
        """The actors of an object phrase; of a meeting or an agreement ("proposed talks in Nairobi", "offered a
        summit in Geneva") not the place it is to be held in, which is no party to it."""
        if not (self.triggers.in_class(obj, "meeting", ctx, head_only=True)
                or self.triggers.in_class(obj, "agreement", ctx, head_only=True)) or ctx.ent_at.get(obj.i) is not None:
            return ctx.np_actors(obj)
        venue = {p.i for p in prep_objects(obj, "in", "at") for p in [p, *p.conjuncts]}
        refs = ctx.np_actors(obj)
        if venue and refs and not any(c.dep_ in ("amod", "compound", "poss", "nmod") and ctx.np_actor(c, direct=True)
                                      for c in obj.children):
            here = {r.code for v in venue for r in [ctx.np_actor(ctx.sdoc[v], direct=True)] if r}
            refs = [r for r in refs if r.code not in here]
        return refs

    def proposer(self, tok: Token, obj: Token | None, ctx: DocContext, reach: int = 3) -> list[ActorRef]:
        """Whose proposal, demand or ultimatum "the proposal" is: the doer of the last offer, demand, threat or
        accusation the article told before it, at most `reach` sentences back, other than the one answering it.
        Only a definite reference with no owner of its own ("the offer", "this plan"; not "a plan", "China's
        offer") points back."""
        if obj is None or not self.triggers.in_class(obj, "proposal", ctx, head_only=True) \
                or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in obj.children) \
                or any(c.dep_ in ("poss", "amod", "compound") and ctx.np_actor(c, direct=True) for c in obj.children) \
                or prep_objects(obj, "by", "from", "of"):
            return []
        subj, _ = subject_of(tok, roles=self.k.roles)
        answerer = ctx.np_actor(subj) if subj is not None else None
        own = {answerer.code} if answerer is not None and answerer.code else set()
        here = tok.sent.start
        sents = {s.start: k for k, s in enumerate(ctx.sdoc.sents)}
        for i, event, actors in reversed(ctx.acts):
            if i >= tok.i or event not in ("AGREE", "REQUEST", "THREATEN", "ACCUSE"):
                continue
            if sents.get(here, 0) - sents.get(ctx.sdoc[i].sent.start, 0) > reach:
                break
            refs = [a for a in actors if a.code and a.code not in own]
            if refs and not any(a.code in own for a in actors):
                return [ActorRef(a.code, a.sector, obj.text, a.actor_id, f"context: the doer of the '{ctx.sdoc[i].text}' "
                                                                          "told before it") for a in refs]
        return []

    def owner_or_named(self, noun: Token, ctx: DocContext) -> list[ActorRef]:
        """The states a phrase stands for: the owner of the act or bid it names ("Peru's plans": `owners`), else
        the states it names itself ("Peruvian raids", "Peru")."""
        return self.owners(noun, ctx) or ctx.np_actors(noun)

    def owners(self, noun: Token | None, ctx: DocContext) -> list[ActorRef]:
        """Whose act, bid or standing a noun of `owned_acts` is: its named possessor ("China's decision", "Norway
        and Iceland's bids", "Sweden's NATO membership": Sweden, not the alliance); for a bare "the decision", the
        owner of the one the article told in the two sentences before ("... the Baltic nation's plan. X denounced
        the decision"). Pronoun possessors are left to the other ways: "its decision" may be anyone's."""
        owned = self.k.roles.get("owned_acts", ())
        if noun is None or noun.lemma_.lower() not in owned:
            return []
        named = owner_words(noun)
        if named:
            return next((r for c in named for r in [ctx.np_actors(c)] if r and all(x.code for x in r)), [])
        rest = [c for c in noun.rights if c.dep_ != "punct" and not (c.dep_ == "prep" and c.lower_ == "as")]
        if [c.lower_ for c in noun.lefts] not in (["the"], ["this"], ["that"]) or rest or noun.dep_ not in OBJ:
            return []  # only a bare "the decision" points back ("denounced the decision as ..."); "the decision to
            # ..." tells its own content
        first = noun.sent.start
        for _ in range(2):
            if first > 0:
                first = noun.doc[first - 1].sent.start
        for t in reversed(noun.doc[first:noun.i]):
            if t.lemma_.lower() in owned and t.i != noun.i:
                refs = next((r for c in owner_words(t) for r in [ctx.np_actors(c)] if r and all(x.code for x in r)), [])
                if refs:
                    return [ActorRef(r.code, r.sector, r.entity_text, r.actor_id, f"owner of the {t.text} told before")
                            for r in refs]
        return []

    def recipient_of(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """The recipient, by the pattern's `recipient` ways tried in order ("against with")."""
        for how in pat.recipient.split():
            refs = self.recipient_by(how, pat, tok, obj, ctx)
            if refs:
                return refs
        return []

    def recipient_by(self, how: str, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """The recipient by one way a pattern names (`RECIPIENT_WAYS`), so each way is one method; "none" and
        an unknown way find none."""
        if how in PREPOSITION_WAYS:
            return self.named_by_preposition(how, tok, obj, ctx)
        way = RECIPIENT_WAYS.get(how)
        return way(self, pat, tok, obj, ctx) if way is not None else []

    def whose_nationals(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"released five American detainees": the country whose people they are (each description of the one
        freed counts: "an EU diplomat and Swedish national Jane Roe")."""
        out: list[ActorRef] = []
        for x in ([obj, *obj.conjuncts] if obj is not None else []):
            ref = ctx.np_actor(x, direct=True)
            if ref is None and self.triggers.in_class(x, "person", ctx):
                # "two officers from Russia's security service", "three citizens of Chad": whose they are
                ref = next((r for p in prep_objects(x, "from", "of") for r in [ctx.np_actor(p, direct=True)]
                            if r is not None and r.code), None)
                ref = ActorRef(ref.code, ref.sector, x.text, ref.actor_id, "role") if ref is not None else None
            # a named person counts when the article says whose national they are ("former Iranian official
            # Hamid Noury": guessed from the title); a listed one is left to the context (a state's own prisoner)
            if ref is not None and ref.code and (ref.basis in ("demonym", "modifier", "role") or (
                    ref.basis.startswith("guess:") and not ref.actor_id)) and all(r.code != ref.code for r in out):
                out.append(ref)
        igos = getattr(self.actors, "igo_codes", set())
        return sorted(out, key=lambda r: r.code in igos)  # a state before the body a national of it works for

    def spoken_to(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"warned Caracas that ...": the one spoken to."""
        if tok.pos_ in ("NOUN", "PROPN"):  # "gave Baghdad an ultimatum": the verb's indirect object
            return next((r for c in tok.head.children if c.dep_ in ("dative", "iobj") and c.i != tok.i
                         for r in [ctx.np_actors(c)] if r), []) if tok.dep_ == "dobj" else []
        return next((r for c in tok.children if c.dep_ in ("dobj", "dative", "iobj") for r in [self.venue_free(c, ctx)]
                     if r), [])

    def of_the_object(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """Whose act or bid the object is, or the partner named on it; with no object, the one asked in the
        clause the trigger governs."""
        refs = self.object_owner(pat, tok, obj, ctx)
        if refs and pat.event in ("ACCUSE", "PROTEST"):
            refs = self.complained_about(tok, ctx, refs)
        if refs or (obj is not None and obj.dep_ in OBJ):
            return refs
        return self.asked_in_clause(tok, ctx)

    def complained_about(self, tok: Token, ctx: DocContext, refs: list[ActorRef]) -> list[ActorRef]:
        """"protested to the UN Security Council against Peru's plans": a body the complaint is taken to is the
        forum; the state it is against is the one accused. Kept when no state is named against."""
        igos = getattr(self.actors, "igo_codes", set())
        if not all(r.code in igos for r in refs):
            return refs
        for p in prep_objects(tok, "against", "over", "about"):
            found = [r for r in self.owner_or_named(p, ctx) if r.code and r.code not in igos]
            if found:
                return found
        return refs

    def object_owner(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"regrets China's decision", "supported Sweden's NATO membership": whose act or bid it is, else the one
        it is with or from."""
        refs = self.owners(obj, ctx) or (self.venue_free(obj, ctx) if obj is not None else [])
        if not refs and obj is not None:  # "endorsed an agreement with the EU": the partner named on it
            refs = next((r for p in prep_objects(obj, "with") for r in [ctx.np_actors(p)] if r), [])
        if not refs and obj is not None and pat.event == "COERCE" and self.triggers.in_class(obj, "person", ctx):
            # "arrested two officers from Russia's security service" (the parser hangs "from" on the verb)
            refs = next(([ActorRef(r.code, r.sector, obj.text, r.actor_id, "role")] for p in
                         prep_objects(obj, "from") + prep_objects(tok, "from")
                         for r in [ctx.np_actor(p, direct=True)] if r is not None and r.code), [])
        if not refs and pat.event == "REQUEST":  # "demanded autonomy from the Serbian authorities"
            refs = next((r for h in [tok] + ([obj] if obj is not None else [])
                         for p in prep_objects(h, "from") for r in [ctx.np_actors(p)] if r), [])
        return refs

    def asked_in_clause(self, tok: Token, ctx: DocContext) -> list[ActorRef]:
        """"demanded that President Mugabe abandon ...", "called for Peru to settle ...": the one asked is the
        clause's subject; "threatened to cut off electricity to Nakhichevan": the one the clause's act is aimed at."""
        for x in children(tok, "ccomp"):
            for c in children(x, "nsubj", "nsubjpass"):
                refs = ctx.np_actors(c)
                if refs:
                    return refs
        clauses = children(tok, "xcomp") + [c for c in children(tok, "advcl")
                                            if any(a.tag_ == "TO" for a in c.children)]
        for x in clauses:  # "called for Peru to settle its differences": the one asked is the clause's subject
            if any(m.dep_ == "mark" and m.lower_ == "for" for m in x.children):
                refs = next((r for c in children(x, "nsubj") for r in [ctx.np_actors(c)] if r), [])
                if refs:
                    return refs
        for x in clauses:  # "threatened to cut off electricity to Nakhichevan"
            cands = children(x, "dobj") + prep_objects(x, "to", "against", "on", "from", "with", "in")
            cands += [g for d in children(x, "dobj") for g in prep_objects(d, "on", "against", "to", "with")]
            for c in cands:
                refs = ctx.np_actors(c)
                if refs:
                    return refs
        return []

    def aimed_into(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"flew leaflets into Armenia", "broadcasts directed toward the North": where the act is aimed."""
        holders = [tok] + ([obj] if obj is not None else []) + [c for c in tok.children if c.dep_ in ("acl", "advcl")]
        return next((r for h in holders for p in prep_objects(h, "into", "toward", "towards", "at", "over", "across")
                     for r in [ctx.np_actors(p)] if r), [])

    def topic_owner(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"expressed regret over Ethiopia's decision", "took note of Somalia's announcement": whose act the feeling
        or the notice is about."""
        for p in prep_objects(tok, "over", "about", "at", "regarding", "on", "with", "of"):
            refs = ctx.np_actors(p) or self.owner_in_phrase(pat, tok, p, ctx)
            if refs:
                return refs
        return []

    def owner_not_place(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"closed the Chinese consulate in Da Nang": whose it is, never where it stands."""
        places = {x.code for p in (prep_objects(obj, "in", "at", "near") if obj is not None else []) for t in p.subtree
                  for x in [ctx.np_actor(t, direct=True)] if x is not None}
        return [r for r in self.owner_in_phrase(pat, tok, obj, ctx) if r.code not in places]

    def owner_in_phrase(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"cancelled all events planned by Ugandan institutions", "a visit by Chile's minister", "a meeting in
        Abuja": whose the thing acted on is, told anywhere in its phrase (the actor's own side is left out later); an
        act or bid with a named possessor ("Albania's decision to host ...") is its possessor's alone."""
        owned = self.owners(obj, ctx)
        if owned:
            return owned
        refs: list[tuple[bool, ActorRef]] = []
        # the parser often hangs the object's "with" phrase on the verb ("stopped vehicles with Serbian plates")
        words = [t for h in ([obj] if obj is not None else []) + (prep_objects(tok, "with") if obj is not None else [])
                 for t in h.subtree]
        for t in words:
            ref = ctx.np_actor(t, direct=True) if t.i != obj.i and t.pos_ in ("PROPN", "NOUN", "ADJ") else None
            if ref is not None and ref.code and all(r.code != ref.code for _, r in refs):
                # a place the thing is in ("a meeting in Abuja") only after whoever it belongs to
                refs.append((t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "near"), ref))
        return [r for _, r in sorted(refs, key=lambda x: x[0])]

    def partner_with(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"cut relations and all air contacts with Qatar": the partner (the parser hangs it on the last
        conjunct); not where an agreement was signed."""
        withs = prep_objects(tok, "with", "between") or (
            [p for o in [obj, *obj.conjuncts] for p in prep_objects(o, "with")] if obj is not None else []) \
            or (prep_objects(tok.head, "with") if tok.pos_ == "NOUN" and tok.dep_ == "dobj" else [])
        if withs:
            return ctx.np_actors(withs[0])
        if obj is not None and self.triggers.in_class(obj, "agreement", ctx, head_only=True):
            return []  # "signed a peace agreement in Riyadh": where it was signed, not with whom
        return ctx.np_actors(obj) if obj is not None and tok.pos_ == "VERB" and obj.dep_ in OBJ else []

    def hit_by_attack(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"a drone strike hit a Syrian village": what the attack named as the subject hit."""
        verb = tok.head if tok.dep_ == "nsubj" else None
        if verb is not None and verb.lemma_.lower() in self.k.roles.get("impact_verbs", ()):
            return next((r for c in children(verb, "dobj") for r in [ctx.np_actors(c)] if r), [])
        return []

    def destination(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"told its nationals not to go to Peru", "advised against travel to Mali", "banned its airlines from
        flying to Peru": where the governed verb or the travel advised against or barred goes."""
        against = prep_objects(tok, "against") + (prep_objects(obj, "against") if obj is not None else [])
        barred = [c for p in children(tok, "prep") if p.lower_ == "from" for c in children(p, "pcomp")]
        for x in children(tok, "xcomp", "ccomp") + against + barred:
            for t in x.subtree:
                if t.dep_ == "prep" and t.lower_ in ("to", "into"):
                    refs = next((r for p in children(t, "pobj") for r in [ctx.np_actors(p)] if r), [])
                    if refs:
                        return refs
        return []

    def embassy_state(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"rallied outside the French embassy": aimed at the embassy's country."""
        embassies = self.k.classes.get("embassy", set())
        holders = [tok] + ([obj] if obj is not None else []) + ([tok.head] if tok.pos_ in ("NOUN", "PROPN") else [])
        for h in holders:
            for p in prep_objects(h, "outside", "at", "near", "before", "in", "to", "towards", "toward"):
                if p.lemma_.lower() in embassies:
                    ref = ctx.np_actor(p, direct=True)
                    if ref is not None and ref.code:
                        return [ref]
        return []

    def across_frontier(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"drills near Taiwan", "troops to the border with Finland", "closed its border with Togo": the state near
        the act, or on the border's other side."""
        holders = [tok] + ([obj] if obj is not None else []) + ([tok.head] if tok.pos_ in ("NOUN", "PROPN") else [])
        frontier = self.k.roles.get("frontier_nouns", set())
        for h in holders:
            for p in prep_objects(h, *self.k.roles.get("near_preps", ())) + (
                    [h] if h is obj and h.lemma_.lower() in frontier else []):
                if p.lemma_.lower() in frontier:  # the border's other side: "with X", "of X", "the Sudanese border"
                    refs = next((r for q in prep_objects(p, "with", "of") for r in [ctx.np_actors(q)] if r), [])
                    mod = ctx.np_actor(p, direct=True) if not refs else None
                    refs = refs or ([mod] if mod is not None and mod.code and mod.how == "modifier" else [])
                else:
                    refs = ctx.np_actors(p)
                if refs:
                    return refs
        return []

    def named_by_preposition(self, prep: str, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"mediated between X and Y", "accepted demands from the rebels", "hosted a team of monitors from the EU":
        the one named after the way's own preposition on the trigger, its object, or what that is "of"."""
        objs = [obj] if obj is not None else []
        # the object, what it is "of", and the noun it is "of" ("a team of monitors sent by the EU")
        above = [obj.head.head] if obj is not None and obj.dep_ == "pobj" and obj.head.lower_ == "of" else []
        holders = [tok, *objs, *above, *[g for o in objs for g in prep_objects(o, "of")]]
        for h in holders:
            for p in prep_objects(h, prep):
                refs = ctx.np_actors(p)
                if refs:
                    return refs
        return []

    def target_against(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"sanctions against Israel", "began a hunger strike to protest against Sweden's decision": the target,
        or the owner of the act it is against."""
        holders = [tok] + ([obj] if obj is not None else [])
        holders += [c for c in children(tok, "xcomp") if c.tag_ == "VBG"]  # "stopped issuing visas to ..."
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj":
            holders.append(tok.head)  # "filed a complaint against Israel with the UN"
        # "began a hunger strike to protest against Sweden's decision": the purpose names the target
        verb = tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj") else tok
        purposes = [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.i != tok.i and any(
            a.tag_ == "TO" for a in c.children)]
        for h in holders + purposes:
            targets = prep_objects(h, "against", "on", "for", "to") + (
                prep_objects(h, "at", "over") + children(h, "dobj") if h in purposes else []) + (
                prep_objects(h, "of") if h is obj else [])  # "its blockade of the town", "imports of Georgian goods"
            for p in targets:
                # "against Sweden's decision": a decision, policy or failure stands for its owner
                refs = self.owner_or_named(p, ctx) or [r for c in children(p, "poss") for r in ctx.np_actors(c)]
                if refs:
                    return refs
            for p in targets:  # "mobilized reservists for a war against Iraq": the target of the act it is for
                refs = next((r for q in prep_objects(p, "against") for r in [ctx.np_actors(q)] if r), [])
                if refs:
                    return refs
        if tok.pos_ in ("NOUN", "PROPN") and obj is not None and obj.dep_ == "pobj":
            return ctx.np_actors(obj)  # "the invasion of Ukraine": the patient of the act
        return []

    def given_to(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"handed back to Azerbaijan": the one named after "to" on the trigger, its object or its head noun."""
        holders = [tok] + ([obj] if obj is not None else []) + ([tok.head] if tok.pos_ == "NOUN" else [])
        holders += [c for c in tok.children if c.dep_ in ("prt", "advmod")]  # "handed back to Azerbaijan"
        for h in holders:
            for p in prep_objects(h, "to"):
                refs = ctx.np_actors(p)
                if refs:
                    return refs
        return []

    def whose_bid_objected(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"lifted its veto on Norway's bid", "its objection to Iceland joining": whose bid it was."""
        return next((r for p in (prep_objects(obj, "to", "on", "against") if obj is not None else [])
                     for r in [self.owner_or_named(p, ctx)] if r), [])

    def posted_to(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"recalled its ambassador to Lithuania", "its envoy in Baku": the state it serves in."""
        return next((r for p in (prep_objects(obj, "to", "in", "at") if obj is not None else [])
                     for r in [ctx.np_actors(p)] if r), [])

    def envoy_to(self, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> list[ActorRef]:
        """"an envoy to Kabul", "a special representative for Syria": the state named after "to" or "for" in the
        trigger's phrase; not a post the apposition of a person names ("named Y, once ambassador to Japan, as
        envoy for Chile": Japan was Y's old post, not whom the envoy is for)."""
        described = {t.i for a in tok.subtree if a.dep_ == "appos" for t in a.subtree}
        for t in tok.subtree:
            if t.dep_ == "prep" and t.lower_ in ("to", "for") and t.i not in described:
                for p in t.children:
                    refs = ctx.np_actors(p)
                    if refs:
                        return refs
        return []


# The ways a pattern's `recipient:` may name (patterns.yaml), each the method that decides it.
RECIPIENT_WAYS = {
    "patient": Roles.whose_nationals,
    "dative": Roles.spoken_to,
    "object": Roles.of_the_object,
    "direction": Roles.aimed_into,
    "topic": Roles.topic_owner,
    "whose": Roles.owner_not_place,
    "owner": Roles.owner_in_phrase,
    "with": Roles.partner_with,
    "place": lambda roles, pat, tok, obj, ctx: roles.place_of(tok, ctx),
    "proposer": lambda roles, pat, tok, obj, ctx: roles.proposer(tok, obj, ctx),  # the one last told proposing it
    "hits": Roles.hit_by_attack,
    "destination": Roles.destination,
    "embassy": Roles.embassy_state,
    "near": Roles.across_frontier,
    "against": Roles.target_against,
    # only an "against X" phrase on the trigger or its object ("threatened further measures against Peru"), not
    # the purpose clauses `target_against` also reads
    "against_phrase": lambda roles, pat, tok, obj, ctx: roles.named_by_preposition("against", tok, obj, ctx),
    "to": Roles.given_to,
    "objected": Roles.whose_bid_objected,
    "posted": Roles.posted_to,
    "envoy": Roles.envoy_to,
}
# Ways named by a preposition: the one named after it (`Roles.named_by_preposition`).
PREPOSITION_WAYS = ("between", "from", "at", "on", "for")


def owner_words(noun: Token) -> list[Token]:
    """The named possessors of a noun: "China's decision", "Norway and Iceland's bids" (the parser makes the first
    of two possessors a modifier whose conjunct carries the "'s"); not a pronoun ("its decision"). The possessor of
    a compound's first noun too: "Finland's NATO membership bid"."""
    heads = [noun, *(c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN")]
    return [c for h in heads for c in h.children if c.pos_ != "PRON" and (c.dep_ == "poss" or c.dep_ == "nmod" and any(
        t.dep_ == "case" for x in [c, *c.conjuncts] for t in x.children))]


def unresolved_ref(doer: Token | None) -> ActorRef:
    """An actor the dictionary lacks, kept by the words of its noun phrase, with no code; with no
    words (an agentless passive, a pronoun with no antecedent) an unnamed doer."""
    if doer is None:
        return ActorRef("", None, "", None, "unnamed")
    start = doer.left_edge.i
    # the phrase up to its head, plus a short "of" or "from" phrase ("leaders of the coalition")
    end = doer.i + 1
    for c in doer.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "from") and c.right_edge.i - start < 10:
            end = c.right_edge.i + 1
        break
    words = doer.doc[start:end]
    text = words.text.strip(" ,;:-\u2014")
    if not text or not any(t.is_alpha for t in words):
        return ActorRef("", None, "", None, "unnamed")
    return ActorRef("", None, text, None, "unresolved")
