"""The coder on sentences written for these tests: types, actors, counts, modality."""
import datetime as dt

import pytest

from detente.model import Document
from detente.pipeline import process

PUB = dt.date(2025, 11, 12)


def code(text: str, published: dt.date = PUB):
    doc = Document(id="t-" + str(abs(hash(text))), name="t.txt", text=text, published_start=published,
                   published_end=published, published_source="cli")
    ((_, mentions),) = list(process([doc]))
    return mentions


def only(mentions, event):
    found = [m for m in mentions if m.event == event]
    assert len(found) == 1, [(m.event, m.sentence) for m in mentions]
    return found[0]


def the(text, event=None, rule=None):
    """The one mention of `event` (and of `rule`, when given) coded from `text`."""
    found = [m for m in code(text) if event in (None, m.event) and rule in (None, m.rule)]
    assert len(found) == 1, [(m.event, m.rule, m.sentence) for m in code(text)]
    return found[0]


def none_of(text, event=None, rule=None):
    """No mention of `event` (and of `rule`, when given) is coded from `text`."""
    assert not [m for m in code(text) if event in (None, m.event) and rule in (None, m.rule)], \
        [(m.event, m.rule) for m in code(text)]


def codes(refs):
    return sorted(r.code for r in refs)


def coded_as(text, event, actor=None, recipients=()):
    """The mention of `event` coded from `text`, with `actor` (if given) among its actors and each of
    `recipients` among its recipients."""
    found = code(text)
    m = next((m for m in found if m.event == event), None)
    assert m is not None, [(x.event, x.rule) for x in found]
    if actor:
        assert actor in codes(m.actor), m.actor
    for r in recipients:
        assert r in codes(m.recipient), m.recipient
    return m


def test_release_with_count_actor_and_day():
    m = only(code("Belarus and the United States keep talking. On Saturday, Minsk freed fourteen prisoners."), "RETREAT")
    assert m.mode == "release" and m.cameo == "0841"
    assert codes(m.actor) == ["BLR"] and m.quantity.value == 14
    assert m.date_start == m.date_end == dt.date(2025, 11, 8)
    assert m.rule == "release.verb" and "Saturday" in m.date_how


def test_passive_release_counts_the_people():
    m = only(code("Lithuania and Belarus are neighbours. Three political prisoners were released by Belarus on Monday."),
             "RETREAT")
    assert m.quantity.value == 3 and codes(m.actor) == ["BLR"]


def test_visit_host_is_the_recipient_and_receiving_a_delegation_swaps_roles():
    m = only(code("A Polish delegation visited Vilnius on Tuesday."), "CONSULT")
    assert (m.mode, codes(m.actor), codes(m.recipient)) == ("visit", ["POL"], ["LTU"])
    m = only(code("On Tuesday the Lithuanian president received a Polish delegation."), "CONSULT")
    assert (m.mode, codes(m.actor), codes(m.recipient)) == ("visit", ["POL"], ["LTU"])


@pytest.mark.parametrize("text", [
    "France could reopen its embassy in Damascus if the talks succeed.",
    "Washington has not lifted sanctions on the Syrian airline.",
    "No one is planning to move the summit from Geneva to Vienna.",
    "Releasing every prisoner at once would be a step too far for Minsk.",
])
def test_hypotheticals_negations_and_opinions_are_not_events(text):
    assert code(text) == []


def test_a_demand_to_release_is_a_request_not_a_release():
    ms = code("Two days ago, Trump urged Lukashenko to free more detainees.")
    assert [m.event for m in ms] == ["REQUEST"]
    assert (ms[0].mode, codes(ms[0].actor), codes(ms[0].recipient)) == ("yield", ["USA"], ["BLR"])


def test_a_stated_wish_to_reopen_an_embassy_is_agree():
    m = only(code("On Monday the French foreign minister said Paris wanted to reopen its embassy in Damascus."), "AGREE")
    assert codes(m.actor) == ["FRA"] and codes(m.recipient) == ["SYR"]
    assert any("intent" in n or "intention" in n for n in m.notes)


def test_closing_an_embassy_is_sanction_withdraw_dated_by_its_month():
    m = only(code("Warsaw shut the Polish embassy in Minsk in March 2021."), "SANCTION")
    assert (m.mode, m.cameo, codes(m.actor), codes(m.recipient)) == ("withdraw", "161", ["POL"], ["BLR"])
    assert (m.date_start, m.date_end) == (dt.date(2021, 3, 1), dt.date(2021, 3, 31))


def test_easing_sanctions_names_the_target_and_weights():
    m = only(code("On November 4, Washington lifted sanctions against the Belarusian airline Belavia."), "RETREAT")
    assert m.mode == "ease" and codes(m.actor) == ["USA"] and codes(m.recipient) == ["BLR"]
    assert m.goldstein > 0 and m.plover_score > 0


def test_em_dash_does_not_glue_the_count_to_the_previous_word():
    m = only(code("On Thursday Minsk freed its largest group so far—52 people."), "RETREAT")
    assert m.quantity.value == 52


def test_pronoun_takes_the_subject_before_it():
    ms = code("President Trump spoke by phone with Lukashenko on Friday, hours before he flew to Alaska for his summit "
              "with Putin.")
    (call,) = [m for m in ms if m.mode == "phone"]
    assert codes(call.actor) == ["USA"] and codes(call.recipient) == ["BLR"] and call.date_start == dt.date(2025, 11, 7)
    summit = [m for m in ms if m.trigger == "summit"]
    assert summit and codes(summit[0].actor) == ["USA"] and codes(summit[0].recipient) == ["RUS"]


