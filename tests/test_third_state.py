"""Who an act is aimed at when a third state is named beside the two sides: the owner of the decision, bid or
membership acted on, the state a recalled envoy serves in, a state told by a description ("the Alpine nation"),
an act another side is only let do, a group that is no state, and a list of states doing one act. Our own
sentences about several pairs of states, each rule beside the case that must not change."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_coding import code  # noqa: E402

PUB = dt.date(2023, 5, 12)


def coded(text):
    return [(m.event, sorted(a.code for a in m.actor if a.code), sorted(r.code for r in m.recipient if r.code),
             m.trigger) for m in code(text, PUB)]


def by_trigger(text, trigger):
    found = [c for c in coded(text) if c[3] == trigger]
    assert found, coded(text)
    return found[0]


# ---------------------------------------------------------------- the owner of what the act is about

# the third state is named more often than the recipient, so the article's context would pick it
@pytest.mark.parametrize("text, trigger, actor, recipient", [
    ("Kosovo, Kosovo and Kosovo again were discussed. On Monday Serbia deplored Albania's decision to host the "
     "Kosovo delegation.", "deplored", ["SRB"], ["ALB"]),
    ("Greenland was the topic in Denmark, Greenland and beyond. Late on Friday Norway regretted Denmark's move on "
     "Greenland fishing quotas.", "regretted", ["NOR"], ["DNK"]),
])
def test_an_act_on_a_decision_is_aimed_at_its_owner(text, trigger, actor, recipient):
    event, a, r, _ = by_trigger(text, trigger)
    assert (event, a, r) == ("ACCUSE", actor, recipient)


@pytest.mark.parametrize("text, trigger, recipient", [
    # "Moldova's EU membership": Moldova, not the union it joins
    ("Romania and Moldova met often. On Tuesday the Romanian senate backed Moldova's EU membership.", "backed", ["MDA"]),
    ("Austria and Norway disagree. On Wednesday Austria lifted its veto on Norway and Iceland joining the bloc.",
     "lifted", ["ISL", "NOR"]),
    ("Greece and Macedonia talked for years. On Monday Greece dropped its objection to Macedonia and Albania joining "
     "the alliance.", "dropped", ["ALB", "MKD"]),
])
def test_whose_bid_or_membership_is_the_recipient(text, trigger, recipient):
    assert by_trigger(text, trigger)[2] == recipient


def test_a_bare_decision_is_the_one_told_just_before():
    text = ("Laos, Laos and Laos came up again. Thailand protested on Monday against the Cambodian government's plan "
            "to build a dam near Laos. On Tuesday Vietnam condemned the decision as reckless.")
    assert by_trigger(text, "condemned")[2] == ["KHM"]


def test_a_decision_with_its_own_content_does_not_point_back():
    # "the decision to ..." tells what was decided: it names no earlier owner, the context decides as before
    text = ("Peru and Chile quarrel. Bolivia announced a plan to close a port. On Monday Peru criticised the decision "
            "to expel Chilean diplomats.")
    assert by_trigger(text, "criticised")[2] != ["BOL"]


# ---------------------------------------------------------------- the state a recalled envoy serves in

def test_a_recalled_envoy_is_recalled_from_where_it_serves():
    text = ("Hungary and Hungary's neighbours: Hungary, Hungary. Poland recalled its ambassador to Slovakia on Monday "
            "over the Central European nation's plan to host Hungarian troops.")
    event, actor, recipient, _ = by_trigger(text, "recalled")
    assert (event, actor, recipient) == ("SANCTION", ["POL"], ["SVK"])


def test_a_recall_from_a_capital_still_names_the_capital_state():
    event, actor, recipient, _ = by_trigger("Peru and Chile quarrel. Peru recalled its ambassador from Santiago on "
                                            "Friday.", "recalled")
    assert (actor, recipient) == (["PER"], ["CHL"])


# ---------------------------------------------------------------- a state told by a description

def test_a_described_state_is_the_one_named_before_other_than_the_subject():
    text = ("Austria and Germany talk often. On Monday Germany held talks with Switzerland. Germany's minister later "
            "criticised the Alpine nation's refusal to extradite two suspects.")
    assert by_trigger(text, "criticised")[2] == ["CHE"]


# ---------------------------------------------------------------- what another side is only let do

def test_an_act_a_side_is_let_do_is_not_its_act():
    text = "Chile and Bolivia quarrel. On Monday Chile decided to allow Bolivia to open a consulate in Arica."
    assert not [c for c in coded(text) if c[1] == ["BOL"]]


def test_an_act_told_as_done_still_counts():
    text = "Chile and Bolivia quarrel. On Monday Bolivia opened a consulate in Arica."
    assert [c for c in coded(text) if c[1] == ["BOL"]]


# ---------------------------------------------------------------- a group that is no state

def test_an_act_aimed_at_rebels_takes_no_context_country():
    text = ("Chad and Niger quarrel over the border. On Sunday Chad said Niger had been sending weapons to the rebel "
            "militias in the north.")
    assert not [c for c in coded(text) if c[0] == "AID" and c[2] == ["TCD"]]


# ---------------------------------------------------------------- several states doing one act

def test_a_list_of_states_read_as_an_apposition_is_every_doer():
    text = ("Kenya, Uganda, Rwanda, and Burundi have severed diplomatic relations and all rail and road links with "
            "Somalia, citing piracy.")
    event, actor, recipient, _ = by_trigger(text, "severed")
    assert (event, recipient) == ("SANCTION", ["SOM"])
    assert actor == ["BDI", "KEN", "RWA", "UGA"]


def test_a_capital_and_its_country_stay_one_state():
    text = "Madrid, Spain's capital, hosted talks. On Monday Spain cut diplomatic relations with Venezuela."
    event, actor, recipient, _ = by_trigger(text, "cut")
    assert (actor, recipient) == (["ESP"], ["VEN"])


def test_a_bid_to_host_names_no_owner_in_what_it_would_host():
    # "withdrew its candidacy to host the forum": the forum's organiser is not whose bid it was
    text = ("Georgia and Armenia quarrel over the forum. On Monday Georgia withdrew its candidacy to host the UNESCO "
            "forum, a United Nations meeting, in favour of Armenia.")
    assert "UN" not in by_trigger(text, "withdrew")[2]


# ---------------------------------------------------------------- texts several states sign

def test_a_text_two_states_sign_together_is_their_agreement():
    # PLOVER's AGREE holds the signing of a formal agreement (CAMEO 057), as analysts code it
    event, actor, recipient, _ = by_trigger("Chad and Niger signed a border pact in Niamey on Friday.", "signed")
    assert event == "AGREE" and sorted(actor + recipient) == ["NER", "TCD"]


def test_a_speakers_we_signed_names_no_sides():
    # a host's "we signed the deal" is the group that signed, not the host's state with one of the two
    from test_coding import code

    text = ("Nigeria's president will visit Ghana and Togo next month, after the two nations signed the Abuja "
            "Declaration on 11 March. He told reporters: \"Because both helped, we signed the accord.\"")
    assert not [m for m in code(text) if m.trigger == "signed" and "NGA" in {a.code for a in m.actor}]
    text = "\"We signed the accord with Togo,\" the Ghanaian minister said on Friday."
    assert [m for m in code(text) if m.event == "AGREE" and {a.code for a in m.actor} == {"GHA"}]


def test_a_text_three_states_sign_together_is_their_agreement():
    event, actor, recipient, _ = by_trigger("Mali, Niger and Chad signed a border pact in Niamey on Friday.", "signed")
    assert event == "AGREE" and sorted(actor + recipient) == ["MLI", "NER", "TCD"]


def test_a_text_signed_with_a_partner_named_apart_is_the_signers_agreement_with_it():
    # the doer and its partner keep their roles (actor, recipient), as the analysts code such a signing
    event, actor, recipient, _ = by_trigger("Chad signed a border pact with Niger in Niamey on Friday.", "signed")
    assert (event, actor, recipient) == ("AGREE", ["TCD"], ["NER"])


def test_a_headline_comma_joins_two_doers():
    event, actor, recipient, _ = by_trigger("Ghana, Togo sign border pact after long dispute", "sign")
    assert sorted(actor + recipient) == ["GHA", "TGO"]


@pytest.mark.parametrize("signers", ["the three countries' prime ministers", "the leaders of the three countries"])
def test_the_three_countries_are_the_three_named_most(signers):
    text = ("Austria blocked Croatia and Slovenia for months. Croatia and Slovenia pressed, and Austria relented. "
            f"In Vienna on Monday, {signers} signed a memorandum.")
    event, actor, recipient, _ = by_trigger(text, "signed")
    assert event == "AGREE" and sorted(actor + recipient) == ["AUT", "HRV", "SVN"]


def test_a_trilateral_text_is_signed_by_three_states():
    text = ("Austria blocked Croatia and Slovenia for months. Croatia and Slovenia pressed, and Austria relented. "
            "'Our ministers have signed a trilateral memorandum,' the Slovenian president said on Monday.")
    event, actor, recipient, _ = by_trigger(text, "signed")
    assert event == "AGREE" and sorted(actor + recipient) == ["AUT", "HRV", "SVN"]


def test_a_bodys_leaders_signing_are_its_members_the_article_names():
    text = ("Oman and Kuwait ended their quarrel in January. Leaders of the Gulf Cooperation Council signed a joint "
            "charter in Muscat on Tuesday.")
    event, actor, recipient, _ = by_trigger(text, "signed")
    assert event == "AGREE" and sorted(actor + recipient) == ["KWT", "OMN"]


def test_a_body_signing_as_itself_stays_the_body():
    text = "Oman and Kuwait ended their quarrel. On Tuesday ASEAN signed a trade charter with Japan in Jakarta."
    event, actor, recipient, _ = by_trigger(text, "signed")
    assert (actor, recipient) == (["ASEAN"], ["JPN"])


def test_a_headline_speaker_before_a_colon_is_no_doer():
    found = [c for c in coded("Turkish envoy: Chad, Niger agreed to truce") if c[3] == "agreed"]
    assert found and all("TUR" not in c[1] + c[2] and sorted(c[1] + c[2]) == ["NER", "TCD"] for c in found), found


# ---------------------------------------------------------------- a court is no state

def test_an_international_courts_ruling_is_no_act_between_states():
    text = "Guyana and Suriname quarrel. On Monday the International Court of Justice rejected Suriname's claim."
    assert not [c for c in coded(text) if "ICJ" in c[1]]


def test_a_states_own_court_acts_for_its_state():
    text = "Iran and Sweden quarrel. On Monday a Swedish court jailed an Iranian official for ten years."
    assert [c for c in coded(text) if c[1] == ["SWE"]]
