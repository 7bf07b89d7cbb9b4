"""End to end on the bundled demo corpus: merged, dated, sourced events; re-ingest; explain."""
import datetime as dt
import json
from pathlib import Path

import pytest

import detente
from detente.store import Store

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    report = detente.ingest([str(detente.demo_corpus())], db)
    assert len(report.added) == 8 and not report.skipped
    return db


def codes(refs):
    return {r.code for r in refs}


def find(events, event, day=None, quantity=None):
    out = [e for e in events if e.event == event and (day is None or e.date_start <= day <= e.date_end)
           and (quantity is None or (e.quantity and e.quantity.value == quantity))]
    return out


def test_release_of_52_on_a_thursday_before_the_dateline(demo_db):
    events = detente.timeline(demo_db)
    (e,) = find(events, "RETREAT", dt.date(2025, 9, 11), 52)
    assert e.date_start == e.date_end == dt.date(2025, 9, 11)  # "on Thursday" in an article of Sept 12
    assert "BLR" in codes(e.actor)
    assert all(m.sentence and m.rule and m.date_how for m in e.mentions)


def test_first_release_told_by_several_articles_is_one_event(demo_db):
    events = detente.timeline(demo_db)
    (e,) = find(events, "RETREAT", dt.date(2025, 1, 25), 1)
    assert e.num_articles >= 2 and "BLR" in codes(e.actor)
    assert dt.date(2025, 1, 20) <= e.date_start <= e.date_end <= dt.date(2025, 1, 31)


def test_visit_of_june_21_is_one_event_with_an_exact_day(demo_db):
    events = detente.timeline(demo_db, dyad="USA-BLR")
    visits = [e for e in find(events, "CONSULT", dt.date(2025, 6, 21)) if e.mode == "visit"]
    assert len(visits) == 1
    assert visits[0].date_start == visits[0].date_end == dt.date(2025, 6, 21)
    assert codes(visits[0].actor) == {"USA"} and codes(visits[0].recipient) == {"BLR"}


def test_two_days_later_counts_from_the_call(demo_db):
    events = detente.timeline(demo_db)
    requests = [e for e in find(events, "REQUEST") if e.date_start == dt.date(2025, 8, 17)]
    assert requests and any("counted from the event before it" in m.date_how for m in requests[0].mentions)


def test_releases_in_different_months_are_different_events(demo_db):
    releases = [e for e in detente.timeline(demo_db) if e.event == "RETREAT" and e.mode == "release"]
    months = {(e.date_start.year, e.date_start.month) for e in releases if e.date_end - e.date_start < dt.timedelta(31)}
    assert len(months) >= 4


def test_no_non_event_becomes_evidence(demo_db):
    quotes = [json.loads(line) for line in (DATA / "demo-non-events.jsonl").read_text().splitlines() if line.strip()]
    sentences = [m.sentence for e in detente.timeline(demo_db) for m in e.mentions]
    for q in quotes:
        assert not any(q["quote"] in s for s in sentences), q["quote"]


def test_reingesting_changes_nothing(demo_db):
    with Store(demo_db, read_only=True) as s:
        before = s.stats()
    report = detente.ingest([str(detente.demo_corpus())], demo_db)
    assert not report.added and len(report.unchanged) == 8
    with Store(demo_db, read_only=True) as s:
        assert s.stats() == before


def test_export_jsonl_has_the_scorer_fields_and_evidence(demo_db, tmp_path):
    out = tmp_path / "events.jsonl"
    n = detente.export(demo_db, format="jsonl", out=str(out))
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == n > 0
    for r in records:
        assert {"id", "event", "mode", "actor", "recipient", "date", "enddate", "quantity", "cameo",
                "goldstein", "event_scale", "quad_code", "evidence"} <= set(r)
        assert r["evidence"] and all({"doc", "text", "start", "end", "rule"} <= set(ev) for ev in r["evidence"])


def test_explain_shows_rule_actors_and_date_reasoning(demo_db):
    e = detente.timeline(demo_db)[0]
    info = detente.explain(e.id[:10], demo_db)
    assert info["event"]["id"] == e.id
    for m in info["mentions"]:
        assert m["rule"] and m["date_how"] and m["actor"] and m["publication"]["source"] in (
            "manifest", "dateline", "html-meta", "inferred", "cli", "front-matter")


def test_dateless_article_gets_an_inferred_publication_interval(tmp_path):
    art = tmp_path / "undated.txt"
    art.write_text("Envoys meet again\n\nThe two governments held talks in Vilnius in March 2025. On June 4, "
                   "Minsk freed twelve prisoners after a visit by a U.S. delegation.\n", encoding="utf-8")
    db = str(tmp_path / "u.duckdb")
    detente.ingest([str(art)], db)
    with Store(db, read_only=True) as s:
        (doc,) = s.documents()
    assert doc.published_source == "inferred" and doc.published_start == dt.date(2025, 6, 4)
    assert doc.published_end > doc.published_start
    (e,) = [e for e in detente.timeline(db) if e.event == "RETREAT"]
    assert e.date_start == e.date_end == dt.date(2025, 6, 4) and e.quantity.value == 12


def test_the_parsing_thread_stops_when_the_consumer_does():
    import threading
    import time

    from detente.pipeline import _ahead

    def items():
        yield from range(100)

    gen = _ahead(iter(items()), depth=2)
    assert next(gen) == 0
    gen.close()  # the consumer stops early
    deadline = time.time() + 3
    while time.time() < deadline and any(t.name == "detente-parse" for t in threading.enumerate()):
        time.sleep(0.05)
    assert not any(t.name == "detente-parse" for t in threading.enumerate())


def test_a_signing_is_exported_as_agree_with_its_cameo_code_and_explain_says_which_rule_typed_it(tmp_path):
    # the analysts' convention: PLOVER AGREE, CAMEO 057 (sign formal agreement) and its Goldstein weight kept
    art = tmp_path / "pact.txt"
    art.write_text("Border pact signed\n\nGhana signed a border agreement with Togo in Accra on 6 March 2025, "
                   "the two governments said.\n", encoding="utf-8")
    db = str(tmp_path / "p.duckdb")
    detente.ingest([str(art)], db, published="2025-03-07")
    out = tmp_path / "events.jsonl"
    detente.export(db, format="jsonl", out=str(out))
    (r,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert (r["event"], r["cameo"], r["goldstein"], r["quad_code"]) == (["AGREE"], "057", 8.0, 1), r
    assert r["date"] == "2025-03-06" and r["context"] == ["diplomatic"]
    (m,) = detente.explain(r["id"], db)["mentions"]
    assert m["rule"] == "sign.agreement"
    assert any("type AGREE from rule sign.agreement" in n and "057 under SUPPORT" in n for n in m["notes"]), m["notes"]
