"""Each side's count in an exchange ("exchanged 120 prisoners of war, each side freeing 60", "swapped 40
bodies, 20 apiece").

Entry point: `per_side(total, sentence, notes, number_words)` (called by `quantities.event_count`, which passes its
number words: this module imports nothing of the coder's). An exchange is coded as a release by each side to the other
(`each_side` in patterns.yaml); the count a sentence gives for the whole exchange is not what either side
released, so each side gets the count told per side, or none (with the total said in a note) when the sentence
tells only the total. Read from the sentence's words with one regular expression because the distributive
phrase ("each side freeing 60", "60 apiece", "60 from each side") hangs anywhere in the parse.
"""
from __future__ import annotations

import functools
import re

from .model import Quantity

_SIDE = r"(?:side|country|party|state|nation|government|army)"


@functools.lru_cache(maxsize=4)
def _patterns(words: tuple[str, ...]) -> list[re.Pattern]:
    num = r"(\d[\d,]*|" + "|".join(sorted(words, key=len, reverse=True)) + r")"
    return [
        # "with each side freeing 60 soldiers", "each country handed over 20"
        re.compile(rf"\beach {_SIDE}\b(?: \w+){{1,3}}? {num}\b", re.I),
        # "60 each", "60 prisoners apiece", "20 soldiers from each side" (not "to each other")
        re.compile(rf"\b{num}(?: [\w-]+){{0,3}}? (?:each(?! other)|apiece|(?:from|by|on|per) (?:each|either) {_SIDE})\b", re.I),
    ]


def word_value(word: str, number_words: dict) -> float | None:
    """"60", "1,200" or a number word ("sixty") as a number; None for any other word."""
    word = word.lower().replace(",", "")
    if word in number_words:
        return float(number_words[word])
    try:
        return float(word)
    except ValueError:
        return None


def side_count(sentence: str, number_words: dict) -> tuple[float, str] | None:
    """The count the sentence gives for each side of an exchange, and the words that give it."""
    for pat in _patterns(tuple(w for w in number_words if " " not in w)):
        hit = pat.search(sentence)
        if hit:
            n = word_value(hit.group(1), number_words)
            if n is not None and not 1900 <= n <= 2100:
                return n, hit.group(0)
    return None



def per_side(total: Quantity, sentence: str, notes: list[str], number_words: dict) -> Quantity | None:
    """The count of one side's release in an exchange: the one told per side, else none (the exchange's total
    stays in a note: halving it would be a guess, and exchanges are often uneven)."""
    told = side_count(sentence, number_words)
    if told is not None:
        n, words = told
        notes.append(f"each side's count: '{words}' ({total.value:g} in all)" if n != total.value
                     else f"each side's count: '{words}'")
        return Quantity(n, total.unit, words)
    notes.append(f"a count told for both sides together ('{total.text}'): no count per side")
    return None
