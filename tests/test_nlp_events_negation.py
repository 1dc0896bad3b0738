"""Negated, refused, cancelled and habitual acts are no events ("did not meet", "refused
to visit", "no meeting is planned", "the signing was postponed"), while "not only met" is
still the meeting. Every name here is invented."""

from __future__ import annotations

import pytest

from diplograph.models import Article, Extraction
from diplograph.nlp import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(extractor: Extractor, text: str) -> Extraction:
    article = Article(source="t.txt", index=1, text=text, title="Press", published="2024-05-08")
    return extractor.extract(article)


def types(e: Extraction) -> list[str]:
    return sorted(ev.type for ev in e.events)


def test_nlp_events_negation_plain_meeting_is_found(extractor: Extractor) -> None:
    e = run(extractor, "Foreign Minister Karl Brandt met the Ambassador of Chile Rosa Icaza.")
    assert "MEETING" in types(e)


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Karl Brandt did not meet the Ambassador of Chile Rosa Icaza.",
        "Foreign Minister Karl Brandt refused to meet the Ambassador of Chile Rosa Icaza.",
        "Foreign Minister Karl Brandt has shunned meetings with Ambassador Rosa Icaza.",
        "Foreign Minister Karl Brandt cancelled his visit to Chile.",
        "Foreign Minister Karl Brandt postponed his visit to Chile.",
        "Foreign Minister Karl Brandt prefers to meet Ambassador Rosa Icaza.",
        "Foreign Minister Karl Brandt said no meeting with Ambassador Rosa Icaza is planned.",
        "Foreign Minister Karl Brandt declined the invitation of Ambassador Rosa Icaza to "
        "visit Chile.",
        "The signing of the trade agreement between Chile and Peru was postponed.",
    ],
)
def test_nlp_events_negation_denied_act_is_no_event(extractor: Extractor, text: str) -> None:
    assert types(run(extractor, text)) == []


def test_nlp_events_negation_called_off_after_the_trigger(extractor: Extractor) -> None:
    e = run(
        extractor,
        "The visit of Foreign Minister Karl Brandt to Chile was cancelled because of the storm.",
    )
    assert "VISIT" not in types(e)


def test_nlp_events_negation_not_only_keeps_the_act(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Foreign Minister Karl Brandt not only met the Ambassador of Chile Rosa Icaza but "
        "also thanked her.",
    )
    assert "MEETING" in types(e)


def test_nlp_events_negation_of_another_clause_keeps_the_act(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Foreign Minister Karl Brandt, who did not comment, met the Ambassador of Chile "
        "Rosa Icaza.",
    )
    assert "MEETING" in types(e)


def sides(e: Extraction) -> set[frozenset[str]]:
    return {
        frozenset(
            p.name if p.kind == "person" else (p.acronym or p.country or p.name)
            for p in ev.participants
        )
        for ev in e.events
        if ev.type == "MEETING"
    }


def test_nlp_events_negation_body_in_a_title_before_a_name_is_no_side(
    extractor: Extractor,
) -> None:
    e = run(
        extractor,
        "Foreign Minister Karl Brandt received the Chilean Minister in charge of Relations "
        "with the European Union, Mr. Ana Velez.",
    )
    assert frozenset({"Karl Brandt", "Ana Velez"}) in sides(e)
    assert not any("EU" in s for s in sides(e))


def test_nlp_events_negation_body_met_in_a_list_stays_a_side(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Foreign Minister Karl Brandt met with the European Union, Ana Velez and Rosa Icaza.",
    )
    assert any("EU" in s for s in sides(e))
