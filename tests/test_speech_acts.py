"""Acts the coder used to miss on new pairs of states: exchanges taken up again after a halt, a side looking forward
to mended ties, a measure held out on a condition, a measure reversed; and the verbs of saying kept in one data file.
Sentences written for these tests about several pairs of states, with negatives that must not code."""
import pytest

from test_coding import code, codes


def found(text, event, rule=None):
    return [m for m in code(text) if m.event == event and rule in (None, m.rule)]


def listing(text):
    return [(m.event, m.rule, codes(m.actor), codes(m.recipient)) for m in code(text)]


def parties(m):
    return sorted(set(codes(m.actor)) | set(codes(m.recipient)))


# --- speech verbs come from data/speech.yaml ------------------------------------------------------------------------

def test_every_speech_verb_list_is_read_from_the_data_file():
    from detente import modality, references, speakers, unknown
    from detente.speech_words import speech_words
    assert speakers.SPEECH_LEMMAS == speech_words("speaker_verbs") and "say" in speakers.SPEECH_LEMMAS
    assert modality.SPEECH_VERBS == speech_words("intention_verbs")
    assert modality.CCOMP_BLOCKERS == speech_words("disbelief_verbs") and "deny" in modality.CCOMP_BLOCKERS
    assert references.REPORT_LEMMAS == speech_words("report_verbs")
    assert unknown.SPEECH_VERBS == speech_words("speaking_subject_verbs")


def test_a_list_the_file_lacks_is_an_error_naming_it():
    from detente.speech_words import speech_words
    with pytest.raises(KeyError):
        speech_words("no_such_list")


def test_a_speaker_verb_of_the_file_gives_we_its_subjects_side():
    # "stressed" is in speaker_verbs: the "we" of the quotation is Estonia's
    ms = found("Estonia and Russia quarrel. \u201cWe demand that Russia return the border guard at once,\u201d the "
               "Estonian foreign minister stressed on Monday.", "REQUEST")
    assert ms and codes(ms[0].actor) == ["EST"], [(m.event, m.rule, codes(m.actor)) for m in ms]


# --- exchanges taken up again (a halt eased, as the gold codes a resumption of imports) ---------------------------

@pytest.mark.parametrize("text, pair", [
    ("Ghana and Togo quarrel over the port. As relations thaw, Ghana and Togo on Tuesday restarted direct passenger "
     "flights between Accra and Lome after three years.", ["GHA", "TGO"]),
    ("Chile and Peru quarrel over fishing. Chile on Monday resumed copper exports to Peru, ending a long freeze.",
     ["CHL", "PER"]),
    ("Latvia and Russia quarrel. On Friday Russia reinstated grain shipments to Latvia.", ["LVA", "RUS"]),
    ("Estonia and Russia quarrel. Russia resumed gas supplies to Estonia on Monday after a month.", ["EST", "RUS"]),
])
def test_trade_or_flights_taken_up_again_is_a_halt_eased_between_the_two(text, pair):
    ms = found(text, "RETREAT", "ease.resume-trade")
    assert ms and parties(ms[0]) == pair, listing(text)


@pytest.mark.parametrize("text", [
    # hostilities taken up again are no cooperation
    "Chile and Peru quarrel over fishing. Chile resumed its shelling of the Peruvian border posts on Monday.",
    # talks, not trade
    "Ghana and Togo quarrel over the port. Ghana and Togo resumed their talks on Monday.",
    # a plan on a condition is no restart done
    "Chile and Peru quarrel over fishing. Chile said it might resume fruit exports to Peru next year.",
])
def test_what_is_not_trade_taken_up_again_is_no_halt_eased(text):
    assert not found(text, "RETREAT", "ease.resume-trade"), listing(text)


# --- looking forward to mended ties ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, actor, recipient", [
    ("Ghana and Togo quarrel over the port. Ghana's foreign ministry said it now looked forward to a full "
     "normalisation of ties on the Togolese side.", "GHA", "TGO"),
    ("Chile and Peru quarrel over fishing. Chile said on Monday that it looked forward to a rapprochement with "
     "Peru.", "CHL", "PER"),
])
def test_looking_forward_to_mended_ties_endorses_the_other_side(text, actor, recipient):
    ms = found(text, "SUPPORT", "praise.look-forward-to-normalisation")
    assert ms and (codes(ms[0].actor), codes(ms[0].recipient)) == ([actor], [recipient]), listing(text)


