"""Time expressions in news-style sentences (written for these tests) resolved to intervals."""
from datetime import date, timedelta

import pytest

from detente.model import Timex
from detente.temporal import find_timexes, normalise, shift, timex_records

PUB = date(2025, 11, 13)  # a Thursday


def one(text: str, pub: date | None = PUB, **kw) -> Timex:
    got = find_timexes(text, pub, **kw)
    assert len(got) == 1, [(t.text, t.value) for t in got]
    return got[0]


def by_text(text: str, pub: date | None = PUB) -> dict[str, Timex]:
    return {t.text: t for t in find_timexes(text, pub)}


# --- bare dates and months take their year from the publication date

def test_bare_day_takes_publication_year_and_offsets_are_exact():
    s = "Envoys landed in the capital on June 21 for a round of talks."
    t = one(s)
    assert s[t.start:t.end] == t.text == "June 21"
    assert (t.type, t.value, t.granularity) == ("DATE", "2025-06-21", "day")
    assert t.date_start == t.date_end == date(2025, 6, 21)


def test_bare_day_after_publication_falls_in_previous_year():
    t = one("The ministry confirmed the arrests on December 3.", date(2026, 1, 15))
    assert t.value == "2025-12-03" and t.date_start == date(2025, 12, 3)


def test_bare_month_across_year_boundary():
    t = one("Talks stalled in December, officials said.", date(2026, 1, 8))
    assert t.value == "2025-12"
    assert (t.date_start, t.date_end) == (date(2025, 12, 1), date(2025, 12, 31))
    # the month of publication itself counts
    t = one("Talks stalled in January, officials said.", date(2026, 1, 8))
    assert t.value == "2026-01"


def test_bare_day_without_any_publication_date_has_no_interval():
    t = one("The embassy reopened on March 4 after a long pause.", None)
    assert t.value == "XXXX-03-04" and t.date_start is None and t.date_end is None


def test_bare_day_with_only_a_publication_interval_is_honest():
    # published some time in March 2025 or later in the year: same year either way
    t = one("Guards opened the gates on February 10.", None,
            published_range=(date(2025, 3, 1), date(2025, 9, 30)))
    assert t.value == "2025-02-10" and t.date_start == t.date_end == date(2025, 2, 10)
    # published between January and June: February 10 may be this year's or last year's
    t = one("Guards opened the gates on February 10.", None,
            published_range=(date(2025, 1, 5), date(2025, 6, 30)))
    assert t.value == "XXXX-02-10"
    assert (t.date_start, t.date_end) == (date(2024, 2, 10), date(2025, 2, 10))


def test_future_context_moves_bare_date_forward():
    t = one("The delegation will travel to Vilnius on January 12.", PUB)
    assert t.value == "2026-01-12"


def test_may_the_verb_is_not_a_month():
    got = find_timexes("Officials may reopen the consulate soon.", PUB)
    assert [(t.text, t.value) for t in got] == [("soon", "FUTURE_REF")]  # no month "May"
    assert one("The border crossing was shut in May.").value == "2025-05"


def test_cited_source_date_after_future_talk_stays_in_the_past():
    s = "Officials say the thaw will take time (state news agency, October 30)."
    assert one(s).value == "2025-10-30"


def test_cited_source_dates_in_parentheses_are_kept():
    s = "The ministry announced the pardons (state news agency, September 11; see also Reuters, July 28)."
    got = find_timexes(s, PUB)
    assert [(t.text, t.value) for t in got] == [("September 11", "2025-09-11"), ("July 28", "2025-07-28")]


# --- weekdays

def test_weekday_is_latest_on_or_before_publication():
    assert one("The foreign minister spoke by phone on Tuesday.").value == "2025-11-11"
    # same day counts: PUB is a Thursday
    assert one("Prisoners crossed the border on Thursday.").date_start == PUB


def test_weekday_in_future_context():
    t = one("The two leaders will meet on Saturday in Warsaw.")
    assert t.value == "2025-11-15" and "future" in t.rule
    assert one("They hope to meet next Monday.").value == "2025-11-17"


def test_weekday_with_publication_interval_is_wide():
    t = one("Lawyers filed the appeal on Monday.", None,
            published_range=(date(2025, 11, 10), date(2025, 11, 20)))
    assert (t.date_start, t.date_end) == (date(2025, 11, 10), date(2025, 11, 17))
    assert t.value == "XXXX-WXX-1"


# --- parts of periods

