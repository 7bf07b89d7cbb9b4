"""Speed: a full ingest (read, parse, code, date, merge, store) against bare spaCy `nlp.pipe`.

The corpus is the bundled demo articles plus ../shared/seeds when present, each repeated with a
copy number so that every copy is a distinct document. Both runs use the same spaCy components
on the same texts in one process, after a warm-up, so the ratio is the cost of everything detente
adds to parsing.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
COPIES = 6


def corpus(folder: Path) -> list[Path]:
    from detente.api import demo_corpus
    from detente.ingest import iter_documents
    from detente.model import Document

    sources = [str(demo_corpus())] + ([str(SHARED / "seeds")] if (SHARED / "seeds").is_dir() else [])
    texts = [d.text for d in iter_documents(sources) if isinstance(d, Document)]
    paths = []
    for copy in range(COPIES):
        for i, text in enumerate(texts):
            p = folder / f"c{copy:02d}_{i:03d}.txt"
            p.write_text(f"{text}\n\n(Copy {copy}.)\n", encoding="utf-8")
            paths.append(p)
    return paths


def run() -> dict:
    import detente
    from detente.parse import get_nlp

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        paths = corpus(folder)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        words = sum(len(t.split()) for t in texts)
        nlp = get_nlp()
        for _ in nlp.pipe(texts[:4]):  # warm-up
            pass
        detente.ingest([str(paths[0])], str(Path(tmp) / "warm.duckdb"))
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=8):
            pass
        bare = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = detente.ingest([str(folder)], str(Path(tmp) / "speed.duckdb"))
        full = time.perf_counter() - t0
    n = len(report.added)
    print(f"{n} articles, {words} words")
    print(f"bare spaCy nlp.pipe: {bare:.2f} s; full detente ingest: {full:.2f} s")
    print(f"articles/s {n / full:.2f}; words/s {words / full:.0f}; ratio to bare spaCy {full / bare:.2f} (target <= 1.3)")
    return {"articles_per_s": round(n / full, 2), "words_per_s": round(words / full),
            "ratio_to_spacy": round(full / bare, 3)}


if __name__ == "__main__":
    print(run())
