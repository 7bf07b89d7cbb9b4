"""False alarms: retellings that must merge, and non-events that must not be coded. Our own sentences about
several pairs of states; each rule has a case that must still code or stay apart."""
from __future__ import annotations

from detente.merge import merge


# ---------------------------------------------------------------- retellings that must merge

def test_a_joint_act_merges_with_a_telling_that_makes_one_of_its_parties_the_doer(make_mention):
    # "Ghana and Togo accepted the AU plan" (joint, the AU receiving) and "Togo agreed with Ghana on the AU
    # plan" the same day are one acceptance, whoever each outlet makes the doer
    agree = dict(event="AGREE", mode=None, trigger="accepted")
    joint = make_mention(actor=("GHA", "TGO"), recipient=("AU",), **agree)
    one_way = make_mention(actor=("TGO",), recipient=("GHA",), doc="b.txt", **agree)
    assert len(merge([joint, one_way], [])) == 1
    # a third state in the other telling is another act
    other = make_mention(actor=("TGO",), recipient=("BEN",), doc="c.txt", **agree)
    assert len(merge([joint, other], [])) == 2
    # two one-way tellings in opposite directions are not joined by this rule (two commitments of a day)
    a = make_mention(actor=("PER",), recipient=("CHL",), trigger="committed", **{k: v for k, v in agree.items()
                                                                                 if k != "trigger"})
    b = make_mention(actor=("CHL",), recipient=("PER",), doc="d.txt", trigger="pledged",
                     **{k: v for k, v in agree.items() if k != "trigger"})
    assert len(merge([a, b], [])) == 2


def test_a_ceasefire_has_no_direction(make_mention):
    # "Peru announced a ceasefire with Ecuador" and "Ecuador and Peru agreed to a ceasefire" (coded the other
    # way round by another outlet) the same day: one truce
    agree = dict(event="AGREE", mode=None, trigger="ceasefire", sentence="Peru announced a truce.")
    a = make_mention(actor=("PER",), recipient=("ECU",), **agree)
    b = make_mention(actor=("ECU",), recipient=("PER",), doc="b.txt", **agree)
    assert len(merge([a, b], [])) == 1
    later = make_mention(actor=("ECU",), recipient=("PER",), doc="c.txt", start="2025-07-30", **agree)
    assert len(merge([a, later], [])) == 2  # another month, another truce
    other = make_mention(actor=("ECU",), recipient=("COL",), doc="d.txt", **agree)
    assert len(merge([a, other], [])) == 2
