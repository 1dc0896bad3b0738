"""``batch`` (inputs to a results file, on a local pool or Spark) and ``load`` (results to a store).

``diplograph batch`` is ``extract`` for large corpora: the same records, computed by
``diplograph.batch``'s engines and written to JSON lines or Parquet. ``diplograph load``
saves such a file in the database as ``ingest`` would have. A bad article is one line on
stderr, the others go on, and the exit status is 1 at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import click

from diplograph.batch.io import OUTPUT_FORMATS, output_format, placed_records, to_extraction
from diplograph.cli.extract import ErrorLines, error_line, save_all
from diplograph.cli.kb import kb_option, kb_settings
from diplograph.cli.options import check_output, db_option, input_options
from diplograph.cli.progress import Piece, Progress
from diplograph.errors import InputError
from diplograph.models import Extraction

ENGINES = ("local", "spark")


def _good(
    records: Iterable[dict[str, Any]], errors: ErrorLines, progress: Progress
) -> Iterator[dict[str, Any]]:
    """The extraction records; each error record becomes one line on stderr."""
    with progress.running():
        for record in records:
            if "error" in record:
                errors.count += 1
                progress.clear()
                click.echo(error_line(record["error"]), err=True)
                continue
            progress.advance(
                Piece(str(record.get("source")), record.get("title"), record.get("text") or "")
            )
            yield record


@click.command("batch")
@input_options
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="local: a pool of processes on this machine; spark: a Spark cluster "
    "(needs diplograph[spark] and Java 17+).",
)
@click.option(
    "--processes",
    type=click.IntRange(min=1),
    help="local: worker processes [default: cores]; spark: partitions [default: Spark's].",
)
@click.option(
    "--master",
    metavar="URL",
    help="spark: the master (local[4], yarn, spark://host:7077) [default: spark-submit's, "
    "else local[*]].",
)
@click.option("-o", "--output", required=True, metavar="OUT", help="OUT.jsonl or OUT.parquet.")
@click.option(
    "--output-format",
    "out_format",
    type=click.Choice(OUTPUT_FORMATS),
    help="Write this format whatever OUT's suffix.",
)
@kb_option
def batch(
    inputs: tuple[str, ...],
    input_format: str | None,
    engine: str,
    processes: int | None,
    master: str | None,
    output: str,
    out_format: str | None,
    kb_list: str | None,
) -> None:
    """Extract events from inputs in parallel; write the records to OUT (JSONL or Parquet).

    INPUT is a file, a directory or a glob pattern. The records are those of `extract`
    (plus each article's text), in input order; `diplograph load OUT` stores them.
    """
    from diplograph.batch.io import read_articles, write_records

    fmt = output_format(output, out_format)
    check_output(output)
    progress = Progress(inputs)
    errors = ErrorLines(progress)
    settings = kb_settings(kb_list)  # a local path: Spark executors must see it there too
    records: Iterable[dict[str, Any]]
    if engine == "spark":  # the executors read the inputs
        from diplograph.batch.spark import run_spark_inputs, spark_session

        session = spark_session(master)  # before OUT is opened: no PySpark, no empty file
        records = run_spark_inputs(
            inputs, input_format, settings, spark=session, partitions=processes
        )
    else:
        from diplograph.batch.local import run_local

        articles = read_articles(inputs, input_format, errors)
        records = run_local(articles, settings, processes=processes)
    count = write_records(_good(records, errors, progress), output, fmt)
    click.echo(f"{count} articles into {output} ({engine}); {errors.count} errors")
    errors.exit_if_any()


@click.command("load")
@click.argument("results", nargs=-1, required=True, metavar="OUT...")
@db_option
def load(results: tuple[str, ...], db: str | None) -> None:
    """Save the records `diplograph batch` wrote (OUT.jsonl, OUT.parquet) in the database.

    As with `ingest`, articles already stored are skipped and what each new article touches
    is resolved.
    """
    progress = Progress()
    errors = ErrorLines(progress)
    save_all(db, lambda: (e for path in results for e in _extractions(path, errors)), progress)
    errors.exit_if_any()


def _extractions(path: str, errors: ErrorLines) -> Iterator[Extraction]:
    """The extractions of one results file; a bad record or file is reported, not raised."""
    try:
        for where, record in placed_records(path):
            try:
                yield to_extraction(record, where)
            except InputError as exc:
                errors(exc)
    except InputError as exc:
        errors(exc)
