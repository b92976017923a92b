"""The JSON Schema in the package is the contract: real output must validate against it."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources
from typing import Any

import jsonschema
import pytest

from conftest import EXAMPLES, shared_path
from eventwire import analyze, model
from eventwire.sources import read_paths


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    text = (resources.files("eventwire") / "schema" / "article.schema.json").read_text()
    return json.loads(text)


def _errors(schema: dict[str, Any], data: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def test_schema_is_a_valid_json_schema(schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_and_dataclasses_name_the_same_keys(schema: dict[str, Any]) -> None:
    props = schema["properties"]
    pairs = [
        (props, model.Article),
        (props["places"]["items"]["properties"], model.Place),
        (props["actors"]["items"]["properties"], model.Actor),
        (props["events"]["items"]["properties"], model.Event),
        (props["quantities"]["items"]["properties"], model.Quantity),
        (props["statements"]["items"]["properties"], model.Statement),
        (props["errors"]["items"]["properties"], model.Error),
    ]
    for properties, cls in pairs:
        assert set(properties) == {f.name for f in dataclasses.fields(cls)}, cls.__name__


def test_real_output_validates(schema: dict[str, Any]) -> None:
    docs = list(read_paths([EXAMPLES]))
    articles = list(analyze(docs))
    assert len(articles) >= 6
    for article in articles:
        data = json.loads(json.dumps(article.to_dict()))
        assert _errors(schema, data) == [], article.uri
        assert model.article_from_dict(data) == article


def test_sample_article_output_validates(schema: dict[str, Any]) -> None:
    [doc] = read_paths([shared_path("samples", "idlib-offensive.txt")])
    [article] = analyze([doc])
    data = json.loads(json.dumps(article.to_dict()))
    assert _errors(schema, data) == []
    for key in ("places", "actors", "events", "quantities", "statements"):
        for item in data[key]:
            for span in item.get("mentions", []):
                assert 0 <= span[0] < span[1] <= len(article.text)
            if "start" in item:
                assert 0 <= item["start"] < item["end"] <= len(article.text)


def test_schema_rejects_a_broken_record(schema: dict[str, Any]) -> None:
    article = model.Article(id="0123456789abcdef", uri="x", text="t")
    data = article.to_dict()
    data["events"] = [{"plover": "EXPLODE"}]
    assert _errors(schema, data)


def test_evidence_sentences_are_exact_slices_without_trailing_whitespace() -> None:
    [article] = analyze(
        [
            "Gunmen attacked a police station in Maiduguri on Monday, killing three officers.\n\n"
            "The army said it had arrested 12 suspects after the attack.\n\nNo group claimed it."
        ]
    )
    assert article.events
    for event in article.events:
        assert event.sentence == article.text[event.start : event.end]
        assert event.sentence == event.sentence.strip()
    for quantity in article.quantities:
        assert quantity.sentence == quantity.sentence.strip()
        assert quantity.sentence in article.text
