"""Load the rule and gazetteer files of ``nlp/resources`` into one read-only record.

Every list the extractor consults (countries, organisations, office titles, trigger
patterns, the argument roles of ``roles.json``, status cues, topics, the small words of
``words.json``) is data in ``resources/``; this module only reads and checks it, and raises
``ResourceError`` naming the file when one is missing or malformed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from importlib import resources
from typing import Any

from diplograph.errors import ResourceError
from diplograph.nlp.argroles import NOUN_LISTS, Body, read_roles
from diplograph.nlp.words import Words

RESOURCE_PACKAGE = "diplograph.nlp"


@dataclass(frozen=True)
class Country:
    """A state or territory with the surface forms that name it."""

    iso3: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    cities: tuple[str, ...]
    # its names in the languages ministries' sites are written in ("República Dominicana",
    # "Algérie"): read only on a page's masthead, never in running text
    endonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Org:
    """An organisation: its name, acronym, other names, and the state of a national body."""

    name: str
    acronym: str | None
    aliases: tuple[str, ...]
    kind: str
    country: str | None = None

    @property
    def label(self) -> str:
        """What the guide calls the organisation: its acronym where it has one."""
        return self.acronym or self.name


@dataclass(frozen=True)
class Gazetteer:
    """Everything read from ``resources/``."""

    countries: dict[str, Country]
    orgs: tuple[Org, ...]
    titles: dict[str, Any]
    triggers: tuple[dict[str, Any], ...]
    cues: dict[str, Any]
    topics: dict[str, tuple[str, ...]]
    words: Words
    roles: dict[str, Body]
    tlds: dict[str, str] = field(default_factory=dict)

    def word_set(self, key: str) -> frozenset[str]:
        """A lower-cased set from ``titles.json`` (heads, words, institutions, ...)."""
        return frozenset(w.lower() for w in self.titles.get(key, ()))


def read_text(name: str) -> str:
    """The text of one resource file."""
    try:
        return resources.files(RESOURCE_PACKAGE).joinpath("resources", name).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"cannot read resource file: {exc}", source=name) from exc


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys each stand once (``json`` keeps the last of two silently)."""
    data = dict(pairs)
    if len(data) < len(pairs):
        twice = sorted({k for k, _ in pairs if sum(1 for j, _ in pairs if j == k) > 1})
        raise ValueError(f"key given twice in one object: {', '.join(twice)}")
    return data


def read_json(name: str) -> dict[str, Any]:
    """One JSON object from a resource file; an object naming a key twice is malformed."""
    try:
        data = json.loads(read_text(name), object_pairs_hook=unique_keys)
    except ValueError as exc:
        raise ResourceError(f"malformed JSON: {exc}", source=name) from exc
    if not isinstance(data, dict):
        raise ResourceError("expected a JSON object", source=name)
    return data


