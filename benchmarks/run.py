"""Run every benchmark in this folder and check its figures against the floors in floors.json.

    python benchmarks/run.py [NAME ...]

Each `bench_NAME.py` has `run() -> dict[str, float]` (printing its own table) and returns {} when the
data it needs (../shared) is absent. A figure below its floor (or above its ceiling, for figures where
lower is better) fails the run. Raise a floor when a figure improves; never lower one.
"""
from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main(argv: list[str]) -> int:
    floors = json.loads((HERE / "floors.json").read_text())
    names = argv or sorted(p.stem[len("bench_"):] for p in HERE.glob("bench_*.py"))
    failures, figures = [], {}
    for name in names:
        print(f"\n=== benchmark: {name}")
        t0 = time.perf_counter()
        result = importlib.import_module(f"bench_{name}").run()
        print(f"({time.perf_counter() - t0:.1f} s)")
        if not result:
            continue
        for key, value in result.items():
            figures[f"{name}.{key}"] = value
        for key, floor in floors.items():
            if not key.startswith(name + "."):
                continue
            value = figures.get(key)
            if value is None:
                failures.append(f"{key}: figure missing (floor {floor})")
            elif "min" in floor and value < floor["min"]:
                failures.append(f"{key} = {value} is below its floor {floor['min']}")
            elif "max" in floor and value > floor["max"]:
                failures.append(f"{key} = {value} is above its ceiling {floor['max']}")
    print("\n=== figures")
    for key, value in figures.items():
        floor = floors.get(key, {})
        bound = f"(floor {floor['min']})" if "min" in floor else f"(ceiling {floor['max']})" if "max" in floor else ""
        print(f"{key:40} {value:>10} {bound}")
    if failures:
        print("\nBENCHMARK FAILURES:")
        for f in failures:
            print("  " + f)
        return 1
    print("\nall benchmark figures at or above their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
