"""False alarms on pairs of states the coder was never tuned for: each rule at its mechanism (an over-broad
trigger, a non-event told as an act, a wrong party), on our own sentences about several pairs of states, with
the case that must still code beside the one that must not."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_coding import code  # noqa: E402


def coded(text, published=None):
    found = code(text, published) if published else code(text)
    return [(m.event, m.mode, sorted(a.code for a in m.actor), sorted(r.code for r in m.recipient)) for m in found]


def events(text):
    return {e for e, *_ in coded(text)}


# ---------------------------------------------------------------- "strike": a labour strike or an attack

@pytest.mark.parametrize("text", [
    "Chile strikes back at Peru after a deadly raid on its border post.",
    "Ghana struck at Togo on Sunday after a raid on a customs post.",
    "Two camps of a rebel group in Bolivia have been struck on Monday, Peruvian media said.",
    "Although Nepali media reported the drone attacks, they did not say that Nepal conducted the strikes.",
])
def test_a_state_that_strikes_or_a_place_struck_is_no_labour_strike(text):
    assert "PROTEST" not in events(text)


def test_a_state_striking_back_is_an_attack():
    assert ("ASSAULT", None, ["CHL"], ["PER"]) in coded("Chile strikes back at Peru after a deadly raid on its border post.")


@pytest.mark.parametrize("text", [
    "Dock workers in Lima struck for a second day on Tuesday.",
    "Teachers in Ghana began a general strike on Monday.",
    "Bolivian miners went on strike on Monday.",
])
def test_workers_on_strike_still_protest(text):
    assert "PROTEST" in events(text)


# ---------------------------------------------------------------- a month name is no march

def test_a_month_inside_a_date_is_no_march():
    text = "The envoys of Chile and Peru held negotiations in Lima between March 6 and 10."
    assert "PROTEST" not in events(text)
    assert "CONSULT" in events(text)
    assert "PROTEST" in events("Thousands of students marched in Lima on Tuesday against the treaty with Chile.")


# ---------------------------------------------------------------- half of a double-barrelled name

@pytest.mark.parametrize("text", [
    "Maria Lopez-Ratcliffe, a British-Iranian aid worker, was arrested by Iranian police at Tehran airport in April.",
    "Police in Caracas detained Ana Rubio-Vargas, a Spanish-Venezuelan journalist, on Monday.",
])
def test_a_listed_surname_inside_a_double_barrelled_name_is_someone_else(text):
    found = coded(text)
    assert found and all("USA" not in actor + recipient for _e, _m, actor, recipient in found), found


def test_the_listed_person_by_name_still_resolves():
    assert ("CONSULT", "visit", ["USA"], ["UKR"]) in coded("CIA Director John Ratcliffe visited Kyiv on Monday.")
    assert any("USA" in a for _e, _m, a, _r in coded("Rubio met Ukrainian officials in Kyiv on Monday."))


# ---------------------------------------------------------------- a visit is made by officials

@pytest.mark.parametrize("text", [
    "Two Chilean tourists arrived in Lima on Monday.",
    "Tomas Ibarra, a Chilean-Peruvian dual national, arrived in Qatar on Friday.",
    "Canadian Iranian national Sara Lindqvist has arrived in Doha, the opening stop of her trip back to Toronto.",
])
def test_private_people_arriving_make_no_state_visit(text):
    assert "CONSULT" not in events(text)


@pytest.mark.parametrize("text", [
    "A Chilean delegation arrived in Lima on Monday.",
    "The Peruvian president travelled to Santiago on Monday.",
])
def test_officials_arriving_still_visit(text):
    assert "CONSULT" in events(text)


# ---------------------------------------------------------------- "has yet to", "as agreed"

@pytest.mark.parametrize("text, waiting", [
    ("Chile has yet to reopen its embassy in Lima.", "CHL"),
    ("Officials said Hanoi is yet to restore ties with Phnom Penh.", "VNM"),
    ("Kenya has yet to say when it will reopen its embassy in Kampala.", "KEN"),
    ("Kenya has yet to decide whether it will reopen its embassy in Kampala, officials said.", "KEN"),
])
def test_what_is_yet_to_happen_did_not_happen(text, waiting):
    # neither the act still to come nor what is said inside the construction is coded for the waiting state
    assert not [x for x in coded(text) if x[2] == [waiting]], coded(text)


def test_an_act_beside_a_yet_to_clause_still_codes():
    assert "SUPPORT" in events("Chile reopened its embassy in Lima on Monday, a step Peru has yet to take.")
    assert ("SUPPORT", None, ["UGA"], ["KEN"]) in coded(
        "While Kenya has yet to say when it will reopen its embassy in Kampala, Uganda named an envoy in May.")


def test_as_agreed_refers_to_an_agreement_told_elsewhere():
    assert "AGREE" not in events("Brazil said it backs both parties in moving ahead as agreed in the deal.")
    assert "AGREE" in events("Chile and Peru agreed on Monday to restore ties.")


# ---------------------------------------------------------------- who did it

def test_a_place_does_not_kill():
    found = coded("Chile carried out air strikes on a Peruvian border village that killed nine people on Tuesday.")
    assert ("ASSAULT", "heavy-weapons", ["CHL"], ["PER"]) in found
    assert not any(e == "ASSAULT" and a == ["PER"] for e, _m, a, _r in found), found


@pytest.mark.parametrize("text, other", [
    ("Brazil has lately restored relations with Kremlin ally Belarus while widening its mediation role.", "BLR"),
    ("Kenya has since restored relations with Cairo ally Sudan and sent more aid to the region.", "SDN"),
])
def test_a_relation_word_names_the_other_end(text, other):
    found = [f for f in coded(text) if f[0] == "SUPPORT"]
    assert found and all(r == [other] for _e, _m, _a, r in found), found


# ---------------------------------------------------------------- descriptions of a named one

@pytest.mark.parametrize("text", [
    "Ana Soto, who has been detained in Peru for close to five years, told reporters she felt relieved.",
    "Pablo Reyes and Ines Duarte - who were held by Bolivia for four years and three years - fly home on Friday.",
    "Ines Duarte, a Paraguayan schoolteacher detained in Bolivia for over three years, has left El Alto airport.",
])
def test_a_detention_that_describes_the_detained_is_no_arrest(text):
    assert "COERCE" not in events(text)


def test_a_description_hides_the_acts_inside_it_but_not_the_news():
    found = coded("Peru, which has supported Bolivia in its invasion of Chile, recalled its ambassador from "
                  "Santiago on Monday.")
    assert {e for e, *_ in found} == {"SANCTION"}, found


@pytest.mark.parametrize("text, event", [
    ("Chile, which expelled two Peruvian diplomats on Monday, said it would not back down.", "SANCTION"),
    ("Peru freed Ana Soto, a Chilean activist jailed in 2019, on Monday.", "RETREAT"),
])
def test_a_clause_with_its_own_day_still_tells(text, event):
    assert event in events(text)


# ---------------------------------------------------------------- concessions that are licences

@pytest.mark.parametrize("text", [
    "Chile granted oil concessions in the disputed waters on Monday.",
    "Peru protested the mining concessions Bolivia awarded last month.",
])
def test_a_licence_to_exploit_a_resource_is_no_concession(text):
    assert "CONCEDE" not in events(text)


def test_a_concession_to_the_other_side_still_codes():
    assert "CONCEDE" in events("Peru granted an amnesty to 40 Chilean fishermen on Monday.")


# ---------------------------------------------------------------- a look back in the opening

def test_a_pluperfect_in_the_narrators_words_is_no_news_of_the_last_days():
    pub = dt.date(2025, 3, 14)
    text = ("Peru lifts duties on Chilean wine\n"
            "Peru has lifted its duties on Chilean wine, the trade ministry said.\n"
            "Lima had imposed import duties on various Chilean products, including wine and fruit.")
    found = [m for m in code(text, pub) if m.event == "SANCTION"]
    assert found and all(m.date_start is None or m.date_start < pub - dt.timedelta(days=30) for m in found), \
        [(m.date_start, m.date_how) for m in found]


def test_a_pluperfect_in_reported_speech_is_still_the_news():
    pub = dt.date(2025, 3, 14)
    text = ("Chile recalls envoy from Peru\n"
            "The foreign minister wrote on Friday that Chile had decided to recall its ambassador from Peru.")
    found = [m for m in code(text, pub) if m.event == "SANCTION"]
    assert found and all(m.date_start is not None and m.date_start >= pub - dt.timedelta(days=7) for m in found), \
        [(m.date_start, m.date_how) for m in found]


def test_two_listed_names_hyphened_stay_two_listed_people():
    from detente.actors import ActorDictionary
    from detente.parse import get_nlp

    actors = ActorDictionary.load(())
    assert actors.resolve("Maria Lopez-Ratcliffe") is None
    assert actors.resolve("Ratcliffe").code == "USA"
    doc = get_nlp()("The Rubio-Lavrov call on Friday eased tensions between Washington and Moscow.")
    listed = {e.ent_id_ for e in doc.ents if e.label_ == "ACTOR"}
    assert {"person:rubio", "person:lavrov"} <= listed, [(e.text, e.label_, e.ent_id_) for e in doc.ents]
    doc = get_nlp()("Maria Lopez-Ratcliffe was freed on Monday.")
    assert [(e.text, e.label_) for e in doc.ents if "Ratcliffe" in e.text] == [("Maria Lopez-Ratcliffe", "PERSON")]


@pytest.mark.parametrize("text", [
    "Although we don't think Managua will launch an attack, we must still prepare for the worst.",
    "Analysts believe Hanoi would retaliate against Phnom Penh.",
    "But neither Belize nor Honduras agreed on a tribunal to rule on their border quarrel.",
])
def test_opinions_and_negative_subjects_tell_no_act(text):
    assert coded(text) == []


def test_a_joint_agreement_still_codes():
    assert "AGREE" in events("Belize and Honduras agreed on Thursday to keep their quarrel out of the courts.")


# ---------------------------------------------------------------- whom an arrest is aimed at

def _story(lines):
    return "\n".join(lines)


@pytest.mark.parametrize("text, actor, other", [
    (_story(["Iran and Sweden have traded accusations for weeks.",
             "Erik Lund, 41, was arrested on March 3, 2021, at a Tehran hotel as he was attending a conference."]),
     "IRN", "SWE"),
    (_story(["Chile and Peru have traded accusations for weeks.",
             "A Peruvian appeals court on Friday sentenced the aid worker to four years in jail."]), "PER", "CHL"),
    (_story(["Iran and Britain have traded accusations for weeks.",
             "Rahimi, who holds both passports, was detained at Tehran airport in June 2019 on a family visit."]),
     "IRN", "GBR"),
])
def test_one_person_held_by_one_side_is_the_other_sides_national(text, actor, other):
    found = [f for f in coded(text) if f[0] == "COERCE"]
    assert found and all(a == [actor] and r == [other] for _e, _m, a, r in found), found


def test_a_crowd_detained_is_not_given_to_the_other_side():
    text = _story(["Chile and Peru have traded accusations for weeks.", "Police in Lima detained 40 protesters on Monday."])
    assert all(r != ["CHL"] for e, _m, _a, r in coded(text) if e == "COERCE")


def test_a_detention_told_as_ended_is_no_arrest():
    text = _story(["Iran and Britain have traded accusations for weeks.",
                   '"I can tell you that the arbitrary detention of Ana Soto and Luis Vega in Iran has ended '
                   'this morning," the foreign secretary said.'])
    assert "COERCE" not in events(text)
    assert "CONSULT" in events("The talks between Iran and Britain ended on Monday without a deal.")
    assert "COERCE" in events("Iran detained two British nationals on Monday.")


def test_a_longer_name_ending_in_an_igo_bodys_is_not_that_body():
    from detente.actors import ActorDictionary

    actors = ActorDictionary.load(())
    assert actors.resolve("Iran's Supreme National Security Council").code == "IRN"
    assert actors.resolve("Ghana's National Security Council").code == "GHA"
    assert actors.resolve("Supreme National Security Council") is None
    assert actors.resolve("the UN Security Council").code == "UN"
    assert actors.resolve("the Security Council").code == "UN"


def test_a_described_detention_beside_the_release_is_no_arrest():
    found = coded("Two Chilean nationals, who had been detained in Peru, were set free on Wednesday.")
    assert "COERCE" not in {e for e, *_ in found}
    assert "RETREAT" in {e for e, *_ in found}
    assert "CONSULT" in events("The Chilean envoy, who had arrived in Lima on Monday, met Peruvian officials.")


def test_every_noun_of_a_list_the_coded_verb_acted_on_is_that_act():
    found = coded("In retaliation, Chile imposed steep duties or total import bans on many kinds of Peruvian goods.")
    assert found == [("SANCTION", None, ["CHL"], ["PER"])], found
    assert ("RETREAT", "ease", ["CHL"], ["PER"]) in coded("Chile lifted its sanctions and travel bans on Peru on Monday.")


@pytest.mark.parametrize("text, published, day", [
    ("Peru will drop the duties on Chilean wine starting from August 5.", "2023-08-04", "2023-08-05"),
    ("The talks, starting on August 1, lasted a week.", "2023-08-04", "2023-08-01"),
    ("Ghana said the ban on Togolese poultry is effective July 1.", "2023-08-04", "2023-07-01"),
])
def test_when_a_measure_takes_effect_is_the_day_nearest_publication(text, published, day):
    from detente.temporal import find_timexes

    (t,) = [t for t in find_timexes(text, dt.date.fromisoformat(published)) if t.type == "DATE"]
    assert t.date_start == dt.date.fromisoformat(day), (t.text, t.date_start)


@pytest.mark.parametrize("text, holder, freed", [
    ("Two Ghanaian traders who were jailed in Togo were freed on Wednesday.", "TGO", "GHA"),
    ("The minister said three Bolivian truckers who were imprisoned in Chile had been released.", "CHL", "BOL"),
    ("Kenya and Uganda swapped prisoners. Nairobi said a Kenyan pilot and a second Kenyan who were detained in "
     "Uganda had been freed.", "UGA", "KEN"),
])
def test_a_relative_clause_of_custody_on_the_people_freed_is_no_new_arrest(text, holder, freed):
    found = coded(text)
    assert "COERCE" not in {e for e, *_ in found}, found
    assert ([holder], [freed]) in [(a, r) for e, _m, a, r in found if e == "RETREAT"], found


def test_a_custody_clause_on_people_not_freed_still_tells_an_arrest():
    # no release in the sentence: the arrest is what the sentence tells
    assert "COERCE" in events("Two Chilean fishermen who were detained by the Peruvian navy will face trial.")
    assert "COERCE" in events("Two Ghanaian traders who were jailed in Togo on Monday have hired a lawyer.")
    # a time between the custody and the release may be the arrest's, whatever the parse hangs it on
    assert "COERCE" in events("Two Peruvian sailors who were arrested in Arica last week were freed on Wednesday.")
