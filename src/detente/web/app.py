"""The web application: one store, server-rendered pages, a JSON API under /api/ (see `detente serve`)."""
from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store import Store
from .pages import HERE, MAX_UPLOAD, StoreBusy, render, templates
from .security import Guard, check_csrf


def create_app(db: str, token: str | None = None) -> FastAPI:
    """The workspace over the store at `db`. With `token`, every request must carry it."""
    if not Path(db).exists():
        raise FileNotFoundError(f"{db}: no such store (run `detente ingest` first)")
    Store.ALWAYS_WRITABLE = True  # this process writes while it reads (see Store.ALWAYS_WRITABLE)
    with Store(db) as store:  # the corrections table exists before the first page asks for it
        from ..overlay import ensure

        ensure(store.con)
    app = FastAPI(title="detente", version=__version__, dependencies=[Depends(check_csrf)],
                  docs_url=None, redoc_url=None,  # their pages load scripts from a CDN
                  description="The analyst's workspace: events, evidence and corrections over one detente store.")
    app.state.db = str(Path(db).resolve())
    app.state.folder = Path(db).resolve().parent
    app.state.token = token
    app.state.templates = templates()
    app.state.jobs = {}
    app.add_middleware(Guard, token=token, max_body=MAX_UPLOAD)
    if not token:  # a page of another site that rebinds its name to 127.0.0.1 sends its own Host: refused
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost", "[::1]"])
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from . import actors, api, dyads, events, sources

    for module in (events, dyads, actors, sources, api):
        app.include_router(module.router)

    @app.exception_handler(StoreBusy)
    async def busy(request: Request, exc: StoreBusy):
        return _error(request, 503, f"the store is busy (another detente process is using it): {exc}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError):  # the library's one-line reason for a bad input
        return _error(request, 400, str(exc).splitlines()[0] if str(exc) else "invalid input")

    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def bad_input(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'input'}: {e['msg']}" for e in exc.errors())
        return _error(request, 422, problems or "invalid input")

    return app


def _error(request: Request, status: int, message: str):
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"detail": message}, status_code=status)
    return render(request, "error.html", status_code=status, title=f"Error {status}", status=status, message=message)
