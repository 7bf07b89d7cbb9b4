"""The store's view queries: the events of a dyad and a period, in date order, through the analyst's corrections
(`overlay.py`), paged for an export that streams, counted, and their confidences; what the timeline, export,
review, ledger and web read. A part of `store.Store` (it reads the rows through `Store._events`)."""
from __future__ import annotations

import datetime as dt
from typing import Iterator

from .model import Event


class ViewQueries:
    """Reading the events views show (`store.Store` is the class to use)."""

    def events(self, dyad: tuple[str, str] | None = None, since: dt.date | None = None,
               until: dt.date | None = None, min_confidence: float = 0.0, one_sided: bool = False) -> list[Event]:
        """Events in date order, of a period and a dyad (both states take part; `B = "*"`: A acts alone).
        With `one_sided`, a dyad also keeps one state's acts with no recipient named (`trend.in_dyad`,
        which the caller applies). The dyad is filtered in SQL, so a large store loads only its events."""
        where, params = self._where(dyad, since, until, min_confidence, one_sided)
        # the corrections load the events they touch themselves: one corrected into this dyad is kept below
        events = self._corrected(self._events(where, params), since, until, min_confidence)
        return self._of_dyad(events, dyad, one_sided)

    def iter_events(self, dyad: tuple[str, str] | None = None, since: dt.date | None = None,
                    until: dt.date | None = None, min_confidence: float = 0.0, page: int = 5000,
                    where: str = "TRUE", where_params: list | None = None) -> Iterator[Event]:
        """`events`, read a few thousand at a time (about `page`, whole months of events at once), so that an
        export of the whole store streams in bounded memory. With active corrections, which may move an event
        to any date, it is `events` itself. `where`, a condition of our own (no user text) on the events
        table, skips in SQL events the caller would pass over (all are read when corrections are active)."""
        if self.corrected():
            yield from self.events(dyad, since, until, min_confidence)
            return
        only = where
        where, params = self._where(dyad, since, until, min_confidence)
        where, params = f"{where} AND {only}", params + list(where_params or [])
        for part in self.pages(where, params, page):
            yield from self._of_dyad(self._events(*part), dyad)

    def pages(self, where: str, params: list, page: int = 5000) -> list[tuple[str, list]]:
        """The events under `where` as pages of whole months of about `page` events, in date order (a condition
        and its parameters each; the events without a date are the last page)."""
        months = self.con.execute(f"SELECT date_trunc('month', date_start)::DATE AS m, count(*) FROM events"
                                  f" WHERE {where} GROUP BY m ORDER BY m NULLS LAST", params).fetchall()
        bounds, size = [], 0  # [first month, month after the last) of each page; NULL dates are a page of their own
        for m, n in months:
            if m is None:
                bounds.append((None, None))
                continue
            nxt = (m.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            if bounds and size + n <= page and bounds[-1][0] is not None:
                bounds[-1] = (bounds[-1][0], nxt)
                size += n
            else:
                bounds.append((m, nxt))
                size = n
        return [(f"{where} AND date_start >= ? AND date_start < ?", params + [lo, hi]) if lo is not None else
                (f"{where} AND date_start IS NULL", params) for lo, hi in bounds]

    def count_events(self, dyad: tuple[str, str] | None = None, since: dt.date | None = None,
                     until: dt.date | None = None, min_confidence: float = 0.0) -> int:
        """How many events `events` would give: counted in SQL (with active corrections, which may move an
        event into or out of the selection, by reading them)."""
        if self.corrected():
            return len(self.events(dyad, since, until, min_confidence))
        where, params = self._where(dyad, since, until, min_confidence)
        return self.con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0]

    def confidences(self, dyad: tuple[str, str] | None = None, since: dt.date | None = None,
                    until: dt.date | None = None) -> list[tuple[float, int]] | None:
        """The stored confidences of the events `events` would give, lowest first, with how many have each
        (None when active corrections may change them: then only the events themselves tell)."""
        if self.corrected():
            return None
        where, params = self._where(dyad, since, until, 0.0)
        return self.con.execute(f"SELECT confidence, count(*) FROM events WHERE {where} GROUP BY confidence"
                                " ORDER BY confidence", params).fetchall()

    def corrected(self) -> bool:
        """Whether the analyst's corrections are active (they may change any event: reading then goes through them)."""
        from .overlay import active

        return self._has_corrections() and active(self.con)

    def _has_corrections(self) -> bool:
        from .overlay import _has_table

        return _has_table(self.con)

    @staticmethod
    def _where(dyad, since, until, min_confidence: float, one_sided: bool = False) -> tuple[str, list]:
        """The SQL condition of `events`' filters, and its parameters."""
        where, params = ["confidence >= ?"], [min_confidence]
        if since:
            where.append("date_end >= ?")
            params.append(since)
        if until:
            where.append("date_start <= ?")
            params.append(until)
        if dyad:
            a, b = dyad
            both = ("list_has(string_split(actor_codes || ',' || recipient_codes, ','), ?) AND"
                    " list_has(string_split(actor_codes || ',' || recipient_codes, ','), ?)")
            if one_sided:
                where.append(f"(({both}) OR (recipient_codes = '' AND actor_codes <> ''"
                             " AND list_has_all([?, ?], string_split(actor_codes, ','))))")
                params += [a, b, a, b]
            else:
                where.append(f"(({both}) OR (? = '*' AND actor_codes = ? AND recipient_codes = ''))")
                params += [a, b, b, a]
        return " AND ".join(where), params

    @staticmethod
    def _of_dyad(events: list[Event], dyad, one_sided: bool = False) -> list[Event]:
        """The events of a dyad, on their (possibly corrected) parties."""
        if not dyad or one_sided:
            return events
        a, b = dyad
        return [e for e in events if {a, b} <= ({r.code for r in e.actor} | {r.code for r in e.recipient})
                or ({r.code for r in e.actor} == {a} and not e.recipient and b == "*")]

    def _corrected(self, events: list[Event], since=None, until=None, min_confidence: float = 0.0) -> list[Event]:
        """The analyst's corrections (`detente.corrections`) on top of the machine's coding: every view reads
        events through `events`/`event`; merging reads `events_by_id` and `candidate_events`, uncorrected."""
        from .overlay import apply

        return apply(self, events, since, until, min_confidence)

    def stats(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "mentions", "events")}
