"""Inputs to extractions: ``ingest.read_inputs`` then one ``nlp.Extractor`` over every article.

``ingest`` and ``nlp`` are imported when first used, so that the read-only commands
(``diplograph events`` and the like) start without loading the NLP models.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, cast

from diplograph.errors import DiplographError, ExtractionError
from diplograph.models import Article, Extraction

ErrorHandler = Callable[[DiplographError], None]


def extract_inputs(
    inputs: Sequence[str],
    fmt: str | None = None,
    on_error: ErrorHandler | None = None,
    settings: Mapping[str, Any] | None = None,
) -> Iterator[Extraction]:
    """Read every article of ``inputs`` and yield what the extractor finds in each.

    An input that cannot be read, or an article the extractor fails on, goes to
    ``on_error`` and the rest go on; with ``on_error`` None the first such error is raised.
    ``fmt`` forces the input format (``seed``, ``jsonl``, ``html`` or ``text``).
    """
    from diplograph.ingest import read_inputs

    extractor = make_extractor(settings)
    yield from extract_articles(
        read_inputs(inputs, fmt=fmt, on_error=on_error), extractor, on_error
    )


def make_extractor(settings: Mapping[str, Any] | None = None) -> Any:
    """An ``nlp.Extractor`` (its models loaded once); keep it to extract many batches."""
    # Looked up by name: nlp is being written alongside (a plain import once it has landed).
    return importlib.import_module("diplograph.nlp").Extractor(settings)


def extract_articles(
    articles: Iterable[Article], extractor: Any, on_error: ErrorHandler | None = None
) -> Iterator[Extraction]:
    """What ``extractor`` finds in each article; a failed article goes to ``on_error``."""
    for article in articles:
        try:
            extraction = cast(Extraction, extractor.extract(article))
        except ExtractionError as exc:
            if exc.source is None:
                exc.source = f"{article.source}#{article.index}"
            if on_error is None:
                raise
            on_error(exc)
            continue
        yield extraction
