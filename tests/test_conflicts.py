import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from detente import api
from detente.claims import Claim, ClaimsConfigError, citations, extract_claims, load_config, sentence_citations
from detente.cli import app
from detente.conflicts import claim_conflicts, conflicts, event_conflicts, name_variants
from detente.model import ActorRef, Document, Event


def _doc(text: str, name: str = "mine.txt", published: str = "2025-09-20", outlet: str | None = None) -> Document:
    day = dt.date.fromisoformat(published)
    return Document(id="id-" + name, name=name, text=text, outlet=outlet, published_start=day, published_end=day,
                    published_source="manifest")


# ----------------------------------------------------------------------------- citations

ANALYSIS = ("Minsk promised to keep talking (BelTA, September 11). The president later repeated the offer "
            "(Truthsocial/@realDonaldTrump, November 9; see EDM, July 28). Diplomats were less sure "
            "(Author’s conversations with envoys in Vilnius, October 17, October 30). "
            "The wire story was short (Reuters), and so was the follow-up (with the deal in mind).")


def test_inline_citations_are_parsed_with_their_dates():
    cites = citations(ANALYSIS, dt.date(2025, 11, 20))
    assert [(c.source, c.date_text, c.see) for c in cites] == [
        ("BelTA", "September 11", False),
        ("Truthsocial/@realDonaldTrump", "November 9", False),
        ("EDM", "July 28", True),
        ("Author’s conversations with envoys in Vilnius", "October 17, October 30", False),
    ]
    assert cites[0].date_start == cites[0].date_end == dt.date(2025, 9, 11)
    assert (cites[3].date_start, cites[3].date_end) == (dt.date(2025, 10, 17), dt.date(2025, 10, 30))
    assert ANALYSIS[cites[2].start:cites[2].end] == "see EDM, July 28"


def test_the_citations_of_one_sentence():
    doc = _doc(ANALYSIS, published="2025-11-20")
    second = ANALYSIS.index("The president")
    end = ANALYSIS.index("Diplomats")
    assert [c.source for c in sentence_citations(doc, second, end)] == ["Truthsocial/@realDonaldTrump", "EDM"]
    assert [c.source for c in sentence_citations(doc, 0, second)] == ["BelTA"]


# ----------------------------------------------------------------------------- claims


def test_a_broken_claims_file_is_one_line_naming_it(tmp_path):
    bad = tmp_path / "claims.yaml"
    bad.write_text("subjects:\n  - label: no id here\n")
    with pytest.raises(ClaimsConfigError, match="claims.yaml: not a valid claims file"):
        load_config(str(bad))


def test_attributed_figures_keep_their_source_and_qualifier():
    text = ("Belarus freed 52 political prisoners on Thursday. "
            "Rights activists were unimpressed. According to the Viasna group, roughly 1,150 political "
            "prisoners are still behind bars. "
            "Trump pressed Lukashenko to let others go, claiming there were still up to 1,400 political prisoners in jail.")
    claims = extract_claims(_doc(text))
    assert [(c.value, c.qualifier, c.attribution) for c in claims] == [
        (1150, "about", "Viasna"), (1400, "up to", "Trump")]
    assert claims[1].attribution_id == "person:trump"
    assert all(c.subject == "political prisoners held" for c in claims)
    assert claims[0].text == "roughly 1,150 political prisoners"
    assert text[claims[1].start:claims[1].end] == "up to 1,400 political prisoners"
    assert claims[0].date_start == dt.date(2025, 9, 20) and claims[0].date_how.startswith("publication")


def test_a_bare_figure_takes_its_topic_from_the_sentence_before_and_the_outlet_is_the_source():
    text = ("Freeing political prisoners costs the regime little. "
            "More than 1,250 remain behind bars in Belarus, and the police keep arresting people.")
    (claim,) = extract_claims(_doc(text, outlet="Harbour Times"))
    assert (claim.value, claim.qualifier, claim.country, claim.attribution) == (1250, "over", "BLR", None)
    assert claim.source == "Harbour Times"


