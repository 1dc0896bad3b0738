"""Countries: the list of them, each one's partners, and its partner countries for a map."""

from __future__ import annotations

import re

from diplograph.query.filters import _known_country, country_code, parse_country
from diplograph.store import Row, Store
from diplograph.store.rows import country_name

__all__ = [
    "country_partners",
    "list_countries",
    "map_partners",
    "partner_countries",
    "partner_sides",
]


def partner_sides(store: Store, code: str) -> list[Row]:
    """The other sides of the events of country ``code`` (an ISO3 code): ``country``,
    ``partner`` (a country's ISO3 code, else an organisation or a name) and ``events``,
    most events first."""
    return [row for row in store.partner_counts() if row["country"] == code]


def _numeric(code: str) -> str | None:
    """The ISO 3166-1 numeric code of ``code`` ("KAZ" -> "398"), None when it has none."""
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return str(found.numeric) if found is not None else None


def partner_countries(code: str, sides: list[Row]) -> Row:
    """The countries among ``sides`` (``partner_sides(store, code)``), for a map:
    ``country``, ``numeric``, ``name`` of ``code`` and ``partners`` (``iso3``, ``numeric``,
    ``name``, ``events``), most events first; organisations and names are left out."""
    found: list[tuple[int, str, str]] = []  # events, name, code
    for side in sides:
        partner = side["partner"]
        if not isinstance(partner, str) or not re.fullmatch(r"[A-Z]{3}", partner):
            continue
        if partner != code and _known_country(partner):
            found.append((int(side["events"]), country_name(partner), partner))
    found.sort(key=lambda f: (-f[0], f[1]))
    partners = [
        {"iso3": iso3, "numeric": _numeric(iso3), "name": name, "events": events}
        for events, name, iso3 in found
    ]
    return {
        "country": code,
        "numeric": _numeric(code),
        "name": country_name(code),
        "partners": partners,
    }


def map_partners(store: Store, code: str) -> Row:
    """The countries country ``code`` (any case) shares events with, for a map: as
    ``partner_countries``. A ``UsageError`` when ``code`` is not an ISO3 country code."""
    code = parse_country(code)
    return partner_countries(code, partner_sides(store, code))


def country_partners(store: Store, country: str) -> list[Row]:
    """The other sides of the events of ``country`` (ISO3), most events first: ``partner``
    (as ``summarize`` counts it), ``events``, ``code`` (the partner's ISO3 code, when it is
    a country) and ``actor`` (``id``, ``kind``, ``name`` of the resolved actor it names,
    when it is not a country and one does)."""
    code = parse_country(country)
    rows = [
        {**r, "code": country_code(r["partner"])}
        for r in store.partner_counts()
        if r["country"] == code
    ]
    named = store.actors_named(r["partner"] for r in rows if r["code"] is None)
    return [
        {
            "partner": r["partner"],
            "events": r["events"],
            "code": r["code"],
            "actor": None if r["code"] else named.get(r["partner"]),
        }
        for r in rows
    ]


def list_countries(store: Store) -> list[Row]:
    """Every country some event has a side of, most events first: ``iso3``, ``name``,
    ``events`` (as the country filter counts them) and ``partners`` (how many other sides
    its events have, as ``country_partners`` lists them)."""
    partners: dict[str, int] = {}
    for row in store.partner_counts():
        partners[row["country"]] = partners.get(row["country"], 0) + 1
    return [
        {
            "iso3": r["country"],
            "name": country_name(r["country"]),
            "events": r["events"],
            "partners": partners.get(r["country"], 0),
        }
        for r in store.country_counts()
    ]
