"""The publication stage: the interval a careful reader would give an article, with its reasons."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from detente.actors import ActorDictionary
from detente.pubdate import RECENCY_DAYS, publication, url_date

TODAY = date(2026, 3, 1)  # the day the tests "read" the articles


@pytest.fixture(scope="module")
def actors():
    return ActorDictionary.load()


def pub(text, actors=None, **kw):
    return publication(text, actors=actors, today=TODAY, **kw)


# --- the strong signals, strongest first

def test_given_date_beats_dateline_and_url():
    text = "Published on 2 July 2025\n\nThe ministers met on Monday."
    p = pub(text, given=(date(2025, 7, 9), "manifest", 'manifest "2025-07-09"'), url="https://x.test/2025/07/01/a")
    assert (p.start, p.end, p.source) == (date(2025, 7, 9), date(2025, 7, 9), "manifest")
    p = pub(text, url="https://x.test/2025/07/01/a")
    assert (p.start, p.source) == (date(2025, 7, 2), "dateline") and "Published on 2 July 2025" in p.note


def test_a_date_in_the_url():
    p = pub("The two delegations met on Wednesday in the border town.", url="https://news.test/world/2024/03/14/talks")
    assert (p.start, p.end, p.source) == (date(2024, 3, 14), date(2024, 3, 14), "url")
    # a year and month only: that month, then narrowed by what the text says
    r = url_date("https://news.test/2024/03/border-talks")
    assert r.spans == ((date(2024, 3, 1), date(2024, 3, 31)),)
    assert url_date("https://news.test/world/border-talks") is None


def test_a_dated_syndicated_copy_dates_the_reprint():
    copies = [(date(2025, 5, 6), date(2025, 5, 6), "wire.txt")]
    p = pub("Ministers said on Tuesday that talks would resume.", copies=copies)
    assert (p.start, p.end, p.source) == (date(2025, 5, 6), date(2025, 5, 6), "syndicated")
    assert "wire.txt" in p.note


# --- inferred from the text

def test_historical_years_and_clock_times_are_no_anchor():
    text = ("The customs union dates back to a treaty signed in 1994, and the 2019 election changed little. "
            "The ministers met again on Wednesday; the session opened at 1430 and ended at 1630 GMT.")
    p = pub(text)
    # 1994 is only a lower bound; no recent full date: the interval is wide and says so, never a day
    assert p.source == "inferred" and p.start == date(1994, 1, 1) and p.end == TODAY and p.wide
    assert "1430" not in p.note and "1630" not in p.note and "2019" not in p.note
    assert "wide" in p.note


def test_nothing_to_date_is_reported_as_such():
    p = pub("The ministers met on Wednesday and agreed to meet again soon.")
    assert (p.start, p.end, p.source) == (None, None, "none")
    assert "nothing in the article dates it" in p.note


def test_recent_full_dates_and_bare_dates_after_them():
    text = ("Officials met in the capital on October 2, 2025. A further round of releases "
            "followed on November 10, and both sides said more contacts would follow.")
    p = pub(text)
    assert (p.start, p.end) == (date(2025, 11, 10), date(2025, 11, 10) + timedelta(days=RECENCY_DAYS))
    assert "November 10" in p.note and not p.wide
    # a full date told as history ("since 9 June 2025") is a lower bound, not the news the window counts from
    p = pub("The envoys met on 4 May 2025. A visa ban has been in force since 9 June 2025.")
    assert (p.start, p.end) == (date(2025, 6, 9), date(2025, 5, 4) + timedelta(days=RECENCY_DAYS))
    assert "'9 June 2025' mentioned as past" in p.note
    # a future date is no anchor
    p = pub("Ministers met on March 3, 2024. A summit will be held on June 5, 2026.")
    assert p.start == date(2024, 3, 3)



def test_a_bare_month_in_a_pluperfect_clause_is_no_sign_the_news_is_recent():
    # "had been living there since December" looks back before the story: months may have passed, so it gives no
    # window of RECENCY_DAYS; "the second round of talks since December" tells the news of the last weeks
    back = "Police took away the opposition leader, who had been living in the consulate since December."
    p = pub("A row over asylum broke out in 2023. " + back)
    assert "reported as a recent event" not in p.note and (p.end is None or p.end > date(2024, 6, 30)), p.note
    news = "The envoys held their second round of talks since December."
    p = pub("A row over asylum broke out in 2023. " + news)
    assert "'December' placed in 2023" in p.note and p.end == date(2023, 12, 31) + timedelta(days=RECENCY_DAYS)


def test_titled_office_holders_give_their_tenures(actors):
    p = pub("President Donald Trump spoke by phone with the Belarusian leader on Wednesday.", actors)
    assert p.source == "inferred" and p.wide
    assert "2017-01-20..2021-01-20 or from 2025-01-20" in p.note
    # with a recent full date the tenures pick the term
    p = pub("President Donald Trump spoke with his counterpart. Envoys met on 3 March 2025.", actors)
    assert p.start == date(2025, 3, 3) and not p.wide
    # the same name without a title, or as "then-President", says nothing about the day of writing
    assert pub("Donald Trump once owned a hotel here.", actors).source == "none"
    assert pub("The deal was signed by then-President Joe Biden.", actors).source == "none"
    # a sentence that names a year is told about that year; a year naming a thing ("the 2018 accord") is no time
    assert pub("In 2018, President Donald Trump met the leader in Singapore.", actors).start == date(2018, 1, 1)
    p = pub("President Yoon Suk Yeol suspended the 2018 military accord with the North.", actors)
    assert (p.start, p.end) == (date(2022, 5, 10), date(2025, 4, 4))
    # "Premier" titles a prime minister
    assert pub("Premier Sanae Takaichi spoke on Friday.", actors).start == date(2025, 10, 21)


def test_first_week_back_and_years_in_power(actors):
    p = pub("Trump's first week back at the White House saw a call placed to Minsk on Wednesday.", actors)
    assert (p.start, p.end) == (date(2025, 1, 20), date(2025, 2, 20)) and not p.wide
    p = pub("It was the first such call in Lukashenko's 31 years in power.", actors)
    assert (p.start, p.end) == (date(2025, 7, 20), min(date(2026, 7, 20), TODAY))


def test_a_contradicted_weak_signal_is_set_aside(actors):
    # the recency window of a 2019 date contradicts the tenure named: the weaker signal yields
    p = pub("Vice President JD Vance arrived on Monday. Talks stalled on May 2, 2019.", actors)
    assert p.start == date(2025, 1, 20) and "set aside" in p.note


# --- through the pipeline: what events get, and what ingest says

def _coded(tmp_path, name, text, **kw):
    """Ingest one article into a fresh store; (its stored document, its events, the ingest report)."""
    import detente
    from detente.store import Store

    art = tmp_path / name
    art.write_text(text, encoding="utf-8")
    db = str(tmp_path / "p.duckdb")
    report = detente.ingest([str(art)], db, **kw)
    with Store(db, read_only=True) as s:
        (doc,) = [d for d in s.documents() if d.name == name]
    return doc, detente.timeline(db), report


def test_a_weekday_in_a_widely_dated_article_gets_the_interval_not_a_day(tmp_path):
    from detente.views import date_flag

    text = ("Minsk frees six prisoners\n\nBelarus freed six prisoners on Wednesday, the foreign ministry said. "
            "They had been convicted under a law passed in 1994.\n")
    doc, events, report = _coded(tmp_path, "undated.txt", text)
    assert doc.published_source == "inferred" and doc.published_start == date(1994, 1, 1)
    (e,) = [e for e in events if e.event == "RETREAT"]
    # never a guessed day: the whole interval the publication allows, flagged inferred and wide
    assert e.date_start < e.date_end and e.date_end <= doc.published_end
    assert date_flag(e) == "inferred+wide" and "wide" in e.mentions[0].date_how
    assert [name for name, _ in report.dating] == ["undated.txt"] and report.eventless == []
    # the timeline's markdown and the report mark it
    from detente.report import report as write_report
    from detente.views import timeline_markdown

    assert "(inferred+wide)" in timeline_markdown([e])
    md = write_report(str(tmp_path / "p.duckdb"), "BLR-USA", tmp_path / "r.md", format="md").read_text()
    assert "[inferred, wide]" in md


def test_no_event_dated_after_the_latest_publication_day_nor_before_1900(tmp_path):
    text = ("Border crossings reopen\n\nPublished on 4 June 2025\n\n"
            "Belarus freed fourteen prisoners at 1700 GMT on Monday, its foreign ministry said. "
            "Lithuania reopened two border crossings last month.\n")
    doc, events, _ = _coded(tmp_path, "dated.txt", text)
    assert doc.published_source == "dateline"
    assert events and all(e.date_end <= date(2025, 6, 4) for e in events)
    assert all(e.date_start.year >= 1900 for e in events)
    (freed,) = [e for e in events if e.event == "RETREAT" and e.quantity is not None]
    assert freed.date_start == freed.date_end == date(2025, 6, 2)  # Monday, not the year 1700


def test_ingest_says_which_article_gave_no_event_and_which_could_not_be_dated(tmp_path):
    doc, events, report = _coded(tmp_path, "weather.txt", "Rain is expected over the weekend in the north.\n")
    assert events == [] and report.eventless == ["weather.txt"]
    assert doc.published_source == "none" and "not dated" in report.dating[0][1]


def test_a_reprint_takes_the_date_of_its_stored_copy(tmp_path):
    import detente
    from detente.store import Store

    story = ("Belarus freed six prisoners on Wednesday after a visit by a U.S. envoy to Minsk, the foreign "
             "ministry said. The envoy met officials for three hours and discussed the embassy, trade and "
             "flights. Relatives of the prisoners waited at the border crossing for most of the afternoon, "
             "and two of the freed men spoke briefly to reporters before leaving for Vilnius by car.\n")
    (tmp_path / "wire.txt").write_text("Minsk frees six\n\nPublished on 6 August 2025\n\n" + story, encoding="utf-8")
    (tmp_path / "reprint.txt").write_text("Six freed in Minsk\n\n" + story, encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    detente.ingest([str(tmp_path / "wire.txt")], db)
    detente.ingest([str(tmp_path / "reprint.txt")], db)
    with Store(db, read_only=True) as s:
        reprint = [d for d in s.documents() if d.name == "reprint.txt"][0]
    assert (reprint.published_start, reprint.published_source) == (date(2025, 8, 6), "syndicated")
    assert "wire.txt" in reprint.published_note


def test_a_term_told_by_its_start(actors):
    # "his first week in office" after a named office-holder: within a month of one of his terms' starts;
    # the year 2022 told as past leaves only the second
    text = ("Donald Trump was sworn in on January 20. Officials in Minsk freed a prisoner before his first week "
            "in office was over. The embassy had closed in February 2022.")
    p = pub(text, actors)
    assert (p.start, p.end) == (date(2025, 1, 20), date(2025, 2, 20))
    p = pub("It was the second release since Donald Trump returned to the White House. In January, Minsk "
            "freed another prisoner.", actors)
    # a term still running leaves "In January" without a year: the interval stays open to the reading day
    assert (p.start, p.end) == (date(2025, 1, 20), TODAY) and p.wide and "January" not in p.note


def test_a_dateline_without_a_year_leaves_that_day_of_the_years_the_rest_allows(actors):
    text = ("WASHINGTON, Aug. 18 (Example Wire) - President Donald Trump spoke by phone with his counterpart on "
            "Friday. Ties have been cold since a disputed election in 2020.")
    p = pub(text, actors)
    assert "2020-08-18 or 2025-08-18" in p.note and p.start == date(2020, 8, 18) and p.wide


def test_an_undated_copy_stored_before_its_dated_original_in_one_batch_takes_its_date(tmp_path):
    import detente
    from detente.store import Store

    story = ("Lithuania reopened two border crossings with Belarus on Thursday after a month of closures, the "
             "interior ministry said. Trucks queued for several kilometres on both sides, and drivers said they "
             "had waited for days at the closed posts near the town of Medininkai before the barriers lifted.\n")
    (tmp_path / "a_reprint.txt").write_text("Crossings reopen\n\n" + story, encoding="utf-8")
    (tmp_path / "b_wire.txt").write_text("Crossings reopen\n\nPublished on 9 October 2025\n\n" + story, encoding="utf-8")
    db = str(tmp_path / "b.duckdb")
    report = detente.ingest([str(tmp_path)], db)
    with Store(db, read_only=True) as s:
        reprint = [d for d in s.documents() if d.name == "a_reprint.txt"][0]
    assert (reprint.published_start, reprint.published_source) == (date(2025, 10, 9), "syndicated")
    assert dict(report.dating)["a_reprint.txt"].startswith("syndicated 2025-10-09")


def test_ingest_prints_how_each_undated_article_was_dated_and_which_gave_no_event(tmp_path):
    from typer.testing import CliRunner

    from detente.cli import app

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "undated.txt").write_text(
        "Talks in Washington\n\nPresident Donald Trump received a Polish delegation in Washington on Monday.\n",
        encoding="utf-8")
    (tmp_path / "in" / "weather.txt").write_text("Rain is expected over the weekend.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "c.duckdb")])
    assert result.exit_code == 0
    out = result.output
    assert "2 of 2 added articles had no publication date given" in out
    assert "undated.txt: inferred" in out and "weather.txt: not dated" in out
    assert "no events weather.txt" in out


def test_a_year_named_alone_places_no_bare_date():
    # "In 2021" names a year because it is not the article's own: "12 March" is not placed in it
    text = ("The herders' leader has sheltered at the Chilean consulate since 12 March. In 2021, a court in the "
            "capital acquitted him. The consul said on Friday that talks were under way.")
    p = pub(text)
    assert p.start == date(2021, 1, 1) and p.end == TODAY and p.wide and "placed in 2021" not in p.note
    # read before the bare date, the year is the story's own: "talks in 2025 ... (interview, October 4)"
    p = pub("Quiet contacts began in late 2024 and grew into talks in 2025. The envoy was welcomed in Quito "
            "(interview with a diplomat, October 4).")
    assert (p.start, p.end) == (date(2025, 10, 4), date(2025, 10, 4) + timedelta(days=RECENCY_DAYS))
    # a year that closes a month and day is a full date the parser split, and places the bare dates after it
    p = pub("Border posts were shelled on the night of Feb 3/4, 2025, the army said. Talks followed on February 20.")
    assert (p.start, p.end) == (date(2025, 2, 20), date(2025, 2, 20) + timedelta(days=RECENCY_DAYS))
    # a year naming a thing ("the 2024 National Budget") is not a time told: not even a lower bound
    p = pub("Lima set aside funds in the 2024 National Budget for the border. Envoys met on Tuesday.")
    assert (p.start, p.end, p.source) == (None, None, "none")


def test_a_month_told_alone_is_within_the_year_before_not_the_news():
    # A month told alone ("sentenced the trader in November") is an earlier episode: the article came after it,
    # within a year, but it is not the news the recency window counts from
    text = ("The two foreign ministers spoke by phone on 2 September 2025. A court in Accra had sentenced the "
            "trader in October to four years; he was moved to a city jail in November.")
    p = pub(text)
    assert "'November' placed in 2025" in p.note and "within a year" in p.note
    assert (p.start, p.end) == (date(2025, 11, 1), date(2025, 9, 2) + timedelta(days=RECENCY_DAYS))
    p = pub("Kenya's envoy met Ugandan officials on 3 March 2025. The ban was lifted in May, a spokesman said.")
    # (the recency window still counts from the day told as news, not from the month)
    assert (p.start, p.end) == (date(2025, 5, 1), date(2025, 3, 3) + timedelta(days=RECENCY_DAYS))
    # a bare day told as news still moves the recency window
    p = pub("Envoys met on 2 June 2025. The ban was lifted on July 14, the ministry said.")
    assert (p.start, p.end) == (date(2025, 7, 14), date(2025, 7, 14) + timedelta(days=RECENCY_DAYS))


def test_a_day_written_compact_in_the_url():
    # many sites write the day as YYYYMMDD (a path segment or a dash-delimited part of one) or /YYYY/MMDD/
    for url, day in (("https://papers.test/edition/the-daily/20240408/2817155", date(2024, 4, 8)),
                     ("https://news.test/world/Ministers-Meet-In-Nairobi-20230310-0021.html", date(2023, 3, 10)),
                     ("https://daily.test/n3/2024/0620/c90000-2018.html", date(2024, 6, 20))):
        assert url_date(url).spans == ((day, day),), url
    # an id that is no date, or digits glued to others, are not read as one
    for url in ("https://x.test/item/20241399/a", "https://x.test/en/202401165352", "https://x.test/p?id=20240101"):
        assert url_date(url) is None, url
    p = pub("The ministers met on Sunday in Nairobi.", url="https://papers.test/edition/the-daily/20240408/2817155")
    assert (p.start, p.end, p.source) == (date(2024, 4, 8), date(2024, 4, 8), "url")


def test_a_month_with_its_year_is_an_earlier_episode_not_the_news():
    # "upheld in March 2024", "In May 2024, the police ...": told by its month, an episode before the news (told by its
    # day or weekday), and with its year, which may be years back: a lower bound, no recency window
    p = pub("Oslo's envoy was summoned on Monday. An appeal court upheld the sentence in March 2024.")
    assert (p.start, p.end) == (date(2024, 3, 1), TODAY) and "recent" not in p.note
    # a later year named as past still bounds it: the month's year is set aside, never the later mention
    p = pub("The dispute began in November 2019 and flared again in 2022. Envoys met on Friday.")
    assert p.start == date(2022, 1, 1) and p.end == TODAY
    # a day told after the month is the news: its window counts
    p = pub("Talks stalled in March 2024. The ministers met again on 14 April 2024.")
    assert (p.start, p.end) == (date(2024, 4, 14), date(2024, 4, 14) + timedelta(days=RECENCY_DAYS))


def test_a_day_written_with_a_month_name_in_the_url():
    # "/08-Jun-2024/", "/2025/Nov/19/", "/june-8-2024-..." open a path segment: that day
    for url, day in (("https://tv.test/08-Jun-2024/ghana-expels-envoy", date(2024, 6, 8)),
                     ("https://daily.test/world/2025/Nov/19/lima-recalls-ambassador", date(2025, 11, 19)),
                     ("https://wire.test/september-3-2023-border-reopens", date(2023, 9, 3))):
        assert url_date(url).spans == ((day, day),), url
    # a month word inside a slug, or a date told mid-slug (a past event recalled), is no publication date
    for url in ("https://x.test/news/may-day-rally-2024", "https://x.test/march-on-2024/x",
                "https://x.test/news/talks-since-june-8-2019-stalled", "https://x.test/31-Feb-2024/x"):
        assert url_date(url) is None, url
    p = pub("Accra recalled its ambassador on Friday.", url="https://tv.test/08-Jun-2024/ghana-recalls-envoy")
    assert (p.start, p.end, p.source) == (date(2024, 6, 8), date(2024, 6, 8), "url")


def test_the_day_a_measure_takes_effect_bounds_no_publication():
    # "starting on May 20, 2025" is when the curbs apply; the article told them before that day
    text = ("Chile on Tuesday barred Peruvian trawlers from its ports. Starting on May 20, 2025, no Peruvian "
            "vessel may unload fish in Chilean harbours, the ministry said, citing unpaid fees from March 3, 2025.")
    p = pub(text)
    assert "May 20, 2025" not in p.note and p.start <= date(2025, 5, 19), p.note
    # the same date told as the day something happened still bounds it
    p = pub(text.replace("Starting on May 20, 2025, no", "On May 20, 2025, no"))
    assert p.start >= date(2025, 5, 20), p.note
