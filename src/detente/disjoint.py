"""Disjoint sets (union-find): the groups that pairwise links make (copies of one story, tellings of one act,
entries of one exchange).

Written by hand because the library one installed here, SciPy's `DisjointSet` (SciPy comes with datasketch),
takes 0.7 to 1.2 s to import (`scipy.cluster`, measured on this machine), which `ledger`, `conflicts` and the
timeline's source counts must not pay to group a few hundred items."""
from __future__ import annotations

from typing import Hashable, Iterable


class DisjointSets:
    """Items joined into groups; each group is named by one of its items, its root (`find`)."""

    def __init__(self, items: Iterable[Hashable] = ()):
        self.parent: dict = {x: x for x in items}

    def __contains__(self, x: Hashable) -> bool:
        return x in self.parent

    def add(self, x: Hashable) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: Hashable) -> Hashable:
        """The root of `x`'s group (an item not seen before is a group of its own)."""
        parent = self.parent
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]  # path halving
            x = parent[x]
        return x

    def union(self, a: Hashable, b: Hashable) -> None:
        """Join the groups of `a` and `b`; the root of `b`'s names the joined group."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb
