"""The commands that read inputs: ``extract``, ``eval`` and ``ingest``.

Each input's error is one line on stderr and the others go on; the exit status is 1 at the
end if there was any.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import IO

import click

from diplograph import evaluate
from diplograph.cli.kb import kb_option, kb_settings
from diplograph.cli.options import db_option, format_option, input_options
from diplograph.cli.progress import PLAIN_EVERY as PLAIN_EVERY  # re-exported: imported from here
from diplograph.cli.progress import PROGRESS_AFTER as PROGRESS_AFTER
from diplograph.cli.progress import Progress as Progress
from diplograph.errors import DiplographError, UsageError
from diplograph.models import Extraction
from diplograph.pipeline import extract_inputs
from diplograph.store import open_store


def error_line(exc: object) -> str:
    """``error: <exc>`` on one line, whatever line breaks a driver's message holds."""
    return "error: " + re.sub(r"\s*\n\s*", " ", str(exc)).strip()


class ErrorLines:
    """Reports each input's error on one line and remembers that there was one."""

    def __init__(self, progress: Progress | None = None) -> None:
        self.count = 0
        self.progress = progress

    def __call__(self, exc: DiplographError) -> None:
        self.count += 1
        if self.progress is not None:
            self.progress.clear()
        click.echo(error_line(exc), err=True)

    def exit_if_any(self) -> None:
        """Exit 1 if any error was reported."""
        if self.count:
            click.get_current_context().exit(1)


@click.command()
@input_options
@format_option("jsonl")
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write here instead of standard output.",
)
@kb_option
def extract(
    inputs: tuple[str, ...],
    input_format: str | None,
    fmt: str,
    output: IO[str],
    kb_list: str | None,
) -> None:
    """Extract events from inputs; write one JSON line per article.

    INPUT is a file, a directory or a glob pattern.
    """
    errors = ErrorLines()
    articles = events = 0
    for extraction in extract_inputs(inputs, input_format, errors, kb_settings(kb_list)):
        click.echo(json.dumps(extraction.to_dict(), ensure_ascii=False), file=output)
        articles, events = articles + 1, events + len(extraction.events)
    if getattr(output, "name", "<stdout>") != "<stdout>":  # -o FILE, not standard output
        click.echo(f"{articles} articles into {output.name}; {events} events")
    errors.exit_if_any()


def _bounds(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> list[tuple[str, float]]:
    """A click callback that reads each ``--min METRIC=VALUE``."""
    try:
        return [evaluate.parse_bound(value) for value in values]
    except UsageError as exc:
        raise click.BadParameter(exc.message, ctx, param) from exc


@click.command("eval")
@click.argument("gold", metavar="GOLD")
@input_options
@click.option("--json", "as_json", is_flag=True, help="Print figures and errors as JSON.")
@click.option(
    "--errors/--no-errors",
    "show_errors",
    default=True,
    show_default=True,
    help="List the misses and extras, grouped by kind, the biggest group first.",
)
@click.option(
    "--min",
    "bounds",
    multiple=True,
    metavar="METRIC=VALUE",
    callback=_bounds,
    help="Exit 1 when METRIC is below VALUE (e.g. events_f1=0.85); may be repeated.",
)
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    help="Also write the extractions here, one JSON line per article.",
)
@kb_option
def eval_(
    gold: str,
    inputs: tuple[str, ...],
    input_format: str | None,
    as_json: bool,
    show_errors: bool,
    bounds: list[tuple[str, float]],
    output: IO[str] | None,
    kb_list: str | None,
) -> None:
    """Extract events from inputs and score them against GOLD.

    GOLD is a JSON-lines gold file (../shared/eval/GUIDE.md); the figures are those of
    ../shared/eval/score.py. INPUT is a file, a directory or a glob pattern.
    """
    gold_rows = evaluate.load_gold(gold)
    progress = Progress(inputs)
    errors = ErrorLines(progress)
    rows = []
    with progress.running():
        for extraction in extract_inputs(inputs, input_format, errors, kb_settings(kb_list)):
            rows.append(extraction.to_dict())
            if output is not None:
                click.echo(json.dumps(rows[-1], ensure_ascii=False), file=output)
            progress.advance(extraction.article)
    report = evaluate.score_records(gold_rows, rows)
    if as_json:
        found = evaluate.report_json(report, errors=show_errors)
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        lines = evaluate.format_figures(report.figures)
        if show_errors and report.errors:
            lines += ["", *evaluate.format_mismatches(report.errors)]
        click.echo("\n".join(lines))
    missed = evaluate.missed_bounds(report.figures, bounds)
    if missed:
        click.echo("below bound: " + "; ".join(missed), err=True)
        click.get_current_context().exit(1)
    errors.exit_if_any()


@click.command()
@input_options
@db_option
@kb_option
def ingest(
    inputs: tuple[str, ...], input_format: str | None, db: str | None, kb_list: str | None
) -> None:
    """Extract events from inputs and save them in the database.

    INPUT is a file, a directory or a glob pattern. Articles already stored are skipped.
    """
    progress = Progress(inputs)
    errors = ErrorLines(progress)
    settings = kb_settings(kb_list)
    save_all(db, lambda: extract_inputs(inputs, input_format, errors, settings), progress)
    errors.exit_if_any()


def save_all(
    db: str | None, extractions: Callable[[], Iterable[Extraction]], progress: Progress
) -> None:
    """Save ``extractions()`` (called once the store is open) and print what was stored."""
    new = old = events = 0
    with open_store(db) as store:
        with progress.running():
            for extraction in extractions():
                if store.save(extraction):
                    new += 1
                    events += len(extraction.events)
                else:
                    old += 1
                progress.advance(extraction.article)
        click.echo(
            f"{new + old} articles into {store.location}: {new} new, {old} already stored; "
            f"{events} events stored"
        )
