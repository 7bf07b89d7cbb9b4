"""Who did it to whom where the words alone do not say: a short name several bodies bear, the act that caused a
killing, "the attackers", co-mediators, a person described twice, a hold told with a copula, a state's land.
Sentences written for these tests, about several pairs of states."""
import datetime as dt

import pytest

from test_coding import code as coded

PUB = dt.date(2025, 10, 20)


def code(text: str):
    return coded(text, PUB)


def codes(refs):
    return sorted({r.code for r in refs if r.code})


def the(mentions, event, word):
    found = [m for m in mentions if m.event == event and word in m.sentence]
    assert found, [(m.event, m.sentence, codes(m.actor), codes(m.recipient)) for m in mentions]
    return found[0]


# --- a short name several bodies bear ---------------------------------------------------------------------

def test_an_acronym_of_a_state_body_in_a_story_about_that_state_is_the_state():
    ms = code("Chinese coast guard ships blocked a Philippine supply boat near the reef on Monday. "
              "AFP chief General Ramon Dizon urged Beijing to stop its dangerous manoeuvres.")
    m = the(ms, "REQUEST", "urged")
    assert codes(m.actor) == ["PHL"], m.actor
    assert codes(m.recipient) == ["CHN"]


def test_the_same_acronym_in_a_story_about_other_states_is_the_news_agency():
    ms = code("Algeria expelled twelve French diplomats on Monday. AFP correspondent Marc Lenoir urged "
              "Paris to respond, in a column.")
    m = [m for m in ms if m.event == "REQUEST"]
    assert all("PHL" not in codes(x.actor) for x in m), [(x.actor, x.sentence) for x in m]


def test_a_shared_acronym_takes_the_reading_whose_state_the_article_names():
    ms = code("Sudan's army retook two towns near El Obeid on Sunday. The RSF shelled a market in the city "
              "on Monday, killing eleven civilians.")
    m = the(ms, "ASSAULT", "shelled")
    assert codes(m.actor) == ["SDN"], m.actor


# --- the doer of an agentless killing, from the act that caused it ------------------------------------------


def test_killed_in_an_act_by_someone_was_done_by_them():
    ms = code("Four Indian soldiers were killed on Tuesday in reprisal fire by Pakistani forces, Delhi said.")
    m = the(ms, "ASSAULT", "killed")
    assert codes(m.actor) == ["PAK"] and codes(m.recipient) == ["IND"]
    ms = code("Six Armenian civilians were wounded in strikes launched by Azerbaijani troops.")
    m = the(ms, "ASSAULT", "wounded")
    assert codes(m.actor) == ["AZE"] and codes(m.recipient) == ["ARM"]


def test_killed_somewhere_with_no_act_named_keeps_no_doer():
    ms = code("Three Georgian policemen were killed in Tbilisi on Friday.")
    m = the(ms, "ASSAULT", "killed")
    assert codes(m.actor) == [], m.actor


def test_the_attackers_with_no_attack_told_are_no_one():
    ms = code("Police in Lima said the attackers fled across the border into Bolivia.")
    assert all("attackers" not in (r.entity_text or "") for m in ms for r in m.actor + m.recipient if r.code)


# --- a nationality word names the doer, not the place --------------------------------------------------

@pytest.mark.parametrize("text", [
    "Six Armenian soldiers died in an Azerbaijani attack on Sunday.",  # the parser makes the word a compound
    "Yerevan mourns six soldiers killed in Azerbaijani attacks",
    "Six soldiers died in the Azerbaijani attack, Yerevan said.",
])
def test_a_nationality_word_on_an_attack_names_its_doer_not_its_target(text):
    ms = [m for m in code("Armenia and Azerbaijan traded accusations on Saturday. " + text) if m.event == "ASSAULT"]
    assert ms and all(codes(m.actor) == ["AZE"] and "AZE" not in codes(m.recipient) for m in ms), \
        [(codes(m.actor), codes(m.recipient)) for m in ms]


