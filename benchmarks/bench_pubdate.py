"""Publication dates inferred on undated copies of the demo and development corpora.

Each corpus is ingested again with the manifest's `published` dates removed (datelines in the texts stay:
they are what a scraped copy keeps), so the publication stage must infer them from the text and the actor
dictionary. Figures: the share of stripped articles whose inferred interval holds the true day (honesty:
an interval that misses it misdates every relative date), the share dated to the exact day, the median
width of the intervals, and the scorer's recall and date_exact on each stripped corpus (compare with the
figures of bench_demo/bench_dev2/bench_dev3, which keep the dates).
"""
from __future__ import annotations

import json
import statistics
import tempfile
from pathlib import Path

from corpus_score import score_corpus, share

HERE = Path(__file__).resolve().parent


def corpora() -> dict[str, tuple[Path, Path, Path]]:
    import detente

    demo = Path(detente.demo_corpus())  # the demo's manifest
    return {"demo": (demo, HERE.parent / "tests" / "data" / "demo-gold.jsonl",
                     HERE.parent / "tests" / "data" / "demo-non-events.jsonl"),
            **{name: (HERE / "data" / name / "manifest.jsonl", HERE / "data" / name / "gold.jsonl",
                      HERE / "data" / name / "non-events.jsonl") for name in ("dev2", "dev3")}}


def run() -> dict:
    from detente.store import Store

    figures: dict[str, float] = {}
    held, exact, widths, total = 0, 0, [], 0
    for name, (manifest, gold, non_events) in corpora().items():
        truth: dict[str, str] = {}
        with tempfile.TemporaryDirectory() as tmp:
            stripped = Path(tmp) / "manifest.jsonl"
            with stripped.open("w", encoding="utf-8") as out:
                for line in manifest.read_text(encoding="utf-8").splitlines():
                    rec = json.loads(line)
                    path = str((manifest.parent / rec["path"]).resolve())
                    if rec.pop("published", None):
                        truth[Path(path).name] = json.loads(line)["published"]
                    rec["path"] = path
                    out.write(json.dumps(rec) + "\n")
            found: dict[str, tuple] = {}

            def read(db: str) -> None:
                with Store(db, read_only=True) as s:
                    for d in s.documents():
                        found[d.name] = (d.published_start, d.published_end, d.published_source, d.published_note)

            scored = score_corpus([str(stripped)], gold, non_events, on_db=read)
        if not scored:
            return {}
        _, scores = scored
        figures[f"{name}_recall"] = scores["recall"]
        figures[f"{name}_date_exact"] = share(scores["date_exact"])
        for doc, day in sorted(truth.items()):
            lo, hi, source, note = found.get(doc, (None, None, "missing", ""))
            total += 1
            ok = lo is not None and hi is not None and str(lo) <= day <= str(hi)
            held += ok
            exact += ok and lo == hi
            if lo is not None and hi is not None:
                widths.append((hi - lo).days + 1)
            print(f"{name:5} {doc:55} true {day}  inferred {lo}..{hi} ({source}) {'ok' if ok else 'MISSES'}")
            print(f"      {note[:300]}")
    figures["interval_holds_true_day"] = round(held / total, 3) if total else 0.0
    figures["exact_day"] = round(exact / total, 3) if total else 0.0
    figures["median_width_days"] = statistics.median(widths) if widths else 0
    figures["undated_articles"] = total
    return figures


if __name__ == "__main__":
    print(run())
