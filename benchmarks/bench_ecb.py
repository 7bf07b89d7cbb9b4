"""ECB+ cross-document event coreference: CoNLL F1 of detente's merging decision on gold event mentions.

Reads ../shared/external/ecbplus-test/ at run time: the CAT XML of test topics 36-45 straight from
the tarball, restricted to the sentences listed in ECBplus_coreference_sentences.csv (the README asks
for this: mentions outside them are not reliably annotated). Gold event mentions are the ACTION_* and
NEG_ACTION_* markables anchored to tokens; their chain is the instance id of the CROSS_DOC_COREF that
links them, else the INTRA_DOC_COREF chain (unique per document), else they are singletons.

Systems, clustering within each topic:
  lemma    all mentions of a topic with the same head lemma are one cluster (the standard baseline)
  detente  `detente.corefer.compatible`, the decision `detente.merge.compatible` makes in the product
           (same kind of act, overlapping dates, no clash of counts, speakers or parties), applied to
           gold mentions with the arguments the annotation gives: the participant, time and location
           markables told with the trigger (`corefer.told_with`), times normalised to calendar
           intervals by `detente.temporal` (`corefer.when`). Gold data has no PLOVER coding, so the
           kind is the trigger's event family. Tellings are grouped by `corefer.cluster_mentions`
           within the stories of `corefer.document_clusters` (the product merges one article at a
           time into its store instead; the pairwise decision is the same).

Scores are MUC, B-cubed, CEAF-e and their mean, CoNLL F1, summed over all topics (singletons kept).
"""
from __future__ import annotations

import csv
import sys
import tarfile
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

import numpy as np
from scipy.optimize import linear_sum_assignment

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from detente.corefer import (EventMention, cluster_mentions, document_clusters, headline_case,  # noqa: E402
                             told_with, trigger_lemma, when)

DATA = ROOT / ".." / "shared" / "external" / "ecbplus-test"
REL = "../shared/external/ecbplus-test"
TARBALL = "ECB+_test_topics36-45.tar.gz"
SENTENCES = "ECBplus_coreference_sentences.csv"

ARG_ROLES = {"HUMAN": "participants", "NON_HUMAN": "participants", "TIME": "times", "LOC": "locations"}


# ---------------------------------------------------------------- scorers
# Hand-written: MUC, B-cubed and CEAF-e are a few lines each (definitions as in the reference CoNLL
# scorer, Pradhan et al. 2014); the pip packages for them are unmaintained or pull in a framework.

Clusters = list[set]


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """MUC (Vilain et al. 1995): links kept; singletons count for nothing."""
    def part(a: Clusters, b: Clusters) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0
    r, p = part(key, response), part(response, key)
    return p, r, _f(p, r)


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """B-cubed (Bagga and Baldwin 1998): per-mention overlap of its key and response clusters."""
    def part(a: Clusters, b: Clusters) -> float:
        # Each mention m of a cluster c scores |c ∩ b(m)| / |c|, b(m) its cluster on the other side
        # (nothing when m is not there); summed over c that is Σ_b |c ∩ b|² / |c|.
        where = {m: i for i, c in enumerate(b) for m in c}
        total = sum(len(c) for c in a)
        s = 0.0
        for c in a:
            overlap = Counter(where[m] for m in c if m in where)
            s += sum(n * n for n in overlap.values()) / len(c)
        return s / total if total else 0.0
    r, p = part(key, response), part(response, key)
    return p, r, _f(p, r)


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """CEAF-e (Luo 2005): best one-to-one alignment of entities, similarity 2|K∩R|/(|K|+|R|)."""
    if not key or not response:
        return 0.0, 0.0, 0.0
    sim = np.array([[2 * len(k & r) / (len(k) + len(r)) for r in response] for k in key])
    rows, cols = linear_sum_assignment(-sim)
    total = sim[rows, cols].sum()
    p, r = total / len(response), total / len(key)
    return p, r, _f(p, r)


def conll(key: Clusters, response: Clusters) -> dict[str, float]:
    m, b, c = muc(key, response)[2], b_cubed(key, response)[2], ceaf_e(key, response)[2]
    return {"muc_f1": m, "b3_f1": b, "ceafe_f1": c, "conll_f1": (m + b + c) / 3}