def test_a_pronoun_source_is_resolved_and_the_relay_kept():
    text = ("Sviatlana Tsikhanouskaya spoke in Vilnius. She said that over 1,050 political prisoners remain "
            "in prison according to Viasna.")
    (claim,) = extract_claims(_doc(text))
    assert claim.attribution == "Viasna" and claim.via == "Sviatlana Tsikhanouskaya"


def test_a_cited_statement_is_dated_by_its_citation():
    text = "The government says about 900 political prisoners are held (BelTA, September 11)."
    (claim,) = extract_claims(_doc(text, published="2025-11-30"))
    assert claim.date_start == dt.date(2025, 9, 11) and claim.date_how == "citation (BelTA, September 11)"


def test_releases_and_other_numbers_are_not_claims():
    text = ("Minsk released 14 political prisoners on Saturday after the visit. "
            "The 2020 election led to the arrest of 35,000 people. "
            "Kellogg met Lukashenko for 3 hours; 52 people were freed in September.")
    assert extract_claims(_doc(text)) == []


def _claim(value, qualifier, attribution, doc, day, doc_id=None):
    d = dt.date.fromisoformat(day)
    return Claim("political prisoners held", "political_prisoners_held", "BLR", value, qualifier, "", attribution,
                 doc_id=doc_id or "id-" + doc, doc_name=doc, date_start=d, date_end=d)


def test_claim_conflicts_list_each_figure_with_its_source_and_merge_syndicated_copies():
    claims = [_claim(1100, "over", "Viasna", "a.txt", "2025-06-23"),
              _claim(1300, "about", "Trump", "wire.txt", "2025-08-18"),
              _claim(1300, "about", "Trump", "reprint.txt", "2025-08-19"),
              _claim(1100, "exactly", None, "b.txt", "2025-09-12"),
              _claim(900, "exactly", "Someone", "old.txt", "2024-01-10")]  # too long before: a different moment
    groups = {"id-reprint.txt": "id-wire.txt", "id-wire.txt": "id-wire.txt"}
    (c,) = claim_conflicts(claims, groups)
    assert c.kind == "figure" and c.country == "BLR"
    assert [(r.figure, r.source, r.docs) for r in c.claims] == [
        ("over 1,100", "Viasna", ["a.txt"]), ("1,100", "b.txt", ["b.txt"]),
        ("about 1,300", "Trump", ["wire.txt", "reprint.txt"])]
    assert c.compatible is False  # nothing is both exactly 1,100 and about 1,300 (within 10%)
    loose = claim_conflicts([_claim(1100, "over", "Viasna", "a.txt", "2025-06-23"),
                             _claim(1300, "up to", "Trump", "c.txt", "2025-08-17")])
    assert loose[0].compatible is True and len(loose[0].claims) == 2  # overlapping, yet different figures
    same = [_claim(1100, "over", "Viasna", "a.txt", "2025-06-23"), _claim(1100, "about", "X", "b.txt", "2025-06-30")]
    assert claim_conflicts(same) == []


# ----------------------------------------------------------------------------- event conflicts


def _event(mentions) -> Event:
    return Event(id="ev-9", event="RETREAT", mode="release", cameo="0841", goldstein=7.0, plover_score=7.0,
                 actor=[], recipient=[], date_start=None, date_end=None, quantity=None, mentions=mentions)


