"""The review queue and the confidence it rests on: an inferred publication date, a wide date, an actor
from context, a weak pattern, disagreeing or lone sources lower confidence and are listed as reasons."""
import json

from typer.testing import CliRunner

import detente
from detente.cli import app

UNDATED = ("Envoys meet again\n\nThe two governments held talks in Vilnius in March 2025. On June 4, "
           "Minsk freed twelve prisoners after a visit by a U.S. delegation.\n")
DATED = ("Minsk frees prisoners\n\nMINSK, June 5, 2025 — Belarus freed twelve prisoners on Wednesday, June 4, "
         "after a visit by a U.S. delegation, officials said.\n")


def test_an_event_dated_from_an_inferred_publication_year_is_not_sure(tmp_path):
    (tmp_path / "undated.txt").write_text(UNDATED, encoding="utf-8")
    db = str(tmp_path / "u.duckdb")
    detente.ingest([str(tmp_path / "undated.txt")], db)
    release = next(e for e in detente.timeline(db) if e.event == "RETREAT")
    assert release.confidence <= 0.6
    queue = detente.review(db)
    assert queue and queue == sorted(queue, key=lambda d: d.confidence)
    mine = next(d for d in queue if d.event.id == release.id)
    assert any("inferred" in r for r in mine.reasons) and "one source only" in mine.reasons


def test_a_dated_event_told_twice_is_surer_and_review_lists_worst_first(tmp_path):
    (tmp_path / "dated.txt").write_text(DATED, encoding="utf-8")
    (tmp_path / "undated.txt").write_text(UNDATED, encoding="utf-8")
    db = str(tmp_path / "d.duckdb")
    detente.ingest([str(tmp_path / "dated.txt")], db)
    sure = next(e for e in detente.timeline(db) if e.event == "RETREAT")
    assert sure.confidence > 0.6
    r = CliRunner().invoke(app, ["review", "--db", db, "--format", "json"])
    assert r.exit_code == 0
    rows = json.loads(r.output)
    assert all(set(row) >= {"id", "confidence", "reasons"} for row in rows)
    assert [row["confidence"] for row in rows] == sorted(row["confidence"] for row in rows)
    table = CliRunner().invoke(app, ["review", "--db", db]).output
    assert "to review" in table


def test_review_with_a_limit_reads_the_least_sure_first_and_gives_the_full_queue_s_head(tmp_path):
    from detente.review_queue import review as queue_of

    db = str(tmp_path / "demo.duckdb")
    detente.ingest([str(detente.demo_corpus())], db)
    for dyad in (None, "USA-BLR"):
        everything = queue_of(detente.timeline(db, dyad=dyad))  # every event read and sorted
        assert len({d.confidence for d in everything}) > 2  # confidences differ: the early stop has work
        for limit in (1, 3, 10, len(everything) + 5):
            got = detente.review(db, dyad=dyad, limit=limit)
            assert [(d.event.id, d.reasons) for d in got] == [(d.event.id, d.reasons) for d in everything[:limit]]
        assert [d.event.id for d in detente.review(db, dyad=dyad)] == [d.event.id for d in everything]
