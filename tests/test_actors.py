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


# --- country from context: the phrase, the sentence, the article ------------------------------


def analyse_with(text: str, places: list | None = None) -> Article:
    article = Article(id="t", uri="test:", text=text)
    article.places = places or []
    article.actors = detect(nlp.load()(text), article)
    return article


def test_role_noun_takes_the_country_of_a_capital_in_its_phrase() -> None:
    police = find(analyse_with("Kabul police arrested two men.").actors, "Kabul police")
    assert (police.country, police.sector) == ("AFG", "COP")
    article = analyse_with("Police in Nairobi arrested a journalist on Monday.")
    assert {(a.country, a.sector) for a in article.actors} >= {("KEN", "COP")}


def test_role_noun_takes_a_resolved_place_in_its_phrase() -> None:
    from eventwire.model import Place

    text = "Kandahar police arrested three men."
    kandahar = Place("Kandahar", [[0, 8]], 1138336, 31.61, 65.71, "P.PPLA", "AFG", None, 0.9)
    police = find(analyse_with(text, [kandahar]).actors, "Kandahar police")
    assert (police.country, police.sector) == ("AFG", "COP")
    assert find(analyse_with(text).actors, "Kandahar police").country is None  # no place: no guess


def test_role_noun_takes_the_one_country_its_sentence_names() -> None:
    article = analyse_with("Fighting resumed in Somalia and the army said it had retaken a town.")
    assert ("SOM", "MIL") in {(a.country, a.sector) for a in article.actors}
    # two countries and no place among them: nothing to choose from
    article = analyse_with("Syrian troops and Turkish police detained dozens of protesters.")
    assert (None, "PRE") in {(a.country, a.sector) for a in article.actors}


def test_role_noun_falls_back_to_the_dominant_country_of_the_article() -> None:
    article = analyse_with(
        "Kenya held elections on Tuesday. Kenya's opposition rejected the results. "
        "Officials said turnout was high."
    )
    assert ("KEN", "GOV") in {(a.country, a.sector) for a in article.actors}
    article = analyse_with(
        "Kenya and Uganda held talks on Tuesday. Officials said they were useful."
    )
    assert (None, "GOV") in {(a.country, a.sector) for a in article.actors}  # no clear leader


def test_person_with_a_domestic_title_takes_the_country_of_the_context() -> None:
    text = "President Abdelaziz Bouteflika threatened to impose a curfew in Algiers."
    person = find(analyse_with(text).actors, "Abdelaziz Bouteflika")
    assert (person.country, person.sector) == ("DZA", "GOV")
    annan = find(
        analyse_with("U.N. Secretary-General Kofi Annan visited Baghdad.").actors, "Kofi Annan"
    )
    assert (annan.country, annan.sector) == (None, "IGO")  # a UN office belongs to no country


def test_international_bodies_never_inherit_a_country() -> None:
    article = analyse_with("UN officials arrived in Kabul on Monday.")
    assert all(a.country is None for a in article.actors if a.sector == "IGO")


def test_ethnic_and_double_demonyms() -> None:
    article = analyse_with("Hundreds of ethnic Albanians demonstrated in Serbia on Tuesday.")
    albanians = find(article.actors, "Albanians")
    assert albanians.country == "SRB"
    serbs = find(analyse_with("Bosnian Serbs demanded a truce.").actors, "Serbs")
    assert serbs.country == "BIH"


def test_national_branches_members_and_institutions_take_their_country() -> None:
    crescent = find(
        analyse_with("The Iraqi Red Crescent delivered food to families.").actors,
        "Iraqi Red Crescent",
    )
    assert (crescent.country, crescent.sector) == ("IRQ", "NGO")
    obeida = find(analyse_with("Abu Obeida of Hamas said they would respond.").actors, "Abu Obeida")
    assert (obeida.country, obeida.sector) == ("PSE", "REB")
    article = analyse_with("The Kenya Anti-Corruption Commission summoned two ministers.")
    assert ("KEN", "GOV") in {(a.country, a.sector) for a in article.actors}


def test_a_backer_is_not_the_country_of_the_backed() -> None:
    article = analyse_with("Iran-backed militias attacked the base.")
    militias = next(a for a in article.actors if a.sector == "REB")
    assert militias.country is None and "Iran" not in militias.name
    article = analyse_with("Turkey-backed Syrian fighters retook the town.")
    assert ("SYR", "REB") in {(a.country, a.sector) for a in article.actors}


def test_an_organisations_name_in_lower_case_is_the_common_word() -> None:
    from eventwire.actors import code_text

    assert code_text("amnesty") is None
    assert code_text("Amnesty").sector == "NGO"


def test_the_country_acted_on_is_not_the_nationality_of_the_others() -> None:
    from eventwire import nlp
    from eventwire.actors import detect
    from eventwire.model import Article

    text = "The rebels called on Russia to stop the bombing."
    actors = detect(nlp.load()(text), Article(id="t", uri="test:", text=text))
    rebels = next(a for a in actors if a.name == "rebels")
    assert rebels.country is None
