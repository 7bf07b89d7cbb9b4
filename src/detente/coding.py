"""Code events: find pattern triggers in parsed sentences and fill who did what to whom, and how many.

The patterns and word classes are data (`data/patterns.yaml`); the coder only walks the dependency
parse. A dependency walk is hand-written because no maintained library codes PLOVER events from spaCy
parses (PETRARCH2 is Python 2 and reads constituency trees).

The coder is a few components with one job each, like a spaCy pipeline; this module wires them:

| component | module | decides |
|---|---|---|
| knowledge | `knowledge.py` | the patterns, word classes and lexicons, read from data files |
| headline grammar | `headlines.py` | a verbless headline's verb the parser read as a noun ("X, Y exchange prisoners") |
| trigger matching | `triggers.py` | which patterns a word triggers; whether a word is of a class |
| reading a trigger | `verb_triggers.py`, `noun_triggers.py` | what its words say: object, doer, recipient, whether the pattern fits |
| references | `references.py` | who a noun phrase or pronoun denotes |
| roles | `roles.py` (and `grammar.py`) | who did what to whom as the words name it: recipient, place, unknown doers |
| modality | `modality.py` | fact, intention, promise, refusal, threat, or no event |
| verdicts | `verdicts.py` | the event a verdict makes: a refusal, a threat, an intention, a promise |
| visits | `visits.py` | who visited whom, by where they met |
| releasers | `releasers.py` | who freed people when no one is named |
| doers | `doers.py` | the doer the words leave out: the place's state, the cause's doer, an envoy's state |
| recipients | `recipients.py` | the recipient the words leave out, and acts that need one |
| quantities | `quantities.py` | how many people |
| mention building | `mention_build.py` | the confidence, weights, id and evidence of a mention (`draft.py`: what the steps share) |
"""
from __future__ import annotations

import hashlib
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from .actors import ActorDictionary
from .doers import Doers, fill_unnamed_doers
from .common import HEADLINE_NOTE
from .draft import JOINT_NOTE, Draft, Reading
from .headlines import repair_headline
from .knowledge import Knowledge, Pattern, load_knowledge  # noqa: F401  (importable from here, as before)
from .mention_build import build_mention
from .modality import Modality
from .one_attack import one_attack
from .model import Document, Mention
from .noun_triggers import NounTriggers
from .recipients import Recipients
from .references import DocContext
from .releasers import Releasers, fill_releasers
from .roles import Roles
from .triggers import Triggers
from .verb_triggers import VerbTriggers
from .verdicts import apply_verdict
from .visits import visit_by_place


class Coder:
    """Turns one parsed document into event mentions (undated: the temporal stage dates them)."""

    def __init__(self, actors: ActorDictionary, knowledge: Knowledge | None = None):
        self.actors = actors
        self.k = knowledge or load_knowledge()
        self.triggers = Triggers(self.k)
        self.modality = Modality(self.k.modality)
        self.roles = Roles(self.k, self.triggers, actors)
        self.releasers = Releasers(self.k, self.triggers)
        self.doers = Doers(self.k, self.triggers, self.roles)
        self.recipients = Recipients(self.k, self.triggers, self.roles, self.modality, actors)
        self.verbs = VerbTriggers(self.k, self.triggers, self.modality, self.roles)
        self.nouns = NounTriggers(self.k, self.triggers, self.modality, self.roles)
        # joint acts coded once per side, by event and mode (`each_side` in patterns.yaml)
        self.each_side_modes = {e: set(ms or [None]) for e, ms in (
            self.k.raw_roles.get("each_side") or {"CONSULT": [None, "meet", "phone"]}).items()}

    # --- the coder ---------------------------------------------------------------------------------
    def code(self, doc: Document, sdoc: Doc) -> list[Mention]:
        return self.code_story(doc, sdoc)[0]

    def code_story(self, doc: Document, sdoc: Doc) -> tuple[list[Mention], list[str]]:
        """The mentions of a document and the two states its story is about (`story.story_focus`), which the
        dater asks to tell the history of the story's own sides from asides about others (`history.py`)."""
        repaired = repair_headline(sdoc, lambda lemma: (lemma, "VERB") in self.triggers.by_lemma)  # "X, Y swap ..."
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
        fill_releasers(mentions)
        fill_unnamed_doers(mentions)
        for m in mentions if repaired else ():
            if m.sent_index == 0:
                m.notes.append(HEADLINE_NOTE)
        return [x for m in mentions for x in self.each_side(m)], list(ctx.focus)

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
            if pat.pos == "VERB" and tok.tag_ == "VBG" and tok.dep_ == "advcl" and tok.lemma_.lower() in \
                    self.k.roles.get("summing_participles", ()) and tok.head.i < tok.i:
                continue  # "is to reopen its embassy on Tuesday, sealing the deal of March": what the act amounts to
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

    def try_pattern(self, pat: Pattern, tok: Token, si: int, sent: Span, ctx: DocContext) -> Mention | None:
        """The mention `tok` makes by `pat`, or None: its words read (`verb_triggers`, `noun_triggers`), then finished."""
        reader = self.nouns if pat.pos == "NOUN" else self.verbs
        reading = reader.read(pat, tok, ctx)
        return None if reading is None else self.finish(pat, tok, si, sent, ctx, reading)

    def finish(self, pat: Pattern, tok: Token, si: int, sent: Span, ctx: DocContext, r: Reading) -> Mention | None:
        """The mention a trigger makes once its words are read: each step decides one thing, in turn, and
        any may find that there is no event."""
        d = Draft(pat.event, pat.mode, pat.cameo, r.actor, r.recipient, pat.confidence, r.notes)
        if not apply_verdict(d, r.verdict, pat, tok, self.modality, self.k.modality):
            return None
        visit_by_place(d, pat, tok, ctx, self.roles)
        self.releasers.agentless(d, pat, tok, r.obj, sent, ctx)
        if not self.doers.fill(d, pat, tok, r.obj, r.doer, ctx) or not self.recipients.fill(d, pat, tok, r.obj, sent, ctx):
            return None
        return build_mention(d, pat, tok, si, sent, r.obj, ctx, self.k, self.triggers)


def own_parties(noun: Mention, verb: Mention) -> bool:
    """Whether an event noun names sides of its own, apart from the verb governing it: "Egypt brokered a
    truce between Sudan and Chad" is Egypt's mediation and the two sides' truce."""
    mine = {a.code for a in noun.actor if a.code}
    theirs = {a.code for a in verb.actor if a.code}
    return bool(mine) and not mine & theirs and any(n.startswith("sides from 'between") for n in noun.notes)


def code_document(doc: Document, sdoc: Doc, actors: ActorDictionary) -> list[Mention]:
    """The stage's entry point: the undated event mentions of one parsed document."""
    return Coder(actors).code(doc, sdoc)
