"""Event coreference: whether two tellings are one happening. One decision for the product and the benchmark.

`compatible` is the decision `merge.compatible` makes when a coded mention may join a stored event, and
the one the ECB+ benchmark (`benchmarks/bench_ecb.py`) scores on gold mentions. Two tellings are one
happening when they are the same kind of act (`kind`: the coder's PLOVER reading, or the trigger's event
family from `data/event_families.yaml`: "freed", "pardoned", "released"), and their arguments do not
contradict each other: dates that do not overlap (two releases in different months are two events),
different counts, different speakers of a report, different parties. Batch clustering for documents
without a store (`cluster_mentions`) adds which documents tell one story (TF-IDF of names and numbers).
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

import yaml
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span

FAMILIES = Path(__file__).parent / "data" / "event_families.yaml"

# Average-link cosine of names-and-numbers TF-IDF above which documents tell one story (idf is
# computed within the batch, so terms every document shares weigh nothing and cosines run low).
DOC_THRESHOLD = 0.06
# A telling dated only by its article's publication (no time expression) and so more loosely than this,
# or dated by the text more loosely than VAGUE_EXPLICIT_DAYS, needs a stronger tie than overlapping dates.
VAGUE_DAYS = 62
VAGUE_EXPLICIT_DAYS = 400
# Two groups of tellings whose average `affinity` is below minus one shared argument stay apart: they
# are told mostly by the same sentences, and a sentence tells a happening once.
MIN_AFFINITY = -10


class FamiliesError(ValueError):
    """event_families.yaml is malformed."""


@dataclass(frozen=True)
class Lexicon:
    families: dict[str, str]  # lemma -> family
    light: frozenset[str]
    reporting: frozenset[str]  # families of reports: who spoke tells them apart
    plover: dict[tuple[str, str | None], str] = field(default_factory=dict)  # (type, mode) -> family
    undirected: frozenset[str] = frozenset()  # families whose parties are compared, not their direction
    distinct_modes: frozenset[str] = frozenset()  # PLOVER types whose modes are different acts (no retelling across)


def _words(raw: dict, key: str) -> frozenset[str]:
    return frozenset(str(v).lower().replace("_", " ") for v in raw.get(key) or [])


def _readings(raw: dict, path: str) -> dict[tuple[str, str | None], str]:
    out: dict[tuple[str, str | None], str] = {}
    for fam, readings in (raw.get("plover") or {}).items():
        for reading in readings or []:
            parts = str(reading).split()
            if not 1 <= len(parts) <= 2:
                raise FamiliesError(f"{path}: plover reading '{reading}' is not 'TYPE' or 'TYPE mode'")
            key = (parts[0], parts[1] if len(parts) == 2 else None)
            if key in out:
                raise FamiliesError(f"{path}: plover reading '{reading}' is in both '{out[key]}' and '{fam}'")
            out[key] = str(fam)
    return out


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str = str(FAMILIES)) -> Lexicon:
    """The families, light verbs, reporting families and PLOVER readings of event_families.yaml (cached)."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        index: dict[str, str] = {}
        for name, lemmas in raw["families"].items():
            for lemma in lemmas or []:
                key = str(lemma).lower().replace("_", " ")
                if key in index:
                    raise FamiliesError(f"{path}: '{lemma}' is in both '{index[key]}' and '{name}'")
                index[key] = str(name)
        lex = Lexicon(index, _words(raw, "light_verbs"), _words(raw, "reporting"), _readings(raw, path),
                      _words(raw, "undirected"), frozenset(str(v) for v in raw.get("distinct_modes") or []))
    except FamiliesError:
        raise
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise FamiliesError(f"{path}: {exc}") from exc
    return lex


@functools.lru_cache(maxsize=8192)  # (the lexicon is read once: a pure function of the lemma; merging asks often)
def event_key(lemma: str) -> str:
    """The event family of a trigger lemma ("free" -> "release"), or the lemma itself when it has none.

    A phrasal lemma ("step down") is looked up whole, then by its first word.
    """
    key = " ".join(lemma.lower().replace("_", " ").split())
    fams = load_lexicon().families
    if key in fams:
        return fams[key]
    first = key.split(" ")[0] if key else key
    return fams.get(first, key)


