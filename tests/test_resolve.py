"""Resolution across articles (diplograph.resolve): golden merges and non-merges, reasons.

Every person here is invented; organisations are real ones from the gazetteer, since their
acronyms and former names are what is being resolved.
"""

from __future__ import annotations

import itertools
import random

import pytest

from diplograph.resolve import ActorMention, explain_link, match_names, parse_name, resolve_actors
from diplograph.resolve.actors import ALIAS_IN_ARTICLE, Entity
from diplograph.resolve.names import (
    DIACRITICS,
    INITIALS,
    SAME_NAME,
    SHORT_FORM,
    SIMILAR,
    SURNAME,
    TRANSLITERATION,
    skeleton,
)
from diplograph.resolve.offices import Sighting, clean_title, collect_offices, office_key


def person(
    article: str,
    name: str,
    country: str | None = None,
    title: str | None = None,
    *,
    names: tuple[str, ...] = (),
    org: str | None = None,
    day: str | None = None,
) -> ActorMention:
    return ActorMention(
        article_id=article,
        actor_id=f"act_{name.casefold()}",
        kind="person",
        name=name,
        names=(name, *names),
        titles=(title,) if title else (),
        country=country,
        org=org,
        first_day=day,
        last_day=day,
    )


def org(article: str, name: str, acronym: str | None = None) -> ActorMention:
    return ActorMention(
        article_id=article,
        actor_id=f"act_{name.casefold()}",
        kind="organization",
        name=name,
        names=(name,),
        acronym=acronym,
    )


def groups(entities: list[Entity]) -> set[frozenset[str]]:
    """Each actor as the set of 'article:name' of its mentions."""
    return {
        frozenset(f"{a}:{actor.removeprefix('act_')}" for a, actor in e.members) for e in entities
    }


def together(entities: list[Entity], *mentions: ActorMention) -> bool:
    units = {m.unit for m in mentions}
    return any(units <= set(e.members) for e in entities)


# -- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "rule"),
    [
        ("Dauletbek Sarsenbayev", "Dauletbek Sarsenbayev", SAME_NAME),
        ("Zoë Lefèvre", "Zoe Lefevre", DIACRITICS),
        ("Dauletbek Sarsenbayev", "Dauletbek Sarsenbaev", TRANSLITERATION),
        ("Timur Kassymov", "Timur Kasymov", TRANSLITERATION),
        ("Yerlan Dzhaksybekov", "Erlan Jaksybekov", TRANSLITERATION),
        ("Nurlan Khamitov", "Nurlan Hamitov", TRANSLITERATION),
        ("Sergey Orlov", "Sergei Orlov", TRANSLITERATION),
        ("B. Orlov", "Boris Orlov", INITIALS),
        ("KM Rahim Chowdury", "Kamal Mahbub Rahim Chowdury", INITIALS),
        ("R Venkataraman", "Ramaswamy Venkataraman", INITIALS),
        ("Helena Marquez", "Helena Marquez Oliveira Santos", SHORT_FORM),
        ("Ahmet Yilmazer", "Ahmet Kemal Yilmazer", SHORT_FORM),
        ("Dana Abilkassimova", "Dana Abilkasimova", TRANSLITERATION),
        ("Askhat Mukhtarov", "Askhat Muktarov", SIMILAR),
        ("Orlov", "Boris Orlov", SURNAME),
    ],
)
def test_resolve_names_match_by_rule(a: str, b: str, rule: str) -> None:
    assert match_names(parse_name(a), parse_name(b)) == rule
    assert match_names(parse_name(b), parse_name(a)) == rule


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rustam Okonjo", "Farid Okonjo"),  # same surname, another given name
        ("Masum Bin Rahim", "Kamal Mahbub Rahim"),
        ("B. Orlov", "S. Orlov"),
        ("Boris Orlov", "Boris Orlova Petrenko"),
        ("Lena Hart", "Lena Hartmann"),
        ("Felipe VII", "Felipe"),
    ],
)
def test_resolve_names_that_never_match(a: str, b: str) -> None:
    assert match_names(parse_name(a), parse_name(b)) is None


