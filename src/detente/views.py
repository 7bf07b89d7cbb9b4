"""Views over stored events: timeline rows, export records (PLOVER JSONL / CSV) and explanations."""
from __future__ import annotations

import csv
import io
import json
import re
from typing import Iterable, TextIO

from .model import Event, Mention
from .terms import actors_text, actors_text_dicts, quad_of  # noqa: F401  (importable from here, as before)
from .pubdate import PUB_INFERRED


# Article text is untrusted: on a terminal an escape sequence can retitle the window, clear the screen or
# forge a link, and Rich reads "[/bold]" or "[link=...]" in it as markup. ANSI sequences (CSI, OSC, other
# ESC forms), the other C0/C1 controls but tab and newline, and bidirectional overrides (text that
# displays in another order than it reads) are removed.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])"
                   r"|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x9c]*[\x07\x9c]?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(text) -> str:
    """Text with escape sequences and control characters removed (what any output may show of it)."""
    return _CONTROL.sub("", _ANSI.sub("", str(text if text is not None else "")))


def safe(text) -> str:
    """Article text as text on a Rich console: control characters removed, markup escaped. Every command
    prints what an article said through this (and the Markdown report through `plain`)."""
    from rich.markup import escape

    return escape(plain(text))


# Spreadsheets run a cell that starts with these as a formula (=HYPERLINK(...), @SUM(...), +cmd|...);
# OWASP's CSV-injection advice: prefix such a cell with a single quote, which shows it as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """One CSV cell made inert for spreadsheets (numbers stay numbers: -2.5 is a value, not a formula)."""
    if isinstance(value, str):
        value = plain(value)  # keeps tabs and newlines, drops every other control character
        if value.startswith(_FORMULA_START):
            try:
                float(value)
                return value
            except ValueError:
                return "'" + value
    return value


def csv_writer(out: TextIO, fieldnames: list[str]) -> csv.DictWriter:
    """A csv.DictWriter whose every cell goes through `csv_cell` (every CSV detente writes uses it)."""

    class _Safe(csv.DictWriter):
        def writerow(self, rowdict):
            return super().writerow({k: csv_cell(v) for k, v in rowdict.items()})

    return _Safe(out, fieldnames=fieldnames)


def frame_csv(frame) -> str:
    """A pandas DataFrame as CSV text, every cell through `csv_cell` (ledger, trend and dyads exports)."""
    return frame.map(csv_cell).to_csv(index=False)


def event_conflicts(e: Event) -> list:
    from .conflicts import event_conflicts as find

    return find(e)


def date_text(e: Event | Mention) -> str:
    if e.date_start is None:
        return "?"
    if e.date_start == e.date_end:
        return e.date_start.isoformat()
    return f"{e.date_start.isoformat()}..{e.date_end.isoformat()}"


WIDE_EVENT_DAYS = 31  # an event interval longer than a month is marked wide


def date_flag(e: Event) -> str:
    """ "inferred" when every mention's date rests on an inferred publication interval, "wide" when the
    interval is longer than a month: the marks `timeline` and the report show beside such dates."""
    flags = []
    if e.mentions and all(PUB_INFERRED in m.date_how for m in e.mentions):
        flags.append("inferred")
    if e.date_start is not None and e.date_end is not None and (e.date_end - e.date_start).days > WIDE_EVENT_DAYS:
        flags.append("wide")
    return "+".join(flags)


def evidence(m: Mention) -> dict:
    return {"doc": m.doc_name, "doc_id": m.doc_id, "text": m.sentence, "sentence_index": m.sent_index,
            "start": m.sent_start, "end": m.sent_start + len(m.sentence), "trigger": m.trigger,
            "trigger_start": m.trigger_start, "trigger_end": m.trigger_end, "rule": m.rule,
            "date_text": m.date_text, "date_how": m.date_how, "confidence": m.confidence, "mention_id": m.id,
            "citations": m.citations}


def event_record(e: Event) -> dict:
    """One event as a PLOVER-style JSON record (the fields ../shared/eval reads, and more)."""
    return {
        "id": e.id, "event": e.event, "mode": e.mode, "cameo": e.cameo, "goldstein": e.goldstein,
        "plover_score": e.plover_score, "quad": quad_of(e.event, e.mode),
        "actor": [{"code": r.code, "sector": r.sector, "entity_text": r.entity_text} for r in e.actor],
        "recipient": [{"code": r.code, "sector": r.sector, "entity_text": r.entity_text} for r in e.recipient],
        "date_start": e.date_start.isoformat() if e.date_start else None,
        "date_end": e.date_end.isoformat() if e.date_end else None, "dating": date_flag(e),
        "quantity": {"value": e.quantity.value, "unit": e.quantity.unit} if e.quantity else None,
        "confidence": e.confidence, "num_sources": e.num_sources, "num_articles": e.num_articles,
        "num_mentions": e.num_mentions, "conflicts": [c.to_dict() for c in event_conflicts(e)],
        "evidence": [evidence(m) for m in e.mentions],
        **correction_fields(e),
    }


