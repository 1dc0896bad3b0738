"""Golden tests for calls, messages, sympathy, congratulations, aid, missions and signed
documents: readouts, counted documents, lists of senders and mutual acts. Every name,
country pairing and sentence here is invented."""

from __future__ import annotations

import pytest

from diplograph.models import Article, Extraction, Participant
from diplograph.nlp import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(extractor: Extractor, text: str, title: str = "Press") -> Extraction:
    article = Article(source="t.txt", index=1, text=text, title=title, published="2024-05-08")
    return extractor.extract(article)


def side(p: Participant) -> str:
    if p.kind == "person":
        return p.name
    return p.acronym or p.country or p.name


def events(e: Extraction, event_type: str) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (ev.status, tuple(side(p) for p in ev.participants))
        for ev in e.events
        if ev.type == event_type
    ]


def test_nlp_events_messages_counted_documents_digits(extractor: Extractor) -> None:
    text = (
        "Prime Minister of Norway Erlend Haugvik and his Chilean counterpart, Tomas Ilabaca, "
        "signed 7 cooperation agreements in Oslo on Monday. "
        '"We have just signed 7 documents," said Haugvik.'
    )
    found = events(run(extractor, text), "AGREEMENT")
    assert len(found) == 7
    assert all(set(p) == {"Erlend Haugvik", "Tomas Ilabaca"} for _, p in found)


def test_nlp_events_messages_signed_as_adjective_is_no_signing(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Peru Julia Quispe met Foreign Minister of Ghana Kwame Addo. "
        "They reviewed the signed agreements between Peru and Ghana."
    )
    assert events(run(extractor, text), "AGREEMENT") == []


def test_nlp_events_messages_subject_list_with_titles_and_states(extractor: Extractor) -> None:
    text = (
        "Minister for Foreign Affairs, Honorable Dr. Rana Thapaliya and Minister of External "
        "Affairs of Finland, His Excellency Mr. Aarne Koskinen held a telephone conversation "
        "this afternoon."
    )
    found = events(run(extractor, text), "CALL")
    assert [set(p) for _, p in found] == [{"Rana Thapaliya", "Aarne Koskinen"}]


def test_nlp_events_messages_spoke_with_in_a_call_readout(extractor: Extractor) -> None:
    text = (
        "Secretary of State Mara Holloway spoke today with the Foreign Minister of Chile, "
        "Tomas Ilabaca. They discussed trade."
    )
    title = "Secretary Holloway's Call with Chilean Foreign Minister Ilabaca"
    found = events(run(extractor, text, title), "CALL")
    assert [set(p) for _, p in found] == [{"Mara Holloway", "Tomas Ilabaca"}]


def test_nlp_events_messages_spoke_with_is_no_call_without_one(extractor: Extractor) -> None:
    text = (
        "Secretary of State Mara Holloway spoke with the Foreign Minister of Chile, Tomas Ilabaca."
    )
    assert events(run(extractor, text, "Holloway in Santiago"), "CALL") == []


def test_nlp_events_messages_thanked_over_the_phone(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Chile Tomas Ilabaca has thanked Foreign Minister of Norway "
        "Erlend Haugvik over the phone for his support."
    )
    found = events(run(extractor, text), "CALL")
    assert [set(p) for _, p in found] == [{"Tomas Ilabaca", "Erlend Haugvik"}]


def directed(e: Extraction, event_type: str) -> set[tuple[str, ...]]:
    return {tuple(side(p) for p in ev.participants) for ev in e.events if ev.type == event_type}


def test_nlp_events_messages_exchanged_greetings_one_per_direction(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Chile Tomas Ilabaca held a telephone conversation with Foreign "
        "Minister of Norway Erlend Haugvik. The two sides also exchanged New Year greetings."
    )
    assert directed(run(extractor, text), "CONGRATULATION") == {
        ("Tomas Ilabaca", "Erlend Haugvik"),
        ("Erlend Haugvik", "Tomas Ilabaca"),
    }


