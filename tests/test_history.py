"""History told as background, and the type of an act told with a promise or a condition: acts an article names
only to measure its news against ("the first visit since 2012", "last met in 2019", "the second summit after
they met in Lima last year") are background, which may join an event told as news but makes none; a "since"
time is a bound of a single act, the start of a custody; a time inside an "after" clause dates that clause's act.
Articles written for these tests, about several pairs of states."""
import datetime as dt

from test_coding import code
from test_undated import body, events_of, ingest

PUB = dt.date(2025, 3, 7)


def told(sentence: str, published: dt.date = PUB):
    return [m for m in code(body(sentence), published) if m.sentence.strip() == sentence]


def of(mentions, event):
    found = [m for m in mentions if m.event == event]
    assert found, [(m.event, m.rule, m.date_how) for m in mentions]
    return found


# ------------------------------------------------------------------ "since": a bound, or a custody's start

def test_since_is_a_bound_of_a_single_act_not_its_date():
    for sentence in ("It is the Kenyan president's first visit to Uganda since 2014, officials said.",
                     "Friday's talks in Asuncion were the first visit by a Brazilian president to Paraguay since 2009."):
        for m in of(told(sentence), "CONSULT"):
            assert m.date_end is None or m.date_end >= PUB - dt.timedelta(days=7), (sentence, m.date_how)


def test_since_dates_the_start_of_a_custody():
    (m,) = of(told("An Australian businessman has been imprisoned in Vietnam on fraud charges since 2021."), "COERCE")
    assert (m.date_start, m.date_end) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31)), m.date_how


def test_a_since_time_with_a_when_clause_dates_the_clause():
    (m,) = of(told("No ambassador has served between the two capitals since 2017, when Quito expelled Lima's envoy."),
              "SANCTION")
    assert m.date_start == dt.date(2017, 1, 1), m.date_how


# ------------------------------------------------------------------ "after" clauses and yardsticks

def test_a_year_inside_an_after_clause_dates_that_clause_not_the_main_act():
    for sentence in ("Modi held talks with Oli in Delhi, their third meeting after they met in Kathmandu last year.",
                     "Modi held talks with Oli in Delhi, their third meeting since they met in Kathmandu last year."):
        (held,) = [m for m in told(sentence) if m.trigger == "held"]
        assert held.date_end.year == 2025 and "last year" not in held.date_text, held.date_how


def test_acts_measured_against_are_background_and_say_why():
    for sentence, trigger in (("It is nine years since a Kenyan foreign minister last visited Uganda, in 2016.", "visited"),
                              ("Tuesday's summit in Quito was the fourth meeting of Noboa and Boluarte after they "
                               "first met in Lima last year.", "met"),
                              ("Friday's talks were the highest-level contact between Peru and Bolivia since they "
                               "severed relations in 2019.", "severed")):
        ms = [m for m in told(sentence) if m.trigger == trigger]
        assert ms, (sentence, [(m.trigger, m.event) for m in told(sentence)])
        for m in ms:
            assert any("yardstick" in n for n in m.notes), (sentence, m.notes)


def test_a_plain_history_sentence_and_last_week_are_no_yardsticks():
    (m,) = of(told("Peru severed relations with Bolivia in 2019."), "SANCTION")
    assert not any("yardstick" in n for n in m.notes)
    (m,) = of(told("Kenya on Monday last expelled two Ugandan diplomats."), "SANCTION")
    assert not any("yardstick" in n for n in m.notes), m.notes


def test_an_act_in_an_after_phrase_does_not_share_the_main_acts_day():
    sentence = ("On Monday Albanian leaders made the first visit to Serbia in a decade, after years of strained "
                "ties that saw Belgrade impose tariffs on Albanian fruit.")
    for m in told(sentence):
        if m.event == "SANCTION":
            assert m.date_start != dt.date(2025, 3, 3), m.date_how
    assert any(m.event == "SANCTION" for m in told(sentence))


def test_a_yardstick_makes_no_event_but_joins_the_one_told_as_news(tmp_path):
    news = ("Peru cuts ties with Bolivia\n\nLIMA - Peru severed diplomatic relations with Bolivia on 12 March 2019 "
            "over a pipeline dispute, the foreign ministry said.\n")
    later = body("Friday's talks were the highest-level contact between the two neighbours since Peru severed "
                 "relations with Bolivia in 2019.", "A Kenyan foreign minister last visited Uganda in 2016.")
    db = ingest(tmp_path, {"a.txt": (news, "2019-03-13"), "b.txt": (later, "2025-03-07")})
    cut = [e for e in events_of(db, "SANCTION") if e.date_start and e.date_start.year == 2019]
    assert len(cut) == 1 and {m.doc_name for m in cut[0].mentions} == {"a.txt", "b.txt"}, \
        [(e.date_start, [m.doc_name for m in e.mentions]) for e in cut]
    assert not [e for e in events_of(db, "CONSULT") if e.date_start and e.date_start.year == 2016]


