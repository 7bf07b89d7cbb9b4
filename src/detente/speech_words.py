"""The verbs of saying, read from data/speech.yaml: one file a user edits to add a verb, used by speakers.py,
modality.py, references.py and unknown.py (which once kept a list each).

Entry point: `speech_words(name)` -> the frozenset of lemmas listed under `name`.
"""
from __future__ import annotations

import functools
from importlib import resources

import yaml


@functools.lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    with (resources.files("detente") / "data" / "speech.yaml").open(encoding="utf-8") as f:
        raw = yaml.safe_load(f) or {}
    out = {}
    for name, words in raw.items():
        if not isinstance(words, list) or any(not isinstance(w, str) or not w.strip() for w in words):
            raise ValueError(f"speech.yaml: {name} must be a list of words (quote words such as \"no\", \"on\")")
        out[name] = frozenset(w.strip().lower() for w in words)
    return out


def speech_words(name: str) -> frozenset[str]:
    """The lemmas of the list `name` in data/speech.yaml (a KeyError names a list the file lacks)."""
    return _lists()[name]
