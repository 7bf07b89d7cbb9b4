"""Verbal acts told inside quotes or as a speaker's words: threats whose content is a promise ("'... we will take
countermeasures,' she warned"), accusations in words of censure. Sentences written for these tests about several
pairs of states; negatives that must not code."""
import datetime as dt

import pytest

from detente.common import UNDATED, UNDATED_NEWS
from test_coding import code, codes, none_of, the
from test_undated import PUB, body, told


@pytest.mark.parametrize("sentence, actor, recipient", [
    ("“If Lima refuses to withdraw those remarks, Chile will take firm countermeasures,” the Chilean minister warned.",
     "CHL", "PER"),
    ("Ghana warned that it would take countermeasures against Togo if the blockade continued.", "GHA", "TGO"),
    ("The Norwegian foreign minister said Norway would take countermeasures against Russia over the seizure.",
     "NOR", "RUS"),
])
def test_a_threat_told_by_a_past_warning_is_the_days_news(sentence, actor, recipient):
    found = [m for m in told(sentence) if m.event == "THREATEN"]
    assert found, [(m.event, m.rule) for m in told(sentence)]
    m = found[0]
    assert ([r.code for r in m.actor], [r.code for r in m.recipient]) == ([actor], [recipient])
    assert m.date_how.startswith(UNDATED_NEWS), m.date_how


def test_a_threat_in_the_narrators_future_is_no_news_of_its_own():
    # the narrator's own forecast, said by nobody: no past warning tells it
    for m in told("Chile will take countermeasures against Peru if the blockade continues."):
        assert not m.date_how.startswith(UNDATED_NEWS), (m.event, m.date_how)


@pytest.mark.parametrize("text, actor, recipient", [
    ("Ghana on Monday warned Togo of serious repercussions over the border closure.", "GHA", "TGO"),
    ("Latvia on Tuesday warned Russia of consequences should its jets stray across the border again.", "LVA", "RUS"),
])
def test_warning_a_state_of_consequences_is_a_threat(text, actor, recipient):
    m = the(text, "THREATEN")
    assert (codes(m.actor), codes(m.recipient)) == ([actor], [recipient])


@pytest.mark.parametrize("text", [
    "The Chilean minister on Monday warned of floods and their consequences for farmers.",
    "Peru on Monday warned its citizens of the consequences of travel to the border region.",
])
def test_a_warning_of_consequences_to_no_state_is_no_threat(text):
    none_of(text, "THREATEN")


PAIR = "Chile and Peru quarrel over fishing rights. "


@pytest.mark.parametrize("text, actor, recipient", [
    ("Latvia and Russia quarrel. “This abduction is a serious violation of human rights,” the Latvian prime "
     "minister said on Monday.", "LVA", "RUS"),
    ("Ghana and Togo quarrel over the border. Ghana's foreign minister said on Monday that the closure was a "
     "provocation.", "GHA", "TGO"),
    (PAIR + "“Peruvian coastguards boarded our research ship on Monday,” the Chilean president wrote. “This is "
     "a grave breach of the maritime treaty we both signed.”", "CHL", "PER"),
])
def test_a_speakers_words_of_censure_accuse_the_other_side(text, actor, recipient):
    m = the(text, rule="accuse.censure-copula")
    assert (codes(m.actor), codes(m.recipient)) == ([actor], [recipient])


@pytest.mark.parametrize("text", [
    # the writer's own words, or an opinion about what others think: no one is quoted as accusing
    "Ghana and Togo quarrel over the border. The closure was a provocation, some analysts believe.",
    "Ghana and Togo quarrel over the border. The closure is a violation of the old treaty.",
    # a denial that anything was violated
    "Ghana and Togo quarrel over the border. “This is not a violation of any rule,” the Ghanaian minister said "
    "on Monday.",
    # a quotation after a sentence that quotes no one
    "Ghana and Togo quarrel over the border. The Ghanaian minister flew home on Monday. “This is a provocation.”",
])
def test_censure_no_one_is_quoted_saying_or_a_denial_accuses_no_one(text):
    none_of(text, rule="accuse.censure-copula")


def test_a_censure_quoted_in_an_undated_body_is_the_days_news():
    sentence = ("“The seizure of our trawler by Peru is an open violation of the sea treaty,” the Chilean foreign "
                "minister said.")
    opening = "Chile and Peru at odds\n\nPeru seized a Chilean trawler on Monday, officials said.\n\n"
    found = [m for m in code(body(sentence, opening=opening), PUB)
             if m.rule == "accuse.censure-copula" and m.sentence.strip() == sentence]
    assert found and all(m.date_how.startswith(UNDATED_NEWS) for m in found), [(m.rule, m.date_how) for m in found]


def test_a_maxim_about_no_act_accuses_no_one():
    text = "Ghana and Togo quarrel over the border. “Smuggling is a violation of the law,” the Ghanaian minister said."
    none_of(text, rule="accuse.censure-copula")


@pytest.mark.parametrize("text, actor, recipient", [
    ("Latvia's foreign minister said on Monday that Russia had not honoured its commitments under the treaty.",
     "LVA", "RUS"),
    ("“For two years now Togo does not honour the transit accord it signed,” Ghana's foreign minister said on "
     "Monday.", "GHA", "TGO"),
])
def test_a_broken_promise_charged_by_a_speaker_is_an_accusation(text, actor, recipient):
    m = the(text, rule="accuse.unfulfilled")
    assert (codes(m.actor), codes(m.recipient)) == ([actor], [recipient])


@pytest.mark.parametrize("text", [
    "Chile said on Monday it would fulfil its obligations to Peru.",
    "Ghana said on Monday that Togo had kept its promise.",
])
def test_a_promise_kept_or_to_be_kept_is_no_accusation(text):
    none_of(text, rule="accuse.unfulfilled")
