"""Event coreference signal (detente.corefer) and the ECB+ benchmark's scorers, on hand-made data."""
from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

import pytest

import datetime as dt

from detente.corefer import (EventMention, FamiliesError, cluster_mentions, compatible, document_clusters, event_key,
                             headline_case, kind, load_lexicon, text_lemma, told_with, trigger_lemma, when)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import bench_ecb  # noqa: E402

# ---------------------------------------------------------------- scorers

KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"e", "f", "g"}]


def _close(x: float, y: Fraction) -> bool:
    return abs(x - float(y)) < 1e-9


def _f(p: Fraction, r: Fraction) -> Fraction:
    return 2 * p * r / (p + r)


def test_muc_counts_links():
    # Recall: K1 is cut in 2 parts (1 of 2 links kept), K2 in 2 (2 of 3): 3/5. Precision: 1 + 0 + 2 of 4.
    p, r, f = bench_ecb.muc(KEY, RESPONSE)
    assert _close(r, Fraction(3, 5)) and _close(p, Fraction(3, 4)) and _close(f, _f(Fraction(3, 4), Fraction(3, 5)))


def test_b_cubed_per_mention():
    # Recall: a, b 2/3; c 1/3; d 1/4; e, f, g 3/4 -> 25/42. Precision: c and d 1/2, the rest 1 -> 6/7.
    p, r, f = bench_ecb.b_cubed(KEY, RESPONSE)
    assert _close(r, Fraction(25, 42)) and _close(p, Fraction(6, 7))
    assert _close(f, _f(Fraction(6, 7), Fraction(25, 42)))


def test_ceaf_e_best_alignment():
    # phi4(K1, R1) = 4/5 and phi4(K2, R3) = 6/7 beat any alignment through R2.
    total = Fraction(4, 5) + Fraction(6, 7)
    p, r, f = bench_ecb.ceaf_e(KEY, RESPONSE)
    assert _close(r, total / 2) and _close(p, total / 3)


def test_conll_is_mean_and_perfect_is_one():
    s = bench_ecb.conll(KEY, RESPONSE)
    assert _close(s["conll_f1"], (Fraction(s["muc_f1"]) + Fraction(s["b3_f1"]) + Fraction(s["ceafe_f1"])) / 3)
    perfect = bench_ecb.conll(KEY, [set(c) for c in KEY])
    assert all(_close(v, Fraction(1)) for v in perfect.values())
    singletons = bench_ecb.conll(KEY, [{m} for c in KEY for m in c])
    assert singletons["muc_f1"] == 0 and singletons["b3_f1"] < 1


# ---------------------------------------------------------------- families and lemmas

def test_event_key_families():
    assert event_key("free") == event_key("pardon") == event_key("release") == event_key("liberate")
    assert event_key("meet") == event_key("talk") == event_key("summit") == event_key("Meeting")
    assert event_key("kill") == event_key("slay") == event_key("shoot")
    assert event_key("quake") == event_key("earthquake") == event_key("tremor")
    assert event_key("arrest") == event_key("detain") != event_key("release")
    assert event_key("step down") == event_key("resign")
    assert event_key("photosynthesise") == "photosynthesise"  # no family: its own


def test_families_file_rejects_a_lemma_in_two_families(tmp_path):
    bad = tmp_path / "families.yaml"
    bad.write_text("families:\n  a: [free]\n  b: [free]\n", encoding="utf-8")
    with pytest.raises(FamiliesError, match="families.yaml.*'free'"):
        load_lexicon(str(bad))
    twice = tmp_path / "twice.yaml"
    twice.write_text("families:\n  a: [free]\nplover:\n  a: [RETREAT release]\n  b: [RETREAT release]\n",
                     encoding="utf-8")
    with pytest.raises(FamiliesError, match="RETREAT release"):
        load_lexicon(str(twice))
    broken = tmp_path / "broken.yaml"
    broken.write_text("families: [unclosed\n", encoding="utf-8")
    with pytest.raises(FamiliesError, match="broken.yaml"):
        load_lexicon(str(broken))


@pytest.fixture(scope="module")
def nlp():
    from detente.parse import load_model
    return load_model()


