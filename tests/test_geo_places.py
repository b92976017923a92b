"""The places annotator and the event-location helper, on the real spaCy model and gazetteer."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from eventwire import annotators, nlp
from eventwire.geo.places import annotate_places, focus_place, place_for_span
from eventwire.model import Article, Place

pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "idlib-offensive.txt"


def analyze(text: str) -> Article:
    doc = nlp.load()(text)
    article = Article(id="t", uri="test:", text=text)
    article.places = annotate_places(doc, article)
    return article


def place(article: Article, name: str) -> Place:
    for p in article.places:
        if any(article.text[s:e] == name for s, e in p.mentions):
            return p
    raise AssertionError(f"{name!r} not found in {[p.name for p in article.places]}")


def test_places_annotator_is_registered() -> None:
    assert any(a.name == "places" and a.assigns == "places" for a in annotators.registered())


def test_offsets_point_into_the_text() -> None:
    a = analyze("Fighting spread from Homs to Hama, and refugees crossed into Lebanon.")
    assert a.places
    for p in a.places:
        for start, end in p.mentions:
            assert a.text[start:end].strip() == a.text[start:end] and end > start


def test_homs_in_a_syria_story_is_the_syrian_city() -> None:
    a = analyze(
        "Government forces shelled Homs on Tuesday, the Syrian Observatory said. "
        "Residents fled towards Hama and Damascus."
    )
    homs = place(a, "Homs")
    assert homs.country == "SYR" and homs.geonames_id in (169577, 169575)
    assert place(a, "Hama").country == "SYR"


def test_homs_is_al_khums_only_in_a_libya_story() -> None:
    a = analyze(
        "Militias clashed in Misrata and Tripoli on Sunday. Fishermen in Al Khums, east of "
        "Tripoli, said the Libyan coast guard stopped their boats."
    )
    assert place(a, "Al Khums").country == "LBY"


def test_georgia_follows_its_neighbours() -> None:
    caucasus = analyze(
        "Protesters gathered in Tbilisi as Georgia accused Russia of moving the border fence "
        "in South Ossetia. Armenia and Azerbaijan called for calm."
    )
    assert place(caucasus, "Georgia").country == "GEO"
    usa = analyze(
        "Storms flooded Savannah and Atlanta, Georgia, on Monday. Officials in Florida and "
        "South Carolina and Alabama also warned of rising rivers."
    )
    assert place(usa, "Georgia").country == "USA"


def test_demonyms_are_country_mentions_marked_as_demonyms() -> None:
    a = analyze("Syrian troops and Russian jets attacked the town. Syria denied it.")
    syria = place(a, "Syria")
    assert syria.country == "SYR"
    demonym_spans = [a.text[s:e] for s, e in syria.demonym_mentions]
    assert demonym_spans == ["Syrian"]
    assert len(syria.mentions) == 2
    russia = next(p for p in a.places if p.country == "RUS")
    assert russia.name == "Russia" and len(russia.demonym_mentions) == 1


def test_place_names_inside_organisations_and_mislabelled_names_are_found() -> None:
    a = analyze(
        "Students at Aleppo University held a sit-in. Rebels left Ghouta after weeks of siege."
    )
    aleppo = place(a, "Aleppo")
    assert aleppo.country == "SYR"
    ghouta = place(a, "Ghouta")
    assert ghouta.name == "Ghouta" and ghouta.country == "SYR"
    assert ghouta.lat is not None and 33.0 < ghouta.lat < 34.0


def test_transliteration_variants_resolve_to_one_place() -> None:
    a = analyze("Shelling hit Deraa on Monday. In Daraa province, families fled to Jordan.")
    deraa = place(a, "Deraa")
    assert deraa.geonames_id in (170905, 170903)
    assert deraa.country == "SYR"


def test_short_forms() -> None:
    a = analyze("The U.S. and the UAE signed a deal, officials in the UK said.")
    countries = {p.country for p in a.places}
    assert {"USA", "ARE", "GBR"} <= countries


def test_place_for_span_prefers_literal_places_over_actors_and_demonyms() -> None:
    text = (
        "Turkey said its troops shelled positions in Afrin on Sunday. "
        "Syrian officials condemned the attack. "
        "The talks will continue next week."
    )
    a = analyze(text)
    first_end = text.index("Syrian")
    ref = place_for_span(a, 0, first_end)
    assert ref is not None and ref.name == "Afrin"
    # The second sentence names only a demonym: the focus place answers, never "Syrian".
    start = first_end
    end = text.index("The talks")
    ref2 = place_for_span(a, start, end)
    assert ref2 is not None and ref2.name != "Syrian"
    assert ref2 == place_for_span(a, end, len(text))
    focus = focus_place(a)
    assert focus is not None and ref2.name == focus.name


def test_place_for_span_without_places_is_none() -> None:
    a = analyze("The committee will meet again next week to discuss the budget.")
    assert place_for_span(a, 0, len(a.text)) is None


def test_bad_input_never_crashes() -> None:
    for text in (
        "A" * 10_000 + " attacked " + "Q" * 10_000,
        "\x00\ufffd\u200b 🙂 \U0001f600" * 50,
        "In " + "Aleppo" * 2000 + " and Idlib.",
        "",
    ):
        a = analyze(text)
        assert isinstance(a.places, list)


def test_annotation_costs_a_few_milliseconds() -> None:
    text = (
        "Russia and Syria vowed an offensive in Idlib as Turkey sent troops to the border. "
        "Aid agencies in Gaziantep and Aleppo warned that refugees could flee towards Europe. "
    ) * 10
    doc = nlp.load()(text)
    article = Article(id="t", uri="test:", text=text)
    annotate_places(doc, article)  # warm the lookup cache
    t0 = time.perf_counter()
    for _ in range(10):
        annotate_places(doc, article)
    assert (time.perf_counter() - t0) / 10 < 0.05


@pytest.mark.skipif(not SAMPLE.is_file(), reason=f"sample article not found at {SAMPLE}")
def test_sample_article_places() -> None:
    text = SAMPLE.read_text(encoding="utf-8").split("Leave a Reply")[0]
    a = analyze(text)
    idlib = place(a, "Idlib")
    assert idlib.geonames_id in (169389, 169387)
    assert abs(idlib.lat - 35.93) < 0.3 and abs(idlib.lon - 36.63) < 0.3
    assert place(a, "Aleppo").geonames_id == 170063
    assert place(a, "Deraa").geonames_id in (170905, 170903)
    ghouta = place(a, "Ghouta")
    assert ghouta.country == "SYR" and ghouta.feature == "L.RGN"
    assert place(a, "Turkey").geonames_id == 298795
    assert place(a, "Syria").geonames_id == 163843
    assert focus_place(a) is idlib


def test_place_for_span_looks_in_the_clause_then_the_sentence() -> None:
    text = "After talks in Geneva, rebels shelled Aleppo on Sunday."
    a = analyze(text)
    doc = nlp.load()(text)
    sent = next(iter(doc.sents))
    clause = (text.index("rebels"), len(text))
    ref = place_for_span(a, *clause, sentence=sent)
    assert ref is not None and ref.name == "Aleppo"
    # A clause without a place falls back to the sentence's best place.
    verb = text.index("shelled")
    ref2 = place_for_span(a, verb, verb + len("shelled"), sentence=sent)
    assert ref2 is not None and ref2.name in ("Aleppo", "Geneva")


def test_broken_gazetteer_becomes_an_error_record_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from eventwire import pipeline
    from eventwire.geo import gazetteer, places

    def broken(path: object = None) -> gazetteer.Gazetteer:
        raise gazetteer.GazetteerError("gazetteer file x is corrupted: file is not a database")

    monkeypatch.setattr(places, "get_gazetteer", broken)
    texts = [
        "Rebels shelled Aleppo on Monday, the monitoring group said in a statement.",
        "Floods hit Dhaka and Chittagong after days of monsoon rain in Bangladesh.",
    ]
    articles = list(pipeline.analyze(texts))
    assert len(articles) == 2
    for a in articles:
        assert a.places == []
        assert [e.stage for e in a.errors] == ["places"]
        assert "corrupted" in a.errors[0].message


def test_a_division_seat_beats_a_bigger_namesake_by_alternate_name() -> None:
    article = analyze("Thousands of fans celebrated in Parma on Sunday night.")
    assert place(article, "Parma").country == "ITA"  # not Perm, Russia, also called "Parma"


def test_a_common_noun_inside_an_organisation_name_is_not_a_country() -> None:
    from eventwire import analyze_one

    article = analyze_one(
        "Leaders of the Economic Community of West African States will meet in Abuja next "
        "week to discuss the crisis in Niger, a diplomat said."
    )
    countries = {p.country for p in article.places}
    assert "USA" not in countries
    assert {"NGA", "NER"} <= countries


def test_unknown_names_get_the_towns_point_but_no_id() -> None:
    a = analyze(
        "The fire spread to Lake Manassas, near Manassas, Virginia, on Monday. "
        "Troops entered Wadi Barada Valley near Damascus."
    )
    lake, manassas = place(a, "Lake Manassas"), place(a, "Manassas")
    assert lake.geonames_id is None and lake.feature is None and lake.confidence < 0.5
    assert (lake.lat, lake.lon) == (manassas.lat, manassas.lon) and lake.country == "USA"
    valley, damascus = place(a, "Wadi Barada Valley"), place(a, "Damascus")
    assert (valley.lat, valley.lon) == (damascus.lat, damascus.lon)
    assert valley is not lake  # each unknown name a place of its own
