"""Syndication benchmark: edited copies of the demo articles must all be found, and no distinct articles joined.

Built from the bundled demo corpus (no ../shared needed): each article gets edited copies the way
reprints differ from a wire story (trimmed to 60%, retitled, paragraphs reordered, a sentence added,
and combinations). All originals and copies go into one `SyndicationIndex`; a copy is detected when it
lands in its original's group. Demo articles 04 and 05 are a wire story and its reprint, so they (and
their copies) are one story; every other pair of articles is distinct.

Figures: copy_recall (copies detected / copies), false_joins (pairs of documents from distinct stories
that share a group), plus the containment margin between the closest distinct pair and the weakest copy.
"""
from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from detente.ingest import iter_documents  # noqa: E402
from detente.model import Document  # noqa: E402
from detente.syndication import SyndicationIndex, shingle_hashes  # noqa: E402

MANIFEST = ROOT / "src" / "detente" / "data" / "demo" / "manifest.jsonl"
SAME_STORY = [("04_", "05_")]
ADDED = "Officials in the region did not respond to requests for comment on Monday evening."


def _paragraphs(text: str) -> tuple[str, list[str]]:
    """Title (first line) and paragraphs (the other non-empty lines: extracted HTML has single breaks)."""
    blocks = [b.strip() for b in text.split("\n") if b.strip()]
    return blocks[0], blocks[1:]


def _join(title: str, body: list[str]) -> str:
    return "\n\n".join([title] + body)


def trim(text: str, share: float = 0.6) -> str:
    """Keep the first `share` of the words, cut at a paragraph end (how reprints shorten a story)."""
    title, body = _paragraphs(text)
    total = sum(len(p.split()) for p in body)
    kept, n = [], 0
    for p in body:
        if kept and n + len(p.split()) > share * total:
            break
        kept.append(p)
        n += len(p.split())
    return _join(title, kept)


def retitle(text: str) -> str:
    _title, body = _paragraphs(text)
    return _join("The latest from Minsk and Washington, as reported by our partners", body)


def reorder(text: str) -> str:
    """Lead kept, the rest of the paragraphs in reverse order."""
    title, body = _paragraphs(text)
    return _join(title, body[:1] + body[1:][::-1])


def add_sentence(text: str) -> str:
    title, body = _paragraphs(text)
    if body:
        body = body[:1] + [body[1] + " " + ADDED if len(body) > 1 else ADDED] + body[2:]
    return _join(title, body)


EDITS = {
    "trimmed": trim,
    "retitled": retitle,
    "reordered": reorder,
    "sentence_added": add_sentence,
    "trimmed+retitled": lambda t: retitle(trim(t)),
    "reordered+sentence_added": lambda t: add_sentence(reorder(t)),
    "all": lambda t: add_sentence(reorder(retitle(trim(t)))),
}


def _story(name: str) -> str:
    for group in SAME_STORY:
        if name.startswith(group):
            return group[0]
    return name


def run() -> dict[str, float]:
    originals = [d for d in iter_documents([MANIFEST]) if isinstance(d, Document)]
    docs: list[tuple[str, str, str]] = []  # (id, story, text)
    for d in originals:
        docs.append((d.name, _story(d.name), d.text))
    copies = []
    for d in originals:
        for edit, fn in EDITS.items():
            cid = f"{d.name}#{edit}"
            docs.append((cid, _story(d.name), fn(d.text)))
            copies.append((cid, d.name, edit))
    t0 = time.perf_counter()
    idx = SyndicationIndex()
    for doc_id, _story_id, text in docs:
        idx.add(doc_id, text)
    seconds = time.perf_counter() - t0
    groups = idx.groups()
    story = {doc_id: s for doc_id, s, _t in docs}

    detected = {cid: groups[cid] == groups[orig] for cid, orig, _e in copies}
    by_edit = {e: sum(detected[c] for c, _o, e2 in copies if e2 == e) / len(originals) for e in EDITS}
    false_pairs = [(a, b) for a, b in itertools.combinations(groups, 2)
                   if groups[a] == groups[b] and story[a] != story[b]]
    reprint_found = groups[next(d.name for d in originals if d.name.startswith("04_"))] == \
        groups[next(d.name for d in originals if d.name.startswith("05_"))]

    # margins: weakest containment of a true copy vs strongest between distinct stories
    sh = {doc_id: shingle_hashes(text) for doc_id, _s, text in docs}

    def containment(a, b):
        import numpy as np

        return len(np.intersect1d(sh[a], sh[b])) / max(1, min(len(sh[a]), len(sh[b])))

    weakest = min(containment(c, o) for c, o, _e in copies)
    names = [d.name for d in originals]
    closest = max(containment(a, b) for a, b in itertools.combinations(names, 2) if _story(a) != _story(b))

    print(f"{len(originals)} articles, {len(copies)} edited copies, {len(docs)} documents indexed "
          f"in {seconds:.2f} s")
    print(f"{'edit':28} {'detected':>9}")
    for e, share in by_edit.items():
        print(f"{e:28} {share:>9.2f}")
    print(f"04/05 wire reprint grouped: {reprint_found}")
    print(f"containment: weakest true copy {weakest:.3f}, closest distinct pair {closest:.3f}")
    for a, b in false_pairs[:10]:
        print(f"  wrongly joined: {a} ~ {b}")
    recall = sum(detected.values()) / len(detected)
    print(f"copy_recall {recall:.3f}, false_joins {len(false_pairs)}")
    return {"copy_recall": round(recall, 3), "false_joins": len(false_pairs),
            "reprint_found": 1.0 if reprint_found else 0.0, "margin": round(weakest - closest, 3)}


if __name__ == "__main__":
    print(run())