@pytest.mark.parametrize("phrase,start,end", [
    ("late April", date(2025, 4, 21), date(2025, 4, 30)),
    ("early April", date(2025, 4, 1), date(2025, 4, 10)),
    ("mid-April", date(2025, 4, 11), date(2025, 4, 20)),
    ("late 2024", date(2024, 9, 1), date(2024, 12, 31)),
    ("early 2025", date(2025, 1, 1), date(2025, 4, 30)),
    ("the fall of 2024", date(2024, 9, 1), date(2024, 11, 30)),
    ("the winter of 2023", date(2023, 12, 1), date(2024, 2, 29)),
    ("the end of the year", date(2025, 11, 15), date(2025, 12, 31)),
    ("late last July", date(2025, 7, 21), date(2025, 7, 31)),
])
def test_parts_of_periods(phrase, start, end):
    t = one(f"Contacts between the two capitals resumed in {phrase}, diplomats said.")
    assert t.text.endswith(phrase.split()[-1])
    assert (t.date_start, t.date_end) == (start, end)


def test_season_values():
    assert one("A quiet channel opened in the fall of 2024.").value == "2024-FA"
    # "last summer" from November = the summer just gone
    assert one("Sanctions were relaxed last summer.").value == "2025-SU"
    assert one("Sanctions were relaxed last summer.", date(2026, 3, 2)).value == "2025-SU"


# --- relative to publication

@pytest.mark.parametrize("phrase,value,start,end", [
    ("last week", "2025-W45", date(2025, 11, 3), date(2025, 11, 9)),
    ("two months ago", "2025-09", date(2025, 9, 1), date(2025, 9, 30)),
    ("earlier this year", "2025", date(2025, 1, 1), PUB),
    ("this month", "2025-11", date(2025, 11, 1), date(2025, 11, 30)),
    ("yesterday", "2025-11-12", date(2025, 11, 12), date(2025, 11, 12)),
    ("last year", "2024", date(2024, 1, 1), date(2024, 12, 31)),
    ("three years ago", "2022", date(2022, 1, 1), date(2022, 12, 31)),
])
def test_relative_to_publication(phrase, value, start, end):
    t = one(f"The opposition leader was freed {phrase} after long negotiations.")
    assert t.anchor == "publication"
    assert (t.value, t.date_start, t.date_end) == (value, start, end)


def test_since_month_resolves_the_starting_month():
    t = one("Relations have warmed steadily since December.")
    assert t.text == "December" and t.value == "2024-12" and t.anchor == "publication"


def test_recent_months_and_past_year_end_at_publication():
    got = by_text("In recent months the airline regained access to parts, and over the past year "
                  "trade grew.")
    recent = next(t for k, t in got.items() if "recent months" in k)
    assert recent.type == "DURATION" and recent.date_end == PUB and recent.date_start < date(2025, 9, 1)
    past = next(t for k, t in got.items() if "past year" in k)
    assert past.value == "P1Y" and past.date_end == PUB and past.date_start.year == 2024


def test_next_year_is_future():
    t = one("The ministry expects the embassy to reopen next year.")
    assert t.value == "2026" and t.date_start == date(2026, 1, 1)


def test_now_is_present_ref():
    assert one("The consulate is now open again.").value == "PRESENT_REF"


# --- relative to another event

@pytest.mark.parametrize("phrase,lo,hi", [
    ("Two days later", 2, 2),
    ("Two weeks later", 12, 16),
    ("Several weeks later", 14, 56),
    ("The next day", 1, 1),
])
def test_previous_event_offsets(phrase, lo, hi):
    t = one(f"{phrase}, the guards released another group of detainees.")
    assert t.anchor == "previous_event" and t.date_start is None and t.date_end is None
    assert t.offset_days == (lo, hi)


def test_shift_applies_offsets_to_anchor_interval():
    t = one("Two days later, the guards released another group.")
    assert shift(t, date(2025, 6, 21), date(2025, 6, 21)) == (date(2025, 6, 23), date(2025, 6, 23))
    t = one("Several weeks later, a second envoy arrived.")
    assert shift(t, date(2025, 2, 1), date(2025, 2, 1)) == (date(2025, 2, 15), date(2025, 3, 29))


def test_following_month_is_the_next_calendar_month():
    t = one("The following month, the airline resumed flights.")
    assert t.anchor == "previous_event"
    assert shift(t, date(2025, 12, 10), date(2025, 12, 10)) == (date(2026, 1, 1), date(2026, 1, 31))


# --- durations, sets, numbers that are not years

