"""Where the per-document stages run: this process, N worker processes, or a Dask cluster.

Parsing, coding and dating a document need no store (`pipeline.code_document`), so they can run
anywhere; merging and storing need the whole store and stay in the one process that writes it. An
`Executor` takes a stream of documents and yields their results in input order, so the store comes out
the same whichever ran them. Memory stays bounded: documents are read only as batches are handed out,
and at most a window of batches is in flight (sent, or done and waiting for an earlier one).

One ingest uses its executor twice (its documents, then the undated ones a stored copy dates again), so
the workers start and load their models once, and the writing process never loads the model at all.
"""
from __future__ import annotations

import itertools
import os
from collections import deque
from typing import Callable, Iterable, Iterator

BATCH = 32  # documents per task: spaCy parses a batch faster than its documents one by one (pipeline.PARSE_BATCH)
BATCH_CHARS = 60_000  # and about this many characters at most: parts of a split 5 MB text are not parsed at once
SMALL = 48  # fewer documents than this are coded in this process: a pool takes seconds to start
WINDOW = 4  # batches in flight per worker: enough that no worker waits for the next, few enough to stay small
ENGINES = ("local", "dask")
WARM_ENV = "DETENTE_FORKSERVER_WARM"  # how the fork server learns what to load (see `forkserver_warm.py`)


def default_workers() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def batches(items: Iterable, size: int = BATCH, chars: int | None = BATCH_CHARS,
            text: Callable = lambda item: item.text) -> Iterator[list]:
    """Items in lists of at most `size`, and (with `chars`) of about that many characters of `text(item)` at
    most: the unit of work of a worker, and of spaCy's parser in one process."""
    batch: list = []
    held = 0
    for item in items:
        batch.append(item)
        held += len(text(item)) if chars is not None else 0
        if len(batch) >= size or (chars is not None and held >= chars):
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


class Executor:
    """Where batches of documents are coded, from the first batch handed out to `close` (a context manager).
    `warm` loads what a task needs, once per worker; it and every task must be picklable (module-level
    functions and partials of them)."""

    def __init__(self, warm: Callable[[], None], workers: int | None = 1, engine: str = "local", scheduler=None):
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r} ({' or '.join(ENGINES)})")
        if scheduler and engine != "dask":
            raise ValueError("--scheduler needs --engine dask")
        workers = workers or default_workers()
        if workers < 1:
            raise ValueError(f"--workers must be at least 1, not {workers}")
        self.warm, self.workers, self.engine, self.scheduler = warm, workers, engine, scheduler
        self._pool = self._client = self._cluster = None
        self._forkserver = False

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def running(self) -> bool:
        """Whether workers were started (the ingest's documents went to them): later work may go there too."""
        return self._pool is not None or self._client is not None

    def coded(self, docs: Iterable, task: Callable[[list], list], *, stream: Callable[[Iterator], Iterator],
              shards: str | None = None) -> Iterator:
        """`task`'s results over `docs`, in input order. `task` codes a batch of documents where it runs;
        `stream` codes a stream of them in this process. With `shards` (a folder), a task gets (shard path,
        partition) and writes the partition there."""
        docs = iter(docs)
        local = self.engine == "local" and self.workers == 1
        if self.engine == "local" and not local and not self.running:
            head = list(itertools.islice(docs, SMALL))
            local = len(head) < SMALL
            docs = itertools.chain(head, docs)
        if shards is not None:
            from .shards import PARTITION, Partitions

            parts: Iterator = map(Partitions(shards).name, batches(docs, PARTITION, None))
        else:
            parts = batches(docs)
        if not local:
            return self.map(task, parts)
        if shards is None:  # parsing in a thread beside coding: the fastest use of one process
            return stream(docs)
        return itertools.chain.from_iterable(map(task, parts))

    def map(self, task: Callable[[list], list], parts: Iterable[list]) -> Iterator:
        """`task` over batches on the workers (started at the first call), the results of each in input order."""
        if self.engine == "dask":
            return _dask_map(self._dask_client(), task, parts)
        return _pool_map(self._process_pool(), task, parts, WINDOW * self.workers)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
        if self._forkserver:
            _stop_forkserver()
            self._forkserver = False

    def _process_pool(self):
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            context, self._forkserver = _context(self.warm)
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker,
                                             initargs=(self.warm,))
        return self._pool

    def _dask_client(self):
        if self._client is None:
            try:
                from distributed import Client, LocalCluster
            except ImportError as e:
                raise ValueError("--engine dask needs the dask extra: pip install 'detente[dask]'") from e
            import logging

            from .dask_worker import Preload

            if self.scheduler:
                self._client = Client(self.scheduler)
            else:
                import dask

                # its workers forked from the fork server too, Dask and the model loaded (Dask's own option)
                context, self._forkserver = _context(self.warm, ("distributed",))
                method = "forkserver" if self._forkserver else "spawn"
                # the workers' statistical profiler samples every thread 100 times a second, for a dashboard
                # this cluster does not have: CPU taken from the parsing
                with dask.config.set({"distributed.worker.multiprocessing-method": method,
                                      "distributed.worker.profile.enabled": False}):
                    self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                                 dashboard_address=None, silence_logs=logging.ERROR)
                self._client = Client(self._cluster)
            self._client.register_plugin(Preload(self.warm), name="detente-preload")
        return self._client


