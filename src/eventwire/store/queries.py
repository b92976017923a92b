"""Questions asked of the store: filtered event lists, one event in full, counts.

Every function takes a (read-only) connection and plain data, and returns plain data. The
unit is the event cluster: one real-world event merged over every article that reports it.
Each filter is one SQL condition that an index serves (see `tests/test_queries.py` for the
query plans); the distance filter narrows by an indexed bounding box, then checks the circle.
"""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from .. import cluster

EVENT_COLUMNS = (
    "id",
    "plover",
    "mode",
    "cameo",
    "quad_class",
    "goldstein",
    "factuality",
    "date",
    "date_last",
    "place_name",
    "lat",
    "lon",
    "geonames_id",
    "feature",
    "country",
    "admin1",
    "num_articles",
    "num_sources",
    "num_mentions",
    "corroboration",
    "sentence",
    "source_url",
    "first_seen",
    "last_seen",
)
_KM_PER_DEGREE = 111.32


@dataclass(slots=True, kw_only=True)
class EventFilter:
    """What `eventwire events` asks for; None means no condition."""

    actor: str | None = None
    country: str | None = None
    type: str | None = None
    near: tuple[float, float] | None = None
    km: float = 50.0
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    since: str | None = None
    until: str | None = None
    factuality: str | None = None
    min_sources: int | None = None
    search: str | None = None
    limit: int | None = None


def event_query(f: EventFilter) -> tuple[str, list[Any]]:
    """The SQL and parameters that select the clusters a filter asks for, newest first."""
    where: list[str] = []
    params: list[Any] = []
    if f.actor:
        actor = f.actor.strip()
        code = actor if len(actor) == 3 and actor.isalpha() and actor.isupper() else None
        code = code or country_code(actor)
        if code:
            where.append("c.id IN (SELECT cluster_id FROM cluster_actors WHERE country = ?)")
            params.append(code)
        else:
            where.append("c.id IN (SELECT cluster_id FROM cluster_actor_terms WHERE term = ?)")
            params.append(cluster.fold_name(actor))
    if f.country:
        where.append("c.country = ?")
        params.append(country_code(f.country) or f.country.strip().upper())
    if f.type:
        kind = f.type.strip()
        if kind.isdigit():
            # A CAMEO prefix as a range, which the index serves (LIKE would not).
            where.append("c.cameo >= ? AND c.cameo < ?")
            params += [kind, kind[:-1] + chr(ord(kind[-1]) + 1)]
        else:
            where.append("c.plover = ?")
            params.append(kind.upper())
    box = f.bbox
    if f.near is not None:
        box = _box_around(f.near, f.km)
    if box is not None:
        min_lon, min_lat, max_lon, max_lat = box
        where.append("c.lat BETWEEN ? AND ? AND c.lon BETWEEN ? AND ?")
        params += [min_lat, max_lat, min_lon, max_lon]
    if f.since:
        where.append("c.date >= ?")
        params.append(f.since)
    if f.until:
        where.append("c.date <= ?")
        params.append(f.until[:10])
    if f.factuality:
        where.append("c.factuality = ?")
        params.append(f.factuality)
    if f.min_sources:
        where.append("c.num_sources >= ?")
        params.append(f.min_sources)
    if f.search:
        where.append(
            "c.id IN (SELECT m.cluster_id FROM articles_fts"
            " JOIN articles a ON a.rowid = articles_fts.rowid"
            " JOIN event_cluster_members m ON m.article_id = a.id"
            " WHERE articles_fts MATCH ? AND a.latest = 1)"
        )
        params.append(fts_query(f.search))
    sql = f"SELECT {', '.join('c.' + c for c in EVENT_COLUMNS)} FROM event_clusters c"
    if where:
        # `+c.date`: not an index column for ordering, so that SQLite serves the filter from its
        # index and sorts the (few) matches, instead of walking the date index over all events.
        sql += " WHERE " + " AND ".join(where) + " ORDER BY +c.date DESC, c.id DESC"
    else:
        sql += " ORDER BY c.date DESC, c.id DESC"
    if f.limit and f.near is None:
        sql += f" LIMIT {int(f.limit)}"
    return sql, params


_FTS_TERM = re.compile(r'"([^"]*)"|(\S+)')


