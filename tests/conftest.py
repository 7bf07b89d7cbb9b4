import datetime as dt
import shutil
from pathlib import Path

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


@pytest.fixture
def save_merged():
    """`save(store, doc, mentions)`: the mentions merged into new events (each in a call of its own with
    `apart`, as articles coming one by one) and stored as `doc`'s, in one transaction; the events."""
    from detente.merge import merge

    def save(store, doc, mentions, apart: bool = False) -> list:
        events: list = []
        for batch in ([m] for m in mentions) if apart else [mentions]:
            merge(batch, events)
        store.save(doc, mentions, events)
        return events
    return save


# Debian's chromium, driven by Playwright for Python (never a browser Playwright downloads); as root it needs
# --no-sandbox, and the closed network wants no background connections.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """A headless chromium for the browser tests (skipped where playwright or chromium is missing)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python package) is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
