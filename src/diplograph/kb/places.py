"""Which country or organisation an office serves, from the names and codes the sources use.

Every decision is a row of a rule file in ``resources/``: ``repositories.tsv`` (the country
of each EveryPolitician repository), ``countries.tsv`` (country names pycountry does not
resolve, territories and disputed entities), ``cameo_countries.tsv`` (CAMEO codes that are
not ISO 3166-1), ``igo.tsv`` (Phoenix's organisation codes) and ``positions.tsv`` (the
organisation of an international office). A place of None means "skip: no state we code".
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import pycountry

from diplograph.errors import ResourceError
from diplograph.kb.names import fold
from diplograph.kb.rules import table

SKIP = "-"
ORG_PREFIX = "org:"
HOLDER = "@holder"  # positions.tsv: the office serves the holder's own country


class Place(NamedTuple):
    """The country (ISO3) or organisation an office serves, and the region of a regional one."""

    country: str | None = None
    org: str | None = None
    region: str = ""

    def titled(self, title: str) -> str:
        """``title`` with the region added when it does not already say it."""
        if self.region and self.region.casefold() not in title.casefold():
            return f"{title} ({self.region})"
        return title


def _place(code: str, region: str = "") -> Place | None:
    """A rule file's code cell as a place: ISO3, ``org:X`` or ``-``."""
    if code == SKIP:
        return None
    if code.startswith(ORG_PREFIX):
        return Place(org=code[len(ORG_PREFIX) :])
    return Place(country=code, region=region)


@cache
def _repositories() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in table("repositories.tsv", 4)}


def repository_place(repository: str) -> Place | None:
    """The place of an EveryPolitician repository's offices; a ResourceError if unlisted."""
    try:
        code, region = _repositories()[repository]
    except KeyError:
        raise ResourceError(
            f"no country for repository {repository!r}: add it to kb/resources/repositories.tsv",
            source=repository,
        ) from None
    return _place(code, region)


@cache
def _named() -> dict[str, tuple[str, str]]:
    return {fold(row[0]): (row[1], row[2]) for row in table("countries.tsv", 4)}


@cache
def _iso3() -> frozenset[str]:
    current = {country.alpha_3 for country in pycountry.countries}
    return frozenset(current | {"XKX"})


@cache
def _historic() -> frozenset[str]:
    return frozenset(country.alpha_3 for country in pycountry.historic_countries)


def country_place(text: str) -> Place | None:
    """The place a country name or ISO3 code names; None for an entity the KB skips.

    A LookupError when the name is unknown (pycountry is asked exactly, never fuzzily).
    """
    text = text.strip()
    if text.upper() in _iso3():
        return Place(country=text.upper())
    listed = _named().get(fold(text))
    if listed is not None:
        return _place(*listed)
    return Place(country=pycountry.countries.lookup(text).alpha_3)


@cache
def _cameo() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in table("cameo_countries.tsv", 4)}


def cameo_country(code: str) -> Place | None:
    """The country of a CAMEO country code (three letters); None when not a state we code."""
    listed = _cameo().get(code)
    if listed is not None:
        return _place(*listed)
    if code in _iso3() or code in _historic():
        return Place(country=code)
    return None


def igo_place(code: str, comment: str) -> tuple[Place, str] | None:
    """The organisation (and a title, maybe "") of a Phoenix IGO role; None when unlisted."""
    comment = comment.casefold()
    for row_code, words, org, title in table("igo.tsv", 4):
        if row_code == code and words.casefold() in comment:
            return Place(org=org), title
    return None


def position_org(position: str) -> str | None:
    """The organisation of an international office ("@holder": the holder's country)."""
    lowered = position.casefold()
    for words, org in table("positions.tsv", 2):
        if words.casefold() in lowered:
            return org
    return None
