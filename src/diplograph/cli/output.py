"""How rows are printed: 80-column tables, JSON lines and CSV; the text of explain and summary."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import click

from diplograph.resolve import explain_link
from diplograph.store import Row

TABLE_WIDTH = 80


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


# -- rows -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """How one kind of row is shown: table columns and cells, and flat CSV fields."""

    columns: Sequence[Column]
    cells: Callable[[Row], Sequence[str]]
    flat: Callable[[Row], dict[str, Any]]


def write_rows(rows: list[Row], fmt: str, view: View) -> None:
    """Print ``rows`` to standard output as ``jsonl``, ``csv`` or (else) a table."""
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


EVENTS_VIEW = View(
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


ACTORS_VIEW = View(
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
# An id column takes the width of its longest id (ours are 20; an imported one may be longer):
# an id is never cut, so every id a table shows can be given to `related`.
_ID = Column("id", 10_000)
ARTICLES_VIEW = View(
    columns=(
        _ID,
        Column("published", 10),
        Column("events", 6, right=True),
        Column("title", wrap=True),
    ),
    cells=lambda a: (a["id"], (a["published"] or "")[:10], str(a["events"]), a["title"] or ""),
    flat=dict,
)
RELATED_VIEW = View(
    columns=(
        Column("score", 5, right=True),
        _ID,
        Column("published", 10),
        Column("title", wrap=True),
        Column("why", wrap=True),
    ),
    cells=lambda r: (
        f"{r['score']:.2f}",
        r["article_id"],
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


# -- text -----------------------------------------------------------------------------------


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


def summary_lines(location: str, found: dict[str, Any]) -> list[str]:
    """``summary`` as text: counts, events by type and status, each country's top partners."""

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
