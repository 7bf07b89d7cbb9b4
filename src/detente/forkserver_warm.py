"""Imported by the fork server of `detente ingest --workers N` (see `executors._context`): loads the spaCy
model and the knowledge files once, so every worker forked from it starts with them loaded.

What to load comes in an environment variable (the fork server takes module names only): the pickled
`warm` of the ingest. A failure here is left to the workers, which load again and report it as usual.
"""
import base64
import os
import pickle

from .executors import WARM_ENV

_warm = os.environ.pop(WARM_ENV, None)
if _warm:
    try:
        pickle.loads(base64.b64decode(_warm))()
    except Exception:  # noqa: BLE001 - the workers' own load says what is wrong
        pass
