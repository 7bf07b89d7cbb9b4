"""regex_gate.py: a rule skipped on a text could not match it, and a guarded expression finds the same matches
at the same places as the expression itself (the temporal stage's rules, on our own texts and fuzzed ones)."""
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import detente
from detente import regex_gate, temporal
from detente.ingest import iter_documents
from detente.model import Document

# our own sentences: case, the characters `re` folds to ASCII letters (ſ, K, İ, ı), dates of every kind
OWN = [
    "On Monday, 3 June 2025, the envoy arrived; two days later he left. The talks of the 1990s ended last week.",
    "THE SUMMIT WAS HELD ON 12 SEPTEMBER, A FORTNIGHT AGO, AT 5 P.M. LOCAL TIME; NEXT QUARTER IT RESUMES.",
    "Talkſ reſumed laſt week; the Kelvin ſign K appears in 'weeKend'; İn the ſpring, twıce a year.",
    "Since the '90s, every ſummer, the 70s and 80s: in Q3 of 2024, early-2023, 12/05/2024 and 2025-06-24.",
    "It will be signed within the coming month, for the time being, in recent weeks, the same period last year.",
]
WORDS = ["the", "last", "next", "week", "weekend", "ago", "later", "Monday", "June", "Sept.", "2025", "'90s", "1990s",
         "12", "3", "p.m.", "GMT", "spring", "ſpring", "K", "İn", "ı", "twice", "a", "year", "days", "same", "period",
         "—", "-", "/", ",", ".", "(", ")", " ", "  ", "\n", "Q3", "quarter", "earlier", "that", "day", "current"]


def texts() -> list[str]:
    return OWN + [d.text for d in iter_documents([str(detente.demo_corpus())]) if isinstance(d, Document)]


def spans(rx: re.Pattern, text: str) -> list:
    return [(m.start(), m.end(), m.groupdict()) for m in rx.finditer(text)]


def check(text: str) -> int:
    found = 0
    folded = regex_gate.fold(text)
    for (rule, rx, _, _), (could_match, guarded) in zip(temporal._COMPILED, temporal._scanners()):
        want = spans(rx, text)
        assert spans(guarded, text) == want, rule
        if could_match is not None and not could_match(text, folded):
            assert not want, rule  # skipped, so it must have had nothing to find
        found += len(want)
    return found


def test_the_characters_re_folds_to_ascii_are_known():
    ascii_blind = re.compile(r"(?i)[\x00-\x7f]")
    assert {chr(c) for c in range(0x80, 0x110000) if ascii_blind.match(chr(c))} == set(regex_gate._ASCII_FOLDS)


def test_gated_and_guarded_rules_find_what_the_rules_find():
    assert sum(check(t) for t in texts()) > 100
    # the gates skip most rules on a plain text, and the guards are in place
    gates, guards = zip(*temporal._scanners())
    assert sum(g is not None and not g(OWN[0], regex_gate.fold(OWN[0])) for g in gates) >= 10
    assert sum(g is not rx for g, (_, rx, _, _) in zip(guards, temporal._COMPILED)) >= 30


def test_a_folded_letter_is_never_skipped():
    # "ſeaſon" matches (?i)season, so a text holding ſ is not skipped on the case-blind literal "season"
    rx = re.compile(r"(?i:\bseason\b)")
    could_match = regex_gate.gate(rx)
    assert rx.search("the ſeaſon") and could_match("the ſeaſon", regex_gate.fold("the ſeaſon"))
    assert not could_match("the summer", regex_gate.fold("the summer"))
    assert regex_gate.first_char_guard(rx).search("the ſeaſon").span() == rx.search("the ſeaſon").span()


def test_an_expression_that_can_match_nothing_is_left_as_it_is():
    rx = re.compile(r"(?:later)?")
    assert regex_gate.first_char_guard(rx) is rx
    assert regex_gate.gate(rx) is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))
def test_fuzzed_texts(text):
    check(text)


def test_the_actor_dictionarys_guarded_scanner_finds_the_same_forms():
    from detente.actors import load_actors

    actors = load_actors()
    assert actors._surface_scanner() is not actors._surface_re
    pieces = [p for t in texts() for p in re.split(r"[.;\n]", t) if p.strip()]
    assert len(pieces) > 100
    got = [[m.span() for m in actors._surface_scanner().finditer(p)] for p in pieces]
    assert got == [[m.span() for m in actors._surface_re.finditer(p)] for p in pieces]
    assert sum(map(len, got)) > 50