@functools.lru_cache(maxsize=8192)  # (as `event_key`: every summary and retelling of a merge asks it again)
def kind(lemma: str, plover: tuple[str, str | None] | None = None) -> str:
    """The kind of act a telling is: what must agree before anything else is compared.

    A coded mention (`plover` = its PLOVER type and mode) is of the family its reading is listed under,
    else of its own reading; when the coder left the mode open, its trigger's family wins if that family
    has a reading of the same type (a CONSULT told by "phoned" is a call, not a meeting). Without a
    coding (gold mentions), the trigger's family.
    """
    fam = event_key(lemma)
    if plover is None:
        return fam
    lex = load_lexicon()
    event, mode = plover
    if mode is None and any(e == event and f == fam for (e, _), f in lex.plover.items()):
        return fam
    return lex.plover.get((event, mode), f"{event}:{mode or ''}")


@functools.lru_cache(maxsize=1)
def _lemmatizer():
    # Only the model's rule lemmatizer (no tagger): a trigger word is read as a verb and as a noun.
    import spacy

    from .parse import MODEL

    nlp = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner", "senter"])
    return nlp.vocab, nlp.get_pipe("lemmatizer")


@functools.lru_cache(maxsize=4096)
def word_lemma(word: str) -> str:
    """The lemma of one word out of context: its verb lemma ("freed" -> "free"), or its noun lemma when
    only that names an event family ("talks" -> "talk")."""
    from spacy.tokens import Doc

    vocab, lemmatizer = _lemmatizer()
    word = word.lower()
    found = []
    for pos in ("VERB", "NOUN"):
        doc = Doc(vocab, words=[word])
        doc[0].pos_ = pos
        found.append((lemmatizer.rule_lemmatize(doc[0]) or [word])[0])
    fams = load_lexicon().families
    return next((lem for lem in found if lem in fams), found[0])


def text_lemma(trigger: str, after: str = "") -> str:
    """The lemma of a coded mention's trigger text, for `kind`: its last word's, or for a light verb
    ("held") the first word after it that names an event family ("held lengthy talks" -> "talk").

    Hand-written rather than parsed again: the coder keeps the trigger's text, not its parse, and a
    light verb's object is almost always within the next few words.
    """
    words = re.findall(r"[^\W\d_][\w'-]*", trigger)
    if not words:
        return ""
    lemma = word_lemma(words[-1])
    lex = load_lexicon()
    if lemma in lex.light:
        for w in re.findall(r"[^\W\d_][\w'-]*", after)[:4]:
            if word_lemma(w) in lex.families:
                return word_lemma(w)
    return lemma


def headline_case(words: list[str]) -> list[str]:
    """Words of a title-case or all-caps line, lower-cased so the tagger reads "Acquires" as a verb.

    The small English model tags capitalised headline words as proper nouns and then leaves their
    lemma alone ("Buys", "Convicts"); lower case restores the verb reading. Other lines are unchanged.
    """
    alpha = [w for w in words if w[:1].isalpha()]
    if len(alpha) < 3:
        return words
    caps = sum(1 for w in alpha if w[0].isupper())
    if caps / len(alpha) >= 0.7 or all(w.isupper() for w in alpha):
        return [w.lower() for w in words]
    return words


_CONTENT = ("VERB", "NOUN", "PROPN", "ADJ")


def trigger_lemma(span: Span) -> str:
    """The lemma that names the happening in a trigger span.

    Its syntactic head, with a verb particle ("step down", "take over"); for a light verb, its object
    ("held talks" -> "talk", "found guilty" -> "guilty"); for a noun phrase without a verb, its last
    noun ("6.1-magnitude earthquake" -> "earthquake", whatever the parser made of the number).
    """
    lex = load_lexicon()
    head = span.root
    if not any(t.pos_ in ("VERB", "AUX") for t in span):
        nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN")]
        before_adp = [t for t in nouns if not any(a.pos_ == "ADP" and a.i < t.i for a in span)]
        if before_adp:
            head = before_adp[-1]
        elif head.pos_ not in _CONTENT and nouns:
            head = nouns[-1]
    lemma = head.lemma_.lower()
    # A particle, or an adverb right after the verb ("stepped down"), that makes a listed phrasal verb.
    for child in head.children:
        if child.dep_ == "prt" or (child.dep_ == "advmod" and child.i == head.i + 1):
            phrasal = f"{lemma} {child.lower_}"
            if phrasal in lex.families:
                return phrasal
    if lemma in lex.light:
        for child in head.children:
            complement = child.dep_ in ("dobj", "attr", "oprd", "acomp", "xcomp") and child.pos_ in ("NOUN", "ADJ", "VERB")
            small_clause = child.dep_ == "ccomp" and child.pos_ == "ADJ"  # "found him guilty"
            if complement or small_clause:
                return child.lemma_.lower()
    return lemma