def test_a_states_land_named_with_its_owner_is_that_state():
    ms = code("Sudanese jets bombed targets in Chad's eastern Ouaddai province on Tuesday.")
    m = the(ms, "ASSAULT", "bombed")
    assert codes(m.recipient) == ["TCD"], m.recipient


# --- co-mediators ------------------------------------------------------------------------------------------

def test_two_mediators_are_not_each_others_counterparts():
    ms = code("Sudan and South Sudan agreed to a truce on Sunday after talks in Cairo. The talks were mediated "
              "by Egypt and Kenya.")
    for m in ms:
        if "mediated" in m.sentence and m.event == "CONSULT":
            assert codes(m.actor) == ["EGY", "KEN"], m.actor
            assert not set(codes(m.recipient)) & {"EGY", "KEN"}, m.recipient


def test_two_sides_meeting_are_still_a_meeting_of_two():
    ms = code("Serbian and Croatian officials held talks in Zagreb on Monday.")
    m = the(ms, "CONSULT", "talks")
    assert sorted(codes(m.actor) + codes(m.recipient)) == ["HRV", "SRB"]


# --- a person told twice, a hold told with a copula --------------------------------------------------------

def test_a_freed_person_described_by_employer_and_nationality_counts_for_the_state():
    ms = code("Russia released UN staff member and Latvian citizen Anna Berzina on Friday.")
    m = the(ms, "RETREAT", "released")
    assert "LVA" in codes(m.recipient) and codes(m.recipient)[0] != "UN", m.recipient


def test_people_held_in_a_country_were_freed_by_it_even_when_listed_with_another():
    ms = code("Jonas Petraitis, who monitors elections for the OSCE, and a second Lithuanian who had been held in "
              "Belarus were released on Sunday, Vilnius said.")
    m = the(ms, "RETREAT", "released")
    assert codes(m.actor) == ["BLR"], m.actor


# --- a self-governing entity another state claims -----------------------------------------------------

def test_a_deal_with_a_breakaway_state_is_not_one_with_the_state_claiming_it():
    ms = code("Ethiopia signed a port agreement with Somaliland on Monday. Somalia recalled its ambassador "
              "from Ethiopia in protest.")
    m = the(ms, "AGREE", "Somaliland")
    assert "SOM" not in codes(m.recipient) + codes(m.actor), m.recipient
    ms = code("Moldova accused Transnistrian authorities of blocking a road near Tiraspol.")
    m = the(ms, "ACCUSE", "accused")
    assert codes(m.recipient) and "MDA" not in codes(m.recipient), m.recipient


# --- whose the people held are; a body speaking of itself; state media -----------------------------------


def test_a_body_that_claims_it_did_something_did_it():
    ms = code("Two Tajik migrants died in custody in Kazan. The Russian Investigative Committee opened a case. "
              "The investigative committee claimed it had detained only four suspects.")
    m = the(ms, "COERCE", "claimed it had detained")
    assert codes(m.actor) == ["RUS"], m.actor


def test_it_in_a_report_by_a_dateline_city_is_the_state_that_speaks():
    ms = code("HANOI (AP) — Vietnam said on Friday it will impose new duties on steel from China, starting next month.")
    m = the(ms, "SANCTION", "impose")
    assert codes(m.actor) == ["VNM"], m.actor


def test_a_state_news_agency_is_its_states_media_and_no_side_of_what_it_reports():
    ms = code("Mongolia expelled two Chinese diplomats on Monday, Xinhua reported.")
    m = the(ms, "SANCTION", "expelled")
    assert codes(m.actor) == ["MNG"] and codes(m.recipient) == ["CHN"]
    ms = code("Police in Baku raided the office of Sputnik Azerbaijan on Monday.")
    m = the(ms, "COERCE", "raided")
    assert codes(m.recipient) == ["RUS"], m.recipient


