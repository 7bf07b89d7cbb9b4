"""Dates told with their weekday and no year (pubdate.weekday_date_reasons), and the times that date another act
than the one told (dating.py). Sentences written for these tests, about several pairs of states."""
import datetime as dt

from detente.pubdate import publication, weekday_date_reasons

from test_dating import by_trigger, days

TODAY = dt.date(2026, 3, 1)

def test_a_date_told_with_its_weekday_leaves_only_the_years_it_falls_on_that_weekday():
    (r,) = weekday_date_reasons("Kenya's president said on Monday (Aug. 26) that talks with Uganda would go on.",
                                TODAY)
    years = {lo.year for lo, _ in r.spans}
    assert {2013, 2019, 2024} <= years and 2020 not in years and 2025 not in years
    (r,) = weekday_date_reasons("The envoys met on Sunday, 3 December, in Brasilia.", TODAY)
    assert all((lo + dt.timedelta(days=7)).weekday() == 6 and (lo + dt.timedelta(days=7)).day == 3 for lo, _ in r.spans)
    # with its year it is a full date (date_reasons reads it), and a weekday that no such date has gives nothing
    assert weekday_date_reasons("on Friday, June 27, 2025, in Washington", TODAY) == []
    assert weekday_date_reasons("on Tuesday, February 30", TODAY) == []


def test_with_a_term_of_office_the_weekday_date_picks_the_year():
    from detente.actors import ActorDictionary

    text = ("Seoul warns Tokyo\n\nSouth Korean President Moon Jae-in said on Monday (Aug. 26) that the row with "
            "Japan had gone on too long.")
    p = publication(text, actors=ActorDictionary.load(), today=TODAY)
    assert p.start.year == p.end.year == 2019 and p.start <= dt.date(2019, 8, 26) <= p.end, p.note


def test_a_time_in_a_before_or_until_clause_dates_the_limit_not_the_act():
    m = by_trigger("Ghana asked Togo to lift the border fees before the customs accord runs out on March 30.",
                   "asked")
    assert "March 30" not in m.date_text, m.date_how
    m = by_trigger("Peru asked Bolivia to keep the border open until the talks end on December 20.", "asked")
    assert "December 20" not in m.date_text, m.date_how
    # the act's own time still dates it, and a time the trigger's clause holds too
    assert days(by_trigger("On Monday Ghana asked Togo to lift the fees before the accord runs out on March 30.",
                           "asked")) == (dt.date(2025, 11, 10),) * 2
    assert days(by_trigger("Before the vote, Ghana expelled two Togolese diplomats on Monday.", "expelled")) == (
        dt.date(2025, 11, 10),) * 2


def test_a_gerund_after_to_or_without_is_an_aim_not_a_done_act():
    from test_coding import code

    found = [m for m in code("Estonia says it will never yield when it comes to defending its borders against Russia.")
             if m.event == "SUPPORT"]
    assert all("done act" not in m.date_how for m in found), [m.date_how for m in found]
    # a done act after "after" or "with" still is one, and so is one after "to" completing a past verb
    m = by_trigger("Moldova expelled a Russian diplomat, with Chisinau accusing Moscow of meddling.", "accusing")
    assert m.date_start is not None
    from detente.parse import get_nlp
    from detente.dating import _past

    sent = get_nlp(())("The premier said he looked forward to meeting the Finnish president.")
    assert _past(next(t for t in sent if t.text == "meeting"))
    sent = get_nlp(())("Norway will not yield when it comes to defending its fishing grounds.")
    assert not _past(next(t for t in sent if t.text == "defending"))


def test_nigeriens_are_the_people_of_niger_not_nigeria():
    from detente.actors import ActorDictionary

    hit = ActorDictionary.load().resolve("Nigeriens", dt.date(2024, 6, 1))
    assert hit is not None and hit.code == "NER", hit



def test_an_acts_weekday_and_date_pick_its_year_next_to_publication():
    from detente.temporal import normalise

    # an article of late February 2024 (its interval's first day given): a bare "March 1" is the last one before
    # it, 2023's; "Friday, March 1" is 2024's (2023-03-01 was a Wednesday), the day a reader gives
    pub = dt.date(2024, 2, 23)
    assert normalise("Friday, March 1", pub).value == "2024-03-01"
    assert normalise("March 1", pub).value == "2023-03-01"
    # a weekday that fits the year publication gives keeps it; one that fits no year nearby changes nothing
    assert normalise("Monday, February 19", pub).value == "2024-02-19"
    assert normalise("Tuesday, February 19", pub).value == "2024-02-19"