@pytest.mark.parametrize("text", [
    "Chile and Peru quarrel over fishing. Chile's foreign minister said she looks forward to the summit in Lima.",
    "Ghana and Togo quarrel over the port. Ghana said it looked forward to the end of the rainy season.",
])
def test_looking_forward_to_anything_else_is_no_endorsement(text):
    assert not found(text, "SUPPORT", "praise.look-forward-to-normalisation"), listing(text)


# --- a measure held out on a condition -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, actor, recipient", [
    ("South Korea and North Korea quarrel. Kim Do-hyun, the South Korean vice defence minister, said on Monday that "
     "Seoul will use every means it has if the North launches more provocations.", "KOR", "PRK"),
    ("Estonia and Russia quarrel. The Estonian defence minister said Estonia will use every tool it has if Russia "
     "sends more drones over the border.", "EST", "RUS"),
])
def test_means_held_out_on_a_condition_are_a_threat_to_whom_the_condition_names(text, actor, recipient):
    ms = found(text, "THREATEN", "threaten.means-if")
    assert ms and (codes(ms[0].actor), codes(ms[0].recipient)) == ([actor], [recipient]), listing(text)


@pytest.mark.parametrize("text", [
    # means used, with no condition: no threat
    "Chile and Peru quarrel over fishing. Chile used all available means to rescue the fishermen.",
    "Estonia and Russia quarrel. Estonia will use all available means to help the flood victims.",
])
def test_means_used_with_no_condition_are_no_threat(text):
    assert not found(text, "THREATEN", "threaten.means-if"), listing(text)


# --- a measure reversed ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, actor, recipient", [
    ("Ghana and Togo quarrel over the port. On Wednesday, Togo reversed for now its block on Ghanaian cocoa "
     "exports.", "TGO", "GHA"),
    ("Chile and Peru quarrel over fishing. Peru rescinded the tariffs on Chilean fruit on Monday.", "PER", "CHL"),
])
def test_a_measure_reversed_is_eased(text, actor, recipient):
    ms = found(text, "RETREAT", "sanctions.ease.verb")
    assert ms and codes(ms[0].actor) == [actor] and recipient in codes(ms[0].recipient), listing(text)


@pytest.mark.parametrize("text", [
    "Chile and Peru quarrel over fishing. The Peruvian court reversed the verdict against the Chilean captain.",
    "Chile and Peru quarrel over fishing. Peru refused to reverse the ban on Chilean fruit.",
])
def test_what_is_not_a_measure_undone_is_not_eased(text):
    assert not found(text, "RETREAT", "sanctions.ease.verb"), listing(text)


# --- a subject the parser hung on a fronted phrase ------------------------------------------------------------------

@pytest.mark.parametrize("text, event, pair", [
    ("Chile and Peru quarrel over fishing. As part of the thaw, Chile and Peru on Monday restarted direct flights "
     "between Lima and Santiago.", "RETREAT", ["CHL", "PER"]),
    ("Ghana and Togo quarrel over the port. As a first step towards a settlement, Ghana and Togo on Friday "
     "resumed rail freight between Accra and Lome.", "RETREAT", ["GHA", "TGO"]),
])
def test_the_names_after_a_fronted_phrase_are_the_subject_of_the_verb(text, event, pair):
    ms = found(text, event)
    assert ms and parties(ms[0]) == pair, listing(text)


def test_an_apposition_inside_the_fronted_phrase_is_not_taken_for_the_subject():
    # the verb has its own subject after the apposition: Bolivia acts, not Peru
    text = ("Bolivia and Peru quarrel. As part of a deal with Chile, Peru's neighbour, the Bolivian government on "
            "Monday resumed gas exports to Peru.")
    ms = found(text, "RETREAT")
    assert ms and codes(ms[0].actor) == ["BOL"], listing(text)


def test_a_year_of_a_participle_inside_the_after_phrase_does_not_date_the_act():
    # the year is the dumping's (under the ban's participle), not the resumption's: not dated "in 2021, soon after"
    text = ("Chile and Peru quarrel over fishing. On Monday Peru resumed imports of fishmeal from Chile following a "
            "ban imposed after the Chilean plant began dumping waste in 2021.")
    ms = found(text, "RETREAT", "ease.resume-trade")
    assert ms and all(m.date_start.year > 2021 and "Monday" in m.date_how for m in ms), [(m.rule, m.date_start, m.date_how) for m in ms]