@pytest.mark.parametrize("phrase,value", [
    ("for three decades", "P30Y"),
    ("for more than five years", "P5Y"),
    ("31 years", "P31Y"),
    ("two months", "P2M"),
])
def test_durations_are_not_dates(phrase, value):
    t = one(f"The president has held power {phrase} without a break.")
    assert t.type == "DURATION" and t.value == value
    assert t.date_start is None and t.date_end is None


def test_sets():
    got = find_timexes("Consular staff meet every week and report annually.", PUB)
    assert [(t.type, t.value) for t in got] == [("SET", "P1W"), ("SET", "P1Y")]


def test_numbers_that_are_not_years():
    s = "Some 1,300 people remain behind bars, 52 prisoners were freed, and the loan is 9.5 million; 2000 troops moved."
    assert find_timexes(s, PUB) == []


def test_years_including_attributive_use():
    got = find_timexes("Protests followed the 2020 presidential election; he has ruled since 1994 "
                       "and the war began in February 2022.", PUB)
    assert [(t.text, t.value, t.granularity) for t in got] == [
        ("2020", "2020", "year"), ("1994", "1994", "year"), ("February 2022", "2022-02", "month")]
    assert got[0].date_start == date(2020, 1, 1) and got[0].date_end == date(2020, 12, 31)


def test_full_and_attributive_month_year():
    t = one("Their brief call followed a August 2025 phone conversation.")
    assert (t.value, t.date_start, t.date_end) == ("2025-08", date(2025, 8, 1), date(2025, 8, 31))
    t = one("The decree was signed on September 11, 2024, in the capital.")
    assert t.value == "2024-09-11" and t.anchor == "absolute"


# --- records (publication inference: tests/test_pubdate.py)

def test_timex_records_are_json_ready():
    recs = list(timex_records("Flights resumed on Friday.", PUB))
    assert recs == [{"start": 19, "end": 25, "text": "Friday", "type": "DATE", "value": "2025-11-07",
                     "date_start": "2025-11-07", "date_end": "2025-11-07", "granularity": "day",
                     "anchor": "publication", "rule": "weekday"}]


def test_normalise_single_expression():
    assert normalise("mid-September", PUB).date_start == date(2025, 9, 11)
    assert normalise("nothing here", PUB) is None


def test_leap_day_and_abbreviated_month_go_back_to_a_real_date():
    t = one("The court last sat on Feb 29 to hear the appeal.", date(2025, 3, 1))
    assert t.value == "2024-02-29"


def test_event_relative_expressions_before_the_anchor():
    t = one("Two days earlier, the border guards had detained him.")
    assert t.offset_days == (-2, -2)
    assert shift(t, date(2025, 6, 21), date(2025, 6, 21)) == (date(2025, 6, 19), date(2025, 6, 19))


def test_year_ranges_give_both_years():
    got = find_timexes("Sanctions imposed in 2020-21 and the 2022–2023 winter.", PUB)
    assert [t.value for t in got][:3] == ["2020", "2021", "2022"]


def test_open_ended_publication_interval_gives_no_interval_for_relative_dates():
    got = find_timexes("Talks resumed on March 4, 2025, and again on June 21.", None,
                       published_range=(date(2025, 3, 4), None))
    absolute, bare = got
    assert absolute.date_start == date(2025, 3, 4)
    assert bare.value == "XXXX-06-21" and bare.date_start is None and bare.date_end is None


# --- references back to earlier text (anaphora=True), as TimeML annotates them

def ana(text: str, pub: date | None = PUB) -> dict[str, Timex]:
    return {t.text: t for t in find_timexes(text, pub, anaphora=True)}


def test_the_day_takes_the_latest_earlier_day():
    text = ("Markets in Warsaw fell sharply on Monday, October 6, 2025. In October 1998 a similar "
            "slide lasted weeks. The main index ended the day down four percent.")
    got = ana(text)
    day = got["the day"]
    assert day.value == "2025-10-06" and day.date_start == day.date_end == date(2025, 10, 6)
    assert day.rule.endswith("+anaphora") and day.anchor == "previous_event"
    # without the anaphora pass it stays relative to the event told before (dating.py shifts it)
    plain = by_text(text)["the day"]
    assert plain.value == "XXXX-XX-XX" and plain.date_start is None and plain.offset_days == (0, 0)


def test_the_day_with_nothing_before_is_the_publication_day():
    assert ana("Stocks rallied late in the day.")["late in the day"].value == "2025-11-13"
    assert ana("The exchange closed the day higher.")["the day"].value == "2025-11-13"


def test_the_day_followed_by_its_own_anchor_is_not_a_reference_back():
    assert "the day" not in ana("Talks resumed on Monday, and on the day after the vote they ended.")
    assert "the day" not in ana("He recalled the day when the embassy closed.")


