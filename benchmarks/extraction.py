"""Extraction quality and speed on the ScrapingHub article-extraction benchmark.

Prints eventwire's `text` next to plain trafilatura on the same 181 pages, with the upstream
metric (per-page precision and recall over 4-gram shingles of \\w+ tokens, averaged over pages,
F1 from the means) and a bag-of-words F1, plus pages per second on one core.

    .venv/bin/python benchmarks/extraction.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from eventwire.extract import extract_html
from eventwire.sources.decode import decode

DATA = (
    Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "extraction" / "scrapinghub-aeb"
)
TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def precision_recall(predicted: Counter, gold: Counter) -> tuple[float, float]:
    tp = sum((predicted & gold).values())
    p = tp / sum(predicted.values()) if predicted else (1.0 if not gold else 0.0)
    r = tp / sum(gold.values()) if gold else 1.0
    return p, r


def score(outputs: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    ps, rs, bow_f = [], [], []
    for key, truth in gold.items():
        predicted = outputs.get(key, "")
        p, r = precision_recall(shingles(predicted), shingles(truth))
        ps.append(p)
        rs.append(r)
        bp, br = precision_recall(Counter(TOKEN.findall(predicted)), Counter(TOKEN.findall(truth)))
        bow_f.append(2 * bp * br / (bp + br) if bp + br else 0.0)
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r), "bow_f1": sum(bow_f) / len(bow_f)}


def run(
    name: str, func: Callable[[str], str], pages: dict[str, str]
) -> tuple[dict[str, str], float]:
    func(next(iter(pages.values())))  # warm-up
    started = time.perf_counter()
    outputs = {key: func(html) for key, html in pages.items()}
    return outputs, len(pages) / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="score only the first N pages")
    parser.add_argument(
        "--split",
        choices=["all", "dev", "test"],
        default="all",
        help="dev: pages at even positions in id order (used to tune); test: the odd ones",
    )
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is absent (../shared is not beside this checkout)")
        return 0
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)
    if args.split != "all":
        keys = keys[0 if args.split == "dev" else 1 :: 2]
    keys = keys[: args.limit or None]
    pages = {
        k: decode(gzip.decompress((DATA / "html" / f"{k}.html.gz").read_bytes()), html=True)
        for k in keys
    }
    gold = {k: truth[k]["articleBody"] for k in keys}

    systems: dict[str, Callable[[str], str]] = {
        "trafilatura 2.3.1 extract() default": lambda h: trafilatura.extract(h) or "",
        "trafilatura 2.3.1 include_comments=False": lambda h: (
            trafilatura.extract(h, include_comments=False) or ""
        ),
        "eventwire extract_html": lambda h: extract_html(h).text,
    }
    print(f"ScrapingHub AEB, {args.split} split, {len(pages)} pages")
    print("F1 as upstream (4-gram shingles, averaged per page), plus a bag-of-words F1")
    print(f"{'system':44} {'P':>6} {'R':>6} {'F1':>6} {'BoW F1':>7} {'pages/s':>8}")
    for name, func in systems.items():
        outputs, speed = run(name, func, pages)
        s = score(outputs, gold)
        print(
            f"{name:44} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} {s['bow_f1']:7.3f} {speed:8.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
