"""detente: news coverage of a relationship between states turned into sourced, merged, dated event data.

The functions here mirror the `detente` commands; each takes the store path as `db`. They are loaded on
first use, so that `import detente` (and every `detente` command that needs no language model) starts
fast: the spaCy pipeline and DuckDB load only when a function that needs them is called.
"""
import importlib
import sys
import types

__version__ = "0.1.0"

from .entry import quiet_while_loading

quiet_while_loading()  # first: a Ctrl-C while the `detente` command loads ends it quietly

#: public name -> the module that defines it ("module:name" when the module calls it otherwise)
_EXPORTS = {
    **dict.fromkeys(["demo", "demo_corpus", "explain", "export", "ingest", "load", "recode", "timeline", "iter_timeline",
                     "count_timeline", "timex", "review", "check"],
                    "api"),
    "conflicts": "conflicts", "ledger": "ledger", "report": "report",
    # the analyst's corrections; `corrections` stays the module's name (detente.corrections)
    "correct": "corrections", "export_corrections": "corrections", "list_corrections": "corrections:corrections",
    "undo_correction": "corrections:undo",
    **dict.fromkeys(["dyads", "events", "trend"], "trend"),
    **dict.fromkeys(["ActorRef", "Document", "Event", "IngestError", "Mention", "Quantity", "Timex"], "model"),
}
__all__ = list(_EXPORTS)


class _Package(types.ModuleType):
    """`detente.ingest`, `.ledger`, `.trend`, `.report`, `.conflicts` name both a function and a module. The
    import system binds a submodule onto its package once loaded; this keeps the public function bound
    instead (the module stays reachable through `sys.modules` and `from detente.ledger import ...`)."""

    def __getattr__(self, name: str):
        if name not in _EXPORTS:
            raise AttributeError(f"module 'detente' has no attribute {name!r}")
        module, _, attr = _EXPORTS[name].partition(":")
        value = getattr(importlib.import_module(f"detente.{module}"), attr or name)
        types.ModuleType.__setattr__(self, name, value)
        return value

    def __setattr__(self, name: str, value) -> None:
        if name in _EXPORTS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(_EXPORTS))


sys.modules[__name__].__class__ = _Package
