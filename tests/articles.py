"""A small generator of news-like articles in our own words, for the robustness suite (kill loops, order
independence, fuzzing the coder): each article is a few sentences about acts between two states, with
days, counts and references back ("two days later"), so it codes into dated events with quantities."""
from __future__ import annotations

import datetime as dt
import random

STATES = [  # name, capital, adjective
    ("Belarus", "Minsk", "Belarusian"), ("the United States", "Washington", "American"),
    ("Lithuania", "Vilnius", "Lithuanian"), ("Poland", "Warsaw", "Polish"), ("Latvia", "Riga", "Latvian"),
    ("Ukraine", "Kyiv", "Ukrainian"), ("Germany", "Berlin", "German"), ("France", "Paris", "French"),
]
MONTHS = "January February March April May June July August September October November December".split()

ACTS = [
    "{A} freed {n} political prisoners on {date}, officials in {a_cap} said.",
    "The {a_adj} foreign minister visited {b_cap} on {date} for talks with his {b_adj} counterpart.",
    "{A} lifted sanctions on the {b_adj} state airline on {date}.",
    "{A} expelled {n} {b_adj} diplomats on {date}, accusing them of spying.",
    "On {date}, {A} closed two border crossings with {b}.",
    "{A} released {n} detained {b_adj} citizens on {date} after months of quiet talks.",
    "The {a_adj} president spoke by telephone with the {b_adj} president on {date}.",
    "{A} imposed new sanctions on {n} {b_adj} officials on {date}.",
]
FOLLOW = [
    "Two days later, {b} condemned the decision.",
    "A week later, the {b_adj} government thanked {a} for the gesture.",
    "{B} said it would answer in kind.",
    "Neither capital said what had been promised in return.",
    "Rights groups said hundreds of people remained in prison.",
]


def _day(rng: random.Random) -> dt.date:
    return dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(600))


def happenings(rng: random.Random, n: int = 40) -> list[tuple]:
    """A pool of acts (template, the two states, the day, the count) that several articles retell, so that
    merging across articles matters: the same act, sometimes with another count (15 or 16 freed)."""
    return [(rng.choice(ACTS), *rng.sample(STATES, 2), _day(rng), rng.choice([2, 3, 5, 12, 14, 16, 52, 123]))
            for _ in range(n)]


def article(rng: random.Random, pool: list[tuple] | None = None) -> tuple[str, dt.date]:
    """One article's text and its publication date (a few days after its latest act)."""
    pool = pool or happenings(rng, 6)
    picked = rng.sample(pool, min(len(pool), rng.randint(2, 5)))
    (_, (a, a_cap, _), (b, b_cap, _), _, _) = picked[0]
    lines, latest = [f"{a_cap} and {b_cap} trade moves"], None
    for act, (a, a_cap, a_adj), (b, b_cap, b_adj), day, n in picked:
        latest = max(latest or day, day)
        when = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
        n = n + 1 if rng.random() < 0.2 else n  # sources disagree on the count
        lines.append(act.format(A=a[0].upper() + a[1:], a=a, a_cap=a_cap, a_adj=a_adj, b=b, b_cap=b_cap,
                                b_adj=b_adj, n=n, date=when))
        if rng.random() < 0.5:
            lines.append(rng.choice(FOLLOW).format(a=a, b=b, B=b[0].upper() + b[1:], b_adj=b_adj))
    return "\n\n".join(lines) + "\n", latest + dt.timedelta(days=rng.randint(1, 5))


def write_corpus(folder, n: int, seed: int = 0) -> list:
    """n articles as text files plus a manifest (`manifest.jsonl`) with their publication dates;
    returns the paths of the text files."""
    import json
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pool = happenings(rng, max(8, n // 3))
    paths, records = [], []
    for i in range(n):
        text, published = article(rng, pool)
        p = folder / f"a{i:04d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
        records.append({"path": p.name, "published": published.isoformat(), "id": p.name})
    (folder / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return paths
