"""``diplograph resolve``: resolve actors and events over the whole database again."""

from __future__ import annotations

import click

from diplograph import query
from diplograph.cli.options import db_option
from diplograph.store import open_store


@click.command("resolve")
@db_option
def resolve_(db: str | None) -> None:
    """Resolve actors and events over the whole database again.

    Ingest already resolves what each new article touches; run this after upgrading
    diplograph (new rules) to bring older rows up to date. Running it twice changes nothing.
    """
    with open_store(db, create=False) as store:
        found = query.resolve(store)
        location = store.location
    click.echo(
        f"{location}: {found['mentions']} mentions -> {found['actors']} actors; "
        f"{found['reports']} reports -> {found['events']} events, "
        f"{found['events_with_several_articles']} reported by several articles"
    )
