"""The dyad report: one self-contained HTML file (or a Markdown brief) a reader can open offline.

It puts together the summary, the trend chart (inline SVG drawn here, no JavaScript), the concession
ledger with its exchanges, the timeline with every quote, conflicting claims, actors resolved only
from context, and the sources. The HTML goes through Jinja2 with autoescaping and carries a
Content-Security-Policy that forbids scripts and fetches: article text is shown, never run.
"""
from __future__ import annotations

import datetime as dt
import importlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2

from . import __version__
from .actors import state_names
from .ledger import Ledger, entries_of, link_entries, totals_of
from .model import ActorRef, Event, Mention
from .common import QUADS, parse_dyad, quad_of
from .store import DEFAULT_DB, Store
from .trend import TrendRow, dyad_events, period_start, trend_of

COLORS = {"verbal_cooperation": "#8fd19e", "material_cooperation": "#2e8b57",
          "verbal_conflict": "#f4a3a3", "material_conflict": "#c0392b"}


def date_range_text(start: dt.date | None, end: dt.date | None) -> str:
    """A day, or an interval with its width: the uncertainty is part of the date."""
    if start is None:
        return "date unknown"
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()} to {end.isoformat()} ({(end - start).days + 1} days)"


def date_cell(e: Event | Mention) -> str:
    """The date, and for an event whose date rests on an inferred publication date or is wider than a month,
    that mark (views.date_flag)."""
    from .views import date_flag

    flag = date_flag(e) if isinstance(e, Event) else ""
    return date_range_text(e.date_start, e.date_end) + (f" [{flag.replace('+', ', ')}]" if flag else "")


def actors_label(refs: list[ActorRef]) -> str:
    if not refs:
        return "(unstated)"
    return ", ".join(f"{r.code}{'-' + r.sector if r.sector else ''}"
                     f"{' (' + r.entity_text + ')' if r.entity_text and r.entity_text != r.code else ''}" for r in refs)


def split_quote(m: Mention) -> tuple[str, str, str]:
    """The sentence cut around its trigger, so the template can mark it without building markup."""
    i, j = m.trigger_start - m.sent_start, m.trigger_end - m.sent_start
    if 0 <= i < j <= len(m.sentence):
        return m.sentence[:i], m.sentence[i:j], m.sentence[j:]
    return m.sentence, "", ""


_TIMEX_VALUE = re.compile(r" -> \S+ \([^)]*\)")


def reader_date_how(how: str) -> str:
    """How a date was found, for a reader: the internal TIMEX value and rule name left out
    ("'Friday' -> XXXX-WXX-5 (weekday)" becomes "'Friday'")."""
    return _TIMEX_VALUE.sub("", how or "")


def safe_href(url: str | None) -> str | None:
    """Only http(s) links are made clickable; a javascript: or data: URL stays text."""
    return url if url and re.match(r"(?i)https?://[^\s\"'<>]+$", url) else None


@dataclass
class Chart:
    width: int
    height: int
    left: int
    right: int
    zero: float
    bars: list[dict]
    yticks: list[dict]
    xlabels: list[dict]
    line: str
    points: list[dict]
    gmax: str


