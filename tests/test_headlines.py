"""Acts told in headline grammar, and measures a state's own bodies adopt against another state (sentences
written for these tests about invented happenings, several pairs of states): a state taken off a list of favoured
partners is sanctioned, a listener told not to expect support is refused it, a body approving another state's
membership bid supports that state, a decree or ban adopted at home is the measure's own act. Each family with
cases that must not code that way."""
import pytest

from test_coding import code, codes


def events(text, event=None):
    return [(m.event, codes(m.actor), codes(m.recipient)) for m in code(text) if event is None or m.event == event]


# --- a list of favoured partners: taking a state off it is a sanction ---------------------------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("Thailand to strike Laos from fast-track import 'white list'", "THA", "LAO"),
    ("Chile struck Peru from its whitelist of preferred trading partners on Tuesday.", "CHL", "PER"),
    ("On Monday Norway removed Iceland from the list of trusted partners that enjoy simplified licensing.",
     "NOR", "ISL"),
    ("Kenya took Uganda off its whitelist of favoured suppliers on Thursday.", "KEN", "UGA"),
    ("Brazil's cabinet on Wednesday approved a plan to remove Argentina from a whitelist of countries with fast-track "
     "customs checks.", "BRA", "ARG"),
])
def test_taking_a_state_off_a_list_of_favoured_partners_is_a_sanction(text, actor, recipient):
    found = events(text)
    assert ("SANCTION", [actor], [recipient]) in found, found
    assert not any(e in ("AGREE", "RETREAT", "CONCEDE") for e, _, _ in found), found


def test_taking_a_state_off_a_sanctions_list_is_no_sanction():
    found = events("On Friday the United Kingdom removed Syria from its sanctions list after the vote.")
    assert not any(e == "SANCTION" for e, _, _ in found), found


def test_removing_goods_from_a_whitelist_names_no_state_sanctioned():
    found = events("On Monday Egypt removed two chemicals from its export whitelist.")
    assert not any(e == "SANCTION" and r for e, _, r in found), found


# --- told not to expect support: a refusal -----------------------------------------------------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("Warsaw advises Minsk not to count on Polish backing for the pipeline", "POL", "BLR"),
    ("The Greek prime minister on Monday told North Macedonia not to count on Athens' backing for its application.",
     "GRC", "MKD"),
    ("The Chinese foreign minister warned Nepal on Tuesday not to expect assistance for the new dam.", "CHN", "NPL"),
])
def test_telling_a_state_not_to_expect_support_is_a_refusal(text, actor, recipient):
    assert ("REJECT", [actor], [recipient]) in events(text, "REJECT"), events(text)


@pytest.mark.parametrize("text", [
    "The Polish minister on Monday told reporters not to expect support from the opposition.",
    "The Greek prime minister on Monday told North Macedonia to expect backing for its application.",
])
def test_no_refusal_without_a_state_listener_or_without_the_negation(text):
    assert events(text, "REJECT") == [], events(text)


# --- approving another state's membership bid: support of that state ---------------------------------------------
@pytest.mark.parametrize("text,actor,recipient", [
    ("On Wednesday the Danish parliament ratified Moldova's application to join NATO.", "DNK", "MDA"),
    ("The Dutch senate on Tuesday approved the accession of Croatia.", "NLD", "HRV"),
    ("Greece backs Albania's EU membership bid", "GRC", "ALB"),
    ("Portugal's lawmakers have supported Montenegro's candidacy, officials confirmed on Friday.", "PRT", "MNE"),
])
def test_approving_a_membership_bid_supports_the_candidate_not_the_body(text, actor, recipient):
    found = events(text, "SUPPORT")
    assert ("SUPPORT", [actor], [recipient]) in found, events(text)
    assert not any(r in (["NATO"], ["EU"]) for _, _, r in found), found


def test_approving_the_application_of_rules_is_no_support():
    assert events("The Austrian cabinet on Tuesday approved the application of the new tax rules.", "SUPPORT") == []


