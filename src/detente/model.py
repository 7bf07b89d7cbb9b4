"""Plain dataclasses passed between the pipeline stages.

Data flows one way (ingest -> parse -> actors -> coding -> temporal -> merge -> store -> views);
every stage takes and returns these records and nothing else, so a stage can run in another
process (or on another engine) as long as it can pickle or JSON-encode them.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Document:
    """One article, as ingested. `id` is a content hash, so re-ingesting is a no-op."""

    id: str
    name: str  # file name (or manifest id): what evidence cites as `doc`
    text: str
    path: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str = "en"
    # Publication date as an interval: equal ends for a known day.
    published_start: dt.date | None = None
    published_end: dt.date | None = None
    published_source: str = "none"  # manifest | cli | dateline | inferred | none
    published_note: str = ""  # how it was found, for `detente explain`
    encoding: str = "utf-8"  # how its bytes were decoded (`detente sources` shows it)

    @property
    def published(self) -> dt.date | None:
        """The latest day the article can have been published: the anchor for relative dates."""
        return self.published_end or self.published_start


@dataclass
class IngestError:
    """A skipped input: the file and the one-line reason."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class CodedDocument:
    """One document after the per-document stages (parse, code, date): what the single writer merges."""

    doc: Document
    mentions: list["Mention"]
    copies_read: bool = False  # whether dating it read the store's syndicated copies (only in the writing process)
    claims: list | None = None  # its quantity claims (`claims_cache.of_parsed`), kept by the writer; None: not found


@dataclass
class Timex:
    """A time expression found in text and its normalised interval."""

    start: int  # character offsets in the text given to the finder
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # TIMEX3 value, e.g. 2025-06-21, 2025-04, 2025-SU, P2D, XXXX-06-21
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    granularity: str | None = None  # day | week | month | season | quarter | year | decade
    anchor: str = "absolute"  # absolute | publication | previous_event | none
    offset_days: tuple[int, int] | None = None  # for anchor=previous_event: (min, max) days after it
    rule: str = ""  # which rule produced the value, for explain

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)


@dataclass
class ActorRef:
    """A resolved participant: CAMEO-style country code plus sector."""

    code: str  # ISO-3166 alpha-3, or EU / UN / NATO ...; "" for a doer the dictionary lacks
    sector: str | None = None  # GOV MIL OPP BUS MED NGO IGO REB CVL JUD LEG ...
    entity_text: str = ""
    actor_id: str | None = None  # dictionary id of a named person/organisation, if any
    how: str = ""  # dictionary | demonym | metonym | role | context | coref, "; fuzzy: ..." after a slip fix

    @property
    def basis(self) -> str:
        """How the code was found, without the note of a corrected slip ("country; fuzzy: ..." -> "country")."""
        return self.how.split(";", 1)[0]

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "sector": self.sector, "entity_text": self.entity_text,
                "actor_id": self.actor_id, "how": self.how}


@dataclass
class Quantity:
    value: float
    unit: str = "person"
    text: str = ""


@dataclass
class Mention:
    """One coded event mention: an event as told by one sentence of one article."""

    doc_id: str
    doc_name: str
    sent_index: int
    sentence: str
    sent_start: int  # character offset of the sentence in the document text
    trigger: str  # the word(s) that carry the event
    trigger_start: int  # document character offsets of the trigger
    trigger_end: int
    event: str  # PLOVER type
    mode: str | None
    cameo: str
    goldstein: float
    plover_score: float
    actor: list[ActorRef] = field(default_factory=list)
    recipient: list[ActorRef] = field(default_factory=list)
    quantity: Quantity | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_text: str = ""  # the expression that dated it ("" when none)
    date_how: str = ""  # how the date was resolved
    rule: str = ""  # pattern id that fired
    confidence: float = 0.5
    notes: list[str] = field(default_factory=list)  # modality/actor decisions, for explain
    citations: list[dict] = field(default_factory=list)  # inline source notes of the sentence: "(BelTA, September 11)"
    id: str = ""  # stable hash of doc_id + trigger offsets + event
    event_id: str = ""  # the merged event it belongs to

    @property
    def resolved(self) -> bool:
        """Whether its doer has a code. A mention whose doer the actor dictionary lacks is kept (and
        listed by `detente actors --unknown`) but makes no event until the dictionary resolves it."""
        return any(a.code for a in self.actor)


@dataclass
class Event:
    """One real-world happening, merged from all its mentions."""

    id: str
    event: str
    mode: str | None
    cameo: str
    goldstein: float
    plover_score: float
    actor: list[ActorRef]
    recipient: list[ActorRef]
    date_start: dt.date | None
    date_end: dt.date | None
    quantity: Quantity | None
    mentions: list[Mention] = field(default_factory=list)
    confidence: float = 0.5
    num_sources: int = 0  # independent sources: syndicated copies of one story count once (set by the store)
    corrections: list[dict] = field(default_factory=list)  # the analyst's, applied (detente.corrections)
    original: dict | None = None  # the machine's coding, when a correction changed it

    @property
    def num_articles(self) -> int:
        return len({m.doc_id for m in self.mentions})

    @property
    def num_mentions(self) -> int:
        return len(self.mentions)


_PLAIN = frozenset({str, int, float, bool})


def to_jsonable(obj: Any) -> Any:
    """Dataclasses, dates and containers to JSON-ready values."""
    if obj is None or type(obj) in _PLAIN:  # most values of an export record: returned as they are, first
        return obj
    if type(obj) is dict:
        return {k: to_jsonable(v) for k, v in obj.items()}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    return obj


@dataclass(frozen=True)
class CandidateQuery:
    """What a stored event needs to be a candidate for one new mention: its dates overlap [start, end], its
    type is one of `types`, its actors share one of `any_actor` (when given) and its parties hold every one
    of `all_parties` (or, `either_way`, lie all within them) (and has the count `quantity`, when given). Plain values: the store knows nothing of merging rules."""

    start: dt.date
    end: dt.date
    types: tuple[str, ...]
    any_actor: tuple[str, ...] | None = None
    all_parties: tuple[str, ...] = ()
    either_way: bool = False  # `all_parties` also met by an event whose parties all lie within them
    quantity: float | None = None  # when given, only an event with this count

    def admits(self, e: "Event") -> bool:
        """Whether stored event `e` is a candidate: the one definition, which the store applies to what its SQL
        selected (a prefilter never narrower than this) and the batch writer to the events in memory."""
        if e.date_start is None or e.date_end is None or not (e.date_start <= self.end and e.date_end >= self.start):
            return False
        if e.event not in self.types:
            return False
        actors = {r.code for r in e.actor}
        if self.any_actor is not None and not set(self.any_actor) & actors:
            return False
        if self.all_parties:
            parties = (actors | {r.code for r in e.recipient}) - {""}
            if not (set(self.all_parties) <= parties or (self.either_way and parties <= set(self.all_parties))):
                return False
        return self.quantity is None or (e.quantity is not None and e.quantity.value == self.quantity)
