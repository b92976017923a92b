"""Articles per second and peak memory: `eventwire analyze` against spaCy's `nlp.pipe` alone.

The DESIGN.md budget: the whole pipeline keeps at least 0.8x the throughput of `nlp.pipe` on
the same articles, one core. Each side runs in its own process (pinned to one CPU where
`os.sched_setaffinity` exists) so that peak RSS is its own.

    .venv/bin/python benchmarks/throughput.py [--articles 300] [--input examples]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def documents(folder: Path, count: int) -> list:
    from eventwire.sources import read_paths

    base = [d for d in read_paths([folder]) if d.error is None]
    return [base[i % len(base)] for i in range(count)]


def measure(mode: str, folder: Path, count: int, repeat: int) -> dict[str, float]:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from eventwire import analyze, nlp
    from eventwire.extract import extract

    docs = documents(folder, count)
    nlp.load()
    list(analyze(docs[:8]))  # warm-up: model, gazetteer, lexicons
    texts = [extract(d).text for d in docs]
    best = float("inf")
    for _ in range(repeat):  # best of N: the machine may be busy with other work
        started = time.perf_counter()
        if mode == "spacy":
            for _ in nlp.parse(texts):
                pass
        else:
            for _ in analyze(docs):
                pass
        best = min(best, time.perf_counter() - started)
    seconds = best
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": count,
        "seconds": seconds,
        "per_second": count / seconds,
        "peak_mb": peak_mb,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--input", type=Path, default=ROOT / "examples")
    parser.add_argument("--repeat", type=int, default=3, help="report the best of N runs")
    parser.add_argument("--mode", choices=["spacy", "eventwire"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(measure(args.mode, args.input, args.articles, args.repeat)))
        return 0
    results = {}
    for mode in ("spacy", "eventwire"):
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--mode",
                mode,
                "--articles",
                str(args.articles),
                "--input",
                str(args.input),
                "--repeat",
                str(args.repeat),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{args.articles} articles from {args.input}, one core, best of {args.repeat} runs")
    print(f"{'':28} {'articles/s':>10} {'seconds':>8} {'peak RSS MB':>12}")
    labels = {"spacy": "spaCy nlp.pipe alone", "eventwire": "eventwire analyze (all)"}
    for mode, r in results.items():
        print(f"{labels[mode]:28} {r['per_second']:10.1f} {r['seconds']:8.1f} {r['peak_mb']:12.0f}")
    ratio = results["eventwire"]["per_second"] / results["spacy"]["per_second"]
    print(f"ratio eventwire / spaCy: {ratio:.2f} (budget: at least 0.80)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