def read_jsonl(name: str, required: tuple[str, ...]) -> list[dict[str, Any]]:
    """The records of a JSON-lines resource file, each checked for ``required`` keys."""
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(read_text(name).splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            row = json.loads(line, object_pairs_hook=unique_keys)
        except ValueError as exc:
            raise ResourceError(f"line {number}: malformed JSON: {exc}", source=name) from exc
        missing = [key for key in required if key not in row]
        if missing:
            raise ResourceError(f"line {number}: missing {missing}", source=name)
        rows.append(row)
    return rows


def load_countries(languages: tuple[str, ...] = ()) -> dict[str, Country]:
    """Countries from ``countries.jsonl``, completed with the names pycountry knows and with
    pycountry's translations of them into ``languages``."""
    import pycountry

    translated = country_translations(languages)
    table: dict[str, Country] = {}
    for row in read_jsonl("countries.jsonl", ("iso3", "names")):
        iso3 = str(row["iso3"])
        names = [str(n) for n in row["names"]]
        record = pycountry.countries.get(alpha_3=iso3)
        if record is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(record, attr, None)
                if value and "," not in value and value not in names:
                    names.append(value)
        table[iso3] = Country(
            iso3=iso3,
            name=names[0],
            names=tuple(names),
            demonyms=tuple(row.get("demonyms", ())),
            capitals=tuple(row.get("capitals", ())),
            cities=tuple(row.get("cities", ())),
            endonyms=translated.get(iso3, ()),
        )
    for record in pycountry.countries:
        if record.alpha_3 not in table:
            name = getattr(record, "common_name", None) or record.name
            if "," not in name:
                endonyms = translated.get(record.alpha_3, ())
                table[record.alpha_3] = Country(record.alpha_3, name, (name,), (), (), (), endonyms)
    return table


def country_translations(languages: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """ISO3 -> the state's short, common and official names in ``languages``, from the
    ISO 3166 translations pycountry ships; inverted forms ("Tanzanie, République unie de")
    and names no other than the English one are left out."""
    import gettext

    import pycountry

    found: dict[str, dict[str, None]] = {}
    for language in languages:
        try:
            catalogue = gettext.translation(
                "iso3166-1", pycountry.LOCALES_DIR, languages=[language]
            )
        except OSError:
            continue  # a language pycountry has no translation for names nothing
        for record in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                english = getattr(record, attr, None)
                if not english:
                    continue
                name = catalogue.gettext(english)
                if name != english and not set(name) & {",", "(", ")"}:
                    found.setdefault(record.alpha_3, {})[name] = None
    return {iso3: tuple(names) for iso3, names in found.items()}


def load_orgs() -> tuple[Org, ...]:
    """Organisations from ``organizations.jsonl``."""
    orgs = []
    for row in read_jsonl("organizations.jsonl", ("name", "kind")):
        orgs.append(
            Org(
                name=str(row["name"]),
                acronym=row.get("acronym"),
                aliases=tuple(row.get("aliases", ())),
                kind=str(row["kind"]),
                country=row.get("country"),
            )
        )
    return tuple(orgs)


def load_topics() -> dict[str, tuple[str, ...]]:
    """Topic label -> keywords, from ``topics.json``."""
    data = read_json("topics.json")
    return {str(k): tuple(str(w).lower() for w in v) for k, v in data["topics"].items()}


def load_tlds(countries: dict[str, Country]) -> dict[str, str]:
    """Country-code top-level domain -> ISO3, for the publisher's state."""
    import pycountry

    skip = set(read_json("cues.json").get("generic_tlds", ()))
    tlds: dict[str, str] = {}
    for record in pycountry.countries:
        tld = record.alpha_2.lower()
        if tld not in skip and record.alpha_3 in countries:
            tlds[tld] = record.alpha_3
    tlds["uk"] = "GBR"
    return tlds


def load_roles(triggers: tuple[dict[str, Any], ...]) -> dict[str, Body]:
    """The argument roles of ``roles.json``, one entry for every form a trigger names."""
    roles = read_roles(read_json("roles.json"), {f.name for f in fields(Words)} | set(NOUN_LISTS))
    missing = sorted({str(t.get("form", "verb")) for t in triggers} - set(roles))
    if missing:
        raise ResourceError(f"no entry for the trigger forms {missing}", source="roles.json")
    return roles


def load_gazetteer() -> Gazetteer:
    """Read and check every resource file."""
    cues = read_json("cues.json")
    countries = load_countries(tuple(cues.get("masthead_languages", ())))
    triggers = tuple(read_jsonl("triggers.jsonl", ("type", "pattern")))
    return Gazetteer(
        countries=countries,
        orgs=load_orgs(),
        titles=read_json("titles.json"),
        triggers=triggers,
        cues=cues,
        topics=load_topics(),
        words=Words.from_json(read_json("words.json")),
        roles=load_roles(triggers),
        tlds=load_tlds(countries),
    )
