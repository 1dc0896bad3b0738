"""``diplograph watch``: follow the feeds, pages and folders of a sources file.

Each round prints one line per source on stdout (a failed source: on stderr, ``error:``
first), then one line for the round. ``--once`` exits 1 when any source failed in its
round (cron then mails the log), else 0; the loop runs until Ctrl-C or SIGTERM and exits 0.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import FrameType

import click

from diplograph.cli.kb import kb_option, kb_settings
from diplograph.cli.options import db_option, input_format_option
from diplograph.errors import UsageError
from diplograph.store import Store, open_store
from diplograph.watch import (
    Fetcher,
    SourceResult,
    Watcher,
    WatchState,
    parse_interval,
    read_sources,
    state_path,
)
from diplograph.watch.fetch import DELAY, RETRIES, TIMEOUT


def _interval(ctx: click.Context, param: click.Parameter, value: str) -> float:
    try:
        return parse_interval(value)
    except UsageError as exc:
        raise click.BadParameter(exc.message, ctx, param) from exc


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _log(result: SourceResult) -> None:
    if result.ok:
        click.echo(f"{_stamp()} {result.line()}")
    else:
        click.echo(f"{_stamp()} error: {result.line()}", err=True)


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (``kill``, a service stop) ends the loop as Ctrl-C does."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@click.command()
@click.argument("sources_file", metavar="SOURCES.txt")
@click.option(
    "--every",
    default="30m",
    show_default=True,
    callback=_interval,
    help="Time from one round's start to the next: 30s, 30m, 2h ...",
)
@click.option("--once", is_flag=True, help="Run one round and exit (for cron).")
@db_option
@click.option(
    "--state",
    "state_file",
    metavar="FILE",
    help="Where ETag/Last-Modified are kept between rounds "
    "[default: DB.watch.json beside an SQLite file, else ./diplograph.watch.json].",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=TIMEOUT,
    show_default=True,
    help="Seconds to wait for a server.",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=RETRIES,
    show_default=True,
    help="Tries again after a timeout, a refused connection, 408, 429 or 5xx "
    "(waiting 1s, 2s, 4s ...).",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=DELAY,
    show_default=True,
    help="Seconds between two requests to one host.",
)
@input_format_option("source")
@kb_option
def watch(
    sources_file: str,
    every: float,
    once: bool,
    db: str | None,
    state_file: str | None,
    timeout: float,
    retries: int,
    delay: float,
    input_format: str | None,
    kb_list: str | None,
) -> None:
    """Fetch what is new in feeds, pages and folders, and store it, round after round.

    SOURCES.txt lists one source a line: an RSS/Atom feed or page URL, or a folder, file or
    glob (relative to the file); blank lines and # comments are skipped. A source that is
    down, slow or returns junk is reported and the round goes on. With --once, the exit
    status is 1 when any source failed.
    """
    sources = read_sources(sources_file)
    fetcher = Fetcher(timeout=timeout, retries=retries, delay=delay)
    with open_store(db) as store:
        state = WatchState.load(Path(state_file) if state_file else state_path(store))
        if state.problem:
            click.echo(f"warning: {state.problem}", err=True)
        watcher = Watcher(sources, state, fetcher, kb_settings(kb_list), input_format)
        with state.locked():
            if not once:
                _loop(watcher, store, every)
                return
            results = watcher.run_round(store, _log)
            click.echo(_summary(1, results))
        if not all(result.ok for result in results):
            click.get_current_context().exit(1)


def _loop(watcher: Watcher, store: Store, every: float) -> None:
    """Rounds ``every`` seconds apart (start to start; at once after one that overran)."""
    number = 0
    with _sigterm_as_interrupt():
        try:
            while True:
                number += 1
                due = time.monotonic() + every
                results = watcher.run_round(store, _log)
                wait = max(0.0, due - time.monotonic())
                start = datetime.now(timezone.utc) + timedelta(seconds=wait)
                click.echo(f"{_summary(number, results)}; next round at {start:%H:%M:%S}Z")
                time.sleep(wait)
        except KeyboardInterrupt:
            click.echo(f"{_stamp()} stopped after {number} rounds")


def _summary(number: int, results: list[SourceResult]) -> str:
    """The round's line: how many sources, new articles and failures."""
    new = sum(result.new for result in results)
    failed = sum(not result.ok for result in results)
    return f"{_stamp()} round {number}: {len(results)} sources, {new} new articles, {failed} failed"
