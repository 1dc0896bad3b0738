"""Golden tests for the hard cases of reading a press release (../shared/eval/GUIDE.md §2-4).

One test per case, each on a short text written for it. Persons are compared as sets of
(name, country, org) and events as sets of (type, status, participants, date, place), so a
missing or an extra person or event fails the test as surely as a wrong one. A participant
is keyed as the gold files key it: a person by name, an organisation by acronym (else name),
a country by ISO3 code. Every person here is invented; states and organisations are real.
"""

from __future__ import annotations

import pytest

from diplograph.models import Article, Extraction, Participant
from diplograph.nlp import Extractor

PersonKey = tuple[str, str | None, str | None]
EventKey = tuple[str, str, frozenset[str], str | None, str | None]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(
    extractor: Extractor,
    text: str,
    published: str | None = "2024-05-08",
    title: str | None = "Press release",
) -> Extraction:
    article = Article(source="t.txt", index=1, text=text, title=title, published=published)
    return extractor.extract(article)


def key(p: Participant) -> str:
    if p.kind == "person":
        return p.name
    if p.kind == "organization":
        return p.acronym or p.name
    return p.country or p.name


def persons(e: Extraction) -> set[PersonKey]:
    return {(p.name, p.country, p.org) for p in e.persons}


def events(e: Extraction) -> set[EventKey]:
    return {
        (ev.type, ev.status, frozenset(key(p) for p in ev.participants), ev.date, ev.place)
        for ev in e.events
    }


def ev(
    kind: str,
    status: str,
    parts: tuple[str, ...],
    date: str | None = None,
    place: str | None = None,
) -> EventKey:
    return (kind, status, frozenset(parts), date, place)


def test_hard_cases_name_and_office_in_either_order(extractor: Extractor) -> None:
    # office first with commas; name first with a comma, then the organisation
    e = run(
        extractor,
        "Ambassador of Kazakhstan to Switzerland, Serik Temirkhanov, met with Mariela Santos "
        "Ortiz, Director General of the International Organization for Migration (IOM), in "
        "Geneva.",
    )
    assert persons(e) == {("Serik Temirkhanov", "KAZ", None), ("Mariela Santos Ortiz", None, "IOM")}
    assert events(e) == {
        ev("MEETING", "occurred", ("Serik Temirkhanov", "Mariela Santos Ortiz"), place="Geneva")
    }
    # name first with a comma; office first without one
    e = run(
        extractor,
        "Bat-Erdene Ganzorig, Minister of Foreign Affairs of Mongolia, received Ambassador of "
        "Japan to Mongolia Hiroshi Tanabe.",
    )
    assert persons(e) == {("Bat-Erdene Ganzorig", "MNG", None), ("Hiroshi Tanabe", "JPN", None)}
    assert events(e) == {ev("MEETING", "occurred", ("Bat-Erdene Ganzorig", "Hiroshi Tanabe"))}


def test_hard_cases_compound_offices(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Deputy Prime Minister – Minister of Foreign Affairs of the Republic of Kazakhstan "
        "Nurbol Tleuberdin received Minister of State for Foreign Affairs of the United Arab "
        "Emirates Rashid Obaid Al Ketbi. Minister of Foreign Affairs, International Trade and "
        "Worship of Argentina Martina Quiroga Sosa joined the talks.",
    )
    assert persons(e) == {
        ("Nurbol Tleuberdin", "KAZ", None),
        ("Rashid Obaid Al Ketbi", "ARE", None),
        ("Martina Quiroga Sosa", "ARG", None),
    }
    assert events(e) == {
        ev(
            "MEETING",
            "occurred",
            ("Nurbol Tleuberdin", "Rashid Obaid Al Ketbi", "Martina Quiroga Sosa"),
        )
    }


def test_hard_cases_honorifics(extractor: Extractor) -> None:
    e = run(
        extractor,
        "H.E. Mr. Tomasz Wierzbicki, Ambassador of Poland to Uzbekistan, paid a courtesy call on "
        "Dr. Farida Yuldasheva, Deputy Minister of Foreign Affairs of Uzbekistan. "
        "Hon. Peter Otieno Wafula, Cabinet Secretary for Foreign Affairs of Kenya, held talks "
        "with Her Excellency Noor Al-Thani, Minister of State of Qatar, in Doha.",
    )
    assert persons(e) == {
        ("Tomasz Wierzbicki", "POL", None),
        ("Farida Yuldasheva", "UZB", None),
        ("Peter Otieno Wafula", "KEN", None),
        ("Noor Al-Thani", "QAT", None),
    }
    assert events(e) == {
        ev("MEETING", "occurred", ("Tomasz Wierzbicki", "Farida Yuldasheva")),
        ev("MEETING", "occurred", ("Peter Otieno Wafula", "Noor Al-Thani"), place="Doha"),
    }


