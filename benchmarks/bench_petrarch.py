"""The coder on the PETRARCH-2 validation sentences (../shared/external/petrarch2-gsr/petr2_gsr.jsonl).

78 real AFP news sentences with CAMEO silver labels (corrected PETRARCH-2 output): source, target
and event code per event; 12 sentences have no event. Each sentence is coded as its own document.

Figures: `root_agreement` (share of gold events whose CAMEO root, the first two digits, is among the
roots coded for the sentence), `source_agreement` / `target_agreement` (of those, share where a coded
mention with that root has the gold source / target country), `no_event_clean` (share of the no-event
sentences where nothing is coded). Roots 01 (statements) and 02 (appeals) have no PLOVER type, so
the coder never produces them; they count as misses.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from bench_plover import code_matches, code_sentences, gold_rows, norm

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "external" / "petrarch2-gsr" / "petr2_gsr.jsonl"


def country(code: str) -> str | None:
    """The country part of a CAMEO actor code ("USAGOV" -> USA, "IGOUNO" -> IGO, "---LEG" -> None)."""
    c = code[:3]
    return None if c == "---" else norm(c)


def run() -> dict:
    rows = gold_rows(DATA)
    if rows is None:
        return {}
    coded = code_sentences([r["text"] for r in rows])
    n_events = root_ok = src_ok = tgt_ok = src_n = tgt_n = 0
    clean = n_empty = 0
    by_root = Counter()
    hits = Counter()
    for r, mentions in zip(rows, coded):
        if not r["events"]:
            n_empty += 1
            clean += not mentions
            continue
        for e in r["events"]:
            n_events += 1
            root = e["cameo"][:2]
            by_root[root] += 1
            same = [m for m in mentions if m.cameo[:2] == root]
            if not same:
                continue
            root_ok += 1
            hits[root] += 1
            s, t = country(e["source"]), country(e["target"])
            if s:
                src_n += 1
                src_ok += any(code_matches(m.actor, {s}) for m in same)
            if t:
                tgt_n += 1
                tgt_ok += any(code_matches(m.recipient, {t}) for m in same)
    print("CAMEO root: gold events, found")
    for root in sorted(by_root):
        print(f"  {root}  {by_root[root]:>3}  {hits[root]:>3}")
    result = {"root_agreement": round(root_ok / n_events, 3),
              "source_agreement": round(src_ok / src_n, 3) if src_n else 0.0,
              "target_agreement": round(tgt_ok / tgt_n, 3) if tgt_n else 0.0,
              "no_event_clean": round(clean / n_empty, 3) if n_empty else 0.0}
    print(f"{len(rows)} sentences, {n_events} gold events: {result}")
    return result


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    print(run())
