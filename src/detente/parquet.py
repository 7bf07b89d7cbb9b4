"""Exports as Parquet, with typed columns: DuckDB reads the JSON Lines records against an explicit column
list (dates as DATE, actors as lists of structs) and writes Parquet. No pyarrow needed."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Iterable

import duckdb

from .model import to_jsonable

ENTITY = "STRUCT(code VARCHAR, sector VARCHAR, entity_text VARCHAR)[]"
EVIDENCE = ("STRUCT(doc VARCHAR, doc_id VARCHAR, text VARCHAR, sentence_index INTEGER, \"start\" INTEGER, "
            "\"end\" INTEGER, \"trigger\" VARCHAR, trigger_start INTEGER, trigger_end INTEGER, rule VARCHAR, "
            "date_text VARCHAR, date_how VARCHAR, confidence DOUBLE, mention_id VARCHAR)[]")

EVENT_COLUMNS = {
    "id": "VARCHAR", "has_event": "BOOLEAN", "date": "DATE", "enddate": "DATE", "actor": ENTITY,
    "recipient": ENTITY, "event": "VARCHAR[]", "mode": "VARCHAR[]", "context": "VARCHAR[]",
    "event_text": "VARCHAR[]", "quad_code": "TINYINT", "event_scale": "DOUBLE", "text": "VARCHAR",
    "text_info": "STRUCT(sequence INTEGER, \"start\" INTEGER, \"end\" INTEGER)",
    "cite_info": "STRUCT(coder VARCHAR, codebook VARCHAR, version VARCHAR, url VARCHAR, title VARCHAR, "
                 "publication VARCHAR, language VARCHAR)",
    "size": "STRUCT(dead INTEGER, injured INTEGER, arrested INTEGER)", "coder": "VARCHAR", "coded_date": "DATE",
    "cameo": "VARCHAR", "goldstein": "DOUBLE", "quantity": "STRUCT(value DOUBLE, unit VARCHAR)",
    "confidence": "DOUBLE", "num_sources": "INTEGER", "num_articles": "INTEGER", "num_mentions": "INTEGER",
    "conflicts": "JSON", "evidence": EVIDENCE,
}

MENTION_COLUMNS = {
    "mention_id": "VARCHAR", "event_id": "VARCHAR", "doc": "VARCHAR", "doc_id": "VARCHAR", "date": "DATE",
    "enddate": "DATE", "event": "VARCHAR", "mode": "VARCHAR", "cameo": "VARCHAR", "goldstein": "DOUBLE",
    "actor": ENTITY, "recipient": ENTITY, "quantity": "DOUBLE", "sentence": "VARCHAR",
    "sentence_index": "INTEGER", "trigger": "VARCHAR", "trigger_start": "INTEGER", "trigger_end": "INTEGER",
    "rule": "VARCHAR", "confidence": "DOUBLE", "date_text": "VARCHAR", "date_how": "VARCHAR",
}


def write_parquet(rows: Iterable[dict], path: str | Path, columns: dict[str, str]) -> int:
    """Write the rows to `path` as Parquet with the given DuckDB column types; the number written."""
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "rows.jsonl"
        with open(src, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(to_jsonable({k: r.get(k) for k in columns}), ensure_ascii=False) + "\n")
                n += 1
        spec = "{" + ", ".join(f"'{k}': '{v}'" for k, v in columns.items()) + "}"
        con = duckdb.connect()
        try:
            if n:
                con.execute(f"COPY (SELECT * FROM read_json(?, format='newline_delimited', columns={spec})) "
                            f"TO '{_sql_path(path)}' (FORMAT parquet)", [str(src)])
            else:  # an empty export still has the columns
                cols = ", ".join(f'NULL::{v} AS "{k}"' for k, v in columns.items())
                con.execute(f"COPY (SELECT {cols} LIMIT 0) TO '{_sql_path(path)}' (FORMAT parquet)")
        finally:
            con.close()
    return n


def _sql_path(path: str | Path) -> str:
    """COPY ... TO takes no parameter: the path goes in as a quoted literal."""
    return str(path).replace("'", "''")
