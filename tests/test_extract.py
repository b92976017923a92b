"""Extraction: clean text and metadata from HTML and plain text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import shared_path
from eventwire import extract as extract_module
from eventwire.extract import (
    ExtractionError,
    extract,
    extract_html,
    extract_text,
    remove_boilerplate,
    split_title,
)
from eventwire.sources import document_from_text, read_paths

BODY = (
    "Government troops retook the town of Kidal on Tuesday after three days of fighting, "
    "the army said. Residents reported heavy shelling overnight and dozens of families fled. "
    "The rebels said they had withdrawn to protect civilians and would continue to resist."
)


def test_sample_article_title_and_body_without_wordpress_footer() -> None:
    [doc] = read_paths([shared_path("samples", "idlib-offensive.txt")])
    result = extract(doc)
    assert result.title == "Russia and Syria vow a major offensive in Idlib"
    assert result.text.startswith("The Syrian regime and Russia")
    assert result.text.endswith("another refugee crisis.")
    assert result.language == "en"


@pytest.mark.parametrize("name", ["wp_modern_theme.html", "wp_legacy_theme_with_comments.html"])
def test_synthetic_wordpress_pages(name: str) -> None:
    folder = shared_path("benchmarks", "extraction", "synthetic-wordpress")
    expected = json.loads((folder / "expected.json").read_text())[name]
    [doc] = read_paths([folder / name])

    result = extract(doc)

    for keep in expected["must_keep"]:
        assert keep in result.text
    for drop in expected["must_drop"] + expected.get("reader_comments", []):
        assert drop not in result.text
    assert result.title == expected["metadata"]["title"]
    assert result.published == expected["metadata"]["date"]
    assert result.author == expected["metadata"]["author"]


def test_plain_text_footer_is_cut_only_in_the_second_half() -> None:
    text = f"A headline about Kidal\n\n{BODY}\n\nLeave a Reply\n\nName *\n\nGreat article!"
    result = extract_text(text)
    assert result.title == "A headline about Kidal"
    assert result.text == BODY


def test_article_sentences_that_mention_boilerplate_words_are_kept() -> None:
    text = (
        "Related talks will resume in Geneva next week, officials said.\n\n"
        f"{BODY}\n\n"
        "Share this: the phrase appeared on a banner carried by protesters, police said."
    )
    assert remove_boilerplate(text) == text


def test_boilerplate_lines_anywhere_are_dropped() -> None:
    text = f"We use cookies to improve your experience.\n\n{BODY}\n\nAdvertisement\n\n{BODY}"
    assert remove_boilerplate(text) == f"{BODY}\n\n{BODY}"


def test_user_boilerplate_file_extends_the_packaged_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tmp_path / "mine.yaml"
    rules.write_text("line:\n  - 'follow us on mastodon.*'\n")
    monkeypatch.setenv("EVENTWIRE_BOILERPLATE", str(rules))
    extract_module.boilerplate_rules.cache_clear()
    try:
        assert remove_boilerplate(f"{BODY}\nFollow us on Mastodon for updates") == BODY
    finally:
        monkeypatch.delenv("EVENTWIRE_BOILERPLATE")
        extract_module.boilerplate_rules.cache_clear()


def test_first_line_is_a_title_only_when_it_reads_like_one() -> None:
    assert split_title(f"Troops retake Kidal\n{BODY}") == ("Troops retake Kidal", BODY)
    assert split_title(BODY) == (None, BODY)
    sentence = "Troops retook Kidal on Tuesday, the army said."
    assert split_title(f"{sentence}\n{BODY}")[0] is None


def test_broken_html_is_repaired() -> None:
    html = (
        "<html><head><title>Kidal retaken</title><body><div><p>"
        + BODY.replace(". ", ".<p>", 1)
        + "<table><tr><td>unclosed cell</div><p>Officials gave no casualty figures for the "
        "fighting in the north of the country, which began on Saturday."
    )
    result = extract_html(html)
    assert "Government troops retook the town of Kidal" in result.text
    assert "continue to resist" in result.text
    assert "<" not in result.text


def test_empty_and_non_english_documents_raise_with_metadata() -> None:
    with pytest.raises(ExtractionError, match="no article text"):
        extract(document_from_text("   \n\n "))
    german = (
        "Die Regierung hat am Montag beschlossen, die Truppen aus der Region abzuziehen. "
        "Die Opposition kritisierte den Schritt scharf und forderte Neuwahlen."
    )
    with pytest.raises(ExtractionError, match="unsupported language: de") as caught:
        extract(document_from_text(german))
    assert caught.value.extracted is not None
    assert caught.value.extracted.language == "de"


def test_jsonl_metadata_wins_over_extracted_metadata() -> None:
    doc = document_from_text(
        f"Some headline here\n\n{BODY}",
        url="https://www.example.org/news/1",
        title="Given title",
        published="2024-05-01",
    )
    result = extract(doc)
    assert (result.title, result.published, result.site) == (
        "Given title",
        "2024-05-01",
        "www.example.org",
    )


def test_headline_repeated_in_the_body_is_dropped() -> None:
    html = (
        "<html><head><title>Troops retake Kidal</title></head><body><article>"
        f"<h1>Troops retake Kidal</h1><p>{BODY}</p><p>Thanks for signing up!</p>"
        "</article></body></html>"
    )
    result = extract_html(html)
    assert result.title == "Troops retake Kidal"
    assert result.text == BODY


def test_a_short_html_fragment_keeps_its_text() -> None:
    fragment = "<p>Rebels attacked a convoy near Goma, killing five soldiers, the army said.</p>"
    assert extract_html(fragment).text == (
        "Rebels attacked a convoy near Goma, killing five soldiers, the army said."
    )
    page = "<html><body><script>var shown = 'Rebels attacked a convoy';</script></body></html>"
    assert extract_html(page).text == ""
