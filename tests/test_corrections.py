"""Corrections: keyed to the evidence, applied after merging, kept through recode, undoable, in exports, and
turned into dictionary and pattern entries; `detente corrections` (list, export, undo).

The Riga article is written for these tests: a businessman the dictionary lacks, coded by a guess from his title."""
import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import detente
from detente import corrections as fix
from detente.cli import app
from detente.store import Store

RIGA = ("Riga talks\n\nRIGA, March 3, 2025 - Latvian businessman Arvids Kalejs met Belarusian opposition leader "
        "Sviatlana Tsikhanouskaya in Riga on Monday.\n")
runner = CliRunner()


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corr-base")
    (folder / "riga.txt").write_text(RIGA, encoding="utf-8")
    db = folder / "s.duckdb"
    detente.ingest([str(detente.demo_corpus()), str(folder / "riga.txt")], str(db))
    return db


@pytest.fixture
def db(base, tmp_path):
    """A fresh copy of the store per test (corrections change it), in a folder of its own."""
    shutil.copy(base, tmp_path / "s.duckdb")
    return str(tmp_path / "s.duckdb")


def records(db) -> dict[str, dict]:
    buf = io.StringIO()
    detente.export(db, out=buf)
    return {r["id"]: r for r in map(json.loads, buf.getvalue().splitlines())}


def pick(db, **want):
    return next(e for e in detente.timeline(db) if all(getattr(e, k) == v for k, v in want.items()))


def test_type_and_recipient_corrections_show_in_exports_with_the_original(db):
    e = pick(db, event="AGREE")
    fix.correct(db, e.id, "type", "CONSULT visit", who="ana")
    fix.correct(db, e.id, "recipient", "RUS-GOV")
    rec = records(db)[e.id]
    assert (rec["event"], rec["mode"], rec["cameo"]) == ("CONSULT", "visit", "042")
    assert [(r["code"], r["sector"]) for r in rec["recipient"]] == [("RUS", "GOV")]
    assert rec["corrected"] and rec["original"]["event"] == "AGREE" and rec["original"]["mode"] is None
    assert [c["kind"] for c in rec["corrections"]] == ["type", "recipient"] and rec["corrections"][0]["who"] == "ana"
    assert sum(r["corrected"] for r in records(db).values()) == 1
    buf = io.StringIO()
    detente.export(db, format="csv", out=buf)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(buf.getvalue()))}
    assert rows[e.id]["corrected"] == "True" and rows[e.id]["event"] == "CONSULT"
    assert rows[e.id]["original"].startswith("AGREE USA-GOV->BLR-GOV 2025-")
    # the views read corrected events too: the dyad's trend and ledger see a visit, not a pledge
    from detente.trend import dyad_events

    assert [x.event for x in dyad_events(db, "USA-RUS") if x.id == e.id] == ["CONSULT"]


def test_corrections_are_keyed_to_evidence_not_event_ids(db):
    e = pick(db, event="AGREE")
    fix.correct(db, e.id, "date", "2025-08-14..2025-08-15")
    # recoding may give events new ids: the correction finds its sentence again
    with Store(db) as s:
        s.con.execute("UPDATE events SET id = 'ev-renamed' WHERE id = ?", [e.id])
        s.con.execute("UPDATE mentions SET event_id = 'ev-renamed' WHERE event_id = ?", [e.id])
    rec = records(db)["ev-renamed"]
    assert (rec["date_start"], rec["date_end"]) == ("2025-08-14", "2025-08-15") and rec["corrected"]
    assert detente.explain("ev-renamed", db)["event"]["corrected"]


def test_corrections_survive_recode_and_reingest_and_undo(db):
    e = pick(db, event="RETREAT", mode="release")
    c = fix.correct(db, e.id, "quantity", "15")
    detente.recode(db)
    detente.ingest([str(detente.demo_corpus())], db)  # nothing new: every article is stored already
    after = [r for r in records(db).values() if r["corrected"]]
    assert len(after) == 1 and after[0]["quantity"]["value"] == 15
    assert after[0]["original"]["quantity"] == (e.quantity.value if e.quantity else None)
    fix.undo(db, c.id, who="ana")
    assert not any(r["corrected"] for r in records(db).values())
    listed = detente.list_corrections(db)
    assert [(x.kind, x.active, x.undone_by) for x in listed] == [("quantity", False, "ana")]
    with pytest.raises(ValueError):
        fix.undo(db, c.id)


def test_not_an_event_split_and_merge(db):
    n = len(detente.timeline(db))
    two = next(e for e in detente.timeline(db) if e.num_mentions > 1)
    s = fix.correct(db, two.id, "split", mentions=[two.mentions[0].id])
    events = detente.timeline(db)
    assert len(events) == n + 1
    split = next(e for e in events if e.id.startswith("ev-split-"))
    assert [m.id for m in split.mentions] == [two.mentions[0].id]
    rest = next(e for e in events if e.id == two.id)
    assert two.mentions[0].id not in {m.id for m in rest.mentions} and rest.num_mentions == two.num_mentions - 1
    assert detente.explain(split.id, db)["event"]["corrected"]  # a split-off event has a page of its own
    fix.undo(db, s.id)
    assert len(detente.timeline(db)) == n

    a, b = detente.timeline(db)[:2]
    m = fix.correct(db, a.id, "merge", other_event=b.id)
    events = detente.timeline(db)
    assert len(events) == n - 1
    merged = next(e for e in events if e.id == a.id)
    assert {x.id for x in a.mentions + b.mentions} == {x.id for x in merged.mentions}
    with Store(db, read_only=True) as store:
        assert store.event(b.id).id == a.id  # the merged-away event leads to the one it joined
    fix.undo(db, m.id)

    x = fix.correct(db, a.id, "not_event", note="a headline, not a happening")
    assert a.id not in {e.id for e in detente.timeline(db)} and a.id not in records(db)
    with Store(db, read_only=True) as store:
        assert fix.not_an_event(store.event(a.id))
    fix.undo(db, x.id)
    assert len(detente.timeline(db)) == n
    with pytest.raises(ValueError):
        fix.correct(db, a.id, "merge", other_event=a.id)
    with pytest.raises(ValueError):
        fix.correct(db, two.id, "split", mentions=[m.id for m in two.mentions])


