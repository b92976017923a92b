"""Peak memory of a long ingest: N articles (the examples, each made unique) into SQLite.

The DESIGN.md budget: peak RSS under 1.5 GB for a 10,000-article run.

    .venv/bin/python benchmarks/memory.py [--articles 10000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eventwire.sources import read_paths

ROOT = Path(__file__).resolve().parents[1]


def write_corpus(path: Path, count: int) -> None:
    """The example articles repeated, each with a numbered line so every id differs."""
    docs = [d for d in read_paths([ROOT / "examples"]) if d.error is None]
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            doc = docs[i % len(docs)]
            line = f"Report number {i} in the series."
            record: dict[str, str] = {"url": f"https://news.example.org/{i}"}
            if doc.media_type == "text/html":
                record["html"] = doc.content.replace("</body>", f"<p>{line}</p></body>")
            else:
                record["text"] = f"{doc.content}\n\n{line}"
            out.write(json.dumps(record) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, db = Path(tmp) / "corpus.jsonl", Path(tmp) / "events.db"
        write_corpus(corpus, args.articles)
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "eventwire.cli",
                "ingest",
                str(corpus),
                "--db",
                str(db),
                "--no-table",
            ],
            check=True,
        )
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"{args.articles} articles ingested in {seconds:.0f} s "
        f"({args.articles / seconds:.1f} articles/s); peak RSS {peak_mb:.0f} MB (budget 1,536 MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
