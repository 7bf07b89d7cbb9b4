import datetime as dt

import pytest

from detente.api import demo_corpus
from detente.ingest import iter_documents
from detente.model import Document, Event
from detente.store import Store
from detente.syndication import (SyndicationIndex, build_index, num_sources, outlets_of, shingle_hashes,
                                 source_groups, support)

WIRE = """Envoy returns from Minsk with five freed prisoners

VILNIUS, March 3 (Lakeside Wire) - An American envoy crossed into Lithuania on Monday with five people
released from Belarusian jails, the latest sign that talks between Washington and Minsk are bearing fruit.

The envoy met the Belarusian leader for three hours on Sunday, according to officials on both sides, and
the talks covered embassy staffing, the fate of detained journalists and the airline sanctions.

Among those freed were two journalists and a retired teacher who had been sentenced for posting comments
online. Their families were waiting at the border crossing near Medininkai.

Rights groups welcomed the releases but said the prisons still hold many more people jailed for their
views, and that new arrests had continued through the winter.

Neither government would say whether a further round of talks had been scheduled."""

OTHER = """Five freed as U.S. envoy wraps up Belarus trip

Five prisoners were allowed to leave Belarus on Monday after a visit by an American envoy, relatives said,
in what observers called a modest step. The group, which included two reporters, reached Lithuania by car.

Diplomats in Vilnius cautioned against reading too much into the gesture, noting that the embassy question
remains open and that sanctions on the state airline are still in force.

Human rights defenders said the number of people behind bars for political reasons has barely changed."""


def _copy_trimmed_and_edited(text: str) -> str:
    paras = text.split("\n\n")
    kept = paras[:3]  # the first 60% of the story
    kept[0] = "Belarus lets five go as talks continue"  # a new headline
    kept.insert(2, "The release was first reported by a regional newspaper.")  # a sentence added
    return "\n\n".join(kept)


def test_trimmed_retitled_copy_is_found_and_a_distinct_report_is_not():
    idx = SyndicationIndex()
    assert idx.add("wire", WIRE) == []
    assert idx.add("other", OTHER) == []  # same news, written independently: not a copy
    assert idx.add("reprint", _copy_trimmed_and_edited(WIRE)) == ["wire"]
    groups = idx.groups()
    assert groups["reprint"] == groups["wire"] == "wire"
    assert groups["other"] == "other"
    link = idx.links[0]
    assert link.containment >= 0.5 and link.jaccard < link.containment  # trimmed: contained, not similar


def test_paragraph_order_case_and_punctuation_do_not_hide_a_copy():
    paras = WIRE.split("\n\n")
    shuffled = "\n\n".join([paras[0], paras[3], paras[1], paras[4], paras[2]]).upper().replace(",", "")
    idx = SyndicationIndex()
    idx.add("a", WIRE)
    assert idx.add("b", shuffled) == ["a"]


def test_adding_an_id_twice_changes_nothing():
    idx = SyndicationIndex()
    idx.add("wire", WIRE)
    idx.add("reprint", _copy_trimmed_and_edited(WIRE))
    assert idx.add("reprint", "completely different text now") == ["wire"]
    assert len(idx) == 2 and len(idx.links) == 1


def test_state_round_trips_and_keeps_finding_copies():
    idx = SyndicationIndex()
    idx.add("wire", WIRE)
    idx.add("other", OTHER)
    restored = SyndicationIndex.from_bytes(idx.to_bytes())
    assert restored.groups() == idx.groups()
    assert restored.add("reprint", _copy_trimmed_and_edited(WIRE)) == ["wire"]
    assert restored.copies_of("wire") == ["reprint"]


def test_memory_per_document_is_bounded():
    long_text = " ".join(f"word{i}" for i in range(60_000))
    assert len(shingle_hashes(long_text)) == 20_000
    assert shingle_hashes("").size == 0


@pytest.fixture(scope="module")
def demo_docs():
    return [d for d in iter_documents([demo_corpus()]) if isinstance(d, Document)]


def test_demo_wire_story_and_its_reprint_are_one_group_and_the_rest_are_distinct(demo_docs):
    groups = build_index(demo_docs).groups()
    by_name = {d.name[:2]: groups[d.id] for d in demo_docs}
    assert by_name["04"] == by_name["05"]
    others = [v for k, v in by_name.items() if k not in ("04", "05")]
    assert len(set(others)) == len(others) == 6 and by_name["04"] not in others
    # the group is named after the earliest article: the wire story of Aug 18, not the reprint of Aug 19
    wire = next(d for d in demo_docs if d.name.startswith("04"))
    assert by_name["05"] == wire.id


def test_outlets_come_from_metadata_or_the_wire_dateline(demo_docs):
    outlets = {d.name[:2]: o for d, o in zip(demo_docs, outlets_of(demo_docs).values())}
    assert outlets["04"] == "Eastern Wire" and outlets["05"] == "Daugava Dispatch"
    assert outlets["03"] is None


def test_source_groups_rebuild_from_the_store(tmp_path, demo_docs):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        for d in demo_docs:
            store.save(d, [], [])
    with Store(db, read_only=True) as store:
        groups = source_groups(store)
    assert groups == build_index(demo_docs).groups()


def _event(mentions) -> Event:
    return Event(id="ev-1", event="RETREAT", mode="release", cameo="0841", goldstein=7.0, plover_score=7.0,
                 actor=[], recipient=[], date_start=dt.date(2025, 8, 15), date_end=dt.date(2025, 8, 15),
                 quantity=None, mentions=mentions)


def test_syndicated_copies_are_one_source(make_mention):
    wire, reprint, other = (make_mention(doc=n) for n in ("wire.txt", "reprint.txt", "other.txt"))
    e = _event([wire, reprint, other])
    groups = {"doc-wire.txt": "doc-wire.txt", "doc-reprint.txt": "doc-wire.txt", "doc-other.txt": "doc-other.txt"}
    assert num_sources(e, groups) == 2
    assert support(e, groups) == {"num_sources": 2, "num_articles": 3, "num_mentions": 3}
    # without syndication, three sources; two articles of one outlet are one source
    assert num_sources(e, {}) == 3
    assert num_sources(e, {}, {"doc-wire.txt": "Ledger", "doc-other.txt": "ledger ", "doc-reprint.txt": None}) == 2
