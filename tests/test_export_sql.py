"""The export's records written by DuckDB (export_sql.py) are the records `views.event_record` builds, field for
field, for every shape of event: the plain ones SQL writes and the others it hands to Python."""
import datetime as dt
import io
import json

import pytest

import detente
from detente import export_sql, views
from detente.merge import merge
from detente.model import ActorRef, Document, to_jsonable
from detente.pubdate import PUB_INFERRED
from detente.store import Store


def _python_records(db: str) -> list[dict]:
    """The records as the export built them before (every event through `views.event_record`)."""
    with Store(db, read_only=True) as store:
        events = [e for e in store.iter_events() if e.date_start is not None]
        docs = {d.id: d for d in store.iter_documents(sorted({m.doc_id for e in events for m in e.mentions}))}
        return [json.loads(json.dumps(to_jsonable(views.event_record(e, docs)), default=str)) for e in events]


def _exported(db: str, monkeypatch) -> tuple[list[dict], set[str]]:
    """The export's records, and the ids of those built in Python."""
    in_python: set[str] = set()
    real = export_sql._in_python

    def spy(store, ids):
        in_python.update(ids)
        return real(store, ids)

    monkeypatch.setattr(export_sql, "_in_python", spy)
    buf = io.StringIO()
    n = detente.export(db, out=buf)
    records = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert n == len(records)
    return records, in_python


@pytest.fixture
def varied_db(tmp_path, make_mention):
    """Events of every shape: plain ones (one sentence, no count, no named person) with a wide interval, a
    publication-inferred date, no mode, no recipient, a sector-less actor, text beyond ASCII, citations and a
    document stored without a title; and two-mention, counted and named-person events."""
    db = str(tmp_path / "varied.duckdb")
    plain = [
        make_mention(event="CONSULT", mode="visit", actor=("LTU",), recipient=("LVA",), start="2024-03-01",
                     sentence="The Lithuanian premier visited Riga — her first trip abroad.", trigger="visited"),
        make_mention(event="SANCTION", mode=None, actor=("POL",), recipient=("BLR",), start="2024-01-01",
                     end="2024-03-31", sentence="Warsaw shut the Kuźnica crossing to lorries this winter.",
                     trigger="shut"),
        make_mention(event="ACCUSE", mode="disapprove", actor=("BLR",), recipient=(), start="2024-02-10",
                     sentence="Minsk protested in a note.", trigger="protested"),
    ]
    plain[1].actor = [ActorRef("POL", None, "Warsaw")]
    plain[2].date_how = f"weekday before publication; {PUB_INFERRED}"
    plain[0].citations = [{"source": "our own wire", "date_text": "Friday", "see": ""}]
    counted = make_mention(start="2024-02-20", quantity=12)
    pair = [make_mention(event="CONSULT", mode="phone", actor=("LVA",), recipient=("EST",), start="2024-02-22",
                         sentence=s, trigger="called") for s in ("Riga called Tallinn.", "Tallinn took a call from Riga.")]
    named = make_mention(event="CONSULT", mode="visit", actor=("EST",), recipient=("FIN",), start="2024-02-25",
                         sentence="Prime Minister Kallas went to Helsinki.", trigger="went")
    named.actor = [ActorRef("EST", "GOV", "Kallas", actor_id="kallas_kaja", how="dictionary")]
    with Store(db) as store:
        for i, ms in enumerate([[plain[0]], [plain[1]], [plain[2], counted], [pair[0]], [pair[1]], [named]]):
            doc = Document(id=f"doc-{i}", name=f"{i}.txt", text=f"Article {i}.", title=None if i == 1 else f"Title {i}",
                           outlet="Our Paper" if i % 2 else None, url=f"https://example.org/{i}",
                           published_start=dt.date(2024, 3, 2), published_end=dt.date(2024, 3, 2),
                           published_source="cli")
            for m in ms:
                m.doc_id, m.doc_name = doc.id, doc.name
            events = []
            stored = store.events()
            merge(ms, stored)
            events = [e for e in stored if any(m in e.mentions for m in ms)]
            store.save(doc, ms, events)
    return db, {m.event_id for m in plain}


def test_sql_records_equal_the_python_records(varied_db, monkeypatch):
    db, plain = varied_db
    records, in_python = _exported(db, monkeypatch)
    assert records == _python_records(db)
    ids = {r["id"] for r in records}
    assert plain <= ids and not plain & in_python  # the plain events were written by SQL ...
    assert len(ids - plain) >= 3 and ids - plain <= in_python  # ... the counted, two-mention and named ones by Python
    wide = next(r for r in records if r["event"] == ["SANCTION"])
    assert wide["dating"] == "wide" and wide["mode"] == [] and wide["actor"][0]["sector"] is None
    assert next(r for r in records if r["event"] == ["ACCUSE"])["dating"] == "inferred"


def test_sql_records_of_the_demo_corpus(tmp_path, monkeypatch):
    db = str(tmp_path / "demo.duckdb")
    detente.ingest([str(detente.demo_corpus())], db)
    records, in_python = _exported(db, monkeypatch)
    assert records == _python_records(db)
    assert len(records) > len(in_python)  # some written by SQL


def test_a_corrected_store_is_exported_through_the_corrections(varied_db):
    db, plain = varied_db
    eid = sorted(plain)[0]
    detente.correct(db, eid, "type", "CONSULT visit", who="me")
    with Store(db, read_only=True) as store:
        assert export_sql.plover_lines(store) is None  # every record through `views.event_record`
    buf = io.StringIO()
    detente.export(db, out=buf)
    rec = next(json.loads(x) for x in buf.getvalue().splitlines() if json.loads(x)["id"] == eid)
    assert rec["corrected"] is True
