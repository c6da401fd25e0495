"""Performance benchmarks: `uv run python -m benchmarks [NAME ...]`. Each compares against a baseline measured in
the same run (this machine is shared and noisy), prints a table and writes JSON to benchmarks/results/."""
