"""Countries, capitals, cities and regions named in the text.

A state is named by its name ("Chile", "the Slovak Republic", "UK"), a demonym ("Zambian",
"Sri Lankan"), or a capital standing for it ("Lima and Quito"); cities map to their state
so that a place ("in Rotterdam") gives the host country of an act. A demonym several states
share ("Congolese", "Korean") is the first such state's unless the article names another
(``shared_demonyms``, settled in ``mentions``).
"""

from __future__ import annotations

from collections.abc import Iterator

from diplograph.nlp.gazetteer import Gazetteer


def country_patterns(gaz: Gazetteer) -> Iterator[tuple[str, str]]:
    """(label, surface form) pairs for the phrase matcher; label is ``country|ISO3|form``."""
    prefixes = gaz.words.state_prefixes  # "Republic of": the first two make long forms
    for country in gaz.countries.values():
        label = f"country|{country.iso3}"
        for name in country.names:
            yield f"{label}|name", name
            if not name.startswith(prefixes) and " " not in name:
                for prefix in prefixes[:2]:
                    yield f"{label}|name", f"{prefix} {name}"
        for demonym in country.demonyms:
            yield f"{label}|demonym", demonym
            if demonym.endswith(("an", "k", "i")):
                yield f"{label}|people", demonym + "s"
        for form, places in (("capital", country.capitals), ("city", country.cities)):
            for place in places:
                yield f"{label}|{form}", place
                if place.upper() != place:
                    yield f"{label}|{form}", place.upper()
    for region in gaz.titles.get("regions", ()):
        yield f"region|{region}|region", region


def shared_demonyms(gaz: Gazetteer) -> dict[str, tuple[str, ...]]:
    """Demonym and people forms that several states list -> those states, the default (the
    first listed in ``countries.jsonl``) first."""
    states: dict[str, list[str]] = {}
    for label, text in country_patterns(gaz):
        kind, iso3, form = label.split("|")
        if kind == "country" and form in {"demonym", "people"}:
            listed = states.setdefault(text, [])
            if iso3 not in listed:
                listed.append(iso3)
    return {text: tuple(found) for text, found in states.items() if len(found) > 1}


def country_name(gaz: Gazetteer, iso3: str) -> str:
    """The usual English name of a state."""
    country = gaz.countries.get(iso3)
    return country.name if country else iso3


def capital_country(gaz: Gazetteer, text: str) -> str | None:
    """ISO3 of the state whose capital or city is ``text``."""
    folded = text.casefold()
    for country in gaz.countries.values():
        if any(folded == p.casefold() for p in country.capitals + country.cities):
            return country.iso3
    return None
