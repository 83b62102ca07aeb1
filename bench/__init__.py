"""Benchmarks (run with scripts/bench; not part of the test suite)."""
