"""Acts told with no time expression of their own (dating.py marks them UNDATED; merge.py decides): a retelling
joins the dated event it retells, whichever article came first; an act told as the article's news makes an event
of its own, dated by the recency window before publication; background (a look back, one side only) makes none.
Articles written for these tests, about several pairs of states."""
import datetime as dt
import json

import detente
from detente.common import NEWS_LOOKBACK, UNDATED, UNDATED_NEWS
from detente.store import Store
from test_coding import code

PUB = dt.date(2025, 3, 7)
# an opening and a neutral middle, so that the sentence under test stands in the body, past the opening that
# the dating stage reads as the article's news of the last days
OPENING = "Neighbours at odds\n\nThe quarrel over fishing rights grew on Monday, officials said.\n\n"
MIDDLE = ("Officials in both capitals spent the week on budget debates, and the opposition held rallies over fuel "
          "prices. Analysts noted that trade between the neighbours has grown for a decade, with fruit, copper and "
          "fish leading the list. Farmers along the border plant maize and beans, and seasonal workers cross each "
          "spring. The region's ports handle most of the traffic, and a new highway is due to open next year. "
          "Universities in both countries run joint programmes in geology and marine science.\n\n"
          "Tourism has recovered since the pandemic, and hotels on the coast report full bookings for the summer. "
          "Both central banks kept interest rates unchanged, citing steady inflation and a strong harvest. Fishing "
          "fleets share the same waters, and their catch has fallen for years.\n\n"
          "Shipping lines added routes along the coast this season, and freight rates eased after a busy winter. "
          "Rail freight grew as well, helped by new wagons and a repaired bridge over the river.\n\n")


def body(*sentences: str, opening: str = OPENING) -> str:
    return opening + MIDDLE + " ".join(sentences) + "\n"


def told(sentence: str, published: dt.date = PUB):
    """The mentions coded from `sentence` standing in an article's body."""
    return [m for m in code(body(sentence), published) if m.sentence.strip() == sentence]


# ------------------------------------------------------------------ dating: news or background


def test_a_done_act_in_the_body_is_news_dated_by_the_recency_window():
    for sentence in ("Chile expelled two Peruvian diplomats.", "Ghana has recalled its ambassador from Togo.",
                     "Vietnam summoned the Cambodian ambassador."):
        (m,) = told(sentence)
        assert m.date_how.startswith(UNDATED_NEWS), (sentence, m.date_how)
        assert (m.date_start, m.date_end) == (PUB - NEWS_LOOKBACK, PUB)


def test_a_look_back_is_background_with_the_honest_year():
    for sentence in ("Chile had expelled two Peruvian diplomats.",
                     "Ghana previously recalled its ambassador from Togo.",
                     "Vietnam summoned the Cambodian ambassador in the past.",
                     "Norway long ago expelled a Russian diplomat."):
        found = told(sentence)
        assert found, sentence
        for m in found:
            assert m.date_how == UNDATED, (sentence, m.date_how)
            assert m.date_end == PUB and (PUB - m.date_start).days == 365


def test_a_pluperfect_in_the_opening_looks_back_and_is_no_news_of_the_last_days():
    # the opening's simple past is the day's news; its pluperfect ("had imposed") tells what came before it
    for head, done, before in (
            ("Tariff thaw", "Canberra lifted its duties on Chilean copper on Tuesday.",
             "Canberra had imposed the duties on Chilean copper."),
            ("Envoys return", "Ghana restored ties with Togo on Tuesday.", "Ghana had recalled its ambassador from Togo.")):
        text = f"{head}\n\n{done} {before}\n\n" + MIDDLE
        found = [m for m in code(text, PUB) if m.sentence.strip() == before]
        assert found, before
        for m in found:
            assert m.date_how == UNDATED, (before, m.date_how)
        (now,) = [m for m in code(f"{head}\n\n{before.replace('had ', '')} {done}\n\n" + MIDDLE, PUB)
                  if m.sentence.strip() == before.replace("had ", "")]
        assert not now.date_how.startswith(UNDATED), now.date_how  # the same act in the simple past: the news
    # told with a span ("had pressed for weeks") it lasted up to the news: it keeps the opening's days
    text = "Tariff thaw\n\nCanberra lifted its duties on Chilean copper on Tuesday. Chile had pressed Canberra " \
           "for weeks to lift the duties.\n\n" + MIDDLE
    (m,) = [m for m in code(text, PUB) if m.trigger == "pressed"]
    assert not m.date_how.startswith(UNDATED), m.date_how
    # reported after a past saying, the pluperfect is the act's own past shifted back: the news
    text = "Tariff thaw\n\nCanberra lifted its duties on Chilean copper on Tuesday. Chile said Canberra had lifted " \
           "its ban on Chilean wine.\n\n" + MIDDLE
    (m,) = [m for m in code(text, PUB) if "had lifted" in m.sentence and m.trigger == "lifted"]
    assert not m.date_how.startswith(UNDATED), m.date_how


