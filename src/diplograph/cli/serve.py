"""``diplograph serve``: the web pages and JSON API over a database (``diplograph.web``)."""

from __future__ import annotations

import socket

import click

from diplograph.cli.options import db_option
from diplograph.errors import DiplographError
from diplograph.store import default_target, open_store


def _check_address(host: str, port: int) -> None:
    """One error line now for an address in use or not this machine's, rather than the
    server's log lines and its own exit status (3, the code of a missing extra here)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.create_server((host, port), family=family):
            pass
    except OSError as exc:
        raise DiplographError(
            f"cannot listen here: {exc.strerror or exc}", source=f"{host}:{port}"
        ) from exc


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
    _check_address(host, port)
    # Imported here: only `serve` needs the web framework, and it is slow to import.
    from diplograph.web import serve as serve_web

    serve_web(target, host, port, workers, cache)
