"""Statements told as reported speech: a breach charged by whoever says it, a threat told as a participle of a
demand, an official named without the state, speaking against one of the story's two states. Sentences written
for these tests about several pairs of states, with negatives that must not code."""
import pytest

from test_coding import code, codes


def found(text, event, rule=None):
    return [m for m in code(text) if m.event == event and rule in (None, m.rule)]


def sides(text, event, rule=None, one=False):
    """(actor codes, recipient codes) of the first mention of `event` coded from `text` (the only one, if `one`)."""
    ms = found(text, event, rule)
    assert ms and (len(ms) == 1 or not one), [(m.event, m.rule, codes(m.actor), codes(m.recipient)) for m in code(text)]
    return codes(ms[0].actor), codes(ms[0].recipient)


@pytest.mark.parametrize("text, actor, recipient", [
    ("Ghana and Togo quarrel over the port. Ghana's finance minister asserted on Monday that Togo's closure of "
     "the port violates the trade agreements between the two countries.", "GHA", "TGO"),
    ("Chile and Peru quarrel over fishing. \u201cPeru has breached the maritime treaty,\u201d the Chilean "
     "president said on Tuesday.", "CHL", "PER"),
    ("Latvia and Russia quarrel. The Latvian prime minister stressed that Russia's drills undermine the "
     "sovereignty of its neighbours.", "LVA", "RUS"),
])
def test_a_breach_charged_in_reported_speech_is_an_accusation_by_the_speaker(text, actor, recipient):
    assert sides(text, "ACCUSE", "accuse.breach-said", one=True) == ([actor], [recipient])


@pytest.mark.parametrize("text", [
    # the writer's own words: no one is quoted as charging anyone
    "Ghana and Togo quarrel over the port. Togo's closure of the port violates the trade agreements.",
    # a side speaking of its own act is no charge against the other
    "Chile and Peru quarrel over fishing. The Chilean president said on Monday that Chile had not breached the "
    "maritime treaty.",
    "Chile and Peru quarrel over fishing. The Chilean president said that Chile's patrols broke no treaty.",
    # a warning about what another might do, not a charge of what it did
    "Ghana and Togo quarrel. Ghana's president said he would not allow Togo to violate the agreements.",
])
def test_a_breach_no_speaker_charges_another_with_is_no_accusation(text):
    assert not found(text, "ACCUSE", "accuse.breach-said"), [(m.event, m.rule, codes(m.actor)) for m in code(text)]


def test_an_agreement_told_as_broken_is_no_new_agreement():
    text = ("Ghana and Togo quarrel over the port. Ghana's finance minister said on Monday that Togo's closure of "
            "the port violates the agreements between the two countries.")
    assert not found(text, "AGREE"), [(m.event, m.rule) for m in code(text)]


@pytest.mark.parametrize("text, actor, recipient", [
    ("Ghana and Togo quarrel over the border. On Monday Accra called for the three engineers to be freed at once, "
     "threatening to cut gas sales.", "GHA", "TGO"),
    ("Chile and Peru quarrel over fishing. The Chilean government on Friday pressed Peru to return the boats, "
     "threatening to close the border crossing.", "CHL", "PER"),
])
def test_a_threat_told_as_a_participle_of_a_demand_is_aimed_at_whom_the_demand_is(text, actor, recipient):
    assert sides(text, "THREATEN") == ([actor], [recipient])


def test_a_participle_threat_of_no_demand_gets_no_recipient_from_the_story():
    text = ("Ghana and Togo quarrel over the border. Ghana's police on Monday dispersed the crowd in Accra, "
            "threatening to arrest the organisers.")
    assert all(not m.recipient for m in found(text, "THREATEN")), \
        [(m.event, codes(m.actor), codes(m.recipient)) for m in code(text)]


@pytest.mark.parametrize("text, actor, recipient", [
    ("Chile and Peru quarrel over fishing rights. Peru seized two Chilean trawlers on Sunday. Fisheries Minister "
     "Ana Lozada accused Peru on Monday of \u201cpiracy\u201d.", "CHL", "PER"),
    ("Ghana and Togo quarrel over the border. Togo closed the crossing on Sunday. Energy Minister Kofi Mensah "
     "on Monday demanded that Togo reopen it.", "GHA", "TGO"),
])
def test_an_official_named_without_the_state_speaks_for_the_other_side_of_the_story(text, actor, recipient):
    ms = [m for m in code(text) if m.event in ("ACCUSE", "REQUEST") and codes(m.recipient) == [recipient]]
    assert ms and codes(ms[0].actor) == [actor], [(m.event, codes(m.actor), codes(m.recipient)) for m in code(text)]


