"""Claims, idioms and compound acts, on sentences written for these tests about several pairs of states: a group that
says it killed is the doer itself (an unknown group stays unresolved, never a state named before); a verb of force
with an idiom's object ("struck a conciliatory tone") is no attack, and an attack on another side's decision is a
criticism; a deadline to leave given to diplomats is an expulsion, not a concession; a hostile step taken back is a
retreat."""
import datetime as dt

from test_coding import code

PUB = dt.date(2025, 3, 7)


def coded(text):
    return [(m.event, sorted(a.code for a in m.actor), sorted(r.code for r in m.recipient), m.rule) for m in code(text, PUB)]


def test_a_group_that_claims_a_killing_is_its_doer_not_a_state_named_before():
    for text in ("Chad accused Sudan on Monday of arming the rebels. The Dawn Front said it had killed twelve soldiers "
                 "near the border.",
                 "Niger blamed Mali on Monday for the raid. The Azawad Brigade, which said it had killed nine guards, "
                 "denied any foreign help.",
                 "Laos accused Vietnam on Monday of sheltering the rebels. The Mekong Legion admitted the ambush but said "
                 "they had only killed four policemen.",
                 "Benin accused Niger on Monday of harbouring the gunmen. The Sahel Column claimed the raid, in which they "
                 "said it had killed six guards."):
        assert not [c for c in coded(text) if c[0] == "ASSAULT" and any(c[1])], (text, coded(text))


def test_a_known_state_that_claims_a_killing_stays_the_doer():
    found = coded("Ghana's army said on Monday it had killed three Togolese raiders near the border.")
    assert any(c[0] == "ASSAULT" and c[1] == ["GHA"] for c in found), found


def test_a_verb_of_force_with_an_idioms_object_is_no_attack():
    for text in ("Chile and Peru on Monday struck a conciliatory tone at their talks in Lima.",
                 "The Kenyan minister struck a careful balance between Uganda's demands on Monday.",
                 "A new balance was struck between Ghana and Togo on Monday."):
        assert not [c for c in coded(text) if c[0] == "ASSAULT"], (text, coded(text))
    assert any(c[0] == "ASSAULT" for c in coded("Chilean jets struck Peruvian border posts on Monday."))


def test_an_attack_on_another_sides_decision_is_a_criticism():
    found = coded("Bolivia's president attacked Paraguay's decision on Monday as reckless.")
    assert ("ACCUSE", ["BOL"], ["PRY"], "accuse.attack-words") in found, found
    assert not [c for c in found if c[0] == "ASSAULT"], found


def test_a_deadline_to_leave_given_to_diplomats_is_an_expulsion_not_a_concession():
    for text, actor, other in (
            ("Kenya recalled its diplomats from Kampala on Monday and gave Ugandan diplomats in Nairobi five days to "
             "leave the country.", "KEN", "UGA"),
            ("Peru on Monday gave Chilean diplomats 72 hours to leave the country.", "PER", "CHL"),
            ("Somalia on Monday gave Ethiopia's envoy a week to leave Mogadishu.", "SOM", "ETH")):
        found = coded(text)
        assert ("SANCTION", [actor], [other], "expel.order-diplomat") in found, (text, found)
        assert not [c for c in found if c[0] == "CONCEDE"], (text, found)
    assert any(c[0] == "CONCEDE" for c in coded("Uganda gave in to Kenya's demands on Monday."))


def test_a_hostile_step_taken_back_is_a_retreat_a_friendly_one_is_not():
    found = coded("Japan on Monday suspended its decision to end the fisheries pact with Korea.")
    assert ("RETREAT", ["JPN"], ["KOR"], "retreat.reverse-decision") in found, found
    assert not [c for c in coded("Chile on Monday reversed its decision to cooperate with Peru.") if c[0] == "RETREAT"]
