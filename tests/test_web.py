"""`detente serve` without a browser: the guards (token, CSRF, origin), uploads, every page over a store of
the demo corpus, and a property-based fuzz of the JSON API from its own OpenAPI schema (no 500s)."""
import io
import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

import detente
from detente.cli import app as cli_app
from detente.store import Store

schemathesis = pytest.importorskip("schemathesis")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("webdemo") / "demo.duckdb"
    detente.ingest([str(detente.demo_corpus())], str(db))
    return db


@pytest.fixture(scope="module")
def web_app(demo_db):
    from detente.web import create_app

    application = create_app(str(demo_db))
    yield application
    Store.ALWAYS_WRITABLE = False  # the flag is for a serving process: the other tests open stores read-only


@pytest.fixture
def client(web_app):
    with TestClient(web_app, base_url="http://127.0.0.1") as c:
        c.get("/")
        yield c


def csrf(client) -> str:
    return client.cookies.get("detente_csrf")


def first_event(client, **filters) -> dict:
    return client.get("/api/events", params=filters).json()["events"][0]


def test_pages_render(client):
    eid = first_event(client)["id"]
    for path in ("/", "/?dyad=USA-BLR&review=true&sort=-confidence&page=1", f"/events/{eid}", "/dyads",
                 "/dyads/USA-BLR", "/dyads/USA-BLR/report", "/dyads/USA-BLR/report?format=md&download=true",
                 "/actors", "/actors/person:lukashenko", "/unknown", "/joins", "/sources", "/conflicts",
                 "/corrections", "/ingest"):
        r = client.get(path)
        assert r.status_code == 200, (path, r.text[:300])
        assert "https://" not in r.text.split("</head>")[0] or path.endswith("report")  # nothing loaded from elsewhere
    assert "attachment" in client.get("/dyads/USA-BLR/report?download=true").headers["content-disposition"]
    assert client.get("/events/nope", headers={"accept": "text/html"}).status_code == 404
    assert client.get("/?dyad=USA").status_code == 400
    assert client.get("/?min_confidence=2").status_code == 400


def test_timeline_filters_and_pages(client):
    everything = client.get("/api/events", params={"per_page": 500}).json()
    pair = client.get("/api/events", params={"dyad": "USA-BLR", "per_page": 500}).json()
    assert 0 < pair["total"] < everything["total"]
    assert all({"USA", "BLR"} <= set((e["actor_codes"] + "," + e["recipient_codes"]).split(",")) for e in pair["events"])
    page2 = client.get("/api/events", params={"per_page": 5, "page": 2, "sort": "-date"}).json()
    dates = [e["date_start"] for e in everything["events"]]
    assert [e["date_start"] for e in page2["events"]] == sorted(dates, reverse=True)[5:10]
    low = client.get("/api/events", params={"max_confidence": 0.6, "per_page": 500}).json()["events"]
    assert low and all(e["confidence"] <= 0.6 for e in low)
    review = client.get("/api/events", params={"review": True, "per_page": 500}).json()["events"]
    assert review and all(e["review"] for e in review) and len(review) < everything["total"]
    types = client.get("/api/events", params={"event": "RETREAT", "per_page": 500}).json()["events"]
    assert types and {e["event"] for e in types} == {"RETREAT"}


def test_state_changes_need_the_csrf_token_and_a_same_origin(client):
    eid = first_event(client)["id"]
    assert client.post(f"/events/{eid}/correct", data={"note": "x"}).status_code == 403
    assert client.post(f"/events/{eid}/correct", data={"note": "x", "csrf": "forged"}).status_code == 403
    r = client.post(f"/events/{eid}/correct", data={"note": "x", "csrf": csrf(client)},
                    headers={"origin": "http://evil.example"})
    assert r.status_code == 403
    r = client.post(f"/events/{eid}/correct", data={"note": "a note", "csrf": csrf(client)}, follow_redirects=False)
    assert r.status_code == 303 and "saved" in r.headers["location"]
    assert client.get(f"/events/{eid}").text.count("a note") >= 1
    # a correction of the wrong shape is refused with its reason, nothing stored
    r = client.post(f"/events/{eid}/correct", data={"recipient": "not a code!", "csrf": csrf(client)})
    assert "not saved: not an actor code" in r.text