def _span(nlp, text: str, phrase: str):
    doc = nlp(text)
    start = text.index(phrase)
    return doc.char_span(start, start + len(phrase), alignment_mode="expand")


def test_trigger_lemma(nlp):
    assert trigger_lemma(_span(nlp, "The two ministers held talks in Vienna on Monday.", "held talks")) == "talk"
    assert trigger_lemma(_span(nlp, "A strong 6.1 magnitude earthquake shook the coast.",
                               "6.1 magnitude earthquake")) == "earthquake"
    assert trigger_lemma(_span(nlp, "The chief executive stepped down on Friday.", "stepped down")) == "step down"
    assert trigger_lemma(_span(nlp, "The jury found him guilty of fraud.", "found")) == "guilty"
    assert trigger_lemma(_span(nlp, "Three prisoners were freed on Thursday.", "freed")) == "free"
    assert event_key(trigger_lemma(_span(nlp, "Oracle took over the company.", "took over"))) == "acquire"


def test_headline_case():
    assert headline_case(["Software", "Maker", "Buys", "Rival", "For", "$", "2", "Billion"])[2] == "buys"
    words = ["The", "company", "bought", "a", "rival", "."]
    assert headline_case(words) == words


# ---------------------------------------------------------------- documents and mentions

STORIES = {
    "minsk1": "Belarus freed Marta Kowalska and Pavel Dubrouski on Tuesday. Lukashenko pardoned the pair after "
              "a visit by envoy John Hale to Minsk.",
    "minsk2": "Envoy John Hale left Minsk with Marta Kowalska and Pavel Dubrouski, released by Lukashenko.",
    "minsk3": "Lukashenko's pardon of Kowalska and Dubrouski followed talks with Hale in Minsk.",
    "chile1": "A quake of magnitude 7.2 hit Valparaiso in Chile, the ONEMI agency said; 14 people died.",
    "chile2": "Chile's ONEMI counted 14 dead after the 7.2 tremor near Valparaiso.",
}


def test_document_clusters_separate_stories():
    clusters = document_clusters(STORIES)
    assert clusters["minsk1"] == clusters["minsk2"] == clusters["minsk3"]
    assert clusters["chile1"] == clusters["chile2"] != clusters["minsk1"]


def _m(id_, doc, lemma, who=(), when=None, where=(), sentence=0):
    start, end = when or (None, None)
    return EventMention(id_, doc, lemma, frozenset(who), frozenset(), frozenset(where), sentence, start=start, end=end)


def test_cluster_mentions_joins_synonyms_within_a_story():
    stories = {"minsk1": 0, "minsk2": 0, "chile1": 1}
    mentions = [_m("1", "minsk1", "free"), _m("2", "minsk1", "pardon", sentence=1), _m("3", "minsk2", "release"),
                _m("4", "minsk2", "talk", sentence=1), _m("5", "minsk1", "meet", sentence=2), _m("6", "chile1", "release")]
    clusters = cluster_mentions(mentions, stories)
    assert {"1", "2", "3"} in clusters and {"4", "5"} in clusters and {"6"} in clusters
    # Without document clusters everything is one story: the Chilean "release" joins the Minsk one.
    assert {"1", "2", "3", "6"} in cluster_mentions(mentions)


