"""The ``diplograph`` command: a thin shell over ``pipeline``, ``store`` and ``query``.

Each command parses options, calls one library function and prints its rows. A
``DiplographError`` becomes one line on stderr, ``error: <source>: <message> [CODE]``, and
exit status 1 (after the other inputs have been processed); a bad option value exits 2.

    options.py   options and callbacks shared by the commands
    output.py    tables (80 columns), JSON lines, CSV; explain and summary text
    extract.py   extract, eval, ingest
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

from typing import Any

import click

from diplograph import __version__
from diplograph.cli.batch import batch, load
from diplograph.cli.export import export
from diplograph.cli.extract import PROGRESS_AFTER, ErrorLines, Progress, eval_, extract, ingest
from diplograph.cli.kb import kb
from diplograph.cli.output import TABLE_WIDTH, Column, View, render_table
from diplograph.cli.peer import eval_plover
from diplograph.cli.query import actors, articles, events, related, summary
from diplograph.cli.resolve import resolve_
from diplograph.cli.serve import serve
from diplograph.cli.watch import watch
from diplograph.errors import DiplographError, UsageError

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


class _Group(click.Group):
    """Turns the errors the library raises on purpose into one line and an exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise click.UsageError(exc.message) from exc
        except DiplographError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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


def main() -> None:
    """The console entry point."""
    cli(prog_name="diplograph")
