"""Batch inputs and outputs: article records in, extraction records out to JSONL or Parquet.

``read_articles`` turns inputs (seed dumps, JSON lines, HTML, text files and directories,
through ``ingest.read_inputs``) into plain article records for ``process_partition``.
``write_records`` writes extraction records to ``OUT.jsonl`` or ``OUT.parquet``, and
``read_records`` reads them back: each record goes back into an ``Extraction`` with
``to_extraction``. In Parquet the scalar fields are columns and the nested ones (persons,
organizations, countries, events, metadata) JSON strings, so the schema never depends on
what a batch happened to find.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from diplograph.errors import (
    DiplographError,
    InputError,
    MissingExtraError,
    OutputError,
    UsageError,
)
from diplograph.models import Extraction

__all__ = [
    "NESTED_FIELDS",
    "OUTPUT_FORMATS",
    "SCALAR_FIELDS",
    "output_format",
    "placed_records",
    "read_articles",
    "read_records",
    "to_extraction",
    "write_records",
]

OUTPUT_FORMATS = ("jsonl", "parquet")
SCALAR_FIELDS = ("id", "source", "index", "title", "published", "url", "text")
NESTED_FIELDS = ("persons", "organizations", "countries", "events", "metadata")
_SUFFIXES = {".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}


def read_articles(
    inputs: Sequence[str],
    fmt: str | None = None,
    on_error: Callable[[DiplographError], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """The article records of ``inputs``, in order, as ``Article.to_dict()`` dicts."""
    from diplograph.ingest import read_inputs

    for article in read_inputs(inputs, fmt=fmt, on_error=on_error):
        yield article.to_dict()


def output_format(path: str | Path, fmt: str | None = None) -> str:
    """``jsonl`` or ``parquet``: ``fmt`` when given, else from the file name's suffix."""
    if fmt is not None:
        if fmt not in OUTPUT_FORMATS:
            raise UsageError(f"unknown output format {fmt!r}; use jsonl or parquet")
        return fmt
    found = _SUFFIXES.get(Path(path).suffix.lower())
    if found is None:
        raise UsageError(f"cannot tell the output format of {path}: name it .jsonl or .parquet")
    return found


def write_records(
    records: Iterable[Mapping[str, Any]], path: str | Path, fmt: str | None = None
) -> int:
    """Write extraction records to ``path`` (JSON lines or Parquet); the number written."""
    try:
        if output_format(path, fmt) == "parquet":
            return _write_parquet(records, Path(path))
        count = 0
        with open(path, "w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
                count += 1
        return count
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from exc


def read_records(path: str | Path, fmt: str | None = None) -> Iterator[dict[str, Any]]:
    """The extraction records of a file ``write_records`` wrote, in order."""
    for _, record in placed_records(path, fmt):
        yield record


def placed_records(
    path: str | Path, fmt: str | None = None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """``read_records`` with where each record is: ``FILE:LINE``, or ``FILE:ROW`` in Parquet."""
    if Path(path).is_dir():
        raise InputError(
            "a directory, not a results file (OUT.jsonl, OUT.parquet)", source=str(path)
        )
    if fmt is None and Path(path).suffix.lower() not in _SUFFIXES:
        raise InputError(
            "not a results file: its name must end in .jsonl or .parquet", source=str(path)
        )
    if output_format(path, fmt) == "parquet":
        for number, record in enumerate(_read_parquet(Path(path)), 1):
            yield f"{path}:{number}", record
        return
    try:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    yield f"{path}:{number}", _json_record(line, f"{path}:{number}")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 JSON lines", source=str(path)) from exc


def to_extraction(record: Mapping[str, Any], where: str | None = None) -> Extraction:
    """The ``Extraction`` (article text included) an extraction record stands for;
    ``where`` (``FILE:LINE``) names it in errors, else its source and index."""
    where = where or f"{record.get('source', '?')}#{record.get('index', '?')}"
    if "error" in record:
        raise InputError(str(record["error"]), source=where)
    try:
        return Extraction.from_dict(dict(record))
    except KeyError as exc:
        raise InputError(f"not an extraction record: no {exc} field", source=where) from exc
    except (TypeError, ValueError) as exc:
        raise InputError(f"not an extraction record: {exc}", source=where) from exc


def _json_record(line: str, where: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg}", source=where) from exc
    if not isinstance(record, dict):
        raise InputError("not a JSON object", source=where)
    return record


# -- Parquet ------------------------------------------------------------------------------


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise MissingExtraError("Parquet", "pyarrow", "parquet") from exc
    return pyarrow


def _schema(pa: Any) -> Any:
    fields = [pa.field(name, pa.string()) for name in SCALAR_FIELDS]
    fields[SCALAR_FIELDS.index("index")] = pa.field("index", pa.int64())
    return pa.schema(fields + [pa.field(name, pa.string()) for name in NESTED_FIELDS])


def _flat(record: Mapping[str, Any]) -> dict[str, Any]:
    row = {name: record.get(name) for name in SCALAR_FIELDS}
    for name in NESTED_FIELDS:
        if name in record:
            row[name] = json.dumps(record[name], ensure_ascii=False, default=str)
        else:
            row[name] = None
    return row


def _write_parquet(records: Iterable[Mapping[str, Any]], path: Path, batch: int = 500) -> int:
    pa = _pyarrow()
    schema = _schema(pa)
    count = 0
    with pa.parquet.ParquetWriter(str(path), schema) as writer:
        rows: list[dict[str, Any]] = []
        for record in records:
            rows.append(_flat(record))
            count += 1
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        if rows or not count:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return count


def _read_parquet(path: Path) -> Iterator[dict[str, Any]]:
    pa = _pyarrow()
    try:
        parquet = pa.parquet.ParquetFile(str(path))
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"cannot read Parquet: {exc}", source=str(path)) from exc
    for batch in parquet.iter_batches():
        for row in batch.to_pylist():
            record = {name: row.get(name) for name in SCALAR_FIELDS}
            for name in NESTED_FIELDS:
                if row.get(name) is not None:
                    record[name] = json.loads(row[name])
            yield record
