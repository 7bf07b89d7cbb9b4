"""Who makes a visit: a motion verb ("came", "went", "arrived") is a visit when a state's people travel, not when
its subject is an act or a happening ("the strikes came two days after ...": they happened then). Our own sentences
about several pairs of states, with the visits that must stay beside them."""
import datetime as dt

import pytest

from test_coding import code

PUB = dt.date(2024, 4, 6)


def visits(text):
    return [([a.code for a in m.actor], [r.code for r in m.recipient]) for m in code(text, PUB)
            if m.event == "CONSULT" and m.mode == "visit"]


@pytest.mark.parametrize("text", [
    "Chile and Peru traded blows. Chile's retaliatory strikes came two days after a Peruvian drone attack.",
    "Ghana and Togo are at odds. The expulsion of the Togolese envoy came a week after the border closure.",
    "Kenya and Uganda are at odds. Kenya's decision came after Ugandan troops crossed the lake border.",
])
def test_an_act_that_came_after_another_is_no_visit(text):
    assert visits(text) == [], visits(text)


@pytest.mark.parametrize("text, visit", [
    ("Ghana and Togo are at odds. The Ghanaian president came to Lome on Monday.", (["GHA"], ["TGO"])),
    ("Kenya and Uganda are at odds. A Ugandan trade delegation arrived in Nairobi on Monday.", (["UGA"], ["KEN"])),
    ("Chile and Peru are at odds. Chile's foreign minister went to Lima on Monday for talks.", (["CHL"], ["PER"])),
])
def test_people_of_a_state_who_travel_still_visit(text, visit):
    assert visits(text) == [visit], visits(text)
