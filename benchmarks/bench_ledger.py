"""Concession ledger and trend on the five seed articles (../shared/seeds).

Figures: whether the two bargains every account of the thaw tells are linked (52 freed <-> Belavia
relief on 11 September 2025; Kellogg's visit <-> 14 freed on 21 June 2025), how many exchanges the
ledger finds, and the least-squares slope of monthly cooperation events over 2025 (rising > 0).
"""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def _covers(entry, day: dt.date) -> bool:
    return entry.date_start is not None and entry.date_start <= day <= entry.date_end


def _linked(led, side_a, kind_a, side_b, kind_b, day, people=None) -> bool:
    for lk in led.links:
        for a, b in ((lk.a, lk.b), (lk.b, lk.a)):
            if (a.side, a.kind, b.side, b.kind) == (side_a, kind_a, side_b, kind_b) and _covers(a, day) \
                    and _covers(b, day) and (people is None or a.people == people):
                return True
    return False


def run() -> dict[str, float]:
    if not SEEDS.is_dir():
        print(f"skipped: {SEEDS} not found")
        return {}
    import detente
    from detente.ledger import ledger
    from detente.trend import trend

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "seeds.duckdb")
        detente.ingest([str(SEEDS)], db)
        led = ledger(db, "USA-BLR")
        rows = [r for r in trend(db, "USA-BLR", by="month") if r.start.year == 2025]
    sept = _linked(led, "BLR", "release", "USA", "sanctions", dt.date(2025, 9, 11), people=52)
    june = _linked(led, "BLR", "release", "USA", "visit", dt.date(2025, 6, 21), people=14)
    xs = list(range(len(rows)))
    ys = [r.cooperation for r in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    figures = {"sept11_linked": float(sept), "kellogg_linked": float(june), "exchanges": float(len(led.exchanges)),
               "coop_slope_2025": round(slope, 3)}
    print(f"{'figure':20} value")
    for k, v in figures.items():
        print(f"{k:20} {v}")
    print("2025 cooperation by month: " + " ".join(f"{r.period[5:]}:{r.cooperation:.1f}" for r in rows))
    return figures
