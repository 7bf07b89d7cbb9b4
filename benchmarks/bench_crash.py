"""Crash safety: SIGKILL at random moments 20 times and SIGINT 10 times during ingest and recode of a few
hundred generated articles (our own sentences, tests/articles.py), re-running each time; then `detente
check` must pass and the store must equal a clean run's, every event's quantity and dates included.

Figures: kills and interrupts sent (floors: the loop really ran), crashes (an abort, a segfault, a
traceback or "cannot rollback" after Ctrl-C), inconsistent stores (`detente check` failing after any
kill or interrupt), drifting events (differing from the clean run at the end) and the slowest stop after
Ctrl-C, in seconds."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

ARTICLES, KILLS, INTERRUPTS = 200, 20, 10


def run() -> dict[str, float]:
    import crashloop

    with tempfile.TemporaryDirectory() as d:
        got = crashloop.loop(Path(d), ARTICLES, KILLS, INTERRUPTS, seed=11)
    for line in got.crashes + got.inconsistent:
        print("  ", line)
    figures = {"kills": got.kills, "interrupts": got.interrupts, "crashes": len(got.crashes),
               "inconsistent_stores": len(got.inconsistent), "drifting_events": got.drifting,
               "max_stop_seconds": round(max(got.stop_seconds or [0.0]), 1)}
    for k, v in figures.items():
        print(f"{k:22} {v}")
    return figures


if __name__ == "__main__":
    run()