def correction_fields(e: Event) -> dict:
    """What an export says of the analyst's corrections: `corrected`, and when true the machine's coding
    (`original`) and the corrections applied (see `detente.corrections`)."""
    changed = [c for c in e.corrections if c["kind"] != "note"]
    out: dict = {"corrected": bool(changed)}
    if changed:
        out["original"] = e.original
    if e.corrections:
        out["corrections"] = [{"id": c["id"], "kind": c["kind"], "summary": c["summary"], "after": c["after"],
                               "note": c["note"], "who": c["who"], "created_at": c["created_at"]}
                              for c in e.corrections]
    return out


def timeline_row(e: Event) -> dict:
    first = e.mentions[0] if e.mentions else None
    return {"id": e.id, "date": date_text(e), "event": e.event, "mode": e.mode or "", "cameo": e.cameo,
            "actor": actors_text(e.actor), "recipient": actors_text(e.recipient),
            "quantity": int(e.quantity.value) if e.quantity else None, "sources": e.num_sources,
            "articles": e.num_articles,
            "mentions": e.num_mentions, "confidence": e.confidence,
            "quote": first.sentence if first else "", "dating": date_flag(e)}


CSV_FIELDS = ["id", "date_start", "date_end", "event", "mode", "cameo", "goldstein", "plover_score",
              "actor", "recipient", "quantity", "confidence", "num_articles", "num_mentions", "docs", "quote",
              "corrected", "original"]


def csv_row(e: Event) -> dict:
    return {"id": e.id, "date_start": e.date_start, "date_end": e.date_end, "event": e.event, "mode": e.mode or "",
            "cameo": e.cameo, "goldstein": e.goldstein, "plover_score": e.plover_score,
            "actor": actors_text(e.actor), "recipient": actors_text(e.recipient),
            "quantity": e.quantity.value if e.quantity else "", "confidence": e.confidence,
            "num_articles": e.num_articles, "num_mentions": e.num_mentions,
            "docs": ";".join(sorted({m.doc_name for m in e.mentions})),
            "quote": e.mentions[0].sentence if e.mentions else "", **correction_columns(e)}


def correction_columns(e: Event) -> dict:
    """The CSV's `corrected` and `original` (the machine's coding in one cell) columns."""
    fields = correction_fields(e)
    o = fields.get("original")
    text = "" if not o else (f"{o['event']}{' ' + o['mode'] if o['mode'] else ''} {actors_text_dicts(o['actor'])}->"
                             f"{actors_text_dicts(o['recipient'])} {o['date_start']}..{o['date_end']}"
                             + (f" count {o['quantity']:g}" if o["quantity"] is not None else ""))
    return {"corrected": fields["corrected"], "original": text}


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    n = 0
    for e in events:
        out.write(json.dumps(event_record(e), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(events: Iterable[Event], out: TextIO, fields: list[str] | None = None, row=csv_row) -> int:
    w = csv_writer(out, fields or CSV_FIELDS)
    w.writeheader()
    n = 0
    for e in events:
        w.writerow(row(e))
        n += 1
    return n


def timeline_markdown(events: list[Event]) -> str:
    lines = ["| date | event | actor | recipient | count | sources | evidence |", "|---|---|---|---|---|---|---|"]
    for e in events:
        r = timeline_row(e)
        quote = markdown_text(r["quote"])
        mark = f" ({r['dating']})" if r["dating"] else ""
        lines.append(f"| {r['date']}{mark} | {r['event']} {r['mode']} | {r['actor']} | {r['recipient']} |"
                     f" {r['quantity'] or ''} | {r['articles']} | {quote[:160]} |")
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def markdown_text(text) -> str:
    """Article text made inert in Markdown: no controls, no markup, no raw HTML, no table breaks."""
    s = plain(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", " ".join(s.split()))


def timeline_csv(events: list[Event]) -> str:
    buf = io.StringIO()
    fields = list(timeline_row(events[0]).keys()) if events else ["id"]
    write_csv(events, buf, fields, row=timeline_row)
    return buf.getvalue()


def explain(e: Event, documents: dict) -> dict:
    """Why this event exists: each mention's sentence, rule, actors, modality and date reasoning."""
    out = {"event": event_record(e), "mentions": []}
    for m in e.mentions:
        doc = documents.get(m.doc_id)
        pub = None
        if doc is not None:
            pub = {"start": doc.published_start, "end": doc.published_end, "source": doc.published_source,
                   "note": doc.published_note}
        out["mentions"].append({
            "doc": m.doc_name, "sentence": m.sentence, "trigger": m.trigger, "rule": m.rule,
            "event": m.event, "mode": m.mode, "cameo": m.cameo, "confidence": m.confidence,
            "actor": [f"{r.entity_text or '?'} -> {r.code}/{r.sector or '-'} ({r.how})" for r in m.actor],
            "recipient": [f"{r.entity_text or '?'} -> {r.code}/{r.sector or '-'} ({r.how})" for r in m.recipient],
            "quantity": m.quantity.text if m.quantity else None,
            "date": date_text(m), "date_how": m.date_how, "publication": pub,
            "modality": next((n.split(": ", 1)[1] for n in m.notes if n.startswith("modality")),
                             "fact: no negation, modal, condition, question, wish or plan governs the trigger"),
            "notes": [n for n in m.notes if not n.startswith("modality")],
            "citations": m.citations,
        })
    return out