def test_event_mentions_that_disagree_on_count_and_day_are_conflicts(make_mention):
    a = make_mention(quantity=14, start="2025-06-21", doc="a.txt")
    b = make_mention(quantity=16, start="2025-06-22", doc="b.txt")
    c = make_mention(quantity=14, start="2025-06-01", end="2025-06-30", doc="c.txt")  # a month: no day claimed
    found = {x.kind: x for x in event_conflicts(_event([a, b, c]), names={})}
    assert set(found) == {"count", "date"}
    assert [(r.figure, r.docs) for r in found["count"].claims] == [("14", ["a.txt", "c.txt"]), ("16", ["b.txt"])]
    assert [r.figure for r in found["date"].claims] == ["2025-06-21", "2025-06-22"]
    assert found["count"].event_id == "ev-9"
    assert event_conflicts(_event([a, c]), names={}) == []
    # one article telling two days and two counts of its story is no disagreement between outlets
    d = make_mention(quantity=16, start="2025-06-22", doc="a.txt")
    assert event_conflicts(_event([a, d]), names={}) == []
    # nor is a later day told only by articles that give the first day too (a wire story and its copy), even when
    # a third outlet gives the first day; an outlet of its own giving the later day is a disagreement again (the
    # count 14 stays told only by the two that give 16 as well: no outlet stands for it alone)
    copy = make_mention(quantity=16, start="2025-06-22", doc="copy.txt")
    first = make_mention(quantity=14, start="2025-06-21", doc="copy.txt")
    third = make_mention(start="2025-06-21", doc="third.txt")
    assert [x.kind for x in event_conflicts(_event([a, d, copy, first, third]), names={})] == []
    assert [x.kind for x in event_conflicts(_event([a, d, copy, first, third, b]), names={})] == ["date"]


def test_disjoint_participants_are_a_conflict(make_mention):
    a = make_mention(actor=("BLR",), doc="a.txt")
    b = make_mention(actor=("RUS",), doc="b.txt")
    (c,) = event_conflicts(_event([a, b]), names={})
    assert c.kind == "participants" and {r.figure for r in c.claims} == {"BLR", "RUS"}


def test_a_misspelt_name_is_a_variant_not_a_conflict(make_mention):
    a = make_mention(doc="a.txt")
    a.actor = [ActorRef("USA", "GOV", "John Coale", "person:coale", "dictionary")]
    b = make_mention(doc="b.txt")
    b.actor = [ActorRef("USA", "GOV", "John Cole", "person:coale", "dictionary")]
    c = make_mention(doc="c.txt")
    c.actor = [ActorRef("USA", "GOV", "Coale", "person:coale", "dictionary"),
               ActorRef("USA", "GOV", "President Trump", "person:trump", "dictionary"),
               ActorRef("BLR", "GOV", "he", "person:lukashenko", "coref")]
    found = event_conflicts(_event([a, b, c]))
    assert [x.kind for x in found] == ["variant"]
    (v,) = found
    assert v.subject == "John Coale" and "John Cole" in v.note
    assert {r.figure: r.note for r in v.claims} == {"John Coale": "", "John Cole": "spelling variant", "Coale": ""}
    assert name_variants([a, c]) == []  # a shortened name or a title is no spelling variant


# ----------------------------------------------------------------------------- on the demo corpus


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    api.ingest([str(api.demo_corpus())], db)
    return db


def test_demo_prisoner_figures_disagree_with_their_sources(demo_db):
    found = conflicts(demo_db, "USA-BLR")
    figures = [c for c in found if c.kind == "figure"]
    assert len(figures) == 1
    refs = {(r.value, r.source): r for r in figures[0].claims}
    assert (1100, "Viasna") in refs and (1300, "Trump") in refs
    trump = refs[(1300, "Trump")]
    assert sorted(trump.docs) == ["04_trump_calls_lukashenko_before_alaska.txt",
                                  "05_lukashenko_gets_call_from_trump.txt"]  # one wire story, one entry
    assert {r.doc_name[:2] for r in figures[0].claims if r.value == 1100} == {"03", "06"}


def test_demo_cole_is_listed_as_a_variant_of_coale(demo_db):
    variants = [c for c in conflicts(demo_db) if c.kind == "variant" and c.subject == "John Coale"]
    assert len(variants) == 1
    assert any(r.figure == "John Cole" and r.doc_name.startswith("06") for r in variants[0].claims)


