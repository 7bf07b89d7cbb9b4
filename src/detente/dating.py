"""Resolve time for event mentions: which time expression governs each event, and its interval.

`temporal` finds and normalises time expressions; this stage picks, for each mention, the
expression that governs its trigger in the parse (not merely the nearest one), anchors
"two days later" on the event told before, and falls back to an honest interval bounded by
the publication date.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from . import temporal
from .common import LOOK_BACK, NEWS_LOOKBACK, UNDATED, UNDATED_LOOKBACK, UNDATED_NEWS
from .describing import STATE_UNITS, describing_clause
from .history import mark_history
from .knowledge import load_knowledge
from .model import Document, Mention, Timex
from .pubdate import MIN_YEAR, PUB_INFERRED, RECENCY_DAYS, WIDE_DAYS, clock_time, dateline_spans

# Cues that tie an undated event to the one told just before it ("After the meeting, ...").
LINK_CUES = re.compile(r"\b(after (the|that|this) (meeting|visit|talks|call|conversation|announcement|signing|deal"
                       r"|agreement|accord|decision|release|exchange|swap)|following (the|that|this)"
                       r"|resulting in|led to|marked the (visit|meeting)|in return|in response|in exchange"
                       r"|during the (visit|meeting|talks)|at the (meeting|talks)"
                       r"|the same day|that day|then|afterwards|which brought"
                       r"|in parallel|at the same time|simultaneously)\b", re.I)
SAME_TIME_CUES = re.compile(r"marked the|the same day|that day|during the|at the|in parallel|at the same time"
                            r"|simultaneously", re.I)
PARALLEL_CUES = re.compile(r"in parallel|at the same time|simultaneously", re.I)  # the news, not what it answers
CITATION_LOOKBACK = dt.timedelta(days=62)  # a cited report tells of events of the weeks before it
LEDE_CHARS = 900  # title, byline, dateline and the first paragraphs: the news itself
LEDE_LOOKBACK = dt.timedelta(days=3)
STORY_SENTENCES = 10  # how far a simple-past sentence of the same two sides continues the day's dated news
HEADLINE_LOOKBACK = dt.timedelta(days=7)


def _tree_distance(a: Token, b: Token) -> int:
    """Number of dependency edges between two tokens of one sentence."""
    up_a = {a.i: 0}
    t, d = a, 0
    while t.head.i != t.i:
        t, d = t.head, d + 1
        up_a[t.i] = d
    t, d = b, 0
    while t.i not in up_a:
        if t.head.i == t.i:
            return 99
        t, d = t.head, d + 1
    return d + up_a[t.i]


MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _in_name(span) -> bool:
    """A month and day glued to a name before it ("Unaizah May 4", a boat): a name, not a time. A weekday
    after a name ("Rubio Tuesday accused ...") or a date after a place or person is a date."""
    if span.start == span.sent.start or span[0].lower_ not in MONTHS:
        return False
    before = span.doc[span.start - 1]
    return before.tag_ == "NNP" and before.i > span.sent.start and \
        before.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "PERSON", "NORP", "ACTOR")


def _in_other_clause(timex: Token, trig: Token) -> bool:
    """Whether the time expression sits in a relative clause on a noun ("a journalist who had been held since
    2020", "the licence, which expires on April 18") that does not hold the trigger. A participle clause
    counts only with "since" ("prisoners held since 2020"): the parser hangs a closing "on Sunday" on the
    nearest participle ("freed two Americans held in Caracas on Saturday")."""
    node = timex
    since = any(t.lower_ == "since" for t in timex.ancestors if t.dep_ == "prep") or timex.lower_ == "since"
    while node.head.i != node.i:
        if (node.dep_ == "relcl" or node.dep_ == "acl" and (since or _happening(node.head))) and \
                node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return trig.i not in {t.i for t in node.subtree}
        node = node.head
    return False


def _happening(noun: Token) -> bool:
    """A noun that names a happening of its own ("the dialogue launched on March 31", "the accord signed in May"):
    a time in the participle on it dates that happening, as a person's ("Americans held in Caracas on Saturday")
    need not (the parser hangs a closing time on the nearest participle)."""
    classes = load_knowledge().classes
    lemma = noun.lemma_.lower()
    return lemma in classes.get("meeting", ()) or lemma in classes.get("agreement", ())


ORDER_MARKS = ("after", "before")
DAY_UNITS = ("day", "week", "month", "year", "fortnight")


def _before_or_after_clause(span, trig) -> bool:
    """Whether the trigger sits in an "after"/"before" clause counted in days or more ("on Monday, a day after
    Lima arrested ...") and the time expression outside it: the time dates the other act, and the clause's act is
    counted from it (`_counted_back`). "Hours before" or a bare "after" leaves the day to the main clause."""
    node = trig.root
    while node.head.i != node.i:
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ORDER_MARKS for c in node.children):
            counted = any(c.dep_ == "npadvmod" and c.lemma_.lower() in DAY_UNITS for c in node.children)
            return counted and span.root.i not in {t.i for t in node.subtree}
        node = node.head
    return False


LIMIT_MARKS = ("before", "until", "till", "unless")


def _in_limit_clause(span, trig) -> bool:
    """Whether the time expression sits in a "before"/"until" clause of its own verb that does not hold the trigger
    ("urged Tokyo to withdraw the measure before the pact expires on November 11"): it dates the limit set, a later
    happening, not the act told. (An "after" clause is the act's antecedent and bounds it: `_antecedent`.)"""
    node = span.root
    while node.head.i != node.i:
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in LIMIT_MARKS for c in node.children):
            return trig.root.i not in {t.i for t in node.subtree}
        node = node.head
    return False


ANTECEDENT_WORDS = ("after", "following", "since")
IMMEDIATELY = ("immediately", "shortly", "soon", "right", "just", "directly", "moments", "minutes", "hours")


def _antecedent(trig) -> tuple[set[int], Token] | None:
    """The token ids of the phrase that holds a noun trigger naming what another act came after ("reached a truce on
    Sunday after days of clashes", "following the call, they agreed", "recalled its envoy following Tuesday's
    strikes"), and the word the phrase hangs on; or None: such an act is presupposed, not told, and the other act's
    time bounds it, it does not date it (a reader knows the clashes came before Sunday, not on it)."""
    node = trig.root
    if node.pos_ not in ("NOUN", "PROPN"):
        return None  # "recalled its envoy on Sunday after Iran struck": writers mean the same day as often as not
    while node.head.i != node.i:
        if node.dep_ in ("prep", "advcl", "acl") and node.lower_ in ANTECEDENT_WORDS and node.i != trig.root.i:
            if any(c.lower_ in IMMEDIATELY for c in node.children) or \
                    node.i > 0 and node.doc[node.i - 1].lower_ in IMMEDIATELY:
                return None  # "immediately after Friday's raid": the same time
            return {t.i for t in node.subtree}, node.head
        marks = [c for c in node.children if c.dep_ == "mark" and c.lower_ in ANTECEDENT_WORDS]
        if node.dep_ == "advcl" and marks:
            if marks[0].i > 0 and node.doc[marks[0].i - 1].lower_ in IMMEDIATELY:
                return None
            return {t.i for t in node.subtree}, node.head
        node = node.head
    return None


# "after days of clashes": the days a run of acts surely covered before the act it came before (two of its units at
# least; it may have begun earlier, so the interval says when it was under way, not when it began)
RUN_DAYS = {"day": 2, "week": 14, "month": 60}


def _run_of(trig, ante: set[int]) -> tuple[str, int] | None:
    """("days of", 7) when the antecedent phrase tells a run of acts by its length ("after days of clashes", "following
    weeks of talks"): not a happening presupposed, but one that lasted up to the act it came before."""
    head = trig.root
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i in ante:
        unit = head.head.head
        days = RUN_DAYS.get(unit.lemma_.lower())
        if days is not None and unit.tag_ == "NNS" and not any(c.dep_ == "nummod" for c in unit.children):
            return f"{unit.text} of", days
    return None


def _dates_antecedent(span, trig) -> bool:
    """Whether a day glued to a noun names the act another act came after, not the trigger ("Following Tuesday's
    strikes, X recalled its envoy"): it sits in an antecedent phrase (`_antecedent`) that does not hold the
    trigger. A day told by the antecedent's own verb ("recalled its envoy after Iran struck on Tuesday") is left to
    the parse: the parser often hangs the main act's day there."""
    found = _antecedent(span)
    if found is None or trig.root.i in found[0]:
        return False
    root = span.root
    return root.dep_ in ("poss", "compound") and root.head.pos_ in ("NOUN", "PROPN")


def _relative_on_time(span, trig) -> bool:
    """Whether the trigger sits in a "which"/"that" clause the parser hung on the time expression ("... on
    Tuesday, which Moscow rejected"): the pronoun stands for a thing told before, not for the day, so the day
    is not the clause's ("on Tuesday, when Moscow rejected it" is)."""
    node = trig.root
    while node.head.i != node.i:
        if node.dep_ == "relcl" and node.head.i in {t.i for t in span}:
            return any(c.lower_ in ("which", "that") for c in node.children)
        node = node.head
    return False


def _bounding_clause(tok: Token) -> int | None:
    """The token id of the nearest "after"/"before"/"since" clause or phrase that holds `tok` ("after they met at
    the G20 last year", "since the storming of the embassy", "after a period that saw Beijing impose duties"),
    or None: an act told there is the bound the main clause is set against, not the main clause's act."""
    node = tok
    while node.head.i != node.i:
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in BOUNDING_PREPS for c in node.children):
            return node.i
        if node.dep_ in ("pobj", "pcomp") and node.head.lower_ in BOUNDING_PREPS and node.head.dep_ == "prep":
            return node.head.i
        node = node.head
    return None


def _time_in_bound(span, trig) -> bool:
    """A month or a year inside an "after"/"since" clause or phrase that does not hold the trigger ("the second
    meeting ... after they met at the G20 last year"): the time of the act the trigger is measured against."""
    bound, root = _bounding_clause(span.root), span.root
    if bound is None or root.dep_ == "pobj" and root.head.i == bound:
        return False  # "since 2019", "after May": the time is the bound itself (`_since_bound`)
    return _bounding_clause(trig.root) is None and trig.root.i not in {t.i for t in span.doc[bound].subtree}


def _since_bound(span, trig) -> bool:
    """A time after "since" on an act ranked against earlier ones ("the first visit to Egypt since 2012", "the first
    leader to visit since 2016", "the worst clashes since 2021"): a lower bound, not its date. Unranked, "since"
    dates the start of what goes on ("held since 2019", "has engaged in dialogue since late 2024")."""
    root = span.root
    since = span[0].lower_ == "since" or root.dep_ == "pobj" and root.head.lower_ == "since"
    if not since or trig.root.i in {t.i for t in root.subtree}:
        return False  # "since 2013, when Egypt expelled the envoy": the clause tells what happened then
    return _ranked(trig.root) is not None


def _ranked(tok: Token) -> Token | None:
    """An ordinal or superlative on the act or on the noun it describes ("the first visit", "the worst clashes",
    "the first leader to visit"): the act is ranked against earlier ones."""
    known = undated_knowledge().get("yardstick_words", frozenset())
    for t in (tok, tok.head) if tok.dep_ in ("relcl", "acl") else (tok,):
        for c in t.children:
            if c.dep_ in ("amod", "advmod", "nummod") and (c.lower_ in known or c.tag_ in ("JJS", "RBS")):
                return c
    return None


AFTER_WORDS = ("after", "following")


def _after_a_time(sdoc: Doc, timexes, sent, trig) -> Timex | None:
    """A month or a year inside an "after"/"following" phrase or clause hung on the trigger itself ("severed
    relations following the storming of its embassy in 2016", "Following the condolence visit after the
    earthquakes in February, the minister visited Cairo"): the act came after that time, soon after as told."""
    for tx in timexes:
        if tx.type != "DATE" or tx.date_start is None or not _coarse(tx) or not (sent.start_char <= tx.start < sent.end_char):
            continue
        span = sdoc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None or trig.root.i in {t.i for t in span.root.subtree}:
            continue
        for node in [span.root, *span.root.ancestors]:
            if node.i == trig.root.i:
                break
            opens = node.dep_ == "prep" and node.lower_ in AFTER_WORDS or node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in AFTER_WORDS for c in node.children)
            if opens and node.head.i == trig.root.i:
                return tx
    return None