# --- a measure adopted at home is the measure's own act ------------------------------------------------------------
@pytest.mark.parametrize("text,event,actor,recipient", [
    ("The Mexican government on Monday adopted a decree imposing tariffs on Chinese steel.", "SANCTION", "MEX", "CHN"),
    ("Bolivia's president signed a decree closing the border with Paraguay on Friday.", "SANCTION", "BOL", "PRY"),
    ("The Latvian parliament on Thursday passed a bill banning imports of Belarusian timber.", "SANCTION", "LVA", "BLR"),
    ("Estonia's cabinet on Tuesday approved a ban on imports of Russian grain.", "SANCTION", "EST", "RUS"),
])
def test_a_measure_adopted_at_home_is_coded_by_its_content(text, event, actor, recipient):
    found = events(text)
    assert (event, [actor], [recipient]) in found, found
    assert not any(e == "AGREE" for e, _, _ in found), found


def test_a_ban_on_protests_is_no_sanction():
    assert events("On Monday the Serbian police enforced a ban on protests in the capital.", "SANCTION") == []


# --- a headline whose verb the parser read as a noun ------------------------------------------------------------------
def headline(line):
    return events(line + "\n\nThe story was still developing on Friday evening.\n")


@pytest.mark.parametrize("line,event,sides", [
    ("Georgia and Russia swap soldiers after talks in Geneva", "RETREAT", {"GEO", "RUS"}),
    ("Chile and Bolivia swap prisoners in Brazil-brokered deal", "RETREAT", {"CHL", "BOL"}),
    ("Eritrea, Ethiopia announce border truce", "AGREE", {"ERI", "ETH"}),
    ("Laos, Vietnam trade fire along disputed border", "ASSAULT", {"LAO", "VNM"}),
])
def test_a_headline_verb_read_as_a_noun_is_a_verb_again(line, event, sides):
    found = [(a, r) for e, a, r in headline(line) if e == event]
    assert any(set(a + r) == sides for a, r in found), headline(line)


def test_repair_keeps_the_sentences_and_hangs_the_line_on_its_verb():
    from detente.headlines import repair_headline
    from detente.parse import parse

    sdoc = next(parse(["Poland, Ukraine exchange war prisoners\n\nThe two armies met at dawn. Nobody spoke.\n"]))
    before = [(s.start, s.end) for s in sdoc.sents]
    assert repair_headline(sdoc, lambda lemma: lemma == "exchange") == "exchange"
    assert [(s.start, s.end) for s in sdoc.sents] == before
    verb = sdoc[3]
    assert verb.dep_ == "ROOT" and verb.pos_ == "VERB"
    assert {(t.text, t.dep_) for t in verb.children} >= {("Poland", "nsubj"), ("prisoners", "dobj")}


@pytest.mark.parametrize("text", [
    "Oil prices rise\n\nMarkets were calm on Friday.\n",  # a verb is there: nothing to repair
    "Chile, Peru trade deal\n\nMarkets were calm on Friday.\n",  # no pattern makes an act of "trade deal"
    "Lima and Quito exchange\n\nMarkets were calm on Friday.\n",  # no object after the word
    "Nepal, Bhutan cease-fire fragile\n\nMarkets were calm on Friday.\n",  # a hyphenated noun, no verb
])
def test_no_act_from_a_headline_without_one(text):
    assert events(text) == [], events(text)


def test_only_the_opening_line_is_read_as_a_headline():
    from detente.headlines import repair_headline
    from detente.parse import parse

    sdoc = next(parse(["Markets were calm on Friday.\n\nPoland, Ukraine exchange war prisoners\n"]))
    assert repair_headline(sdoc, lambda lemma: True) is None


# --- merging: the headline retells the act told with a date; each side's release of an exchange stays its own ---------
def _headline(make_mention, **kw):
    import dataclasses

    from detente.common import HEADLINE_NOTE

    m = make_mention(**kw)
    return dataclasses.replace(m, sent_index=0, notes=[HEADLINE_NOTE],
                               date_how="no time expression in the article's opening: the days before publication")