# --- all sixteen PLOVER types, from verbs and event nouns, active and passive -------------------------
@pytest.mark.parametrize("text, event, actor, recipient", [
    # a joint act: one side acts (in code order), the other receives (one dyad, as for joint meetings)
    ("On Monday Chile and Peru agreed to build a joint border crossing.", "AGREE", ["CHL"], ["PER"]),
    ("The Polish president spoke by phone with the Lithuanian president on Friday.", "CONSULT", ["POL"], ["LTU"]),
    ("Canada praised Mexico on Monday for its handling of the floods.", "SUPPORT", ["CAN"], ["MEX"]),
    ("The Georgian government lifted the curfew in Tbilisi on Sunday.", "CONCEDE", ["GEO"], None),
    ("Spain extradited two suspects to Morocco on Friday.", "COOPERATE", ["ESP"], ["MAR"]),
    ("Norway sent 20 tonnes of medicine to Sudan on Thursday.", "AID", ["NOR"], ["SDN"]),
    ("Germany urged Iran on Tuesday to release the detained sailors.", "REQUEST", ["DEU"], ["IRN"]),
    ("Turkey accused Greece on Monday of violating its airspace.", "ACCUSE", ["TUR"], ["GRC"]),
    ("Venezuela on Monday rejected the proposal from Colombia.", "REJECT", ["VEN"], None),
    ("China threatened on Friday to impose tariffs on Australia.", "THREATEN", ["CHN"], ["AUS"]),
    ("Thousands of students demonstrated in Belgrade on Saturday.", "PROTEST", ["SRB"], ["SRB"]),
    ("Lithuania expelled two Russian diplomats on Monday.", "SANCTION", ["LTU"], ["RUS"]),
    ("Armenia deployed troops to the border on Sunday.", "MOBILIZE", ["ARM"], None),
    ("Two Polish journalists were detained by Belarusian police on Sunday.", "COERCE", ["BLR"], ["POL"]),
    ("Israeli aircraft bombed targets in southern Lebanon on Tuesday.", "ASSAULT", ["ISR"], ["LBN"]),
    ("On Tuesday Japan announced the resumption of aid to Myanmar.", "AID", ["JPN"], ["MMR"]),
])
def test_every_plover_type_with_its_actor_and_recipient(text, event, actor, recipient):
    m = only(code(text), event)
    assert codes(m.actor) == actor
    if recipient is not None:
        assert codes(m.recipient) == recipient


def test_one_sentence_carries_several_events_with_a_compound_actor():
    ms = code("On Sunday Russia and Ukraine exchanged prisoners, and Turkey praised Kyiv.")
    releases = [m for m in ms if m.event == "RETREAT"]  # an exchange: a release by each side to the other
    assert sorted((codes(m.actor), codes(m.recipient)) for m in releases) == [(["RUS"], ["UKR"]), (["UKR"], ["RUS"])]
    support = only(ms, "SUPPORT")
    assert codes(support.actor) == ["TUR"] and codes(support.recipient) == ["UKR"]


def test_a_threat_codes_the_threat_not_the_act_threatened():
    ms = code("On Friday China threatened to impose sanctions on Lithuania.")
    assert [m.event for m in ms] == ["THREATEN"]
    assert codes(ms[0].recipient) == ["LTU"]


def test_a_stated_plan_to_attack_is_a_threat_and_a_refusal_to_free_is_a_rejection():
    assert [m.event for m in code("On Monday Azerbaijan said it planned to attack Armenia.")] == ["THREATEN"]
    assert [m.event for m in code("Iran refused on Monday to release the British sailors.")] == ["REJECT"]


@pytest.mark.parametrize("text", [
    "Would Minsk free the prisoners if Washington lifted sanctions?",
    "Armenia can send more delegations to Baku.",
    "Turkey might impose sanctions on Syria.",
    "The talks were about a possible release of the Estonian journalists.",
    "Moldova is a place for Russia and Ukraine to exchange prisoners.",
])
def test_questions_modals_topics_and_purposes_are_not_events(text):
    assert code(text) == []


def test_reported_speech_is_the_reported_act_not_the_speakers_statement():
    ms = code("Officials said on Monday that Serbia had arrested three Kosovar journalists.")
    (m,) = ms
    assert m.event == "COERCE" and codes(m.actor) == ["SRB"]


def test_a_short_reference_takes_the_person_named_before_it():
    ms = code("John Coale flew to Minsk on Monday. On Tuesday the envoy met Lukashenko.")
    meet = [m for m in ms if m.trigger == "met"]
    assert meet and codes(meet[0].actor) == ["USA"] and codes(meet[0].recipient) == ["BLR"]


def test_confidence_is_higher_for_a_named_actor_and_verb_than_for_a_context_filled_noun():
    ms = code("Belarus and the United States keep talking. On Saturday Minsk freed fourteen prisoners. "
              "On Sunday came the release of three more detainees.")
    verb = [m for m in ms if m.trigger == "freed"][0]
    noun = [m for m in ms if m.trigger == "release"][0]
    assert verb.confidence > noun.confidence
    assert any("context" in n for n in noun.notes)


