"""Who did what to whom when third parties are in the story: a state named only as where two others met is no
side; the lead's two states are the story's pair; an act in which neither of the pair takes part is context; a
capital two entries share is read by the article; an appointee's old post is not his new one; dealings with an
entity the other side claims are context. Our own sentences about several pairs, with the cases that must not
change beside the ones that must."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_third_parties import by_trigger, coded  # noqa: E402  (the same readings of coded mentions)

PUB = dt.date(2024, 9, 14)


def story(text):
    """The focus and mediators a document's context finds."""
    from detente.actors import load_actors
    from detente.knowledge import load_knowledge
    from detente.model import Document
    from detente.parse import get_nlp
    from detente.references import DocContext

    doc = Document(id="s", name="s.txt", text=text, published_start=PUB, published_end=PUB)
    ctx = DocContext(doc, get_nlp()(text), load_actors(), PUB, load_knowledge().roles)
    return sorted(ctx.focus[:2]), ctx.mediator_codes


# ---------------------------------------------------------------- a venue is no side of the story

VENUE = ("Chile and Peru carried out a prisoner exchange in Panama on Friday. Panama's foreign ministry said the "
         "two men were flown to Panama City overnight. Officials in Panama thanked both governments. Panama's leader "
         "praised the two. Rodrigo Fuentealba was arrested in Peru in March 2023 as he was about to board a bus "
         "home.")


def test_a_state_named_only_as_where_two_others_swapped_is_no_side():
    assert story(VENUE)[0] == ["CHL", "PER"]
    event, mode, actor, recipient, _ = by_trigger(VENUE, "arrested")
    assert (event, actor, recipient) == ("COERCE", ["PER"], ["CHL"])  # the person held is Chile's, not Panama's


def test_talks_between_two_sides_in_a_third_capital_make_it_a_venue():
    text = ("Talks in Nairobi between the Ethiopian and Eritrean sides ended on Sunday. Kenya said the Nairobi talks "
            "went well. Kenyan officials praised the mood in Nairobi. Kenya expects another round. Ethiopia accused "
            "Eritrea of delays.")
    assert story(text)[0] == ["ERI", "ETH"]


def test_a_state_that_is_one_of_the_sides_is_no_venue():
    # "Oman and Iran met in Muscat": the host is a side of its own meeting
    text = ("Norway and Iceland held talks in Oslo on Monday. Norway said the talks in Oslo were useful. Iceland "
            "agreed. Norway will send a minister to Reykjavik.")
    assert story(text)[0] == ["ISL", "NOR"]


def test_a_host_of_one_visitor_is_no_mediator():
    # "Kenya hosted Somaliland's leader": the host is a side of the visit, not a go-between
    _, mediators = story("Ghana's president hosted the president of Togo on Monday. Ghana and Togo discussed trade. "
                         "Togo thanked Ghana.")
    assert "GHA" not in mediators
    _, mediators = story("Qatar hosted talks between Chad and Sudan on Monday. Chad and Sudan agreed to meet again. "
                         "Sudan thanked Qatar.")
    assert "QAT" in mediators


# ---------------------------------------------------------------- the lead's two states

def test_the_leads_two_states_are_the_pair_however_often_a_helper_is_named():
    text = ("Uruguay said on Monday it was restoring relations with Paraguay after a year-long break. Brazil had helped "
            "in the process, officials said. Brazil's foreign minister called Brazil a friend of both. The Brazilian "
            "envoy met officials in Brasilia. Brazil welcomed the step. Paraguay's ministry thanked Uruguay.")
    assert story(text)[0] == ["PRY", "URY"]


def test_a_lead_that_names_three_states_leaves_the_count_to_decide():
    text = ("Chile, Peru and Bolivia met on Monday. Chile and Peru signed a deal. Chile said Peru would comply. Peru "
            "agreed with Chile. Bolivia observed.")
    assert story(text)[0] == ["CHL", "PER"]


# ---------------------------------------------------------------- an act in which neither of the pair takes part

def test_an_act_between_two_others_told_in_passing_is_no_event():
    text = ("Norway and Iran swapped prisoners on Friday. Norway's government welcomed the release. Iran said the "
            "exchange was humanitarian. Lars Dahl was arrested in Tehran on June 3, 2022, the day Chad attacked "
            "Sudan. Norway thanked Iran.")
    found = coded(text)
    assert not [c for c in found if c[0] == "ASSAULT"], found
    assert [c for c in found if c[4] == "arrested" and c[2] == ["IRN"]], found  # the pair's act is kept


def test_an_outsiders_act_on_one_of_the_pair_is_kept():
    # a third state acting on one of the two is the pair's context at most, and is left to the analyst
    text = ("Ghana and Togo are at odds over the border. Ghana closed a crossing on Monday. Togo protested. "
            "Nigeria criticised Togo on Tuesday.")
    assert by_trigger(text, "criticised")[2:4] == (["NGA"], ["TGO"])


