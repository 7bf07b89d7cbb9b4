"""Order independence: the same articles in one batch, in two batches, in reverse order, and after a recode
give the same events (types, parties, dates, counts, and which mentions make each), and a sane store."""
import json

import detente
from detente.check import check

from articles import write_corpus
from crashloop import snapshot


def test_batches_order_and_recode_give_the_same_events(tmp_path):
    write_corpus(tmp_path / "c", 30, seed=3)  # a corpus where merging in storage order gave 14 differing events
    recs = [json.loads(line) for line in (tmp_path / "c" / "manifest.jsonl").read_text().splitlines()]

    def manifest(name, rs):
        p = tmp_path / "c" / name
        p.write_text("".join(json.dumps(r) + "\n" for r in rs))
        return str(p)

    one, two, rev = (str(tmp_path / f"{k}.duckdb") for k in ("one", "two", "rev"))
    detente.ingest([manifest("all.jsonl", recs)], one)
    detente.ingest([manifest("h1.jsonl", recs[:15])], two)
    detente.ingest([manifest("h2.jsonl", recs[15:])], two)
    detente.ingest([manifest("rev.jsonl", recs[::-1])], rev)
    base = snapshot(one)
    assert len(base) > 20 and any(len(e[-1]) > 1 for e in base)  # events told by several articles
    assert snapshot(two) == base
    assert snapshot(rev) == base
    report = detente.recode(rev)
    assert report.unchanged == len(recs) and snapshot(rev) == base
    for db in (one, two, rev):
        assert check(db).ok, check(db).problems
