import datetime as dt
import pytest

from detente.merge import candidates, merge
from detente.model import Document
from detente.store import Store


def _doc(i: int) -> Document:
    return Document(id=f"d{i}", name=f"{i}.txt", text=f"Article {i}.")


def test_round_trip_keeps_every_field(tmp_path, make_mention, save_merged):
    db = tmp_path / "s.duckdb"
    m = make_mention(quantity=14, actor=("BLR",), recipient=("USA",))
    m.doc_id = "d1"
    with Store(db) as store:
        events = save_merged(store, _doc(1), [m])
    with Store(db, read_only=True) as store:
        (e,) = store.events()
        assert e.id == events[0].id and e.quantity.value == 14
        assert [a.code for a in e.actor] == ["BLR"] and [r.code for r in e.recipient] == ["USA"]
        assert e.mentions[0].sentence == m.sentence and e.mentions[0].rule == "test"
        assert store.event(e.id[:8]).id == e.id
        assert store.has_document("d1")


def test_a_failure_mid_document_leaves_the_store_as_it_was(tmp_path, make_mention, save_merged):
    db = tmp_path / "s.duckdb"
    good = make_mention(doc="1.txt")
    with Store(db) as store:
        save_merged(store, _doc(1), [good])
        bad = make_mention(doc="2.txt", start="2025-09-11")
        later = []
        merge([bad], later)
        later[0].actor = object()  # not serialisable: the write fails half-way
        with pytest.raises(Exception):
            store.save(_doc(2), [bad], later)
        assert store.stats() == {"documents": 1, "mentions": 1, "events": 1}
        assert not store.has_document("d2")


def test_dyad_and_period_filters(tmp_path, make_mention, save_merged):
    db = tmp_path / "s.duckdb"
    ms = [make_mention(event="CONSULT", mode="visit", actor=("USA",), recipient=("BLR",), start="2025-06-21"),
          make_mention(event="CONSULT", mode="visit", actor=("RUS",), recipient=("BLR",), start="2025-07-01"),
          make_mention(event="CONSULT", mode="visit", actor=("USA",), recipient=("BLR",), start="2025-09-11")]
    with Store(db) as store:
        save_merged(store, _doc(1), ms)
        assert len(store.events()) == 3
        assert len(store.events(("USA", "BLR"))) == 2
        assert len(store.events(("BLR", "USA"), since=__import__("datetime").date(2025, 9, 1))) == 1


def test_a_reprint_is_one_source_with_its_original(tmp_path):
    import detente

    story = ("Minsk talks\n\nPublished on 12 September 2025\n\nBelarus freed 52 prisoners on Thursday after "
             "talks between President Alexander Lukashenko and a U.S. envoy in Minsk. Washington said it would "
             "ease sanctions on the national airline Belavia in return. Officials on both sides described the "
             "talks as constructive and said further meetings were planned for the coming months.\n")
    reprint = story.replace("Minsk talks", "Prisoners freed in Belarus") + "The release was welcomed in Vilnius.\n"
    other = ("Riga visit\n\nPublished on 20 September 2025\n\nOn Monday a Polish delegation visited Riga and held "
             "talks with Latvian officials on border security and energy links across the Baltic region.\n")
    for i, text in enumerate([story, reprint, other]):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    detente.ingest([str(tmp_path / "0.txt")], db)
    detente.ingest([str(tmp_path / "1.txt"), str(tmp_path / "2.txt")], db)  # incremental: a later batch
    with Store(db, read_only=True) as s:
        groups = {d: g for d, (g, _) in s.source_keys().items()}
        names = {d.id: d.name for d in s.documents()}
    by_name = {names[d]: g for d, g in groups.items()}
    assert by_name["0.txt"] == by_name["1.txt"] != by_name["2.txt"]
    (release,) = [e for e in detente.timeline(db) if e.event == "RETREAT" and e.mode == "release"]
    assert release.num_articles == 2 and release.num_sources == 1


