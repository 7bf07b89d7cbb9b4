"""The attribute ruler's indexed match (attribute_index.py) finds what spaCy's Matcher finds, so every token
gets the same part of speech, morphology and lemma as with the stock model."""
import spacy
from spacy.attrs import LEMMA, MORPH, POS, TAG

import detente
from detente.attribute_index import IndexedMatch
from detente.ingest import iter_documents
from detente.model import Document
from detente.parse import MODEL, load_model

# our own sentences for the ruler's rarer patterns: two-word ones ("gon na", "let 's"), NOT_IN tests
# (auxiliaries, determiners), pronoun objects and spaces
ODD = ["They're gonna free them, y'all, and let's hope it ain't the end; nothin' is certain.",
       "There are two envoys.  There is one treaty, and it was signed.\n\nGive it to me, then tell them and you.",
       "Whether or not the talks resume, Minsk did so because Washington asked it to, though it hasn't said why."]


def texts() -> list[str]:
    return [d.text for d in iter_documents([str(detente.demo_corpus())]) if isinstance(d, Document)] + ODD


def test_indexed_match_finds_the_matchers_matches():
    nlp = spacy.load(MODEL)
    ruler = nlp.get_pipe("attribute_ruler")
    index = IndexedMatch(ruler)
    assert not len(index.rest)  # the shipped model's patterns are all looked up or tested on arrays
    docs = list(nlp.pipe(texts(), disable=["attribute_ruler", "lemmatizer", "ner"]))
    want = [ruler.match(d) for d in docs]
    assert sum(map(len, want)) > 2000
    two_words = {a for a, specs in index.tested if len(specs) == 2}
    assert len({m[0] for ms in want for m in ms} & two_words) >= 2  # the rare patterns are exercised
    assert index.batch(docs) == want  # a batch of documents at once
    assert [index(d) for d in docs] == want  # one at a time
    assert index.batch(docs[:1] + [nlp.make_doc("")] + docs[1:2]) == [want[0], [], want[1]]


def test_the_pipeline_annotates_every_token_as_the_stock_model_does():
    stock = spacy.load(MODEL)
    ours = load_model()
    cols = [TAG, POS, MORPH, LEMMA]
    got = [d.to_array(cols).tolist() for d in ours.pipe(texts(), batch_size=4)]
    want = [d.to_array(cols).tolist() for d in stock.pipe(texts(), batch_size=4)]
    # the demo corpus tokenizes alike (detente's extra infixes split dashes the stock model keeps whole)
    same = [(g, w) for g, w in zip(got, want) if len(g) == len(w)]
    assert len(same) >= len(want) - 3
    assert all(g == w for g, w in same)