# ---------------------------------------------------------------- documents: which ones tell one story

_WORD = re.compile(r"[^\W\d_][\w'-]*|\d+")


def _terms(text: str) -> Counter:
    """The names and numbers of a text: capitalised words and figures, lower-cased, stop words out.

    Two stories of one kind (two quakes in one region, two takeovers in one industry) share their
    common vocabulary; who, where and how many tell them apart.
    """
    return Counter(w.lower() for w in _WORD.findall(text)
                   if (w[0].isupper() or w[0].isdigit()) and w.lower() not in STOP_WORDS)


def _tfidf(docs: Mapping[str, str]) -> dict[str, dict[str, float]]:
    # Hand-written: scikit-learn is not a dependency, and a smoothed, L2-normalised TF-IDF over a few
    # dozen documents is ten lines.
    tf = {d: _terms(t) for d, t in docs.items()}
    df: Counter = Counter()
    for counts in tf.values():
        df.update(counts.keys())
    n = len(docs)
    out = {}
    for d, counts in tf.items():
        vec = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out[d] = {w: v / norm for w, v in vec.items()}
    return out


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def document_clusters(docs: Mapping[str, str], threshold: float = DOC_THRESHOLD) -> dict[str, int]:
    """Group documents that tell the same story: average-link clustering on TF-IDF cosine.

    Average link rather than single link so that one article touching two stories does not chain
    them into one. Returns {doc_id: cluster number}.
    """
    vecs = _tfidf(docs)
    ids = list(docs)
    sim = {(a, b): _cos(vecs[a], vecs[b]) for i, a in enumerate(ids) for b in ids[i + 1:]}
    clusters: list[list[str]] = [[d] for d in ids]

    def link(x: list[str], y: list[str]) -> float:
        return sum(sim.get((a, b), sim.get((b, a), 0.0)) for a in x for b in y) / (len(x) * len(y))

    while len(clusters) > 1:
        best, pair = -1.0, None
        for i in range(len(clusters)):
            for j in range(i + 1, len(clusters)):
                s = link(clusters[i], clusters[j])
                if s > best:
                    best, pair = s, (i, j)
        if best < threshold or pair is None:
            break
        i, j = pair
        clusters[i] = clusters[i] + clusters.pop(j)
    return {d: n for n, members in enumerate(clusters) for d in members}


# ---------------------------------------------------------------- arguments of gold mentions

def told_with(arg: Span, trigger: Span) -> bool:
    """Is the argument told with this trigger, not with another event of its sentence?

    Its head hangs on the trigger, the trigger on it ("the quake that struck"), or it is the object of a
    preposition on the trigger ("arrested in Paris", "killed by police"). News sentences tell several
    events; an argument elsewhere in the sentence belongs to one of the others.
    """
    a, t = arg.root, trigger.root
    if a.i == t.i:
        return False
    return a.head.i == t.i or t.head.i == a.i or (a.dep_ == "pobj" and a.head.head.i == t.i)


def when(expressions: Iterable[str]) -> tuple[dt.date, dt.date] | None:
    """The calendar interval that time expressions pin down whenever the article was written ("March
    2009", "in 2008"; not "Tuesday" or "yesterday"), normalised by `detente.temporal`. Several that
    overlap give their intersection; several that do not, the span that holds them all."""
    from .temporal import normalise

    spans = []
    for text in expressions:
        t = normalise(text)
        if t and t.date_start and t.date_end and t.anchor == "absolute" and t.type in ("DATE", "TIME"):
            spans.append((t.date_start, t.date_end))
    if not spans:
        return None
    lo, hi = max(s for s, _ in spans), min(e for _, e in spans)
    return (lo, hi) if lo <= hi else (min(s for s, _ in spans), max(e for _, e in spans))


# ---------------------------------------------------------------- tellings: which ones tell one happening

