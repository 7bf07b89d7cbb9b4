"""`detente recode`: a fixed actor dictionary takes effect on the stored articles.

The articles are written for these tests: a Latvian envoy the dictionary lacks meets Lithuanian officials
(told by two articles), and a Lithuanian article about a Polish delegation that the dictionary resolves."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import detente
from detente import api
from detente.cli import app
from detente.store import Store
from detente.unknown import add_actor, survey

runner = CliRunner()

TALKS = ("Border talks in Vilnius\n\n"
         "Envoy Ilze Berzina met Lithuanian officials in Vilnius on Monday to discuss a border crossing.\n"
         "The talks lasted three hours, a ministry spokeswoman said.\n")
FOLLOW_UP = ("Crossing may reopen\n\n"
             "Ilze Berzina held talks with Lithuanian officials in Vilnius on Monday.\n"
             "Berzina said Riga hoped the crossing would reopen in May.\n")
POLISH = ("Polish visit\n\n"
          "Lithuanian President Gitanas Nauseda received a Polish delegation in Vilnius on Tuesday.\n"
          "Yoruba leaders met Lithuanian officials in Vilnius on Wednesday.\n")


def make_store(folder: Path, **articles: str) -> str:
    (folder / "in").mkdir(parents=True)
    for name, text in articles.items():
        (folder / "in" / f"{name}.txt").write_text(text, encoding="utf-8")
    db = folder / "s.duckdb"
    report = detente.ingest([str(folder / "in")], str(db), published="2025-04-09")
    assert not report.skipped
    return str(db)


def snapshot(db: str) -> tuple:
    """Everything stored about mentions and events, but the time stamps."""
    with duckdb.connect(db, read_only=True) as con:
        mentions = con.execute("SELECT id, doc_id, event_id, record FROM mentions ORDER BY id").fetchall()
        events = con.execute("SELECT * EXCLUDE (updated_at) FROM events ORDER BY id").fetchall()
    return mentions, events


def berzina_events(db: str) -> list:
    return [e for e in detente.timeline(db) if any(a.actor_id == "person:ilze-berzina" for a in e.actor)]


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """One ingested store, copied by each test (ingesting is the slow part)."""
    folder = tmp_path_factory.mktemp("recode") / "base"
    make_store(folder, talks=TALKS, follow_up=FOLLOW_UP, polish=POLISH)
    return folder


@pytest.fixture(scope="module")
def berzina(tmp_path_factory) -> str:
    """A user actor file listing the envoy, shared by the tests (one entity ruler to build, not one each)."""
    path = tmp_path_factory.mktemp("actors") / "mine.yaml"
    add_actor("Ilze Berzina", "LVA", "GOV", "Special Envoy", path, aliases=["Berzina"])
    return str(path)


@pytest.fixture
def db(base, tmp_path) -> str:
    shutil.copytree(base, tmp_path / "s")
    return str(tmp_path / "s" / "s.duckdb")


def test_an_unknown_doer_waits_without_an_event(db):
    with Store(db, read_only=True) as store:
        waiting = store.unresolved_mentions()
        assert {m.doc_name for m in waiting} == {"talks.txt", "follow_up.txt", "polish.txt"}
        assert sorted(store.document_ids(only_waiting=True)) == sorted(store.waiting_documents())
        assert len(store.waiting_documents()) == 3
    talks = next(m for m in waiting if m.doc_name == "talks.txt")
    assert (talks.actor[0].code, talks.actor[0].how) == ("", "unresolved")
    assert "Ilze Berzina" in talks.actor[0].entity_text
    assert berzina_events(db) == []
    assert {a.code for e in detente.timeline(db) for a in e.actor} == {"POL"}  # the resolved article's event


def test_unknown_counts_the_mentions_waiting_for_an_actor_and_lists_other_doers(db):
    seen = survey(db)
    found, phrases = seen.actors, seen.phrases
    envoy = next(u for u in found if u.name == "Ilze Berzina")
    assert envoy.waiting == 2  # one mention in each article
    assert [(p.name, p.kind, p.waiting) for p in phrases] == [("Yoruba leaders", "phrase", 1)]
    assert "Yoruba leaders met" in phrases[0].sightings[0].sentence
    r = runner.invoke(app, ["actors", "--unknown", "--db", db])
    assert r.exit_code == 0, r.output
    assert "Yoruba leaders" in r.stdout and "detente recode --waiting" in r.stdout
    r = runner.invoke(app, ["actors", "--unknown", "--db", db, "--format", "jsonl"])
    rows = {d["name"]: d for d in map(json.loads, r.stdout.splitlines())}
    assert rows["Ilze Berzina"]["waiting"] == 2 and rows["Yoruba leaders"]["kind"] == "phrase"


def test_unknown_says_which_waiting_mentions_an_added_actor_now_resolves(db):
    r = runner.invoke(app, ["actors", "add", "Ilze Berzina", "--code", "LVA", "--sector", "GOV", "--db", db])
    assert r.exit_code == 0, r.output
    seen = survey(db)
    assert seen.listed_since == 2 and "Ilze Berzina" not in {u.name for u in seen.actors}
    assert [p.name for p in seen.phrases] == ["Yoruba leaders"]  # not listed as a doer nobody names


def test_recode_waiting_applies_an_added_actor(db, berzina):
    before = snapshot(db)
    report = api.recode(db, only_waiting=True, actor_files=[berzina])
    assert sorted(report.recoded) == ["follow_up.txt", "polish.txt", "talks.txt"] and not report.failed
    assert (report.waiting_before, report.waiting_after) == (3, 1)  # only the Yoruba leaders still wait
    assert (report.events_created, report.events_deleted) == (1, 0)
    (event,) = berzina_events(db)
    assert [r.code for r in event.recipient] == ["LTU"] and event.event == "CONSULT"
    assert {m.doc_name for m in event.mentions} == {"talks.txt", "follow_up.txt"}  # one meeting, two articles
    info = api.explain(event.id, db)
    assert any("Envoy Ilze Berzina met Lithuanian officials" in m["sentence"] for m in info["mentions"])
    # the event the dictionary already resolved is untouched
    polish = [e for e in before[1] if "POL" in e[8]]
    assert polish and all(e in snapshot(db)[1] for e in polish)


def test_recode_with_an_unchanged_dictionary_changes_nothing(db, berzina):
    api.recode(db, only_waiting=True, actor_files=[berzina])
    before = snapshot(db)
    report = api.recode(db, actor_files=[berzina])
    assert len(report.recoded) == 3
    assert report.mentions_before == report.mentions_after
    assert (report.events_created, report.events_changed, report.events_deleted) == (0, 0, 0)
    assert snapshot(db) == before


def test_taking_an_actor_back_rebuilds_then_deletes_its_event(db, berzina):
    api.recode(db, only_waiting=True, actor_files=[berzina])
    (event,) = berzina_events(db)
    report = api.recode(db, docs=["talks.txt"])
    assert report.recoded == ["talks.txt"] and report.events_changed == 1 and report.events_deleted == 0
    (left,) = berzina_events(db)
    assert left.id == event.id and [m.doc_name for m in left.mentions] == ["follow_up.txt"]
    report = api.recode(db, docs=["follow_up.txt"])
    assert report.events_deleted == 1 and berzina_events(db) == []
    with Store(db, read_only=True) as store:
        assert len(store.unresolved_mentions()) == 3


def test_a_failed_document_keeps_its_old_coding_and_the_rest_goes_on(db, berzina, monkeypatch):
    before = snapshot(db)
    real, calls = Store._insert, []

    def fail_once(self, table, rows):
        """The first write of the envoy's event fails, after the document's old mentions were deleted."""
        if table == "events" and any("LVA" in str(r) for r in rows) and not calls:
            calls.append(table)
            raise RuntimeError("disk full\nsecond line")
        return real(self, table, rows)

    monkeypatch.setattr(Store, "_insert", fail_once)
    report = api.recode(db, only_waiting=True, actor_files=[berzina])
    assert len(report.failed) == 1 and str(report.failed[0]).endswith(": RuntimeError: disk full")
    failed = report.failed[0].path
    assert failed in ("talks.txt", "follow_up.txt") and len(report.recoded) == 2
    mentions, _ = snapshot(db)
    with Store(db, read_only=True) as store:
        doc_id = next(d.id for d in store.documents() if d.name == failed)
    assert [m for m in mentions if m[1] == doc_id] == [m for m in before[0] if m[1] == doc_id]
    (event,) = berzina_events(db)  # made by the other article alone
    assert [m.doc_name for m in event.mentions] == [({"talks.txt", "follow_up.txt"} - {failed}).pop()]
    report = api.recode(db, only_waiting=True, actor_files=[berzina])  # once the disk is back, the failed one joins it
    assert set(report.recoded) == {failed, "polish.txt"} and report.events_changed == 1
    assert len(berzina_events(db)[0].mentions) == 2


def test_an_interrupted_recode_leaves_the_store_as_it_was(db, berzina, monkeypatch):
    before = snapshot(db)
    real = Store._insert

    def interrupt(self, table, rows):
        """Ctrl-C while the first new event is written, after the document's old mentions were deleted."""
        if table == "events":
            raise KeyboardInterrupt
        return real(self, table, rows)

    monkeypatch.setattr(Store, "_insert", interrupt)
    with pytest.raises(KeyboardInterrupt):
        api.recode(db, actor_files=[berzina])
    assert snapshot(db) == before
    monkeypatch.setattr(Store, "_insert", real)
    assert api.recode(db, actor_files=[berzina]).events_created == 1