def test_an_act_hung_on_a_past_one_is_news_but_not_one_with_a_modal():
    ms = told("Kenya condemned the raid, urging Uganda to free the traders.")
    request = [m for m in ms if m.event == "REQUEST"]
    assert request and all(m.date_how.startswith(UNDATED_NEWS) for m in request), [(m.event, m.date_how) for m in ms]
    for m in told("Chile will expel two Peruvian diplomats."):
        assert not m.date_how.startswith(UNDATED_NEWS)


# ------------------------------------------------------------------ merging: retell, make, or neither


def ingest(tmp_path, articles: dict[str, tuple[str, str]], order=None) -> str:
    folder = tmp_path / ("-".join(order) if order else "all")
    folder.mkdir()
    lines = []
    for name in order or articles:
        text, published = articles[name]
        (folder / name).write_text(text, encoding="utf-8")
        lines.append(json.dumps({"path": name, "published": published}))
    (folder / "m.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(folder / "s.duckdb")
    detente.ingest([str(folder / "m.jsonl")], db)
    return db


def events_of(db, event=None):
    with Store(db, read_only=True) as s:
        return [e for e in s.events() if event is None or e.event == event]


DATED_EXPULSION = ("Chile expels Peruvian diplomats\n\nSANTIAGO - Chile expelled two Peruvian diplomats on Tuesday, "
                   "accusing them of meddling in a fishing dispute, the foreign ministry said.\n")
RETOLD_EXPULSION = body("Chile expelled two Peruvian diplomats, and Lima answered in kind.")


def test_an_undated_retelling_joins_the_dated_event_whichever_article_comes_first(tmp_path):
    articles = {"dated.txt": (DATED_EXPULSION, "2025-03-05"), "retold.txt": (RETOLD_EXPULSION, "2025-03-07")}
    found = []
    for order in (["dated.txt", "retold.txt"], ["retold.txt", "dated.txt"]):
        (e,) = [e for e in events_of(ingest(tmp_path, articles, order), "SANCTION") if "CHL" in {r.code for r in e.actor}]
        assert e.date_start == e.date_end == dt.date(2025, 3, 4)  # Tuesday, from the dated article
        assert {m.doc_name for m in e.mentions} == {"dated.txt", "retold.txt"}
        found.append((e.event, e.mode, e.date_start, sorted(m.id for m in e.mentions)))
    assert found[0] == found[1]


def test_undated_news_with_nothing_to_retell_makes_an_event_and_says_why(tmp_path):
    text = body("Ghana recalled its ambassador from Togo after the border incident.")
    db = ingest(tmp_path, {"ghana.txt": (text, "2025-05-20")})
    (e,) = [e for e in events_of(db, "SANCTION") if {r.code for r in e.actor} == {"GHA"}]
    assert {r.code for r in e.recipient} == {"TGO"}
    assert (e.date_start, e.date_end) == (dt.date(2025, 5, 20) - NEWS_LOOKBACK, dt.date(2025, 5, 20))
    assert "no time expression" in e.mentions[0].date_how and "60 days" in e.mentions[0].date_how


def test_background_and_one_sided_acts_make_no_event(tmp_path):
    text = body("Norway had expelled a Russian diplomat.", "Uganda protested.",
                "Vietnam previously summoned the Cambodian ambassador.")
    db = ingest(tmp_path, {"bg.txt": (text, "2025-05-20")})
    assert not [e for e in events_of(db) if e.event in ("SANCTION", "PROTEST", "ACCUSE")
                and {r.code for r in e.actor} & {"NOR", "UGA", "VNM"}]


def test_a_look_back_that_matches_a_dated_event_joins_it_rather_than_vanishing(tmp_path):
    dated = ("Norway expels Russian diplomat\n\nOSLO - Norway expelled a Russian diplomat on Monday over "
             "spying, the foreign ministry said.\n")
    back = body("Norway had expelled a Russian diplomat, and Moscow promised a response.")
    db = ingest(tmp_path, {"a.txt": (dated, "2025-02-04"), "b.txt": (back, "2025-02-20")})
    (e,) = [e for e in events_of(db, "SANCTION") if {r.code for r in e.actor} == {"NOR"}]
    assert e.date_start == e.date_end == dt.date(2025, 2, 3)
    assert {m.doc_name for m in e.mentions} == {"a.txt", "b.txt"}


def test_a_retelling_joins_the_event_nearest_its_articles_time_never_a_later_one(tmp_path):
    first = ("Ghana frees Togolese fishermen\n\nACCRA - Ghana released 14 Togolese fishermen on Monday, four weeks "
             "after its navy seized their boats, the ministry said.\n")
    second = ("Ghana releases second group\n\nACCRA - Ghana let 25 Togolese fishermen go on Thursday, a navy "
              "spokesman said.\n")
    retold = body("Ghana released Togolese fishermen, and Lome thanked Accra.",
                  opening="Fishermen back in Lome\n\nThe fish market in Aflao was busy again on Wednesday, traders "
                          "said.\n\n")
    # the retelling appeared between the two releases: it can only retell the first
    db = ingest(tmp_path, {"a.txt": (first, "2025-04-08"), "b.txt": (second, "2025-06-13"),
                           "c.txt": (retold, "2025-04-10")})
    releases = sorted((e for e in events_of(db, "RETREAT") if {r.code for r in e.actor} == {"GHA"}),
                      key=lambda e: e.date_start)
    assert [e.date_start for e in releases] == [dt.date(2025, 4, 7), dt.date(2025, 6, 12)]
    assert "c.txt" in {m.doc_name for m in releases[0].mentions}
    assert "c.txt" not in {m.doc_name for m in releases[1].mentions}


def test_undated_acts_of_one_article_make_one_event(tmp_path):
    text = body("Vietnam summoned the Cambodian ambassador over the dam.",
                "The ministry said Vietnam summoned the Cambodian ambassador to protest the project.")
    db = ingest(tmp_path, {"v.txt": (text, "2025-07-01")})
    found = [e for e in events_of(db, "ACCUSE") if {r.code for r in e.actor} == {"VNM"}]
    assert len(found) == 1 and len(found[0].mentions) == 2


def test_the_candidate_query_loads_every_event_an_undated_telling_may_retell(make_mention):
    """`candidate_queries` must never be narrower than `retells`, or a large store would miss a retelling."""
    from detente.merge import as_retelling, candidate_queries, merge, retells, summary

    events = []
    merge([make_mention(start="2025-01-10", quantity=3, doc="a.txt", actor=("BLR",), recipient=("LTU",)),
           make_mention(event="CONSULT", mode="visit", start="2025-02-01", doc="b.txt", actor=("LTU",),
                        recipient=("BLR",)),
           make_mention(event="SANCTION", mode="expel", start="2024-12-01", doc="c.txt", actor=("BLR",),
                        recipient=("LTU",))], events)
    probes = [make_mention(start="2025-02-20", doc="d.txt", actor=("BLR",), recipient=("LTU",)),
              make_mention(event="CONSULT", mode=None, start="2025-02-20", doc="d.txt", actor=("BLR",),
                           recipient=("LTU",)),
              make_mention(event="SANCTION", mode="expel", start="2025-02-20", doc="d.txt", actor=("BLR",))]
    checked = 0
    for m in probes:
        m.date_how = UNDATED_NEWS
        m.date_start = m.date_end - NEWS_LOOKBACK
        queries = candidate_queries([m])
        for e in events:
            if retells(as_retelling(m), summary(e)):
                checked += 1
                assert any(q.admits(e) for q in queries), (m.event, e.event)
    assert checked == 3


def test_merge_takes_undated_retellings_after_every_dated_telling_whatever_the_order(make_mention):
    from detente.merge import merge

    retold = make_mention(event="SANCTION", mode="expel", start="2025-03-07", doc="b.txt", actor=("CHL",),
                          recipient=("PER",), sentence="Chile expelled two Peruvian diplomats.", trigger="expelled")
    retold.date_how, retold.date_start = UNDATED_NEWS, dt.date(2025, 3, 7) - NEWS_LOOKBACK
    # a dated telling wider than the retelling's news window: it still goes first, and the retelling joins it
    dated = make_mention(event="SANCTION", mode="expel", start="2024-06-01", end="2025-03-07", doc="a.txt",
                         actor=("CHL",), recipient=("PER",), sentence="In the past year Chile expelled diplomats.",
                         trigger="expelled")
    events = []
    merge([retold, dated], events)
    (e,) = events
    assert (e.date_start, e.date_end) == (dt.date(2024, 6, 1), dt.date(2025, 3, 7))  # the dated telling's dates
    assert {m.doc_name for m in e.mentions} == {"a.txt", "b.txt"}


def test_hearsay_and_praise_without_a_date_are_not_news():
    for sentence in ("Peruvian troops reportedly ignored the offer from Chile.",
                     "Ghana thanked Togo for the release of the fishermen."):
        for m in told(sentence):
            assert not m.date_how.startswith(UNDATED_NEWS), (sentence, m.event, m.date_how)


def test_an_aside_about_other_states_makes_no_event_but_the_storys_sides_do(tmp_path):
    opening = ("Ghana and Togo at odds\n\nACCRA - Ghana summoned Togo's ambassador on Monday over a border "
               "incident, the foreign ministry said.\n\n")
    text = body("Ghana recalled its ambassador from Togo.", "Norway expelled a Russian diplomat.", opening=opening)
    db = ingest(tmp_path, {"g.txt": (text, "2025-05-20")})
    sanctions = {frozenset(r.code for r in e.actor) for e in events_of(db, "SANCTION")}
    assert frozenset({"GHA"}) in sanctions and frozenset({"NOR"}) not in sanctions


def test_the_same_undated_sentence_in_two_outlets_of_one_day_is_one_event(tmp_path):
    text = body("Vietnam summoned the Cambodian ambassador over the dam.")
    db = ingest(tmp_path, {"wire.txt": (text, "2025-07-01"), "reprint.txt": (text.replace("dam.", "dam project."),
                                                                               "2025-07-02")})
    (e,) = [e for e in events_of(db, "ACCUSE") if {r.code for r in e.actor} == {"VNM"}]
    assert {m.doc_name for m in e.mentions} == {"wire.txt", "reprint.txt"}
    # a week apart, the same words may tell two summonses: two events
    later = text.replace("over the dam.", "over the dam again.")
    db = ingest(tmp_path, {"wire.txt": (text, "2025-07-01"), "later.txt": (later, "2025-07-09")},
                order=["wire.txt", "later.txt"])
    assert len([e for e in events_of(db, "ACCUSE") if {r.code for r in e.actor} == {"VNM"}]) == 2


def test_no_event_from_undated_news_in_an_article_without_a_publication_date(tmp_path):
    folder = tmp_path / "nodate"
    folder.mkdir()
    (folder / "n.txt").write_text(body("Ghana recalled its ambassador from Togo."), encoding="utf-8")
    db = str(folder / "s.duckdb")
    detente.ingest([str(folder / "n.txt")], db)
    assert not [e for e in events_of(db, "SANCTION") if {r.code for r in e.actor} == {"GHA"}]


def test_a_habit_is_background_not_news():
    for sentence in ("Peru has consistently denied the accusations from Chile.",
                     "Serbia has constantly rejected Kosovo's accusations.",
                     "Morocco has persistently denied the allegations from Algeria."):
        found = told(sentence)
        assert found, sentence
        assert not [m for m in found if m.date_how.startswith(UNDATED_NEWS)], [(m.event, m.date_how) for m in found]


WIDE = ("Neighbours at odds\n\nThe quarrel over the lake grew, officials said.\n\nKenyan President William Ruto "
        "spoke to reporters in Nairobi. {act} Uganda has consistently denied the charges.\n")


def test_undated_news_in_an_article_dated_only_widely_makes_an_event_with_the_wide_interval(tmp_path):
    # no publication date: the president's title dates the article from his taking office (2022-09-13) to today
    folder = tmp_path / "wide"
    folder.mkdir()
    (folder / "k.txt").write_text(WIDE.format(act="Kenya expelled two Ugandan diplomats after the border incident."),
                                  encoding="utf-8")
    db = str(folder / "s.duckdb")
    detente.ingest([str(folder / "k.txt")], db)
    (e,) = events_of(db, "SANCTION")
    assert ({r.code for r in e.actor}, {r.code for r in e.recipient}) == ({"KEN"}, {"UGA"})
    assert e.date_start == dt.date(2022, 9, 13) - NEWS_LOOKBACK and e.date_end >= dt.date(2025, 1, 1)  # wide, no guess
    assert "wide: the whole interval, no guessed day" in e.mentions[0].date_how
    # the habit in the same article ("has consistently denied") makes none, nor a look back
    assert not events_of(db, "REJECT")
    (folder / "b.txt").write_text(WIDE.format(act="Kenya had expelled two Ugandan diplomats."), encoding="utf-8")
    db = str(folder / "b.duckdb")
    detente.ingest([str(folder / "b.txt")], db)
    assert not events_of(db, "SANCTION")


def test_an_expulsion_retold_as_a_deportation_with_its_count_joins_it(tmp_path):
    dated = ("Kenya expels Ugandan diplomats\n\nNAIROBI - Kenya expelled 12 Ugandan diplomats on Tuesday over "
             "the border incident, the foreign ministry said.\n")
    retold = body("Kenya has retaliated by expelling 12 Ugandan operatives based in the country.")
    db = ingest(tmp_path, {"a.txt": (dated, "2025-03-05"), "b.txt": (retold, "2025-03-07")})
    (e,) = [e for e in events_of(db) if e.event in ("SANCTION", "COERCE") and {r.code for r in e.actor} == {"KEN"}]
    assert {m.doc_name for m in e.mentions} == {"a.txt", "b.txt"} and e.date_start == dt.date(2025, 3, 4)
    # another count is another expulsion
    other = body("Kenya has retaliated by expelling 30 Ugandan operatives based in the country.")
    db = ingest(tmp_path, {"a.txt": (dated, "2025-03-05"), "c.txt": (other, "2025-03-07")}, order=["a.txt", "c.txt"])
    assert len([e for e in events_of(db) if e.event in ("SANCTION", "COERCE") and {r.code for r in e.actor} == {"KEN"}]) == 2


def test_a_state_told_in_a_relative_clause_is_not_dated_by_a_time_outside_it():
    # a relative clause in the perfect or with a span ("who have been detained for three years", "which had
    # expelled") tells what its noun is, a state or an earlier act: the main clause's day is not its day; a time
    # inside the clause dates it, and a clause in the simple past goes on with the story and keeps the day
    pub = dt.date(2025, 3, 7)

    def dated(text):
        return {m.trigger: m for m in code(text, pub)}

    found = dated("Rescue at last\n\nPeru on Wednesday freed two Chilean sailors, who have been detained by "
                  "Peruvian police for three years.\n")
    assert found["freed"].date_start == found["freed"].date_end == dt.date(2025, 3, 5)
    # the detention is either no act of its own (a describing clause) or an undated one: never Wednesday's
    assert "detained" not in found or (found["detained"].date_how.startswith(UNDATED)
                                       and found["detained"].date_end == pub)
    found = dated("Talks resume\n\nGhana on Monday summoned the ambassador of Togo, which had expelled two Ghanaian "
                  "diplomats.\n")
    assert found["summoned"].date_start == dt.date(2025, 3, 3)
    assert "expelled" not in found or found["expelled"].date_how.startswith(UNDATED)
    found = dated("Rescue at last\n\nPeru on Wednesday freed two Chilean sailors, who were arrested by Peruvian "
                  "police on 3 May 2024.\n")
    assert found["arrested"].date_start == dt.date(2024, 5, 3)
    for text in ("Talks resume\n\nGhana on Monday summoned the ambassador of Togo, which expelled two Ghanaian "
                 "diplomats.\n",
                 "Talks resume\n\nOn Monday Ghana's president received a Togolese delegation, which brought news "
                 "that Togo freed two Ghanaian fishermen.\n"):
        (act,) = [m for m in code(text, pub) if m.trigger in ("expelled", "freed")]
        assert act.date_start == dt.date(2025, 3, 3), (text, act.date_how)


def test_an_undated_act_of_another_mode_of_the_type_retells_no_event_of_that_mode(tmp_path):
    # a recalled envoy (SANCTION withdraw) is not the airspace closed the same week (SANCTION discontinue), nor a
    # phone call the visit: it makes its own event, while the closure retold joins the dated one
    dated = ("Ghana shuts airspace to Togo\n\nACCRA - Ghana closed its airspace to Togolese aircraft on Monday, the "
             "transport ministry said, after a drone fell near the border.\n")
    retold = body("Ghana shut its airspace to Togolese planes and recalled its envoy from Lome.")
    db = ingest(tmp_path, {"dated.txt": (dated, "2025-05-20"), "retold.txt": (retold, "2025-05-21")})
    by_mode = {e.mode: e for e in events_of(db, "SANCTION")}
    assert {m.doc_name for m in by_mode["discontinue"].mentions} == {"dated.txt", "retold.txt"}
    assert "recalled" not in {m.trigger for m in by_mode["discontinue"].mentions}
    assert [m.trigger for m in by_mode["withdraw"].mentions] == ["recalled"]
    assert {r.code for r in by_mode["withdraw"].actor} == {"GHA"}
    # an accusation retold in another wording of the same type still joins the dated one
    dated = ("Peru accuses Chile\n\nLIMA - Peru accused Chile on Monday of spying on its navy, the foreign "
             "ministry said.\n")
    retold = body("Peru condemned Chile over the spying on its navy.")
    db = ingest(tmp_path, {"dated.txt": (dated, "2025-05-20"), "retold.txt": (retold, "2025-05-21")},
                ["retold.txt", "dated.txt"])
    (e,) = [e for e in events_of(db, "ACCUSE") if {r.code for r in e.actor} == {"PER"}]
    assert {m.doc_name for m in e.mentions} == {"dated.txt", "retold.txt"}


def test_a_demand_with_its_addressee_left_to_the_story_is_news_even_in_an_article_dated_only_widely(tmp_path):
    # a demand is always made of someone: in a story of Kenya and Uganda, Kenya's demand for a release is Uganda's to
    # answer, even where the sentence names no addressee; another act told so (a protest at nobody named) makes none
    folder = tmp_path / "wide"
    folder.mkdir()
    for name, act in (("d.txt", "Kenya's foreign minister condemned the arrest of two Kenyan traders in Kampala and "
                                "demanded their immediate release."),
                      ("p.txt", "Kenya's foreign minister condemned the arrest and asked for patience at home.")):
        (folder / name).write_text(WIDE.format(act=act), encoding="utf-8")
    detente.ingest([str(folder / "d.txt")], str(folder / "d.duckdb"))
    (e,) = events_of(str(folder / "d.duckdb"), "REQUEST")
    assert ({r.code for r in e.actor}, {r.code for r in e.recipient}, e.mode) == ({"KEN"}, {"UGA"}, "yield")
    assert "wide: the whole interval, no guessed day" in e.mentions[0].date_how
    detente.ingest([str(folder / "p.txt")], str(folder / "p.duckdb"))
    assert not events_of(str(folder / "p.duckdb"), "REQUEST")
