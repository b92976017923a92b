"""Event clusters out in the formats researchers use: CSV, JSON Lines, Parquet, GeoJSON,
GDELT 2.0 event table, PLOVER/POLECAT JSON.

Functions turn the dicts of `queries.find_events` into rows or records; only the `write_*`
functions touch a stream or a file. GDELT wants one dyad per row, so an event with two
actors and one recipient becomes two rows there (and stays one event everywhere else).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

from .queries import EVENT_COLUMNS

FORMATS = ("csv", "jsonl", "parquet", "geojson", "gdelt", "plover")
PARTICIPANT_COLUMNS = (
    "actor_names",
    "actor_countries",
    "actor_sectors",
    "recipient_names",
    "recipient_countries",
    "recipient_sectors",
)
FLAT_COLUMNS = (*EVENT_COLUMNS, *PARTICIPANT_COLUMNS)

# The GDELT 2.0 event table, in order (61 columns).
_GDELT_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GDELT_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{c}" for c in _GDELT_ACTOR),
    *(f"Actor2{c}" for c in _GDELT_ACTOR),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GDELT_GEO),
    *(f"Actor2Geo_{c}" for c in _GDELT_GEO),
    *(f"ActionGeo_{c}" for c in _GDELT_GEO),
    "DATEADDED",
    "SOURCEURL",
)
# Columns eventwire fills (when the event has the value); every other column stays empty.
GDELT_FILLED: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    *(f"ActionGeo_{c}" for c in ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long")),
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
)
# GDELT's row id: cluster id times this, plus the dyad's number within the event.
DYADS_PER_EVENT = 100


# --- flat rows (CSV, Parquet) ------------------------------------------------------------


def flat_row(event: dict[str, Any]) -> dict[str, Any]:
    """One event as flat columns: participants joined with "; " per attribute."""
    row = {c: event.get(c) for c in EVENT_COLUMNS}
    for role in ("actor", "recipient"):
        people = event.get(f"{role}s") or []
        for attr, plural in (("name", "names"), ("country", "countries"), ("sector", "sectors")):
            row[f"{role}_{plural}"] = "; ".join(p.get(attr) or "" for p in people) or None
    return row


def write_csv(events: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    writer = csv.DictWriter(stream, fieldnames=FLAT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(flat_row(event))
        count += 1
    return count


def write_parquet(events: Iterable[dict[str, Any]], path: str | Path) -> int:
    import pyarrow as pa  # imported here: only Parquet export pays for loading Arrow
    import pyarrow.parquet as pq

    types = {
        "id": pa.int64(),
        "quad_class": pa.int64(),
        "goldstein": pa.float64(),
        "lat": pa.float64(),
        "lon": pa.float64(),
        "geonames_id": pa.int64(),
        "num_articles": pa.int64(),
        "num_sources": pa.int64(),
        "num_mentions": pa.int64(),
        "corroboration": pa.int64(),
    }
    schema = pa.schema([(c, types.get(c, pa.string())) for c in FLAT_COLUMNS])
    rows = [flat_row(e) for e in events]
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, str(path))
    return len(rows)


# --- JSON forms ----------------------------------------------------------------------------


def write_jsonl(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    count = 0
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False))
        stream.write("\n")
        count += 1
    return count


def geojson(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection of the events that have coordinates."""
    features = []
    for event in events:
        if event.get("lat") is None or event.get("lon") is None:
            continue
        properties = {k: v for k, v in event.items() if k not in ("lat", "lon")}
        features.append(
            {
                "type": "Feature",
                "id": event["id"],
                "geometry": {"type": "Point", "coordinates": [event["lon"], event["lat"]]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def plover_record(event: dict[str, Any]) -> dict[str, Any]:
    """An event in the shape of POLECAT/NGEC output (`NGEC/formatter.py`), plus provenance."""

    def attribute(p: dict[str, Any]) -> dict[str, Any]:
        return {"text": p["name"], "country": p.get("country"), "code_1": p.get("sector")}

    location = None
    if event.get("place_name") or event.get("lat") is not None:
        location = {
            "text": event.get("place_name"),
            "geonameid": event.get("geonames_id"),
            "lat": event.get("lat"),
            "lon": event.get("lon"),
            "country_code": event.get("country"),
            "admin1_name": event.get("admin1"),
            "feature_code": event.get("feature"),
        }
    return {
        "id": str(event["id"]),
        "date": event.get("date"),
        "event_type": event["plover"],
        "event_mode": event.get("mode"),
        "contexts": [],
        "event_text": event.get("sentence"),
        "factuality": event.get("factuality"),
        "attributes": {
            "ACTOR": [attribute(p) for p in event.get("actors") or []],
            "RECIP": [attribute(p) for p in event.get("recipients") or []],
            "LOC": [location] if location else [],
        },
        "event_geolocation": location,
        "date_resolved": event.get("date"),
        "cameo": event.get("cameo"),
        "goldstein": event.get("goldstein"),
        "num_articles": event.get("num_articles"),
        "num_sources": event.get("num_sources"),
        "corroboration": event.get("corroboration"),
        "source_url": event.get("source_url"),
    }


# --- GDELT 2.0 -----------------------------------------------------------------------------


@cache
def iso3_to_fips() -> dict[str, tuple[str, str]]:
    """ISO 3166-1 alpha-3 -> (FIPS 10-4 code, country name), from `iso3_fips.tsv`."""
    text = (resources.files("eventwire.store") / "iso3_fips.tsv").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line.startswith(("#", "iso3\t")) or not line.strip():
            continue
        iso3, fips, name = [*line.split("\t"), "", ""][:3]
        table[iso3] = (fips, name)
    return table


def gdelt_rows(event: dict[str, Any]) -> Iterator[list[str]]:
    """The event's GDELT 2.0 rows, one per actor-recipient dyad, 61 string cells each."""
    actors = event.get("actors") or [None]
    recipients = event.get("recipients") or [None]
    dyads = [(a, r) for a in actors for r in recipients][:DYADS_PER_EVENT]
    for number, (actor1, actor2) in enumerate(dyads):
        row = dict.fromkeys(GDELT_COLUMNS, "")
        row["GLOBALEVENTID"] = str(event["id"] * DYADS_PER_EVENT + number)
        # The event's date, else its article's (the cluster's `date`); neither: left empty,
        # never the day it was ingested (that is DATEADDED).
        row.update(_gdelt_dates(event.get("date") or ""))
        row.update(_gdelt_actor("Actor1", actor1))
        row.update(_gdelt_actor("Actor2", actor2))
        cameo = event.get("cameo") or ""
        row["EventCode"], row["EventBaseCode"], row["EventRootCode"] = cameo, cameo[:3], cameo[:2]
        row["QuadClass"] = _cell(event.get("quad_class"))
        row["GoldsteinScale"] = _cell(event.get("goldstein"))
        row["NumMentions"] = _cell(event.get("num_mentions"))
        row["NumSources"] = _cell(event.get("num_sources"))
        row["NumArticles"] = _cell(event.get("num_articles"))
        row.update(_gdelt_geo(event))
        seen = event.get("first_seen") or ""
        row["DATEADDED"] = "".join(ch for ch in seen if ch.isdigit())[:14]
        row["SOURCEURL"] = event.get("source_url") or ""
        yield [row[c] for c in GDELT_COLUMNS]


def write_gdelt(events: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    """Tab-separated, no header (as GDELT publishes it); returns the number of rows."""
    count = 0
    for event in events:
        for row in gdelt_rows(event):
            stream.write("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row))
            stream.write("\n")
            count += 1
    return count


def _gdelt_dates(day: str) -> dict[str, str]:
    if len(day) < 10:
        return {}
    year, month, dom = day[:4], day[5:7], day[8:10]
    try:
        d = date(int(year), int(month), int(dom))
    except ValueError:
        return {}
    # GDELT's own formula (codebook): (MONTH * 30 + DAY) / 365, not the day of the year.
    fraction = d.year + (d.month * 30 + d.day) / 365
    return {
        "SQLDATE": f"{year}{month}{dom}",
        "MonthYear": f"{year}{month}",
        "Year": year,
        "FractionDate": f"{fraction:.4f}",
    }


def _gdelt_actor(prefix: str, actor: dict[str, Any] | None) -> dict[str, str]:
    if actor is None:
        return {}
    country, sector = actor.get("country") or "", actor.get("sector") or ""
    return {
        # CAMEO actor codes concatenate country and role: RUS + GOV = RUSGOV.
        f"{prefix}Code": f"{country}{sector}",
        f"{prefix}Name": (actor.get("name") or "").upper(),
        f"{prefix}CountryCode": country,
        f"{prefix}Type1Code": sector,
    }


def _gdelt_geo(event: dict[str, Any]) -> dict[str, str]:
    lat, lon, name = event.get("lat"), event.get("lon"), event.get("place_name")
    if lat is None and not name:
        return {}
    iso3 = event.get("country") or ""
    fips, country_name = iso3_to_fips().get(iso3, ("", ""))
    geo_type = _gdelt_geo_type(event.get("feature"), iso3, has_coordinates=lat is not None)
    admin1 = event.get("admin1") or ""
    adm1_code = ""
    if geo_type == "1":
        adm1_code = fips
    elif fips and admin1 and len(admin1) <= 3 and admin1.isalnum():
        adm1_code = f"{fips}{admin1}"
    parts: list[str] = []
    for part in (name, admin1 if len(admin1) > 3 else "", country_name):
        if part and part not in parts:
            parts.append(part)
    full_name = ", ".join(parts)
    return {
        "ActionGeo_Type": geo_type,
        "ActionGeo_FullName": full_name or "",
        "ActionGeo_CountryCode": fips,
        "ActionGeo_ADM1Code": adm1_code,
        "ActionGeo_Lat": _cell(lat),
        "ActionGeo_Long": _cell(lon),
        "ActionGeo_FeatureID": _cell(event.get("geonames_id")),
    }


def _gdelt_geo_type(feature: str | None, iso3: str, *, has_coordinates: bool) -> str:
    """1 country, 2 US state, 3 US city, 4 world city, 5 world ADM1 (GDELT's codes)."""
    code = (feature or "").upper().rsplit(".", 1)[-1]  # GeoNames "A.ADM1" or plain "ADM1"
    if code.startswith("PCL") or code == "COUNTRY":
        return "1"
    if code in ("ADM1", "ADMIN1", "REGION", "STATE", "PROVINCE"):
        return "2" if iso3 == "USA" else "5"
    if code or has_coordinates:
        return "3" if iso3 == "USA" else "4"
    return ""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(round(value, 5))
    return str(value)