def test_an_unknown_name_is_guessed_once_and_reused_for_later_mentions():
    import copy

    from detente.actors import ActorDictionary
    from detente.coding import Coder
    from detente.model import ActorRef
    from detente.parse import get_nlp

    asked = []

    def guess(text, sentence, on):
        asked.append(text)
        return ActorRef("KGZ", "GOV", text, None, "guess") if "Zhaparov" in text else None

    actors = copy.copy(ActorDictionary.load(()))  # the shared dictionary stays untouched
    actors.guess = guess
    text = "On Monday President Amantur Zhaparov praised Kazakhstan. On Tuesday Zhaparov criticized Uzbekistan."
    doc = Document(id="g", name="g.txt", text=text, published_start=PUB, published_end=PUB)
    ms = Coder(actors).code(doc, get_nlp()(text))
    assert [(m.event, codes(m.actor), codes(m.recipient)) for m in ms] == [
        ("SUPPORT", ["KGZ"], ["KAZ"]), ("ACCUSE", ["KGZ"], ["UZB"])]
    assert sum("Zhaparov" in a for a in asked) == 1


def test_saying_another_state_must_act_is_a_demand_on_it():
    ms = code("On Monday Britain said that Libya must hand over the two suspects.")
    m = only(ms, "REQUEST")
    assert codes(m.actor) == ["GBR"] and codes(m.recipient) == ["LBY"]
    assert all(x.event != "RETREAT" for x in ms)  # what Libya must do has not happened


def test_an_object_pronoun_is_not_the_subject_of_its_own_sentence():
    ms = code("On Friday Trump spoke with Lukashenko by phone. In a post on Saturday, Trump thanked him for "
              "freeing 16 prisoners.")
    (release,) = [m for m in ms if m.mode == "release"]
    assert codes(release.actor) == ["BLR"] and release.quantity.value == 16
    (praise,) = [m for m in ms if m.event == "SUPPORT"]
    assert codes(praise.actor) == ["USA"] and codes(praise.recipient) == ["BLR"]


def test_two_nationalities_on_one_noun_are_two_sides():
    ms = [m for m in code("On Monday, Polish and Lithuanian officials held talks in Warsaw.") if m.event == "CONSULT"]
    # one mention per side as actor (dyadic data), one event after merging
    assert sorted((codes(m.actor), codes(m.recipient)) for m in ms) == [(["LTU"], ["POL"]), (["POL"], ["LTU"])]
    assert len({m.event_id for m in ms}) == 1


def test_a_pattern_file_with_an_unquoted_yes_no_word_is_refused(tmp_path):
    from importlib import resources

    import yaml

    from detente.coding import load_knowledge

    raw = yaml.safe_load((resources.files("detente") / "data" / "patterns.yaml").read_text())
    bad = tmp_path / "p.yaml"
    bad.write_text(yaml.safe_dump(raw).replace("- upon", "- upon\n    - off", 1).replace("'off'", "off"))
    text = bad.read_text()
    assert "- off" in text
    with pytest.raises(ValueError, match="quote words"):
        load_knowledge(str(bad))
    assert load_knowledge(None).patterns  # the shipped file is clean


def test_a_relative_date_in_parentheses_does_not_break_dating():
    ms = code("Belarus freed 14 political prisoners (two days later, officials said).")
    assert [m.quantity.value for m in ms if m.mode == "release"] == [14]


# --- doers the dictionary lacks, and the modality rules for promises, ultimatums and refusals ----------

def test_unknown_doer_is_coded_but_makes_no_event(tmp_path):
    from detente.api import ingest
    from detente.store import Store

    text = "The Zoravar coalition agreed on Monday to postpone its rally in Yerevan."
    m = only(code(text), "AGREE")
    assert not m.resolved and m.actor[0].code == "" and "Zoravar" in m.actor[0].entity_text
    assert any("actor unresolved" in n for n in m.notes)
    assert m.confidence < 0.5
    path = tmp_path / "a.txt"
    path.write_text(text + "\n")
    db = str(tmp_path / "s.duckdb")
    ingest([str(path)], db=db, published=PUB)
    with Store(db) as store:
        assert store.events() == []  # kept as a mention, waiting for the dictionary
        assert store.con.execute("SELECT count(*) FROM mentions WHERE event_id IS NULL").fetchone()[0] >= 1


def test_words_that_name_no_one_are_no_doer():
    # a document or an anonymous single person is not an actor anyone could list
    assert not [m for m in code("The report accused Moldova of fraud.") if m.event == "ACCUSE"]
    assert not [m for m in code("A protester smashed the windows of the Moldovan parliament.")
                if not m.resolved]


def test_agentless_passive_attack_is_coded_with_an_unnamed_doer():
    m = only(code("Three Moldovan border guards were killed near Tiraspol on Friday."), "ASSAULT")
    assert not m.resolved and m.actor[0].how == "unnamed"


def test_the_act_named_as_cause_gives_the_doer_of_a_passive():
    m = only(code("Two Syrian civilians were killed in Turkish shelling near Kobani."), "ASSAULT")
    assert codes(m.actor) == ["TUR"]


@pytest.mark.parametrize("text,event,cameo", [
    ("Moldova said on Monday that it will release 20 prisoners.", "AGREE", "035"),
    ("Washington said it will ease sanctions on the Moldovan airline.", "CONCEDE", "080"),
])
def test_a_promise_is_agreement_except_promised_relief(text, event, cameo):
    m = only(code(text), event)
    assert m.cameo == cameo


def test_a_hostile_act_on_a_condition_is_a_threat():
    m = only(code("Estonia will withdraw its troops from Mali unless the junta holds elections."), "THREATEN")
    assert codes(m.actor) == ["EST"] and any("condition" in n for n in m.notes)
    # a cooperative act on a condition is no threat (and a hypothetical: nothing)
    assert not [x for x in code("Estonia could reopen its embassy in Mali if the junta holds elections.")
                if x.event in ("THREATEN", "SUPPORT")]


def test_negated_consent_is_a_refusal_but_other_negations_are_nothing():
    m = only(code("Hungary will not accept the Serbian proposal, its foreign minister said on Monday."), "REJECT")
    assert codes(m.actor) == ["HUN"]
    assert not code("Hungary has not lifted its sanctions on Serbia.")


