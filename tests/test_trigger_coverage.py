"""Which acts get coded: trigger families written for any pair of states (sentences written for these tests),
each with cases that must not code."""
import pytest

from test_coding import code, codes, coded_as


def events(text):
    return [(m.event, codes(m.actor), codes(m.recipient)) for m in code(text)]


# --- SANCTION: calling off a planned contact with another state -------------------------------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("On Friday, Kenya scrapped every cultural event run by Ugandan bodies.", "KEN", "UGA"),
    ("On Sunday, Chile's culture ministry called off every Peruvian-linked concert and festival.", "CHL", "PER"),
    ("On Tuesday, Ghana's parliament pulled out of a scheduled meeting in Abuja.", "GHA", "NGA"),
    ("On Tuesday, a Hungarian delegation cancelled its participation in a forum in Bucharest.", "HUN", "ROU"),
    ("On Thursday, Peru cancelled a planned trip by Bolivia's foreign minister.", "PER", "BOL"),
])
def test_cancelling_a_planned_contact_reduces_relations(text, actor, recipient):
    m = coded_as(text, "SANCTION", actor, [recipient])
    assert m.cameo.startswith("16")


def test_the_cancellation_of_a_visit_is_a_sanction_not_a_planned_visit():
    found = events("On Friday, the Egyptian government announced the cancellation of a scheduled visit by "
                   "Sudan's defence minister.")
    assert found == [("SANCTION", ["EGY"], ["SDN"])]


@pytest.mark.parametrize("text", [
    "On Friday, organisers cancelled the jazz festival because of the storm.",
    "On Friday, Kenya cancelled the marathon because of the heat.",  # no other state named
    "Kenya could cancel the Ugandan trade fair if the dispute drags on.",  # a hypothetical
])
def test_a_cancellation_that_names_no_other_state_or_did_not_happen_is_no_sanction(text):
    assert not [m for m in code(text) if m.event == "SANCTION"]


# --- ACCUSE: regretting another side's decision ------------------------------------------------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("On Monday, Nigeria said it regrets Ghana's decision to close the border.", "NGA", "GHA"),
    ("Vietnam deeply regretted Cambodia's move to expel the fishermen, its foreign ministry said on Monday.",
     "VNM", "KHM"),
])
def test_regretting_another_sides_decision_is_disapproval(text, actor, recipient):
    m = coded_as(text, "ACCUSE", actor, [recipient])
    assert m.mode == "disapprove"


@pytest.mark.parametrize("text", [
    "The Nigerian president said on Monday he regrets that he could not attend the wedding.",
    "Ghana's minister regrets the loss of life in the flood, he said on Monday.",
])
def test_regret_without_an_act_of_another_side_is_nothing(text):
    assert not [m for m in code(text) if m.event == "ACCUSE"]


# --- REJECT: whose protest or claim was dismissed --------------------------------------------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("On Saturday the Peruvian Foreign Ministry dismissed Chile's protest about the arrest of several fishermen "
     "in Arica.", "PER", "CHL"),
    ("On Tuesday Japan's envoy dismissed the grounds of China's travel warning.", "JPN", "CHN"),
])
def test_dismissing_a_protest_is_a_rejection_of_whoever_made_it(text, actor, recipient):
    coded_as(text, "REJECT", actor, [recipient])


# --- COERCE: raids on premises, harassment across a frontier --------------------------------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("On Monday, Peruvian police raided the office of a Chilean newspaper in Lima.", "PER", "CHL"),
    ("On Friday, Serbian police searched the homes of Kosovar activists in Belgrade.", "SRB", "XKX"),
])
def test_a_police_raid_on_premises_is_coercion_not_an_armed_attack(text, actor, recipient):
    coded_as(text, "COERCE", actor, [recipient])
    assert not [m for m in code(text) if m.event == "ASSAULT"]


def test_a_raid_on_a_village_stays_an_attack():
    coded_as("On Monday, Sudanese troops raided a village near the Chadian border.", "ASSAULT", "SDN")


def test_a_vow_on_a_condition_is_no_commitment():
    found = events("On Sunday, Laos vowed to resume the practice if the leaflets are flown again from Thailand.")
    assert not [f for f in found if f[0] == "AGREE"]