def test_troops_returning_to_their_own_territory_do_not_act_on_their_own_state():
    ms = code("Guatemalan troops strayed into Belize on Monday. After Belizean rangers shot into the air, the "
              "Guatemalan troops returned to their own territory.")
    for m in ms:
        if m.event == "RETREAT":
            assert "GTM" not in codes(m.recipient), (m.recipient, m.sentence)


def test_a_foreign_ministry_by_a_name_two_states_use_is_the_one_of_the_state_in_the_story():
    ms = code("Pakistan and Afghanistan agreed to reopen the Torkham crossing. The Foreign Office said it had "
              "summoned the Afghan charge d'affaires over the shelling.")
    m = the(ms, "ACCUSE", "summoned")
    assert codes(m.actor) == ["PAK"], m.actor
    ms = code("Britain and Iran traded accusations on Monday. The Foreign Office summoned the Iranian ambassador.")
    m = the(ms, "ACCUSE", "summoned")
    assert codes(m.actor) == ["GBR"], m.actor


def test_the_same_vessel_is_the_one_named_before_with_its_flag():
    ms = code("Chinese ships blocked a Vietnamese fishing boat near the islands in May. On June 2, a Chinese "
              "coast guard ship rammed the same boat.")
    m = the(ms, "ASSAULT", "rammed")
    assert codes(m.recipient) == ["VNM"], m.recipient


# --- a relative pronoun's noun, two nationalities on one unknown head, an outsider's approval --------------

def test_an_agreement_initialed_in_a_relative_clause_is_the_two_teams_agreement():
    ms = code("The treaty, which was initialed last month by the Ecuadorian and Peruvian delegations, "
              "was signed on Friday.")
    m = the(ms, "AGREE", "initialed")
    assert sorted(codes(m.actor) + codes(m.recipient)) == ["ECU", "PER"], (m.actor, m.recipient)


def test_an_outsiders_welcome_of_what_two_sides_did_is_aimed_at_both():
    ms = code("Armenia and Azerbaijan exchanged prisoners on Wednesday. Armenia released 32 Azerbaijani soldiers. "
              "The exchange was welcomed by Japan.")
    m = the(ms, "SUPPORT", "welcomed")
    assert codes(m.actor) == ["JPN"] and codes(m.recipient) == ["ARM", "AZE"], (m.actor, m.recipient)


# --- groups that act for a state; a strike on a place; the doer of an act that did something else ------------

def test_a_junta_is_its_states_government_and_named_again_it_is_still():
    ms = code("Thailand accused Myanmar's junta of shelling a border village on Monday. The junta rejected the "
              "accusation.")
    m = the(ms, "ACCUSE", "accused")
    assert codes(m.recipient) == ["MMR"], m.recipient
    m = the(ms, "REJECT", "rejected")
    assert codes(m.actor) == ["MMR"], m.actor


def test_a_strike_on_a_place_is_an_attack_and_a_walkout_is_not():
    ms = code("India's strikes on Pakistani territory hit nine sites, Islamabad said.")
    m = the(ms, "ASSAULT", "strikes")
    assert codes(m.actor) == ["IND"] and codes(m.recipient) == ["PAK"], (m.actor, m.recipient)
    ms = code("Nigerian teachers began a strike on Monday.")
    assert not [m for m in ms if m.event == "ASSAULT"], [(m.event, m.rule) for m in ms]


def test_an_act_named_as_the_subject_was_done_by_its_possessor():
    ms = code("Thailand's air strikes killed four Cambodian soldiers, Phnom Penh said.")
    m = the(ms, "ASSAULT", "killed")
    assert codes(m.actor) == ["THA"], m.actor


def test_an_act_on_an_entity_a_state_claims_is_not_given_that_state_by_context():
    ms = code("Moldova and Russia traded accusations on Monday. Russia said it would open a consulate and offered "
              "recognition to Transnistria.")
    for m in ms:
        if "recognition" in m.sentence and m.event in ("AGREE", "SUPPORT"):
            assert "MDA" not in codes(m.recipient), (m.event, m.recipient)


