"""The Dask worker plugin of `detente ingest --engine dask` (a module of its own: only Dask runs import it)."""
from __future__ import annotations

from typing import Callable

from distributed import WorkerPlugin


class Preload(WorkerPlugin):
    """Loads the spaCy model and the knowledge files once per Dask worker, when it joins (`warm`); its tasks
    then find them in the process's caches (`parse.get_nlp`, `pipeline.get_coder`)."""

    def __init__(self, warm: Callable[[], None]):
        self.warm = warm

    def setup(self, worker) -> None:
        self.warm()
