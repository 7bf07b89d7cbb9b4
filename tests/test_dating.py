"""Which time dates each event (dating.py), on sentences written for these tests about many pairs of states."""
import datetime as dt

from test_coding import PUB, code  # PUB: Wednesday 12 November 2025


def by_trigger(text: str, trigger: str, published: dt.date = PUB):
    found = [m for m in code(text, published) if m.trigger == trigger]
    assert found, [(m.event, m.trigger) for m in code(text, published)]
    return found[0]


def days(m):
    return m.date_start, m.date_end


def test_the_year_of_an_act_named_below_the_trigger_does_not_date_it():
    m = by_trigger("Lithuania released three Latvian fishermen it said were smugglers caught during the border "
                   "dispute of 2019.", "released")
    assert m.date_start.year == 2025, m.date_how
    m = by_trigger("Chile expelled two Peruvian diplomats. Separately, Chile charged two Peruvian officers with "
                   "kidnapping a journalist last year.", "charged")
    assert m.date_start.year == 2025 and "last year" not in m.date_how, m.date_how


def test_a_year_the_trigger_governs_still_dates_it():
    assert days(by_trigger("Norway signed a fisheries agreement with Iceland in 2021.", "signed")) == (
        dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    # the storm is where the detention happened: its year dates it
    m = by_trigger("Estonia detained two Russian sailors during the storm of 2019.", "detained")
    assert days(m) == (dt.date(2019, 1, 1), dt.date(2019, 12, 31)), m.date_how


def test_a_time_inside_a_quotation_is_the_speakers_not_the_acts():
    m = by_trigger('Kenya signed a trade deal with Uganda on Monday, whose president said the accord would let '
                   'farmers "now sell their maize freely".', "signed")
    assert days(m) == (dt.date(2025, 11, 10),) * 2, m.date_how
    m = by_trigger('Kenya signed a trade deal with Uganda and said the accord would let farmers "now sell their '
                   'maize freely".', "signed", dt.date(2025, 11, 13))
    assert m.date_text != "now" and m.date_start < dt.date(2025, 11, 13), m.date_how


def test_an_act_after_a_duration_counts_back_from_the_present_clause():
    m = by_trigger("Ghana recalled its ambassador from Togo. The move comes two weeks after Togo expelled a "
                   "Ghanaian diplomat.", "expelled")
    assert days(m) == (dt.date(2025, 10, 27), dt.date(2025, 10, 31)), m.date_how
    m = by_trigger("Chile expelled two Peruvian diplomats. The expulsion comes just days after Chile charged two "
                   "Peruvian officers with kidnapping a journalist last year.", "charged")
    assert days(m) == (dt.date(2025, 11, 5), dt.date(2025, 11, 11)), m.date_how
    # the act of the main clause is not inside the phrase: it is not counted back
    m = by_trigger("Ghana recalled its ambassador from Togo. The move comes two weeks after Togo expelled a "
                   "Ghanaian diplomat.", "recalled")
    assert m.date_end == PUB and "counted back" not in m.date_how


def test_a_duration_before_the_event_still_counts_forward_from_the_one_told_before():
    m = by_trigger("Hungary and Slovakia held talks on Monday. Two days after the talks, Slovakia expelled a "
                   "Hungarian diplomat.", "expelled")
    assert days(m) == (dt.date(2025, 11, 12),) * 2, m.date_how


def test_in_parallel_means_the_news_not_the_background_told_just_before():
    text = ("Estonia freed two Russian sailors on Tuesday. Estonia detained the sailors during the storm of 2019. "
            "In parallel, Russia released an Estonian fisherman.")
    m = [m for m in code(text) if m.trigger == "released"][0]
    assert days(m) == (dt.date(2025, 11, 11),) * 2, m.date_how
    # without background in between, it is the event just told
    m = by_trigger("Estonia freed two Russian sailors on Tuesday. In parallel, Russia released an Estonian "
                   "fisherman.", "released")
    assert days(m) == (dt.date(2025, 11, 11),) * 2, m.date_how


def test_the_following_day_counts_from_the_time_told_before_it_in_its_sentence():
    m = by_trigger("Kenyan police detained two Ugandan reporters last March, before Kenya released the reporters "
                   "the next day.", "released")
    assert days(m) == (dt.date(2025, 3, 2), dt.date(2025, 4, 1)), m.date_how
    m = by_trigger("Togo expelled a Ghanaian diplomat on May 3 and Ghana expelled a Togolese diplomat two days "
                   "later.", "expelled")
    assert days(m) == (dt.date(2025, 5, 3),) * 2
    later = [m for m in code("Togo expelled a Ghanaian diplomat on May 3 and Ghana expelled a Togolese diplomat "
                             "two days later.") if m.trigger == "expelled"][1]
    assert days(later) == (dt.date(2025, 5, 5),) * 2, later.date_how


def test_the_weekend_dates_the_act_of_its_when_clause():
    m = by_trigger("Tempers rose over the weekend, when Senegal summoned the Gambian ambassador.", "summoned",
                   dt.date(2025, 11, 11))
    assert days(m) == (dt.date(2025, 11, 8), dt.date(2025, 11, 9)), m.date_how


def test_later_is_after_the_event_told_before_and_by_publication():
    m = by_trigger("Peru and Chile signed a border deal on Monday. The Chilean president later met the Peruvian "
                   "foreign minister in Santiago.", "met")
    assert days(m) == (dt.date(2025, 11, 10), PUB), m.date_how
    # in a story filed the day after the event, a bare "later" is later that day (a next day would be named)
    m = by_trigger("Peru and Chile signed a border deal on Tuesday. The Chilean president later met the Peruvian "
                   "foreign minister in Santiago.", "met")
    assert days(m) == (dt.date(2025, 11, 11), dt.date(2025, 11, 11)), m.date_how
    # "two days later" is a time expression of its own: counted, not bounded
    m = by_trigger("Peru and Chile signed a border deal on Monday. Two days later the Chilean president met the "
                   "Peruvian foreign minister in Santiago.", "met")
    assert days(m) == (PUB, PUB), m.date_how


def test_the_present_progressive_is_the_news_of_the_day_but_the_simple_present_is_no_date():
    m = by_trigger("Analysts were surprised. Peru is recalling its ambassador to Chile for consultations.", "recalling")
    assert days(m) == (PUB - dt.timedelta(days=1), PUB), m.date_how
    # a stance told in the simple present does not make the day's news
    assert not [m for m in code("Analysts were surprised. The Chilean president denies that Chile spied on Peru.")
                if m.date_start is not None and m.date_start >= PUB - dt.timedelta(days=1)]


def test_an_announced_measure_starting_later_is_dated_by_its_announcement():
    pub = dt.date(2025, 4, 4)
    m = by_trigger("Ghana has declared that it will impose tariffs of 20% on Togolese imports starting on April 10.",
                   "impose", pub)
    assert m.date_start is not None and m.date_start <= pub <= m.date_end, (m.date_how, m.notes)
    # told as a plan of its own, a later day is no act yet
    assert not [m for m in code("Ghana will impose tariffs of 20% on Togolese imports on April 10.", pub)
                if m.trigger == "impose"]


def test_an_act_in_a_relative_clause_does_not_lend_its_date_to_the_sentence():
    m = by_trigger("Analysts were surprised. Ali Karimi, an Iranian who has been in Swedish custody since 2019, "
                   "was freed by Sweden in a swap.", "freed")
    assert m.date_start.year == 2025 and "shares the date" not in m.date_how, m.date_how


def test_a_recent_day_named_earlier_in_the_opening_frames_an_undated_act_of_it():
    # PUB is Wednesday 12 November 2025; "November 6" was named in the opening by no coded act
    text = ("Rwanda's envoy Jean Uwase headed the delegation during the summit in Nairobi from November 6 to 9, "
            "a joint communique said.\n\nKenya and Rwanda held talks on trade and border crossings, the "
            "communique said.")
    m = by_trigger(text, "held")
    assert days(m) == (dt.date(2025, 11, 6), PUB), m.date_how
    # a day named long before the last week frames nothing: the lede's days before publication stay
    m = by_trigger(text.replace("November 6 to 9", "August 6 to 9"), "held")
    assert days(m) == (dt.date(2025, 11, 9), PUB), m.date_how


def test_an_act_told_by_a_verb_after_another_keeps_the_day_of_the_act_it_hangs_on():
    # "on Sunday after Vietnam shelled ...": writers mean the same day as often as not; only a noun the phrase
    # names (below) is what the other act came after
    m = by_trigger("Laos recalled its envoy from Vietnam on Sunday after Vietnam shelled Laotian villages.", "shelled")
    assert days(m) == (dt.date(2025, 11, 9),) * 2, m.date_how


def test_a_run_of_acts_told_by_its_length_lasted_up_to_the_act_it_came_before():
    m = by_trigger("Djibouti reopened its border on Sunday after weeks of clashes between Eritrea and Djibouti.",
                   "clashes")
    assert days(m) == (dt.date(2025, 10, 26), dt.date(2025, 11, 9)), m.date_how
    m = by_trigger("Djibouti reopened its border on Sunday after days of clashes between Eritrea and Djibouti.",
                   "clashes")
    assert days(m) == (dt.date(2025, 11, 7), dt.date(2025, 11, 9)), m.date_how


def test_a_day_glued_to_the_act_another_came_after_does_not_date_that_other_act():
    # "Tuesday's shelling" dates the shelling; the recall came after it, some day before publication
    m = by_trigger("Laos protested to Vietnam. Following Tuesday's shelling of Laotian villages by Vietnam, Laos "
                   "recalled its ambassador from Hanoi.", "recalled")
    assert m.date_text == "" and days(m) != (dt.date(2025, 11, 11),) * 2, m.date_how
    # a day glued to the noun an act governs still dates it; "immediately after" is the same time
    m = by_trigger("Syria condemned Saturday's airstrikes by Jordan.", "condemned")
    assert days(m) == (dt.date(2025, 11, 8),) * 2, m.date_how
    m = by_trigger("Laos protested to Vietnam. Laos recalled its envoy from Vietnam immediately after Tuesday's "
                   "shelling of Laotian villages.", "recalled")
    assert days(m) == (dt.date(2025, 11, 11),) * 2, m.date_how


def test_a_time_in_a_participle_on_a_happening_noun_dates_that_happening_not_the_sentences_act():
    # "the dialogue launched on March 3": March 3 is the dialogue's day, not the day of the call made now
    (m,) = [m for m in code("Peru's president urges Chilean officials to keep calm, in line with the dialogue begun "
                            "on March 3 between the two presidents.") if m.event == "REQUEST"]
    assert m.date_start != dt.date(2025, 3, 3) and m.date_end == dt.date(2025, 11, 12)
    # "the accord signed in May": May is the accord's; the denunciation keeps its own Monday
    (m,) = [m for m in code("Chile on Monday denounced the accord signed in May by Peru and Bolivia.")
            if m.event == "ACCUSE"]
    assert m.date_start == m.date_end == dt.date(2025, 11, 10)
    # a person held is no happening: the closing day still dates the release ("freed two Americans held in ...")
    (m,) = [m for m in code("Chile freed two Americans held in Santiago on Monday.") if m.event == "RETREAT"]
    assert m.date_start == m.date_end == dt.date(2025, 11, 10)
