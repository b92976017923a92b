"""The store: idempotent writes, versions, migrations, one transaction per batch."""

from __future__ import annotations

import json
import sqlite3
from importlib import resources

import pytest

from eventwire.store import open_store
from eventwire.store.sqlite import (
    MIGRATIONS,
    SCHEMA_VERSION,
    StoreVersionError,
    migrate,
    open_readonly,
)
from storekit import OTHER_STORY, STORY, article, event


def _count(connection, sql="SELECT count(*) FROM articles"):
    return connection.execute(sql).fetchone()[0]


def test_rewriting_the_same_articles_changes_nothing(tmp_path):
    docs = [
        article(STORY, uri="https://a.example/1", site="a.example", events=[event()]),
        article(OTHER_STORY, uri="https://b.example/2", site="b.example"),
    ]
    path = tmp_path / "s.db"
    with open_store(path) as store:
        assert store.write(docs) == 2
        before = store.connection.execute("SELECT * FROM event_clusters ORDER BY id").fetchall()
    with open_store(path) as store:
        assert store.write(docs) == 0
        assert _count(store.connection) == 2
        assert _count(store.connection, "SELECT count(*) FROM events") == 1
        after = store.connection.execute("SELECT * FROM event_clusters ORDER BY id").fetchall()
    assert after == before


def test_a_changed_article_is_a_new_version_not_a_duplicate(tmp_path):
    uri = "https://a.example/story"
    v1 = article(STORY, uri=uri, site="a.example")
    v2 = article(STORY + " Corrected.", uri=uri, site="a.example")
    v3 = article(STORY + " Corrected again.", uri=uri, site="a.example")
    with open_store(tmp_path / "s.db") as store:
        store.write([v1])
        store.write([v2, v3])
        store.write([v1])  # an old version seen again is still known: nothing changes
        rows = store.connection.execute(
            "SELECT id, version, latest FROM articles ORDER BY version"
        ).fetchall()
    assert rows == [(v1.id, 1, 0), (v2.id, 2, 0), (v3.id, 3, 1)]


def test_fetched_is_kept_apart_from_published(tmp_path):
    doc = article(STORY, uri="https://a.example/1", published="2019-05-01")
    with open_store(tmp_path / "s.db") as store:
        store.write([doc], fetched={doc.id: "2024-11-30T10:00:00Z"})
        row = store.connection.execute("SELECT published, fetched FROM articles").fetchone()
    assert row == ("2019-05-01", "2024-11-30T10:00:00Z")


def test_a_failing_batch_leaves_nothing_behind(tmp_path):
    good = article(STORY, uri="https://a.example/1", events=[event()])
    bad = article(OTHER_STORY, uri="https://a.example/2")
    bad.events = [None]  # type: ignore[list-item]  # breaks half-way through the batch
    with open_store(tmp_path / "s.db") as store:
        with pytest.raises(AttributeError):
            store.write([good, bad])
        assert _count(store.connection) == 0
        assert _count(store.connection, "SELECT count(*) FROM event_clusters") == 0
        assert store.write([good]) == 1


def test_wal_mode_and_schema_version(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        assert store.version == SCHEMA_VERSION == len(MIGRATIONS)
        assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_readonly_connections_cannot_write(tmp_path):
    path = tmp_path / "s.db"
    with open_store(path) as store:
        store.write([article(STORY, uri="u")])
    connection = open_readonly(path)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        connection.execute("DELETE FROM articles")
    connection.close()


def _version_1_store(path, doc):
    """A store as eventwire 0.1 left it: schema version 1, one article with one event."""
    connection = sqlite3.connect(path, isolation_level=None)
    script = (resources.files("eventwire.store") / "schema.sql").read_text(encoding="utf-8")
    connection.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = 1;\nCOMMIT;")
    connection.execute(
        "INSERT INTO articles (id, uri, site, title, published, language, author, text, failed,"
        " schema_version, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, '1.0', ?)",
        (
            doc.id,
            doc.uri,
            doc.site,
            doc.title,
            doc.published,
            "en",
            None,
            doc.text,
            json.dumps(doc.to_dict()),
        ),
    )
    for i, p in enumerate(doc.places):
        connection.execute(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.id, i, p.name, p.geonames_id, p.lat, p.lon, p.feature, p.country, None, 1, 1),
        )
    e = doc.events[0]
    connection.execute(
        "INSERT INTO events VALUES"
        " (?, 0, ?, NULL, ?, 4, -10, ?, ?, ?, ?, ?, ?, NULL, ?, 0, 5, 0.9)",
        (
            doc.id,
            e.plover,
            e.cameo,
            e.place.name,
            e.place.lat,
            e.place.lon,
            e.place.geonames_id,
            e.date,
            e.factuality,
            e.sentence,
        ),
    )
    connection.execute(
        "INSERT INTO event_participants VALUES (?, 0, 'actor', 0, ?, ?, ?)",
        (doc.id, e.actors[0].name, e.actors[0].country, e.actors[0].sector),
    )
    connection.close()


