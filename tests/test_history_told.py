"""History told with its date (history.py, data/history.yaml): an act an article dates long before it appeared is
background to its news. Between the article's own two states it stays an event, noted as history (analysts code it
as optional context); between other states, or with one side only, it is a look back that makes no event, though it
joins the event an article of its own time tells as news. Articles written for these tests, about several pairs."""
import datetime as dt

from detente.common import LOOK_BACK, UNDATED
from detente.history import history_age, story_pair
from detente.model import ActorRef, Mention
from detente.store import Store
from test_undated import events_of, ingest

NEWS = dt.date(2025, 3, 7)


def article(title: str, *sentences: str) -> str:
    return title + "\n\n" + " ".join(sentences) + "\n"


CHILE_PERU = article(
    "Chile recalls its envoy from Lima",
    "SANTIAGO - Chile recalled its ambassador from Peru on Monday after a row over fishing rights, the foreign "
    "ministry said.", "Peru's foreign minister accused Chile on Tuesday of bullying its fishermen.",
    "In 2019, Chile backed Argentina in a quarrel over Antarctic research stations.",
    "On 3 May 1994, Norway recognised Eritrea.",
    "Chile expelled Peru's ambassador in 2018 over a smuggling case.")

GHANA_TOGO = article(
    "Ghana and Togo reopen their border",
    "ACCRA - Ghana and Togo reopened their shared border on Wednesday after talks between their presidents, "
    "officials said.", "Togo's president thanked Ghana on Thursday for its patience.",
    "In 2024, Vietnam closed its border with Laos during a cholera outbreak.",
    "Ghana closed its border with Togo in 2020 during the pandemic.")


def _of_year(db, year):
    return [e for e in events_of(db) if e.date_start and e.date_start.year == year]


def test_history_of_other_states_makes_no_event_but_the_story_pairs_own_history_does(tmp_path):
    db = ingest(tmp_path, {"cl.txt": (CHILE_PERU, "2025-03-07"), "gh.txt": (GHANA_TOGO, "2025-03-07")})
    assert not _of_year(db, 2019) and not _of_year(db, 1994), [(e.event, e.date_start) for e in events_of(db)]
    # a year told alone, ended more than the news window before the article: history, and about others here
    assert not [e for e in _of_year(db, 2024) if e.event == "SANCTION"], [(e.event, e.date_start) for e in events_of(db)]
    expelled = [e for e in _of_year(db, 2018) if e.event == "SANCTION"]
    assert len(expelled) == 1, [(e.event, e.date_start) for e in events_of(db)]
    assert any(n.startswith("history:") and "kept as context" in n for n in expelled[0].mentions[0].notes)
    closed = [e for e in _of_year(db, 2020) if e.event == "SANCTION"]
    assert len(closed) == 1 and {r.code for r in closed[0].actor} == {"GHA"}, [(e.event, e.date_start) for e in events_of(db)]
    # the news itself is no history
    recalled = [e for e in events_of(db, "SANCTION") if e.date_start == dt.date(2025, 3, 3)]
    assert recalled and not any(n.startswith("history:") for m in recalled[0].mentions for n in m.notes)


def test_history_about_others_is_context_that_joins_no_event_in_either_order(tmp_path):
    then = article("Chile backs Argentina in Antarctic row", "SANTIAGO - Chile backed Argentina on 4 June 2019 in its "
                   "quarrel over Antarctic research stations, officials said.")
    for order in (["ar.txt", "cl.txt"], ["cl.txt", "ar.txt"]):
        db = ingest(tmp_path, {"ar.txt": (then, "2019-06-05"), "cl.txt": (CHILE_PERU, "2025-03-07")}, order=order)
        made = [e for e in _of_year(db, 2019) if e.event == "SUPPORT"]  # the article of its own time tells it as news
        assert made and all({m.doc_name for m in e.mentions} == {"ar.txt"} for e in made), \
            (order, [[m.doc_name for m in e.mentions] for e in made])
        with Store(db, read_only=True) as s:
            kept = [m for m in s.document_mentions(s.document_ids(["cl.txt"])[0])
                    if m.date_start and m.date_start.year == 2019]
        assert kept and not kept[0].event_id and LOOK_BACK in kept[0].notes and \
            any("background about other states" in n for n in kept[0].notes), [(m.event_id, m.notes) for m in kept]


def _mention(start, end, how="'2019' -> 2019 (year)", actor=("CHL",), recipient=("PER",)):
    return Mention(doc_id="d", doc_name="d.txt", sent_index=0, sentence="", sent_start=0, trigger="x",
                   trigger_start=0, trigger_end=1, event="SANCTION", mode=None, cameo="160", goldstein=-4.0,
                   plover_score=-4.0, actor=[ActorRef(code=c) for c in actor],
                   recipient=[ActorRef(code=c) for c in recipient], date_start=start, date_end=end, date_how=how)


def test_how_old_is_history():
    year = _mention(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert history_age(year, dt.date(2025, 3, 7))  # a year over 60 days before: its grain is history's
    assert history_age(year, dt.date(2025, 1, 20)) is None  # December may still be the news of a January article
    month = _mention(dt.date(2024, 11, 1), dt.date(2024, 11, 30), how="'November' -> 2024-11 (month)")
    assert history_age(month, dt.date(2025, 3, 7)) is None  # a recent month: the story's own earlier step
    day = _mention(dt.date(2023, 6, 2), dt.date(2023, 6, 2), how="'June 2, 2023' -> 2023-06-02 (full_date)")
    assert "history" in history_age(day, dt.date(2025, 3, 7))
    undated = _mention(dt.date(2023, 1, 1), dt.date(2023, 3, 1), how=UNDATED)
    assert history_age(undated, dt.date(2025, 3, 7)) is None
    assert history_age(day, None) is None


def test_the_story_pair_is_the_two_states_the_acts_name_most():
    ms = [_mention(None, None, actor=("KEN",), recipient=("SOM",)), _mention(None, None, actor=("SOM",), recipient=("KEN",)),
          _mention(None, None, actor=("QAT",), recipient=("SOM",))]
    assert story_pair(ms) == {"KEN", "SOM"}


def test_a_stance_told_in_the_present_is_not_of_the_day_of_the_past_act_beside_it():
    from test_coding import code
    for text in ("On 4 March 2001, Chile recognised Timor-Leste but still refuses to open an embassy in Dili.",
                 "Peru recognised Bolivia's claim on 9 June 1999, but still declines to sign the treaty with Bolivia."):
        stance = [m for m in code(text, NEWS) if m.event == "REJECT"]
        assert stance and all(m.date_start is None or m.date_start.year == 2025 for m in stance), \
            [(m.trigger, m.date_start, m.date_how) for m in stance]
    said = [m for m in code("Chile said on Monday that it rejects Peru's claim.", NEWS) if m.event == "REJECT"]
    assert said and said[0].date_start == dt.date(2025, 3, 3), [(m.date_start, m.date_how) for m in said]