def test_bad_values_are_refused_with_the_reason(db):
    e = detente.timeline(db)[0]
    for kind, value, says in [("type", "PARTY", "unknown PLOVER type"), ("mode", "dance", "unknown PLOVER mode"),
                              ("recipient", "U.S.A.", "not an actor code"), ("actor", "", "needs an actor"),
                              ("date", "2025-02-30", "YYYY-MM-DD"), ("date", "2025-03-02..2025-03-01", "before"),
                              ("quantity", "many", "a number"), ("quantity", "-4", "between"), ("note", "", "some text"),
                              ("rename", "x", "unknown correction")]:
        with pytest.raises(ValueError, match=says):
            fix.correct(db, e.id, kind, value)
    with pytest.raises(KeyError):
        fix.correct(db, "ev-nope", "note", note="x")
    assert detente.list_corrections(db) == []


def test_a_note_is_shown_but_changes_nothing(db):
    e = detente.timeline(db)[0]
    fix.correct(db, e.id, "note", note="check the Minsk wire")
    rec = records(db)[e.id]
    assert rec["corrected"] is False and rec["corrections"][0]["note"] == "check the Minsk wire"


def test_an_actor_correction_goes_into_the_dictionary(db):
    e = next(e for e in detente.timeline(db) if any(r.entity_text == "Arvids Kalejs" for r in e.actor))
    assert [(r.code, r.sector, r.how) for r in e.actor] == [("LVA", "BUS", "guess:title")]
    c = fix.correct(db, e.id, "actor", "LVA-GOV")
    assert fix.apply_to_dictionary(db, c.id) == ["arvids-kalejs"]
    user = yaml.safe_load((Path(db).parent / "detente-actors.yaml").read_text())
    assert user["actors"][0]["name"] == "Arvids Kalejs" and user["actors"][0]["roles"][0]["sector"] == "GOV"
    fix.undo(db, c.id)
    detente.recode(db)
    e = next(e for e in detente.timeline(db) if any(r.entity_text == "Arvids Kalejs" for r in e.actor))
    assert [(r.code, r.sector, r.how) for r in e.actor] == [("LVA", "GOV", "dictionary")] and not e.corrections
    pronoun = next(e for e in detente.timeline(db) if any(r.entity_text == "he" for r in e.actor))
    c = fix.correct(db, pronoun.id, "actor", "USA-GOV")
    with pytest.raises(ValueError, match="nothing to add"):
        fix.apply_to_dictionary(db, c.id)


def test_a_type_correction_suggests_a_pattern_that_codes_it(db):
    e = next(e for e in detente.timeline(db) if any(r.entity_text == "Arvids Kalejs" for r in e.actor))
    assert e.event == "CONSULT"
    c = fix.correct(db, e.id, "type", "AGREE")
    text = fix.suggested_pattern(db, c.id)
    entries = yaml.safe_load(text)
    entry = next(x for x in entries if x["pos"] == "VERB")
    assert (entry["lemmas"], entry["event"], entry["cameo"]) == (["meet"], "AGREE", "030")
    assert len(entries) == len(e.mentions)  # one per trigger word of the evidence
    path = fix.save_pattern(db, text)
    assert path.name == "detente-patterns.yaml" and path.parent == Path(db).parent
    fix.undo(db, c.id)
    detente.recode(db)  # the saved pattern now codes the sentence as the analyst did
    e = next(e for e in detente.timeline(db) if any(r.entity_text == "Arvids Kalejs" for r in e.actor))
    assert e.event == "AGREE" and not e.corrections and entry["id"] in {m.rule for m in e.mentions}
    with pytest.raises(ValueError):
        fix.save_pattern(db, "- {id: broken}\n")
    assert yaml.safe_load(path.read_text())["patterns"][0]["id"] == entries[0]["id"]  # the file as it was


def test_cli_lists_exports_and_undoes(db, tmp_path):
    e = detente.timeline(db)[0]
    c = fix.correct(db, e.id, "note", note="<b>check</b>", who="ana")
    r = runner.invoke(app, ["corrections", "--format", "json", "--db", db])
    assert r.exit_code == 0 and json.loads(r.stdout)["note"] == "<b>check</b>"
    r = runner.invoke(app, ["corrections", "export", "-o", str(tmp_path / "c.jsonl"), "--db", db])
    assert r.exit_code == 0 and json.loads((tmp_path / "c.jsonl").read_text())["id"] == c.id
    r = runner.invoke(app, ["corrections", "undo", str(c.id), "--who", "bo", "--db", db])
    assert r.exit_code == 0 and "undone #1" in r.output
    r = runner.invoke(app, ["corrections", "undo", "99", "--db", db])
    assert r.exit_code == 2 and "no correction 99" in r.output
    r = runner.invoke(app, ["corrections", "list", "--db", db])
    assert r.exit_code == 0 and "0 correction(s)" in r.stdout
    r = runner.invoke(app, ["corrections", "list", "--all", "--db", db])
    assert "undone" in r.stdout
