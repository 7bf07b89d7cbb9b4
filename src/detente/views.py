"""Views over stored events: PLOVER export records, timeline rows, one CSV column set, and explanations.

`event_record` builds the exported record: the PLOVER JSON fields first (names and types of the PLOVER
specification, so a PLOVER user loads it unchanged), then detente's own richer fields under names PLOVER
does not use (see PLOVER_FIELDS / DETENTE_FIELDS and the README)."""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
from typing import Iterable, Mapping, TextIO

from . import __version__
from .common import (QUADS, actors_text, actors_text_dicts, date_text, plover_context, quad_of,  # noqa: F401
                     table_type_note)
from .model import Document, Event, Mention
from .pubdate import PUB_INFERRED

#: the fields of the PLOVER JSON specification that detente fills
PLOVER_FIELDS = ("id", "has_event", "date", "enddate", "actor", "recipient", "event", "mode", "context",
                 "event_text", "quad_code", "event_scale", "text", "text_info", "cite_info", "size", "coder",
                 "coded_date")
#: detente's own fields, beside them
DETENTE_FIELDS = ("cameo", "goldstein", "quantity", "confidence", "num_sources", "num_articles", "num_mentions",
                  "conflicts", "evidence", "corrected", "dating")  # and, for a corrected event, `original` and `corrections`


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

    return _Safe(out, fieldnames=fieldnames, extrasaction="ignore")


def frame_csv(frame) -> str:
    """A pandas DataFrame as CSV text, every cell through `csv_cell` (ledger, trend and dyads exports)."""
    return frame.map(csv_cell).to_csv(index=False)


def event_conflicts(e: Event) -> list:
    from .conflicts import event_conflicts as find

    return find(e)


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


def entity(r) -> dict:
    """A PLOVER entity object. `identifier_id` (a Wikidata id) is left out: the dictionary has none."""
    return {"code": r.code, "sector": r.sector, "entity_text": r.entity_text}


def size_of(e: Event) -> dict | None:
    """PLOVER's size object: the count of an arrest as `arrested`, of a killing as `dead`."""
    if e.quantity is None:
        return None
    if e.event == "COERCE" and e.mode == "arrest":
        return {"arrested": int(e.quantity.value)}
    if e.event == "ASSAULT" and e.mode in ("assassinate", "massacre"):
        return {"dead": int(e.quantity.value)}
    return None


def cite_info(doc: Document | None, m: Mention | None) -> dict:
    info = {"coder": "detente", "codebook": "PLOVER", "version": __version__}
    if doc is not None:
        info.update({"url": doc.url, "title": doc.title, "publication": doc.outlet, "language": doc.language})
    elif m is not None:
        info["title"] = m.doc_name
    return info


def event_record(e: Event, docs: Mapping[str, Document] | None = None) -> dict:
    """One event as a PLOVER JSON record plus detente's fields: the one place export records are built."""
    first = e.mentions[0] if e.mentions else None
    doc = (docs or {}).get(first.doc_id) if first else None
    quad = quad_of(e.event, e.mode, e.cameo)
    rec = {
        "id": e.id, "has_event": True,
        "date": e.date_start.isoformat() if e.date_start else None,
        "enddate": (e.date_end or e.date_start).isoformat() if e.date_start else None,
        "actor": [entity(r) for r in e.actor], "recipient": [entity(r) for r in e.recipient],
        "event": [e.event], "mode": [e.mode] if e.mode else [], "context": plover_context(e.cameo),
        "event_text": list(dict.fromkeys(m.trigger for m in e.mentions)),
        "quad_code": QUADS.index(quad) + 1 if quad in QUADS else None,
        "event_scale": e.plover_score,
        "text": first.sentence if first else "",
        "text_info": {"sequence": first.sent_index, "start": first.sent_start,
                      "end": first.sent_start + len(first.sentence)} if first else {},
        "cite_info": cite_info(doc, first),
        "coder": "detente", "coded_date": dt.date.today().isoformat(),
    }
    size = size_of(e)
    if size:
        rec["size"] = size
    rec.update({
        "cameo": e.cameo, "goldstein": e.goldstein, "dating": date_flag(e),
        "quantity": {"value": e.quantity.value, "unit": e.quantity.unit} if e.quantity else None,
        "confidence": e.confidence, "num_sources": e.num_sources, "num_articles": e.num_articles,
        "num_mentions": e.num_mentions, "conflicts": [c.to_dict() for c in event_conflicts(e)],
        "evidence": [evidence(m) for m in e.mentions],
        **correction_fields(e),
    })
    return rec


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
    """One event as a flat row: the timeline table, CSV (timeline and export alike) and Markdown."""
    first = e.mentions[0] if e.mentions else None
    quad = quad_of(e.event, e.mode, e.cameo)
    return {"id": e.id, "date": e.date_start.isoformat() if e.date_start else "",
            "enddate": e.date_end.isoformat() if e.date_end else "", "event": e.event, "mode": e.mode or "",
            "quad_code": QUADS.index(quad) + 1 if quad in QUADS else "", "cameo": e.cameo,
            "goldstein": e.goldstein, "event_scale": e.plover_score,
            "actor": actors_text(e.actor), "recipient": actors_text(e.recipient),
            "quantity": e.quantity.value if e.quantity else "", "confidence": e.confidence,
            "num_sources": e.num_sources, "num_articles": e.num_articles, "num_mentions": e.num_mentions,
            "docs": ";".join(sorted({m.doc_name for m in e.mentions})),
            "quote": first.sentence if first else "", "dating": date_flag(e), **correction_columns(e)}


