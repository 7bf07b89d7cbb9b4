"""The small vocabulary every view shares: a dyad from its text, an actor list as a label, the PLOVER quad of
a type. Kept at the bottom of the view layer (it imports nothing of detente) so that `api`, `views`,
`trend`, `conflicts`, `ledger`, `report` and the web pages can all use it without importing each other."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources


def parse_dyad(dyad: str | tuple[str, str] | None) -> tuple[str, str] | None:
    """'USA-BLR' (or a tuple) to ('USA', 'BLR'); None stays None."""
    if dyad is None or isinstance(dyad, tuple):
        return dyad
    parts = dyad.upper().replace("_", "-").split("-")
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"dyad must look like USA-BLR, not {dyad!r}")
    return parts[0], parts[1]


def actors_text(refs) -> str:
    return "+".join(f"{r.code}{'-' + r.sector if r.sector else ''}" for r in refs) or "-"


def actors_text_dicts(refs: list[dict]) -> str:
    return "+".join(f"{r['code']}{'-' + r['sector'] if r.get('sector') else ''}" for r in refs) or "-"


@lru_cache(maxsize=1)
def _quads() -> dict[tuple[str, str], str]:
    with (resources.files("detente") / "data" / "plover.csv").open(encoding="utf-8") as f:
        return {(r["event"], r["mode"] or ""): r["quad"] for r in csv.DictReader(f)}


def quad_of(event: str, mode: str | None) -> str | None:
    """The PLOVER quad of a type and mode (the mode's own row, else the type's)."""
    q = _quads()
    return q.get((event, mode or "")) or q.get((event, ""))