def _yardstick(tok: Token) -> str | None:
    """The words that make an act the yardstick the news is measured against, or None: "last visited Egypt in
    2012", "the second meeting ... after they met last year", "the highest-level talks since they cut ties in
    2016". A reader takes such an act as background (it may retell an event told as news, never makes one): the
    article names it only to say how the news compares."""
    known = undated_knowledge().get("yardstick_words", frozenset())
    if tok.tag_ in ("VBD", "VBN") and any(c.dep_ == "advmod" and c.lower_ == "last" and c.i < tok.i
                                          and tok.doc[c.i - 1].ent_type_ != "DATE" for c in tok.children):
        return "'last' + past: the last time before the news"
    bound = _bounding_clause(tok)
    if bound is None:
        return None
    clause = {t.i for t in tok.doc[bound].subtree}
    main = tok.doc[bound].head
    for t in main.subtree:
        if t.i not in clause and t.sent == tok.sent and t.dep_ in ("amod", "advmod", "nummod") and (
                t.lower_ in known or t.tag_ in ("JJS", "RBS")):
            return f"'{t.text} ... {tok.doc[bound].text if tok.doc[bound].pos_ == 'ADP' else 'after/since'}'"
    return None


def _bound_of(sdoc: Doc, other: Mention) -> int | None:
    """`_bounding_clause` of another mention's trigger."""
    tok = sdoc.char_span(other.trigger_start, other.trigger_end, alignment_mode="expand")
    return None if tok is None else _bounding_clause(tok.root)


def _told_apart(sdoc: Doc, other: Mention, trig) -> bool:
    """Whether a sibling act of the sentence sits in a relative clause that does not hold the trigger
    ("freed Ali, who has been in detention since 2019"): its date is its own, not one to share."""
    tok = sdoc.char_span(other.trigger_start, other.trigger_end, alignment_mode="expand")
    if tok is None or trig is None:
        return False
    node = tok.root
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return trig.root.i not in {t.i for t in node.subtree}
        node = node.head
    return False


def _dates_a_thing(span, trig) -> bool:
    """A time expression inside another noun phrase ("next year's conference") dates that thing; it
    dates the act told by the verb only as a bound ("after Friday's call"), so a future one is no date of
    a past act. It still dates a noun trigger it modifies ("Thursday's meeting")."""
    root = span.root
    return root.dep_ in ("poss", "compound", "amod", "nmod") and root.head.i != trig.root.i \
        and root.head.pos_ in ("NOUN", "PROPN") and not (trig.root.i in {t.i for t in root.head.subtree}
                                                         and trig.root.pos_ in ("NOUN", "PROPN"))


COARSE = ("month", "season", "quarter", "year", "decade", "century")


def _coarse(tx: Timex) -> bool:
    """A month or longer ("in 2020", "last year", "April"): the grain of a background fact, not of the news."""
    if tx.granularity:
        return tx.granularity in COARSE
    return re.fullmatch(r"[\dX]{4}(-[\dX]{2})?", tx.value or "") is not None  # the grain said, not the width resolved


# Prepositions whose object is another happening the trigger is set against ("since the takeover in 2021",
# "despite the suspension in February", "after the vote in May"): a month or year inside it is that happening's.
BOUNDING_PREPS = {"since", "despite", "after", "before", "following"}


def _dates_embedded(span, trig) -> bool:
    """Whether a time expression dates another happening named inside the sentence rather than the trigger:
    it dates an act named below a noun off the trigger ("released men captured during the war of 2020", "on
    suspicion of kidnapping him last year"), a noun off the trigger's own arguments and adjuncts, or the thing
    whose clause holds the trigger ("a 2024 deal that would see troops withdraw"). A noun the trigger governs
    ("signed an agreement in 2020", "detained during the storm of 2019") keeps it, and so does a time glued to
    a noun with no act in between ("met the envoys of the bloc last week"): the parser often hangs a closing
    date on the nearest noun."""
    root, tr = span.root, trig.root
    above = {tr.i} | {a.i for a in tr.ancestors}
    path = [root]
    for node in root.ancestors:
        if node.i in above:
            lca = node
            break
        path.append(node)
    else:
        return False
    if len(path) == 1 and lca.i != tr.i and lca.pos_ in ("NOUN", "PROPN") \
            and root.dep_ in ("compound", "nummod", "amod", "poss", "nmod"):
        return True  # "a 2024 deal that would see ... withdraw": the deal's year
    event_between = False
    for k, node in enumerate(path[1:], 1):
        if node.pos_ in ("NOUN", "PROPN") and node.dep_ == "pobj" and node.head.lower_ in BOUNDING_PREPS:
            return True  # "the worst clashes since the takeover in 2021": the year of the takeover, a bound at most
        if node.pos_ == "VERB" and node.dep_ in ("pcomp", "acl"):
            return True  # "charged with kidnapping him last year", "men captured in 2020": that act's time
        if node.pos_ in ("VERB", "AUX"):
            event_between = True
        if node.pos_ in ("NOUN", "PROPN") and node.head.i != lca.i:
            below = path[k - 1]
            modifier = below.dep_ in ("compound", "nummod", "amod", "poss", "nmod") or below.lower_ == "of"
            adjunct = node.head.dep_ == "prep" and node.head.head.i == lca.i  # "detained during the storm of 2019"
            if event_between or modifier and not adjunct:
                return True
    return False


QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def _quoted_apart(m: Mention, start: int) -> bool:
    """A time expression inside a quotation that does not hold the trigger ("... added that the accord lets
    farmers 'now sell freely'"): the speaker's time, not the time of the act told around the quote."""
    for q in QUOTED.finditer(m.sentence):
        a, b = m.sent_start + q.start(), m.sent_start + q.end()
        if a <= start < b:
            return not (a <= m.trigger_start < b)
    return False


def _names_a_thing(span, trig, tx) -> bool:
    """A bare year before a document's name ("the 2018 inter-Korean agreement", "a 2024 deal") or after
    its "of" ("the accord of 2015") says when the document was made, not when the act told on it happened
    ("suspended", "pledged to implement"), even when the trigger governs it; so does any day after "of" on a
    decision or notice taken back ("suspended our notice of Aug. 23"). An occasion's year ("boycotted
    the 2019 election") does date the act, so only documents (`dated_documents` in patterns.yaml) count."""
    root = span.root
    classes = load_knowledge().classes
    documents = classes.get("dated_documents", set())
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in classes.get(
            "reversible_moves", set()):
        # "suspended our notice of Aug. 23", "reversed its decision of May 3": the day the move was made
        documents = documents | classes.get("reversible_moves", set())
    elif tx.granularity != "year":
        return False
    if root.dep_ == "pobj" and root.head.lower_ == "of":  # "the accord of 2015"
        root = root.head
    elif not (root.dep_ in ("nummod", "compound", "amod", "nmod") and root.i < root.head.i):
        return False
    thing = root.head
    return thing.lemma_.lower() in documents and thing.i != trig.root.i \
        and not (trig.root.pos_ in ("NOUN", "PROPN") and trig.root.i in {t.i for t in thing.subtree})


def _flashback(tok: Token) -> bool:
    """Pluperfect ("had begun discussing"): a look back, not the next step of the story."""
    for t in (tok, tok.head):
        if any(c.dep_ == "aux" and c.lower_ == "had" for c in t.children):
            return True
        if t.dep_ not in ("xcomp", "conj"):
            break
    return False


def _spans(tok: Token) -> bool:
    """Told with a span ("for six years", "for weeks"): a state or a run of acts that lasted up to some time."""
    return any(t.lower_ == "for" and any(k.dep_ == "pobj" and k.lemma_.lower() in STATE_UNITS for k in t.children)
               for t in tok.subtree)


def _looks_before_story(tok: Token) -> bool:
    """A pluperfect told in its own right ("Beijing had imposed tariffs", "who had sought asylum"): before the
    story's time. Not one reported after a saying ("said it had let the boats through"), which is the
    reported act's own past shifted back, the news itself; nor one told with a span ("had pressed for weeks"),
    which lasted up to the story's time."""
    reported = any(a.dep_ == "ccomp" for a in [tok, *tok.ancestors])  # "wrote that Mexico had decided"
    return _flashback(tok) and not reported and not _spans(tok)


def _later(tok: Token) -> str | None:
    """"later" or "subsequently" modifying the act itself (not "two days later", a time expression, nor "a
    later meeting")."""
    for c in tok.children:
        if c.dep_ == "advmod" and c.lower_ in ("later", "subsequently") and not any(
                k.dep_ in ("npadvmod", "nummod") for k in c.children):
            return c.text
    return None


def _told_as_now(tok: Token, event: str) -> str | None:
    """The words that tell an act as happening now, or None: the present progressive ("is recalling its
    ambassador"), with no modal. Not the simple present: "denies the allegations" is a standing stance as
    often as the day's news."""
    kids = list(tok.children)
    if any(c.tag_ == "MD" or c.lower_ in ("will", "to") for c in kids):
        return None
    if tok.tag_ == "VBG" and tok.dep_ not in ("pcomp", "acl", "amod", "compound") and any(
            c.dep_ == "aux" and c.lower_ in ("is", "are", "am") for c in kids):
        return " ".join(t.text for t in (*[c for c in kids if c.dep_ == "aux"], tok))
    return None


def _announced(tok: Token) -> bool:
    """An act told in the complement of a past saying ("has declared it is to levy", "said it would
    expel"): the act is the announcement, done by then; a date after publication is when the measure starts."""
    return tok.dep_ in ("ccomp", "xcomp") and tok.head.i != tok.i and tok.head.pos_ == "VERB" and _past(tok.head)


def _past(tok: Token, spoken: bool = False) -> bool:
    """Told as past ("freed", "has freed", "after holding talks"), not as a habit or a general truth. A
    `spoken` act (a threat) happens when it is said: "warned it would take measures" is told as past."""
    if tok.tag_ in ("VBD", "VBN") or any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in tok.children):
        return True
    if spoken and tok.dep_ in ("ccomp", "xcomp") and tok.head.pos_ == "VERB" and tok.head.i != tok.i and any(
            c.tag_ == "MD" or c.tag_ == "TO" for c in tok.children):
        return _past(tok.head)
    # "after holding talks", "with Erdogan condemning the strikes": the act is told as done; "when it comes to
    # defending" tells an aim (done only when the verb it completes is: "looked forward to meeting him"), "without
    # consulting" an act not done
    if tok.tag_ == "VBG" and tok.head.lower_ in ("after", "by"):
        return True
    if tok.dep_ != "pcomp" or tok.head.lower_ == "without":
        return False
    prep = tok.head
    if prep.lower_ in AIM_PREPOSITIONS:  # as done as the verb it completes: "looked forward to meeting him"
        return prep.head.i != prep.i and prep.head.pos_ in ("VERB", "AUX") and _past(prep.head)
    return True


AIM_PREPOSITIONS = frozenset({"to", "toward", "towards"})


@functools.lru_cache(maxsize=1)
def undated_knowledge() -> dict[str, frozenset[str]]:
    """The word lists of data/undated.yaml: what makes an act told without a date background, not news."""
    with (resources.files("detente") / "data" / "undated.yaml").open(encoding="utf-8") as f:
        raw = yaml.safe_load(f) or {}
    return {k: frozenset(str(w).lower() for w in v or []) for k, v in raw.items()}


def _looks_back(tok: Token) -> bool:
    """An adverb of `background_adverbs` or `hedges` (data/undated.yaml) on the act, or on the act it is hung
    on ("promised long ago to remove", "in the past", "reportedly ignored"): background or hearsay."""
    known = undated_knowledge()
    words = known.get("background_adverbs", frozenset()) | known.get("hedges", frozenset())
    for t in (tok, tok.head) if tok.dep_ in ("xcomp", "conj", "advcl") else (tok,):
        for c in t.children:
            if c.dep_ in ("advmod", "npadvmod") and (c.lower_ in words or any(k.lower_ in words for k in c.children)):
                return True
            if c.dep_ == "prep" and any(k.dep_ == "pobj" and k.lower_ in words for k in c.children):
                return True
    return False


