import datetime as dt

import pytest

from detente.model import ActorRef, Mention, Quantity


@pytest.fixture
def make_mention():
    """A mention as the coder would emit it, for merge and store tests."""
    counter = iter(range(10**6))

    def make(event="RETREAT", mode="release", actor=("BLR",), recipient=(), start="2025-06-21", end=None,
             quantity=None, doc="a.txt", sentence="Minsk freed 14 prisoners.", trigger="freed"):
        n = next(counter)
        s = dt.date.fromisoformat(start)
        e = dt.date.fromisoformat(end) if end else s
        return Mention(doc_id="doc-" + doc, doc_name=doc, sent_index=n, sentence=sentence, sent_start=n * 100,
                       trigger=trigger, trigger_start=n * 100 + 6, trigger_end=n * 100 + 6 + len(trigger),
                       event=event, mode=mode, cameo="0841" if mode == "release" else "042", goldstein=7.0,
                       plover_score=7.0, actor=[ActorRef(c, "GOV", c) for c in actor],
                       recipient=[ActorRef(c, "GOV", c) for c in recipient],
                       quantity=Quantity(float(quantity), "person", str(quantity)) if quantity else None,
                       date_start=s, date_end=e, rule="test", id=f"m{n}")
    return make
