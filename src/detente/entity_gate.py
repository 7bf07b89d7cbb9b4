"""The entity ruler's token patterns run only on a document that holds a word each of them requires.

The actor dictionary gives the entity ruler a few dozen token patterns ("a country's Amnesty
International", "Russia's Crisis Group"): each opens with a country name from a list of hundreds, then
an optional "'s", then fixed words. spaCy's Matcher tries them at every token of every article, a fifth
of a second on 200 articles, though most articles hold none of the fixed words. A pattern matches only
where its required word (a token it cannot skip, asked by its exact text) stands, so a document holding
no such word gets no match from them: the Matcher is not run on it. Any other document runs through the
Matcher as before, so the entities are the same (tests/test_attribute_index.py compares the pipelines).
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import ORTH


def _required(pattern: list[dict], strings) -> list[int] | None:
    """Hashes of the words of which a match must hold one: of the tokens it cannot skip that ask for an exact
    text (one word, or one of a list), the one with the fewest words; None when it has none."""
    best = None
    for spec in pattern:
        if spec.get("OP", "1") not in ("1", "+") or set(spec) - {"OP"} != {"ORTH"}:
            continue
        value = spec["ORTH"]
        if isinstance(value, str):
            words = [value]
        elif isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
            words = list(value["IN"])
        else:
            continue
        if best is None or len(words) < len(best):
            best = words
    return None if best is None else [strings.add(w) for w in best]


class GatedMatcher:
    """The ruler's Matcher, called only on documents that hold one of the words its patterns require."""

    def __init__(self, matcher, words: np.ndarray):
        self._matcher, self._words = matcher, words

    def __call__(self, doc, *args, **kwargs):
        if self._words is not None and len(doc) and not np.isin(doc.to_array([ORTH]), self._words).any():
            return []
        return self._matcher(doc, *args, **kwargs)

    def add(self, *args, **kwargs):
        self._words = None  # a pattern added later may require other words: no gate from now on
        return self._matcher.add(*args, **kwargs)

    def __len__(self) -> int:
        return len(self._matcher)

    def __getattr__(self, name):
        return getattr(self._matcher, name)


def gate_entity_ruler(ruler) -> None:
    """Put the gate before the ruler's token Matcher, once its patterns are all added (a pattern without
    a required word leaves the Matcher as it is)."""
    strings = ruler.nlp.vocab.strings if hasattr(ruler, "nlp") else ruler.matcher.vocab.strings
    words: set[int] = set()
    for pattern in ruler.patterns:
        if isinstance(pattern["pattern"], str):
            continue  # phrase patterns go to the PhraseMatcher
        req = _required(pattern["pattern"], strings)
        if req is None:
            return
        words.update(req)
    if words:
        ruler.matcher = GatedMatcher(ruler.matcher, np.array(sorted(words), dtype=np.uint64))
