"""Where the per-document stages run: this process, N worker processes, or a Dask cluster.

Parsing, coding and dating a document need no store (`pipeline.code_document`), so they can run
anywhere; merging and storing need the whole store and stay in the one process that writes it. Every
executor here takes a stream of documents and yields their results in input order, so the store comes
out the same whichever ran them. Memory stays bounded: documents are read only as batches are handed
out, and at most a window of batches is in flight (sent, or done and waiting for an earlier one).
"""
from __future__ import annotations

import itertools
import os
from collections import deque
from typing import Callable, Iterable, Iterator

from .model import Document

BATCH = 32  # documents per task: spaCy parses a batch faster than its documents one by one (pipeline.PARSE_BATCH)
SMALL = 48  # fewer documents than this are coded in this process: a pool takes seconds to start
WINDOW = 4  # batches in flight per worker: enough that no worker waits for the next, few enough to stay small
ENGINES = ("local", "dask")


def default_workers() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def coded(docs: Iterable[Document], task: Callable[[list], list], *, stream: Callable[[Iterator], Iterator],
          warm: Callable[[], None], workers: int | None = 1, engine: str = "local", scheduler=None,
          shards: str | None = None) -> Iterator:
    """`task`'s results over `docs`, in input order. `task` codes a batch of documents where it runs (it
    and `warm`, which loads what it needs once per worker, must be picklable: module-level functions and
    partials of them); `stream` codes a stream of them in this process. With `shards` (a folder), a
    task gets (shard path, partition) and writes the partition there."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} ({' or '.join(ENGINES)})")
    if scheduler and engine != "dask":
        raise ValueError("--scheduler needs --engine dask")
    workers = workers or default_workers()
    if workers < 1:
        raise ValueError(f"--workers must be at least 1, not {workers}")
    docs = iter(docs)
    if engine == "local" and workers > 1:
        head = list(itertools.islice(docs, SMALL))
        if len(head) < SMALL:
            workers = 1
        docs = itertools.chain(head, docs)
    if shards is not None:
        from .shards import PARTITION, Partitions

        batches: Iterator = map(Partitions(shards).name, _batches(docs, PARTITION))
    else:
        batches = _batches(docs, BATCH)
    if engine == "dask":
        return _dask(batches, task, warm, scheduler, workers)
    if workers > 1:
        return _processes(batches, task, warm, workers)
    if shards is None:  # parsing in a thread beside coding: the fastest use of one process
        return stream(docs)
    return itertools.chain.from_iterable(map(task, batches))


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _processes(batches: Iterator, task: Callable, warm: Callable, workers: int) -> Iterator:
    """Batches on a pool of worker processes. Results are taken oldest first, so they come in input order;
    a new batch is sent only when fewer than the window are out."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn: a fork would copy this process's DuckDB and parsing threads mid-flight
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(warm, os.getpid()))
    pending: deque = deque()
    try:
        for batch in batches:
            pending.append(pool.submit(task, batch))
            if len(pending) >= WINDOW * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(warm: Callable[[], None], parent: int) -> None:
    """A worker process ignores Ctrl-C (this process, which stops the pool, gets it too), ends itself when
    this process dies (a SIGKILL leaves no orphan parsing on, holding the caller's pipes), and loads its models."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent(parent)
    warm()


def _exit_with_parent(parent: int, every: float = 0.5) -> None:
    """A daemon thread that ends this worker once `parent` (the pid that started the pool, passed in: it may
    be dead before this worker even starts) is gone and the worker re-parented. The standard library has no
    portable parent-death signal (Linux's prctl is not exposed), hence this small watch."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="detente-parent-watch").start()


def _dask(batches: Iterator, task: Callable, warm: Callable, scheduler, workers: int) -> Iterator:
    """Batches on a Dask cluster (at `scheduler`, else a LocalCluster of `workers` processes): results stream
    back as they complete and are put back in input order; at most a window of batches is out at a time."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as e:
        raise ValueError("--engine dask needs the dask extra: pip install 'detente[dask]'") from e
    import logging

    from .dask_worker import Preload

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        client.register_plugin(Preload(warm), name="detente-preload")
        window = WINDOW * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        index: dict = {}  # future -> its batch's place in the input
        done: dict[int, list] = {}  # results waiting for an earlier batch
        sent = nxt = 0
        flowing = as_completed()
        for batch in itertools.chain(batches, [None]):
            if batch is not None:
                future = client.submit(task, batch, pure=False)
                index[future] = sent
                flowing.add(future)
                sent += 1
            while nxt < sent and (batch is None or sent - nxt >= window):
                if nxt not in done:
                    future = next(flowing)
                    done[index.pop(future)] = future.result()
                    future.release()
                    continue
                yield from done.pop(nxt)
                nxt += 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
