"""Quality on the bundled demo corpus against its hand-coded gold (tests/data/demo-gold.jsonl).

The demo articles were written by the team, not tuned on: a second, independent check of the coder,
scored by the same scorer as the seeds (../shared/eval/score.py).
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
DATA = ROOT / "tests" / "data"


def run() -> dict:
    if not SCORER.exists():
        print(f"skipped: {SCORER} not found")
        return {}
    import detente

    with tempfile.TemporaryDirectory() as tmp:
        db, export = str(Path(tmp) / "demo.duckdb"), Path(tmp) / "export.jsonl"
        detente.ingest([str(detente.demo_corpus())], db)
        detente.export(db, format="jsonl", out=str(export))
        cmd = [sys.executable, str(SCORER), str(export), str(DATA / "demo-gold.jsonl"),
               "--non-events", str(DATA / "demo-non-events.jsonl")]
        print(subprocess.run(cmd + ["--show"], capture_output=True, text=True).stdout)
        scores = json.loads(subprocess.run(cmd + ["--json"], capture_output=True, text=True, check=True).stdout)
    date_ok, date_n = (int(x) for x in scores["date_exact"].split("/"))
    return {"recall": scores["recall"], "precision": scores["precision"], "duplicates": scores["duplicates"],
            "non_events_extracted": int(scores["non_events_extracted"].split("/")[0]),
            "date_exact": round(date_ok / date_n, 3) if date_n else 0.0}


if __name__ == "__main__":
    print(run())