def test_the_other_party_of_a_deal_to_use_land_in_a_state_is_that_state():
    ms = code("Bolivia and Chile have argued about access to the sea for decades. Bolivia, which has no coast, "
              "agreed on Monday to lease a wharf in Peru for its ore exports.")
    m = the(ms, "AGREE", "lease")
    assert codes(m.recipient) == ["PER"], m.recipient
    ms = code("Bolivia and Chile have argued about access to the sea for decades. Bolivia agreed on Monday to build "
              "a rail line in its east.")
    assert all(codes(m.recipient) in ([], ["CHL"]) for m in ms if m.event == "AGREE"), \
        [(m.event, m.recipient) for m in ms]


# --- told in one way each: (what it shows, text, event, a word of its sentence, doer, target) ----------

SIDES = [
    ('killed_while_repelling_an_attack_was_done_by_the_attackers',
     "Two Thai rangers were killed on Sunday while pushing back a Cambodian incursion near the temple, Bangkok said.",
     'ASSAULT', 'killed', 'KHM', 'THA'),
    ('the_attackers_are_the_doers_of_the_attack_told_before',
     "Eritrean troops shelled an Ethiopian border post on Monday. Ethiopia said its soldiers killed "
     "fifteen of the attackers.",
     'ASSAULT', 'fifteen of the attackers', 'ETH', 'ERI'),
    ('someone_told_as_being_in_a_states_detention_is_its_target',
     "Georgia freed Armenian journalist Aram Petrosyan on Monday. Petrosyan had been in Georgian detention"
     " for two years.",
     'COERCE', 'detention', 'GEO', 'ARM'),
    ('the_body_named_again_by_its_compound_name_is_the_one_named_before',
     "The Armenian border service said Azerbaijani troops had fired on its guards. Later the border service "
     "accused Azerbaijan of shelling a village.",
     'ACCUSE', 'accused', 'ARM', 'AZE'),
    ('an_envoy_summoned_by_an_unnamed_official_was_summoned_by_the_host_state',
     "Mali expelled three Algerian diplomats, Algeria said. The Algerian chargé d’affaires was summoned by"
     " the Secretary-General (Africa) in the ministry this evening.",
     'ACCUSE', 'summoned', 'MLI', 'DZA'),
    ('an_envoy_summoned_by_a_named_state_keeps_that_state',
     "Peru recalled its ambassador from Chile. Peru's foreign minister summoned the Chilean ambassador.",
     'ACCUSE', 'summoned', 'PER', 'CHL'),
    ('people_arrested_from_a_states_service_are_that_states',
     "On Monday the Moldovan interior ministry arrested two officers from Russia's security service who "
     "had worked for a television channel.",
     'COERCE', 'arrested', 'MDA', 'RUS'),
]


@pytest.mark.parametrize("case, text, event, word, doer, target", SIDES, ids=[row[0] for row in SIDES])
def test_who_did_it_to_whom(case, text, event, word, doer, target):
    m = the(code(text), event, word)
    assert (codes(m.actor), codes(m.recipient)) == ([doer], [target]), (case, m.actor, m.recipient)


# --- an entity the actor claims -----------------------------------------------------------------------------

@pytest.mark.parametrize("entity,claimant,other", [("Abkhazia", "Georgia", "Russia"),
                                                   ("Transnistria", "Moldova", "Russia")])
def test_context_never_gives_a_claimant_the_entity_it_claims_as_recipient(entity, claimant, other):
    ms = code(f"{entity} signed a port agreement with {other} on Monday. {entity}'s leaders said the port in "
              f"{entity} would open in May, on a coast {claimant} calls its own. "
              f"{claimant}'s prime minister strongly condemned the move on Tuesday.")
    condemned = [m for m in ms if "condemned" in m.sentence]
    assert condemned, [(m.event, m.sentence) for m in ms]
    codes_of_entity = {r.code for m in ms for r in m.actor if entity in r.entity_text}
    for m in condemned:  # to the claimant an act on the entity is domestic; one aimed at it names it
        assert not codes_of_entity & set(codes(m.recipient)), (codes(m.actor), codes(m.recipient))
    named = code(f"{entity} signed a port agreement with {other} on Monday. "
                 f"{claimant}'s prime minister strongly condemned {entity} on Tuesday.")
    assert any(codes_of_entity & set(codes(m.recipient)) for m in named if "condemned" in m.sentence)


