"""Syndicated and near-duplicate articles: one wire story republished by several outlets is one source.

A story that Eastern Wire sends out and three papers reprint (trimmed, retitled, a paragraph moved, a
sentence added) is one piece of evidence, not four independent confirmations. `SyndicationIndex`
finds such copies with MinHash + LSH over word shingles (datasketch) and confirms every candidate with
an exact containment check on the shingle sets, so a trimmed copy (contained in the original, but with
a low Jaccard similarity to it) is caught and two articles on the same news are not joined.

Connected components of the copy relation are *sources*; `num_sources` counts them among an event's
mentions, GDELT-style, next to `num_articles` and `num_mentions`.
"""
from __future__ import annotations

import functools

import hashlib
import io
import json
import re
import unicodedata
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping

import numpy as np

from .disjoint import DisjointSets

if TYPE_CHECKING:
    from datasketch import MinHash

from .model import Event

SHINGLE = 4  # words per shingle: long enough that two reports of one event share few of them
NUM_PERM = 128
LSH_THRESHOLD = 0.2  # Jaccard at which LSH proposes a candidate; recall-oriented, confirmed exactly after
CONTAINMENT = 0.5  # share of the smaller document's shingles found in the other: a copy
SCHEME = "affine32"  # datasketch hash scheme; stored signatures are only comparable within one scheme
MAX_SHINGLES = 20_000  # bottom-k cap per document (bounded memory: ~80 KB plus the 512-byte signature)

_WORD = re.compile(r"\w+")


def _identity(x):  # MinHash hashfunc for shingles already hashed to 32 bits (module level: picklable)
    return x


def shingle_hashes(text: str, k: int = SHINGLE, cap: int = MAX_SHINGLES) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word k-grams of `text` (case, accents and punctuation folded).

    Long texts keep the `cap` smallest hashes (a bottom-k sketch), which keeps containment estimates
    consistent between documents while bounding memory."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    words = _WORD.findall(folded)
    if not words:
        return np.zeros(0, dtype=np.uint32)
    grams = [" ".join(words[i:i + k]) for i in range(max(1, len(words) - k + 1))]
    # CRC-32 is a stable, C-speed 32-bit hash: enough to tell word 4-grams apart for copy detection
    hashes = np.unique(np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint32, count=len(grams)))
    return hashes[:cap]


def pack(hashes: np.ndarray) -> bytes:
    """A document's shingle hashes as the store keeps them (`documents.shingles`): little-endian uint32s."""
    return np.asarray(hashes, dtype="<u4").tobytes()


def unpack(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")


def overlaps(hashes: np.ndarray, others: list[np.ndarray]) -> np.ndarray:
    """|hashes & other| for each of `others` (all sorted, without repeats)."""
    return ShingleSets.of(others).overlaps(hashes)


_SHIFT = 12  # 32-bit hashes -> their top 20 bits


def _top_bits(hashes: np.ndarray) -> np.ndarray:
    """Which top-20-bit prefixes these hashes have (a 1 MB table)."""
    table = np.zeros(1 << (32 - _SHIFT), dtype=bool)
    table[hashes >> _SHIFT] = True
    return table


class ShingleSets:
    """The shingle hashes of many documents in one array, so that a new document is compared with all of them
    in a few numpy operations (a store of templated articles gave each new one thousands of candidates, and a
    call of `np.intersect1d` per candidate cost more than the comparisons). Each set is sorted, without repeats."""

    def __init__(self, flat: np.ndarray, sizes: np.ndarray):
        self.flat, self.sizes = flat, sizes
        self.ends = np.cumsum(sizes)

    @classmethod
    def of(cls, sets: list[np.ndarray]) -> "ShingleSets":
        sizes = np.array([len(h) for h in sets], dtype=np.int64)
        flat = np.concatenate(sets) if len(sets) > 1 else (sets[0] if sets else np.zeros(0, np.uint32))
        return cls(np.asarray(flat, dtype=np.uint32), sizes)

    @classmethod
    def unpacked(cls, blobs: list[bytes]) -> "ShingleSets":
        """From the store's packed hashes (`pack`), without a Python object per hash."""
        sizes = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs)) // 4
        return cls(unpack(b"".join(blobs)), sizes)

    def __len__(self) -> int:
        return len(self.sizes)

    def overlaps(self, hashes: np.ndarray, among: np.ndarray | None = None) -> np.ndarray:
        """|hashes & set| for every set (or for the sets at these places, in this order): each of their hashes
        is looked up in `hashes` by bisection, all in one pass."""
        if among is None:
            flat, sizes, ends = self.flat, self.sizes, self.ends
        else:  # the sets asked for, gathered end to end
            sizes = self.sizes[among]
            ends = np.cumsum(sizes)
            flat = self.flat[np.repeat(self.ends[among] - ends, sizes) + np.arange(int(ends[-1]) if len(ends) else 0)]
        if not len(sizes) or not len(hashes) or not len(flat):
            return np.zeros(len(sizes), dtype=np.int64)
        # a table of the top 20 bits of `hashes` passes the few hashes that may be theirs (those shared, and one
        # in ten thousand more), looked up exactly by bisection: cheaper than a bisection of every hash
        maybe = _top_bits(hashes)[flat >> _SHIFT]
        places = np.flatnonzero(maybe)
        found = flat[places]
        pos = np.searchsorted(hashes, found)
        np.minimum(pos, len(hashes) - 1, out=pos)
        shared = places[hashes[pos] == found]  # places in `flat` of the hashes shared
        return np.bincount(np.searchsorted(ends, shared, side="right"), minlength=len(sizes))[:len(sizes)]


