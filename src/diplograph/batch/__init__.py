"""Batch processing: the function that every engine (local, Spark) calls on a partition.

``process_partition`` takes plain article records and yields plain extraction records, so
that an engine ships only dicts between processes. Each worker builds its NLP pipeline once
per distinct settings and keeps it for every later partition.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from diplograph.errors import DiplographError, InputError
from diplograph.models import Article

if TYPE_CHECKING:
    from diplograph.nlp import Extractor

__all__ = ["process_partition"]


@lru_cache(maxsize=4)
def _extractor(settings_key: str) -> Extractor:
    from diplograph.nlp import Extractor

    return Extractor(json.loads(settings_key))


def _read_row(row: Mapping[str, Any]) -> Article:
    """An Article from a plain record, or an InputError naming what is wrong with it."""
    where = f"{row.get('source', '?')}#{row.get('index', '?')}"
    if not isinstance(row.get("text"), str):
        raise InputError("the record has no text", source=where)
    try:
        return Article.from_dict(dict(row))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"not an article record: {exc}", source=where) from exc


def process_partition(
    rows: Iterable[Mapping[str, Any]], settings: Mapping[str, Any] | None = None
) -> Iterator[dict[str, Any]]:
    """Extract every article record of a partition.

    Yields ``Extraction.to_dict()`` plus the article's ``text`` and ``metadata`` for each good
    row (so that ``Extraction.from_dict`` gives the whole article back), and for a bad row a
    record ``{"source", "index", "error"}`` so that one bad input never stops the batch. A
    row that is already such an error record (an engine could not read an input) is passed
    on as it is.
    """
    extractor = _extractor(json.dumps(dict(settings or {}), sort_keys=True))
    for row in rows:
        if "error" in row:  # an input an engine could not read: passed on in its place
            yield {key: row.get(key) for key in ("source", "index", "error")}
            continue
        try:
            article = _read_row(row)
            record = extractor.extract(article).to_dict()
        except DiplographError as exc:
            yield {"source": row.get("source"), "index": row.get("index"), "error": str(exc)}
            continue
        record["text"] = article.text
        record["metadata"] = article.metadata
        yield record
