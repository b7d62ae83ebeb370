"""Cue extraction speed and memory, next to NRCLex on the same texts in the same run.

    python benchmarks/bench_cues.py [--n 2000] [--single 300]

Each tool runs in its own fresh process so its peak memory (max RSS) is its own. Texts are
GoEmotions dev comments (real, short, Reddit-style utterances) when ../shared/data is
present, else the bundled example conversations repeated. Writes
benchmarks/results/cues_speed.json and .md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

from results_io import write


def sample_texts(n: int) -> list[str]:
    from attunement import datasets
    from attunement.errors import AttunementError

    try:
        texts = datasets.goemotions("dev").texts
    except AttunementError:
        from attunement.examples import example_texts

        texts = example_texts()
    return [texts[i % len(texts)] for i in range(n)]


def worker(tool: str, n: int, single: int) -> dict[str, float]:
    """Runs inside a fresh process: load, batch throughput, one-at-a-time latency, peak RSS."""
    import resource

    import numpy as np

    texts = sample_texts(n)
    start = time.perf_counter()
    if tool == "attunement":
        from attunement import cues_many

        cues_many(["warm up"])  # loads the model once
        run = cues_many
    else:
        from attunement.baselines import NRCLexBaseline

        base = NRCLexBaseline()

        def run(batch):  # type: ignore[no-untyped-def]
            return base.emotion_scores(batch), base.vad(batch)

    load = time.perf_counter() - start
    start = time.perf_counter()
    run(texts)
    batch_seconds = time.perf_counter() - start
    latencies = []
    for text in texts[:single]:
        t0 = time.perf_counter()
        run([text])
        latencies.append((time.perf_counter() - t0) * 1000)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "texts": n,
        "load_seconds": round(load, 3),
        "batch_utterances_per_second": round(n / batch_seconds, 1),
        "single_p50_ms": round(float(np.percentile(latencies, 50)), 2),
        "single_p95_ms": round(float(np.percentile(latencies, 95)), 2),
        "peak_rss_mb": round(peak_mb, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--single", type=int, default=300)
    parser.add_argument("--worker", choices=["attunement", "nrclex"])
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.n, args.single)))
        return
    results = {}
    for tool in ("attunement", "nrclex"):
        out = subprocess.run(
            [sys.executable, __file__, "--worker", tool, "--n", str(args.n), "--single", str(args.single)],
            check=True,
            capture_output=True,
            text=True,
        )
        results[tool] = json.loads(out.stdout.strip().splitlines()[-1])
    keys = [k for k in results["attunement"] if k != "texts"]
    lines = ["| measure | attunement | NRCLex |", "|---|---:|---:|"]
    lines += [f"| {k} | {results['attunement'][k]} | {results['nrclex'][k]} |" for k in keys]
    write("cues_speed", results, lines)


if __name__ == "__main__":
    main()
