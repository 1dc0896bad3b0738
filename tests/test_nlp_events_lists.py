"""Group and list acts: one CREDENTIALS event per envoy of a ceremony (a state where the
envoy is not named), a later sentence that goes on with more of the same act ("The others
received were ..."; a list after a colon), and the sides of meetings named in lists.
Every name here is invented."""

from __future__ import annotations

import pytest

from diplograph.models import Article, Extraction, Participant
from diplograph.nlp import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(extractor: Extractor, text: str, published: str | None = "2024-05-08") -> Extraction:
    article = Article(source="t.txt", index=1, text=text, title="Press", published=published)
    return extractor.extract(article)


def side(p: Participant) -> str:
    if p.kind == "person":
        return p.name
    return p.acronym or p.country or p.name


def acts(e: Extraction, kind: str) -> set[frozenset[str]]:
    return {frozenset(side(p) for p in ev.participants) for ev in e.events if ev.type == kind}


def test_nlp_events_lists_credentials_of_unnamed_envoys_are_one_event_per_state(
    extractor: Extractor,
) -> None:
    e = run(
        extractor,
        "President of Moldova Ilie Cernat received credentials from ambassadors of three "
        "countries. The ambassadors of Chile, Norway and Kenya presented credentials to the "
        "Moldovan head of state.",
    )
    assert acts(e, "CREDENTIALS") == {
        frozenset({"CHL", "Ilie Cernat"}),
        frozenset({"NOR", "Ilie Cernat"}),
        frozenset({"KEN", "Ilie Cernat"}),
    }


def test_nlp_events_lists_credentials_received_from_named_envoys(extractor: Extractor) -> None:
    e = run(
        extractor,
        "President Tomas Varga received the credentials of Ambassador of Chile Rosa Icaza, "
        "Ambassador of Spain Luis Ortano and Ambassador of Kenya Peter Mwangi.",
    )
    assert acts(e, "CREDENTIALS") == {
        frozenset({"Rosa Icaza", "Tomas Varga"}),
        frozenset({"Luis Ortano", "Tomas Varga"}),
        frozenset({"Peter Mwangi", "Tomas Varga"}),
    }


def test_nlp_events_lists_single_envoy_stays_one_event(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Minister of Foreign Affairs of Peru Ana Salcedo received copies of credentials from "
        "Ambassador of Austria to Peru Lukas Brenner.",
    )
    assert acts(e, "CREDENTIALS") == {frozenset({"Lukas Brenner", "Ana Salcedo"})}


def test_nlp_events_lists_others_sentence_continues_the_ceremony(extractor: Extractor) -> None:
    e = run(
        extractor,
        "President Tomas Varga received credentials from four ambassadors on Monday. "
        "Ambassador of Chile Rosa Icaza presented her credentials to President Varga first. "
        "He welcomed the envoys.\n"
        "The others received were Ambassadors Luis Ortano (Spain), Peter Mwangi (Kenya) and "
        "Ana Lobo (Portugal).",
    )
    assert acts(e, "CREDENTIALS") == {
        frozenset({"Rosa Icaza", "Tomas Varga"}),
        frozenset({"Luis Ortano", "Tomas Varga"}),
        frozenset({"Peter Mwangi", "Tomas Varga"}),
        frozenset({"Ana Lobo", "Tomas Varga"}),
    }
    assert not acts(e, "MEETING")  # "received were" goes on with the ceremony


def test_nlp_events_lists_list_after_colon_names_each_envoy(extractor: Extractor) -> None:
    e = run(
        extractor,
        "A group of two diplomats presented their credentials before President Tomas Varga, "
        "who was accompanied by Foreign Minister Ivo Brel.\n"
        "The ambassadors who presented their credentials are:\n"
        "• Luis Ortano, Spanish Ambassador.\n"
        "• Peter Mwangi, Kenyan Ambassador.\n"
        "After the ceremony, Minister Ivo Brel praised the ties with Spain.",
    )
    assert acts(e, "CREDENTIALS") == {
        frozenset({"Luis Ortano", "Tomas Varga"}),
        frozenset({"Peter Mwangi", "Tomas Varga"}),
    }


def test_nlp_events_lists_series_ends_at_another_act(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Ambassador of Chile Rosa Icaza presented her credentials to President Tomas Varga. "
        "Varga met Prime Minister of Spain Luis Ortano. "
        "The others present were Peter Mwangi (Kenya) and Ana Lobo (Portugal).",
    )
    assert acts(e, "CREDENTIALS") == {frozenset({"Rosa Icaza", "Tomas Varga"})}


