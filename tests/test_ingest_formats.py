"""Feeds, web archives and CSV read into the same articles as their plain equivalents."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from diplograph.errors import DiplographError, InputError, UnknownFormatError
from diplograph.ingest import FORMATS, detect_format, read_inputs
from diplograph.models import Article

ITEMS = [
    {
        "title": "Kazakhstan and Chile Sign Agreement",
        "text": "The Minister of Foreign Affairs of Kazakhstan met the Ambassador of Chile.\n"
        "An agreement on visa exemption was signed.",
        "url": "https://mfa.example/news/1",
    },
    {
        "title": "Kazakhstan Sends Aid to Kenya",
        "text": "Kazakhstan sent 100 tonnes of flour to Kenya.",
        "url": "https://mfa.example/news/2",
    },
    {
        "title": "Kazakhstan and Peru Sign Memorandum",
        "text": "The memorandum was signed in Lima by both ministers.",
        "url": "https://mfa.example/news/3",
    },
]

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>MFA News</title><link>https://mfa.example/</link>
<description>News</description>
{items}
</channel></rss>
"""
RSS_ITEM = """<item><title>{title}</title><link>{url}</link>
<pubDate>Thu, 02 May 2024 10:00:00 +0500</pubDate>
<description><![CDATA[{html}]]></description></item>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>MFA</title><id>urn:mfa</id>
<updated>2024-05-02T10:00:00Z</updated>
<entry><title>Kazakhstan Sends Aid to Kenya</title><id>urn:2</id>
<link href="https://mfa.example/news/2"/><updated>2024-05-01T08:30:00Z</updated>
<content type="html">&lt;p&gt;Kazakhstan sent 100 tonnes of flour to Kenya.&lt;/p&gt;</content>
</entry></feed>
"""

PAGE = """<!doctype html>
<html><head><title>{title} | MFA</title>
<meta property="article:published_time" content="2024-05-0{n}T10:00:00"></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>{title}</h1>
{paragraphs}
<p>The parties discussed trade and investment cooperation in detail during the meeting.</p>
</article><footer>Copyright 2024</footer></body></html>
"""
DATELESS_PAGE = """<!doctype html>
<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>{text} The parties discussed trade and investment cooperation in great detail.</p>
</article></body></html>
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


def _jsonl(items: list[dict[str, str]]) -> str:
    return "".join(json.dumps(item) + "\n" for item in items)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{line}</p>" for line in text.split("\n"))


def _pages() -> list[str]:
    return [
        PAGE.format(n=n, title=item["title"], paragraphs=_paragraphs(item["text"]))
        for n, item in enumerate(ITEMS, start=1)
    ]


def _warc(pages: list[tuple[str, str]], gzip: bool, extra: bool = True) -> bytes:
    """A web archive of ``(url, html)`` responses, with a request and an image between."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for i, (url, html) in enumerate(pages):
        if extra and i == 1:
            writer.write_record(
                writer.create_warc_record(url, "request", payload=io.BytesIO(), length=0)
            )
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url + ".png",
                    "response",
                    payload=io.BytesIO(b"\x89PNG"),
                    length=4,
                    http_headers=image,
                )
            )
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(html.encode("utf-8")),
            length=len(html.encode("utf-8")),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-06-01T12:00:00Z"},
        )
        writer.write_record(record)
    return buffer.getvalue()


def _key(article: Article) -> tuple[str | None, str, str]:
    return (article.title, article.text, article.id)


def test_ingest_formats_are_offered_for_fmt() -> None:
    assert {"feed", "warc", "csv"} <= set(FORMATS)


# --- feeds ------------------------------------------------------------------------------


def test_ingest_feed_gives_the_same_articles_as_jsonl(tmp_path: Path) -> None:
    entries = "\n".join(
        RSS_ITEM.format(title=i["title"], url=i["url"], html=_paragraphs(i["text"])) for i in ITEMS
    )
    feed = _write(tmp_path / "news.xml", RSS.format(items=entries))
    plain = _write(tmp_path / "news.jsonl", _jsonl(ITEMS))
    articles, errors = _read(feed)
    expected, _ = _read(plain)
    assert errors == []
    assert [_key(a) for a in articles] == [_key(a) for a in expected]
    assert [a.index for a in articles] == [1, 2, 3]
    assert [a.url for a in articles] == [i["url"] for i in ITEMS]
    assert articles[0].published == "2024-05-02T05:00:00+00:00"
    assert articles[0].metadata["feed"] == "MFA News"


