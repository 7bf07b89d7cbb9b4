"""`detente serve`: the analyst's workspace in a browser (see `detente.web`)."""
from __future__ import annotations

import os
from typing import Optional

import typer

from detente.cli import DB, _fail, app, err


@app.command()
def serve(host: str = typer.Option("127.0.0.1", help="Address to listen on (another than this machine's needs a token)."),
          port: int = typer.Option(8000, help="Port to listen on."),
          token: Optional[str] = typer.Option(None, "--token", envvar="DETENTE_TOKEN",
                                              help="Access token every request must carry (or DETENTE_TOKEN)."),
          db: str = DB) -> None:
    """Serve the timeline, events with their evidence, dyads, actors, sources and corrections on a local web page,
    with a JSON API under /api/."""
    import uvicorn

    from detente.web import create_app
    from detente.web.security import needs_token

    if needs_token(host) and not token:
        _fail(f"listening on {host} lets other machines in: give an access token with --token or DETENTE_TOKEN")
    if token and len(token) < 12:
        _fail("the token is too short to guess hard: use 12 characters or more")
    try:
        application = create_app(db, token=token)
    except FileNotFoundError as e:
        _fail(str(e))
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    err.print(f"detente workspace on http://{shown}:{port}/ over {os.path.abspath(db)}"
              + (" (open it once with ?token=... )" if token else "") + "; Ctrl-C stops it", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")
