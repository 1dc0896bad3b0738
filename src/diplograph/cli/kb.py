"""``diplograph kb``: build the officials knowledge base, look a name up, count what it holds.

``kb_option`` is the ``--kb FILE`` of the commands that extract (``extract``, ``eval``,
``ingest``, ``batch``): it reports the list's bad rows on stderr and puts its path in the
extractor's settings as ``settings["kb"]``, which the NLP hands to ``load_kb(extra=...)``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from diplograph.cli.options import check_output, checked, format_option
from diplograph.errors import UnreadableInputError

F = TypeVar("F", bound=Callable[..., Any])


def _warn(warnings: Sequence[str]) -> None:
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)


def _user_list(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Check a ``--kb`` list: readable (else an error naming it), bad rows reported."""
    if value is None:
        return None
    from diplograph.kb.user import read_user_csv

    path = Path(value)
    if not path.is_file():
        raise UnreadableInputError("no such officials list", source=value)
    _warn(read_user_csv(path)[1])
    return str(path.resolve())


def kb_option(func: F) -> F:
    """``--kb FILE.csv``: a user's officials list merged into the knowledge base."""
    return click.option(
        "--kb",
        "kb_list",
        metavar="FILE.csv",
        callback=_user_list,
        help="Officials list (CSV: name, aliases, country, org, office, start, end) merged "
        "into the knowledge base [default: $DIPLOGRAPH_KB]. See docs/kb.md.",
    )(func)


def kb_settings(kb_list: str | None) -> dict[str, Any]:
    """The extractor settings that carry a ``--kb`` list (none without one)."""
    return {"kb": kb_list} if kb_list else {}


def _check_day(value: str) -> str:
    from diplograph.kb.models import check_date

    return check_date(value)


@click.group("kb")
def kb() -> None:
    """The officials knowledge base: who held which office, for which country, when."""


@kb.command("build")
@click.option(
    "--sources",
    metavar="DIR",
    help="The source folder (everypolitician/, phoenix/) [default: ../shared/external/kb].",
)
@click.option(
    "--wikidata",
    multiple=True,
    metavar="RESULTS.json",
    help="Wikidata SPARQL results (JSON) to merge; see docs/kb.md. May be repeated.",
)
@click.option("-o", "--output", metavar="FILE", help="Write here [default: the shipped file].")
def build(sources: str | None, wikidata: tuple[str, ...], output: str | None) -> None:
    """Build the knowledge base file from the sources (and Wikidata query results)."""
    from diplograph.kb.build import build_kb, default_sources
    from diplograph.kb.store import data_file

    source_dir = Path(sources) if sources else default_sources()
    target = Path(output) if output else data_file()
    check_output(str(target), make_folders=True)
    report = build_kb(source_dir, target, [Path(p) for p in wikidata])
    _warn(report.warnings)
    for reason, count in sorted(report.tally.items()):
        click.echo(f"left out: {count} {reason}", err=True)
    click.echo(
        f"{report.persons} persons, {report.offices} offices, as of {report.as_of} "
        f"-> {report.path} ({report.path.stat().st_size:,} bytes)"
    )


def kb_file_option(func: F) -> F:
    """``--kb FILE.csv`` of the kb commands: a list merged before answering."""
    return click.option(
        "--kb",
        "kb_list",
        metavar="FILE.csv",
        help="Merge this officials list (CSV) first [default: $DIPLOGRAPH_KB].",
    )(func)


def _span(office: Any) -> str:
    return f"{office.start or '?'} to {office.end or 'now'}"


def _office_line(office: Any) -> str:
    place = office.country or office.org or "-"
    return f"{_span(office):<26} {place:<5} {office.title} [{office.source}]"


def _text(match: Any, on: str | None) -> list[str]:
    official, office = match
    head = f"{official.name} ({official.id})" + ("  mononym" if official.mononym else "")
    lines = [head]
    if on is not None and office is not None:
        place = office.country or office.org
        held = "" if office.holds_on(on) else "not in office; nearest: "
        lines.append(f"  on {on}: {held}{office.title}, {place}, {_span(office)}")
    if official.aliases:
        lines.append("  aliases: " + "; ".join(official.aliases))
    return lines + ["  " + _office_line(o) for o in official.offices]


@kb.command("lookup")
@click.argument("name")
@click.option("--on", metavar="DATE", callback=checked(_check_day), help="YYYY[-MM[-DD]].")
@kb_file_option
@format_option("text", "jsonl")
def lookup(name: str, on: str | None, kb_list: str | None, fmt: str) -> None:
    """The officials NAME may refer to, with the office each held --on a day.

    NAME is a full name, or a surname alone (every official who bore it). Spellings that
    differ in accents, case, punctuation, styles (H.E., Sheikh) or word order ("TANAKA
    Hiroshi") are the same name. Exit status 1 when none is found.
    """
    from diplograph.kb import load_kb

    base = load_kb(kb_list)
    _warn(base.warnings)
    matches = base.lookup(name, on)
    for match in matches:
        if fmt == "jsonl":
            office = match.office_on_day.to_dict() if match.office_on_day else None
            record = {**match.official.to_dict(), "on": on, "office_on_day": office}
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            click.echo("\n".join(_text(match, on)))
    if not matches:
        click.echo(f"no official named {name!r}", err=True)
        click.get_current_context().exit(1)


@kb.command("stats")
@kb_file_option
@format_option("text", "jsonl")
def stats(kb_list: str | None, fmt: str) -> None:
    """What the knowledge base holds: persons, offices, names, sources, as of when."""
    from diplograph.kb import load_kb

    base = load_kb(kb_list)
    _warn(base.warnings)
    found: dict[str, Any] = {"as_of": base.as_of, **base.stats()}
    sources = [*base.header.get("sources", []), *_user_sources(base)]
    if fmt == "jsonl":
        found["sources"] = sources
        click.echo(json.dumps(found, ensure_ascii=False))
        return
    for key, value in found.items():
        click.echo(f"{key:<28} {value}")
    for source in sources:
        if "offices" in source:
            click.echo(f"source {source['id']}: {source['name']}, {source['offices']} offices")
            continue
        click.echo(f"source {source.get('id')}: {source.get('name')}, {source.get('licence')}, "
                   f"snapshot {source.get('snapshot')}")  # fmt: skip


def _user_sources(base: Any) -> list[dict[str, Any]]:
    """The officials lists given with --kb or $DIPLOGRAPH_KB, with their offices."""
    counts = Counter(
        office.source
        for official in base.officials
        for office in official.offices
        if office.source.startswith("user:")
    )
    return [
        {"id": source, "name": "your officials list", "offices": n}
        for source, n in sorted(counts.items())
    ]
