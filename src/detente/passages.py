"""Publication intervals from passages shared word for word with dated articles.

An undated article that prints a long passage word for word as an article of known day does (a statement quoted
the same way, a paragraph of the same wire story rewritten around it) tells the same news: it appeared within a
week of that day, before or after it (an earlier version of the story, a later rewrite). A syndicated copy shares
most of its text and takes its original's day (syndication.py); this is the weaker tie of a shared passage, so the
publication stage weighs it last, and sets it aside where stronger signals contradict it (a page whose shown date
is wrong must not move an article the office-holders or recent dates place elsewhere).

Like the acts retold (retold.py) it reads the store: only articles whose day is known (given, dateline, URL, a
dated copy) vouch, so one inferred date never props up another. The articles read are those that tell an act
between the same two states or more, and, in a store that holds few dated articles in the article's possible
interval, those too (an article that gave no event can still carry the quotation); a bounded number either way.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

PASSAGE_WORDS = 20  # a run of this many words in the same order is no chance likeness: one text was written from the other
WEEK = 6  # a shared passage puts the article within this many days of the dated one, either side
SCAN = 200  # dated articles read at most per undated one
PASSAGE = "passage"  # the kind of the (start, end, text, kind) spans handed to the publication stage

_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=256)
def passage_grams(text: str, n: int = PASSAGE_WORDS) -> frozenset[int]:
    """Hashes of the word n-grams of a text (case, accents and punctuation folded). Python's 64-bit tuple hash,
    not a 32-bit one: two articles' thousand grams each would collide by chance in a few stores of a hundred.
    Kept for the last texts: each undated article of a batch reads the same dated articles again."""
    words = _WORD.findall(unicodedata.normalize("NFKD", text.casefold()))
    return frozenset(hash(tuple(words[i:i + n])) for i in range(len(words) - n + 1))


def _undated(store, doc_id: str) -> tuple[dt.date | None, dt.date | None] | None:
    """The stored publication interval of an article dated only by inference (None: its day is known)."""
    row = store.con.execute("SELECT published_start, published_end, published_source FROM documents WHERE id = ?",
                            [doc_id]).fetchone()
    if row is None or row[2] not in ("inferred", "none"):
        return None
    return row[0], row[1]


def _candidates(store, doc_id: str, lo: dt.date | None, hi: dt.date | None) -> list[str]:
    """Dated articles that may share a passage with this one: those telling an act of the same states, and all
    in its possible interval where that holds few; the latest first, SCAN at most."""
    window, params = "", []
    if lo is not None:
        window, params = window + " AND coalesce(d.published_end, d.published_start) >= ?", params + [lo - dt.timedelta(days=WEEK)]
    if hi is not None:
        window, params = window + " AND d.published_start <= ?", params + [hi + dt.timedelta(days=WEEK)]
    dated = ("d.id <> ? AND d.published_start IS NOT NULL AND d.published_source NOT IN ('inferred', 'none')"
             + window)
    sets = {p for (p,) in store.con.execute("SELECT DISTINCT parties FROM mentions WHERE doc_id = ? AND parties"
                                            " LIKE '%,%'", [doc_id]).fetchall()}
    found: list[str] = []
    from .store import among

    for parties in sorted(sets):  # the articles first, then their documents: a join would read every document
        cond = " AND ".join("contains(parties, ?)" for _ in parties.split(","))
        told = [d for (d,) in store.con.execute(f"SELECT DISTINCT doc_id FROM mentions WHERE {cond} AND doc_id <> ?",
                                                [*parties.split(","), doc_id]).fetchall()]
        if told:
            ids, more = among("d.id", told)
            found += [d for (d,) in store.con.execute(
                f"SELECT d.id FROM documents d WHERE {ids} AND {dated} ORDER BY d.published_start DESC, d.id"
                f" LIMIT {SCAN}", [*more, doc_id, *params]).fetchall()]
    (few,) = store.con.execute(f"SELECT count(*) FROM documents d WHERE {dated}", [doc_id, *params]).fetchone()
    if few <= SCAN:
        found += [d for (d,) in store.con.execute(f"SELECT d.id FROM documents d WHERE {dated}"
                                                  " ORDER BY d.published_start DESC", [doc_id, *params]).fetchall()]
    return list(dict.fromkeys(found))[:SCAN]


def passage_spans(store, doc) -> list[tuple[dt.date, dt.date, str, str]]:
    """[(start, end, reason, "passage")] for a stored article whose publication day is inferred: the week either
    side of each dated article that prints a passage of PASSAGE_WORDS words or more word for word as it does.
    Empty when none does."""
    stored = _undated(store, doc.id)
    if stored is None:
        return []
    grams = passage_grams(doc.text)
    if not grams:
        return []
    ids = _candidates(store, doc.id, *stored)
    if not ids:
        return []
    from .store import among

    cond, params = among("id", ids)
    out = []
    for name, text, start, end in store.con.execute(
            f"SELECT name, text, published_start, coalesce(published_end, published_start) FROM documents"
            f" WHERE {cond} ORDER BY published_start, name", params).fetchall():
        shared = len(grams & passage_grams(text))
        if shared:
            words = shared + PASSAGE_WORDS - 1
            lo, hi = start - dt.timedelta(days=WEEK), end + dt.timedelta(days=WEEK)
            out.append((lo, hi, f"{name} ({start}) prints {words} or more of its words in the same order", PASSAGE))
    return out
