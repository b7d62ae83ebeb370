"""Reply assessment speed and memory: one pair at a time (as someone types) and in batch.

    python benchmarks/bench_assess.py [--n 1000] [--single 300]

Pairs are the project's labelled pairs (both replies of each, dev and test) cycled to ``n``;
texts repeat, so the batch figure is for ``n`` pairs of which only the distinct texts are
encoded, as assess_many does. The fresh-text figure (``batch_fresh_pairs_per_second``) makes
every text distinct by appending a number, which is the honest figure for a corpus. Runs in a
fresh process so its peak memory is its own. Writes benchmarks/results/assess_speed.json and .md.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np
from results_io import write


def sample_pairs(n: int) -> list[tuple[str, str, list[str]]]:
    from attunement import datasets

    rows = datasets.labelled("pairs", "dev") + datasets.labelled("pairs", "test")
    pairs = [
        (r["message"], r[side], [c["text"] for c in r["context"]])
        for r in rows
        for side in ("better", "worse")
    ]
    return [pairs[i % len(pairs)] for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--single", type=int, default=300)
    args = parser.parse_args()
    from attunement import assess, assess_many

    start = time.perf_counter()
    assess("warm up", "ok")  # loads every model once
    load = time.perf_counter() - start
    pairs = sample_pairs(args.n)
    fresh = [(f"{m} ({i})", f"{r} ({i})", c) for i, (m, r, c) in enumerate(pairs)]

    start = time.perf_counter()
    assess_many(fresh)
    fresh_seconds = time.perf_counter() - start
    start = time.perf_counter()
    assess_many(pairs)
    batch_seconds = time.perf_counter() - start
    latencies = []
    for message, reply, context in fresh[: args.single]:
        t0 = time.perf_counter()
        assess(message + " !", reply + " !", context)
        latencies.append((time.perf_counter() - t0) * 1000)
    results = {
        "pairs": args.n,
        "load_seconds": round(load, 3),
        "batch_fresh_pairs_per_second": round(args.n / fresh_seconds, 1),
        "batch_repeated_pairs_per_second": round(args.n / batch_seconds, 1),
        "single_p50_ms": round(float(np.percentile(latencies, 50)), 2),
        "single_p95_ms": round(float(np.percentile(latencies, 95)), 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    lines = ["| measure | attunement | target |", "|---|---:|---|"]
    targets = {"batch_fresh_pairs_per_second": ">= 150", "single_p95_ms": "< 50"}
    lines += [f"| {k} | {v} | {targets.get(k, '')} |" for k, v in results.items()]
    write("assess_speed", results, lines)


if __name__ == "__main__":
    main()
