"""Downloads of the index pages (docs/web.md): ``/actors``, ``/countries`` and ``/articles``
as CSV or JSON, with the filter of the page, every page of it (at most ``DOWNLOAD_CAP``
rows). The events and the calendar have theirs in ``web/feeds.py``; these follow the same
rules: an attachment named from the checked filters only, ``X-Total-Count``,
``X-Row-Count`` and ``X-Truncated`` headers, spreadsheet-safe CSV cells.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from diplograph import query
from diplograph.export import formula_safe
from diplograph.store import Row, Store
from diplograph.web.deps import MAX_TEXT, blank_is_none, get_store
from diplograph.web.feeds import DOWNLOAD_CAP
from diplograph.web.pages import PEOPLE  # what /actors lists unless asked for one kind

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(get_store)]
Text = Annotated[str | None, Query(max_length=MAX_TEXT)]

ACTOR_COLUMNS = ("id", "name", "kind", "country", "organisation", "office", "events", "articles")
COUNTRY_COLUMNS = ("iso3", "name", "events", "partners")
ARTICLE_COLUMNS = ("id", "title", "published", "outlet", "url", "events")


def _actor_cells(row: Row) -> dict[str, Any]:
    offices = row.get("offices") or []
    return {
        **row,
        "organisation": row.get("org"),
        "office": "; ".join(o["title"] for o in offices if o.get("title")),
    }


def _download(
    rows: list[Row],
    total: int,
    stem: str,
    given: dict[str, str],
    ext: str,
    columns: Sequence[str],
    cells: Callable[[Row], dict[str, Any]] = dict,
) -> Response:
    """``rows`` as a CSV or JSON attachment, with how many the filter selects."""
    name = "-".join([f"diplograph-{stem}", *(f"{k}-{v}" for k, v in given.items() if v)])
    headers = {
        "Content-Disposition": f'attachment; filename="{name}.{ext}"',
        "X-Total-Count": str(total),
        "X-Row-Count": str(len(rows)),
        "X-Truncated": "true" if total > len(rows) else "false",
    }
    if ext == "json":
        body = {
            "ok": True,
            "filters": given,
            "total": total,
            "count": len(rows),
            "cap": DOWNLOAD_CAP,
            "truncated": total > len(rows),
            stem: rows,
        }
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        return Response(data, media_type="application/json", headers=headers)
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        flat = cells(row)
        writer.writerow([formula_safe("" if flat.get(c) is None else flat[c]) for c in columns])
    return Response(
        out.getvalue().encode("utf-8"), media_type="text/csv; charset=utf-8", headers=headers
    )


def _actors(
    store: Store, ext: str, q: str | None, country: str | None, office: str | None, kind: str | None
) -> Response:
    q, country, office, kind = map(blank_is_none, (q, country, office, kind))
    chosen: dict[str, Any] = {
        "country": query.parse_country(country) if country else None,
        "office": office,
        "kinds": [query.parse_kind(kind)] if kind else PEOPLE,
    }
    rows = query.find_actors(store, q, limit=DOWNLOAD_CAP, **chosen)
    total = query.count_actors(store, q, **chosen)
    # the file is named from the checked filters only, never from free text
    given = {"country": chosen["country"] or "", "kind": kind or ""}
    return _download(rows, total, "actors", given, ext, ACTOR_COLUMNS, _actor_cells)


@router.get("/actors.csv")
def actors_csv(
    store: StoreDep, q: Text = None, country: Text = None, office: Text = None, kind: Text = None
) -> Response:
    """The actors of the /actors filter (busiest first, every page) as CSV."""
    return _actors(store, "csv", q, country, office, kind)


@router.get("/actors.json")
def actors_json(
    store: StoreDep, q: Text = None, country: Text = None, office: Text = None, kind: Text = None
) -> Response:
    """The actors of the /actors filter (busiest first, every page) as JSON."""
    return _actors(store, "json", q, country, office, kind)


def _countries(store: Store, ext: str) -> Response:
    rows = query.list_countries(store)
    return _download(rows[:DOWNLOAD_CAP], len(rows), "countries", {}, ext, COUNTRY_COLUMNS)


@router.get("/countries.csv")
def countries_csv(store: StoreDep) -> Response:
    """Every country with events, most events first, as CSV."""
    return _countries(store, "csv")


@router.get("/countries.json")
def countries_json(store: StoreDep) -> Response:
    """Every country with events, most events first, as JSON."""
    return _countries(store, "json")


def _articles(store: Store, ext: str) -> Response:
    rows = query.article_index(store, limit=DOWNLOAD_CAP, offset=0)
    total = query.count_articles(store)
    return _download(rows, total, "articles", {}, ext, ARTICLE_COLUMNS)


@router.get("/articles.csv")
def articles_csv(store: StoreDep) -> Response:
    """Every stored article, newest first, as CSV."""
    return _articles(store, "csv")


@router.get("/articles.json")
def articles_json(store: StoreDep) -> Response:
    """Every stored article, newest first, as JSON."""
    return _articles(store, "json")
