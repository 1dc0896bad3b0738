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


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "The President of Peru supported the initiative of Chile to open an embassy in Lima.",
            ("MISSION", "intended"),
        ),
        (
            "Minister Rosa Huaman welcomed the proposal of Chile to hold political "
            "consultations with Peru in Santiago.",
            ("MEETING", "intended"),
        ),
        (
            "The President of Peru welcomed the idea of Chile to establish diplomatic "
            "relations with Peru.",
            ("MISSION", "intended"),
        ),
        # A noun of intent on its own says nothing of the act: these were done.
        (
            "On the initiative of the Chilean side, Chile opened its embassy in Lima on "
            "3 May 2024.",
            ("MISSION", "occurred"),
        ),
        (
            "On the initiative of Chile, Minister Rosa Huaman met with Ambassador of Chile "
            "Tomas Errazu.",
            ("MEETING", "occurred"),
        ),
    ],
)
def test_nlp_events_a_noun_of_intent_governs_its_act(
    extractor: Extractor, text: str, wanted: tuple[str, str]
) -> None:
    found = [(type_, status) for type_, status, _ in events(run(extractor, text))]
    assert wanted in found, found
    assert (wanted[0], "occurred" if wanted[1] == "intended" else "intended") not in found


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


def dated(e: Extraction) -> list[tuple[str, str, str | None]]:
    return [(ev.type, ev.status, ev.date) for ev in e.events]


def test_nlp_events_day_of_the_news_carries_to_later_acts(extractor: Extractor) -> None:
    text = (
        "Peru is ready to deepen its dialogue with Chile, the Peruvian Foreign "
        "Ministry said on Monday.\n"
        "Earlier in the day, Deputy Foreign Minister of Peru Pavel Orlik and his "
        "Chilean counterpart Anton Vesk held consultations via videoconference."
    )
    e = run(extractor, text, published="2024-05-06")  # a Monday
    assert ("CALL", "occurred", "2024-05-06") in dated(e)


def test_nlp_events_series_date_applies_to_each_meeting(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Kofi Asante held a series of bilateral meetings on "
        "Wednesday on the sidelines of the ministerial forum in Accra.\n"
        "Kofi Asante also met with the Foreign Minister of Peru Rosa Huaman.\n"
        "Kofi Asante also met with the Foreign Minister of Chile Tomas Errazu."
    )
    e = run(extractor, text, published="2024-05-08")  # a Wednesday
    assert [d for t, _, d in dated(e) if t == "MEETING"] == ["2024-05-08", "2024-05-08"]


def test_nlp_events_planned_act_takes_no_past_date(extractor: Extractor) -> None:
    text = (
        "Foreign Secretary of Ghana Kofi Asante will hold consultations with his Peruvian "
        "counterpart Rosa Huaman on Thursday, however the last round was held on "
        "January 29 in 2021 in Lima."
    )
    e = run(extractor, text, published="2024-05-08")
    assert ("MEETING", "planned", "2024-05-09") in dated(e)


def test_nlp_events_discussed_next_meeting_is_no_event(extractor: Extractor) -> None:
    text = (
        "Minister of Foreign Affairs of Peru Rosa Huaman held a telephone conversation with "
        "Minister of Foreign Affairs of Chile Tomas Errazu.\n"
        "The ministers discussed the preparation of the next meeting of the "
        "intergovernmental commission and agreed to intensify contacts.\n"
        "A subject of the discussion regarded the organization of the next round of "
        "inter-ministerial consultations."
    )
    assert [ev[:2] for ev in events(run(extractor, text))] == [("CALL", "occurred")]


def test_nlp_events_support_of_a_state_for_a_candidacy(extractor: Extractor) -> None:
    text = (
        "State Secretary of the Ministry of Foreign Affairs of Norway Ingrid Solberg-Dahl "
        "expressed the support of Norway for the candidacy of Peru for membership of the "
        "UN Human Rights Council."
    )
    assert ("SUPPORT", "occurred", ("Ingrid Solberg-Dahl", "Peru")) in events(run(extractor, text))


