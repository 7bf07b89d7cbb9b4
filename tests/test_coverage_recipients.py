"""Whom an act is aimed at when the words name it in a phrase the trigger does not govern directly (sentences
written for these tests about invented happenings, for several pairs of states): a threat "against X", a visit
"to X" that is called off, aid "for X", a build-up "for a war against X", a site "at a jail in X", and a state
"warned against" doing something. Each family with cases that must not code or must not take the wrong side."""
import pytest

from test_coding import code, codes


def found(text, event):
    return [(codes(m.actor), codes(m.recipient)) for m in code(text) if m.event == event]


# --- a threat told with what is threatened "against X" -----------------------------------------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("Bolivia threatened tough new measures against Paraguay over the river dispute.", "BOL", "PRY"),
    ("On Sunday Ecuador threatened retaliatory steps against Colombia.", "ECU", "COL"),
])
def test_a_threat_against_a_named_state_is_aimed_at_it(text, actor, recipient):
    assert ([actor], [recipient]) in found(text, "THREATEN"), found(text, "THREATEN")


def test_a_threat_against_a_group_names_no_state():
    threats = found("Kenya threatened tough measures against the smugglers on Friday.", "THREATEN")
    assert all(r in ([], ["KEN"]) for _, r in threats), threats


# --- calling off a visit to a state ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("On Monday the Norwegian defence minister cancelled a planned trip to Estonia.", "NOR", "EST"),
    ("Uruguay's president postponed his visit to Argentina after the floods.", "URY", "ARG"),
])
def test_a_called_off_visit_is_aimed_at_the_host(text, actor, recipient):
    assert ([actor], [recipient]) in found(text, "SANCTION"), found(text, "SANCTION")


# --- aid "for" a state --------------------------------------------------------------------------------------------
def test_aid_for_two_states_goes_to_both():
    got = found("Japan agreed on Tuesday to provide 30 million dollars of aid for Laos and Cambodia.", "AGREE")
    assert any(a == ["JPN"] and set(r) == {"LAO", "KHM"} for a, r in got), got


def test_aid_given_to_a_state_still_reads_to():
    got = found("Canada delivered emergency aid to Haiti on Thursday.", "AID")
    assert (["CAN"], ["HTI"]) in got, got


# --- a build-up for a war against a state ----------------------------------------------------------------------------
def test_a_mobilization_for_a_war_against_a_state_is_aimed_at_it():
    got = found("Hungary mobilized its reservists for a possible war against Romania.", "MOBILIZE")
    assert got == [(["HUN"], ["ROU"])], got


def test_a_mobilization_against_nobody_named_has_no_state_recipient():
    got = found("Hungary mobilized its reservists for the flood relief operation.", "MOBILIZE")
    assert all(r in ([], ["HUN"]) for _, r in got), got


# --- a site named with the country it is in -------------------------------------------------------------------------
def test_a_riot_at_a_jail_in_a_state_is_aimed_at_that_state():
    got = found("Moroccan inmates rioted on Monday at a jail in southern Spain.", "PROTEST")
    assert (["MAR"], ["ESP"]) in got, got


def test_a_riot_at_home_is_still_aimed_at_the_own_state():
    got = found("Moroccan inmates rioted on Monday at a crowded jail.", "PROTEST")
    assert all(r in ([], ["MAR"]) for _, r in got), got


# --- warning a state against doing something --------------------------------------------------------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("Turkey warned Cyprus against drilling in the disputed waters.", "TUR", "CYP"),
    ("Beijing cautioned Hanoi against any further provocation near the reefs.", "CHN", "VNM"),
    ("Serbia was warned by Hungary against closing the border crossing.", "HUN", "SRB"),
])
def test_warning_a_state_against_an_act_is_a_demand_on_it(text, actor, recipient):
    assert ([actor], [recipient]) in found(text, "REQUEST"), found(text, "REQUEST")


@pytest.mark.parametrize("text", [
    "The Austrian embassy warned tourists against travel to the mountain passes.",
    "Economists warned against complacency as prices fell.",
])
def test_a_warning_to_people_or_to_no_one_is_no_demand_on_a_state(text):
    assert found(text, "REQUEST") == [], found(text, "REQUEST")


# --- a travel warning told "against travel to X" ---------------------------------------------------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("The Dutch foreign ministry advised against all travel to Burkina Faso on Friday.", "NLD", "BFA"),
    ("Poland warned its nationals against any trip to Belarus.", "POL", "BLR"),
])
def test_advice_against_travel_to_a_state_is_a_travel_warning(text, actor, recipient):
    assert ([actor], [recipient]) in found(text, "SANCTION"), found(text, "SANCTION")


def test_advice_against_travel_to_no_state_is_no_event():
    assert found("The Irish health service advised against travel during the storm.", "SANCTION") == []


# --- a refusal "to X" -----------------------------------------------------------------------------------------------
def test_being_opposed_to_a_states_act_rejects_that_state():
    assert (["NOR"], ["SWE"]) in found("Norway is opposed to Swedish mediation in the fishing dispute.", "REJECT")


def test_refusing_to_act_names_no_recipient_by_its_infinitive():
    got = found("Georgia refused to sign the declaration.", "REJECT")
    assert all(r == [] for _, r in got), got