def test_hard_cases_affiliation_from_office(extractor: Extractor) -> None:
    # an ambassador serves the sending state, not the host
    e = run(
        extractor,
        "Foreign Secretary of Sri Lanka Dilani Gunasekara received Ambassador of Brazil to Sri "
        "Lanka Paulo Henrique Teixeira in Colombo.",
    )
    assert persons(e) == {
        ("Dilani Gunasekara", "LKA", None),
        ("Paulo Henrique Teixeira", "BRA", None),
    }
    assert events(e) == {
        ev("MEETING", "occurred", ("Dilani Gunasekara", "Paulo Henrique Teixeira"), place="Colombo")
    }


def test_hard_cases_affiliation_from_demonym(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Sri Lankan Foreign Secretary Dilani Gunasekara held talks with Kazakh Deputy Foreign "
        "Minister Arman Iskakov. Later, Norwegian State Secretary Eirik Solheim-Dahl had a "
        "telephone conversation with Iskakov.",
    )
    assert persons(e) == {
        ("Dilani Gunasekara", "LKA", None),
        ("Arman Iskakov", "KAZ", None),
        ("Eirik Solheim-Dahl", "NOR", None),
    }
    assert events(e) == {
        ev("MEETING", "occurred", ("Dilani Gunasekara", "Arman Iskakov")),
        ev("CALL", "occurred", ("Eirik Solheim-Dahl", "Arman Iskakov")),
    }


def test_hard_cases_affiliation_from_organisation(extractor: Extractor) -> None:
    # officials of international organisations have an org and no country
    e = run(
        extractor,
        "OSCE Secretary General Helmut Brandauer met with UN Assistant Secretary-General for "
        "Europe Keiko Matsuda in Vienna. Matsuda also met Director of the OSCE Office for "
        "Democratic Institutions and Human Rights (ODIHR) Tamar Beridze-Holm in Warsaw.",
    )
    assert persons(e) == {
        ("Helmut Brandauer", None, "OSCE"),
        ("Keiko Matsuda", None, "UN"),
        ("Tamar Beridze-Holm", None, "ODIHR"),
    }
    assert events(e) == {
        ev("MEETING", "occurred", ("Helmut Brandauer", "Keiko Matsuda"), place="Vienna"),
        ev("MEETING", "occurred", ("Keiko Matsuda", "Tamar Beridze-Holm"), place="Warsaw"),
    }


def test_hard_cases_implicit_references(extractor: Extractor) -> None:
    # "the parties", "the Kazakh diplomat", "the Secretary General", "the head of the OTS",
    # "Minister <Surname>" and a bare surname all resolve to the persons named first
    e = run(
        extractor,
        "Minister of Foreign Affairs of Kazakhstan Daulet Zhanuzakov met with Secretary General "
        "of the Organization of Turkic States (OTS) Orhan Demirtaş at the Ministry. "
        "The parties discussed transport connectivity. "
        "Following the talks, the parties signed a Memorandum of Understanding on cooperation "
        "between the diplomatic academies. "
        "The Kazakh diplomat invited the Secretary General to attend the Astana International "
        "Forum. The head of the OTS congratulated Minister Zhanuzakov on his appointment. "
        "Demirtaş also expressed condolences over the floods in the north of Kazakhstan.",
    )
    assert persons(e) == {("Daulet Zhanuzakov", "KAZ", None), ("Orhan Demirtaş", None, "OTS")}
    pair = ("Daulet Zhanuzakov", "Orhan Demirtaş")
    assert events(e) == {
        ev("MEETING", "occurred", pair),
        ev("AGREEMENT", "occurred", pair),
        ev("INVITATION", "occurred", pair),
        ev("CONGRATULATION", "occurred", ("Orhan Demirtaş", "Daulet Zhanuzakov")),
        ev("SYMPATHY", "occurred", ("Orhan Demirtaş", "KAZ")),
    }