def test_candidate_events_never_drop_a_match_when_the_cache_is_full(tmp_path, make_mention, save_merged):
    ms = [make_mention(start="2025-06-21", quantity=14, doc="a.txt"),
          make_mention(start="2025-06-22", quantity=15, doc="a.txt")]
    with Store(tmp_path / "s.duckdb") as store:
        save_merged(store, _doc(1), ms)
        store.CACHE_SIZE = 1
        store.forget()
        probe = make_mention(start="2025-06-01", end="2025-06-30", doc="b.txt")
        first = candidates(store, [probe])
        again = candidates(store, [probe])
        assert len(first) == len(again) == 2


def test_replacing_a_documents_mentions_keeps_the_cache_in_step(tmp_path, make_mention, save_merged):
    """An event only the old mentions made goes from the store and the cache; a new one is stored and cached."""
    old = make_mention(start="2025-06-21", quantity=14, doc="1.txt")
    old.doc_id = "d1"
    with Store(tmp_path / "s.duckdb") as store:
        events = save_merged(store, _doc(1), [old])
        assert store.events_by_id([events[0].id])[0] is events[0]  # cached after the write
        waiting = make_mention(start="2025-06-21", actor=(), doc="1.txt")
        waiting.doc_id = "d1"
        new = make_mention(start="2025-07-02", doc="1.txt")
        new.doc_id = "d1"
        made = []
        merge([new], made)
        store.replace_document_mentions(_doc(1), [waiting, new], made, emptied_event_ids=[events[0].id])
        assert events[0].id not in store._cache and made[0].id in store._cache
        assert [e.id for e in store.events()] == [made[0].id]
        assert [m.id for m in store.document_mentions("d1")] == sorted([waiting.id, new.id])
        assert [m.id for m in store.unresolved_mentions()] == [waiting.id]
        assert store.waiting_documents() == ["d1"] and store.document_ids(["1.txt"]) == ["d1"]
        assert [d.name for d in store.iter_documents(["d1", "missing"], store.reader())] == ["1.txt"]


def test_events_read_a_page_at_a_time_are_the_events(tmp_path):
    """`iter_events` (what an export of a whole store streams) gives `events`, in order, whatever the page."""
    import detente

    db = str(tmp_path / "demo.duckdb")
    detente.ingest([str(detente.demo_corpus())], db)
    with Store(db, read_only=True) as store:
        for kw in ({}, {"dyad": ("USA", "BLR")}, {"since": dt.date(2025, 3, 1), "min_confidence": 0.5}):
            want = [e.id for e in store.events(**kw)]
            assert [e.id for e in store.iter_events(**kw, page=3)] == want and want
            assert [e.id for e in store.iter_events(**kw)] == want


def test_candidate_events_of_an_undirected_query_include_events_within_its_parties(tmp_path, make_mention,
                                                                                     save_merged):
    """A meeting of three states may join a stored meeting of two of them (`either_way`): the store's query
    and the batch writer decide it by one test, `CandidateQuery.admits`."""
    from detente.model import CandidateQuery

    two = make_mention(event="CONSULT", mode="visit", actor=("LTU",), recipient=("LVA",), start="2024-05-02")
    other = make_mention(event="CONSULT", mode="visit", actor=("LTU",), recipient=("POL",), start="2024-05-02")
    far = make_mention(event="CONSULT", mode="visit", actor=("LTU",), recipient=("LVA",), start="2019-05-02")
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        for i, m in enumerate((two, other, far)):
            m.doc_id = f"d{i}"
            save_merged(store, _doc(i), [m])
    day = dt.date(2024, 5, 2)
    meeting = CandidateQuery(day, day, ("CONSULT",), all_parties=("EST", "LTU", "LVA"), either_way=True)
    strict = CandidateQuery(day, day, ("CONSULT",), all_parties=("EST", "LTU", "LVA"))
    # a wide interval in the same call: it widens only its own part of the query
    wide = CandidateQuery(dt.date(2015, 1, 1), dt.date(2025, 1, 1), ("CONSULT",), any_actor=("LTU",), quantity=14.0)
    with Store(db, read_only=True) as store:
        every = store.events()
        found = store.candidate_events([meeting, wide])
        assert [e.mentions[0].id for e in found] == [two.id]
        assert [e.id for e in found] == [e.id for e in every if meeting.admits(e) or wide.admits(e)]
        assert store.candidate_events([strict]) == []
        decade = CandidateQuery(dt.date(2015, 1, 1), dt.date(2025, 1, 1), ("CONSULT",), any_actor=("LTU",))
        assert len(store.candidate_events([decade, meeting])) == 3