def _story_act(tok: Token, event: str, opening: bool = False) -> bool:
    """A completed act told in its own right: in the past or present perfect (`_past`), or hung without a
    tense of its own on such an act ("slammed the remarks, urging Tokyo to ...", "added that she warns ..."),
    (not a clause of circumstance: "killed while defending ..."), or in the opening in the present of news
    ("Moscow regrets ..."); not a look back in the pluperfect
    (`_flashback`), not with a modal, not inside a clause describing a noun ("Ali, who was jailed in ...", "the
    ban imposed after ..."), which tells what the noun is, not what happened next."""
    modal = any(c.tag_ == "MD" or c.lower_ in ("will", "would") for c in tok.children)
    if _flashback(tok) or _looks_back(tok) or modal and not (event == "THREATEN" and _past(tok, True)):
        return False  # a threat's modal is its content: "warned it would retaliate" is told by the past warning
    told = _past(tok, event == "THREATEN") or (opening and tok.tag_ in ("VBZ", "VBP") and tok.dep_ == "ROOT") \
        or _judged_when_said(tok, event)
    if not told and tok.tag_ in ("VBG", "VBZ", "VBP") and tok.dep_ in ("advcl", "xcomp", "ccomp", "conj") \
            and tok.head.i != tok.i and tok.head.pos_ == "VERB" and not any(
                c.dep_ == "mark" and c.lower_ in ("while", "as", "when", "if") for c in tok.children):
        told = _story_act(tok.head, event)
    if not told:
        return False
    node = tok
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl", "amod") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return False
        node = node.head
    return True


def _judged_when_said(tok: Token, event: str) -> bool:
    """A judgement in words of censure told as what a speaker said ("'the raid is a violation of our sovereignty,'
    the minister said", "wrote that the abduction constitutes a grave breach"): the accusation is the saying,
    done when the speech verb is past, whatever the tense of the copula inside the quote."""
    if event != "ACCUSE" or tok.pos_ != "NOUN" or tok.dep_ not in ("attr", "pobj"):
        return False
    verb = tok.head if tok.dep_ == "attr" else tok.head.head
    return verb.pos_ in ("VERB", "AUX") and verb.dep_ == "ccomp" and verb.head.i != verb.i \
        and verb.head.pos_ == "VERB" and _past(verb.head)


def _in_parentheses(text: str, start: int, end: int) -> bool:
    """A citation such as "(BelTA, September 11)": it dates the report, not the event."""
    left = text.rfind("(", max(0, start - 80), start)
    return left != -1 and ")" not in text[left:start] and ")" in text[end:end + 40]


# Rules whose value counts from the publication day itself ("on Thursday", "last week"): with an
# uncertain publication day they get the honest interval of every possible day.
DEICTIC_RULES = ("weekday", "weekend", "deictic", "rel_unit", "ago", "recent", "within_current", "present", "clock")


def find_for_document(doc: Document) -> list[Timex]:
    """The document's time expressions. When the publication day is only known as a narrow interval, bare
    dates ("November 9", "In January") take the year of its earliest day (an article is written soon
    after the events it dates) unless they fall inside the interval (then that day), while expressions counted from the publication day itself get the
    whole interval. A wide or open interval resolves nothing against one day: every expression that
    counts from the publication gets what the whole interval allows (an open end: none)."""
    lo, hi = doc.published_start, doc.published_end
    if lo is not None and lo == hi:
        return temporal.find_timexes(doc.text, lo)
    if lo is None or hi is None:
        # nothing, or only one end, is known: "on Wednesday" cannot be resolved at all
        return temporal.find_timexes(doc.text, None, published_range=(lo, hi) if (lo or hi) else None)
    ranged = {(t.start, t.end): t for t in temporal.find_timexes(doc.text, None, published_range=(lo, hi))}
    if _wide(doc):
        return list(ranged.values())
    early = temporal.find_timexes(doc.text, lo)
    # a bare date that falls inside the interval ("May 26" in a page of May 20 - June 1) is that day, not the one a
    # year before the earliest day: read against the latest day too, and keep the reading inside the interval
    late = {(t.start, t.end): t for t in temporal.find_timexes(doc.text, hi)}
    out = []
    for t in early:
        r = ranged.get((t.start, t.end))
        if r is not None and t.rule.split("+")[0] in DEICTIC_RULES:
            out.append(r)
            continue
        alt = late.get((t.start, t.end))
        if (alt is not None and alt.value != t.value and alt.anchor == "publication" and alt.granularity == "day"
                and alt.date_start is not None
                and lo <= alt.date_start <= hi and not (t.date_start is not None and lo <= t.date_start <= hi)):
            t = alt
        out.append(t)
    return out


def _wide(doc: Document) -> bool:
    """A publication interval too wide for a weekday or a bare date to name one day (pubdate.WIDE_DAYS)."""
    lo, hi = doc.published_start, doc.published_end
    return lo is None or hi is None or (hi - lo).days > WIDE_DAYS




def _counts_from_publication(m: Mention, tx: Timex | None) -> bool:
    """Whether the mention's date rests on the publication day: an expression counted from it ("on Monday",
    "last week"), a bare date placed in its year ("June 21"), or no expression at all."""
    if tx is None:
        return True
    return tx.rule.split("+")[0] in DEICTIC_RULES or (tx.value or "").startswith("XXXX") or tx.anchor == "publication"


def _sanity(doc: Document, m: Mention, tx: Timex | None) -> None:
    """What no reader would accept, corrected and said: an event ending after the latest possible publication
    day ends on it; a date before 1900 stands only when its own sentence names that year; a date resting on
    an inferred or wide publication interval says so."""
    pub_lo, pub_hi = doc.published_start, doc.published_end
    if m.date_start is None:
        return
    if m.date_start.year < MIN_YEAR and str(m.date_start.year) not in m.sentence:
        m.notes.append(f"date {m.date_start} dropped: before {MIN_YEAR} and not named in its sentence")
        m.date_start = m.date_end = None
        m.date_text = ""
        if pub_hi is not None:
            m.date_start, m.date_end, m.date_how = (pub_lo or pub_hi) - UNDATED_LOOKBACK, pub_hi, UNDATED
        return
    if pub_hi is not None and m.date_end is not None and m.date_start <= pub_hi < m.date_end:
        m.notes.append(f"date ended {m.date_end}, after the latest possible publication day: ends {pub_hi}")
        m.date_end = pub_hi
    if doc.published_source == "inferred" and _counts_from_publication(m, tx):
        span = f"{pub_lo}..{pub_hi}" if pub_lo != pub_hi else str(pub_lo)
        wide = ", wide: the whole interval, no guessed day" if _wide(doc) else ""
        m.date_how += f"; {PUB_INFERRED} {span}{wide}"


@dataclass
class _Story:
    """The article as the dater reads it, and what it has dated so far: a later mention is dated from these."""

    doc: Document
    sdoc: Doc
    timexes: list[Timex]
    pub_lo: dt.date | None
    pub_hi: dt.date | None
    previous: Mention | None = None  # the last dated event with a known doer: what "two days later" counts from
    dated: list[Mention] = field(default_factory=list)  # the events that may anchor a later one, in order
    by_sentence: dict[int, list[Mention]] = field(default_factory=dict)  # every mention dated so far, by sentence


@dataclass
class _Where:
    """Where a mention's trigger stands in the parse, and the times around it: each dating step asks these."""

    sent: object  # the sentence's span (None when the parse does not align)
    trig: object  # the trigger's span
    clause: set[int] | None  # the relative clause that only describes its noun, when the trigger is in one
    yard: str | None  # the comparison the act is the yardstick of ("the first visit since they cut ties")
    bound: int | None  # the clause an "after years that saw ..." phrase bounds
    ante: set[int] | None  # the antecedent phrase the trigger is in ("after days of clashes")
    bounded: object  # the token that antecedent phrase hangs on
    cands: list = field(default_factory=list)  # the time expressions that may tell its day, nearest first
    cites: list = field(default_factory=list)  # the same in parentheses: a cited source's date
    ante_bound: dt.date | None = None  # the day of the act an antecedent act came before


def date_mentions(doc: Document, sdoc: Doc, mentions: list[Mention], timexes: list[Timex] | None = None,
                  focus: list[str] | None = None) -> None:
    """Set date_start/date_end/date_text/date_how on each mention, in narrative order (in place).

    Order of evidence: a time expression governing the trigger; a sibling event of the same sentence;
    a text link to the event told before ("After the meeting"); a cited source's date ("(BelTA,
    September 11)": on or shortly before it); else the publication date bounds it from above and
    the mention is marked undated (it may join an event but does not make one). An act dated long before the
    article is history (`history.mark_history`), read against `focus`, the two states its story is about.
    """
    if timexes is None:
        timexes = find_for_document(doc)
    story = _Story(doc, sdoc, _event_times(doc, timexes), doc.published_start, doc.published_end)
    for m in sorted(mentions, key=lambda m: m.trigger_start):
        where = _where(story, m)
        tx = _date_by_own_time(story, m, where)
        if m.date_start is None:
            cited = _date_without_own_time(story, m, where)
            if cited is not None:
                tx = cited
        _mark_yardstick_background(story, m, where)
        _drop_plans(story, m, tx)
        _remember(story, m, where)
    mark_history(mentions, story.pub_lo, focus)