def test_when_normalises_calendar_times_only():
    assert when(["in March 2025"]) == (dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    assert when(["2024", "on October 2, 2024"]) == (dt.date(2024, 10, 2), dt.date(2024, 10, 2))
    assert when(["on Tuesday"]) is None and when(["yesterday"]) is None and when([]) is None


def test_releases_in_different_months_are_two_events():
    march, september = when(["in March 2025"]), when(["September 2025"])
    mentions = [_m("1", "a", "release", when=march), _m("2", "b", "free", when=september),
                _m("3", "c", "pardon", when=when(["on September 3, 2025"])), _m("4", "d", "release")]
    clusters = cluster_mentions(mentions)
    assert {"2", "3"} <= next(c for c in clusters if "2" in c)
    assert not any({"1", "2"} <= c for c in clusters)


def test_reports_by_different_speakers_are_two_events():
    mentions = [_m("1", "a", "say", who={"minister"}), _m("2", "b", "tell", who={"spokesman"}),
                _m("3", "c", "say", who={"minister", "reporter"})]
    clusters = cluster_mentions(mentions)
    assert {"1", "3"} in clusters and {"2"} in clusters


def test_one_sentence_tells_a_happening_once():
    # "The blast killed two, and a gunman shot dead a third": one family, one sentence, two happenings.
    assert len(cluster_mentions([_m("1", "a", "kill", who={"blast"}), _m("2", "a", "shoot", who={"gunman"})])) == 2
    # Told by two sentences of the article, the killing and the shooting may be one happening.
    assert len(cluster_mentions([_m("1", "a", "kill", who={"blast"}),
                                 _m("2", "a", "shoot", who={"gunman"}, sentence=3)])) == 1


def test_kind_reads_the_coding_then_the_trigger():
    assert kind("free") == kind("pardon") == "release"
    assert kind("phone", ("CONSULT", None)) == kind("call", ("CONSULT", "phone")) == "call"
    assert kind("talk", ("CONSULT", None)) == kind("hold", ("CONSULT", None)) == kind("x", ("CONSULT", "visit"))
    assert kind("phone", ("CONSULT", "visit")) == "meet"  # the coder's mode wins when it gave one
    assert kind("pardon", ("CONCEDE", None)) == kind("free", ("RETREAT", "release")) == "release"
    assert kind("pardon", ("ACCUSE", None)) == "ACCUSE:"  # no reading of that type in the family


def test_text_lemma_of_coded_triggers():
    assert text_lemma("freed") == "free" and text_lemma("phoned") == "phone" and text_lemma("met") == "meet"
    assert text_lemma("held", " lengthy talks with the envoy.") == "talk"
    assert text_lemma("held", " a press briefing.") == "hold"  # no event word after the light verb


def test_compatible_counts_and_coded_parties():
    day = (dt.date(2025, 6, 21), dt.date(2025, 6, 21))
    june = (dt.date(2025, 6, 1), dt.date(2025, 6, 30))

    def coded(id_, q=None, when=day, actors=("BLR",), recipients=("USA",), event="RETREAT", mode="release"):
        return EventMention(id_, id_, "free", start=when[0], end=when[1], quantity=q, actors=frozenset(actors),
                            recipients=frozenset(recipients), plover=(event, mode))

    assert compatible(coded("a", 14), coded("b", 16))  # same pinned day: one release counted twice
    assert not compatible(coded("a", 14, june), coded("b", 16))
    assert not compatible(coded("a", actors=("RUS",)), coded("b"))
    assert not compatible(coded("a", recipients=("LTU",)), coded("b"))
    meet = dict(event="CONSULT", mode="visit")  # who met whom: the parties count, not the direction
    assert compatible(coded("a", actors=("USA",), recipients=("BLR",), **meet), coded("b", **meet))
    assert not compatible(coded("a", actors=("USA",), recipients=("RUS",), **meet), coded("b", **meet))
    # a joint act of the same two states is theirs whatever third party each telling names as recipient
    deal = dict(event="SUPPORT", mode=None)
    assert compatible(coded("a", actors=("GHA", "TGO"), recipients=("UN",), **deal),
                      coded("b", actors=("GHA", "TGO"), recipients=("USA",), **deal))
    assert not compatible(coded("a", actors=("GHA", "TGO"), recipients=("UN",), **deal),
                          coded("b", actors=("GHA", "BEN"), recipients=("USA",), **deal))


def test_told_with_keeps_arguments_to_their_trigger(nlp):
    text = "Police arrested the suspect in Lyon on Monday, and a witness later died in hospital."
    doc = nlp(text)

    def sp(phrase):
        start = text.index(phrase)
        return doc.char_span(start, start + len(phrase), alignment_mode="expand")

    arrested, died = sp("arrested"), sp("died")
    assert told_with(sp("Police"), arrested) and told_with(sp("suspect"), arrested)
    assert told_with(sp("Lyon"), arrested) and told_with(sp("Monday"), arrested)
    assert not told_with(sp("Police"), died) and not told_with(sp("witness"), arrested)
    assert told_with(sp("witness"), died) and told_with(sp("hospital"), died)
