"""SQLite at the centre: schema migrations, and writing analyzed articles.

The database runs in WAL mode so that readers (queries, the API) never block the writer.
Articles are written one transaction per batch, and an article whose id is already stored is
skipped, so re-ingesting the same input changes nothing and an interrupted run resumes.
Inside the same transaction each new article is versioned (same uri, new content: version
n+1, the old one no longer `latest`), put in its near-duplicate group, and its events merged
into event clusters (`cluster.py` decides; this module only reads and writes rows).
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

import numpy as np

from .. import cluster
from ..model import Article, Event, article_from_dict

# Migrations in order; the store's `PRAGMA user_version` says how many have been applied.
MIGRATIONS: tuple[str, ...] = (
    "schema.sql",
    "002_versions_groups_clusters.sql",
    "003_long_lived_clusters.sql",
    "004_cluster_lookup_indexes.sql",
    "005_statement_codes.sql",
)
SCHEMA_VERSION = len(MIGRATIONS)
# How many stored articles sharing an LSH bucket are compared in full with a new one.
MAX_DUPLICATE_CANDIDATES = 50


class StoreVersionError(RuntimeError):
    """The database's schema is older or newer than this eventwire's."""


class Store:
    """An open eventwire database."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self.connection = connection
        self.path = path
        # Of the articles the last `write` stored, how many were a new version of a known uri.
        self.last_new_versions = 0

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

    def write(
        self, articles: Iterable[Article], *, fetched: Mapping[str, str] | None = None
    ) -> int:
        """Store articles in one transaction; returns how many were new (stored now).

        An article already stored, or given twice, counts once. Of the new ones,
        `last_new_versions` is how many were a new version of a uri already stored.
        `fetched` maps article ids to the time a crawler fetched them (WARC-Date).
        """
        written = versions = 0
        fetched = fetched or {}
        now = _now()
        touched: set[int] = set()
        with self.transaction() as cursor:
            for article in articles:
                cursor.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,))
                if cursor.fetchone() is None:
                    _insert_article(cursor, article, fetched=fetched.get(article.id))
                    _index_article(cursor, article, now=now, touched=touched)
                    written += 1
                    cursor.execute("SELECT version FROM articles WHERE id = ?", (article.id,))
                    versions += (cursor.fetchone()[0] or 1) > 1
            for cluster_id in sorted(touched):
                _refresh_cluster(cursor, cluster_id)
        self.last_new_versions = versions
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


def open_store(path: str | Path, *, upgrade: bool = True) -> Store:
    """Open (creating if needed) the database at `path` and bring its schema up to date.

    With `upgrade=False` an outdated schema is left as it is (for `eventwire db`).
    """
    path = str(path)
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE in `transaction`).
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 10000")
    # 64 MB of page cache (the default is 2 MB): the LSH and cluster indexes are looked up at
    # random places, and a store of 100,000 articles otherwise re-reads its pages per batch.
    connection.execute("PRAGMA cache_size = -65536")
    if upgrade:
        migrate(connection)
    return Store(connection, path)


def open_readonly(path: str | Path) -> sqlite3.Connection:
    """A connection that cannot write (datasette's habit), to a store of the current schema."""
    if not Path(path).exists():
        raise FileNotFoundError(f"no database at {path}")
    connection = sqlite3.connect(
        f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
    )
    connection.execute("PRAGMA busy_timeout = 10000")
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version != SCHEMA_VERSION:
        connection.close()
        raise StoreVersionError(
            f"{path} has schema version {version}, this eventwire reads {SCHEMA_VERSION}: "
            "run `eventwire db upgrade`"
        )
    connection.row_factory = sqlite3.Row
    return connection


def migrate(connection: sqlite3.Connection) -> int:
    """Apply the migrations the database lacks, each in one transaction; returns the version."""
    current = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if current > len(MIGRATIONS):
        raise StoreVersionError(
            f"database schema version {current} is newer than this eventwire "
            f"({len(MIGRATIONS)}); upgrade eventwire"
        )
    for version, name in enumerate(MIGRATIONS[current:], start=current + 1):
        script = (resources.files("eventwire.store") / name).read_text(encoding="utf-8")
        # The script opens the transaction and the version is set inside it, so a migration
        # interrupted half-way leaves the old version intact.
        connection.executescript(f"BEGIN IMMEDIATE;\n{script}")
        try:
            connection.execute(f"PRAGMA user_version = {version}")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    # Articles stored before version 2 have no group, version or clusters yet. Derived here,
    # after the last migration (the code that derives them writes the newest schema), in one
    # transaction; an interrupted backfill is simply redone on the next open.
    pending = "SELECT 1 FROM articles WHERE group_id IS NULL LIMIT 1"
    if connection.execute(pending).fetchone():
        connection.execute("BEGIN IMMEDIATE")
        try:
            _backfill_indexes(connection.cursor())
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    return len(MIGRATIONS)


