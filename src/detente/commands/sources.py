"""`detente conflicts` and `detente sources`: disagreements between sources, and who the sources are."""
from __future__ import annotations

import contextlib
from typing import Optional

import typer
from rich.console import Console
from detente.terminal import Table

from detente.cli import DB, _fail, app, out
from detente.shell import dyad_option, write_rows


def _wide() -> Console:
    return Console(width=max(out.width, 200)) if not out.is_terminal else out


@app.command()
def conflicts(dyad: Optional[str] = dyad_option(),
              format: str = typer.Option("table", "--format", "-f", help="table, json (one document) or jsonl."),
              db: str = DB) -> None:
    """Where sources disagree: figures (how many political prisoners remain), counts, dates, participants;
    and spelling variants of one name, listed as variants."""
    from detente.conflicts import conflicts as find

    if format not in ("table", "json", "jsonl"):
        _fail(f"unknown format {format!r} (table, json or jsonl)")
    from detente.cli import err
    from detente.shell import counted_bar

    # a store written before claims were kept at ingest finds them once: a bar with the total, shown only then
    with contextlib.ExitStack() as stack:
        try:
            found = find(db, dyad, progress=counted_bar(stack, err, "claims"))
        except (ValueError, FileNotFoundError) as e:
            _fail(str(e))
    if format != "table":
        write_rows((c.to_dict() for c in found), format)
        return
    from detente.views import safe as S

    table = Table(header_style="bold", show_lines=True)
    for col in ("kind", "about", "figure", "source", "date", "articles"):
        table.add_column(col, no_wrap=col in ("kind", "figure", "date"))
    table.add_column("evidence", overflow="fold", max_width=90)
    for c in found:
        about = c.subject + (f" ({c.country})" if c.country else "") + (f"\nevent {c.event_id}" if c.event_id else "")
        for i, r in enumerate(c.claims):
            source = r.source + (f"\n(via {r.via})" if r.via else "")
            when = "" if r.date_start is None else (
                r.date_start.isoformat() if r.date_start == r.date_end else f"{r.date_start}..{r.date_end}")
            # a day read from a sentence says how it was read ("'Monday' dates 'signed'")
            evidence = r.sentence + (f"\n({r.note})" if c.kind == "date" and r.note else "")
            table.add_row(c.kind if i == 0 else "", S(about) if i == 0 else "", S(r.figure), S(source), when,
                          S("\n".join(r.docs)), S(evidence))
    _wide().print(table)
    n_var = sum(c.kind == "variant" for c in found)
    out.print(f"{len(found) - n_var} conflict(s), {n_var} name variant(s)", highlight=False)


@app.command()
def sources(format: str = typer.Option("table", "--format", "-f", help="table, json (one document) or jsonl."),
            db: str = DB) -> None:
    """The stored articles with their syndication group (copies of one story are one source), outlet and
    publication date, and how each was found."""
    from detente.store import Store

    if format not in ("table", "json", "jsonl"):
        _fail(f"unknown format {format!r} (table, json or jsonl)")
    from detente.joins import article_tellings

    try:
        with Store(db, read_only=True) as store:
            docs = store.documents()
            told = article_tellings(store.con)
    except FileNotFoundError as e:
        _fail(str(e))
    rows, n_groups = source_rows(docs, told)
    if format != "table":
        write_rows(rows, format)
        return
    table = Table(header_style="bold", show_lines=False)
    for col in ("source group", "article", "outlet", "published", "how dated", "encoding", "syndication", "tellings"):
        table.add_column(col, overflow="fold", max_width=60 if col in ("how dated", "syndication", "tellings") else None)
    for r in rows:
        pub = "not dated" if r["published_start"] is None else (
            str(r["published_start"]) if r["published_start"] == r["published_end"]
            else f"{r['published_start']}..{r['published_end']}")
        table.add_row(r["group"], r["doc"], r["outlet"] or "-", pub, r["published_how"], r["encoding"],
                      "\n".join(r["copies"]) or "-", r["tellings_text"])
    _wide().print(table)
    out.print(f"{len(rows)} articles from {n_groups} independent source groups", highlight=False)


def source_rows(docs, told: dict | None = None) -> tuple[list[dict], int]:
    """One row per stored article (its copy group, outlet, publication date and how each was found, its
    copies, and with `told` (`joins.article_tellings`) its tellings and the events they joined), grouped; and
    the number of independent source groups. Also the web workspace's sources page."""
    from detente.joins import tellings_text
    from detente.syndication import build_index, outlets_of

    idx = build_index(docs)
    groups, outlets = idx.groups(), outlets_of(docs)
    names = {d.id: d.name for d in docs}
    links: dict[str, list[str]] = {}
    for link in idx.links:
        links.setdefault(link.doc_id, []).append(f"copy of {names[link.other]}: {link.describe()}")
        links.setdefault(link.other, []).append(f"copied by {names[link.doc_id]}: {link.describe()}")
    rows = []
    for d in sorted(docs, key=lambda d: (names[groups[d.id]], d.published_start or d.published_end or "", d.name)):
        rows.append({"doc": d.name, "doc_id": d.id, "group": names[groups[d.id]], "outlet": outlets[d.id],
                     "outlet_how": "manifest/metadata" if d.outlet else ("dateline" if outlets[d.id] else ""),
                     "published_start": d.published_start, "published_end": d.published_end,
                     "published_how": f"{d.published_source}: {d.published_note}".rstrip(": "),
                     "encoding": d.encoding,
                     "copies": links.get(d.id, [])})
        if told is not None:
            rows[-1].update(tellings=told.get(d.id), tellings_text=tellings_text(told.get(d.id)))
    return rows, len(set(groups.values()))
