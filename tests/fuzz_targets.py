"""Fuzzing targets shared by the bounded run in the tests (tests/test_fuzz.py) and the long run in the
benchmarks (benchmarks/bench_fuzz.py): hypothesis strategies for hostile inputs, and for each stage one
function that feeds it one input and asserts the properties (no exception escapes; every date lies in
1000-2999 or is dropped; output shows text as text; CSV cells are inert)."""
from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
import tempfile
from pathlib import Path

from hypothesis import strategies as st

from articles import ACTS, FOLLOW, STATES, article

FRAGMENTS = ["ago", "later", "earlier", "days", "day", "months", "month", "years", "year", "weeks", "quarter",
             "the past", "over the", "next", "last", "this", "in", "on", "since", "until", "No.", "number", "#",
             "January", "Feb.", "Sept", "December", "Monday", "spring", "the 1990s", "mid-", "century", "1,800",
             "5,000", "2025", "1944", "0001-01-01", "9999-12-31", "31/02/2025", "2025-02-30", "Q4", "FY2025",
             "a decade", "two", "twenty-one", "hundreds of", "the same day", "the following month", ",", ".",
             "\n", "Published on", "Updated:", "By Jane Roe |", "(Reuters) -", "MINSK,", "—", "'25", "a.m.",
             "[/bold]", "[link=http://x]", "\x1b[2J", "\x1b]0;t\x07", "=HYPERLINK(\"x\")", "@SUM(1)", "+1", "-2+3",
             "\u202e", "\x00", "Лукашенко", "לוקשנקו", "卢卡申科", "Łukaszenka", "ﺎﻠﻤﺴﻳﺭ", "🇧🇾"]

numbers = st.integers(min_value=-10**30, max_value=10**300).map(str)
pieces = st.one_of(st.sampled_from(FRAGMENTS), numbers, st.text(max_size=12))
hostile_text = st.lists(pieces, max_size=30).map(" ".join)
dates = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
                  st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))
names = st.one_of(st.text(min_size=1, max_size=40),
                  st.lists(st.sampled_from(["Alexander", "Lukashenko", "Лукашенко", "Trump", "Minsk", "the",
                                            "President", "Ministry", "卢卡申科", "لوكاشينكو", "U.S.", "EU"]),
                           min_size=1, max_size=4).map(" ".join))
html = st.lists(st.one_of(st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<div>", "</div>", "<script>",
                                           "</script>", "<article>", "<meta name=\"date\" content=\"0001-01-01\">",
                                           "<title>", "</title>", "<!--", "-->", "<![CDATA[", "&amp;", "&#0;",
                                           "<p>" * 50, "<table><tr><td>", "<a href='javascript:x'>"]),
                          hostile_text), max_size=30).map("".join)
json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                                     st.text(max_size=20), numbers),
                           lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
                           max_leaves=10)
manifest_line = st.one_of(
    st.fixed_dictionaries({}, optional={"text": st.one_of(hostile_text, json_values),
                                        "path": st.one_of(st.sampled_from(["../x.txt", "/etc/passwd", "a.txt", "",
                                                                           "/dev/zero", "..", "a.txt\x00"]),
                                                          st.text(max_size=20)),
                                        "published": st.one_of(st.sampled_from(["0001-01-01", "9999-12-31",
                                                                                "2025-02-30", "yesterday"]),
                                                               json_values),
                                        "id": json_values, "language": json_values, "title": json_values,
                                        "url": json_values, "outlet": json_values}).map(json.dumps),
    st.text(max_size=60))


def _in_range(d) -> bool:
    return d is None or 1000 <= d.year <= 2999


def time_parser(text: str, published) -> None:
    from detente import temporal

    for t in temporal.find_timexes(text, published, anaphora=True):
        assert _in_range(t.date_start) and _in_range(t.date_end), t
    list(temporal.timex_records(text, published))


def publication(text: str) -> None:
    from detente.ingest import find_dateline
    from detente.model import Document
    from detente.pipeline import with_publication

    hit = find_dateline(text)
    assert hit is None or _in_range(hit[0])
    doc = with_publication(Document(id="fuzz", name="fuzz.txt", text=text))
    assert _in_range(doc.published_start) and _in_range(doc.published_end)


def html_extraction(page: str) -> None:
    from detente import ingest as _  # noqa: F401
    import sys

    mod = sys.modules["detente.ingest"]
    try:
        text, meta = mod._from_html(page)
    except mod._Bad:
        return
    assert isinstance(text, str) and _in_range(meta.published)


def manifest(lines: list[str]) -> None:
    from detente.ingest import iter_documents
    from detente.model import Document, IngestError

    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "a.txt").write_text("Ministers met in Vilnius on June 3, 2025, and talked about the border.\n")
        m = Path(d) / "m.jsonl"
        m.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
        for item in iter_documents([str(m)]):
            assert isinstance(item, (Document, IngestError))
            if isinstance(item, Document):
                assert item.path is None or not item.path.startswith(("/etc", "/dev"))
                assert _in_range(item.published_start)


def coder(seed: int, repeat: int) -> None:
    """Our own sentences, shuffled and repeated: coding never raises and every event date is in range."""
    from detente.pipeline import code_text

    rng = random.Random(seed)
    text, published = article(rng)
    sentences = [s for s in re.split(r"\n+", text) if s.strip()]
    rng.shuffle(sentences)
    for m in code_text("\n\n".join(sentences * repeat), published):
        assert _in_range(m.date_start) and _in_range(m.date_end)


def actor_resolver(name: str) -> None:
    from detente.actors import ActorDictionary

    ref = ActorDictionary.load(()).resolve(name)
    assert ref is None or isinstance(ref.code, str)


def outputs(text: str) -> None:
    """Every terminal and CSV output path on one hostile string."""
    from rich.console import Console

    from detente import views
    from detente.terminal import Table

    shown = views.safe(text)
    buf = io.StringIO()
    con = Console(file=buf, force_terminal=True, width=120)
    con.print(f"[bold]x[/bold] {shown}", highlight=False)
    table = Table()
    table.add_column("c")
    table.add_row(text)
    con.print(table)
    rendered = re.sub(r"\x1b\[[0-9;]*m", "", buf.getvalue())  # Rich's own colours are ours
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", rendered), repr(rendered)
    cell = views.csv_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or _number(cell), cell  # a number is inert
    md = views.markdown_text(text)
    assert "\x1b" not in md and "<" not in md and not re.search(r"(?<!\\)\|", md)


def _number(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


__all__ = ["ACTS", "FOLLOW", "STATES", "actor_resolver", "coder", "html", "html_extraction", "hostile_text",
           "manifest", "manifest_line", "names", "outputs", "publication", "time_parser", "dates"]