def test_that_time_copies_the_date_before_it():
    got = ana("The deal will be signed by March 3, 2026. If no price is agreed by that time, "
              "an arbiter will set it.")
    assert got["that time"].value == "2026-03-03"


def test_same_period_last_year_shifts_the_period_told_before():
    got = ana("Exports to Poland rose 12 percent in October compared with the same period last year.")
    assert got["the same period last year"].value == "2024-10"
    t = ana("Revenue fell in the third quarter of 2025 from the same quarter a year earlier.")[
        "the same quarter a year earlier"]
    assert (t.value, t.date_start, t.date_end) == ("2024-Q3", date(2024, 7, 1), date(2024, 9, 30))
    # without the pass: the year before publication
    assert by_text("Exports rose compared with the same period last year.")[
        "the same period last year"].value == "2024"


def test_event_relative_offsets_resolve_against_the_date_before():
    got = ana("The talks opened on September 8, 2025. Two days later the delegation left, and the "
              "following month a second round began.")
    assert got["Two days later"].value == "2025-09-10"
    assert got["the following month"].value == "2025-10"
    got = ana("The plant lost money in 2019 and the year before, but the entire year of 2021 was good.")
    assert got["the year before"].value == "2018"


def test_entire_year_and_same_day():
    got = ana("The carrier reported a loss for the fourth quarter of 2024 and for the entire year. "
              "Regulators fined it on June 2, 2025, and it appealed the same day.")
    assert got["the entire year"].value == "2024"
    assert got["the same day"].value == "2025-06-02"


def test_references_back_need_a_fine_enough_anchor():
    # "the following day" cannot lean on a bare year: it stays unresolved
    got = ana("The envoy first came in 2023. The following day he met the minister.")
    assert got["The following day"].value == "XXXX-XX-XX" and got["The following day"].date_start is None


def test_shift_of_event_relative_anaphors_uses_calendar_units():
    year_before = by_text("Losses were smaller the year before.")["the year before"]
    assert shift(year_before, date(2025, 5, 1), date(2025, 5, 1)) == (date(2024, 1, 1), date(2024, 12, 31))
    entire = by_text("It made a profit for the entire year.")["the entire year"]
    assert shift(entire, date(2025, 5, 1), date(2025, 5, 31)) == (date(2025, 1, 1), date(2025, 12, 31))


def test_normalise_with_context_before():
    t = normalise("the next day", PUB, context_before="The minister landed in Vilnius on 4 May 2025.")
    assert (t.value, t.start, t.end, t.text) == ("2025-05-05", 0, 12, "the next day")
    assert normalise("the next day", PUB).value == "XXXX-XX-XX"


# --- PAST_REF / PRESENT_REF / FUTURE_REF

@pytest.mark.parametrize("sentence,text,value", [
    ("Minsk expects an answer very soon.", "very soon", "FUTURE_REF"),
    ("The sanctions will stay for the time being.", "the time being", "PRESENT_REF"),
    ("The deal secures jobs in the long term.", "the long term", "FUTURE_REF"),
    ("Trade suffered in the current crisis.", "current", "PRESENT_REF"),
    ("The ongoing talks are secret.", "ongoing", "PRESENT_REF"),
    ("Analysts blame recent moves by the bank.", "recent", "PAST_REF"),
    ("Belarus now holds fewer prisoners.", "now", "PRESENT_REF"),
    ("In the past, such visits were rare.", "In the past", "PAST_REF"),
])
def test_unspecified_references(sentence, text, value):
    t = one(sentence)
    assert (t.text, t.value, t.type) == (text, value, "DATE")


def test_refs_that_are_not_time_expressions():
    assert find_timexes("The current president left as soon as the vote ended.", PUB) == []
    assert find_timexes("The bank took a long-term view.", PUB) == []


# --- runs of days, decades without apostrophe, ages, fiscal years

def test_consecutive_day_is_the_day_reported():
    t = one("Trading was suspended for a third consecutive day.")
    assert (t.value, t.date_start) == ("2025-11-13", PUB)
    assert one("Stocks rose for the fifth week in a row.").value == "2025-W46"
    assert find_timexes("It was the fifth week of the strike.", PUB) == []


def test_decades_without_apostrophe():
    got = by_text("The plant made the boxy cars of the 70s and 80s.")
    assert got["70s"].value == "197" and got["80s"].value == "198"
    assert find_timexes("The ministers are in their 70s.", PUB) == []


