"""False alarms: retellings that must merge, and non-events that must not be coded. Our own sentences about
several pairs of states; each rule has a case that must still code or stay apart."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from detente.merge import merge

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="module")
def nlp():
    from detente.parse import get_nlp
    return get_nlp()


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


# ---------------------------------------------------------------- non-events that must not be coded

def _coded(text):
    from test_coding import code
    return [(m.event, m.mode, sorted(r.code for r in m.actor), sorted(r.code for r in m.recipient)) for m in code(text)]


def test_who_backs_a_noun_describes_it():
    # an accusation that "armed men supported by X" plan attacks tells no act of support
    found = _coded("The Georgian premier claimed on Friday that fighters supported by Russian intelligence were "
                   "preparing fresh raids across the boundary line.")
    assert not [f for f in found if f[0] == "SUPPORT"], found
    found = _coded("The president said on Monday that militias funded by Sudan were massing on the border with Chad.")
    assert not [f for f in found if f[0] in ("SUPPORT", "AID")], found
    # the act itself still codes
    assert ("SUPPORT", None, ["FRA"], ["MAR"]) in _coded("On Friday France supported Morocco's autonomy plan.")


def test_let_alone_names_what_did_not_happen(nlp):
    from detente.knowledge import load_knowledge
    from detente.modality import Modality

    modality = Modality(load_knowledge().modality)
    doc = nlp("Lima said it saw little cause to question Ana Ruiz, let alone charge her.")
    charge = next(t for t in doc if t.lower_ == "charge")
    assert modality.verdict(charge, [], "ACCUSE") is None
    doc = nlp("Santiago had not met the envoy, much less signed a deal with him.")
    signed = next(t for t in doc if t.lower_ == "signed")
    assert modality.verdict(signed, [], "AGREE") is None
    doc = nlp("Lima put Ana Ruiz on trial on Monday.")
    put = next(t for t in doc if t.lower_ == "put")
    assert modality.verdict(put, [], "ACCUSE") == "fact"


def test_returning_to_a_place_is_no_return_of_property():
    found = _coded("On Sunday a Venezuelan patrol returned to its own side of the border once Colombian guards "
                   "fired into the air.")
    assert not [f for f in found if f[0] == "RETREAT"], found
    assert ("RETREAT", "return", ["COL"], ["VEN"]) in _coded("On Sunday Colombia returned the seized rifles to Venezuela.")
    assert ("RETREAT", "return", ["PER"], ["CHL"]) in _coded("On Monday Peru returned to Chile the two fishing boats "
                                                           "it had seized.")


# ---------------------------------------------------------------- dates of another happening

def _dated(text, event):
    from test_coding import code
    return [(m.date_start, m.date_end) for m in code(text) if m.event == event]


def test_a_year_inside_a_since_or_despite_phrase_dates_that_happening():
    import datetime as dt
    # the clashes are not of 2019: the coup is
    clashes = _dated("Fighting on the Chad-Sudan frontier killed at least 30 Chadian soldiers, the bloodiest "
                     "since the coup in Khartoum in 2019, the army said.", "ASSAULT")
    assert clashes
    for start, _ in clashes:
        assert start is None or start.year != 2019
    for start, _ in _dated("The prosecutor said he was investigating the Russian broadcaster despite the revocation "
                           "of its licence in March 2024.", "ACCUSE"):
        assert start is None or start.year != 2024 or start.month != 3
    # the act's own month still dates it, and so does a month on the noun it governs
    assert (dt.date(2024, 3, 1), dt.date(2024, 3, 31)) in _dated(
        "Colombia expelled two Peruvian diplomats in March 2024 after the vote in Lima.", "SANCTION")
    assert (dt.date(2024, 3, 1), dt.date(2024, 3, 31)) in _dated("Colombia signed an agreement with Peru in March 2024.",
                                                                 "AGREE")


# ---------------------------------------------------------------- publication dates

def test_a_sentence_telling_a_death_does_not_date_the_article_by_the_titles_in_it():
    from datetime import date

    from detente.actors import ActorDictionary
    from detente.pubdate import publication

    actors = ActorDictionary.load()
    today = date(2026, 3, 1)
    said = publication("The envoy died in a helicopter crash alongside President Yoon Suk Yeol, the agency said.",
                       actors=actors, today=today)
    assert said.source == "none"
    # the dated release in the text is then the article's time, not the titled office-holder's term
    p = publication("The release was thanks to a minister who died in a crash alongside President Yoon Suk Yeol. "
                    "The prisoners were flown to Seoul today, 15 June 2025, the agency said.", actors=actors, today=today)
    assert p.start == date(2025, 6, 15)
    # a living office-holder named with the title still dates it
    assert publication("President Yoon Suk Yeol met the envoy.", actors=actors, today=today).end == date(2025, 4, 4)


def test_a_pledge_told_with_a_signing_is_its_terms():
    found = _coded("Ghana and Togo signed a border agreement on Friday in Accra, with the two countries pledging to "
                   "withdraw their troops from the disputed zone.")
    assert [f[0] for f in found] == ["AGREE"], found  # the signing; the pledge is its terms, no second AGREE
    # a "with" phrase on another act is told as its own act (a killing told with the attack is that attack:
    # test_coverage_acts; an arrest told with it is an act of its own)
    found = _coded("Ghana attacked Togolese posts on Friday, with its police arresting four Togolese traders.")
    assert sorted(f[0] for f in found) == ["ASSAULT", "COERCE"], found
    # a pledge told on its own still codes
    assert [f for f in _coded("On Friday Ghana pledged to withdraw its troops from the zone it disputes with Togo.")
            if f[0] == "AGREE"]


def test_who_was_held_describes_the_subject_of_a_release():
    found = _coded("On Saturday Chile and Peru made public a swap in which a former Peruvian officer jailed in "
                   "Chile went free, while Lima said Santiago had released two engineers.")
    assert not [f for f in found if f[0] == "COERCE"], found
    # a detention with its own time is told
    found = _coded("Two Chilean engineers detained by Peru on Monday were freed on Friday.")
    assert [f for f in found if f[0] == "COERCE"], found


def test_a_lone_surname_is_the_person_named_in_full_before():
    # "Carlos Mendoza, a retired Chilean officer ... Mendoza, 63, was arrested": the arrest of that Chilean
    found = _coded("Peru and Chile swapped prisoners on Saturday. Carlos Mendoza, a retired Chilean customs officer, "
                   "flew home to Santiago. Mendoza, 63, was arrested at Lima airport in November 2021.")
    assert ("COERCE", "arrest", ["PER"], ["CHL"]) in found, found
    # a surname no one in the article bore is no person
    found = _coded("Peru and Chile swapped prisoners on Saturday. Mendoza, 63, was arrested at Lima airport in "
                   "November 2021.")
    assert not [f for f in found if f[0] == "COERCE" and f[3]], found


# ---------------------------------------------------------------- a state acting on itself

def test_the_attackers_demonym_is_not_the_place_attacked():
    found = _coded("Chad and Sudan traded fire on the border on Monday. N'Djamena says 30 villagers died in Sudanese "
                   "attacks")
    assert not [f for f in found if f[0] == "ASSAULT" and "SDN" in f[3]], found
    assert sum(f[0] == "ASSAULT" and f[2] == ["SDN"] for f in found) == 2, found  # the fire and the attacks
    # a place named apart from the attackers still gives the recipient
    assert ("ASSAULT", None, ["SDN"], ["TCD"]) in _coded("Sudanese air strikes in Chad killed 12 on Monday.")


def test_co_mediators_mediate_between_the_sides_not_each_other():
    found = _coded("Chad and Sudan agreed to a truce on Sunday after talks in Doha. The talks were brokered by Qatar "
                   "and Egypt, and both promised more rounds to keep the ceasefire alive.")
    mediated = [f for f in found if f[0] == "CONSULT"]
    assert mediated and all(not set(f[2]) & set(f[3]) for f in mediated), mediated
    assert any(set(f[3]) == {"SDN", "TCD"} for f in mediated), mediated
    # two states meeting is still one meeting between them
    met = [f for f in _coded("Qatar and Egypt met on Sunday in Cairo.") if f[0] == "CONSULT"]
    assert met and all(set(f[2] + f[3]) == {"EGY", "QAT"} for f in met), met


def test_named_people_are_counted_one_each():
    from test_coding import code
    arrests = [m for m in code("On Monday Chile arrested Carlos Rivas and Jorge Salas, two Peruvian engineers.")
               if m.event == "COERCE"]
    assert arrests and arrests[0].quantity is not None and arrests[0].quantity.value == 2
    one = [m for m in code("On Monday Chile arrested the Peruvian engineer Carlos Rivas.") if m.event == "COERCE"]
    assert one and one[0].quantity is not None and one[0].quantity.value == 1


def test_a_third_party_praising_the_sides_step_praises_the_two_sides():
    found = _coded("Chile and Peru exchanged prisoners on Tuesday. This gesture of goodwill was praised by the EU and "
                   "the United States on Tuesday.")
    praise = [f for f in found if f[0] == "SUPPORT"]
    assert praise and set(praise[0][3]) == {"CHL", "PER"}, found
    # a third party praising a named state praises that state
    found = _coded("Chile and Peru exchanged prisoners on Tuesday. On Tuesday the EU praised Brazil.")
    assert ("SUPPORT", None, ["EU"], ["BRA"]) in found, found


def test_a_release_told_by_the_other_side_is_done_by_the_state_that_held_them():
    # the speaker is Chile's president; the people were held in Peru: Peru released them, to the UN and Chile
    found = _coded("Peru and Chile freed prisoners in a swap on Saturday. Soon after, Chile's president confirmed that "
                   "Ana Ruiz, a UN official, and a second Chilean, both held in Peru, had been released.")
    assert ("RETREAT", "release", ["PER"], ["CHL", "UN"]) in found, found
    # each people named among those released gives its state
    assert ("RETREAT", "release", ["PER"], ["BOL", "CHL"]) in _coded(
        "On Saturday Peru released two Chilean engineers and a Bolivian pilot.")


def test_afterwards_after_a_background_clause_continues_the_news():
    import datetime as dt
    from test_coding import code
    text = ("Chile and Peru announced on Saturday a prisoner exchange. \"Carlos Rivas, held without charge in a "
            "Peruvian jail since 2019, is free at last,\" a Chilean official said. Shortly afterwards, Peru's president "
            "announced that two Peruvians who had been held in Chile, one of them UN official Ana Ruiz, had been "
            "released.")
    found = [m for m in code(text) if m.trigger == "released"]
    assert found and found[0].date_start >= dt.date(2025, 11, 8), [(m.date_start, m.date_how) for m in found]
    # after a dated act of the story, "afterwards" still counts from that act
    found = [m for m in code("Chile expelled two Peruvian diplomats on Tuesday. Shortly afterwards, Peru expelled "
                             "three Chilean diplomats.") if m.trigger == "expelled" and m.actor[0].code == "PER"]
    assert found and found[0].date_start == dt.date(2025, 11, 11), [(m.date_start, m.date_how) for m in found]

