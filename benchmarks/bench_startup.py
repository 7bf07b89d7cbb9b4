"""Start-up time of the commands that need no language model: `detente --help`, `--version` and a
command's own help, as a user runs them (a fresh interpreter each time; the best of five runs, so that
another process on the machine does not count). spaCy and DuckDB must not load for these."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path


def _best(cmd: list[str], runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        best = min(best, time.perf_counter() - t0)
    return best


def run() -> dict:
    exe = shutil.which("detente", path=str(Path(sys.executable).parent)) or "detente"
    figures = {"help_s": _best([exe, "--help"]), "version_s": _best([exe, "--version"]),
               "export_help_s": _best([exe, "export", "-h"])}
    figures = {k: round(v, 3) for k, v in figures.items()}
    print(figures)
    return figures


if __name__ == "__main__":
    print(run())
