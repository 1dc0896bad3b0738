"""Inputs to articles: seed pages, JSON lines, HTML, plain text, expansion, detection, errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from diplograph.errors import (
    DiplographError,
    InputError,
    UnknownFormatError,
    UnreadableInputError,
    UsageError,
)
from diplograph.ingest import decode_bytes, detect_format, read_inputs
from diplograph.ingest.jsonl import GIVE_UP_AFTER
from diplograph.models import Article

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "kt_kz_seed_page.txt"
SHARED = ROOT.parent / "shared"

# The articles of the seed page as ../shared/eval/gold/seed.jsonl gives them (GUIDE.md §1).
SEED_GOLD = [
    (
        1,
        "Organization of African, Caribbean and Pacific States Interested in Cooperation "
        "with Kazakhstan",
        "2024-04-10T19:37",
    ),
    (2, "Astana International Forum Discussed at OECD", "2024-04-12T10:17"),
    (3, "Kazakhstan and Sri Lanka Intend to Strengthen Bilateral Cooperation", "2024-04-11T17:17"),
    (
        4,
        "Prospects for Cooperation in the Field of Official Development Assistance Discussed "
        "in Brussels",
        "2024-04-11T08:42",
    ),
    (
        5,
        "Strengthening Cooperation between Kazakhstan and South Africa Discussed at MFA",
        "2024-04-10T20:30",
    ),
    (
        6,
        "Cooperation with Kazakhstan Discussed at Meeting in World Organization for Animal Health",
        "2024-04-10T15:35",
    ),
    (7, "Kazakhstan and Macau SAR Signed an Agreement on a Visa-Free Regime", "2024-04-10T10:29"),
    (
        8,
        "Meeting at MFA notes Importance of Developing Cooperation with OSCE PA",
        "2024-04-09T21:03",
    ),
]

PAGE = """\
 date 2024-05-02 01.05.2024, 09:30 12
Kazakhstan and Chile Hold Talks