def chart_of(rows: list[TrendRow], width: int = 1100, height: int = 300) -> Chart | None:
    """Diverging stacked bars (cooperation up, conflict down) per period, with the Goldstein sum as a line."""
    if not rows:
        return None
    left, right, top, bottom = 44, width - 12, 22, height - 24
    up = max((r.cooperation for r in rows), default=0) or 1
    down = max((r.conflict for r in rows), default=0)
    span = up + down
    scale = (bottom - top) / span
    zero = top + up * scale
    step = (right - left) / len(rows)
    bw = max(1.0, step * 0.8)
    bars, points = [], []
    for i, r in enumerate(rows):
        x = left + i * step + (step - bw) / 2
        y = zero
        for q in ("material_cooperation", "verbal_cooperation"):
            h = getattr(r, q) * scale
            if h > 0:
                y -= h
                bars.append({"x": round(x, 1), "y": round(y, 1), "w": round(bw, 1), "h": round(h, 1), "quad": q,
                             "color": COLORS[q], "title": f"{r.period}: {getattr(r, q):.2f} {q.replace('_', ' ')}"})
        y = zero
        for q in ("material_conflict", "verbal_conflict"):
            h = getattr(r, q) * scale
            if h > 0:
                bars.append({"x": round(x, 1), "y": round(y, 1), "w": round(bw, 1), "h": round(h, 1), "quad": q,
                             "color": COLORS[q], "title": f"{r.period}: {getattr(r, q):.2f} {q.replace('_', ' ')}"})
                y += h
    gmax = max((abs(r.goldstein) for r in rows), default=0) or 1
    gscale = min(up, down or up) * scale / gmax if down else up * scale / gmax
    for i, r in enumerate(rows):
        points.append({"x": round(left + (i + 0.5) * step, 1), "y": round(zero - r.goldstein * gscale, 1),
                       "title": f"{r.period}: Goldstein sum {r.goldstein:.1f}, {r.events:.2f} events"})
    every = max(1, len(rows) // 12)
    xlabels = [{"x": round(left + (i + 0.5) * step, 1), "label": r.period} for i, r in enumerate(rows) if i % every == 0]
    ticks = sorted({0, round(up, 1), -round(down, 1)})
    yticks = [{"y": round(zero - t * scale, 1), "label": f"{abs(t):g}"} for t in ticks]
    return Chart(width, height, left, right, round(zero, 1), bars, yticks, xlabels,
                 " ".join(f"{p['x']},{p['y']}" for p in points), points, f"{gmax:.1f}")


OUTLIER_GAP_DAYS = 365  # events this long before the rest are noted, not charted
OUTLIER_SHARE = 0.1  # ... when they are at most this share of the events


def chart_events(events: list[Event]) -> tuple[list[Event], list[Event]]:
    """(the events the trend chart shows, the early outliers it leaves out and notes): a few events
    years before the rest would squeeze every bar of the chart into its last columns."""
    dated = sorted((e for e in events if e.date_start), key=lambda e: e.date_start)
    cut = 0
    for i in range(1, len(dated)):
        if i > OUTLIER_SHARE * len(dated):
            break
        if (dated[i].date_start - dated[i - 1].date_end).days > OUTLIER_GAP_DAYS:
            cut = i
    return [e for e in events if e not in dated[:cut]], dated[:cut]


def _conflicts(db: str, dyad: str) -> list | None:
    """Conflicting claims from `detente.conflicts`, or None when that module is not installed."""
    try:
        mod = importlib.import_module("detente.conflicts")
    except ModuleNotFoundError as e:
        if e.name != "detente.conflicts":
            raise
        return None
    return list(mod.conflicts(db, dyad=dyad))


def _unknown_actors(store: Store, doc_ids: list[str]) -> list[dict]:
    """Entities that the mentions of these documents resolved only from context (how = 'context'), most
    frequent first (counted in SQL: a large store's mentions are never loaded; only the records that say
    "context" anywhere are taken apart as JSON)."""
    # the documents' mentions by row id first: a filter on doc_id beside one on the record reads every record
    rowids = [r[0] for r in store.con.execute(
        "SELECT rowid FROM mentions WHERE doc_id IN (SELECT unnest(?))", [doc_ids]).fetchall()]
    rows = store.con.execute(
        "SELECT coalesce(r->>'entity_text', ''), r->>'code', count(*), arg_min(sentence, id), arg_min(doc_name, id)"
        " FROM (SELECT id, record->>'sentence' AS sentence, record->>'doc_name' AS doc_name,"
        " unnest(from_json(record->'actor', '[\"JSON\"]') || from_json(record->'recipient', '[\"JSON\"]')) AS r"
        " FROM mentions WHERE rowid IN (SELECT unnest(?)) AND doc_id IN (SELECT unnest(?))"
        " AND contains(record, '\"context\"')) WHERE r->>'how' = 'context' GROUP BY 1, 2",
        [rowids, doc_ids]).fetchall()
    found = [{"entity": e or "?", "code": c, "count": n, "sentence": s, "doc_name": d} for e, c, n, s, d in rows]
    return sorted(found, key=lambda d: (-d["count"], d["entity"]))


def context(db: str = DEFAULT_DB, dyad="USA-BLR", since=None, until=None, by: str = "month") -> dict:
    """Everything the report shows, as plain values (also what the Markdown brief is built from)."""
    pair = parse_dyad(dyad)
    if pair is None:
        raise ValueError("the report needs a dyad, e.g. USA-BLR")
    period_start(dt.date(2000, 1, 1), by)  # an unknown period fails before any work
    label = f"{pair[0]}-{pair[1]}"
    with Store(db, read_only=True) as store:
        events = dyad_events(db, pair, since, until, store=store)
        entries = entries_of(events, pair)
        # the articles that name either state or report an event of either
        docs = {d.id: d for d in store.documents_involving(pair, state_names(pair))}
        unknown = _unknown_actors(store, list(docs))
    led = Ledger(pair, entries, link_entries(entries, docs))
    exchanges = led.exchanges
    rows = trend_of(events, by, pair)
    charted, outliers = chart_events(events) if since is None else (events, [])
    chart_rows = trend_of(charted, by, pair) if outliers else rows
    cited: dict[str, int] = {}
    for e in events:
        for doc_id in {m.doc_id for m in e.mentions}:
            cited[doc_id] = cited.get(doc_id, 0) + 1
    sources = [{"name": d.name, "title": d.title, "outlet": d.outlet, "href": safe_href(d.url),
                "published": date_range_text(d.published_start, d.published_end),
                "published_source": d.published_source, "cited": cited.get(d.id, 0)}
               for d in sorted(docs.values(), key=lambda d: (-cited.get(d.id, 0), d.name))
               if cited.get(d.id)]  # the dyad's articles, not every article in the store
    dated = [e for e in events if e.date_start]
    last = next((r for r in reversed(rows) if r.direction), None)
    return {
        "version": __version__, "generated": dt.date.today().isoformat(), "db_name": Path(db).name,
        "dyad": pair, "dyad_label": label, "since": since, "until": until, "by": by,
        "events": events, "ledger": led, "exchanges": exchanges, "totals": totals_of(entries, pair),
        "exchange_of": {e.id: i for i, x in enumerate(exchanges, 1) for e in x.entries},
        "trend": rows, "chart": chart_of(chart_rows), "outliers": outliers, "direction": last.direction if last else "",
        "coop_total": sum(r.cooperation for r in rows), "conflict_total": sum(r.conflict for r in rows),
        "first_date": min((e.date_start for e in dated), default=None),
        "last_date": max((e.date_end for e in dated), default=None),
        "cited_docs": sum(1 for v in cited.values() if v), "n_mentions": sum(e.num_mentions for e in events),
        "conflicts": _conflicts(db, label), "unknown": unknown, "sources": sources,
    }


def _environment() -> jinja2.Environment:
    folder = resources.files("detente") / "data" / "report"
    env = jinja2.Environment(loader=jinja2.FunctionLoader(lambda name: (folder / name).read_text(encoding="utf-8")),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.globals.update(date_cell=date_cell, date_how=reader_date_how, dates=date_range_text, actors=actors_label, split_quote=split_quote,
                       quad=lambda e: quad_of(e.event, e.mode, e.cameo) or "")
    return env


def render_html(ctx: dict) -> str:
    return _environment().get_template("report.html.j2").render(**ctx)


def md(text) -> str:
    """Article text made inert in Markdown (`views.markdown_text`: the one escaping every output shares)."""
    from .views import markdown_text

    return markdown_text(text)


def render_markdown(ctx: dict) -> str:
    a, b = ctx["dyad"]
    out = [f"# {ctx['dyad_label']}: events, concessions and trend", "",
           f"detente brief generated {ctx['generated']} from `{md(ctx['db_name'])}`.", ""]
    events = ctx["events"]
    out += ["## Summary", ""]
    if not events:
        out += [f"No events for {ctx['dyad_label']} in this store.", ""]
    else:
        out += [f"{len(events)} events from {ctx['cited_docs']} articles, dated between {ctx['first_date']} and "
                f"{ctx['last_date']}; {len(ctx['exchanges'])} exchanges of concessions."
                + (f" Latest trend: **{ctx['direction']}**." if ctx["direction"] else ""), ""]
    t = ctx["totals"]
    out += ["| side | people released | releases | sanctions eased | visits | calls | upgrades | pledges | demands |",
            "|---|---|---|---|---|---|---|---|---|"]
    for s in (a, b):
        x = t[s]
        out.append(f"| {s} | {x['people_released_text']} | {x['releases']} | {x['sanctions_actions']} | {x['visits']} | "
                   f"{x['calls']} | {x['upgrades']} | {x['pledges'] + x['promises']} | {x['demands']} |")
    out += ["", "## Exchanges", ""]
    if not ctx["exchanges"]:
        out += ["No linked concessions.", ""]
    for i, x in enumerate(ctx["exchanges"], 1):
        out += [f"### {i}. {date_range_text(x.date_start, x.date_end)}: {md(x.summary())}", ""]
        for lk in x.links:
            out.append(f"- **{md(lk.a.describe())}** and **{md(lk.b.describe())}** ({lk.why}): {md(lk.reason())}")
            for ev in lk.evidence:
                out.append(f"  > {md(ev.text)} ({md(ev.doc_name)})")
        out.append("")
    out += [f"## Trend by {ctx['by']}", "", "| period | events | cooperation | conflict | Goldstein | direction |",
            "|---|---|---|---|---|---|"]
    for r in ctx["trend"]:
        if r.events:
            out.append(f"| {r.period} | {r.events:.2f} | {r.cooperation:.2f} | {r.conflict:.2f} | {r.goldstein:.1f} |"
                       f" {r.direction} |")
    if ctx["outliers"]:
        out += ["", "Not charted, long before the rest: " + "; ".join(
            f"{date_cell(e)} {e.event} ({md(actors_label(e.actor))})" for e in ctx["outliers"])]
    out += ["", "## Ledger", "", "| date | side | what | people | evidence |", "|---|---|---|---|---|"]
    for e in ctx["ledger"].entries:
        q = e.event.mentions[0] if e.event.mentions else None
        out.append(f"| {date_cell(e.event)} | {e.side} | {md(e.label)} | {e.people or ''} | "
                   f"{md(q.sentence) + ' (' + md(q.doc_name) + ')' if q else ''} |")
    out += ["", "## Timeline", "", "| date | event | actor | recipient | count | sources | quote |",
            "|---|---|---|---|---|---|---|"]
    for e in events:
        q = e.mentions[0] if e.mentions else None
        out.append(f"| {date_cell(e)} | {e.event} {e.mode or ''} | {md(actors_label(e.actor))} | "
                   f"{md(actors_label(e.recipient))} | {'%g' % e.quantity.value if e.quantity else ''} | "
                   f"{md(', '.join(sorted({m.doc_name for m in e.mentions})))} | {md(q.sentence) if q else ''} |")
    if ctx["conflicts"] is not None:
        out += ["", "## Conflicting claims", ""]
        for c in ctx["conflicts"] or []:
            out.append(f"- **{md(c.subject)}**: " + "; ".join(
                f"{md(cl.value)} ({md(cl.source)}, {md(cl.doc_name)})" for cl in c.claims))
        if not ctx["conflicts"]:
            out.append("No conflicting claims found.")
    out += ["", "## Unknown actors", ""]
    out += [f"- {md(u['entity'])} as {md(u['code'])}, {u['count']} mention(s): {md(u['sentence'])}"
            for u in ctx["unknown"]] or ["No actor was resolved only from context."]
    out += ["", "## Sources", ""]
    out += [f"- {md(d['name'])}: {md(d['title'] or '')} {('(' + md(d['outlet']) + ')') if d['outlet'] else ''}, "
            f"published {d['published']} ({d['published_source']}); {d['cited']} event(s) cited"
            for d in ctx["sources"]] or ["No documents."]
    return "\n".join(out) + "\n"


def report(db: str = DEFAULT_DB, dyad="USA-BLR", out: str | Path = "report.html", format: str = "html",
           since=None, until=None, by: str = "month") -> Path:
    """Write the dyad's report as self-contained HTML or a Markdown brief; returns the path written."""
    if format not in ("html", "md"):
        raise ValueError(f"unknown report format {format!r} (html or md)")
    ctx = context(db, dyad, since, until, by)
    text = render_html(ctx) if format == "html" else render_markdown(ctx)
    path = Path(out)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # never leave half a report behind
    return path


__all__ = ["report", "context", "render_html", "render_markdown", "chart_of", "QUADS"]
