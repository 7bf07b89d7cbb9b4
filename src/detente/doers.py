"""Doers: who did an act the sentence tells without naming its doer as subject -- the place's state,
the doer of the act that caused it, the state whose envoy is recalled or hosts the summoned one, the
state of a body named alone, or a doer the actor dictionary lacks; and across an article, the doer of
the hostile act told just before.

Entry points: `Doers(knowledge, triggers, roles).fill(d, pat, tok, obj, doer, ctx)` for one mention,
`fill_unnamed_doers(mentions)` for an article's.
"""
from __future__ import annotations

from spacy.tokens import Token

from .draft import Draft
from .grammar import children, prep_objects
from .knowledge import Knowledge, Pattern
from .model import ActorRef, Mention
from .references import DocContext, is_person
from .roles import UNRESOLVED_PENALTY, Roles
from .triggers import Triggers


class Doers:
    """The actor of a mention when its words leave it out, in the order the steps are tried."""

    def __init__(self, knowledge: Knowledge, triggers: Triggers, roles: Roles):
        self.k, self.triggers, self.roles = knowledge, triggers, roles

    def fill(self, d: Draft, pat: Pattern, tok: Token, obj: Token | None, doer: Token | None, ctx: DocContext) -> bool:
        """Fill `d.actor` when the words leave it out; False when the act has no doer worth an event."""
        if not any(a.code for a in d.actor) and pat.actor_from_place:
            # "police arrested 20 people in Minsk", "students demonstrated in Jakarta": the place's country
            place = self.roles.where(tok, ctx)
            if place:
                d.actor = [self.roles.place_actor(place[0], tok, ctx)]
                d.notes.append(f"actor from the place ({place[0].entity_text})")
                d.confidence -= 0.15
        if not d.actor and doer is None and tok.pos_ not in ("VERB", "AUX"):
            return False  # "the talks", "sanctions": an act named with no doer is background, not news
        if not d.actor and doer is None and tok.pos_ in ("VERB", "AUX"):
            self.from_cause(d, pat, tok, obj, ctx)
        if pat.actor_envoy and obj is not None and not self.envoy(d, obj, ctx):
            return False
        if pat.actor_host and (not d.actor or d.codes() <= {r.code for r in d.recipient if r.code}):
            # (a state does not summon its own envoy to complain: a doer of the envoy's own state is a misreading)
            host = self.roles.envoy_host(d.recipient, ctx)
            if host is not None:  # "the Canadian chargé was summoned by the Secretary (East)": India summoned him
                d.actor = [host]
                d.notes.append(f"actor: the state the {d.recipient[0].code} envoy serves in ({host.code})")
                d.confidence -= 0.1
        if not d.actor and doer is not None and self.roles.institution(doer):
            # "In Beijing, a foreign ministry spokesman urged ...", "the department told him ...": a state's
            # body named without its state belongs to the place the sentence names, else the dateline's
            # a bureau abroad ("BOGOTA - The foreign ministry accused Colombia"): not when the article is about two
            # other countries
            place = self.roles.where(tok, ctx) or [h for h in ctx.home() if h.code in ctx.focus or len(ctx.focus) < 2]
            if place:
                d.actor = [self.roles.place_actor(place[0], tok, ctx)]
                d.notes.append(f"actor: the {doer.text} of {place[0].code} ({place[0].entity_text or 'the dateline'})")
                d.confidence -= 0.15
            else:
                self.other_side(d, doer, ctx)
        if not any(a.code for a in d.actor) and pat.mode == "release":
            self.custodian(d, tok, ctx)
        if not d.actor:
            # "Yoruba leaders agreed ...": the act is coded, its doer waits for the dictionary
            # (`detente actors --unknown`); such mentions are stored but join no event until resolved.
            ref = self.roles.unresolved(doer, tok, ctx)
            if ref is None:
                return False
            d.actor = [ref]
            d.notes.append(f"actor unresolved: '{ref.entity_text}' is not in the actor dictionary"
                           if ref.entity_text else "actor not named")
            d.confidence -= UNRESOLVED_PENALTY
        return not self.court_ruling(d)

    def custodian(self, d: Draft, tok: Token, ctx: DocContext) -> None:
        """"15 Ugandans were set free from Rwandan jails", "freed from Iran's prisons": whose jails held them
        freed them (`custody_places` in roles: of patterns.yaml)."""
        places = set(self.k.roles.get("custody_places", ()))
        for p in [p for h in [tok, *children(tok, "oprd", "prt", "acomp")] for p in prep_objects(h, "from")]:
            if p.lemma_.lower() not in places:
                continue
            refs = [r for r in self.roles.owner_or_named(p, ctx) if r.code]
            if refs:
                d.actor = refs[:1]
                d.notes.append(f"actor: the state whose {p.text} held them ({refs[0].code})")
                d.confidence -= 0.1
                return

    def court_ruling(self, d: Draft) -> bool:
        """ "The International Court of Justice dismissed Sudan's case": an international court's ruling is no act
        of one state toward another (the courts are the international bodies of sector JUD in countries.yaml);
        a state's own court ("a Swedish court sentenced him") acts for its state and is kept."""
        actors = self.roles.actors
        codes = {a.code for a in d.actor if a.code}
        return bool(codes) and all(c in getattr(actors, "igo_codes", ()) and (
            actors.countries.get(c) or {}).get("sector") == "JUD" for c in codes)

    def other_side(self, d: Draft, doer: Token, ctx: DocContext) -> None:
        """A state's official named without the state, speaking against one of the story's two states ("Oil
        Minister Ana Soto accused Peru ..." in a story of Chile and Peru): the official serves the other of the
        two, as a reader takes it. A person or a title (`official_titles`), or a body that speaks for its state
        (`speaking_bodies`: "the Ministry"), not one such as "the armed forces", whose acts other words tell and date better. Only for verbal acts of conflict (`statement_events` in roles:); nothing when
        the recipient is not one of the two, or is both, or when the doer's words name a country or a body of
        its own ("the Spanish department of the group")."""
        targets = {r.code for r in d.recipient if r.code}
        body = doer.lemma_.lower() in self.k.roles.get("speaking_bodies", ())  # "the Ministry (of Foreign Affairs)"
        if d.event not in self.k.roles.get("statement_events", ()) or len(ctx.focus) != 2 or len(targets) != 1 \
                or not targets <= set(ctx.focus) or not (is_person(doer, ctx) or body or doer.lemma_.lower() in
                                                         self.k.roles.get("official_titles", ())) \
                or (prep_objects(doer, "of") and not body) or any(
                    ctx.np_actor(t, direct=True) is not None for t in doer.subtree if t.i != doer.i):
            return
        other = next(c for c in ctx.focus if c not in targets)
        d.actor = [ActorRef(other, "GOV", doer.text, None, "context: the story's other state")]
        d.notes.append(f"actor: the {doer.text} of {other}, the story's other state (acting on {targets.pop()})")
        d.confidence -= 0.2

    def from_cause(self, d: Draft, pat: Pattern, tok: Token, obj: Token | None, ctx: DocContext) -> None:
        """ "were killed in Israeli shelling": the act named as the cause tells who did it."""
        actor, notes = d.actor, d.notes
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
        d.actor = actor

    def envoy(self, d: Draft, obj: Token, ctx: DocContext) -> bool:
        """A recalled envoy's own state recalled them; False for a summons of another side's envoy."""
        own = [r for c in obj.children if c.dep_ in ("amod", "compound", "poss") and c.pos_ != "PRON"
               for r in [ctx.np_actor(c, direct=True)] if r is not None and r.code]  # "the Chilean envoy"
        if own and any(a.code and a.code != own[0].code for a in d.actor):
            return False  # "Peru summoned the Chilean envoy back": a summons of another side's envoy, not a recall
        if own and not any(a.code for a in d.actor):  # "the Chilean ambassador to Peru was recalled": Chile did it
            d.actor = [ActorRef(own[0].code, "GOV", own[0].entity_text, None, "envoy: the state the envoy serves")]
            d.notes.append(f"actor: the state whose envoy it is ({own[0].code})")
            d.confidence -= 0.1
            posted = [r for p in prep_objects(obj, "to", "in", "at") for r in ctx.np_actors(p)
                      if r.code and r.code != own[0].code]
            host = posted[:1] or [h for h in [self.roles.envoy_host(d.actor, ctx)] if h is not None]
            d.recipient = [r for r in d.recipient if r.code and r.code != own[0].code] or host
        return True


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
