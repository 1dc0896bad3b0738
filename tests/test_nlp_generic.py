"""Rules that hold for any ministry's site, not only for the pages they were written on:
every state's demonyms (and the descriptions they stand in), demonyms several states
share, ministry names with words of their own, numbered gatherings. Every name here is
invented."""

from __future__ import annotations

import json
from importlib import resources

import pycountry
import pytest

from diplograph.models import Article, Extraction, Participant
from diplograph.nlp import Extractor
from diplograph.nlp.actors import ActorCues
from diplograph.nlp.gazetteer import load_gazetteer
from diplograph.nlp.places import shared_demonyms

# the 193 member states of the United Nations (ISO 3166-1 alpha-3)
UN_CODES = """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH
    BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE
    PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC
    GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT
    KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG
    MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL
    PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
    ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR
    TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE"""
UN_MEMBERS = frozenset(UN_CODES.split())
# the observer states, and the codes the annotation guide gives territories
OTHERS = frozenset({"VAT", "PSE", "MAC", "HKG", "TWN", "XKX"})
SHARED = {"Congolese": "COG", "Korean": "KOR", "Dominican": "DOM"}  # demonym -> its default


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(extractor: Extractor, text: str) -> Extraction:
    article = Article(source="t.txt", index=1, text=text, title="Press", published="2025-03-04")
    return extractor.extract(article)


def people(e: Extraction) -> dict[str, str | None]:
    return {p.name: p.country for p in e.persons}


def side(p: Participant) -> str:
    return p.name if p.kind == "person" else (p.acronym or p.country or p.name)


def country_rows() -> dict[str, dict[str, object]]:
    text = resources.files("diplograph.nlp").joinpath("resources", "countries.jsonl")
    rows = [json.loads(line) for line in text.read_text("utf-8").splitlines() if line.strip()]
    return {str(row["iso3"]): row for row in rows}


def test_gazetteer_un_member_list_is_sound() -> None:
    assert len(UN_MEMBERS) == 193
    assert all(pycountry.countries.get(alpha_3=code) is not None for code in UN_MEMBERS)


def test_gazetteer_every_state_has_a_demonym() -> None:
    countries = load_gazetteer().countries
    missing = sorted(c for c in UN_MEMBERS | OTHERS if not countries[c].demonyms)
    assert missing == []


def test_gazetteer_every_state_has_a_capital_or_says_why_not() -> None:
    rows = country_rows()
    unexplained = sorted(
        c for c in UN_MEMBERS | OTHERS if not rows[c].get("capitals") and not rows[c].get("note")
    )
    assert unexplained == []


def test_gazetteer_only_the_documented_demonyms_are_shared() -> None:
    shared = shared_demonyms(load_gazetteer())
    assert {text: states[0] for text, states in shared.items() if text in SHARED} == SHARED
    assert set(shared) == set(SHARED) | {text + "s" for text in SHARED if text != "Congolese"}
    rows = country_rows()
    assert all(rows[states[0]].get("note") for states in shared.values())


def test_actors_describing_words_are_data_and_every_demonym() -> None:
    gaz = load_gazetteer()
    describing = ActorCues.from_gazetteer(gaz).describing
    assert set(gaz.cues["describing_words"]) <= describing
    single = {
        d.lower()
        for c in gaz.countries.values()
        for d in c.demonyms
        if " " not in d and not d.isupper() and "." not in d
    }
    assert single <= describing
    assert {"zambian", "emirati", "samoan", "kittitian"} <= describing
    assert "us" not in describing  # "US" is an abbreviation, "us" a word


@pytest.mark.parametrize(
    ("demonym", "iso3"),
    [
        ("Zambian", "ZMB"),
        ("Emirati", "ARE"),
        ("Samoan", "WSM"),
        ("Kittitian", "KNA"),
        ("Saudi Arabian", "SAU"),
        ("Kyrgyzstani", "KGZ"),
        ("Marshallese", "MHL"),
        ("Central African", "CAF"),
    ],
)
def test_nlp_generic_demonym_gives_the_state_of_an_official(
    extractor: Extractor, demonym: str, iso3: str
) -> None:
    text = f"The {demonym} Minister of Foreign Affairs Arman Tulegenov met the press."
    assert people(run(extractor, text))["Arman Tulegenov"] == iso3


def test_nlp_generic_description_with_a_demonym_in_another_case(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Deputy Minister of Foreign Affairs of Chile Rosa Quiroga received Minister of "
        "Foreign Affairs of the United Arab Emirates Khalid Rahmani.\n\n"
        "The EMIRATI diplomat also held talks with Ambassador of Peru Tomas Quelcayo.",
    )
    assert people(e)["Khalid Rahmani"] == "ARE"
    sides = [frozenset(side(p) for p in ev.participants) for ev in e.events]
    assert frozenset({"Khalid Rahmani", "Tomas Quelcayo"}) in sides


def test_nlp_generic_shared_demonym_follows_the_state_the_article_names(
    extractor: Extractor,
) -> None:
    text = "Congolese Foreign Minister Maria Ostrova met the press."
    assert people(run(extractor, text))["Maria Ostrova"] == "COG"
    assert people(run(extractor, text[:-1] + " in Kinshasa."))["Maria Ostrova"] == "COD"
    text = "Korean Foreign Minister Lee Hanbit met the press."
    assert people(run(extractor, text))["Lee Hanbit"] == "KOR"
    assert people(run(extractor, text[:-1] + " in Pyongyang."))["Lee Hanbit"] == "PRK"


