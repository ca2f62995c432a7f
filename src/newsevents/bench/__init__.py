"""Benchmarks: pipeline throughput and memory against a tokenizer yardstick, and query timings."""
