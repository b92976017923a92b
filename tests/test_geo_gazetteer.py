"""The gazetteer: name keys, package build, lookups, the GeoNames-dump build, broken files."""

from __future__ import annotations

import sqlite3
import statistics
import time
from pathlib import Path

import pytest

from eventwire.geo import gazetteer as gz
from eventwire.geo.normalize import loose_key, name_key


def test_name_key_folds_what_news_spells_differently() -> None:
    assert name_key("Al-Qāmishlī") == name_key("al Qamishli") == name_key("Qamishli")
    assert name_key("Syria’s") == name_key("SYRIA") == "syria"
    assert name_key("The Gambia") == "gambia"
    assert name_key("São Paulo") == "sao paulo"
    assert name_key("Ash-Shaykh Maqsud") == "shaykh maqsud"
    assert name_key("Dar'a") == name_key("Dar‘ā")


def test_loose_key_merges_transliterations_but_not_different_places() -> None:
    assert loose_key("Deraa") == loose_key("Daraa") == loose_key("Dar'a")
    assert loose_key("Raqqa") == loose_key("Ar-Raqqah")
    assert loose_key("Idlib") != loose_key("Aleppo")


@pytest.mark.parametrize("junk", ["", "x" * 10_000, "\x00\ufffd\u200b", "🙂🙂", "   ", "'s"])
def test_name_key_of_junk_is_empty(junk: str) -> None:
    assert name_key(junk) == ""


@pytest.fixture(scope="module")
def gaz() -> gz.Gazetteer:
    return gz.get_gazetteer()


def test_lookup_finds_sample_places(gaz: gz.Gazetteer) -> None:
    def ids(name: str) -> set[int | None]:
        return {c.geonames_id for c in gaz.lookup(name)}

    assert {169389, 169387} <= ids("Idlib")  # the city and its governorate
    assert 170063 in ids("Aleppo")
    assert 170905 in ids("Deraa") and 170905 in ids("Daraa") and 170905 in ids("Dar'a")
    assert 298795 in ids("Turkey") and 163843 in ids("Syria")
    ghouta = gaz.lookup("Ghouta")
    assert ghouta and ghouta[0].name == "Eastern Ghouta" and ghouta[0].country == "SYR"


def test_lookup_knows_short_forms_divisions_demonyms_continents(gaz: gz.Gazetteer) -> None:
    assert gaz.lookup("U.S.")[0].country == "USA"
    assert gaz.lookup("UAE")[0].country == "ARE"
    assert gaz.lookup("DPRK")[0].country == "PRK"
    kentucky = gaz.lookup("Kentucky")[0]
    assert kentucky.is_admin1 and kentucky.geonames_id == 6254925
    assert gaz.lookup("Ky.")[0].geonames_id == 6254925
    syrian = gaz.lookup("Syrian")
    assert syrian and all(c.name_kind == gz.DEMONYM for c in syrian)
    assert syrian[0].country == "SYR"
    assert gaz.lookup("Europe")[0].feature == "L.CONT"
    assert any(c.country == "LBY" for c in gaz.lookup("Al Khums"))


def test_lookup_is_well_under_a_millisecond(gaz: gz.Gazetteer) -> None:
    names = [f"{n}" for n in ("Paris", "Homs", "Georgia", "Springfield", "Lagos", "Kobani")]
    names += [f"Nowhere{i}" for i in range(100)]
    timings = []
    for name in names:
        t0 = time.perf_counter()
        gaz._query("key", name_key(name))  # uncached: the SQLite index itself
        timings.append(time.perf_counter() - t0)
    assert statistics.median(timings) < 0.001


def test_lookup_refuses_junk_without_error(gaz: gz.Gazetteer) -> None:
    assert gaz.lookup("x" * 10_000) == ()
    assert gaz.lookup("\x00\ufffd") == ()
    assert gaz.lookup("") == ()


