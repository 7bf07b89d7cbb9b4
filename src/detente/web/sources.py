"""Sources, conflicts, one article, and the upload/ingest form with its progress page."""
from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse

from ..commands.sources import source_rows
from ..conflicts import conflicts
from ..store import Store
from .pages import MAX_UPLOAD, open_store, parse_day, render
from .jobs import start_ingest

router = APIRouter(include_in_schema=False)
UPLOADS = "detente-uploads"  # under the store's folder; nothing is written anywhere else


@router.get("/sources")
def sources_page(request: Request, store: Store = Depends(open_store)):
    from ..joins import article_tellings

    rows, groups = source_rows(store.documents(), article_tellings(store.con))
    return render(request, "sources.html", title="Sources", rows=rows, groups=groups)


@router.get("/documents/{doc_id}")
def document_page(request: Request, doc_id: str, store: Store = Depends(open_store)):
    doc = store.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no article {doc_id!r}")
    return render(request, "document.html", title=doc.title or doc.name, doc=doc,
                  mentions=store.document_mentions(doc_id))


@router.get("/conflicts")
def conflicts_page(request: Request, dyad: str | None = None):
    try:
        found = conflicts(request.app.state.db, dyad or None)
    except ValueError as e:
        raise HTTPException(400, str(e)) from None
    return render(request, "conflicts.html", title="Conflicts", found=found, dyad=dyad or "")


@router.get("/ingest")
def ingest_form(request: Request):
    return render(request, "ingest.html", title="Add articles", limit_mb=MAX_UPLOAD // (1024 * 1024))


def safe_name(name: str | None) -> str:
    """A file name that stays in its folder: the last part only, plain characters, no leading dot."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", Path((name or "").replace("\\", "/")).name).lstrip("._")
    return base[:120] or "upload"


def _check_manifest(path: Path, folder: Path) -> list[str]:
    """An uploaded manifest may only name files uploaded with it: a record whose `path` leads elsewhere is
    dropped with a one-line reason (the server never reads a file the analyst did not send)."""
    kept, skipped = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        try:
            rec = json.loads(line) if line.strip() else None
        except json.JSONDecodeError:
            kept.append(line)  # the ingester reports a malformed line itself
            continue
        if isinstance(rec, dict) and rec.get("path") is not None:
            target = (folder / str(rec["path"])).resolve()
            if folder.resolve() not in target.parents or not target.is_file():
                skipped.append(f"{path.name}:{n}: path {str(rec['path'])[:80]!r} is not a file uploaded with the manifest")
                continue
        kept.append(line)
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return skipped


@router.post("/ingest")
async def ingest_upload(request: Request, files: list[UploadFile] = File([]), manifest: UploadFile | None = File(None),
                        published: str = Form(""), outlet: str = Form("")):
    day = parse_day(published, "published")
    if int(request.headers.get("content-length") or 0) > MAX_UPLOAD:
        raise HTTPException(413, f"upload too large (limit {MAX_UPLOAD // (1024 * 1024)} MB)")
    sent = [f for f in files if f.filename] + ([manifest] if manifest is not None and manifest.filename else [])
    if not sent:
        raise HTTPException(400, "choose some files or a manifest to upload")
    folder = (request.app.state.folder / UPLOADS / uuid.uuid4().hex[:12]).resolve()
    if request.app.state.folder not in folder.parents:
        raise HTTPException(400, "bad upload folder")
    folder.mkdir(parents=True)
    total, paths, used = 0, [], set()
    for f in sent:
        name = safe_name(f.filename)
        while name in used:
            name = "_" + name
        used.add(name)
        target = folder / name
        with open(target, "wb") as out:
            while chunk := await f.read(1 << 16):
                total += len(chunk)
                if total > MAX_UPLOAD:
                    out.close()
                    for p in folder.iterdir():
                        p.unlink()
                    folder.rmdir()
                    raise HTTPException(413, f"upload too large (limit {MAX_UPLOAD // (1024 * 1024)} MB)")
                out.write(chunk)
        paths.append(target)
    skipped = []
    if manifest is not None and manifest.filename:
        man = paths[-1]
        if man.suffix.lower() not in (".jsonl", ".ndjson"):
            man = man.rename(man.with_suffix(".jsonl"))
            paths[-1] = man
        skipped = _check_manifest(man, folder)
        named = set()
        for line in man.read_text(encoding="utf-8").splitlines():
            try:
                rec = json.loads(line)
                if isinstance(rec, dict) and rec.get("path"):
                    named.add((folder / str(rec["path"])).resolve())
            except json.JSONDecodeError:
                pass
        paths = [p for p in paths if p.resolve() not in named]  # the manifest brings those itself
    # progress counts documents: a manifest brings one per record
    total = sum(sum(1 for line in p.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip())
                if p.suffix.lower() in (".jsonl", ".ndjson") else 1 for p in paths)
    job = start_ingest(request.app, [str(p) for p in paths], total, skipped, published=day,
                       outlet=outlet.strip() or None)
    return RedirectResponse(f"/jobs/{job}", status_code=303)


@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: str):
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r} (jobs are kept while the server runs)")
    return render(request, "job.html", title=f"{job.kind} job", job=job)
