"""The argument roles of ``resources/roles.json``: every trigger form has an entry, a
malformed entry is an error naming the file, and the entries give each act its sides.
Every name here is invented."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import fields
from typing import Any

import pytest

from diplograph.errors import ResourceError
from diplograph.models import Article
from diplograph.nlp import Extractor
from diplograph.nlp.argroles import NOUN_LISTS, read_roles
from diplograph.nlp.gazetteer import load_roles, read_json, read_jsonl
from diplograph.nlp.words import Words

LISTS = {f.name for f in fields(Words)} | set(NOUN_LISTS)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def roles_data() -> dict[str, Any]:
    return copy.deepcopy(read_json("roles.json"))


def test_nlp_roles_file_loads_with_an_entry_per_trigger_form() -> None:
    triggers = tuple(read_jsonl("triggers.jsonl", ("type", "pattern")))
    roles = load_roles(triggers)
    assert {str(t.get("form", "verb")) for t in triggers} <= set(roles)
    visit = roles["visit"]
    host = visit.sides[0].find[0]
    assert (host.look, host.clause, host.kinds) == ("destination", 12, ("country",))


def form(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(f for f in data["forms"] if f["form"] == name)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: form(d, "visit").update(near=3), "form 'visit': unknown key 'near'"),
        (lambda d: form(d, "invite")["sides"][0]["find"][0].update(look="nearby"), "'nearby'"),
        (lambda d: form(d, "support")["sides"][1]["find"][0].update(clause="ten"), "'ten'"),
        (lambda d: form(d, "sympathy")["sides"][0]["find"][1].update(words="firsts"), "firsts"),
        (lambda d: form(d, "aid_arrived").update(event=["donors", "givers"]), "['givers']"),
        (lambda d: d["forms"].append({"type": "MEETING"}), "'form' name"),
    ],
)
def test_nlp_roles_malformed_entry_names_the_file(
    change: Callable[[dict[str, Any]], object], message: str
) -> None:
    data = roles_data()
    change(data)
    with pytest.raises(ResourceError) as info:
        read_roles(data, LISTS)
    assert message in str(info.value) and "roles.json" in str(info.value)


def test_nlp_roles_a_form_without_entry_is_an_error() -> None:
    triggers = ({"type": "MEETING", "form": "huddle", "pattern": []},)
    with pytest.raises(ResourceError) as info:
        load_roles(triggers)
    assert "huddle" in str(info.value) and "roles.json" in str(info.value)


def test_nlp_roles_entries_are_plain_json_one_per_form() -> None:
    names = [f["form"] for f in roles_data()["forms"]]
    assert len(names) == len(set(names))
    json.dumps(roles_data())  # nothing but JSON


def sides(extractor: Extractor, text: str) -> list[tuple[str, tuple[str, ...]]]:
    article = Article(source="t.txt", index=1, text=text, published="2024-05-08")
    found = extractor.extract(article).events
    return [(e.type, tuple(p.name for p in e.participants)) for e in found]


def test_nlp_roles_visit_has_visitor_and_host(extractor: Extractor) -> None:
    text = "Foreign Minister of Ghana Kofi Asante paid an official visit to Norway."
    assert ("VISIT", ("Kofi Asante", "Norway")) in sides(extractor, text)


def test_nlp_roles_invitation_has_inviter_and_guest(extractor: Extractor) -> None:
    text = (
        "Minister of Foreign Affairs of Peru Rosa Huaman met with Foreign Minister of Ghana "
        "Kofi Asante in Lima. Rosa Huaman invited Kofi Asante to visit Peru again."
    )
    found = sides(extractor, text)
    assert ("INVITATION", ("Rosa Huaman", "Kofi Asante")) in found


def test_nlp_roles_aid_from_donor_to_recipient(extractor: Extractor) -> None:
    text = "After the earthquake, a shipment of humanitarian aid arrived in Nepal from Japan."
    assert ("AID", ("Japan", "Nepal")) in sides(extractor, text)


def test_nlp_resources_a_key_twice_in_one_object_is_malformed() -> None:
    from diplograph.nlp.gazetteer import unique_keys

    text = '{"form": "verb", "unless": [1], "unless": [2]}'
    with pytest.raises(ValueError, match="unless"):
        json.loads(text, object_pairs_hook=unique_keys)
    assert json.loads('{"a": 1, "b": 2}', object_pairs_hook=unique_keys) == {"a": 1, "b": 2}
