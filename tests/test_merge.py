import datetime as dt

from detente.merge import merge


def test_same_release_told_by_three_articles_is_one_event(make_mention):
    ms = [make_mention(start="2025-06-21", quantity=14, doc="a.txt"),
          make_mention(start="2025-06-01", end="2025-06-30", doc="b.txt", sentence="In June Minsk freed prisoners."),
          make_mention(event="CONCEDE", start="2025-06-21", quantity=14, doc="c.txt")]
    events = []
    merge(ms, events)
    assert len(events) == 1
    e = events[0]
    assert e.date_start == e.date_end == dt.date(2025, 6, 21)  # the most precise date wins
    assert e.quantity.value == 14
    assert e.event == "RETREAT"  # the act over the promise
    assert e.num_articles == 3 and e.num_mentions == 3


def test_releases_in_different_months_stay_apart(make_mention):
    events = []
    merge([make_mention(start="2025-06-21", quantity=14), make_mention(start="2025-09-11", quantity=52)], events)
    assert len(events) == 2


def test_counts_that_differ_are_two_events_unless_the_same_day_is_pinned(make_mention):
    events = []
    merge([make_mention(start="2025-06-01", end="2025-06-30", quantity=14),
           make_mention(start="2025-06-21", quantity=16)], events)
    assert len(events) == 2
    events = []
    merge([make_mention(start="2025-06-21", quantity=14, doc="a.txt"),
           make_mention(start="2025-06-21", quantity=14, doc="b.txt"),
           make_mention(start="2025-06-21", quantity=16, doc="c.txt")], events)
    (e,) = events
    assert e.quantity.value == 14  # what most sources say
    from detente.conflicts import event_conflicts

    (c,) = [c for c in event_conflicts(e) if c.kind == "count"]
    assert sorted(x.value for x in c.claims) == [14, 16]


def test_visit_and_phone_call_same_day_stay_apart(make_mention):
    events = []
    merge([make_mention(event="CONSULT", mode="visit", actor=("USA",), recipient=("BLR",)),
           make_mention(event="CONSULT", mode="phone", actor=("USA",), recipient=("BLR",))], events)
    assert len(events) == 2


def test_meeting_direction_does_not_split_it(make_mention):
    events = []
    merge([make_mention(event="CONSULT", mode="visit", actor=("USA",), recipient=("BLR",)),
           make_mention(event="CONSULT", mode=None, actor=("BLR",), recipient=("USA",), doc="b.txt")], events)
    assert len(events) == 1
    assert events[0].mode == "visit"


def test_merging_is_incremental(make_mention):
    events = []
    merge([make_mention(start="2025-09-11", quantity=52, doc="a.txt")], events)
    first_id = events[0].id
    touched = merge([make_mention(start="2025-09-01", end="2025-09-30", quantity=52, doc="b.txt")], events)
    assert [e.id for e in touched] == [first_id]
    assert len(events) == 1 and events[0].num_articles == 2