def _event_times(doc: Document, timexes: list[Timex]) -> list[Timex]:
    """The time expressions that may date an event: not a dateline's, which dates the report, nor a clock time
    read as a year."""
    # "WASHINGTON, Aug. 18, 2025 (Reuters) —" dates the report, not the event told after it
    datelines = dateline_spans(doc.text)
    timexes = [t for t in timexes if not any(a <= t.start < b for a, b in datelines)]
    # a year before 1900 is a date only where the text names it as a year (not "at 1700 GMT")
    return [t for t in timexes if t.date_start is None or t.date_start.year >= MIN_YEAR
            or not clock_time(doc.text, t.start, t.end)]


def _where(story: _Story, m: Mention) -> _Where:
    """Read once where the trigger stands (its sentence, clause, comparison, antecedent phrase) and which of the
    sentence's time expressions may tell its day, since every later step asks the same questions."""
    sdoc = story.sdoc
    sent = sdoc.char_span(m.sent_start, m.sent_start + len(m.sentence), alignment_mode="expand")
    trig = sdoc.char_span(m.trigger_start, m.trigger_end, alignment_mode="expand")
    described = describing_clause(trig.root) if trig is not None else None
    clause = {t.i for t in described.subtree} if described is not None else None
    yard = _yardstick(trig.root) if trig is not None else None
    bound = _bounding_clause(trig.root) if yard else None
    found = _antecedent(trig) if trig is not None else None
    ante, bounded = found if found is not None else (None, None)
    where = _Where(sent, trig, clause, yard, bound, ante, bounded)
    _sort_own_times(story, m, where)
    return where


def _sort_own_times(story: _Story, m: Mention, where: _Where) -> None:
    """Sort the sentence's time expressions into those that may tell the act's day (`cands`), a cited source's
    date in parentheses (`cites`), and, for an act told as what another came after, the time of that other act
    (`ante_bound`), which bounds it but is not its day."""
    bounds: list[tuple] = []  # the times of the acts an antecedent act came before (`_antecedent`)
    for tx in story.timexes:
        span = _sentence_time(story, where, tx)
        if span is None:
            continue
        if where.ante is not None and span.root.i not in where.ante:
            if tx.date_end is not None and tx.anchor != "previous_event" and not _quoted_apart(m, tx.start) \
                    and not _in_name(span):
                below = {t.i for t in where.bounded.subtree} - where.ante  # the time of the act it is hung on, first
                bounds.append((span.root.i not in below, _tree_distance(span.root, where.bounded), tx.start,
                               tx.date_end))
            continue  # "a truce on Sunday after days of clashes": Sunday bounds the clashes, it is not their day
        if _times_another_thing(story, m, where, tx, span):
            continue
        item = (_tree_distance(span.root, where.trig.root), abs(tx.start - m.trigger_start), tx)
        (where.cites if _in_parentheses(story.doc.text, tx.start, tx.end) else where.cands).append(item)
    where.cands.sort(key=lambda c: c[:2])
    # the time of the act it is hung on, the nearest in the parse
    where.ante_bound = min(bounds)[-1] if bounds else None
    where.cites.sort(key=lambda c: c[:2])


def _sentence_time(story: _Story, where: _Where, tx: Timex):
    """The span of a date or time of the trigger's own sentence that has a value (or counts from the event
    before), else None: only these can tell the act's day."""
    sent, trig = where.sent, where.trig
    if tx.type not in ("DATE", "TIME") or sent is None or not (sent.start_char <= tx.start < sent.end_char):
        return None
    if tx.anchor != "previous_event" and tx.date_start is None:
        return None
    span = story.sdoc.char_span(tx.start, tx.end, alignment_mode="expand")
    if span is None or trig is None:
        return None
    return span


def _times_another_thing(story: _Story, m: Mention, where: _Where, tx: Timex, span) -> bool:
    """Whether a time of the sentence tells the day of something other than the act (a plan, a name, another
    clause's act, a document, what the act came after, a speaker's now): then it does not date the act."""
    trig, clause, bound = where.trig, where.clause, where.bound
    pub_lo, pub_hi = story.pub_lo, story.pub_hi
    if _dates_a_thing(span, trig) and pub_hi is not None and tx.date_start is not None \
            and tx.date_start > pub_hi:
        return True  # "next year's climate conference": when the conference will be, not when the act was
    if pub_hi is not None and tx.date_start is not None and tx.date_start > pub_hi and _announced(trig.root):
        return True  # "has announced it will impose tariffs from April 10": the measure's start, not the act's day
    if _in_name(span):
        return True  # "the supply boat Unaizah May 4": part of a name, not a date
    if _past_verbs_time(span, trig):
        return True  # "recognized it on 24 December 1991 but still refuses to ...": the recognition's day, not the stance's
    if _in_other_clause(span.root, trig.root) and not _in_parentheses(story.doc.text, tx.start, tx.end):
        return True  # "released five prisoners ... who had been held since 2020": the holding, not the release
    if _before_or_after_clause(span, trig):
        return True  # "expelled them on Monday, a day after Lima arrested two citizens": Monday is the expulsion's
    if _in_limit_clause(span, trig):
        return True  # "urged it to withdraw the measure before the pact expires on November 11": the expiry's day
    if _relative_on_time(span, trig):
        return True  # "proposed a truce on Tuesday, which Russia rejected on Wednesday": "which" is the truce
    if clause is not None and span.root.i not in clause:
        return True  # "said on Wednesday that Ali, who has been detained for six years, ...": not the detention's day
    if _names_a_thing(span, trig, tx):
        return True  # "suspended the 2018 agreement": the year the document was made, not of the act on it
    old = pub_lo is not None and tx.date_end is not None and tx.date_end < pub_lo - dt.timedelta(days=RECENCY_DAYS)
    if (_coarse(tx) or old) and _dates_embedded(span, trig):
        # "released nationals captured during the war of 2020": the capture's year, not the release's; a day
        # long before the news too ("agreed to implement the accord signed on April 1, 2001")
        return True
    if bound is not None and span.root.i not in {t.i for t in story.sdoc[bound].subtree}:
        return True  # "on Monday made the first visit ..., after years that saw Beijing impose duties": the visit's
    if _coarse(tx) and _time_in_bound(span, trig):
        return True  # "the second meeting after they met at the G20 last year": the earlier meeting's year
    if _since_bound(span, trig):
        return True  # "the first visit to Egypt since 2012": after 2012, not in it
    if _quoted_apart(m, tx.start):
        return True  # a "now" inside a quotation: the speaker's time
    if _dates_antecedent(span, trig):
        return True  # "Following Tuesday's strikes, X recalled ...": the strikes' day, not the recall's
    return False


def _date_by_own_time(story: _Story, m: Mention, where: _Where) -> Timex | None:
    """Date the act by the time expression that governs it in the parse, the nearest first: the strongest
    evidence there is. Returns that expression (None when the sentence has none for the act)."""
    if not where.cands:
        return None
    tx = where.cands[0][2]
    if tx.anchor == "previous_event":
        if not _count_from_time_before(story, m, where, tx):
            _count_from_event_before(story, m, tx)
    else:
        m.date_start, m.date_end, m.date_text = tx.date_start, tx.date_end, tx.text
        m.date_how = f"'{tx.text}' -> {tx.value} ({tx.rule or tx.anchor})"
    return tx


def _count_from_time_before(story: _Story, m: Mention, where: _Where, tx: Timex) -> bool:
    """"abducted last April, before being released the following day": a relative time counts from the time
    told just before it in its own sentence, when there is one."""
    sent = where.sent
    before = [t for t in story.timexes if t.type in ("DATE", "TIME") and t.anchor != "previous_event"
              and t.date_start is not None and sent is not None and sent.start_char <= t.start
              and t.end <= tx.start]
    if not before:
        return False
    lo, hi = temporal.shift(tx, before[-1].date_start, before[-1].date_end)
    m.date_start, m.date_end, m.date_text = lo, hi, tx.text
    m.date_how = f"'{tx.text}' counted from '{before[-1].text}' before it in the sentence ({before[-1].value})"
    return True


