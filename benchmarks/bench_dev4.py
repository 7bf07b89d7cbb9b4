"""Quality on the dev4 corpus (United States–Venezuela, 2023–2024) against its hand-coded gold.

Another story and country pair besides the seeds and the demo (both U.S.–Belarus) and dev2: our own prose about
public events, scored by the same scorer (../shared/eval/score.py). See data/dev4/README.md; not to be
tuned on sentence by sentence.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
DATA = Path(__file__).resolve().parent / "data" / "dev4"


def run() -> dict:
    if not SCORER.exists():
        print(f"skipped: {SCORER} not found")
        return {}
    import detente

    with tempfile.TemporaryDirectory() as tmp:
        db, export = str(Path(tmp) / "dev4.duckdb"), Path(tmp) / "export.jsonl"
        # The manifest, not the folder: gold.jsonl and non-events.jsonl would be read as manifests too.
        detente.ingest([str(DATA / "manifest.jsonl")], db)
        detente.export(db, format="jsonl", out=str(export))
        cmd = [sys.executable, str(SCORER), str(export), str(DATA / "gold.jsonl"),
               "--non-events", str(DATA / "non-events.jsonl")]
        print(subprocess.run(cmd + ["--show"], capture_output=True, text=True).stdout)
        scores = json.loads(subprocess.run(cmd + ["--json"], capture_output=True, text=True, check=True).stdout)
    date_ok, date_n = (int(x) for x in scores["date_exact"].split("/"))
    return {"recall": scores["recall"], "precision": scores["precision"], "duplicates": scores["duplicates"],
            "non_events_extracted": int(scores["non_events_extracted"].split("/")[0]),
            "date_exact": round(date_ok / date_n, 3) if date_n else 0.0}


if __name__ == "__main__":
    print(run())