# ---------------------------------------------------------------- ECB+ reader

def selected_sentences(path: Path) -> set[tuple[str, int]]:
    """{(document name without .xml, sentence number)} listed for evaluation."""
    out = set()
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.add((f"{row['Topic']}_{row['File']}", int(row["Sentence Number"])))
    return out


def read_doc(name: str, xml: bytes) -> dict:
    """Tokens by sentence, gold event mentions (token ids, chain) and argument markables of one document."""
    root = ET.fromstring(xml)
    sents: dict[int, list[tuple[str, str]]] = defaultdict(list)  # sentence -> [(t_id, word)]
    tok_sent: dict[str, int] = {}
    for tok in root.iter("token"):
        s = int(tok.get("sentence"))
        sents[s].append((tok.get("t_id"), tok.text or ""))
        tok_sent[tok.get("t_id")] = s
    marks: dict[str, tuple[str, list[str]]] = {}
    for mk in root.find("Markables") or []:
        anchors = [a.get("t_id") for a in mk.findall("token_anchor")]
        if anchors:
            marks[mk.get("m_id")] = (mk.tag, anchors)
    chain: dict[str, str] = {}
    for rel in root.find("Relations") or []:
        cid = rel.get("note") if rel.tag == "CROSS_DOC_COREF" else f"{name}/intra{rel.get('r_id')}"
        for src in rel.findall("source"):
            chain[src.get("m_id")] = cid
    events, args = [], []
    for mid, (tag, anchors) in marks.items():
        sent = tok_sent[anchors[0]]
        if tag.startswith(("ACTION_", "NEG_ACTION_")):
            events.append({"id": f"{name}/{mid}", "tokens": anchors, "sentence": sent,
                           "chain": chain.get(mid, f"{name}/single{mid}")})
        else:
            role = next((r for p, r in ARG_ROLES.items() if tag.startswith(p)), None)
            if role:
                args.append({"role": role, "tokens": anchors, "sentence": sent})
    return {"name": name, "sentences": dict(sents), "events": events, "args": args}


def load(data: Path = DATA) -> dict[str, list[dict]]:
    """{topic: [document]} with events restricted to the selected sentences."""
    keep = selected_sentences(data / SENTENCES)
    topics: dict[str, list[dict]] = defaultdict(list)
    with tarfile.open(data / TARBALL) as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            if not member.isfile() or not member.name.endswith(".xml"):
                continue
            name = Path(member.name).stem
            try:
                doc = read_doc(name, tar.extractfile(member).read())
            except (ET.ParseError, TypeError, ValueError, KeyError) as exc:
                raise ValueError(f"{data / TARBALL}:{member.name}: not ECB+ CAT XML ({exc})") from exc
            doc["events"] = [e for e in doc["events"] if (name, e["sentence"]) in keep]
            doc["args"] = [a for a in doc["args"] if (name, a["sentence"]) in keep]
            topics[name.split("_")[0]].append(doc)
    return dict(topics)


def annotate(topics: dict[str, list[dict]]) -> None:
    """Add spaCy lemmas (each mention's trigger lemma, each argument's head lemma) and, per mention, the
    arguments told with its trigger and the calendar interval of its times (in place)."""
    from spacy.tokens import Doc

    from detente.parse import load_model

    nlp = load_model()
    for docs in topics.values():
        for doc in docs:
            where: dict[str, tuple[int, int]] = {}
            parsed = {}
            wanted = {e["sentence"] for e in doc["events"]} | {a["sentence"] for a in doc["args"]}
            for s in sorted(wanted):
                toks = doc["sentences"][s]
                parsed[s] = nlp(Doc(nlp.vocab, words=headline_case([w for _, w in toks])))
                for i, (tid, _) in enumerate(toks):
                    where[tid] = (s, i)

            def span(tokens: list[str]):
                s = where[tokens[0]][0]
                idx = [where[t][1] for t in tokens]
                return parsed[s][min(idx):max(idx) + 1]

            args = []
            for a in doc["args"]:
                sp = span(a["tokens"])
                # A pronoun says nothing about who without its antecedent: not an argument.
                a["lemma"] = None if sp.root.pos_ == "PRON" else sp.root.lemma_.lower()
                args.append((a, sp))
            for e in doc["events"]:
                trigger = span(e["tokens"])
                e["lemma"] = trigger_lemma(trigger)
                e["position"] = int(e["tokens"][0])
                told = [(a, sp) for a, sp in args if a["sentence"] == e["sentence"] and told_with(sp, trigger)]
                e["roles"] = {role: frozenset(a["lemma"] for a, _ in told if a["role"] == role and a["lemma"])
                              for role in set(ARG_ROLES.values())}
                e["when"] = when(sp.text for a, sp in told if a["role"] == "times")


