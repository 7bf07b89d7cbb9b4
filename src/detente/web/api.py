"""The JSON API under /api/, mirroring the Python API, with its OpenAPI schema at /openapi.json (FastAPI's
/docs pages are off: they load their scripts from a CDN, and this server loads nothing from elsewhere)."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from .. import corrections as fix
from .. import views
from ..conflicts import conflicts
from ..ledger import ledger
from ..model import to_jsonable
from ..store import Store
from ..trend import dyads, trend
from .actors import listed
from .pages import open_store
from .dyads import pair_of
from .events import PER_PAGE, event_or_404, filters_of
from .queries import SORTS, timeline_page

router = APIRouter(prefix="/api", tags=["api"])


class EventPage(BaseModel):
    total: int
    page: int
    per_page: int
    events: list[dict[str, Any]]


@router.get("/events", response_model=EventPage)
def events(dyad: str | None = Query(None, max_length=20), since: str | None = Query(None, max_length=10),
           until: str | None = Query(None, max_length=10), event: str | None = Query(None, max_length=20),
           min_confidence: float | None = Query(None, ge=0, le=1), max_confidence: float | None = Query(None, ge=0, le=1),
           review: bool = False, corrected: bool = False, rejected: bool = False,
           sort: Literal[tuple(SORTS)] = "date", page: int = Query(1, ge=1, le=10**6),
           per_page: int = Query(PER_PAGE, ge=1, le=500), store: Store = Depends(open_store)):
    """The timeline (corrected), filtered, sorted and paginated: one row per event."""
    f = filters_of(dyad, since, until, event, min_confidence, max_confidence, review, corrected, rejected)
    rows, total = timeline_page(store, f, sort, page, per_page)
    return {"total": total, "page": page, "per_page": per_page, "events": to_jsonable(rows)}


@router.get("/events/{event_id}")
def event(event_id: str, store: Store = Depends(open_store)) -> dict[str, Any]:
    """One event as exported (PLOVER record with evidence, and the corrections applied)."""
    return views.event_record(event_or_404(store, event_id))


@router.get("/events/{event_id}/explain")
def explain(event_id: str, store: Store = Depends(open_store)) -> dict[str, Any]:
    """What `detente explain` shows: each mention's sentence, rule, actors, modality and date reasoning."""
    e = event_or_404(store, event_id)
    return to_jsonable(views.explain(e, {m.doc_id: store.document(m.doc_id) for m in e.mentions}))


@router.get("/dyads")
def dyad_list(request: Request) -> list[dict[str, Any]]:
    return to_jsonable([r.__dict__ for r in dyads(request.app.state.db)])


@router.get("/ledger")
def ledger_of(request: Request, dyad: str = Query(..., max_length=20)) -> dict[str, Any]:
    """The concession ledger of a dyad: entries, links, exchanges and totals."""
    led = ledger(request.app.state.db, pair_of(dyad))
    return to_jsonable({"dyad": led.dyad, "totals": led.totals, "entries": [e.row() for e in led.entries],
                        "links": [link.row() for link in led.links],
                        "exchanges": [{"summary": x.summary(), "events": [e.id for e in x.entries]} for x in led.exchanges]})


@router.get("/trend")
def trend_of(request: Request, dyad: str | None = Query(None, max_length=20),
             by: Literal["week", "month", "year"] = "month") -> list[dict[str, Any]]:
    return to_jsonable([r.row() for r in trend(request.app.state.db, dyad=pair_of(dyad) if dyad else None, by=by)])


@router.get("/conflicts")
def conflict_list(request: Request, dyad: str | None = Query(None, max_length=20)) -> list[dict[str, Any]]:
    return [c.to_dict() for c in conflicts(request.app.state.db, pair_of(dyad) if dyad else None)]


@router.get("/sources")
def source_list(store: Store = Depends(open_store)) -> list[dict[str, Any]]:
    from ..commands.sources import source_rows

    from ..joins import article_tellings

    return to_jsonable(source_rows(store.documents(), article_tellings(store.con))[0])


@router.get("/actors")
def actor_list(request: Request) -> list[dict[str, Any]]:
    return listed(request.app.state.db)


@router.get("/actors/unknown")
def unknown_list(request: Request) -> list[dict[str, Any]]:
    from ..unknown import survey

    s = survey(request.app.state.db)
    return to_jsonable([{k: v for k, v in u.__dict__.items() if k != "joins"} for u in s.actors + s.phrases])


@router.get("/corrections")
def correction_list(request: Request, include_undone: bool = True) -> list[dict[str, Any]]:
    return [c.to_dict() for c in fix.corrections(request.app.state.db, include_undone)]


class CorrectionIn(BaseModel):
    event_id: str = Field(..., max_length=64)
    kind: Literal[fix.KINDS]
    value: str | float | list[str] | None = Field(None, description="type: 'SANCTION' or 'CONSULT visit'; "
                                                  "actor/recipient: 'USA-GOV, BLR'; date: '2025-06-21..2025-06-23'; "
                                                  "quantity: a number")
    note: str | None = Field(None, max_length=4000)
    who: str | None = Field(None, max_length=80)
    mentions: list[str] = Field([], description="split: the mention ids to split off")
    other_event: str | None = Field(None, max_length=64, description="merge: the event to merge into this one")


@router.post("/corrections", status_code=201)
def add_correction(request: Request, body: CorrectionIn) -> dict[str, Any]:
    """Record a correction of an event (JSON body; a browser form cannot send one from another site)."""
    try:
        c = fix.correct(request.app.state.db, body.event_id, body.kind, body.value, note=body.note, who=body.who,
                        mentions=body.mentions, other_event=body.other_event)
    except KeyError as e:
        raise HTTPException(404, str(e).strip("'\"")) from None
    except (ValueError, TypeError) as e:
        raise HTTPException(400, str(e)) from None
    return c.to_dict()


class UndoIn(BaseModel):
    who: str | None = Field(None, max_length=80)


@router.post("/corrections/{correction_id}/undo")
def undo_correction(request: Request, correction_id: int = PathParam(..., ge=1, le=2**31 - 1),
                    body: UndoIn | None = None) -> dict[str, Any]:
    try:
        return fix.undo(request.app.state.db, correction_id, body.who if body else None).to_dict()
    except KeyError as e:
        raise HTTPException(404, str(e).strip("'\"")) from None
    except ValueError as e:
        raise HTTPException(409, str(e)) from None