def test_hard_cases_separate_meetings(extractor: Extractor) -> None:
    # three meetings, not one; "on the sidelines" is a setting, not a MULTILATERAL event
    e = run(
        extractor,
        "On the sidelines of the UN General Assembly in New York, Deputy Foreign Minister of "
        "Kazakhstan Arman Iskakov held separate meetings with Foreign Minister of Ghana Kofi "
        "Mensah-Bonsu, Foreign Minister of Chile Valentina Rojas Aguirre and Secretary-General "
        "of UNCTAD Patricia Ashworth-Lamb.",
    )
    assert persons(e) == {
        ("Arman Iskakov", "KAZ", None),
        ("Kofi Mensah-Bonsu", "GHA", None),
        ("Valentina Rojas Aguirre", "CHL", None),
        ("Patricia Ashworth-Lamb", None, "UNCTAD"),
    }
    assert events(e) == {
        ev("MEETING", "occurred", ("Arman Iskakov", other), place="New York")
        for other in ("Kofi Mensah-Bonsu", "Valentina Rojas Aguirre", "Patricia Ashworth-Lamb")
    }


def test_hard_cases_counterparts_listed_with_countries(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Within the framework of participation in the OSCE Ministerial Council in Valletta, "
        "Minister of Foreign Affairs of Uzbekistan Sardor Rakhimov held bilateral meetings with "
        "the Foreign Ministers of Spain Ignasi Ferrer Puig, Latvia Ilze Kalniņa and Portugal "
        "Duarte Meireles Costa.",
    )
    assert persons(e) == {
        ("Sardor Rakhimov", "UZB", None),
        ("Ignasi Ferrer Puig", "ESP", None),
        ("Ilze Kalniņa", "LVA", None),
        ("Duarte Meireles Costa", "PRT", None),
    }
    meetings = {
        ev("MEETING", "occurred", ("Sardor Rakhimov", other), place="Valletta")
        for other in ("Ignasi Ferrer Puig", "Ilze Kalniņa", "Duarte Meireles Costa")
    }
    assert events(e) == {
        ev("MULTILATERAL", "occurred", ("Sardor Rakhimov",), place="Valletta"),
        *meetings,
    }


def test_hard_cases_visit_and_meetings_during_it(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Minister of Foreign and European Affairs of Slovakia Marek Hudák paid an official visit "
        "to Astana on 16 May 2024. During the visit, he held talks with Minister of Foreign "
        "Affairs of Kazakhstan Daulet Zhanuzakov and was received by the Chairman of the Senate "
        "of Kazakhstan Askhat Bekturov.",
        published="2024-05-17",
    )
    assert persons(e) == {
        ("Marek Hudák", "SVK", None),
        ("Daulet Zhanuzakov", "KAZ", None),
        ("Askhat Bekturov", "KAZ", None),
    }
    assert events(e) == {
        ev("VISIT", "occurred", ("Marek Hudák", "KAZ"), "2024-05-16", "Astana"),
        ev("MEETING", "occurred", ("Marek Hudák", "Daulet Zhanuzakov"), "2024-05-16", "Astana"),
        ev("MEETING", "occurred", ("Marek Hudák", "Askhat Bekturov"), "2024-05-16", "Astana"),
    }


def test_hard_cases_status_planned(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Minister of Foreign Affairs of Kazakhstan Daulet Zhanuzakov will visit Ulaanbaatar on "
        "20 May. Political consultations between the foreign ministries of Kazakhstan and "
        "Mongolia are to be held on 13-14 June in Astana.",
    )
    assert persons(e) == {("Daulet Zhanuzakov", "KAZ", None)}
    assert events(e) == {
        ev("VISIT", "planned", ("Daulet Zhanuzakov", "MNG"), "2024-05-20", "Ulaanbaatar"),
        ev("MEETING", "planned", ("KAZ", "MNG"), "2024-06-13", "Astana"),
    }


def test_hard_cases_status_intended(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Ghana intends to open an embassy in Tashkent, Deputy Minister of Foreign Affairs of "
        "Ghana Akosua Frimpong said at a meeting with Deputy Minister of Foreign Affairs of "
        "Uzbekistan Bakhodir Ergashev. Ergashev expressed readiness to visit Accra.",
    )
    assert persons(e) == {("Akosua Frimpong", "GHA", None), ("Bakhodir Ergashev", "UZB", None)}
    assert events(e) == {
        ev("MEETING", "occurred", ("Akosua Frimpong", "Bakhodir Ergashev")),
        ev("MISSION", "intended", ("GHA", "UZB"), place="Tashkent"),
        ev("VISIT", "intended", ("Bakhodir Ergashev", "GHA"), place="Accra"),
    }


