"""The officials knowledge base: names, the shipped file, lookups by day, user lists, the builder.

The builder's tests build from the small hand-written sources of tests/fixtures/kb (always
run); the rebuild test builds from ../shared/external/kb and must give the shipped bytes.
"""

from __future__ import annotations

import gzip
import json
import os
from datetime import date
from pathlib import Path

import pytest

from diplograph.errors import DiplographError, UnreadableInputError
from diplograph.kb import KnowledgeBase, Office, Official, load_kb, name_key, read_kb
from diplograph.kb.build import build_kb
from diplograph.kb.names import title_case
from diplograph.kb.store import ENV_VAR, data_file, with_user_list

KB_SOURCES = Path(__file__).resolve().parents[1].parent / "shared" / "external" / "kb"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "kb"
LAVROV = "Q58217"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return read_kb(data_file())


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The knowledge base of the fixture sources and the fixture SPARQL results."""
    out = tmp_path_factory.mktemp("kb") / "mini.jsonl.gz"
    report = build_kb(FIXTURES / "sources", out, [FIXTURES / "wikidata_results.json"])
    return KnowledgeBase(read_kb(out).officials, header=read_kb(out).header,
                         warnings=report.warnings)  # fmt: skip


def _one(kb: KnowledgeBase, name: str) -> Official:
    found = kb.by_key(name_key(name))
    assert len(found) == 1, (name, found)
    return found[0]


def _user_list(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- names ----------------------------------------------------------------------------------


def test_names_key_folds_accents_case_punctuation_and_styles() -> None:
    assert name_key("H.E. Mr. António  Guterres") == "antonio guterres"
    assert name_key("Dato' Sri Anwar Ibrahim") == "anwar ibrahim"
    assert name_key("Sheikh Abdullah bin Zayed Al-Nahyan") == "abdullah bin zayed al nahyan"
    assert name_key("Jonas Gahr Støre") == "jonas gahr store"
    assert name_key("He Lifeng") == "he lifeng"  # "He" is a surname, not a style
    assert name_key("Mr.") == "mr"  # nothing but a style: kept


def test_names_phoenix_title_case_keeps_particles_low() -> None:
    assert title_case("SERGEY_V._LAVROV") == "Sergey V. Lavrov"
    assert title_case("BASHAR_AL-ASSAD") == "Bashar al-Assad"
    assert title_case("URSULA_VON_DER_LEYEN") == "Ursula von der Leyen"
    assert title_case("AL_GORE") == "Al Gore"
    assert title_case("ABDULLAH_II") == "Abdullah II"
    assert title_case("XI_JINPING") == "Xi Jinping"


# -- the shipped file -----------------------------------------------------------------------


def test_kb_lookup_lavrov_on_a_day_is_russias_foreign_minister(kb: KnowledgeBase) -> None:
    match = kb.lookup("Sergey Lavrov", on="2023-05-01")[0]
    assert match.official.id == LAVROV
    assert match.office_on_day is not None
    assert match.office_on_day.country == "RUS"
    assert match.office_on_day.title == "Minister of Foreign Affairs"
    assert match.office_on_day.holds_on(date(2023, 5, 1))


def test_kb_lookup_by_transliteration_and_style(kb: KnowledgeBase) -> None:
    for spelling in ("Sergei Lavrov", "H.E. Mr. Sergey V. Lavrov", "SERGEY LAVROV"):
        assert [m.official.id for m in kb.lookup(spelling)] == [LAVROV], spelling


def test_kb_lookup_surname_first(kb: KnowledgeBase) -> None:
    found = kb.lookup("KAMIKAWA Yoko", on="2021-01-01")
    assert [m.official.name for m in found] == ["Yōko Kamikawa"]
    assert found[0].office_on_day is not None and found[0].office_on_day.country == "JPN"
    assert "kamikawa" in kb.first_words and "yoko" in kb.first_words


def test_kb_lookup_a_surname_alone_lists_who_bore_it(kb: KnowledgeBase) -> None:
    found = kb.lookup("Lavrov", on="2023-05-01")
    in_office = [m.official.id for m in found if m.office_on_day is not None]
    assert LAVROV in in_office and found[: len(in_office)] == [  # in office that day: first
        m for m in found if m.office_on_day is not None
    ]
    assert {m.official.id for m in found} == {o.id for o in kb.by_surname("Lavrov")}
    assert kb.lookup("Sergey Nolavrov") == []  # two words: a full name or nothing


def test_kb_by_surname_last_word_and_first_for_surname_first_countries(kb: KnowledgeBase) -> None:
    assert LAVROV in {o.id for o in kb.by_surname("Lavrov")}
    assert "Wang Yi" in {o.name for o in kb.by_surname("Wang")}  # China: surname first
    assert "Wang Yi" in {o.name for o in kb.by_surname("Yi")}
    assert "Sergey Lavrov" not in {o.name for o in kb.by_surname("Sergey")}


def test_kb_a_day_names_the_main_office_of_several_held(kb: KnowledgeBase) -> None:
    macron = kb.lookup("Emmanuel Macron", on="2023-05-01")[0].office_on_day
    assert macron is not None and macron.country == "FRA"  # also co-prince of Andorra
    assert any(
        o.country == "AND" and o.holds_on("2023-05-01") for o in _one(kb, "Emmanuel Macron").offices
    )


def test_kb_a_day_chooses_between_two_offices(kb: KnowledgeBase) -> None:
    lavrov = kb.by_key("sergey lavrov")[0]
    before = lavrov.office_on("2000-06-01")
    after = lavrov.office_on(date(2010, 6, 1))
    assert before is not None and before.title == "Permanent Representative to the United Nations"
    assert after is not None and after.title == "Minister of Foreign Affairs"
    # before any office: the nearest one, the first
    assert lavrov.office_on("1990") == before


def test_kb_office_partial_dates_cover_their_period() -> None:
    office = Office("Minister", "RUS", None, "2004", "2008-05", "test")
    assert office.holds_on("2004-01-01") and office.holds_on("2008-05-31")
    assert not office.holds_on("2003-12-31") and not office.holds_on("2008-06-01")
    assert Office("Minister", "RUS", None, "2020-02", None, "test").holds_on("2030-01-01")


def test_kb_stats_has_thousands_of_persons_with_dated_offices(kb: KnowledgeBase) -> None:
    stats = kb.stats()
    assert stats["persons_with_dated_offices"] >= 5000
    assert stats["persons_with_offices"] == stats["persons"]  # none without an office
    assert kb.as_of is not None and kb.as_of >= "2023-01-01"
    assert {s["licence"] for s in kb.header["sources"]} == {"CC0-1.0", "MIT"}


def test_kb_mononyms_are_marked_and_cjk_names_are_not_mononyms(kb: KnowledgeBase) -> None:
    mononyms = [o for o in kb.officials if o.mononym]
    assert mononyms and all(" " not in name_key(o.name) for o in mononyms)
    assert _one(kb, "Suharto").mononym
    assert not _one(kb, "欧阳玉靖").mononym  # a full name, written without spaces


def test_kb_shipped_file_is_sorted_gzip_with_no_timestamp() -> None:
    raw = data_file().read_bytes()
    assert raw[4:8] == b"\0\0\0\0"  # gzip MTIME
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    ids = [json.loads(line)["id"] for line in lines[1:]]
    assert ids == sorted(ids) and len(ids) == len(set(ids))


@pytest.mark.shared
def test_kb_rebuild_from_shared_sources_gives_the_shipped_bytes(tmp_path: Path) -> None:
    if not (KB_SOURCES / "everypolitician").is_dir():
        pytest.skip(f"no KB sources at {KB_SOURCES}: ../shared is not beside the project")
    out = tmp_path / "officials.jsonl.gz"
    build_kb(KB_SOURCES, out)
    assert out.read_bytes() == data_file().read_bytes()


# -- user lists -----------------------------------------------------------------------------


def test_kb_user_csv_bad_rows_are_warnings_and_good_rows_are_used(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    path = _user_list(
        tmp_path / "mine.csv",
        "name,aliases,country,org,office,start,end\n"
        "Alibek Bakayev,Alibek Bakaev;Bakayev Alibek,Kazakhstan,,Deputy Minister,2023-01,\n"
        "Nobody,,Atlantis,,Minister,,\n"
        ",,KAZ,,Minister,,\n"
        "Sergey Lavrov,Serguei Lavrov,RUS,,Minister of Foreign Affairs,2004-03-09,\n"
        "Bad Date,,KAZ,,Minister,2023-13-01,\n"
        "Fabrizia Lapecorella,,,OECD,Deputy Secretary-General,2021,\n",
    )
    merged = with_user_list(kb, path)
    assert merged.warnings == [
        f"{path}:3: unknown country 'Atlantis'; row skipped",
        f"{path}:4: no name; row skipped",
        f"{path}:6: bad start date '2023-13-01' (expected YYYY, YYYY-MM or YYYY-MM-DD); "
        "row skipped",
    ]
    bakayev = merged.lookup("Alibek Bakaev", on="2024-04-10")[0]
    assert bakayev.official.id.startswith("user:")
    assert bakayev.office_on_day == Office(
        "Deputy Minister", "KAZ", None, "2023-01", None, "user:mine.csv"
    )
    assert merged.by_key("alibek bakayev") == merged.by_key("bakayev alibek")
    assert merged.lookup("Serguei Lavrov")[0].official.id == LAVROV  # joined, not a new one
    assert merged.stats()["persons"] == kb.stats()["persons"] + 2
    assert merged.lookup("Fabrizia Lapecorella")[0].official.orgs == ("OECD",)


def test_kb_user_csv_missing_or_without_name_column_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInputError, match=r"missing\.csv"):
        load_kb(tmp_path / "missing.csv")
    path = _user_list(tmp_path / "noname.csv", "person,country\nX,KAZ\n")
    with pytest.raises(DiplographError, match="no 'name' column"):
        load_kb(path)


def test_kb_env_var_lists_are_merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one = _user_list(tmp_path / "one.csv", "name,country\nAnna Envtest,EST\n")
    two = _user_list(tmp_path / "two.csv", "name,country\nBert Envtest,LVA\n")
    monkeypatch.setenv(ENV_VAR, f"{one}{os.pathsep}{two}")
    loaded = load_kb()
    assert loaded.lookup("Anna Envtest") and loaded.lookup("Bert Envtest")
    assert load_kb() is loaded  # cached per argument and environment
    monkeypatch.delenv(ENV_VAR)
    assert not load_kb().lookup("Anna Envtest")


# -- the builder, on the fixture sources ----------------------------------------------------


def test_build_merges_one_qid_across_files_and_sparql_results(mini: KnowledgeBase) -> None:
    testov = _one(mini, "Ivan Testov")
    assert testov.qid == "Q90000001"
    assert {"Iwan Testow", "Ivan V. Testov", "Yvan Testoff"} <= set(testov.aliases)
    assert "Testov" not in testov.aliases  # a lone surname is not a spelling of the name
    titles = [o.title for o in testov.offices]
    assert titles == [  # Phoenix's "Amb. to UN", "Foreign Minister": the same tenures
        "Permanent Representative to the United Nations",
        "Minister of Foreign Affairs",
        "Deputy Prime Minister",
    ]
    # both held: the foreign ministers' file ranks before other Wikidata facts
    assert testov.office_on("2023-05-01") == testov.offices[1]
    assert testov.office_on("2003-01-01") == testov.offices[0]


def test_build_reads_sparql_results_with_precision_and_country_names(mini: KnowledgeBase) -> None:
    lena = _one(mini, "Lena Example").offices[0]
    assert (lena.country, lena.start, lena.end) == ("FIN", "2019", "2023-06-20")
    assert _one(mini, "Erza Sample").countries == ("XKX",)
    assert not mini.by_key("placeless person")
    assert mini.warnings == [
        f"{FIXTURES / 'wikidata_results.json'}: result 3: no country (P298) or organisation; "
        "skipped"
    ]
    assert mini.header["sources"][-1]["id"] == "wikidata:wikidata_results.json"


def test_build_places_territories_regions_and_skips_unrecognised(mini: KnowledgeBase) -> None:
    morag = _one(mini, "Morag Example").offices[0]
    assert (morag.country, morag.title) == ("GBR", "First Minister (Scotland)")
    assert not mini.by_key("astamur example")  # Abkhazia: skipped
    assert not mini.by_key("muse example")  # Somaliland: skipped
    assert _one(mini, "Ngozi Sample").orgs == ("WTO",)
    assert not mini.by_key("nobody else")  # a UN representative with no country of their own


def test_build_joins_phoenix_to_wikidata_and_drops_what_is_no_person(mini: KnowledgeBase) -> None:
    kofi = _one(mini, "Kofi Sample")
    assert kofi.qid == "Q90000007" and kofi.aliases == ("K. Sample",)
    assert _one(mini, "Abdul Karim Example").countries == ("AFG",)  # office words dropped
    assert _one(mini, "Al-Hassan bin Test").countries == ("JOR",)
    assert len(_one(mini, "Jan Double").offices) == 2  # two entries, one person
    assert _one(mini, "Sulukhia").mononym
    for junk in ("russia", "president", "john smithson", "un peacekeepers", "not dated person"):
        assert not mini.by_key(junk), junk
    assert _one(mini, "Kim Sample") in mini.by_surname("Kim")  # Korea: surname first


def test_build_is_deterministic(tmp_path: Path) -> None:
    one, two = tmp_path / "one.gz", tmp_path / "two.gz"
    build_kb(FIXTURES / "sources", one, [FIXTURES / "wikidata_results.json"])
    build_kb(FIXTURES / "sources", two, [FIXTURES / "wikidata_results.json"])
    assert one.read_bytes() == two.read_bytes()


def test_build_without_sources_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DiplographError, match="no everypolitician/ folder"):
        build_kb(tmp_path, tmp_path / "out.gz")
