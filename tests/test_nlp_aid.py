"""Golden tests for aid and first-person statements: the donor acts, the recipient is the
other side, and "we" or "our" is the publishing state. Every name here is invented."""

from __future__ import annotations

import pytest

from diplograph.models import Article, Extraction, Participant
from diplograph.nlp import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(extractor: Extractor, text: str) -> Extraction:
    article = Article(source="t.txt", index=1, text=text, title="Press", published="2024-05-08")
    return extractor.extract(article)


def side(p: Participant) -> str:
    if p.kind == "person":
        return p.name
    return p.acronym or p.country or p.name


def kinds(e: Extraction) -> set[tuple[str, str, frozenset[str]]]:
    return {(ev.type, ev.status, frozenset(side(p) for p in ev.participants)) for ev in e.events}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ambassador of Norway Petter Lundvik met the Secretary-General of ASEAN. On the "
            "occasion, the Ambassador handed over Norway's contribution of USD 3 million to "
            "ASEAN for flood relief.",
            ("AID", "occurred", frozenset({"NOR", "ASEAN"})),
        ),
        (
            "UNDP will provide technical assistance to Georgia in reforming the courts.",
            ("AID", "planned", frozenset({"UNDP", "GEO"})),
        ),
        (
            "Japan will allocate humanitarian assistance to Nepal.",
            ("AID", "planned", frozenset({"JPN", "NPL"})),
        ),
        (
            "The World Health Organization delivered vaccines to Mali on Monday.",
            ("AID", "occurred", frozenset({"WHO", "MLI"})),
        ),
        (
            "A shipment of humanitarian aid arrived in Haiti from Canada.",
            ("AID", "occurred", frozenset({"CAN", "HTI"})),
        ),
        (
            "Finland provided grant aid to Laos.",
            ("AID", "occurred", frozenset({"FIN", "LAO"})),
        ),
    ],
)
def test_nlp_aid_donor_and_recipient(
    extractor: Extractor, text: str, expected: tuple[str, str, frozenset[str]]
) -> None:
    assert expected in kinds(run(extractor, text))


def test_nlp_aid_first_person_is_the_publishing_state(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Ministry of Foreign Affairs of Chile\n\n"
        "We are saddened by the floods that struck Peru yesterday.\n\n"
        "We extend our condolences to the people of Peru.\n\n"
        "Our National Rescue Agency (NARA) has dispatched rescuers and relief supplies, "
        "including tents, to the region.",
    )
    found = kinds(e)
    assert ("SYMPATHY", "occurred", frozenset({"CHL", "PER"})) in found
    assert ("AID", "occurred", frozenset({"NARA", "PER"})) in found
    sympathy = next(ev for ev in e.events if ev.type == "SYMPATHY")
    assert sympathy.date == "2024-05-08"


def test_nlp_aid_invitation_conveyed_by_an_envoy_is_the_senders(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Foreign Minister of Latvia Imants Berzkalns received Ambassador of Chile Rodrigo "
        "Fuentes Vial. Ambassador Fuentes Vial conveyed an invitation from Minister of "
        "Foreign Affairs of Chile Camila Rojas Ibarra to pay an official visit to Santiago.",
    )
    expected = frozenset({"Camila Rojas Ibarra", "Imants Berzkalns"})
    assert ("INVITATION", "occurred", expected) in kinds(e)


def test_nlp_aid_next_round_agreed_by_the_parties_is_between_states(
    extractor: Extractor,
) -> None:
    e = run(
        extractor,
        "Minister of Foreign Affairs of Latvia Imants Berzkalns held a telephone conversation "
        "with Minister of Foreign Affairs of Chile Camila Rojas Ibarra. The parties agreed to "
        "hold the next round of inter-ministerial consultations in Santiago.",
    )
    found = kinds(e)
    assert ("MEETING", "planned", frozenset({"LVA", "CHL"})) in found
    assert ("CALL", "occurred", frozenset({"Imants Berzkalns", "Camila Rojas Ibarra"})) in found


def test_nlp_aid_no_recipient_no_aid(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Ambassador of Kenya Joseph Otieno met the head of the Danish Relief Agency (DRA) "
        "in Copenhagen. He praised the role of the DRA in providing development assistance "
        "in various countries.",
    )
    assert not [ev for ev in e.events if ev.type == "AID"]


def test_nlp_aid_handed_over_in_a_participle_clause(extractor: Extractor) -> None:
    """ "Handing over the rice, X said": X hands it over, to the person the text is about
    (the one who received it), not the other way round."""
    e = run(
        extractor,
        "Lusaka - The Permanent Secretary, Ms. Chileshe Vantoma, received 900 tonnes of rice "
        "from the Republic of Korea.\n\nReceiving the donation, Ms. Vantoma said it would "
        "reach many households.\n\nAnd handing over the rice, Korean Ambassador to Zambia "
        "Park Tae-rim said his Government would do more.",
    )
    aid = [sorted(side(p) for p in ev.participants) for ev in e.events if ev.type == "AID"]
    assert ["Chileshe Vantoma", "Park Tae-rim"] in aid
