"""Kills and Ctrl-C during ingest and recode (short version; benchmarks/bench_crash.py runs the long loop):
every run after one completes, `detente check` passes, and the store equals a clean run's."""
import crashloop


def test_kill_and_interrupt_loop_leaves_the_store_as_a_clean_run(tmp_path):
    got = crashloop.loop(tmp_path, articles=30, kills=2, interrupts=2, seed=3)
    assert got.kills == 2 and got.interrupts == 2
    assert got.crashes == [] and got.inconsistent == [] and got.drifting == 0
    assert max(got.stop_seconds) < 60
