"""The ``diplograph`` command: a thin shell over ``pipeline``, ``store`` and ``query``.

Each command parses options, calls one library function and prints its rows. A
``DiplographError`` becomes one line on stderr, ``error: <source>: <message> [CODE]``, and
exit status 1 (after the other inputs have been processed); a bad option value exits 2.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import IO, Any, TypeVar

import click

from diplograph import __version__, evaluate, query
from diplograph.errors import DiplographError, UsageError
from diplograph.models import EVENT_TYPES, STATUSES
from diplograph.pipeline import extract_inputs
from diplograph.resolve import explain_link
from diplograph.store import ENV_VAR, Row, open_store

INPUT_FORMATS = ("seed", "jsonl", "html", "text")
TABLE_WIDTH = 80
# The progress line appears only past this many articles, and only on a terminal.
PROGRESS_AFTER = 10

_F = TypeVar("_F", bound=Callable[..., Any])


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


def main() -> None:
    """The console entry point."""
    cli(prog_name="diplograph")


# -- options --------------------------------------------------------------------------------


def _checked(parse: Callable[[str], str]) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """A click callback that runs a ``query.parse_*`` check and reports it as a bad option."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return parse(value)
        except UsageError as exc:
            raise click.BadParameter(exc.message, ctx, param) from exc

    return callback


def _db_option(func: _F) -> _F:
    return click.option(
        "--db",
        metavar="PATH",
        help=f"Database: a path or sqlite:///path [default: ${ENV_VAR}, else ./diplograph.db].",
    )(func)