def test_a_year_of_an_after_clause_on_a_participle_does_not_date_the_act():
    text = ("Ghana and Togo quarrel over the port. On Tuesday Ghana resumed exports of cocoa to Togo following an "
            "embargo imposed after the Togolese port began charging new fees in 2019.")
    ms = found(text, "RETREAT", "ease.resume-trade")
    assert ms and all(m.date_start.year > 2019 for m in ms), [(m.rule, m.date_start, m.date_how) for m in ms]


def test_a_year_in_the_after_phrase_itself_still_bounds_the_act():
    text = "Chile and Peru quarrel over fishing. Peru severed relations with Chile following the storming of its embassy in 2016."
    ms = found(text, "SANCTION")
    assert ms and ms[0].date_start.year == 2016, [(m.rule, m.date_start, m.date_how) for m in ms]


# --- envoy appointments told by the noun ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, actor, recipient", [
    ("Chile and Peru quarrel over fishing. Peru's foreign ministry announced the appointment of a special envoy for "
     "talks with Chile on Monday.", "PER", "CHL"),
    ("Estonia and Latvia quarrel over the ferry. On Tuesday the Estonian government announced the nomination of a "
     "new ambassador to Latvia.", "EST", "LVA"),
])
def test_an_envoy_appointment_told_by_its_noun_is_support(text, actor, recipient):
    ms = found(text, "SUPPORT", "appoint.envoy.noun")
    assert ms and (codes(ms[0].actor), codes(ms[0].recipient)) == ([actor], [recipient]), listing(text)


@pytest.mark.parametrize("text", [
    "Chile and Peru quarrel over fishing. Peru's president announced the appointment of a new finance minister.",
    "Chile and Peru quarrel over fishing. The appointment of a new ambassador to Chile was delayed for months.",
])
def test_an_appointment_of_no_envoy_or_not_made_is_no_support(text):
    assert not found(text, "SUPPORT", "appoint.envoy.noun"), listing(text)


@pytest.mark.parametrize("text, actor, recipient", [
    ("Chile and Peru quarrel over fishing. Chile resumed security cooperation with Peru on Monday.", "CHL", "PER"),
    ("Ghana and Togo quarrel over the port. On Friday Togo revived its customs cooperation with Ghana.", "TGO", "GHA"),
])
def test_cooperation_taken_up_again_is_cooperation(text, actor, recipient):
    ms = found(text, "COOPERATE", "cooperate.deepen")
    assert ms and (codes(ms[0].actor), codes(ms[0].recipient)) == ([actor], [recipient]), listing(text)


def test_cooperation_refused_is_no_cooperation():
    text = "Chile and Peru quarrel over fishing. Chile said it would not resume cooperation with Peru."
    assert not found(text, "COOPERATE"), listing(text)


# --- a side taking note of the other's step ------------------------------------------------------------------------

@pytest.mark.parametrize("text, actor, recipient", [
    ("Ghana and Togo quarrel over the port. Ghana's foreign ministry said on Monday it had taken note of Togo's "
     "decision to reopen the port.", "GHA", "TGO"),
    ("Estonia and Latvia quarrel over the ferry. The Latvian foreign ministry said on Friday that it took note of the "
     "Estonian government's announcement.", "LVA", "EST"),
])
def test_taking_note_of_the_other_sides_step_acknowledges_it(text, actor, recipient):
    ms = found(text, "SUPPORT", "praise.take-note")
    assert ms and (codes(ms[0].actor), codes(ms[0].recipient)) == ([actor], [recipient]), listing(text)


@pytest.mark.parametrize("text", [
    "Ghana and Togo quarrel over the port. Journalists took note of the minister's absence.",
    "Ghana and Togo quarrel over the port. Ghana took note of its own decision.",
    "Ghana and Togo quarrel over the port. Ghana took note of the warnings from the weather office.",
])
def test_taking_note_of_anything_else_is_no_acknowledgement(text):
    assert not found(text, "SUPPORT", "praise.take-note"), listing(text)