def test_a_candidate_lookup_reads_the_mentions_of_the_events_it_admits_only(tmp_path, make_mention, monkeypatch,
                                                                            save_merged):
    """The SQL of a candidate lookup selects more than `CandidateQuery.admits` keeps (an undirected query: any
    event naming one of its parties); the records, most of what a lookup reads, are read for those it keeps."""
    from detente.model import CandidateQuery

    two = make_mention(event="CONSULT", mode="visit", actor=("LTU",), recipient=("LVA",), start="2024-05-02")
    other = make_mention(event="CONSULT", mode="visit", actor=("LTU",), recipient=("POL",), start="2024-05-02")
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        for i, m in enumerate((two, other)):
            m.doc_id = f"d{i}"
            save_merged(store, _doc(i), [m])
    day = dt.date(2024, 5, 2)
    meeting = CandidateQuery(day, day, ("CONSULT",), all_parties=("EST", "LTU", "LVA"), either_way=True)
    asked: list[str] = []
    read = Store._mention_records

    def spy(self, event_ids):
        asked.extend(event_ids)
        return read(self, event_ids)

    monkeypatch.setattr(Store, "_mention_records", spy)
    with Store(db, read_only=True) as store:
        sql, params = store._candidate_sql([meeting])
        assert len(store.con.execute(sql, params).fetchall()) == 2  # what the SQL selects
        [found] = store.candidate_events([meeting])
        assert [m.id for m in found.mentions] == [two.id]
        assert asked == [found.id]


def test_source_keys_of_some_documents_by_a_literal_list_or_a_join_are_the_same(tmp_path, monkeypatch):
    """A few ids go to DuckDB as a literal list (answered from the key's index; a join with the unnested ids read
    every document), many as the join: the same answer either way."""
    import detente.store as store_module

    with Store(tmp_path / "s.duckdb") as store:
        for i in range(5):
            store.save(_doc(i), [], [])
        every = store.source_keys()
        some = ["d1", "d3", "nothing"]
        few = store.source_keys(some)
        monkeypatch.setattr(store_module, "FEW", 1)
        assert store.source_keys(some) == few == {d: every[d] for d in ("d1", "d3")}
        assert store.source_keys([]) == {}


def test_bounded_memory_caps_duckdbs_cache_while_a_job_runs_and_restores_it(tmp_path):
    def limit(store):
        return store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]

    with Store(tmp_path / "s.duckdb") as store:
        before = limit(store)
        with store.bounded_memory("64MB"):
            during = limit(store)
            assert during != before
            held = store.con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory() WHERE tag <> 'BASE_TABLE'"
                                     ).fetchone()[0]
            # the cache bound beside what DuckDB holds outside its cache (MiB as DuckDB prints it)
            assert float(during.split()[0]) * (1024 if "GiB" in during else 1) >= 64 * 10**6 / 2**20 + held / 2**20 - 1
            store.fit_memory()
        assert limit(store) == before
        store.fit_memory()  # outside: changes nothing
        assert limit(store) == before


def test_nearest_candidates_are_the_n_candidates_nearest_the_day(tmp_path, make_mention, save_merged):
    """What an undated retelling may join is read nearest-first (a large store holds thousands in its year):
    the n events nearest the day among those `candidate_events` selects, per ask, in one statement."""
    from detente.merge import candidate_queries

    days = ["2025-01-05", "2025-03-10", "2025-06-01", "2025-06-20", "2025-09-15"]
    ms = [make_mention(start=d, doc="a.txt", actor=("CHL",), recipient=("PER",)) for d in days]
    ms.append(make_mention(start="2025-06-18", doc="a.txt", actor=("GHA",), recipient=("TGO",)))
    with Store(tmp_path / "s.duckdb") as store:
        save_merged(store, _doc(1), ms, apart=True)
        probe = make_mention(start="2025-01-01", end="2025-06-25", doc="b.txt", actor=("CHL",), recipient=("PER",))
        queries = candidate_queries([probe])
        every = store.candidate_events(queries)
        assert len(every) == 4  # the September event lies outside, Ghana's is another dyad
        (near, none) = store.nearest_candidates([(queries, dt.date(2025, 6, 25)), ([], dt.date(2025, 6, 25))], 2)
        assert [str(e.date_start) for e in near] == ["2025-06-20", "2025-06-01"] and none == []
        (far,) = store.nearest_candidates([(queries, dt.date(2025, 1, 1))], 3)
        assert [str(e.date_start) for e in far] == ["2025-01-05", "2025-03-10", "2025-06-01"]


