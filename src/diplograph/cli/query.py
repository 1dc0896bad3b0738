"""The read commands over the database: ``events``, ``actors``, ``articles``, ``related``,
``summary``. Each opens an existing database (a missing one is an error) and prints rows."""

from __future__ import annotations

import json

import click

from diplograph import query
from diplograph.cli.options import db_option, event_filter_options, format_option
from diplograph.cli.output import (
    ACTORS_VIEW,
    ARTICLES_VIEW,
    EVENTS_VIEW,
    RELATED_VIEW,
    explain_lines,
    summary_lines,
    write_rows,
)
from diplograph.errors import UsageError
from diplograph.store import open_store


@click.command()
@event_filter_options
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many first.")
@format_option("table", "jsonl", "csv")
@db_option
def events(
    actor: str | None,
    country: str | None,
    type_: str | None,
    status: str | None,
    since: str | None,
    until: str | None,
    limit: int | None,
    offset: int,
    fmt: str,
    db: str | None,
) -> None:
    """List events, newest first.

    An event is dated by its own date, else by its article's publication day.
    """
    filt = query.EventFilter(actor, country, type_, status, since, until, limit, offset)
    with open_store(db, create=False) as store:
        write_rows(query.find_events(store, filt), fmt, EVENTS_VIEW)


@click.command()
@click.option("--name", metavar="NAME", help="A piece of the actor's name or of any spelling.")
@click.option(
    "--explain",
    "explain_id",
    metavar="ID|NAME",
    help="Show one actor: names, offices, mentions, events, and why they are one actor. "
    "An actor id (--format csv shows it), or a piece of a name only one actor bears.",
)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many actors.")
@format_option("table", "jsonl", "csv")
@db_option
def actors(
    name: str | None, explain_id: str | None, limit: int | None, fmt: str, db: str | None
) -> None:
    """List resolved actors (persons, organisations, countries), busiest first.

    One row per actor however articles spell it, with the other spellings, the offices
    it was seen holding (first and last day) and its number of events.
    """
    if explain_id is None:
        with open_store(db, create=False) as store:
            write_rows(query.find_actors(store, name, limit=limit), fmt, ACTORS_VIEW)
        return
    if name is not None or fmt == "csv":
        raise UsageError("--explain takes no --name and prints a table or JSON (--format jsonl)")
    with open_store(db, create=False) as store:
        actor = query.explain_actor(store, explain_id)
        actor["event_list"] = query.find_events(store, query.EventFilter(actor_id=actor["id"]))
    if fmt == "jsonl":
        click.echo(json.dumps(actor, ensure_ascii=False))
    else:
        click.echo("\n".join(explain_lines(actor)))


@click.command()
@click.option("--limit", type=click.IntRange(min=1), help="At most this many articles.")
@format_option("table", "jsonl", "csv")
@db_option
def articles(limit: int | None, fmt: str, db: str | None) -> None:
    """List stored articles, newest first, with their ids.

    Every id shown, and the `ref` (FILE#INDEX) of --format jsonl or csv, can be given to
    `diplograph related`.
    """
    with open_store(db, create=False) as store:
        write_rows(query.list_articles(store, limit=limit), fmt, ARTICLES_VIEW)


@click.command()
@click.argument("article", metavar="ARTICLE")
@click.option(
    "--limit", type=click.IntRange(min=1), default=10, show_default=True, help="At most this many."
)
@format_option("table", "jsonl", "csv")
@db_option
def related(article: str, limit: int, fmt: str, db: str | None) -> None:
    """List the articles most related to ARTICLE, with a score and the reasons.

    ARTICLE is an article id, or FILE#INDEX: the input file by its bare name or any path
    to it, and the article's place in it, as `diplograph articles --format jsonl` shows in
    `ref`. The ids shown can be given to `related` in turn. Articles score for the events
    both report, the actors both name (rarer ones count more), shared topics and similar
    wording (TF-IDF cosine).
    """
    with open_store(db, create=False) as store:
        write_rows(query.related(store, article, limit=limit), fmt, RELATED_VIEW)


@click.command()
@format_option("text", "json")
@db_option
def summary(fmt: str, db: str | None) -> None:
    """Show counts, events by type and each country's top partners."""
    with open_store(db, create=False) as store:
        found = query.summarize(store)
        location = store.location
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    for line in summary_lines(location, found):
        click.echo(line)
