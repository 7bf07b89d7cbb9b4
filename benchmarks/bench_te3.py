"""TempEval-3 platinum: time-expression extraction and normalisation against published systems.

Reads ../shared/external/te3-platinum/*.tml (TimeML) at run time, strips the tags of each <TEXT>
keeping character offsets, runs `find_timexes` with the document creation time as the publication
date (and `anaphora=True`, as TimeML values references back), and scores relaxed extraction (any overlap) and value F1 (overlap AND equal TIMEX3 value).
Published: HeidelTime 77.6 value F1, SUTime 67.4; relaxed extraction F1 about 90 for both.
"""
from __future__ import annotations

import datetime as dt
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from detente.temporal import find_timexes  # noqa: E402

DATA = ROOT / ".." / "shared" / "external" / "te3-platinum"
REL = "../shared/external/te3-platinum"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def load_doc(path: Path) -> tuple[str, dt.date, list[dict]]:
    """(raw text of <TEXT>, document creation date, gold TIMEX3s with offsets into that text)."""
    root = ET.parse(path).getroot()
    dct = None
    for tx in root.iter():
        if _local(tx.tag) == "TIMEX3" and tx.get("functionInDocument") == "CREATION_TIME":
            dct = dt.date.fromisoformat(tx.get("value")[:10])
    text_el = next(el for el in root.iter() if _local(el.tag) == "TEXT")
    parts: list[str] = []
    gold: list[dict] = []
    n = 0

    def walk(el: ET.Element) -> None:
        nonlocal n
        if el.text:
            parts.append(el.text)
            n += len(el.text)
        for ch in el:
            s = n
            walk(ch)
            if _local(ch.tag) == "TIMEX3":
                gold.append({"start": s, "end": n, "type": ch.get("type"), "value": ch.get("value"),
                             "text": "".join(parts)[s:n]})
            if ch.tail:
                parts.append(ch.tail)
                n += len(ch.tail)

    walk(text_el)
    return "".join(parts), dct, gold


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def run(verbose: bool = False) -> dict[str, float]:
    """Print a table and return the figures; {} when the data set is absent."""
    files = sorted(DATA.glob("*.tml")) if DATA.is_dir() else []
    if not files:
        print(f"skipped: {REL} not found")
        return {}
    n_sys = n_gold = sys_hit = gold_hit = sys_val = gold_val = 0
    by_type: Counter = Counter()
    by_type_hit: Counter = Counter()
    by_type_val: Counter = Counter()
    misses: list[str] = []
    for f in files:
        text, dct, gold = load_doc(f)
        found = find_timexes(text, dct, anaphora=True)
        n_sys += len(found)
        n_gold += len(gold)
        for t in found:
            over = [g for g in gold if t.start < g["end"] and g["start"] < t.end]
            sys_hit += bool(over)
            sys_val += any(g["value"] == t.value for g in over)
            if verbose and not over:
                misses.append(f"  FP  {f.stem}: {t.text!r} {t.value}")
        for g in gold:
            over = [t for t in found if t.start < g["end"] and g["start"] < t.end]
            by_type[g["type"]] += 1
            if over:
                gold_hit += 1
                by_type_hit[g["type"]] += 1
            if any(t.value == g["value"] for t in over):
                gold_val += 1
                by_type_val[g["type"]] += 1
            elif verbose:
                got = ", ".join(f"{t.text!r}={t.value}" for t in over) or "-"
                misses.append(f"  MISS {f.stem}: {g['text']!r} {g['type']} {g['value']} got {got}")
    p, r = sys_hit / max(n_sys, 1), gold_hit / max(n_gold, 1)
    vp, vr = sys_val / max(n_sys, 1), gold_val / max(n_gold, 1)
    res = {"relaxed_p": p, "relaxed_r": r, "relaxed_f1": _f1(p, r),
           "value_p": vp, "value_r": vr, "value_f1": _f1(vp, vr)}
    print(f"TE3 platinum: {len(files)} documents, {n_gold} gold TIMEX3, {n_sys} found")
    print(f"{'':10}{'P':>8}{'R':>8}{'F1':>8}")
    print(f"{'relaxed':10}{p:8.3f}{r:8.3f}{res['relaxed_f1']:8.3f}")
    print(f"{'value':10}{vp:8.3f}{vr:8.3f}{res['value_f1']:8.3f}   (HeidelTime 0.776, SUTime 0.674)")
    print(f"{'type':10}{'gold':>8}{'found':>8}{'value ok':>10}")
    for ty in sorted(by_type):
        print(f"{ty:10}{by_type[ty]:8d}{by_type_hit[ty]:8d}{by_type_val[ty]:10d}")
    if verbose:
        print("\n".join(misses))
    return res


if __name__ == "__main__":
    run(verbose="-v" in sys.argv)
