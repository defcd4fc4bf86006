"""`make bench`: the national-scale benchmark (see tests/bench/run.py).

No module here starts with ``test_``: pytest never collects the bench; tests/test_bench_harness.py
checks its pure parts.
"""
