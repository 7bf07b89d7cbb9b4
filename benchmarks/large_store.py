"""Large stores, for bench_scale: a store of a million events filled by bulk SQL (synthetic rows in the
store's own schema, through DuckDB's `range`, in date order), the answer times of the views a user asks of it
(a dyad, a month, and the whole store: an export's first records and all of it with its peak memory, a
timeline's first page, the trend, the dyads and the conflicts), and the cost of
ingesting one more batch into it against an empty store, with where that cost differs."""
from __future__ import annotations

import io
import json
import time
from pathlib import Path

COUNTRIES = ["USA", "BLR", "RUS", "UKR", "POL", "LTU", "LVA", "DEU", "FRA", "CHN", "TUR", "IRN", "ISR", "EGY",
             "IND", "PAK", "JPN", "KOR", "BRA", "MEX"]
KINDS = [("CONSULT", "visit", "042"), ("CONSULT", "phone", "041"), ("RETREAT", "release", "0841"),
         ("SANCTION", None, "163"), ("ACCUSE", "disapprove", "111"), ("AGREE", None, "036")]
PER_DOC = 10  # events per synthetic document


def pool() -> list[str]:
    """The states documents are about: the twenty of a region (USA-BLR among them) half the time, any state of
    the shipped dictionary the other half, so that a new batch of synthetic articles meets stored events of
    its own dyads and dates (merging has candidates to find), as it would in a store of world coverage."""
    from synthetic import _countries

    world = sorted({c["code"] for c in _countries()} | set(COUNTRIES))
    return COUNTRIES * max(1, len(world) // len(COUNTRIES)) + world


def fill(db: Path, n_events: int) -> None:
    """`n_events` events, one mention each, ten to a document, across the dyads of `pool` and ten years (and
    each document's copy band keys), in one INSERT ... SELECT per table (seconds, where ingesting them would
    take days). Rows go in in date order, as in a store filled by ingesting the news as it is published
    (DuckDB's zone maps then skip the row groups of other years)."""
    from detente.store import Store

    states = pool()
    with Store(db) as store:  # the schema, its indexes included, as detente creates it
        con = store.con
        # each document is about one pair of states, as articles are; who acts alternates
        con.execute("CREATE TEMP TABLE raw AS SELECT i, i // ? AS d,"
                    " ? [1 + (hash(i // ?) % ?)::INTEGER] AS a,"
                    " ? [1 + ((hash(i // ?) % ? + 1 + (hash(i // ? * 7) % (? - 1))) % ?)::INTEGER] AS b,"
                    " (hash(i * 13) % 6)::INTEGER AS k,"
                    " DATE '2015-01-01' + (hash(i // ? * 31) % 3650)::INTEGER AS dday,"
                    " dday - (hash(i) % 20)::INTEGER AS day FROM range(?) t(i)",
                    [PER_DOC, states, PER_DOC, len(states), states, PER_DOC, len(states), PER_DOC, len(states), len(states),
                     PER_DOC, n_events])
        # documents in the order of their dates, ids in that order; a pair that came out one state twice (the
        # pool repeats some) is left out
        con.execute("CREATE TEMP TABLE base AS SELECT i, a, b, k, day,"
                    " 'syn-' || lpad(CAST(d AS VARCHAR), 8, '0') AS doc,"
                    " 'ev-' || lpad(CAST(i AS VARCHAR), 12, '0') AS eid,"
                    " 'm-' || lpad(CAST(i AS VARCHAR), 12, '0') AS mid FROM (SELECT"
                    " row_number() OVER (ORDER BY dday, d, i) - 1 AS i, d, a, b, k, day"
                    " FROM raw WHERE a <> b)")
        con.execute("CREATE TEMP TABLE kinds (k INTEGER, event VARCHAR, mode VARCHAR, cameo VARCHAR)")
        con.executemany("INSERT INTO kinds VALUES (?, ?, ?, ?)", [[i, *kind] for i, kind in enumerate(KINDS)])
        con.execute("BEGIN TRANSACTION")
        con.execute(
            "INSERT INTO documents (id, name, text, words, published_start, published_end, published_source, source_group)"
            " SELECT doc, doc || '.txt', 'Synthetic report ' || doc || ' on relations between states.', 7,"
            " max(day), max(day), 'cli', doc FROM base GROUP BY doc ORDER BY min(i)")
        # each document's LSH band keys, as ingest stores them (a copy look-up reads them: without them the
        # big store hid what a join over all of them cost)
        from detente.syndication import LSH_THRESHOLD, NUM_PERM, band_layout

        con.execute("INSERT INTO copy_bands SELECT doc, b::INTEGER, (hash(doc || '-' || b) >> 2)::BIGINT"
                    " FROM (SELECT doc FROM base GROUP BY doc ORDER BY min(i)), range(?) r(b)",
                    [band_layout(LSH_THRESHOLD, NUM_PERM)[0]])
        ref = "json_array(json_object('code', {c}, 'sector', 'GOV', 'entity_text', {c}, 'actor_id', NULL, 'how', 'dictionary'))"
        con.execute(
            "INSERT INTO mentions SELECT mid, doc, eid, kinds.event, kinds.mode, day, day, json_object("
            " 'doc_id', doc, 'doc_name', doc || '.txt', 'sent_index', (i % ?)::INTEGER,"
            " 'sentence', 'Synthetic sentence ' || i || ' between ' || a || ' and ' || b || '.', 'sent_start', 0,"
            " 'trigger', 'met', 'trigger_start', 0, 'trigger_end', 3, 'event', kinds.event, 'mode', kinds.mode,"
            " 'cameo', kinds.cameo, 'goldstein', 1.0, 'plover_score', 1.0,"
            f" 'actor', {ref.format(c='a')}, 'recipient', {ref.format(c='b')}, 'quantity', NULL,"
            " 'date_start', CAST(day AS VARCHAR), 'date_end', CAST(day AS VARCHAR), 'date_text', '', 'date_how', 'synthetic',"
            " 'rule', 'synthetic', 'confidence', 0.6, 'notes', json_array(), 'citations', json_array(),"
            " 'id', mid, 'event_id', eid), array_to_string(list_sort([a, b]), ',')"
            " FROM base JOIN kinds USING (k) ORDER BY i", [PER_DOC])
        con.execute(
            "INSERT INTO events SELECT eid, kinds.event, kinds.mode, kinds.cameo, 1.0, 1.0,"
            f" {ref.format(c='a')}, {ref.format(c='b')}, a, b, day, day, NULL, NULL, 0.6, 1, 1, current_timestamp"
            " FROM base JOIN kinds USING (k) ORDER BY i")
        con.execute("COMMIT")
        con.execute("CHECKPOINT")


def _timed(label: str, fn) -> float:
    t0 = time.perf_counter()
    out = fn()
    took = time.perf_counter() - t0
    size = len(out) if hasattr(out, "__len__") else out
    print(f"  {label:42} {took:7.2f} s  ({size} rows)", flush=True)
    return took


class _Head(io.StringIO):
    """A stream that takes the first `n` lines of an export and then stops it (how soon a large export
    starts to flow; the rest streams at the same pace)."""

    class Enough(Exception):
        pass

    def __init__(self, n: int):
        super().__init__()
        self.n = n

    def write(self, text: str) -> int:
        self.n -= text.count("\n")
        if self.n <= 0:
            raise _Head.Enough
        return len(text)


def _head(db: str, n: int) -> int:
    import detente

    try:
        detente.export(db, out=_Head(n))
    except _Head.Enough:
        pass
    return n


def views(db: str) -> dict[str, float]:
    """Answer times of the views a user asks of a large store (a dyad, a month, the whole store)."""
    import detente
    from detente.conflicts import conflicts

    times = {
        "timeline_dyad_s": _timed("timeline --dyad USA-BLR", lambda: detente.timeline(db, dyad="USA-BLR")),
        "timeline_month_s": _timed("timeline --since 2020-03-01 --until 2020-03-31",
                                   lambda: detente.timeline(db, since="2020-03-01", until="2020-03-31")),
        "export_dyad_s": _timed("export --dyad USA-BLR (jsonl)",
                                lambda: detente.export(db, dyad="USA-BLR", out=io.StringIO())),
        "export_head_s": _timed("export (whole store, jsonl): first 10,000", lambda: _head(db, 10_000)),
        "ledger_s": _timed("ledger --dyad USA-BLR", lambda: detente.ledger(db, "USA-BLR").entries),
        "trend_s": _timed("trend --dyad USA-BLR --by month", lambda: detente.trend(db, dyad="USA-BLR")),
        "trend_all_s": _timed("trend --by month (whole store)", lambda: detente.trend(db)),
        "dyads_s": _timed("dyads (whole store)", lambda: detente.dyads(db)),
        "report_s": _timed("report --dyad USA-BLR (html)",
                           lambda: detente.report(db, "USA-BLR", str(Path(db).with_suffix(".html")))),
        "conflicts_s": _timed("conflicts --dyad USA-BLR", lambda: conflicts(db, "USA-BLR")),
        "timeline_page_s": _timed("timeline (whole store, table): first 1,000 and the count", lambda: _page(db)),
        # a store filled before claims were kept at ingest finds them once (the synthetic one has none kept)
        "conflicts_all_fill_s": _timed("conflicts (whole store), claims found once", lambda: conflicts(db)),
        "conflicts_all_s": min(_timed("conflicts (whole store), claims kept", lambda: conflicts(db)) for _ in range(2)),
    }
    return times


def _page(db: str) -> int:
    """What `detente timeline` shows of a whole store as a table: a page of events, and how many more."""
    import itertools

    import detente

    stream = detente.iter_timeline(db)
    page = list(itertools.islice(stream, 1000))
    stream.close()
    return len(page) + detente.count_timeline(db) - len(page)


EXPORT = """
import os, sys, time
import detente
seen = []  # (records written, RSS in MB) at each tenth
def progress(done, total):
    if total and (not seen or done >= seen[-1][0] + total // 10 or done == total):
        seen.append((done, int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20))
t0, c0 = time.perf_counter(), time.process_time()
with open(os.devnull, "w") as f:
    n = detente.export(sys.argv[1], out=f, progress=progress)
# the reference: the most memory held over the first half (a single reading a quarter of the way moved from 0.99
# to 1.28 of the end between two runs of the same code, as the OS reclaimed pages under load); memory that
# grows with the records written still ends well above it
quarter = max(rss for done, rss in seen if done <= max(n // 2, seen[0][0]))
# the peak of this process's own memory: VmHWM (getrusage's ru_maxrss of a child started by a large parent
# counts the parent's RSS at the fork; that was the 1.6 GB the benchmark once showed)
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(n, time.perf_counter() - t0, time.process_time() - c0, hwm / 1024, seen[-1][1] / quarter)
"""


def export_all(db: str) -> dict[str, float]:
    """The whole store exported (JSON Lines) end to end, in a process of its own so that its peak memory
    is its own: DuckDB writes the plain records (export_sql.py) a page of months at a time, so memory stays
    bounded however large the store (its RSS at the end over the most it held in the first half: about 1)."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", EXPORT, db], capture_output=True, text=True, check=True)
    n, took, cpu, rss, growth = run.stdout.split()[-5:]
    print(f"  {'export (whole store, jsonl), end to end':42} {float(took):7.2f} s  ({n} records), {float(cpu):.1f} CPU s,"
          f" peak RSS {float(rss):.0f} MB, RSS at the end / most in the first half {float(growth):.2f}", flush=True)
    return {"export_all_s": float(took), "export_all_cpu_s": float(cpu), "export_all_rss_mb": float(rss),
            "export_all_rss_growth": float(growth)}


INGEST = """
import os, sys, time
import detente
seen = []
def on_item(name, status):
    seen.append(int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20)
c0 = time.process_time()
detente.ingest([sys.argv[2]], sys.argv[1], workers=1, on_item=on_item)
print(len(seen), time.process_time() - c0, seen[len(seen) // 4], max(seen[len(seen) // 4:]))
"""


def ingest_memory(tmp: Path, big: Path, articles: int = 400) -> dict[str, float]:
    """A long ingest into a copy of the big store, in a process of its own: its RSS at the end of the run over
    its RSS a quarter of the way (a store of a million events is read by every batch's lookups, and DuckDB
    kept what they read cached: `Store.trimmed_cache` cuts that cache back after each write batch)."""
    import shutil
    import subprocess
    import sys

    from synthetic import write_manifest

    corpus = tmp / "long.jsonl"
    write_manifest(corpus, articles, seed=9)
    db = tmp / "long.duckdb"
    shutil.copy(big, db)
    run = subprocess.run([sys.executable, "-c", INGEST, str(db), str(corpus)], capture_output=True, text=True, check=True)
    n, cpu, quarter, peak = run.stdout.split()[-4:]
    for f in tmp.glob("long.duckdb*"):
        f.unlink()
    growth = float(peak) / float(quarter)
    print(f"  {n} articles into the big store: {float(cpu):.1f} CPU s, RSS {float(quarter):.0f} MB a quarter of the way,"
          f" at most {float(peak):.0f} MB after: {growth:.3f}", flush=True)
    return {"large_ingest_rss_growth": round(growth, 3)}


TEMPLATED = 12_000  # synthetic articles in the store of templated coverage (the size where the cost was measured)


def fill_texts(db: Path, n: int = TEMPLATED, seed: int = 11) -> None:
    """`n` synthetic articles stored as ingest stores them for copy detection (text, publication day, shingle
    hashes and LSH band keys; each its own copy group), without their events: the big store's documents are one
    line each, which no new article resembles, where the synthetic articles share template sentences, so that
    LSH proposes about a third of them as copies of each new one (the exact test rejects nearly all). A store of
    12,000 ingested ones made 200 more articles cost 200 CPU s against 7 in an empty store when each candidate
    was shingled again; this measures the copy look-ups and comparisons alone, in seconds to build."""
    import datetime as dt

    from detente.store import Store
    from detente.syndication import StoredCopies, pack
    from synthetic import articles

    with Store(db) as store:
        copies = StoredCopies(store)
        docs, bands = [], []
        for rec in articles(n, seed):
            hashes, keys = copies.band_keys(rec["text"])
            day = dt.date.fromisoformat(rec["published"]) if "published" in rec else None
            docs.append([rec["id"], rec["id"] + ".txt", rec["text"], len(rec["text"].split()), day, day,
                         "manifest" if day else "none", rec["id"], pack(hashes)])
            bands += [[rec["id"], b, k] for b, k in keys]
        store._insert("documents (id, name, text, words, published_start, published_end, published_source,"
                      " source_group, shingles)", docs)
        store._insert("copy_bands", bands)


def incremental(tmp: Path, big: Path, articles: int = 32, repeats: int = 3) -> dict[str, float]:
    """One more batch of synthetic articles into an empty store, into a copy of the big one and into a copy of a
    store of templated articles (`fill_texts`), in turn, best of `repeats` each (the machine is shared: a busy
    moment hits one run, not every run of one side)."""
    import shutil

    import detente
    from synthetic import write_manifest

    batch = tmp / "batch.jsonl"
    write_manifest(batch, articles, seed=5)
    templated = tmp / "templated.duckdb"
    for f in tmp.glob("templated.duckdb*"):
        f.unlink()
    t0 = time.process_time()
    fill_texts(templated)
    print(f"  a store of {TEMPLATED} templated synthetic articles' documents built in {time.process_time() - t0:.1f} CPU s",
          flush=True)
    detente.ingest([str(batch)], str(tmp / "warm-batch.duckdb"), workers=1)  # model and caches loaded
    took = {"empty": float("inf"), "big": float("inf"), "templated": float("inf")}
    for i in range(repeats):
        for name in took:
            db = tmp / f"{name}-{i}.duckdb"
            if name != "empty":
                shutil.copy(big if name == "big" else templated, db)
            # CPU seconds of this process (its parsing thread included): the machine is shared, and wall time
            # measured the load as much as the store
            t0 = time.process_time()
            detente.ingest([str(batch)], str(db), workers=1)
            took[name] = min(took[name], time.process_time() - t0)
            for f in tmp.glob(f"{name}-{i}.duckdb*"):
                f.unlink()
    ratio, templated_ratio = took["big"] / took["empty"], took["templated"] / took["empty"]
    print(f"  {articles} more articles: {took['empty']:.2f} CPU s into an empty store, {took['big']:.2f} CPU s into the"
          f" big one (best of {repeats}, alternating): ratio {ratio:.2f} (the goal is 1.0); {took['templated']:.2f} CPU s"
          f" into the store of templated articles: ratio {templated_ratio:.2f}")
    _where_it_goes(tmp, big, batch)
    _where_it_goes(tmp, templated, batch)
    return {"large_incremental_ratio": round(ratio, 3), "templated_incremental_ratio": round(templated_ratio, 3)}


def _where_it_goes(tmp: Path, big: Path, batch: Path, top: int = 6) -> None:
    """One more run of each side under cProfile: the store and merge functions whose cumulative CPU time differs
    most between the big store and the empty one (what a large store still costs per batch)."""
    import cProfile
    import pstats
    import shutil

    import detente

    cum: dict[str, dict[str, float]] = {}
    for name in ("empty", "big"):  # "big": a copy of `big`, whichever store it is
        db = tmp / f"{name}-profiled.duckdb"
        if name == "big":
            shutil.copy(big, db)
        prof = cProfile.Profile(time.process_time)  # CPU seconds, as the ratio
        prof.runcall(detente.ingest, [str(batch)], str(db), workers=1)
        for (file, line, func), (_, _, _, ct, _) in pstats.Stats(prof).stats.items():
            if file.endswith(("/store.py", "/merge.py", "/pipeline.py", "/syndication.py", "/batch_write.py",
                              "/retold.py", "/claims_cache.py")):
                cum.setdefault(f"{Path(file).name}:{func}", {})[name] = ct
        for f in tmp.glob(f"{name}-profiled.duckdb*"):
            f.unlink()
    diff = sorted(cum.items(), key=lambda kv: -abs(kv[1].get("big", 0) - kv[1].get("empty", 0)))[:top]
    print(f"  where {big.stem} differs (cProfile, cumulative CPU seconds, empty -> {big.stem}):")
    for fn, t in diff:
        print(f"    {fn:40} {t.get('empty', 0):6.2f} -> {t.get('big', 0):6.2f}")


def measure(tmp: Path, n_events: int) -> dict:
    db = tmp / "large.duckdb"
    t0 = time.perf_counter()
    fill(db, n_events)
    size = sum(p.stat().st_size for p in tmp.glob("large.duckdb*")) / 2**20
    print(f"a store of {n_events} events (less the pairs of one state) filled by SQL in {time.perf_counter() - t0:.1f} s ({size:.0f} MB); "
          f"answer times:", flush=True)
    out = views(str(db))
    # the claims of an old store are found once, not each time: a ceiling of its own
    out["slowest_view_s"] = round(max(v for k, v in out.items() if k != "conflicts_all_fill_s"), 2)  # (the export of all apart)
    out.update(export_all(str(db)))
    out = {k: round(v, 2) for k, v in out.items()}
    out.update(incremental(tmp, db))
    out.update(ingest_memory(tmp, db))
    return out


if __name__ == "__main__":
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        print(json.dumps(measure(Path(d), int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)))
