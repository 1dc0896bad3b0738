"""The Spark engine: ``process_partition`` over the partitions of an RDD of article records.

PySpark is imported inside the functions, so that diplograph works without it.
``run_spark_inputs`` (what ``diplograph batch --engine spark`` calls) lists the input files
on the driver and reads them on the executors, one task per file; the articles are then
numbered in input order and spread evenly over ``partitions`` slices for extraction, so one
large file does not leave the other cores idle, and the records come back in input order.
The files must be readable where the executors run (a shared file system, or URLs).
``run_spark`` takes records already in the driver's memory (the Python API).
Under ``spark-submit`` the session takes its master and resources from the submit options;
otherwise it starts Spark in local mode (``local[*]`` unless ``master`` says otherwise).
Every executor needs diplograph (and its spaCy model) installed in its Python.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from diplograph.batch import process_partition
from diplograph.errors import DiplographError, InputError, MissingExtraError

__all__ = [
    "extract_inputs_rdd",
    "extract_rdd",
    "read_files",
    "run_spark",
    "run_spark_inputs",
    "spark_session",
]

# Small defaults for one machine; a cluster's spark-submit options override them.
LOCAL_CONF = {
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.python.worker.reuse": "true",
    "spark.ui.showConsoleProgress": "false",
}


def spark_session(
    master: str | None = None,
    conf: Mapping[str, str] | None = None,
    app_name: str = "diplograph-batch",
) -> Any:
    """A SparkSession (the running one, if any); a ``DiplographError`` if Spark cannot start."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise MissingExtraError("the Spark engine", "PySpark", "spark") from exc
    if "PYSPARK_GATEWAY_PORT" not in os.environ and (not master or master.startswith("local")):
        # Not under spark-submit: the Python workers are this Python, with diplograph in it.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    for key, value in {**LOCAL_CONF, **dict(conf or {})}.items():
        builder = builder.config(key, value)
    try:
        return builder.getOrCreate()
    except Exception as exc:  # Py4J and a missing Java raise assorted types
        raise DiplographError(
            f"cannot start Spark ({exc}); it needs Java 17+ (scripts/install-java.sh)",
            source=master or "spark",
        ) from exc


def extract_rdd(
    spark: Any,
    rows: Iterable[Mapping[str, Any]],
    settings: Mapping[str, Any] | None = None,
    partitions: int | None = None,
) -> Any:
    """An RDD of the extraction records of article ``rows``, in input order."""
    records = [dict(row) for row in rows]
    frozen = dict(settings or {})
    slices = partitions or spark.sparkContext.defaultParallelism
    rdd = spark.sparkContext.parallelize(records, max(1, min(slices, len(records) or 1)))
    return rdd.mapPartitions(lambda it: process_partition(it, frozen))


def run_spark(
    rows: Iterable[Mapping[str, Any]],
    settings: Mapping[str, Any] | None = None,
    *,
    spark: Any = None,
    master: str | None = None,
    partitions: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Extraction records of article ``rows``, in order, computed by Spark.

    Uses ``spark`` when given, else ``spark_session(master)``; results are streamed to the
    driver one partition at a time. Bad rows come back as error records.
    """
    session = spark if spark is not None else spark_session(master)
    rdd = extract_rdd(session, rows, settings, partitions)
    for record in rdd.toLocalIterator():
        yield dict(record)


def read_files(
    items: Iterable[Mapping[str, Any]], fmt: str | None, max_bytes: int
) -> Iterator[dict[str, Any]]:
    """The article records of the files in ``items`` (``{"path": ...}``), read where this runs.

    An item that is already an error record passes through; a file or line that cannot be
    read becomes an error record in its place, as ``process_partition`` makes them.
    """
    from diplograph.ingest import read_inputs

    pending: list[DiplographError] = []
    for item in items:
        if "error" in item:
            yield dict(item)
            continue
        for article in read_inputs([item["path"]], fmt, pending.append, max_bytes):
            yield from _error_records(pending)
            yield article.to_dict()
        yield from _error_records(pending)


def _error_records(errors: list[DiplographError]) -> Iterator[dict[str, Any]]:
    while errors:
        error = errors.pop(0)
        yield {"source": error.source, "index": None, "error": str(error)}


def _input_items(inputs: Sequence[str]) -> list[dict[str, Any]]:
    """Each input file as ``{"path": ...}``, in order; an input that cannot be listed as an
    error record in its place (listing is cheap, so the driver does it)."""
    from diplograph.ingest.files import expand_input

    items: list[dict[str, Any]] = []
    for spec in inputs:
        try:
            items.extend({"path": path} for path in expand_input(spec))
        except InputError as error:
            items.extend(_error_records([error]))
    return items


def extract_inputs_rdd(
    spark: Any,
    inputs: Sequence[str],
    fmt: str | None = None,
    settings: Mapping[str, Any] | None = None,
    partitions: int | None = None,
    max_bytes: int | None = None,
) -> Any:
    """An RDD of the extraction (and error) records of the files of ``inputs``, in order."""
    return _spread_inputs(spark, inputs, fmt, settings, partitions, max_bytes)[1]


def _spread_inputs(
    spark: Any,
    inputs: Sequence[str],
    fmt: str | None,
    settings: Mapping[str, Any] | None,
    partitions: int | None,
    max_bytes: int | None,
) -> tuple[Any, Any]:
    """The cached RDD of numbered article rows, and the RDD of their extraction records."""
    from pyspark import StorageLevel

    from diplograph.ingest.detect import check_format
    from diplograph.ingest.reader import size_limit

    fmt, limit = check_format(fmt), size_limit(max_bytes)  # bad settings fail on the driver
    frozen = dict(settings or {})
    context = spark.sparkContext
    items = _input_items(inputs)
    if not items:
        return None, context.emptyRDD()
    files = context.parallelize(items, len(items))  # one task per file
    rows = files.mapPartitions(lambda it: read_files(it, fmt, limit))
    numbered = rows.zipWithIndex().map(lambda pair: (pair[1], pair[0]))
    numbered.persist(StorageLevel.MEMORY_AND_DISK)  # zipWithIndex counts; read the files once
    total = numbered.count()
    slices = max(1, min(partitions or context.defaultParallelism, total))
    per = -(-total // slices)
    spread = numbered.repartitionAndSortWithinPartitions(
        slices, partitionFunc=lambda key: key // per
    )
    extracted = spread.mapPartitions(lambda it: process_partition((row for _, row in it), frozen))
    return numbered, extracted


def run_spark_inputs(
    inputs: Sequence[str],
    fmt: str | None = None,
    settings: Mapping[str, Any] | None = None,
    *,
    spark: Any = None,
    master: str | None = None,
    partitions: int | None = None,
    max_bytes: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Extraction records of every article of ``inputs`` (files, directories, globs, URLs),
    in order, read and computed by Spark's executors; unreadable inputs and bad articles
    come back as error records in their place. ``fmt`` and ``max_bytes`` are those of
    ``ingest.read_inputs``."""
    session = spark if spark is not None else spark_session(master)
    numbered, rdd = _spread_inputs(session, inputs, fmt, settings, partitions, max_bytes)
    try:
        for record in rdd.toLocalIterator():
            yield dict(record)
    finally:
        if numbered is not None:
            numbered.unpersist()
