"""The model's attribute ruler, matched by look-ups and array tests instead of spaCy's Matcher: the same matches.

en_core_web_sm's attribute ruler maps tags to parts of speech and morphology with 179 patterns (a tag, a
tag and a word, a dependency, a few of two words). spaCy's Matcher tries every pattern at every token and
calls back into Python for each IN, NOT_IN and REGEX test, which cost as much CPU as the whole dependency
parser (0.7 s of stock spaCy's 4.5 s on 200 articles). A one-token pattern that asks only for equal values
(or one of a list) is a dictionary look-up keyed by the token's attributes; the dozen others are tested on
the document's attribute arrays with numpy. A pattern of a kind neither handles (an operator, another
attribute) stays with a Matcher of its own. The matches are sorted as the ruler sorts them, so its
`set_annotations` applies exactly what it applied before (tests/test_attribute_index.py compares the two
on whole documents).
"""
from __future__ import annotations

import functools
import itertools
import re

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.matcher import Matcher
from spacy.tokens import Doc

COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the attributes the patterns ask (others go to the Matcher)
_IDS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_PREDICATES = {"IN", "NOT_IN", "REGEX"}


def _signed(h: int) -> int:
    """A 64-bit hash as numpy's int64 reads it."""
    return h - (1 << 64) if h >= 1 << 63 else h


def _equal_values(spec) -> list | None:
    """The values a spec accepts when it asks for equality (a string or bool, or {"IN": [strings]})."""
    if isinstance(spec, (str, bool)):
        return [spec]
    if isinstance(spec, dict) and set(spec) == {"IN"} and all(isinstance(v, str) for v in spec["IN"]):
        return list(spec["IN"])
    return None


def _testable(pattern: list[dict]) -> bool:
    """Whether every token spec asks only our columns, by a value or by IN, NOT_IN or REGEX."""
    for spec in pattern:
        if not spec or not set(spec) <= set(COLUMNS):
            return False
        for v in spec.values():
            if isinstance(v, dict):
                if len(v) != 1 or not set(v) <= _PREDICATES:
                    return False
                (op, arg), = v.items()
                if op == "REGEX" and not isinstance(arg, str) or op != "REGEX" and not (
                        isinstance(arg, list) and all(isinstance(x, str) for x in arg)):
                    return False
            elif not isinstance(v, (str, bool)):
                return False
    return True


