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


def test_held_talks_and_met_are_one_meeting(make_mention):
    events = []
    merge([make_mention(event="CONSULT", mode=None, actor=("USA",), recipient=("BLR",), trigger="held",
                        sentence="The envoys held talks in Minsk.", doc="a.txt"),
           make_mention(event="CONSULT", mode="visit", actor=("BLR",), recipient=("USA",), trigger="met",
                        sentence="The president met the envoy.", doc="b.txt")], events)
    assert len(events) == 1 and events[0].num_articles == 2


def test_the_trigger_tells_a_call_from_a_meeting_when_the_mode_is_open(make_mention):
    phoned = dict(event="CONSULT", mode=None, actor=("USA",), recipient=("BLR",), trigger="phoned",
                  sentence="The president phoned his counterpart.", doc="a.txt")
    events = []
    merge([make_mention(**phoned), make_mention(event="CONSULT", mode="phone", actor=("BLR",), recipient=("USA",),
                                                trigger="call", doc="b.txt")], events)
    assert len(events) == 1 and events[0].mode == "phone"
    events = []
    merge([make_mention(**phoned), make_mention(event="CONSULT", mode="visit", actor=("USA",), recipient=("BLR",),
                                                trigger="met", doc="b.txt")], events)
    assert len(events) == 2


def test_a_pardon_coded_without_mode_joins_the_release(make_mention):
    events = []
    merge([make_mention(start="2025-06-21", quantity=14, doc="a.txt"),
           make_mention(event="CONCEDE", mode=None, start="2025-06-21", trigger="pardoned",
                        sentence="The president pardoned the prisoners.", doc="b.txt")], events)
    assert len(events) == 1 and events[0].event == "RETREAT" and events[0].num_articles == 2


def test_reports_by_different_speakers_stay_apart(make_mention):
    said = dict(event="ACCUSE", mode=None, recipient=("BLR",), trigger="said",
                sentence="The ministry said the vote was rigged.")
    events = []
    merge([make_mention(actor=("USA",), doc="a.txt", **said), make_mention(actor=("LTU",), doc="b.txt", **said)],
          events)
    assert len(events) == 2
    events = []
    merge([make_mention(actor=("USA",), doc="a.txt", **said), make_mention(actor=("USA",), doc="b.txt", **said)],
          events)
    assert len(events) == 1


def test_related_events_follow_the_families_file():
    from detente.merge import related_events

    related = related_events()
    assert related["CONCEDE"] == {"RETREAT", "CONCEDE"}
    assert related["RETREAT"] == {"RETREAT", "CONCEDE", "SANCTION"}  # release, ease; withdraw
    assert related["SANCTION"] == {"RETREAT", "SANCTION", "COERCE"}  # withdraw; deport
    assert related["COERCE"] == {"COERCE", "SANCTION"}  # deport
    assert related["CONSULT"] == {"CONSULT"}


def test_a_count_one_off_inside_a_wider_date_is_one_event_with_a_conflict():
    import detente
    import tempfile
    from pathlib import Path
    folder = Path(tempfile.mkdtemp())
    (folder / "a.txt").write_text("Swap done\n\nBAKU, Dec 14, 2023 - Azerbaijan freed 32 Armenian soldiers on "
                                  "Wednesday in exchange for two of its own.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Steps toward peace\n\nYEREVAN, Jan 10, 2024 - Relations improved in December, "
                                  "when Azerbaijan freed 33 Armenian soldiers.\n", encoding="utf-8")
    db = str(folder / "s.duckdb")
    detente.ingest([str(folder / "a.txt"), str(folder / "b.txt")], db)
    releases = [e for e in detente.timeline(db) if e.event == "RETREAT" and "AZE" in [a.code for a in e.actor]]
    assert len(releases) == 1 and sorted(m.quantity.value for m in releases[0].mentions) == [32, 33]


def test_a_widely_dated_telling_that_fits_two_events_joins_neither(make_mention):
    from detente.pubdate import PUB_INFERRED

    events = []
    merge([make_mention(start="2025-06-21", quantity=3, doc="a.txt"),
           make_mention(start="2025-09-11", quantity=3, doc="b.txt")], events)
    vague = make_mention(start="2025-01-15", end="2026-12-02", quantity=3, doc="c.txt")
    vague.date_how = f"'Wednesday' -> XXXX-WXX-3 (weekday); {PUB_INFERRED} 2025-01-20..2026-12-07, wide"
    merge([vague], events)
    assert len(events) == 3 and all(len(e.mentions) == 1 for e in events)
    # with only one event it could retell (the same count ties it), it joins it
    events = [events[0]]
    vague2 = make_mention(start="2025-01-15", end="2026-12-02", quantity=3, doc="d.txt")
    vague2.date_how = vague.date_how
    merge([vague2], events)
    assert len(events) == 1 and events[0].num_articles == 2