def test_nlp_events_passive_aid_sent_by_a_government(extractor: Extractor) -> None:
    text = (
        "By decision of the Government of the Republic of Ghana, a train with 900 tonnes of "
        "humanitarian aid, including flour and medicines, was sent to Chad."
    )
    assert events(run(extractor, text)) == [("AID", "occurred", ("Ghana", "Chad"))]


def test_nlp_events_congratulations_go_to_the_other_state(extractor: Extractor) -> None:
    text = (
        "Ambassador of Peru to Chile Rosa Huaman conveyed congratulations from the leadership "
        "of Peru to the Minister of Foreign Affairs of Chile on the occasion of the upcoming "
        "Independence Day of Chile."
    )
    assert events(run(extractor, text)) == [
        ("CONGRATULATION", "occurred", ("Rosa Huaman", "Chile"))
    ]


def test_nlp_events_institution_is_no_person(extractor: Extractor) -> None:
    text = (
        "Following the talks, Rosa Huaman and Tomas Errazu signed a Memorandum of "
        "Understanding on cooperation between the Academy of Public Administration under "
        "the President of Peru and the Chilean Diplomatic Academy."
    )
    assert "Academy" not in {p.name for p in run(extractor, text).persons}


def test_nlp_events_embassy_opened_and_embassy_intended(extractor: Extractor) -> None:
    text = (
        "The official opening ceremony of the Embassy of the Republic of Peru in the Republic "
        "of Ghana took place in Accra on 7 May 2024.\n"
        "Deputy Minister of Foreign Affairs of Ghana Kofi Asante expressed the readiness of "
        "Ghana to open an embassy in Lima in the coming years."
    )
    got = [
        (ev.type, ev.status, ev.date, tuple(p.name for p in ev.participants))
        for ev in run(extractor, text).events
    ]
    assert got == [
        ("MISSION", "occurred", "2024-05-07", ("Peru", "Ghana")),
        ("MISSION", "intended", None, ("Ghana", "Peru")),
    ]


def test_nlp_events_visit_to_hold_consultations_meets_the_host(extractor: Extractor) -> None:
    text = (
        "The parties agreed that Deputy Minister of Foreign Affairs of Peru Rosa Huaman will "
        "visit Accra on 20 May to hold the regular round of political consultations."
    )
    got = events(run(extractor, text))
    assert ("VISIT", "planned", ("Rosa Huaman", "Ghana")) in got
    assert ("MEETING", "planned", ("Rosa Huaman", "Ghana")) in got


def test_nlp_events_visit_listed_before_meetings_held_on_it(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Peru Rosa Huaman met with President Kofi Asante of Ghana during "
        "her visit to the country."
    )
    assert [ev[0] for ev in events(run(extractor, text))] == ["VISIT", "MEETING"]


def test_nlp_events_act_of_states_is_that_of_their_persons(extractor: Extractor) -> None:
    text = (
        "Finland and Chile hold talks on culture\n\n"
        "Foreign Minister of Finland Alda Verro met Foreign Minister of Chile Tomas Quell "
        "in Helsinki on 7 May 2024."
    )
    found = [e for e in events(run(extractor, text)) if e[0] == "MEETING"]
    assert found == [("MEETING", "occurred", ("Alda Verro", "Tomas Quell"))]
    # an act of another state stays its own
    text = text.replace("Finland and Chile hold", "Finland and Peru hold")
    found = [e for e in events(run(extractor, text)) if e[0] == "MEETING"]
    assert len(found) == 2


def test_nlp_events_recalled_acts_are_background(extractor: Extractor) -> None:
    base = "Foreign Minister of Finland Alda Verro met Foreign Minister of Chile Tomas Quell. "
    recalled = [
        "Verro recalled that in 2009, during her official visit to Chile, she saw Santiago.",
        "Quell mentioned his several visits to Finland.",
    ]
    for sentence in recalled:
        found = events(run(extractor, base + sentence))
        assert [e[0] for e in found] == ["MEETING"], sentence
    # undated article: the year is older than the latest year the article names
    text = base + "Finland and Chile established diplomatic relations in 1950. The 2024 plan."
    found = events(run(extractor, text, published=None))
    assert [e[0] for e in found] == ["MEETING"]
    text = base + "Finland and Chile established diplomatic relations in 2024."
    assert "MISSION" in [e[0] for e in events(run(extractor, text, published=None))]
