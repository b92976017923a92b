"""Counts of people: numbers, hedges, categories, traps, links, on the real spaCy model."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire import annotators, nlp
from eventwire.model import FACTUALITIES, QUANTITY_CATEGORIES, Article, Event, Place
from eventwire.quantities import default_lexicon, extract_quantities, load_lexicon, parse_number

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "idlib-offensive.txt"

pytestmark = pytest.mark.slow


def counts(text: str, article: Article | None = None) -> list[tuple[float, str]]:
    doc = nlp.load()(text)
    article = article or Article(id="t", uri="t", text=text)
    return [(q.value, q.category) for q in extract_quantities(doc, article)]


def one(text: str, article: Article | None = None):
    doc = nlp.load()(text)
    found = extract_quantities(doc, article or Article(id="t", uri="t", text=text))
    assert len(found) == 1, found
    return found[0]


# --- number parsing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["eight"], 8),
        (["220"], 220),
        (["1,200"], 1200),
        (["2.5", "million"], 2_500_000),
        (["three", "million"], 3_000_000),
        (["three", "hundred", "and", "twenty"], 320),
        (["twenty-five"], 25),
        (["a", "dozen"], 12),
        (["two", "dozen"], 24),
        (["one", "hundred", "thousand"], 100_000),
        (["people"], None),
    ],
)
def test_parse_number(words: list[str], value: float | None) -> None:
    assert parse_number(words) == value


@given(st.integers(min_value=0, max_value=10**9))
def test_parse_number_digits_with_and_without_commas(n: int) -> None:
    assert parse_number([str(n)]) == n
    assert parse_number([f"{n:,}"]) == n


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["thousand", "million"]))
def test_parse_number_scale_multiplies(n: int, scale: str) -> None:
    assert parse_number([str(n), scale]) == n * default_lexicon().scales[scale]


_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=9))
def test_parse_number_words_compose(h: int, u: int) -> None:
    assert parse_number([_WORDS[h - 1], "hundred", "and", _WORDS[u - 1]]) == 100 * h + u


# --- values, bounds, hedges ------------------------------------------------------------------


def test_more_than_is_a_floor() -> None:
    q = one("More than 220 people have been killed since March.")
    assert (q.value, q.low, q.high, q.approximate) == (220, 220, None, True)
    assert q.category == "killed"


def test_nearly_is_a_ceiling() -> None:
    q = one("Nearly three million people live in the province.")
    assert (q.value, q.low, q.high, q.approximate) == (3_000_000, None, 3_000_000, True)
    assert q.category == "population"


def test_exact_count_is_bounded_by_itself() -> None:
    q = one("Police arrested 45 people after the rally.")
    assert (q.value, q.low, q.high, q.approximate) == (45, 45, 45, False)
    assert q.category == "arrested"


def test_range_takes_the_midpoint() -> None:
    q = one("Between 20 and 30 people were killed in the air strike.")
    assert (q.value, q.low, q.high, q.approximate) == (25, 20, 30, True)


def test_vague_amounts() -> None:
    assert counts("Dozens of protesters were injured in clashes.") == [(24, "injured")]
    assert counts("Hundreds of thousands of people marched in the capital.") == [
        (200_000, "protesters")
    ]
    q = one("Tens of thousands of demonstrators marched on Saturday.")
    assert (q.low, q.high, q.approximate) == (20_000, 99_999, True)


def test_a_dozen_and_half_of_a_total() -> None:
    assert counts("A dozen soldiers were wounded when their convoy hit a mine.") == [
        (12, "injured")
    ]
    assert counts("Of the 600 migrants on board, half are still missing.") == [
        (600, "other"),
        (300, "missing"),
    ]


# --- categories ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen attacked the village, killing eight people.", [(8, "killed")]),
        ("The death toll has risen to 20, officials said.", [(20, "killed")]),
        (
            "The explosion killed 14 soldiers and wounded 30 others.",
            [(14, "killed"), (30, "injured")],
        ),
        ("The fighting has displaced 40,000 people this week.", [(40_000, "displaced")]),
        ("About 700 refugees crossed into Uganda on Monday.", [(700, "refugees")]),
        ("Seven fishermen are still missing after the boat capsized.", [(7, "missing")]),
        ("About 5,000 people protested outside the embassy.", [(5000, "protesters")]),
        ("Some 300,000 people are in urgent need of food aid.", [(300_000, "affected")]),
        ("The villages are home to about 45,000 residents.", [(45_000, "population")]),
        ("Two bombers killed 23 people at the station.", [(2, "other"), (23, "killed")]),
        ("A Palestinian prisoner died in police custody.", [(1, "killed")]),
    ],
)
def test_category(text: str, expected: list[tuple[float, str]]) -> None:
    assert counts(text) == expected


def test_potential_flight_is_displaced_and_hypothetical() -> None:
    q = one("It is estimated that approximately 2.5 million people can try to flee the border.")
    assert (q.value, q.category, q.factuality, q.approximate) == (
        2_500_000,
        "displaced",
        "hypothetical",
        True,
    )


# --- not people ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The bill will cost $150 billion over ten years.",
        "The convoy stopped 50 kilometres south of the city.",
        "The home side won a 3-0 victory on Sunday.",
        "The motion passed by 312 votes to 250.",
        "Unemployment rose to 12 percent in 2019.",
        "The attack took place on 12 March 2021 at 3 pm.",
        "The 2,000-tonne ship carried 40 containers of aid.",
    ],
)
def test_not_people(text: str) -> None:
    assert counts(text) == []


def test_age_is_not_a_count() -> None:
    # the man is one arrest; "38" is his age
    assert counts("A 38-year-old man was arrested at the scene.") == [(1, "arrested")]


# --- offsets, links, contract ----------------------------------------------------------------


def test_offsets_cover_the_count_and_contract_values() -> None:
    text = "Rebels shelled Juba on Sunday, killing about 20 people, officials said."
    q = one(text)
    assert text[q.start : q.end] == "about 20 people"
    assert q.sentence == text
    assert q.category in QUANTITY_CATEGORIES and q.factuality in FACTUALITIES


def test_links_place_and_event_of_the_same_sentence() -> None:
    text = "Nothing happened in Homs. Gunmen attacked Hama on Sunday, killing eight people."
    article = Article(id="t", uri="t", text=text)
    homs, hama = text.index("Homs"), text.index("Hama")
    article.places = [Place("Homs", [[homs, homs + 4]]), Place("Hama", [[hama, hama + 4]])]
    attack = text.index("attacked")
    article.events = [
        Event(
            "ASSAULT",
            None,
            "190",
            4,
            -10.0,
            [],
            [],
            None,
            None,
            "asserted",
            None,
            text[26:],
            attack,
            attack + 8,
            0.9,
        ),
    ]
    q = one(text, article)
    assert (q.place, q.event) == ("Hama", 0)


def test_count_inside_a_statement_is_reported() -> None:
    text = "The UN said that at least 20 civilians were killed in the strike."
    doc = nlp.load()(text)
    article = Article(id="t", uri="t", text=text)
    from eventwire.statements import extract_statements

    article.statements = extract_statements(doc, article)
    [q] = extract_quantities(doc, article)
    assert (q.value, q.category, q.factuality) == (20, "killed", "reported")


def test_user_lexicon_extends_the_packaged_one(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("categories:\n  arrested:\n    object_verbs: [corral]\n", "utf-8")
    lex = load_lexicon(extra)
    text = "Police corralled 300 fans near the stadium."
    doc = nlp.load()(text)
    article = Article(id="t", uri="t", text=text)
    assert [q.category for q in extract_quantities(doc, article, lex)] == ["arrested"]
    assert [q.category for q in extract_quantities(doc, article)] == ["other"]


# --- the sample article ----------------------------------------------------------------------


def _prepared(text: str) -> tuple[object, Article]:
    """The parse and an article with places and actors filled by their own stages."""
    doc = nlp.load()(text)
    article = Article(id="sample", uri="sample", text=text)
    for module, field in (("eventwire.geo.places", "places"), ("eventwire.actors", "actors")):
        importlib.import_module(module)
        setattr(article, field, annotators._REGISTRY[field].func(doc, article))
    return doc, article


@pytest.mark.skipif(not SAMPLE.exists(), reason=f"shared sample not found at {SAMPLE}")
def test_sample_article_counts() -> None:
    doc, article = _prepared(SAMPLE.read_text("utf-8"))
    found = extract_quantities(doc, article)
    population = [q for q in found if q.category == "population" and q.value == 3_000_000]
    displaced = [q for q in found if q.category == "displaced" and q.value == 2_500_000]
    assert population and population[0].approximate
    assert displaced and displaced[0].factuality == "hypothetical"
    if article.places:  # the places stage resolves Idlib and Turkey
        assert population[0].place == "Idlib"
        assert displaced[0].place == "Turkey"


def test_an_updated_toll_drops_the_figure_it_replaces() -> None:
    assert counts("The death toll has risen to 34 from 21 on Monday, officials said.") == [
        (34, "killed")
    ]


def test_several_hundred_and_bare_several() -> None:
    q = one("Several hundred workers protested outside the factory.")
    assert (q.value, q.low, q.high, q.category) == (300, 300, 900, "protesters")
    assert counts("Several people were seen near the border.") == []


def test_one_of_is_not_a_count() -> None:
    assert counts("He was one of 300 migrants rescued off the coast.") == [(300, "other")]


def test_coordinated_clause_does_not_inherit_a_denial() -> None:
    [q] = extract_quantities(
        nlp.load()(t := "The army denied the report, but locals said 17 people died."),
        Article(id="t", uri="t", text=t),
    )
    assert (q.value, q.category) == (17, "killed")
    assert q.factuality != "denied"


def test_environment_names_a_user_lexicon(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire import quantities

    extra = tmp_path / "extra.yaml"
    extra.write_text("categories:\n  arrested:\n    object_verbs: [corral]\n", "utf-8")
    monkeypatch.setenv(quantities.LEXICON_ENV, str(extra))
    quantities.default_lexicon.cache_clear()
    try:
        assert counts("Police corralled 300 fans near the stadium.") == [(300, "arrested")]
    finally:
        monkeypatch.delenv(quantities.LEXICON_ENV)
        quantities.default_lexicon.cache_clear()


@pytest.mark.parametrize(
    "text",
    [
        "Israel will evacuate all 21 settlements in the Gaza Strip.",
        "Doctors from two American aid groups delivered medicine.",
        "The UN will send a 10,000-member force to the region.",
    ],
)
def test_things_and_modifiers_are_not_head_counts(text: str) -> None:
    assert counts(text) == []


def test_share_of_an_earlier_count_takes_its_category() -> None:
    assert counts("Over 700 people were injured, 40 of them seriously.") == [
        (700, "injured"),
        (40, "injured"),
    ]


def test_a_strong_crowd_still_counts() -> None:
    assert counts("A 10,000-strong crowd of protesters marched on parliament.") == [
        (10_000, "protesters")
    ]