@pytest.mark.parametrize("text,event,actor", [
    ("Polish farmers blocked roads near Warsaw on Monday to protest grain imports from Ukraine.", "PROTEST", "POL"),
    ("Gunmen tried to assassinate the Georgian prime minister in Tbilisi.", "ASSAULT", None),
    ("Ireland sent 300 peacekeepers to Lebanon in May.", "AID", "IRL"),
    ("The Georgian prime minister resigned on Monday.", "RETREAT", "GEO"),
    ("Russian hackers hacked into the computers of the Estonian parliament.", "COERCE", "RUS"),
    ("Turkish police dispersed the demonstration in Ankara with tear gas.", "COERCE", "TUR"),
])
def test_more_of_plover_from_general_wording(text, event, actor):
    m = only(code(text), event)
    if actor:
        assert actor in codes(m.actor)


def test_an_edited_pattern_file_is_read_again_in_the_same_process(tmp_path):
    import os
    from pathlib import Path

    import detente.coding
    from detente.pipeline import get_coder

    shipped = (Path(detente.coding.__file__).parent / "data" / "patterns.yaml").read_text(encoding="utf-8")
    user = tmp_path / "patterns.yaml"
    user.write_text(shipped, encoding="utf-8")
    first = get_coder((), str(user))
    assert get_coder((), str(user)) is first  # cached while the file is unchanged
    user.write_text(shipped.replace("id: release.verb", "id: release.verb.edited"), encoding="utf-8")
    os.utime(user, ns=(os.stat(user).st_atime_ns, os.stat(user).st_mtime_ns + 10**9))
    again = get_coder((), str(user))
    assert again is not first and any(p.id == "release.verb.edited" for p in again.k.patterns)


@pytest.mark.parametrize("text,event,cameo,actor", [
    # agreeing to a noun-named act is an agreement (the framing verb and its noun used to cancel out)
    ("Armenia and Azerbaijan agreed to a truce on Sunday after three days of clashes.", "AGREE", None, "ARM"),
    ("Chile has agreed to Vatican mediation in its border dispute with Argentina.", "AGREE", None, "CHL"),
    ("Peru and Ecuador reached a consensus to share data on fishing stocks.", "AGREE", "031", "ECU"),
    ("Norway accepted a compromise formula for its quota dispute with Iceland.", "AGREE", None, "NOR"),
    # an agreed act other than a release is a stated commitment, not the act
    ("The Nepalese king agreed to step down on Friday.", "AGREE", None, "NPL"),
    # ... except agreed relief of sanctions, which the conventions count as a concession
    ("The Canadian parliament agreed to lift the embargo on Cuba.", "CONCEDE", "080", "CAN"),
])
def test_agreeing_to_something(text, event, cameo, actor):
    m = only(code(text), event)
    assert actor in codes(m.actor) + codes(m.recipient)
    if cameo:
        assert m.cameo == cameo


@pytest.mark.parametrize("text,event,mode,actor,recipient", [
    ("The Kenyan envoy undertook a mediation mission between Ethiopia and Eritrea.", "CONSULT", None, "KEN",
     ["ERI", "ETH"]),
    ("The Dutch prime minister gave a warm welcome to the Indonesian president in The Hague.", "CONSULT",
     "visit", "IDN", ["NLD"]),
    ("Georgia hosted a team of OSCE monitors in Tbilisi on Monday.", "RETREAT", "access",
     "GEO", ["OSCE"]),
    ("The Turkish army lifted its blockade of the Syrian border town on Friday.", "RETREAT", "withdraw", "TUR",
     ["SYR"]),
    ("Chadian forces have completed their withdrawal from the border town.", "RETREAT", "withdraw", "TCD", []),
    ("Kenya suspended air links with Somalia on Wednesday.", "SANCTION", "withdraw", "KEN", ["SOM"]),
    ("Egyptian officials ended their mediation efforts between the rival Libyan factions.", "SANCTION",
     "withdraw", "EGY", []),
    ("The Zambian government accepted demands from striking miners for higher pay.", "CONCEDE", None, "ZMB", []),
    ("Greek dockers called off a five-day strike on Tuesday.", "CONCEDE", None, "GRC", []),
    ("Jordan will not accept any more refugees from Syria, its interior minister said.", "REJECT", None, "JOR", []),
    ("Pakistani officials failed to reach agreement with India on water sharing.", "REJECT", None, "PAK", []),
    ("A Kenyan newspaper defied a government ban on reporting from the region.", "REJECT", None, "KEN", []),
    ("Ghana lodged an official protest with Togo on Monday over the border incident.", "ACCUSE", "allege", "GHA",
     ["TGO"]),
    ("A Bolivian judge ordered the former minister to appear in court for questioning.", "REQUEST", None, "BOL", []),
    ("The Bolivian opposition issued a statement demanding that the government release the detained leaders.",
     "REQUEST", None, "BOL", []),
    ("Ugandan police reimposed a blockade on the opposition leader's home.", "COERCE", "restrict", "UGA", []),
    ("Tamil militants set fire to government offices in Jaffna overnight.", "COERCE", "property", None, []),
    ("Thousands of Chilean miners stopped work on Monday, the first day of an indefinite strike.", "PROTEST",
     "demo", "CHL", []),
    ("A group of Tibetan exiles are continuing a hunger strike in Delhi.", "PROTEST", "hunger", None, []),
    ("Kenyan police used tear gas to disperse students protesting fee rises in Nairobi.", "COERCE", "repress",
     "KEN", []),
    ("Uzbek police opened fire on the crowd, killing two people and arresting 40.", "COERCE", "arrest", "UZB", []),
    ("Four Canadian soldiers were killed by an explosive device near Kandahar.", "ASSAULT", None, None, ["CAN"]),
    ("Sudanese militias were engaged in ethnic cleansing in the western region.", "ASSAULT", None, "SDN", []),
    ("Kurdish rebels have sworn to fight until they control the border villages.", "THREATEN", None, None, []),
])
def test_more_wording_across_plover(text, event, mode, actor, recipient):
    m = coded_as(text, event, actor, recipient)
    assert mode is None or m.mode == mode, m.mode


