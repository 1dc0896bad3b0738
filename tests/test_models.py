"""Records round-trip through dicts and JSON; ids are stable and content-based."""

from __future__ import annotations

import json

from diplograph.codes import code_event
from diplograph.models import (
    Article,
    Event,
    Evidence,
    Extraction,
    Organization,
    Participant,
    Person,
    fold,
)


def _extraction() -> Extraction:
    text = "Minister Ana Ruiz met Ambassador Tomas Berg in Lima."
    article = Article(source="a.txt", index=2, text=text, title="Talks", published="2024-05-01")
    person = Person(name="Ana Ruiz", aliases=("A. Ruiz",), title="Minister", country="PER")
    event = Event(
        type="MEETING",
        status="occurred",
        participants=(
            Participant(kind="person", name="Ana Ruiz", country="PER"),
            Participant(kind="organization", name="Organization of American States", acronym="OAS"),
        ),
        date="2024-05-01",
        place="Lima",
        topics=("trade",),
        evidence=(Evidence(text=text, start=0, end=len(text)),),
        codes=code_event("MEETING"),
    )
    return Extraction(
        article=article,
        persons=(person,),
        organizations=(Organization(name="Organization of American States", acronym="OAS"),),
        countries=("PER",),
        events=(event,),
    )


def test_models_extraction_round_trips_through_json() -> None:
    original = _extraction()
    data = json.loads(json.dumps(original.to_dict()))
    again = Extraction.from_dict(data, article=original.article)
    assert again == original


def test_models_contract_keys_present() -> None:
    data = _extraction().to_dict()
    assert {"source", "index", "title", "published", "persons", "events"} <= set(data)
    participant = data["events"][0]["participants"][0]
    assert participant == {"kind": "person", "name": "Ana Ruiz", "country": "PER", "org": None}
    assert data["events"][0]["participants"][1]["acronym"] == "OAS"


def test_models_article_id_depends_on_content_not_path() -> None:
    one = Article(source="x/a.txt", index=1, text="Some  text\nhere.", title="T")
    two = Article(source="y/b.jsonl", index=7, text="Some text here.", title="T")
    other = Article(source="x/a.txt", index=1, text="Other text.", title="T")
    assert one.id == two.id
    assert one.id != other.id
    assert one.id.startswith("art_")


def test_models_fold_ignores_case_accents_and_hyphens() -> None:
    assert fold("Türkiye") == fold("turkiye")
    assert fold("Ho Yat-sen") == "ho yat sen"
    assert fold("  S.  Jaishankar ") == "s jaishankar"
