"""Over-long documents split into parts a parser can hold: a 5 MB text in one spaCy doc costs gigabytes
(and passes spaCy's length limit), while a news article is rarely over 30,000 characters. Each part is
stored as a document of its own ("name (part 2 of 9)"), cut at a paragraph break, else at a sentence end,
else at a space, so no sentence an event is coded from is cut in two unless it is itself enormous."""
from __future__ import annotations

import re
from dataclasses import replace

from .ingest import document_id
from .model import Document

MAX_CHARS = 50_000  # per part; about ten long articles' worth
_BREAKS = (re.compile(r"\n\n"), re.compile(r"[.!?][\"'”’)]*\s"), re.compile(r"\s"))


def _cut(text: str, limit: int) -> int:
    """Where to end the first part of `text`: the last paragraph break, sentence end or space before `limit`,
    but not in its first half (a part of a few words would be useless)."""
    for rx in _BREAKS:
        ends = [m.end() for m in rx.finditer(text, limit // 2, limit)]
        if ends:
            return ends[-1]
    return limit


def split_long(doc: Document, limit: int | None = None) -> tuple[list[Document], str]:
    """The document itself when short enough, else its parts; and a one-line note saying what was done."""
    limit = limit or MAX_CHARS
    if len(doc.text) <= limit:
        return [doc], ""
    pieces, rest = [], doc.text
    while len(rest) > limit:
        at = _cut(rest, limit)
        pieces.append(rest[:at].strip())
        rest = rest[at:]
    pieces.append(rest.strip())
    pieces = [p for p in pieces if p]
    n = len(pieces)
    parts = [replace(doc, id=document_id(p), text=p, name=f"{doc.name} (part {i} of {n})",
                     title=doc.title if i == 1 else (f"{doc.title} (part {i} of {n})" if doc.title else None))
             for i, p in enumerate(pieces, 1)]
    return parts, (f"{doc.path or doc.name}: {len(doc.text):,} characters, longer than an article; "
                   f"split into {n} parts of at most {limit:,} characters, each stored as a document")