def test_nearest_candidates_looked_for_near_the_day_first_are_the_nearest_of_all(tmp_path, make_mention,
                                                                                   save_merged):
    """The first round reads only the days near each ask's day, the second all of its interval for an ask
    that found too few: the answer is the n nearest of all candidates, whatever the round (a long event
    that meets both the interval and the window, far days, ties)."""
    import random

    from detente import store as store_module
    from detente.merge import candidate_queries

    rng = random.Random(7)
    base = dt.date(2020, 1, 1)
    spans = [(o, o + rng.choice([0, 0, 0, 3, 40, 400])) for o in (rng.randrange(0, 1500) for _ in range(60))]
    ms = [make_mention(start=str(base + dt.timedelta(days=a)), end=str(base + dt.timedelta(days=b)), doc="a.txt",
                       actor=("CHL",), recipient=("PER",)) for a, b in spans]
    with Store(tmp_path / "s.duckdb") as store:
        save_merged(store, _doc(1), ms, apart=True)
        probe = make_mention(start="2020-01-01", end="2024-02-01", doc="b.txt", actor=("CHL",), recipient=("PER",))
        queries = candidate_queries([probe])
        every = store.candidate_events(queries)

        def distance(e, day):
            return 0 if e.date_start <= day <= e.date_end else min(abs((e.date_start - day).days),
                                                                    abs((e.date_end - day).days))
        asks = [(queries, base + dt.timedelta(days=d)) for d in (0, 200, 731, 1100, 1499, 1600)]
        for n in (1, 3, 12):
            want = [[e.id for e in sorted(every, key=lambda e: (distance(e, day), e.id))[:n]] for _, day in asks]
            assert [[e.id for e in got] for got in store.nearest_candidates(asks, n)] == want
            for window in (0, 2, 5000):  # every event found in the first round, some, none
                old = store_module.NEAR_DAYS
                store_module.NEAR_DAYS = window
                try:
                    assert [[e.id for e in got] for got in store.nearest_candidates(asks, n)] == want
                finally:
                    store_module.NEAR_DAYS = old


def test_a_trimmed_cache_is_evicted_between_writes_and_never_bounds_one(tmp_path):
    """DuckDB's cache is cut to the bound between transactions; a write far larger than the bound, in one
    transaction, commits (a limit held while committing once invalidated a store), and the store opens
    again with every row."""
    def cached(store):
        return store.con.execute("SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory()"
                                 " WHERE tag = 'BASE_TABLE'").fetchone()[0]

    def limit(store):
        return store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]

    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.con.execute("CREATE TABLE filler AS SELECT i, repeat('x', 60) || i AS s FROM range(300000) r(i)")
    with Store(path) as store, store.trimmed_cache("1MB"):
        before = limit(store)
        store.con.execute("SELECT sum(length(s)) FROM filler").fetchall()  # read: cached
        assert cached(store) > 4 * 2**20
        store.trim_cache()
        assert cached(store) <= 2**20 + 2**18 and limit(store) == before
        with store.batch():  # inside a transaction nothing is trimmed
            store.con.execute("INSERT INTO filler SELECT i, repeat('y', 90) FROM range(300000, 1000000) r(i)")
            store.trim_cache()
        store.trim_cache()
        assert limit(store) == before
        assert store.con.execute("SELECT count(*) FROM filler").fetchone()[0] == 1000000
    with Store(path, read_only=True) as store:
        assert store.con.execute("SELECT count(*), max(i) FROM filler").fetchone() == (1000000, 999999)


