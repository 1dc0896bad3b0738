"""The data resolution reads: folding rules, office words, organisation and country names.

``resources/transliteration.json`` and ``resources/offices.json`` belong to resolution;
organisation aliases and country names are read from the extractor's gazetteer files
(``nlp/resources/organizations.jsonl``, ``countries.jsonl``) as plain data, without
importing ``diplograph.nlp``. Each file is read once; a missing or malformed one is a
``ResourceError`` naming it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from diplograph.errors import ResourceError
from diplograph.models import fold


def _read(path: str) -> str:
    try:
        return resources.files("diplograph").joinpath(path).read_text("utf-8")
    except OSError as exc:
        raise ResourceError(f"cannot read {path}: {exc}", source=path) from exc


def read_json(path: str) -> dict[str, Any]:
    """A JSON object from a file of the package (``resources/...``)."""
    try:
        data = json.loads(_read(path))
    except ValueError as exc:
        raise ResourceError(f"not JSON: {exc}", source=path) from exc
    if not isinstance(data, dict):
        raise ResourceError("expected a JSON object", source=path)
    return data


def _jsonl(path: str) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(_read(path).splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except ValueError as exc:
                raise ResourceError(f"line {number} is not JSON: {exc}", source=path) from exc
    return rows


def _pairs(data: dict[str, Any], key: str, path: str) -> tuple[tuple[str, str], ...]:
    try:
        return tuple((str(old), str(new)) for old, new in data.get(key, ()))
    except (TypeError, ValueError) as exc:
        raise ResourceError(f"{key} must be a list of [from, to] pairs", source=path) from exc


@dataclass(frozen=True)
class Transliteration:
    """Word folding rules for names, name particles and organisation spelling variants."""

    rules: tuple[tuple[str, str], ...]
    collapse_doubles: bool
    particles: frozenset[str]
    org_spelling: tuple[tuple[str, str], ...]


@lru_cache(maxsize=1)
def transliteration() -> Transliteration:
    """``resources/transliteration.json``."""
    path = "resources/transliteration.json"
    data = read_json(path)
    return Transliteration(
        rules=_pairs(data, "rules", path),
        collapse_doubles=bool(data.get("collapse_doubles", True)),
        particles=frozenset(fold(p) for p in data.get("particles", ())),
        org_spelling=_pairs(data, "org_spelling", path),
    )


@dataclass(frozen=True)
class OfficeWords:
    """Office synonyms, words that make a title no office, filler left out of a title's key."""

    synonyms: tuple[tuple[str, str], ...]
    not_offices: frozenset[str]
    filler: frozenset[str]


@lru_cache(maxsize=1)
def office_words() -> OfficeWords:
    """``resources/offices.json``."""
    path = "resources/offices.json"
    data = read_json(path)
    return OfficeWords(
        synonyms=_pairs(data, "synonyms", path),
        not_offices=frozenset(fold(w) for w in data.get("not_offices", ())),
        filler=frozenset(data.get("filler", ())),
    )


def org_form(name: str) -> str:
    """An organisation name folded with the spelling rules (Organisation = Organization)."""
    text = f" {fold(name)} "
    for old, new in transliteration().org_spelling:
        text = text.replace(f" {old}", f" {new}" if new else " ")
    return " ".join(text.split())


@dataclass(frozen=True)
class KnownOrg:
    """An organisation of the gazetteer: its name, acronym and every other name it goes by."""

    name: str
    acronym: str | None
    names: tuple[str, ...]


@lru_cache(maxsize=1)
def known_orgs() -> dict[str, KnownOrg]:
    """Every name, acronym and alias of ``organizations.jsonl`` (in ``org_form``) -> its entry."""
    path = "nlp/resources/organizations.jsonl"
    table: dict[str, KnownOrg] = {}
    for row in _jsonl(path):
        try:
            names = (str(row["name"]), *(str(a) for a in row.get("aliases") or ()))
        except (KeyError, TypeError) as exc:
            raise ResourceError(f"an organisation without a name: {row}", source=path) from exc
        acronym = row.get("acronym")
        entry = KnownOrg(names[0], acronym, names[1:])
        for label in (*names, acronym):
            if label:
                table.setdefault(org_form(label), entry)
    return table


@lru_cache(maxsize=1)
def country_names() -> dict[str, tuple[str, ...]]:
    """ISO3 -> the names and demonyms a title may use for the state, longest first."""
    path = "nlp/resources/countries.jsonl"
    table: dict[str, set[str]] = {}
    for row in _jsonl(path):
        code = str(row.get("iso3") or "").upper()
        if code:
            table.setdefault(code, set()).update(
                str(n) for n in (*(row.get("names") or ()), *(row.get("demonyms") or ()))
            )
    import pycountry  # a declared dependency; imported here to keep imports light

    for country in pycountry.countries:
        names = {getattr(country, k, None) for k in ("name", "official_name", "common_name")}
        table.setdefault(country.alpha_3, set()).update(n for n in names if n)
    return {code: tuple(sorted(names, key=lambda n: (-len(n), n))) for code, names in table.items()}