def test_a_headline_joins_the_act_its_article_dates_and_takes_its_day(make_mention):
    from detente.merge import merge

    head = _headline(make_mention, event="SANCTION", mode=None, actor=("PER",), recipient=("BOL",),
                     start="2025-03-01", end="2025-03-08", doc="b.txt", sentence="Peru expels Bolivian envoy",
                     trigger="expels")
    body = make_mention(event="SANCTION", mode=None, actor=("PER",), recipient=("BOL",), start="2025-03-06",
                        doc="b.txt", sentence="Peru expelled the Bolivian ambassador on Thursday.", trigger="expelled")
    events = []
    merge([head, body], events)
    (e,) = events
    assert e.date_start == e.date_end == body.date_start and e.num_mentions == 2


def test_a_headline_no_body_tells_is_an_event_of_its_own(make_mention):
    from detente.merge import merge

    head = _headline(make_mention, event="REJECT", mode=None, actor=("SRB",), recipient=("MNE",),
                     start="2025-03-01", end="2025-03-08", sentence="Belgrade turns down Podgorica's plea for help",
                     trigger="turns down")
    events = []
    merge([head], events)
    assert len(events) == 1 and events[0].event == "REJECT"


def test_each_side_of_an_exchange_keeps_its_own_release(make_mention):
    from detente.merge import merge

    ms = [make_mention(actor=a, recipient=r, doc=d, sentence=s, trigger=t) for a, r, d, s, t in [
        (("GEO",), ("RUS",), "a.txt", "Georgia and Russia swapped prisoners on Friday.", "swapped"),
        (("RUS",), ("GEO",), "a.txt", "Georgia and Russia swapped prisoners on Friday.", "swapped"),
        (("GEO",), ("RUS",), "b.txt", "The two states exchanged detainees on Friday.", "exchanged"),
        (("RUS",), ("GEO",), "b.txt", "The two states exchanged detainees on Friday.", "exchanged")]]
    events = []
    merge(ms, events)
    assert sorted((e.actor[0].code, e.num_mentions) for e in events) == [("GEO", 2), ("RUS", 2)]


def test_a_truce_told_from_each_side_is_one_agreement(make_mention):
    from detente.merge import merge

    ms = [make_mention(event="AGREE", mode=None, actor=a, recipient=r, doc=d, sentence=s, trigger="ceasefire")
          for a, r, d, s in [(("LAO",), ("VNM",), "a.txt", "Laos agreed a ceasefire with Vietnam on Friday."),
                             (("VNM",), ("LAO",), "b.txt", "Vietnam and Laos reached a ceasefire on Friday.")]]
    events = []
    merge(ms, events)
    assert len(events) == 1


def test_a_headline_coded_again_from_its_kept_parse_is_still_read_as_a_headline():
    # an undated article is coded again from the parse the ingest kept (parse_memo), which is the parse the first
    # coding repaired: the second reading must still know the verb was restored, or its act stops being the
    # retelling of the article's dated one and becomes an event of its own
    import datetime as dt

    from spacy.tokens import Doc

    from detente.common import HEADLINE_NOTE
    from detente.model import Document
    from detente.pipeline import code_document, get_nlp

    text = "Chile and Bolivia swap prisoners\n\nThe two armies met at the border on Friday.\n"
    doc = Document(id="t-headline-again", name="h.txt", text=text, published_start=dt.date(2025, 3, 8),
                   published_end=dt.date(2025, 3, 8), published_source="cli")
    sdoc = get_nlp()(text)
    first = code_document(doc, sdoc=sdoc)
    again = code_document(doc, sdoc=Doc(sdoc.vocab).from_bytes(sdoc.to_bytes(exclude=["tensor"])))
    notes = [[HEADLINE_NOTE in m.notes for m in c.mentions if m.sent_index == 0] for c in (first, again)]
    assert notes[0] and all(notes[0]) and notes[1] == notes[0], notes