@pytest.mark.parametrize("text,actor,recipient", [
    ("On Sunday North Korea floated hundreds of rubbish-laden balloons into South Korea.", "PRK", "KOR"),
    ("On Saturday, Azerbaijani activists flew leaflets into Armenia.", "AZE", "ARM"),
    ("On Sunday South Korea restarted its loudspeaker broadcasts at North Korea.", "KOR", "PRK"),
])
def test_balloon_leaflet_and_loudspeaker_campaigns_are_coercion(text, actor, recipient):
    coded_as(text, "COERCE", actor, [recipient])


@pytest.mark.parametrize("text", [
    "On Sunday, children in Seoul released balloons to celebrate the festival.",
    "The Korean weather agency launched a balloon to measure the wind on Sunday.",
])
def test_balloons_that_harass_no_one_are_nothing(text):
    assert not [m for m in code(text) if m.event == "COERCE"]


# --- CONSULT: a call told as a noun phrase --------------------------------------------------------------------
def test_an_earlier_phone_call_told_after_after_is_an_event():
    found = events("The talks came barely ten days after a phone call between Chile and Peru.")
    assert ("CONSULT", ["CHL"], ["PER"]) in found


@pytest.mark.parametrize("text", [
    "After the call, the Chilean minister left for Lima.",
    # background named without its sides is no news of its own
    "Timor-Leste declared independence from Indonesia in 2002 after a long uprising.",
])
def test_an_act_after_after_that_refers_back_or_names_no_sides_codes_nothing_new(text):
    assert not [m for m in code(text) if m.event in ("CONSULT", "PROTEST")]


# --- REQUEST: a demand that the other side yield, told by the act's noun --------------------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("Tunisia and Italy are at odds. On Sunday Tunisia demanded the official's immediate release.", "TUN", "ITA"),
    ("On Monday Italy called for the withdrawal of Tunisian troops.", "ITA", "TUN"),
])
def test_demanding_a_release_or_withdrawal_asks_the_other_side_to_yield(text, actor, recipient):
    assert coded_as(text, "REQUEST", actor, [recipient]).mode == "yield"


def test_a_call_for_calm_is_no_demand_to_yield():
    assert all(m.mode != "yield" for m in code("On Monday Italy called for calm."))


# --- THREATEN: "will pay a heavy price", conditional retaliation ---------------------------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("Thailand warned on Monday that Cambodia would pay a heavy price for any attack.", "THA", "KHM"),
    ("The Indian army chief said on Monday that Pakistan will pay a high price if it attacks again.", "IND", "PAK"),
])
def test_telling_a_state_it_will_pay_a_price_threatens_it(text, actor, recipient):
    coded_as(text, "THREATEN", actor, [recipient])


@pytest.mark.parametrize("text", [
    "Thai farmers said on Monday that consumers would pay a higher price for rice.",
    "Thailand said in 2024 that it paid a heavy price for the war.",
])
def test_paying_a_price_said_of_no_state_or_in_the_past_is_no_threat(text):
    assert not [m for m in code(text) if m.event == "THREATEN"]


def test_a_vow_to_retaliate_on_a_condition_is_a_threat_not_an_agreement():
    found = events("Thailand vowed on Monday to retaliate if Cambodia attacks again.")
    assert ("THREATEN", ["THA"], ["KHM"]) in found and not [f for f in found if f[0] == "AGREE"]


# --- SANCTION: expulsions told as a fixed phrase, suspended cooperation, supplies cut --------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("On Thursday, Nepal declared two Bhutanese diplomats persona non grata.", "NPL", "BTN"),
    ("On Thursday, Nepal declared Bhutan's defence attachés persona non grata.", "NPL", "BTN"),
])
def test_persona_non_grata_is_an_expulsion_however_it_is_parsed(text, actor, recipient):
    assert coded_as(text, "SANCTION", actor, [recipient]).mode == "expel"


@pytest.mark.parametrize("text,actor,recipient", [
    ("On Wednesday, Iran suspended its cooperation with the International Atomic Energy Agency.", "IRN", "IAEA"),
    ("On Tuesday, Thailand cut electricity and internet to Cambodian border towns.", "THA", "KHM"),
    ("On Tuesday, Georgia froze military cooperation with Armenia.", "GEO", "ARM"),
])
def test_suspending_cooperation_or_cutting_supplies_reduces_relations(text, actor, recipient):
    coded_as(text, "SANCTION", actor, [recipient])


