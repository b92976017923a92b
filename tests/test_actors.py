"""Actors: detection and coding on real parses (the spaCy model is loaded once)."""

from __future__ import annotations

import pytest

from eventwire import nlp
from eventwire.actors import actor_for_span, build_lexicon, code_text, detect
from eventwire.model import Actor, Article

pytestmark = pytest.mark.slow


def analyse(text: str) -> Article:
    article = Article(id="t", uri="test:", text=text)
    article.actors = detect(nlp.load()(text))
    return article


def find(actors: list[Actor], name: str) -> Actor:
    for a in actors:
        if a.name == name:
            return a
    raise AssertionError(f"{name!r} not among {[a.name for a in actors]}")


def test_title_codes_the_person_everywhere_and_the_surname_is_the_same_actor() -> None:
    article = analyse(
        "Russian foreign minister Sergei Lavrov met reporters in Geneva. "
        "Lavrov said the talks had failed."
    )
    lavrov = find(article.actors, "Sergei Lavrov")
    assert (lavrov.kind, lavrov.country, lavrov.sector, lavrov.title) == (
        "person",
        "RUS",
        "GOV",
        "foreign minister",
    )
    texts = [article.text[s:e] for s, e in lavrov.mentions]
    assert any(t.endswith("Lavrov") and "Sergei" not in t for t in texts)


def test_countries_capitals_as_metonyms_and_groups() -> None:
    article = analyse(
        "Moscow said the al-Nusra Front and Hamas attacked the UN convoy in Damascus."
    )
    names = {a.name: a for a in article.actors}
    assert names["Russia"].country == "RUS"  # the capital stands for the government
    assert names["al-Nusra Front"].sector == "REB" and names["al-Nusra Front"].country == "SYR"
    assert names["Hamas"].country == "PSE"
    assert names["United Nations"].sector == "IGO"
    assert "Syria" not in names  # "in Damascus" is a place, not an actor


def test_role_noun_phrases_take_country_and_sector() -> None:
    article = analyse("Syrian troops and Turkish police detained dozens of protesters.")
    by_sector = {(a.country, a.sector) for a in article.actors}
    assert ("SYR", "MIL") in by_sector
    assert ("TUR", "COP") in by_sector
    assert (None, "PRE") in by_sector


def test_pronoun_and_the_latter_resolve_to_earlier_actors() -> None:
    article = analyse(
        "The most important rebel force is HTS. Latter has not joined the coalition. "
        "President Bashar al-Assad spoke on Sunday. He said the war was over."
    )
    hts = find(article.actors, "Hayat Tahrir al-Sham")
    assert any(article.text[s:e] == "Latter" for s, e in hts.mentions)
    assad = find(article.actors, "Bashar al-Assad")
    assert any(article.text[s:e] == "He" for s, e in assad.mentions)


def test_actor_for_span_uses_mentions_then_the_lexicon() -> None:
    article = analyse("Iraqi officials met the Iranian ambassador.")
    start = article.text.index("Iraqi")
    ref = actor_for_span(article, start, start + len("Iraqi officials"))
    assert ref is not None and (ref.country, ref.sector) == ("IRQ", "GOV")
    assert actor_for_span(article, 0, 0) is None or actor_for_span(article, 0, 0).country is None
    coded = code_text("Egyptian police")
    assert coded is not None and (coded.country, coded.sector) == ("EGY", "COP")
    assert code_text("the weather") is None


def test_acronyms_are_case_sensitive() -> None:
    article = analyse("It is clear to us who is to blame, said the official.")
    assert not any(a.country == "USA" or a.name == "Islamic State" for a in article.actors)


def test_user_files_extend_the_lexicon(tmp_path, monkeypatch) -> None:
    (tmp_path / "mine.yaml").write_text(
        "groups:\n  - {name: Arnor Liberation Front, aliases: [ALF], country: NOR, sector: REB}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EVENTWIRE_ACTORS_DIR", str(tmp_path))
    article = analyse("The ALF claimed the bombing.")
    alf = find(article.actors, "Arnor Liberation Front")
    assert (alf.country, alf.sector) == ("NOR", "REB")
    assert build_lexicon([tmp_path / "mine.yaml"]).exact[("ALF",)].sector == "REB"