@dataclass(frozen=True)
class EventMention:
    """One telling of a happening: its trigger and the arguments told with it.

    Made from a gold mention (the benchmark) or from a coded mention or a merged event
    (`merge.telling`, `merge.summary`). What a source does not give stays empty and is not compared.
    """

    id: str
    doc: str
    lemma: str
    participants: frozenset[str] = field(default_factory=frozenset)  # who: head lemmas, or country codes
    times: frozenset[str] = field(default_factory=frozenset)  # time words told with it
    locations: frozenset[str] = field(default_factory=frozenset)
    sentence: int = 0  # sentence number in its document
    position: int = 0  # token number in its document
    start: dt.date | None = None  # when it happened, as an interval, when known
    end: dt.date | None = None
    undated: bool = False  # the interval only bounds the article's publication: no expression dated it
    quantity: float | None = None  # how many (people freed, killed ...)
    actors: frozenset[str] | None = None  # who acted and on whom, when the coder resolved it (codes)
    recipients: frozenset[str] = field(default_factory=frozenset)
    names: frozenset[str] = field(default_factory=frozenset)  # named people and organisations (ids)
    plover: tuple[str, str | None] | None = None  # the coder's (type, mode)
    retelling: bool = False  # told with no time of its own: its interval only says "before publication"

    @functools.cached_property
    def key(self) -> str:
        return kind(self.lemma, self.plover)

    @property
    def width(self) -> int:
        return (self.end - self.start).days if self.start and self.end else 10**6


