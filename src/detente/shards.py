"""Shards: coded documents written as Parquet files, one per partition, merged into a store later.

`detente ingest --shards DIR` codes each partition of the input where it runs (a worker process or a
Dask worker) and writes it to DIR as one Parquet file; nothing needs a store or a client held open while
the cluster works. `detente load DIR` then merges the shards into a store on one machine, in the order
they were written, exactly as `detente ingest` would have. DuckDB writes and reads the Parquet, so no
other library is needed; a shard is one row per document, its coded mentions a list of JSON records
(the store's `mentions.record`), so `SELECT unnest(mentions) FROM 'DIR/*.parquet'` reads them all.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import duckdb

from .model import CodedDocument, Document, IngestError, to_jsonable
from .store import mention_from_record

PARTITION = 256  # documents per shard: large enough for few files, small enough to hold one in memory
FIELDS = ("id", "name", "text", "path", "title", "outlet", "url", "language", "published_start",
          "published_end", "published_source", "published_note")  # the order of `Document`'s fields
SCHEMA = ("seq INTEGER, id VARCHAR, name VARCHAR, text VARCHAR, path VARCHAR, title VARCHAR, outlet VARCHAR,"
          " url VARCHAR, language VARCHAR, published_start DATE, published_end DATE, published_source VARCHAR,"
          " published_note VARCHAR, mentions VARCHAR[]")


@dataclass
class Sharded:
    """A document coded into a shard (what the ingest report counts of it)."""

    name: str
    mentions: int
    words: int


class Partitions:
    """Names the shard of each partition a run hands out: names sort in the order they were handed out."""

    def __init__(self, folder: str):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.run = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        self.count = 0

    def name(self, docs: list[Document]) -> tuple[str, list[Document]]:
        self.count += 1
        return str(self.folder / f"{self.run}-{self.count:06d}.parquet"), docs


def write_shard(path: str, results: list[CodedDocument | IngestError]) -> list[Sharded | IngestError]:
    """Write one partition's coded documents to its shard (via a temporary file: a shard is whole or absent)."""
    rows = [[i, *(getattr(r.doc, f) for f in FIELDS), [json.dumps(to_jsonable(m)) for m in r.mentions]]
            for i, r in enumerate(results) if isinstance(r, CodedDocument)]
    if rows:
        tmp = path + ".part"
        con = duckdb.connect()
        try:
            con.execute(f"CREATE TABLE shard ({SCHEMA})")
            con.executemany(f"INSERT INTO shard VALUES ({', '.join('?' * len(rows[0]))})", rows)
            con.execute(f"COPY shard TO '{_quoted(tmp)}' (FORMAT PARQUET)")
        finally:
            con.close()
        os.replace(tmp, path)
    return [Sharded(r.doc.name, len(r.mentions), len(r.doc.text.split())) if isinstance(r, CodedDocument) else r
            for r in results]


def _quoted(path: str) -> str:
    """A path inside a SQL string literal (COPY takes no parameters)."""
    return path.replace("'", "''")


def shard_files(folder: str) -> list[Path]:
    if not Path(folder).is_dir():
        raise ValueError(f"{folder}: no such folder")
    return sorted(Path(folder).glob("*.parquet"))


def read_shards(folder: str, chunk: int = 64) -> Iterator[CodedDocument]:
    """The coded documents of every shard in `folder`, shard by shard in name order, a few at a time."""
    for path in shard_files(folder):
        con = duckdb.connect()
        try:
            cur = con.execute(f"SELECT {', '.join(FIELDS)}, mentions FROM read_parquet(?) ORDER BY seq", [str(path)])
            while rows := cur.fetchmany(chunk):
                for *fields, mentions in rows:
                    doc = Document(*fields)
                    yield CodedDocument(doc, [mention_from_record(json.loads(m)) for m in mentions or []])
        finally:
            con.close()