def test_build_version_is_recorded(gaz: gz.Gazetteer) -> None:
    assert gaz.build_version == gz.build_id()
    assert gaz.build_version.startswith(gz.BUILD_VERSION + "-")


def test_empty_and_corrupted_files_raise_clear_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(gz.GazetteerError, match="missing or empty"):
        gz.Gazetteer(empty)
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(gz.GazetteerError, match="corrupted"):
        gz.Gazetteer(corrupt)
    with pytest.raises(gz.GazetteerError):
        gz.Gazetteer(tmp_path / "absent.sqlite")


def test_stale_build_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.executescript(gz._SCHEMA)
    con.execute("INSERT INTO meta VALUES ('build_version', 'ancient')")
    con.commit()
    con.close()
    assert gz.Gazetteer(path).build_version == "ancient"  # get_gazetteer() would rebuild it


_DUMP_ROWS = [
    # geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 admin1 admin2 admin3
    # admin4 population ...
    "9000001\tTestville\tTestville\tTestburg,Tést Ville\t10.5\t20.25\tP\tPPL\tSY\t\t12\t\t\t\t54321"
    "\t\t\t\tAsia/Damascus\t2020-01-01",
    "9000002\tTest Province\tTest Province\t\t11.0\t21.0\tA\tADM1\tSY\t\t12\t\t\t\t0\t\t\t\t\t",
    "9000003\tSome Hotel\tSome Hotel\t\t11.0\t21.0\tS\tHTL\tSY\t\t12\t\t\t\t0\t\t\t\t\t",
]


def test_build_from_geonames_dump(tmp_path: Path) -> None:
    dump = tmp_path / "allCountries.txt"
    dump.write_text("\n".join(_DUMP_ROWS) + "\n", encoding="utf-8")
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text("1\t9000001\ten\tTest City\t1\t\t\t\t\t\n", encoding="utf-8")
    path = gz.build_gazetteer(
        tmp_path / "dump.sqlite", allcountries=dump, alternatenames=alt, merge_packages=False
    )
    g = gz.Gazetteer(path)
    assert g.source == "geonames-dump"
    found = g.lookup("Tést Ville")
    assert found and found[0].geonames_id == 9000001 and found[0].country == "SYR"
    assert g.lookup("Test City")[0].geonames_id == 9000001  # from alternateNames
    assert g.lookup("Test Province")[0].is_admin1
    assert g.lookup("Some Hotel") == ()  # spots (class S) are not places events happen in
    assert g.lookup("Aleppo") == ()  # package rows not merged


def test_get_gazetteer_rebuilds_a_corrupted_file(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    g = gz.get_gazetteer(path)
    assert g.lookup("Aleppo")
    assert g.build_version == gz.build_id()


def test_distance() -> None:
    # Damascus to Aleppo, about 310 km.
    assert 290 < gz.distance_km(33.51, 36.29, 36.20, 37.16) < 330


def test_cli_gazetteer_build_from_dump(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from eventwire.cli import app

    dump = tmp_path / "allCountries.txt"
    dump.write_text("\n".join(_DUMP_ROWS) + "\n", encoding="utf-8")
    out = tmp_path / "cli.sqlite"
    result = CliRunner().invoke(
        app, ["gazetteer", "build", "--allcountries", str(dump), "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "geonames-dump" in result.output
    assert gz.Gazetteer(out).lookup("Testville")[0].geonames_id == 9000001
    missing = CliRunner().invoke(
        app, ["gazetteer", "build", "--allcountries", str(tmp_path / "nope.txt")]
    )
    assert missing.exit_code != 0


def test_unbuildable_gazetteer_fails_once_with_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data directory should be", encoding="utf-8")
    target = blocker / "gazetteer.sqlite"
    with pytest.raises(gz.GazetteerError, match="unavailable"):
        gz.get_gazetteer(target)
    t0 = time.perf_counter()
    with pytest.raises(gz.GazetteerError, match="unavailable"):
        gz.get_gazetteer(target)  # remembered: no second build attempt
    assert time.perf_counter() - t0 < 0.5