def test_nlp_events_messages_congratulated_each_other(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Chile Tomas Ilabaca and Foreign Minister of Norway Erlend "
        "Haugvik congratulated each other on the anniversary of diplomatic relations."
    )
    assert directed(run(extractor, text), "CONGRATULATION") == {
        ("Tomas Ilabaca", "Erlend Haugvik"),
        ("Erlend Haugvik", "Tomas Ilabaca"),
    }


def test_nlp_events_messages_wished_and_reciprocated(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Chile Tomas Ilabaca held a telephone call with Deputy Secretary "
        "of State Mara Holloway. Finally, the Foreign Minister wished the Deputy Secretary a "
        "happy New Year, and she reciprocated the same."
    )
    assert directed(run(extractor, text), "CONGRATULATION") == {
        ("Tomas Ilabaca", "Mara Holloway"),
        ("Mara Holloway", "Tomas Ilabaca"),
    }


def test_nlp_events_messages_wished_without_occasion_is_no_act(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Chile Tomas Ilabaca wished Foreign Minister of Norway Erlend "
        "Haugvik success in his work."
    )
    assert directed(run(extractor, text), "CONGRATULATION") == set()


def test_nlp_events_messages_each_sender_congratulates(extractor: Extractor) -> None:
    text = (
        "President of Chile Ana Robles and Foreign Minister of Chile Tomas Ilabaca have also "
        "congratulated Prime Minister of Norway Erlend Haugvik on his re-election."
    )
    assert directed(run(extractor, text), "CONGRATULATION") == {
        ("Ana Robles", "Erlend Haugvik"),
        ("Tomas Ilabaca", "Erlend Haugvik"),
    }


def test_nlp_events_messages_congratulatory_message(extractor: Extractor) -> None:
    text = (
        "President of Chile Ana Robles has sent a congratulatory message to Prime Minister of "
        "Norway Erlend Haugvik on his re-election."
    )
    assert directed(run(extractor, text), "CONGRATULATION") == {("Ana Robles", "Erlend Haugvik")}


def test_nlp_events_messages_first_person_quote_is_its_speaker(extractor: Extractor) -> None:
    text = (
        "Flooding struck the north of Chile on Sunday. Foreign Minister of Norway Erlend "
        "Haugvik said in a statement:\n\n\u201cPresident of Chile Ana Robles has lost many "
        "friends in the floods.\u201d\n\n\u201cI convey my condolences to the people "
        "of Chile.\u201d"
    )
    found = [
        (ev.status, tuple(side(p) for p in ev.participants))
        for ev in run(extractor, text).events
        if ev.type == "SYMPATHY"
    ]
    assert found == [("occurred", ("Erlend Haugvik", "CHL"))]


def test_nlp_events_messages_condolence_message_quoted_is_one_act(extractor: Extractor) -> None:
    text = (
        "President of Ghana Kofi Mensah has sent a condolence message to President of Chile "
        "Ana Robles following the earthquake. The message reads as follows: \u201cOn behalf "
        "of the people of Ghana, I would like to convey my deepest condolences to the "
        "people of Chile.\u201d"
    )
    found = [
        (ev.status, tuple(side(p) for p in ev.participants))
        for ev in run(extractor, text).events
        if ev.type == "SYMPATHY"
    ]
    assert found == [("occurred", ("Kofi Mensah", "Ana Robles"))]


def test_nlp_events_messages_along_with_names_no_sender(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Ama Owusu signed the condolence book for the victims of "
        "the earthquake in Chile. Along with Foreign Minister Owusu, President of Ghana Kofi "
        "Mensah also conveyed his condolences to the people of Chile."
    )
    assert ("Kofi Mensah", "CHL") in directed(run(extractor, text), "SYMPATHY")


def test_nlp_events_messages_solidarity_needs_a_loss(extractor: Extractor) -> None:
    text = (
        "The delegation of Ghana led by Senator Ama Owusu visited Chile; Ghana has acted in "
        "solidarity with Peruvians on trade."
    )
    assert directed(run(extractor, text), "SYMPATHY") == set()


