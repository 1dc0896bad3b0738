"""Trips, gatherings and invitations: travel wording as a VISIT, a headline's trip, visits
recalled as background, taking part in a gathering as a MULTILATERAL, and the status of acts
announced or wished for. Every name and sentence here is invented."""

from __future__ import annotations

import pytest

from diplograph.models import Article, Extraction, Participant
from diplograph.nlp import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(
    extractor: Extractor,
    text: str,
    title: str = "Press release",
    published: str | None = "2024-05-08",
) -> Extraction:
    article = Article(source="t.txt", index=1, text=text, title=title, published=published)
    return extractor.extract(article)


def side(p: Participant) -> str:
    if p.kind == "person":
        return p.name
    return p.acronym or p.country or p.name


def acts(e: Extraction, kind: str) -> list[tuple[str, frozenset[str]]]:
    return [
        (ev.status, frozenset(side(p) for p in ev.participants))
        for ev in e.events
        if ev.type == kind
    ]


@pytest.mark.parametrize(
    ("sentence", "status", "host"),
    [
        (
            "Foreign Minister Arvid Kollberg travelled to Nairobi today for talks.",
            "occurred",
            "KEN",
        ),
        ("Foreign Minister Arvid Kollberg left for Hanoi on Monday.", "occurred", "VNM"),
        ("Foreign Minister Arvid Kollberg landed in Lima on Monday evening.", "occurred", "PER"),
        ("Next week Foreign Minister Arvid Kollberg will travel to Oslo.", "planned", "NOR"),
    ],
)
def test_nlp_events_travel_verbs_make_a_visit_to_the_city_state(
    extractor: Extractor, sentence: str, status: str, host: str
) -> None:
    e = run(extractor, "Swedish " + sentence)
    assert (status, frozenset({"Arvid Kollberg", host})) in acts(e, "VISIT")


def test_nlp_events_travel_noun_is_no_trip(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Swedish Foreign Minister Arvid Kollberg welcomed the new rules on visa-free "
        "travel to Chile for students.",
    )
    assert acts(e, "VISIT") == []


def test_nlp_events_travel_headline_trip_is_read(extractor: Extractor) -> None:
    title = "Foreign Minister Arvid Kollberg visits Kenya"
    e = run(
        extractor,
        title + "\nSwedish Foreign Minister Arvid Kollberg held talks with business leaders "
        "on Tuesday.",
        title=title,
    )
    assert ("occurred", frozenset({"Arvid Kollberg", "KEN"})) in acts(e, "VISIT")


def test_nlp_events_travel_headline_invitation_is_no_visit(extractor: Extractor) -> None:
    title = "Swedish minister invited to pay a visit to Kenya"
    e = run(
        extractor,
        title + "\nSwedish Foreign Minister Arvid Kollberg held a phone call with Kenyan "
        "Foreign Minister Paul Odhiambo on Tuesday.",
        title=title,
    )
    assert all(status != "occurred" for status, _ in acts(e, "VISIT"))


def test_nlp_events_travel_island_nation_is_the_destination(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Swedish Foreign Minister Arvid Kollberg met Fijian Prime Minister Joeli Vatu in "
        "Suva on Friday. Kollberg, who is on a two-day visit to the island nation, also met "
        "business leaders.",
    )
    assert ("occurred", frozenset({"Arvid Kollberg", "FJI"})) in acts(e, "VISIT")


def test_nlp_events_travel_possessive_visit_is_the_last_named_person(
    extractor: Extractor,
) -> None:
    e = run(
        extractor,
        "Danish Trade Minister Lise Holm met Kenyan Foreign Minister Grace Wanjiru. "
        "On Tuesday, Wanjiru hosted her counterpart, Swedish Foreign Minister Arvid "
        "Kollberg, on the occasion of his working visit to Kenya.",
    )
    visits = acts(e, "VISIT")
    assert ("occurred", frozenset({"Arvid Kollberg", "KEN"})) in visits
    assert all("Lise Holm" not in sides for _, sides in visits)


def test_nlp_events_travel_companions_travel_too(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Swedish Foreign Minister Arvid Kollberg alongside Maria Lund, Secretary General "
        "of the OSCE, will pay a visit to Kenya on Monday.",
    )
    assert ("planned", frozenset({"Arvid Kollberg", "Maria Lund", "KEN"})) in acts(e, "VISIT")


def test_nlp_events_travel_headline_infinitive_is_planned(extractor: Extractor) -> None:
    title = "Kollberg to visit Kenya"
    e = run(
        extractor,
        title + "\nSwedish Foreign Minister Arvid Kollberg will hold talks with business "
        "leaders next week.",
        title=title,
    )
    assert acts(e, "VISIT") == [("planned", frozenset({"Arvid Kollberg", "KEN"}))]


def test_nlp_events_travel_headline_org_head_is_the_visitor(extractor: Extractor) -> None:
    title = "OSCE Secretary General visits Nairobi"
    e = run(
        extractor,
        title + "\nOSCE Secretary General Maria Lund met Kenyan Foreign Minister Paul "
        "Odhiambo on Tuesday.",
        title=title,
    )
    visits = [ev for ev in e.events if ev.type == "VISIT"]
    assert [frozenset(side(p) for p in ev.participants) for ev in visits] == [
        frozenset({"Maria Lund", "KEN"})
    ]
    assert visits[0].date == "2024-05-08"  # the news of the day


def test_nlp_events_travel_media_briefing_is_no_gathering(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Swedish Foreign Minister Arvid Kollberg will address the ministry's end-of-year "
        "media briefing on Tuesday. Kollberg attended the Nordic Council session in Oslo "
        "on Monday.",
    )
    assert acts(e, "MULTILATERAL") == [("occurred", frozenset({"Arvid Kollberg"}))]


def test_nlp_events_travel_represent_at_a_gathering(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Swedish Foreign Minister Arvid Kollberg will represent Sweden at the Nordic "
        "Leaders Retreat next week.",
    )
    assert acts(e, "MULTILATERAL") == [("planned", frozenset({"Arvid Kollberg"}))]


def test_nlp_events_travel_multilateral_consultations(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Swedish Foreign Minister Arvid Kollberg met Kenyan Foreign Minister Paul Odhiambo "
        "in Nairobi. Kollberg also took part in multilateral consultations on regional "
        "security.",
    )
    assert ("occurred", frozenset({"Arvid Kollberg"})) in acts(e, "MULTILATERAL")


def test_nlp_events_travel_invitation_opening_the_sentence(extractor: Extractor) -> None:
    e = run(
        extractor,
        "At the invitation of Paul Odhiambo, Foreign Minister of Kenya, Swedish Foreign "
        "Minister Arvid Kollberg will pay an official visit to Kenya from June 10 to 12.",
    )
    assert acts(e, "INVITATION") == [("occurred", frozenset({"Paul Odhiambo", "Arvid Kollberg"}))]
    assert acts(e, "VISIT") == [("planned", frozenset({"Arvid Kollberg", "KEN"}))]


def test_nlp_events_travel_passive_invitation_needs_its_inviter(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Swedish Foreign Minister Arvid Kollberg met Kenyan Foreign Minister Paul Odhiambo. "
        "Kollberg was invited by the OSCE to take part in a roundtable in Vienna. The "
        "ministers were invited to attend the opening ceremony.",
    )
    invitations = [ev for ev in e.events if ev.type == "INVITATION"]
    assert [[side(p) for p in ev.participants] for ev in invitations] == [
        ["OSCE", "Arvid Kollberg"]
    ]


def test_nlp_events_travel_called_on_is_an_invitation_only_to_take_part(
    extractor: Extractor,
) -> None:
    e = run(
        extractor,
        "Swedish Foreign Minister Arvid Kollberg called on Kenya to play a constructive "
        "role in the region. Kollberg called on Kenyan Foreign Minister Paul Odhiambo at "
        "his office. Kollberg called on Norway to take part in the summit.",
    )
    invitations = acts(e, "INVITATION")
    assert len(invitations) == 1
    assert "Paul Odhiambo" not in invitations[0][1]