def test_resolve_skeleton_folds_transliteration_variants() -> None:
    assert skeleton("Bakayev") == skeleton("Bakaev") == "bakaev"
    assert skeleton("Vassilenko") == skeleton("Vasilenko")
    assert skeleton("Sirodjiddin") == skeleton("Sirojiddin")
    assert skeleton("Zhaparov") == skeleton("Japarov")


# -- actors: merges ---------------------------------------------------------------------------

MERGES = {
    "transliteration": (
        person("a1", "Dauletbek Sarsenbayev", "KAZ", "Deputy Minister of Foreign Affairs"),
        person("a2", "Dauletbek Sarsenbaev", "KAZ", "Deputy Foreign Minister"),
    ),
    "doubled letters": (
        person("a1", "Timur Kassymov", "KGZ"),
        person("a2", "Timur Kasymov", "KGZ"),
    ),
    "short and full name": (
        person("a1", "Helena Marquez Oliveira Santos", None, "Secretary-General", org="ACPX"),
        person("a2", "Helena Marquez", None, "Secretary General", org="ACPX"),
    ),
    "initials": (
        person("a1", "B. Orlov", "KAZ", "Deputy Minister of Foreign Affairs"),
        person("a2", "Boris Orlov", "KAZ", "Deputy Minister of Foreign Affairs of Kazakhstan"),
    ),
    "initials of two given names": (
        person("a1", "KM Rahim Chowdury", "BGD", "Foreign Minister"),
        person("a2", "Kamal Mahbub Rahim Chowdury", "BGD", "Minister of Foreign Affairs"),
    ),
    "diacritics": (
        person("a1", "Zoë Lefèvre", "FRA"),
        person("a2", "Zoe Lefevre", "FRA"),
    ),
    "similar spelling, same country and office": (
        person("a1", "Askhat Mukhtarov", "KAZ", "Ambassador to Austria"),
        person("a2", "Askhat Muktarov", "KAZ", "Ambassador of Kazakhstan to Austria"),
    ),
    "one side without a country": (
        person("a1", "Dauletbek Sarsenbayev", "KAZ"),
        person("a2", "Dauletbek Sarsenbayev", None),
    ),
    "organisation acronym": (
        org("a1", "Organisation for Economic Co-operation and Development", "OECD"),
        org("a2", "OECD"),
    ),
    "organisation former name": (
        org("a1", "World Organisation for Animal Health", "WOAH"),
        org("a2", "Office International des Epizooties", "OIE"),
    ),
    "organisation and organization": (
        org("a1", "World Organisation for Animal Health"),
        org("a2", "World Organization for Animal Health"),
    ),
}


@pytest.mark.parametrize("case", sorted(MERGES))
def test_resolve_merges(case: str) -> None:
    mentions = MERGES[case]
    entities = resolve_actors(mentions)
    assert len(entities) == 1, [e.name for e in entities]
    (entity,) = entities
    assert set(entity.members) == {m.unit for m in mentions}
    cross = [link for link in entity.links if link.rule not in (ALIAS_IN_ARTICLE,)]
    assert cross, "a merge must say why"


# -- actors: non-merges -----------------------------------------------------------------------

NON_MERGES = {
    "same surname, another given name": (
        person("a1", "Rustam Okonjo", "BGD", "Foreign Minister"),
        person("a2", "Farid Okonjo", "BGD", "Foreign Secretary"),
    ),
    "same surname, another country": (
        person("a1", "Marta Kessel", "AUT", "Ambassador"),
        person("a2", "Jonas Kessel", "DEU", "Ambassador"),
    ),
    "same full name, another country": (
        person("a1", "Lena Hart", "GBR", "Minister of State"),
        person("a2", "Lena Hart", "AUS", "Minister of State"),
    ),
    "two people in one article": (
        person("a1", "Rustam Okonjo", "BGD"),
        person("a1", "Rustam Okonjov", "BGD"),
    ),
    "initial of another given name": (
        person("a1", "S. Orlov", "KAZ"),
        person("a2", "Boris Orlov", "KAZ"),
    ),
    "similar spelling without shared country": (
        person("a1", "Askhat Mukhtarov", None),
        person("a2", "Askhat Muktarov", None),
    ),
    "two organisations of the gazetteer": (
        org("a1", "Organization for Security and Co-operation in Europe", "OSCE"),
        org("a2", "OSCE Parliamentary Assembly", "OSCE PA"),
    ),
}