@pytest.mark.parametrize("text", [
    "The rebels opposed the deployment of the force until their demands are met.",
    "The Liberal bloc will stay away from the vote unless the prime minister consents to resign first.",
])
def test_open_conditions_are_not_events_of_their_own(text):
    assert not [m for m in code(text) if m.event in ("CONCEDE", "RETREAT", "AGREE")]


def test_a_corrected_slip_keeps_the_basis_of_the_resolution():
    m = only(code("Ethopia sent 200 peacekeepers to Somalia on Monday."), "AID")
    (a,) = m.actor
    assert a.code == "ETH" and a.basis == "country" and "fuzzy" in a.how


@pytest.mark.parametrize("text,event,actor,recipient", [
    ("The Chilean president said he would not provide support to the Bolivian rebels.", "REJECT", "CHL", None),
    ("Estonia presented evidence against Russia at the meeting in Brussels.", "ACCUSE", "EST", "RUS"),
    ("Evidence against Serbia was presented by Croatia on Monday.", "ACCUSE", "HRV", "SRB"),
    ("Russia is conducting military exercises near the Finnish border.", "MOBILIZE", "RUS", None),
    ("Greek and Cypriot warships began joint exercises on Monday.", "COOPERATE", None, None),
    ("Greek and Cypriot warships began naval exercises on Monday.", "COOPERATE", None, None),
    ("Peru is holding naval exercises with Chile this week.", "COOPERATE", "PER", "CHL"),
    ("Armenian rebels received weapons from the Iranian army.", "AID", "IRN", "ARM"),
    ("The Malian junta received assurances from the Russian government on Monday.", "AGREE", "RUS", "MLI"),
    ("Japan helped Vietnam after the floods.", "AID", "JPN", "VNM"),
    ("Ukrainian lawmakers endorsed a trade agreement with the European Union.", "SUPPORT", "UKR", "EU"),
    ("Congolese rebels engaged Ugandan troops in a firefight near the border.", "ASSAULT", "COD", None),
    ("Georgian demonstrators launched rockets at the parliament in Tbilisi.", "ASSAULT", "GEO", None),
    # a joint act: one side acts (in code order), the other receives
    ("Peru and Ecuador are seeking to deepen their partnership in energy.", "AGREE", "ECU", "PER"),
    ("Moldova faces pressure from Romania to hold early elections.", "REQUEST", "ROU", "MDA"),
])
def test_wording_of_news_wires(text, event, actor, recipient):
    coded_as(text, event, actor, [recipient] if recipient else [])


def test_a_meeting_of_three_is_one_mention_per_side_and_one_event():
    ms = [m for m in code("The leaders of Chile, Peru and Bolivia met in Lima on Monday.") if m.event == "CONSULT"]
    assert sorted(tuple(codes(m.actor)) for m in ms) == [("BOL",), ("CHL",), ("PER",)]
    assert all(len(m.recipient) == 2 and not set(codes(m.actor)) & set(codes(m.recipient)) for m in ms)
    assert len({m.id for m in ms}) == 3 and len({m.event_id for m in ms}) == 1


def test_a_report_that_alleges_is_an_accusation_by_unnamed_authors():
    m = only(code("A report released in Kigali alleged that French soldiers helped plan the killings."), "ACCUSE")
    assert m.actor[0].how == "unnamed" and not m.resolved


def test_the_city_of_a_dateline_is_never_the_doer():
    text = "RIGA, May 5, 2025 - Polish Foreign Minister Radoslaw Sikorski visited Vilnius on Monday."
    m = only(code(text), "CONSULT")
    assert codes(m.actor) == ["POL"] and codes(m.recipient) == ["LTU"]


@pytest.mark.parametrize("text,event,actor,recipient", [
    # dissent with no named target is aimed at the dissenters' own state
    ("Tunisian teachers went on a hunger strike in front of the ministry.", "PROTEST", "TUN", "TUN"),
    # ... and a purpose clause names the target, through the owner of what is protested
    ("Kurdish refugees went on hunger strike in Stockholm to protest against Sweden's decision to deport them.",
     "PROTEST", None, "SWE"),
    # "demanded that X do": the one asked is the clause's subject
    ("The Kenyan opposition demanded that the Ugandan government free the detained activists.", "REQUEST", "KEN",
     "UGA"),
    # a threat to cut ties names its target in the threatened act
    ("Bolivia threatened on Friday to sever its ties with Chile and Peru.", "THREATEN", "BOL", "PER"),
    ("President Bush threatened further action against Russia on Tuesday.", "THREATEN", "USA", None),
    ("Police in Northern Ireland arrested two men in Belfast on Monday.", "COERCE", "GBR", None),
    # a stance told in the passive: the subject holds it
    ("Greece is opposed to Turkish mediation in the dispute.", "REJECT", "GRC", None),
    ("Serbian officials in Kosovo demanded autonomy from the Kosovar authorities.", "REQUEST", "SRB", "XKX"),
    # a hostile measure announced as decided is the measure; said, it is a threat
    ("Canada announced on Monday that it would suspend all aid to the Malian junta.", "SANCTION", "CAN", None),
    ("Canada said on Monday that it would suspend all aid to the Malian junta.", "THREATEN", "CAN", None),
    ("Ghana is ready to contribute 400 troops to an international peacekeeping force in Liberia.", "AGREE", "GHA",
     None),
    ("Morocco will evacuate its outposts in the buffer zone, its foreign minister said.", "AGREE", "MAR", None),
])
def test_actors_and_recipients_from_context(text, event, actor, recipient):
    coded_as(text, event, actor, [recipient] if recipient else [])


