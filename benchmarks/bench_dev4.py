"""Quality on the dev4 corpus (United States–Venezuela, 2023–2024) against its hand-coded gold.

Another story and country pair besides the seeds and the demo (both U.S.–Belarus) and dev2: our own prose about
public events, scored by the same scorer (../shared/eval/score.py). See data/dev4/README.md; not to be
tuned on sentence by sentence.
"""
from __future__ import annotations

from pathlib import Path

from corpus_score import corpus_figures, score_corpus

DATA = Path(__file__).resolve().parent / "data" / "dev4"


def run() -> dict:
    # The manifest, not the folder: gold.jsonl and non-events.jsonl would be read as manifests too.
    scored = score_corpus([str(DATA / "manifest.jsonl")], DATA / "gold.jsonl", DATA / "non-events.jsonl")
    return corpus_figures(scored[1]) if scored else {}


if __name__ == "__main__":
    print(run())
