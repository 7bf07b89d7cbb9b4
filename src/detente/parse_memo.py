"""Parses kept, during one ingest, of the articles it may code again: an undated article whose dated copy
comes later is dated and coded again after the last batch (`api._redate`), and parsing it again cost as much
as its first parse (6 of bench_speed's 78 articles: 0.3 CPU s, a twentieth of the ingest). A parse is kept
as spaCy's own bytes without the tensor no stage reads (66 KB a news article, a millisecond each way; the
`Doc` object itself holds about 1.5 MB), bounded in total, the oldest dropped first; the parse read back is
the parse made (every token attribute, entity, sentence and span: tests/test_parse_memo.py).

Only the single-process ingest keeps them (`pipeline.code_stream`); workers parse what they are sent."""
from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict

LIMIT = 24 * 2**20  # bytes of parses kept: a few hundred articles

_lock = threading.Lock()  # kept by the writing thread, taken by a recode's parsing thread
_kept: OrderedDict | None = None  # text -> (vocab, bytes) while an ingest keeps them (`kept`)
_size = 0


@contextlib.contextmanager
def kept(limit: int = LIMIT):
    """Keep parses (`keep`) until the block ends, at most `limit` bytes of them; then drop them all."""
    global _kept, _size
    with _lock:
        outer = _kept is not None
        if not outer:
            _kept, _size = OrderedDict(), 0
    try:
        yield
    finally:
        with _lock:
            if not outer:
                _kept, _size = None, 0


def keep(text: str, sdoc, limit: int = LIMIT) -> None:
    """Keep the parse `sdoc` of `text` (inside `kept`; elsewhere nothing is kept)."""
    global _size
    if _kept is None:
        return
    blob = sdoc.to_bytes(exclude=["tensor"])
    with _lock:
        if _kept is None or text in _kept:
            return
        _kept[text] = (sdoc.vocab, blob)
        _size += len(blob)
        while _size > limit and _kept:
            _, (_, old) = _kept.popitem(last=False)
            _size -= len(old)


def take(nlp, text: str):
    """The kept parse of `text` by `nlp` (a `Doc`, dropped from the kept ones), or None."""
    global _size
    if not _kept:
        return None
    with _lock:
        entry = _kept.get(text) if _kept else None
        if entry is None or entry[0] is not nlp.vocab:
            return None
        del _kept[text]
        _size -= len(entry[1])
    from spacy.tokens import Doc

    return Doc(nlp.vocab).from_bytes(entry[1])
