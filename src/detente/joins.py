"""Why each telling is part of its event: the founding telling, a dated telling that joined it, or an undated
retelling that joined an event other articles date, and by what condition.

`merge.py` decides; this module says it afterwards, for `explain`, `sources` and the web's event page, by
asking the same questions of each telling against the event its other tellings make (`merge.rebuild` without
it): the same kind of act (`corefer.kind`), overlapping dates, the same sides, an agreeing count; for an undated
retelling (`merge.retelling`), the days it may retell and the story time it was placed nearest to.
"""
from __future__ import annotations

import dataclasses
import hashlib

from . import corefer
from .common import UNDATED
from .merge import as_retelling, codes, dated_by_doc, rebuild, retelling, retells, span, story_time, summary, telling
from .model import Event, Mention


def _sides(refs_a, refs_b) -> str:
    return f"{'+'.join(sorted(codes(refs_a))) or '?'} -> {'+'.join(sorted(codes(refs_b))) or '?'}"


def _days(start, end) -> str:
    if start is None:
        return "undated"
    return start.isoformat() if start == end else f"{start.isoformat()}..{end.isoformat()}"


def _founder(e: Event) -> Mention | None:
    """The telling whose id names the event (`merge.new_event`), if it is still among its mentions."""
    return next((m for m in e.mentions if "ev-" + hashlib.sha1(m.id.encode()).hexdigest()[:12] == e.id), None)


def how_joined(e: Event) -> dict[str, dict]:
    """Per mention id: `role` (founded | joined | retold | alone), the event it belongs to, and `why` (the condition,
    in words). A telling is measured against the event the others make, so the reason holds whichever came first."""
    out: dict[str, dict] = {}
    if len(e.mentions) == 1:
        m = e.mentions[0]
        return {m.id: {"role": "alone", "event": e.id,
                       "why": "the only telling of this event: it made the event (no other telling was compatible)"}}
    founder = _founder(e)
    by_doc = dated_by_doc(e.mentions)
    for m in e.mentions:
        others = [x for x in e.mentions if x is not m]
        rest = rebuild(dataclasses.replace(e, mentions=others, actor=list(e.actor), recipient=list(e.recipient)))
        kind = corefer.kind(telling(m).lemma, (m.event, m.mode))
        base = {"event": e.id, "with": sorted({x.doc_name for x in others})}
        what = (f"the same kind of act ({kind}) and compatible sides ({_sides(m.actor, m.recipient)} beside the event's "
                f"{_sides(rest.actor, rest.recipient)})")
        if retelling(m):
            when = story_time(m, by_doc.get(m.doc_id, ()))
            r = as_retelling(m)
            fits = retells(r, summary(rest))
            dated_by = sorted({x.doc_name for x in others if not retelling(x)})
            why = (f"an undated retelling (no time expression of its own): joined event {e.id}, which "
                   f"{', '.join(dated_by) or 'its other tellings'} date to {_days(rest.date_start, rest.date_end)}; "
                   f"{what}; the days it may retell ({_days(r.start, r.end)}) hold the event's; of the events it could "
                   f"retell, the one nearest its story's time ({when[0].isoformat()}, {when[1]})")
            if not fits:
                why += " (the event has changed since it joined: it would not join it now)"
            out[m.id] = dict(base, role="retold", why=why)
            continue
        start, end = span(m)
        why = (f"{what}; its days ({_days(start, end)}) overlap the others' ({_days(rest.date_start, rest.date_end)})")
        if m.quantity and rest.quantity:
            why += ("; the same count" if m.quantity.value == rest.quantity.value
                    else f"; its count {m.quantity.value:g} differs from {rest.quantity.value:g}: one happening "
                         "counted differently (listed by `conflicts`)")
        if m is founder:
            out[m.id] = dict(base, role="founded", why=f"founded this event (the first telling merged: its id names "
                                                       f"it); the others joined it: {why}")
        else:
            out[m.id] = dict(base, role="joined", why=f"joined event {e.id}: {why}")
    return out


def article_tellings(con, doc_ids: list[str] | None = None) -> dict[str, dict]:
    """Per article (document id): its tellings (`mentions`), the events they are part of (`events`), how many of
    those other articles tell too (`shared`), its undated retellings and the events they joined (`retold`: event
    id -> type and days), and the tellings that joined no event (`background`: undated asides, or a doer the
    dictionary lacks). One query over the store, for `sources` and the web's sources page."""
    only, params = ("WHERE m.doc_id IN (SELECT unnest(?))", [doc_ids]) if doc_ids is not None else ("", [])
    rows = con.execute(f"""
        WITH spread AS (SELECT event_id, count(DISTINCT doc_id) AS docs FROM mentions
                        WHERE coalesce(event_id, '') <> '' GROUP BY event_id)
        SELECT m.doc_id, count(*), count(DISTINCT nullif(m.event_id, '')),
               count(DISTINCT m.event_id) FILTER (WHERE s.docs > 1),
               count(*) FILTER (WHERE coalesce(m.event_id, '') = ''),
               list(DISTINCT m.event_id || ' ' || coalesce(e.event, '') || ' ' || coalesce(CAST(e.date_start AS VARCHAR), '?')
                    || CASE WHEN e.date_end <> e.date_start THEN '..' || CAST(e.date_end AS VARCHAR) ELSE '' END)
                   FILTER (WHERE json_extract_string(m.record, '$.date_how') LIKE ? AND coalesce(m.event_id, '') <> ''
                           AND s.docs > 1)
        FROM mentions m LEFT JOIN spread s ON s.event_id = m.event_id LEFT JOIN events e ON e.id = m.event_id
        {only} GROUP BY m.doc_id""", [UNDATED + "%"] + params).fetchall()
    return {d: {"mentions": n, "events": k, "shared": shared, "background": bg, "retold": sorted(r or [])}
            for d, n, k, shared, bg, r in rows}


def tellings_text(t: dict | None) -> str:
    """An article's tellings in one line: "5 tellings in 3 events (2 told by other articles too); undated,
    joined: ev-1 RETREAT 2022-03-16; 1 joined no event"."""
    if not t:
        return "no event found in it"
    out = f"{t['mentions']} telling(s) in {t['events']} event(s) ({t['shared']} told by other articles too)"
    if t["retold"]:
        out += "; undated, joined: " + ", ".join(t["retold"])
    if t["background"]:
        out += f"; {t['background']} joined no event"
    return out
