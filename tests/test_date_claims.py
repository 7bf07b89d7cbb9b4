"""Date claims: the day each outlet gives an act, and the acts outlets date to different days (`conflicts`)."""
import datetime as dt

import pytest

from detente.conflicts import date_conflicts
from detente.date_claims import extract_date_claims
from detente.model import Document


def _doc(text: str, name: str, published: str | tuple[str, str] = "2024-03-08", outlet: str | None = None) -> Document:
    lo, hi = (published, published) if isinstance(published, str) else published
    return Document(id="id-" + name, name=name, text=text, outlet=outlet or name,
                    published_start=dt.date.fromisoformat(lo), published_end=dt.date.fromisoformat(hi),
                    published_source="manifest" if lo == hi else "inferred")


@pytest.fixture(scope="module")
def nlp():
    from detente.parse import get_nlp

    return get_nlp()


def _claims(nlp, *docs):
    return [c for d in docs for c in extract_date_claims(d, nlp(d.text))]


def _days(claims):
    return sorted((c.subject_id, c.date_start.isoformat()) for c in claims)


def test_a_day_that_dates_an_act_verb_noun_or_report_is_a_claim(nlp):
    verb = _doc("On March 3, Latvia signed a border treaty with Estonia in Riga.", "verb.txt")
    noun = _doc("Santiago protested against the March 5 detention of a Chilean engineer in Peru.", "noun.txt")
    report = _doc("The accord between Norway and Iceland was formally announced on Wednesday in Oslo.", "report.txt")
    light = _doc("On Tuesday, Georgia and Armenia took a step towards calm by exchanging detainees.", "light.txt")
    claims = _claims(nlp, verb, noun, report, light)
    assert _days(claims) == [("day:agree", "2024-03-03"), ("day:agree", "2024-03-06"),
                             ("day:arrest", "2024-03-05"), ("day:release", "2024-03-05")]
    by_doc = {c.doc_name: c for c in claims}
    assert by_doc["verb.txt"].country == "LVA" and set(by_doc["verb.txt"].countries) == {"LVA", "EST"}
    assert set(by_doc["noun.txt"].countries) == {"CHL", "PER"}
    assert "'March 5' dates 'detention'" in by_doc["noun.txt"].date_how


def test_plans_denials_other_times_and_unanchored_days_are_no_claims(nlp):
    texts = [
        "Latvia will sign the border treaty with Estonia on Friday.",  # a plan
        "Peru did not arrest the Chilean engineer on Monday.",  # denied
        "Norway said on Monday that it had freed the Icelandic sailors last month.",  # the act has its own time
        "Latvia and Estonia met on Thursday to discuss the border.",  # meetings recur: not compared
        "Chile expressed a sign of goodwill to Peru on Tuesday.",  # "a sign of" is no signing
        "A UN report on Chile and Peru, drafted in May and released on Tuesday, found no breach.",  # a thing released
    ]
    assert _claims(nlp, *[_doc(t, f"{i}.txt") for i, t in enumerate(texts)]) == []
    # in an article known only to fall within March, a weekday names no day, and neither does "March 3" (this
    # March or last?); "January 3" needs only the year, which the month fixes
    wide = _doc("On Monday, Latvia signed the treaty with Estonia. On March 3, Estonia signed a pact with Latvia. "
                "On January 3, Latvia signed an accord with Estonia.", "wide.txt", ("2024-03-01", "2024-03-31"))
    [claim] = _claims(nlp, wide)
    assert claim.date_start == dt.date(2024, 1, 3) and "January 3" in claim.date_how


def test_outlets_dating_one_act_differently_are_a_date_conflict_with_both_sides(nlp):
    a = _doc("Peruvian police arrested the Chilean engineer on March 4, officials in Lima said.", "a.txt",
             outlet="Andes Wire")
    b = _doc("The engineer from Chile was detained in Peru on March 6, his lawyer said.", "b.txt", outlet="Pacific Daily")
    c = _doc("Chile summoned Peru's ambassador over the March 6 arrest.", "c.txt", outlet="Coast Times")
    [conflict] = date_conflicts(_claims(nlp, a, b, c))
    assert conflict.kind == "date" and "arrest" in conflict.subject
    sides = {r.value: r for r in conflict.claims}
    assert sorted(sides) == [dt.date(2024, 3, 4), dt.date(2024, 3, 6)]
    assert sides[dt.date(2024, 3, 4)].source == "Andes Wire" and "March 4" in sides[dt.date(2024, 3, 4)].sentence
    assert sorted(sides[dt.date(2024, 3, 6)].docs) == ["b.txt", "c.txt"]


