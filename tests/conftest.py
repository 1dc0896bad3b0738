"""Shared fixtures: a scratch database, hand-built extractions, the shared corpus directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.codes import code_event
from diplograph.models import (
    Article,
    Event,
    Evidence,
    Extraction,
    Organization,
    Participant,
    Person,
)

SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"

BAKAYEV = Person("Alibek Bakayev", title="Deputy Minister of Foreign Affairs", country="KAZ")


def _event(
    kind: str,
    status: str,
    parts: tuple[Participant, ...],
    text: str,
    date: str | None = None,
    place: str | None = None,
) -> Event:
    return Event(
        type=kind,
        status=status,
        participants=parts,
        date=date,
        place=place,
        topics=("cooperation",),
        evidence=(Evidence(text, 0, len(text)),),
        codes=code_event(kind, status),
    )


def _person(person: Person) -> Participant:
    return Participant("person", person.name, country=person.country, org=person.org)


def build_extractions() -> list[Extraction]:
    """Three articles in the style of the seed page; no NLP involved."""
    wijewardane = Person("Aruni Wijewardane", title="Foreign Secretary", country="LKA")
    sri_lanka = Article(
        source="kt.txt",
        index=3,
        title="Kazakhstan and Sri Lanka Intend to Strengthen Bilateral Cooperation",
        published="2024-04-11T17:17",
        text="Alibek Bakayev and Aruni Wijewardane held consultations in Astana.",
    )
    matthews = Person(
        "Kiitumetzi Siipilo Tandeka Matthews",
        title="Ambassador Extraordinary and Plenipotentiary of South Africa",
        country="ZAF",
    )
    south_africa = Article(
        source="kt.txt",
        index=5,
        title="Strengthening Cooperation between Kazakhstan and South Africa Discussed at MFA",
        published="2024-04-10T20:30",
        text="Alibek Bakayev met Kiitumetzi Siipilo Tandeka Matthews. Alibek Bakaev said ...",
    )
    lapecorella = Person("Fabrizia Lapecorella", title="Deputy Secretary General", org="OECD")
    abdrakhmanov = Person("Askar Abdrakhmanov", title="Permanent Delegate", country="KAZ")
    oecd = Organization("Organisation for Economic Co-operation and Development", "OECD")
    oecd_article = Article(
        source="kt.txt",
        index=2,
        title="Astana International Forum Discussed at OECD",
        published="2024-04-12T10:17",
        text="Askar Abdrakhmanov met Fabrizia Lapecorella of the OECD (Zürich).",
    )
    return [
        Extraction(
            article=sri_lanka,
            persons=(BAKAYEV, wijewardane),
            countries=("KAZ", "LKA"),
            events=(
                _event(
                    "MEETING",
                    "occurred",
                    (_person(BAKAYEV), _person(wijewardane)),
                    "consultations were held, chaired by Alibek Bakayev and Aruni Wijewardane",
                ),
                _event(
                    "MISSION",
                    "intended",
                    (
                        Participant("country", "Sri Lanka", country="LKA"),
                        Participant("country", "Kazakhstan", country="KAZ"),
                    ),
                    "Sri Lanka intends to open an embassy in Astana",
                    place="Astana",
                ),
            ),
        ),
        Extraction(
            article=south_africa,
            persons=(
                Person(BAKAYEV.name, ("Alibek Bakaev",), BAKAYEV.title, BAKAYEV.country),
                matthews,
            ),
            countries=("KAZ", "ZAF"),
            events=(
                _event(
                    "MEETING",
                    "occurred",
                    (_person(BAKAYEV), _person(matthews)),
                    "Alibek Bakayev met with Ambassador Matthews",
                    date="2024-04-09",
                ),
            ),
        ),
        Extraction(
            article=oecd_article,
            persons=(abdrakhmanov, lapecorella),
            organizations=(oecd,),
            countries=("KAZ",),
            events=(
                _event(
                    "MEETING",
                    "occurred",
                    (_person(abdrakhmanov), _person(lapecorella)),
                    "Askar Abdrakhmanov met with Fabrizia Lapecorella",
                ),
                _event(
                    "MULTILATERAL",
                    "intended",
                    (Participant("organization", "OECD", acronym="OECD"),),
                    "the OECD will take part in the Astana International Forum",
                    date="2024-06-13",
                    place="Astana",
                ),
            ),
        ),
    ]


@pytest.fixture
def sample_extractions() -> list[Extraction]:
    """Three hand-built extractions: Sri Lanka, South Africa (with an alias), OECD."""
    return build_extractions()


@pytest.fixture
def sample_extraction(sample_extractions: list[Extraction]) -> Extraction:
    """The first of ``sample_extractions``: a meeting and an intended mission."""
    return sample_extractions[0]


@pytest.fixture
def tmp_db(tmp_path: Path) -> str:
    """A path for a new SQLite database in a scratch directory."""
    return str(tmp_path / "test.db")


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the project (corpus, gold, scorer); skips the test when absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"needs the shared directory at {SHARED_DIR} (corpus and gold)")
    return SHARED_DIR
