"""Hostile and broken input: each defect of issue #15, one test each. One bad input costs one line, never
the batch; text from articles is printed as text; CSV cells are inert; the store says who holds it."""
import datetime as dt
import json
import os
import subprocess
import sys
import textwrap

import pytest
from typer.testing import CliRunner

import detente
from detente import exitcodes, longdoc, pubdate, temporal, views
from detente.cli import app
from detente.ingest import iter_documents
from detente.model import Document, IngestError
from detente.store import Store

runner = CliRunner()
PUB = dt.date(2025, 6, 24)
GOOD = ("Ministers meet in Vilnius\n\nOn June 3, 2025, the Lithuanian foreign minister visited Warsaw for talks "
        "with his Polish counterpart. Two days later, Poland lifted sanctions on the Lithuanian state airline.\n")


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def _docs(*paths, **kw):
    return list(iter_documents([str(p) for p in paths], **kw))


# ----------------------------------------------------------------------------- the time parser


HOSTILE_TIMES = ["Prices rose over the past quarter.", "It began 2025 years ago.", "He left 75430 month ago.",
                 "It was 9999999999 days ago.", "It was " + "9" * 300 + " days ago.", "in the next 99999999 years",
                 "Some 9999 years later the treaty lapsed.", "99999999 weeks from now", "the 99999999th century",
                 "It happened 12345678901234567890 months later.", "A year later, and 99999 years before that."]


@pytest.mark.parametrize("text", HOSTILE_TIMES)
@pytest.mark.parametrize("published", [PUB, dt.date(1000, 1, 1), dt.date(2999, 12, 31), dt.date(1, 1, 1),
                                       dt.date(9999, 12, 31), None])
def test_time_expressions_never_raise_and_keep_dates_in_range(text, published):
    for t in temporal.find_timexes(text, published, anaphora=True):
        for d in (t.date_start, t.date_end):
            assert d is None or 1000 <= d.year <= 2999, (text, t)
    pub = pubdate.publication(text)
    assert pub.start is None or pub.end is None or pub.start <= pub.end, (text, pub)


def test_past_quarter_is_a_period_not_a_crash():
    (t,) = temporal.find_timexes("Prices rose over the past quarter.", PUB)
    assert t.text == "the past quarter"


@pytest.mark.parametrize("text,expr,days", [("He served 1,800 days in prison.", "1,800 days", 1800),
                                            ("5,000 days later he was freed.", "5,000 days later", 5000)])
def test_thousands_separators_are_one_number(text, expr, days):
    (t,) = temporal.find_timexes(text, PUB)
    assert t.text == expr
    assert str(days) in (t.value or "") or (t.offset_days and t.offset_days[0] == days)


@pytest.mark.parametrize("text", ["Prisoner No. 1944 was released on Monday.", "Cell number 1987 was empty.",
                                  "Detainee # 2003 wrote to his family."])
def test_numbers_are_not_years(text):
    assert not [t for t in temporal.find_timexes(text, PUB) if t.date_start and t.date_start.year in (1944, 1987, 2003)]


def test_a_year_is_still_a_year():
    assert [t.text for t in temporal.find_timexes("The border closed in 1944.", PUB)] == ["1944"]


# ----------------------------------------------------------------------------- files and manifests


def test_manifest_paths_are_confined_to_its_folder(tmp_path):
    inner = tmp_path / "batch"
    inner.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD, encoding="utf-8")
    (inner / "ok.txt").write_text(GOOD.replace("Warsaw", "Riga"), encoding="utf-8")
    (inner / "m.jsonl").write_text("\n".join(json.dumps({"path": p}) for p in
                                             ["ok.txt", "../secret.txt", str(secret), "/etc/passwd"]) + "\n")
    got = _docs(inner / "m.jsonl")
    assert [type(g).__name__ for g in got] == ["Document", "IngestError", "IngestError", "IngestError"]
    assert all("outside the manifest's folder" in g.reason for g in got[1:])
    allowed = _docs(inner / "m.jsonl", allow_outside=True)
    assert [type(g).__name__ for g in allowed[:3]] == ["Document", "Document", "Document"]


