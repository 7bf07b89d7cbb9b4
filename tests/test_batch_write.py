"""The writer's batches (batch_write.py) store exactly what writing document by document stores: every row of
every table, events (fields, ids), mentions (their events), documents (their copy groups) and copy keys,
on articles that retell the same happenings, with reprints and a repeated text inside one batch."""
import copy
import json

import duckdb
import pytest

from detente.ingest import iter_documents
from detente.model import CodedDocument
from detente.pipeline import Writer, code_documents
from detente.store import Store

from articles import write_corpus


def tables(db: str) -> dict:
    con = duckdb.connect(db, read_only=True)
    try:
        return {
            "events": con.execute("SELECT * EXCLUDE (updated_at) FROM events ORDER BY id").fetchall(),
            "mentions": con.execute("SELECT id, doc_id, event_id, record FROM mentions ORDER BY id").fetchall(),
            "documents": con.execute("SELECT id, name, source_group, published_start FROM documents ORDER BY id").fetchall(),
            "copy_bands": con.execute("SELECT * FROM copy_bands ORDER BY ALL").fetchall(),
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def coded(tmp_path_factory) -> list[CodedDocument]:
    folder = tmp_path_factory.mktemp("c")
    write_corpus(folder, 30, seed=3)  # retellings that merge across articles (see test_order.py)
    recs = [json.loads(line) for line in (folder / "manifest.jsonl").read_text().splitlines()]
    recs = [{"id": r["id"], "published": r["published"], "text": (folder / r["path"]).read_text()} for r in recs]
    # reprints of two articles (a wire copy with its own first line) and one text twice, amid the others
    extra = [dict(recs[2], id="wire-2", text="From our wire service.\n" + recs[2]["text"]),
             {"id": "wire-9", "text": "Reprinted with permission.\n" + recs[9]["text"]},  # undated
             dict(recs[4], id="again-4")]
    recs = recs[:12] + extra[:1] + recs[12:20] + extra[1:] + recs[20:]
    manifest = folder / "mixed.jsonl"
    manifest.write_text("".join(json.dumps(r) + "\n" for r in recs))
    out = code_documents(list(iter_documents([str(manifest)])))
    assert all(isinstance(c, CodedDocument) for c in out)
    return out


def write_one_by_one(db: str, items: list[CodedDocument]) -> list:
    with Store(db) as store:
        writer = Writer(store, checked=True)
        return [writer.write(it) for it in copy.deepcopy(items)]


def test_batches_store_what_one_document_at_a_time_stores(coded, tmp_path):
    want = write_one_by_one(str(tmp_path / "one.duckdb"), coded)
    assert None in want  # the repeated text is found inside a batch
    for size in (7, 64):
        db = str(tmp_path / f"batch{size}.duckdb")
        items = copy.deepcopy(coded)
        with Store(db) as store:
            writer = Writer(store, checked=True)
            got = [n for i in range(0, len(items), size) for n in writer.write_all(items[i:i + size])]
        assert got == want
        base, mine = tables(str(tmp_path / "one.duckdb")), tables(db)
        assert len({g for _, _, g, _ in base["documents"]}) < len(base["documents"])  # reprints joined a group
        assert any(n > 1 for (n,) in duckdb.connect(db, read_only=True).execute(
            "SELECT count(DISTINCT doc_id) FROM mentions GROUP BY event_id").fetchall())  # events across articles
        for table in base:
            assert mine[table] == base[table], table


def test_a_batch_that_fails_to_store_is_written_one_document_at_a_time(coded, tmp_path, monkeypatch):
    write_one_by_one(str(tmp_path / "one.duckdb"), coded)
    want = tables(str(tmp_path / "one.duckdb"))

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    db = str(tmp_path / "b.duckdb")
    with Store(db) as store:
        writer = Writer(store, checked=True)
        items = copy.deepcopy(coded)
        writer.write_all(items[:10])
        monkeypatch.setattr(Store, "save_many", fail)
        out = writer.write_all(items[10:25])
        monkeypatch.undo()
        writer.write_all(items[25:])
    assert not any(isinstance(o, Exception) for o in out)
    assert tables(db) == want


def test_the_store_query_selects_what_the_candidate_test_admits(coded, tmp_path):
    """`CandidateQuery.admits` is the one definition: the store's SQL only narrows what it loads, never what
    matches; the batch writer applies the same test to the events in memory."""
    from detente.merge import candidate_queries
    from detente.pipeline import RELATED

    db = str(tmp_path / "one.duckdb")
    write_one_by_one(db, coded)
    with Store(db, read_only=True) as store:
        every = store.events()
        asked = 0
        for item in coded:
            for q in candidate_queries([m for m in item.mentions if m.resolved], RELATED):
                want = sorted(e.id for e in store.candidate_events([q]))
                assert sorted(e.id for e in every if q.admits(e)) == want
                asked += bool(want)
        assert asked > 20  # most queries find stored events
