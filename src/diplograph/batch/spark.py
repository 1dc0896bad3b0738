"""The Spark engine: ``process_partition`` over the partitions of an RDD of article records.

PySpark is imported inside the functions, so that diplograph works without it. The records
are read on the driver, spread over ``partitions`` slices and come back in input order.
Under ``spark-submit`` the session takes its master and resources from the submit options;
otherwise it starts Spark in local mode (``local[*]`` unless ``master`` says otherwise).
Every executor needs diplograph (and its spaCy model) installed in its Python.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from diplograph.batch import process_partition
from diplograph.errors import DiplographError, UsageError

__all__ = ["extract_rdd", "run_spark", "spark_session"]

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
        raise UsageError("the Spark engine needs PySpark: pip install 'diplograph[spark]'") from exc
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