def _backfill_indexes(cursor: sqlite3.Cursor) -> None:
    """Versions, groups and clusters for stored articles that have none yet (those of a
    version-1 store); articles already indexed (`group_id` set) are left alone."""
    rows = cursor.execute(
        "SELECT id, json FROM articles WHERE group_id IS NULL ORDER BY rowid"
    ).fetchall()
    now = _now()
    touched: set[int] = set()
    for article_id, data in rows:
        article = article_from_dict(json.loads(data))
        cursor.execute(
            "SELECT coalesce(max(version), 0) FROM articles WHERE uri = ? AND id != ?"
            " AND group_id IS NOT NULL",
            (article.uri, article_id),
        )
        version = cursor.fetchone()[0] + 1
        cursor.execute(
            "UPDATE articles SET version = ?, latest = 1 WHERE id = ?", (version, article_id)
        )
        for i, event in enumerate(article.events):
            country, admin1, feature = _place_details(article, event)
            cursor.execute(
                "UPDATE events SET place_country = ?, place_admin1 = ?, place_feature = ?"
                " WHERE article_id = ? AND idx = ?",
                (country, admin1, feature, article_id, i),
            )
        _index_article(cursor, article, now=now, touched=touched, version=version)
    for cluster_id in sorted(touched):
        _refresh_cluster(cursor, cluster_id)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- versions, near-duplicate groups, event clusters --------------------------------------


def _index_article(
    cursor: sqlite3.Cursor,
    article: Article,
    *,
    now: str,
    touched: set[int],
    version: int | None = None,
) -> None:
    """Version, group and cluster one just-inserted article.

    The clusters its events join are added to `touched`; the caller recounts them once per
    batch (`_refresh_cluster`), since a batch often brings several reports of one event.
    """
    if version is None:
        version = _set_version(cursor, article)
    elif version > 1:
        _retire_older_versions(cursor, article, version)
    group_id = _assign_group(cursor, article)
    cursor.execute("UPDATE articles SET group_id = ? WHERE id = ?", (group_id, article.id))
    if not article.failed:
        for i, event in enumerate(article.events):
            touched.add(_assign_cluster(cursor, article, i, event, now=now))


def _set_version(cursor: sqlite3.Cursor, article: Article) -> int:
    cursor.execute(
        "SELECT coalesce(max(version), 0) FROM articles WHERE uri = ? AND id != ?",
        (article.uri, article.id),
    )
    version = cursor.fetchone()[0] + 1
    cursor.execute("UPDATE articles SET version = ? WHERE id = ?", (version, article.id))
    if version > 1:
        _retire_older_versions(cursor, article, version)
    return version


def _retire_older_versions(cursor: sqlite3.Cursor, article: Article, version: int) -> None:
    """Older versions stop being latest, and their events leave their clusters."""
    older = [
        row[0]
        for row in cursor.execute(
            "SELECT id FROM articles WHERE uri = ? AND id != ? AND latest = 1 AND version < ?",
            (article.uri, article.id, version),
        )
    ]
    touched: set[int] = set()
    for old in older:
        cursor.execute("UPDATE articles SET latest = 0 WHERE id = ?", (old,))
        touched.update(
            row[0]
            for row in cursor.execute(
                "SELECT DISTINCT cluster_id FROM event_cluster_members WHERE article_id = ?",
                (old,),
            )
        )
        cursor.execute("DELETE FROM event_cluster_members WHERE article_id = ?", (old,))
    for cluster_id in sorted(touched):
        _refresh_cluster(cursor, cluster_id)


