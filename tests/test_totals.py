"""Totals an analyst can quote: each release counted once, only acts that happened, disagreements shown."""
import datetime as dt

import pytest

import detente
from detente.conflicts import conflicts
from detente.ledger import ledger
from detente.model import Document
from test_coding import code as coded

PUB = dt.date(2024, 3, 6)


def _code(text: str):
    return coded(text, PUB)  # test_coding's one way to code a text, at this file's day


@pytest.mark.parametrize("text", [
    "Poland and Lithuania opened negotiations on the release of 1,300 detainees held in Belarus.",
    "Talks about the release of 40 Georgian fishermen continued in Ankara on Tuesday.",
    "Seoul and Pyongyang held discussions on the return of six abducted sailors.",
])
def test_what_talks_are_about_is_no_release(text):
    assert not [m for m in _code(text) if m.event == "RETREAT"], text


def test_a_release_beside_talks_about_more_is_still_a_release():
    ms = _code("Lithuania freed 12 Polish truck drivers on Monday, and talks on the release of 40 more continued.")
    [m] = [m for m in ms if m.event == "RETREAT"]
    assert m.quantity.value == 12


ARTICLES = {
    "a.txt": ("Azerbaijan hands 32 Armenian soldiers back in border swap\n\n"
              "BAKU, January 12, 2024 (Caspian Desk) - Azerbaijan released 32 Armenian servicemen on Wednesday in an "
              "exchange at the border, the foreign ministry in Baku said. Armenia returned two Azerbaijani soldiers "
              "the same day. Both governments hope that talks on a peace treaty can resume next month.\n"),
    "b.txt": ("Thirty-three Armenian soldiers come home\n\n"
              "YEREVAN, January 13, 2024 (Ararat Post) - Azerbaijan freed 33 Armenian soldiers on January 10, 2024, "
              "Armenian officials said. Negotiations on the release of the remaining 200 detainees are continuing, "
              "the officials added.\n"),
    "c.txt": ("Detainees still held after swap\n\n"
              "TBILISI, January 20, 2024 (Kura Review) - Rights groups say 23 Armenian detainees are still held in "
              "Azerbaijan after the swap of January 10. Armenian officials put the number still in custody in "
              "Azerbaijan at 19.\n"),
}


@pytest.fixture(scope="module")
def swap_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("swap")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = str(folder / "swap.duckdb")
    detente.ingest([str(folder)], db)
    return db


def test_one_release_told_by_weekday_and_by_full_date_is_counted_once_with_its_range(swap_db):
    led = ledger(swap_db, "AZE-ARM")
    releases = [e for e in led.entries if e.side == "AZE" and e.kind == "release"]
    assert len(releases) == 1 and releases[0].date_start == releases[0].date_end == dt.date(2024, 1, 10)
    t = led.totals["AZE"]
    # never 232 (the 200 still under negotiation) nor 65 (the two tellings added up)
    assert (t["people_released"], t["people_released_high"], t["people_released_text"]) == (32, 33, "32\u201333")


def test_outlets_disagreeing_on_figures_are_listed(swap_db):
    found = conflicts(swap_db, "AZE-ARM")
    counts = [c for c in found if c.kind == "count"]
    assert counts and sorted(r.value for r in counts[0].claims) == [32.0, 33.0]
    held = [c for c in found if c.kind == "figure" and c.subject == "people held"]
    assert held and sorted(r.value for r in held[0].claims) == [19.0, 23.0]
    assert all(r.source != "TBILISI" for r in held[0].claims)  # a dateline's city says nothing


def test_the_exchange_named_again_shares_the_day_it_was_told():
    text = ("Lithuania and Poland swap detainees\n\nVILNIUS, March 6, 2024 (Baltic Desk) - On 4 March, Lithuania and "
            "Poland exchanged prisoners at the border crossing. Nine Polish truck drivers were freed in the exchange, "
            "which the Red Cross supervised.")
    ms = [m for m in _code(text) if m.event == "RETREAT" and m.quantity and m.quantity.value == 9]
    assert ms and ms[0].date_start == ms[0].date_end == dt.date(2024, 3, 4), [(m.date_start, m.date_how) for m in ms]
    assert "refers back" in ms[0].date_how


def test_one_round_told_with_two_counts_is_at_least_the_lower():
    from detente.ledger import ledger_of
    from detente.model import ActorRef, Event, Quantity

    def ev(i, day, n):
        d = dt.date.fromisoformat(day)
        return Event(id=i, event="RETREAT", mode="release", cameo="0841", goldstein=7.0, plover_score=7.0,
                     actor=[ActorRef("ARM", "GOV")], recipient=[ActorRef("AZE", "MIL")], date_start=d, date_end=d,
                     quantity=Quantity(float(n)))
    # two outlets, one day, 2 and 10 people, kept apart by the merge: at least 2, at most 12 -- never "at least 10"
    t = ledger_of([ev("a", "2023-12-13", 2), ev("b", "2023-12-12", 10)], "ARM-AZE").totals["ARM"]
    assert (t["people_released"], t["people_released_high"]) == (2, 12)


def test_the_holder_of_people_held_is_the_subject_of_holding():
    from detente.claims import extract_claims

    day = dt.date(2024, 5, 2)
    docs = [Document("h1", "h1.txt", "Serbia admits to holding at least 12 more Kosovar detainees, their lawyers say.",
                     published_start=day, published_end=day),
            Document("h2", "h2.txt", "After the handover, nine Kosovar detainees remain in Serbian custody.",
                     published_start=day, published_end=day)]
    claims = [c for d in docs for c in extract_claims(d)]
    assert sorted((c.value, c.country) for c in claims) == [(9.0, "SRB"), (12.0, "SRB")]
