"""entity_gate.py: the entity ruler's token Matcher skipped on documents without its required words finds
the same entities as the Matcher run on every document."""
import detente
from detente.entity_gate import GatedMatcher
from detente.ingest import iter_documents
from detente.model import Document
from detente.parse import get_nlp

OWN = ["Lithuania's Amnesty International said on Monday that Belarus freed two activists.",
       "Russian Crisis Group analysts and the Polish Committee to Protect Journalists met in Vilnius.",
       "The talks in Minsk ended without a statement."]


def test_gated_matcher_finds_what_the_matcher_finds():
    nlp = get_nlp()
    ruler = nlp.get_pipe("entity_ruler")
    assert isinstance(ruler.matcher, GatedMatcher)
    texts = OWN + [d.text for d in iter_documents([str(detente.demo_corpus())]) if isinstance(d, Document)]
    docs = list(nlp.pipe(texts, disable=["entity_ruler", "ner", "person_names"]))
    want = [ruler.matcher._matcher(d) for d in docs]
    assert [ruler.matcher(d) for d in docs] == want
    assert want[0] and want[1] and not want[2]  # the patterns match where their words stand
    ents = [(e.text, e.ent_id_) for e in nlp(OWN[0]).ents]
    assert any(e[0].endswith("Amnesty International") and e[1].startswith("national:org:") for e in ents)


def test_a_pattern_added_later_lifts_the_gate():
    import numpy as np
    from spacy.matcher import Matcher

    nlp = get_nlp()
    gated = GatedMatcher(Matcher(nlp.vocab), np.array([nlp.vocab.strings.add("Amnesty")], dtype=np.uint64))
    gated.add("X", [[{"ORTH": "Minsk"}]])  # a pattern the gate's words do not cover
    assert gated._words is None and len(gated(nlp.make_doc("The talks in Minsk ended."))) == 1
