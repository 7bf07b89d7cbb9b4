"""A pulling apart of forces facing each other is a retreat by itself, with no "troops" word needed."""
from test_coding import code


def retreats(text):
    return [m for m in code(text) if m.event == "RETREAT"]


def test_two_armies_beginning_or_completing_disengagement_retreat():
    (m,) = retreats("Ecuador and Peru began disengagement at two points on the ridge on Thursday.")
    assert m.rule == "retreat.disengage" and {a.code for a in m.actor + m.recipient} == {"ECU", "PER"}
    (m,) = retreats("Ecuador and Peru completed the disengagement of their forces on Monday.")
    assert {a.code for a in m.actor + m.recipient} == {"ECU", "PER"}


def test_troops_disengaging_from_the_other_side_retreat():
    (m,) = retreats("Ecuador's troops disengaged from Peruvian positions on Friday.")
    assert [a.code for a in m.actor] == ["ECU"] and [a.code for a in m.recipient] == ["PER"]


def test_a_planned_or_demanded_disengagement_is_no_retreat():
    assert not retreats("Peru said on Monday that disengagement with Ecuador would begin next week.")
    assert not retreats("Ecuador called for the disengagement of Peruvian forces.")
