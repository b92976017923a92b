"""SQLite at the centre: schema migrations, and writing analyzed articles.

The database runs in WAL mode so that readers (queries, the API) never block the writer.
Articles are written one transaction per batch, and an article whose id is already stored is
skipped, so re-ingesting the same input changes nothing and an interrupted run resumes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from ..model import Article

# Migrations in order; the store's `PRAGMA user_version` says how many have been applied.
MIGRATIONS: tuple[str, ...] = ("schema.sql",)


class Store:
    """An open eventwire database."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self.connection = connection
        self.path = path

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    def has_article(self, article_id: str) -> bool:
        row = self.connection.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,))
        return row.fetchone() is not None

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of `ids` already stored (one query per call, for resuming)."""
        ids = list(ids)
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        rows = self.connection.execute(f"SELECT id FROM articles WHERE id IN ({marks})", ids)
        return {row[0] for row in rows}

    def write(self, articles: Iterable[Article]) -> int:
        """Store articles in one transaction; returns how many were new."""
        written = 0
        with self.transaction() as cursor:
            for article in articles:
                cursor.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,))
                if cursor.fetchone() is None:
                    _insert_article(cursor, article)
                    written += 1
        return written

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Cursor]:
        cursor = self.connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            yield cursor
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        cursor.execute("COMMIT")

    def article(self, article_id: str) -> dict[str, object] | None:
        """An article's full JSON as analyzed, or None."""
        row = self.connection.execute("SELECT json FROM articles WHERE id = ?", (article_id,))
        found = row.fetchone()
        return json.loads(found[0]) if found else None

    def counts(self) -> dict[str, int]:
        tables = ("articles", "errors", "places", "actors", "events", "quantities", "statements")
        return {
            table: self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in tables
        }


def open_store(path: str | Path) -> Store:
    """Open (creating if needed) the database at `path` and bring its schema up to date."""
    path = str(path)
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE in `transaction`).
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 10000")
    migrate(connection)
    return Store(connection, path)


def migrate(connection: sqlite3.Connection) -> int:
    """Apply the migrations the database lacks; returns the new schema version."""
    current = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if current > len(MIGRATIONS):
        raise RuntimeError(
            f"database schema version {current} is newer than this eventwire "
            f"({len(MIGRATIONS)}); upgrade eventwire"
        )
    for version, name in enumerate(MIGRATIONS[current:], start=current + 1):
        script = (resources.files("eventwire.store") / name).read_text(encoding="utf-8")
        connection.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")
    return len(MIGRATIONS)


def _insert_article(cursor: sqlite3.Cursor, article: Article) -> None:
    data = article.to_dict()
    cursor.execute(
        "INSERT INTO articles (id, uri, site, title, published, language, author, text, failed,"
        " schema_version, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article.id,
            article.uri,
            article.site,
            article.title,
            article.published,
            article.language,
            article.author,
            article.text,
            int(article.failed),
            article.schema_version,
            json.dumps(data, ensure_ascii=False),
        ),
    )
    aid = article.id
    cursor.executemany(
        "INSERT INTO errors VALUES (?, ?, ?, ?)",
        [(aid, i, e.stage, e.message) for i, e in enumerate(article.errors)],
    )
    cursor.executemany(
        "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                aid,
                i,
                p.name,
                p.geonames_id,
                p.lat,
                p.lon,
                p.feature,
                p.country,
                p.admin1,
                p.confidence,
                len(p.mentions),
            )
            for i, p in enumerate(article.places)
        ],
    )
    cursor.executemany(
        "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (aid, i, a.name, a.kind, a.country, a.sector, a.title, len(a.mentions))
            for i, a in enumerate(article.actors)
        ],
    )
    for i, e in enumerate(article.events):
        place = e.place
        cursor.execute(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                aid,
                i,
                e.plover,
                e.mode,
                e.cameo,
                e.quad_class,
                e.goldstein,
                place.name if place else None,
                place.lat if place else None,
                place.lon if place else None,
                place.geonames_id if place else None,
                e.date,
                e.factuality,
                e.statement,
                e.sentence,
                e.start,
                e.end,
                e.confidence,
            ),
        )
        participants = [("actor", j, a) for j, a in enumerate(e.actors)]
        participants += [("recipient", j, r) for j, r in enumerate(e.recipients)]
        cursor.executemany(
            "INSERT INTO event_participants VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(aid, i, role, j, p.name, p.country, p.sector) for role, j, p in participants],
        )
    cursor.executemany(
        "INSERT INTO quantities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                aid,
                i,
                q.value,
                q.low,
                q.high,
                int(q.approximate),
                q.category,
                q.factuality,
                q.place,
                q.event,
                q.sentence,
                q.start,
                q.end,
            )
            for i, q in enumerate(article.quantities)
        ],
    )
    cursor.executemany(
        "INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                aid,
                i,
                s.speaker.name if s.speaker else None,
                s.speaker.country if s.speaker else None,
                s.speaker.sector if s.speaker else None,
                s.text,
                int(s.direct),
                s.start,
                s.end,
            )
            for i, s in enumerate(article.statements)
        ],
    )
