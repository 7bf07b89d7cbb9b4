"""Scale: worker processes, a Dask cluster and Parquet shards store exactly what one process stores."""
import datetime as dt

import pytest

import detente
from detente import executors
from detente.store import Store


def snapshot(db) -> dict:
    """Every stored row but the time stamps, in a fixed order: two stores are equal when these are."""
    with Store(db, read_only=True) as s:
        return {
            "documents": s.con.execute(
                "SELECT * EXCLUDE (ingested_at) FROM documents ORDER BY id").fetchall(),
            "mentions": s.con.execute("SELECT * FROM mentions ORDER BY id").fetchall(),
            "events": s.con.execute("SELECT * EXCLUDE (updated_at) FROM events ORDER BY id").fetchall(),
            "copy_bands": s.con.execute("SELECT * FROM copy_bands ORDER BY doc_id, band").fetchall(),
        }


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    db = tmp_path_factory.mktemp("single") / "one.duckdb"
    report = detente.ingest([str(detente.demo_corpus())], str(db), workers=1)
    assert len(report.added) == 8 and report.mentions > 20
    return snapshot(db)


def assert_same(got: dict, want: dict) -> None:
    for table in want:
        assert len(got[table]) == len(want[table]), table
        for a, b in zip(got[table], want[table]):  # event by event, mention by mention
            assert a == b, table


def test_two_worker_processes_store_what_one_process_stores(single, tmp_path, monkeypatch):
    monkeypatch.setattr(executors, "SMALL", 0)  # a pool even for the eight demo articles
    monkeypatch.setattr(executors, "BATCH", 3)  # several batches, so their order is at stake
    db = tmp_path / "two.duckdb"
    report = detente.ingest([str(detente.demo_corpus())], str(db), workers=2)
    assert len(report.added) == 8 and not report.skipped
    assert_same(snapshot(db), single)


def test_a_dask_local_cluster_stores_what_one_process_stores(single, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(executors, "BATCH", 3)
    db = tmp_path / "dask.duckdb"
    report = detente.ingest([str(detente.demo_corpus())], str(db), engine="dask", workers=2)
    assert len(report.added) == 8 and not report.skipped
    assert_same(snapshot(db), single)


def test_shards_then_load_store_what_a_direct_ingest_stores(single, tmp_path, monkeypatch):
    from detente import shards

    monkeypatch.setattr(shards, "PARTITION", 3)
    folder = tmp_path / "shards"
    report = detente.ingest([str(detente.demo_corpus())], shards=str(folder), workers=1)
    assert len(report.added) == 8
    assert len(list(folder.glob("*.parquet"))) == 3  # 3 + 3 + 2 documents
    db = tmp_path / "loaded.duckdb"
    loaded = detente.load(str(folder), str(db))
    assert len(loaded.added) == 8 and loaded.mentions == report.mentions
    assert_same(snapshot(db), single)
    again = detente.load(str(folder), str(db))  # loading twice changes nothing
    assert again.added == [] and len(again.unchanged) == 8
    assert_same(snapshot(db), single)


def test_a_document_that_fails_to_code_is_one_error_and_the_rest_is_stored(tmp_path, monkeypatch):
    from detente import pipeline

    real = pipeline.extract

    def extract(doc, sdoc, *args):
        if "Vilnius" in doc.text:
            raise KeyError("no rule for this")
        return real(doc, sdoc, *args)

    monkeypatch.setattr(pipeline, "extract", extract)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Talks in Vilnius\n\nPublished on 3 March 2025\n\nOn Monday the Polish foreign "
                                  "minister held talks in Vilnius with Lithuanian officials.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Release\n\nPublished on 5 June 2025\n\nOn Wednesday Belarus freed twelve "
                                  "prisoners after a visit by a U.S. delegation to Minsk.\n", encoding="utf-8")
    report = detente.ingest([str(folder)], str(tmp_path / "s.duckdb"), workers=1)
    assert report.added == ["b.txt"]
    (bad,) = report.skipped
    assert bad.path == "a.txt" and bad.reason.startswith("KeyError") and "\n" not in bad.reason


def test_unknown_engine_and_bad_worker_counts_are_clear_errors(tmp_path):
    for kwargs in ({"engine": "spark"}, {"workers": -1}, {"scheduler": "tcp://localhost:1"}):
        with pytest.raises(ValueError):
            detente.ingest([str(detente.demo_corpus())], str(tmp_path / "x.duckdb"), **kwargs)


def test_the_command_line_sends_work_to_a_running_scheduler(single, tmp_path):
    distributed = pytest.importorskip("distributed")
    from typer.testing import CliRunner

    from detente.cli import app

    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        db = tmp_path / "remote.duckdb"
        r = CliRunner().invoke(app, ["ingest", str(detente.demo_corpus()), "--engine", "dask",
                                     "--scheduler", cluster.scheduler_address, "--db", str(db)])
        assert r.exit_code == 0, r.output
        assert "8 added" in r.output
    assert_same(snapshot(db), single)


def test_shards_and_load_from_the_command_line(tmp_path):
    from typer.testing import CliRunner

    from detente.cli import app

    runner = CliRunner()
    r = runner.invoke(app, ["ingest", str(detente.demo_corpus()), "--shards", str(tmp_path / "sh"), "--workers", "1"])
    assert r.exit_code == 0 and "8 added" in r.output
    r = runner.invoke(app, ["load", str(tmp_path / "sh"), "--db", str(tmp_path / "s.duckdb")])
    assert r.exit_code == 0 and "8 added" in r.output
    r = runner.invoke(app, ["load", str(tmp_path / "none"), "--db", str(tmp_path / "s.duckdb")])
    assert r.exit_code == 2 and "no such folder" in r.output


