"""Undated articles dated from the corpus (retold.py): acts they tell by weekday that dated articles pin to one
day. Articles written for these tests."""
import datetime as dt
import json

import detente
from detente.store import Store

DATED = """Belarus frees Lithuanian drivers

Belarus freed 12 Lithuanian truck drivers on Wednesday after a month in custody, the foreign ministry in Vilnius said.
"""
# no date, no year: only a title of office, which leaves decades open
UNDATED = """Drivers home after Minsk releases them

Belarus released 12 Lithuanian truck drivers on Wednesday, the office of President Alexander Lukashenko said.
"""

LATER = """Belarus frees more drivers

Belarus freed 12 Lithuanian truck drivers on Wednesday, a month after a first group, Lithuanian officials said.
"""


def ingest(tmp_path, articles: dict[str, tuple[str, str | None]]):
    lines = []
    for name, (text, published) in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        lines.append(json.dumps({"path": name, **({"published": published} if published else {})}))
    (tmp_path / "m.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    detente.ingest([str(tmp_path / "m.jsonl")], db)
    return db


def both_orders(tmp_path, first, second):
    """Ingest two (name, text, published) articles in each order, each time into a new store: yield the store."""
    for order in ((first, second), (second, first)):
        folder = tmp_path / order[0][0]
        folder.mkdir()
        yield ingest(folder, {n: (t, p) for n, t, p in order})


def publication(db, name):
    with Store(db, read_only=True) as s:
        d = next(d for d in s.documents() if d.name == name)
        return d.published_start, d.published_end, d.published_source, d.published_note


def test_an_undated_article_takes_the_week_after_the_day_dated_articles_give_its_act(tmp_path):
    for db in both_orders(tmp_path, ("a.txt", DATED, "2025-03-14"), ("b.txt", UNDATED, None)):
        lo, hi, source, note = publication(db, "b.txt")
        assert (lo, hi, source) == (dt.date(2025, 3, 12), dt.date(2025, 3, 18), "inferred"), note
        assert "retold" in note and "a.txt" in note
        [event] = detente.timeline(db=db)
        assert (event.date_start, event.date_end, event.num_articles) == (dt.date(2025, 3, 12),) * 2 + (2,)
        detente.recode(db)  # coding again changes nothing
        assert publication(db, "b.txt")[:2] == (lo, hi)


def test_no_corpus_date_from_another_act_or_from_days_that_disagree(tmp_path):
    other = DATED.replace("Lithuanian", "Latvian")  # the same weekday, other parties
    (tmp_path / "x").mkdir()
    db = ingest(tmp_path / "x", {"a.txt": (other, "2025-03-14"), "b.txt": (UNDATED, None)})
    assert "retold" not in publication(db, "b.txt")[3]
    (tmp_path / "y").mkdir()
    db = ingest(tmp_path / "y", {"a.txt": (DATED, "2025-03-14"), "c.txt": (LATER, "2025-04-11"),
                                 "b.txt": (UNDATED, None)})
    assert "retold" not in publication(db, "b.txt")[3]  # two Wednesdays a month apart: no answer


def test_the_parties_column_and_the_records_of_a_store_written_before_it_pin_the_same_day(tmp_path):
    """The search reads each mention's parties from its column; in rows stored before the column (NULL) it
    reads them from the record, and finds the same day."""
    from detente.retold import retold_spans

    db = ingest(tmp_path, {"a.txt": (DATED, "2025-03-14"), "b.txt": (UNDATED, None)})
    with Store(db) as s:
        assert s.con.execute("SELECT count(*) FROM mentions WHERE parties = 'BLR,LTU'").fetchone()[0] >= 2
        undated = next(d for d in s.documents() if d.name == "b.txt")
        s.con.execute("UPDATE documents SET published_source = 'none', published_start = NULL,"
                      " published_end = NULL WHERE id = ?", [undated.id])  # as before it was dated again
        spans = retold_spans(s, undated)
        assert [(lo, hi) for lo, hi, _, _ in spans] == [(dt.date(2025, 3, 12), dt.date(2025, 3, 18))]
        s.con.execute("UPDATE mentions SET parties = NULL")
        assert retold_spans(s, undated) == spans
        s.con.execute("UPDATE mentions SET parties = 'XXX'")  # the column is what is read when it is there
        assert retold_spans(s, undated) == []