def test_nlp_events_travel_being_in_a_foreign_state_is_a_visit(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Kenyan Foreign Minister Paul Odhiambo met Swedish Foreign Minister Arvid Kollberg "
        "in Nairobi. The Swedish foreign minister is in Kenya for two days. The embassy "
        "is in Nairobi. Odhiambo said the plan is in line with Kenya's interests.",
    )
    assert acts(e, "VISIT") == [("occurred", frozenset({"Arvid Kollberg", "KEN"}))]


def test_nlp_events_travel_visiting_guest_travels_to_the_host(extractor: Extractor) -> None:
    title = "Minister Odhiambo receives visiting Swedish minister"
    e = run(
        extractor,
        title + "\nKenyan Foreign Minister Paul Odhiambo met Swedish Trade Minister Arvid "
        "Kollberg on Tuesday.",
        title=title,
    )
    assert acts(e, "VISIT") == [("occurred", frozenset({"Arvid Kollberg", "KEN"}))]


def test_nlp_events_travel_no_visit_to_ones_own_state(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Kenyan Foreign Minister Paul Odhiambo and the visiting Kenyan trade delegation "
        "held talks on Tuesday.",
    )
    assert acts(e, "VISIT") == []


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Arvid Kollberg looks forward to visiting Kenya.", "intended"),
        ("Arvid Kollberg is leaving for Nairobi tomorrow.", "planned"),
        ("Arvid Kollberg's visit to Kenya (10-12 May 2024) will focus on trade.", "planned"),
        ("Arvid Kollberg's visit to Kenya (1-3 May 2024) focused on trade.", "occurred"),
    ],
)
def test_nlp_events_travel_status_of_trips(
    extractor: Extractor, sentence: str, status: str
) -> None:
    e = run(extractor, "Swedish Foreign Minister " + sentence)
    assert acts(e, "VISIT") == [(status, frozenset({"Arvid Kollberg", "KEN"}))]


def test_nlp_events_travel_an_act_dated_after_the_news_is_planned(
    extractor: Extractor,
) -> None:
    e = run(
        extractor,
        "Swedish Foreign Minister Arvid Kollberg's visit to Kenya (10-12 May 2024) "
        "focuses on trade.",
    )
    assert acts(e, "VISIT") == [("planned", frozenset({"Arvid Kollberg", "KEN"}))]


def test_nlp_events_travel_visiting_group_listed_next(extractor: Extractor) -> None:
    e = run(
        extractor,
        "The visiting Foreign Ministers who came for the jubilee called on Foreign Minister "
        "Paul Odhiambo at the ministry in Nairobi on 6 May 2024. These included Dr. Arvid "
        "Kollberg from Sweden, Dr. Lise Holm from Denmark and Dr. Joeli Vatu from Fiji.",
    )
    visits = acts(e, "VISIT")
    assert {status for status, _ in visits} == {"occurred"}
    assert all("KEN" in sides and len(sides) == 2 for _, sides in visits)
    guests = {name.split()[-1] for _, sides in visits for name in sides if name != "KEN"}
    assert guests == {"Kollberg", "Holm", "Vatu"}


def test_nlp_events_travel_answered_invitation_has_the_subject_as_guest(
    extractor: Extractor,
) -> None:
    e = run(
        extractor,
        "Swedish Foreign Minister Arvid Kollberg met business leaders in Stockholm. "
        "Kollberg also welcomed Kenya's invitation for him to attend the trade fair.",
    )
    assert acts(e, "INVITATION") == [("occurred", frozenset({"KEN", "Arvid Kollberg"}))]


def test_nlp_events_travel_attending_in_a_relative_clause(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Kenyan President Paul Odhiambo, who attended the summit in Oslo, said the talks "
        "went well. Deputy Minister Lise Holm received foreign ambassadors who are in "
        "Kenya to attend the congress of the ruling party of Kenya.",
    )
    assert acts(e, "MULTILATERAL") == [("occurred", frozenset({"Paul Odhiambo"}))]


def test_nlp_events_travel_received_a_visit_by(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Kenyan Foreign Minister Paul Odhiambo met Swedish Foreign Minister Arvid Kollberg "
        "on Monday. On Tuesday Kenya also received a visit by Danish Foreign Minister Lise "
        "Holm. We also received a visit from Swedish Trade Minister Erik Sand.",
    )
    assert acts(e, "VISIT") == [("occurred", frozenset({"Lise Holm", "KEN"}))]
