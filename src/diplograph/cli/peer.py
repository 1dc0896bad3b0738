"""The ``eval-plover`` command: figures against the PLOVER gold-standard records."""

from __future__ import annotations

import json

import click

from diplograph import peer
from diplograph.errors import UsageError


def _bounds(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> list[tuple[str, float]]:
    """A click callback that reads each ``--min METRIC=VALUE``."""
    try:
        return [peer.parse_bound(value) for value in values]
    except UsageError as exc:
        raise click.BadParameter(exc.message, ctx, param) from exc


@click.command("eval-plover")
@click.argument("path", metavar="PATH")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--min",
    "bounds",
    multiple=True,
    metavar="METRIC=VALUE",
    callback=_bounds,
    help="Exit 1 when the overall METRIC is below VALUE (e.g. type_acc=0.7); may be repeated.",
)
def eval_plover(path: str, as_json: bool, bounds: list[tuple[str, float]]) -> None:
    """Score extraction against the PLOVER gold records at PATH.

    PATH is PLOVER_GSR_CAMEO.txt (a JSON array). Only CONSULT, AGREE, SUPPORT, COOPERATE
    and AID are scored; other categories are counted as not covered.
    """
    report = peer.evaluate_file(path)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo("\n".join(peer.format_report(report)))
    missed = peer.missed_bounds(report, bounds)
    if missed:
        click.echo("below bound: " + "; ".join(missed), err=True)
        click.get_current_context().exit(1)