def test_copy_look_ups_by_the_key_index_find_what_a_join_with_every_stored_key_finds(tmp_path, monkeypatch):
    """The stored documents sharing band keys are found through the index on the key, a literal list of a few
    hundred keys at a time (a join read every stored key): the same rows as the join, one per shared key, also
    when the keys take several lists, and a key of another band is no match."""
    import detente.store as store_module
    from detente.syndication import StoredCopies

    texts = {i: f"Our own report number {i} on the talks between the two capitals, told in a few plain words."
             for i in range(4)}
    texts[3] = texts[1]  # a copy of the second
    with Store(tmp_path / "s.duckdb") as store:
        copies = StoredCopies(store)
        keys = {i: copies.band_keys(t, f"d{i}")[1] for i, t in texts.items()}
        for i in range(3):
            store.save(Document(id=f"d{i}", name=f"{i}.txt", text=texts[i]), [], [], copy_keys=keys[i])
        joined = sorted(store.con.execute(
            "SELECT c.band, c.key, d.id, d.text, d.source_group FROM copy_bands c JOIN (SELECT unnest(?) AS band,"
            " unnest(?) AS key) k ON c.band = k.band AND c.key = k.key JOIN documents d ON d.id = c.doc_id",
            [[b for b, _ in keys[3]], [k for _, k in keys[3]]]).fetchall())
        assert "d1" in {r[2] for r in joined}  # (the others share a few shingles too: LSH proposes, text confirms)
        assert sorted(store.copy_band_matches(keys[3])) == joined
        assert [r[0] for r in store.copy_candidates(keys[3])] == sorted({r[2] for r in joined})
        monkeypatch.setattr(store_module, "FEW", 3)  # the keys in several lists
        assert sorted(store.copy_band_matches(keys[3])) == joined
        assert store.copy_band_matches([(b + 100, k) for b, k in keys[3]]) == []  # the key, but in no such band


def _raw_records(store) -> dict:
    import json

    return {r[0]: (r[1], json.loads(r[2])) for r in store.con.execute("SELECT id, event_id, record FROM mentions").fetchall()}


def test_a_mention_moved_by_merging_is_read_in_the_event_its_column_names(tmp_path, make_mention, save_merged):
    """The event a mention is in is the `event_id` column alone: merging moves stored mentions by updating the
    column, so a copy in the JSON record would go stale (it did: the record kept the first event)."""
    db = tmp_path / "s.duckdb"
    first = make_mention(doc="1.txt", start="2025-06-21")
    first.doc_id = "d1"
    with Store(db) as store:
        (e1,) = save_merged(store, _doc(1), [first])
        other = make_mention(doc="2.txt", start="2025-06-21")
        other.doc_id = "d2"
        (e2,) = merge([other], [])
        first.event_id = e2.id  # merging put the stored telling into the new article's event
        e2.mentions.append(first)
        store.save(_doc(2), [other], [e2], gone=[e1.id], moved=[first])
        column, record = _raw_records(store)[first.id]
        assert column == e2.id != e1.id and record.get("event_id", column) == column
        assert [m.event_id for m in store.document_mentions("d1")] == [e2.id]
        # a record written before (one that holds the event it was first put in) is read by its column
        store.con.execute("UPDATE mentions SET record = json_merge_patch(record, ?) WHERE id = ?",
                          ['{"event_id": "%s"}' % e1.id, first.id])
        assert [m.event_id for m in store.document_mentions("d1")] == [e2.id]
        (e,) = store.events()
        assert e.id == e2.id and {m.event_id for m in e.mentions} == {e2.id}


def test_an_ingested_store_keeps_no_event_in_its_mention_records(tmp_path):
    import detente

    for name, text in [("a.txt", "RIGA, March 21, 2025 - Latvia freed 10 Estonian detainees on March 3, the foreign "
                                  "ministry said on Friday.\n"),
                       ("b.txt", "TALLINN, March 22, 2025 - Latvia freed 10 Estonian detainees in March, officials "
                                  "said, a day after Estonia expelled a Latvian diplomat.\n")]:
        (tmp_path / name).write_text(text, encoding="utf-8")
        detente.ingest([str(tmp_path / name)], str(tmp_path / "s.duckdb"))  # one at a time: the second re-merges
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        rows = _raw_records(store)
        assert rows and all("event_id" not in record for _, record in rows.values())
        events = store.events()
        assert any(len({m.doc_id for m in e.mentions}) == 2 for e in events)  # the retelling joined the first event
        assert {m.id: e.id for e in events for m in e.mentions} == {k: c for k, (c, _) in rows.items() if c}
