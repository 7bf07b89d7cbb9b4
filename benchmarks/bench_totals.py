"""Totals an analyst can quote, on real multi-outlet corpora that carry a hand-coded `totals.json`.

For each corpus (benchmarks/data/*/totals.json, coded by hand before detente's ledger or conflicts ran on it):
ingest it, read the ledger of its dyad and the store's conflicts, and compare with what a careful analyst
states from the same articles:
- rounds_exact: share of sides whose number of release rounds (`release_rounds`) equals the analyst's
  (each release counted once, however many outlets told it; a side that released nobody has 0 rounds, so a
  demand for a release or "released footage" counted as a release fails it);
- people_covered: share of sides whose released-people range (at least .. at most) holds the analyst's
  figure; people_exact: share where it is exactly the analyst's range;
- disagreements_found: share of the analyst's disagreements between outlets on figures (`figure_disagreements`:
  counts, rates, sums) that `conflicts` lists with at least two of the disagreeing values (one with fewer than
  two numbers is not scored); dates_found: the same for `kind: date` disagreements (the day of one act, two
  ISO days at least);
- false_pairings: share of the analyst's `not_in_conflict` pairs (two figures about different things: the
  two sides' dead, killed and wounded, two countries' tariffs) that `conflicts` lists as one disagreement
  (lower is better);
- conflicts_precision: share of the figure, count and date conflicts listed that are a disagreement the
  analyst lists (at least two of its values).
Each figure is given for all corpora pooled (`all.`) and per corpus (`real4.` ...).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
_ISO = re.compile(r"\d{4}-\d\d-\d\d$")


def _norm(v):
    """A figure as the bench compares it: a float for a number, an ISO string for a day, else None."""
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()[:10]
    if isinstance(v, str) and _ISO.match(v):
        return v
    return None


def _values(values) -> set:
    return {n for n in (_norm(v) for v in values) if n is not None}


def _corpus(folder: Path, truth: dict) -> dict[str, list[float]]:
    import detente
    from detente.conflicts import conflicts
    from detente.ledger import ledger

    out: dict[str, list[float]] = {"rounds_exact": [], "people_covered": [], "people_exact": [],
                                   "disagreements_found": [], "dates_found": [], "false_pairings": [],
                                   "conflicts_precision": []}
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "corpus.duckdb")
        detente.ingest([str(folder / "manifest.jsonl")], db)
        led = ledger(db, truth["dyad"])
        found = conflicts(db, truth["dyad"])
    for side, want in truth["releases"].items():
        t = led.totals[side]
        rounds = t["release_rounds"]
        low, high = t["people_released"], t["people_released_high"]
        out["rounds_exact"].append(float(rounds == want["rounds"]))
        covered = low <= want["people_low"] and (high is None or (want["people_high"] is not None
                                                                    and want["people_high"] <= high))
        out["people_covered"].append(float(covered))
        out["people_exact"].append(float((low, high) == (want["people_low"], want["people_high"])))
        print(f"{folder.name} {side}: {rounds} release(s) (analyst {want['rounds']}), people {t['people_released_text']}"
              f" (analyst {want['people_low']}..{want['people_high']})")
    listed = [c for c in found if c.kind in ("figure", "count", "date")]
    listed_values = [_values(r.value for r in c.claims) for c in listed]
    wanted = []
    for d in truth.get("figure_disagreements", []):
        values = _values(d["values"])
        if len(values) < 2:
            print(f"{folder.name} disagreement {d['what']}: not scored (fewer than two figures)")
            continue
        wanted.append(values)
        hit = any(len(values & got) >= 2 for got in listed_values)
        out["dates_found" if d.get("kind") == "date" else "disagreements_found"].append(float(hit))
        print(f"{folder.name} disagreement {d['what']}: {sorted(values, key=str)} {'found' if hit else 'MISSED'}")
    for p in truth.get("not_in_conflict", []):
        values = _values(p["values"])
        if len(values) < 2:
            continue
        paired = any(values <= got for got in listed_values)
        out["false_pairings"].append(float(paired))
        if paired:
            print(f"{folder.name} FALSE PAIRING {p['what']}: {sorted(values, key=str)}")
    for c, got in zip(listed, listed_values):
        ok = any(len(w & got) >= 2 for w in wanted)
        out["conflicts_precision"].append(float(ok))
        if not ok:
            print(f"{folder.name} conflict not an analyst's: {c.kind} {c.subject}: "
                  + "; ".join(f"{r.figure} ({r.doc_name})" for r in c.claims)[:300])
    return out


def run() -> dict[str, float]:
    tallies: dict[str, list[float]] = {}
    for truth_file in sorted(DATA.glob("*/totals.json"), key=lambda p: (len(p.parent.name), p.parent.name)):
        name = truth_file.parent.name
        for k, v in _corpus(truth_file.parent, json.loads(truth_file.read_text(encoding="utf-8"))).items():
            tallies.setdefault(f"all.{k}", []).extend(v)
            tallies.setdefault(f"{name}.{k}", []).extend(v)
    return {k: round(sum(v) / len(v), 3) for k, v in tallies.items() if v}


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:40} {value}")
