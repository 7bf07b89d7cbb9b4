"""The concession ledger: entries, text and timing links, exchanges and totals."""
import datetime as dt
import json
import re
from pathlib import Path

import pytest

import detente
from detente.ingest import iter_documents
from detente.ledger import kind_of, ledger, ledger_of, load_config, totals_of
from detente.model import ActorRef, Document, Event, Mention, Quantity

GOLD = Path(__file__).parent / "data" / "demo-gold.jsonl"


def _event(eid, event, mode, actor, recipient, start, end=None, quantity=None, mentions=(), cameo="000"):
    s = dt.date.fromisoformat(start)
    return Event(id=eid, event=event, mode=mode, cameo=cameo, goldstein=7.0, plover_score=7.0,
                 actor=[ActorRef(c, "GOV") for c in actor], recipient=[ActorRef(c, "GOV") for c in recipient],
                 date_start=s, date_end=dt.date.fromisoformat(end) if end else s,
                 quantity=Quantity(float(quantity)) if quantity else None, mentions=list(mentions))


def _doc_mentions(doc_id: str, text: str) -> dict[str, Mention]:
    """One mention per sentence of `text`, keyed by its first word (enough for hand-written texts)."""
    out, pos = {}, 0
    for i, sent in enumerate(re.split(r"(?<=\.) ", text)):
        start = text.index(sent, pos)
        pos = start + len(sent)
        out[sent.split()[0]] = Mention(doc_id=doc_id, doc_name=doc_id + ".txt", sent_index=i, sentence=sent,
                                       sent_start=start, trigger="", trigger_start=start, trigger_end=start,
                                       event="", mode=None, cameo="", goldstein=0, plover_score=0)
    return out


TEXT = ("Belarus let 52 prisoners go on Thursday after talks with an American envoy. "
        "Officials in Vilnius met the freed detainees at the border. "
        "In return, Washington eased its sanctions on the state airline. "
        "Analysts expect further rounds next year.")


def test_text_cue_links_a_release_to_the_sanctions_relief_it_bought():
    ms = _doc_mentions("d1", TEXT)
    release = _event("r52", "RETREAT", "release", ["BLR"], [], "2025-09-11", quantity=52, mentions=[ms["Belarus"]])
    ease = _event("ease", "RETREAT", "ease", ["USA"], ["BLR"], "2025-09-11", mentions=[ms["In"]])
    doc = Document("d1", "d1.txt", TEXT)
    led = ledger_of([ease, release], "USA-BLR", {"d1": doc})
    assert {(e.side, e.kind, e.people) for e in led.entries} == {("BLR", "release", 52), ("USA", "sanctions", None)}
    [link] = led.links
    assert link.why == "text" and link.cue == "In return"
    assert "Vilnius" in link.evidence[0].text  # the cited span runs from one sentence to the other
    [x] = led.exchanges
    assert {e.id for e in x.entries} == {"r52", "ease"}
    assert "52" in x.summary()


def test_no_link_without_a_cue_or_a_demand():
    text = "Belarus let 52 prisoners go on Thursday. Separately, Washington eased its sanctions on the airline."
    ms = _doc_mentions("d2", text)
    release = _event("r", "RETREAT", "release", ["BLR"], [], "2025-09-11", quantity=52, mentions=[ms["Belarus"]])
    ease = _event("e", "RETREAT", "ease", ["USA"], ["BLR"], "2025-09-11", mentions=[ms["Separately,"]])
    led = ledger_of([release, ease], "USA-BLR", {"d2": Document("d2", "d2.txt", text)})
    assert led.links == [] and led.exchanges == []


def test_concessions_close_together_after_a_demand_are_linked_by_timing():
    demand = _event("dem", "REQUEST", "yield", ["USA"], ["BLR"], "2025-08-17", cameo="1053")
    release = _event("rel", "RETREAT", "release", ["BLR"], [], "2025-09-11", quantity=52)
    visit = _event("vis", "CONSULT", "visit", ["USA"], ["BLR"], "2025-09-12")
    late = _event("late", "CONSULT", "visit", ["USA"], ["BLR"], "2025-11-20")  # far from the demand
    led = ledger_of([demand, release, visit, late], "USA-BLR")
    [link] = led.links
    assert link.why == "timing" and link.demand.id == "dem"
    assert {link.a.id, link.b.id} == {"rel", "vis"}
    assert "25 day(s) after USA's demand" in link.cue
    [x] = led.exchanges
    assert [e.id for e in x.entries] == ["dem", "rel", "vis"]


def test_same_side_concessions_are_never_linked():
    demand = _event("dem", "REQUEST", None, ["USA"], ["BLR"], "2025-08-17", cameo="1053")
    a = _event("a", "RETREAT", "release", ["BLR"], [], "2025-09-11", quantity=5)
    b = _event("b", "RETREAT", "release", ["BLR"], [], "2025-09-12", quantity=7)
    assert ledger_of([demand, a, b], "USA-BLR").links == []


