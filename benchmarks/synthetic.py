"""A synthetic news corpus for the scale benchmark: N distinct, realistic articles, none of them real.

Every sentence comes from the templates below, written by the detente team; the generator varies the
countries (names, adjectives, capitals from the shipped actor dictionary), the days, the counts, the
wording of each kind of event (visits, talks, calls, releases, sanctions, accusations, agreements, aid,
expulsions, threats), background sentences that code nothing, and the article's structure (headline,
"Published on" line or wire dateline, three to six paragraphs, quotes). The same seed gives the same
corpus, and every article is distinct (a repeated text is drawn again).

    python benchmarks/synthetic.py 1000 corpus.jsonl     # a JSON Lines manifest detente can ingest
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import sys
from importlib import resources
from pathlib import Path
from typing import Iterator

import yaml

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
OUTLETS = ["Daugava Dispatch", "Baltic Ledger", "Harbour Gazette", "Northern Courier", "Eastern Wire",
           "Plains Observer", "Riverside Herald", "Coastal Review"]
WIRES = ["Eastern Wire", "Continental Press", "Meridian News"]

# {A}/{B}: a country name; {Aadj}/{Badj}: its adjective; {Acap}/{Bcap}: its capital; {when}: a day phrase;
# {n}: a count in digits, {nw}: a count in words.
EVENTS = {
    "visit": [
        "{Aadj} Foreign Minister {person} arrived in {Bcap} {when} for talks with {Badj} officials.",
        "A delegation from {A} visited {Bcap} {when}, the first such trip in {nw} years.",
        "{Aadj} envoy {person} travelled to {Bcap} {when} and met the {Badj} president.",
    ],
    "talks": [
        "{Aadj} and {Badj} diplomats held talks in {Acap} {when} on border crossings and trade.",
        "{when_cap}, officials from {A} and {B} met in {Acap} to discuss the release of detained citizens.",
        "The foreign ministers of {A} and {B} met {when} on the sidelines of a regional conference.",
    ],
    "call": [
        "The {Aadj} president spoke by phone with his {Badj} counterpart {when}, his office said.",
        "{Aadj} Prime Minister {person} telephoned the {Badj} leader {when} to discuss energy prices.",
    ],
    "release": [
        "{A} freed {n} prisoners {when} after talks with {Badj} officials.",
        "{when_cap}, {A} released {nw} detained {Bpeople}, who crossed the border the same evening.",
        "The authorities in {Acap} pardoned {n} political prisoners {when}, a gesture toward {B}.",
    ],
    "sanction": [
        "{A} imposed new sanctions on {Badj} state banks {when}.",
        "{when_cap}, the {Aadj} government froze the assets of {n} {Badj} officials.",
        "{A} banned imports of {Badj} steel {when}, citing the crackdown on protesters.",
    ],
    "accuse": [
        "{Aadj} officials accused {B} of jamming signals along the border {when}.",
        "{when_cap}, the {Aadj} foreign ministry condemned {B} over the arrest of a journalist.",
    ],
    "agree": [
        "{A} and {B} signed an agreement on cross-border trade {when}.",
        "{when_cap}, {Aadj} and {Badj} negotiators agreed to reopen {nw} border crossings.",
    ],
    "aid": [
        "{A} sent {n} tonnes of humanitarian aid to {B} {when}.",
        "{when_cap}, {A} pledged emergency assistance to {B} after the floods.",
    ],
    "expel": [
        "{A} expelled {nw} {Badj} diplomats {when}, accusing them of spying.",
        "{when_cap}, {Acap} ordered the {Badj} ambassador to leave the country within {nw} days.",
    ],
    "threat": [
        "{Aadj} officials warned {when} that {A} would close the border if {B} did not release the detainees.",
    ],
}
BACKGROUND = [
    "Relations between {A} and {B} have been strained since the disputed election.",
    "Trade between the two countries fell by a third last year, according to customs figures.",
    "Analysts in {Acap} said the move was aimed as much at a domestic audience as at {B}.",
    "The border region has seen several incidents involving migrants this year.",
    "Neither government published the full text of the statements.",
    "Rights groups say hundreds of people remain in detention for political reasons.",
    "The talks are expected to continue after the holidays.",
    "Officials on both sides declined to give further details.",
    "Opposition politicians in {Bcap} called the decision long overdue.",
    "Energy prices and transit fees remain the main points of friction.",
]
QUOTES = [
    "\"We are ready to continue the dialogue,\" a spokesperson in {Acap} told reporters.",
    "\"This is a small step, but it is a step,\" said a {Badj} official who asked not to be named.",
    "\"Nothing has been decided yet,\" the ministry said in a statement.",
]
HEADLINES = {
    "visit": "{Aadj} minister visits {Bcap}", "talks": "{A} and {B} hold talks", "call": "Leaders of {A} and {B} speak",
    "release": "{A} frees prisoners", "sanction": "{A} tightens sanctions on {B}", "accuse": "{A} accuses {B}",
    "agree": "{A} and {B} sign deal", "aid": "{A} sends aid to {B}", "expel": "{A} expels {Badj} diplomats",
    "threat": "{A} warns {B}",
}
PEOPLE = ["Anna Kowal", "Jonas Petraitis", "Maria Lind", "Pavel Novak", "Erik Berg", "Laura Ozola", "Tomas Varga",
          "Irena Horvat", "Mark Adler", "Sofia Costa"]  # invented names: the coder codes them by their role


def _countries() -> list[dict]:
    """Countries with a name, an adjective, a people and a capital, from the shipped dictionary."""
    raw = yaml.safe_load((resources.files("detente") / "data" / "countries.yaml").read_text(encoding="utf-8"))
    out = []
    for c in raw["countries"]:
        names, adjs, caps, people = (c.get(k) or [] for k in ("names", "adjectives", "capitals", "people"))
        if names and adjs and caps and people and not names[0].startswith("the "):
            out.append({"code": c["code"], "name": names[0], "adj": adjs[0], "cap": caps[0], "people": people[0]})
    return out


def _when(day: dt.date, published: dt.date, rng: random.Random) -> str:
    """A day phrase: a weekday of the week before publication, or an explicit date."""
    if (published - day).days < 7 and rng.random() < 0.5:
        return "on " + WEEKDAYS[day.weekday()]
    return f"on {MONTHS[day.month - 1]} {day.day}" if rng.random() < 0.7 else f"on {day.day} {MONTHS[day.month - 1]}"


def article(rng: random.Random, countries: list[dict]) -> tuple[str, dt.date]:
    """One article's text and its publication day."""
    a, b = rng.sample(countries, 2)
    published = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(2400))
    kinds = rng.sample(list(EVENTS), rng.randint(2, 4))

    def fill(template: str, day: dt.date | None = None) -> str:
        when = _when(day, published, rng) if day else ""
        n = rng.randint(2, 60)
        return template.format(A=a["name"], B=b["name"], Aadj=a["adj"], Badj=b["adj"], Acap=a["cap"],
                               Bcap=b["cap"], Bpeople=b["people"], person=rng.choice(PEOPLE), when=when,
                               when_cap=when[:1].upper() + when[1:], n=n, nw=rng.choice(NUMBER_WORDS))

    if rng.random() < 0.5:
        head = [fill(HEADLINES[kinds[0]]), f"Published on {published.day} {MONTHS[published.month - 1]} {published.year}",
                ""]
        lead = ""
    else:
        head = [fill(HEADLINES[kinds[0]]), ""]
        lead = f"{a['cap'].upper()}, {MONTHS[published.month - 1][:3]}. {published.day} ({rng.choice(WIRES)}) — "
    paragraphs = []
    for i, kind in enumerate(kinds):
        day = published - dt.timedelta(days=rng.randrange(0, 6 if i == 0 else 40))
        sentences = [fill(rng.choice(EVENTS[kind]), day)]
        sentences += [fill(s) for s in rng.sample(BACKGROUND, rng.randint(1, 3))]
        if rng.random() < 0.4:
            sentences.append(fill(rng.choice(QUOTES)))
        if rng.random() < 0.3:
            a, b = b, a  # the other side's act
        paragraphs.append(" ".join(sentences))
    paragraphs[0] = lead + paragraphs[0]
    if rng.random() < 0.5:
        paragraphs.append(" ".join(fill(s) for s in rng.sample(BACKGROUND, 3)))
    return "\n".join(head) + "\n" + "\n\n".join(paragraphs) + "\n", published


def articles(n: int, seed: int = 13) -> Iterator[dict]:
    """N distinct manifest records: id, outlet, text (and, for a third of them, the publication date)."""
    rng, countries, seen = random.Random(seed), _countries(), set()
    i = 0
    while i < n:
        text, published = article(rng, countries)
        digest = hashlib.sha1(text.encode()).digest()
        if digest in seen:
            continue
        seen.add(digest)
        rec = {"id": f"syn-{seed}-{i:06d}", "outlet": rng.choice(OUTLETS), "text": text}
        if rng.random() < 0.33:
            rec["published"] = published.isoformat()
        yield rec
        i += 1


def write_manifest(path: Path, n: int, seed: int = 13) -> int:
    """Write N articles as a JSON Lines manifest; returns the number of words."""
    words = 0
    with open(path, "w", encoding="utf-8") as f:
        for rec in articles(n, seed):
            words += len(rec["text"].split())
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return words


if __name__ == "__main__":
    count, out = int(sys.argv[1]), Path(sys.argv[2])
    print(f"{count} articles, {write_manifest(out, count)} words -> {out}")