def test_undo_a_join_made_by_a_dictionary_alias(client, demo_db):
    page = client.get("/joins").text
    assert "Lukashenka" in page
    r = client.post("/joins/alias", data={"alias": "Lukashenka", "actor": "person:lukashenko", "csrf": csrf(client)})
    assert "no longer a spelling of person:lukashenko" in r.text
    from detente.actors import ActorDictionary
    from detente.unknown import default_actors_file

    d = ActorDictionary.load([default_actors_file(demo_db)])
    assert "Lukashenka" not in d.actors["person:lukashenko"]["aliases"] and "Lukashenko" in d.actors["person:lukashenko"]["aliases"]
    assert d.actors["person:lukashenko"]["roles"][0]["code"] == "BLR"
    r = client.post("/joins/alias", data={"alias": "Lukashenka", "actor": "person:lukashenko", "csrf": csrf(client)})
    assert "not undone" in r.text
    default_actors_file(demo_db).unlink()


def test_split_merge_and_not_an_event_from_the_event_page(client):
    rows = client.get("/api/events", params={"per_page": 500}).json()["events"]
    total = len(rows)
    two = next(r for r in rows if r["num_mentions"] > 1)
    rec = client.get(f"/api/events/{two['id']}").json()
    first = rec["evidence"][0]["mention_id"]
    r = client.post(f"/events/{two['id']}/split", data={"mention": first, "csrf": csrf(client)})
    assert "split 1 mention(s) off" in r.text
    assert client.get("/api/events", params={"per_page": 500}).json()["total"] == total + 1
    a, b = rows[0]["id"], rows[1]["id"]
    r = client.post(f"/events/{a}/merge", data={"other": b, "csrf": csrf(client)})
    assert "merged two events" in r.text
    assert client.get("/api/events", params={"per_page": 500}).json()["total"] == total
    r = client.post(f"/events/{rows[2]['id']}/not-event", data={"csrf": csrf(client)})
    assert "marked not an event" in r.text
    assert client.get("/api/events", params={"per_page": 500}).json()["total"] == total - 1
    shown = client.get("/api/events", params={"rejected": True}).json()["events"]
    assert [x["id"] for x in shown] == [rows[2]["id"]]
    for c in client.get("/api/corrections").json():
        if c["active"]:
            assert client.post(f"/api/corrections/{c['id']}/undo", json={}).status_code == 200
    assert client.get("/api/events", params={"per_page": 500}).json()["total"] == total