def test_migration_from_version_1_backfills_groups_and_clusters(tmp_path):
    path = tmp_path / "old.db"
    doc = article(STORY, uri="https://a.example/1", site="a.example", events=[event()])
    _version_1_store(path, doc)
    with pytest.raises(StoreVersionError, match="db upgrade"):
        open_readonly(path)
    with open_store(path, upgrade=False) as store:
        assert store.version == 1
        assert migrate(store.connection) == SCHEMA_VERSION
        c = store.connection
        assert c.execute("SELECT version, latest, group_id FROM articles").fetchone() == (
            1,
            1,
            doc.id,
        )
        assert c.execute(
            "SELECT plover, country, num_articles, num_sources FROM event_clusters"
        ).fetchall() == [("ASSAULT", "UKR", 1, 1)]
        # The migrated store goes on like a new one: a copy joins the group and the cluster.
        copy = article(
            STORY + " (AP)", uri="https://b.example/2", site="b.example", events=[event()]
        )
        store.write([copy])
        assert c.execute("SELECT num_articles, corroboration FROM event_clusters").fetchall() == [
            (2, 1)
        ]
    assert open_readonly(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.db"
    with open_store(path) as store:
        store.connection.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreVersionError, match="newer"):
        open_store(path)


def test_cli_db_upgrade_and_info(tmp_path):
    from typer.testing import CliRunner

    from eventwire.cli import app

    path = tmp_path / "old.db"
    _version_1_store(path, article(STORY, uri="u", site="s", events=[event()]))
    runner = CliRunner()
    assert "schema_version: 1" in runner.invoke(app, ["db", "--db", str(path)]).stdout
    assert runner.invoke(app, ["events", "--db", str(path)]).exit_code == 2  # outdated
    result = runner.invoke(app, ["db", "upgrade", "--db", str(path)])
    assert result.exit_code == 0 and f"1 -> {SCHEMA_VERSION}" in result.output
    info = runner.invoke(app, ["db", "info", "--db", str(path)]).stdout
    assert f"schema_version: {SCHEMA_VERSION}" in info and "event_clusters: 1" in info
    assert runner.invoke(app, ["db", "--db", str(tmp_path / "none.db")]).exit_code == 2


def test_migration_from_version_2_flags_long_lived_clusters(tmp_path):
    path = tmp_path / "v2.db"
    connection = sqlite3.connect(path, isolation_level=None)
    for name in ("schema.sql", "002_versions_groups_clusters.sql"):
        script = (resources.files("eventwire.store") / name).read_text(encoding="utf-8")
        connection.executescript(f"BEGIN;\n{script}\nCOMMIT;")
    connection.execute("PRAGMA user_version = 2")
    connection.executemany(
        "INSERT INTO event_clusters (plover, factuality, date, date_last, first_seen, last_seen)"
        " VALUES ('ASSAULT', 'asserted', ?, ?, 'x', 'x')",
        [("2024-01-01", "2024-01-05"), ("2024-01-01", "2024-03-01")],
    )
    connection.close()
    with open_store(path) as store:
        assert store.version == SCHEMA_VERSION
        flags = store.connection.execute("SELECT long_lived FROM event_clusters ORDER BY id")
        assert [f[0] for f in flags] == [0, 1]


def test_plain_is_to_dict():
    from eventwire.store.sqlite import plain

    doc = article(STORY, uri="u", site="s", events=[event(recipients=(("Kyiv", "UKR"),))])
    doc.errors = []
    assert plain(doc) == doc.to_dict()
    assert json.loads(json.dumps(plain(doc))) == doc.to_dict()


def test_write_reports_new_articles_and_versions(tmp_path):
    with open_store(tmp_path / "v.db") as store:
        first = article(STORY, uri="https://v.example/1")
        assert store.write([first, first]) == 1  # the same article twice is stored once
        assert store.last_new_versions == 0
        assert store.write([first]) == 0
        assert store.write([article(OTHER_STORY, uri="https://v.example/1")]) == 1
        assert store.last_new_versions == 1