def test_names_the_dictionary_lacks_take_their_countries_from_a_plural_apposition():
    text = ("Talks in Geneva between Ana Brnabic and Albin Kurti, the prime ministers of Serbia and Kosovo, "
            "ended on Tuesday.")
    ms = [m for m in code(text) if m.event == "CONSULT"]
    assert ms and {(tuple(codes(m.actor)), tuple(codes(m.recipient))) for m in ms} == {(("SRB",), ("XKX",)),
                                                                                      (("XKX",), ("SRB",))}


def test_the_two_governments_are_the_two_countries_of_the_article():
    text = ("Serbia and Kosovo resumed talks in Brussels on Monday. "
            "On Tuesday the two governments agreed to recognise each other's licence plates.")
    m = next(m for m in code(text) if m.event == "AGREE")
    assert sorted(codes(m.actor) + codes(m.recipient)) == ["SRB", "XKX"]


@pytest.mark.parametrize("members", ["the two countries' leaders", "the leaders of the two countries",
                                     "the foreign ministers of both countries", "the envoys of both sides"])
def test_the_members_of_the_two_countries_are_both_sides_whether_owned_before_or_after(members):
    text = f"Serbia and Kosovo quarrel over licence plates. On Monday {members} met in Brussels."
    ms = [m for m in code(text) if m.event == "CONSULT"]
    assert {(tuple(codes(m.actor)), tuple(codes(m.recipient))) for m in ms} == {(("SRB",), ("XKX",)),
                                                                                (("XKX",), ("SRB",))}, ms


def test_the_members_of_something_else_of_two_countries_are_no_sides():
    text = "Serbia and Kosovo quarrel over licence plates. On Monday the bankers of the two cities met in Brussels."
    assert not [m for m in code(text) if m.event == "CONSULT" and codes(m.actor)]


def test_a_role_short_reference_prefers_the_person_with_that_title():
    text = ("Nikol Pashinyan met Olaf Scholz in Berlin on Tuesday. Scholz later called Ilham Aliyev. "
            "On Wednesday the prime minister accused Azerbaijan of preparing an attack.")
    m = only(code(text), "ACCUSE")
    assert codes(m.actor) == ["ARM"] and "Pashinyan" in m.actor[0].how


def test_a_dateline_before_a_coordination_is_not_a_party():
    text = ("OSLO, March 3, 2024 — Serbian President Aleksandar Vucic and Kosovo Prime Minister Albin Kurti met "
            "on Saturday at a conference, and agreed to keep talking.")
    ms = [m for m in code(text, published=dt.date(2024, 3, 3)) if m.event in ("CONSULT", "AGREE")]
    assert ms and all(sorted(codes(m.actor) + codes(m.recipient)) == ["SRB", "XKX"] for m in ms)


def test_days_after_an_event_count_from_the_event_told_before():
    text = ("Border clash\n\nYEREVAN, Feb 23, 2024 - Azerbaijani forces fired on an Armenian army post on Tuesday, "
            "killing four soldiers. Two days after the shooting, Armenian Prime Minister Nikol Pashinyan accused "
            "Baku of preparing a war.")
    m = only(code(text, published=dt.date(2024, 2, 23)), "ACCUSE")
    assert m.date_start == m.date_end == dt.date(2024, 2, 22) and "Two days after the shooting" in m.date_how


def test_a_future_date_of_a_thing_does_not_make_a_past_act_a_plan():
    text = ("Vote for the summit\n\nBAKU, Dec 9, 2023 - On Thursday, Armenia withdrew its candidacy to host next "
            "year's climate conference.")
    m = only(code(text, published=dt.date(2023, 12, 9)), "CONCEDE")
    assert m.date_start == dt.date(2023, 12, 7)


@pytest.mark.parametrize("text,event,actor", [
    ("Poland lifted its veto on the aid package on Monday.", "CONCEDE", "POL"),
    ("Azerbaijan sent 32 Armenian servicemen home on Wednesday.", "RETREAT", "AZE"),
    ("Armenia returned two Azerbaijani soldiers on Wednesday.", "RETREAT", "ARM"),
])
def test_concessions_and_returns(text, event, actor):
    m = only(code(text), event)
    assert codes(m.actor) == [actor]



