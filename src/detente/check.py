"""The store's invariants, checked: what a crash, a kill or a bug in merging must never leave behind.

Each event's counts equal its mentions (num_mentions, num_articles); every event has a mention and every
mention pointing at an event finds it (no orphans, no dangling ids); every mention's document is stored;
every date lies in 1000-2999 with start <= end; and each event's type, dates and count are what merging
its own mentions gives (`merge.rebuild`), so nothing drifted from the evidence."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from .store import Store


@dataclass
class CheckReport:
    events: int = 0
    mentions: int = 0
    documents: int = 0
    problems: list[str] = field(default_factory=list)  # one line each

    @property
    def ok(self) -> bool:
        return not self.problems


def _query(store: Store, sql: str) -> list[tuple]:
    return store.con.execute(sql).fetchall()


def check_store(store: Store, limit: int = 50) -> CheckReport:
    """Every invariant over the whole store; at most `limit` problems of each kind are listed."""
    rep = CheckReport(*(store.stats()[t] for t in ("events", "mentions", "documents")))

    def found(kind: str, rows: list[tuple], fmt) -> None:
        for r in rows[:limit]:
            rep.problems.append(f"{kind}: {fmt(r)}")
        if len(rows) > limit:
            rep.problems.append(f"{kind}: {len(rows) - limit} more")

    found("count", _query(store, """
        SELECT e.id, e.num_mentions, count(m.id), e.num_articles, count(DISTINCT m.doc_id) FROM events e
        LEFT JOIN mentions m ON m.event_id = e.id GROUP BY e.id, e.num_mentions, e.num_articles
        HAVING e.num_mentions <> count(m.id) OR e.num_articles <> count(DISTINCT m.doc_id) ORDER BY e.id"""),
          lambda r: f"event {r[0]} says {r[1]} mention(s) in {r[3]} article(s); {r[2]} in {r[4]} point to it")
    found("orphan event", _query(store, """
        SELECT e.id FROM events e WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id)
        ORDER BY e.id"""), lambda r: f"event {r[0]} has no mention")
    found("dangling event id", _query(store, """
        SELECT m.id, m.event_id FROM mentions m WHERE m.event_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.event_id) ORDER BY m.id"""),
          lambda r: f"mention {r[0]} points to event {r[1]}, which is not stored")
    found("orphan mention", _query(store, """
        SELECT m.id, m.doc_id FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = m.doc_id)
        ORDER BY m.id"""), lambda r: f"mention {r[0]} belongs to document {r[1]}, which is not stored")
    found("orphan copy key", _query(store, """
        SELECT DISTINCT c.doc_id FROM copy_bands c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = c.doc_id)
        ORDER BY 1"""), lambda r: f"copy keys of document {r[0]}, which is not stored")
    found("date", _query(store, """
        SELECT 'event ' || id, date_start, date_end FROM events WHERE date_start > date_end
          OR year(date_start) NOT BETWEEN 1000 AND 2999 OR year(date_end) NOT BETWEEN 1000 AND 2999
        UNION ALL SELECT 'mention ' || id, date_start, date_end FROM mentions WHERE date_start > date_end
          OR year(date_start) NOT BETWEEN 1000 AND 2999 OR year(date_end) NOT BETWEEN 1000 AND 2999
        ORDER BY 1"""), lambda r: f"{r[0]} runs {r[1]} .. {r[2]}")
    found("drift", _drifted(store), lambda r: f"event {r[0]} stores {r[1]}, its mentions give {r[2]}")
    return rep


def _drifted(store: Store) -> list[tuple]:
    """Events whose stored type, dates or count differ from what their mentions make (merge.rebuild)."""
    from .merge import rebuild

    out = []
    for e in store.events():
        if not e.mentions:
            continue
        again = rebuild(copy.copy(e))
        stored = (e.event, e.mode, e.date_start, e.date_end, e.quantity.value if e.quantity else None)
        made = (again.event, again.mode, again.date_start, again.date_end,
                again.quantity.value if again.quantity else None)
        if stored != made:
            out.append((e.id, stored, made))
    return out


def check(db: str) -> CheckReport:
    """`check_store` on the store file at `db` (opened read-only)."""
    with Store(db, read_only=True) as store:
        return check_store(store)


__all__ = ["CheckReport", "check", "check_store"]
