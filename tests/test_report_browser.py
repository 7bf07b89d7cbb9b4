"""The HTML report in a real headless browser (Debian's chromium, driven by Playwright).

Skipped when chromium or the playwright package is missing; `.ci/run` installs both.
"""

import pytest

import detente
from detente.report import report


EVIL = """Belarus frees prisoners after U.S. visit

MINSK, June 23, 2025 — Belarus freed 14 prisoners on Saturday <script>window.__pwned = 1</script> after President Alexander Lukashenko met the U.S. envoy Keith Kellogg in Minsk.
In return, the United States eased sanctions on the airline Belavia <img src=x onerror="window.__pwned = 2"> the same day.
"""


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    (folder / "evil.txt").write_text(EVIL, encoding="utf-8")
    db = str(folder / "demo.duckdb")
    detente.ingest([str(detente.demo_corpus()), str(folder / "evil.txt")], db)
    return report(db, "USA-BLR", folder / "report.html").resolve()


def test_report_renders_in_chromium(browser, report_file, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report_file.as_uri())
    for selector in ("#timeline-table", "#trend-chart svg", "#ledger-table", "#sources-table"):
        assert page.locator(selector).is_visible(), selector
    assert page.locator("#trend-chart rect.bar").count() > 0
    box = page.locator("#trend-chart svg").bounding_box()
    assert box["width"] > 600 and box["height"] > 200
    assert page.locator("#timeline-table tr").count() > 10
    assert "BLR" in page.locator("#ledger-table").inner_text()
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert requests == [report_file.as_uri()]  # nothing else fetched


def test_hostile_article_shows_as_text(browser, report_file):
    page = browser.new_page()
    page.goto(report_file.as_uri())
    summaries = page.locator("#timeline-table details > summary")
    for i in range(summaries.count()):  # open the folded quotes
        summaries.nth(i).click()
    timeline = page.locator("#timeline-table").inner_text()
    assert "<script>window.__pwned = 1</script>" in timeline
    assert '<img src=x onerror="window.__pwned = 2">' in timeline
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("script").count() == 0 and page.locator("img").count() == 0


def test_table_headers_never_run_together(browser, report_file):
    """Each header cell's words stay apart from the next one's, at a laptop's width and a narrow one."""
    for width in (1280, 800):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(report_file.as_uri())
        gaps = page.evaluate("""() => {
            const out = [];
            for (const row of document.querySelectorAll('tr')) {
                const ths = [...row.querySelectorAll('th')];
                for (let i = 0; i + 1 < ths.length; i++) {
                    const box = th => { const r = document.createRange(); r.selectNodeContents(th);
                                        return r.getBoundingClientRect(); };
                    const a = box(ths[i]), b = box(ths[i + 1]);
                    if (Math.abs(a.top - b.top) < a.height) out.push([ths[i].innerText, ths[i + 1].innerText, b.left - a.right]);
                }
            }
            return out; }""")
        assert gaps, "no header rows found"
        tight = [g for g in gaps if g[2] < 8]
        assert not tight, (width, tight)
        page.close()


def test_report_to_standard_output(tmp_path):
    from typer.testing import CliRunner

    from detente.cli import app

    db = str(tmp_path / "demo.duckdb")
    detente.ingest([str(detente.demo_corpus())], db)
    r = CliRunner().invoke(app, ["report", "--dyad", "USA-BLR", "--db", db, "-o", "-", "-f", "md"])
    assert r.exit_code == 0 and r.stdout.startswith("# USA-BLR") and not (tmp_path / "-").exists()
