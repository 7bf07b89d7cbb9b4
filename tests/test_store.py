import pytest

from detente.merge import merge
from detente.model import Document
from detente.store import Store


def _doc(i: int) -> Document:
    return Document(id=f"d{i}", name=f"{i}.txt", text=f"Article {i}.")


def test_round_trip_keeps_every_field(tmp_path, make_mention):
    db = tmp_path / "s.duckdb"
    m = make_mention(quantity=14, actor=("BLR",), recipient=("USA",))
    m.doc_id = "d1"
    events = []
    merge([m], events)
    with Store(db) as store:
        store.save(_doc(1), [m], events)
    with Store(db, read_only=True) as store:
        (e,) = store.events()
        assert e.id == events[0].id and e.quantity.value == 14
        assert [a.code for a in e.actor] == ["BLR"] and [r.code for r in e.recipient] == ["USA"]
        assert e.mentions[0].sentence == m.sentence and e.mentions[0].rule == "test"
        assert store.event(e.id[:8]).id == e.id
        assert store.has_document("d1")


def test_a_failure_mid_document_leaves_the_store_as_it_was(tmp_path, make_mention):
    db = tmp_path / "s.duckdb"
    good = make_mention(doc="1.txt")
    events = []
    merge([good], events)
    with Store(db) as store:
        store.save(_doc(1), [good], events)
        bad = make_mention(doc="2.txt", start="2025-09-11")
        later = []
        merge([bad], later)
        later[0].actor = object()  # not serialisable: the write fails half-way
        with pytest.raises(Exception):
            store.save(_doc(2), [bad], later)
        assert store.stats() == {"documents": 1, "mentions": 1, "events": 1}
        assert not store.has_document("d2")


def test_dyad_and_period_filters(tmp_path, make_mention):
    db = tmp_path / "s.duckdb"
    ms = [make_mention(event="CONSULT", mode="visit", actor=("USA",), recipient=("BLR",), start="2025-06-21"),
          make_mention(event="CONSULT", mode="visit", actor=("RUS",), recipient=("BLR",), start="2025-07-01"),
          make_mention(event="CONSULT", mode="visit", actor=("USA",), recipient=("BLR",), start="2025-09-11")]
    events = []
    merge(ms, events)
    with Store(db) as store:
        store.save(_doc(1), ms, events)
        assert len(store.events()) == 3
        assert len(store.events(("USA", "BLR"))) == 2
        assert len(store.events(("BLR", "USA"), since=__import__("datetime").date(2025, 9, 1))) == 1
