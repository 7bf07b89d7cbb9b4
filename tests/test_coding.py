"""The coder on sentences written for these tests: types, actors, counts, modality."""
import datetime as dt

import pytest

from detente.model import Document
from detente.pipeline import process

PUB = dt.date(2025, 11, 12)


def code(text: str, published: dt.date = PUB):
    doc = Document(id="t-" + str(abs(hash(text))), name="t.txt", text=text, published_start=published,
                   published_end=published, published_source="cli")
    ((_, mentions),) = list(process([doc]))
    return mentions


def only(mentions, event):
    found = [m for m in mentions if m.event == event]
    assert len(found) == 1, [(m.event, m.sentence) for m in mentions]
    return found[0]


def codes(refs):
    return sorted(r.code for r in refs)


def test_release_with_count_actor_and_day():
    m = only(code("Belarus and the United States keep talking. On Saturday, Minsk freed fourteen prisoners."), "RETREAT")
    assert m.mode == "release" and m.cameo == "0841"
    assert codes(m.actor) == ["BLR"] and m.quantity.value == 14
    assert m.date_start == m.date_end == dt.date(2025, 11, 8)
    assert m.rule == "release.verb" and "Saturday" in m.date_how


def test_passive_release_counts_the_people():
    m = only(code("Lithuania and Belarus are neighbours. Three political prisoners were released by Belarus on Monday."),
             "RETREAT")
    assert m.quantity.value == 3 and codes(m.actor) == ["BLR"]


def test_visit_host_is_the_recipient_and_receiving_a_delegation_swaps_roles():
    m = only(code("A Polish delegation visited Vilnius on Tuesday."), "CONSULT")
    assert (m.mode, codes(m.actor), codes(m.recipient)) == ("visit", ["POL"], ["LTU"])
    m = only(code("On Tuesday the Lithuanian president received a Polish delegation."), "CONSULT")
    assert (m.mode, codes(m.actor), codes(m.recipient)) == ("visit", ["POL"], ["LTU"])


@pytest.mark.parametrize("text", [
    "France could reopen its embassy in Damascus if the talks succeed.",
    "Washington has not lifted sanctions on the Syrian airline.",
    "No one is planning to move the summit from Geneva to Vienna.",
    "Releasing every prisoner at once would be a step too far for Minsk.",
])
def test_hypotheticals_negations_and_opinions_are_not_events(text):
    assert code(text) == []


def test_a_demand_to_release_is_a_request_not_a_release():
    ms = code("Two days ago, Trump urged Lukashenko to free more detainees.")
    assert [m.event for m in ms] == ["REQUEST"]
    assert (ms[0].mode, codes(ms[0].actor), codes(ms[0].recipient)) == ("yield", ["USA"], ["BLR"])


def test_a_stated_wish_to_reopen_an_embassy_is_agree():
    m = only(code("On Monday the French foreign minister said Paris wanted to reopen its embassy in Damascus."), "AGREE")
    assert codes(m.actor) == ["FRA"] and codes(m.recipient) == ["SYR"]
    assert any("intent" in n or "intention" in n for n in m.notes)


def test_closing_an_embassy_is_sanction_withdraw_dated_by_its_month():
    m = only(code("Poland closed its embassy in Minsk in February 2022."), "SANCTION")
    assert (m.mode, m.cameo, codes(m.actor), codes(m.recipient)) == ("withdraw", "161", ["POL"], ["BLR"])
    assert (m.date_start, m.date_end) == (dt.date(2022, 2, 1), dt.date(2022, 2, 28))


def test_easing_sanctions_names_the_target_and_weights():
    m = only(code("On November 4, Washington lifted sanctions against the Belarusian airline Belavia."), "RETREAT")
    assert m.mode == "ease" and codes(m.actor) == ["USA"] and codes(m.recipient) == ["BLR"]
    assert m.goldstein > 0 and m.plover_score > 0


def test_em_dash_does_not_glue_the_count_to_the_previous_word():
    m = only(code("On Thursday Minsk freed its largest group so far—52 people."), "RETREAT")
    assert m.quantity.value == 52


def test_pronoun_takes_the_subject_before_it():
    ms = code("President Trump spoke by phone with Lukashenko on Friday, hours before he flew to Alaska for his summit "
              "with Putin.")
    (call,) = [m for m in ms if m.mode == "phone"]
    assert codes(call.actor) == ["USA"] and codes(call.recipient) == ["BLR"] and call.date_start == dt.date(2025, 11, 7)
    summit = [m for m in ms if m.trigger == "summit"]
    assert summit and codes(summit[0].actor) == ["USA"] and codes(summit[0].recipient) == ["RUS"]
