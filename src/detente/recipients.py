"""Recipients: whom an act was aimed at when the words around the trigger do not say -- by the
pattern's fallbacks (the place, the article's other main country, the actor's own state), the subject
of a threat's condition, the other side of a joint act, the other main country's forces, the other
party of an agreement, the country of a person held, or the sides of a mediator's act; and which acts
without one are no event.

`roles.py` reads the recipient the words name (`Roles.recipient_of`); this module decides the rest.
Entry point: `Recipients(knowledge, triggers, roles, modality, actors).fill(d, pat, tok, obj, sent, ctx)`.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .actors import ActorDictionary
from .draft import JOINT_NOTE, REFUSAL_NOTE, Draft
from .grammar import children, prep_objects, subject_of
from .knowledge import Knowledge, Pattern
from .modality import Modality
from .model import ActorRef
from .references import DocContext, is_person
from .roles import Roles
from .triggers import Triggers
from .doc_ents import span_ents

NAMED_BASES = {"dictionary", "country", "metonym", "capital", "demonym", "role"}  # a side named in the sentence, not inferred


class Recipients:
    """The recipient of a mention whose words leave it out, in the order the steps are tried."""

    def __init__(self, knowledge: Knowledge, triggers: Triggers, roles: Roles, modality: Modality,
                 actors: ActorDictionary):
        self.k, self.triggers, self.roles, self.modality, self.actors = knowledge, triggers, roles, modality, actors

    def fill(self, d: Draft, pat: Pattern, tok: Token, obj: Token | None, sent: Span, ctx: DocContext) -> bool:
        """Fill `d.recipient` when the words leave it out; False when the act needs one and has none."""
        if pat.id in self.k.roles.get("signing_patterns", ()):
            self.many_sided(d, tok, obj, ctx)
        if pat.joint and len(d.codes() - {""}) >= 2 and d.event == pat.event:
            d.event, d.mode, d.cameo = pat.joint[0], None, pat.joint[1]  # "French and Egyptian warships held exercises"
            d.notes.append(f"done by {len(d.codes())} sides together: {d.event}")
        d.recipient = d.recipient or self.roles.unowned_embassy(d.event, obj, d.codes(), ctx)  # "stormed the embassy"
        self.fallback(d, pat, tok, sent, ctx)
        self.keep_others(d, pat)
        if d.event == "THREATEN" and {r.code for r in d.recipient} <= d.codes():
            # (none, or only the threatener's own: "threatened to recall its ambassador if Peru ...")
            self.condition_subject(d, tok, ctx)
        if not d.recipient and d.event == "THREATEN":
            self.backed_demand(d, tok, ctx)
        if not d.recipient and d.event == "REJECT" and REFUSAL_NOTE in d.notes and d.codes() & set(ctx.focus):
            # "Chile's president said Chile won't reopen the border": a refusal of what the other side asks
            other = self.others_in_focus(ctx, d.codes(), 2)
            if other:
                d.recipient = [ActorRef(other[0], None, "", None, "context: the article's other main country")]
                d.notes.append(f"recipient: the article's other main country ({other[0]}), whose ask it refuses")
                d.confidence -= 0.1
        if pat.requires_recipient and not d.recipient:
            return False  # "the bank cautioned that the economy could shrink if ...": no one is threatened
        if not d.recipient and len(d.codes()) >= 2 and d.event in self.k.roles.get("joint_events", ()) and \
                d.cameo not in self.k.roles.get("side_by_side_cameos", ()) \
                and not pat.id.startswith("mediat"):  # "mediated by Qatar and Turkey": co-mediators, not sides
            # "Polish and Lithuanian officials held talks": one side acts, the others receive; the order of
            # codes, not of words, so that "Peru and Chile agreed" and "Chile and Peru agreed" merge
            actor = sorted(d.actor, key=lambda a: a.code)
            d.recipient = [a for a in actor if a.code != actor[0].code]
            d.actor = actor[:1]
            d.notes.append(JOINT_NOTE)
        return self.from_context(d, pat, tok, obj, sent, ctx) and not self.outside_story(d, ctx)

    def outside_story(self, d: Draft, ctx: DocContext) -> bool:
        """Whether the act is between others than the article's two states, told as context: "was arrested on
        the day Russia invaded Ukraine" in a story about Belgium and Iran, "is not recognised by the UN or the
        AU" in one about Kenya and Somalia. Analysts code the pair's acts (and a third state's with either of
        them, at most as optional), never an act in which neither of the two takes part. A short text (a
        headline, a brief), or one that names either of its two states only once, has no story to measure
        against."""
        a_codes = d.codes() - {""}
        r_codes = {r.code for r in d.recipient if r.code}
        focus = set(ctx.focus[:2])
        if not a_codes or not r_codes or len(focus) < 2 or len(list(ctx.sdoc.sents)) < 3:
            return False
        claimed = {c for c in a_codes | r_codes if (self.actors.countries.get(c) or {}).get("claimed_by") in focus
                   and self.actors.countries[c]["claimed_by"] not in a_codes | r_codes}
        if claimed and ((a_codes | r_codes) - claimed) & focus:
            # "Ethiopia signed a memorandum with Somaliland" in a story about Ethiopia and Somalia: one side's dealings
            # with an entity the other side claims are the row's cause, told as context; the pair's acts toward each
            # other are the events (the claimant's own acts on it are left alone)
            d.notes.append(f"with {'+'.join(sorted(claimed))}, which {self.actors.countries[min(claimed)]['claimed_by']} "
                           "claims: context of the pair's row, no event")
            return True
        if (a_codes | r_codes) & focus or min(ctx.counts.get(c, 0) for c in focus) < 2:
            return False  # (a pair named once each is no story yet to measure against)
        d.notes.append(f"between {'+'.join(sorted(a_codes))} and {'+'.join(sorted(r_codes))}, neither of the "
                       f"article's two states ({' and '.join(ctx.focus[:2])}): context, no event")
        return True

    def many_sided(self, d: Draft, tok: Token, obj: Token | None, ctx: DocContext) -> None:
        """ "Our ministers signed a trilateral memorandum": a text of three (or four) sides is signed by as many
        states, the ones the article names most (no international body, no mediator); the signer told is one.
        "Leaders of the GCC signed a declaration": a body's leaders are its member states' (`members` in
        countries.yaml), those of them the article names."""
        subj, _ = subject_of(tok, roles=self.k.roles) if tok.pos_ in ("VERB", "AUX") else (None, False)
        body = [a.code for a in d.actor if a.code]
        members = (self.actors.countries.get(body[0]) or {}).get("members") or [] if len(body) == 1 else []
        named = [c for c in ctx.ranked if c in members]
        if len(named) >= 2 and subj is not None and subj.lemma_.lower() in ("leader", "head"):
            d.actor = [ActorRef(c, "GOV", subj.text, None, f"a member of {body[0]}") for c in named]
            d.notes.append(f"signed by the leaders of {body[0]}: its members {'+'.join(named)}, named in the article")
            self.multilateral(d)
            return
        count = next((n for c in (obj.children if obj is not None else []) if c.dep_ in ("amod", "compound")
                      for n in [(self.k.raw_roles.get("sides_of_texts") or {}).get(c.lower_)] if n), 0)
        igos = getattr(self.actors, "igo_codes", set())
        ranked = [c for c in ctx.ranked if c not in igos and c not in ctx.mediator_codes][:count]
        if count and len(ranked) >= count and d.codes() - {""} and d.codes() <= set(ranked):
            d.actor = d.actor + [ActorRef(c, None, obj.text, None, f"context: a side of the {obj.text}")
                                 for c in ranked if c not in d.codes()]
            d.notes.append(f"a text of {count} sides: signed by {'+'.join(ranked)}, the states the article names most")
        if len(d.codes() - {""}) >= 3:
            self.multilateral(d)

    def multilateral(self, d: Draft) -> None:
        """A text several states sign together is their agreement with each other (AGREE), one side acting and
        the others receiving, as the joint acts are coded."""
        d.event, d.mode = "AGREE", None
        d.notes.append(f"signed by {len(d.codes() - {''})} states together: their agreement (AGREE)")

    def fallback(self, d: Draft, pat: Pattern, tok: Token, sent: Span, ctx: DocContext) -> None:
        """The pattern's own fallbacks (`recipient_fallback`), the first that finds someone."""
        a_codes, actor = d.codes(), d.actor
        for fallback in (pat.recipient_fallback or "").split():
            if d.recipient:
                break
            if fallback == "place":
                # (not the trigger's own phrase read as the actor's place: "Sudanese attacks" names the attackers)
                place = [p for p in self.roles.where(tok, ctx) if not (p.code in a_codes and p.entity_text == tok.text)]
                if place:
                    d.recipient = place
                    d.notes.append(f"recipient from the place ({place[0].entity_text})")
                    d.confidence -= 0.1
            elif fallback in ("other", "rival") and actor and actor[0].code in ctx.focus:
                # "sent balloons across the border" in a story about two countries: aimed at the other one; a
                # "rival" is never one the sentence names in another role ("on alert and contacted the US command")
                other = self.others_in_focus(ctx, a_codes, 2)
                named = {r.code for e in span_ents(sent) for r in [ctx.np_actor(e.root, direct=True)] if r is not None} \
                    if fallback == "rival" else set()
                if other and other[0] not in named:
                    d.recipient = [ActorRef(other[0], None, "", None, "context: the article's other main country")]
                    d.notes.append(f"recipient from context ({other[0]})")
                    d.confidence -= 0.1
            elif fallback == "own" and actor and actor[0].code:
                # "Tunisian teachers went on strike": dissent is aimed at the dissenters' own state
                d.recipient = [ActorRef(actor[0].code, None, "", None, "context: the actor's own country")]
                d.notes.append(f"recipient: the actor's own country ({actor[0].code})")

    def keep_others(self, d: Draft, pat: Pattern) -> None:
        """No side is its own recipient, except in domestic acts and a named body asking its own state."""
        a_codes, recipient = d.codes(), d.recipient
        domestic = pat.domestic or d.event in ("COERCE", "RETREAT", "ASSAULT")
        kept = [r for r in recipient if r.code not in a_codes or domestic]
        if d.event == "REQUEST" and recipient and not kept and all(r.basis in NAMED_BASES for r in d.actor + recipient):
            # "Congress is asking Obama to help Iran": a named body asking its own state's named leader asks
            # that state, not a country guessed from context. When either side is only a pronoun ("It warned
            # Manila", "warned it would ..."), the pronoun is the likelier error: the context still decides.
            d.notes.append(f"recipient: the actor's own state, named ({recipient[0].entity_text or recipient[0].code})")
            kept = recipient
        d.recipient = kept

    def condition_subject(self, d: Draft, tok: Token, ctx: DocContext) -> None:
        """ "will take countermeasures if Tokyo does not retract ...", "threatened to halt the talks unless Baghdad
        accepted ...": the threat is aimed at the condition's subject, on the threat or on what it threatens."""
        a_codes = d.codes()
        threatened = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]
        for clause in [*children(tok, "advcl"), *(a for c in threatened for a in children(c, "advcl"))]:
            mark = next((m for m in clause.children if m.dep_ == "mark" and m.lower_ in self.modality.condition_marks),
                        None)
            if mark is not None:  # "if Tokyo does not retract": the subject between the mark and its verb
                subj = next((c for c in children(clause, "nsubj", "nsubjpass") if mark.i < c.i < clause.i
                             and not any(t.text == "," for t in tok.doc[mark.i:c.i])), None)
                ref = ctx.np_actor(subj, direct=True) if subj is not None else None
                if ref is not None and ref.code and ref.code not in a_codes:
                    d.recipient = [ref]
                    d.notes.append(f"recipient: the subject of the condition ('{subj.text}')")
                    break

    def backed_demand(self, d: Draft, tok: Token, ctx: DocContext) -> None:
        """ "demanded the release of the five, threatening to halt the pipeline": a threat told as a participle
        of a demand or a warning backs it, and is aimed at whom the demand is: the state the demand names, else,
        in a story of two states, the other one ("dispersed the crowd, threatening arrests" backs no demand)."""
        head = tok.head
        if tok.tag_ != "VBG" or tok.dep_ not in ("advcl", "xcomp", "conj") or head.i == tok.i or \
                head.lemma_.lower() not in self.modality.request_verbs | self.modality.warning_verbs:
            return
        a_codes = d.codes()
        for named in [*children(head, "dobj", "dative"), *prep_objects(head, "on", "to", "from")]:
            ref = ctx.np_actor(named, direct=True)
            if ref is not None and ref.code and ref.code not in a_codes:
                d.recipient = [ref]
                d.notes.append(f"recipient: whom the '{head.text}' it backs is aimed at ({ref.code})")
                return
        other = self.others_in_focus(ctx, a_codes, 2) if a_codes & set(ctx.focus) else []
        if other:
            d.recipient = [ActorRef(other[0], None, "", None, "context: the article's other main country")]
            d.notes.append(f"recipient: the article's other main country ({other[0]}), whom the '{head.text}' it "
                           "backs is aimed at")
            d.confidence -= 0.1

    def from_context(self, d: Draft, pat: Pattern, tok: Token, obj: Token | None, sent: Span, ctx: DocContext) -> bool:
        """A recipient from the article's two main countries, its mediators or what was agreed; False when
        an act that needs a recipient has none worth an event."""
        event, mode, a_codes = d.event, d.mode, d.codes()
        if not d.recipient and event == "ASSAULT" and obj is not None and a_codes & set(ctx.focus) and (
                obj.lemma_.lower() in self.k.roles.get("military_sites", ())
                or self.triggers.in_class(obj, "troops", ctx, head_only=True)):
            # "fired on an army post", "shelled positions": in a two-country story, the other side's forces
            other = [c for c in ctx.focus if c not in a_codes]
            if other:
                d.recipient = [ActorRef(other[0], "MIL", obj.text, None, "context: the other main country's forces")]
                d.notes.append(f"recipient: the other main country ({other[0]}), whose '{obj.text}' it is")
                d.confidence -= 0.1
        if not d.recipient and event in ("AGREE", "SUPPORT", "COOPERATE") and a_codes - {""}:
            d.recipient = self.roles.counterpart(tok, a_codes, ctx)  # "agreed a deal to lease a port from Somaliland"
            if d.recipient:
                d.notes.append(f"recipient: the other party named in what was agreed ({d.recipient[0].entity_text})")
        if not d.recipient and event == "COERCE" and mode == "arrest" and obj is not None and a_codes & set(ctx.focus) \
                and (is_person(obj, ctx) or obj.tag_ == "NN" and self.triggers.in_class(obj, "person", ctx, True)) \
                and not prep_objects(obj, "from"):  # ("a missionary from Calgary": where they come from is told)
            # "Floderus was arrested at the airport", "a court sentenced the charity worker": one person held by
            # one of the story's two states, of no stated nationality, is the other's national (why the story
            # tells it); a crowd ("police detained protesters") may be the state's own people and is left alone
            other = self.others_in_focus(ctx, a_codes, 2)
            if other:
                d.recipient = [ActorRef(other[0], None, "", None, "context: the article's other main country")]
                d.notes.append(f"recipient from context ({other[0]}): the person held is of the other main country")
                d.confidence -= 0.15
        if d.recipient:
            return True
        group = self.non_state_target(tok, obj)
        if group is not None:  # "supplying arms to the rival paramilitary forces": aimed at a group, not a state
            d.notes.append(f"aimed at a non-state group ('{group.text}'), not at the article's other country")
            return False
        needs_recipient = event not in ("RETREAT", "COERCE", "MOBILIZE", "PROTEST", "CONCEDE") and not pat.domestic
        if not needs_recipient:
            if event in ("RETREAT", "CONCEDE") and a_codes & set(ctx.focus[:1] if mode == "release" else ctx.focus):
                other = [c for c in ctx.focus if c not in a_codes]
                if other:  # a concession in a two-country story is made to the other country
                    d.recipient = [ActorRef(other[0], None, "", None, "context: the article's other main country")]
                    d.notes.append(f"recipient from context ({other[0]})")
            return True
        if event == "CONSULT" and tok.pos_ != "VERB" and mode != "visit":
            return False  # "the Alaska meeting": a meeting noun with no counterpart named
        if pat.id in self.k.roles.get("signing_patterns", ()) and d.actor and all(
                a.basis.startswith("speaker") and a.entity_text.lower() in ("we", "us") for a in d.actor):
            return False  # a speaker's "we signed the deal": the group that signed (a host among them), sides unknown
        return self.other_side(d, tok, obj, sent, ctx)

    def other_side(self, d: Draft, tok: Token, obj: Token | None, sent: Span, ctx: DocContext) -> bool:
        """An act that needs a recipient and names none: the article's other main country (or the one
        claimed that the sentence names), the two sides of a mediator or an outsider's approval; False for
        a meeting or call with no one named."""
        event, a_codes = d.event, d.codes()
        other = self.others_in_focus(ctx, a_codes)
        claimed = self.roles.claimed_in(sent, other[0], ctx) if other and a_codes & set(ctx.focus) else None
        if claimed is not None:  # "offered recognition of Somaliland": not Somalia, which claims it
            d.recipient = [claimed]
            d.notes.append(f"recipient: {claimed.entity_text}, named here, not {other[0]}, which claims it")
        elif other and a_codes & set(ctx.focus):
            d.recipient = [ActorRef(other[0], None, "", None, "context: the article's other main country")]
            d.notes.append(f"recipient from context ({other[0]})")
            d.confidence -= 0.15
        elif len(other) >= 2 and (a_codes & ctx.mediator_codes or event == "SUPPORT" and a_codes - {""}):
            # "the United States will keep engaging ...": a mediator's act is aimed at the two sides; and "the
            # step was welcomed by the EU": an outsider's approval is of what the two sides did
            who = f"the mediator {min(a_codes & ctx.mediator_codes)}" if a_codes & ctx.mediator_codes else "an outsider's approval"
            d.recipient = [ActorRef(c, None, "", None, "context: the two sides the mediator brings together"
                                    if a_codes & ctx.mediator_codes else "context: the two sides an outsider approves of")
                           for c in other[:2]]
            d.notes.append(f"recipient from context ({' and '.join(other[:2])}, the sides of {who})")
            d.confidence -= 0.15
        elif len(other) >= 2 and event == "SUPPORT" and obj is not None and \
                obj.lemma_.lower() in self.k.roles.get("joint_step_nouns", ()):
            # "this gesture was praised by the EU": a third party's praise of the two sides' step
            d.recipient = [ActorRef(c, None, obj.text, None, "context: the two sides whose step it praises")
                           for c in other[:2]]
            d.notes.append(f"recipient from context ({' and '.join(other[:2])}, whose '{obj.text}' it praises)")
            d.confidence -= 0.15
        elif event == "CONSULT":
            return False  # a meeting or call with no one named is not worth an event
        elif a_codes - {""} and len(ctx.focus) >= 2 and not a_codes & set(ctx.focus[:2]) and \
                len(list(ctx.sdoc.sents)) >= 3:
            return False  # "Mexico declined a request": an outsider's act aimed at no one, in a story of two others
        else:
            d.notes.append("no recipient named")
            d.confidence -= 0.15
        return True

    def non_state_target(self, tok: Token, obj: Token | None) -> Token | None:
        """The group the words aim an act at when it is no state ("to the rebel forces", "against the militias"):
        its head or a modifier is a `non_state` word. The context's other country is then no recipient."""
        words = self.k.roles.get("non_state", set())
        # ... and the doer of what it alleges, when it names no state ("alleged that hackers took over its site")
        said = [s for c in tok.children if c.dep_ == "ccomp" and tok.pos_ == "VERB" for s in c.children
                if s.dep_ == "nsubj" and not any(ch.dep_ == "prep" for ch in s.children)]
        for h in [tok] + ([obj] if obj is not None else []):
            for p in prep_objects(h, "to", "against", "with") + (said if h is tok else []):
                if p.lemma_.lower() in words or any(c.lemma_.lower() in words for c in p.children
                                                    if c.dep_ in ("amod", "compound")):
                    return p
        return None

    def others_in_focus(self, ctx: DocContext, a_codes: set, first: int | None = None) -> list[str]:
        """The article's main countries other than the actor's, for a recipient the words leave unnamed,
        without an entity the actor claims as its own (`claimed_by`: Somalia and Somaliland): to the
        claimant an act on it is domestic, and one aimed at it names it (`Roles.claimed_in`)."""
        focus = ctx.focus[:first] if first else ctx.focus
        return [c for c in focus if c not in a_codes
                and (self.actors.countries.get(c) or {}).get("claimed_by") not in a_codes]
