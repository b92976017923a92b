"""Duplicate folding: how well near-duplicate groups are recovered.

Corpus: 50 real news articles (the ScrapingHub article-extraction gold bodies in
../shared/benchmarks/extraction/scrapinghub-aeb), each in 3 to 5 lightly edited copies (a
dateline or byline added, a paragraph dropped, the tail cut, ~5% of words replaced, numbers
changed), plus the other articles of that set as unrelated singletons. All go, shuffled,
through `Store.write` (the real grouping path) into a fresh SQLite file; the groups found are
scored as pairs against the true stories. Prints pair precision, recall and F1.

    .venv/bin/python benchmarks/dedup.py [--stories 50] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from eventwire.cluster import group_pairs
from eventwire.model import Article
from eventwire.sources import content_id
from eventwire.store import open_store

ROOT = Path(__file__).resolve().parents[1]
GOLD = (
    ROOT.parent / "shared" / "benchmarks" / "extraction" / "scrapinghub-aeb" / "ground-truth.json"
)
FILLER = [
    "report",
    "said",
    "officials",
    "local",
    "new",
    "early",
    "late",
    "major",
    "several",
    "after",
    "before",
    "during",
]


def edit(text: str, rng: random.Random) -> str:
    """A lightly edited copy, as another site would re-publish a wire story."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if len(paragraphs) > 3 and rng.random() < 0.5:
        del paragraphs[rng.randrange(1, len(paragraphs))]
    if rng.random() < 0.4:
        keep = max(1, int(len(paragraphs) * 0.85))
        paragraphs = paragraphs[:keep]
    words = "\n".join(paragraphs).split(" ")
    for _ in range(max(1, len(words) // 20)):
        i = rng.randrange(len(words))
        words[i] = rng.choice(FILLER)
    text = " ".join(words)
    text = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 3)), text, count=2)
    if rng.random() < 0.5:
        text = f"{rng.choice(['LONDON', 'NAIROBI', 'KYIV', 'BEIRUT'])} (Agency) - {text}"
    if rng.random() < 0.5:
        text += f"\nReporting by {rng.choice(['A. Staff', 'B. Writer'])}; editing by C. Desk."
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not GOLD.exists():
        sys.exit(f"{GOLD} is absent: ../shared is not beside this checkout")
    bodies = [v["articleBody"] for v in json.loads(GOLD.read_text()).values()]
    bodies = sorted({b for b in bodies if len(b.split()) >= 80})
    rng = random.Random(args.seed)
    rng.shuffle(bodies)
    stories, singletons = bodies[: args.stories], bodies[args.stories :]
    truth: dict[str, str] = {}
    articles: list[Article] = []
    for n, body in enumerate(stories):
        for copy in range(rng.randint(3, 5)):
            text = body if copy == 0 else edit(body, rng)
            article = Article(id=content_id(text), uri=f"https://site{copy}.example/{n}", text=text)
            truth[article.id] = f"story{n}"
            articles.append(article)
    for n, body in enumerate(singletons):
        article = Article(id=content_id(body), uri=f"https://other.example/{n}", text=body)
        truth[article.id] = f"single{n}"
        articles.append(article)
    rng.shuffle(articles)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        with open_store(Path(tmp) / "dedup.db") as store:
            for i in range(0, len(articles), 32):
                store.write(articles[i : i + 32])
            found = dict(store.connection.execute("SELECT id, group_id FROM articles"))
        seconds = time.perf_counter() - started

    def groups(label: dict[str, str]) -> list[set[str]]:
        by: dict[str, set[str]] = {}
        for article_id, key in label.items():
            by.setdefault(key, set()).add(article_id)
        return list(by.values())

    true_pairs, found_pairs = group_pairs(groups(truth)), group_pairs(groups(found))
    hits = len(true_pairs & found_pairs)
    precision = hits / len(found_pairs) if found_pairs else 1.0
    recall = hits / len(true_pairs) if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    exact = sum(1 for g in groups(truth) if len(g) > 1 and g in groups(found))
    copies = sum(1 for k in truth.values() if k.startswith("story"))
    print(
        f"articles: {len(articles)} ({args.stories} stories in {copies} copies, "
        f"{len(singletons)} unrelated singletons); stored and grouped in {seconds:.2f} s"
    )
    print(f"true pairs: {len(true_pairs)}, pairs found: {len(found_pairs)}, correct: {hits}")
    print(f"pair precision: {precision:.3f}  recall: {recall:.3f}  F1: {f1:.3f}")
    print(f"stories recovered exactly (all copies, nothing else): {exact}/{args.stories}")


if __name__ == "__main__":
    main()
