"""Golden tests for events: each type, planned and intended status, implicit subjects,
what is not an event, evidence offsets and codes. Every name here is invented."""

from __future__ import annotations

import pytest

from diplograph.codes import code_event
from diplograph.models import Article, Extraction
from diplograph.nlp import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(extractor: Extractor, text: str, published: str | None = "2024-05-08") -> Extraction:
    return extractor.extract(Article(source="t.txt", index=1, text=text, published=published))


def events(e: Extraction) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(ev.type, ev.status, tuple(p.name for p in ev.participants)) for ev in e.events]


MEETING = (
    "Minister of Foreign Affairs of Peru Rosa Huaman met with Ambassador of Chile to Peru "
    "Tomas Errazu, the press service of the Peruvian MFA reports. "
    "The parties discussed trade and tourism. They agreed to continue cooperation. "
    "Tomas Errazu congratulated Rosa Huaman on her appointment. "
    "Rosa Huaman invited the ambassador's president to visit Lima."
)


def test_nlp_events_meeting_once_and_discussion_is_no_event(extractor: Extractor) -> None:
    e = run(extractor, MEETING)
    meetings = [ev for ev in events(e) if ev[0] == "MEETING"]
    assert meetings == [("MEETING", "occurred", ("Rosa Huaman", "Tomas Errazu"))]


def test_nlp_events_evidence_offsets_codes_topics(extractor: Extractor) -> None:
    e = run(extractor, MEETING)
    for ev in e.events:
        assert ev.codes == code_event(ev.type, ev.status)
        for evidence in ev.evidence:
            assert e.article.text[evidence.start : evidence.end] == evidence.text
    meeting = next(ev for ev in e.events if ev.type == "MEETING")
    assert {"trade", "tourism"} <= set(meeting.topics)


def test_nlp_events_participants_are_persons_of_the_article(extractor: Extractor) -> None:
    e = run(extractor, MEETING)
    names = {p.name for p in e.persons}
    for ev in e.events:
        for p in ev.participants:
            if p.kind == "person":
                assert p.name in names


def test_nlp_events_congratulation(extractor: Extractor) -> None:
    assert ("CONGRATULATION", "occurred", ("Tomas Errazu", "Rosa Huaman")) in events(
        run(extractor, MEETING)
    )


def test_nlp_events_separate_meetings_with_each_side(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Kofi Asante held talks with the Foreign Minister of Peru "
        "Rosa Huaman, and the Minister of Trade of Chile, Tomas Errazu."
    )
    got = {ev[2] for ev in events(run(extractor, text)) if ev[0] == "MEETING"}
    assert got == {("Kofi Asante", "Rosa Huaman"), ("Kofi Asante", "Tomas Errazu")}


def test_nlp_events_one_meeting_with_one_delegation(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Kofi Asante met with Peruvian Foreign Minister Rosa Huaman, "
        "Defense Minister Luis Quintanal and Trade Minister Ana Roblero in Accra."
    )
    got = [ev[2] for ev in events(run(extractor, text)) if ev[0] == "MEETING"]
    assert got == [("Kofi Asante", "Rosa Huaman", "Luis Quintanal", "Ana Roblero")]


def test_nlp_events_phone_call_and_date(extractor: Extractor) -> None:
    text = (
        "Today, Minister of Foreign Affairs of Norway Tarvo Elmqvist held a telephone "
        "conversation with the Minister of Foreign Affairs of Chile Ana Roblero."
    )
    e = run(extractor, text)
    assert events(e) == [("CALL", "occurred", ("Tarvo Elmqvist", "Ana Roblero"))]
    assert e.events[0].date == "2024-05-08"


def test_nlp_events_visit_planned_with_date(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Kofi Asante will pay an official visit to Norway on 13-14 June."
    )
    e = run(extractor, text)
    assert events(e) == [("VISIT", "planned", ("Kofi Asante", "Norway"))]
    assert e.events[0].date == "2024-06-13"


def test_nlp_events_invitation_accepted_is_intended_visit(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Kofi Asante met with Foreign Minister of Peru Rosa Huaman. "
        "Kofi Asante invited Rosa Huaman to visit Accra, and the invitation was accepted."
    )
    got = events(run(extractor, text))
    assert ("INVITATION", "occurred", ("Kofi Asante", "Rosa Huaman")) in got
    assert ("VISIT", "intended", ("Rosa Huaman", "Ghana")) in got


def test_nlp_events_at_the_invitation_of(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Kofi Asante is visiting Lima at the invitation of "
        "Foreign Minister of Peru Rosa Huaman."
    )
    got = events(run(extractor, text))
    assert ("VISIT", "occurred", ("Kofi Asante", "Peru")) in got
    assert ("INVITATION", "occurred", ("Rosa Huaman", "Kofi Asante")) in got


def test_nlp_events_agreements_one_per_document(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Kofi Asante and Foreign Minister of Peru Rosa Huaman "
        "signed two memoranda of understanding."
    )
    got = events(run(extractor, text))
    assert got.count(("AGREEMENT", "occurred", ("Kofi Asante", "Rosa Huaman"))) == 2


def test_nlp_events_importance_of_signing_is_no_event(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Kofi Asante met with Foreign Minister of Peru Rosa Huaman. "
        "The parties underlined the importance of signing the trade agreement."
    )
    assert [ev[0] for ev in events(run(extractor, text))] == ["MEETING"]


def test_nlp_events_multilateral_and_sidelines(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Kofi Asante took part in the ministerial council of the "
        "OSCE on the sidelines of the UN General Assembly."
    )
    assert events(run(extractor, text)) == [("MULTILATERAL", "occurred", ("Kofi Asante",))]


def test_nlp_events_intended_mission(extractor: Extractor) -> None:
    text = "The Chilean side confirmed its intention to open its embassy in Accra."
    assert events(run(extractor, text)) == [("MISSION", "intended", ("Chile", "Ghana"))]


def test_nlp_events_sympathy_over_a_disaster(extractor: Extractor) -> None:
    text = (
        "Ambassador of Chile to Peru Tomas Errazu expressed condolences over the earthquake "
        "in Peru."
    )
    assert events(run(extractor, text)) == [("SYMPATHY", "occurred", ("Tomas Errazu", "Peru"))]


def test_nlp_events_implicit_subject_description(extractor: Extractor) -> None:
    text = (
        "Ambassador of Chile to Peru Tomas Errazu met with Minister of Trade of Peru Rosa Huaman. "
        "The Chilean diplomat invited Rosa Huaman to the trade fair."
    )
    assert ("INVITATION", "occurred", ("Tomas Errazu", "Rosa Huaman")) in events(
        run(extractor, text)
    )


def test_nlp_events_support_for_a_candidacy(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Kofi Asante expressed support for the candidacy of Peru "
        "to the Security Council."
    )
    assert events(run(extractor, text)) == [("SUPPORT", "occurred", ("Kofi Asante", "Peru"))]


def test_nlp_events_bad_input_raises_extraction_error(extractor: Extractor) -> None:
    from diplograph.errors import ExtractionError

    bad = Article(source="t", index=1, text=None, id="art_x")  # type: ignore[arg-type]
    with pytest.raises(ExtractionError):
        extractor.extract(bad)
