"""Web: how long the workspace's timeline page takes over a store of 100,000 events.

The events are made by SQL in bulk (not by the NLP pipeline, which is benchmarked in bench_speed): 1,000
synthetic documents with 100 one-mention events each, across 20 countries, six event types and five years.
The page is requested through the ASGI app in this process (Starlette's test client): SQL, template and
response, without network; best of 5 after a warm-up. Figures in seconds (ceilings in floors.json).
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

N_EVENTS = 100_000
COUNTRIES = ["USA", "BLR", "RUS", "UKR", "POL", "LTU", "LVA", "DEU", "FRA", "CHN", "TUR", "IRN", "ISR", "EGY",
             "IND", "PAK", "JPN", "KOR", "BRA", "MEX"]


def build(db: Path, n: int = N_EVENTS) -> None:
    from detente.store import Store

    kinds = "['RETREAT', 'CONSULT', 'CONSULT', 'SANCTION', 'ACCUSE', 'AGREE']"
    modes = "['release', 'visit', 'phone', NULL, 'disapprove', NULL]"
    codes = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    with Store(db) as s:
        con = s.con
        con.execute("INSERT INTO documents (id, name, text, published_start, published_end, published_source, words)"
                    " SELECT 'syn' || i, 'syn' || i || '.txt', 'Synthetic report ' || i, DATE '2020-01-01' + (i % 1800)::INT,"
                    " DATE '2020-01-01' + (i % 1800)::INT, CASE WHEN i % 10 = 0 THEN 'inferred' ELSE 'cli' END, 3"
                    f" FROM range({n // 100}) t(i)")
        con.execute(f"""CREATE TEMP TABLE syn AS SELECT i, 'ev-syn' || i AS id, (i * 7) % 6 + 1 AS k,
            {codes}[(i % 20) + 1] AS a, {codes}[((i // 20 + i % 19 + 1) % 20) + 1] AS b,
            DATE '2020-01-01' + ((i * 37) % 1800)::INT AS d, (i % 5) AS w FROM range({n}) t(i)""")
        con.execute(f"""INSERT INTO events SELECT id, {kinds}[k], {modes}[k], '042', 1.0, 1.0,
            json_array(json_object('code', a, 'sector', 'GOV', 'entity_text', a, 'how', 'country')),
            json_array(json_object('code', b, 'sector', 'GOV', 'entity_text', b, 'how', 'country')),
            a, b, d, d + CASE WHEN w = 4 THEN 30 ELSE 0 END, CASE WHEN k = 1 THEN i % 50 + 1 END, NULL,
            0.3 + (i % 7) / 10.0, 1, 1, current_timestamp FROM syn""")
        con.execute(f"""INSERT INTO mentions SELECT 'm' || i, 'syn' || (i // 100), id, {kinds}[k], {modes}[k], d, d,
            json_object('doc_id', 'syn' || (i // 100), 'doc_name', 'syn' || (i // 100) || '.txt', 'sent_index', i % 100,
                        'sentence', 'Synthetic sentence number ' || i || ' about ' || a || ' and ' || b || '.',
                        'sent_start', 0, 'trigger', 'met', 'trigger_start', 0, 'trigger_end', 3, 'event', {kinds}[k],
                        'mode', {modes}[k], 'cameo', '042', 'goldstein', 1.0, 'plover_score', 1.0,
                        'actor', json_array(json_object('code', a, 'sector', 'GOV', 'entity_text', a, 'how', 'country')),
                        'recipient', json_array(json_object('code', b, 'sector', 'GOV', 'entity_text', b, 'how', 'country')),
                        'date_start', d, 'date_end', d, 'rule', 'synthetic', 'confidence', 0.5, 'id', 'm' || i),
            array_to_string(list_sort(list_distinct([a, b])), ',')
            FROM syn""")
        assert s.stats()["events"] == n


def best(client, url: str, repeats: int = 5) -> float:
    client.get(url)  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        r = client.get(url)
        times.append(time.perf_counter() - t0)
        assert r.status_code == 200 and "ev-syn" in r.text, (url, r.status_code)
    return min(times)


def run() -> dict:
    from fastapi.testclient import TestClient

    from detente import corrections
    from detente.store import Store
    from detente.web import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.duckdb"
        t0 = time.perf_counter()
        build(db)
        made = time.perf_counter() - t0
        # a few corrections, so the page pays for applying them as it would in use
        for i in (5, 500, 50_000):
            corrections.correct(str(db), f"ev-syn{i}", "type", "AGREE")
        try:
            with TestClient(create_app(str(db)), base_url="http://127.0.0.1") as client:
                figures = {"events": N_EVENTS,
                           "timeline_seconds": round(best(client, "/"), 3),
                           "timeline_last_page_seconds": round(best(client, "/?sort=-date&page=2000"), 3),
                           "timeline_filtered_seconds": round(best(client, "/?dyad=USA-BLR&event=CONSULT&review=true"), 3),
                           "event_page_seconds": round(best(client, "/events/ev-syn500"), 3)}
        finally:
            Store.ALWAYS_WRITABLE = False
    print(f"{N_EVENTS} synthetic events stored in {made:.1f} s")
    for k, v in figures.items():
        print(f"  {k:32} {v}")
    return figures


if __name__ == "__main__":
    run()
