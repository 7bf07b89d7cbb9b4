"""Acts the shared-passage dates (passages.py) showed the coder lacked, once the lucky matches of wrongly dated events
were gone: a side taking back its own move to cut cooperation, a treaty renewed, a ministry's statement named without
its state, a participle summing up the act before it, an allegation about a non-state doer, and bare dates inside a
narrow publication interval. Sentences written for these tests, about several pairs of states."""
import datetime as dt

from detente.dating import find_for_document
from detente.model import Document

from test_coding import code


def found(text, event):
    return [m for m in code(text) if m.event == event]


def codes(refs):
    return sorted(r.code for r in refs if r.code)


def test_taking_back_a_move_to_cut_cooperation_is_an_easing():
    (m,) = found("Chile suspended on Friday its decision to terminate the fishing pact with Peru.", "RETREAT")
    assert m.mode == "ease" and codes(m.actor) == ["CHL"] and codes(m.recipient) == ["PER"], m
    (m,) = found("Norway on Monday withdrew its notice on the Norway-Iceland whaling pact.", "RETREAT")
    assert codes(m.actor) == ["NOR"] and codes(m.recipient) == ["ISL"] and m.date_start == dt.date(2025, 11, 10)
    # the day after "of" is the day the notice was given, not the day it was taken back
    (m,) = found("Ghana decided on Friday to withdraw its notice of March 3 on the border accord with Togo.", "RETREAT")
    assert m.date_start == dt.date(2025, 11, 7), (m.date_start, m.date_how)
    # no cut taken back: a decision on anything else, or one to send an envoy, is no easing
    assert not found("Chile on Friday suspended its decision on school fees.", "RETREAT")
    assert not found("Ghana on Friday cancelled its decision to send an envoy to Togo.", "RETREAT")
    # suspending the pact itself is still the sanction
    assert found("Chile suspended the fisheries pact with Peru on Friday.", "SANCTION")


def test_a_treaty_extended_or_renewed_is_agreed_again():
    (m,) = found("Ghana on Friday extended the border pact with Togo.", "AGREE")
    assert codes(m.recipient) == ["TGO"] and m.rule == "agree.extend-treaty"
    assert found("Portugal renewed its fishing convention with Morocco on Wednesday.", "AGREE")
    assert not found("Ghana on Friday extended its condolences to Togo.", "AGREE")


def test_a_ministry_named_without_its_state_speaks_for_the_story_s_other_side():
    text = ("Chile and Peru have quarrelled for weeks. The Ministry on Tuesday rejected the remarks made by the Lima "
            "authorities, describing them as a ploy meant to wreck the talks.")
    (m,) = found(text, "ACCUSE")
    assert codes(m.actor) == ["CHL"] and codes(m.recipient) == ["PER"], m.notes
    # an army is no speaking body: its act waits for a named doer
    text = "Chile and Peru have quarrelled for weeks. The armed forces on Tuesday rejected the remarks made in Lima."
    assert not any(a.code for m in code(text) for a in m.actor)


def test_a_summing_participle_is_no_second_act():
    assert not found("Peru reopened its embassy in Chile on Monday, Lima said, sealing a deal brokered by Brazil "
                     "in March.", "AGREE")
    # a signing told as a participle after a meeting is one
    assert found("Kenya and Uganda met on Monday, signing three trade agreements.", "AGREE")
    assert found("Kenya and Uganda sealed a trade deal on Monday.", "AGREE")


def test_an_allegation_about_a_non_state_doer_is_aimed_at_no_state():
    text = "Chile and Peru quarrel. Chile alleged on Monday that hackers had taken over the site of its news agency."
    assert not found(text, "ACCUSE")
    text = "Chile and Peru quarrel. Chile alleged on Monday that Peru had taken over the site of its news agency."
    (m,) = found(text, "ACCUSE")
    assert codes(m.recipient) == ["PER"]


def test_a_preposition_heading_a_time_completes_no_phrasal_verb():
    assert not found("Ghana had given Togo notice in August about ending the joint patrols.", "CONCEDE")
    assert found("Ghana gave in to Togo's demands on Friday.", "CONCEDE")


def test_a_bare_date_inside_a_narrow_publication_interval_is_that_day():
    text = "On May 26, Denmark freed a Norwegian sailor. Talks had begun on April 2."
    doc = Document(id="d", name="d.txt", text=text, published_start=dt.date(2024, 5, 20),
                   published_end=dt.date(2024, 6, 1), published_source="inferred")
    days = {t.text: t.date_start for t in find_for_document(doc)}
    # May 26 falls inside the interval: that year's; April 2 before it: also that year's, as before
    assert days["May 26"] == dt.date(2024, 5, 26) and days["April 2"] == dt.date(2024, 4, 2), days
    # outside the interval, a date after it is last year's
    text = "On June 20, Denmark freed a Norwegian sailor."
    doc = Document(id="e", name="e.txt", text=text, published_start=dt.date(2024, 5, 20),
                   published_end=dt.date(2024, 6, 1), published_source="inferred")
    (t,) = [t for t in find_for_document(doc) if t.text == "June 20"]
    assert t.date_start == dt.date(2023, 6, 20)