@pytest.mark.parametrize("text", [
    "On Tuesday, storms cut power to 20,000 homes in Bangkok.",
    "On Tuesday, Thailand suspended its cooperation programme because of the budget.",
])
def test_supplies_cut_by_no_state_or_aimed_at_no_one_are_no_sanction(text):
    assert not [m for m in code(text) if m.event == "SANCTION"]


# --- CONSULT / ASSAULT / THREATEN: hotlines, drones, revenge -------------------------------------------------
def test_speaking_over_the_hotline_is_a_call():
    m = coded_as("On Saturday, the army chiefs of India and Pakistan spoke over the hotline.", "CONSULT")
    assert m.mode == "phone" and sorted(codes(m.actor) + codes(m.recipient)) == ["IND", "PAK"]


def test_drones_launched_at_a_states_bases_are_an_attack_on_it():
    coded_as("On Sunday, Ukraine launched drones at four Russian air bases.", "ASSAULT", "UKR", ["RUS"])
    assert not code("Ukraine launched a drone to map the coastline on Sunday.")


def test_a_vow_to_avenge_is_a_threat():
    assert [m.event for m in code("On Friday, Pakistan's prime minister vowed to avenge the deaths.")] == ["THREATEN"]


# --- COERCE: armed forces entering another's space ------------------------------------------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("On Tuesday, Russian fighter jets violated Latvian airspace for ten minutes.", "RUS", "LVA"),
    ("On Tuesday, a Chinese coast guard vessel entered Philippine territorial waters near the shoal.", "CHN", "PHL"),
    ("On Tuesday, Indian troops crossed the Line of Control into Pakistani territory.", "IND", "PAK"),
])
def test_armed_forces_entering_anothers_space_is_coercion(text, actor, recipient):
    coded_as(text, "COERCE", actor, [recipient])


def test_a_leader_crossing_a_border_is_no_intrusion():
    assert not [m for m in code("On Monday, the Ukrainian president crossed the border into Poland.")
                if m.event == "COERCE"]


# --- ACCUSE: blame and disapproval told in other words ---------------------------------------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("On Wednesday, Sudan said Egypt bore full responsibility for the crisis.", "SDN", "EGY"),
    ("On Wednesday, the Sudanese foreign ministry said the Egyptian authorities carried responsibility for the "
     "sharp decline in relations.", "SDN", "EGY"),
    ("On Wednesday, Sudan held Egypt responsible for the failure of the talks.", "SDN", "EGY"),
    ("On Wednesday, Sudan expressed regret over Egypt's decision to close the crossing.", "SDN", "EGY"),
    ("On Wednesday, Sudan voiced deep concern about Egypt's moves on the border.", "SDN", "EGY"),
])
def test_blame_and_disapproval_in_other_words_are_accusations(text, actor, recipient):
    coded_as(text, "ACCUSE", actor, [recipient])


@pytest.mark.parametrize("text", [
    "On Wednesday, Sudan said it would take responsibility for the reconstruction of the town.",
    "On Wednesday, Sudan expressed concern over the humanitarian situation.",
])
def test_responsibility_taken_or_concern_about_no_one_is_no_accusation(text):
    assert not [m for m in code(text) if m.event == "ACCUSE"]


# --- SANCTION / REJECT / ASSAULT / CONSULT: entry bans, blocked resolutions, executions, exchanges of fire -------
@pytest.mark.parametrize("text,event,actor,recipient", [
    ("On Friday, Moldova banned entry to 20 Russian officials.", "SANCTION", "MDA", "RUS"),
    ("On Friday, Moldova denied visas to 20 Russian officials.", "SANCTION", "MDA", "RUS"),
    ("On Friday, Moldova refused entry to a Russian lawmaker at the airport.", "REJECT", "MDA", "RUS"),
    ("On Friday, China blocked the Security Council resolution on the ceasefire.", "REJECT", "CHN", "UN"),
    ("On Friday, Thai and Cambodian troops exchanged fire along the border.", "ASSAULT", None, None),
    ("On Monday, the Turkish foreign minister shakes hands with his Greek counterpart in Ankara.", "CONSULT", "GRC",
     "TUR"),
])
def test_more_acts_in_their_usual_wording(text, event, actor, recipient):
    m = coded_as(text, event, actor, [recipient] if recipient else [])
    if event == "ASSAULT":
        assert sorted(codes(m.actor) + codes(m.recipient)) == ["KHM", "THA"]


