"""``diplograph export``: the events a filter selects, written to a file in another tool's
format (``diplograph.export``)."""

from __future__ import annotations

import click

from diplograph import query
from diplograph.cli.options import check_output, db_option, event_filter_options
from diplograph.export import EXPORT_FORMATS, export_events
from diplograph.store import open_store
from diplograph.store.views import GRAPH_LEVELS


@click.command()
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True, help="Output format."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    required=True,
    help="The file to write.",
)
@click.option(
    "--level",
    type=click.Choice(GRAPH_LEVELS),
    default="country",
    show_default=True,
    help="graphml/gexf nodes: resolved actors, or countries (else organisations).",
)
@event_filter_options
@db_option
def export(
    fmt: str,
    output: str,
    level: str,
    actor: str | None,
    country: str | None,
    type_: str | None,
    status: str | None,
    since: str | None,
    until: str | None,
    db: str | None,
) -> None:
    """Write the events (or their network) to a file.

    plover: PLOVER JSON lines; gdelt: GDELT 2.0 event table TSV (61 columns, header);
    csv/parquet: one flat row per event; jsonl: full event records; graphml/gexf: actors
    or countries (--level) as nodes, shared events as edge weights.
    """
    filt = query.EventFilter(actor, country, type_, status, since, until)
    check_output(output)
    with open_store(db, create=False) as store:
        written = export_events(store, fmt, output, filt, level=level)
    unit = "edges" if fmt in ("graphml", "gexf") else "events"
    click.echo(f"{written} {unit} written to {output} ({fmt})")