def mention_row(m: Mention) -> dict:
    """One coded mention (a sentence's telling of an event) as a row of the mentions table."""
    return {"mention_id": m.id, "event_id": m.event_id, "doc": m.doc_name, "doc_id": m.doc_id,
            "date": m.date_start, "enddate": m.date_end, "event": m.event, "mode": m.mode, "cameo": m.cameo,
            "goldstein": m.goldstein, "actor": [entity(r) for r in m.actor],
            "recipient": [entity(r) for r in m.recipient], "quantity": m.quantity.value if m.quantity else None,
            "sentence": m.sentence, "sentence_index": m.sent_index, "trigger": m.trigger,
            "trigger_start": m.trigger_start, "trigger_end": m.trigger_end, "rule": m.rule,
            "confidence": m.confidence, "date_text": m.date_text, "date_how": m.date_how}


def mention_csv_row(m: Mention) -> dict:
    r = mention_row(m)
    return dict(r, actor=actors_text(m.actor), recipient=actors_text(m.recipient))


def correction_columns(e: Event) -> dict:
    """The CSV's `corrected` and `original` (the machine's coding in one cell) columns."""
    fields = correction_fields(e)
    o = fields.get("original")
    text = "" if not o else (f"{o['event']}{' ' + o['mode'] if o['mode'] else ''} {actors_text_dicts(o['actor'])}->"
                             f"{actors_text_dicts(o['recipient'])} {o['date_start']}..{o['date_end']}"
                             + (f" count {o['quantity']:g}" if o["quantity"] is not None else ""))
    return {"corrected": fields["corrected"], "original": text}


CSV_FIELDS = list(timeline_row(Event("", "", None, "", 0.0, 0.0, [], [], None, None, None)))


def write_records(rows: Iterable[dict], out: TextIO, fmt: str, fields: list[str] | None = None) -> int:
    """Rows (dicts) as one JSON array (`json`), JSON Lines (`jsonl`) or CSV (`csv`); the number written."""
    from .model import to_jsonable

    if fmt == "csv":
        return write_csv(rows, out, fields)
    n = 0
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(to_jsonable(r), ensure_ascii=False, default=str) + "\n")
            n += 1
        return n
    if fmt == "json":
        out.write("[")
        for r in rows:
            out.write(("," if n else "") + "\n" + json.dumps(to_jsonable(r), ensure_ascii=False, default=str))
            n += 1
        out.write("\n]\n" if n else "]\n")
        return n
    raise ValueError(f"unknown format {fmt!r}")


def write_lines(lines: Iterable[str], out: TextIO, fmt: str) -> int:
    """Records that are JSON text already, as `write_records` writes dicts (`jsonl` or `json`)."""
    n = 0
    if fmt == "json":
        out.write("[")
    for line in lines:
        out.write((("," if n else "") + "\n" + line) if fmt == "json" else line + "\n")
        n += 1
    if fmt == "json":
        out.write("\n]\n" if n else "]\n")
    return n


def write_csv(rows: Iterable[dict], out: TextIO, fields: list[str] | None = None) -> int:
    """The one CSV writer: every command's CSV goes through here (cells made inert by `csv_cell`)."""
    rows = iter(rows)
    first = next(rows, None)
    fields = fields or (list(first) if first is not None else ["id"])
    w = csv_writer(out, fields)
    w.writeheader()
    n = 0
    for r in ([first] if first is not None else []):
        w.writerow(_cell_values(r))
        n += 1
    for r in rows:
        w.writerow(_cell_values(r))
        n += 1
    return n


def _cell_values(r: dict) -> dict:
    return {k: ("" if v is None else v.isoformat() if isinstance(v, dt.date) else v) for k, v in r.items()}


def write_events(events: Iterable[Event], out: TextIO, fmt: str, docs: Mapping[str, Document] | None = None) -> int:
    """Events as PLOVER records (json, jsonl) or the CSV rows."""
    if fmt == "csv":
        return write_csv((timeline_row(e) for e in events), out, CSV_FIELDS)
    return write_records((event_record(e, docs) for e in events), out, fmt)


def timeline_markdown(events: list[Event]) -> str:
    lines = ["| date | event | actor | recipient | count | sources | evidence |", "|---|---|---|---|---|---|---|"]
    for e in events:
        r = timeline_row(e)
        quote = markdown_text(r["quote"])
        mark = f" ({r['dating']})" if r["dating"] else ""
        lines.append(f"| {date_text(e)}{mark} | {r['event']} {r['mode']} | {r['actor']} | {r['recipient']} |"
                     f" {'%g' % r['quantity'] if r['quantity'] != '' else ''} | {r['num_sources']} | {quote[:160]} |")
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def markdown_text(text) -> str:
    """Article text made inert in Markdown: no controls, no markup, no raw HTML, no table breaks."""
    s = plain(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", " ".join(s.split()))


def explain(e: Event, documents: dict) -> dict:
    """Why this event exists: each mention's sentence, rule, actors, modality and date reasoning, and how it came
    to be part of the event (`joins.how_joined`: founded it, joined it, or retold it undated)."""
    from .joins import how_joined

    out = {"event": event_record(e), "mentions": []}
    joined = how_joined(e) if e.mentions else {}
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
            "notes": [n for n in m.notes if not n.startswith("modality")]
            + [n for n in [table_type_note(m.event, m.cameo, m.rule)] if n],
            "citations": m.citations,
            "merged": joined.get(m.id),
        })
    return out