def test_an_undated_reprint_coded_on_a_worker_takes_its_dated_copys_date(tmp_path, monkeypatch):
    body = ("On Monday the Polish foreign minister held talks in Vilnius with Lithuanian officials on border "
            "security. Two days later Lithuania freed twelve Polish truck drivers detained at the border, and "
            "the two governments agreed to meet again in the spring to review the crossing rules.\n")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Talks in Vilnius\n\nPublished on 3 March 2025\n\n" + body, encoding="utf-8")
    (folder / "b.txt").write_text("Border talks\n\n" + body, encoding="utf-8")
    one = tmp_path / "one.duckdb"
    detente.ingest([str(folder)], str(one), workers=1)
    monkeypatch.setattr(executors, "SMALL", 0)
    monkeypatch.setattr(executors, "BATCH", 1)
    two = tmp_path / "two.duckdb"
    detente.ingest([str(folder)], str(two), workers=2)
    with Store(two, read_only=True) as s:
        b = next(d for d in s.documents() if d.name == "b.txt")
    assert b.published_end == dt.date(2025, 3, 3) or b.published_source not in ("none", "inferred")
    assert_same(snapshot(two), snapshot(one))


WORKER_SCRIPT = """
import os, sys, time
from detente.executors import Executor

def warm():
    time.sleep(2)  # still starting when its parent dies

def task(batch):
    time.sleep(60)
    return batch

if __name__ == "__main__":
    it = Executor(warm, workers=2).map(task, iter([[1], [2]]))
    print("go", flush=True)
    next(it)
"""


def test_worker_processes_end_when_the_ingesting_process_is_killed(tmp_path):
    """A SIGKILL of `detente ingest`, even before its workers have started, must not leave them running
    (holding the caller's pipes: a caller waiting for the output would wait for ever)."""
    import glob
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "pool.py"
    script.write_text(WORKER_SCRIPT, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)

    def children(pid: int) -> set[int]:
        """Its descendants: the workers may be a fork server's children."""
        found = set()
        for f in glob.glob(f"/proc/{pid}/task/*/children"):
            with open(f) as fh:
                found |= {int(x) for x in fh.read().split()}
        return found.union(*map(children, found))

    deadline = time.monotonic() + 20
    while len(children(proc.pid)) < 4 and time.monotonic() < deadline:  # two workers, a tracker, a fork server
        time.sleep(0.05)
    workers = children(proc.pid)
    assert len(workers) >= 3
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)  # returns only once no process holds its output pipe

    def alive(pid: int) -> bool:
        try:
            with open(f"/proc/{pid}/stat") as f:
                return f.read().split()[2] != "Z"
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 10
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(p) for p in workers)


def write_reprint_corpus(tmp_path):
    """A dated article in `first`; in `rest` an undated reprint of it and a copy dated a week later (the reprint
    is dated from the stored copy, then again from the later one)."""
    body = ("On Monday the Polish foreign minister held talks in Vilnius with Lithuanian officials on border "
            "security. Two days later Lithuania freed twelve Polish truck drivers detained at the border, and "
            "the two governments agreed to meet again in the spring to review the crossing rules.\n")
    first, rest = tmp_path / "first", tmp_path / "rest"
    first.mkdir()
    rest.mkdir()
    (first / "a.txt").write_text("Talks in Vilnius\n\nPublished on 3 March 2025\n\n" + body, encoding="utf-8")
    (rest / "b.txt").write_text("Border talks\n\n" + body, encoding="utf-8")
    (rest / "c.txt").write_text("Drivers freed\n\nPublished on 10 March 2025\n\n" + body, encoding="utf-8")
    return first, rest


def test_an_article_dated_from_a_stored_copy_is_dated_again_by_a_later_copy_in_every_mode(tmp_path, monkeypatch):
    """A reprint dated from the copy stored before it takes in a dated copy that comes later in its batch,
    in one process as on workers (which read no copies): the same interval, the same store."""
    first, rest = write_reprint_corpus(tmp_path)
    stores = {}
    for workers in (1, 2):
        if workers == 2:
            monkeypatch.setattr(executors, "SMALL", 0)
            monkeypatch.setattr(executors, "BATCH", 1)
        db = tmp_path / f"w{workers}.duckdb"
        detente.ingest([str(first)], str(db), workers=1)
        detente.ingest([str(rest)], str(db), workers=workers)
        with Store(db, read_only=True) as s:
            b = next(d for d in s.documents() if d.name == "b.txt")
        assert (b.published_start, b.published_end) == (dt.date(2025, 3, 3), dt.date(2025, 3, 10)), workers
        stores[workers] = snapshot(db)
    assert_same(stores[2], stores[1])


def test_an_ingest_whose_cache_is_trimmed_after_every_batch_stores_the_same(single, tmp_path, monkeypatch):
    """No cache at all kept between write batches (DuckDB evicts all it may, every batch): the store is
    row for row the same, and every batch's write ran (a limit held while writing would have failed them)."""
    from detente import pipeline, store as store_module

    monkeypatch.setattr(store_module, "CACHE_MEMORY", "0MB")
    monkeypatch.setattr(pipeline, "WRITE_BATCH", 2)
    trims = []
    real = Store.trim_cache
    monkeypatch.setattr(Store, "trim_cache", lambda self: (trims.append(self._trim_bound), real(self)))
    db = tmp_path / "trimmed.duckdb"
    report = detente.ingest([str(detente.demo_corpus())], str(db), workers=1)
    assert len(report.added) == 8 and not report.skipped
    assert len(trims) >= 4 and set(trims) == {0}
    assert_same(snapshot(db), single)
