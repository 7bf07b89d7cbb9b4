"""Kill and interrupt loop, shared by the short test (tests/test_crash.py) and the long benchmark
(benchmarks/bench_crash.py): ingest and recode a generated corpus, SIGKILL or SIGINT them at random
moments, run them again each time, and compare the store with a clean run's (events, quantities, dates)."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from articles import write_corpus

DETENTE = [str(Path(sys.executable).parent / "detente")]  # the installed command, as a user runs it


@dataclass
class LoopResult:
    kills: int = 0
    interrupts: int = 0
    crashes: list[str] = field(default_factory=list)  # abnormal exits: abort, segfault, traceback, exit 4
    inconsistent: list[str] = field(default_factory=list)  # `detente check` failures after a kill/interrupt
    drifting: int = 0  # events differing from the clean run's at the end
    stop_seconds: list[float] = field(default_factory=list)  # from SIGINT to exit


def snapshot(db: str) -> set[tuple]:
    """What must not differ from a clean run: every event's type, parties, dates, count and mentions."""
    from detente.store import Store

    with Store(db, read_only=True) as s:
        return {(e.event, e.mode or "", tuple(sorted(r.code for r in e.actor)), tuple(sorted(r.code for r in e.recipient)),
                 str(e.date_start), str(e.date_end), e.quantity.value if e.quantity else -1,
                 tuple(sorted(m.id for m in e.mentions))) for e in s.events()}


def _run(args: list[str], timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(DETENTE + args, capture_output=True, text=True, timeout=timeout)


def _abnormal(rc: int, stderr: str, allowed: set[int]) -> str | None:
    if rc in allowed and "Traceback" not in stderr and "cannot rollback" not in stderr:
        return None
    return f"exit {rc}: {stderr.strip().splitlines()[-1] if stderr.strip() else ''}"


def check(db: str) -> str | None:
    r = _run(["check", "--db", db])
    return None if r.returncode == 0 else (r.stdout + r.stderr).strip()[:300]


def loop(folder: Path, articles: int, kills: int, interrupts: int, seed: int = 0) -> LoopResult:
    """The whole loop in `folder`; returns what went wrong (nothing, when detente keeps its promises)."""
    rng = random.Random(seed)
    write_corpus(folder / "corpus", articles, seed=seed)
    manifest = str(folder / "corpus" / "manifest.jsonl")
    clean, db = str(folder / "clean.duckdb"), str(folder / "crash.duckdb")
    t0 = time.perf_counter()
    r = _run(["ingest", manifest, "--db", clean])
    full = time.perf_counter() - t0
    assert r.returncode == 0, r.stderr
    out = LoopResult()
    plan = ["kill"] * kills + ["int"] * interrupts
    rng.shuffle(plan)
    for i, what in enumerate(plan):
        # ingest until everything is stored; then recode (which rewrites every document's rows when needed)
        stored = Path(db).exists() and _count(db) >= articles
        args = ["recode", "--db", db] if stored and i % 2 else ["ingest", manifest, "--db", db]
        proc = subprocess.Popen(DETENTE + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(1.0, max(1.5, full * 0.9)))
        if what == "kill":
            proc.send_signal(signal.SIGKILL)
            proc.communicate()
            out.kills += 1
        else:
            sent = time.perf_counter()
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=300)
            out.stop_seconds.append(time.perf_counter() - sent)
            out.interrupts += 1
            bad = _abnormal(proc.returncode, err, {0, 1, 130})
            if bad:
                out.crashes.append(f"{' '.join(args[:1])} after SIGINT: {bad}")
        if Path(db).exists():
            problem = check(db)
            if problem:
                out.inconsistent.append(f"after {what} #{i}: {problem}")
    r = _run(["ingest", manifest, "--db", db])
    if _abnormal(r.returncode, r.stderr, {0}):
        out.crashes.append(f"final ingest: {_abnormal(r.returncode, r.stderr, {0})}")
    r = _run(["recode", "--db", db])
    if _abnormal(r.returncode, r.stderr, {0}):
        out.crashes.append(f"final recode: {_abnormal(r.returncode, r.stderr, {0})}")
    problem = check(db)
    if problem:
        out.inconsistent.append(f"at the end: {problem}")
    a, b = snapshot(clean), snapshot(db)
    out.drifting = len(a ^ b)
    return out


def _count(db: str) -> int:
    import duckdb

    try:
        with duckdb.connect(db, read_only=True) as con:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except duckdb.Error:
        return 0


