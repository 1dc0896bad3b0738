"""Golden tests for the reading mechanisms added for articles of other sites: honorifics,
compound offices, introduced organisations, the publishing ministry's masthead, counterparts
listed with their states, and a few trigger forms. Every name here is invented."""

from __future__ import annotations

import pytest

from diplograph.models import Article, Extraction, Participant
from diplograph.nlp import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(extractor: Extractor, text: str, published: str | None = "2024-05-08") -> Extraction:
    article = Article(source="t.txt", index=1, text=text, title="Press", published=published)
    return extractor.extract(article)


def people(e: Extraction) -> dict[str, tuple[str | None, str | None]]:
    return {p.name: (p.country, p.org) for p in e.persons}


def side(p: Participant) -> str:
    if p.kind == "person":
        return p.name
    return p.acronym or p.country or p.name


def kinds(e: Extraction) -> list[tuple[str, str, frozenset[str]]]:
    return [(ev.type, ev.status, frozenset(side(p) for p in ev.participants)) for ev in e.events]


def test_nlp_mechanisms_honorifics_and_surname_forms(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Thai Foreign Minister Datuk Seri Varin Oskarsson met Indian Foreign Secretary Shri "
        "Tomas Lind Arvelo. Lind Arvelo thanked the host.",
    )
    assert people(e) == {"Varin Oskarsson": ("THA", None), "Tomas Lind Arvelo": ("IND", None)}


def test_nlp_mechanisms_compound_office_with_commas(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Minister of Foreign Affairs, Trade and Worship of Chile Ilsa Varga Moreno received "
        "Minister of Foreign Affairs, European Union and Cooperation of Portugal Rui Tavon.",
    )
    assert people(e) == {"Ilsa Varga Moreno": ("CHL", None), "Rui Tavon": ("PRT", None)}


def test_nlp_mechanisms_introduced_organisation_name(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Director of the Bureau for Coastal Fisheries and Marine Safety (BCFMS) Odile Parsec met "
        "Minister of Foreign Affairs of Malta Ian Sorell at the Foreign Office Consultations "
        "(FOC).",
    )
    assert people(e) == {"Odile Parsec": (None, "BCFMS"), "Ian Sorell": ("MLT", None)}
    assert {o.acronym for o in e.organizations} == {"BCFMS"}


def test_nlp_mechanisms_masthead_names_the_publisher(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Ministry of Foreign Affairs of the Republic of Moldova\nPress releases\n\n"
        "The Foreign Minister, Dorin Vasque, received Ambassador of Japan Aiko Tamura.",
    )
    assert people(e)["Dorin Vasque"] == ("MDA", None)
    e = run(
        extractor,
        "Ministry of Foreign Affairs\n\nAccra, 2 May 2024\n\n"
        "The Foreign Minister, Kwesi Adomako, received Ambassador of Japan Aiko Tamura.",
    )
    assert people(e)["Kwesi Adomako"] == ("GHA", None)
    e = run(extractor, "The Foreign Minister, Kwesi Adomako, received Aiko Tamura.")
    assert people(e)["Kwesi Adomako"] == (None, None)


def test_nlp_mechanisms_counterparts_listed_with_their_states(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Minister of Foreign Affairs of Georgia Nino Kalandia held meetings with the Foreign "
        "Ministers of Estonia Mart Kuusk, Peru Ana Salcedo and Ghana Yaw Boateng.",
    )
    assert people(e) == {
        "Nino Kalandia": ("GEO", None),
        "Mart Kuusk": ("EST", None),
        "Ana Salcedo": ("PER", None),
        "Yaw Boateng": ("GHA", None),
    }
    assert len([k for k in kinds(e) if k[0] == "MEETING"]) == 3


def test_nlp_mechanisms_trigger_forms(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Minister of Foreign Affairs of Peru Ana Salcedo received copies of credentials from "
        "Ambassador of Austria to Peru Lukas Brenner. Brenner reaffirmed his country's support "
        "for Peru's candidacy. Ambassador of Chile to Peru Rosa Icaza paid a courtesy call on "
        "Salcedo.",
    )
    assert kinds(e) == [
        ("CREDENTIALS", "occurred", frozenset({"Ana Salcedo", "Lukas Brenner"})),
        ("SUPPORT", "occurred", frozenset({"Lukas Brenner", "PER"})),
        ("MEETING", "occurred", frozenset({"Rosa Icaza", "Ana Salcedo"})),
    ]


def test_nlp_mechanisms_teasers_and_background_are_no_events(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Minister of Foreign Affairs of Peru Ana Salcedo met with Ambassador of Austria to Peru "
        "Lukas Brenner.\n\nRead also: Deputy Minister Olaf Grint visits Lima\n\n"
        "Brenner recalled his visit to Cusco in 2015. He first visited Lima in 2011.",
    )
    assert set(people(e)) == {"Ana Salcedo", "Lukas Brenner"}
    assert kinds(e) == [("MEETING", "occurred", frozenset({"Ana Salcedo", "Lukas Brenner"}))]
