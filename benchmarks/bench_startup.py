"""Start-up time of the commands that need no language model: `detente --help`, `--version` and a
command's own help, as a user runs them (a fresh interpreter each time). spaCy and DuckDB must not load
for these.

The figures with ceilings are the CPU time (user + system) the process takes, best of five: on a shared
machine the wall-clock time mostly measures the other processes (it is printed too, `*_wall_s`)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path


def _best(cmd: list[str], runs: int = 5) -> tuple[float, float]:
    """(best CPU seconds, best wall seconds) of running `cmd`."""
    cpu = wall = float("inf")
    for _ in range(runs):
        before = os.times()
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        wall = min(wall, time.perf_counter() - t0)
        after = os.times()
        cpu = min(cpu, (after.children_user - before.children_user) + (after.children_system - before.children_system))
    return cpu, wall


def run() -> dict:
    exe = shutil.which("detente", path=str(Path(sys.executable).parent)) or "detente"
    figures = {}
    for name, args in (("help", ["--help"]), ("version", ["--version"]), ("export_help", ["export", "-h"])):
        cpu, wall = _best([exe, *args])
        figures[f"{name}_s"], figures[f"{name}_wall_s"] = round(cpu, 3), round(wall, 3)
    print(figures)
    return figures


if __name__ == "__main__":
    print(run())
