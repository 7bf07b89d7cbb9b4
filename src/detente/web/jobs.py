"""Background jobs of the server (ingest of uploads, recode), one at a time, with progress for their page.

A job runs in a thread of this process: the store allows one writing process, and this one is it.
"""
from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field

LOCK = threading.Lock()  # one job at a time writes the store


@dataclass
class Job:
    id: str
    kind: str  # ingest | recode
    total: int | None = None
    done: int = 0
    current: str = ""
    status: str = "running"  # running | done | failed
    lines: list[str] = field(default_factory=list)  # one line per skipped or failed input
    summary: str = ""
    started: float = field(default_factory=time.time)


def _run(app, job: Job, work) -> None:
    def on_item(name: str, status: str) -> None:
        job.done += 1
        job.current = f"{status}: {name}"

    with LOCK:
        try:
            job.summary = work(on_item)
            job.status = "done"
        except Exception as e:  # shown on the job's page, as the CLI prints it
            job.status = "failed"
            job.summary = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"


def start(app, kind: str, work, total: int | None = None) -> str:
    job = Job(uuid.uuid4().hex[:12], kind, total)
    app.state.jobs[job.id] = job
    threading.Thread(target=_run, args=(app, job, lambda cb: work(job, cb)), daemon=True).start()
    return job.id


def start_recode(app, waiting: bool) -> str:
    from ..api import recode

    def work(job: Job, on_item) -> str:
        r = recode(app.state.db, only_waiting=waiting, on_item=on_item)
        job.lines += [str(f) for f in r.failed]
        return (f"{len(r.recoded)} article(s) recoded, {len(r.failed)} failed; events: {r.events_created} created, "
                f"{r.events_changed} changed, {r.events_deleted} deleted; mentions waiting for the dictionary: "
                f"{r.waiting_before} -> {r.waiting_after} ({r.seconds:.1f} s)")

    return start(app, "recode" + (" (waiting articles)" if waiting else ""), work)


def start_ingest(app, paths: list[str], total: int, skipped: list[str], published=None, outlet=None) -> str:
    from ..api import ingest

    def work(job: Job, on_item) -> str:
        job.lines += skipped
        r = ingest(paths, app.state.db, published=published, outlet=outlet, on_item=on_item)
        job.lines += [str(s) for s in r.skipped]
        return (f"{len(r.added)} added, {len(r.unchanged)} unchanged, {len(r.skipped) + len(skipped)} skipped; "
                f"{r.mentions} event mentions, {r.events_touched} events updated ({r.seconds:.1f} s)")

    return start(app, "ingest", work, total)
