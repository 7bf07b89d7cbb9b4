"""The parses an ingest keeps for the articles it dates again (parse_memo.py): a parse read back is the parse
made, and an ingest that codes an article again from its kept parse stores what parsing it again stores."""
import datetime as dt

from spacy.attrs import DEP, ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, ORTH, POS, SENT_START, TAG

import detente
from detente import parse_memo
from detente.parse import get_nlp
from detente.store import Store

from test_scale import assert_same, snapshot, write_reprint_corpus

TEXT = ("VILNIUS, March 3 - Lithuania's foreign minister met his Polish counterpart on Monday and the two "
        "governments agreed to reopen the Kalvarija crossing.\nPresident Gitanas Nauseda said Warsaw would "
        "send twelve border guards, and Belarus released two Lithuanian truck drivers it had held since May.\n")
ATTRS = [ORTH, NORM, LEMMA, TAG, POS, MORPH, DEP, HEAD, SENT_START, ENT_IOB, ENT_TYPE, ENT_ID, ENT_KB_ID]


def test_a_kept_parse_reads_back_as_the_parse_made():
    nlp = get_nlp()
    made = nlp(TEXT)
    with parse_memo.kept():
        parse_memo.keep(TEXT, made)
        back = parse_memo.take(nlp, TEXT)
        assert parse_memo.take(nlp, TEXT) is None  # taken once
    assert back is not None and back.text == made.text
    assert (back.to_array(ATTRS) == made.to_array(ATTRS)).all()
    assert [(e.start, e.end, e.label_, e.ent_id_) for e in back.ents] == \
        [(e.start, e.end, e.label_, e.ent_id_) for e in made.ents]
    assert any(e.label_ == "PERSON" for e in made.ents)  # the entities compared are there
    assert [(s.start, s.end) for s in back.sents] == [(s.start, s.end) for s in made.sents]
    assert [str(t.morph) for t in back] == [str(t.morph) for t in made]


def test_nothing_is_kept_outside_an_ingest_and_the_kept_parses_are_bounded():
    nlp = get_nlp()
    made = nlp(TEXT)
    parse_memo.keep(TEXT, made)
    with parse_memo.kept():
        assert parse_memo.take(nlp, TEXT) is None
    size = len(made.to_bytes(exclude=["tensor"]))
    texts = [TEXT + f"Note {i}." for i in range(3)]
    with parse_memo.kept(limit=2 * size + size // 2):
        for t in texts:
            parse_memo.keep(t, nlp(t), limit=2 * size + size // 2)
        assert parse_memo.take(nlp, texts[0]) is None  # the oldest dropped
        assert parse_memo.take(nlp, texts[2]) is not None


def test_an_article_dated_again_from_its_kept_parse_is_stored_as_when_parsed_again(tmp_path, monkeypatch):
    """An undated reprint whose dated copy comes later is coded again after the batch, from the parse kept:
    no second parse of it, and the same store as without the kept parses."""
    first, rest = write_reprint_corpus(tmp_path)
    taken, real_take, real_keep = [], parse_memo.take, parse_memo.keep
    stores = {}
    for memo in (True, False):
        if memo:
            def take(nlp, text):
                found = real_take(nlp, text)
                taken.append(found is not None)
                return found
            monkeypatch.setattr(parse_memo, "take", take)
        else:
            monkeypatch.setattr(parse_memo, "keep", lambda *a, **k: None)
        db = tmp_path / f"m{memo}.duckdb"
        detente.ingest([str(first)], str(db), workers=1)
        report = detente.ingest([str(rest)], str(db), workers=1)
        assert len(report.redate) == 1
        with Store(db, read_only=True) as s:
            b = next(d for d in s.documents() if d.name == "b.txt")
        assert (b.published_start, b.published_end) == (dt.date(2025, 3, 3), dt.date(2025, 3, 10))
        stores[memo] = snapshot(db)
        if memo:
            assert sum(taken) == 1  # the reprint dated again, from its kept parse
            monkeypatch.setattr(parse_memo, "take", real_take)
    monkeypatch.setattr(parse_memo, "keep", real_keep)
    assert_same(stores[True], stores[False])