def _count_from_event_before(story: _Story, m: Mention, tx: Timex) -> None:
    """"two days later": counted from the last dated event of an earlier sentence, never a sibling of this one
    (which becomes the event before it for the steps that follow)."""
    earlier = [o for o in story.dated if o.sent_index < m.sent_index]
    story.previous = previous = earlier[-1] if earlier else None
    if previous is not None and previous.date_start is not None:
        lo, hi = temporal.shift(tx, previous.date_start, previous.date_end)
        m.date_start, m.date_end, m.date_text = lo, hi, tx.text
        m.date_how = f"'{tx.text}' counted from the event before it ({previous.event} on {_fmt(previous)})"


@dataclass
class _Cues:
    """What an act told with no time of its own may be dated from: the acts of its sentence, a link word, a
    duration counted from another act."""

    shared: list[Mention]  # dated acts of the same sentence and clause whose day it shares
    link: re.Match | None  # "after the meeting", "the same day": a tie to the event told before
    back: tuple | None  # "comes just days after ...": the interval counted back from the clause it hangs on
    counted: tuple[int, str] | None  # "two days after the shooting": days from the event told before


def _past_verbs_time(span, trig) -> bool:
    """Whether a time hangs on another verb told in the simple past while the trigger is told in the present: the
    present tells a stance that holds now, not an act of that day."""
    if trig.root.tag_ not in ("VBZ", "VBP") or trig.root.dep_ != "conj":
        return False  # (not "said on Monday that it rejects ...": the statement's day)
    verb = span.root.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb.i != trig.root.i and verb.tag_ == "VBD" and trig.root.head.i == verb.i


def _told_in_past(sdoc: Doc, other: Mention) -> bool:
    """Whether another mention's trigger is a verb in the simple past ("recognized")."""
    tok = sdoc.char_span(other.trigger_start, other.trigger_end, alignment_mode="expand")
    return tok is not None and tok.root.tag_ == "VBD"


def _cues(story: _Story, m: Mention, where: _Where) -> _Cues:
    """Gather the cues every fallback step may ask, once."""
    sdoc, sent, trig, ante = story.sdoc, where.sent, where.trig, where.ante
    held = None if where.clause is None else {sdoc[i].idx for i in where.clause}
    siblings = [o for o in story.by_sentence.get(m.sent_index, []) if o.date_start is not None and o.date_text
                and not _told_apart(sdoc, o, trig) and (held is None or o.trigger_start in held)
                and _same_phrase(sdoc, o, trig, ante)]
    # "the first visit in seven years, after a period that saw Beijing impose duties": not the visit's day
    shared = [o for o in siblings if trig is None or _bound_of(sdoc, o) == _bounding_clause(trig.root)]
    if trig is not None and trig.root.tag_ in ("VBZ", "VBP"):
        # "recognized Armenia on 24 December 1991, but still refuses to open relations": a stance told in the present
        # is not of the day a past act beside it was done
        shared = [o for o in shared if not _told_in_past(sdoc, o)]
    link = LINK_CUES.search(m.sentence)
    back, inside = _counted_back(story.doc, sdoc, story.timexes, sent, trig, siblings) if sent is not None and \
        trig is not None else (None, False)
    counted = _counted_from_event(story.doc.text, story.timexes, sent) if sent is not None and not inside else None
    return _Cues(shared, link, back, counted)


def _date_without_own_time(story: _Story, m: Mention, where: _Where) -> Timex | None:
    """Date an act its sentence gives no time of its own: the first step, in order of the strength of its
    evidence, that applies decides. Returns the cited source's time when that is what dated it."""
    cues = _cues(story, m, where)
    for step in _WITHOUT_OWN_TIME:
        if step(story, m, where, cues):
            return where.cites[0][2] if step is _by_cited_source else None
    return None


def _by_counting_back(story: _Story, m: Mention, where: _Where, cues: _Cues) -> bool:
    """"The decision comes just days after prosecutors indicted ...": counted back from the act or the present of
    the clause the "after" phrase hangs on."""
    if cues.back is None:
        return False
    m.date_start, m.date_end, m.date_text, m.date_how = cues.back
    return True


def _by_days_after_event_before(story: _Story, m: Mention, where: _Where, cues: _Cues) -> bool:
    """"two days after the shooting": counted from the event told before it."""
    previous = story.previous
    if not (cues.counted is not None and previous is not None and previous.date_start is not None):
        return False
    days, text = cues.counted
    m.date_start = previous.date_start + dt.timedelta(days=days)
    m.date_end = previous.date_end + dt.timedelta(days=days)
    m.date_text = text
    m.date_how = f"'{text}' counted from the event before it ({previous.event} on {_fmt(previous)})"
    return True


def _by_time_it_followed(story: _Story, m: Mention, where: _Where, cues: _Cues) -> bool:
    """"severed relations following the storming of its embassy in 2016": in 2016 or soon after, told as the
    act's own bound (not counted from the event told before the sentence)."""
    trig, sent = where.trig, where.sent
    if not (not where.yard and trig is not None and sent is not None and _ranked(trig.root) is None and (
            bound_tx := _after_a_time(story.sdoc, story.timexes, sent, trig)) is not None):
        return False
    # a month: in it or the next; a year: in it (a wider interval would say nothing a merge can use)
    width = bound_tx.date_end - bound_tx.date_start
    later = width if width <= dt.timedelta(days=31) else dt.timedelta(0)
    m.date_start, m.date_end = bound_tx.date_start, bound_tx.date_end + later
    m.date_text = bound_tx.text
    m.date_how = (f"after '{bound_tx.text}' ({bound_tx.value}): " +
                  ("in it or the month after" if later else "in it, soon after"))
    return True


def _by_sibling_act(story: _Story, m: Mention, where: _Where, cues: _Cues) -> bool:
    """An act of the same sentence and clause that has a date: told together, they share it."""
    if not cues.shared:
        return False
    sibling = cues.shared[-1]
    m.date_start, m.date_end = sibling.date_start, sibling.date_end
    m.date_text = sibling.date_text
    m.date_how = f"shares the date of '{sibling.trigger}' in the same sentence"
    return True


def _by_anaphor(story: _Story, m: Mention, where: _Where, cues: _Cues) -> bool:
    """"On 12 December the two sides exchanged prisoners. The exchange involved the release of 10 ...": a definite
    noun naming the act just told refers back to it, and so shares its day."""
    previous, sent = story.previous, where.sent
    if not (previous is not None and previous.date_start is not None and sent is not None
            and m.sent_index - previous.sent_index <= ANAPHOR_SENTENCES and not where.yard
            and (anaphor := _anaphor(sent, story.sdoc, previous)) is not None):
        return False
    m.date_start, m.date_end, m.date_text = previous.date_start, previous.date_end, previous.date_text
    m.date_how = f"'{anaphor}' refers back to the event before it ({previous.event} on {_fmt(previous)})"
    return True


def _by_run_up_to_bound(story: _Story, m: Mention, where: _Where, cues: _Cues) -> bool:
    """"reached a truce on Sunday after days of clashes": the clashes were under way in the days up to Sunday."""
    ante_bound = where.ante_bound
    if not (where.ante is not None and ante_bound is not None
            and (run := _run_of(where.trig, where.ante)) is not None):
        return False
    m.date_start, m.date_end = ante_bound - dt.timedelta(days=run[1]), ante_bound
    m.date_text = run[0]
    m.date_how = f"'{run[0]}' before an act dated {ante_bound}: under way in the {run[1]} days up to then"
    return True


def _by_act_it_came_before(story: _Story, m: Mention, where: _Where, cues: _Cues) -> bool:
    """"after days of clashes", "following the call": what the act it bounds came after, told with no time of its
    own (the link, the opening's day and the present are that act's, not its own): undated, bounded by that act."""
    if not (where.ante is not None and story.pub_hi is not None):
        return False
    _undated(m, where.trig, story.pub_lo, story.pub_hi, where.ante_bound)
    return True


