"""Whose dead and whose wounded: tolls of two sides, and the dead and the wounded, are never one figure.
Our own invented sentences about several pairs of states."""
import datetime as dt

from detente.claims import extract_claims
from detente.conflicts import claim_conflicts
from detente.model import Document


def _doc(text: str, name: str, published: str) -> Document:
    day = dt.date.fromisoformat(published)
    return Document(id="id-" + name, name=name, text=text, published_start=day, published_end=day,
                    published_source="manifest")


def _claims(*docs):
    return [c for d in docs for c in extract_claims(d)]


def test_each_side_s_dead_belong_to_their_own_country():
    a = _doc("Hanoi said 14 Vietnamese sailors were killed, while six Chinese crew members also died in the collision.",
             "a.txt", "2024-05-02")
    got = {(c.subject_id, c.country, c.value) for c in _claims(a)}
    assert ("death_toll", "VNM", 14.0) in got
    b = _doc("The ministry in Baku said 31 Armenian soldiers were killed and nine Azerbaijani troops lost their lives.",
             "b.txt", "2024-05-02")
    got = {(c.country, c.value) for c in _claims(b) if c.subject_id == "death_toll"}
    assert got == {("ARM", 31.0), ("AZE", 9.0)}


def test_two_sides_tolls_in_one_story_are_not_a_disagreement_but_one_side_s_two_counts_are():
    a = _doc("Quito said 40 Ecuadorian soldiers were killed and 7 Peruvian soldiers died in the border fighting.",
             "a.txt", "2024-08-10")
    b = _doc("Lima insisted that only 18 Ecuadorian soldiers were killed in the fighting.", "b.txt", "2024-08-11")
    conflicts = claim_conflicts(_claims(a, b))
    pairs = [sorted(r.value for r in c.claims) for c in conflicts]
    assert [18.0, 40.0] in pairs  # Ecuador's dead: 40 per Quito, 18 per Lima
    assert not any({40.0, 7.0} <= set(p) or {18.0, 7.0} <= set(p) for p in pairs)  # never Ecuador's with Peru's


def test_the_wounded_are_their_own_figure_never_paired_with_the_dead():
    a = _doc("At least 20 people have been killed and 75 injured since the shelling began, the Armenian health "
             "ministry said.", "a.txt", "2024-09-03")
    b = _doc("Armenian officials said the fighting had killed 22 people and wounded 90 others.", "b.txt", "2024-09-04")
    claims = _claims(a, b)
    assert {(c.subject_id, c.value) for c in claims} >= {("death_toll", 20.0), ("wounded", 75.0),
                                                         ("death_toll", 22.0), ("wounded", 90.0)}
    assert ("death_toll", 75.0) not in {(c.subject_id, c.value) for c in claims}
    by_subject = {c.subject: sorted(r.value for r in c.claims) for c in claim_conflicts(claims)}
    assert by_subject == {"people killed": [20.0, 22.0], "people wounded": [75.0, 90.0]}


def test_a_number_with_its_own_participle_is_not_a_toll():
    a = _doc("The clashes left several dead and more than 40 wounded, Tajik officials said.", "a.txt", "2024-02-01")
    assert {(c.subject_id, c.value) for c in _claims(a)} == {("wounded", 40.0)}


def test_the_doers_of_an_attack_are_not_its_dead():
    a = _doc("A band of 60 armed men attacked a Georgian border post, leaving two guards dead.", "a.txt",
             "2024-04-04")
    got = {(c.subject_id, c.value) for c in _claims(a)}
    assert ("death_toll", 60.0) not in got


def test_an_adjective_after_in_is_no_place_of_the_dead():
    # "in Ugandan raids" names the raiders, not where the dead were: the dead are not Uganda's
    a = _doc("Kinshasa mourns 17 deaths in Ugandan raids near the border.", "a.txt", "2024-06-06")
    [c] = [c for c in _claims(a) if c.subject_id == "death_toll"]
    assert c.country != "UGA"
