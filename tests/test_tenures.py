"""Office-holders and their tenures in the actor dictionary (heads of state and government of every state the file
lists), and the outlet an office-holder speaks through: our own sentences about several pairs of states."""
from __future__ import annotations

import datetime as dt
import itertools
import re
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml

from detente.actors import ActorDictionary
from detente.pubdate import publication

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_coding import code  # noqa: E402

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def actors():
    return ActorDictionary.load()


def raw_actors() -> list[dict]:
    return yaml.safe_load(resources.files("detente").joinpath("data/actors.yaml").read_text(encoding="utf-8"))["actors"]


def as_date(v):
    return v if isinstance(v, dt.date) or v is None else dt.date.fromisoformat(str(v))


# ---------------------------------------------------------------- the dictionary's tenures are well-formed

def test_every_role_starts_before_it_ends_and_names_a_known_code(actors):
    codes = set(actors.countries) | {"INT"}
    for entry in raw_actors():
        for r in entry.get("roles") or []:
            start, end = as_date(r.get("start")), as_date(r.get("end"))
            assert start is None or end is None or start <= end, (entry["id"], r)
            assert r["code"] in codes, (entry["id"], r)


# Real overlaps of one office: an acting holder beside a suspended or dying one, a disputed count, an elected holder
# between election and hand-over. Any other overlap is a slip in the data.
REAL_OVERLAPS = {frozenset(p) for p in [("collor", "itamar_franco"), ("dilma_rousseff", "temer"), ("ariel_sharon", "olmert"),
                                        ("elchibey", "heydar_aliyev"), ("akayev", "bakiyev"), ("yaradua", "goodluck_jonathan"),
                                        ("gbagbo", "ouattara"), ("hassan_sheikh_mohamud", "farmaajo")]}
SINGLE_OFFICES = re.compile(r"^(?:president|prime minister|king|queen|emir|sultan|chancellor|taoiseach|foreign minister"
                            r"|chief executive) of ")


def test_no_two_people_hold_one_head_office_of_a_state_at_once():
    held: dict[tuple[str, str], list] = {}
    for entry in raw_actors():
        for r in entry.get("roles") or []:
            title = re.sub(r"\s*\(.*?\)", "", str(r.get("title") or "")).strip().lower()
            if SINGLE_OFFICES.match(title) and r.get("start"):
                held.setdefault((r["code"], title), []).append(
                    (as_date(r["start"]), as_date(r.get("end")) or dt.date.max, entry["id"]))
    clashes = [(office, a[2], b[2]) for office, terms in held.items() for a, b in itertools.combinations(terms, 2)
               if a[2] != b[2] and a[0] < b[1] and b[0] < a[1] and frozenset((a[2], b[2])) not in REAL_OVERLAPS]
    assert not clashes


def test_every_state_has_a_head_of_state_or_government_listed_since_2010_for_most_states(actors):
    heads = {r["code"] for e in raw_actors() for r in e.get("roles") or []
             if re.match(r"(?i)(president|prime minister|king|sultan|emir|chancellor)\b", str(r.get("title") or ""))
             and (as_date(r.get("end")) or dt.date.max) >= dt.date(2010, 1, 1)}
    states = [c for c in actors.countries if c not in getattr(actors, "igo_codes", set())]
    assert {"TZA", "GHA", "SEN", "NZL", "CYP", "URY", "MYS", "XSL"} <= heads
    assert len(heads & set(states)) / len(states) > 0.6


# ---------------------------------------------------------------- a titled holder dates a page and names its state

@pytest.mark.parametrize("told, lo, hi", [
    ("President Hakainde Hichilema said the talks with Malawi would go on.", dt.date(2021, 8, 24), None),
    ("Prime Minister Christopher Luxon welcomed the visit of Fiji's leader.", dt.date(2023, 11, 27), None),
    ("President Nikos Christodoulides met the envoy from Athens on Monday.", dt.date(2023, 2, 28), None),
    ("President Macky Sall received Gambia's foreign minister in Dakar.", dt.date(2012, 4, 2), dt.date(2024, 4, 2)),
    ("President Bouterse travelled to Georgetown for the border talks.", dt.date(2010, 8, 12), dt.date(2020, 7, 16)),
])
def test_a_titled_office_holder_dates_an_undated_page_to_the_term(actors, told, lo, hi):
    p = publication(told, actors=actors, today=TODAY)
    assert p.start is not None and p.start >= lo
    if hi is not None:
        assert p.end is not None and p.end <= hi


def test_a_predecessor_and_a_successor_date_a_page_apart(actors):
    # "Thursday, June 6" fits 2013, 2019 and 2024: the president named in office picks the years of his term
    told = "The foreign ministry in Dakar said on Thursday, June 6, that border talks with Banjul would resume."
    with_sitting = publication(told + " President Bassirou Diomaye Faye welcomed the step.", actors=actors, today=TODAY)
    with_former = publication(told + " President Macky Sall welcomed the step.", actors=actors, today=TODAY)
    assert with_sitting.start >= dt.date(2024, 4, 2)
    assert with_former.start >= dt.date(2012, 4, 2) and with_former.end <= dt.date(2024, 4, 2)


def coded(text, published=dt.date(2024, 5, 8)):
    return [(m.event, sorted(a.code for a in m.actor if a.code), sorted(r.code for r in m.recipient if r.code), m.trigger)
            for m in code(text, published)]


@pytest.mark.parametrize("text, actor, recipient", [
    ("Mahama accused Togo of harbouring the smugglers on Tuesday.", "GHA", "TGO"),
    ("Sonko condemned Mali's decision to close the border on Monday.", "SEN", "MLI"),
    ("Hichilema criticised Malawi over the fishing ban on Friday.", "ZMB", "MWI"),
])
def test_a_head_of_government_named_by_surname_alone_acts_for_the_state(text, actor, recipient):
    assert any(c[1] == [actor] and c[2] == [recipient] for c in coded(text)), coded(text)


# ---------------------------------------------------------------- the outlet is the medium, never the recipient

@pytest.mark.parametrize("text, actor, recipient", [
    ("In an interview with the BBC on Monday, President Hakainde Hichilema alleged that Malawi is arming smugglers.",
     "ZMB", "MWI"),
    ("Speaking to Reuters on Tuesday, Ghana's foreign minister accused Togo of stalling the talks.", "GHA", "TGO"),
    ("In a CNN interview on Friday, Cyprus's president accused Turkey of violating the airspace.", "CYP", "TUR"),
    ("Speaking to a Kenyan newspaper on Friday, Uganda's president criticised Tanzania over the tariffs.", "UGA", "TZA"),
])
def test_the_outlet_an_office_holder_speaks_to_is_never_the_recipient(text, actor, recipient):
    got = coded(text)
    assert got and all(c[2] == [recipient] for c in got if c[1] == [actor] and c[0] == "ACCUSE"), got
    assert not any("GBR" in c[2] or "USA" in c[2] or "KEN" in c[2] for c in got), got


def test_an_outlet_that_an_act_is_aimed_at_stays_its_recipient():
    # a state that bans a broadcaster or accuses a newspaper acts on the outlet itself: no medium there
    got = coded("Tanzania accused the Kenyan newspaper of spreading lies about the election on Monday.")
    assert any(c[0] == "ACCUSE" and c[1] == ["TZA"] and c[2] == ["KEN"] for c in got), got
