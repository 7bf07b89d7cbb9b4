"""Article-level quality, shared by the seed, demo and development-corpus benchmarks: ingest a corpus into a
fresh store, export it as PLOVER JSONL and score it with the shared scorer (../shared/eval/score.py)."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

SCORER = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "score.py"


def share(text: str) -> float:
    """ "9/10" -> 0.9 (0.0 when nothing was counted)."""
    ok, n = (int(x) for x in text.split("/"))
    return round(ok / n, 3) if n else 0.0


def score_corpus(sources: list[str], gold: Path, non_events: Path, on_db=None) -> tuple[object, dict] | None:
    """(the ingest report, the scorer's figures), printing the scorer's listing of misses; None (with a
    note) when ../shared is not beside the checkout. `on_db(path)` may read the store before it is removed."""
    if not SCORER.exists():
        print(f"skipped: {SCORER} not found")
        return None
    import detente

    with tempfile.TemporaryDirectory() as tmp:
        db, export = str(Path(tmp) / "corpus.duckdb"), Path(tmp) / "export.jsonl"
        report = detente.ingest(sources, db, allow_outside=True)  # our own manifests (pubdate writes one elsewhere)
        if on_db is not None:
            on_db(db)
        detente.export(db, format="jsonl", out=str(export))
        cmd = [sys.executable, str(SCORER), str(export), str(gold), "--non-events", str(non_events)]
        print(subprocess.run(cmd + ["--show"], capture_output=True, text=True).stdout)
        scores = json.loads(subprocess.run(cmd + ["--json"], capture_output=True, text=True, check=True).stdout)
    return report, scores


def corpus_figures(scores: dict) -> dict:
    """The figures with floors for a corpus: recall, precision, duplicates, non-events, exact dates."""
    return {"recall": scores["recall"], "precision": scores["precision"], "duplicates": scores["duplicates"],
            "non_events_extracted": int(scores["non_events_extracted"].split("/")[0]),
            "date_exact": share(scores["date_exact"])}