def mentions_of(doc: dict) -> list[EventMention]:
    out = []
    for e in doc["events"]:
        start, end = e["when"] or (None, None)
        out.append(EventMention(e["id"], doc["name"], e["lemma"], e["roles"]["participants"], e["roles"]["times"],
                                e["roles"]["locations"], e["sentence"], e["position"], start=start, end=end))
    return out


def doc_text(doc: dict) -> str:
    # Sentence 0 of the ecbplus files is the source URL, not text.
    skip = 0 if doc["name"].endswith("ecbplus") else None
    return "\n".join(" ".join(w for _, w in toks) for s, toks in sorted(doc["sentences"].items()) if s != skip)


def lemma_baseline(docs: list[dict]) -> Clusters:
    by: dict[str, set] = defaultdict(set)
    for d in docs:
        for e in d["events"]:
            by[e["lemma"]].add(e["id"])
    return list(by.values())


def gold(docs: Iterable[dict]) -> Clusters:
    by: dict[str, set] = defaultdict(set)
    for d in docs:
        for e in d["events"]:
            by[e["chain"]].add(e["id"])
    return list(by.values())


def run(verbose: bool = False) -> dict[str, float]:
    """Print a table and return the figures; {} when the data set is absent."""
    if not (DATA / TARBALL).is_file() or not (DATA / SENTENCES).is_file():
        print(f"skipped: {REL}/{TARBALL} or {SENTENCES} not found")
        return {}
    topics = load()
    annotate(topics)
    key, base, ours = [], [], []
    doc_pairs = Counter()
    for topic, docs in sorted(topics.items(), key=lambda kv: int(kv[0])):
        key += gold(docs)
        base += lemma_baseline(docs)
        clusters = document_clusters({d["name"]: doc_text(d) for d in docs})
        mentions = [m for d in docs for m in mentions_of(d)]
        ours += cluster_mentions(mentions, clusters)
        # Document clusters against the ECB / ECB+ halves of the topic (its two seminal events).
        names = sorted(clusters)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                doc_pairs[(clusters[a] == clusters[b], a.endswith("ecbplus") == b.endswith("ecbplus"))] += 1
    n_mentions = sum(len(c) for c in key)
    b, o = conll(key, base), conll(key, ours)
    print(f"ECB+ test topics {', '.join(sorted(topics, key=int))}: {sum(len(d) for d in topics.values())} documents, "
          f"{n_mentions} gold event mentions, {len(key)} gold chains")
    tp, fp, fn = doc_pairs[(True, True)], doc_pairs[(True, False)], doc_pairs[(False, True)]
    print(f"document pairs put in one story vs the ECB / ECB+ halves of each topic: precision "
          f"{tp / ((tp + fp) or 1):.3f}, recall {tp / ((tp + fn) or 1):.3f}")
    print("detente measures detente.corefer.compatible (the decision detente.merge.compatible makes) on gold "
          "mentions,\n  grouped by corefer.cluster_mentions within the stories of corefer.document_clusters")
    print(f"{'system':10} {'MUC':>6} {'B3':>6} {'CEAF-e':>7} {'CoNLL':>7}")
    for label, s in (("lemma", b), ("detente", o)):
        print(f"{label:10} {s['muc_f1']:6.3f} {s['b3_f1']:6.3f} {s['ceafe_f1']:7.3f} {s['conll_f1']:7.3f}")
    result = {k: round(v, 4) for k, v in o.items()}
    result["lemma_baseline_conll"] = round(b["conll_f1"], 4)
    return result


if __name__ == "__main__":
    run(verbose="-v" in sys.argv)
