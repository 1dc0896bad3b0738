"""Invitations and gatherings: who invites whom in a letter, mutual invitations, the status
of an answered invitation, and taking part in a summit. Every name here is invented."""

from __future__ import annotations

import pytest

from diplograph.models import Article, Extraction
from diplograph.nlp import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(extractor: Extractor, text: str, published: str | None = "2025-03-03") -> Extraction:
    return extractor.extract(Article(source="t.txt", index=1, text=text, published=published))


def events(e: Extraction) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(ev.type, ev.status, tuple(p.name for p in ev.participants)) for ev in e.events]


def test_nlp_gatherings_letter_invitation_is_the_writers(extractor: Extractor) -> None:
    e = run(
        extractor,
        "In a letter to President of Chile Tomas Quell, President of Kenya Amos Kiprono "
        "invited him to visit Nairobi.",
    )
    found = events(e)
    assert ("INVITATION", "occurred", ("Amos Kiprono", "Tomas Quell")) in found
    assert not [ev for ev in found if ev[0] == "VISIT" and ev[1] == "occurred"]


def test_nlp_gatherings_invited_each_other_is_one_per_direction(extractor: Extractor) -> None:
    e = run(
        extractor,
        "The Foreign Minister of Peru Ana Ruiz and the Foreign Minister of Ghana Kofi Mensah "
        "invited each other to visit their countries.",
    )
    invitations = {ev for ev in events(e) if ev[0] == "INVITATION"}
    assert invitations == {
        ("INVITATION", "occurred", ("Ana Ruiz", "Kofi Mensah")),
        ("INVITATION", "occurred", ("Kofi Mensah", "Ana Ruiz")),
    }


def test_nlp_gatherings_accepted_invitation_was_extended(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Foreign Minister of Peru Ana Ruiz met Foreign Minister of Ghana Kofi Mensah in Lima. "
        "Minister Ruiz accepted the invitation of Minister Mensah to visit Accra next year.",
    )
    found = events(e)
    assert ("INVITATION", "occurred", ("Kofi Mensah", "Ana Ruiz")) in found
    assert not [ev for ev in found if ev[0] == "VISIT" and ev[1] == "occurred"]


def test_nlp_gatherings_remarks_heading_is_taking_part(extractor: Extractor) -> None:
    text = (
        "Trade Council: Press remarks by High Representative Maria Santos\n\n"
        "Good afternoon everybody. High Representative Maria Santos said the Trade Council "
        "was long. It has been a long Trade Council.\n"
    )
    e = extractor.extract(
        Article(
            source="t.txt",
            index=1,
            text=text,
            published=None,
            title="Trade Council: Press remarks by High Representative Maria Santos",
        )
    )
    assert ("MULTILATERAL", "occurred", ("Maria Santos",)) in events(e)


def test_nlp_gatherings_accepted_invitation_to_attend_is_intended(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Deputy Prime Minister of Peru Jorge Salas received Minister of State of Norway Erik "
        "Dahl on 2 March 2025. The deputy prime minister also responded positively to "
        "Norway's invitation for him to join the Ocean Wildlife Conference to be held in Oslo "
        "in October.",
    )
    found = events(e)
    assert ("INVITATION", "occurred", ("Norway", "Jorge Salas")) in found
    assert ("MULTILATERAL", "intended", ("Jorge Salas",)) in found


def test_nlp_gatherings_unanswered_invitation_to_attend_is_no_attendance(
    extractor: Extractor,
) -> None:
    e = run(
        extractor,
        "Deputy Prime Minister of Peru Jorge Salas received Minister of State of Norway Erik "
        "Dahl on 2 March 2025. Erik Dahl conveyed Norway's invitation for Jorge Salas to join "
        "the Ocean Wildlife Conference to be held in Oslo in October.",
    )
    assert not [ev for ev in events(e) if ev[0] == "MULTILATERAL"]


def test_nlp_gatherings_title_stops_at_a_new_conjoined_title(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Jorge Salas, Vice President and Minister of Justice, and the Minister of State "
        "for Europe of Norway Erik Dahl held a meeting in Lima.",
    )
    titles = {p.name: p.title for p in e.persons}
    assert "Deputy" not in (titles.get("Erik Dahl") or "")


def test_nlp_gatherings_next_trilateral_summit_is_the_states(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Foreign Minister of Peru Jorge Salas held a phone conversation with Foreign Minister "
        "of Norway Erik Dahl on Monday. Salas called for faster preparations for the next "
        "trilateral summit meeting between the leaders of Peru, Norway and Ghana, as decided "
        "last year.",
    )
    found = events(e)
    assert ("MULTILATERAL", "planned", ("Peru", "Norway", "Ghana")) in found
    assert not [ev for ev in found if ev[0] == "MEETING"]


def test_nlp_gatherings_hosting_a_heads_of_government_meeting(extractor: Extractor) -> None:
    e = run(
        extractor,
        "The Statement also reaffirms Peru's dedication to supporting Ghana in successfully "
        "hosting the Commonwealth Heads of Government Meeting later this year.",
    )
    found = events(e)
    assert ("MULTILATERAL", "planned", ("Ghana",)) in found
    assert not [ev for ev in found if ev[0] == "MEETING"]


def test_nlp_gatherings_chairing_a_council_is_taking_part(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Foreign Minister of Peru Jorge Salas chaired the meeting of the Council of Ministers "
        "of the Andean Community in Lima today. Foreign Minister of Peru Jorge Salas chaired "
        "the bilateral consultations with Foreign Minister of Ghana Kofi Mensah.",
    )
    found = events(e)
    assert ("MULTILATERAL", "occurred", ("Jorge Salas",)) in found
    assert ("MEETING", "occurred", ("Jorge Salas", "Kofi Mensah")) in found


def test_nlp_gatherings_two_co_chairs_met(extractor: Extractor) -> None:
    e = run(
        extractor,
        "On Friday, Foreign Minister of Peru Jorge Salas and Foreign Minister of Ghana Kofi "
        "Mensah co-chaired the 5th Ministerial Political Dialogue in Lima.",
    )
    found = events(e)
    assert ("MEETING", "occurred", ("Jorge Salas", "Kofi Mensah")) in found
    assert not [ev for ev in found if ev[0] == "MULTILATERAL"]
