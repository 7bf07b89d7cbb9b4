"""detente: news coverage of a relationship between states turned into sourced, merged, dated event data.

The functions here mirror the `detente` commands; each takes the store path as `db`.
"""
__version__ = "0.1.0"

from .entry import quiet_while_loading

quiet_while_loading()  # first: a Ctrl-C while the `detente` command loads ends it quietly


from .api import demo, demo_corpus, explain, export, ingest, recode, timeline, timex
from .conflicts import conflicts
from .corrections import correct, export_corrections
from .corrections import corrections as list_corrections  # the module keeps its name: detente.corrections
from .corrections import undo as undo_correction
from .ledger import ledger
from .model import ActorRef, Document, Event, IngestError, Mention, Quantity, Timex
from .report import report
from .trend import dyads, events, trend

__all__ = ["ingest", "recode", "timeline", "export", "explain", "demo", "demo_corpus", "timex", "ledger", "trend", "dyads",
           "events", "report", "conflicts", "correct", "list_corrections", "export_corrections", "undo_correction", "Document", "Event", "Mention", "ActorRef", "Quantity", "Timex",
           "IngestError"]