class IndexedMatch:
    """A drop-in for `AttributeRuler.match`: the sorted (attribute id, key, start, end) matches."""

    def __init__(self, ruler):
        strings = self.strings = ruler.vocab.strings
        self.rest = Matcher(ruler.vocab)  # the patterns neither a look-up nor an array test answers
        # per attribute signature (the sorted names a pattern asks), value tuple -> the ruler's ids
        self.index: dict[tuple[str, ...], dict[tuple, list[int]]] = {}
        self.tested: list[tuple[int, list[dict]]] = []  # (ruler id, token specs) tested on arrays
        self.key_of: dict[int, int] = {}
        self._regex_cache: dict[tuple[str, int], bool] = {}
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            if key not in ruler.matcher:
                continue
            self.key_of[attr_id] = strings[key]
            _, patterns = ruler.matcher.get(key)
            hard = []
            for pattern in patterns:
                values = {a: _equal_values(v) for a, v in pattern[0].items()} if len(pattern) == 1 else {}
                if values and set(values) <= set(COLUMNS) and all(v is not None for v in values.values()):
                    sig = tuple(sorted(values))
                    table = self.index.setdefault(sig, {})
                    for combo in itertools.product(*(values[a] for a in sig)):
                        ids = table.setdefault(tuple(self._hash(v) for v in combo), [])
                        if attr_id not in ids:
                            ids.append(attr_id)
                elif _testable(pattern):
                    self.tested.append((attr_id, [self._compile(spec) for spec in pattern]))
                else:
                    hard.append(pattern)
            if hard:
                self.rest.add(key, hard)
        # per signature: its columns, the column whose values are tested first and the values it may take
        # (None when the signature is one attribute every token has: no test narrows it), and its table
        self._tables = []
        for sig, table in self.index.items():
            at = [COLUMNS.index(a) for a in sig]
            anchor = COLUMNS.index("LOWER") if "LOWER" in sig else at[0]
            table = {tuple(_signed(v) for v in key): ids for key, ids in table.items()}
            values = None if sig == ("TAG",) else np.array(
                sorted({key[sig.index(COLUMNS[anchor])] for key in table}), dtype=np.int64)
            self._tables.append((at, anchor, values, table))
        self._keys = np.zeros(len(ruler.attrs), dtype=np.uint64)
        for a, k in self.key_of.items():
            self._keys[a] = k

    def _hash(self, v) -> int:
        return int(v) if isinstance(v, bool) else self.strings.add(v)

    def _compile(self, spec: dict) -> list[tuple[int, str, object]]:
        """A token spec as (column, test, argument) triples: eq/in/not_in take hashes, regex a pattern."""
        out = []
        for attr, v in spec.items():
            col = COLUMNS.index(attr)
            if not isinstance(v, dict):
                out.append((col, "in", [_signed(self._hash(v))]))
                continue
            (op, arg), = v.items()
            if op == "REGEX":
                out.append((col, "regex", re.compile(arg)))
            else:  # the Matcher hashes every listed string as it is ("" is 0, a missing annotation)
                out.append((col, op.lower(), [_signed(self.strings.add(x)) if x else 0 for x in arg]))
        return out

    def _mask(self, arr: np.ndarray, tests: list) -> np.ndarray:
        mask = np.ones(len(arr), dtype=bool)
        for col, test, arg in tests:
            values = arr[:, col]
            if test == "in":
                mask &= np.isin(values, arg)
            elif test == "not_in":
                mask &= ~np.isin(values, arg)
            else:  # the Matcher's REGEX: re.search on the attribute's string
                good = [h for h in np.unique(values).tolist() if self._regex(arg, h)]
                mask &= np.isin(values, good)
        return mask

    def _regex(self, rx: re.Pattern, h: int) -> bool:
        key = (rx.pattern, h)
        hit = self._regex_cache.get(key)
        if hit is None:
            if len(self._regex_cache) > 200_000:  # one entry a distinct word: bounded over any corpus
                self._regex_cache.clear()
            hit = self._regex_cache[key] = bool(rx.search(self.strings[h % (1 << 64)] if h else ""))
        return hit

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        return self.batch([doc])[0]

    def batch(self, docs: list[Doc]) -> list[list[tuple[int, int, int, int]]]:
        """Each document's matches, found over the batch's attribute arrays at once (numpy's calls cost
        the same for one article as for thirty)."""
        strings = self.strings
        outs: list[list] = [[] for _ in docs]
        lens = [len(d) for d in docs]
        if sum(lens):
            arr = np.concatenate([d.to_array([_IDS[c] for c in COLUMNS]).reshape(-1, len(COLUMNS)) for d in docs])
            arr = arr.view(np.int64)  # hashes as signed integers: numpy hands them to Python faster
            owner = np.repeat(np.arange(len(docs)), lens)  # the document of each row
            ids_found, rows_found, lengths = [], [], []
            for at, anchor, anchor_values, table in self._tables:
                rows = np.flatnonzero(np.isin(arr[:, anchor], anchor_values)) if anchor_values is not None \
                    else np.arange(len(arr))
                if not len(rows):
                    continue
                keys, inverse = np.unique(arr[rows][:, at], axis=0, return_inverse=True)
                inverse = inverse.reshape(-1)
                for j, key in enumerate(map(tuple, keys.tolist())):
                    for a in table.get(key, ()):
                        hit = rows[inverse == j]
                        ids_found.append(np.full(len(hit), a))
                        rows_found.append(hit)
                        lengths.append(np.ones(len(hit), dtype=np.int64))
            for attr_id, specs in self.tested:
                k = len(specs)
                if k > len(arr):
                    continue
                mask = owner[:len(arr) - k + 1] == owner[k - 1:]  # never across two documents
                for j, tests in enumerate(specs):
                    mask &= self._mask(arr[j:len(arr) - k + 1 + j], tests)
                hit = np.flatnonzero(mask)
                ids_found.append(np.full(len(hit), attr_id))
                rows_found.append(hit)
                lengths.append(np.full(len(hit), k))
            if rows_found:
                ids, rows, ks = (np.concatenate(x) for x in (ids_found, rows_found, lengths))
                order = np.lexsort((rows, ids, owner[rows]))  # the ruler's order within each document
                ids, rows, ks = ids[order], rows[order], ks[order]
                docs_of = owner[rows]
                starts = rows - np.concatenate([[0], np.cumsum(lens)])[docs_of]
                bounds = np.searchsorted(docs_of, np.arange(len(docs) + 1))
                keys = self._keys[ids]
                for d in range(len(docs)):
                    lo, hi = bounds[d], bounds[d + 1]
                    st = starts[lo:hi]
                    outs[d] = list(zip(ids[lo:hi].tolist(), keys[lo:hi].tolist(), st.tolist(), (st + ks[lo:hi]).tolist()))
        if len(self.rest):
            for out, doc in zip(outs, docs):
                out.extend((int(strings[m_id]), m_id, s, e) for m_id, s, e in self.rest(doc, allow_missing=True, as_spans=False))
                out.sort()
        return outs

    def pipe(self, ruler, stream, batch_size: int = 128):
        """The ruler's `pipe`: matched a batch at a time, annotated as its `__call__` would; a batch that
        fails is done again one document at a time through `__call__` (and its error handler)."""
        from spacy.util import minibatch

        for docs in minibatch(stream, size=batch_size):
            try:
                done = [ruler.set_annotations(doc, m) or doc for doc, m in zip(docs, self.batch(docs))]
            except Exception:
                done = [ruler(doc) for doc in docs]
            yield from done


def index_attribute_ruler(nlp) -> None:
    """Give the pipeline's attribute ruler (if any) the indexed match."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        index = IndexedMatch(ruler)
        ruler.match = index
        ruler.pipe = functools.partial(index.pipe, ruler)