def _assign_group(cursor: sqlite3.Cursor, article: Article) -> str:
    """The near-duplicate group of a new article: a stored near-copy's group, or its own id."""
    sig = cluster.signature(article.text) if article.text and not article.failed else None
    if sig is None:
        return article.id
    keys = cluster.band_keys(sig)
    pairs = ",".join("(?, ?)" for _ in keys)
    rows = cursor.execute(
        # A joined VALUES list: SQLite searches the primary key per band (a row-value IN over
        # VALUES would scan the whole table). The candidates with most band hits, with their
        # signatures and groups, in one statement.
        f"WITH k(band, bucket) AS (VALUES {pairs}),"
        " hits AS (SELECT l.article_id, count(*) AS n FROM k"
        "  JOIN article_lsh l ON l.band = k.band AND l.bucket = k.bucket"
        "  GROUP BY l.article_id ORDER BY n DESC LIMIT ?)"
        " SELECT h.article_id, s.minhash, a.group_id FROM hits h"
        " JOIN article_signatures s ON s.article_id = h.article_id"
        " JOIN articles a ON a.id = h.article_id",
        [
            *(v for band, bucket in enumerate(keys) for v in (band, bucket)),
            MAX_DUPLICATE_CANDIDATES,
        ],
    ).fetchall()
    matched: set[str] = set()
    redundant = False
    if rows:
        stored = np.stack([cluster.signature_from_bytes(r[1]) for r in rows])
        scores = (stored == sig).mean(axis=1)
        matched = {
            r[2] or r[0]
            for r, score in zip(rows, scores, strict=True)
            if score >= cluster.DUPLICATE_THRESHOLD
        }
        redundant = float(scores.max()) >= cluster.REDUNDANT_SIMILARITY
    group_id = _merge_groups(cursor, matched) if matched else article.id
    cursor.execute(
        "INSERT OR REPLACE INTO article_signatures VALUES (?, ?)",
        (article.id, cluster.signature_bytes(sig)),
    )
    if not redundant:
        # A near-exact copy adds nothing to the buckets (whatever is near it is near the
        # stored one), and leaving it out keeps the buckets of a story syndicated a hundred
        # times small.
        cursor.executemany(
            "INSERT OR IGNORE INTO article_lsh VALUES (?, ?, ?)",
            [(band, bucket, article.id) for band, bucket in enumerate(keys)],
        )
    return group_id


def _merge_groups(cursor: sqlite3.Cursor, groups: set[str]) -> str:
    """One group out of several that a new article bridges (copies A and B both near the
    original C, though not near each other); the oldest group's id survives."""
    if len(groups) == 1:
        return next(iter(groups))
    marks = ",".join("?" * len(groups))
    keep = cursor.execute(
        f"SELECT group_id FROM articles WHERE group_id IN ({marks}) ORDER BY rowid LIMIT 1",
        list(groups),
    ).fetchone()[0]
    others = [g for g in groups if g != keep]
    marks = ",".join("?" * len(others))
    cursor.execute(f"UPDATE articles SET group_id = ? WHERE group_id IN ({marks})", [keep, *others])
    # Corroboration counts groups: the clusters these articles report on must be recounted.
    touched = [
        row[0]
        for row in cursor.execute(
            "SELECT DISTINCT m.cluster_id FROM event_cluster_members m"
            " JOIN articles a ON a.id = m.article_id WHERE a.group_id = ?",
            (keep,),
        )
    ]
    for cluster_id in touched:
        _refresh_cluster(cursor, cluster_id)
    return keep


def _assign_cluster(
    cursor: sqlite3.Cursor, article: Article, idx: int, event: Event, *, now: str
) -> int:
    """Put one event in its cluster (a new one if none matches); returns the cluster id.

    Only what the merge rule reads (dates, place, actors) is brought up to date here, so that
    the next event of the same batch sees it; counts wait for the batch's `_refresh_cluster`.
    """
    key = cluster.event_key(event, article)
    found = cluster.best_cluster(key, _candidate_clusters(cursor, key))
    place = event.place
    values = {
        "plover": event.plover,
        "factuality": event.factuality,
        "day": key.date.isoformat() if key.date else None,
        "place_name": place.name if place else None,
        "place_key": key.place_key,
        "lat": key.lat,
        "lon": key.lon,
        "now": now,
    }
    if found is None:
        cursor.execute(
            "INSERT INTO event_clusters (plover, factuality, date, date_last, place_name,"
            " place_key, lat, lon, first_seen, last_seen) VALUES (:plover, :factuality, :day,"
            " :day, :place_name, :place_key, :lat, :lon, :now, :now)",
            values,
        )
        cluster_id = int(cursor.lastrowid or 0)
    else:
        cluster_id = found.id
        cursor.execute(
            "UPDATE event_clusters SET last_seen = :now,"
            " date = CASE WHEN :day < coalesce(date, '9999') THEN :day ELSE date END,"
            " date_last = CASE WHEN :day > coalesce(date_last, '') THEN :day ELSE date_last END,"
            " place_name = coalesce(place_name, :place_name),"
            " place_key = coalesce(place_key, :place_key),"
            " lat = coalesce(lat, :lat), lon = coalesce(lon, :lon) WHERE id = :id",
            {**values, "id": cluster_id},
        )
    cursor.execute(
        "INSERT OR REPLACE INTO event_cluster_members VALUES (?, ?, ?)",
        (article.id, idx, cluster_id),
    )
    participants = [("actor", a) for a in event.actors] + [
        ("recipient", r) for r in event.recipients
    ]
    cursor.executemany(
        "INSERT OR IGNORE INTO cluster_actors (cluster_id, role, name, country, sector)"
        " VALUES (?, ?, ?, ?, ?)",
        [(cluster_id, role, p.name, p.country, p.sector) for role, p in participants],
    )
    return cluster_id


