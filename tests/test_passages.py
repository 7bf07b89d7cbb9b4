"""Publication dates from passages shared word for word with dated articles (passages.py). Articles and sentences
written for these tests, about several pairs of states."""
import datetime as dt

import detente
from detente.pubdate import publication

from test_retold import both_orders, ingest, publication as publication_of

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


def test_an_undated_article_sharing_a_quoted_passage_with_a_dated_one_is_of_its_week(tmp_path):
    for db in both_orders(tmp_path, ("a.txt", DATED, "2025-05-14"), ("b.txt", UNDATED, None)):
        lo, hi, source, note = publication_of(db, "b.txt")
        assert (lo, hi, source) == (dt.date(2025, 5, 8), dt.date(2025, 5, 20), "inferred"), note
        assert "passage" in note and "a.txt" in note
        # its rejection, told without a day, is the dated one retold
        rejections = [e for e in detente.timeline(db=db) if e.event == "REJECT"]
        assert len(rejections) == 1 and rejections[0].num_articles == 2, rejections


def test_no_passage_no_date_and_a_short_likeness_is_no_passage(tmp_path):
    (tmp_path / "x").mkdir()
    db = ingest(tmp_path / "x", {"a.txt": (DATED, "2025-05-14"), "b.txt": (PLAIN, None)})
    lo, hi, source, note = publication_of(db, "b.txt")
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