def test_a_lone_cue_links_to_the_other_sides_latest_step():
    text = "In January, at the request of the White House, the Belarusian authorities let one American go home."
    ms = _doc_mentions("d3", text)
    ease = _event("ease", "RETREAT", "ease", ["USA"], ["BLR"], "2025-12-13")
    older = _event("older", "RETREAT", "ease", ["USA"], ["BLR"], "2025-06-01")
    rel = _event("rel", "RETREAT", "release", ["BLR"], ["USA"], "2026-01-01", "2026-01-31", quantity=1,
                 mentions=[ms["In"]])
    [link] = ledger_of([older, ease, rel], "USA-BLR", {"d3": Document("d3", "d3.txt", text)}).links
    assert (link.a.id, link.b.id, link.why) == ("ease", "rel", "text+timing")
    assert link.cue == "at the request of"


def test_totals_per_side_over_a_period():
    evs = [_event("a", "RETREAT", "release", ["BLR"], [], "2025-06-21", quantity=14),
           _event("b", "RETREAT", "release", ["BLR"], ["USA"], "2025-09-11", quantity=52),
           _event("c", "RETREAT", "release", ["BLR"], [], "2025-04-25"),  # count unknown
           _event("d", "RETREAT", "ease", ["USA"], ["BLR"], "2025-09-11"),
           _event("e", "CONSULT", "phone", ["USA"], ["BLR"], "2025-08-15"),
           _event("f", "SUPPORT", None, ["USA"], ["BLR"], "2025-11-09", cameo="051"),  # praise: not in the ledger
           _event("g", "RETREAT", "release", ["LTU"], [], "2025-09-11", quantity=3)]  # not a side of the dyad
    led = ledger_of(evs, "USA-BLR")
    assert len(led.entries) == 5
    t = led.totals
    # the release told without a count freed someone: at least one more (66 + 1)
    assert t["BLR"]["people_released"] == 67 and t["BLR"]["releases"] == 3 and t["BLR"]["releases_without_count"] == 1
    assert t["BLR"]["release_rounds"] == 3
    assert t["USA"]["sanctions_actions"] == 1 and t["USA"]["calls"] == 1
    summer = totals_of(led.entries, ("USA", "BLR"), since="2025-06-01", until="2025-08-31")
    assert summer["BLR"]["people_released"] == 14 and summer["USA"]["sanctions_actions"] == 0
    frame = led.to_frame()
    assert list(frame["kind"]) == ["release", "release", "call", "release", "sanctions"]


def test_overlapping_releases_give_a_range_not_a_double_count():
    # Lithuania frees 20 on 3 March and 30 on 20 May; an article's running total ("has freed 45 people since
    # February") spans both and may be the same people: at least 50, at most 95.
    evs = [_event("a", "RETREAT", "release", ["LTU"], [], "2024-03-03", quantity=20),
           _event("b", "RETREAT", "release", ["LTU"], [], "2024-05-20", quantity=30),
           _event("c", "RETREAT", "release", ["LTU"], [], "2024-02-01", "2024-06-30", quantity=45)]
    t = ledger_of(evs, "LTU-POL").totals["LTU"]
    assert (t["people_released"], t["people_released_high"], t["people_released_text"]) == (50, 95, "50\u201395")
    # a release of unknown size leaves the total open-ended, and counts the one person it must have freed
    evs.append(_event("d", "RETREAT", "release", ["LTU"], [], "2024-08-08"))
    t = ledger_of(evs, "LTU-POL").totals["LTU"]
    assert (t["people_released"], t["people_released_high"], t["people_released_text"]) == (51, None, "at least 51")
    assert t["releases"] == 4 and t["releases_without_count"] == 1
    # told without a count on the day another outlet counts 30, it adds nobody and lowers nothing
    same = evs[:3] + [_event("e", "RETREAT", "release", ["LTU"], [], "2024-05-20")]
    t = ledger_of(same, "LTU-POL").totals["LTU"]
    assert (t["people_released"], t["people_released_high"]) == (50, None)
    # alone, it is "at least 1", never "at least 0"
    assert ledger_of(same[3:], "LTU-POL").totals["LTU"]["people_released_text"] == "at least 1"
    t = ledger_of(evs, "LTU-POL").totals["LTU"]
    # the running total overlaps the March release: at least three distinct releases (March, May, August)
    assert t["release_rounds"] == 3


def test_disagreeing_counts_of_one_release_bound_its_total():
    ms = []
    for i, n in enumerate((32, 33)):
        m = Mention(f"d{i}", f"d{i}.txt", 0, "s", 0, "freed", 0, 5, "RETREAT", "release", "0841", 4.0, 4.0,
                    quantity=Quantity(float(n)))
        ms.append(m)
    ev = _event("x", "RETREAT", "release", ["AZE"], ["ARM"], "2023-12-13", quantity=32, mentions=ms)
    t = ledger_of([ev], "AZE-ARM").totals["AZE"]
    assert (t["people_released"], t["people_released_high"], t["people_released_text"]) == (32, 33, "32\u201333")


