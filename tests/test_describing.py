"""Relative clauses that describe their noun (describing.py): the one test the coder (modality.py, which drops a
timeless description) and the dater (dating.py, which keeps the sentence's other times off an act inside one) share.
The sentences are the kinds on which the two stages' own copies of the test used to disagree."""
import functools

from test_coding import code

from detente.describing import describes, describing_clause, own_point_time, set_off
from detente.knowledge import load_knowledge
from detente.modality import Modality
from detente.parse import parse


def word(text: str, w: str):
    return next(t for t in next(parse([text])) if t.text == w)


@functools.cache
def modality() -> Modality:
    return Modality(load_knowledge().modality)


def test_a_set_off_description_with_no_time_is_dropped_and_dated_apart():
    backed = word("Osterland, which has backed the rebels for years, expelled two Ruritanian diplomats on Monday.",
                  "backed")
    assert describing_clause(backed) is backed and set_off(backed) and not own_point_time(backed)
    assert modality().description(backed)  # the coder drops it
    assert [m.trigger for m in code("Osterland, which has backed the rebels for years, expelled two Ruritanian "
                                    "diplomats on Monday.")] == ["expelled"]


def test_a_clause_picking_out_its_noun_keeps_its_act_but_not_the_sentences_day():
    # the dater's copy said "describing" (the perfect), the coder's did not (no comma): both are right for their use
    text = "Osterland said on Monday that the journalist who has been detained in Ruritania for six years had been freed."
    held = word(text, "detained")
    assert describing_clause(held) is held and not set_off(held)
    assert modality().description(held) == ""  # picks out which journalist: no reason to drop
    detention = next(m for m in code(text) if m.trigger == "detained")
    assert "Monday" not in (detention.date_text or ""), detention.date_how  # Monday is the saying's and the freeing's


def test_a_description_with_its_own_point_in_time_tells_a_happening():
    held = word("Ruritania freed Ivan Petrov, who has been held in Osterland since 2019.", "held")
    assert describes(held) and set_off(held) and own_point_time(held)
    assert modality().description(held) == ""


def test_a_span_in_a_clause_within_the_clause_is_that_clauses():
    # "for six months" is the closure's; "prompted" tells the story on, in the simple past: not a description
    text = "The quarrel dates from the 2019 coup in Ruritania, which prompted Osterland to seal its border for six months."
    assert describing_clause(word(text, "prompted")) is None
    assert describing_clause(word(text, "seal")) is None
    assert modality().description(word(text, "prompted")) == ""


def test_an_act_inside_a_clause_within_a_describing_clause_is_part_of_the_description():
    # the dater used to stop at the nearest relative clause ("that followed"); the coder looked at every one above
    text = "Ruritania courted a leader whom Osterland has kept at arm's length since the vote and the arrests that followed."
    clause = describing_clause(word(text, "followed"))
    assert clause is not None and clause.text == "kept"


def test_a_span_on_a_noun_must_be_a_length_of_time():
    # "for Monday" hung on a noun names a day, not how long; a unit of time there is a span
    assert describing_clause(word("Osterland sent Ruritania a list, which was an agenda for Monday.", "was")) is None
    assert describing_clause(word("Ruritania freed Ali, who was given a prison term for ten years.", "given")) is not None
