"""The small vocabulary every view shares, under the name it had (see `detente.common`, where each is
defined once: a dyad from its text, an actor list as a label, the PLOVER quad of a type)."""
from __future__ import annotations

from .common import actors_text, actors_text_dicts, parse_dyad, quad_of  # noqa: F401
