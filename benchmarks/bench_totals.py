"""Totals an analyst can quote, on real multi-outlet corpora that carry a hand-coded `totals.json`.

For each corpus (benchmarks/data/*/totals.json): ingest it, read the ledger of its dyad and the store's
conflicts, and compare with what a careful analyst states from the same articles:
- rounds_exact: share of sides whose number of release events equals the analyst's number of rounds
  (each release counted once, however many outlets told it);
- people_covered: share of sides whose released-people range (at least .. at most) holds the analyst's
  figure; people_exact: share where it is exactly the analyst's range;
- disagreements_found: share of the analyst's numeric disagreements between outlets that `conflicts`
  lists with at least two of the disagreeing values.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _corpus(folder: Path, truth: dict) -> dict[str, list[float]]:
    import detente
    from detente.conflicts import conflicts
    from detente.ledger import ledger

    out: dict[str, list[float]] = {"rounds_exact": [], "people_covered": [], "people_exact": [],
                                   "disagreements_found": []}
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "corpus.duckdb")
        detente.ingest([str(folder / "manifest.jsonl")], db)
        led = ledger(db, truth["dyad"])
        found = conflicts(db, truth["dyad"])
    for side, want in truth["releases"].items():
        t = led.totals[side]
        rounds = t["releases"]
        low, high = t["people_released"], t["people_released_high"]
        out["rounds_exact"].append(float(rounds == want["rounds"]))
        covered = low <= want["people_low"] and (high is None or (want["people_high"] is not None
                                                                    and want["people_high"] <= high))
        out["people_covered"].append(float(covered))
        out["people_exact"].append(float((low, high) == (want["people_low"], want["people_high"])))
        print(f"{folder.name} {side}: {rounds} release(s) (analyst {want['rounds']}), people {t['people_released_text']}"
              f" (analyst {want['people_low']}..{want['people_high']})")
    for d in truth.get("figure_disagreements", []):
        values = {float(v) for v in d["values"] if isinstance(v, (int, float))}
        if len(values) < 2:
            continue
        hit = any(len(values & {float(r.value) for r in c.claims if isinstance(r.value, (int, float))}) >= 2
                  for c in found)
        out["disagreements_found"].append(float(hit))
        print(f"{folder.name} disagreement {d['what']}: {sorted(values)} {'found' if hit else 'MISSED'}")
    return out


def run() -> dict[str, float]:
    tallies: dict[str, list[float]] = {}
    for truth_file in sorted(DATA.glob("*/totals.json")):
        for k, v in _corpus(truth_file.parent, json.loads(truth_file.read_text(encoding="utf-8"))).items():
            tallies.setdefault(k, []).extend(v)
    return {k: round(sum(v) / len(v), 3) for k, v in tallies.items() if v}


if __name__ == "__main__":
    print(run())
