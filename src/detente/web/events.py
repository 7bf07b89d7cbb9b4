"""Pages of events: the timeline, one event with its evidence and edit form, and the corrections."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse

from .. import corrections as fix
from .. import views
from ..api import parse_dyad
from ..store import Store
from .pages import open_store, parse_day, render
from .queries import SORTS, Filters, event_types, review_reasons, timeline_page

router = APIRouter(include_in_schema=False)
PER_PAGE = 50


def filters_of(dyad, since, until, event, min_confidence, max_confidence, review, corrected, rejected) -> Filters:
    try:
        pair = parse_dyad(dyad) if dyad else None
    except ValueError as e:
        raise HTTPException(400, str(e)) from None
    return Filters(pair, parse_day(since, "since"), parse_day(until, "until"), (event or "").upper() or None,
                   min_confidence, max_confidence, bool(review), bool(corrected), bool(rejected))


@router.get("/")
def timeline(request: Request, dyad: str | None = None, since: str | None = None, until: str | None = None,
             event: str | None = None, min_confidence: str | None = None, max_confidence: str | None = None,
             review: bool = False, corrected: bool = False, rejected: bool = False, sort: str = "date",
             page: int = Query(1, ge=1, le=10**6), msg: str | None = None, store: Store = Depends(open_store)):
    """The filter form sends empty fields as empty strings: they mean no filter."""
    min_confidence, max_confidence = _share(min_confidence, "min_confidence"), _share(max_confidence, "max_confidence")
    f = filters_of(dyad, since, until, event, min_confidence, max_confidence, review, corrected, rejected)
    sort = sort if sort in SORTS else "date"
    rows, total = timeline_page(store, f, sort, page, PER_PAGE)
    pages = max(1, -(-total // PER_PAGE))
    query = {"dyad": dyad, "since": since, "until": until, "event": f.event, "min_confidence": min_confidence,
             "max_confidence": max_confidence, "review": review, "corrected": corrected, "rejected": rejected}
    return render(request, "timeline.html", title="Timeline", rows=rows, total=total, page=page, pages=pages,
                  sort=sort, query=query, types=event_types(store), msg=msg)


def _share(value: str | None, name: str) -> float | None:
    if not value:
        return None
    try:
        x = float(value)
    except ValueError:
        raise HTTPException(400, f"{name} must be a number from 0 to 1, not {value!r}") from None
    if not 0 <= x <= 1:
        raise HTTPException(400, f"{name} must be a number from 0 to 1, not {value!r}")
    return x


def _back(event_id: str, msg: str = "") -> RedirectResponse:
    return RedirectResponse(f"/events/{event_id}" + (f"?{urlencode({'msg': msg})}" if msg else ""), status_code=303)


def event_or_404(store: Store, event_id: str):
    e = store.event(event_id)
    if e is None:
        raise HTTPException(404, f"no event {event_id!r} (recoding may have replaced it; see the timeline)")
    return e


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: str, msg: str | None = None, store: Store = Depends(open_store)):
    e = event_or_404(store, event_id)
    docs = {m.doc_id: store.document(m.doc_id) for m in e.mentions}
    info = views.explain(e, docs)
    history = fix.for_event(store, e)
    return render(request, "event.html", title=f"Event {e.id}", e=e, info=info, docs=docs,
                  record=views.event_record(e), history=history, conflicts=views.event_conflicts(e),
                  review=review_reasons(e, docs), types=fix.plover_types(), modes=fix.plover_modes(),
                  rejected=fix.not_an_event(e), msg=msg)


@router.post("/events/{event_id}/correct")
def correct(request: Request, event_id: str, event: str = Form(""), mode: str = Form(""), actor: str = Form(""),
            recipient: str = Form(""), date_start: str = Form(""), date_end: str = Form(""),
            quantity: str = Form(""), note: str = Form(""), who: str = Form(""),
            store: Store = Depends(open_store)):
    """The edit form: one correction per field that differs from the event as shown."""
    e = event_or_404(store, event_id)
    store.close()  # corrections open their own connection
    now = fix.coding(e)
    wanted = []
    if event and event.upper() != e.event:
        wanted.append(("type", f"{event} {mode}".strip()))
    elif (mode or None) != e.mode:
        wanted.append(("mode", mode))
    if actor.strip() and fix.parse_refs_safe(actor) != [{"code": r["code"], "sector": r["sector"]} for r in now["actor"]]:
        wanted.append(("actor", actor))
    if fix.parse_refs_safe(recipient) != [{"code": r["code"], "sector": r["sector"]} for r in now["recipient"]]:
        wanted.append(("recipient", recipient))
    if date_start and (date_start, date_end or date_start) != (now["date_start"], now["date_end"]):
        wanted.append(("date", [date_start, date_end or date_start]))
    old_q = now["quantity"]
    if quantity.strip() != ("" if old_q is None else f"{old_q:g}"):
        wanted.append(("quantity", quantity))
    if note.strip():
        wanted.append(("note", note.strip()))
    done = []
    for kind, value in wanted:
        try:
            c = fix.correct(request.app.state.db, e.id, kind, value, note=value if kind == "note" else None, who=who)
        except (ValueError, KeyError) as err:
            return _back(e.id, f"not saved: {str(err).strip(chr(39))}" + (f" (saved: {', '.join(done)})" if done else ""))
        done.append(fix.describe(c))
    return _back(e.id, "saved: " + "; ".join(done) if done else "nothing changed")


@router.post("/events/{event_id}/not-event")
def not_event(request: Request, event_id: str, who: str = Form(""), note: str = Form("")):
    c = _try(lambda: fix.correct(request.app.state.db, event_id, "not_event", note=note or None, who=who))
    return RedirectResponse(f"/?{urlencode({'msg': f'{event_id}: ' + fix.describe(c) + ' (show it with: not events)'})}",
                            status_code=303)


@router.post("/events/{event_id}/split")
def split(request: Request, event_id: str, mention: list[str] = Form([]), who: str = Form("")):
    c = _try(lambda: fix.correct(request.app.state.db, event_id, "split", mentions=mention, who=who))
    return _back(event_id, fix.describe(c))


@router.post("/events/{event_id}/merge")
def merge(request: Request, event_id: str, other: str = Form(...), who: str = Form("")):
    c = _try(lambda: fix.correct(request.app.state.db, event_id, "merge", other_event=other.strip(), who=who))
    return _back(event_id, fix.describe(c))


def _try(action):
    try:
        return action()
    except KeyError as e:
        raise HTTPException(404, str(e).strip("'\"")) from None
    except ValueError as e:
        raise HTTPException(400, str(e)) from None


def _next(url: str) -> str:
    """A local path to go back to (never another site: no scheme, no //host)."""
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else "/corrections"


@router.get("/corrections")
def corrections_page(request: Request, msg: str | None = None):
    found = fix.corrections(request.app.state.db)
    return render(request, "corrections.html", title="Corrections", found=list(reversed(found)), msg=msg)


@router.post("/corrections/{cid}/undo")
def undo(request: Request, cid: int, who: str = Form(""), next: str = Form("/corrections")):
    c = _try(lambda: fix.undo(request.app.state.db, cid, who))
    sep = "&" if "?" in _next(next) else "?"
    return RedirectResponse(_next(next) + sep + urlencode({"msg": f"undone: {fix.describe(c)}"}), status_code=303)


@router.post("/corrections/{cid}/dictionary")
def to_dictionary(request: Request, cid: int):
    ids = _try(lambda: fix.apply_to_dictionary(request.app.state.db, cid))
    return RedirectResponse("/corrections?" + urlencode(
        {"msg": f"added {', '.join(ids)} to detente-actors.yaml; recode to apply it to the stored articles"}),
        status_code=303)


@router.get("/corrections/{cid}/pattern")
def pattern_page(request: Request, cid: int):
    text = _try(lambda: fix.suggested_pattern(request.app.state.db, cid))
    return render(request, "pattern.html", title="Suggested pattern", cid=cid, text=text)


@router.post("/corrections/{cid}/pattern")
def save_pattern(request: Request, cid: int, text: str = Form(...)):
    path = _try(lambda: fix.save_pattern(request.app.state.db, text))
    return RedirectResponse("/corrections?" + urlencode(
        {"msg": f"saved to {path.name}; recode to apply it to the stored articles"}), status_code=303)