def test_ingest_atom_feed_reads_content_and_updated_date(tmp_path: Path) -> None:
    (article,), errors = _read(_write(tmp_path / "atom", ATOM))
    assert errors == []
    assert (article.title, article.text) == (ITEMS[1]["title"], ITEMS[1]["text"])
    assert (article.url, article.published) == (ITEMS[1]["url"], "2024-05-01T08:30:00+00:00")


def test_ingest_feed_entry_without_text_is_reported_and_others_read(tmp_path: Path) -> None:
    entries = "<item><title>Empty</title><link>https://x/1</link></item>\n" + RSS_ITEM.format(
        title=ITEMS[1]["title"], url=ITEMS[1]["url"], html=ITEMS[1]["text"]
    )
    path = _write(tmp_path / "feed.rss", RSS.format(items=entries))
    articles, errors = _read(path)
    assert [(a.index, a.title) for a in articles] == [(2, ITEMS[1]["title"])]
    assert len(errors) == 1
    assert errors[0].source == path
    assert "entry 1" in errors[0].message


def test_ingest_feed_url_that_cannot_be_fetched_is_an_error_naming_it() -> None:
    url = "http://127.0.0.1:9/feed.xml"  # the discard port: nothing listens
    articles, errors = _read(url)
    assert articles == []
    assert len(errors) == 1
    assert errors[0].source == url
    assert "cannot fetch URL" in errors[0].message


# --- web archives -----------------------------------------------------------------------


@pytest.mark.parametrize("gzip", [True, False])
def test_ingest_warc_gives_the_same_articles_as_html_files(tmp_path: Path, gzip: bool) -> None:
    pages = _pages()
    files = [_write(tmp_path / "pages" / f"{n}.html", page) for n, page in enumerate(pages)]
    name = "crawl.warc.gz" if gzip else "crawl.warc"
    archive = _write(
        tmp_path / name, _warc(list(zip([i["url"] for i in ITEMS], pages, strict=True)), gzip)
    )
    articles, errors = _read(archive)
    expected, expected_errors = _read(*files)
    assert errors == expected_errors == []
    assert [_key(a) for a in articles] == [_key(a) for a in expected]
    assert [a.index for a in articles] == [1, 2, 3]
    assert {a.source for a in articles} == {archive}
    assert [a.url for a in articles] == [i["url"] for i in ITEMS]
    assert [a.published for a in articles] == [a.published for a in expected]


def test_ingest_warc_date_is_the_fallback_for_a_page_without_date(tmp_path: Path) -> None:
    page = DATELESS_PAGE.format(title=ITEMS[0]["title"], text=ITEMS[0]["text"])
    archive = _write(tmp_path / "one.warc", _warc([("https://x/1", page)], gzip=False))
    (article,), errors = _read(archive)
    assert errors == []
    assert article.published == "2024-06-01T12:00:00Z"


def test_ingest_directory_reads_warc_gz_but_not_other_gz(tmp_path: Path) -> None:
    _write(tmp_path / "a.warc.gz", _warc([("https://x/1", _pages()[0])], gzip=True))
    _write(tmp_path / "b.tar.gz", b"\x1f\x8b not an archive")
    articles, errors = _read(str(tmp_path))
    assert errors == []
    assert [a.title for a in articles] == [ITEMS[0]["title"]]


@pytest.mark.parametrize("gzip", [False])
def test_ingest_corrupt_warc_keeps_records_read_and_names_the_offset(
    tmp_path: Path, gzip: bool
) -> None:
    pages = list(zip([i["url"] for i in ITEMS], _pages(), strict=True))
    whole = _warc(pages, gzip, extra=False)
    first = _warc(pages[:1], gzip, extra=False)
    broken = whole[: len(first)] + b"garbage, not a record\r\n\r\n" + whole[len(first) :]
    path = _write(tmp_path / ("bad.warc.gz" if gzip else "bad.warc"), broken)
    articles, errors = _read(path)
    assert len(articles) == 1
    assert articles[0].title == ITEMS[0]["title"]
    assert len(errors) == 1
    assert isinstance(errors[0], InputError)
    assert errors[0].source == path
    assert "offset" in errors[0].message


