"""analyze(): one article per input, in order; failures isolated per document and stage."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire import analyze, analyze_one, annotators
from eventwire.model import Error, RawDocument
from eventwire.sources import document_from_text

TEXT = (
    "Kenyan police arrested 40 protesters in Nairobi on Tuesday after a march against new "
    "taxes turned violent, officials said. The interior minister defended the arrests."
)


def test_one_article_per_input_in_order_failures_included() -> None:
    failed = RawDocument(id="f" * 16, uri="bad.bin", content="", error=Error("read", "binary"))
    inputs = [document_from_text(TEXT), failed, "", document_from_text(TEXT + " More.")]

    articles = list(analyze(inputs))

    assert [a.uri for a in articles][1] == "bad.bin"
    assert len(articles) == 4
    assert [bool(a.errors) for a in articles] == [False, True, True, False]
    assert articles[1].errors == [Error("read", "binary")]
    assert articles[2].errors[0].stage == "extract"
    assert articles[0].text == TEXT
    assert articles[0].language == "en"


def test_a_plain_string_is_one_document() -> None:
    article = analyze_one(TEXT)
    assert article.text == TEXT
    assert article.id == document_from_text(TEXT).id
    assert [a.id for a in analyze(TEXT)] == [article.id]


def test_more_documents_than_a_batch_keep_their_order() -> None:
    texts = [f"{TEXT} Item {i} of the list." for i in range(40)]
    assert [a.text for a in analyze(texts)] == texts


def test_a_failing_annotator_leaves_an_error_and_the_others_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(doc: Any, article: Any) -> list[Any]:
        raise RuntimeError("boom")

    real = annotators.registered()
    failing = annotators.Annotator("quantities", "quantities", (), broken)
    monkeypatch.setattr(
        annotators,
        "registered",
        lambda: [failing if a.assigns == "quantities" else a for a in real],
    )

    article = analyze_one(TEXT)

    assert article.errors == [Error("quantities", "RuntimeError: boom")]
    assert article.text == TEXT


def test_registry_refuses_an_annotator_that_requires_a_later_field() -> None:
    with pytest.raises(ValueError, match="filled later"):
        annotators.annotator("early", assigns="places", requires=("events",))
    with pytest.raises(ValueError, match="unknown field"):
        annotators.annotator("odd", assigns="colours")


def test_registry_refuses_a_second_function_under_a_taken_name() -> None:
    name = annotators.registered()[0].name
    with pytest.raises(ValueError, match="already registered"):
        annotators.annotator(name, assigns="places")(lambda doc, article: [])
