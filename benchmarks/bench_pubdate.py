"""Publication dates inferred on undated copies of the demo and development corpora.

Each corpus is ingested again with the manifest's `published` dates removed (datelines in the texts stay:
they are what a scraped copy keeps), so the publication stage must infer them from the text and the actor
dictionary. Figures: the share of stripped articles whose inferred interval holds the true day (honesty:
an interval that misses it misdates every relative date), the share dated to the exact day, how many got an interval that misses the true day and how many
could not be dated at all, the median
width of the intervals, mentions dated after the true publication day of an article telling them, and the
scorer's recall and date_exact on each stripped corpus (compare with the
figures of bench_demo/bench_dev2/bench_dev3, which keep the dates).
"""
from __future__ import annotations

import datetime as dt
import json
import statistics
import tempfile
from pathlib import Path

from corpus_score import score_corpus, share

HERE = Path(__file__).resolve().parent
REPRINT_DAYS = 7  # a reprint dated by its original counts as right when it ran within a week of it


def corpora() -> dict[str, tuple[Path, Path, Path]]:
    import detente

    demo = Path(detente.demo_corpus())  # the demo's manifest
    return {"demo": (demo, HERE.parent / "tests" / "data" / "demo-gold.jsonl",
                     HERE.parent / "tests" / "data" / "demo-non-events.jsonl"),
            **{name: (HERE / "data" / name / "manifest.jsonl", HERE / "data" / name / "gold.jsonl",
                      HERE / "data" / name / "non-events.jsonl") for name in ("dev2", "dev3", "real1", "real2", "real3", "real4")}}


def run() -> dict:
    from detente.store import Store

    figures: dict[str, float] = {}
    held, exact, widths, total, events_late, wrong, undated = 0, 0, [], 0, 0, 0, 0
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
            late: list[str] = []

            def read(db: str) -> None:
                import detente

                with Store(db, read_only=True) as s:
                    for d in s.documents():
                        found[d.name] = (d.published_start, d.published_end, d.published_source, d.published_note)
                for e in detente.timeline(db):  # a mention dated after the true day of its article
                    for m in e.mentions:
                        if m.doc_name in truth and m.date_start is not None and str(m.date_start) > truth[m.doc_name]:
                            late.append(f"{m.event} {m.date_start} in {m.doc_name}: {m.sentence[:80]}")

            scored = score_corpus([str(stripped)], gold, non_events, on_db=read)
        if not scored:
            return {}
        _, scores = scored
        figures[f"{name}_recall"] = scores["recall"]
        figures[f"{name}_date_exact"] = share(scores["date_exact"])
        events_late += len(late)
        for line in late:
            print(f"{name:5} mention dated after its article's true day: {line}")
        for doc, day in sorted(truth.items()):
            lo, hi, source, note = found.get(doc, (None, None, "missing", ""))
            total += 1
            ok = lo is not None and hi is not None and str(lo) <= day <= str(hi)
            if source == "syndicated" and lo is not None:  # the copy's words were written that day; it may run later
                ok = str(lo) <= day <= str(lo + dt.timedelta(days=REPRINT_DAYS))
            held += ok
            wrong += lo is not None and not ok
            undated += lo is None
            exact += ok and lo == hi
            if lo is not None and hi is not None:
                widths.append((hi - lo).days + 1)
            print(f"{name:5} {doc:55} true {day}  inferred {lo}..{hi} ({source}) {'ok' if ok else 'MISSES'}")
            print(f"      {note[:300]}")
    figures["interval_holds_true_day"] = round(held / total, 3) if total else 0.0
    figures["exact_day"] = round(exact / total, 3) if total else 0.0
    figures["median_width_days"] = statistics.median(widths) if widths else 0
    figures["undated_articles"] = total
    figures["dated_wrongly"] = wrong  # an interval that misses the true day: the failure that misdates events
    figures["not_dated"] = undated  # nothing in the article dates it, and it says so
    figures["mentions_after_true_publication"] = events_late
    return figures


if __name__ == "__main__":
    print(run())
