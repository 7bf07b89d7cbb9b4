"""What every page and router of the workspace uses: a store per request, rendering a template, reading a
date from a form. The app (`app.py`) registers the routers; they import these from here, not from it."""
from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode

import duckdb
from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from .. import __version__
from ..store import Store
from .security import csrf_token

HERE = resources.files("detente") / "web"
MAX_UPLOAD = 20 * 1024 * 1024  # bytes per upload request: articles are text, not archives


class StoreBusy(Exception):
    """Another process holds the store's write lock (a `detente ingest` or `recode` in a terminal)."""


def open_store(request: Request) -> Iterator[Store]:
    """A connection for one request, closed after it: between requests the file is free for the CLI."""
    try:
        store = Store(request.app.state.db)
    except duckdb.IOException as e:
        raise StoreBusy(str(e).splitlines()[0]) from None
    try:
        yield store
    finally:
        store.close()


def _date_text(start, end) -> str:
    if start is None:
        return "?"
    return str(start) if start == end or end is None else f"{start}..{end}"


def _refs_text(refs) -> str:
    from ..views import actors_text

    return actors_text(refs)


def templates() -> Jinja2Templates:
    t = Jinja2Templates(directory=str(HERE / "templates"))
    t.env.autoescape = True  # every page: article text and names are hostile input
    t.env.globals.update(dates=_date_text, refs=_refs_text, version=__version__)
    t.env.filters["qs"] = lambda d: urlencode({k: v for k, v in d.items() if v not in (None, "", False)})
    return t


def render(request: Request, name: str, status_code: int = 200, **ctx) -> HTMLResponse:
    ctx.setdefault("title", "")
    return request.app.state.templates.TemplateResponse(
        request, name, {"csrf": csrf_token(request), "db_name": Path(request.app.state.db).name, **ctx},
        status_code=status_code)


def parse_day(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{name} must be a date YYYY-MM-DD, not {value!r}") from None