def test_hanging_a_banner_is_no_execution():
    assert not [m for m in code("On Friday, Iranian students hanged a banner at the stadium.") if m.event == "ASSAULT"]


# --- retaliation, tariffs, closures and appeals in their usual wording ----------------------------------------
def test_a_retaliation_told_as_done_is_coded_by_the_act_itself():
    found = events("On Wednesday, Vietnam retaliated by raising tariffs on Cambodian imports.")
    assert found == [("SANCTION", ["VNM"], ["KHM"])]


@pytest.mark.parametrize("text,event,actor,recipient", [
    ("Laos vowed on Monday to retaliate if Vietnam closes the border again.", "THREATEN", "LAO", "VNM"),
    ("On Friday, Vietnam announced the imposition of a 20% duty on all Cambodian imports.", "SANCTION", "VNM", "KHM"),
    ("On Thursday, Kenya ordered the closure of Somalia's consulates in Mombasa and Nairobi.", "SANCTION", "KEN",
     "SOM"),
    ("On Wednesday, Canada advised the Indian government to drop the charges.", "REQUEST", "CAN", "IND"),
    ("On Wednesday, the Armenian minister disputed Azerbaijan's account of the shooting.", "REJECT", "ARM", "AZE"),
    ("On Friday, Armenian officials said Azerbaijani forces subjected Armenian villages to heavy shelling.",
     "ASSAULT", "AZE", None),
])
def test_retaliation_tariffs_closures_appeals_and_disputes(text, event, actor, recipient):
    coded_as(text, event, actor, [recipient] if recipient else [])


def test_an_account_of_an_act_is_no_act_of_the_one_giving_it():
    found = events("On Wednesday, the Armenian minister disputed Azerbaijan's account of the shooting.")
    assert [f for f in found if f[0] != "REJECT"] == []


@pytest.mark.parametrize("text", [
    "Ghana made public the recall of its ambassador to Togo on January 2.",
    "On Monday, Peru announced the withdrawal of its envoy from Mexico.",
])
def test_the_recall_of_an_envoy_told_as_a_noun_is_a_sanction_not_a_retreat(text):
    found = events(text)
    assert [f[0] for f in found] == ["SANCTION"] and found[0][2]


def test_a_product_recall_is_nothing():
    assert not code("On Monday, the recall of faulty cars cost the Korean firm millions.")


@pytest.mark.parametrize("text,actor,recipient", [
    ("On Friday, Georgia barred a Russian delegation from entering the country.", "GEO", "RUS"),
    ("On Thursday, Greece decided to stop trucks with Turkish plates from entering its territory.", "GRC", "TUR"),
])
def test_keeping_another_states_people_or_goods_out_is_a_sanction(text, actor, recipient):
    coded_as(text, "SANCTION", actor, [recipient])


def test_rain_keeping_fans_out_is_nothing():
    assert not code("On Thursday, rain stopped the fans from entering the stadium.")


def test_charging_that_another_side_acted_is_an_accusation():
    coded_as("On Thursday, Kyrgyz border officials charged that Tajik forces shelled three villages.", "ACCUSE", "KGZ",
             ["TJK"])


def test_halting_a_balloon_campaign_is_a_de_escalation_and_promising_it_an_agreement():
    assert events("On Sunday, Laos stopped sending leaflets into Thailand.") == [("RETREAT", ["LAO"], ["THA"])]
    found = events("On Sunday Laos said it would stop sending balloons filled with rubbish across the border to Thailand.")
    assert found == [("AGREE", ["LAO"], ["THA"])]


def test_a_commitment_to_defend_ones_own_territory_is_no_agreement():
    text = ("On Tuesday, Eritrea's prime minister asserted Eritrea's commitment to defending its territory "
            "after the accord between Ethiopia and Djibouti.")
    assert not [f for f in events(text) if f[0] == "AGREE" and "ERI" in f[1]]
