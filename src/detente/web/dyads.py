"""Dyad pages: every pair of countries, and for one pair its ledger, trend chart and report."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from ..api import parse_dyad
from ..report import chart_of, context, render_html, render_markdown
from ..trend import dyads, trend
from ..ledger import ledger
from .pages import render

router = APIRouter(include_in_schema=False)
PERIODS = ("week", "month", "year")


def pair_of(dyad: str) -> str:
    try:
        a, b = parse_dyad(dyad)
    except ValueError as e:
        raise HTTPException(400, str(e)) from None
    return f"{a}-{b}"


@router.get("/dyads")
def dyads_page(request: Request):
    return render(request, "dyads.html", title="Dyads", rows=dyads(request.app.state.db))


@router.get("/dyads/{dyad}")
def dyad_page(request: Request, dyad: str, by: str = Query("month", pattern="^(week|month|year)$")):
    label = pair_of(dyad)
    db = request.app.state.db
    rows = trend(db, dyad=label, by=by)
    return render(request, "dyad.html", title=f"Dyad {label}", dyad=label, by=by, periods=PERIODS,
                  ledger=ledger(db, label), trend=rows, chart=chart_of(list(rows)))


@router.get("/dyads/{dyad}/report")
def dyad_report(request: Request, dyad: str, format: str = Query("html", pattern="^(html|md)$"),
                download: bool = False):
    label = pair_of(dyad)
    ctx = context(request.app.state.db, label)
    if format == "md":
        body, kind = render_markdown(ctx), "text/markdown; charset=utf-8"
    else:
        body, kind = render_html(ctx), "text/html; charset=utf-8"
    headers = {"Content-Disposition": f'attachment; filename="detente-{label}.{format}"'} if download else {}
    # the report is a page of its own: it keeps its inline style, and no script runs in it
    headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return Response(body, media_type=kind, headers=headers)