def test_token_guards_every_request(demo_db):
    from detente.web import create_app

    try:
        c = TestClient(create_app(str(demo_db), token="s3cret-token-123"), base_url="http://testserver.example")
        assert c.get("/").status_code == 401
        assert c.get("/api/events").status_code == 401
        assert c.get("/static/style.css").status_code == 401
        assert c.get("/api/events", headers={"authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/events", headers={"authorization": "Bearer s3cret-token-123"}).status_code == 200
        r = c.get("/?token=s3cret-token-123", follow_redirects=False)
        assert r.status_code == 303 and "token" not in r.headers["location"]
        assert c.get("/").status_code == 200  # the cookie carries it now
    finally:
        Store.ALWAYS_WRITABLE = False


def test_without_a_token_only_local_host_names_are_served(web_app):
    """DNS rebinding: another site's name pointed at 127.0.0.1 arrives with that name as Host."""
    assert TestClient(web_app, base_url="http://evil.example").get("/").status_code == 400
    assert TestClient(web_app, base_url="http://localhost:8000").get("/api/dyads").status_code == 200


def test_serve_refuses_another_address_without_a_token(demo_db, monkeypatch):
    monkeypatch.delenv("DETENTE_TOKEN", raising=False)
    r = CliRunner().invoke(cli_app, ["serve", "--host", "0.0.0.0", "--db", str(demo_db)])
    assert r.exit_code == 2 and "token" in r.output
    r = CliRunner().invoke(cli_app, ["serve", "--db", str(demo_db) + ".missing"])
    assert r.exit_code == 2 and "no such store" in r.output


def test_upload_is_kept_in_the_store_folder_and_reports_skips(client, demo_db, tmp_path):
    folder = demo_db.parent
    manifest = "\n".join([
        json.dumps({"id": "outside", "path": "../../../../etc/hostname"}),
        json.dumps({"id": "inline", "text": "Belarus freed 3 prisoners on Monday, officials in Minsk said.",
                    "published": "2025-03-03"}),
        json.dumps({"id": "x", "path": "<script>alert(1)</script>.txt"}),
        "{not json",
    ]) + "\n"
    files = [("files", ("../../escape.txt", b"Lithuania expelled a Belarusian diplomat on Friday.", "text/plain")),
             ("files", ("empty.txt", b"", "text/plain")),
             ("manifest", ("m.jsonl", manifest.encode(), "application/json"))]
    r = client.post("/ingest", files=files, data={"csrf": csrf(client), "published": "2025-03-07"},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    job = r.headers["location"]
    for _ in range(600):
        page = client.get(job).text
        if "running" not in page.split("job-status")[1][:20]:
            break
        import time

        time.sleep(0.1)
    assert "done" in page
    assert "is not a file uploaded with the manifest" in page  # the manifest's path outside the upload
    assert "empty.txt: " in page and "malformed" in page.lower()  # the CLI's one-line reasons
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert not (folder.parent / "escape.txt").exists() and not (folder / "escape.txt").exists()
    saved = list((folder / "detente-uploads").rglob("*"))
    assert any(p.name == "escape.txt" for p in saved)
    assert all(folder in p.resolve().parents for p in saved)


def test_upload_size_limit(client, monkeypatch):
    from detente.web import pages, sources

    too_big = pages.MAX_UPLOAD + 1
    r = client.post("/ingest", files=[("files", ("big.txt", b"x" * too_big, "text/plain"))], data={"csrf": csrf(client)})
    assert r.status_code == 413  # refused from its Content-Length, before the form is read
    monkeypatch.setattr(sources, "MAX_UPLOAD", 1000)  # and counted while it is written, for a lying length
    r = client.post("/ingest", files=[("files", ("big.txt", b"x" * 5000, "text/plain"))], data={"csrf": csrf(client)})
    assert r.status_code == 413


def test_json_api_corrections_roundtrip(client):
    eid = first_event(client, event="RETREAT")["id"]
    r = client.post("/api/corrections", json={"event_id": eid, "kind": "quantity", "value": "7", "who": "api"})
    assert r.status_code == 201, r.text
    cid = r.json()["id"]
    rec = client.get(f"/api/events/{eid}").json()
    assert rec["corrected"] and rec["quantity"]["value"] == 7
    assert client.post("/api/corrections", json={"event_id": eid, "kind": "type", "value": "NOPE"}).status_code == 400
    assert client.post("/api/corrections", json={"event_id": "ev-none", "kind": "note", "note": "x"}).status_code == 404
    assert client.post(f"/api/corrections/{cid}/undo", json={"who": "api"}).status_code == 200
    assert client.post(f"/api/corrections/{cid}/undo", json={}).status_code == 409
    assert not client.get(f"/api/events/{eid}").json()["corrected"]


def test_json_api_never_fails_with_a_server_error(web_app):
    """Every operation of the OpenAPI schema, with inputs Hypothesis draws from it (bounded: 12 per operation).
    Driven by hand rather than by schemathesis' pytest plugin, which does not load under this pytest."""
    local = {"Host": "127.0.0.1"}  # the app serves local host names only
    schema = schemathesis.openapi.from_asgi("/openapi.json", web_app, headers=local)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12

    for op in operations:
        @given(case=op.as_strategy())
        @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            response = case.call(headers=local)
            assert response.status_code < 500, (case.method, case.formatted_path, case.query, case.body,
                                                response.text[:300])

        check()