def test_acts_that_are_not_one_act_are_never_paired(nlp):
    # different doers: each side's expulsion is its own act
    tit = _doc("Latvia expelled two Estonian diplomats on March 3.", "tit.txt")
    tat = _doc("Estonia expelled two Latvian diplomats on March 4.", "tat.txt")
    assert date_conflicts(_claims(nlp, tit, tat)) == []
    # days too far apart, other pairs of countries, other kinds of act
    far = [_doc("Norway freed the Icelandic sailors on February 20.", "n1.txt"),
           _doc("Norway released the Icelandic crew on March 5.", "n2.txt")]
    assert date_conflicts(_claims(nlp, *far)) == []
    other = [_doc("Peru arrested a Chilean engineer on March 4.", "p1.txt"),
             _doc("Georgia arrested an Armenian trader on March 5.", "p2.txt")]
    assert date_conflicts(_claims(nlp, *other)) == []
    kinds = [_doc("Latvia signed the treaty with Estonia on March 3.", "k1.txt"),
             _doc("Latvia arrested an Estonian smuggler on March 4.", "k2.txt")]
    assert date_conflicts(_claims(nlp, *kinds)) == []


def test_one_source_giving_two_days_tells_two_acts(nlp):
    a = _doc("Peru arrested a Chilean engineer on March 4 and a Chilean pilot on March 6.", "a.txt")
    b = _doc("Peru detained a Chilean engineer on March 5.", "b.txt")
    claims = _claims(nlp, a, b)
    assert len(claims) == 3
    assert date_conflicts(claims) == []
    # a copy of one story is the same source: its day is no second opinion
    c = _doc("Peru detained a Chilean engineer on March 4.", "c.txt")
    d = _doc("Peru detained a Chilean engineer on March 5.", "d.txt")
    assert len(date_conflicts(_claims(nlp, c, d))) == 1
    assert date_conflicts(_claims(nlp, c, d), {"id-c.txt": "g", "id-d.txt": "g"}) == []
    # with a dyad, only acts of one of its countries
    assert date_conflicts(_claims(nlp, c, d), dyad=("LVA", "EST")) == []


def test_conflicts_lists_a_date_disagreement_from_a_store_with_sources_and_sentences(tmp_path):
    import json

    from typer.testing import CliRunner

    import detente
    from detente.cli import app

    a = "LIMA - Peruvian police arrested a Chilean engineer [/red] on March 4, officials said.\n"
    b = "SANTIAGO - The Chilean engineer was detained in Peru on March 6, his family said.\n"
    (tmp_path / "a.txt").write_text(a, encoding="utf-8")
    (tmp_path / "b.txt").write_text(b, encoding="utf-8")
    (tmp_path / "m.jsonl").write_text(
        json.dumps({"path": "a.txt", "published": "2024-03-08", "outlet": "Andes Wire"}) + "\n"
        + json.dumps({"path": "b.txt", "published": "2024-03-08", "outlet": "Pacific Daily"}) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    detente.ingest([str(tmp_path / "m.jsonl")], db)
    runner = CliRunner()
    r = runner.invoke(app, ["conflicts", "--db", db, "--dyad", "CHL-PER", "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    [date] = [c for c in map(json.loads, r.output.splitlines()) if c["kind"] == "date"]
    assert {(x["value"], x["source"], tuple(x["docs"])) for x in date["claims"]} == {
        ("2024-03-04", "Andes Wire", ("a.txt",)), ("2024-03-06", "Pacific Daily", ("b.txt",))}
    r = runner.invoke(app, ["conflicts", "--db", db])
    assert r.exit_code == 0, r.output
    flat = " ".join(r.output.split())
    assert "day of the arrest" in flat and "[/red]" in flat and "'March 6' dates 'detained'" in flat
