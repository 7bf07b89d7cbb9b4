"""The dyad report: self-contained HTML and a Markdown brief, with article text escaped."""
import re

import pytest
from typer.testing import CliRunner

import detente
from detente.cli import app
from detente.report import context, md, report, safe_href

# Our own words: a hostile article whose sentences carry markup that must stay text.
EVIL = """Belarus frees prisoners after U.S. visit

MINSK, June 23, 2025 — Belarus freed 14 prisoners on Saturday <script>window.__pwned = 1</script> after President Alexander Lukashenko met the U.S. envoy Keith Kellogg in Minsk.
In return, the United States eased sanctions on the airline Belavia <img src=x onerror="window.__pwned = 2"> the same day.
"""


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    (folder / "evil.txt").write_text(EVIL, encoding="utf-8")
    db = str(folder / "demo.duckdb")
    detente.ingest([str(detente.demo_corpus()), str(folder / "evil.txt")], db)
    return db


def test_html_report_is_self_contained_and_escapes_article_text(demo_db, tmp_path):
    path = report(demo_db, "USA-BLR", tmp_path / "r.html")
    html = path.read_text(encoding="utf-8")
    for section in ("summary", "trend", "ledger", "timeline", "unknown", "sources"):
        assert f'id="{section}"' in html
    assert "<svg" in html and 'class="bar ' in html
    assert "window.__pwned" in html  # the hostile sentence is shown...
    assert "<script" not in html and "<img" not in html  # ...as text only
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing fetched from the network
    assert "Content-Security-Policy" in html
    assert "evil.txt" in html and "14" in html


def test_report_context_matches_the_ledger_and_trend(demo_db):
    ctx = context(demo_db, "USA-BLR")
    assert ctx["events"] and ctx["sources"] and ctx["chart"] is not None
    assert sum(r.events for r in ctx["trend"]) == pytest.approx(sum(1 for e in ctx["events"] if e.date_start))
    ids = {e.id for e in ctx["events"]}
    assert all(e.id in ids for e in ctx["ledger"].entries)
    assert {d["name"] for d in ctx["sources"]} >= {"evil.txt"}
    assert ctx["totals"]["BLR"]["people_released"] >= 14


def test_markdown_brief_is_inert(demo_db, tmp_path):
    text = report(demo_db, "USA-BLR", tmp_path / "r.md", format="md").read_text(encoding="utf-8")
    assert text.startswith("# USA-BLR")
    for heading in ("## Summary", "## Exchanges", "## Trend by month", "## Ledger", "## Timeline", "## Sources"):
        assert heading in text
    assert "<script" not in text and "<img" not in text and "&lt;script&gt;" in text
    columns = None
    for line in text.splitlines():  # every table row keeps its header's columns
        pipes = len(re.findall(r"(?<!\\)\|", line))
        if not line.startswith("|"):
            columns = None
        elif columns is None:
            columns = pipes
        else:
            assert pipes == columns, line


def test_markdown_escaping_and_links():
    assert md("a | b [x](javascript:y) <b>") == r"a \| b \[x\](javascript:y) &lt;b&gt;"
    assert safe_href("https://example.org/a") == "https://example.org/a"
    assert safe_href("javascript:alert(1)") is None and safe_href(None) is None


def test_empty_store_still_gives_a_report(tmp_path):
    db = str(tmp_path / "empty.duckdb")
    detente.ingest([], db)
    html = report(db, "USA-BLR", tmp_path / "e.html").read_text(encoding="utf-8")
    assert "No events for USA-BLR" in html and "No documents." in html
    assert "No events for USA-BLR" in report(db, "USA-BLR", tmp_path / "e.md", format="md").read_text()


def test_cli_commands(demo_db, tmp_path):
    runner = CliRunner()
    out = tmp_path / "cli.html"
    r = runner.invoke(app, ["report", "--dyad", "USA-BLR", "-o", str(out), "--db", demo_db])
    assert r.exit_code == 0 and str(out.resolve()) in r.stdout and out.exists()
    r = runner.invoke(app, ["report", "--dyad", "USA", "-o", str(out), "--db", demo_db])
    assert r.exit_code == 2 and "USA-BLR" in r.output
    r = runner.invoke(app, ["report", "-o", str(tmp_path / "x.html"), "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 2 and "none.duckdb" in r.output
    r = runner.invoke(app, ["ledger", "--dyad", "USA-BLR", "-f", "csv", "--db", demo_db])
    assert r.exit_code == 0 and r.stdout.startswith("id,date_start")
    r = runner.invoke(app, ["trend", "--dyad", "USA-BLR", "--by", "week", "-f", "json", "--db", demo_db])
    assert r.exit_code == 0 and '"period": "2025-W' in r.stdout
    r = runner.invoke(app, ["dyads", "-f", "csv", "--db", demo_db])
    assert r.exit_code == 0 and "BLR-USA" in r.stdout


def test_report_lists_only_the_dyads_articles_and_no_internal_date_values(tmp_path):
    a = tmp_path / "blr.txt"
    a.write_text("Minsk frees prisoners\n\nMINSK, June 6, 2025 — Belarus freed twelve prisoners on Friday after "
                 "a visit by a U.S. envoy, officials said.\n", encoding="utf-8")
    b = tmp_path / "pol.txt"
    b.write_text("Warsaw talks\n\nWARSAW, March 3, 2025 — Polish Foreign Minister Radoslaw Sikorski met his "
                 "Lithuanian counterpart in Warsaw on Monday.\n", encoding="utf-8")
    db = str(tmp_path / "two.duckdb")
    detente.ingest([str(a), str(b)], db)
    html = report(db, "USA-BLR", tmp_path / "r.html").read_text(encoding="utf-8")
    sources = html[html.index('id="sources-table"'):]
    assert "blr.txt" in sources and "pol.txt" not in sources
    assert "Minsk frees prisoners" in sources  # the headline as title
    assert "XXXX" not in html and "-&gt; 2025" not in html


def test_an_event_years_before_the_rest_is_noted_not_charted():
    import datetime as dt

    from detente.model import ActorRef, Event
    from detente.report import chart_events

    def ev(i, day):
        d = dt.date.fromisoformat(day)
        return Event(f"e{i}", "CONSULT", None, "040", 1.0, 1.0, [ActorRef("USA")], [ActorRef("BLR")], d, d, None)

    events = [ev(0, "2019-05-01")] + [ev(i, f"2025-{m:02d}-10") for i, m in enumerate(range(1, 13), 1)]
    charted, outliers = chart_events(events)
    assert [e.id for e in outliers] == ["e0"] and len(charted) == 12
    charted, outliers = chart_events(events[1:])
    assert not outliers  # no gap: everything is charted
