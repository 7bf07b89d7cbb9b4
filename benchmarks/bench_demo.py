"""Quality on the bundled demo corpus against its hand-coded gold (tests/data/demo-gold.jsonl).

The demo articles were written by the team, not tuned on: a second, independent check of the coder,
scored by the same scorer as the seeds (../shared/eval/score.py).
"""
from __future__ import annotations

from pathlib import Path

from corpus_score import corpus_figures, score_corpus

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def run() -> dict:
    import detente

    scored = score_corpus([str(detente.demo_corpus())], DATA / "demo-gold.jsonl", DATA / "demo-non-events.jsonl")
    return corpus_figures(scored[1]) if scored else {}


if __name__ == "__main__":
    print(run())
