"""What storing costs: ingest into SQLite vs analysis alone, on the same articles.

Corpus: the example articles (examples/) repeated with a small edit per copy (a line added),
so every copy has its own id and is really written. Two measurements:

1. In-process, interleaved: per batch of 32, time `analyze` and then `Store.write` (articles,
   annotations, versions, near-duplicate groups, event clusters, all in one transaction).
   The store's cost is write time / analyze time. Interleaving makes it robust to the load
   of a shared machine, which shifts both halves alike.
2. End to end (--cli): `eventwire analyze DIR > /dev/null` vs `eventwire ingest DIR --db F`,
   wall time of each, on the same files.

    .venv/bin/python benchmarks/store.py [--articles 300] [--cli]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eventwire.model import RawDocument
from eventwire.pipeline import BATCH_SIZE, analyze
from eventwire.sources import document_from_text, read_paths
from eventwire.store import open_store

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def corpus(n: int) -> list[RawDocument]:
    originals = [d for d in read_paths([ROOT / "examples"]) if d.error is None]
    docs = []
    for k in range(n):
        doc = originals[k % len(originals)]
        note = f"\n\nThis is copy {k} of the report, filed for the store benchmark.\n"
        if doc.media_type == "text/html" and "</body>" in doc.content:
            content = doc.content.replace("</body>", f"<p>{note.strip()}</p></body>", 1)
        else:
            content = doc.content + note
        docs.append(
            document_from_text(
                content,
                uri=f"{doc.uri}?copy={k}",
                media_type=doc.media_type,
                url=doc.url,
                title=doc.title,
                published=doc.published,
            )
        )
    return docs


def in_process(docs: list[RawDocument], db: Path) -> None:
    list(analyze(docs[:8]))  # load the models before timing
    analyze_s = store_s = 0.0
    with open_store(db) as store:
        for i in range(0, len(docs), BATCH_SIZE):
            batch = docs[i : i + BATCH_SIZE]
            started = time.perf_counter()
            articles = list(analyze(batch))
            analyzed = time.perf_counter()
            store.write(articles)
            store_s += time.perf_counter() - analyzed
            analyze_s += analyzed - started
        events = store.connection.execute("SELECT count(*) FROM events").fetchone()[0]
    n = len(docs)
    print(f"in-process, {n} articles ({events} events), batches of {BATCH_SIZE}:")
    print(f"  analyze: {analyze_s:.1f} s ({n / analyze_s:.1f} articles/s)")
    print(f"  store:   {store_s:.2f} s ({1000 * store_s / n:.2f} ms per article)")
    print(f"  store cost: {100 * store_s / analyze_s:.1f}% of analysis")


def end_to_end(docs: list[RawDocument], tmp: Path) -> None:
    folder = tmp / "corpus"
    folder.mkdir()
    for k, doc in enumerate(docs):
        suffix = ".html" if doc.media_type == "text/html" else ".txt"
        (folder / f"doc{k:05d}{suffix}").write_text(doc.content, encoding="utf-8")
    env = {**os.environ, "CI": "1"}
    started = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        subprocess.run([BIN / "eventwire", "analyze", folder], stdout=devnull, env=env, check=False)
    analyze_s = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run(
        [BIN / "eventwire", "ingest", folder, "--db", tmp / "cli.db", "--no-table"],
        env=env,
        check=False,
        capture_output=True,
    )
    ingest_s = time.perf_counter() - started
    print(f"end to end, {len(docs)} files (model loading included in both):")
    print(f"  eventwire analyze > /dev/null: {analyze_s:.1f} s")
    print(f"  eventwire ingest --db:         {ingest_s:.1f} s")
    print(f"  ingest / analyze: {ingest_s / analyze_s:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--cli", action="store_true", help="also time the two commands")
    args = parser.parse_args()
    docs = corpus(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        in_process(docs, Path(tmp) / "bench.db")
        if args.cli:
            end_to_end(docs, Path(tmp))


if __name__ == "__main__":
    main()
