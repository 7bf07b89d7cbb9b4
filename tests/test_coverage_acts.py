"""Coverage of the acts that make up relations between states, for any pair (sentences written for these
tests about invented happenings): one attack told by several words, exchanges with counts per side, the venue
of proposed talks, answers to "the proposal", closures told as nouns or decisions, suspended participation,
and what a third side only urges. Each family with cases that must not code."""
import pytest

from test_coding import code, codes, coded_as


def events(text, event=None):
    return [(m.event, codes(m.actor), codes(m.recipient)) for m in code(text) if event is None or m.event == event]


# --- one attack told by several words of one sentence ------------------------------------------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("Chadian artillery shelled the Sudanese town of Tine on Sunday night, killing six herders.", "TCD", "SDN"),
    ("On Tuesday a Greek drone strike hit an Albanian farmhouse, wounding two people.", "GRC", "ALB"),
    ("Five Bolivian conscripts were killed on Friday when Chilean mortars pounded their outpost.", "CHL", "BOL"),
    ("Vietnamese gunboats shelled a Cambodian jetty on Monday, destroying two boats and killing a guard.", "VNM", "KHM"),
])
def test_a_consequence_told_with_the_attack_is_the_same_attack(text, actor, recipient):
    attacks = events(text, "ASSAULT")
    assert attacks == [("ASSAULT", [actor], [recipient])], attacks


def test_two_sides_attacking_in_one_sentence_stay_two_attacks():
    found = events("On Wednesday Ethiopian troops shelled an Eritrean hamlet and Eritrean soldiers fired on "
                   "Ethiopian trenches.", "ASSAULT")
    assert sorted(found) == [("ASSAULT", ["ERI"], ["ETH"]), ("ASSAULT", ["ETH"], ["ERI"])], found


# --- the second of two coordinated clauses has its own subject -------------------------------------------------------
@pytest.mark.parametrize("text,first,second", [
    ("In a swap on Sunday, Georgia freed 31 Russian detainees and Russia released 6 Georgian hikers.",
     ("GEO", "RUS", 31), ("RUS", "GEO", 6)),
    ("On Thursday Chile freed nine Peruvian fishermen and Peru released two Chilean divers.",
     ("CHL", "PER", 9), ("PER", "CHL", 2)),
])
def test_each_side_of_a_swap_told_in_two_clauses_releases_its_own(text, first, second):
    found = sorted((codes(m.actor)[0], codes(m.recipient)[0], m.quantity.value) for m in code(text)
                   if m.mode == "release" and m.quantity)
    assert found == sorted([first, second]), found


def test_a_second_verb_with_no_new_name_keeps_the_first_subject():
    found = [(codes(m.actor), m.quantity.value if m.quantity else None) for m in code(
        "On Monday Israel freed 80 Lebanese detainees and released the remains of 3 fighters.") if m.mode == "release"]
    assert all(a == ["ISR"] for a, _ in found) and len(found) == 2, found


# --- exchanges: each side's count -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text,each", [
    ("Eritrea and Ethiopia have fought along the border for months. The two countries exchanged 240 prisoners of "
     "war on Friday, with each side freeing 120 soldiers.", 120),
    ("Kyrgyzstan and Tajikistan swapped 18 detained border guards on Tuesday, nine apiece.", 9),
    ("On Monday Serbia and Kosovo exchanged 14 detainees, seven from each side.", 7),
])
def test_an_exchange_gives_each_side_the_count_told_per_side(text, each):
    releases = [m for m in code(text) if m.mode == "release"]
    assert len(releases) == 2 and {tuple(codes(m.actor)) for m in releases} == {(a,) for m in releases
                                                                                 for a in codes(m.actor)}
    assert [m.quantity.value if m.quantity else None for m in releases] == [each, each]


def test_an_exchange_told_by_its_total_gives_no_side_that_total():
    releases = [m for m in code("Greece and Turkey exchanged 26 fishermen on Sunday.") if m.mode == "release"]
    assert len(releases) == 2 and all(m.quantity is None for m in releases)
    assert any("26" in n for n in releases[0].notes)


# --- proposals: the venue is no party; "the proposal" points back to whoever made it --------------------------------
def test_the_venue_of_proposed_talks_is_no_recipient():
    found = events("Sudan and Chad traded accusations all week. On Monday Sudan proposed talks in Nairobi, "
                   "but Chad rejected the proposal.")
    assert ("AGREE", ["SDN"], ["TCD"]) in found and ("REJECT", ["TCD"], ["SDN"]) in found, found
    assert not [f for f in found if "KEN" in f[2]], found


