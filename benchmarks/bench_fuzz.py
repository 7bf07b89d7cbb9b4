"""Fuzzing, the long run (tests/test_fuzz.py is the bounded one): thousands of hostile inputs through the
time parser, datelines and publication-date inference, HTML extraction, manifests, the coder on shuffled
and repeated sentences, the actor resolver and every output; plus the time parser's and ingest's growth
with the length of a text of dated sentences, order independence of merging, and a long document.

Figures: inputs tried (floor), crashes, hangs (an input taking over HANG_SECONDS) and inconsistent stores,
all zero; drifting events between one batch, two batches, the reverse order and a recode (zero); the time
of 8x the text over 1x (linear is 8, quadratic 64; ceiling 16)."""
from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

HANG_SECONDS = 20.0
EXAMPLES = {"time_parser": 3000, "publication": 1500, "html_extraction": 300, "manifest": 600,
            "coder": 60, "actor_resolver": 2000, "outputs": 3000}


def _fuzz(name: str, strategy, target, n: int, tally: dict) -> None:
    from hypothesis import HealthCheck, given, settings

    @settings(max_examples=n, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(args):
        t0 = time.perf_counter()
        try:
            target(*args)
        except Exception as e:  # counted, not raised: hypothesis would stop at the first
            tally["crashes"] += 1
            if len(tally["examples"]) < 5:
                tally["examples"].append(f"{name}: {type(e).__name__}: {e} on {args!r}"[:300])
        if time.perf_counter() - t0 > HANG_SECONDS:
            tally["hangs"] += 1
        tally["tried"] += 1

    one()


def _growth() -> float:
    """Ingest time of a text of 8n dated sentences over that of n (the issue's 328 KB file took 230 s)."""
    import detente
    from articles import MONTHS

    rng = random.Random(1)

    def text(n: int) -> str:
        return " ".join(f"On {MONTHS[rng.randrange(12)]} {rng.randint(1, 28)}, {rng.randint(1990, 2025)} the "
                        f"ministers met again, and two days later they signed a note." for _ in range(n))

    times = []
    with tempfile.TemporaryDirectory() as d:
        for n in (500, 4000):  # about 41 KB and 330 KB
            p = Path(d) / f"t{n}.txt"
            p.write_text(text(n), encoding="utf-8")
            t0 = time.perf_counter()
            detente.ingest([str(p)], str(Path(d) / f"s{n}.duckdb"), published="2025-12-01")
            times.append(time.perf_counter() - t0)
    print(f"ingest of dated sentences: 41 KB {times[0]:.1f} s, 330 KB {times[1]:.1f} s")
    return round(times[1] / times[0], 1)


def _order() -> tuple[int, int]:
    """(drifting events, inconsistent stores) over one batch, two batches, the reverse order and a recode."""
    import detente
    from articles import write_corpus
    from crashloop import snapshot
    from detente.check import check

    with tempfile.TemporaryDirectory() as d:
        write_corpus(Path(d) / "c", 120, seed=5)
        recs = [json.loads(line) for line in (Path(d) / "c" / "manifest.jsonl").read_text().splitlines()]

        def manifest(name: str, rs: list) -> str:
            p = Path(d) / "c" / name
            p.write_text("".join(json.dumps(r) + "\n" for r in rs))
            return str(p)

        dbs = {k: str(Path(d) / f"{k}.duckdb") for k in ("one", "two", "reverse")}
        detente.ingest([manifest("all.jsonl", recs)], dbs["one"])
        detente.ingest([manifest("h1.jsonl", recs[:50])], dbs["two"])
        detente.ingest([manifest("h2.jsonl", recs[50:])], dbs["two"])
        detente.ingest([manifest("rev.jsonl", recs[::-1])], dbs["reverse"])
        base = snapshot(dbs["one"])
        drift = sum(len(base ^ snapshot(db)) for db in (dbs["two"], dbs["reverse"]))
        detente.recode(dbs["reverse"])
        drift += len(base ^ snapshot(dbs["reverse"]))
        bad = sum(not check(db).ok for db in dbs.values())
    print(f"order independence: {len(base)} events, {drift} drifting, {bad} inconsistent stores")
    return drift, bad


def run() -> dict[str, float]:
    from hypothesis import strategies as st

    import fuzz_targets as ft

    tally = {"tried": 0, "crashes": 0, "hangs": 0, "examples": []}
    plan = [("time_parser", st.tuples(ft.hostile_text, ft.dates), ft.time_parser),
            ("publication", st.tuples(ft.hostile_text), ft.publication),
            ("html_extraction", st.tuples(ft.html), ft.html_extraction),
            ("manifest", st.tuples(st.lists(ft.manifest_line, max_size=8)), ft.manifest),
            ("coder", st.tuples(st.integers(0, 10**6), st.integers(1, 4)), ft.coder),
            ("actor_resolver", st.tuples(ft.names), ft.actor_resolver),
            ("outputs", st.tuples(st.one_of(ft.hostile_text, st.text())), ft.outputs)]
    for name, strategy, target in plan:
        t0 = time.perf_counter()
        before = tally["tried"]
        _fuzz(name, strategy, target, EXAMPLES[name], tally)
        print(f"{name:16} {tally['tried'] - before:5} inputs ({time.perf_counter() - t0:.0f} s)")
    for line in tally["examples"]:
        print("  ", line)
    drift, bad = _order()
    figures = {"inputs_tried": tally["tried"], "crashes": tally["crashes"], "hangs": tally["hangs"],
               "drifting_events": drift, "inconsistent_stores": bad, "growth_8x": _growth()}
    for k, v in figures.items():
        print(f"{k:20} {v}")
    return figures


if __name__ == "__main__":
    run()