# ------------------------------------------------------------------ the type of an act told with a promise or a condition

def test_a_promise_of_harm_is_a_threat_not_an_agreement():
    for sentence in ("Last week the Sudanese general vowed to punish Chad for sheltering the rebels.",
                     "The Armenian minister vowed to take revenge on Azerbaijan.",
                     "The Ghanaian general vowed on Friday to send the Togolese commander to his grave.",
                     "Bolivia's defence minister pledged to send the Chilean raiders to hell.",
                     "The Ghanaian general vowed on Friday to destroy the Togolese army."):
        events = {m.event for m in told(sentence)}
        assert "AGREE" not in events and "THREATEN" in events, (sentence, events)


def test_a_promise_of_restraint_or_help_stays_an_agreement():
    for sentence in ("Peru and Chile pledged not to take revenge for the raids.",
                     "Chile pledged to help Peru rebuild its ports.",
                     # countering a common foe together, sending envoys, a blessing: no harm promised to the other side
                     "Kenya and Uganda pledged on Monday to counter terrorism together.",
                     "Kenya and Uganda pledged on Monday to wipe out piracy on the lake together.",
                     "Ghana pledged on Friday to send envoys to Togo.",
                     "The Kenyan president vowed, by God's grace, to restore ties with Uganda.",
                     "Ghana pledged on Friday to work with Togo for peace, with the help of Allah."):
        events = {m.event for m in told(sentence)}
        assert "AGREE" in events and "THREATEN" not in events, (sentence, events)


def test_a_pledge_to_continue_a_measure_is_no_new_promise():
    sentence = ("Kenya halted all imports from Uganda on Monday and pledged to continue applying the curbs until "
                "Kampala pays its debts.")
    events = [m.event for m in told(sentence)]
    assert "AGREE" not in events and "SANCTION" in events, events


def test_what_a_condition_still_open_names_did_not_happen():
    for sentence in ("Kenya said on Monday it was restricting exports to Uganda until a deal is signed and Kampala "
                     "allows Kenyan traders to return.",
                     "Lithuania will keep the crossings shut until Minsk stops the flights and Belarus allows "
                     "inspectors to return."):
        assert not [m for m in told(sentence) if m.event in ("CONCEDE", "RETREAT", "AGREE")], sentence


def test_ports_shut_to_a_states_trade_are_an_embargo_a_street_blocked_by_protesters_a_protest():
    (m,) = [m for m in told("Ankara blocked its ports for Israeli imports and exports on Thursday.")
            if m.trigger == "blocked"]
    assert m.event == "SANCTION" and {r.code for r in m.recipient} == {"ISR"}, (m.event, m.recipient)
    assert all(m.event != "SANCTION" for m in told("Farmers blocked the port of Calais on Thursday."))


def test_a_visitor_welcomed_after_arriving_is_the_visit_not_praise():
    sentence = "The Kenyan president flew into Entebbe on Wednesday evening and was welcomed on the tarmac by the Ugandan leader."
    events = {(m.event, tuple(sorted(r.code for r in m.actor))) for m in told(sentence)}
    assert ("SUPPORT", ("KEN",)) not in events and ("CONSULT", ("KEN",)) in events, events


def test_a_day_long_before_the_news_inside_a_participle_dates_that_act():
    sentence = "Chile and Peru agreed on Friday to implement the fisheries accord signed on 3 May 2004."
    (m,) = [m for m in told(sentence) if m.event == "AGREE"]
    assert m.date_start.year == 2025, m.date_how
    sentence = "Chile and Peru agreed to implement the fisheries accord signed on 3 May 2004."
    assert all(m.date_start is None or m.date_start.year != 2004 for m in told(sentence) if m.event == "AGREE")


def test_an_act_told_after_a_dated_happening_is_dated_by_it_not_by_the_event_told_before():
    text = body("Kenya and Uganda reopened their border on Tuesday.",
                "Following the floods in March, the Kenyan minister visited Kampala.",
                "Peru severed relations with Bolivia following the seizure of its consulate in 2019.")
    ms = [m for m in code(text, PUB) if m.sent_index > 5]
    (visit,) = [m for m in ms if m.trigger == "visited"]
    assert (visit.date_start, visit.date_end) == (dt.date(2025, 3, 1), dt.date(2025, 3, 7)), visit.date_how
    (cut,) = [m for m in ms if m.trigger == "severed"]
    assert (cut.date_start, cut.date_end) == (dt.date(2019, 1, 1), dt.date(2019, 12, 31)), cut.date_how


def test_withdrawing_an_ambassador_is_a_recall_troops_withdrawing_a_retreat():
    (m,) = [m for m in told("Chad and Niger withdrew their ambassadors from Libya on Sunday.") if m.trigger == "withdrew"]
    assert m.event == "SANCTION" and m.mode == "withdraw", (m.event, m.rule)
    (m,) = [m for m in told("Ethiopian forces withdrew from Somalia on Sunday.") if m.trigger == "withdrew"]
    assert m.event == "RETREAT", (m.event, m.rule)
