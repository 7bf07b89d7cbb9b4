"""Quality on the seed articles: ingest ../shared/seeds into a fresh store, export, score with ../shared/eval."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def run() -> dict:
    seeds, evaldir = SHARED / "seeds", SHARED / "eval"
    if not seeds.is_dir() or not (evaldir / "score.py").exists():
        print(f"skipped: {seeds} not found")
        return {}
    import detente

    with tempfile.TemporaryDirectory() as tmp:
        db, export = str(Path(tmp) / "seeds.duckdb"), Path(tmp) / "export.jsonl"
        report = detente.ingest([str(seeds)], db)
        print(f"{len(report.added)} articles, {report.mentions} mentions, {len(report.skipped)} skipped")
        detente.export(db, format="jsonl", out=str(export))
        cmd = [sys.executable, str(evaldir / "score.py"), str(export), str(evaldir / "seeds-gold.jsonl"),
               "--non-events", str(evaldir / "seeds-non-events.jsonl")]
        print(subprocess.run(cmd + ["--show"], capture_output=True, text=True).stdout)
        scores = json.loads(subprocess.run(cmd + ["--json"], capture_output=True, text=True, check=True).stdout)
    non_events = int(scores["non_events_extracted"].split("/")[0])
    date_ok, date_n = (int(x) for x in scores["date_exact"].split("/"))
    q_ok, q_n = (int(x) for x in scores["quantity_exact"].split("/"))
    return {"recall": scores["recall"], "precision": scores["precision"], "f1": scores["f1"],
            "duplicates": scores["duplicates"], "non_events_extracted": non_events,
            "date_exact": round(date_ok / date_n, 3) if date_n else 0.0,
            "quantity_exact": round(q_ok / q_n, 3) if q_n else 0.0, "mention_recall": scores["mention_recall"]}


if __name__ == "__main__":
    print(run())