@dataclass(frozen=True)
class CopyLink:
    """`doc_id` is a copy of (or shares its text with) `other`: why they were joined."""

    doc_id: str
    other: str
    containment: float  # share of the smaller document's shingles found in the other
    jaccard: float

    def describe(self) -> str:
        return f"{self.containment:.0%} of the shorter text's word {SHINGLE}-grams shared (Jaccard {self.jaccard:.2f})"


class SyndicationIndex:
    """Incremental near-duplicate index over document texts.

    >>> idx = SyndicationIndex()
    >>> idx.add("a", wire_story); idx.add("b", trimmed_reprint)
    ['a']
    """

    def __init__(self, containment: float = CONTAINMENT, lsh_threshold: float = LSH_THRESHOLD,
                 num_perm: int = NUM_PERM, shingle: int = SHINGLE):
        self.containment = containment
        self.lsh_threshold = lsh_threshold
        self.num_perm = num_perm
        self.shingle = shingle
        from datasketch import MinHashLSH  # imported where used: it loads SciPy, which reading a store never needs

        self._lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm)
        self._order: list[str] = []  # doc ids in the order added (the first of a group names it)
        self._shingles: dict[str, np.ndarray] = {}
        self._sigs: dict[str, np.ndarray] = {}
        self._sets = DisjointSets()  # copy groups
        self.links: list[CopyLink] = []

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._shingles

    # --- building ----------------------------------------------------------------------------
    def _minhash(self, hashes: np.ndarray) -> MinHash:
        from datasketch import MinHash

        m = MinHash(num_perm=self.num_perm, hashfunc=_identity, scheme=SCHEME, permutations=permutations(self.num_perm))
        if len(hashes):
            m.update_batch(hashes.tolist())
        return m

    def add(self, doc_id: str, text: str) -> list[str]:
        """Index a document; returns the ids of already-indexed documents it is a copy of (or that copy it).

        Adding an id twice changes nothing and returns its existing links."""
        if doc_id in self._shingles:
            return sorted({l.other if l.doc_id == doc_id else l.doc_id for l in self.links
                           if doc_id in (l.doc_id, l.other)})
        hashes = shingle_hashes(text, self.shingle)
        m = self._minhash(hashes)
        found = []
        if len(hashes):
            for other in self._lsh.query(m):
                link = self._confirm(doc_id, hashes, other)
                if link:
                    found.append(link)
        self._store(doc_id, hashes, m.hashvalues)
        for link in found:
            self.links.append(link)
            self._sets.union(doc_id, link.other)
        return sorted(l.other for l in found)

    def _store(self, doc_id: str, hashes: np.ndarray, sig: np.ndarray) -> None:
        self._order.append(doc_id)
        self._shingles[doc_id] = hashes
        self._sigs[doc_id] = np.asarray(sig, dtype=np.uint32)
        self._sets.add(doc_id)
        if len(hashes):
            from datasketch import MinHash

            self._lsh.insert(doc_id, MinHash(num_perm=self.num_perm, hashvalues=sig, hashfunc=_identity, scheme=SCHEME))

    def _confirm(self, doc_id: str, hashes: np.ndarray, other: str) -> CopyLink | None:
        """The exact check behind an LSH candidate: containment of the smaller shingle set in the larger."""
        theirs = self._shingles[other]
        inter = len(np.intersect1d(hashes, theirs, assume_unique=True))
        small = min(len(hashes), len(theirs))
        if not small:
            return None
        containment = inter / small
        if containment < self.containment:
            return None
        jaccard = inter / (len(hashes) + len(theirs) - inter)
        return CopyLink(doc_id, other, round(containment, 3), round(jaccard, 3))

    # --- groups ------------------------------------------------------------------------------
    def groups(self) -> dict[str, str]:
        """Every indexed doc id -> its group id (the first-added document of its copy group)."""
        first: dict[str, str] = {}
        for d in self._order:
            first.setdefault(self._sets.find(d), d)
        return {d: first[self._sets.find(d)] for d in self._order}

    def copies_of(self, doc_id: str) -> list[str]:
        """The other members of a document's group."""
        g = self.groups()
        return [d for d in self._order if d != doc_id and g[d] == g.get(doc_id)]

    # --- state -------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """Compact state (numpy arrays + JSON, no pickle): shingle sets, signatures, links."""
        ids = self._order
        lengths = np.array([len(self._shingles[d]) for d in ids], dtype=np.int64)
        meta = {"ids": ids, "containment": self.containment, "lsh_threshold": self.lsh_threshold,
                "num_perm": self.num_perm, "shingle": self.shingle,
                "links": [[l.doc_id, l.other, l.containment, l.jaccard] for l in self.links]}
        buf = io.BytesIO()
        np.savez_compressed(
            buf, meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8), lengths=lengths,
            shingles=np.concatenate([self._shingles[d] for d in ids]) if ids else np.zeros(0, np.uint32),
            sigs=np.stack([self._sigs[d] for d in ids]) if ids else np.zeros((0, self.num_perm), np.uint32))
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "SyndicationIndex":
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            meta = json.loads(z["meta"].tobytes().decode())
            lengths, shingles, sigs = z["lengths"], z["shingles"], z["sigs"]
        idx = cls(meta["containment"], meta["lsh_threshold"], meta["num_perm"], meta["shingle"])
        offsets = np.concatenate([[0], np.cumsum(lengths)])
        for i, d in enumerate(meta["ids"]):
            idx._store(d, shingles[offsets[i]:offsets[i + 1]], sigs[i])
        for a, b, c, j in meta["links"]:
            idx.links.append(CopyLink(a, b, c, j))
            idx._sets.union(a, b)
        return idx


