"""Quality on the real5 corpus (Azerbaijan–Russia row, June 2025) against its hand-coded gold.

REAL articles from several outlets (excerpts as stored, with their source URLs in data/real5/README.md; undated
pages, wire copies and reprints among them), hand-coded before detente was first run on them. A measure of
generality: fix mechanisms it shows, never its sentences.
"""
from __future__ import annotations

from pathlib import Path

from corpus_score import corpus_figures, score_corpus

DATA = Path(__file__).resolve().parent / "data" / "real5"


def run() -> dict:
    scored = score_corpus([str(DATA / "manifest.jsonl")], DATA / "gold.jsonl", DATA / "non-events.jsonl")
    return corpus_figures(scored[1]) if scored else {}


if __name__ == "__main__":
    print(run())
