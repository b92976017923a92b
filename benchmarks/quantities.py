"""Accuracy and speed of the quantities and statements stages; prints figures.

    .venv/bin/python benchmarks/quantities.py [--split dev|test|all]

1. The project's own gold set (benchmarks/gold/quantities.jsonl): precision and recall per
   category. A predicted count matches a gold count of the same sentence when the categories are
   equal and the values agree within 1%. The `dev` split was used to write the rules; the `test`
   split was written at the same time, before any rule, and is not tuned on.
2. PLOVER GSR (CAMEO manual sentences, ../shared): the records with a `dead` value, how many
   get a `killed` count of that value.
3. The sample article (../shared/samples/idlib-offensive.txt): the quantities and statements.
4. Time of the two stages per article, next to the spaCy parse of the same texts.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from eventwire import analyze_one, nlp
from eventwire.model import QUANTITY_CATEGORIES, Article
from eventwire.quantities import extract_quantities
from eventwire.statements import extract_statements

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold" / "quantities.jsonl"
SHARED = ROOT.parent / "shared"
PLOVER = SHARED / "benchmarks" / "events" / "plover-gsr-cameo" / "PLOVER_GSR_CAMEO.json"
SAMPLE = SHARED / "samples" / "idlib-offensive.txt"


def match(gold: list[tuple[float, str]], found: list[tuple[float, str]]) -> list[bool]:
    """For each gold count, whether an unused found count has its category and value (±1%)."""
    used = [False] * len(found)
    hits = []
    for value, category in gold:
        hit = False
        for k, (v, c) in enumerate(found):
            if not used[k] and c == category and abs(v - value) <= max(0.01 * value, 0.01):
                used[k] = hit = True
                break
        hits.append(hit)
    return hits


def gold_scores(split: str) -> None:
    rows = [json.loads(line) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if split == "all" or r["split"] == split]
    model = nlp.load()
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_found: Counter[str] = Counter()
    exact = 0
    for row, doc in zip(rows, model.pipe(r["text"] for r in rows), strict=True):
        article = Article(id=row["id"], uri="", text=row["text"])
        found = [(q.value, q.category) for q in extract_quantities(doc, article)]
        gold = [(float(q["value"]), q["category"]) for q in row["quantities"]]
        hits = match(gold, found)
        for (_, category), hit in zip(gold, hits, strict=True):
            n_gold[category] += 1
            tp[category] += hit
        for _, category in found:
            n_found[category] += 1
        exact += all(hits) and len(found) == len(gold)
    print(f"\n## Gold set, split={split}: {len(rows)} sentences, {exact} exactly right")
    print(f"{'category':<12}{'gold':>6}{'found':>7}{'right':>7}{'precision':>11}{'recall':>8}")
    for category in (*QUANTITY_CATEGORIES, "ALL"):
        if category == "ALL":
            g, f, t = sum(n_gold.values()), sum(n_found.values()), sum(tp.values())
        else:
            g, f, t = n_gold[category], n_found[category], tp[category]
        if not g and not f:
            continue
        p = f"{t / f:.2f}" if f else "-"
        r = f"{t / g:.2f}" if g else "-"
        print(f"{category:<12}{g:>6}{f:>7}{t:>7}{p:>11}{r:>8}")


def plover_dead() -> None:
    if not PLOVER.exists():
        print(f"\n## PLOVER GSR: skipped, {PLOVER} not found")
        return
    records = [r for r in json.loads(PLOVER.read_text("utf-8")) if r.get("dead") not in (None, "")]
    model = nlp.load()
    right = 0
    for record, doc in zip(records, model.pipe(r["text"] for r in records), strict=True):
        found = extract_quantities(doc, Article(id=record["id"], uri="", text=record["text"]))
        dead = float(record["dead"])
        right += any(q.category == "killed" and q.value == dead for q in found)
    print(f"\n## PLOVER GSR records with `dead`: {right}/{len(records)} with a killed count of "
          "that value")


def sample() -> None:
    if not SAMPLE.exists():
        print(f"\n## Sample article: skipped, {SAMPLE} not found")
        return
    article = analyze_one(SAMPLE.read_text("utf-8"))
    print("\n## Sample article (idlib-offensive.txt)")
    for q in article.quantities:
        print(f"  {q.value:>12,.0f} {q.category:<11} {q.factuality:<12} approx={q.approximate} "
              f"place={q.place} | {article.text[q.start:q.end]!r}")
    for s in article.statements:
        who = f"{s.speaker.name} ({s.speaker.country}, {s.speaker.sector})" if s.speaker else "?"
        kind = "direct" if s.direct else "reported"
        print(f"  {who:<40} {kind:<9} {s.text[:70]!r}")
    for e in article.errors:
        print(f"  error: {e.stage}: {e.message}")


def timing() -> None:
    texts = [SAMPLE.read_text("utf-8")] * 20 if SAMPLE.exists() else []
    if PLOVER.exists():
        records = json.loads(PLOVER.read_text("utf-8"))[1:]
        # ten sentences to an article, about the length of a short news story
        texts += [" ".join(r["text"] for r in records[k:k + 10]) for k in range(0, 320, 10)]
    model = nlp.load()
    t0 = time.perf_counter()
    docs = list(model.pipe(texts))
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    for text, doc in zip(texts, docs, strict=True):
        article = Article(id="", uri="", text=text)
        article.statements = extract_statements(doc, article)
        extract_quantities(doc, article)
    stages = time.perf_counter() - t0
    n = len(texts)
    print(f"\n## Time, {n} articles: spaCy parse {1000 * parse / n:.1f} ms/article; statements + "
          f"quantities {1000 * stages / n:.2f} ms/article ({100 * stages / parse:.1f}% of the parse)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="all", choices=("dev", "test", "all"))
    args = parser.parse_args()
    for split in ("dev", "test") if args.split == "all" else (args.split,):
        gold_scores(split)
    plover_dead()
    sample()
    timing()


if __name__ == "__main__":
    main()