@pytest.mark.parametrize("case", sorted(NON_MERGES))
def test_resolve_keeps_apart(case: str) -> None:
    assert len(resolve_actors(NON_MERGES[case])) == 2


def test_resolve_short_name_cannot_join_two_different_people() -> None:
    """ "A. Rahim" could be either Rahim; it joins neither the one nor the other by chaining."""
    kamal = person("a1", "Kamal Mahbub Rahim", "BGD", "Foreign Minister")
    masum = person("a2", "Masum Bin Rahim", "BGD", "Foreign Secretary")
    km = person("a3", "KM Rahim", "BGD", "Foreign Minister")
    bare = person("a4", "Rahim", "BGD", "Foreign Secretary")
    entities = resolve_actors([kamal, masum, km, bare])
    assert together(entities, kamal, km)
    assert not together(entities, kamal, masum)
    assert not together(entities, bare, kamal)  # a bare surname with two candidates: ambiguous


def test_resolve_bare_surname_joins_the_only_candidate() -> None:
    full = person("a1", "Boris Orlov", "KAZ", "Deputy Foreign Minister")
    bare = person("a2", "Orlov", "KAZ", "Deputy Minister of Foreign Affairs")
    (entity,) = resolve_actors([full, bare])
    assert entity.name == "Boris Orlov"
    assert [link.rule for link in entity.links] == [SURNAME]


def test_resolve_weak_matches_must_be_close_in_time() -> None:
    """A similar spelling in the same country and office, twenty years on, is someone else."""
    then = person("a1", "Askhat Mukhtarov", "KAZ", "Ambassador to Austria", day="2001-03-01")
    now = person("a2", "Askhat Muktarov", "KAZ", "Ambassador to Austria", day="2021-03-01")
    soon = person("a3", "Askhat Muktarov", "KAZ", "Ambassador to Austria", day="2003-05-01")
    assert len(resolve_actors([then, now])) == 2
    (entity,) = resolve_actors([then, soon])
    (link,) = [link for link in entity.links if link.rule == SIMILAR]
    assert link.evidence["years_apart"] == 2
    assert "(2 years apart)" in explain_link(link.rule, link.names, link.evidence)


def test_resolve_aliases_within_one_article_are_explained() -> None:
    mention = person("a1", "Alibek Zhunusov", "KAZ", names=("Alibek Zhunussov",))
    (entity,) = resolve_actors([mention])
    assert entity.names == ("Alibek Zhunusov", "Alibek Zhunussov")
    (link,) = entity.links
    assert (link.rule, link.names) == (ALIAS_IN_ARTICLE, ("Alibek Zhunusov", "Alibek Zhunussov"))


def test_resolve_is_independent_of_order() -> None:
    mentions = [m for case in (*MERGES.values(), *NON_MERGES.values()) for m in case]
    mentions = list({m.unit: m for m in mentions}.values())
    reference = resolve_actors(mentions)
    for seed in range(5):
        shuffled = mentions[:]
        random.Random(seed).shuffle(shuffled)
        assert resolve_actors(shuffled) == reference


def test_resolve_ids_depend_only_on_members() -> None:
    a = person("a1", "Dauletbek Sarsenbayev", "KAZ")
    b = person("a2", "Dauletbek Sarsenbaev", "KAZ")
    c = person("a3", "Farid Okonjo", "BGD")
    alone = {e.members: e.id for e in resolve_actors([a, b])}
    with_other = {e.members: e.id for e in resolve_actors([c, b, a])}
    assert alone.items() <= with_other.items()


def test_resolve_countries_are_never_merged() -> None:
    kaz = ActorMention("a1", "act_kaz", "country", "Kazakhstan", ("Kazakhstan",), country="KAZ")
    kaz2 = ActorMention(
        "a2", "act_kaz", "country", "Kazakhstan", ("Republic of Kazakhstan",), (), "KAZ"
    )
    kgz = ActorMention("a1", "act_kgz", "country", "Kyrgyzstan", ("Kyrgyzstan",), country="KGZ")
    entities = resolve_actors([kaz, kaz2, kgz])
    assert groups(entities) == {frozenset({"a1:kaz", "a2:kaz"}), frozenset({"a1:kgz"})}
    # A country's row does not depend on which of its mentions were resolved.
    alone = {e.id: (e.name, e.names, e.country) for e in resolve_actors([kaz2])}
    assert alone.items() <= {e.id: (e.name, e.names, e.country) for e in entities}.items()