def _pool_map(pool, task: Callable, parts: Iterable[list], window: int) -> Iterator:
    """Batches on a pool of worker processes. Results are taken oldest first, so they come in input order;
    a new batch is sent only when fewer than the window are out. Left early, the batches not started are
    cancelled."""
    pending: deque = deque()
    try:
        for part in parts:
            pending.append(pool.submit(task, part))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def _context(warm: Callable[[], None], preload: tuple[str, ...] = ()):
    """The way worker processes start, and whether it is the fork server. A fork server (Linux) loads the
    model once, before the first worker, and forks every worker from it, model loaded: one load instead of
    one per worker, and the workers share its pages. Elsewhere each worker is spawned and loads its own.
    Never a plain fork of this process: it would copy DuckDB's and the parser's threads mid-flight."""
    import base64
    import multiprocessing
    import pickle

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn"), False
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", *preload, "detente.forkserver_warm"])
    saved = {k: os.environ.get(k) for k in (WARM_ENV, "OPENBLAS_NUM_THREADS")}
    # a worker is one thread: BLAS threads of its own would only compete with the other workers for the cores
    os.environ.update({WARM_ENV: base64.b64encode(pickle.dumps(warm)).decode(), "OPENBLAS_NUM_THREADS": "1"})
    try:
        forkserver.ensure_running()  # started now, so it inherits these two variables
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return context, True


def _stop_forkserver() -> None:
    """Stop the fork server once its pool is shut down: it holds a loaded model, and the next pool may
    need other knowledge files. `_stop` is the standard library's own (Python 3.8 to 3.13); without it the
    server stays until this process ends, which costs memory, not correctness."""
    from multiprocessing import forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if stop is not None:
        stop()


def _start_worker(warm: Callable[[], None]) -> None:
    """A worker process ignores Ctrl-C (this process, which stops the pool, gets it too), ends itself when
    this process dies (a SIGKILL leaves no orphan parsing on, holding the caller's pipes), and loads its
    models (already loaded, when forked from the fork server)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    warm()


def _exit_with_parent() -> None:
    """A daemon thread that ends this worker once the process that started the pool is gone. The standard
    library has no portable parent-death signal (Linux's prctl is not exposed); multiprocessing's parent
    sentinel is a pipe whose other end that process holds (also through a fork server), so it reads as
    ready when that process dies, even before this worker started."""
    import multiprocessing
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="detente-parent-watch").start()


def _dask_map(client, task: Callable, parts: Iterable[list]) -> Iterator:
    """Batches on a Dask cluster: results stream back as they complete and are put back in input order; at
    most a window of batches is out at a time."""
    from distributed import as_completed

    window = WINDOW * max(1, len(client.scheduler_info().get("workers", {})))
    index: dict = {}  # future -> its batch's place in the input
    done: dict[int, list] = {}  # results waiting for an earlier batch
    sent = nxt = 0
    flowing = as_completed()
    try:
        for part in itertools.chain(parts, [None]):
            if part is not None:
                future = client.submit(task, part, pure=False)
                index[future] = sent
                flowing.add(future)
                sent += 1
            while nxt < sent and (part is None or sent - nxt >= window):
                if nxt not in done:
                    future = next(flowing)
                    done[index.pop(future)] = future.result()
                    future.release()
                    continue
                yield from done.pop(nxt)
                nxt += 1
    finally:
        for future in index:
            future.cancel()