def test_counts_of_units_that_are_ages_or_parts_of_words_are_not_durations():
    assert find_timexes("Children aged 6 months and older can get the vaccine.", PUB) == []
    assert one("It was the worst single-day fall.").value == "P1D"
    assert one("The budget for this fiscal year is larger.").value == "2025"


def test_weekday_on_the_line_before_a_dateline_is_its_own_date():
    got = find_timexes("Markets to stay closed until Friday\nNovember 13, 2025\nThe bourse said so.", PUB)
    assert [(t.text, t.value) for t in got] == [("Friday", "2025-11-14"), ("November 13, 2025", "2025-11-13")]


# --- expressions from the seed articles' kind, in sentences of our own

def test_seed_like_expressions():
    assert (lambda t: (t.date_start, t.date_end))(
        one("A second visit by the envoys in late April freed one more detainee.", date(2025, 6, 24))
    ) == (date(2025, 4, 21), date(2025, 4, 30))
    t = one("In January, as a gesture, the government pardoned a journalist.", date(2025, 6, 24))
    assert (t.value, t.date_start, t.date_end) == ("2025-01", date(2025, 1, 1), date(2025, 1, 31))
    # a month used as a modifier
    t = one("In his August interview the leader named two goals.", date(2025, 10, 2))
    assert t.text == "August" and t.value == "2025-08"
    # a period named by an event: no date is made up for it
    got = find_timexes("Prisoners were freed during the president's first week back in office.", date(2025, 6, 24))
    assert all(t.date_start is None for t in got)
    # no publication date, only an interval for it
    t = one("Officials have met twice since December.", None,
            published_range=(date(2026, 1, 5), date(2026, 2, 10)))
    assert (t.value, t.date_start, t.date_end) == ("2025-12", date(2025, 12, 1), date(2025, 12, 31))


def test_hyphenated_part_of_a_year():
    t = one("The new consulate is due to open in mid-2026.")
    assert (t.text, t.value, t.date_start, t.date_end) == ("mid-2026", "2026", date(2026, 5, 1), date(2026, 8, 31))


def test_fall_the_noun_is_not_the_season():
    assert find_timexes("Potash exports saw a sharp fall in prices after the fall of the old regime.", PUB) == []
    assert one("The talks resume in the fall.").value == "2025-FA"


def test_timex_records_show_references_back_resolved():
    recs = list(timex_records("Flights resumed on Friday and were full for the day.", PUB))
    assert [(r["text"], r["value"], r["anchor"]) for r in recs] == [
        ("Friday", "2025-11-07", "publication"), ("the day", "2025-11-07", "previous_event")]
    recs = list(timex_records("Flights were full for the day.", None, anaphora=False))
    assert recs[0]["value"] == "XXXX-XX-XX" and recs[0]["date_start"] is None


def test_over_the_weekend_is_the_latest_weekend_not_after_publication():
    tue, sat = date(2025, 4, 15), date(2025, 4, 12)
    t = one("Tensions rose over the weekend when Peru recalled its envoy.", tue)
    assert (t.text, t.date_start, t.date_end, t.value) == ("the weekend", sat, date(2025, 4, 13), "2025-W15-WE")
    # published on the Saturday itself: that Saturday, not the Sunday to come
    assert (one("Talks collapsed at the weekend.", sat).date_start, one("Talks collapsed at the weekend.", sat).date_end) == (sat, sat)
    # told as future: the next weekend
    t = one("The ministers will meet at the weekend.", tue)
    assert (t.date_start, t.date_end) == (date(2025, 4, 19), date(2025, 4, 20))
    # a wide publication interval: the honest interval of every weekend in it
    [t] = find_timexes("They met during the weekend.", None, published_range=(date(2025, 1, 1), date(2025, 3, 1)))
    assert t.date_start == date(2024, 12, 28) and t.date_end <= date(2025, 3, 1)


def test_the_point_of_an_initial_does_not_end_the_sentence_that_tells_the_future():
    # "U.S." is no sentence end: "will" still governs the date, which falls after publication
    t = one("Beijing will raise its duties on all U.S. goods from April 10.", date(2025, 4, 4))
    assert t.date_start == date(2025, 4, 10), t
    t = one("Canada said it would answer, and Gen. Smith arrived on March 3.", date(2025, 4, 4))
    assert t.date_start == date(2025, 3, 3), t


def test_would_in_reported_speech_looks_forward_but_would_have_looks_back():
    pub = date(2025, 4, 4)
    assert one("The minister said talks would resume on April 10.", pub).date_start == date(2025, 4, 10)
    assert one("The minister said talks would have resumed on March 3.", pub).date_start == date(2025, 3, 3)