def test_the_candidate_query_finds_every_stored_event_a_mention_could_join(tmp_path):
    """`candidate_queries` narrows in SQL what a store loads for merging; it must never drop an event that
    `compatible` would accept, or a large store would merge differently from a small one."""
    import detente
    from detente.merge import candidates, compatible
    from detente.store import Store

    db = str(tmp_path / "demo.duckdb")
    detente.demo(db)
    with Store(db) as store:
        events = store._events()
        mentions = [m for e in events for m in e.mentions] + store.unresolved_mentions()
        checked = 0
        for m in mentions:
            found = {e.id for e in candidates(store, [m])}
            for e in events:
                if compatible(m, e):
                    checked += 1
                    assert e.id in found, (m.sentence, e.id)
        # and narrower than "a shared country": most stored events are not candidates of most mentions
        loose = sum(len(candidates(store, [m])) for m in mentions)
    assert checked >= len(events) and loose < len(mentions) * len(events) / 4


def test_a_detention_told_without_mode_joins_the_arrest_it_continues(make_mention):
    # "held in detention since 2019" (the coder leaves COERCE's mode open) and "arrested in November 2019"
    # (COERCE arrest): one arrest, told by the state it began; the arrest family of event_families.yaml ties them
    arrest = dict(event="COERCE", mode="arrest", actor=("NOR",), recipient=("CHL",), start="2019-11-01",
                  end="2019-11-30", trigger="arrested", sentence="Oslo arrested the Chilean envoy in November 2019.")
    held = dict(event="COERCE", mode=None, actor=("NOR",), recipient=("CHL",), start="2019-01-01", end="2019-12-31",
                trigger="detention", sentence="The envoy has been in detention in Norway since 2019.", doc="b.txt")
    events = []
    merge([make_mention(**arrest), make_mention(**held)], events)
    assert len(events) == 1 and events[0].mode == "arrest" and events[0].num_articles == 2
    # another state's detention of the same man, or one begun in another year, is another act
    for other in (dict(held, actor=("PER",)), dict(held, start="2021-01-01", end="2021-12-31")):
        events = []
        merge([make_mention(**arrest), make_mention(**other)], events)
        assert len(events) == 2
    # an act of the same type the coder left open whose word is no arrest ("raided") is not tied to it
    events = []
    merge([make_mention(**arrest), make_mention(**dict(held, trigger="raided",
                                                       sentence="Norwegian police raided the envoy's home."))], events)
    assert len(events) == 2


def test_diplomats_withdrawn_and_an_envoy_recalled_are_one_withdrawal(make_mention):
    # "Kenya withdrew its diplomats from Uganda" (RETREAT withdraw) and "Kenya recalled its high commissioner"
    # (SANCTION withdraw) on one day tell one act; the withdraw family of event_families.yaml ties the readings
    withdrew = dict(event="RETREAT", mode="withdraw", actor=("KEN",), recipient=("UGA",), start="2025-05-12",
                    trigger="withdrew", sentence="Kenya withdrew its diplomats from Uganda on Monday.")
    recalled = dict(withdrew, event="SANCTION", trigger="recalled", doc="b.txt",
                    sentence="Nairobi recalled its high commissioner from Kampala.")
    events = []
    merge([make_mention(**withdrew), make_mention(**recalled)], events)
    assert len(events) == 1 and events[0].num_articles == 2
    # the other side's recall, or one a month later, is another act
    for other in (dict(recalled, actor=("UGA",), recipient=("KEN",)), dict(recalled, start="2025-06-20")):
        events = []
        merge([make_mention(**withdrew), make_mention(**other)], events)
        assert len(events) == 2


def test_merging_reads_each_joining_mention_once_and_gives_what_a_full_rebuild_gives(tmp_path):
    """`merge` keeps per event what `rebuild` read (`Memo`) and compares a telling only with events of its kind
    (`_ByKind`): the events it leaves must be what rebuilding each from all its mentions gives, and no event a
    telling is compatible with may be missing from its kind's list."""
    import copy

    import detente
    from detente import corefer
    from detente.merge import Memo, as_retelling, rebuild, recluster, retells, summary, telling
    from detente.store import Store

    db = str(tmp_path / "demo.duckdb")
    detente.demo(db)
    with Store(db) as store:
        stored = store._events()
    mentions = [m for e in stored for m in e.mentions]
    made, same, gone, _ = recluster(mentions, [])
    events = made + same
    assert not gone and sum(len(e.mentions) for e in events) == len(mentions)
    assert len({e.id for e in events}) == len(events) > 10
    for e in events:
        again = rebuild(copy.deepcopy(e))
        assert (e.event, e.mode, e.date_start, e.date_end, e.quantity, e.confidence) == \
               (again.event, again.mode, again.date_start, again.date_end, again.quantity, again.confidence)
        assert [r.to_dict() for r in e.actor + e.recipient] == [r.to_dict() for r in again.actor + again.recipient]
    memo = Memo(events)
    compared = 0
    for m in mentions:
        t, told = telling(m), as_retelling(m)
        kind, retold = {id(e) for e in memo.kinds.of_kind(t)}, {id(e) for e in memo.kinds.retold(told)}
        for e in events:
            if corefer.compatible(t, summary(e)):
                compared += 1
                assert id(e) in kind, (m.sentence, e.id)
            if retells(told, summary(e)):
                assert id(e) in retold, (m.sentence, e.id)
    assert compared >= len(events)
