"""The single writer's batches: merge and store a few dozen coded documents with a few statements.

Writing one document at a time asked DuckDB about ten statements per document (its copies, its candidate
events, the inserts, a commit), each costing about a millisecond of planning whatever the rows: half of
the time the parser took. Here a batch asks once for the stored copies and the stored candidate events of
all its documents, then merges document after document in memory, exactly as one at a time would (each
document sees the events and copy groups the earlier ones left, and its candidates are chosen by the test
the store applies to what its query selects, `CandidateQuery.admits`), and writes the batch's rows in one
transaction. The store is what writing one at a time leaves; the tests compare the two.
"""
from __future__ import annotations

import numpy as np

from .merge import candidate_queries, candidates, recluster
from .model import CodedDocument, Mention
from .pubdate import FROM_COPIES
from .syndication import overlaps, pack


def _compared(hashes, near: list[str], places: dict[str, int], sets, shingles: dict) -> tuple:
    """(sizes, shared) of the candidates `near`: the stored ones from the batch's `ShingleSets`, those of the
    batch itself (few) from `shingles`."""
    where = np.array([places.get(o, -1) for o in near], dtype=np.int64)
    sizes, shared = np.zeros(len(near), dtype=np.int64), np.zeros(len(near), dtype=np.int64)
    kept = where >= 0
    sizes[kept], shared[kept] = sets.sizes[where[kept]], sets.overlaps(hashes, where[kept])
    for i in np.flatnonzero(~kept).tolist():
        sizes[i], shared[i] = len(shingles[near[i]]), overlaps(hashes, [shingles[near[i]]])[0]
    return sizes, shared


def write_batch(writer, items: list[CodedDocument], related: dict[str, set[str]]) -> list[int | None]:
    """Store these coded documents in one transaction; per document, the number of events it touched, or None
    when its text is stored already (or came earlier in the batch). On any failure nothing of the batch is
    stored and the writer is as it was (the caller then writes the documents one by one). `writer` is the
    pipeline's `Writer` (its store, copies and what it has written so far)."""
    store, copies = writer.store, writer.copies
    undated, claims = [], {}  # the writer's, added to once the batch is stored
    ids = [it.doc.id for it in items]
    stored = set() if writer.checked else {r[0] for r in store.con.execute(
        "SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [ids]).fetchall()}
    try:
        keyed = {}  # doc id -> (shingle hashes, band keys)
        for it in items:
            if it.doc.id not in keyed:
                keyed[it.doc.id] = copies.band_keys(it.doc.text, it.doc.id)
        owners: dict[tuple[int, int], list[str]] = {}  # band key -> documents that have it (stored, then batch)
        groups: dict[str, str] = {}  # copy group of every document seen in this batch, as joins change them
        matches = store.copy_band_matches(k for _, keys in keyed.values() for k in keys)
        # the stored candidates' shingle hashes, read once for the whole batch; the batch's own in `shingles`
        places, sets = copies.stored(list({m[2]: m[3] for m in matches}.items()))
        shingles = {}
        for band, key, other, _, group in matches:
            owners.setdefault((band, key), []).append(other)
            groups[other] = group or other
        coded = [m for it in items for m in it.mentions if m.resolved]
        live = {e.id: e for e in candidates(store, coded, related)} if coded else {}
        out: list[int | None] = []
        rows, joins, new_mentions = [], [], []
        moved: dict[str, Mention] = {}
        tellings: dict = {}  # each mention's telling, for all the reclusters of the batch (the same objects)
        dirty: set[str] = set()
        gone_all: set[str] = set()
        batch_ids: set[str] = set()
        linked = []  # (document, the copies found for it, whether it is undated), for `Writer.redate`
        for it in items:
            doc = it.doc
            if doc.id in writer.seen or doc.id in stored or doc.id in batch_ids:
                out.append(None)
                continue
            batch_ids.add(doc.id)
            hashes, keys = keyed[doc.id]
            # the stored documents and the earlier ones of the batch sharing a key, in id order as the query
            near = sorted({o for k in keys for o in owners.get(k, ()) if o != doc.id})
            links, group, _, joined = copies.links(doc.id, hashes, keys, near, *_compared(hashes, near, places, sets,
                                                                                         shingles), groups)
            linked.append((doc.id, [link.other for link in links], doc.published_source in FROM_COPIES))
            for g in joined:
                joins.append((group, g))
                for d, dg in groups.items():
                    if dg == g:
                        groups[d] = group
            for k in keys:
                owners.setdefault(k, []).append(doc.id)
            shingles[doc.id], groups[doc.id] = hashes, group
            rows.append((doc, group, keys, pack(hashes)))
            mine = [m for m in it.mentions if m.resolved]
            touched, same, gone, now_moved = [], [], [], []
            if mine:
                queries = candidate_queries(mine, related)
                near_events = sorted((e for e in live.values() if any(q.admits(e) for q in queries)),
                                     key=lambda e: e.id)
                touched, same, gone, now_moved = recluster(mine, near_events, tellings)
            for eid in gone:
                live.pop(eid, None)
                gone_all.add(eid)
            for e in touched + same:
                live[e.id] = e
            dirty.update(e.id for e in touched)
            for m in now_moved:
                moved[m.id] = m
            new_mentions.extend(it.mentions)
            if it.claims is not None:  # kept by the writer once the batch is stored (`Writer.write`)
                claims[doc.id] = it.claims
            if doc.published_source in FROM_COPIES:
                undated.append((doc.id, it.copies_seen))
            out.append(len(touched))
        # a document's copy group as the later joins of the batch left it: `save` wrote it, then the
        # joins' updates renamed it; writing it as it was and replaying the joins does the same
        store.save_many(rows, joins, new_mentions, [m for m in moved.values() if m.doc_id not in batch_ids],
                        [live[i] for i in sorted(dirty) if i in live], gone_all)
    except BaseException:
        store.forget()  # merging changed cached events in place: they no longer match the store
        copies.forget()
        for it in items:  # written one by one next: from the coder's state
            for m in it.mentions:
                m.event_id = ""
        raise
    copies.forget()  # an answer kept from before the batch was stored would miss its copies
    if writer.checked:
        writer.seen.update(batch_ids)
    writer.undated.extend(undated)
    writer.note_links(linked)
    writer.claims.update(claims)
    if len(writer.claims) >= 256:  # kept a few hundred at a time, as `Writer.write` does
        writer.keep_claims()
    return out
