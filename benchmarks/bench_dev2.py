"""Quality on the dev2 corpus (Armenia–Azerbaijan, 2023–2024) against its hand-coded gold.

A second story and country pair besides the seeds and the demo (both U.S.–Belarus): our own prose about
public events, scored by the same scorer (../shared/eval/score.py). See data/dev2/README.md; not to be
tuned on sentence by sentence.
"""
from __future__ import annotations

from pathlib import Path

from corpus_score import corpus_figures, score_corpus

DATA = Path(__file__).resolve().parent / "data" / "dev2"


def run() -> dict:
    # The manifest, not the folder: gold.jsonl and non-events.jsonl would be read as manifests too.
    scored = score_corpus([str(DATA / "manifest.jsonl")], DATA / "gold.jsonl", DATA / "non-events.jsonl")
    return corpus_figures(scored[1]) if scored else {}


if __name__ == "__main__":
    print(run())
