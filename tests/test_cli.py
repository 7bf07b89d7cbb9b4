"""The command line: bad inputs are reported one line each and the batch goes on; every format works."""
import json

import pytest
import yaml
from typer.testing import CliRunner

from detente import batch_write, pipeline
from detente.cli import app
from detente.store import Store

runner = CliRunner()

GOOD = ("Envoy in Vilnius\n\nPublished on 3 March 2025\n\nOn Monday, Lithuanian President Gitanas Nauseda "
        "received a Polish delegation in Vilnius. The talks covered border security.\n")
OTHER = ("Second visit\n\nPublished on 10 March 2025\n\nOn Friday a Latvian delegation visited Vilnius and "
         "held talks with Lithuanian officials.\n")
GERMAN = ("Die Regierung in Berlin hat am Montag neue Gespräche mit Polen angekündigt. Der Außenminister "
          "sagte, beide Länder wollten die Zusammenarbeit an der Grenze vertiefen und regelmäßig beraten. "
          "Die Opposition kritisierte den Plan scharf und verlangte mehr Transparenz im Parlament.\n")


@pytest.fixture
def batch(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (d / "noise.txt").write_bytes(bytes(range(128, 256)) * 20)
    (d / "german.txt").write_text(GERMAN, encoding="utf-8")
    return d


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_bad_inputs_are_named_with_a_reason_and_the_rest_is_stored(batch, tmp_path):
    db = tmp_path / "s.duckdb"
    r = run("ingest", batch, tmp_path / "missing.txt", "--db", db)
    assert r.exit_code == 1  # some inputs were skipped
    lines = [ln for ln in r.output.splitlines() if ln.startswith("skipped")]
    reasons = {name: next(ln for ln in lines if name in ln) for name in
               ("empty.txt", "binary.txt", "noise.txt", "german.txt", "missing.txt")}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "encoding" in reasons["noise.txt"]
    assert "English" in reasons["german.txt"]
    assert "no such file" in reasons["missing.txt"]
    assert len(lines) == 5
    with Store(db, read_only=True) as s:
        assert [d.name for d in s.documents()] == ["good.txt"]
    r = run("timeline", "--db", db, "--format", "json")
    events = json.loads(r.output)  # one JSON document
    assert any(e["event"] == ["CONSULT"] and {a["code"] for a in e["actor"]} == {"POL"} and
               e["date"] == "2025-03-03" for e in events)


def test_an_interrupted_ingest_keeps_what_was_stored_and_nothing_half_written(tmp_path, monkeypatch):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    (d / "b.txt").write_text(OTHER, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    real_recluster = pipeline.recluster

    def merge_then_crash(mentions, events):
        written, same, gone, moved = real_recluster(mentions, events)
        if any(m.doc_name == "b.txt" for m in mentions):
            for e in written:  # the event rows of the second article cannot be written
                e.actor = [object()]
        return written, same, gone, moved

    # the writer's batch (batch_write) fails on it, then writing one by one stores all but that article
    monkeypatch.setattr(batch_write, "recluster", merge_then_crash)
    monkeypatch.setattr(pipeline, "recluster", merge_then_crash)
    r = run("ingest", d, "--db", db)
    assert r.exit_code == 1 and "skipped" in r.output and "b.txt" in r.output  # that article, not the batch
    with Store(db, read_only=True) as s:
        assert [doc.name for doc in s.documents()] == ["a.txt"]
        assert s.con.execute("SELECT count(*) FROM mentions WHERE doc_id NOT IN (SELECT id FROM documents)"
                             ).fetchone()[0] == 0
    monkeypatch.undo()
    r = run("ingest", d, "--db", db)  # the rest can be ingested afterwards
    assert r.exit_code == 0 and "1 added, 1 unchanged" in r.output


def test_formats_export_explain_and_timex(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(GOOD, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert run("ingest", art, "--db", db).exit_code == 0
    md = run("timeline", "--db", db, "--format", "md").output
    assert md.startswith("| date |") and "CONSULT" in md
    csv_out = run("timeline", "--db", db, "--format", "csv").output
    assert csv_out.splitlines()[0].startswith("id,date,enddate,event")
    table = run("timeline", "--db", db, "--dyad", "POL-LTU").output
    assert "CONSULT" in table and "1 events" in table
    assert "0 events" in run("timeline", "--db", db, "--dyad", "USA-BLR").output
    out = tmp_path / "e.jsonl"
    assert run("export", "--db", db, "-o", out).exit_code == 0
    (rec,) = [json.loads(x) for x in out.read_text().splitlines()]
    assert rec["event"] == ["CONSULT"] and rec["evidence"][0]["doc"] == "a.txt"
    r = run("export", "--db", db, "--format", "csv")
    assert r.output.splitlines()[0] == csv_out.splitlines()[0]  # one CSV column set for timeline and export
    r = run("explain", rec["id"], "--db", db)
    assert r.exit_code == 0 and "rule" in r.output and "Monday" in r.output and "dateline" in r.output
    assert run("explain", "ev-nope", "--db", db).exit_code == 2
    r = runner.invoke(app, ["timex", "--published", "2025-03-05"], input="They met on Monday and again two days later.")
    recs = [json.loads(x) for x in r.output.splitlines()]
    assert recs[0]["text"] == "Monday" and recs[0]["value"] == "2025-03-03"
    assert recs[1]["type"] == "DATE" and recs[1]["anchor"] == "previous_event"


def test_reading_a_missing_store_is_a_clear_error(tmp_path):
    r = run("timeline", "--db", tmp_path / "none.duckdb")
    assert r.exit_code == 2 and "no such store" in r.output


@pytest.mark.parametrize("command", [["timeline"], ["export", "-o", "-"], ["explain", "ev-0"], ["check"], ["sources"],
                                     ["dyads"], ["recode"], ["ingest", "-"]])
def test_a_file_that_is_no_store_is_a_clear_error_naming_it(tmp_path, command):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("these are my notes, not a database\n", encoding="utf-8")
    r = run(*command, "--db", bad)
    assert r.exit_code == 2, r.output
    assert "not a detente store" in r.output and str(bad) in r.output and "internal error" not in r.output, r.output
    assert bad.read_text(encoding="utf-8") == "these are my notes, not a database\n"  # left as it was


def test_every_analysis_command_runs_from_the_command_line(tmp_path):
    import detente

    db = tmp_path / "demo.duckdb"
    detente.ingest([str(detente.demo_corpus())], str(db))
    for args in (["ledger", "--dyad", "USA-BLR"], ["trend", "--dyad", "USA-BLR"], ["dyads"], ["conflicts"],
                 ["sources"]):
        r = run(*args, "--db", db)
        assert r.exit_code == 0, (args, r.output)
        assert r.output.strip()
    out = tmp_path / "r.html"
    r = run("report", "--dyad", "USA-BLR", "--db", db, "-o", out)
    assert r.exit_code == 0 and out.read_text().lstrip().lower().startswith("<!doctype html")
    r = run("report", "--dyad", "USA-BLR", "--db", db, "-o", tmp_path / "r.md", "--format", "md")
    assert r.exit_code == 0 and (tmp_path / "r.md").read_text().startswith("#")


def test_a_user_fixes_actors_and_patterns_without_python(tmp_path):
    from importlib import resources

    art = tmp_path / "a.txt"
    art.write_text("Envoy in Riga\n\nPublished on 3 March 2025\n\nOn Monday, Ilze Kalnina visited Vilnius and held "
                   "talks with Lithuanian officials.\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert run("ingest", art, "--db", db).exit_code == 0
    assert "LVA" not in run("timeline", "--db", db, "--format", "csv").output  # nobody knows her yet
    r = run("actors", "add", "Ilze Kalnina", "--code", "LVA", "--sector", "GOV", "--db", db)
    assert r.exit_code == 0, r.output
    assert (tmp_path / "detente-actors.yaml").is_file()
    db2 = tmp_path / "s2.duckdb"  # the user file next to the store is read by the next ingest
    assert run("ingest", art, "--db", db2).exit_code == 0
    assert "LVA" in run("timeline", "--db", db2, "--format", "csv").output
    # a pattern file without the CONSULT patterns: the visit is no longer coded
    shipped = yaml.safe_load((resources.files("detente") / "data" / "patterns.yaml").read_text())
    shipped["patterns"] = [p for p in shipped["patterns"] if p["event"] != "CONSULT"]
    own = tmp_path / "mine.yaml"
    own.write_text(yaml.safe_dump(shipped))
    db3 = tmp_path / "s3.duckdb"
    assert run("ingest", art, "--db", db3, "--patterns", own).exit_code == 0
    assert "CONSULT" not in run("timeline", "--db", db3, "--format", "csv").output
    assert run("ingest", art, "--db", db3, "--patterns", tmp_path / "none.yaml").exit_code == 2


def test_timex_refuses_what_ingest_refuses_without_blocking(tmp_path):
    """`timex FILE` reads a file with ingest's guards: a FIFO would block for ever, a binary file is no text."""
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    for path, reason in ((fifo, "FIFO"), (binary, "binary"), (tmp_path, "directory"), (tmp_path / "no.txt", "no such")):
        r = run("timex", path)
        assert r.exit_code == 2 and reason in r.output and len(r.output.strip().splitlines()) == 1
    text = tmp_path / "t.txt"
    text.write_text("The envoys met in Riga on 4 May 2025.", encoding="utf-8")
    (rec,) = [json.loads(x) for x in run("timex", text).output.splitlines()]
    assert rec["value"] == "2025-05-04"


def test_a_timeline_table_shows_a_page_and_says_how_many_more(tmp_path):
    for name, text in (("a.txt", GOOD), ("b.txt", OTHER)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert run("ingest", tmp_path / "a.txt", tmp_path / "b.txt", "--db", db).exit_code == 0
    every = json.loads(run("timeline", "--db", db, "--format", "json").output)
    assert len(every) >= 2
    r = run("timeline", "--db", db, "--format", "md", "--limit", "1")
    rows = [ln for ln in r.output.splitlines() if ln.startswith("| 2025")]
    assert len(rows) == 1 and rows[0].startswith(f"| {every[0]['date']}")
    assert f"the first 1 events shown; {len(every) - 1:,} more" in r.output
    r = run("timeline", "--db", db, "--limit", "0")  # all of them, and nothing said about more
    assert f"{len(every)} events" in r.output and "more" not in r.output
    assert len(json.loads(run("timeline", "--db", db, "--format", "json", "--limit", "1").output)) == len(every)
