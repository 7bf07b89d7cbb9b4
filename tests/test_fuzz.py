"""Bounded fuzzing of every stage that reads untrusted text (the long run is benchmarks/bench_fuzz.py):
no exception escapes, every date lies in 1000-2999 or is dropped, output shows text as text."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fuzz_targets as ft

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(ft.hostile_text, ft.dates)
def test_time_parser(text, published):
    ft.time_parser(text, published)


@FAST
@given(ft.hostile_text)
def test_datelines_and_publication_dates(text):
    ft.publication(text)


@SLOW
@given(ft.html)
def test_html_extraction(page):
    ft.html_extraction(page)


@FAST
@given(st.lists(ft.manifest_line, max_size=6))
def test_manifests(lines):
    ft.manifest(lines)


@SLOW
@given(st.integers(0, 10**6), st.integers(1, 3))
def test_coder_on_shuffled_and_repeated_sentences(seed, repeat):
    ft.coder(seed, repeat)


@FAST
@given(ft.names)
def test_actor_resolver_on_names_in_any_script(name):
    ft.actor_resolver(name)


@FAST
@given(st.one_of(ft.hostile_text, st.text()))
def test_terminal_markdown_and_csv_outputs(text):
    ft.outputs(text)