def test_symlink_out_of_the_manifest_folder_is_refused(tmp_path):
    inner = tmp_path / "batch"
    inner.mkdir()
    (tmp_path / "secret.txt").write_text(GOOD, encoding="utf-8")
    (inner / "link.txt").symlink_to(tmp_path / "secret.txt")
    (inner / "m.jsonl").write_text(json.dumps({"path": "link.txt"}) + "\n")
    (got,) = _docs(inner / "m.jsonl")
    assert isinstance(got, IngestError) and "outside" in got.reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_and_devices_are_refused_by_type_without_reading(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block for ever
    (tmp_path / "m.jsonl").write_text(json.dumps({"path": "pipe.txt"}) + "\n")
    for got in (_docs(fifo)[0], _docs(tmp_path / "m.jsonl")[0], _docs("/dev/zero")[0]):
        assert isinstance(got, IngestError) and "not a regular file" in got.reason
    walked = [g for g in _docs(tmp_path) if isinstance(g, IngestError)]
    assert any(g.path.endswith("pipe.txt") for g in walked)  # named, not silently dropped


def test_size_guard_holds_for_every_kind_of_file(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules["detente.ingest"], "MAX_BYTES", 2000)
    big = GOOD * 40
    for name in ("big.txt", "big.md", "big.html"):
        (tmp_path / name).write_text(big, encoding="utf-8")
    (tmp_path / "m.jsonl").write_text(json.dumps({"text": big}) + "\n" + json.dumps({"text": GOOD}) + "\n")
    got = {os.path.basename(g.path if isinstance(g, IngestError) else g.path or g.name): g for g in _docs(
        tmp_path / "big.txt", tmp_path / "big.md", tmp_path / "big.html")}
    assert all(isinstance(g, IngestError) and "too large" in g.reason for g in got.values())
    line, good = _docs(tmp_path / "m.jsonl")
    assert isinstance(line, IngestError) and "too long" in line.reason and isinstance(good, Document)


def test_publication_dates_outside_1000_2999_are_refused(tmp_path):
    (tmp_path / "m.jsonl").write_text(json.dumps({"text": GOOD, "published": "0001-01-01"}) + "\n")
    (got,) = _docs(tmp_path / "m.jsonl")
    assert isinstance(got, IngestError) and "published" in got.reason
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    r = run("ingest", tmp_path / "a.txt", "--published", "0001-01-01", "--db", tmp_path / "s.duckdb")
    assert r.exit_code == exitcodes.USAGE and "1000-2999" in r.output


def test_latin1_english_is_read_as_western_and_sources_says_so(tmp_path):
    text = ("The señor from Madrid said the talks in Vilnius were déjà vu: the same café, the same "
            "ministers and the same promises about the border crossings and the political prisoners.\n")
    (tmp_path / "a.txt").write_bytes(text.encode("latin-1"))
    (doc,) = _docs(tmp_path / "a.txt")
    assert "señor" in doc.text and "déjà" in doc.text and "café" in doc.text
    assert doc.encoding in ("cp1252", "latin_1", "iso8859_15")
    db = tmp_path / "s.duckdb"
    run("ingest", tmp_path / "a.txt", "--published", "2025-06-01", "--db", db)
    rec = json.loads(run("sources", "--format", "json", "--db", db).stdout)[0]  # json: one document
    assert rec["encoding"] == doc.encoding


# ----------------------------------------------------------------------------- long documents


def test_long_document_is_split_with_a_note_not_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(longdoc, "MAX_CHARS", 1500)
    (tmp_path / "long.txt").write_text("\n\n".join([GOOD.split("\n\n", 1)[1]] * 12), encoding="utf-8")
    (tmp_path / "z.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    r = run("ingest", tmp_path, "--published", "2025-06-24", "--db", db)
    assert r.exit_code == 0, r.output
    assert "split into" in r.output and "long.txt" in r.output
    with Store(db, read_only=True) as s:
        names = [d.name for d in s.documents()]
    assert "z.txt" in names and sum("long.txt (part" in n for n in names) >= 2
    assert all(len(d.text) <= 1500 for d in Store(db, read_only=True).documents())


def test_a_document_spacy_refuses_costs_only_itself(tmp_path, monkeypatch):
    from detente import parse

    nlp = parse.get_nlp(())
    monkeypatch.setattr(nlp, "max_length", 400)  # a stand-in for a 5 MB text: spaCy raises E088 on it
    (tmp_path / "a.txt").write_text(GOOD * 3, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD.replace("Warsaw", "Riga"), encoding="utf-8")
    rep = detente.ingest([str(tmp_path)], str(tmp_path / "s.duckdb"), published="2025-06-24")
    assert rep.added == ["b.txt"]
    assert len(rep.skipped) == 1 and rep.skipped[0].path.endswith("a.txt") and "E088" in rep.skipped[0].reason


# ----------------------------------------------------------------------------- output


HOSTILE = ("Minsk frees [/bold] prisoners [link=http://evil.example]click[/link]\n\n"
           "On June 3, 2025, Belarus freed 14 political prisoners [/red] and the United States lifted sanctions "
           "on Belavia \x1b]0;pwned\x07 =HYPERLINK(\"http://evil.example\") \x1b[2J, officials said.\n")


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    (d / "a.txt").write_text(HOSTILE, encoding="utf-8")
    (d / "b.txt").write_text("=cmd|' /C calc'!A0\n\n@SUM(1+1) On June 3, 2025, Belarus freed 14 political "
                             "prisoners, the United States said. +2+3 -2+3\n", encoding="utf-8")
    db = d / "s.duckdb"
    assert run("ingest", d, "--published", "2025-06-05", "--db", db).exit_code == 0
    return db


@pytest.mark.parametrize("cmd", [("timeline",), ("sources",), ("ledger", "--dyad", "USA-BLR"), ("conflicts",),
                                 ("trend",), ("dyads",), ("actors", "--unknown"), ("timeline", "--format", "md")])
def test_article_text_is_printed_as_text(hostile_store, cmd):
    r = run(*cmd, "--db", hostile_store)
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.output and "\x07" not in r.output


def test_explain_shows_markup_literally(hostile_store):
    (e,) = [e for e in detente.timeline(str(hostile_store)) if "[/red]" in e.mentions[0].sentence
            or any("[/red]" in m.sentence for m in e.mentions)][:1]
    r = run("explain", e.id, "--db", hostile_store)
    assert r.exit_code == 0, r.output
    assert "[/red]" in r.output and "\x1b" not in r.output and "pwned" not in r.output


def test_markdown_report_has_no_escape_sequences(hostile_store, tmp_path):
    out = tmp_path / "r.md"
    r = run("report", "--dyad", "USA-BLR", "--format", "md", "-o", out, "--db", hostile_store)
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text and "<script" not in text


def test_csv_exports_neutralise_formulas(hostile_store, tmp_path):
    import csv

    for args in (("export", "--format", "csv", "-o", tmp_path / "e.csv"), ("timeline", "--format", "csv"),
                 ("ledger", "--dyad", "USA-BLR", "--format", "csv")):
        r = run(*args, "--db", hostile_store)
        assert r.exit_code == 0, r.output
        text = (tmp_path / "e.csv").read_text(encoding="utf-8") if args[0] == "export" else r.stdout
        cells = [c for row in csv.reader(text.splitlines()) for c in row]
        assert cells and not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or
                              (c[:1] == "-" and not _number(c))]


def _number(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


@pytest.mark.parametrize("value,expected", [("=1+1", "'=1+1"), ("@SUM(A1)", "'@SUM(A1)"), ("+cmd|x", "'+cmd|x"),
                                            ("-2+3", "'-2+3"), ("-2.5", "-2.5"), ("\tx", "'\tx"), ("plain", "plain"),
                                            (3, 3), ("a\x1b[2Jb", "ab")])
def test_csv_cell(value, expected):
    assert views.csv_cell(value) == expected


# ----------------------------------------------------------------------------- store: check, lock, exit codes


def test_check_passes_on_a_good_store_and_names_each_violation(hostile_store, tmp_path):
    import shutil

    assert run("check", "--db", hostile_store).exit_code == 0
    db = tmp_path / "broken.duckdb"
    shutil.copy(hostile_store, db)
    with Store(db) as s:
        eid = s.con.execute("SELECT id FROM events ORDER BY id LIMIT 1").fetchone()[0]
        s.con.execute("UPDATE events SET num_mentions = num_mentions + 1 WHERE id = ?", [eid])
        s.con.execute("UPDATE mentions SET event_id = 'ev-nowhere' WHERE id = (SELECT min(id) FROM mentions)")
        s.con.execute("INSERT INTO mentions (id, doc_id, event_id) VALUES ('m-orphan', 'no-such-doc', NULL)")
    r = run("check", "--db", db)
    assert r.exit_code == exitcodes.INCONSISTENT
    for kind in ("count", "dangling event id", "orphan mention"):
        assert f"violation {kind}:" in r.output


def test_a_busy_store_is_one_line_and_its_own_exit_code(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from detente.store import Store
        s = Store({str(db)!r})
        print("ready", flush=True)
        time.sleep(60)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        for args in (("timeline",), ("ingest", tmp_path / "nothing.txt"), ("recode",), ("check",)):
            r = run(*args, "--db", db)
            assert r.exit_code == exitcodes.BUSY, (args, r.output)
            assert f"pid {holder.pid}" in r.output and "try again when it finishes" in r.output
            assert "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1
    finally:
        holder.kill()
        holder.wait()


def test_a_crash_is_one_line_and_not_the_skipped_code(tmp_path, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("something inside broke")

    monkeypatch.setattr(detente.api, "iter_timeline", boom)  # what `detente timeline` reads the store with
    r = run("timeline", "--db", tmp_path / "s.duckdb")
    assert r.exit_code == exitcodes.CRASH and "internal error" in r.output and "Traceback" not in r.output
    assert exitcodes.CRASH not in (exitcodes.SKIPPED, exitcodes.USAGE, exitcodes.BUSY)


def test_split_long_keeps_every_character_of_the_text():
    text = ("One sentence here. " * 50 + "\n\n") * 10
    doc = Document(id="x", name="n.txt", text=text.strip())
    parts, note = longdoc.split_long(doc, 700)
    assert note and all(len(p.text) <= 700 for p in parts)
    assert "".join(p.text.replace(" ", "").replace("\n", "") for p in parts) == \
        doc.text.replace(" ", "").replace("\n", "")


def test_a_nul_byte_in_a_manifest_path_is_one_line(tmp_path):
    """Found by the fuzzer: resolving such a path raised ValueError out of the folder walk."""
    (tmp_path / "m.jsonl").write_text(json.dumps({"path": "a.txt\x00"}) + "\n" + json.dumps({"text": GOOD}) + "\n")
    for got in (_docs(tmp_path / "m.jsonl"), _docs(tmp_path)):
        assert isinstance(got[0], IngestError) and "NUL" in got[0].reason and isinstance(got[1], Document)