def test_nlp_events_lists_visitors_listed_after_a_courtesy_call(extractor: Extractor) -> None:
    e = run(
        extractor,
        "The visiting ministers who came to attend the celebration of the National Day of Peru "
        "called on Peruvian Foreign Minister Ana Salcedo at the Foreign Ministry in Lima.\n"
        "These included Dr. Ivo Brel from Croatia, Peter Mwangi from Kenya and Rosa Icaza "
        "from Chile.",
    )
    assert acts(e, "MEETING") == {
        frozenset({"Ana Salcedo", "Ivo Brel"}),
        frozenset({"Ana Salcedo", "Peter Mwangi"}),
        frozenset({"Ana Salcedo", "Rosa Icaza"}),
    }


def test_nlp_events_lists_called_on_a_person_is_a_meeting(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Ambassador of Chile Rosa Icaza called on President of Kenya Peter Mwangi to discuss "
        "trade. Foreign Minister of Peru Ana Salcedo called on President Ivo Brel to release "
        "the prisoners. President of Norway Lars Vik called on Monday for dialogue between "
        "Russia and Ukraine.",
    )
    assert acts(e, "MEETING") == {frozenset({"Rosa Icaza", "Peter Mwangi"})}


def test_nlp_events_lists_own_state_is_no_other_side(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Minister of Foreign Affairs of Kenya Peter Mwangi held a meeting with African "
        "ambassadors accredited to Kenya.",
    )
    assert not acts(e, "MEETING")


def test_nlp_events_lists_present_at_the_meeting_are_no_new_sides(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Minister of Foreign Affairs of Kenya Peter Mwangi hosted a European Union delegation "
        "led by EU High Representative Ilse Varnholt.\n"
        "Present with Mwangi at the meeting with the EU delegation were Trade Minister of "
        "Kenya Joseph Otieno and Health Minister of Kenya Mary Wanjiru.",
    )
    assert acts(e, "MEETING") == {frozenset({"Peter Mwangi", "Ilse Varnholt"})}


def test_nlp_events_lists_reporter_and_capital_are_no_sides(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Kenyan President Peter Mwangi received Secretary-General of the OECD Ilse Varnholt "
        "at the State House, Nairobi, on Friday, Foreign Minister of Kenya Mary Wanjiru said.",
    )
    assert acts(e, "MEETING") == {frozenset({"Peter Mwangi", "Ilse Varnholt"})}


def test_nlp_events_lists_received_message_is_no_meeting(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Foreign Minister of Oman Said Harthy received a written message from Foreign Minister "
        "of Chile Rosa Icaza. He received the message from Ambassador of Chile to Oman Luis "
        "Ortano during a meeting in Muscat.",
    )
    assert acts(e, "MEETING") == {frozenset({"Said Harthy", "Luis Ortano"})}


def test_nlp_events_lists_pronoun_after_the_sentence_subject(extractor: Extractor) -> None:
    e = run(
        extractor,
        "President of Chile Rosa Icaza opened the forum in Santiago.\n"
        "Later, Foreign Minister of Chile Luis Ortano stated that he held a meeting with the "
        "Minister of Foreign Affairs of Kenya, Peter Mwangi.",
    )
    assert acts(e, "MEETING") == {frozenset({"Luis Ortano", "Peter Mwangi"})}


def test_nlp_events_lists_envoys_of_states_received_in_audience(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Foreign Minister of Kenya Peter Mwangi also received in audience envoys of Chile and "
        "Norway. The minister and the Chilean Ambassador to Kenya, Rosa Icaza, discussed trade. "
        "Outgoing Norwegian Ambassador to Kenya Lars Vik was on a farewell visit.",
    )
    assert acts(e, "MEETING") == {
        frozenset({"Peter Mwangi", "Rosa Icaza"}),
        frozenset({"Peter Mwangi", "Lars Vik"}),
    }


def test_nlp_events_lists_person_and_own_organisation_is_no_meeting(extractor: Extractor) -> None:
    e = run(
        extractor,
        "OSCE Secretary General Ilse Varnholt met with members of the Kenyan Senate OSCE "
        "Liaison Group. She also met Foreign Minister of Kenya Peter Mwangi.",
    )
    assert acts(e, "MEETING") == {frozenset({"Ilse Varnholt", "Peter Mwangi"})}


def test_nlp_events_lists_states_meeting_restated_by_persons(extractor: Extractor) -> None:
    e = run(
        extractor,
        "New Chilean foreign minister meets Norwegian counterpart in Oslo\n"
        "Foreign Minister of Chile Rosa Icaza met Foreign Minister of Norway Lars Vik in Oslo "
        "on Monday.",
    )
    assert acts(e, "MEETING") == {frozenset({"Rosa Icaza", "Lars Vik"})}