_CLUSTER_VIEW = "SELECT id, plover, date, date_last, place_key, lat, lon FROM event_clusters"
# Clusters that span longer than this are flagged `long_lived` and looked up by their end.
SHORT_LIFE_DAYS = 30


def _candidate_clusters(cursor: sqlite3.Cursor, key: cluster.EventKey) -> list[cluster.ClusterView]:
    if key.date is None or (key.place_key is None and None in (key.lat, key.lon)):
        return []  # an undated or unplaced event merges with nothing (cluster.matches)
    window = timedelta(days=cluster.MERGE_DAYS)
    low, high = (key.date - window).isoformat(), (key.date + window).isoformat()
    oldest = (key.date - window - timedelta(days=SHORT_LIFE_DAYS)).isoformat()
    rows: list[tuple] = cursor.execute(
        f"{_CLUSTER_VIEW} WHERE plover = ? AND date BETWEEN ? AND ? AND date_last >= ?",
        (key.plover, oldest, high, low),
    ).fetchall()
    rows += cursor.execute(
        f"{_CLUSTER_VIEW} WHERE plover = ? AND long_lived = 1 AND date_last >= ? AND date <= ?",
        (key.plover, low, high),
    ).fetchall()
    views = {
        r[0]: cluster.ClusterView(
            id=r[0],
            plover=r[1],
            first=cluster.parse_day(r[2]),
            last=cluster.parse_day(r[3]),
            place_key=r[4],
            lat=r[5],
            lon=r[6],
        )
        for r in rows
    }
    if views:
        marks = ",".join("?" * len(views))
        for cluster_id, name, country, sector in cursor.execute(
            "SELECT cluster_id, name, country, sector FROM cluster_actors"
            f" WHERE cluster_id IN ({marks})",
            list(views),
        ):
            views[cluster_id].actors |= cluster.identity_keys(name, country, sector)
    return list(views.values())


_MEMBERS = """
SELECT m.article_id, m.event_idx, e.mode, e.cameo, e.quad_class, e.goldstein, e.factuality,
       coalesce(e.date, substr(a.published, 1, 10)) AS day, e.place_name, e.lat, e.lon,
       e.geonames_id, e.place_feature, e.place_country, e.place_admin1, e.sentence,
       coalesce(a.site, a.uri) AS source, a.uri, a.group_id
FROM event_cluster_members m
JOIN events e ON e.article_id = m.article_id AND e.idx = m.event_idx
JOIN articles a ON a.id = m.article_id
WHERE m.cluster_id = ? AND a.latest = 1
ORDER BY a.rowid, m.event_idx
"""


