"""Explain says how each telling came to be part of its event (founded it, joined it, retold it undated) and
`sources` which events each article's tellings joined; texts written for these tests, several pairs of states."""
import json

import pytest
from typer.testing import CliRunner

from detente import api
from detente.cli import app
from detente.store import Store
from test_undated import body, ingest

DATED = ("Kenya frees Ugandan traders\n\nNAIROBI - Kenya freed 12 Ugandan traders on Monday after a month in "
         "custody, officials said.\n")
ALSO_DATED = ("Traders return home\n\nKAMPALA - Kenya released 12 Ugandan traders on Monday, Uganda's foreign "
              "ministry said.\n")
RETOLD = body("Kenya freed Ugandan traders, and Kampala thanked Nairobi.",
              opening="Traders home\n\nThe border market reopened on Wednesday, officials said.\n\n")
LONE = "ACCRA - Ghana recalled its ambassador from Togo on Friday after a border incident, the ministry said.\n"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest(tmp_path_factory.mktemp("joins"), {"a.txt": (DATED, "2025-04-08"), "b.txt": (ALSO_DATED, "2025-04-08"),
                                                     "c.txt": (RETOLD, "2025-04-10"), "d.txt": (LONE, "2025-05-03")})


def _event(db, actor):
    with Store(db, read_only=True) as s:
        return next(e for e in s.events() if {r.code for r in e.actor} == {actor}
                    and e.event in ("RETREAT", "SANCTION"))


def test_explain_names_the_event_a_retelling_joined_and_the_condition(store):
    e = _event(store, "KEN")
    info = api.explain(e.id, store)
    merged = {m["doc"]: m["merged"] for m in info["mentions"]}
    assert set(merged) == {"a.txt", "b.txt", "c.txt"}
    retold = merged["c.txt"]
    assert retold["role"] == "retold" and retold["event"] == e.id
    assert "undated retelling" in retold["why"] and e.id in retold["why"]
    assert "a.txt" in retold["why"] and "b.txt" in retold["why"]  # the articles that date the event it joined
    assert "2025-04-07" in retold["why"] and "release" in retold["why"]
    roles = sorted(m["role"] for m in merged.values())
    assert roles == ["founded", "joined", "retold"]
    dated = next(m for d, m in merged.items() if d != "c.txt" and m["role"] == "joined")
    assert "overlap" in dated["why"] and "the same count" in dated["why"]


def test_a_lone_telling_says_it_made_the_event(store):
    e = _event(store, "GHA")
    [m] = api.explain(e.id, store)["mentions"]
    assert m["merged"]["role"] == "alone" and "only telling" in m["merged"]["why"]


def test_cli_explain_and_sources_show_the_joins(store):
    e = _event(store, "KEN")
    r = CliRunner().invoke(app, ["explain", e.id, "--db", store])
    assert r.exit_code == 0, r.output
    assert sum(line.startswith("   merged: ") for line in r.output.splitlines()) == len(e.mentions) and "undated retelling" in " ".join(r.output.split())
    r = CliRunner().invoke(app, ["sources", "--db", store, "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    rows = {row["doc"]: row for row in map(json.loads, r.output.splitlines())}
    assert rows["c.txt"]["tellings"]["retold"] and rows["c.txt"]["tellings"]["retold"][0].startswith(e.id)
    assert "undated, joined: " + e.id in rows["c.txt"]["tellings_text"]
    assert rows["d.txt"]["tellings"]["shared"] == 0 and not rows["d.txt"]["tellings"]["retold"]
    assert rows["a.txt"]["tellings"]["shared"] >= 1


def test_the_web_event_and_sources_pages_show_the_joins_escaped(store):
    from fastapi.testclient import TestClient

    from detente.web import create_app

    e = _event(store, "KEN")
    try:
        with TestClient(create_app(store), base_url="http://127.0.0.1") as client:
            page = client.get(f"/events/{e.id}").text
            assert page.count('class="merged"') == len(e.mentions) and "undated retelling" in page
            sources = client.get("/sources").text
            assert 'class="tellings"' in sources and "undated, joined: " + e.id in sources
            rows = {r["doc"]: r for r in client.get("/api/sources").json()}
            assert rows["c.txt"]["tellings"]["retold"][0].startswith(e.id)
    finally:
        Store.ALWAYS_WRITABLE = False
