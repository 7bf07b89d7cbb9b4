"""Exports in the field's formats: PLOVER records valid against the schema written from the PLOVER JSON
specification, Parquet with typed columns, one JSON document for json, JSON Lines for jsonl, the same CSV
columns everywhere, a mentions table, and `-` for standard output."""
import csv
import io
import json
from importlib import resources

import duckdb
import jsonschema
import pytest
from typer.testing import CliRunner

import detente
from detente.cli import app
from detente.views import DETENTE_FIELDS, PLOVER_FIELDS

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("export") / "demo.duckdb")
    detente.ingest([str(detente.demo_corpus())], db)
    return db


def schema() -> dict:
    return json.loads((resources.files("detente") / "data" / "plover-event.schema.json").read_text(encoding="utf-8"))


def test_every_exported_record_validates_against_the_plover_schema(demo_db):
    buf = io.StringIO()
    n = detente.export(demo_db, format="jsonl", out=buf)
    records = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert len(records) == n > 10
    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    for r in records:
        errors = sorted(validator.iter_errors(r), key=str)
        assert not errors, (r["id"], [e.message for e in errors])
        assert isinstance(r["event"], list) and isinstance(r["mode"], list) and isinstance(r["context"], list)
        assert r["quad_code"] in (1, 2, 3, 4) and r["enddate"] >= r["date"]
        assert r["cite_info"]["title"] and r["text"] == r["evidence"][0]["text"]
        assert set(DETENTE_FIELDS) <= set(r)
    # the quad code is PLOVER's numbering: a release is material cooperation (2), an arrest material conflict (4)
    by_type = {(r["event"][0], tuple(r["mode"])): r["quad_code"] for r in records}
    assert by_type.get(("RETREAT", ("release",)), 2) == 2
    assert any(r["context"] for r in records)  # contexts from the CAMEO-to-PLOVER table


def test_detente_fields_never_reuse_a_plover_name():
    spec = set(schema()["properties"])
    assert set(PLOVER_FIELDS) <= spec
    assert not set(DETENTE_FIELDS) & spec


def test_schema_rejects_what_the_specification_forbids():
    validator = jsonschema.Draft202012Validator(schema())
    good = {"id": "e1", "date": "2025-03-03", "actor": [{"code": "BLR"}], "event": ["RETREAT"]}
    assert validator.is_valid(good)
    assert not validator.is_valid(dict(good, event="RETREAT"))  # a list, not a string
    assert not validator.is_valid(dict(good, quad_code=5))
    assert not validator.is_valid({k: v for k, v in good.items() if k != "date"})


def test_json_is_one_document_and_jsonl_one_record_a_line(demo_db):
    for cmd in (["timeline"], ["export"], ["trend", "--dyad", "USA-BLR"], ["ledger", "--dyad", "USA-BLR"],
                ["dyads"], ["conflicts"], ["sources"]):
        doc = runner.invoke(app, [*cmd, "--db", demo_db, "--format", "json"])
        assert doc.exit_code == 0, (cmd, doc.output)
        parsed = json.loads(doc.output)
        assert isinstance(parsed, list) and parsed, cmd
        lines = runner.invoke(app, [*cmd, "--db", demo_db, "--format", "jsonl"]).output.splitlines()
        assert [json.loads(x) for x in lines] == parsed, cmd


def test_timeline_and_export_share_one_csv_column_set(demo_db):
    a = runner.invoke(app, ["timeline", "--db", demo_db, "--format", "csv"]).output
    b = runner.invoke(app, ["export", "--db", demo_db, "--format", "csv"]).output
    head_a, head_b = next(csv.reader(io.StringIO(a))), next(csv.reader(io.StringIO(b)))
    assert head_a == head_b and head_a[:4] == ["id", "date", "enddate", "event"]
    rows = list(csv.DictReader(io.StringIO(b)))
    assert all(r["date"] and r["actor"] for r in rows)


def test_parquet_has_typed_columns_and_actors_as_lists_of_structs(demo_db, tmp_path):
    out = tmp_path / "events.parquet"
    r = runner.invoke(app, ["export", "--db", demo_db, "--format", "parquet", "-o", str(out)])
    assert r.exit_code == 0, r.output
    con = duckdb.connect()
    types = dict(con.execute(f"DESCRIBE SELECT * FROM read_parquet('{out}')").fetchall()[i][:2]
                 for i in range(len(con.execute(f"DESCRIBE SELECT * FROM read_parquet('{out}')").fetchall())))
    assert types["date"] == "DATE" and types["quad_code"] in ("TINYINT", "INTEGER")
    assert types["actor"].startswith("STRUCT(code VARCHAR") and types["actor"].endswith("[]")
    assert types["event"] == "VARCHAR[]"
    n, codes = con.execute(f"SELECT count(*), list(DISTINCT actor[1].code) FROM read_parquet('{out}')").fetchone()
    assert n == detente.export(demo_db, format="jsonl", out=io.StringIO()) and "BLR" in codes
    mentions = tmp_path / "mentions.parquet"
    r = runner.invoke(app, ["export", "--db", demo_db, "--format", "parquet", "--what", "mentions", "-o", str(mentions)])
    assert r.exit_code == 0, r.output
    m, linked = con.execute(f"SELECT count(*), count(DISTINCT event_id) FROM read_parquet('{mentions}')").fetchone()
    assert m > n and linked == n  # every event's mentions, each pointing at its event


def test_dash_is_standard_output_and_standard_input(demo_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["export", "--db", demo_db, "-o", "-"])
    assert r.exit_code == 0 and not (tmp_path / "-").exists()
    assert json.loads(r.output.splitlines()[0])["id"]
    r = runner.invoke(app, ["timex", "-", "--published", "2025-03-05"], input="They met on Monday.")
    assert r.exit_code == 0 and json.loads(r.output.splitlines()[0])["value"] == "2025-03-03"
    db = str(tmp_path / "stdin.duckdb")
    text = ("Poland hosts Lithuanian minister\n\nWARSAW, March 3, 2025 — Polish Foreign Minister Radoslaw Sikorski "
            "met his Lithuanian counterpart in Warsaw on Monday to discuss border security.\n")
    r = runner.invoke(app, ["ingest", "-", "--db", db], input=text)
    assert r.exit_code == 0 and "1 added" in r.output
    manifest = json.dumps({"id": "from-pipe", "text": text.replace("Monday", "Tuesday"), "published": "2025-03-05"})
    r = runner.invoke(app, ["ingest", "-", "--db", db], input=manifest + "\n")
    assert r.exit_code == 0 and "1 added" in r.output
    names = {e["evidence"][0]["doc"] for e in json.loads(runner.invoke(app, ["timeline", "--db", db, "-f", "json"]).output)}
    assert names == {"stdin", "from-pipe"}