def test_nlp_events_lists_first_person_is_the_publisher_not_the_topic(
    extractor: Extractor,
) -> None:
    told = (
        "President of Norway Lars Vik opened the forum in Oslo on Monday.\n"
        "On Tuesday we received Foreign Minister of Kenya Peter Mwangi. In the margins of the "
        "forum, I met with Foreign Minister of Chile Rosa Icaza."
    )
    assert not acts(run(extractor, told), "MEETING")  # the speaker is not named
    e = run(extractor, "Ministry of Foreign Affairs of Chile\n" + told)
    assert frozenset({"CHL", "Peter Mwangi"}) in acts(e, "MEETING")


def test_nlp_events_lists_a_meeting_with_two_is_one_event(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Prime Minister of Kenya Peter Mwangi flew to Lima, Peru, on Monday for a joint "
        "meeting with President of Peru Lote Vula and Prime Minister of Peru Sione Naka.",
    )
    assert acts(e, "MEETING") == {frozenset({"Peter Mwangi", "Lote Vula", "Sione Naka"})}


def test_nlp_events_lists_separate_meetings_are_one_event_each(extractor: Extractor) -> None:
    two = {frozenset({"Peter Mwangi", "Rosa Icaza"}), frozenset({"Peter Mwangi", "Lars Vik"})}
    e = run(
        extractor,
        "Foreign Minister of Kenya Peter Mwangi held separate meetings with Foreign Minister "
        "of Chile Rosa Icaza and Foreign Minister of Norway Lars Vik.",
    )
    assert acts(e, "MEETING") == two
    e = run(
        extractor,
        "Foreign Minister of Kenya Peter Mwangi met with Foreign Minister of Chile Rosa Icaza "
        "and Foreign Minister of Norway Lars Vik.",
    )
    assert acts(e, "MEETING") == two


def test_nlp_events_lists_those_present_join_one_courtesy_call(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Prime Minister of Kenya Peter Mwangi today received a courtesy call from twelve "
        "newly appointed heads of Kenyan missions abroad.\n"
        "He shared with them the priorities of the government.\n"
        "Among those present were the Kenyan Ambassador to China Joseph Otieno and the Kenyan "
        "High Commissioner to India Mary Wanjiru.\n"
        "Also present was the Kenyan Ambassador to Mexico Grace Akinyi.",
    )
    assert acts(e, "MEETING") == {
        frozenset({"Peter Mwangi", "Joseph Otieno", "Mary Wanjiru", "Grace Akinyi"})
    }


def test_nlp_events_lists_counterparts_from_states_one_event_each(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Foreign Minister of Kenya Peter Mwangi also held bilateral meetings with his "
        "counterparts from Chile, Norway and Peru.",
    )
    assert acts(e, "MEETING") == {
        frozenset({"Peter Mwangi", "CHL"}),
        frozenset({"Peter Mwangi", "NOR"}),
        frozenset({"Peter Mwangi", "PER"}),
    }


def test_nlp_events_lists_welcome_and_both_presidents(extractor: Extractor) -> None:
    e = run(
        extractor,
        "President of Chile Rosa Icaza and her Peruvian counterpart, Luis Ortano, signed five "
        "agreements on Thursday. Both presidents held a meeting at the palace in Santiago.\n"
        "Prime Minister of Kenya Peter Mwangi welcomed Foreign Minister of Norway Lars Vik.",
    )
    assert acts(e, "MEETING") == {
        frozenset({"Rosa Icaza", "Luis Ortano"}),
        frozenset({"Peter Mwangi", "Lars Vik"}),
    }


def test_nlp_events_lists_receivers_compatriot_presents_nothing(extractor: Extractor) -> None:
    e = run(
        extractor,
        "In a ceremony at the palace, attended by Foreign Minister of Kenya Joseph Otieno, "
        "Ambassador of Chile Rosa Icaza presented her credentials to President of Kenya Peter "
        "Mwangi.",
    )
    assert acts(e, "CREDENTIALS") == {frozenset({"Rosa Icaza", "Peter Mwangi"})}


def test_nlp_events_lists_welcoming_a_decision_is_no_meeting(extractor: Extractor) -> None:
    e = run(
        extractor,
        "President of Kenya Peter Mwangi welcomed the decision of President of Chile Rosa "
        "Icaza to open an embassy. He later welcomed the visiting Foreign Minister of Norway "
        "Lars Vik.",
    )
    assert acts(e, "MEETING") == {frozenset({"Peter Mwangi", "Lars Vik"})}
