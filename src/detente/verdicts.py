"""What a modality verdict makes of a pattern's event: a refusal, a threat, a stated intention, a
promise, a commitment, or no event at all ("wants to visit" is no visit).

`modality.py` decides the verdict from the words around the trigger; this module decides the event it
codes. The words are `modality:` in patterns.yaml. Entry point: `apply_verdict(d, verdict, pat, tok, modality, mod)`.
"""
from __future__ import annotations

from spacy.tokens import Token

from .draft import REFUSAL_NOTE, Draft
from .knowledge import Pattern
from .modality import Modality


def apply_verdict(d: Draft, verdict: str, pat: Pattern, tok: Token, modality: Modality, mod: dict) -> bool:
    """Recode `d` by the verdict; False when the verdict leaves no event to code."""
    notes = d.notes
    if verdict == "refuse":
        d.event, d.mode, d.cameo = "REJECT", None, "120"
        notes.append(REFUSAL_NOTE)
        d.confidence -= 0.1
    if verdict == "threat":
        d.event, d.mode, d.cameo = "THREATEN", None, modality.threats["cameo"]
        notes.append("coded as a threat (an ultimatum)")
        d.confidence -= 0.1
    agreed = verdict == "intent" and bool(notes) and any(f"'{w}" in notes[-1] for w in mod.get("agree_verbs", []))
    if agreed and d.mode in mod.get("agreed_modes_done", []):
        verdict = "fact"  # "agreed to release 52 prisoners": the release is told as done
        notes[-1] += "; coded as done"
    elif agreed and d.event in mod["concession_events"] and d.mode in mod.get("promise_concede_modes", []):
        verdict = "promise"  # "agreed to lift the embargo": announced relief is a concession
    if verdict == "intent":
        return _intent(d, pat, tok, modality, mod)
    if verdict == "promise":
        return _promise(d, mod)
    return True


def _intent(d: Draft, pat: Pattern, tok: Token, modality: Modality, mod: dict) -> bool:
    """A stated aim: hostile, a threat; cooperative, an intention to cooperate; else no event."""
    if d.event in mod.get("threat_events", []) and pat.event != "REJECT" and \
            (tok.dep_ == "xcomp" or modality.to_complement(tok)) and tok.head.lemma_.lower() in modality.intent_verbs:
        # "Obama wants to attack Switzerland", "Greece plans to impose restrictions": a stated hostile aim
        d.event, d.mode, d.cameo = "THREATEN", None, "130"
        d.notes.append("a stated hostile intention: coded as a threat")
        d.confidence -= 0.1
        return True
    if d.event in ("CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "AGREE"):
        d.event, d.mode = mod["intent_event"], None
        d.cameo = mod["intent_cameo"] if pat.event == "CONSULT" else "03" + ("2" if pat.event == "SUPPORT" else "0")
        d.notes.append("coded as a stated intention")
        d.confidence -= 0.1
        return True
    return False


def _promise(d: Draft, mod: dict) -> bool:
    """An announced act: a concession, a promise, a threat or a commitment; else no event."""
    event, notes = d.event, d.notes
    if event in mod["concession_events"] and d.mode in mod.get("promise_concede_modes", []):
        d.event, d.cameo = mod["promise_concede_event"], mod["promise_concede_cameo"]
        notes.append("a promised concession: coded as a concession")
    elif event in mod["concession_events"]:
        d.event, d.mode, d.cameo = mod["promise_event"], None, mod["promise_cameo"]
        notes.append("coded as a promise")
    elif event in mod.get("threat_events", []):
        # "Palestinian leaders said they would boycott ...": an announced hostile act is a threat
        d.event, d.mode, d.cameo = "THREATEN", None, "130"
        notes.append("an announced hostile act: coded as a threat")
        d.confidence -= 0.1
    elif event in ("THREATEN", "REQUEST"):
        pass  # "will respond firmly if ...", "will urge": a threat or a demand told in the future is one
    elif event not in ("CONSULT", "SUPPORT", "AID", "COOPERATE", "AGREE"):
        return False
    else:  # "will supply arms", "will meet": a commitment to cooperate
        d.cameo = mod["intent_cameo"] if event == "CONSULT" else "033" if event == "AID" else "030"
        d.event, d.mode = mod["intent_event"], None
        notes.append("coded as a commitment")
    return True
