"""Relationship trend per period, and the dyads of a store."""
import datetime as dt

import pytest

import detente
from detente.model import ActorRef, Event, Mention, Quantity
from detente.trend import dyads, dyads_of, events, in_dyad, quad_of, side_of, spread, trend, trend_of


def _event(eid, event, mode, actor, recipient, start, end=None, goldstein=7.0, quantity=None, docs=("a",)):
    s = dt.date.fromisoformat(start)
    ms = [Mention(f"doc-{d}", f"{d}.txt", 0, "Some sentence.", 0, "x", 0, 1, event, mode, "", goldstein, goldstein,
                  actor=[ActorRef(c) for c in actor]) for d in docs]
    return Event(id=eid, event=event, mode=mode, cameo="", goldstein=goldstein, plover_score=goldstein,
                 actor=[ActorRef(c, "GOV") for c in actor], recipient=[ActorRef(c, "GOV") for c in recipient],
                 date_start=s, date_end=dt.date.fromisoformat(end) if end else s,
                 quantity=Quantity(float(quantity)) if quantity else None, mentions=ms)


def test_quads_come_from_the_plover_table():
    assert quad_of("RETREAT", "release") == "material_cooperation"
    assert quad_of("CONSULT", "visit") == "verbal_cooperation"
    assert quad_of("SANCTION", "no-such-mode") == "material_conflict"
    assert quad_of("NOT-A-TYPE", None) is None


def test_an_interval_is_spread_over_the_months_it_may_fall_in():
    e = _event("x", "CONSULT", None, ["USA"], ["BLR"], "2025-06-25", "2025-07-04")
    assert spread(e, "month") == [(dt.date(2025, 6, 1), 0.6), (dt.date(2025, 7, 1), 0.4)]
    weeks = spread(e, "week")
    assert [p for p, _ in weeks] == [dt.date(2025, 6, 23), dt.date(2025, 6, 30)]
    assert sum(w for _, w in weeks) == pytest.approx(1.0)


def test_dyad_membership_and_sides():
    release = _event("r", "RETREAT", "release", ["BLR"], [], "2025-06-21")
    assert in_dyad(release, ("USA", "BLR")) and not in_dyad(release, ("USA", "RUS"))
    talks = _event("t", "CONSULT", None, ["USA"], ["RUS"], "2025-08-15")
    assert not in_dyad(talks, ("USA", "BLR"))
    assert side_of(release, ("USA", "BLR")) == "BLR"


def test_trend_counts_quads_sums_scores_and_shares_per_month():
    evs = [_event("a", "SANCTION", "withdraw", ["USA"], ["BLR"], "2025-01-10", goldstein=-5.0),
           _event("b", "CONSULT", "visit", ["USA"], ["BLR"], "2025-03-02", goldstein=2.0),
           _event("c", "RETREAT", "release", ["BLR"], [], "2025-03-20", goldstein=7.0),
           _event("d", "RETREAT", "ease", ["USA"], ["BLR"], "2025-04-11", goldstein=7.0),
           _event("e", "RETREAT", "release", ["BLR"], [], "2025-04-11", goldstein=7.0),
           _event("f", "CONSULT", None, ["USA"], ["BLR"], "2025-04-20", "2025-05-19", goldstein=1.0)]
    rows = trend_of(evs, "month", ("USA", "BLR"))
    assert [r.period for r in rows] == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"]
    jan, feb, mar, apr, may = rows
    assert jan.material_conflict == 1 and jan.goldstein == -5.0 and jan.share == {"USA": 1.0, "BLR": 0.0}
    assert feb.events == 0  # the gap is kept, so the axis is time
    assert mar.verbal_cooperation == 1 and mar.material_cooperation == 1 and mar.goldstein == 9.0
    assert mar.share == {"USA": 0.5, "BLR": 0.5}
    assert apr.material_cooperation == 2 and apr.verbal_cooperation == pytest.approx(11 / 30)
    assert apr.imprecise == pytest.approx(11 / 30) and may.verbal_cooperation == pytest.approx(19 / 30)
    assert sum(r.events for r in rows) == pytest.approx(len(evs))
    # 3-month moving mean of Goldstein: -5, -2.5, 1.3, 7.8, 8.0 (January leaves the window in May)
    assert [r.direction for r in rows] == ["", "up", "up", "up", "up"]
    assert trend_of(evs[:4], "month")[-1].direction == "up" and trend_of(evs[1:], "month")[-1].direction == "down"
    frame = rows.to_frame()
    assert {"period", "cooperation", "conflict", "share_USA", "share_BLR", "direction"} <= set(frame.columns)


def test_unknown_period_is_refused():
    with pytest.raises(ValueError, match="fortnight"):
        trend("no-such.duckdb", "USA-BLR", by="fortnight")


def test_dyads_are_ranked_by_activity():
    evs = [_event("a", "CONSULT", None, ["USA"], ["BLR"], "2025-01-10", docs=("a", "b")),
           _event("b", "CONSULT", None, ["BLR"], ["USA"], "2025-02-10"),
           _event("c", "SANCTION", None, ["USA"], ["RUS"], "2025-03-10"),
           _event("d", "RETREAT", "release", ["BLR"], [], "2025-03-10")]  # no pair
    rows = dyads_of(evs)
    assert [(r.dyad, r.events, r.articles, r.cooperation, r.conflict) for r in rows] == [
        ("BLR-USA", 2, 2, 2, 0), ("RUS-USA", 1, 1, 0, 1)]
    assert rows[0].first == dt.date(2025, 1, 10) and rows[0].last == dt.date(2025, 2, 10)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("trend") / "demo.duckdb")
    detente.ingest([str(detente.demo_corpus())], db)
    return db


def test_trend_and_dyads_of_the_demo_corpus(demo_db):
    rows = trend(demo_db, "USA-BLR", by="month")
    evs = events(demo_db, "USA-BLR")
    assert sum(r.events for r in rows) == pytest.approx(sum(1 for e in evs if e.date_start))
    in_2025 = [r for r in rows if r.start.year == 2025]
    # the demo thaw: cooperation outweighs conflict across 2025
    assert sum(r.cooperation for r in in_2025) > 3 * sum(r.conflict for r in in_2025)
    assert rows.to_frame().shape[0] == len(rows)
    frame = evs.to_frame()
    assert {"quad", "actor", "recipient", "docs", "quote"} <= set(frame.columns) and len(frame) == len(evs)
    weeks = trend(demo_db, "USA-BLR", by="week", since="2025-06-01", until="2025-06-30")
    assert all(r.period.startswith("2025-W") for r in weeks)
    ranked = dyads(demo_db)
    assert ranked[0].dyad == "BLR-USA"
    assert [r.events for r in ranked] == sorted((r.events for r in ranked), reverse=True)


def test_whole_store_trend_and_dyads_added_up_in_sql_match_the_events(demo_db):
    """Without a dyad, `trend` and `dyads` add the store up in SQL (a large store is not read into Python):
    the figures are those of the events read one by one."""
    from detente.store import Store

    with Store(demo_db, read_only=True) as store:
        evs = store.events()
    assert [r.__dict__ for r in dyads(demo_db)] == [r.__dict__ for r in dyads_of(evs)]
    for by in ("month", "week"):
        got, want = trend(demo_db, by=by), trend_of(evs, by)
        assert [r.row() for r in got] == [r.row() for r in want] and len(got) > 3
