"""`detente serve`: the analyst's workspace, a web application and JSON API over one store.

Pages are rendered on the server (Starlette/FastAPI + Jinja2, autoescaped); the CSS ships in `static/`
and nothing is loaded from elsewhere, so it works offline. `app.create_app` builds it; the routes are
split by page family (`events`, `dyads`, `actors`, `sources`, `api`).
"""
from .app import create_app

__all__ = ["create_app"]