Images
Kazakhstan and Chile Hold Talks
The ministers met in Astana.
They discussed trade.
relevant news
30.04.2024, 18:00
Kazakhstan Sends Aid to Kenya
Kazakhstan sent 100 tonnes of flour to Kenya.
30.04.2024, 12:00
29.04.2024, 08:15
Kazakhstan and Peru Sign Memorandum
The memorandum was signed in Lima.
"""

HTML = """<!doctype html>
<html><head><title>Kazakhstan and Chile Sign Agreement | MFA</title>
<link rel="canonical" href="https://mfa.example/news/1">
<meta property="article:published_time" content="2024-05-02T10:00:00"></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Kazakhstan and Chile Sign Agreement</h1>
<p>The Minister of Foreign Affairs of Kazakhstan met the Ambassador of Chile in Astana on
2 May 2024. The parties discussed trade and investment cooperation in detail.</p>
<p>An agreement on visa exemption was signed at the end of the meeting by both sides.</p>
</article><footer>Copyright 2024</footer></body></html>
"""


def _write(path: Path, content: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def _read(*inputs: str, fmt: str | None = None) -> tuple[list[Article], list[DiplographError]]:
    errors: list[DiplographError] = []
    articles = list(read_inputs(list(inputs), fmt=fmt, on_error=errors.append))
    return articles, errors


def _jsonl(*records: object) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


# --- seed-style pages -------------------------------------------------------------------


def test_ingest_seed_page_gives_the_gold_articles() -> None:
    articles, errors = _read(str(SEED))
    assert errors == []
    assert [(a.index, a.title, a.published) for a in articles] == SEED_GOLD
    assert {a.source for a in articles} == {str(SEED)}
    assert articles[0].metadata == {"captured": "2024-04-13", "views": 15401}


def test_ingest_seed_texts_are_verbatim_bodies_without_boilerplate() -> None:
    page = SEED.read_text(encoding="utf-8")
    articles, _ = _read(str(SEED))
    for article in articles:
        assert article.text in page
        assert article.title is not None
        assert not article.text.startswith(article.title)
        lines = [line.strip().casefold() for line in article.text.split("\n")]
        assert "relevant news" not in lines
        assert "images" not in lines
        assert "" not in lines
    assert articles[0].text.startswith("Ambassador of Kazakhstan to Belgium, Margulan Baimukhan")
    assert articles[0].text.endswith("the Caribbean and the Pacific.")
    assert articles[6].text.startswith("The Ambassador of the Republic of Kazakhstan")


def test_ingest_seed_skips_a_stamp_with_no_title_and_no_text() -> None:
    articles, _ = _read(str(SEED))
    assert "2024-04-10T13:05" not in {a.published for a in articles}
    assert [a.index for a in articles] == list(range(1, 9))


def test_ingest_seed_drops_boilerplate_and_repeated_headline(tmp_path: Path) -> None:
    articles, errors = _read(_write(tmp_path / "page.txt", PAGE))
    assert errors == []
    assert [(a.index, a.title, a.published) for a in articles] == [
        (1, "Kazakhstan and Chile Hold Talks", "2024-05-01T09:30"),
        (2, "Kazakhstan Sends Aid to Kenya", "2024-04-30T18:00"),
        (3, "Kazakhstan and Peru Sign Memorandum", "2024-04-29T08:15"),
    ]
    assert articles[0].text == "The ministers met in Astana.\nThey discussed trade."
    assert articles[1].text == "Kazakhstan sent 100 tonnes of flour to Kenya."
    assert articles[2].text == "The memorandum was signed in Lima."


def test_ingest_seed_reads_a_dev_style_capture_header(tmp_path: Path) -> None:
    page = (
        " date 2022-12-26 https://news.example/2022/12/tashkent-moscow\n"
        "Tashkent Ready to Intensify Dialogue With Moscow\n"
        "TASHKENT - Uzbekistan is ready to intensify dialogue with Russia.\n"
    )
    articles, errors = _read(_write(tmp_path / "dev_page.txt", page))
    assert errors == []
    assert len(articles) == 1
    article = articles[0]
    assert article.title == "Tashkent Ready to Intensify Dialogue With Moscow"
    assert article.published == "2022-12-26"
    assert article.url == "https://news.example/2022/12/tashkent-moscow"
    assert article.text == "TASHKENT - Uzbekistan is ready to intensify dialogue with Russia."


def test_ingest_seed_header_followed_by_body_text_gives_no_title(tmp_path: Path) -> None:
    sentence = (
        "ASTANA - Deputy Foreign Minister of Kazakhstan Daniyar Seitkali met with the "
        "Ambassador of Chile in Astana on Monday to discuss trade."
    )
    page = f" date 2024-04-15 {sentence}\n\nThe parties discussed trade.\n"
    articles, errors = _read(_write(tmp_path / "dev_page.txt", page))
    assert errors == []
    assert [(a.title, a.published, a.text) for a in articles] == [
        (None, "2024-04-15", f"{sentence}\nThe parties discussed trade.")
    ]


def test_ingest_seed_page_without_header_is_detected_by_its_news_list(tmp_path: Path) -> None:
    page = "Main Title\nMain body.\nrelevant news\n12.04.2024, 10:17\nItem Title\nItem body.\n"
    articles, errors = _read(_write(tmp_path / "page.txt", page))
    assert errors == []
    assert [(a.index, a.title, a.published, a.text) for a in articles] == [
        (1, "Main Title", None, "Main body."),
        (2, "Item Title", "2024-04-12T10:17", "Item body."),
    ]


# --- JSON lines -------------------------------------------------------------------------


def test_ingest_jsonl_keeps_fields_and_puts_unknown_keys_in_metadata(tmp_path: Path) -> None:
    content = _jsonl(
        {
            "url": "https://a.example/1",
            "title": "T1",
            "published": "2024-01-02",
            "text": "One.",
            "page": "005.txt",
        },
        {"title": None, "published": None, "text": " date 2022-12-26 junk\nTwo."},
    )
    articles, errors = _read(_write(tmp_path / "in.jsonl", content))
    assert errors == []
    first, second = articles
    assert (first.index, first.title, first.published, first.url) == (
        1,
        "T1",
        "2024-01-02",
        "https://a.example/1",
    )
    assert first.metadata == {"page": "005.txt"}
    assert first.text == "One."
    assert (second.index, second.title, second.published) == (2, None, None)
    assert second.text == " date 2022-12-26 junk\nTwo."


def test_ingest_jsonl_reports_a_broken_line_and_reads_the_others(tmp_path: Path) -> None:
    content = (
        _jsonl({"title": "A", "text": "First."})
        + "\n"
        + '{"title": "B", "text": \n'
        + _jsonl({"title": "C"}, {"title": "D", "text": "Fourth."})
    )
    path = _write(tmp_path / "in.jsonl", content)
    articles, errors = _read(path)
    assert [(a.index, a.title) for a in articles] == [(1, "A"), (4, "D")]
    assert [type(e) for e in errors] == [UnreadableInputError, UnreadableInputError]
    assert [e.source for e in errors] == [path, path]
    assert "line 3" in errors[0].message
    assert "line 4" in errors[1].message
    assert "text" in errors[1].message
    assert path in str(errors[0])


def test_ingest_jsonl_names_a_cut_line_in_plain_words(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", '{"title": "Cut off in transfer\n')
    errors = _read(path)[1]
    assert [e.message for e in errors] == [
        "line 1: not valid JSON (Unterminated string starting at column 11)"
    ]


def test_ingest_jsonl_gives_up_on_a_file_that_is_not_json_lines(tmp_path: Path) -> None:
    html = "<html>\n<head><title>A page</title></head>\n<body>\n" + "<p>Text.</p>\n" * 20
    path = _write(tmp_path / "page.html", html)
    articles, errors = _read(path, fmt="jsonl")
    assert articles == []
    assert [e.message for e in errors] == [
        f"not JSON lines: its first {GIVE_UP_AFTER} lines hold no article"
        " (line 1: not valid JSON (Expecting value at column 1)); not read further"
    ]


def test_ingest_jsonl_broken_first_lines_then_good_ones_are_each_reported(
    tmp_path: Path,
) -> None:
    broken = "not json\n" * (GIVE_UP_AFTER - 1)
    path = _write(tmp_path / "in.jsonl", broken + _jsonl({"text": "Fine."}) + "oops\n")
    articles, errors = _read(path, fmt="jsonl")
    assert [a.index for a in articles] == [GIVE_UP_AFTER]
    assert [e.message.split(":")[0] for e in errors] == [
        *(f"line {n}" for n in range(1, GIVE_UP_AFTER)),
        f"line {GIVE_UP_AFTER + 1}",
    ]


def test_ingest_jsonl_broken_line_raises_without_on_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", _jsonl({"text": "Fine."}) + "[1, 2]\n")
    with pytest.raises(UnreadableInputError, match="line 2"):
        list(read_inputs([path]))


# --- HTML and plain text ----------------------------------------------------------------


def test_ingest_html_reads_text_title_date_and_url(tmp_path: Path) -> None:
    articles, errors = _read(_write(tmp_path / "page.html", HTML))
    assert errors == []
    (article,) = articles
    assert article.index == 1
    assert article.title == "Kazakhstan and Chile Sign Agreement"
    assert article.published == "2024-05-02"
    assert article.url == "https://mfa.example/news/1"
    assert article.text.startswith("The Minister of Foreign Affairs of Kazakhstan")
    assert "visa exemption was signed" in article.text
    assert "Copyright" not in article.text
    assert "Home" not in article.text


def test_ingest_html_without_text_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "empty.html", "<!doctype html><html><body></body></html>")
    articles, errors = _read(path)
    assert articles == []
    assert len(errors) == 1
    assert isinstance(errors[0], UnreadableInputError)
    assert errors[0].source == path


def test_ingest_plain_text_first_line_is_the_title(tmp_path: Path) -> None:
    content = "\n\nKazakhstan and Chile Hold Talks\n\nThe ministers met.\n\nThey talked.\n\n"
    articles, errors = _read(_write(tmp_path / "release.txt", content))
    assert errors == []
    (article,) = articles
    assert (article.index, article.title) == (1, "Kazakhstan and Chile Hold Talks")
    assert article.text == "The ministers met.\n\nThey talked."
    assert article.published is None


def test_ingest_plain_text_of_one_line_is_text_without_title(tmp_path: Path) -> None:
    articles, _ = _read(_write(tmp_path / "one.txt", "Kazakhstan and Chile signed a treaty.\n"))
    assert [(a.title, a.text) for a in articles] == [
        (None, "Kazakhstan and Chile signed a treaty.")
    ]


# --- expanding inputs -------------------------------------------------------------------


def test_ingest_directory_is_recursed_sorted_and_skips_hidden(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", "Title B\nText B.")
    _write(tmp_path / "a.txt", "Title A\nText A.")
    _write(tmp_path / "sub" / "c.txt", "Title C\nText C.")
    _write(tmp_path / ".hidden.txt", "Hidden\nNo.")
    _write(tmp_path / ".git" / "d.txt", "Hidden dir\nNo.")
    _write(tmp_path / "README.md", "Readme\nNot an input.")
    articles, errors = _read(str(tmp_path))
    assert errors == []
    assert [a.title for a in articles] == ["Title A", "Title B", "Title C"]
    assert articles[2].source == os.path.join(str(tmp_path), "sub", "c.txt")


def test_ingest_glob_pattern_matches_files_in_order(tmp_path: Path) -> None:
    _write(tmp_path / "x2.txt", "Two\nSecond.")
    _write(tmp_path / "x1.txt", "One\nFirst.")
    _write(tmp_path / "y.txt", "Other\nNot matched.")
    articles, errors = _read(str(tmp_path / "x*.txt"))
    assert errors == []
    assert [(a.title, Path(a.source).name) for a in articles] == [
        ("One", "x1.txt"),
        ("Two", "x2.txt"),
    ]


def test_ingest_glob_matching_nothing_is_an_error(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.jsonl")
    articles, errors = _read(pattern)
    assert articles == []
    assert len(errors) == 1
    assert isinstance(errors[0], UnreadableInputError)
    assert errors[0].source == pattern


# --- detecting formats ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PAGE, "seed"),
        (_jsonl({"text": "x"}), "jsonl"),
        (HTML, "html"),
        ("<div><p>a</p><p>b</p><p>c</p><p>d</p></div>", "html"),
        ("Title\nSome text.", "text"),
    ],
)
def test_ingest_detects_format_from_content(content: str, expected: str) -> None:
    assert detect_format(content, "input.dat") == expected


def test_ingest_detection_ignores_a_misleading_extension(tmp_path: Path) -> None:
    path = _write(tmp_path / "articles.txt", _jsonl({"title": "J", "text": "From JSON."}))
    articles, errors = _read(path)
    assert errors == []
    assert [(a.title, a.text) for a in articles] == [("J", "From JSON.")]


@pytest.mark.parametrize(
    ("content", "reason"),
    [("", "empty"), ("  \n\n", "empty"), ('[{"text": "x"}]', "JSON array"), ("<rss>", "feed")],
)
def test_ingest_undetectable_content_is_unknown_format(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = _write(tmp_path / "input.dat", content)
    articles, errors = _read(path)
    assert articles == []
    assert len(errors) == 1
    assert isinstance(errors[0], UnknownFormatError)
    assert errors[0].source == path
    assert reason.casefold() in errors[0].message.casefold()


def test_ingest_fmt_forces_a_format(tmp_path: Path) -> None:
    path = _write(tmp_path / "page.html", HTML)
    articles, errors = _read(path, fmt="text")
    assert errors == []
    (article,) = articles
    assert article.title == "<!doctype html>"
    assert "<article>" in article.text


def test_ingest_unknown_fmt_is_a_usage_error_at_once() -> None:
    with pytest.raises(UsageError, match="xml"):
        read_inputs(["anything.txt"], fmt="xml")


# --- bad inputs -------------------------------------------------------------------------


def test_ingest_missing_file_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", "Title\nText.")
    missing = str(tmp_path / "missing.txt")
    articles, errors = _read(missing, good)
    assert [a.source for a in articles] == [good]
    assert len(errors) == 1
    assert isinstance(errors[0], UnreadableInputError)
    assert errors[0].source == missing
    assert str(errors[0]).startswith(f"{missing}: ")


def test_ingest_binary_file_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    binary = _write(tmp_path / "image.txt", bytes(range(256)) * 8 + b"\x00" * 512)
    good = _write(tmp_path / "good.txt", "Title\nText.")
    articles, errors = _read(binary, good)
    assert [a.source for a in articles] == [good]
    assert len(errors) == 1
    assert isinstance(errors[0], UnreadableInputError)
    assert errors[0].source == binary
    assert "binary" in errors[0].message


def test_ingest_utf16_without_bom_is_refused_as_binary() -> None:
    with pytest.raises(UnreadableInputError, match="binary"):
        decode_bytes("Kazakhstan and Chile".encode("utf-16-le"), source="x.txt")


def test_ingest_bad_input_raises_without_on_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    with pytest.raises(InputError) as caught:
        list(read_inputs([missing]))
    assert caught.value.source == missing


# --- decoding ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("\ufeffTitle\r\nБрюссель".encode(), "Title\nБрюссель"),
        ("Министерство иностранных дел".encode("cp1251"), "Министерство иностранных дел"),
        ("Société Générale à Genève".encode("cp1252"), "Société Générale à Genève"),
        ("Grüße “quoted”".encode("cp1252"), "Grüße “quoted”"),
        ("Title".encode("utf-16"), "Title"),
    ],
)
def test_ingest_decodes_utf8_bom_and_windows_code_pages(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


# --- identity ---------------------------------------------------------------------------


def test_ingest_same_article_from_two_paths_has_the_same_id(tmp_path: Path) -> None:
    page = SEED.read_text(encoding="utf-8")
    copy = _write(tmp_path / "copy" / "page.txt", page)
    first, _ = _read(str(SEED))
    second, _ = _read(copy)
    assert [a.id for a in first] == [a.id for a in second]
    assert first[0].source != second[0].source
    assert len({a.id for a in first}) == 8


def test_ingest_bundled_samples_read_without_errors() -> None:
    articles, errors = _read(str(ROOT / "samples"))
    assert errors == []
    assert {Path(a.source).name for a in articles} >= {SEED.name}
    assert len({Path(a.source).name for a in articles}) >= 4
    assert all(a.title and a.text and a.published for a in articles)
    assert not any("readme" in a.source.casefold() for a in articles)


# --- the shared corpus ------------------------------------------------------------------


@pytest.mark.shared
def test_ingest_shared_dev_jsonl_reads_31_articles() -> None:
    corpus = SHARED / "corpus" / "dev.jsonl"
    if not corpus.exists():
        pytest.skip(f"the shared corpus is not here ({corpus})")
    articles, errors = _read(str(corpus))
    assert errors == []
    assert len(articles) == 31
    assert [a.index for a in articles] == list(range(1, 32))
    assert all(a.metadata.get("page") for a in articles)


@pytest.mark.shared
def test_ingest_shared_seed_matches_the_gold_file() -> None:
    page = SHARED / "corpus" / "000_5d660a483205698d.txt"
    gold = SHARED / "eval" / "gold" / "seed.jsonl"
    if not (page.exists() and gold.exists()):
        pytest.skip(f"the shared seed page or its gold file is not here ({SHARED})")
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    expected = [(f"{page.name}#{a}", t, p) for a, t, p in SEED_GOLD]
    assert [(r["doc"], r["title"], r["published"]) for r in records] == expected
    articles, _ = _read(str(page))
    found = [(f"{Path(a.source).name}#{a.index}", a.title, a.published) for a in articles]
    assert found == expected
    assert page.read_bytes() == SEED.read_bytes()