@pytest.mark.parametrize("text,wrong", [
    ("The Chinese premier ended a three-day visit to Kenya on Thursday.", "SANCTION"),
    ("Israel ended its air strikes on Gaza on Sunday.", "CONCEDE"),
    ("Israel suspended its air strikes on Gaza on Sunday.", "CONCEDE"),
    ("Moscow received a letter demanding the release of the detained sailors.", "REQUEST"),
    ("India launched a rocket carrying a weather satellite on Monday.", "ASSAULT"),
    ("Japan gave a cool reception to the Chinese proposal.", "CONSULT"),
    ("Putin accepted a call from Biden on Monday.", "CONCEDE"),
    ("Russian troops failed to break through Ukrainian defences near Kharkiv.", "REJECT"),
    ("A Turkish aid convoy failed to reach the besieged town.", "REJECT"),
    ("Russia would not withdraw its troops if NATO expanded further.", "REJECT"),
    ("Analysts said China would not send troops to Russia.", "REJECT"),
    ("The Kenyan government declared the closure of all schools because of the epidemic.", "COERCE"),
    ("Government forces broke the rebel siege of the city on Tuesday.", "RETREAT"),
    ("Azerbaijan and Armenia failed to reach an agreement in talks in Brussels.", "AGREE"),
    ("The UN welcomed the deployment of Kenyan peacekeepers to Haiti.", "RETREAT"),
    ("Italy received 10,000 migrants from Libya last month.", "AID"),
    ("Russian forces completed their withdrawal from talks on the disputed border region.", "RETREAT"),
    ("Pakistan rejected a fresh offer from India for direct talks between the two neighbours.", "AGREE"),
])
def test_wording_that_looks_like_an_event_of_another_type(text, wrong):
    assert not [m for m in code(text) if m.event == wrong], [(m.event, m.rule) for m in code(text)]


def test_a_description_of_an_agreement_already_told_is_no_new_act():
    # the signing is the agreement (AGREE); "the first deal reached" describes it and is no second one
    found = code("Chile and Peru signed a fisheries accord on Monday. It was the first deal reached by the two "
                 "neighbours without a mediator.")
    assert [(m.event, m.trigger) for m in found if m.event == "AGREE"] == [("AGREE", "signed")], \
        [(m.event, m.rule, m.trigger) for m in found]


@pytest.mark.parametrize("text,event,actor,recipient", [
    ("Somalia received 1,000 Kenyan peacekeepers on Monday.", "RETREAT", "SOM", "KEN"),
    ("Russia banned imports of Georgian goods on Friday.", "SANCTION", "RUS", "GEO"),
    ("A report by Human Rights Watch accused Kenyan police of killings.", "ACCUSE", "INT", "KEN"),
    ("Kenyan President William Ruto arrived in Dar es Salaam on Monday. The president of the republic then signed "
     "a trade deal with Tanzania.", "AGREE", "KEN", "TZA"),
    ("Syrian officers ended their mediation efforts between the rival Lebanese militias.", "SANCTION", "SYR", None),
])
def test_review_cases_code_the_right_sides(text, event, actor, recipient):
    assert actor, "these cases all name the actor"
    coded_as(text, event, actor, [recipient] if recipient else [])


@pytest.mark.parametrize("text,event,actor,recipient", [
    ("Washington warned Caracas that sanctions relief would be reversed if the opposition candidate stayed barred.",
     "THREATEN", "USA", "VEN"),
    ("Beijing summoned the Philippine ambassador on Monday to protest the incident.", "ACCUSE", "CHN", "PHL"),
    ("North Korea test-fired two ballistic missiles into the sea.", "MOBILIZE", "PRK", None),
    ("Venezuela released five American detainees on Wednesday.", "RETREAT", "VEN", "USA"),
])
def test_wire_phrasings_of_threats_summons_tests_and_releases(text, event, actor, recipient):
    assert actor, "these cases all name the actor"
    coded_as(text, event, actor, [recipient] if recipient else [])


@pytest.mark.parametrize("text,wrong", [
    ("Washington warned that the talks would be difficult.", "THREATEN"),
    ("North Korea test-fired two ballistic missiles into the sea.", "ASSAULT"),
])
def test_warnings_and_tests_that_are_not_threats_or_attacks(text, wrong):
    assert not [m for m in code(text) if m.event == wrong]


def test_whose_soldiers_and_who_caused_a_passive_killing():
    m = only(code("Georgia's border service said Russian troops had wounded one of its soldiers."), "ASSAULT")
    assert codes(m.actor) == ["RUS"] and codes(m.recipient) == ["GEO"]
    ms = [m for m in code("Armenia's defence ministry said four of its soldiers were killed on Tuesday when "
                          "Azerbaijani forces fired on an army post.") if m.event == "ASSAULT" and m.recipient]
    assert ms and codes(ms[0].actor) == ["AZE"] and codes(ms[0].recipient) == ["ARM"]


def test_a_possessive_pronoun_gives_its_country_only_to_members():
    # "his wife ... led the opposition": neither a rejection nor the husband's act
    text = "Tsikhanouski appeared in Vilnius next to his wife, who has led the Belarusian opposition since 2020."
    assert not [m for m in code(text) if m.event == "REJECT"]


@pytest.mark.parametrize("text,event,actor,recipient", [
    ("Chinese coast guard ships turned water cannon on Vietnamese fishing boats on Saturday.", "ASSAULT", "CHN", "VNM"),
    ("A Chinese coast guard ship blasted a Vietnamese supply boat with water cannon.", "ASSAULT", "CHN", "VNM"),
    ("Vietnam summoned a senior Chinese diplomat on Monday to protest against the incident.", "ACCUSE", "VNM", "CHN"),
    ("Chinese sailors seized several rifles from the Vietnamese crew.", "COERCE", "CHN", None),
    ("Vietnam and China reached a provisional arrangement on the shoal.", "AGREE", None, None),
])
def test_maritime_incidents_and_their_diplomacy(text, event, actor, recipient):
    coded_as(text, event, actor, [recipient] if recipient else [])


def test_summoning_a_diplomat_to_protest_is_no_street_protest():
    assert not [m for m in code("Vietnam summoned a senior Chinese diplomat on Monday to protest against the "
                                "incident.") if m.event == "PROTEST"]