def _clash(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both sides name the argument and share nothing."""
    return bool(a) and bool(b) and not (a & b)


def _loose(m: EventMention) -> bool:
    if m.retelling:  # compared as a retelling of a dated event (merge.retells): its width is no doubt
        return False
    return m.start is not None and ((m.undated and m.width > VAGUE_DAYS) or m.width > VAGUE_EXPLICIT_DAYS)


def _parties_agree(a: EventMention, b: EventMention) -> bool:
    """Coded parties: for meetings, calls and signings the same countries (or one naming only some of the
    other's, two at least); for directed acts a shared actor and no clash of recipients."""
    undirected = load_lexicon().undirected
    if a.key in undirected or event_key(a.lemma) in undirected and event_key(a.lemma) == event_key(b.lemma) \
            and not _mirrored(a, b):
        # (a signing, typed AGREE, is keyed by its reading; its trigger's family says it has no direction;
        # but each side's own release of one exchange, read as such, is that side's act, not the other's)
        pa, pb = a.actors | a.recipients, b.actors | b.recipients
        return pa == pb or (pa <= pb and len(pa) >= 2) or (pb <= pa and len(pb) >= 2)
    # a joint act of the same two states ("Rwanda and the DRC signed ...") is theirs whatever third party
    # each telling names as its recipient, and whichever of them another telling makes the doer
    # ("Serbia and Kosovo accepted the EU plan", "Serbia agreed with Kosovo on the plan")
    if _joint(a, b) or _joint(b, a):
        return True
    return bool(a.actors & b.actors) and (len(a.actors & b.actors) >= 2 or not _clash(a.recipients, b.recipients))


def _mirrored(a: EventMention, b: EventMention) -> bool:
    """Each names one side as the doer and the other as the recipient: "Chile and Peru swapped prisoners"
    read as Chile's release to Peru and Peru's to Chile are two acts of one exchange, never one event."""
    # (only releases: an exchange is a release by each side, as the ledger counts it; a truce or a deal one telling
    # gives to one side and another to the other is one joint act)
    return a.plover is not None and a.plover[1] == "release" and bool(a.actors) and bool(b.actors) and \
        not (a.actors & b.actors) and a.actors == b.recipients and b.actors == a.recipients


def _joint(a: EventMention, b: EventMention) -> bool:
    """`b` is a joint act of two states or more and `a` names only them, one as the doer."""
    return len(b.actors) >= 2 and bool(a.actors) and (a.actors | a.recipients) <= b.actors


def _miscount(a: EventMention, b: EventMention) -> bool:
    """Counts one off (or within 5%) where one telling's dates hold the other's: "33 prisoners in
    December" and "32 on December 13" are one exchange counted differently, a conflict to show; 14 and
    16 freed in one month may be two rounds."""
    if None in (a.start, a.end, b.start, b.end):
        return False
    inside = (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
    return inside and abs(a.quantity - b.quantity) <= max(1.0, 0.05 * max(a.quantity, b.quantity))


def compatible(a: EventMention, b: EventMention) -> bool:
    """Can `a` be another telling of the happening `b` (a telling, or a merged event summed up as one)?

    Not when they are different kinds of act; when `a` is dated only loosely and neither the same count
    nor two named people tie it to `b`; when both are dated and the dates do not overlap (two releases
    in different months are two events); when both give different counts, unless both pin the same
    single day or the counts are one off (one happening that sources count differently: a conflict, not
    two events); when it is
    a report and both name different speakers (a report is its speaker's); when the coder resolved the
    parties and they disagree.
    """
    if a.key != b.key:
        return False
    if _loose(a) and not (a.quantity is not None and a.quantity == b.quantity or len(a.names & b.names) >= 2):
        return False
    if a.start and b.start and a.end and b.end and not (a.start <= b.end and b.start <= a.end):
        return False
    if a.quantity is not None and b.quantity is not None and a.quantity != b.quantity:
        if not (a.start == a.end == b.start == b.end and a.start is not None) and not _miscount(a, b):
            return False
    if a.key in load_lexicon().reporting:
        speakers_a = a.actors if a.actors is not None else a.participants
        speakers_b = b.actors if b.actors is not None else b.participants
        if _clash(speakers_a, speakers_b):
            return False
    if a.actors is not None and b.actors is not None and not _parties_agree(a, b):
        return False
    return True


def affinity(a: EventMention, b: EventMention) -> int:
    """How well two compatible tellings go together, to choose among happenings: the arguments they
    share, the same word, the same article. A sentence tells a happening once, so two tellings in one
    sentence are rarely one ("the blast killed two, and a gunman shot dead a third")."""
    # In tenths, so that sums are exact and ties between groups break the same way whatever the order.
    shared = len(a.participants & b.participants) + len(a.locations & b.locations) + len(a.times & b.times)
    same_doc = a.doc == b.doc
    return 10 * shared + 5 * (a.lemma == b.lemma) + 3 * same_doc - 20 * (same_doc and a.sentence == b.sentence)


def cluster_mentions(mentions: Iterable[EventMention],
                     doc_cluster: Mapping[str, int] | None = None) -> list[set[str]]:
    """Partition a batch of tellings (by id) into happenings.

    Within one story (`doc_cluster`; all one story when None) and one kind, tellings are grouped
    bottom-up, the pair of groups with the best average `affinity` first, never joining two groups
    that hold an incompatible pair (nor two below MIN_AFFINITY). Bottom-up rather than in reading order, so that which happening a
    telling joins does not depend on which article came first.
    """
    groups: dict[tuple, list[EventMention]] = {}
    for m in mentions:
        story = doc_cluster.get(m.doc, m.doc) if doc_cluster is not None else 0
        groups.setdefault((story, m.key), []).append(m)
    return [{g[i].id for i in c} for g in groups.values() for c in _agglomerate(g)]


def _agglomerate(g: list[EventMention]) -> list[list[int]]:
    # Hand-written: average link with cannot-link constraints is not in scipy's hierarchy module, and
    # groups are small (one kind of act in one story).
    n = len(g)
    members = {i: [i] for i in range(n)}
    total = {i: {j: affinity(g[i], g[j]) for j in range(n) if j != i} for i in range(n)}
    apart = {i: {j for j in range(n) if j != i and not (compatible(g[i], g[j]) and compatible(g[j], g[i]))}
             for i in range(n)}
    while True:
        best, pair = None, None
        for x in members:
            for y in members:
                if y <= x or y in apart[x]:
                    continue
                s = total[x][y] / (len(members[x]) * len(members[y]))
                if best is None or s > best:
                    best, pair = s, (x, y)
        if pair is None or best < MIN_AFFINITY:
            return list(members.values())
        x, y = pair
        members[x] += members.pop(y)
        apart[x] |= apart.pop(y)
        del total[y]
        for k in members:
            if k != x:
                total[x][k] += total[k].pop(y)
                total[k][x] = total[x][k]
                if y in apart[k]:
                    apart[k].discard(y)
                    apart[k].add(x)
        apart[x].discard(x)