@pytest.mark.parametrize("text", [
    # the recipient is no side of the story: the official's state is unknown
    "Chile and Peru quarrel over fishing rights. Fisheries Minister Ana Lozada on Monday accused Bolivia of "
    "smuggling.",
    # a body of something else, not a state's
    "Chile and Peru quarrel over fishing rights. The Lima department of the fishermen's union accused Peru of "
    "neglect.",
    # a body, not an official: other words tell and date what it did
    "Chile and Peru quarrel over fishing rights. The armed forces later demanded compensation from Peru.",
    # an act of cooperation is not a statement against one side
    "Chile and Peru quarrel over fishing rights. The minister worked closely with Peru's coast guard on the "
    "search.",
])
def test_no_side_is_guessed_for_an_official_outside_the_stories_quarrel(text):
    for m in code(text):
        assert not any(a.how.startswith("context: the story's other state") for a in m.actor), \
            (m.event, codes(m.actor), codes(m.recipient))


@pytest.mark.parametrize("text, actor, recipient", [
    ("Chile and Peru quarrel over the border. Chile's interior minister insisted on Monday that Chile won't reopen "
     "the crossings while smuggling goes on.", "CHL", "PER"),
    ("Ghana and Togo quarrel over the port. Ghana's interior minister said on Friday that Ghana will not release "
     "the Togolese traders.", "GHA", "TGO"),
])
def test_a_speaker_saying_its_own_state_will_not_act_tells_a_refusal(text, actor, recipient):
    assert sides(text, "REJECT", one=True) == ([actor], [recipient])


@pytest.mark.parametrize("text", [
    # the other side's forecast of what Chile will do
    "Chile and Peru quarrel over the border. The Peruvian president said on Monday that Chile will not reopen the "
    "border.",
    # commentators' view
    "Chile and Peru quarrel over the border. Analysts said Chile would not reopen the border before the vote.",
    # a condition: not a refusal stated outright
    "Chile and Peru quarrel over the border. The Chilean president said Chile would not reopen the border if Peru "
    "kept its troops there.",
])
def test_no_refusal_from_another_speaker_a_view_or_a_condition(text):
    assert not found(text, "REJECT"), [(m.event, m.rule, codes(m.actor)) for m in code(text)]


@pytest.mark.parametrize("text, actor, recipient", [
    ("Ghana and Togo quarrel over the border. Ghana said on Monday that it voices its dismay and protest at the new "
     "levy.", "GHA", "TGO"),
    ("Chile and Peru quarrel over fishing. On Tuesday the Chilean government voiced its anger and protest over "
     "Peru's seizure of the trawlers.", "CHL", "PER"),
])
def test_a_protest_voiced_by_a_side_is_a_complaint_not_a_demonstration(text, actor, recipient):
    assert not found(text, "PROTEST")
    assert sides(text, "ACCUSE") == ([actor], [recipient])


def test_a_protest_staged_by_a_crowd_stays_a_demonstration():
    text = "Ghana and Togo quarrel over the border. Students in Accra staged a protest against fuel prices."
    assert found(text, "PROTEST") and not found(text, "ACCUSE")


@pytest.mark.parametrize("text, actor, recipient", [
    ("Ghana on Monday threatened to halt the border talks unless Togo released the detained traders.", "GHA", "TGO"),
    ("Chile threatened on Tuesday to recall its ambassador if Peru went ahead with the fishing ban.", "CHL", "PER"),
])
def test_a_threat_is_aimed_at_the_subject_of_its_condition(text, actor, recipient):
    assert sides(text, "THREATEN") == ([actor], [recipient])


def test_a_threat_with_no_one_in_its_condition_names_no_recipient():
    text = "The Ghanaian president threatened on Monday to resign if the budget failed."
    assert all(not m.recipient for m in found(text, "THREATEN"))


@pytest.mark.parametrize("text, actor, recipient", [
    ("Ghana's foreign ministry said on Sunday that it regrets Togo's decision to close the border.", "GHA", "TGO"),
    # the side whose decision it is, not the story's other side
    ("Chile and Peru quarrel over fishing. Peru closed its ports to Chilean trawlers. Chile said on Monday it "
     "regrets Bolivia's decision to back the closure.", "CHL", "BOL"),
])
def test_regretting_a_sides_decision_accuses_the_side_whose_decision_it_is(text, actor, recipient):
    assert sides(text, "ACCUSE", "accuse.regret") == ([actor], [recipient])
