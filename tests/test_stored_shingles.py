"""Copy detection against the store confirms its candidates from the shingle hashes stored with each document
(`documents.shingles`) instead of shingling their texts again: the links and copy groups it finds are those of
the in-memory index, which shingles every text itself; a store written before the column existed gets the
hashes computed from its texts on first need, and kept."""
import random

import numpy as np

from detente.model import Document
from detente.store import Store
from detente.syndication import (ShingleSets, SyndicationIndex, StoredCopies, overlaps, pack, shingle_hashes,
                                 unpack)

from articles import article


def _texts(n: int, seed: int) -> list[tuple[str, str]]:
    """Templated articles (many share sentences, so LSH proposes many candidates that the exact test rejects),
    and reprints: a line added above, the last paragraph left out, one text cut to its first half."""
    rng = random.Random(seed)
    out = [(f"a{i:03d}", article(rng)[0]) for i in range(n)]
    for i in range(0, n, 7):
        text = out[i][1]
        out.append((f"r{i:03d}", "Reprinted from our wire service.\n" + text.rsplit("\n", 1)[0]))
    out.append(("half", out[3][1][:len(out[3][1]) // 2]))
    rng.shuffle(out)
    return out


def test_overlaps_count_what_intersect1d_counts():
    rng = np.random.default_rng(4)
    hashes = np.unique(rng.integers(0, 400, 120).astype(np.uint32))
    others = [np.unique(rng.integers(0, 400, k).astype(np.uint32)) for k in (0, 1, 5, 80, 300, 0, 2)]
    want = [len(np.intersect1d(hashes, o, assume_unique=True)) for o in others]
    assert overlaps(hashes, others).tolist() == want
    sets = ShingleSets.unpacked([pack(o) for o in others])
    assert sets.overlaps(hashes).tolist() == want
    assert sets.overlaps(hashes, np.array([3, 0, 6, 3])).tolist() == [want[3], want[0], want[6], want[3]]
    assert sets.overlaps(hashes, np.array([], dtype=np.int64)).tolist() == []
    assert sets.overlaps(np.array([1000], np.uint32)).tolist() == [0] * len(others)
    assert overlaps(np.zeros(0, np.uint32), others).tolist() == [0] * len(others)
    assert overlaps(hashes, []).tolist() == []
    top = np.array([0, 2**32 - 1], dtype=np.uint32)  # the ends of the hash range
    assert overlaps(top, [np.array([2**32 - 1], np.uint32), np.array([1, 2**32 - 2], np.uint32)]).tolist() == [1, 0]


def test_stored_shingles_find_the_links_and_groups_the_in_memory_index_finds(tmp_path):
    texts = _texts(120, seed=9)
    reference = SyndicationIndex()
    with Store(tmp_path / "s.duckdb") as store:
        copies = StoredCopies(store)
        for doc_id, text in texts:
            links, group, keys, joined = copies.check(doc_id, text)
            assert sorted(link.other for link in links) == reference.add(doc_id, text)
            store.save(Document(id=doc_id, name=doc_id, text=text), [], [], source_group=group, copy_keys=keys,
                       shingles=copies.packed(doc_id, text), joined_groups=joined)
            copies.forget()
        assert len(reference.links) >= len(texts) - 120  # every reprint found its original
        found = {(l.doc_id, l.other): (l.containment, l.jaccard) for l in reference.links}
        stored = dict(store.con.execute("SELECT id, shingles FROM documents").fetchall())
        assert all(np.array_equal(unpack(stored[d]), shingle_hashes(t)) for d, t in texts)
        groups = dict(store.con.execute("SELECT id, source_group FROM documents").fetchall())
    # the same partition into copy groups (the store names a group by the least id of those it joined)
    mine = {frozenset(d for d in groups if groups[d] == g) for g in groups.values()}
    theirs = {frozenset(d for d, g2 in reference.groups().items() if g2 == g) for g in reference.groups().values()}
    assert mine == theirs and len(mine) < len(texts)
    # and the same figures on every link, checked again one by one against stored hashes
    with Store(tmp_path / "s.duckdb") as store:
        copies = StoredCopies(store)
        for (a, b), figures in found.items():
            text = dict(texts)[a]
            again = {l.other: (l.containment, l.jaccard) for l in copies.check(a, text)[0]}
            assert again[b] == figures


def test_a_store_without_stored_shingles_computes_them_once_and_keeps_them(tmp_path):
    texts = _texts(40, seed=2)
    *older, (last_id, last) = texts
    with Store(tmp_path / "new.duckdb") as new, Store(tmp_path / "old.duckdb") as old:
        copies = StoredCopies(new)
        for doc_id, text in older:
            _, group, keys, joined = copies.check(doc_id, text)
            for store, shingles in ((new, copies.packed(doc_id, text)), (old, None)):  # old: as written before
                store.save(Document(id=doc_id, name=doc_id, text=text), [], [], source_group=group, copy_keys=keys,
                           shingles=shingles, joined_groups=joined)
            copies.forget()
        assert old.con.execute("SELECT count(shingles) FROM documents").fetchone() == (0,)
        want = StoredCopies(new).check(last_id, last)
        assert want[0]  # it has copies among the older articles
        assert StoredCopies(old).check(last_id, last) == want
        kept = dict(old.con.execute("SELECT id, shingles FROM documents WHERE shingles IS NOT NULL").fetchall())
        assert {link.other for link in want[0]} <= set(kept)  # the candidates' hashes were written back
        assert all(np.array_equal(unpack(kept[d]), shingle_hashes(t)) for d, t in older if d in kept)
        assert StoredCopies(old).check(last_id, last) == want  # now from the kept hashes
        # the stored hashes are what the check reads: wrong ones would change its answer
        old.con.execute("UPDATE documents SET shingles = ? WHERE shingles IS NOT NULL", [pack(np.zeros(0, np.uint32))])
        assert StoredCopies(old).check(last_id, last)[0] == []


def test_redating_from_the_copies_found_while_writing_finds_what_looking_them_up_again_finds(tmp_path):
    """The writer keeps, for each undated article, the copies found when it was written and those written after
    it; at the end it dates again from them what looking every article's copies up again dated (a look-up as
    costly as the first, over every candidate the store holds)."""
    import copy
    import json

    from detente.ingest import iter_documents
    from detente.model import CodedDocument
    from detente.pipeline import Writer, code_documents

    from articles import write_corpus

    write_corpus(tmp_path / "c", 24, seed=6)
    recs = [json.loads(line) for line in (tmp_path / "c" / "manifest.jsonl").read_text().splitlines()]
    recs = [{"id": r["id"], "published": r["published"], "text": (tmp_path / "c" / r["path"]).read_text()} for r in recs]
    # undated reprints: before their dated original (in an earlier batch, and in the same one), after it, and
    # a reprint of a reprint
    def reprint(i, tag):
        return {"id": f"{tag}-{i}", "text": f"Reprinted by the {tag} desk.\n" + recs[i]["text"]}
    mixed = [reprint(20, "early"), *recs[:6], reprint(7, "near"), *recs[6:18], reprint(3, "late"),
             reprint(3, "again"), *recs[18:]]
    (tmp_path / "m.jsonl").write_text("".join(json.dumps(r) + "\n" for r in mixed))
    coded = code_documents(list(iter_documents([str(tmp_path / "m.jsonl")])))
    assert all(isinstance(c, CodedDocument) for c in coded)
    ids = {c.doc.name: c.doc.id for c in coded}
    undated = {ids[name] for name in ("early-20", "near-7", "late-3", "again-3")}
    found = {}
    for linked in (True, False):
        with Store(tmp_path / f"{linked}.duckdb") as store:
            writer = Writer(store, checked=True)
            items = copy.deepcopy(coded)
            for i in range(0, len(items), 5):
                writer.write_all(items[i:i + 5])
            assert writer.linked is not None
            if not linked:
                writer.linked = None  # every undated article's copies looked up again
            else:
                assert {d for d, others in writer.linked.items() if others} == undated
            found[linked] = writer.redate()
    assert found[True] == found[False]
    assert ids["early-20"] in found[True]  # its dated copy came after it