@functools.lru_cache(maxsize=8)
def permutations(num_perm: int):
    """The permutations of datasketch's MinHash (its default seed), drawn once: each MinHash draws them again,
    a fifth of a document's band keys."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, hashfunc=_identity, scheme=SCHEME).permutations


@functools.lru_cache(maxsize=8)
def band_layout(threshold: float, num_perm: int) -> tuple[int, int]:
    """MinHash LSH's bands and rows for a threshold: datasketch finds them by numerical integration (0.06 s
    of CPU), once per process here rather than once per ingest."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)  # only for its band layout (b, r)
    return lsh.b, lsh.r


class StoredCopies:
    """Copy detection against a store of any size, with bounded memory: LSH band keys live in the store's
    `copy_bands` table and each document's shingle hashes in `documents.shingles`, written with it, so a
    candidate is confirmed from what is stored, never shingled again, and nothing grows in memory."""

    RECENT = 4096  # documents being written whose shingles are kept (asked for their date, then for their group)
    KEYS_KEPT = 1024  # documents whose band keys are kept

    def __init__(self, store, containment: float = CONTAINMENT, lsh_threshold: float = LSH_THRESHOLD,
                 num_perm: int = NUM_PERM, shingle: int = SHINGLE):
        self.store, self.containment, self.num_perm, self.shingle = store, containment, num_perm, shingle
        self._last = None
        self.bands, self.rows = band_layout(lsh_threshold, num_perm)
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()  # doc id -> shingle hashes (bounded)
        # doc id -> band keys of the documents being written (bounded): an undated article's are asked when its
        # copies date it, when it is stored and when the writer looks for copies stored after it
        self._keys: OrderedDict[str, list[tuple[int, int]]] = OrderedDict()

    def _shingles(self, doc_id: str, text: str) -> np.ndarray:
        """A document's shingle hashes, from the bounded cache of recent documents when it has them."""
        hashes = self._recent.get(doc_id)
        if hashes is None:
            hashes = self._recent[doc_id] = shingle_hashes(text, self.shingle)
            if len(self._recent) > self.RECENT:
                self._recent.popitem(last=False)
        else:
            self._recent.move_to_end(doc_id)
        return hashes

    def packed(self, doc_id: str, text: str) -> bytes:
        """A document's shingle hashes as the store keeps them (written with the document)."""
        return pack(self._shingles(doc_id, text))

    def stored(self, rows: list[tuple]) -> tuple[dict[str, int], ShingleSets]:
        """The shingle hashes of the store's (id, shingles, ...) rows: (id -> its place, the sets). A document
        stored before they were kept (NULL) has them computed from its stored text, once: they are written back
        to the store."""
        missing = sorted({r[0] for r in rows if r[1] is None})
        computed = {}
        if missing:
            computed = {d: pack(shingle_hashes(text, self.shingle)) for d, text in self.store.texts(missing).items()}
            self.store.keep_shingles(sorted(computed.items()))
        places: dict[str, int] = {}
        blobs = []
        for r in rows:
            if r[0] not in places and (r[1] is not None or r[0] in computed):
                places[r[0]] = len(blobs)
                blobs.append(r[1] if r[1] is not None else computed[r[0]])
        return places, ShingleSets.unpacked(blobs)

    def band_keys(self, text: str, doc_id: str | None = None) -> tuple[np.ndarray, list[tuple[int, int]]]:
        hashes = self._shingles(doc_id, text) if doc_id else shingle_hashes(text, self.shingle)
        if not len(hashes):
            return hashes, []
        if doc_id:
            keys = self._keys.get(doc_id)
            if keys is None:
                keys = self._keys[doc_id] = self._band_keys(hashes)
                if len(self._keys) > self.KEYS_KEPT:
                    self._keys.popitem(last=False)
            return hashes, list(keys)
        return hashes, self._band_keys(hashes)

    def _band_keys(self, hashes: np.ndarray) -> list[tuple[int, int]]:
        """The LSH band keys of a document's MinHash signature."""
        from datasketch import MinHash

        m = MinHash(num_perm=self.num_perm, hashfunc=_identity, scheme=SCHEME, permutations=permutations(self.num_perm))
        m.update_batch(hashes.tolist())
        sig = np.asarray(m.hashvalues, dtype=np.uint64)
        keys = []
        for b in range(self.bands):
            digest = hashlib.blake2b(sig[b * self.rows:(b + 1) * self.rows].tobytes(), digest_size=8).digest()
            keys.append((b, int.from_bytes(digest, "little", signed=True)))
        return keys

    def check(self, doc_id: str, text: str) -> tuple[list[CopyLink], str, list[tuple[int, int]], list[str]]:
        """(links to stored copies, this document's group, its band keys, other groups now joined to it).
        The last answer is kept: the pipeline asks twice for one document (its date, then its group)."""
        if self._last is not None and self._last[0] == (doc_id, text):
            return self._last[1]
        found = self._check(doc_id, text)
        self._last = ((doc_id, text), found)
        return found

    def forget(self) -> None:
        """Drop the kept answer of `check`: documents were stored since (a batch of them, at once)."""
        self._last = None

    def _check(self, doc_id: str, text: str) -> tuple[list[CopyLink], str, list[tuple[int, int]], list[str]]:
        hashes, keys = self.band_keys(text, doc_id)
        rows = self.store.copy_candidates(keys)
        places, sets = self.stored(rows)
        others = [d for d, _, _ in rows if d in places]
        return self.links(doc_id, hashes, keys, others, sets.sizes, sets.overlaps(hashes),
                          {d: group for d, _, group in rows})

    def links(self, doc_id: str, hashes: np.ndarray, keys: list[tuple[int, int]], others: list[str],
              sizes: np.ndarray, shared: np.ndarray, groups: Mapping[str, str | None]
              ) -> tuple[list[CopyLink], str, list[tuple[int, int]], list[str]]:
        """`check`'s answer from the documents sharing a band key with this one: their ids, the number of
        shingle hashes of each, how many of them this document has (`ShingleSets.overlaps`), and their copy
        groups (the writer of a batch of documents finds those of the whole batch at once). Only the copies
        found cost Python: a templated corpus gives thousands of candidates and few copies."""
        small = np.minimum(len(hashes), sizes)
        # the test `shared / small >= containment`, in float64 as Python divides
        copy = (small > 0) & (shared / np.maximum(small, 1) >= self.containment)
        links: list[CopyLink] = []
        found: list[str] = []
        for i in np.flatnonzero(copy).tolist():
            other, n, inter, least = others[i], int(sizes[i]), int(shared[i]), int(small[i])
            links.append(CopyLink(doc_id, other, round(inter / least, 3), round(inter / (len(hashes) + n - inter), 3)))
            found.append(groups[other] or other)
        if not found:
            return links, doc_id, keys, []
        group = min(found)  # deterministic: one name for the joined group
        return links, group, keys, sorted(set(found) - {group})

    def dated(self, doc) -> list[tuple]:
        """(start, end, name) of the stored copies of `doc` whose publication day is known, not inferred:
        a reprint of a dated story shares its date (the publication stage reads them)."""
        return self.dated_among([link.other for link in self.check(doc.id, doc.text)[0] if link.other != doc.id])

    def dated_among(self, copies: list[str]) -> list[tuple]:
        """`dated`'s answer for these stored copies (in this order)."""
        # one query for all the copies (a story reprinted five times asked five)
        stored = {d.id: d for d in self.store.iter_documents(sorted(set(copies)))}
        out = []
        for d in copies:
            other = stored.get(d)
            if other is not None and other.published_start and other.published_source not in ("inferred", "none"):
                out.append((other.published_start, other.published_end, other.name))
        return out


