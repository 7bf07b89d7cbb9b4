"""MEANTIME (English Wikinews): value accuracy of DATE expressions given the gold spans.

Reads ../shared/external/meantime-en/ at run time. Each article's tokens are joined back into text
(offsets kept); for every gold DATE TIMEX3 the normaliser's value is taken (a) in context: the
expression `find_timexes` finds over the gold span in the whole article, falling back to the span
alone, and (b) from the span text alone. Both use the document creation time as publication date;
(a) resolves references back ("the day", "the same period last year") with `anaphora=True`, as
MEANTIME annotates them against the time told before.
"""
from __future__ import annotations

import datetime as dt
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from detente.temporal import find_timexes, normalise  # noqa: E402

DATA = ROOT / ".." / "shared" / "external" / "meantime-en"
REL = "../shared/external/meantime-en"


def _dct(value: str | None) -> dt.date | None:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime((value or "")[:10], fmt).date()
        except ValueError:
            continue
    return None


def load_doc(path: Path) -> tuple[str, dt.date | None, list[dict]]:
    """(article text rebuilt from tokens, creation date, gold TIMEX3s with character offsets)."""
    root = ET.parse(path).getroot()
    pieces: list[str] = []
    offs: dict[str, tuple[int, int]] = {}
    n, last_sent = 0, None
    for tok in root.iter("token"):
        sep = "" if not pieces else ("\n" if tok.get("sentence") != last_sent else " ")
        pieces.append(sep)
        n += len(sep)
        w = tok.text or ""
        offs[tok.get("t_id")] = (n, n + len(w))
        pieces.append(w)
        n += len(w)
        last_sent = tok.get("sentence")
    text = "".join(pieces)
    dct = None
    gold = []
    for tx in root.iter("TIMEX3"):
        ids = [a.get("t_id") for a in tx.findall("token_anchor")]
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = _dct(tx.get("value"))
            continue
        if not ids:
            continue
        s, e = offs[ids[0]][0], offs[ids[-1]][1]
        gold.append({"start": s, "end": e, "type": tx.get("type"), "value": tx.get("value"),
                     "text": text[s:e]})
    return text, dct, gold


def run(verbose: bool = False) -> dict[str, float]:
    """Print a table and return the figures; {} when the data set is absent."""
    folder = DATA / "intra_cross-doc_annotation"
    files = sorted(folder.glob("*/*.xml")) if folder.is_dir() else []
    if not files:
        print(f"skipped: {REL} not found")
        return {}
    total = ok_ctx = ok_span = found = 0
    per_kind: Counter = Counter()
    per_kind_ok: Counter = Counter()
    misses: list[str] = []
    for f in files:
        text, dct, gold = load_doc(f)
        if dct is None:
            continue
        ours = find_timexes(text, dct, anaphora=True)
        for g in gold:
            if g["type"] != "DATE":
                continue
            total += 1
            over = [t for t in ours if t.start < g["end"] and g["start"] < t.end]
            alone = normalise(g["text"], dct)
            ctx_val = over[0].value if over else (alone.value if alone else None)
            found += bool(over)
            kind = "anchored" if g["value"][:1].isdigit() else "other"
            per_kind[kind] += 1
            if ctx_val == g["value"]:
                ok_ctx += 1
                per_kind_ok[kind] += 1
            elif verbose:
                misses.append(f"  {f.stem[:40]} dct={dct} {g['text']!r}: gold {g['value']} got {ctx_val}")
            ok_span += bool(alone and alone.value == g["value"])
    res = {"value_accuracy": ok_ctx / max(total, 1), "value_accuracy_span_only": ok_span / max(total, 1),
           "span_found": found / max(total, 1)}
    print(f"MEANTIME English: {len(files)} documents, {total} gold DATE expressions")
    print(f"{'measure':34}{'value':>8}")
    print(f"{'value accuracy (in context)':34}{res['value_accuracy']:8.3f}   (target 0.85)")
    print(f"{'value accuracy (span text alone)':34}{res['value_accuracy_span_only']:8.3f}")
    print(f"{'gold span found by the finder':34}{res['span_found']:8.3f}")
    for k in sorted(per_kind):
        print(f"  {k:32}{per_kind_ok[k] / per_kind[k]:8.3f}  ({per_kind[k]} gold)")
    if verbose:
        print("\n".join(misses))
    return res


if __name__ == "__main__":
    run(verbose="-v" in sys.argv)
