"""Actor names as written: typographic folding, spelling and transliteration variants of one name.

Plain functions every part of the actor dictionary (and `unknown.py`) uses; no dictionary state here.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

_DETERMINERS = {"the", "a", "an", "some", "several", "these", "those", "this", "that", "both", "all",
                "its", "his", "her", "their", "our", "your", "my", "any", "another", "other", "two",
                "three", "four", "five", "many", "most", "more", "few", "various"}
_PREPOSITIONS = {"of", "in", "at", "from", "for", "on", "with", "to", "by", "inside", "within", "over",
                 "under", "against", "between", "into", "who", "which", "that"}
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
                              "\u201c": '"', "\u201d": '"', "\u00a0": " "})



def _norm(text: str) -> str:
    """Typographic variants to plain ASCII punctuation; collapse spaces."""
    text = text.translate(_APOSTROPHES)
    text = re.sub(r"\bU\. ?S\.(?! ?A\b)", "U.S.", text)  # "U. S." (some wires) -> "U.S."
    return re.sub(r"\s+", " ", text).strip()


def _strip_the(form: str) -> tuple[str, bool]:
    """'the Kremlin' -> ('Kremlin', True): the article is optional in text."""
    m = re.match(r"(?i)the\s+", form)
    return (form[m.end():], True) if m else (form, False)



# ---------------------------------------------------------------------------------------- name variants
def fold_name(name: str) -> str:
    """Case, accents, possessive and punctuation away: 'Lukašenka's' -> 'lukasenka'."""
    name = _norm(name)
    name = re.sub(r"'s?$", "", name)
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", name)).strip()


# Romanisations of one Cyrillic letter that English news mixes ("Tsikhanouskaya"/"Tikhanovskaya",
# "Kalesnikava"/"Kolesnikova", "Babaryka"/"Babariko"). No fuzzy-matching library knows these pairs, so
# they are folded here before rapidfuzz measures what difference is left.
_TRANSLIT = [(r"ou(?=[^aeiouy]|$)", "ov"), (r"w", "v"), (r"kh", "h"), (r"zh", "z"), (r"sch|shch", "s"),
             (r"sh", "s"), (r"ch", "c"), (r"ts|tz|tc", "c"), (r"ck|q", "k"), (r"ph", "f"), (r"j", "y"), (r"x", "ks")]

_FEMININE = re.compile(r"(?:aya|aja|ska|ova|eva|ava|ina|yna|ena|aite|yte|iene)$")


def _translit(folded: str) -> str:
    for pat, rep in _TRANSLIT:
        folded = re.sub(pat, rep, folded)
    return folded


def name_skeleton(name: str) -> str:
    """The consonant frame of a folded name after transliteration folding: 'Kolesnikova' -> 'klsnkv'.
    Vowels are what romanisations disagree on; the first letter of each word is kept whatever it is."""
    words = []
    for word in fold_name(name).split():
        word = _translit(word)
        frame = word[:1] + re.sub(r"[aeiouy]", "", word[1:])
        words.append(re.sub(r"(.)\1+", r"\1", frame))
    return " ".join(words)


def roles_agree(code: str | None, sector: str | None, other_code: str | None, other_sector: str | None) -> bool:
    """Whether what the context says of a name (code, sector) fits a listed actor's role: same country, and
    the same sector where both are known. The test behind every join of a name variant."""
    return code is not None and code == other_code and (sector is None or other_sector is None or sector == other_sector)


def name_variant(a: str, b: str) -> tuple[float, str] | None:
    """(score, reason) when two names are one name spelt differently: a one-letter slip (Coale/Cole) or
    a transliteration variant (Kalesnikava/Kolesnikova); None otherwise. Short names never match: too
    many real people share a four-letter surname."""
    from rapidfuzz.distance import DamerauLevenshtein
    from rapidfuzz.fuzz import ratio

    fa, fb = fold_name(a), fold_name(b)
    if not fa or not fb or len(fa.split()) != len(fb.split()):
        return None
    if fa == fb:
        return 1.0, f"same name but for case or accents ({a}/{b})"
    if min(len(fa), len(fb)) < 4 or max(len(fa), len(fb)) < 5:
        return None
    score = ratio(fa, fb) / 100
    # every word must start alike: "John Cole" ~ "John Coale", never "Joan Cole" ~ "John Coale"
    if any(x[0] != y[0] for x, y in zip(fa.split(), fb.split())):
        return None
    # Slavic and Baltic surnames mark gender: Tsikhanouskaya is Tsikhanouski's wife, not a misspelling of him
    if bool(_FEMININE.search(fa.replace("w", "v"))) != bool(_FEMININE.search(fb.replace("w", "v"))):
        return None
    if _translit(fa) == _translit(fb):
        return score, f"transliteration variant ({a}/{b})"
    if DamerauLevenshtein.distance(fa, fb) == 1:
        return score, f"one-letter slip ({a}/{b})"
    sa, sb = name_skeleton(a), name_skeleton(b)
    if sa == sb and score >= 0.7:
        return score, f"transliteration variant ({a}/{b})"
    differ = [(x, y) for x, y in zip(sa.split(), sb.split()) if x != y]
    if len(differ) == 1 and min(map(len, differ[0])) >= 5 and DamerauLevenshtein.distance(*differ[0]) <= 1 \
            and score >= 0.8:  # one long word whose frame differs by a letter: Tsikhanouskaya/Tikhanovskaya
        return score, f"transliteration variant ({a}/{b})"
    return None


def _ascii_words(text: str) -> set[str]:
    """The folded words of a long text, as fold_name would give them for ASCII-spellable words (one C-level
    pass: fold_name word by word costs a quarter second on the whole dictionary)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return set(re.findall(r"[a-z0-9_]+", plain))


def _undouble(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


@functools.lru_cache(maxsize=1)
def _english() -> Any:
    """pyspellchecker's English word list (loaded once, and only when a slip candidate turns up)."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)


def _is_english_word(word: str) -> bool:
    return word in _english()

