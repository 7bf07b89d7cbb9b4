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
    b = _doc("According to Baku, the clashes killed 31 Armenian soldiers, and nine Azerbaijani troops died.",
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


def test_a_figure_the_sentence_puts_in_another_year_is_no_rival_of_today_s():
    a = _doc("Tbilisi said 12 Georgian soldiers were killed in the week's fighting.", "a.txt", "2024-10-02")
    b = _doc("Georgia says 19 of its soldiers were killed this week. In 2019, at least 40 people died in clashes "
             "on the same stretch of border.", "b.txt", "2024-10-03")
    claims = _claims(a, b)
    old = [c for c in claims if c.value == 40.0]
    assert old and old[0].date_end.year == 2019
    pairs = [sorted(r.value for r in c.claims) for c in claim_conflicts(claims)]
    assert not any(40.0 in p for p in pairs)


def test_a_year_that_dates_another_word_leaves_the_figure_of_today():
    a = _doc("More than 30 Eritrean soldiers were killed in the worst fighting since the war of 1998, Addis Ababa said.",
             "a.txt", "2024-11-02")
    [c] = [c for c in _claims(a) if c.subject_id == "death_toll"]
    assert c.date_start == dt.date(2024, 11, 2)


def test_an_undated_figure_does_not_join_every_moment():
    def undated(text, name):
        return Document(id="id-" + name, name=name, text=text)

    old = _doc("Minsk said in March that 30 Lithuanian nationals were being held in Belarus.", "old.txt", "2023-09-01")
    now = _doc("Some 41 Lithuanian nationals are being held in Belarus, Vilnius said. At least 9 Belarusian guards "
               "were killed in the clashes.", "now.txt", "2025-06-01")
    # an undated retelling: its 41 is the dated article's 41, so it is of that day, and so is its toll
    retold = undated("Some 41 Lithuanian nationals are being held in Belarus. The clashes killed 7 Belarusian guards.",
                     "retold.txt")
    blog = undated("Lithuania says 44 of its nationals are being held in Belarus.", "blog.txt")
    claims = _claims(old, now, retold, blog)
    assert sorted(c.value for c in claims) == [7.0, 9.0, 30.0, 41.0, 41.0, 44.0]
    pairs = [sorted({r.value for r in c.claims}) for c in claim_conflicts(claims)]
    # the 7 and the 9 are one moment's toll told two ways; the undated 44 can be placed nowhere, so it is
    # compared with nothing, and never with the 30 of two years before
    assert pairs == [[7.0, 9.0]]


def test_the_people_an_act_was_done_to_are_not_the_doer_s():
    a = _doc("On Monday the Latvian police raided the office of a Russian broadcaster in Riga and arrested 4 staff members.",
             "a.txt", "2024-03-04")
    [c] = [c for c in _claims(a) if c.subject_id == "detained"]
    assert c.country == "RUS"


def test_troops_on_another_state_s_soil_are_a_figure_and_a_pledge_is_not():
    a = _doc("Talks stalled, with Eritrea reportedly having around 4,000 soldiers on Ethiopian soil.", "a.txt",
             "2024-07-01")
    b = _doc("A UN panel reported that as many as 3,500 Eritrean soldiers were deployed in Ethiopian territory.", "b.txt",
             "2024-07-03")
    c = _doc("Kenya pledged to send 1,000 troops to the new mission.", "c.txt", "2024-07-03")
    claims = [x for x in _claims(a, b, c) if x.subject_id == "troops_deployed"]
    assert sorted((x.country, x.value) for x in claims) == [("ERI", 3500.0), ("ERI", 4000.0)]
    [conflict] = claim_conflicts(claims)
    assert sorted(r.value for r in conflict.claims) == [3500.0, 4000.0] and conflict.compatible is False
