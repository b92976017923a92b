"""`eventwire export`: every format, from a real store file."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import open_store
from eventwire.store.export import (
    FLAT_COLUMNS,
    GDELT_COLUMNS,
    GDELT_FILLED,
    gdelt_rows,
    iso3_to_fips,
)
from storekit import KHARKIV, article, event


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("x") / "events.db"
    docs = [
        article(
            "Russian forces shelled Kharkiv overnight.",
            uri="https://a.example/1",
            site="a.example",
            events=[
                event(
                    actors=(("Russian army", "RUS"), ("Wagner", "RUS")),
                    recipients=(("Ukrainian civilians", "UKR"),),
                )
            ],
        ),
        article(
            "Kharkiv shelled again, officials said.",
            uri="https://b.example/2",
            site="b.example",
            events=[event(recipients=(("Ukrainian civilians", "UKR"),))],
        ),
        article(
            "Lavrov threatened an offensive.",
            uri="https://c.example/3",
            site="c.example",
            events=[event("THREATEN", cameo="138", place=None, factuality="threatened", date=None)],
            published="2024-11-04T09:30:00Z",
        ),
    ]
    with open_store(path) as store:
        store.write(docs)
    return path


def _export(db, *args):
    result = CliRunner().invoke(app, ["export", "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_csv_and_jsonl(db):
    rows = list(csv.DictReader(io.StringIO(_export(db, "--format", "csv"))))
    assert tuple(rows[0]) == FLAT_COLUMNS
    assault = next(r for r in rows if r["plover"] == "ASSAULT")
    assert assault["actor_names"] == "Russian army; Wagner"
    assert assault["recipient_countries"] == "UKR"
    assert assault["num_articles"] == "2" and assault["num_sources"] == "2"
    records = [json.loads(x) for x in _export(db, "--format", "jsonl").splitlines()]
    assert {r["plover"] for r in records} == {"ASSAULT", "THREATEN"}
    threat = next(r for r in records if r["plover"] == "THREATEN")
    assert threat["date"] == "2024-11-04"  # no event date: the article's publication day


def test_parquet_has_flat_typed_columns(db, tmp_path):
    out = tmp_path / "events.parquet"
    CliRunner().invoke(app, ["export", "--db", str(db), "--format", "parquet", "-o", str(out)])
    table = pq.read_table(out)
    assert tuple(table.column_names) == FLAT_COLUMNS
    assert table.num_rows == 2
    assert str(table.schema.field("lat").type) == "double"
    assert sorted(table.column("num_sources").to_pylist()) == [1, 2]
    assert (
        CliRunner().invoke(app, ["export", "--db", str(db), "--format", "parquet"]).exit_code == 2
    )


def test_geojson_only_events_with_coordinates(db):
    collection = json.loads(_export(db, "--format", "geojson"))
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [KHARKIV[2], KHARKIV[1]]}
    assert feature["properties"]["plover"] == "ASSAULT"


def test_gdelt_61_columns_dyads_and_fips(db):
    lines = _export(db, "--format", "gdelt").splitlines()
    rows = [line.split("\t") for line in lines]
    assert len(GDELT_COLUMNS) == 61 and all(len(r) == 61 for r in rows)
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    assault = [r for r in rows if r[col["EventRootCode"]] == "19"]
    # Two actors x one recipient: two dyads, two rows of one event.
    assert sorted(r[col["Actor1Name"]] for r in assault) == ["RUSSIAN ARMY", "WAGNER"]
    row = assault[0]
    assert row[col["SQLDATE"]] == "20241101"
    assert row[col["MonthYear"]] == "202411" and row[col["Year"]] == "2024"
    assert row[col["FractionDate"]] == "2024.9068"
    assert row[col["Actor1Code"]] == "RUSMIL" and row[col["Actor1CountryCode"]] == "RUS"
    assert row[col["Actor2CountryCode"]] == "UKR"
    assert row[col["EventCode"]] == "190" and row[col["EventBaseCode"]] == "190"
    assert row[col["QuadClass"]] == "4" and row[col["GoldsteinScale"]] == "-10.0"
    assert row[col["NumArticles"]] == "2" and row[col["NumSources"]] == "2"
    assert row[col["ActionGeo_CountryCode"]] == "UP"  # FIPS for Ukraine, not ISO's UKR
    assert row[col["ActionGeo_Type"]] == "4"
    assert row[col["ActionGeo_FullName"]] == "Kharkiv, Ukraine"
    assert row[col["ActionGeo_Lat"]] == "49.9935" and row[col["ActionGeo_FeatureID"]] == "706483"
    assert row[col["SOURCEURL"]] == "https://a.example/1"
    assert len(row[col["DATEADDED"]]) == 14
    assert row[col["AvgTone"]] == "" and row[col["Actor1Geo_Lat"]] == ""
    for name in GDELT_COLUMNS:
        if name not in GDELT_FILLED:
            assert all(r[col[name]] == "" for r in rows), name


def test_gdelt_event_without_participants_or_place():
    [row] = list(gdelt_rows({"id": 7, "plover": "PROTEST", "actors": [], "recipients": []}))
    assert len(row) == 61 and row[0] == "700"
    assert iso3_to_fips()["SYR"] == ("SY", "Syria")
    assert iso3_to_fips()["DEU"][0] == "GM"
    region = {"id": 8, "plover": "AID", "place_name": "Kharkivska oblast", "lat": 49.6,
              "lon": 36.5, "country": "UKR", "feature": "A.ADM1", "actors": []}  # fmt: skip
    [row] = list(gdelt_rows(region))
    assert row[GDELT_COLUMNS.index("ActionGeo_Type")] == "5"
    assert row[GDELT_COLUMNS.index("ActionGeo_CountryCode")] == "UP"


def test_plover_records(db):
    records = [json.loads(x) for x in _export(db, "--format", "plover").splitlines()]
    assault = next(r for r in records if r["event_type"] == "ASSAULT")
    assert [a["text"] for a in assault["attributes"]["ACTOR"]] == ["Russian army", "Wagner"]
    assert assault["attributes"]["RECIP"][0]["country"] == "UKR"
    assert assault["event_geolocation"]["geonameid"] == KHARKIV[4]
    assert assault["event_text"] == "Russian forces shelled Kharkiv."
    threat = next(r for r in records if r["event_type"] == "THREATEN")
    assert threat["factuality"] == "threatened" and threat["attributes"]["LOC"] == []


def test_export_to_file_and_filter(db, tmp_path):
    out = tmp_path / "threats.jsonl"
    _export(db, "--format", "jsonl", "--type", "THREATEN", "--output", str(out))
    assert [json.loads(x)["plover"] for x in out.read_text().splitlines()] == ["THREATEN"]
    assert CliRunner().invoke(app, ["export", "--db", str(db), "--format", "xml"]).exit_code == 2


def test_gdelt_undated_event_has_no_date(tmp_path):
    # Neither the event nor its article has a date: SQLDATE & co stay empty (not the ingest day).
    path = tmp_path / "undated.db"
    doc = article(
        "Protesters gathered in Kharkiv.",
        uri="https://u.example/1",
        events=[event("PROTEST", cameo="141", date=None)],
        published="",
    )
    with open_store(path) as store:
        store.write([doc])
    [line] = _export(path, "--format", "gdelt").splitlines()
    row = dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True))
    assert {row[c] for c in ("SQLDATE", "MonthYear", "Year", "FractionDate")} == {""}
    assert row["DATEADDED"]  # when it was first seen is still there
    # A dated article still dates its undated event.
    threat = next(x for x in _export_gdelt_rows(tmp_path) if x["EventCode"] == "138")
    assert threat["SQLDATE"] == "20241104"


def _export_gdelt_rows(tmp_path):
    path = tmp_path / "dated.db"
    doc = article(
        "Lavrov threatened an offensive.",
        uri="https://c.example/3",
        events=[event("THREATEN", cameo="138", place=None, factuality="threatened", date=None)],
        published="2024-11-04T09:30:00Z",
    )
    with open_store(path) as store:
        store.write([doc])
    lines = _export(path, "--format", "gdelt").splitlines()
    return [dict(zip(GDELT_COLUMNS, x.split("\t"), strict=True)) for x in lines]


def test_export_takes_the_events_filters(db):
    near = _export(db, "--format", "jsonl", "--near", "50.0,36.2", "--km", "30")
    assert [json.loads(x)["plover"] for x in near.splitlines()] == ["ASSAULT"]
    box = _export(db, "--format", "jsonl", "--bbox", "30,45,40,52")
    assert [json.loads(x)["plover"] for x in box.splitlines()] == ["ASSAULT"]
    threats = _export(db, "--format", "jsonl", "--factuality", "threatened")
    assert [json.loads(x)["plover"] for x in threats.splitlines()] == ["THREATEN"]
    found = _export(db, "--format", "jsonl", "--search", "Lavrov")
    assert [json.loads(x)["plover"] for x in found.splitlines()] == ["THREATEN"]
    bad = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "csv", "--since", "x"])
    assert bad.exit_code == 2
