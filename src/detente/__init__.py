"""detente: news coverage of a relationship between states turned into sourced, merged, dated event data."""
from .api import demo, demo_corpus, explain, export, ingest, timeline, timex
from .model import ActorRef, Document, Event, IngestError, Mention, Quantity, Timex

__version__ = "0.1.0"
__all__ = ["ingest", "timeline", "export", "explain", "demo", "demo_corpus", "timex", "Document", "Event",
           "Mention", "ActorRef", "Quantity", "Timex", "IngestError"]
