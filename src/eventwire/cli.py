"""The command line: `eventwire analyze`, `eventwire ingest`, and the commands built on the store.

Exit codes: 0 when every document was analyzed, 1 when at least one document failed (its error
record is still written), 2 for a usage error.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from .model import Article, RawDocument
from .pipeline import BATCH_SIZE, analyze
from .sources import SUFFIXES, read_paths
from .sources.feeds import is_feed_url
from .sources.warc import is_warc
from .store import open_store

app = typer.Typer(
    help="News articles in, verifiable event data out.",
    no_args_is_help=True,
    add_completion=False,
)
stderr = Console(stderr=True)

EXIT_DOCUMENT_FAILED = 1
DEFAULT_DB = "eventwire.db"

PathsArg = Annotated[
    list[str],
    typer.Argument(help="Files or folders (.txt, .html/.htm, .jsonl), or - for stdin."),
]
DbOption = Annotated[
    str,
    typer.Option("--db", envvar="EVENTWIRE_DB", help="SQLite database file."),
]


@app.command("analyze")
def analyze_command(
    paths: PathsArg,
    pretty: Annotated[bool, typer.Option("--pretty", help="Indented JSON for humans.")] = False,
) -> None:
    """Analyze documents and write one JSON object per article to stdout (JSON Lines)."""
    failed = 0
    out = sys.stdout
    for article in analyze(read_paths(paths)):
        failed += article.failed
        out.write(json.dumps(article.to_dict(), ensure_ascii=False, indent=2 if pretty else None))
        out.write("\n")
    out.flush()
    if failed:
        raise typer.Exit(EXIT_DOCUMENT_FAILED)


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders (.txt, .html, .jsonl, .warc[.gz], .arc.gz, .rss/.atom/.xml), "
            "feed URLs, or - for stdin."
        ),
    ],
    db: DbOption = DEFAULT_DB,
    table: Annotated[
        bool | None,
        typer.Option("--table/--no-table", help="Print a table of the articles (default: <= 50)."),
    ] = None,
    watch: Annotated[
        bool, typer.Option("--watch", help="Keep polling the inputs for new or changed files.")
    ] = False,
    interval: Annotated[
        float, typer.Option("--interval", help="Seconds between polls in --watch mode.")
    ] = 60.0,
    max_iterations: Annotated[
        int | None,
        typer.Option("--max-iterations", help="Stop --watch after this many polls."),
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per transaction.")
    ] = BATCH_SIZE,
) -> None:
    """Analyze documents and store articles and their annotations in SQLite.

    Articles already stored are skipped; a changed article (same uri, new content) is stored
    as a new version. With --watch the inputs are polled until Ctrl-C.
    """
    started = time.perf_counter()
    stored: list[Article] = []
    skipped = 0
    with open_store(db) as store, _progress() as progress:
        task = progress.add_task("analyzing", total=None)
        if watch:
            polls = _watch(paths, interval=interval, max_iterations=max_iterations)
        else:
            polls = iter([read_paths(paths)])
        try:
            for documents in polls:
                for batch in _batches(documents, batch_size):
                    known = store.known_ids(doc.id for doc in batch)
                    skipped += sum(doc.id in known for doc in batch)
                    fresh = [doc for doc in batch if doc.id not in known]
                    articles = list(analyze(fresh))
                    store.write(articles, fetched={d.id: d.fetched for d in fresh if d.fetched})
                    stored.extend(_summary_only(articles))
                    progress.update(task, advance=len(batch))
                if watch:
                    stderr.print(
                        f"{len(stored)} articles stored so far; watching {', '.join(paths)}"
                    )
        except KeyboardInterrupt:
            stderr.print("stopped")  # the batch in flight was rolled back; a re-run redoes it
    seconds = time.perf_counter() - started
    failed = sum(a.failed for a in stored)
    if table if table is not None else len(stored) <= 50:
        stderr.print(_articles_table(stored))
    stderr.print(
        f"[bold]{len(stored)}[/] articles stored, [bold]{failed}[/] with errors, "
        f"{skipped} already in the store, {seconds:.1f} s -> {db}"
    )
    if failed:
        raise typer.Exit(EXIT_DOCUMENT_FAILED)


def _watch(
    paths: list[str], *, interval: float, max_iterations: int | None
) -> Iterator[Iterator[RawDocument]]:
    """Per poll, the documents of files that are new or changed since the last poll.

    Feed URLs are read on every poll (the store skips entries it already has).
    """
    seen: dict[str, tuple[int, int]] = {}
    iteration = 0
    while max_iterations is None or iteration < max_iterations:
        if iteration:
            time.sleep(interval)
        iteration += 1
        changed: list[str] = []
        for path in paths:
            if path == "-" or is_feed_url(path) or not os.path.isdir(path):
                if path != "-" and (is_feed_url(path) or _changed(path, seen)):
                    changed.append(path)
                continue
            for child in sorted(Path(path).rglob("*")):
                readable = child.suffix.lower() in SUFFIXES or is_warc(child)
                if child.is_file() and readable and _changed(str(child), seen):
                    changed.append(str(child))
        yield read_paths(changed)


def _changed(path: str, seen: dict[str, tuple[int, int]]) -> bool:
    try:
        stat = os.stat(path)
    except OSError:
        return False
    signature = (stat.st_mtime_ns, stat.st_size)
    if seen.get(path) == signature:
        return False
    seen[path] = signature
    return True


def _batches(
    documents: Iterable[RawDocument], size: int = BATCH_SIZE
) -> Iterator[list[RawDocument]]:
    batch: list[RawDocument] = []
    for doc in documents:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _summary_only(articles: list[Article]) -> Iterator[Article]:
    """Keep what the final table shows, not the texts: a long ingest must not grow memory."""
    for a in articles:
        yield Article(
            id=a.id,
            uri=a.uri,
            title=a.title,
            places=a.places,
            actors=a.actors,
            events=a.events,
            errors=a.errors,
        )


def _articles_table(articles: list[Article]) -> Table:
    table = Table(title="Articles", show_lines=True)
    for column in ("title / uri", "places", "actors", "events"):
        table.add_column(column, overflow="fold")
    for a in articles:
        if a.errors:
            detail = "; ".join(f"{e.stage}: {e.message}" for e in a.errors)
            table.add_row(f"{a.title or a.uri}\n[red]{detail}[/]", "", "", "")
            continue
        places = ", ".join(p.name for p in a.places[:8])
        actors = ", ".join(
            f"{x.name} ({'/'.join(filter(None, (x.country, x.sector)))})" for x in a.actors[:8]
        )
        events = "\n".join(
            f"{e.plover} [{e.factuality}] "
            f"{'+'.join(x.name for x in e.actors) or '?'} -> "
            f"{'+'.join(x.name for x in e.recipients) or '?'}"
            for e in a.events[:6]
        )
        table.add_row(a.title or a.uri, places, actors, events)
    return table


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.elapsed:.0f}s"),
        console=stderr,
        transient=True,
        disable=not stderr.is_terminal or bool(os.environ.get("CI")),
    )


if __name__ == "__main__":
    app()