def test_a_short_text_has_no_story_to_measure_against():
    # a headline or brief of one or two sentences is coded as it stands
    assert by_trigger("Chad accuses Sudan of border raid", "accuses")[2:4] == (["TCD"], ["SDN"])


# ---------------------------------------------------------------- a capital two entries share

def test_brussels_is_belgium_in_a_story_that_names_belgium():
    text = ("Belgium and Iran completed a prisoner swap on Friday. Belgian officials confirmed the handover. "
            "Brussels released an Iranian diplomat on Friday, Belgium's justice minister said.")
    event, mode, actor, recipient, _ = by_trigger(text, "released")
    assert (event, mode, actor, recipient) == ("RETREAT", "release", ["BEL"], ["IRN"])


def test_brussels_is_the_eu_in_a_story_about_the_union():
    text = ("The European Union and Norway agreed new fishing quotas. The EU said the deal was fair. Brussels "
            "expelled a Norwegian diplomat on Tuesday.")
    assert by_trigger(text, "expelled")[2] == ["EU"]


# ---------------------------------------------------------------- an appointee's old post

@pytest.mark.parametrize("text, recipient", [
    ("On Wednesday, Portugal appointed Ana Ramos, former ambassador to Japan, as special envoy to discuss "
     "normalization with Angola.", ["AGO"]),
    ("Chile named Pedro Soto, a former envoy to Brazil, as its new ambassador to Peru.", ["PER"]),
])
def test_the_post_in_an_appointees_apposition_is_not_the_new_one(text, recipient):
    event, _, _, found, _ = by_trigger(text, "appointed" if "appointed" in text else "named")
    assert (event, found) == ("SUPPORT", recipient)


def test_an_envoy_post_named_after_the_title_still_counts():
    assert by_trigger("Chile named Pedro Soto ambassador to Peru on Monday.", "named")[3] == ["PER"]


# ---------------------------------------------------------------- an entity the other side claims

CLAIMED = ("Ukraine and Moldova are at odds over transit fees. Moldova accused Ukraine of delays on Monday. "
           "Ukraine signed a trade memorandum with Transnistria on Tuesday. Moldova protested to Ukraine.")


def test_dealings_with_an_entity_the_other_side_claims_are_context():
    found = coded(CLAIMED)
    assert not [c for c in found if "XTR" in c[2] + c[3]], found
    assert [c for c in found if c[4] == "accused" and c[2:4] == (["MDA"], ["UKR"])], found  # the pair's acts stay


def test_the_claimants_own_act_on_the_entity_is_left_alone():
    text = ("Ukraine and Moldova are at odds over transit fees. Moldova accused Ukraine of delays on Monday. "
            "Moldova imposed sanctions on Transnistria on Tuesday. Ukraine said nothing.")
    assert by_trigger(text, "imposed")[2:4] == (["MDA"], ["XTR"])


# ---------------------------------------------------------------- whose national a person named once is

@pytest.mark.parametrize("sentence, name, code", [
    # the role before a comma is the name's own: "released Iranian diplomat, X,"
    ("Officials said Oslo released Chilean diplomat, Tomas Ibarra, in return for a Norwegian engineer.", "Tomas Ibarra",
     "CHL"),
    ("Jane Roe, a Polish diplomat, arrived on Monday.", "Jane Roe", "POL"),
])
def test_a_persons_state_from_the_title_or_apposition_beside_the_name(sentence, name, code):
    from detente.actors import load_actors
    ref = load_actors().guess(name, sentence)
    assert ref is not None and ref.code == code, ref


def test_a_phrase_after_the_comma_that_opens_with_a_preposition_is_no_apposition():
    # "X, in exchange for a Norwegian engineer": the nationality belongs to someone else
    from detente.actors import load_actors
    assert load_actors().guess("Tomas Ibarra", "The court freed Tomas Ibarra, in exchange for a Norwegian "
                                               "engineer held abroad.") is None


# ---------------------------------------------------------------- a group the dictionary lacks, told by a pronoun

@pytest.mark.parametrize("text", [
    "Chad and Sudan are at odds. The attack on Monday was claimed by Jund al-Haqq, which said it had killed ten soldiers.",
    "Chad and Sudan are at odds. Jund al-Haqq said on Monday that it had killed ten Chadian soldiers.",
    "Peru and Chile are at odds. Sendero Rojo was blamed for the ambush, but Sendero Rojo said they had killed no one.",
])
def test_a_pronoun_after_an_unknown_groups_name_is_the_groups_not_a_state_named_before(text):
    killed = [c for c in coded(text) if c[4] == "killed"]
    assert killed and all(c[2] == [] for c in killed), killed  # no state is the doer


def test_a_pronoun_after_a_known_states_name_is_still_that_state():
    assert by_trigger("Chad and Sudan are at odds. Sudan said on Monday that it had killed ten Chadian rebels.",
                      "killed")[2] == ["SDN"]
