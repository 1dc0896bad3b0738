"""Options and callbacks shared by several commands: ``--db``, ``--format``, the inputs."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import click

from diplograph.errors import OutputError, UsageError
from diplograph.ingest import FORMATS
from diplograph.store import ENV_VAR, TARGET_FORMS

INPUT_FORMATS = FORMATS  # every reader of diplograph.ingest

F = TypeVar("F", bound=Callable[..., Any])


def checked(parse: Callable[[str], str]) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """A click callback that runs a ``query.parse_*`` check and reports it as a bad option."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return parse(value)
        except UsageError as exc:
            raise click.BadParameter(exc.message, ctx, param) from exc

    return callback


def check_output(path: str, *, make_folders: bool = False) -> None:
    """An ``OutputError`` now, before a long run, when ``path`` is a directory or its folder
    is missing or a file (``make_folders``: a missing folder will be made). What the OS
    refuses later is reported when writing."""
    target = Path(path)
    if target.is_dir():
        raise OutputError("a directory, not a file", source=path)
    folder = target.parent
    while make_folders and not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.exists():
        raise OutputError(f"no such folder {str(folder)!r}", source=path)
    if not folder.is_dir():
        raise OutputError(f"{str(folder)!r} is a file, not a folder", source=path)


def db_option(func: F) -> F:
    """``--db PATH``: the database, else ``$DIPLOGRAPH_DB``, else ``./diplograph.db``."""
    return click.option(
        "--db",
        metavar="PATH",
        help=f"Database: {TARGET_FORMS} (needs diplograph[postgres]) "
        f"[default: ${ENV_VAR}, else ./diplograph.db].",
    )(func)


def format_option(*choices: str) -> Callable[[F], F]:
    """``--format``: one of ``choices``, the first by default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


def input_format_option(what: str = "input") -> Callable[[F], F]:
    """``--input-format``: read every ``what`` as one of the readers' formats."""
    return click.option(
        "--input-format",
        type=click.Choice(INPUT_FORMATS),
        help=f"Read every {what} as this format instead of detecting it.",
    )


def input_options(func: F) -> F:
    """``INPUT...`` (files, directories, globs) and ``--input-format``."""
    func = click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")(func)
    return input_format_option()(func)


def event_filter_options(func: F) -> F:
    """The events filters (--actor --country --type --status --since --until) of the
    commands that select events; the same names as the API's query parameters."""
    from diplograph import query
    from diplograph.models import EVENT_TYPES, STATUSES

    options = [
        click.option(
            "--actor",
            metavar="NAME",
            help="A piece of a participant's name, or of another spelling an article gave it.",
        ),
        click.option(
            "--country",
            metavar="ISO3",
            callback=checked(query.parse_country),
            help="Events with a participant of, or serving, this country.",
        ),
        click.option(
            "--type",
            "type_",
            metavar="TYPE",
            callback=checked(query.parse_type),
            help=f"One of {', '.join(EVENT_TYPES)}.",
        ),
        click.option(
            "--status",
            metavar="STATUS",
            callback=checked(query.parse_status),
            help=f"One of {', '.join(STATUSES)}.",
        ),
        click.option(
            "--since", metavar="DATE", callback=checked(query.parse_date), help="YYYY[-MM[-DD]]"
        ),
        click.option(
            "--until",
            metavar="DATE",
            callback=checked(partial(query.parse_date, end=True)),
            help="YYYY[-MM[-DD]], inclusive.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func
