"""Publication dates from passages shared word for word with dated articles (passages.py), dates told with their
weekday and no year (pubdate.weekday_date_reasons), and the times that date another act than the one told
(dating.py). Articles and sentences written for these tests, about several pairs of states."""
import datetime as dt
import json

import detente
from detente.pubdate import publication, weekday_date_reasons
from detente.store import Store

from test_dating import by_trigger, days

TODAY = dt.date(2026, 3, 1)

# A ministry's statement, quoted word for word by a dated article and by an undated one that otherwise differs
QUOTE = ("\"Uruguay does not accept the decision of the authorities in Asuncion, which have no mandate to speak for "
         "the people of Paraguay and their long friendship with our country,\" the ministry said.")
DATED = f"""Uruguay rejects Paraguay's decision

Uruguay on Tuesday rejected Paraguay's decision to expel its ambassador. {QUOTE}
Officials in Montevideo said the envoy would stay at his post until further notice. Trade between the two
neighbours, mostly grain, beef and electricity from the shared dam on the Parana, has grown in recent years.
Diplomats from Brazil and Argentina offered to host a meeting of the four foreign ministers next month.
"""
UNDATED = f"""Montevideo answers Asuncion

The government in Montevideo has rejected the expulsion of its envoy from Paraguay. {QUOTE}
Paraguay had accused Uruguay of sheltering an opposition leader since 2019. The row is the worst between the
two members of the Mercosur bloc in a generation, analysts in the region said, and it has already delayed a
customs accord that exporters on both banks of the river had awaited for months.
"""
# the same story without the quotation: only the shared passage ties it to the dated one
PLAIN = UNDATED.replace(QUOTE, "")


def ingest(tmp_path, articles: dict[str, tuple[str, str | None]]) -> str:
    lines = []
    for name, (text, published) in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        lines.append(json.dumps({"path": name, **({"published": published} if published else {})}))
    (tmp_path / "m.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    detente.ingest([str(tmp_path / "m.jsonl")], db)
    return db


def stored(db, name):
    with Store(db, read_only=True) as s:
        d = next(d for d in s.documents() if d.name == name)
        return d.published_start, d.published_end, d.published_source, d.published_note


def test_an_undated_article_sharing_a_quoted_passage_with_a_dated_one_is_of_its_week(tmp_path):
    for order in ((("a.txt", DATED, "2025-05-14"), ("b.txt", UNDATED, None)),
                  (("b.txt", UNDATED, None), ("a.txt", DATED, "2025-05-14"))):
        folder = tmp_path / order[0][0]
        folder.mkdir()
        db = ingest(folder, {n: (t, p) for n, t, p in order})
        lo, hi, source, note = stored(db, "b.txt")
        assert (lo, hi, source) == (dt.date(2025, 5, 8), dt.date(2025, 5, 20), "inferred"), note
        assert "passage" in note and "a.txt" in note
        # its rejection, told without a day, is the dated one retold
        rejections = [e for e in detente.timeline(db=db) if e.event == "REJECT"]
        assert len(rejections) == 1 and rejections[0].num_articles == 2, rejections


def test_no_passage_no_date_and_a_short_likeness_is_no_passage(tmp_path):
    (tmp_path / "x").mkdir()
    db = ingest(tmp_path / "x", {"a.txt": (DATED, "2025-05-14"), "b.txt": (PLAIN, None)})
    lo, hi, source, note = stored(db, "b.txt")
    assert "passage" not in note and (lo is None or hi is None or (hi - lo).days > 61), note


def test_a_passage_is_the_weakest_signal_and_yields_to_the_articles_own_dates():
    # a dated copy whose shown day is years off: the article's own recent full date wins, the passage is set aside
    text = "Talks resumed on March 3, 2025 in Geneva between the two delegations."
    p = publication(text, copies=[(dt.date(2021, 6, 1), dt.date(2021, 6, 13), "old.txt (2021-06-07) prints ...",
                                   "passage")], today=TODAY)
    assert p.start == dt.date(2025, 3, 3) and "passage" in p.note and "set aside" in p.note
    # alone, it places the article
    p = publication("Nothing here names a day.", copies=[(dt.date(2025, 6, 1), dt.date(2025, 6, 13), "x", "passage")],
                    today=TODAY)
    assert (p.start, p.end, p.source) == (dt.date(2025, 6, 1), dt.date(2025, 6, 13), "inferred")


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
    m = by_trigger("Ghana urged Togo to withdraw the new border fees before the trade pact expires on March 30.",
                   "urged")
    assert "March 30" not in m.date_text, m.date_how
    m = by_trigger("Peru asked Bolivia to keep the border open until the talks end on December 20.", "asked")
    assert "December 20" not in m.date_text, m.date_how
    # the act's own time still dates it, and a time the trigger's clause holds too
    assert days(by_trigger("Ghana urged Togo on Monday to withdraw the fees before the pact expires on March 30.",
                           "urged")) == (dt.date(2025, 11, 10),) * 2
    assert days(by_trigger("Before the vote, Ghana expelled two Togolese diplomats on Monday.", "expelled")) == (
        dt.date(2025, 11, 10),) * 2


def test_a_gerund_after_to_or_without_is_an_aim_not_a_done_act():
    from test_coding import code

    found = [m for m in code("Estonia will not back down when it comes to defending its borders against Russia.")
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
