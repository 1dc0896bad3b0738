"""The local engine: ``process_partition`` over chunks of articles in a pool of processes.

Results come back in input order. Workers are started with ``spawn`` (not ``fork``) so that
a parent with threads (a web server, a Spark gateway) cannot deadlock them; each worker
builds its pipeline once and keeps it for every later chunk (``process_partition`` caches
the extractor per settings).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from itertools import islice
from typing import Any

from diplograph.batch import process_partition
from diplograph.errors import UsageError

__all__ = ["DEFAULT_CHUNK", "run_local"]

# Articles per task: large enough to amortise pickling, small enough to spread the work.
DEFAULT_CHUNK = 8


def _chunks(rows: Iterable[Mapping[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    it = iter(rows)
    while chunk := [dict(row) for row in islice(it, size)]:
        yield chunk


def _work(settings: dict[str, Any], chunk: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list(process_partition(chunk, settings))


def run_local(
    rows: Iterable[Mapping[str, Any]],
    settings: Mapping[str, Any] | None = None,
    *,
    processes: int | None = None,
    chunk_size: int = DEFAULT_CHUNK,
) -> Iterator[dict[str, Any]]:
    """Extraction records of article ``rows``, in order, from ``processes`` workers.

    ``processes`` defaults to the number of cores; with 1 the work is done in this process.
    Bad rows come back as error records (see ``process_partition``).
    """
    processes = processes or os.cpu_count() or 1
    if processes < 1 or chunk_size < 1:
        raise UsageError("processes and chunk size must be at least 1")
    work = partial(_work, dict(settings or {}))
    if processes == 1:
        for chunk in _chunks(rows, chunk_size):
            yield from work(chunk)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        for records in pool.imap(work, _chunks(rows, chunk_size)):
            yield from records