def test_a_date_in_a_relative_clause_dates_that_clause_not_the_act():
    text = ("Five freed\n\nCARACAS, Oct 19, 2023 - On Wednesday the authorities in Caracas released Roland Carreno, "
            "a journalist who had been held since 2020.")
    m = only(code(text, published=dt.date(2023, 10, 19)), "RETREAT")
    assert m.date_start == dt.date(2023, 10, 18)


def test_a_state_body_named_without_its_state_belongs_to_the_place_or_the_dateline():
    m = only(code("In Hanoi, a foreign ministry spokesman urged Beijing to stop its provocations."), "REQUEST")
    assert codes(m.actor) == ["VNM"] and codes(m.recipient) == ["CHN"]
    text = "HANOI, March 26, 2024 - The department told the envoy that Chinese ships must leave the waters."
    m = only(code(text, published=dt.date(2024, 3, 26)), "REQUEST")
    assert codes(m.actor) == ["VNM"] and "dateline" in " ".join(m.notes)


def test_the_same_two_sides_in_the_simple_past_continue_the_openings_day():
    filler = " ".join(["The islands lie about 300 kilometres east of the coast, are home to rich fishing grounds "
                       "and have been claimed for decades by several governments around the sea, which fishermen "
                       "from many coastal villages have crossed for generations in small wooden boats."] * 4)
    text = ("Hanoi protests\n\nHANOI, March 26, 2024 - Vietnam summoned the Chinese ambassador on Monday over the "
            "collision near the Paracel Islands. " + filler + " Vietnam accused China of endangering its fishermen.")
    (m,) = [m for m in code(text, published=dt.date(2024, 3, 26)) if m.trigger == "accused"]
    assert m.date_start == m.date_end == dt.date(2024, 3, 25) and "the same sides" in m.date_how


@pytest.mark.parametrize("text,event,actor", [
    ("The United States has revoked the licence that allowed business with the Venezuelan gold company.",
     "SANCTION", "USA"),
    ("The United States will not renew the licence that has allowed Venezuela to sell its oil.", "REJECT", "USA"),
    ("Manila called in Zhou Zhiyong, the Chinese deputy chief of mission, on Monday.", "ACCUSE", "PHL"),
])
def test_licences_and_summons(text, event, actor):
    m = only(code(text), event)
    assert codes(m.actor) == [actor]


def test_a_date_glued_to_a_name_is_no_date():
    text = "Manila said the supply boat Unaizah May 4 was damaged by Chinese water cannon on Saturday."
    ms = code(text, published=dt.date(2024, 3, 26))
    assert ms and all(m.date_start == dt.date(2024, 3, 23) for m in ms), [(m.event, m.date_how) for m in ms]


def test_calling_a_place_a_name_is_no_phone_call_and_warning_someone_not_to_is_a_demand():
    assert not [m for m in code("Filipinos call the reef Ayungin Shoal.") if m.event == "CONSULT"]
    m = only(code("China warned Vietnam not to send building materials to the reef."), "REQUEST")
    assert codes(m.actor) == ["CHN"] and codes(m.recipient) == ["VNM"]



@pytest.mark.parametrize("text,wrong", [
    ("The central bank cautioned that the economy could shrink if the war drags on.", "THREATEN"),
    ("Venezuelan prosecutors summoned a representative of the American oil company.", "ACCUSE"),
    ("Chinese firefighters doused the burning ship with water.", "ASSAULT"),
    ("The U.S. ended a tax exemption for electric cars.", "SANCTION"),
    ("Philippine President Ferdinand Marcos Jr. boarded a navy ship on Monday.", "ASSAULT"),
    ("The ruling party rammed the budget through parliament.", "ASSAULT"),
    ("The State Department warned Americans not to travel to Venezuela.", "REQUEST"),
])
def test_second_review_cases_are_not_events(text, wrong):
    assert not [m for m in code(text) if m.event == wrong], [(m.event, m.rule) for m in code(text)]


@pytest.mark.parametrize("text,day", [
    ("Vote rigged\n\nWASHINGTON, Nov 12, 2025 - Secretary of State Marco Rubio Tuesday accused Venezuela of "
     "rigging the vote.", dt.date(2025, 11, 11)),
    ("Two freed\n\nCARACAS, Nov 10, 2025 - Venezuela freed two Americans held in Caracas on Saturday.",
     dt.date(2025, 11, 8)),
])
def test_weekdays_after_names_and_closing_dates_still_date_the_act(text, day):
    ms = code(text, published=dt.date(2025, 11, 12) if "Nov 12" in text else dt.date(2025, 11, 10))
    assert ms and all(m.date_start == m.date_end == day for m in ms), [(m.event, m.date_how) for m in ms]


def test_an_appeal_is_coded_as_a_cameo_appeal_not_a_hostile_demand():
    from detente.common import quad_of

    appeal = coded_as("Lithuania urged Poland on Tuesday not to lose interest in the joint rail project.", "REQUEST",
                      "LTU", ["POL"])
    assert appeal.cameo.startswith("02") and appeal.goldstein > 0
    assert quad_of(appeal.event, appeal.mode, appeal.cameo) == "verbal_cooperation"
    demand = coded_as("Poland demanded on Tuesday that Lithuania close the border crossing.", "REQUEST", "POL")
    assert demand.cameo.startswith("10") and demand.goldstein == -5.0
    assert quad_of(demand.event, demand.mode, demand.cameo) == "verbal_conflict"


def test_a_request_to_ones_own_named_leader_is_not_sent_to_a_country_from_context():
    m = coded_as("The U.S. Congress asked President Trump on Tuesday to help Ukraine.", "REQUEST", "USA", ["USA"])
    assert codes(m.recipient) == ["USA"] and m.cameo.startswith("02")
