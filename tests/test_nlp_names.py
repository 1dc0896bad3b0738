"""Golden tests for name conventions and the knowledge base in person detection: styles
and honorifics, lists, plural titles, given names, ordinary words after titles, names
without titles. Invented names, except where the knowledge base must know the person."""

from __future__ import annotations

import pytest

from diplograph.models import Article, Extraction
from diplograph.nlp import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(extractor: Extractor, text: str, published: str | None = None) -> Extraction:
    return extractor.extract(Article(source="t.txt", index=1, text=text, published=published))


def people(extraction: Extraction) -> dict[str, tuple[str | None, str | None]]:
    return {p.name: (p.country, p.org) for p in extraction.persons}


def test_nlp_names_styles_are_not_part_of_the_name(extractor: Extractor) -> None:
    text = (
        "Foreign Minister Sheikh Hamdan bin Rashid Al Qasimi received Sayyid Faris Al Harthy, "
        "Minister of Culture of Oman, and the Rt Hon Gwendolyn Barrow, Minister of Trade of "
        "Belize."
    )
    names = people(run(extractor, text))
    assert "Hamdan bin Rashid Al Qasimi" in names
    assert names["Faris Al Harthy"] == ("OMN", None)
    assert names["Gwendolyn Barrow"] == ("BLZ", None)
    assert not any(n.startswith(("Sheikh", "Sayyid", "Rt")) for n in names)


def test_nlp_names_a_style_with_one_name_word_stays(extractor: Extractor) -> None:
    text = "Prime Minister Sheikh Rahmona met the delegation of Portugal."
    assert "Sheikh Rahmona" in people(run(extractor, text))


def test_nlp_names_list_with_states_in_brackets(extractor: Extractor) -> None:
    text = (
        "The President received Ambassadors Oriol Vantanet Brec (Spain), Mirela Tondescu "
        "(Romania), Kwabena Asare Mensimah (Ghana) and Ilsa Rautenbach (South Africa)."
    )
    names = people(run(extractor, text))
    assert names["Oriol Vantanet Brec"] == ("ESP", None)
    assert names["Mirela Tondescu"] == ("ROU", None)
    assert names["Kwabena Asare Mensimah"] == ("GHA", None)
    assert names["Ilsa Rautenbach"] == ("ZAF", None)


def test_nlp_names_list_with_from_state(extractor: Extractor) -> None:
    text = (
        "Foreign Minister Tovar Lindqvist received Dr. Harun Qadiri from Afghanistan, "
        "Pema Wangdrel from Bhutan and Sushila Karkotak from Nepal."
    )
    names = people(run(extractor, text))
    assert names["Harun Qadiri"] == ("AFG", None)
    assert names["Pema Wangdrel"] == ("BTN", None)
    assert names["Sushila Karkotak"] == ("NPL", None)


def test_nlp_names_plural_title_opens_a_list(extractor: Extractor) -> None:
    text = "The delegation included Senators Aldo Quintero, Berta Ocampo and Ciro Valdivieso."
    names = people(run(extractor, text))
    assert {"Aldo Quintero", "Berta Ocampo", "Ciro Valdivieso"} <= set(names)


def test_nlp_names_given_name_alone_is_the_same_person(extractor: Extractor) -> None:
    text = (
        "Foreign Minister Sulastri Wirananda of Indonesia met the envoy. Minister Sulastri "
        "said the talks were useful."
    )
    e = run(extractor, text)
    assert [p.name for p in e.persons] == ["Sulastri Wirananda"]


def test_nlp_names_ordinary_words_end_a_title_not_start_a_name(extractor: Extractor) -> None:
    text = (
        "She met the Minister for Health and Pacific Peoples, Tavita Lemalu, and the Minister "
        "of Education and Skills Orla Brennock. Finally, the Deputy Secretary Corporate "
        "Services spoke."
    )
    names = set(people(run(extractor, text)))
    assert {"Tavita Lemalu", "Orla Brennock"} <= names
    assert not names & {"Peoples", "Skills", "Services", "Finally", "Corporate Services"}


def test_nlp_names_hyphenated_given_name_with_lower_case_part(extractor: Extractor) -> None:
    text = "Deputy Minister of the Interior Chen Wei-der met Ambassador Nery Tomas Ruiz y Ruiz."
    names = people(run(extractor, text))
    assert "Chen Wei-der" in names
    assert "Nery Tomas Ruiz y Ruiz" in names