def _format_option(*choices: str) -> Callable[[_F], _F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


def _inputs(func: _F) -> _F:
    func = click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")(func)
    return click.option(
        "--input-format",
        type=click.Choice(INPUT_FORMATS),
        help="Read every input as this format instead of detecting it.",
    )(func)


# -- reporting ------------------------------------------------------------------------------


class _Progress:
    """A one-line article count on stderr, when stderr is a terminal and the run is long."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.count = 0
        self.shown = False

    def advance(self) -> None:
        self.count += 1
        if self.enabled and self.count >= PROGRESS_AFTER:
            click.echo(f"\r{self.count} articles", nl=False, err=True)
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            click.echo("\r\x1b[K", nl=False, err=True)
            self.shown = False


class _Errors:
    """Reports each input's error on one line and remembers that there was one."""

    def __init__(self, progress: _Progress | None = None) -> None:
        self.count = 0
        self.progress = progress

    def __call__(self, exc: DiplographError) -> None:
        self.count += 1
        if self.progress is not None:
            self.progress.clear()
        click.echo(f"error: {exc}", err=True)

    def exit_if_any(self) -> None:
        if self.count:
            click.get_current_context().exit(1)


# -- tables ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A table column: at most ``width`` wide (None: shares what the others leave)."""

    header: str
    width: int | None = None
    wrap: bool = False
    right: bool = False


def _cell(text: str, width: int, column: Column) -> list[str]:
    if column.wrap:
        return textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    return [text if len(text) <= width else text[: width - 1] + "…"]


def _widths(columns: Sequence[Column], cells: list[list[str]], width: int) -> list[int]:
    """Fixed columns get what they need up to their width; flexible ones share the rest."""
    natural = [max([len(c.header)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    widths = [min(n, c.width) if c.width else 0 for n, c in zip(natural, columns, strict=True)]
    left = width - sum(widths) - 2 * (len(columns) - 1)
    flexible = sorted((natural[i], i) for i, c in enumerate(columns) if c.width is None)
    for rank, (need, i) in enumerate(flexible):
        widths[i] = max(len(columns[i].header), min(need, left // (len(flexible) - rank)))
        left -= widths[i]
    return widths


def render_table(
    columns: Sequence[Column], rows: Iterable[Sequence[str]], width: int = TABLE_WIDTH
) -> list[str]:
    """The lines of a plain-text table no wider than ``width``: long cells wrap or are cut."""
    cells = [[" ".join(str(v).split()) for v in row] for row in rows]
    widths = _widths(columns, cells, width)
    lines = [
        "  ".join(c.header.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    for row in cells:
        parts = [_cell(v, w, c) for v, w, c in zip(row, widths, columns, strict=True)]
        for n in range(max(len(p) for p in parts)):
            line = [
                (p[n] if n < len(p) else "").rjust(w) if c.right else (p[n] if n < len(p) else "")
                for p, w, c in zip(parts, widths, columns, strict=True)
            ]
            lines.append("  ".join(t.ljust(w) for t, w in zip(line, widths, strict=True)).rstrip())
    return lines


def _table_width() -> int:
    if sys.stdout.isatty():
        return max(60, os.get_terminal_size(sys.stdout.fileno()).columns)
    return TABLE_WIDTH


# -- output ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _View:
    """How one kind of row is shown: table columns and cells, and flat CSV fields."""

    columns: Sequence[Column]
    cells: Callable[[Row], Sequence[str]]
    flat: Callable[[Row], dict[str, Any]]


def _write(rows: list[Row], fmt: str, view: _View) -> None:
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer: csv.DictWriter[str] | None = None
        for row in rows:
            flat = view.flat(row)
            if writer is None:
                writer = csv.DictWriter(buffer, fieldnames=list(flat), lineterminator="\n")
                writer.writeheader()
            writer.writerow(flat)
        click.echo(buffer.getvalue(), nl=False)
    else:
        table = render_table(view.columns, [view.cells(r) for r in rows], _table_width())
        click.echo("\n".join(table))


def _side(p: Row) -> str:
    where = p.get("country") or (p.get("org") if p.get("kind") == "person" else None)
    return f"{p['name']} ({where})" if where and where != p["name"] else str(p["name"])


def _event_flat(e: Row) -> dict[str, Any]:
    codes = e.get("codes") or {}
    return {
        "id": e["id"],
        "date": e["date"] or "",
        "day": e["day"] or "",
        "type": e["type"],
        "status": e["status"],
        "place": e["place"] or "",
        "participants": "; ".join(p["name"] for p in e["participants"]),
        "countries": "; ".join(p["country"] or "" for p in e["participants"]),
        "cameo": codes.get("cameo", ""),
        "goldstein": codes.get("goldstein", ""),
        "article_id": e["article_id"],
        "article_title": e["article_title"] or "",
        "article_published": e["article_published"] or "",
        "evidence": " | ".join(ev["text"] for ev in e["evidence"]),
        "cluster_id": e.get("cluster_id") or "",
        "num_sources": e.get("num_sources") or 1,
        "num_articles": e.get("num_articles") or 1,
        "sources": "; ".join(sorted({s["outlet"] for s in e.get("sources") or ()})),
    }


EVENTS_VIEW = _View(
    columns=(
        Column("date", 10),
        Column("type", 14),
        Column("status", 8),
        Column("participants", wrap=True),
        Column("place", 14),
        Column("src", 3, right=True),
    ),
    cells=lambda e: (
        e["day"] or "",
        e["type"],
        e["status"],
        ", ".join(_side(p) for p in e["participants"]),
        e["place"] or "",
        str(e.get("num_sources") or 1),
    ),
    flat=_event_flat,
)
_KINDS = {"organization": "org"}


def _office(o: Row) -> str:
    seen = [d for d in (o["first_seen"], o["last_seen"]) if d]
    days = " … ".join(dict.fromkeys(seen))
    return f"{o['title']} {days}".strip()


ACTORS_VIEW = _View(
    columns=(
        Column("name", wrap=True),
        Column("also written", wrap=True),
        Column("kind", 7),
        Column("where", 7),
        Column("offices", wrap=True),
        Column("events", 6, right=True),
    ),
    cells=lambda a: (
        a["name"],
        "; ".join(a["aliases"]),
        str(_KINDS.get(a["kind"], a["kind"])),
        a["country"] or a["org"] or a["acronym"] or "",
        "; ".join(_office(o) for o in a["offices"]),
        str(a["events"]),
    ),
    flat=lambda a: {
        **a,
        "aliases": "; ".join(a["aliases"]),
        "offices": "; ".join(_office(o) for o in a["offices"]),
    },
)
ARTICLES_VIEW = _View(
    columns=(
        Column("published", 16),
        Column("events", 6, right=True),
        Column("title", wrap=True),
        Column("source"),
    ),
    cells=lambda a: (
        a["published"] or "",
        str(a["events"]),
        a["title"] or "",
        f"{os.path.basename(a['source'])}#{a['index']}",
    ),
    flat=dict,
)


# -- commands -------------------------------------------------------------------------------


@cli.command()
@_inputs
@_format_option("jsonl")
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write here instead of standard output.",
)
def extract(inputs: tuple[str, ...], input_format: str | None, fmt: str, output: IO[str]) -> None:
    """Extract events from inputs; write one JSON line per article.

    INPUT is a file, a directory or a glob pattern.
    """
    errors = _Errors()
    for extraction in extract_inputs(inputs, input_format, errors):
        click.echo(json.dumps(extraction.to_dict(), ensure_ascii=False), file=output)
    errors.exit_if_any()


def _bounds(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> list[tuple[str, float]]:
    """A click callback that reads each ``--min METRIC=VALUE``."""
    try:
        return [evaluate.parse_bound(value) for value in values]
    except UsageError as exc:
        raise click.BadParameter(exc.message, ctx, param) from exc


@cli.command("eval")
@click.argument("gold", metavar="GOLD")
@_inputs
@click.option("--json", "as_json", is_flag=True, help="Print figures and errors as JSON.")
@click.option(
    "--errors/--no-errors",
    "show_errors",
    default=True,
    show_default=True,
    help="List the misses and extras, grouped by kind, the biggest group first.",
)
@click.option(
    "--min",
    "bounds",
    multiple=True,
    metavar="METRIC=VALUE",
    callback=_bounds,
    help="Exit 1 when METRIC is below VALUE (e.g. events_f1=0.85); may be repeated.",
)
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    help="Also write the extractions here, one JSON line per article.",
)
def eval_(
    gold: str,
    inputs: tuple[str, ...],
    input_format: str | None,
    as_json: bool,
    show_errors: bool,
    bounds: list[tuple[str, float]],
    output: IO[str] | None,
) -> None:
    """Extract events from inputs and score them against GOLD.

    GOLD is a JSON-lines gold file (../shared/eval/GUIDE.md); the figures are those of
    ../shared/eval/score.py. INPUT is a file, a directory or a glob pattern.
    """
    gold_rows = evaluate.load_gold(gold)
    progress = _Progress()
    errors = _Errors(progress)
    rows = []
    try:
        for extraction in extract_inputs(inputs, input_format, errors):
            rows.append(extraction.to_dict())
            if output is not None:
                click.echo(json.dumps(rows[-1], ensure_ascii=False), file=output)
            progress.advance()
    finally:
        progress.clear()
    report = evaluate.score_records(gold_rows, rows)
    if as_json:
        found = evaluate.report_json(report, errors=show_errors)
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        lines = evaluate.format_figures(report.figures)
        if show_errors and report.errors:
            lines += ["", *evaluate.format_mismatches(report.errors)]
        click.echo("\n".join(lines))
    missed = evaluate.missed_bounds(report.figures, bounds)
    if missed:
        click.echo("below bound: " + "; ".join(missed), err=True)
        click.get_current_context().exit(1)
    errors.exit_if_any()


@cli.command()
@_inputs
@_db_option
def ingest(inputs: tuple[str, ...], input_format: str | None, db: str | None) -> None:
    """Extract events from inputs and save them in the database.

    INPUT is a file, a directory or a glob pattern. Articles already stored are skipped.
    """
    progress = _Progress()
    errors = _Errors(progress)
    new = old = events = 0
    with open_store(db) as store:
        try:
            for extraction in extract_inputs(inputs, input_format, errors):
                if store.save(extraction):
                    new += 1
                    events += len(extraction.events)
                else:
                    old += 1
                progress.advance()
        finally:
            progress.clear()
        click.echo(
            f"{new + old} articles into {store.location}: {new} new, {old} already stored; "
            f"{events} events stored",
            err=True,
        )
    errors.exit_if_any()


@cli.command()
@click.option("--actor", metavar="NAME", help="A piece of a participant's name or alias.")
@click.option(
    "--country",
    metavar="ISO3",
    callback=_checked(query.parse_country),
    help="Events with a participant of, or serving, this country.",
)
@click.option(
    "--type",
    "type_",
    metavar="TYPE",
    callback=_checked(query.parse_type),
    help=f"One of {', '.join(EVENT_TYPES)}.",
)
@click.option(
    "--status",
    metavar="STATUS",
    callback=_checked(query.parse_status),
    help=f"One of {', '.join(STATUSES)}.",
)
@click.option("--since", metavar="DATE", callback=_checked(query.parse_date), help="YYYY[-MM[-DD]]")
@click.option(
    "--until",
    metavar="DATE",
    callback=_checked(partial(query.parse_date, end=True)),
    help="YYYY[-MM[-DD]], inclusive.",
)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many first.")
@_format_option("table", "jsonl", "csv")
@_db_option
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
        _write(query.find_events(store, filt), fmt, EVENTS_VIEW)


@cli.command()
@click.option("--name", metavar="NAME", help="A piece of the actor's name or of any spelling.")
@click.option(
    "--explain",
    "explain_id",
    metavar="ID",
    help="Show one actor: names, offices, mentions, events, and why they are one actor.",
)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many actors.")
@_format_option("table", "jsonl", "csv")
@_db_option
def actors(
    name: str | None, explain_id: str | None, limit: int | None, fmt: str, db: str | None
) -> None:
    """List resolved actors (persons, organisations, countries), busiest first.

    One row per actor however articles spell it, with the other spellings, the offices
    it was seen holding (first and last day) and its number of events.
    """
    if explain_id is None:
        with open_store(db, create=False) as store:
            _write(query.find_actors(store, name, limit=limit), fmt, ACTORS_VIEW)
        return
    if name is not None or fmt == "csv":
        raise UsageError("--explain takes no --name and prints a table or JSON (--format jsonl)")
    with open_store(db, create=False) as store:
        actor = query.get_actor(store, explain_id)
        actor["event_list"] = query.find_events(store, query.EventFilter(actor_id=actor["id"]))
    if fmt == "jsonl":
        click.echo(json.dumps(actor, ensure_ascii=False))
    else:
        click.echo("\n".join(explain_lines(actor)))


def explain_lines(actor: Row) -> list[str]:
    """``actors --explain`` as text: who, where seen, and the reason for each merge."""
    where = ", ".join(v for v in (actor["kind"], actor["country"], actor["org"]) if v)
    lines = [f"{actor['name']}  [{actor['id']}]", f"  {where}; {actor['articles']} articles"]
    if actor["aliases"]:
        lines.append("  also written: " + "; ".join(actor["aliases"]))
    if actor["offices"]:
        lines.append("  offices:")
        for o in actor["offices"]:
            seat = f" ({o['country'] or o['org']})" if o["country"] or o["org"] else ""
            days = " … ".join(dict.fromkeys(d for d in (o["first_seen"], o["last_seen"]) if d))
            count = f"{o['articles']} article" + ("s" if o["articles"] != 1 else "")
            lines.append(f"    {o['title']}{seat}, {days or 'undated'}, {count}")
    lines.append("  mentions:")
    for m in actor["mentions"]:
        day = (m["article_published"] or "")[:10] or "undated"
        title = f" — {m['title']}" if m["title"] else ""
        lines.append(f"    {day}  {m['article_id']}  {'; '.join(m['names'])}{title}")
    if actor["event_list"]:
        lines.append(f"  events ({len(actor['event_list'])}):")
        for e in actor["event_list"]:
            sides = ", ".join(_side(p) for p in e["participants"])
            count = f"  [{e['num_sources']} sources]" if e.get("num_sources", 1) > 1 else ""
            lines.append(f"    {e['day'] or 'undated'}  {e['type']} {e['status']}: {sides}{count}")
    if actor["links"]:
        lines.append("  why these are one actor:")
        for n, link in enumerate(actor["links"], 1):
            lines.append(f"    {n}. " + explain_link(link["rule"], link["names"], link["evidence"]))
    return [
        wrapped
        for line in lines
        for wrapped in textwrap.wrap(
            line, TABLE_WIDTH, subsequent_indent=" " * (len(line) - len(line.lstrip()) + 6)
        )
    ]


@cli.command()
@click.option("--limit", type=click.IntRange(min=1), help="At most this many articles.")
@_format_option("table", "jsonl", "csv")
@_db_option
def articles(limit: int | None, fmt: str, db: str | None) -> None:
    """List stored articles, newest first."""
    with open_store(db, create=False) as store:
        _write(query.list_articles(store, limit=limit), fmt, ARTICLES_VIEW)


RELATED_VIEW = _View(
    columns=(
        Column("score", 6, right=True),
        Column("published", 10),
        Column("title", wrap=True),
        Column("why", wrap=True),
    ),
    cells=lambda r: (
        f"{r['score']:.2f}",
        (r["published"] or "")[:10],
        r["title"] or r["article_id"],
        "; ".join(r["reasons"]),
    ),
    flat=lambda r: {
        **r,
        "reasons": "; ".join(r["reasons"]),
        "shared_events": "; ".join(r["shared_events"]),
        "shared_actors": "; ".join(r["shared_actors"]),
        "shared_topics": "; ".join(r["shared_topics"]),
    },
)


@cli.command()
@click.argument("article", metavar="ARTICLE")
@click.option(
    "--limit", type=click.IntRange(min=1), default=10, show_default=True, help="At most this many."
)
@_format_option("table", "jsonl", "csv")
@_db_option
def related(article: str, limit: int, fmt: str, db: str | None) -> None:
    """List the articles most related to ARTICLE, with a score and the reasons.

    ARTICLE is an article id, or FILE#INDEX as `diplograph articles` shows it. Articles
    score for the events both report, the actors both name (rarer ones count more), shared
    topics and similar wording (TF-IDF cosine).
    """
    with open_store(db, create=False) as store:
        _write(query.related(store, article, limit=limit), fmt, RELATED_VIEW)


@cli.command("resolve")
@_db_option
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
        f"{found['events_with_several_articles']} reported by several articles",
        err=True,
    )


@cli.command()
@_format_option("text", "json")
@_db_option
def summary(fmt: str, db: str | None) -> None:
    """Show counts, events by type and each country's top partners."""
    with open_store(db, create=False) as store:
        found = query.summarize(store)
        location = store.location
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    for line in _summary_lines(location, found):
        click.echo(line)


def _summary_lines(location: str, found: dict[str, Any]) -> list[str]:
    def tally(label: str, counts: Iterable[tuple[str, int]], indent: str = "") -> list[str]:
        text = f"{indent}{label}: " + (", ".join(f"{k} {n}" for k, n in counts) or "none")
        return textwrap.wrap(text, TABLE_WIDTH, subsequent_indent=indent + "    ")

    head = f"{location}: {found['articles']} articles, {found['actors']} actors, "
    events = f"{found['events']} events"
    if found.get("reports", found["events"]) != found["events"]:
        events += f" ({found['reports']} reports)"
    lines = textwrap.wrap(head + events, TABLE_WIDTH)
    lines += tally("events by type", found["events_by_type"].items())
    lines += tally("events by status", found["events_by_status"].items())
    if found["top_partners"]:
        lines.append("top partners:")
        for country, partners in found["top_partners"].items():
            lines += tally(country, ((p["partner"], p["events"]) for p in partners), "  ")
    return lines


if __name__ == "__main__":  # pragma: no cover
    main()
