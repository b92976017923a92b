"""Direct quotes and reported speech, with speakers, on the real spaCy model."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from eventwire import annotators, nlp
from eventwire.model import Article, Statement
from eventwire.statements import extract_statements, find_quotes

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "idlib-offensive.txt"

pytestmark = pytest.mark.slow


def statements(text: str, *, with_actors: bool = False) -> list[Statement]:
    doc = nlp.load()(text)
    article = Article(id="t", uri="t", text=text)
    if with_actors:
        for module, field in (("eventwire.geo.places", "places"), ("eventwire.actors", "actors")):
            importlib.import_module(module)
            setattr(article, field, annotators._REGISTRY[field].func(doc, article))
    found = extract_statements(doc, article)
    for s in found:  # the span is the content, and `text` is that span
        assert text[s.start : s.end] == s.text
    return found


def speaker(s: Statement) -> str | None:
    return s.speaker.name if s.speaker else None


def test_find_quotes_straight_typographic_and_multi_sentence() -> None:
    text = 'He said "we will win this war soon." Then “It is over. We are going home,” she said.'
    found = [text[q.start : q.end] for q in find_quotes(text)]
    assert found == ["we will win this war soon.", "It is over. We are going home"]


def test_short_scare_quotes_are_not_statements() -> None:
    assert find_quotes('The so-called "moderate" rebels left.') == []


def test_direct_quote_with_pronoun_speaker_after_the_quote() -> None:
    text = (
        "Sergei Lavrov met officials in Damascus on Monday. "
        '"We will not allow terrorists to remain in Idlib," he said.'
    )
    [s] = statements(text)
    assert s.direct and s.text == "We will not allow terrorists to remain in Idlib"
    assert speaker(s) == "Sergei Lavrov"


def test_speaker_named_after_the_quote() -> None:
    text = '"The situation is catastrophic and getting worse," said Jan Egeland, the head of NRC.'
    [s] = statements(text)
    assert (s.direct, speaker(s)) == (True, "Jan Egeland")


def test_speaker_before_a_typographic_multi_sentence_quote() -> None:
    text = "Kofi Annan said: “We are ready to talk. Peace is possible in the region.”"
    [s] = statements(text)
    assert s.direct and s.text.startswith("We are ready to talk. Peace is possible")
    assert speaker(s) == "Kofi Annan"


def test_reported_speech_span_is_the_content_only() -> None:
    text = "Lavrov stated that both countries should wipe out the last terrorist groups in Idlib."
    [s] = statements(text)
    assert not s.direct
    assert s.text == "both countries should wipe out the last terrorist groups in Idlib"
    assert speaker(s) == "Lavrov"


def test_according_to() -> None:
    text = "More than 500 civilians have been killed since April, according to the United Nations."
    [s] = statements(text)
    assert s.text == "More than 500 civilians have been killed since April"
    assert "United Nations" in speaker(s)


def test_attribution_after_the_clause() -> None:
    text = "Two bombers killed 23 people in Tel Aviv late on Sunday, police said."
    [s] = statements(text)
    assert s.text == "Two bombers killed 23 people in Tel Aviv late on Sunday"
    assert speaker(s) == "police"


def test_nominal_speaker_resolves_to_the_described_person() -> None:
    text = (
        "Russian foreign minister Sergei Lavrov met his Syrian counterpart Walid al-Muallem. "
        "The Syrian minister said that the army will go to Idlib."
    )
    [s] = statements(text)
    assert speaker(s) == "Walid al-Muallem"


def test_impersonal_estimate_is_not_a_statement() -> None:
    assert statements("It is estimated that 2.5 million people can try to flee.") == []


@pytest.mark.skipif(not SAMPLE.exists(), reason=f"shared sample not found at {SAMPLE}")
def test_sample_article_statements() -> None:
    found = statements(SAMPLE.read_text("utf-8"), with_actors=True)
    by = {}
    for s in found:
        by.setdefault(speaker(s), []).append(s)
    lavrov = next(v for k, v in by.items() if k and "Lavrov" in k)
    muallem = next(v for k, v in by.items() if k and "Muallem" in k)
    assert any("de-escalation zone for attacking Syrian army" in s.text for s in lavrov)
    assert any("special care will be taken" in s.text for s in muallem)
    assert all(not s.direct for s in found)
    if lavrov[0].speaker.country:  # coded by the actors stage
        assert lavrov[0].speaker.country == "RUS"
        assert muallem[0].speaker.country == "SYR"


def test_second_speech_verb_is_its_own_statement_and_embedded_quote() -> None:
    text = (
        'Colonel Abdoulaye Maiga said that France had "repeatedly violated Mali\'s sovereignty" '
        "and warned that the junta would not tolerate further interference."
    )
    found = statements(text)
    assert {(s.text, s.direct) for s in found} == {
        ('France had "repeatedly violated Mali\'s sovereignty"', False),
        ("repeatedly violated Mali's sovereignty", True),
        ("the junta would not tolerate further interference", False),
    }
    assert {speaker(s) for s in found} == {"Abdoulaye Maiga"}


def test_possessor_is_not_the_speaker() -> None:
    [s] = statements("Mali's government denied that it was planning to postpone elections.")
    assert speaker(s) == "Mali's government"


def test_object_of_report_is_not_reported_speech() -> None:
    assert statements("Residents of Khartoum reported continued fighting on Wednesday.") == []


def test_organisation_split_by_the_parser_keeps_its_whole_name() -> None:
    text = "The Bangladesh Garment Manufacturers and Exporters Association said owners would meet."
    [s] = statements(text)
    assert speaker(s) == "Bangladesh Garment Manufacturers and Exporters Association"


def test_relative_clause_speaker() -> None:
    text = "The talks were chaired by Sergei Lavrov, who said that the ceasefire would hold."
    [s] = statements(text)
    assert (s.text, speaker(s)) == ("the ceasefire would hold", "Sergei Lavrov")


@pytest.mark.parametrize(
    ("text", "code", "said", "who"),
    [
        (
            "The State Department declined to comment on the report.",
            "011",
            "comment",
            "State Department",
        ),
        ("Japan expressed deep concern over the missile launches.", "012", "deep concern", "Japan"),
        ("The minister is optimistic about the talks.", "013", "optimistic", "The minister"),
        (
            "The government is considering new sanctions against Iran.",
            "014",
            "new sanctions",
            "The government",
        ),
        (
            "The army acknowledged responsibility for the deaths.",
            "015",
            "responsibility",
            "The army",
        ),
        ("Pakistan denied any involvement in the attack.", "016", "involvement", "Pakistan"),
        (
            "The ministry denied that its troops had crossed the border.",
            "016",
            "its troops had crossed the border",
            "The ministry",
        ),
        ("Leaders laid a wreath at the memorial.", "017", "wreath", "Leaders"),
        (
            "The spokesman said the talks would continue on Monday.",
            "010",
            "the talks would continue on Monday",
            "The spokesman",
        ),
    ],
)
def test_statements_carry_their_cameo_01_code(text: str, code: str, said: str, who: str) -> None:
    found = statements(text)
    assert [(s.cameo, s.text) for s in found] == [(code, said)]
    assert speaker(found[0]) == who


def test_a_stance_inside_reported_speech_is_the_reporting_speakers() -> None:
    found = statements("Japan said it was deeply concerned about the tests.")
    assert [(s.cameo, s.text, speaker(s)) for s in found] == [
        ("010", "it was deeply concerned about the tests", "Japan"),
        ("012", "deeply concerned", "Japan"),
    ]


def test_a_passive_or_an_unlisted_object_makes_no_comment() -> None:
    assert statements("The journalist was denied entry at the border.") == []
    assert statements("The court is considering the appeal of the former minister.") == []


def test_a_stance_leaves_the_event_it_is_about_asserted() -> None:
    from eventwire import analyze

    article = next(analyze("Japan expressed concern after Russian jets bombed Kharkiv."))
    [comment] = article.statements
    assert comment.cameo == "012"
    [attack] = [e for e in article.events if e.plover == "ASSAULT"]
    assert attack.factuality == "asserted" and attack.statement is None


def test_user_files_add_comment_rules_before_the_built_in_ones(tmp_path, monkeypatch) -> None:
    (tmp_path / "mine.yaml").write_text(
        'comments:\n  - {cameo: "013", verbs: [voice], objects: [concern]}\n', encoding="utf-8"
    )
    monkeypatch.setenv("EVENTWIRE_EVENTS_DIR", str(tmp_path))
    [s] = statements("Japan voiced concern over the launches.")
    assert s.cameo == "013"