def _by_link_to_event_before(story: _Story, m: Mention, where: _Where, cues: _Cues) -> bool:
    """"marked the visit", "the same day": then; "after the meeting", "in return": then or the day after."""
    previous, link = story.previous, cues.link
    if not (previous is not None and previous.date_start is not None and link):
        return False
    same = SAME_TIME_CUES.search(link.group(0)) is not None
    anchor, what = previous, "the event before it"
    since = bool(previous.date_text) and f"since {previous.date_text}".lower() in previous.sentence.lower()
    if (PARALLEL_CUES.fullmatch(link.group(0)) or since and _told_apart(story.sdoc, previous, where.trig)) and \
            _background(previous, story.dated):
        # "in parallel" after history; "shortly afterwards" after a quote whose only dated act is a
        # state told by its start in a relative clause ("Noury, who has been in detention since 2019,
        # is free"): never counted from the start of a state
        anchor, what = story.dated[0], "the article's lead event (the one before it is background)"
    m.date_start = anchor.date_start
    m.date_end = anchor.date_end + (dt.timedelta(0) if same else dt.timedelta(days=1))
    m.date_text = link.group(0)
    m.date_how = f"linked by '{link.group(0)}' to {what} ({anchor.event} on {_fmt(anchor)})"
    return True


def _by_later(story: _Story, m: Mention, where: _Where, cues: _Cues) -> bool:
    """"Trump later met both ministers": after the event told before it, and before publication. A story filed by
    the day after that event names a next day ("on Saturday"); a bare "later" is its day."""
    previous, pub_hi, trig = story.previous, story.pub_hi, where.trig
    if not (previous is not None and previous.date_start is not None and pub_hi is not None and trig is not None
            and (later := _later(trig.root)) is not None):
        return False
    m.date_start, m.date_end = previous.date_start, max(previous.date_end, pub_hi)
    m.date_text = later
    if (pub_hi - previous.date_end).days <= 1:
        m.date_end = previous.date_end
        m.date_how = (f"'{later}': later the day of the event before it ({previous.event} on "
                      f"{_fmt(previous)}), in a story filed by the day after ({pub_hi})")
    else:
        m.date_how = (f"'{later}': after the event before it ({previous.event} on {_fmt(previous)}), "
                      f"by publication ({pub_hi})")
    return True


def _by_cited_source(story: _Story, m: Mention, where: _Where, cues: _Cues) -> bool:
    """"(BelTA, September 11)": a cited report tells of events on or shortly before its date."""
    if not (where.cites and where.cites[0][2].date_start is not None):
        return False
    tx = where.cites[0][2]
    m.date_start, m.date_end = tx.date_start - CITATION_LOOKBACK, tx.date_end
    m.date_text = tx.text
    m.date_how = f"cited source dated '{tx.text}': the event happened on or shortly before it"
    return True


def _by_opening_day(story: _Story, m: Mention, where: _Where, cues: _Cues) -> bool:
    """The lede's "on Thursday" frames the sentences that follow it in the opening."""
    previous, pub_lo, pub_hi, trig = story.previous, story.pub_lo, story.pub_hi, where.trig
    if not (pub_hi is not None and pub_lo == pub_hi and trig is not None and m.sent_index > 0
            and m.sent_start < LEDE_CHARS and _past(trig.root, m.event == "THREATEN")
            and not _looks_before_story(trig.root) and where.clause is None and _opening_news(previous, pub_hi)):
        return False
    m.date_start, m.date_end, m.date_text = previous.date_start, previous.date_end, previous.date_text
    m.date_how = f"continues the opening's '{previous.date_text}' ({previous.date_start})"
    return True


def _by_same_sides_story(story: _Story, m: Mention, where: _Where, cues: _Cues) -> bool:
    """"He warned that ...", "The department told him ...": the same two sides, in the simple past, with no time of
    their own, when the dated event just before them is the opening's news of the last days: that day's story
    (one such sentence; the next follows a sentence outside the opening)."""
    previous, pub_lo, pub_hi, trig = story.previous, story.pub_lo, story.pub_hi, where.trig
    if not (pub_hi is not None and pub_lo == pub_hi and trig is not None and trig.root.tag_ == "VBD"
            and not _flashback(trig.root) and where.clause is None and _opening_news(previous, pub_hi)
            and m.sent_index - previous.sent_index <= STORY_SENTENCES and _same_sides(m, previous)):
        return False
    m.date_start, m.date_end = previous.date_start, previous.date_end
    m.date_text = previous.date_text
    m.date_how = (f"the same sides' story told right after the day's news ('{previous.date_text}', "
                  f"{previous.date_start})")
    return True


def _by_opening_before_publication(story: _Story, m: Mention, where: _Where, cues: _Cues) -> bool:
    """A headline is in the present tense but tells the news of the days before; a past act of the opening is that
    news too (a pluperfect, "Beijing had imposed tariffs on ...", looks back before the news and is no part of it)."""
    pub_lo, pub_hi, trig = story.pub_lo, story.pub_hi, where.trig
    if not (pub_hi is not None and pub_lo == pub_hi and trig is not None and (
            m.sent_index == 0 or (m.sent_start < LEDE_CHARS and _past(trig.root, m.event == "THREATEN")
                                  and not _looks_before_story(trig.root) and where.clause is None))):
        return False
    m.date_start = pub_hi - (HEADLINE_LOOKBACK if m.sent_index == 0 else LEDE_LOOKBACK)
    m.date_end = pub_hi
    m.date_how = (f"no time expression in the article's opening: the days before publication "
                  f"({pub_hi}), as news ledes report")
    framed = [t for t in story.timexes if t.type == "DATE" and t.anchor != "previous_event" and t.date_start
              and t.start < m.sent_start and pub_hi - HEADLINE_LOOKBACK <= t.date_start < m.date_start]
    if m.sent_index > 0 and framed:
        # "led the delegation during the talks from March 6 to 10. The two sides held the talks ...":
        # a day of the last week named earlier in the opening (by no coded act) frames the story
        m.date_start = min(t.date_start for t in framed)
        m.date_how = (f"no time expression of its own in the article's opening: from '{framed[0].text}' "
                      f"told before it to publication ({pub_hi})")
    return True


def _by_told_as_now(story: _Story, m: Mention, where: _Where, cues: _Cues) -> bool:
    """"France is recalling its ambassador", "Kim warns Seoul": the news of the day it appeared."""
    pub_lo, pub_hi, trig = story.pub_lo, story.pub_hi, where.trig
    if not (pub_hi is not None and pub_lo == pub_hi and trig is not None and m.resolved and (
            now := _told_as_now(trig.root, m.event))):
        return False
    m.date_start, m.date_end = pub_hi - dt.timedelta(days=1), pub_hi
    m.date_how = f"told in the present ('{now}'): on the publication day ({pub_hi}) or the day before"
    return True


def _by_publication(story: _Story, m: Mention, where: _Where, cues: _Cues) -> bool:
    """No evidence of its own: some day before publication, marked undated (it may join an event, not make one)."""
    if story.pub_hi is None:
        return False
    _undated(m, where.trig, story.pub_lo, story.pub_hi, where.ante_bound)
    return True


# The steps that date an act with no time of its own, strongest evidence first; the first that applies decides.
_WITHOUT_OWN_TIME = (_by_counting_back, _by_days_after_event_before, _by_time_it_followed, _by_sibling_act,
                     _by_anaphor, _by_run_up_to_bound, _by_act_it_came_before, _by_link_to_event_before, _by_later,
                     _by_cited_source, _by_opening_day, _by_same_sides_story, _by_opening_before_publication,
                     _by_told_as_now, _by_publication)


def _mark_yardstick_background(story: _Story, m: Mention, where: _Where) -> None:
    """An act the news is measured against that lies before the news window ("since they cut ties in 2016") is
    background; a recent one ("the second dialogue since December, when Washington eased sanctions") is the
    story's."""
    if m.date_start is not None and where.yard and LOOK_BACK not in m.notes and story.pub_lo is not None and \
            m.date_end < story.pub_lo - dt.timedelta(days=RECENCY_DAYS):
        m.notes += [LOOK_BACK, f"the yardstick of a comparison ({where.yard}), before the news: background"]


def _drop_plans(story: _Story, m: Mention, tx: Timex | None) -> None:
    """Check the date against the article's, and undate a plan: an act told in the future, or dated after
    publication, has not happened."""
    pub_lo, pub_hi = story.pub_lo, story.pub_hi
    _sanity(story.doc, m, tx if m.date_text and tx is not None and m.date_text == tx.text else None)
    if tx is not None and m.date_text == tx.text and "+future" in tx.rule and pub_lo != pub_hi:
        # "by the end of this year" in the future tense: after any day the article may have appeared
        m.notes.append(f"dated by '{tx.text}', told as future: a plan")
        m.date_start = None
    # An event dated after publication is a plan, not a happening.
    if pub_hi is not None and m.date_start is not None and m.date_start > pub_hi:
        m.notes.append(f"dated {m.date_start} after publication {pub_hi}: a plan")
        m.date_start = None