def fts_query(text: str) -> str:
    """A user's search text as an FTS5 query: each whitespace-separated word, and each "quoted
    phrase", becomes an FTS5 string (inner quotes doubled), so that punctuation ("al-Nusra",
    "U.S.", "Sudan's") is never FTS5 syntax; the terms are ANDed; a trailing * keeps prefix search.
    """
    parts = []
    for phrase, word in _FTS_TERM.findall(text):
        term = phrase if phrase else word
        prefix = bool(word) and len(word) > 1 and word.endswith("*")
        if prefix:
            term = term[:-1]
        if not term.strip():
            continue
        parts.append('"' + term.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(parts)


_NAME_WORD = re.compile(r"\w+(?:\.\w+)*\.?|[^\w\s]")


def country_code(text: str) -> str | None:
    """The ISO3 code of a country name or demonym ("Syria", "Syrian", "the United States"),
    from the actors lexicon; None for anything else (an ISO3 code itself included)."""
    from ..actors import lexicon

    name = text.strip()
    name = name[4:] if name.lower().startswith("the ") else name
    words = tuple(_NAME_WORD.findall(name))
    if not words:
        return None
    lex = lexicon()
    entry = lex.exact.get(words) or lex.lower.get(tuple(w.lower() for w in words))
    if entry is None or entry.kind != "country" or entry.form not in ("name", "demonym"):
        return None
    return entry.country


def find_events(connection: sqlite3.Connection, f: EventFilter) -> list[dict[str, Any]]:
    """The event clusters matching a filter, as dicts with actors and recipients attached."""
    sql, params = event_query(f)
    rows = [dict(zip(EVENT_COLUMNS, row, strict=True)) for row in connection.execute(sql, params)]
    if f.near is not None:
        lat, lon = f.near
        rows = [r for r in rows if cluster.haversine_km(lat, lon, r["lat"], r["lon"]) <= f.km][
            : f.limit or None
        ]
    _attach_participants(connection, rows)
    return rows


def event_detail(connection: sqlite3.Connection, cluster_id: int) -> dict[str, Any] | None:
    """One cluster with every evidence sentence and the article it came from."""
    row = connection.execute(
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM event_clusters WHERE id = ?", (cluster_id,)
    ).fetchone()
    if row is None:
        return None
    event = dict(zip(EVENT_COLUMNS, row, strict=True))
    _attach_participants(connection, [event])
    event["evidence"] = [
        {
            "article_id": r[0],
            "event_idx": r[1],
            "sentence": r[2],
            "factuality": r[3],
            "date": r[4],
            "place": r[5],
            "uri": r[6],
            "site": r[7],
            "title": r[8],
            "published": r[9],
            "version": r[10],
            "group_id": r[11],
        }
        for r in connection.execute(
            "SELECT m.article_id, m.event_idx, e.sentence, e.factuality, e.date, e.place_name,"
            " a.uri, a.site, a.title, a.published, a.version, a.group_id"
            " FROM event_cluster_members m"
            " JOIN events e ON e.article_id = m.article_id AND e.idx = m.event_idx"
            " JOIN articles a ON a.id = m.article_id"
            " WHERE m.cluster_id = ? AND a.latest = 1 ORDER BY a.rowid, m.event_idx",
            (cluster_id,),
        )
    ]
    return event


def stats(connection: sqlite3.Connection) -> dict[str, list[tuple[str | None, int]]]:
    """Event clusters counted by type, by country and by day."""
    return {
        name: [
            (r[0], r[1])
            for r in connection.execute(
                f"SELECT {column}, count(*) AS n FROM event_clusters GROUP BY {column}"
                f" ORDER BY {order}"
            )
        ]
        for name, column, order in (
            ("type", "plover", "n DESC, plover"),
            ("country", "country", "n DESC, country"),
            ("day", "date", "date"),
        )
    }


def totals(connection: sqlite3.Connection) -> dict[str, int]:
    """Articles (all versions and latest), near-duplicate groups, events and clusters."""
    one = lambda sql: int(connection.execute(sql).fetchone()[0])  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM articles WHERE latest = 1"),
        "versions": one("SELECT count(*) FROM articles"),
        "failed": one("SELECT count(*) FROM articles WHERE failed = 1 AND latest = 1"),
        "groups": one("SELECT count(DISTINCT group_id) FROM articles WHERE latest = 1"),
        "events": one("SELECT count(*) FROM events"),
        "event_clusters": one("SELECT count(*) FROM event_clusters"),
    }


def explain(connection: sqlite3.Connection, f: EventFilter) -> list[str]:
    """SQLite's query plan for a filter (one line per step)."""
    sql, params = event_query(f)
    return [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params)]


def _attach_participants(connection: sqlite3.Connection, rows: list[dict[str, Any]]) -> None:
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        r["actors"], r["recipients"] = [], []
    ids = list(by_id)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for cluster_id, role, name, country, sector in connection.execute(
            "SELECT cluster_id, role, name, country, sector FROM cluster_actors"
            f" WHERE cluster_id IN ({marks}) ORDER BY rowid",
            chunk,
        ):
            key = "actors" if role == "actor" else "recipients"
            by_id[cluster_id][key].append({"name": name, "country": country, "sector": sector})


def _box_around(center: tuple[float, float], km: float) -> tuple[float, float, float, float]:
    lat, lon = center
    dlat = km / _KM_PER_DEGREE
    dlon = km / (_KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    return (lon - dlon, lat - dlat, lon + dlon, lat + dlat)