def test_kinds_come_from_the_rules_file(tmp_path):
    cfg = load_config()
    assert kind_of(_event("x", "SUPPORT", None, ["USA"], ["BLR"], "2025-01-01", cameo="054"), cfg)[0] == "upgrade"
    assert kind_of(_event("x", "SUPPORT", None, ["USA"], ["BLR"], "2025-01-01", cameo="051"), cfg) is None
    bad = tmp_path / "rules.yaml"
    bad.write_text("kinds: []\n")
    with pytest.raises(ValueError, match="rules.yaml"):
        load_config(str(bad))


# --- the demo corpus ------------------------------------------------------------------------------
def _gold_events() -> tuple[list[Event], dict[str, Document]]:
    """The hand-coded demo gold as events, each quote located in its article's sentence."""
    docs = {d.name[:2]: d for d in iter_documents([str(detente.demo_corpus())]) if isinstance(d, Document)}
    events = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        ms = []
        for m in g["mentions"]:
            doc = docs[m["doc"]]
            at = doc.text.find(m["quote"])
            assert at >= 0, m
            starts = [0] + [x.end() for x in re.finditer(r"(?<=[.!?])\s+|\n+", doc.text)]
            i = max(k for k, s in enumerate(starts) if s <= at)
            end = starts[i + 1] if i + 1 < len(starts) else len(doc.text)
            sent = doc.text[starts[i]:end].rstrip()
            ms.append(Mention(doc.id, doc.name, i, sent, starts[i], m["quote"], at, at + len(m["quote"]),
                              g["event"], g["mode"], g["cameo"], 0.0, 0.0))
        events.append(_event(g["id"], g["event"], g["mode"], g["actor"], g["recipient"], g["date"]["earliest"],
                             g["date"]["latest"], g["quantity"], ms, g["cameo"]))
    return events, {d.id: d for d in docs.values()}


def test_gold_ledger_of_the_demo_links_the_bargains_of_the_thaw():
    events, docs = _gold_events()
    led = ledger_of(events, "USA-BLR", docs)
    pairs = {frozenset((lk.a.id, lk.b.id)): lk for lk in led.links}
    belavia = pairs[frozenset(("D30", "D31"))]  # 52 freed <-> Belavia relief, 11 September
    assert belavia.why == "text" and belavia.cue.lower() in {"answered", "the same day"}
    kellogg = pairs[frozenset(("D18", "D19"))]  # Kellogg's visit <-> 14 freed, 21 June
    assert kellogg.why == "text" and kellogg.cue.lower().startswith("hours after")
    dec = pairs[frozenset(("D37", "D38"))]  # 123 freed <-> potash relief
    assert dec.cue == "In return"
    assert led.totals["BLR"]["people_released"] == sum(
        e.quantity.value for e in events if e.mode == "release" and e.actor[0].code == "BLR")
    x = next(x for x in led.exchanges if any(e.id == "D30" for e in x.entries))
    assert x.date_start == dt.date(2025, 8, 17) or x.date_start == dt.date(2025, 9, 11)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("ledger") / "demo.duckdb")
    detente.ingest([str(detente.demo_corpus())], db)
    return db


def test_ledger_of_the_ingested_demo(demo_db):
    led = ledger(demo_db, "USA-BLR")
    keys = [(e.date_start, e.date_end) for e in led.entries]
    assert keys == sorted(keys) and {e.side for e in led.entries} == {"USA", "BLR"}
    assert led.totals["BLR"]["people_released"] > 0
    for lk in led.links:
        assert lk.a.side != lk.b.side and lk.evidence
        if lk.why == "text":
            assert lk.cue.lower() in lk.evidence[0].text.replace("\u2019", "'").lower()
    later = ledger(demo_db, "BLR-USA", since="2025-09-01")
    assert all(e.date_end >= dt.date(2025, 9, 1) for e in later.entries)
    with pytest.raises(ValueError):
        ledger(demo_db, "USA")


def test_a_release_told_once_with_a_day_and_once_with_a_vague_span_is_one_round():
    # Oman-brokered swap: one outlet dates Tehran's release to the day, another's telling could only be put
    # within decades; a third, separate release by Tehran weeks later is its own round
    evs = [_event("a", "RETREAT", "release", ["IRN"], ["FRA"], "2024-06-15", quantity=2),
           _event("b", "RETREAT", "release", ["IRN"], ["FRA"], "1990-01-01", "2026-12-31"),
           _event("c", "RETREAT", "release", ["IRN"], ["FRA"], "2024-08-02", quantity=1)]
    t = ledger_of(evs, "IRN-FRA").totals["IRN"]
    assert t["releases"] == 3 and t["release_rounds"] == 2
    # released on two days a day apart (time zones, an overnight handover) is one round
    evs = [_event("a", "RETREAT", "release", ["ARM"], ["AZE"], "2023-12-12", quantity=2),
           _event("b", "RETREAT", "release", ["ARM"], ["AZE"], "2023-12-13", quantity=2)]
    assert ledger_of(evs, "ARM-AZE").totals["ARM"]["release_rounds"] == 1