def _by_date(doc) -> tuple:
    import datetime as dt

    return (doc.published_start or doc.published_end or dt.date.max, doc.name)


def build_index(docs: Iterable) -> SyndicationIndex:
    """An index over `Document`s, oldest first, so each group is named after its earliest article."""
    idx = SyndicationIndex()
    for doc in sorted(docs, key=_by_date):
        idx.add(doc.id, doc.text)
    return idx


def source_groups(store) -> dict[str, str]:
    """doc_id -> group id for every document in a `Store`, rebuilt from its documents table."""
    return build_index(store.documents()).groups()


def _source_keys(doc_ids: Iterable[str], groups: Mapping[str, str],
                 outlets: Mapping[str, str | None] | None) -> dict[str, str]:
    """Each doc -> one key per independent source: copies share a key, and so do two articles of one
    known outlet (GDELT counts sources, not articles)."""
    docs = sorted(set(doc_ids))
    sets = DisjointSets(docs)
    by_key: dict[tuple, str] = {}
    for d in docs:
        keys = [("g", groups.get(d, d))]
        outlet = (outlets or {}).get(d)
        if outlet:
            keys.append(("o", outlet.strip().casefold()))
        for k in keys:
            if k in by_key:
                sets.union(d, by_key[k])
            else:
                by_key[k] = d
    return {d: sets.find(d) for d in docs}