# -- offices and reasons ----------------------------------------------------------------------


def test_resolve_offices_keep_first_and_last_day() -> None:
    mentions = [
        person(
            "a1",
            "Dauletbek Sarsenbayev",
            "KAZ",
            "Deputy Minister of Foreign Affairs of the Republic of Kazakhstan",
            day="2024-04-09",
        ),
        person("a2", "Dauletbek Sarsenbaev", "KAZ", "Deputy Foreign Minister", day="2024-04-11"),
        person(
            "a3",
            "Dauletbek Sarsenbayev",
            "KAZ",
            "Ambassador of Kazakhstan to Austria",
            day="2025-01-20",
        ),
        person("a4", "Dauletbek Sarsenbayev", "KAZ", "counterpart", day="2025-02-01"),
    ]
    (entity,) = resolve_actors(mentions)
    assert [
        (o.title, o.country, o.first_seen, o.last_seen, o.articles) for o in entity.offices
    ] == [
        ("Deputy Minister of Foreign Affairs", "KAZ", "2024-04-09", "2024-04-11", 2),
        ("Ambassador of Kazakhstan to Austria", "KAZ", "2025-01-20", "2025-01-20", 1),
    ]


@pytest.mark.parametrize(
    ("title", "country", "cleaned"),
    [
        (
            "Deputy Minister of Foreign Affairs of the Republic of Kazakhstan",
            "KAZ",
            "Deputy Minister of Foreign Affairs",
        ),
        (
            "—Kazakh Deputy Prime Minister and Foreign Minister",
            "KAZ",
            "Deputy Prime Minister and Foreign Minister",
        ),
        ("Foreign Minister of the Netherlands", "NLD", "Foreign Minister"),
        (
            "newly appointed Ambassador Extraordinary and Plenipotentiary of Turkey",
            "TUR",
            "Ambassador Extraordinary and Plenipotentiary",
        ),
        ("counterpart", "UZB", None),
        ("and Kazakh counterparts", "UZB", None),
    ],
)
def test_resolve_clean_title(title: str, country: str, cleaned: str | None) -> None:
    assert clean_title(title, country) == cleaned


def test_resolve_office_keys_read_synonyms_alike() -> None:
    assert office_key("Minister of Foreign Affairs", "KAZ") == office_key("Foreign Minister")
    assert office_key("Deputy Prime Minister – Minister of Foreign Affairs") == office_key(
        "Deputy Prime Minister and Foreign Minister"
    )
    offices = collect_offices(
        [
            Sighting("Foreign Affairs Minister", "a1", "KGZ", None, "2023-05-31", "2023-05-31"),
            Sighting(
                "Minister of Foreign Affairs of Kyrgyzstan",
                "a2",
                "KGZ",
                None,
                "2023-06-02",
                "2023-06-02",
            ),
        ]
    )
    assert [(o.title, o.first_seen, o.last_seen) for o in offices] == [
        ("Foreign Affairs Minister", "2023-05-31", "2023-06-02")
    ]


def test_resolve_explain_link_names_rule_and_evidence() -> None:
    (entity,) = resolve_actors(MERGES["initials"])
    (link,) = entity.links
    text = explain_link(link.rule, link.names, link.evidence)
    assert text.startswith('initials: "B. Orlov" = "Boris Orlov"')
    assert "same country KAZ" in text
    assert "compatible office (Deputy Minister of Foreign Affairs ~ Deputy Minister of " in text


def test_resolve_every_pair_of_rules_is_symmetric() -> None:
    names = [parse_name(n) for a, b, _ in _RULE_CASES for n in (a, b)]
    for x, y in itertools.combinations(names, 2):
        assert match_names(x, y) == match_names(y, x)


_RULE_CASES = [
    ("Dauletbek Sarsenbayev", "Dauletbek Sarsenbaev", TRANSLITERATION),
    ("B. Orlov", "Boris Orlov", INITIALS),
    ("Helena Marquez", "Helena Marquez Oliveira Santos", SHORT_FORM),
    ("Rustam Okonjo", "Farid Okonjo", None),
    ("Orlov", "S. Orlov", None),
]