@pytest.mark.parametrize("text, doer, target", [
    # the agency of a dateline is no side: with only one other state named, the context must not pick it
    ("Envoy called home\n\nNAIROBI (Reuters) - Kenya has recalled its ambassador, the foreign ministry said, "
     "after a row with Uganda.\n", "KEN", "UGA"),
    # a dateline whose parentheses give the source and the date, with no dash: its city is no side either
    ("Envoy called home\n\nMOSCOW (Harbour Wire / Daily Agency - 4th June, 2024) Chile has recalled its ambassador "
     "from Ecuador, officials said.\n", "CHL", "ECU"),
])
def test_the_city_and_agency_of_a_dateline_are_no_side_of_the_story(text, doer, target):
    (m,) = [m for m in coded(text) if m.event == "SANCTION"]
    assert (codes(m.actor), codes(m.recipient)) == ([doer], [target])


def test_a_line_opening_with_capitals_and_an_aside_is_no_dateline():
    from detente.pubdate import dateline_spans

    assert dateline_spans("BRUSSELS (Harbour Wire - 4th June, 2024) Chile has recalled its envoy.") != []
    assert dateline_spans("NATO (the alliance) Chile has recalled its envoy.") == []


@pytest.mark.parametrize("text, doer, target", [
    ("Armenia and Azerbaijan quarrel. Armenian troops spent the night repelling Azerbaijani attacks near Tavush.",
     "AZE", "ARM"),
    ("Chad and Sudan quarrel. On Monday Sudan's army beat back a Chadian assault on the garrison.", "TCD", "SDN"),
])
def test_who_fends_off_an_attack_is_whom_it_is_aimed_at(text, doer, target):
    ms = [m for m in code(text) if m.event == "ASSAULT"]
    assert [(codes(m.actor), codes(m.recipient)) for m in ms] == [([doer], [target])], \
        [(m.trigger, codes(m.actor), codes(m.recipient)) for m in ms]


def test_an_attack_named_as_what_is_launched_has_no_fender():
    ms = [m for m in code("Armenia and Azerbaijan quarrel. Azerbaijan launched an attack near Tavush on Monday.")
          if m.event == "ASSAULT"]
    assert ms and all("AZE" not in codes(m.recipient) for m in ms), [(codes(m.actor), codes(m.recipient)) for m in ms]


@pytest.mark.parametrize("text, doer", [
    # the small model splits "the Azerbaijani shelling" into an object "Azerbaijani" and a clause "shelling ..."
    ("Armenia and Azerbaijan quarrel. Armenia condemned the Azerbaijani shelling of Kapan.", "AZE"),
    ("Armenia and Azerbaijan quarrel. Armenia reports four deaths in Azerbaijani shelling.", "AZE"),
])
def test_a_nationality_word_split_from_its_gerund_is_the_doer_not_the_speaker(text, doer):
    ms = [m for m in code(text) if m.event == "ASSAULT"]
    assert ms and all(codes(m.actor) == [doer] for m in ms), [(m.trigger, codes(m.actor)) for m in ms]


def test_a_gerund_with_a_subject_of_its_own_keeps_it():
    ms = [m for m in code("Armenia and Azerbaijan quarrel. Armenia accused the Azerbaijanis of shelling Kapan.")
          if m.event == "ASSAULT"]
    assert all(codes(m.actor) != ["ARM"] for m in ms), [(m.trigger, codes(m.actor)) for m in ms]
