"""``diplograph serve``: the web pages and JSON API over a database (``diplograph.web``)."""

from __future__ import annotations

import click

from diplograph.cli.options import db_option
from diplograph.store import default_target, open_store


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Listen on this address.")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="Listen on this port.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes serving the same port (a shared server: one per core).",
)
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Keep the JSON API's answers while the store is unchanged.",
)
def serve(db: str | None, host: str, port: int, workers: int, cache: bool) -> None:
    """Serve the web pages and the JSON API over the database; read-only.

    Stop it with Ctrl-C.
    """
    target = db or default_target()
    # A missing or unreadable database is one error line here, before a server starts.
    with open_store(target, create=False):
        pass
    # Imported here: only `serve` needs the web framework, and it is slow to import.
    from diplograph.web import serve as serve_web

    serve_web(target, host, port, workers, cache)
