"""Tables for the terminal that show article text as text: every string cell goes through `views.safe`
(control characters removed, Rich markup escaped), so a headline holding "[/bold]" or an escape sequence
neither breaks a command nor reaches the terminal. Commands build their tables with this `Table`."""
from __future__ import annotations

from rich.table import Table as _RichTable


class Table(_RichTable):
    """rich.table.Table whose string cells are article text, never markup."""

    def add_row(self, *cells, **kwargs):
        from .views import safe  # loaded on first use: commands that print no table start fast

        return super().add_row(*(safe(c) if isinstance(c, str) else c for c in cells), **kwargs)