def _remember(story: _Story, m: Mention, where: _Where) -> None:
    """Keep the mention for the acts of its sentence, and as the event before the next one when it may anchor
    "two days later" and "after the meeting": only an event with a known doer, not what another act came after
    ("after weeks of talks"), which is background to it."""
    story.by_sentence.setdefault(m.sent_index, []).append(m)
    trig = where.trig
    if m.date_start is not None and m.date_text and m.resolved and where.ante is None and \
            not (trig is not None and _flashback(trig.root)):
        story.previous = m
        story.dated.append(m)


def _undated(m: Mention, trig, pub_lo: dt.date | None, pub_hi: dt.date, bound: dt.date | None) -> None:
    """Date a mention told with no time of its own: some day before publication (`UNDATED_NEWS` when told as
    a done act of the story, else `UNDATED`), and no later than `bound`, the day of the act it came before."""
    news = trig is not None and m.cameo not in undated_knowledge().get("comment_cameo", ()) \
        and _story_act(trig.root, m.event, m.sent_start < LEDE_CHARS)
    m.date_end, m.date_how = pub_hi, UNDATED_NEWS if news else UNDATED
    if bound is not None and bound < pub_hi:
        m.date_end = bound
        m.date_how += f"; it came before an act dated {bound}, which bounds it"
    m.date_start = min(pub_lo or pub_hi, m.date_end) - (NEWS_LOOKBACK if news else UNDATED_LOOKBACK)
    if not news and trig is not None and (_flashback(trig.root) or _looks_back(trig.root)):
        m.notes.append(LOOK_BACK)


def _same_phrase(sdoc: Doc, other: Mention, trig, ante: set[int] | None) -> bool:
    """Whether a sibling act of the sentence is told on the trigger's side of an antecedent phrase (`_antecedent`):
    an act and what it came after ("reached a truce on Sunday after days of clashes") do not share a day."""
    if trig is None:
        return True
    tok = sdoc.char_span(other.trigger_start, other.trigger_end, alignment_mode="expand")
    if tok is None:
        return True
    if ante is not None:
        return tok.root.i in ante
    theirs = _antecedent(tok)
    return theirs is None or trig.root.i in theirs[0]


COUNTED = re.compile(r"\s+(after|before)\s+(?:the|that|this|his|her|their|its)\s+[\w-]+", re.I)
UNIT_DAYS = {"D": 1, "W": 7}


def _counted_from_event(text: str, timexes, sent) -> tuple[int, str] | None:
    """A duration followed by "after the ..." / "before the ..." in the sentence ("Two days after the
    shooting"): the day offset from the event it names, which the article told before. Only days and
    weeks: a month or a year after is too loose to date a day. The time module reads the duration alone
    (TimeML marks "two days" as a duration), so the link to the event is read here."""
    for tx in timexes:
        if tx.type != "DURATION" or not (sent.start_char <= tx.start < sent.end_char):
            continue
        m = COUNTED.match(text, tx.end)
        unit = re.fullmatch(r"P(\d+)([DW])", tx.value or "")
        if m and unit:
            days = int(unit.group(1)) * UNIT_DAYS[unit.group(2)]
            return (days if m.group(1).lower() == "after" else -days), text[tx.start:m.end()]
    return None


AFTER = re.compile(r"\s+(after|before)\b", re.I)


def _offset_days(value: str) -> tuple[int, int] | None:
    """How many days a duration spans, as an honest range: "two weeks" 12-16, "days" 1-7, "hours" 0-1."""
    m = re.fullmatch(r"P(T?)(\d+|X)([HDWM])", value or "")
    if m is None:
        return None
    n, unit = (None if m.group(2) == "X" else int(m.group(2))), m.group(3)
    if m.group(1) or unit == "H":
        return (0, 1) if m.group(1) and unit in ("H", "M") else None
    if unit == "D":
        return (1, 7) if n is None else (n, n) if n <= 3 else (n - 1, n + 1)
    if unit == "W":
        return (7, 35) if n is None else (7 * n - n, 7 * n + n)
    return (30, 120) if n is None else (30 * n - 7, 30 * n + 7)


def _counted_back(doc: Document, sdoc: Doc, timexes, sent, trig, siblings: list[Mention]):
    """An act told inside "<duration> after ..." hung on another clause ("The move comes just days after
    prosecutors indicted three men", "The visit came two weeks after a call between the leaders"): its date
    is that clause's time minus the duration. The clause's time is the publication interval when it is in the
    present ("comes", "is"), else the date of an act of the same sentence dated already. Returns (the date or
    None, whether the trigger lies in such a phrase)."""
    for tx in timexes:
        if tx.type != "DURATION" or not (sent.start_char <= tx.start < sent.end_char):
            continue
        cue = AFTER.match(doc.text, tx.end)
        days = _offset_days(tx.value or "")
        tok = sdoc.char_span(cue.start(1), cue.end(1)) if cue and days else None
        if tok is None:
            continue
        word = tok[0]
        phrase, main = (word.head, word.head.head) if word.dep_ == "mark" else (word, word.head)
        if trig.root.i not in {t.i for t in phrase.subtree} or main.i == phrase.i:
            continue
        if main.tag_ in ("VBZ", "VBP") and doc.published_start is not None and doc.published_end is not None:
            lo, hi, what = doc.published_start, doc.published_end, f"'{main.text}' (the present: publication)"
        else:
            outside = [o for o in siblings if not (phrase.idx <= o.trigger_start < phrase.idx + len(phrase.text))]
            if not outside:
                return None, True
            lo, hi, what = outside[-1].date_start, outside[-1].date_end, f"'{outside[-1].trigger}'"
        text = doc.text[tx.start:cue.end()]
        if cue.group(1).lower() == "after":
            start, end = lo - dt.timedelta(days=days[1]), hi - dt.timedelta(days=days[0])
        else:
            start, end = lo + dt.timedelta(days=days[0]), hi + dt.timedelta(days=days[1])
        return (start, end, text, f"'{text}' counted back from {what} on {lo if lo == hi else f'{lo}..{hi}'}"), True
    return None, False


ANAPHOR_SENTENCES = 2  # how far back "the exchange" may point to the act it names


def _anaphor(sent, sdoc: Doc, previous: Mention) -> str | None:
    """"The exchange", "this visit": a definite noun phrase of the sentence whose noun is the word (lemma)
    of the previous event's trigger, as written in the text ("exchanging prisoners" ... "The exchange")."""
    trig = sdoc.char_span(previous.trigger_start, previous.trigger_end, alignment_mode="expand")
    if trig is None:
        return None
    lemma = trig.root.lemma_.lower()
    for tok in sent:
        if tok.dep_ == "det" and tok.lower_ in ("the", "this", "that") and tok.head.pos_ == "NOUN" \
                and tok.head.lemma_.lower() == lemma and tok.head.i > tok.i:
            return sdoc[tok.i:tok.head.i + 1].text
    return None


def _background(previous: Mention, dated: list[Mention]) -> bool:
    """Whether the event told just before is background ("arrested in the aftermath of the 2020 war") rather
    than the story's news: it ended more than the recency window before the article's lead event (its first
    dated event, told in the opening). "In parallel", "at the same time" then mean the news, not the history."""
    lead = dated[0] if dated else None
    return lead is not None and lead is not previous and lead.sent_start < LEDE_CHARS and \
        previous.date_end is not None and lead.date_start is not None and \
        previous.date_end < lead.date_start - dt.timedelta(days=RECENCY_DAYS)


def _opening_news(m: Mention | None, pub: dt.date) -> bool:
    """Whether `m` is an event of the article's opening pinned to one day of the last few before publication:
    the news that undated sentences after it may continue."""
    return m is not None and m.sent_start < LEDE_CHARS and m.date_start is not None \
        and m.date_start == m.date_end and m.date_end >= pub - LEDE_LOOKBACK


def _same_sides(m: Mention, other: Mention) -> bool:
    """Both name two sides and they are the same two countries (in either direction)."""
    a = {r.code for r in m.actor + m.recipient if r.code}
    b = {r.code for r in other.actor + other.recipient if r.code}
    return len(a) == 2 and a == b


def _fmt(m: Mention) -> str:
    if m.date_start == m.date_end:
        return str(m.date_start)
    return f"{m.date_start}..{m.date_end}"
