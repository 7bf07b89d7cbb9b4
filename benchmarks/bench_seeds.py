"""Quality on the seed articles: ingest ../shared/seeds into a fresh store, export, score with ../shared/eval."""
from __future__ import annotations

from pathlib import Path

from corpus_score import corpus_figures, score_corpus, share

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def run() -> dict:
    seeds, evaldir = SHARED / "seeds", SHARED / "eval"
    if not seeds.is_dir():
        print(f"skipped: {seeds} not found")
        return {}
    scored = score_corpus([str(seeds)], evaldir / "seeds-gold.jsonl", evaldir / "seeds-non-events.jsonl")
    if not scored:
        return {}
    report, scores = scored
    print(f"{len(report.added)} articles, {report.mentions} mentions, {len(report.skipped)} skipped")
    return {**corpus_figures(scores), "f1": scores["f1"], "quantity_exact": share(scores["quantity_exact"]),
            "mention_recall": scores["mention_recall"]}


if __name__ == "__main__":
    print(run())