def num_sources(event: Event, groups: Mapping[str, str], outlets: Mapping[str, str | None] | None = None) -> int:
    """Independent sources among an event's mentions: distinct copy groups, and distinct outlets when known."""
    return len(set(_source_keys((m.doc_id for m in event.mentions), groups, outlets).values()))


def support(event: Event, groups: Mapping[str, str], outlets: Mapping[str, str | None] | None = None) -> dict[str, int]:
    """GDELT-style counts for the export: num_sources, num_articles, num_mentions."""
    return {"num_sources": num_sources(event, groups, outlets), "num_articles": event.num_articles,
            "num_mentions": event.num_mentions}


def outlets_of(docs: Iterable) -> dict[str, str | None]:
    """doc_id -> outlet: the stored outlet, else the wire named in the dateline ("(Eastern Wire)")."""
    from .ingest import find_wire_outlet

    out = {}
    for d in docs:
        out[d.id] = d.outlet or find_wire_outlet(d.text) or _dateline_wire(d.text)
    return out


_DATELINE_WIRE = re.compile(r"^[A-Z][A-Z .'-]+,[^()\n]{0,40}\(([A-Z][\w.&/ -]{1,40})\)\s*[—–-]", re.M)


def _dateline_wire(text: str) -> str | None:
    """"WASHINGTON, Aug. 18 (Eastern Wire) —": the agency a dateline names (any name, not only known wires)."""
    m = _DATELINE_WIRE.search(text[:1500])
    return m.group(1).strip() if m else None
