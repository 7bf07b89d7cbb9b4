"""Actor pages: the listed actors, one actor with its offices, spellings and events, the queue of actors
nobody listed (accept with a code, or reject), the joins of name variants, and recoding."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from ..actors import ActorDictionary, ActorDictionaryError, fold_name
from ..store import Store
from ..unknown import (_actor_files, add_actor, default_actors_file, drop_alias, joins, reject_name, rejected_names,
                       survey, unjoin)
from .pages import open_store, render
from .jobs import start_recode

router = APIRouter(include_in_schema=False)


def dictionary(db: str) -> ActorDictionary:
    return ActorDictionary.load(_actor_files(default_actors_file(db)))


def listed(db: str) -> list[dict]:
    d = dictionary(db)
    out = []
    for key, entry in sorted(d.actors.items(), key=lambda kv: kv[1]["name"]):
        role = d.role_on(key) or {}
        out.append({"key": key, "name": entry["name"], "type": entry.get("type"), "code": role.get("code"),
                    "sector": role.get("sector"), "title": role.get("title") or ""})
    return out


@router.get("/actors")
def actors_page(request: Request, q: str = ""):
    rows = listed(request.app.state.db)
    if q:
        rows = [r for r in rows if q.lower() in (r["name"] + " " + r["key"]).lower()]
    return render(request, "actors.html", title="Actors", rows=rows, q=q)


def actor_events(store: Store, key: str):
    ids = [r[0] for r in store.con.execute(
        "SELECT DISTINCT event_id FROM mentions WHERE event_id IS NOT NULL AND (list_contains("
        "json_extract_string(record, '$.actor[*].actor_id'), ?) OR list_contains("
        "json_extract_string(record, '$.recipient[*].actor_id'), ?))", [key, key]).fetchall()]
    if not ids:
        return []
    return store._corrected(store._events("id IN (SELECT unnest(?))", [ids]))


@router.get("/actors/{key}")
def actor_page(request: Request, key: str, store: Store = Depends(open_store)):
    d = dictionary(request.app.state.db)
    entry = d.actors.get(key)
    if entry is None:
        raise HTTPException(404, f"no actor {key!r} in the dictionary")
    variants = sorted(name for name, k in d.joins.items() if k == key)
    return render(request, "actor.html", title=entry["name"], key=key, entry=entry, source=d.sources.get(key, ""),
                  variants=variants, events=actor_events(store, key))


@router.get("/unknown")
def unknown_page(request: Request, msg: str | None = None, show_rejected: bool = False):
    db = request.app.state.db
    rejected = rejected_names(db)
    try:
        found = survey(db, include_rejected=True)
    except ActorDictionaryError as e:
        raise HTTPException(400, str(e)) from None
    waiting = store_waiting(db)
    items = [u for u in found.actors + found.phrases if show_rejected or fold_name(u.name) not in rejected]
    return render(request, "unknown.html", title="Unknown actors", items=items, rejected=rejected,
                  listed_since=found.listed_since, waiting=waiting, msg=msg, show_rejected=show_rejected,
                  fold=fold_name, sectors=sorted(dictionary(db).sectors))


def store_waiting(db: str) -> int:
    with Store(db) as s:
        return len(s.waiting_documents())


def _to(path: str, msg: str) -> RedirectResponse:
    return RedirectResponse(f"{path}?{urlencode({'msg': msg})}", status_code=303)


@router.post("/unknown/accept")
def accept(request: Request, name: str = Form(...), code: str = Form(...), sector: str = Form(...),
           title: str = Form(""), kind: str = Form("person")):
    db = request.app.state.db
    try:
        ident = add_actor(name, code.strip().upper(), sector.strip().upper(), title or None, default_actors_file(db),
                          kind=kind)
    except (ActorDictionaryError, ValueError) as e:
        return _to("/unknown", f"not added: {e}")
    return _to("/unknown", f"added {ident} ({name}, {code.upper()} {sector.upper()}) to detente-actors.yaml; "
                           "recode the waiting articles to apply it")


@router.post("/unknown/reject")
def reject(request: Request, name: str = Form(...), who: str = Form(""), undo: bool = Form(False)):
    reject_name(request.app.state.db, name, who, undo=undo)
    if undo:
        return _to("/unknown", f"{name} is back in the queue")
    return _to("/unknown", f"rejected {name}: not an actor to list (undo it from 'show rejected')")


@router.get("/joins")
def joins_page(request: Request, msg: str | None = None, all: bool = False):
    db = request.app.state.db
    try:
        found = joins(db, default_actors_file(db), include_rejected=all)
    except ActorDictionaryError as e:
        raise HTTPException(400, str(e)) from None
    d = dictionary(db)
    aliases = [{"key": k, "name": e["name"], "aliases": e.get("aliases") or [], "source": d.sources.get(k, "")}
               for k, e in sorted(d.actors.items()) if e.get("aliases")]
    return render(request, "joins.html", title="Name joins", found=found, aliases=aliases, msg=msg, all=all)


@router.post("/joins/undo")
def undo_join(request: Request, name: str = Form(...), actor: str = Form("")):
    db = request.app.state.db
    try:
        undone = unjoin(name, db, default_actors_file(db), actor or None)
    except ActorDictionaryError as e:
        return _to("/joins", f"not undone: {e}")
    return _to("/joins", f"{name} no longer joined to {', '.join(undone)}; recode to apply it")


@router.post("/joins/alias")
def undo_alias(request: Request, alias: str = Form(...), actor: str = Form(...)):
    db = request.app.state.db
    try:
        key = drop_alias(alias, actor, default_actors_file(db))
    except ActorDictionaryError as e:
        return _to("/joins", f"not undone: {e}")
    return _to("/joins", f"{alias} is no longer a spelling of {key} (in detente-actors.yaml); recode to apply it")


@router.post("/recode")
def recode(request: Request, waiting: bool = Form(False)):
    job = start_recode(request.app, waiting)
    return RedirectResponse(f"/jobs/{job}", status_code=303)
