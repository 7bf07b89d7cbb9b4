"""`detente serve` in a real browser: a real server (a `detente serve` process on a free local port) over a
store of the demo corpus, driven by Playwright on Debian's chromium, with `detente export` and `detente recode`
run beside it. Skipped when chromium or the playwright package is missing; `.ci/run` installs both.

The articles added to the demo corpus are written for this test: an envoy the dictionary lacks, and an
article full of markup that must show as text.
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import detente

BIN = Path(sys.executable).parent / "detente"

ENVOY = ("Latvian envoy in Minsk\n\n"
         "Envoy Marta Ozolina met Belarusian officials in Minsk on Monday to discuss the border crossing.\n"
         "The talks lasted three hours, a ministry spokeswoman said.\n")
HOSTILE = ("Belarus frees prisoners <script>window.__pwned = 1</script>\n\n"
           "MINSK, June 23, 2025 — Belarus freed 14 prisoners on Saturday <script>window.__pwned = 1</script> after "
           "President Alexander Lukashenko met the U.S. envoy Keith Kellogg in Minsk.\n"
           "In return, the United States eased sanctions on the airline Belavia <img src=x onerror=\"window.__pwned = 2\"> "
           "the same day, <a href=\"javascript:window.__pwned=3\">officials</a> said.\n")
EVIL_NAME = '<img src=x onerror="window.__pwned = 10"> Roe'
EVIL_TITLE = "Envoy <script>window.__pwned = 11</script>"
EVIL_NOTE = '<script>window.__pwned = 4</script><img src=x onerror="window.__pwned = 5"> javascript:window.__pwned=6'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *map(str, args)], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web")
    (folder / "in").mkdir()
    (folder / "in" / "envoy.txt").write_text(ENVOY, encoding="utf-8")
    (folder / "in" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "in" / "manifest.jsonl").write_text(json.dumps(
        {"id": "hostile-url", "path": "hostile.txt", "url": "javascript:window.__pwned=7",
         "outlet": "<b onmouseover=\"window.__pwned=8\">Evil Times</b>", "published": "2025-06-23"}) + "\n")
    db = folder / "demo.duckdb"
    detente.ingest([str(detente.demo_corpus()), str(folder / "in" / "manifest.jsonl")], str(db))
    detente.ingest([str(folder / "in" / "envoy.txt")], str(db), published="2025-04-07")
    port = free_port()
    proc = subprocess.Popen([str(BIN), "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/api/dyads", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"the server stopped: {proc.stdout.read()}")
            time.sleep(0.1)
    yield {"base": base, "db": db, "folder": folder}
    proc.terminate()
    proc.wait(timeout=10)


def export(db) -> list[dict]:
    r = cli("export", "--db", db)
    assert r.returncode == 0, r.stderr
    return [json.loads(line) for line in r.stdout.splitlines()]


def shoot(page, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5_000
    if os.environ.get("DETENTE_SHOTS"):  # keep them to look at (and for the README's picture)
        shutil.copy(path, Path(os.environ["DETENTE_SHOTS"]) / path.name)


def test_correct_an_event_and_the_correction_sticks(browser, server, tmp_path):
    base, db = server["base"], server["db"]
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "/")
    assert page.locator("#timeline tbody tr").count() > 10
    shoot(page, tmp_path, "timeline")

    page.fill("input[name=dyad]", "USA-BLR")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**dyad=USA-BLR**")
    rows = page.locator("#timeline tbody tr")
    assert rows.count() > 5
    for i in range(rows.count()):
        codes = rows.nth(i).locator("td").nth(2).inner_text() + "," + rows.nth(i).locator("td").nth(3).inner_text()
        assert "USA" in codes and "BLR" in codes
    shoot(page, tmp_path, "timeline-dyad")

    # an AGREE event of the pair: make it a visit, to Russia
    before = {r["id"]: r for r in export(db)}
    target = next(r for r in before.values() if r["event"] == ["AGREE"] and r["recipient"]
                  and r["recipient"][0]["code"] == "BLR")
    page.goto(f"{base}/events/{target['id']}")
    assert page.locator("#evidence blockquote").count() == len(target["evidence"])
    assert "rule" in page.locator("#evidence").inner_text() and "modality" in page.locator("#evidence").inner_text()
    # every telling says how it came to be part of the event (founded it, joined it, retold it undated)
    assert page.locator("#evidence dd.merged").count() == len(target["evidence"])
    assert re.search(r"founded|joined|retold|only telling", page.locator("#evidence dd.merged").first.inner_text())
    page.select_option("#f-event", "CONSULT")
    page.select_option("#f-mode", "visit")
    page.fill("#f-recipient", "RUS-GOV")
    page.fill("#f-who", "tester")
    with page.expect_navigation():
        page.click("#save")
    assert "saved: type AGREE -> CONSULT (visit); recipient BLR-GOV -> RUS-GOV" in page.locator(".msg").inner_text()
    coding = page.locator("#coding").inner_text()
    assert "RUS-GOV" in coding and "corrected" in page.locator("h1").inner_text()
    assert "Machine coding: AGREE" in page.locator(".original").inner_text()
    shoot(page, tmp_path, "event-corrected")

    def corrected_record():
        recs = [r for r in export(db) if r.get("corrected")]
        assert len(recs) == 1
        return recs[0]

    rec = corrected_record()
    assert (rec["event"], rec["mode"], rec["recipient"][0]["code"]) == (["CONSULT"], ["visit"], "RUS")
    assert rec["original"]["event"] == "AGREE" and rec["original"]["recipient"][0]["code"] == "BLR"
    assert {c["kind"] for c in rec["corrections"]} == {"type", "recipient"}

    r = cli("recode", "--db", db)
    assert r.returncode == 0, r.stderr
    rec = corrected_record()
    assert (rec["event"], rec["recipient"][0]["code"]) == (["CONSULT"], "RUS")
    page.goto(f"{base}/events/{rec['id']}")
    assert "RUS-GOV" in page.locator("#coding").inner_text()

    listed = [json.loads(line) for line in cli("corrections", "--format", "jsonl", "--db", db).stdout.splitlines()]
    assert [(c["summary"], c["who"], c["active"]) for c in listed] == [
        ("type AGREE -> CONSULT (visit)", "tester", True), ("recipient BLR-GOV -> RUS-GOV", "tester", True)]

    # undo both, from the event page
    while page.locator("#history button[name=undo]").count():
        with page.expect_navigation():
            page.locator("#history button[name=undo]").first.click()
    assert page.locator("#coding").count(), (page.url, page.locator("body").inner_text()[:400])
    assert "BLR-GOV" in page.locator("#coding").inner_text()
    assert not [r for r in export(db) if r.get("corrected")]
    page.goto(base + "/corrections")
    assert page.locator("#corrections tr.undone").count() == 2
    shoot(page, tmp_path, "corrections")
    assert all(u.startswith(base) for u in requests)  # nothing loaded from anywhere else


def test_accept_an_unknown_actor_and_recode_its_waiting_events(browser, server, tmp_path):
    base, db = server["base"], server["db"]
    assert not [r for r in export(db) if any(a["code"] == "LVA" for a in r["actor"])]
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(base + "/unknown")
    row = page.locator("#unknown tbody tr", has_text="Marta Ozolina")
    assert row.count() == 1 and row.locator("td").nth(3).inner_text() == "1"  # one mention waits for her
    shoot(page, tmp_path, "unknown")
    row.locator("input[name=code]").fill("LVA")
    row.locator("select[name=sector]").select_option("GOV")
    with page.expect_navigation():
        row.locator("form.accept button").click()
    assert "added" in page.locator(".msg").inner_text()
    assert "Marta Ozolina" in (server["folder"] / "detente-actors.yaml").read_text()
    page.click("#recode-waiting button")
    page.wait_for_selector("#job-status:text('done')", timeout=120_000)
    summary = page.locator("#job-summary").inner_text()
    assert "0 failed; events: 1 created" in summary
    waiting = re.search(r"mentions waiting for the dictionary: (\d+) -> (\d+)", summary)
    assert waiting and int(waiting[2]) == int(waiting[1]) - 1, summary  # her one mention no longer waits
    shoot(page, tmp_path, "recode-job")
    page.goto(base + "/?dyad=LVA-BLR")
    assert page.locator("#timeline tbody tr").count() >= 1
    assert "Ozolina" in page.locator("#timeline").inner_text()
    assert [r for r in export(db) if any(a["code"] == "LVA" for a in r["actor"])]


def test_every_page_shows_hostile_text_as_text(browser, server, tmp_path):
    base, db = server["base"], server["db"]
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.on("dialog", lambda d: d.dismiss())
    # a hostile note and name, through the JSON API (a JSON body needs no CSRF cookie)
    hostile = next(r for r in export(db) if "Belavia" in r["evidence"][0]["text"] and "<img" in r["evidence"][0]["text"])
    page.request.post(base + "/api/corrections", data={"event_id": hostile["id"], "kind": "note", "note": EVIL_NOTE,
                                                      "who": "<script>window.__pwned=9</script>"})
    # and a hostile name and title in the user's actor file
    from detente.unknown import add_actor, default_actors_file

    ident = add_actor(EVIL_NAME, "LVA", "GOV", EVIL_TITLE, default_actors_file(db))
    pages = ["/", "/?review=true", f"/events/{hostile['id']}", "/dyads", "/dyads/USA-BLR", "/dyads/USA-BLR/report",
             "/actors?q=Roe", f"/actors/person:{ident}", "/actors/person:lukashenko", "/unknown", "/joins", "/sources", "/conflicts", "/corrections",
             "/ingest", f"/documents/{hostile['evidence'][0]['doc_id']}"]
    seen = ""
    for path in pages:
        resp = page.goto(base + path)
        assert resp.status == 200, path
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator("script").count() == 0, path
        assert page.locator("[onerror], [onmouseover], a[href^='javascript']").count() == 0, path
        seen += page.locator("body").inner_text()
        shoot(page, tmp_path, "page" + path.replace("/", "_").replace("?", "_").replace("=", "_")[:60])
    for text in ("<script>window.__pwned = 1</script>", '<img src=x onerror="window.__pwned = 2">', EVIL_NOTE,
                 "<script>window.__pwned=9</script>", "Evil Times</b>", EVIL_NAME, EVIL_TITLE):
        assert text in seen, text
