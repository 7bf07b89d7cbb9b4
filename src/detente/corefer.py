"""Cross-document event coreference: which event mentions tell the same happening.

The signal `merge.py` can adopt: mentions corefer when their triggers belong to one event family
(`data/event_families.yaml`: "freed", "pardoned", "released"), their documents tell the same story
(TF-IDF cosine of their names and numbers), and their arguments do not contradict each other: two
releases of prisoners in different months are two events, two reports by different speakers are two
reports. Measured on ECB+ by `benchmarks/bench_ecb.py`.
"""
from __future__ import annotations

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


class FamiliesError(ValueError):
    """event_families.yaml is malformed."""


@dataclass(frozen=True)
class Lexicon:
    families: dict[str, str]  # lemma -> family
    light: frozenset[str]
    reporting: frozenset[str]  # families of reports: who spoke tells them apart


def _words(raw: dict, key: str) -> frozenset[str]:
    return frozenset(str(v).lower().replace("_", " ") for v in raw.get(key) or [])


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str = str(FAMILIES)) -> Lexicon:
    """The families, light verbs and reporting families of event_families.yaml (cached)."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        index: dict[str, str] = {}
        for name, lemmas in raw["families"].items():
            for lemma in lemmas or []:
                key = str(lemma).lower().replace("_", " ")
                if key in index:
                    raise FamiliesError(f"{path}: '{lemma}' is in both '{index[key]}' and '{name}'")
                index[key] = str(name)
        lex = Lexicon(index, _words(raw, "light_verbs"), _words(raw, "reporting"))
    except FamiliesError:
        raise
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise FamiliesError(f"{path}: {exc}") from exc
    return lex


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


# ---------------------------------------------------------------- mentions: which ones tell one happening

@dataclass(frozen=True)
class EventMention:
    """One event trigger, where it is, and the head lemmas of the arguments told with it (same sentence)."""

    id: str
    doc: str
    lemma: str
    participants: frozenset[str] = field(default_factory=frozenset)
    times: frozenset[str] = field(default_factory=frozenset)
    locations: frozenset[str] = field(default_factory=frozenset)
    sentence: int = 0  # sentence number in its document
    position: int = 0  # token number in its document

    @property
    def key(self) -> str:
        return event_key(self.lemma)


def _clash(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both sides name the argument and share nothing."""
    return bool(a) and bool(b) and not (a & b)


_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
           "sept", "oct", "nov", "dec"}


def _calendar(times: frozenset[str]) -> frozenset[str]:
    """The calendar words of time arguments: years and month names. "Tuesday" or "yesterday" depend on
    when each article was written, so only these can contradict across articles."""
    return frozenset(t for t in times if t in _MONTHS or (t.isdigit() and len(t) == 4 and t[:2] in ("19", "20")))


def compatible(a: EventMention, b: EventMention) -> bool:
    """Can two same-family mentions of one story be one happening?

    Not when both name the year or month and these differ (two releases in different months are two
    events), nor, for a report, when both name who spoke and the speakers differ: a report is its
    speaker's.
    """
    if _clash(_calendar(a.times), _calendar(b.times)):
        return False
    if a.key in load_lexicon().reporting and _clash(a.participants, b.participants):
        return False
    return True


def cluster_mentions(mentions: Iterable[EventMention],
                     doc_cluster: Mapping[str, int] | None = None) -> list[set[str]]:
    """Partition mentions (by id) into happenings.

    Mentions join when they share an event family and a story (`doc_cluster`; all one story when
    None); a mention joins the first happening of its family all of whose members it is
    `compatible` with, else starts a new one.
    """
    groups: dict[tuple, list[list[EventMention]]] = {}
    for m in mentions:
        story = doc_cluster.get(m.doc, m.doc) if doc_cluster is not None else 0
        happenings = groups.setdefault((story, m.key), [])
        for h in happenings:
            if all(compatible(m, o) for o in h):
                h.append(m)
                break
        else:
            happenings.append([m])
    return [{m.id for m in h} for hs in groups.values() for h in hs]