def test_cli_conflicts_and_sources(demo_db):
    runner = CliRunner()
    res = runner.invoke(app, ["conflicts", "--db", demo_db, "--dyad", "USA-BLR", "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)  # one JSON document
    fig = next(r for r in rows if r["kind"] == "figure")
    assert {c["figure"] for c in fig["claims"]} >= {"about 1,300", "over 1,100", "about 1,100"}
    res = runner.invoke(app, ["conflicts", "--db", demo_db, "--dyad", "USA"])
    assert res.exit_code == 2 and "USA-BLR" in res.output
    res = runner.invoke(app, ["sources", "--db", demo_db, "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    docs = {r["doc"][:2]: r for r in map(json.loads, res.output.splitlines())}
    assert docs["04"]["group"] == docs["05"]["group"] == docs["04"]["doc"]
    assert docs["05"]["copies"] and not docs["03"]["copies"]
    assert docs["04"]["outlet"] == "Eastern Wire"


# ----------------------------------------------------------------------------- figures of any pair, any outlet

def test_outlets_disagreeing_on_people_held_is_a_figure_conflict():
    a = _doc("Kosovo says three of its police officers are still held by Serbia after the border incident.",
             "a.txt", "2023-06-16", "Pristina Post")
    b = _doc("Four Kosovo police officers remain in custody in Serbia, according to the interior ministry.",
             "b.txt", "2023-06-17", "Balkan Desk")
    claims = extract_claims(a) + extract_claims(b)
    assert {(c.subject_id, c.value) for c in claims} == {("people_held", 3.0), ("people_held", 4.0)}
    [c] = claim_conflicts(claims)
    assert c.kind == "figure" and sorted(r.value for r in c.claims) == [3.0, 4.0]


def test_death_tolls_days_apart_are_updates_not_a_disagreement():
    a = _doc("At least 12 people were killed in the shelling of the border town, officials said.", "a.txt",
             "2024-03-01")
    b = _doc("The death toll from the shelling rose to 15, the regional governor said.", "b.txt", "2024-03-02")
    c = _doc("The death toll from the shelling has risen to 21 people.", "c.txt", "2024-03-20")
    claims = [x for d in (a, b, c) for x in extract_claims(d)]
    assert sorted(x.value for x in claims if x.subject_id == "death_toll") == [12.0, 15.0, 21.0]
    [conflict] = claim_conflicts(claims)  # 12 and 15 within the window; 21 weeks later is another moment
    assert sorted(r.value for r in conflict.claims) == [12.0, 15.0]


def test_releases_kept_apart_with_different_counts_from_different_sources_are_listed(make_mention):
    from detente.conflicts import unmerged_counts
    from detente.merge import merge

    a = make_mention(actor=("AZE",), recipient=("ARM",), start="2024-01-05", quantity=32, doc="a.txt")
    b = make_mention(actor=("AZE",), recipient=("ARM",), start="2024-01-04", end="2024-01-06", quantity=40, doc="b.txt")
    events = [Event(id=f"e{i}", event=m.event, mode=m.mode, cameo=m.cameo, goldstein=m.goldstein,
                    plover_score=m.plover_score, actor=m.actor, recipient=m.recipient, date_start=m.date_start,
                    date_end=m.date_end, quantity=m.quantity, mentions=[m]) for i, m in enumerate((a, b))]
    [c] = unmerged_counts(events)
    assert c.kind == "count" and sorted(r.value for r in c.claims) == [32.0, 40.0]
    # the same two numbers from one source (or copies of one wire story) are two releases, not a dispute
    assert unmerged_counts(events, {"doc-a.txt": "g", "doc-b.txt": "g"}) == []
    # a running total over months is no disagreement with one round
    events[1].date_start, events[1].date_end = dt.date(2023, 10, 1), dt.date(2024, 1, 31)
    assert unmerged_counts(events) == []


def test_claims_are_kept_in_the_store_and_not_parsed_again(tmp_path, monkeypatch):
    import duckdb

    from detente import claims_cache

    db = str(tmp_path / "demo.duckdb")
    api.ingest([str(api.demo_corpus())], db)
    first = [c.to_dict() for c in conflicts(db, "USA-BLR")]  # finds the claims, and keeps them
    assert any(c["kind"] == "figure" for c in first)
    con = duckdb.connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM claims_cache").fetchone()[0] > 0
    con.close()

    def no_parsing(docs, actor_files=()):
        raise AssertionError("claims parsed again")

    monkeypatch.setattr(claims_cache, "document_claims", no_parsing)
    assert [c.to_dict() for c in conflicts(db, "USA-BLR")] == first


def test_claims_found_at_ingest_equal_those_found_later_and_an_old_store_fills_them_once(tmp_path, monkeypatch):
    import duckdb

    import importlib

    from detente import claims_cache

    conflicts_mod = importlib.import_module("detente.conflicts")

    db = str(tmp_path / "demo.duckdb")
    api.ingest([str(api.demo_corpus())], db)
    con = duckdb.connect(db)
    n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert con.execute("SELECT count(*) FROM claims_cache").fetchone()[0] == n_docs  # kept as they were stored
    con.close()

    def no_parsing(docs, actor_files=()):
        raise AssertionError("claims parsed again")

    with monkeypatch.context() as m:
        m.setattr(claims_cache, "document_claims", no_parsing)
        at_ingest = [c.to_dict() for c in conflicts(db)]
        dyad = [c.to_dict() for c in conflicts(db, "USA-BLR")]
    assert any(c["kind"] == "figure" for c in at_ingest) and any(c["kind"] == "figure" for c in dyad)
    # a store written before claims were kept at ingest: found once, with the progress told against a total
    con = duckdb.connect(db)
    con.execute("DROP TABLE claims_cache")
    con.close()
    told = []
    assert [c.to_dict() for c in conflicts(db, progress=lambda done, total: told.append((done, total)))] == at_ingest
    assert told[0] == (0, n_docs) and told[-1] == (n_docs, n_docs)
    # the events skipped in SQL would have given nothing: reading every event gives the same answer
    monkeypatch.setattr(conflicts_mod, "RELEVANT", "SELECT id FROM events")
    assert [c.to_dict() for c in conflicts(db)] == at_ingest


def test_a_state_that_withholds_or_gives_its_toll_owns_the_figure():
    text = ("Moldova has not published an official count of its dead, but local officials say 14 people died in "
            "fighting near the Romanian frontier.")
    [c] = [c for c in extract_claims(_doc(text, "toll.txt", "2024-02-10")) if c.subject_id == "death_toll"]
    assert (c.value, c.country) == (14.0, "MDA")
    # a number in the object is the act's, not a toll kept: the country of the dead decides as before
    other = _doc("Romanian troops killed 9 Moldovan soldiers, Bucharest said, in a clash on the border.", "o.txt",
                 "2024-02-10")
    assert {(c.value, c.country) for c in extract_claims(other) if c.subject_id == "death_toll"} <= {(9.0, "MDA")}


def test_an_undated_figure_is_set_beside_its_subjects_only_moment_unless_its_sentence_dates_it():
    def claim(value, day, doc, how="publication (manifest)", end=None):
        return Claim("troops deployed", "troops_deployed", "UGA", value, "about", f"{value} troops", None,
                     doc_id=doc, doc_name=doc, date_start=day, date_end=end or day, date_how=how)

    dated = claim(4000.0, dt.date(2024, 5, 2), "dated.txt")
    undated = claim(5000.0, dt.date(2019, 1, 1), "undated.txt", end=dt.date(2026, 1, 1))
    [c] = claim_conflicts([dated, undated])
    assert sorted(r.value for r in c.claims) == [4000.0, 5000.0]
    # the sentence said "in March" of a year nobody knows: another moment, not a rival
    own = claim(5000.0, dt.date(2019, 1, 1), "own.txt", "publication; its sentence dates the figure to a time of "
                "its own ('March')", end=dt.date(2026, 1, 1))
    assert claim_conflicts([dated, own]) == []
    # two moments: nothing says which one an undated figure belongs to
    later = claim(4200.0, dt.date(2025, 6, 1), "later.txt")
    assert all("undated.txt" not in [r.doc_name for r in c.claims] for c in claim_conflicts([dated, later, undated]))