def test_nlp_events_messages_lend_quoted_help(extractor: Extractor) -> None:
    text = 'The minister said Accra will lend "all possible help" to Lima after the floods.'
    found = [
        (ev.status, tuple(side(p) for p in ev.participants))
        for ev in run(extractor, text).events
        if ev.type == "AID"
    ]
    assert found == [("planned", ("GHA", "PER"))]


def test_nlp_events_messages_mechanism_to_deliver_aid_is_no_aid(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Ama Owusu and Foreign Minister of Chile Tomas Ilabaca "
        "discussed creating a UN-monitored mechanism to deliver aid to Haiti."
    )
    assert directed(run(extractor, text), "AID") == set()


def named(e: Extraction, event_type: str) -> list[set[str]]:
    return [
        {p.name if p.kind == "person" else (p.country or p.name) for p in ev.participants}
        for ev in e.events
        if ev.type == event_type
    ]


def test_nlp_events_messages_memorandum_to_establish_ties(extractor: Extractor) -> None:
    text = (
        "Ghana and Peru have signed a Memorandum of Understanding to establish diplomatic "
        "ties. Ghana's Minister for Foreign Affairs, Ama Owusu, "
        "who signed on behalf of Ghana in New York, stressed the importance of trade."
    )
    found = run(extractor, text)
    assert named(found, "AGREEMENT") == [{"Ama Owusu", "PER"}]
    assert named(found, "MISSION") == [{"Ama Owusu", "PER"}]


def test_nlp_events_messages_signatory_with_unnamed_counterpart(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Ama Owusu met Foreign Minister of Peru Julia Quispe. "
        "Also on this occasion, Foreign Minister Owusu, together with the Minister of State "
        "for Foreign Affairs of Peru, signed the Agreement on Visa Exemption between the "
        "Government of Ghana and the Government of Peru."
    )
    assert named(run(extractor, text), "AGREEMENT") == [{"Ama Owusu", "Julia Quispe"}]


def test_nlp_events_messages_years_since_a_signing(extractor: Extractor) -> None:
    text = (
        "Prime Minister of Ghana Kofi Mensah visited Peru on Monday. The visit marked 50 "
        "years since the Treaty of Friendship between Ghana and Peru was signed."
    )
    assert named(run(extractor, text), "AGREEMENT") == []


def test_nlp_events_messages_undated_page_relations_in_old_year(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Ama Owusu met Foreign Minister of Peru Julia Quispe in "
        "Lima in 2023. Ghana and Peru established diplomatic relations in 1961."
    )
    article = Article(source="t.txt", index=1, text=text, title="Press", published=None)
    assert named(extractor.extract(article), "MISSION") == []


def test_nlp_events_messages_embassy_opened_with_host_minister(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Ama Owusu opened the new Ghanaian embassy in Lima, "
        "capital of Peru, with the participation of Foreign Minister of Peru Julia Quispe."
    )
    assert named(run(extractor, text), "MISSION") == [{"Ama Owusu", "Julia Quispe"}]


def test_nlp_events_messages_support_status_is_its_own(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Ama Owusu met Foreign Minister of Peru Julia Quispe in Lima. "
        "The joint statement reaffirms Ghana's dedication to supporting Peru in hosting the "
        "regional summit later this year."
    )
    found = [
        (ev.status, tuple(side(p) for p in ev.participants))
        for ev in run(extractor, text).events
        if ev.type == "SUPPORT"
    ]
    assert found == [("occurred", ("GHA", "PER"))]


def test_nlp_events_messages_summit_hosted_by_is_no_call(extractor: Extractor) -> None:
    text = (
        "Prime Minister of Ghana Kofi Mensah participated in the Summit for Oceans hosted "
        "virtually by President of Peru Julia Quispe today."
    )
    found = run(extractor, text)
    assert [ev for ev in found.events if ev.type in {"CALL", "MEETING"}] == []


def test_nlp_events_messages_reciprocated_is_an_act_of_its_own(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Chile Tomas Ilabaca held a telephone call with Deputy Secretary "
        "of State Mara Holloway. Deputy Secretary Holloway congratulated the Foreign Minister "
        "on Chile's election to the Council. Finally, the Foreign Minister wished the Deputy "
        "Secretary a happy New Year, and she reciprocated the same."
    )
    found = [
        tuple(side(p) for p in ev.participants)
        for ev in run(extractor, text).events
        if ev.type == "CONGRATULATION"
    ]
    assert sorted(found) == [
        ("Mara Holloway", "Tomas Ilabaca"),
        ("Mara Holloway", "Tomas Ilabaca"),
        ("Tomas Ilabaca", "Mara Holloway"),
    ]


