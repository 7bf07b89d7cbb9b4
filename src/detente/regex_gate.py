"""Which regular expressions cannot match a text at all, known from the words every match must contain.

The temporal stage runs three dozen expressions over each whole article, and Python's `re` tries each at
every position (none starts with a fixed literal, so it has no prefix to skip to): 4 ms an article, a
third of coding and dating. Most of them cannot match most articles: "the weekend", "ago", a season or a
weekday are absent. From an expression's parse tree we take a set of literal strings of which every match
must contain one (a literal run; any one of a branch's alternatives; a repeat at least once; never an
optional part), and skip the expression on a text that holds none of them: the same matches, found
without the scan. No library offers this for Python's `re` (re2 and hyperscan lack lookbehind).
"""
from __future__ import annotations

import re
from re import _constants as C  # the parse tree `re` itself compiles (Python >= 3.11)
from re import _parser as P
from typing import Callable

# the only non-ASCII characters that `re` matches to an ASCII letter when ignoring case (checked
# exhaustively in tests/test_regex_gate.py): a text holding one is never skipped on a case-blind literal
_ASCII_FOLDS = frozenset("\u0130\u0131\u017f\u212a")

Requirement = frozenset  # of (string, case_blind) pairs: every match contains one of them


def _score(req: Requirement) -> tuple:
    """A more selective requirement first: longer strings, fewer alternatives."""
    return (min(len(s) for s, _ in req), -len(req))


def _group_blind(blind: bool, add: int, remove: int) -> bool:
    """Whether a group `(?i:...)` / `(?-i:...)` inside a case-blind (`blind`) or exact part is case-blind."""
    return (blind or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE


def _sequence(items, blind: bool) -> Requirement | None:
    best, run = None, ""

    def take(req):
        nonlocal best
        if req and (best is None or _score(req) > _score(best)):
            best = req

    for op, av in items:
        if op is C.LITERAL and (not blind or av < 128):
            run += chr(av).lower() if blind else chr(av)
            continue
        if run:
            take(frozenset({(run, blind)}))
            run = ""
        take(_item(op, av, blind))
    if run:
        take(frozenset({(run, blind)}))
    return best


def _item(op, av, blind: bool) -> Requirement | None:
    if op is C.SUBPATTERN:
        _, add, remove, sub = av
        return _sequence(sub, _group_blind(blind, add, remove))
    if op is C.BRANCH:
        out = set()
        for alt in av[1]:
            req = _sequence(alt, blind)
            if req is None:
                return None
            out |= req
        return frozenset(out)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _sequence(av[2], blind)
    if op is C.ATOMIC_GROUP:
        return _sequence(av, blind)
    return None  # a class, a look-around, an anchor, an optional part: nothing every match must hold


def requirement(rx: re.Pattern) -> Requirement | None:
    """The strings one of which every match of `rx` contains, or None when no such set is known."""
    if not isinstance(rx.pattern, str):
        return None
    try:
        tree = P.parse(rx.pattern, rx.flags)
    except Exception:  # a construct this reading does not know: never skip
        return None
    return _sequence(list(tree), bool(rx.flags & re.IGNORECASE))


def gate(rx: re.Pattern) -> Callable[[str, str | None], bool] | None:
    """`could_match(text, folded)`: False only when `rx` cannot match `text`. `folded` is `fold(text)`."""
    req = requirement(rx)
    if req is None:
        return None
    exact = tuple(s for s, blind in req if not blind)
    blind = tuple(s for s, b in req if b)

    def could_match(text: str, folded: str | None) -> bool:
        if any(s in text for s in exact):
            return True
        return bool(blind) and (folded is None or any(s in folded for s in blind))
    return could_match


def fold(text: str) -> str | None:
    """The text lowered for case-blind literals, or None when it holds a character `re` folds to ASCII."""
    if not text.isascii() and any(c in _ASCII_FOLDS for c in text):
        return None
    return text.lower()


# --- a first-character test before each attempt ------------------------------------------------------------
# `re` tries an expression at every position of a text; one that opens with optional words, a look-behind or
# `\b` explores its alternatives at each before failing. A look-ahead for the characters a match can begin
# with fails at once where none of them stands, and changes no match: an expression that cannot match the
# empty string must consume its first character there, and that character is one of these.
_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
               C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


def _char(code: int) -> str:
    return f"\\U{code:08x}"


def _first_seq(items, blind: bool):
    """(class items by case mode, can be empty) of a sequence, or None when any character may begin it."""
    out: dict[bool, list[str]] = {False: [], True: []}
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        got = _first_item(op, av, blind)
        if got is None:
            return None
        parts, nullable = got
        for mode, xs in parts.items():
            out[mode] += xs
        if not nullable:
            return out, False
    return out, True


def _first_item(op, av, blind: bool):
    if op is C.LITERAL:
        return {blind: [_char(av)]}, False
    if op is C.IN:
        xs = []
        for iop, iav in av:
            if iop is C.LITERAL:
                xs.append(_char(iav))
            elif iop is C.RANGE:
                xs.append(f"{_char(iav[0])}-{_char(iav[1])}")
            elif iop is C.CATEGORY and iav in _CATEGORIES:
                xs.append(_CATEGORIES[iav])
            else:  # a negated class, or one this reading does not know
                return None
        return {blind: xs}, False
    if op is C.SUBPATTERN:
        _, add, remove, sub = av
        return _first_seq(sub, _group_blind(blind, add, remove))
    if op is C.ATOMIC_GROUP:
        return _first_seq(av, blind)
    if op is C.BRANCH:
        out: dict[bool, list[str]] = {False: [], True: []}
        nullable = False
        for alt in av[1]:
            got = _first_seq(alt, blind)
            if got is None:
                return None
            for mode, xs in got[0].items():
                out[mode] += xs
            nullable |= got[1]
        return out, nullable
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        got = _first_seq(av[2], blind)
        if got is None:
            return None
        return got[0], got[1] or av[0] == 0
    return None


def first_char_guard(rx: re.Pattern) -> re.Pattern:
    """`rx` behind a look-ahead for the characters its matches can begin with: the same matches at the same
    places, found sooner. `rx` itself when no such set is known or it can match the empty string."""
    if not isinstance(rx.pattern, str) or rx.flags & (re.VERBOSE | re.LOCALE):
        return rx
    try:
        got = _first_seq(list(P.parse(rx.pattern, rx.flags)), bool(rx.flags & re.IGNORECASE))
    except Exception:
        return rx
    if got is None or got[1]:
        return rx
    parts = [f"[{''.join(dict.fromkeys(xs))}]" if not mode else f"(?i:[{''.join(dict.fromkeys(xs))}])"
             for mode, xs in got[0].items() if xs]
    if rx.flags & re.IGNORECASE:  # a pattern-wide flag cannot be switched off in a group: every part is blind
        parts = [f"[{''.join(dict.fromkeys(x for xs in got[0].values() for x in xs))}]"]
    try:
        guarded = re.compile(f"(?={'|'.join(parts)})(?:{rx.pattern})", rx.flags)
    except re.error:  # e.g. a global flag that must open the expression
        return rx
    return guarded if guarded.groupindex == rx.groupindex and guarded.groups == rx.groups else rx