@pytest.mark.parametrize(
    ("when", "published", "date"),
    [
        ("today", "2024-04-11T17:17", "2024-04-11"),
        ("on Tuesday", "2024-04-11T17:17", "2024-04-09"),  # published on a Thursday
        ("on April 13", "2024-04-15", "2024-04-13"),
        ("yesterday", "2024-03-01", "2024-02-29"),
    ],
)
def test_hard_cases_relative_dates(
    extractor: Extractor, when: str, published: str, date: str
) -> None:
    e = run(
        extractor,
        f"Deputy Minister of Foreign Affairs of Kazakhstan Arman Iskakov {when} held a telephone "
        "conversation with Deputy Foreign Minister of Japan Haruto Mizuno.",
        published=published,
    )
    assert persons(e) == {("Arman Iskakov", "KAZ", None), ("Haruto Mizuno", "JPN", None)}
    assert events(e) == {ev("CALL", "occurred", ("Arman Iskakov", "Haruto Mizuno"), date)}


def test_hard_cases_event_place_not_places_merely_named(extractor: Extractor) -> None:
    # the dateline, a summit's city and a flight route are not where the meeting was
    e = run(
        extractor,
        "ASTANA – Minister of Foreign Affairs of Kazakhstan Daulet Zhanuzakov met with Ambassador "
        "of France to Kazakhstan Claire Beaumont-Rey in Almaty. The parties discussed the "
        "outcomes of the One Water Summit in New York and new flights between Paris and Astana.",
    )
    assert persons(e) == {("Daulet Zhanuzakov", "KAZ", None), ("Claire Beaumont-Rey", "FRA", None)}
    assert events(e) == {
        ev("MEETING", "occurred", ("Daulet Zhanuzakov", "Claire Beaumont-Rey"), place="Almaty")
    }


def test_hard_cases_no_events_from_discussion(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Deputy Minister of Foreign Affairs of Kazakhstan Arman Iskakov held consultations with "
        "Deputy Foreign Minister of Vietnam Tran Quoc Hung in Hanoi. The parties discussed trade "
        "and transit, agreed to continue cooperation within the UN and the ASEAN Regional Forum, "
        "and underlined the importance of signing the Agreement on Air Services. They noted the "
        "growth of trade and stressed the importance of regular visits.",
    )
    assert persons(e) == {("Arman Iskakov", "KAZ", None), ("Tran Quoc Hung", "VNM", None)}
    assert events(e) == {
        ev("MEETING", "occurred", ("Arman Iskakov", "Tran Quoc Hung"), place="Hanoi")
    }


def test_hard_cases_no_events_from_background(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Minister of Foreign Affairs of Georgia Levan Kapanadze received Ambassador of Lithuania "
        "to Georgia Rūta Petrauskienė. Kapanadze recalled his visit to Vilnius in 2016, when he "
        "was Deputy Minister of Foreign Affairs, and the Agreement on Visa Facilitation signed "
        "by the two countries in 2009.",
    )
    assert persons(e) == {("Levan Kapanadze", "GEO", None), ("Rūta Petrauskienė", "LTU", None)}
    assert events(e) == {ev("MEETING", "occurred", ("Levan Kapanadze", "Rūta Petrauskienė"))}


def test_hard_cases_no_events_from_relevant_news_teaser(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Minister of Foreign Affairs of Kazakhstan Daulet Zhanuzakov received Ambassador of Qatar "
        "to Kazakhstan Jassim bin Hamad Al-Sulaiti.\n\n"
        "READ ALSO: Kazakh Deputy FM Aidos Serikbayev meets UNDP Resident Representative Sarah "
        "Whitcombe in Astana\n\n"
        "The parties discussed investment and air links.",
    )
    assert persons(e) == {
        ("Daulet Zhanuzakov", "KAZ", None),
        ("Jassim bin Hamad Al-Sulaiti", "QAT", None),
    }
    assert events(e) == {
        ev("MEETING", "occurred", ("Daulet Zhanuzakov", "Jassim bin Hamad Al-Sulaiti"))
    }