def test_ingest_corrupt_warc_raises_without_on_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.warc", b"WARC/1.0\r\nbroken\r\n\r\nmore")
    with pytest.raises(InputError) as caught:
        list(read_inputs([path]))
    assert caught.value.source == path


# --- CSV --------------------------------------------------------------------------------


def _csv(rows: list[dict[str, str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_ingest_csv_gives_the_same_articles_as_jsonl(tmp_path: Path, delimiter: str) -> None:
    rows = [{**item, "outlet": "kz-mfa"} for item in ITEMS]
    path = _write(tmp_path / "news.csv", _csv(rows, delimiter))
    articles, errors = _read(path)
    expected, _ = _read(_write(tmp_path / "news.jsonl", _jsonl(ITEMS)))
    assert errors == []
    assert [_key(a) for a in articles] == [_key(a) for a in expected]
    assert [a.url for a in articles] == [i["url"] for i in ITEMS]
    assert [a.index for a in articles] == [1, 2, 3]
    assert articles[0].metadata == {"outlet": "kz-mfa"}


def test_ingest_csv_reads_body_and_date_columns(tmp_path: Path) -> None:
    content = "Date,Headline,Body\n2024-05-02,ignored,Kazakhstan sent flour to Kenya.\n"
    (article,), errors = _read(_write(tmp_path / "x.dat", content))
    assert errors == []
    assert (article.text, article.published, article.title) == (
        "Kazakhstan sent flour to Kenya.",
        "2024-05-02",
        None,
    )
    assert article.metadata == {"Headline": "ignored"}


def test_ingest_csv_row_without_text_is_reported_and_others_read(tmp_path: Path) -> None:
    content = 'title,text\nFirst,"One text."\nEmpty,\n\nThird,"Three\ntext."\n'
    path = _write(tmp_path / "rows.csv", content)
    articles, errors = _read(path)
    assert [(a.index, a.title, a.text) for a in articles] == [
        (1, "First", "One text."),
        (3, "Third", "Three\ntext."),
    ]
    assert len(errors) == 1
    assert errors[0].source == path
    assert "row 2" in errors[0].message


def test_ingest_csv_without_text_column_is_forced_and_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "x.csv", "title,url\nA,https://x\n")
    articles, errors = _read(path, fmt="csv")
    assert articles == []
    assert "text column" in errors[0].message


# --- detection --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (RSS.format(items=""), "feed"),
        (ATOM, "feed"),
        ("<rss version='2.0'><channel></channel></rss>", "feed"),
        (_csv([dict(ITEMS[0])]), "csv"),
        ("title;text\nA;B\n", "csv"),
        ("Kazakhstan, Chile and Peru Talks\nThe text, with commas.", "text"),
        ("Body, mind and soul\nA text.", "text"),
    ],
)
def test_ingest_formats_detected_from_content(content: str, expected: str) -> None:
    assert detect_format(content, "input.dat") == expected


def test_ingest_warc_detected_from_content_whatever_the_name(tmp_path: Path) -> None:
    data = _warc([("https://x/1", _pages()[0])], gzip=True)
    articles, errors = _read(_write(tmp_path / "download.bin", data))
    assert errors == []
    assert [a.title for a in articles] == [ITEMS[0]["title"]]


def test_ingest_forced_format_overrides_detection(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "title,text\nA,B\n")
    (article,), _ = _read(path, fmt="text")
    assert article.title == "title,text"
    path = _write(tmp_path / "b.txt", "Plain\nText.")
    articles, errors = _read(path, fmt="warc")
    assert articles == []
    assert isinstance(errors[0], InputError)


def test_ingest_feed_without_channel_or_entries_is_unknown_format(tmp_path: Path) -> None:
    articles, errors = _read(_write(tmp_path / "x.xml", "<rss>"))
    assert articles == []
    assert isinstance(errors[0], UnknownFormatError)