def test_an_offer_names_its_recipient_and_its_acceptance_answers_the_offerer():
    found = events("Armenia offered Turkey a summit in Geneva on Tuesday. Ankara accepted the offer on Friday.")
    assert ("AGREE", ["ARM"], ["TUR"]) in found and ("AGREE", ["TUR"], ["ARM"]) in found, found


def test_rejecting_the_demand_answers_whoever_made_it():
    m = coded_as("On Monday Beijing demanded that Manila remove its vessels. The Philippines rejected the demand "
                 "on Tuesday.", "REJECT", "PHL", ["CHN"])
    assert m.recipient[0].how.startswith("context")  # the sentence itself does not name the other side


@pytest.mark.parametrize("text", [
    "Chile proposed talks on Monday. On Wednesday Bolivia rejected a plan to build a dam.",  # not "the" plan
    "Bolivia rejected the plan on Monday.",  # no proposal told before it
])
def test_a_rejection_points_back_only_to_a_proposal_told_before(text):
    rejects = [m for m in code(text) if m.event == "REJECT"]
    assert rejects and not any(r.how.startswith("context: the doer") for m in rejects for r in m.recipient)


# --- closures told as nouns or as a decision taken; participation; whose flights ------------------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("Vietnam's closure of its airspace to Chinese airlines took effect on Monday.", "VNM", "CHN"),
    ("On Friday Ghana announced the closure of its border with Togo.", "GHA", "TGO"),
    ("Bolivia's decision on Friday to close its frontier with Chile drew protests.", "BOL", "CHL"),
    ("Latvia took the decision to expel two Russian diplomats on Tuesday.", "LVA", "RUS"),
    ("Turkey suspended its participation in the fisheries treaty with Greece on Monday.", "TUR", "GRC"),
    ("Lebanon banned Israeli flights from its airspace on Tuesday.", "LBN", "ISR"),
])
def test_closures_expulsions_and_suspensions_however_worded_are_sanctions(text, actor, recipient):
    coded_as(text, "SANCTION", actor, [recipient])


@pytest.mark.parametrize("text", [
    "Greece could close its border with Turkey, the minister warned on Monday.",
    "Chile's plan to close its border with Bolivia was shelved on Monday.",
    "Bolivia called on Monday for the closure of the border with Chile.",
    "The closure of the border with Ethiopia would hurt traders, Eritrean officials said on Monday.",
    "Rabat protested on Monday against Madrid's decision to close the crossing.",
])
def test_a_closure_threatened_planned_or_called_for_is_no_sanction(text):
    assert not [m for m in code(text) if m.event == "SANCTION"], events(text)


def test_easing_rules_for_another_states_citizens_names_it():
    coded_as("Bolivia eased visa rules for Chilean citizens on Tuesday.", "CONCEDE", "BOL", ["CHL"])


# --- ceasefires: agreed by the two sides, not when a third side only urges one ----------------------------------------
def test_a_truce_announced_by_a_mediator_is_agreed_between_the_two_sides():
    found = events("Qatar announced on Monday that Armenia and Azerbaijan had agreed to a ceasefire.", "AGREE")
    assert found and all(set(a + r) == {"ARM", "AZE"} for _, a, r in found), found


@pytest.mark.parametrize("text", [
    "Kenya urged Sudan and Chad on Friday to agree to a ceasefire.",
    "France called on Lebanon and Israel on Monday to agree on a truce.",
    "The Pope asked Armenia and Azerbaijan on Sunday to accept a truce.",
])
def test_a_truce_a_third_side_urges_is_no_agreement(text):
    found = events(text)
    assert not [f for f in found if f[0] == "AGREE"], found
    assert [f for f in found if f[0] == "REQUEST"], found


@pytest.mark.parametrize("text,mediator,sides", [
    ("A truce brokered by Kenya between Sudan and Chad was announced on Monday.", "KEN", {"SDN", "TCD"}),
    ("On Sunday a ceasefire mediated by Brazil between Peru and Ecuador was announced.", "BRA", {"PER", "ECU"}),
])
def test_a_truce_brokered_between_two_sides_is_their_agreement_and_the_brokers_mediation(text, mediator, sides):
    found = code(text)
    agree = [m for m in found if m.event == "AGREE"]
    assert agree and all(set(codes(m.actor) + codes(m.recipient)) == sides for m in agree), found
    assert not [m for m in agree if mediator in codes(m.actor) + codes(m.recipient)]


