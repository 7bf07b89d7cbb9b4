"""Tenure lookup: which office a named actor held on a day, and the names of a country's code.

Entry point: `TenureLookup.role_on(key, on)` (inherited by `ActorDictionary`).
"""
from __future__ import annotations

import datetime as dt

from .actor_files import _Surface, _as_date
from .model import ActorRef


class TenureLookup:
    """Entries and offices by key and date (a mixin of `ActorDictionary`)."""

    def lookup_id(self, key: str) -> dict | None:
        """Raw entry for a key such as 'person:lukashenko', 'country:BLR', 'capital:BLR', 'adj:USA'."""
        if key in self.actors:
            return self.actors[key]
        kind, _, code = key.partition(":")
        if kind in ("country", "igo", "capital", "metonym", "adj", "people") and code in self.countries:
            return self.countries[code]
        return None

    def country_name(self, code: str) -> str | None:
        """The first (common) name of a country or IGO code."""
        entry = self.countries.get(code)
        return str(entry["names"][0]) if entry else None

    def country_adjective(self, code: str) -> str | None:
        """The usual adjective of a code ("BLR" -> "Belarusian"), or its first name when it has none (IGOs)."""
        entry = self.countries.get(code)
        if not entry:
            return None
        return str((entry.get("adjectives") or entry["names"])[0])

    def role_on(self, key: str, on: dt.date | None = None) -> dict | None:
        """The role of a named actor in force on `on` (None: the latest); nearest role if none covers it."""
        entry = self.actors.get(key)
        if not entry:
            return None
        roles = [dict(r, start=_as_date(r.get("start")), end=_as_date(r.get("end"))) for r in entry["roles"]]
        lo, hi = dt.date.min, dt.date.max
        if on is None:
            return max(roles, key=lambda r: (r["end"] or hi, r["start"] or lo))
        if isinstance(on, dt.datetime):
            on = on.date()
        covering = [r for r in roles if (r["start"] or lo) <= on <= (r["end"] or hi)]
        if covering:  # the most recently started role wins (a new post overrides an old open-ended one)
            return max(covering, key=lambda r: r["start"] or lo)

        def gap(r: dict) -> int:
            return min(abs(((r["start"] or lo) - on).days), abs(((r["end"] or hi) - on).days))

        return min(roles, key=gap)
    def _named(self, key: str, phrase: str, on: dt.date | None) -> ActorRef | None:
        role = self.role_on(key, on)
        if role is None:
            return None
        return ActorRef(role["code"], role.get("sector"), phrase, key, "dictionary")

    def _code_of(self, surf: _Surface, on: dt.date | None) -> str | None:
        if surf.kind == "actor":
            role = self.role_on(surf.key, on)
            return role["code"] if role else None
        return surf.code
