"""The mention a trigger is becoming: what the coder's steps decide about it in turn (`Coder.finish`).

`verb_triggers` and `noun_triggers` read what a trigger's words say (a `Reading`); each step of
`finish` (`verdicts`, `visits`, `releasers`, `doers`, `recipients`) reads and changes one `Draft`;
`mention_build.build_mention` turns it into a `Mention`. A plain record, so that a step is a function
of the draft and the parse, not of the coder.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Token

from .model import ActorRef

# The note a joint act leaves ("Peru and Chile agreed"): later steps count it and split it by side.
JOINT_NOTE = "a joint act of several sides: one acts (in code order, so that every telling agrees), the others receive"
# The note a refusal verdict leaves ("will not reopen the border"): the recipient step gives it the side that asked.
REFUSAL_NOTE = "coded as a refusal"


@dataclass
class Draft:
    """The event, its sides, how sure the coder is and why, as decided so far."""

    event: str
    mode: str | None
    cameo: str
    actor: list[ActorRef]
    recipient: list[ActorRef]
    confidence: float
    notes: list[str] = field(default_factory=list)

    def codes(self) -> set[str]:
        """The actor's country codes."""
        return {a.code for a in self.actor}


class Reading(NamedTuple):
    """What a trigger's own words say: the sides they name, the object, the modality verdict, the notes so
    far and the words naming the doer (kept for a doer the actor dictionary lacks)."""

    actor: list[ActorRef]
    recipient: list[ActorRef]
    obj: Token | None
    verdict: str
    notes: list[str]
    doer: Token | None = None
