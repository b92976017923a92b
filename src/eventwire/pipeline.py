"""`analyze`: the one place that composes the stages.

For each raw document:
  1. extract  - clean text, title, date, site, language (`extract.extract`); a document whose
                reader failed, or whose text is empty or not English, stops here with an error.
  2. nlp      - the spaCy parse of every document that got through: one `nlp.pipe` stream over
                all documents, which parses them in batches of `BATCH_SIZE`.
  3. annotate - the registered annotators in order (places, actors, statements, events,
                quantities); one that raises leaves an error for its stage and the others run.
Articles come out in input order, one per input document, failed ones included. Nothing here
reads files or writes to a store: that is `sources/` and `store/`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from . import annotators, nlp
from .extract import ExtractionError, extract
from .model import Article, Error, RawDocument
from .sources import document_from_text

BATCH_SIZE = 32


def analyze(documents: Iterable[RawDocument | str] | str) -> Iterator[Article]:
    """Analyze documents (raw documents, or plain strings) into articles, in input order."""
    if isinstance(documents, str):
        documents = [documents]
    raw = (d if isinstance(d, RawDocument) else document_from_text(d) for d in documents)
    articles = (_extract_article(doc) for doc in raw)
    steps = annotators.registered()
    # One stream, not one `nlp.pipe` per batch: when a stream ends and its last docs are freed,
    # glibc hands the parser's buffers back to the OS and the next stream page-faults them in
    # again (about 0.7 ms per short article, 5% of the parse). An article that failed
    # extraction rides along as an empty text, so that every article comes out in input order
    # with at most one batch read ahead.
    pairs = (("" if a.errors else a.text, a) for a in articles)
    for doc, article in nlp.parse_pairs(pairs, batch_size=BATCH_SIZE):
        if not article.errors:
            _annotate(article, doc, steps)
        yield article


def analyze_one(document: RawDocument | str) -> Article:
    """Analyze a single document."""
    return next(analyze([document]))


def _extract_article(doc: RawDocument) -> Article:
    article = Article(id=doc.id, uri=doc.uri, title=doc.title, published=doc.published)
    if doc.error is not None:
        article.errors.append(doc.error)
        return article
    try:
        extracted = extract(doc)
    except ExtractionError as exc:
        article.errors.append(Error(stage="extract", message=str(exc)))
        extracted = exc.extracted
    if extracted is not None:
        for name in ("text", "title", "published", "site", "author", "language"):
            setattr(article, name, getattr(extracted, name))
    return article


def _annotate(article: Article, doc: object, steps: list[annotators.Annotator]) -> None:
    for step in steps:
        try:
            result = step.func(doc, article)  # type: ignore[arg-type]
        except Exception as exc:  # one annotator's bug must not lose the article
            article.errors.append(Error(stage=step.name, message=f"{type(exc).__name__}: {exc}"))
            continue
        setattr(article, step.assigns, result)