def test_nlp_events_messages_ready_to_offer_after_solidarity(extractor: Extractor) -> None:
    text = (
        "An earthquake struck Peru on Monday. The minister said Ghana stands in solidarity "
        'with the people of Peru and is "ready to offer all the assistance it can to '
        'overcome this disaster."'
    )
    found = [
        (ev.status, tuple(side(p) for p in ev.participants))
        for ev in run(extractor, text).events
        if ev.type == "AID"
    ]
    assert found == [("intended", ("GHA", "PER"))]


def test_nlp_events_messages_acronym_is_no_clause_break(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Ama Owusu held a virtual meeting with the WHO Regional "
        "Director for Africa, Dr. Lindiwe Moyo, on health financing."
    )
    assert directed(run(extractor, text), "CALL") == {("Ama Owusu", "Lindiwe Moyo")}


def test_nlp_events_messages_listed_documents_one_each(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Ama Owusu met Foreign Minister of Peru Julia Quispe. At the "
        "end of the meeting, the ministers signed a Memorandum of Understanding on consular "
        "cooperation and an Agreement on the recognition of driving licences."
    )
    found = events(run(extractor, text), "AGREEMENT")
    assert len(found) == 2
    assert all(set(p) == {"Ama Owusu", "Julia Quispe"} for _, p in found)


def test_nlp_events_messages_one_document_with_a_reference_is_one(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Ama Owusu and Foreign Minister of Peru Julia Quispe signed "
        "an agreement on the implementation of the memorandum of 2019."
    )
    assert len(events(run(extractor, text), "AGREEMENT")) == 1


def test_nlp_events_messages_money_allocated_is_aid(extractor: Extractor) -> None:
    text = (
        "Deputy Minister of Foreign Affairs of Peru Julia Quispe met the Director of the World "
        "Bank in Lima. The World Bank will allocate 40 million US dollars to support irrigation in "
        "the southern region."
    )
    found = [
        (ev.status, tuple(side(p) for p in ev.participants))
        for ev in run(extractor, text).events
        if ev.type == "AID"
    ]
    assert found == [("planned", ("World Bank", "PER"))]


def test_nlp_events_messages_agreements_told_again_are_those_counted(extractor: Extractor) -> None:
    text = (
        "Ghana and Peru sign agreements on cooperation\n\n"
        "Foreign Minister of Ghana Ama Owusu and Foreign Minister of Peru Julia Quispe signed "
        "two memoranda in Accra. The signing of agreements will deepen the partnership."
    )
    found = events(run(extractor, text, "Ghana and Peru sign agreements"), "AGREEMENT")
    assert len(found) == 2


def test_nlp_events_messages_several_documents_are_a_set_of_their_own(extractor: Extractor) -> None:
    text = (
        "Foreign Minister of Ghana Ama Owusu met Foreign Minister of Peru Julia Quispe in "
        "Accra. The ministers approved the convention on the status of delegations. They also "
        "adopted several joint statements."
    )
    assert len(events(run(extractor, text), "AGREEMENT")) == 2


def test_nlp_events_messages_condolences_to_families_go_where_the_last_went(
    extractor: Extractor,
) -> None:
    text = (
        "An earthquake struck Peru on Monday. President of Ghana Kofi Mensah sent his "
        "condolences to President of Peru Julia Quispe. Accra will send help to Lima.\n\n"
        "In a message, Prime Minister of Chile Tomas Ilabaca said he is saddened by the loss "
        'of lives. "Condolences to the bereaved families," Ilabaca wrote.'
    )
    assert directed(run(extractor, text), "SYMPATHY") == {
        ("Kofi Mensah", "Julia Quispe"),
        ("Tomas Ilabaca", "Julia Quispe"),
    }
