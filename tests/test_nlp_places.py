"""Golden tests for states, demonyms, capitals and organisations named in the text."""

from __future__ import annotations

import pytest

from diplograph.models import Article
from diplograph.nlp import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def countries(extractor: Extractor, text: str) -> tuple[str, ...]:
    return extractor.extract(Article(source="t", index=1, text=text)).countries


def test_nlp_places_names_short_names_and_demonyms(extractor: Extractor) -> None:
    text = (
        "Officials of Türkiye, the UK and the Russian Federation met Kazakh and Sri Lankan guests."
    )
    assert set(countries(extractor, text)) == {"TUR", "GBR", "RUS", "KAZ", "LKA"}


def test_nlp_places_capitals_stand_for_states(extractor: Extractor) -> None:
    assert set(countries(extractor, "Ties between Astana and Pretoria grow.")) == {"KAZ", "ZAF"}


def test_nlp_places_special_regions(extractor: Extractor) -> None:
    text = "Delegates from the Macau SAR and Hong Kong attended; Kosovo sent none."
    assert set(countries(extractor, text)) == {"MAC", "HKG", "XKX"}


def test_nlp_places_organisations_and_former_names(extractor: Extractor) -> None:
    text = (
        "Experts of the International Epizootic Office and the Organization for Security and "
        "Co-operation in Europe (OSCE) met."
    )
    e = extractor.extract(Article(source="t", index=1, text=text))
    assert {o.acronym for o in e.organizations} == {"WOAH", "OSCE"}


def test_nlp_places_organisation_introduced_with_acronym(extractor: Extractor) -> None:
    text = "The Caspian Fisheries Commission (CFC) held a session."
    e = extractor.extract(Article(source="t", index=1, text=text))
    assert ("Caspian Fisheries Commission", "CFC") in {(o.name, o.acronym) for o in e.organizations}


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("During her official visit to Lisbon,", "Lisbon"),
        ("While on a working trip to Chile,", "Chile"),
        ("Ahead of her visit to Lisbon,", None),  # not there yet
        ("During the talks on the way to Lisbon,", None),  # no trip named before "to"
    ],
)
def test_nlp_places_a_trip_setting_places_the_acts_of_its_sentence(
    extractor: Extractor, opening: str, place: str | None
) -> None:
    text = (
        f"{opening} Foreign Minister of Norway Kari Vold met with Minister of Economy of "
        "Portugal Rui Antunes Sampaio."
    )
    events = extractor.extract(Article(source="t", index=1, text=text)).events
    assert [(e.type, e.place) for e in events if e.type == "MEETING"] == [("MEETING", place)]