def test_cli_recode_waiting(db):
    r = runner.invoke(app, ["actors", "add", "Ilze Berzina", "--code", "LVA", "--sector", "GOV", "--db", db])
    assert r.exit_code == 0, r.output
    assert "detente recode --waiting" in r.stderr
    r = runner.invoke(app, ["recode", "--waiting", "--db", db])
    assert r.exit_code == 0, r.output
    assert "3 documents recoded, 0 failed" in r.stderr and "1 created" in r.stderr
    assert len(berzina_events(db)) == 1
    r = runner.invoke(app, ["recode", "--db", db])
    assert r.exit_code == 0 and "0 created, 0 changed, 0 deleted" in r.stderr


def test_cli_recode_reports_a_missing_store_or_file_in_one_line(tmp_path, db):
    r = runner.invoke(app, ["recode", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 2 and "no such store" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = runner.invoke(app, ["recode", "--db", db, "--actors", str(tmp_path / "none.yaml")])
    assert r.exit_code == 2 and "no such file" in r.stderr


def test_recoding_a_whole_corpus_with_the_same_files_changes_nothing(tmp_path):
    """The bundled demo articles share events across articles: taking each article's mentions out and
    merging them back must leave every event, and every mention's event, as it was."""
    db = str(tmp_path / "demo.duckdb")
    detente.ingest([str(detente.demo_corpus())], db)
    before = snapshot(db)
    report = api.recode(db)
    assert len(report.recoded) == 8 and not report.failed
    assert (report.events_created, report.events_changed, report.events_deleted) == (0, 0, 0)
    assert snapshot(db) == before