@pytest.mark.parametrize(
    "masthead",
    [
        "Ministry of Foreign Affairs and Foreign Trade of Zambia",
        "Ministry of Foreign Affairs and International Cooperation of the Republic of Zambia",
    ],
)
def test_nlp_generic_masthead_with_words_of_its_own(extractor: Extractor, masthead: str) -> None:
    e = run(
        extractor,
        f"{masthead}\nPress releases\n\n"
        "The Foreign Minister, Mwila Chanda, received Ambassador of Japan Aiko Tamura.",
    )
    assert people(e)["Mwila Chanda"] == "ZMB"


@pytest.mark.parametrize(
    ("head", "foot"),
    [
        ("Republic of Zambia - Ministry of Foreign Affairs and International Cooperation", ""),
        ("MINISTERIO DE RELACIONES EXTERIORES | GOBIERNO DE ZAMBIA", ""),
        ("REPUBLIC OF ZAMBIA\nMINISTRY OF FOREIGN AFFAIRS", ""),
        ("Home > News", "MINISTRY OF FOREIGN AFFAIRS\nZAMBIA\n9 JUNE 2025"),
        ("Zambian News Agency\nHome | World", ""),
        ("Congress of the Republic of Zambia · Communications Office", ""),
        ("THE REPUBLIC OF ZAMBIA\nMINISTRY OF FOREIGN AFFAIRS", ""),
        ("MINISTRY OF FOREIGN AFFAIRS AND QUORVAN COOPERATION\nHome\n\nLusaka - On Monday", ""),
        ("Ministère des Affaires Étrangères de la République de Zambie", ""),
        ("AGENCE ZAMBIE PRESSE", ""),
        ("Ministério dos Negócios Estrangeiros\nHome\n\nLusaka, 9 June 2025", ""),
    ],
)
def test_nlp_generic_masthead_in_any_layout(extractor: Extractor, head: str, foot: str) -> None:
    """A page whose address names no state: its masthead or footer, in capitals, in
    another language, split over two lines, gives the publisher."""
    e = run(
        extractor,
        f"{head}\n\nThe Foreign Minister, Mwila Chanda, received Ambassador of Japan Aiko "
        f"Tamura.\n\n{foot}",
    )
    assert people(e)["Mwila Chanda"] == "ZMB"


def test_nlp_generic_masthead_in_capitals_and_accents(extractor: Extractor) -> None:
    e = run(
        extractor,
        "PRÉSIDENCE DE LA RÉPUBLIQUE DU BÉNIN\nHome > News\n\nThe Foreign Minister, Mwila "
        "Chanda, received Ambassador of Japan Aiko Tamura.",
    )
    assert people(e)["Mwila Chanda"] == "BEN"


def test_nlp_generic_reporting_cue_is_a_whole_word(extractor: Extractor) -> None:
    """ "said" inside the name "Al Busaidi" is no reporting verb, so the ministry named in
    the guest's title is not the publisher."""
    e = run(
        extractor,
        "Zambian News Agency\n\nLusaka -- Sayyid Hamad Al Busaidi, Minister of Foreign "
        "Affairs, received Anna Kowal, Under-Secretary of State at the Ministry of Foreign "
        "Affairs of the Republic of Poland.",
    )
    assert people(e)["Hamad Al Busaidi"] == "ZMB"


def test_nlp_generic_masthead_demonym_only_names_its_institution(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Department of Latin American Affairs\n\nThe Foreign Minister, Mwila Chanda, received "
        "Ambassador of Japan Aiko Tamura.",
    )
    assert people(e)["Mwila Chanda"] is None


def test_nlp_generic_numbered_gathering(extractor: Extractor) -> None:
    e = run(
        extractor,
        "Minister of Foreign Affairs of Norway Tarvo Elmqvist took part in COP31 today.",
    )
    assert [(ev.type, [side(p) for p in ev.participants]) for ev in e.events] == [
        ("MULTILATERAL", ["Tarvo Elmqvist"])
    ]


@pytest.mark.parametrize(
    ("agency", "label"),
    [
        ("Norwegian Agency for Development Cooperation", "Norad"),
        ("Qatar Fund for Development", "QFFD"),
        ("Agence Française de Développement", "AFD"),
    ],
)
def test_nlp_generic_national_development_agencies(
    extractor: Extractor, agency: str, label: str
) -> None:
    e = run(
        extractor,
        f"Ambassador of Zambia Mwila Chanda met with Ingrid Haldorsen, Director General of "
        f"the {agency}. The head of the agency welcomed Mwila Chanda.",
    )
    orgs = {p.name: p.org for p in e.persons}
    assert orgs["Ingrid Haldorsen"] == label
    assert any(ev.type == "MEETING" for ev in e.events)


def test_nlp_generic_masthead_line_inside_a_longer_sentence(extractor: Extractor) -> None:
    """A masthead on its own line, though no full stop parts it from the lines below, names
    the publisher."""
    e = run(
        extractor,
        "Office of the President of the Republic of Zambia\nFront page › Media › Press "
        "releases\nPress release 10.9.2025 14.05\nAmbassadors handed over their credentials "
        "to the President of the Republic\nOn Wednesday 10 September 2025, the following "
        "ambassadors handed over their credentials to President of the Republic Mwila Chanda "
        "at the Palace in Lusaka:\nAmbassador of the Kingdom of Bhutan Karma Tsoden",
    )
    assert people(e)["Mwila Chanda"] == "ZMB"
