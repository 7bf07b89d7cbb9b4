"""Actors nobody listed: context guesses, name variants, `detente actors --unknown/add/joins/unjoin`.

The articles are written for these tests (a Latvian envoy the dictionary lacks, a one-letter slip of John
Coale's name used once for a U.S. envoy and once for a Canadian hockey coach)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import detente
from detente.actors import ActorDictionaryError, fold_name, load_actors, name_variant
from detente.cli import app
from detente.unknown import ArticleGuesser, add_actor, joins, unjoin, unknown_actors

runner = CliRunner()

ENVOY = ("Latvian envoy holds talks in Minsk\n\n"
         "RIGA, March 4, 2025 - Latvian Special Envoy Ilze Kalnina met Belarusian Foreign Minister Maxim "
         "Ryzhenkov in Minsk on Monday, the first such meeting in four years.\n"
         "Kalnina said Riga wanted the two border crossings reopened before the summer.\n"
         "The Latvian airline airBaltic will not resume flights to Minsk, its spokesman said.\n")
SLIP = ("U.S. envoy returns to Minsk\n\n"
        "VILNIUS, June 22, 2025 - U.S. Special Envoy John Coal visited Minsk on Saturday and met President "
        "Alexander Lukashenko.\n"
        "Coal said Washington would keep talking to Minsk.\n")
HOCKEY = ("Coach signs in Minsk\n\n"
          "MINSK, June 23, 2025 - A Minsk club has found its new coach.\n"
          "John Coal, a Canadian hockey coach, signed a two-year contract with the club on Monday.\n")
CREDITS = ("Talks in Vilnius\n\nVILNIUS, May 5, 2025 - Lithuanian President Gitanas Nauseda received a Polish "
           "delegation on Monday.\n(Reporting by Jonas Petraitis; Editing by Marta Nowicka)\n")


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def store(tmp: Path, name: str, **articles: str) -> Path:
    """A store of its own folder (the user actor file lives next to it) holding the given articles."""
    folder = tmp / name
    (folder / "in").mkdir(parents=True)
    for fname, text in articles.items():
        (folder / "in" / f"{fname}.txt").write_text(text, encoding="utf-8")
    db = folder / "s.duckdb"
    detente.ingest([str(folder / "in")], str(db))
    return db


@pytest.fixture(scope="module")
def tmp(tmp_path_factory):
    return tmp_path_factory.mktemp("unknown")


@pytest.fixture(scope="module")
def envoy_db(tmp):
    return store(tmp, "envoy", envoy=ENVOY, credits=CREDITS)


@pytest.fixture(scope="module")
def actors():
    return load_actors()


# ------------------------------------------------------------------------------------------ guess
@pytest.mark.parametrize("name, sentence, code, sector, cue", [
    ("Jane Roe", "On Monday, U.S. Special Envoy Jane Roe met Lukashenko.", "USA", "GOV", "guess:title"),
    ("Jane Roe", "Jane Roe, Lithuania's foreign minister, said the border would stay shut.", "LTU", "GOV",
     "guess:apposition"),
    ("Jane Roe", "Jane Roe, a Polish diplomat who served in Minsk, was freed.", "POL", "GOV", "guess:apposition"),
    ("Jane Roe", "Belavia's chief executive Jane Roe welcomed the decision.", "BLR", "BUS", "guess:title"),
    ("Jane Roe", "Jane Roe of Belavia said the planes were old.", "BLR", "BUS", "guess:org"),
    ("airBaltic", "Flights by the Latvian airline airBaltic resumed.", "LVA", "BUS", "guess:title"),
    ("Jane Roe", "Belarusian opposition leader Jane Roe urged the EU to act.", "BLR", "OPP", "guess:title"),
    ("Jane Roe", "Jane Roe, a Canadian hockey coach, arrived.", "CAN", None, "guess:nationality"),
    ("Narach Human Rights Centre", "The Belarusian Narach Human Rights Centre counted the prisoners again.",
     "BLR", "NGO", "guess:nationality+name"),
])
def test_guess_reads_the_context_of_an_unlisted_name(actors, name, sentence, code, sector, cue):
    assert actors.resolve(name) is None
    ref = actors.guess(name, sentence)
    assert (ref.code, ref.sector, ref.how, ref.actor_id, ref.entity_text) == (code, sector, cue, None, name)


def test_guess_gives_nothing_without_a_cue(actors):
    assert actors.guess("Jane Roe", "Jane Roe met Lukashenko on Friday.") is None
    assert actors.guess("Jane Roe", "Officials said Jane Roe was in town.") is None


def test_later_mentions_in_the_article_reuse_the_first_resolution(actors):
    article = ArticleGuesser(actors, dt.date(2025, 3, 4))
    first = article.guess("Ilze Kalnina", "Latvian Special Envoy Ilze Kalnina met the minister.")
    later = article.guess("Kalnina", "Kalnina said the crossings should reopen.")
    assert (first.code, first.sector) == ("LVA", "GOV")
    assert (later.code, later.sector, later.entity_text) == ("LVA", "GOV", "Kalnina")
    assert later.how.startswith("guess:earlier mention")
    assert ArticleGuesser(actors).guess("Kalnina", "Kalnina said the crossings should reopen.") is None


# ------------------------------------------------------------------------------------------ name variants
@pytest.mark.parametrize("name, actor_id, kind", [
    ("Jon Coale", "person:coale", "one-letter slip"),
    ("John Coal", "person:coale", "one-letter slip"),
    ("Kolesnikava", "person:kalesnikava", "one-letter slip"),
    ("Maria Kalesnikowa", "person:kalesnikava", "transliteration variant"),
    ("Babarika", "person:babaryka", "one-letter slip"),
])
def test_near_finds_slips_and_transliterations(actors, name, actor_id, kind):
    found = actors.near(name)
    assert found and found[0][0] == actor_id and kind in found[0][2]


def test_name_variants_and_non_variants():
    assert "transliteration" in name_variant("Tsikhanouskaya", "Tsikhanovskaya")[1]
    assert "transliteration" in name_variant("Kalesnikava", "Kolesnikova")[1]
    assert name_variant("Babaryka", "Babariko") is not None
    assert name_variant("Coale", "Cole")[1].startswith("one-letter slip")
    # a wife is not a misspelling of her husband, nor Jane of John, nor a short name of another
    assert name_variant("Tikhanovskaya", "Tikhanovsky") is None
    assert name_variant("Jane Coale", "John Coale") is None
    assert name_variant("Dohn Coale", "John Coale") is None  # every word starts alike
    assert name_variant("Roe", "Rob") is None
    assert name_variant("John Smith", "John Coale") is None
    assert fold_name("Lukašenka’s") == "lukasenka"


def test_near_has_nothing_for_a_new_name(actors):
    assert actors.near("Ilze Kalnina") == []
    assert actors.near("Jane Roe") == []


# ------------------------------------------------------------------------------------------ unknown actors
def test_new_envoy_surfaces_with_its_proposed_code(envoy_db):
    found = {u.name: u for u in unknown_actors(str(envoy_db))}
    envoy = found["Ilze Kalnina"]
    assert (envoy.kind, envoy.code, envoy.sector, envoy.how) == ("person", "LVA", "GOV", "guess:title")
    assert envoy.count == 2 and set(envoy.variants) == {"Ilze Kalnina", "Kalnina"}
    assert {s.doc for s in envoy.sightings} == {"envoy.txt"}
    assert any("Kalnina said Riga" in s.sentence for s in envoy.sightings)
    assert envoy.joins == []
    airline = found["airBaltic"]
    assert (airline.kind, airline.code, airline.sector) == ("organisation", "LVA", "BUS")
    # journalists of a credit line are no actors of the story; listed actors never surface
    assert not {"Jonas Petraitis", "Marta Nowicka", "Gitanas Nauseda", "Maxim Ryzhenkov"} & set(found)
    with_credits = {u.name for u in unknown_actors(str(envoy_db), include_credits=True)}
    assert "Jonas Petraitis" in with_credits  # (the small model tags the editor as a place)
    assert [u.name for u in unknown_actors(str(envoy_db), min_count=2)] == ["Ilze Kalnina"]


def test_cli_unknown_lists_and_add_makes_ingest_resolve_it(envoy_db, tmp):
    r = run("actors", "--unknown", "--db", envoy_db, "--format", "json")
    assert r.exit_code == 0, r.output
    rows = {d["name"]: d for d in json.loads(r.stdout)}
    assert (rows["Ilze Kalnina"]["code"], rows["Ilze Kalnina"]["sector"], rows["Ilze Kalnina"]["count"]) == ("LVA", "GOV", 2)
    table = run("actors", "--unknown", "--db", envoy_db)
    assert table.exit_code == 0 and "Ilze Kalnina" in table.stdout and "LVA GOV" in table.stdout

    user = tmp / "envoy" / "mine.yaml"
    r = run("actors", "add", "Ilze Kalnina", "--code", "lva", "--sector", "GOV", "--title", "Special Envoy",
            "--alias", "Kalnina", "--file", user)
    assert r.exit_code == 0, r.output
    entry = yaml.safe_load(user.read_text())["actors"][0]
    assert entry["name"] == "Ilze Kalnina" and entry["roles"][0]["code"] == "LVA"
    assert load_actors([user]).resolve("Kalnina").actor_id == "person:ilze-kalnina"

    db2 = tmp / "envoy" / "again.duckdb"
    r = run("ingest", tmp / "envoy" / "in", "--db", db2, "--actors", user)
    assert r.exit_code == 0, r.output
    refs = [a for e in detente.timeline(str(db2)) for m in e.mentions for a in m.actor + m.recipient]
    assert any(a.actor_id == "person:ilze-kalnina" and a.how == "dictionary" for a in refs)
    names = {u.name for u in unknown_actors(str(db2), actors_file=user)}
    assert "Ilze Kalnina" not in names and "airBaltic" in names


@pytest.mark.parametrize("args, message", [
    (("--code", "XXX", "--sector", "GOV"), "unknown code 'XXX'"),
    (("--code", "LVA", "--sector", "FOO"), "unknown sector 'FOO'"),
    (("--code", "LVA", "--sector", "GOV", "--type", "robot"), "unknown type 'robot'"),
])
def test_cli_add_rejects_bad_entries_in_one_line(tmp_path, args, message):
    user = tmp_path / "u.yaml"
    r = run("actors", "add", "Jane Roe", *args, "--file", user)
    assert r.exit_code == 2 and message in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not user.exists()


def test_add_refuses_a_name_another_entry_owns(tmp_path):
    with pytest.raises(ActorDictionaryError, match="already listed as person:lukashenko"):
        add_actor("Lukashenko", "LVA", "GOV", path=tmp_path / "u.yaml")


def test_a_slip_joins_only_when_the_context_agrees_and_unjoin_undoes_it(tmp):
    db = store(tmp, "slip", slip=SLIP, hockey=HOCKEY)
    found = unknown_actors(str(db))
    envoy = next(u for u in found if u.code == "USA")
    coach = next(u for u in found if u.code == "CAN")
    assert envoy.name == coach.name == "John Coal"  # one name, two people: never one group
    assert envoy.joined_to == "person:coale" and envoy.sector == "GOV"
    join = next(j for j in envoy.joins if j.actor_id == "person:coale")
    assert join.status == "proposed" and "one-letter slip" in join.reason and join.sightings
    assert coach.joined_to is None
    assert next(j for j in coach.joins if j.actor_id == "person:coale").status == "rejected"

    r = run("actors", "joins", "--db", db, "--format", "jsonl")
    listed = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(j["name"], j["actor_id"], j["status"]) for j in listed] == [("John Coal", "person:coale", "proposed")]

    r = run("actors", "unjoin", "John Coal", "--db", db)
    assert r.exit_code == 0, r.output
    user = db.parent / "detente-actors.yaml"
    assert yaml.safe_load(user.read_text())["unjoins"] == [{"name": "John Coal", "actor": "person:coale"}]
    envoy = next(u for u in unknown_actors(str(db)) if u.code == "USA")
    assert envoy.joined_to is None
    assert [j.status for j in envoy.joins if j.actor_id == "person:coale"] == ["undone"]
    assert all(j.status != "proposed" for j in joins(str(db)))
    r = run("actors", "unjoin", "John Coal", "--db", db)  # nothing left to undo
    assert r.exit_code == 2 and "not joined" in r.stderr


def test_a_join_the_context_confirms_acts_on_events_until_the_user_undoes_it(tmp):
    db = store(tmp, "slip-events", slip=SLIP, hockey=HOCKEY)
    visit = next(e for e in detente.timeline(str(db)) if e.event == "CONSULT" and "BLR" in [r.code for r in e.recipient])
    (coal,) = [a for a in visit.actor if a.entity_text == "John Coal"]
    assert coal.actor_id == "person:coale" and coal.code == "USA" and "one-letter slip" in coal.how
    # the Canadian coach of the same name is not joined: his context says another country
    assert not [a for e in detente.timeline(str(db)) for m in e.mentions for a in m.actor
                if a.actor_id == "person:coale" and "hockey" in m.sentence]
    assert run("actors", "unjoin", "John Coal", "--db", db).exit_code == 0
    detente.recode(str(db))
    visit = next(e for e in detente.timeline(str(db)) if e.event == "CONSULT" and "BLR" in [r.code for r in e.recipient])
    assert [a.actor_id for a in visit.actor if a.entity_text == "John Coal"] == [None]


def test_accepted_join_resolves_and_can_be_undone(tmp_path):
    user = tmp_path / "u.yaml"
    r = run("actors", "join", "Jon Coale Jr", "coale", "--file", user)
    assert r.exit_code == 0, r.output
    assert load_actors([user]).resolve("Jon Coale Jr").actor_id == "person:coale"
    assert unjoin("Jon Coale Jr", path=user) == ["person:coale"]
    data = yaml.safe_load(user.read_text())
    assert "joins" not in data and data["unjoins"] == [{"name": "Jon Coale Jr", "actor": "person:coale"}]
    r = run("actors", "join", "Jane Roe", "nobody-at-all", "--file", user)
    assert r.exit_code == 2 and "no actor 'nobody-at-all'" in r.stderr


def test_unknown_on_a_missing_store_is_one_line(tmp_path):
    r = run("actors", "--unknown", "--db", tmp_path / "none.duckdb")
    assert r.exit_code == 2 and "no such store" in r.stderr


SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
def test_seeds_surface_only_what_the_dictionary_lacks(tmp_path):
    db = tmp_path / "seeds.duckdb"
    detente.ingest([str(SEEDS)], str(db))
    found = {u.name: u for u in unknown_actors(str(db))}
    # Checked by hand: the seeds' people and organisations are listed, except a publication cited as a
    # source and given names standing alone, which join the listed person they belong to.
    assert found["Vladimir"].joined_to == "person:putin"
    assert found["Sviatlana"].joined_to == "person:tsikhanouskaya"
    assert all(u.kind != "person" or u.joined_to for u in found.values())
    assert not any("Osborn" in name or "Faulconbridge" in name for name in found)  # byline and credits


def test_a_rejected_name_leaves_the_queue_in_the_cli_and_the_web_alike(tmp):
    """A rejection made in the web workspace is the CLI's too (one table, one function), and undoing it in
    the CLI puts the name back on the web page."""
    from fastapi.testclient import TestClient

    from detente.store import Store
    from detente.unknown import rejected_names, survey
    from detente.web import create_app

    db = store(tmp, "reject", envoy=ENVOY)

    def queue(*extra) -> dict:
        r = run("actors", "--unknown", "-f", "jsonl", *extra, "--db", db)
        assert r.exit_code == 0, r.output
        return {row["name"]: row for row in map(json.loads, r.output.splitlines())}

    assert {"Ilze Kalnina", "airBaltic"} <= set(queue())
    try:
        with TestClient(create_app(str(db)), base_url="http://127.0.0.1") as web:
            web.get("/")
            r = web.post("/unknown/reject", data={"name": "airBaltic", "who": "desk <b>",
                                                  "csrf": web.cookies.get("detente_csrf")})
            assert r.status_code == 200
            assert "airBaltic" not in web.get("/unknown").text
            assert "airBaltic" in web.get("/unknown", params={"show_rejected": "true"}).text
    finally:
        Store.ALWAYS_WRITABLE = False
    assert "airBaltic" not in queue() and "Ilze Kalnina" in queue()  # the CLI honours the web's rejection
    assert queue("--rejected")["airBaltic"]["rejected"] is True
    assert rejected_names(str(db))[fold_name("airBaltic")][0] == "desk <b>"
    table = run("actors", "--unknown", "--db", db)
    assert "1 rejected name(s) hidden" in table.output
    r = run("actors", "reject", "Ilze Kalnina", "--db", db)
    assert r.exit_code == 0 and "rejected" in r.output
    assert "already rejected" in run("actors", "reject", "Ilze Kalnina", "--db", db).output
    assert not {"Ilze Kalnina", "airBaltic"} & {u.name for u in survey(str(db)).actors}
    assert run("actors", "reject", "airBaltic", "--undo", "--db", db).exit_code == 0
    assert "airBaltic" in queue() and "Ilze Kalnina" not in queue()
    assert "was not rejected" in run("actors", "reject", "Nobody Here", "--undo", "--db", db).output
    assert run("actors", "reject", "  ", "--db", db).exit_code != 0  # not a name: one line, no row