def _refresh_cluster(cursor: sqlite3.Cursor, cluster_id: int) -> None:
    """Recompute a cluster's summary from its members; delete it when none is left."""
    members = cursor.execute(_MEMBERS, (cluster_id,)).fetchall()
    if not members:
        cursor.execute("DELETE FROM event_clusters WHERE id = ?", (cluster_id,))
        return
    first = members[0]
    days = sorted(m[7] for m in members if cluster.parse_day(m[7]))
    placed = next((m for m in members if m[9] is not None and m[10] is not None), None)
    placed = placed or next((m for m in members if m[8]), None)
    # A wire story copied by five sites is one source: the first site of each group counts.
    group_sources: dict[str, str] = {}
    for m in members:
        group_sources.setdefault(m[18] or m[0], m[16])
    cursor.execute(
        "UPDATE event_clusters SET mode = ?, cameo = ?, quad_class = ?, goldstein = ?,"
        " factuality = ?, date = ?, date_last = ?, place_name = ?, place_key = ?, lat = ?,"
        " lon = ?, geonames_id = ?, feature = ?, country = ?, admin1 = ?, num_articles = ?,"
        " num_sources = ?, num_mentions = ?, corroboration = ?, sentence = ?, source_url = ?,"
        " long_lived = ? WHERE id = ?",
        (
            _most_common(m[2] for m in members),
            _most_common(m[3] for m in members),
            _most_common(m[4] for m in members),
            _most_common(m[5] for m in members),
            _most_common(m[6] for m in members),
            days[0] if days else None,
            days[-1] if days else None,
            placed[8] if placed else None,
            cluster.fold_name(placed[8]) if placed and placed[8] else None,
            placed[9] if placed else None,
            placed[10] if placed else None,
            placed[11] if placed else None,
            placed[12] if placed else None,
            placed[13] if placed else None,
            placed[14] if placed else None,
            len({m[0] for m in members}),
            len({m[16] for m in members}),
            len(members),
            len(set(group_sources.values())),
            first[15],
            first[17],
            int(_span_days(days) > SHORT_LIFE_DAYS),
            cluster_id,
        ),
    )
    cursor.execute("DELETE FROM cluster_actors WHERE cluster_id = ?", (cluster_id,))
    cursor.execute("DELETE FROM cluster_actor_terms WHERE cluster_id = ?", (cluster_id,))
    cursor.execute(
        "INSERT OR IGNORE INTO cluster_actors (cluster_id, role, name, country, sector)"
        " SELECT ?, p.role, p.name, p.country, p.sector FROM event_cluster_members m"
        " JOIN event_participants p ON p.article_id = m.article_id AND p.event_idx = m.event_idx"
        " JOIN articles a ON a.id = m.article_id"
        " WHERE m.cluster_id = ? AND a.latest = 1 ORDER BY a.rowid, p.position",
        (cluster_id, cluster_id),
    )
    names = [
        r[0]
        for r in cursor.execute(
            "SELECT DISTINCT name FROM cluster_actors WHERE cluster_id = ?", (cluster_id,)
        )
    ]
    terms = set().union(*(cluster.name_terms(n) for n in names)) if names else set()
    cursor.executemany(
        "INSERT OR IGNORE INTO cluster_actor_terms VALUES (?, ?)",
        [(term, cluster_id) for term in sorted(terms)],
    )


def _span_days(days: list[str]) -> int:
    first, last = (
        cluster.parse_day(days[0]) if days else None,
        cluster.parse_day(days[-1]) if days else None,
    )
    return (last - first).days if first and last else 0


def _most_common(values: Iterable[object]) -> object:
    """The most frequent non-null value, ties going to the first seen."""
    counts = Counter(v for v in values if v is not None)
    return counts.most_common(1)[0][0] if counts else None


def _place_details(article: Article, event: Event) -> tuple[str | None, str | None, str | None]:
    """Country, admin1 and feature of an event's place, from the article's resolved places."""
    ref = event.place
    if ref is None:
        return None, None, None
    for place in article.places:
        same_id = ref.geonames_id is not None and place.geonames_id == ref.geonames_id
        if same_id or place.name == ref.name:
            return place.country, place.admin1, place.feature
    return None, None, None


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def plain(value: object) -> object:
    """`Article.to_dict()` without `dataclasses.asdict`'s deep copies, which cost a fifth of
    the store's time per article: dataclasses to dicts, lists to lists, the rest as is."""
    if isinstance(value, list):
        return [plain(v) for v in value]
    kind = type(value)
    if kind not in _FIELDS:
        is_record = dataclasses.is_dataclass(value)
        _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value)) if is_record else None  # type: ignore[arg-type]
    names = _FIELDS[kind]
    if names is None:
        return value
    return {name: plain(getattr(value, name)) for name in names}


def _insert_article(cursor: sqlite3.Cursor, article: Article, *, fetched: str | None) -> None:
    data = plain(article)
    cursor.execute(
        "INSERT INTO articles (id, uri, site, title, published, language, author, text, failed,"
        " schema_version, json, fetched) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            fetched,
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
    event_rows, participant_rows = [], []
    for i, e in enumerate(article.events):
        place = e.place
        country, admin1, feature = _place_details(article, e)
        event_rows.append(
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
                country,
                admin1,
                feature,
            )
        )
        participants = [("actor", j, a) for j, a in enumerate(e.actors)]
        participants += [("recipient", j, r) for j, r in enumerate(e.recipients)]
        participant_rows += [
            (aid, i, role, j, p.name, p.country, p.sector) for role, j, p in participants
        ]
    cursor.executemany(
        "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        event_rows,
    )
    cursor.executemany(
        "INSERT INTO event_participants VALUES (?, ?, ?, ?, ?, ?, ?)", participant_rows
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
        "INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                s.cameo,
            )
            for i, s in enumerate(article.statements)
        ],
    )
