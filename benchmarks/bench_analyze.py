"""Whole-conversation analysis: model load, turns per second, memory, HTML size.

    python benchmarks/bench_analyze.py [--turns 20000] [--html-turns 1000]

The conversation is the bundled examples' turns cycled to ``--turns``, each made distinct by a
number, so every turn is encoded (no repeated text is free). Each size runs in its own fresh
process so its peak memory (max RSS) is its own: memory that stays nearly flat from 2,000 to
20,000 turns shows the encoder batches are bounded; what still grows is the report itself.
Writes benchmarks/results/analyze_speed.json and .md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

from results_io import write


def conversation(n: int):  # type: ignore[no-untyped-def]
    from attunement import Conversation
    from attunement.examples import example_paths
    from attunement.readers import read

    turns = []
    for path in example_paths():
        found = read(path)
        for conv in found if isinstance(found, list) else [found]:
            turns += [(t.speaker, t.text) for t in conv.turns if t.text.strip()]
    speakers = ["A", "B"]
    records = [
        {"speaker": speakers[i % 2], "text": f"{turns[i % len(turns)][1]} ({i})"} for i in range(n)
    ]  # alternate speakers so every turn is a reply
    return Conversation.from_records(records, merge=False, id=f"bench-{n}")


def worker(n: int, html: bool) -> dict[str, float]:
    import resource

    start = time.perf_counter()
    from attunement import assess

    assess("warm up", "ok")  # loads the cue, reply and need models
    load = time.perf_counter() - start
    conv = conversation(n)
    from attunement.analyze import analyze_conversation

    start = time.perf_counter()
    report = analyze_conversation(conv)
    seconds = time.perf_counter() - start
    out = {
        "turns": n,
        "model_load_seconds": round(load, 2),
        "turns_per_second": round(n / seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if html:
        out["html_bytes"] = len(report.to_html().encode("utf-8"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=20000)
    parser.add_argument("--html-turns", type=int, default=1000)
    parser.add_argument("--worker", type=int)
    parser.add_argument("--html", action="store_true")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.html)))
        return
    runs = []
    for n, html in ((args.html_turns, True), (2000, False), (args.turns, False)):
        cmd = [sys.executable, __file__, "--worker", str(n)] + (["--html"] if html else [])
        out = subprocess.run(cmd, check=True, capture_output=True, text=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    results = {
        "runs": runs,
        "targets": {
            "turns_per_second": ">= 200",
            "model_load_seconds": "< 2",
            "html_bytes_1000_turns": "< 3 MB",
        },
    }
    lines = [
        "| turns | model load (s) | turns/s | peak memory (MB) | HTML size |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        size = f"{r['html_bytes'] / 1e6:.2f} MB" if "html_bytes" in r else ""
        figures = (r["turns"], r["model_load_seconds"], r["turns_per_second"], r["peak_rss_mb"], size)
        lines.append("| " + " | ".join(str(x) for x in figures) + " |")
    write("analyze_speed", results, lines)


if __name__ == "__main__":
    main()
