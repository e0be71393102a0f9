"""Benchmarks for sportsgov: ``python -m benchmarks [--quick] [--only NAME]``."""
