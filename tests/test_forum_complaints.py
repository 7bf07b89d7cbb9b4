"""A complaint taken to an international body names the body as the forum and the state it is against as the one
accused."""
from test_coding import code


def accusations(text):
    return [([a.code for a in m.actor], [a.code for a in m.recipient]) for m in code(text) if m.event == "ACCUSE"]


def test_a_complaint_to_a_body_against_a_state_accuses_the_state():
    assert accusations("Chile on Friday protested formally to the Security Council of the UN against Peru's plans "
                       "to dam the river.") == [(["CHL"], ["PER"])]
    assert accusations("Chile complained to the United Nations over Peruvian raids on its border posts.") == [
        (["CHL"], ["PER"])]


def test_a_complaint_to_a_state_or_against_no_state_keeps_its_recipient():
    assert accusations("Chile protested to Peru on Friday against the raids.") == [(["CHL"], ["PER"])]
    assert accusations("Chile complained to the United Nations about the slow pace of aid.") == [(["CHL"], ["UN"])]