@pytest.mark.parametrize("text,caller,sides", [
    ("The UN secretary-general on Tuesday called on both Sudan and Chad to halt the fighting.", "UN", ["SDN", "TCD"]),
    ("On Sunday the Brazilian president urged Peru and Ecuador to show restraint.", "BRA", ["ECU", "PER"]),
])
def test_a_third_leaders_call_to_both_sides_is_a_request_to_each(text, caller, sides):
    m = coded_as(text, "REQUEST", caller)
    assert codes(m.recipient) == sides


@pytest.mark.parametrize("text,actor,recipient,mode", [
    ("Ghana announced the expulsion of four Togolese diplomats on Monday.", "GHA", "TGO", "expel"),
    ("Peru's suspension of the fisheries agreement with Ecuador took effect on Monday.", "PER", "ECU", "withdraw"),
    ("Kenya announced on Tuesday the suspension of visa-free travel for Ugandans.", "KEN", "UGA", "discontinue"),
])
def test_expulsions_and_suspensions_told_as_nouns_are_sanctions(text, actor, recipient, mode):
    m = coded_as(text, "SANCTION", actor, [recipient])
    assert m.mode == mode
    assert not [x for x in code(text) if x.event == "AGREE"]  # the suspended agreement is no agreement


@pytest.mark.parametrize("text", [
    "On Tuesday Kenya called for the Ugandan ambassador to be expelled.",
    "Peru may announce the suspension of the fisheries agreement with Ecuador next week.",
])
def test_an_expulsion_or_suspension_only_demanded_or_possible_is_no_sanction(text):
    assert not [m for m in code(text) if m.event == "SANCTION"], events(text)


def test_bodies_handed_to_each_other_give_no_count_per_side():
    releases = [m for m in code("Chad and Sudan handed over the bodies of 30 soldiers to each other on Monday.")
                if m.mode == "release"]
    assert len(releases) == 2 and all(m.quantity is None for m in releases)


# --- a state blocking its ports is a sanction; a promise to keep up pressure is no agreement --------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("On Monday the Kenyan government blocked its ports for Somali ships.", "KEN", "SOM"),
    ("President Ruto is blocking the crossings for Ugandan trucks, the minister said on Monday.", "KEN", "UGA"),
])
def test_a_state_blocking_its_ports_or_crossings_to_another_imposes_a_sanction(text, actor, recipient):
    coded_as(text, "SANCTION", actor, [recipient])
    assert not [m for m in code(text) if m.event == "PROTEST"]


def test_villagers_blocking_a_crossing_protest():
    found = events("On Monday Tajik villagers blocked the border crossing with Kyrgyzstan.")
    assert [f for f in found if f[0] == "PROTEST"] and not [f for f in found if f[0] == "SANCTION"], found


@pytest.mark.parametrize("text", [
    "Kenya pledged on Monday to continue imposing the measures on Somalia.",
    "Chile vowed on Monday to keep the tariffs on Peruvian fruit.",
    "Ghana promised on Tuesday to retaliate against Togo.",
])
def test_a_promise_to_keep_up_pressure_is_no_agreement(text):
    assert not [m for m in code(text) if m.event == "AGREE"], events(text)


@pytest.mark.parametrize("text", [
    "Greece and Turkey pledged on Monday to continue the talks.",
    "Peru and Ecuador agreed on Monday to extend the ceasefire.",
])
def test_a_promise_to_keep_talking_or_extend_a_truce_is_an_agreement(text):
    assert [m for m in code(text) if m.event == "AGREE"], events(text)


def test_closing_another_states_consulate_names_that_state():
    coded_as("Peru closed the Bolivian consulate in Cusco on Friday.", "SANCTION", "PER", ["BOL"])


def test_closing_consulates_in_a_region_does_not_make_the_region_their_owner():
    m = coded_as("Sudan and Chad traded accusations. On Thursday Sudan closed consulates in the Darfur region and "
                 "in Port Sudan.", "SANCTION", "SDN")
    assert "SDN" not in codes(m.recipient)
