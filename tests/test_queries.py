"""`eventwire events`, `show`, `stats`, `db`: filters, query plans that use indexes, output."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import open_store
from eventwire.store.queries import EventFilter, event_detail, explain, find_events, stats
from eventwire.store.sqlite import SCHEMA_VERSION, open_readonly
from storekit import IDLIB, KYIV, article, event


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "events.db"
    docs = [
        article(
            "Russian forces shelled Kharkiv overnight, officials said.",
            uri="https://a.example/1",
            site="a.example",
            events=[event()],
        ),
        article(
            "Kharkiv came under Russian shelling again, the governor said on Friday.",
            uri="https://b.example/2",
            site="b.example",
            events=[event(date="2024-11-02", sentence="Kharkiv came under Russian shelling.")],
        ),
        article(
            "Ukraine accused Russia of war crimes in Kyiv.",
            uri="https://c.example/3",
            site="c.example",
            published="2024-11-05",
            events=[
                event(
                    "ACCUSE",
                    cameo="112",
                    actors=(("Ukraine", "UKR"),),
                    recipients=(("Russia", "RUS"),),
                    place=KYIV,
                    date="2024-11-05",
                    sentence="Ukraine accused Russia of war crimes.",
                ),
                event(
                    "THREATEN",
                    cameo="138",
                    actors=(("Sergei Lavrov", "RUS"),),
                    place=None,
                    date="2024-11-05",
                    factuality="threatened",
                    sentence="Lavrov threatened an offensive.",
                ),
            ],
        ),
        article(
            "Syrian government forces bombed Idlib.",
            uri="https://d.example/4",
            site="d.example",
            published="2024-10-20",
            events=[event(actors=(("Syrian army", "SYR"),), place=IDLIB, date="2024-10-20")],
        ),
    ]
    with open_store(path) as store:
        store.write(docs[:2])
        store.write(docs[2:])
    return path


def _ids(db, **kw):
    connection = open_readonly(db)
    try:
        return [(e["plover"], e["place_name"]) for e in find_events(connection, EventFilter(**kw))]
    finally:
        connection.close()


def test_filters(db):
    assert len(_ids(db)) == 4  # the two Kharkiv reports are one event
    # Newest first; on one day the later-created event first.
    assert _ids(db, actor="RUS") == [
        ("THREATEN", None),
        ("ACCUSE", "Kyiv"),
        ("ASSAULT", "Kharkiv"),
    ]
    assert _ids(db, actor="lavrov") == [("THREATEN", None)]
    assert _ids(db, actor="Sergei Lavrov") == [("THREATEN", None)]
    assert _ids(db, country="syr") == [("ASSAULT", "Idlib")]
    assert _ids(db, type="ASSAULT") == [("ASSAULT", "Kharkiv"), ("ASSAULT", "Idlib")]
    assert _ids(db, type="11") == [("ACCUSE", "Kyiv")]  # CAMEO prefix
    assert _ids(db, type="13") == [("THREATEN", None)]
    assert _ids(db, near=(50.0, 36.2), km=30) == [("ASSAULT", "Kharkiv")]
    assert _ids(db, near=(50.0, 36.2), km=500) == [("ACCUSE", "Kyiv"), ("ASSAULT", "Kharkiv")]
    assert _ids(db, bbox=(30.0, 45.0, 40.0, 52.0)) == [("ACCUSE", "Kyiv"), ("ASSAULT", "Kharkiv")]
    assert _ids(db, since="2024-11-03") == [("THREATEN", None), ("ACCUSE", "Kyiv")]
    assert _ids(db, until="2024-10-31") == [("ASSAULT", "Idlib")]
    assert _ids(db, factuality="threatened") == [("THREATEN", None)]
    assert _ids(db, min_sources=2) == [("ASSAULT", "Kharkiv")]
    assert _ids(db, search="governor") == [("ASSAULT", "Kharkiv")]
    assert _ids(db, search="crimes", actor="UKR") == [("ACCUSE", "Kyiv")]
    assert _ids(db, type="ASSAULT", country="UKR", min_sources=2) == [("ASSAULT", "Kharkiv")]


def test_common_filters_use_indexes(db):
    connection = open_readonly(db)
    plans = {
        "actor country": EventFilter(actor="RUS"),
        "actor name": EventFilter(actor="lavrov"),
        "country": EventFilter(country="UKR"),
        "type": EventFilter(type="ASSAULT"),
        "cameo": EventFilter(type="19"),
        "near": EventFilter(near=(50.0, 36.2), km=30),
        "bbox": EventFilter(bbox=(30.0, 45.0, 40.0, 52.0)),
        "since": EventFilter(since="2024-11-01"),
        "factuality": EventFilter(factuality="threatened"),
        "min sources": EventFilter(min_sources=2),
        "search": EventFilter(search="governor"),
    }
    for name, f in plans.items():
        plan = " | ".join(explain(connection, f))
        assert "SCAN c" not in plan, f"{name}: {plan}"
        assert any(k in plan for k in ("INDEX", "PRIMARY KEY", "VIRTUAL TABLE")), f"{name}: {plan}"
    connection.close()


def test_event_detail_has_every_evidence_sentence(db):
    connection = open_readonly(db)
    [kharkiv] = find_events(connection, EventFilter(type="ASSAULT", country="UKR"))
    detail = event_detail(connection, kharkiv["id"])
    assert detail is not None
    assert detail["num_articles"] == 2 and detail["num_sources"] == 2
    assert [e["sentence"] for e in detail["evidence"]] == [
        "Russian forces shelled Kharkiv.",
        "Kharkiv came under Russian shelling.",
    ]
    assert [e["site"] for e in detail["evidence"]] == ["a.example", "b.example"]
    assert detail["actors"] == [{"name": "Russian army", "country": "RUS", "sector": "MIL"}]
    assert event_detail(connection, 10_000) is None
    counts = stats(connection)
    assert dict(counts["type"]) == {"ASSAULT": 2, "ACCUSE": 1, "THREATEN": 1}
    assert dict(counts["country"]) == {"UKR": 2, "SYR": 1, None: 1}
    assert counts["day"][0] == ("2024-10-20", 1)
    connection.close()


def test_cli_events_show_stats_db(db):
    runner = CliRunner()
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl", "--actor", "RUS"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["plover"] for r in rows} == {"ASSAULT", "ACCUSE", "THREATEN"}
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "csv", "--type", "19"])
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["place_name"] for r in table] == ["Kharkiv", "Idlib"]
    result = runner.invoke(app, ["events", "--db", str(db), "--near", "Kharkiv", "--km", "40"])
    assert result.exit_code == 0, result.output
    assert "Kharkiv" in result.stdout and "Idlib" not in result.stdout
    result = runner.invoke(app, ["events", "--db", str(db), "--near", "50.0,36.2", "--km", "40"])
    assert "Kharkiv" in result.stdout
    kharkiv = next(r for r in rows if r["plover"] == "ASSAULT")
    result = runner.invoke(app, ["show", str(kharkiv["id"]), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Kharkiv came under Russian shelling." in result.stdout
    assert "https://b.example/2" in result.stdout
    assert runner.invoke(app, ["show", "999", "--db", str(db)]).exit_code == 1
    result = runner.invoke(app, ["stats", "--db", str(db), "--json"])
    assert json.loads(result.stdout)["totals"]["event_clusters"] == 4
    result = runner.invoke(app, ["db", "--db", str(db)])
    assert f"schema_version: {SCHEMA_VERSION}" in result.stdout and "articles: 4" in result.stdout
    result = runner.invoke(app, ["db", "--db", str(db), "upgrade"])
    assert result.exit_code == 0 and f"{SCHEMA_VERSION} -> {SCHEMA_VERSION}" in result.output


def test_cli_usage_errors(tmp_path, db):
    runner = CliRunner()
    assert runner.invoke(app, ["events", "--db", str(tmp_path / "none.db")]).exit_code == 2
    assert runner.invoke(app, ["events", "--db", str(db), "--bbox", "1,2"]).exit_code == 2
    assert runner.invoke(app, ["events", "--db", str(db), "--factuality", "maybe"]).exit_code == 2


def test_search_terms_are_fts5_strings(tmp_path):
    from eventwire.store.queries import fts_query

    assert fts_query("al-Nusra") == '"al-Nusra"'
    assert fts_query('U.S. "humanitarian corridor"') == '"U.S." "humanitarian corridor"'
    assert fts_query('a"b corrid*') == '"a""b" "corrid"*'
    path = tmp_path / "fts.db"
    text = "The U.S. envoy said al-Nusra fighters had left Sudan's capital, Khartoum."
    with open_store(path) as store:
        store.write([article(text, uri="https://s.example/1", events=[event()])])
    runner = CliRunner()
    for query in ("al-Nusra", "U.S.", "Sudan's", '"envoy said"', "Khart*"):
        result = runner.invoke(app, ["events", "--db", str(path), "--search", query])
        assert result.exit_code == 0, (query, result.output)
        assert "1 event" in result.output, query
    result = runner.invoke(app, ["events", "--db", str(path), "--search", '"said envoy"'])
    assert result.exit_code == 0 and "0 events" in result.output  # a phrase stays a phrase


def test_actor_and_country_take_country_names(db):
    assert _ids(db, actor="Syria") == [("ASSAULT", "Idlib")]
    assert _ids(db, actor="Syrian") == _ids(db, actor="SYR")
    assert _ids(db, actor="Russia") == _ids(db, actor="RUS")
    assert _ids(db, country="Ukraine") == [("ACCUSE", "Kyiv"), ("ASSAULT", "Kharkiv")]
    assert _ids(db, country="Syrian") == [("ASSAULT", "Idlib")]


def _events(db, *args):
    return CliRunner().invoke(app, ["events", "--db", str(db), "--format", "jsonl", *args])


def test_bad_filter_values_are_usage_errors(db):
    for args in (
        ["--since", "yesterday"],
        ["--since", "2024-13-45"],
        ["--until", "2024-02-30"],
        ["--since", "24-11-01"],
        ["--type", "BOGUS"],
        ["--near", "Xqzzyplacenowhere"],
        ["--km", "10"],
        ["--country", "Atlantis"],
    ):
        result = _events(db, *args)
        assert result.exit_code == 2, (args, result.output)
    assert "YYYY-MM-DD" in _events(db, "--since", "yesterday").output
    # Months and years are whole periods.
    assert len(_events(db, "--since", "2024-11").stdout.splitlines()) == 3
    assert len(_events(db, "--until", "2024-10").stdout.splitlines()) == 1
    assert len(_events(db, "--since", "2024", "--until", "2024").stdout.splitlines()) == 4
    assert len(_events(db, "--type", "assault").stdout.splitlines()) == 2


def test_events_table_when_piped_and_stats_labels(db):
    runner = CliRunner()
    result = runner.invoke(app, ["events", "--db", str(db), "--type", "ACCUSE"])
    assert result.exit_code == 0, result.output
    # Not a terminal: a wide table, one line per event, and "1 event", not "1 events".
    row = next(line for line in result.stdout.splitlines() if "Ukraine accused Russia" in line)
    assert "ACCUSE" in row and "Kyiv" in row
    assert "1 event" in result.output and "1 events" not in result.output
    result = runner.invoke(app, ["stats", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "merged events" in result.stdout
