"""Inputs to extractions: ``ingest.read_inputs`` then one ``nlp.Extractor`` over every article.

``ingest`` and ``nlp`` are imported when first used, so that the read-only commands
(``diplograph events`` and the like) start without loading the NLP models.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, cast

from diplograph.errors import DiplographError, ExtractionError
from diplograph.models import Extraction

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

    # Looked up by name: nlp is being written alongside (a plain import once it has landed).
    extractor = importlib.import_module("diplograph.nlp").Extractor(settings)
    for article in read_inputs(inputs, fmt=fmt, on_error=on_error):
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
