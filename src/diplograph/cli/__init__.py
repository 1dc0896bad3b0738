"""The ``diplograph`` command: a thin shell over ``pipeline``, ``store`` and ``query``.

Each command parses options, calls one library function and prints its rows. Every failure
is one line on stderr, ``error: <source>: <message> [CODE]``, and an exit status: 1 for a
failed run (after the other inputs have been processed), 2 for a bad option or argument,
3 for a missing optional extra (the line says which ``pip install`` to run).

    options.py   options and callbacks shared by the commands
    output.py    tables (80 columns), JSON lines, CSV; explain and summary text
    extract.py   extract, eval, ingest
    progress.py  the progress bar on stderr (ingest, eval, batch, load)
    reference.py docs/cli.md, every command's --help (make docs)
    peer.py      eval-plover (the PLOVER gold records)
    batch.py     batch (local pool or Spark), load
    query.py     events, actors, articles, related, summary
    resolve.py   resolve
    serve.py     serve (the web pages and JSON API)
    export.py    export (PLOVER, GDELT, CSV, Parquet, JSON lines, GraphML, GEXF)
    kb.py        kb build, kb lookup, kb stats (the officials knowledge base); --kb FILE
    watch.py     watch (feeds, pages and folders, round after round)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from diplograph import __version__
from diplograph.cli.batch import batch, load
from diplograph.cli.export import export
from diplograph.cli.extract import ErrorLines, error_line, eval_, extract, ingest
from diplograph.cli.kb import kb
from diplograph.cli.output import TABLE_WIDTH, Column, View, render_table
from diplograph.cli.peer import eval_plover
from diplograph.cli.progress import PROGRESS_AFTER, Progress
from diplograph.cli.query import actors, articles, events, related, summary
from diplograph.cli.resolve import resolve_
from diplograph.cli.serve import serve
from diplograph.cli.watch import watch
from diplograph.errors import (
    EXIT_FAILED,
    EXIT_MISSING_EXTRA,
    EXIT_USAGE,
    DiplographError,
    MissingExtraError,
    OutputError,
    UsageError,
)

__all__ = [
    "PROGRESS_AFTER",
    "TABLE_WIDTH",
    "Column",
    "ErrorLines",
    "Progress",
    "View",
    "cli",
    "main",
    "render_table",
]

# The name tests and older callers import.
_Progress = Progress


class _UsageLine(click.ClickException):
    """A usage error as one line: the problem, then where the help is."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, command_path: str | None) -> None:
        super().__init__(message)
        self.command_path = command_path

    def show(self, file: Any = None) -> None:
        hint = f" (see {self.command_path} -h)" if self.command_path else ""
        click.echo(f"error: {self.message}{hint}", err=True)


# Click 8.2+ raises this (a usage error) for a group called without a command; 8.1 printed
# the help and exited 0 itself.
_NoArgsIsHelp: type[Exception] | None = getattr(click.exceptions, "NoArgsIsHelpError", None)


def _usage_line(exc: click.UsageError) -> Exception:
    """A usage error as one line, or, for a group called without a command, its help on
    stdout and exit 0 (``diplograph``, ``diplograph kb``)."""
    if _NoArgsIsHelp is not None and isinstance(exc, _NoArgsIsHelp) and exc.ctx is not None:
        click.echo(exc.ctx.get_help())
        return click.exceptions.Exit(0)
    return _UsageLine(exc.format_message(), exc.ctx.command_path if exc.ctx else None)


class _Group(click.Group):
    """Turns the errors the library raises on purpose into one line and an exit status."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            raise _usage_line(exc) from exc

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _usage_line(exc) from exc
        except UsageError as exc:
            where = " ".join(filter(None, [ctx.command_path, ctx.invoked_subcommand]))
            raise _UsageLine(str(exc), where) from exc
        except click.FileError as exc:  # a lazily opened -o FILE that cannot be written
            failed = OutputError(f"cannot write: {exc.message}", source=exc.ui_filename)
            click.echo(error_line(failed), err=True)
            ctx.exit(EXIT_FAILED)
        except MissingExtraError as exc:
            click.echo(error_line(exc), err=True)
            ctx.exit(EXIT_MISSING_EXTRA)
        except DiplographError as exc:
            click.echo(error_line(exc), err=True)
            ctx.exit(EXIT_FAILED)


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Exit status: 0 done; 1 a failed run (each error on one line of stderr); 2 a "
    "usage error; 3 a missing optional extra (the line says which pip install to run).",
)
@click.version_option(__version__, prog_name="diplograph")
def cli() -> None:
    """Foreign-ministry press releases in, a searchable record of diplomatic events out."""


for _command in (
    extract,
    eval_,
    eval_plover,
    ingest,
    batch,
    load,
    events,
    actors,
    articles,
    related,
    resolve_,
    serve,
    summary,
    export,
    kb,
    watch,
):
    cli.add_command(_command)


# Set to 1 to see the traceback of an unexpected error instead of its one line.
DEBUG_ENV = "DIPLOGRAPH_DEBUG"


def main() -> None:
    """The console entry point. An error diplograph did not expect (a bug) is one line too,
    with the way to see its traceback, and exit status 1."""
    try:
        cli(prog_name="diplograph")
    except Exception as exc:  # the last guard: no traceback reaches a user
        if os.environ.get(DEBUG_ENV):
            raise
        click.echo(f"error: internal error, please report it: {_bug_line(exc)} [DG000]", err=True)
        sys.exit(EXIT_FAILED)


def _bug_line(exc: Exception) -> str:
    """What went wrong and where, on one line, for a bug report."""
    frame = exc.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    place = ""
    if frame is not None:
        place = f" at {Path(frame.tb_frame.f_code.co_filename).name}:{frame.tb_lineno}"
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}{place} ({DEBUG_ENV}=1 shows the traceback)"
