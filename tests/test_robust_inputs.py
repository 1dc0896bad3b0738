"""Bad input (GitHub issue 8): every reader and the extractor end in clean articles or a
``DiplographError`` naming the input, never an unhandled exception."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplograph.errors import DiplographError, ExtractionError, InputError, UsageError
from diplograph.ingest import FORMATS, read_inputs
from diplograph.models import Article, Extraction
from diplograph.nlp import Extractor

FAST = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

SHELLS = {
    "jsonl": b'{"text": "%s", "title": "T"}\n{"text": 1}\n',
    "feed": b"<?xml version='1.0'?><rss><channel><item><title>t</title>"
    b"<description>%s</description></item></channel></rss>",
    "html": b"<!doctype html><html><body><article><p>%s</p></article></body></html>",
    "csv": b"text,title\n%s,x\n",
    "seed": b" date 2024-04-13 10.04.2024, 19:37 15401\n%s\nrelevant news\n12.04.2024, 10:17\n%s\n",
    "warc": b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n%s",
    "text": b"%s",
}


WORDS = ["Minister", "Kazakhstan", "met", "signed", "Tokayev", "\u200b", "\u0301", "ǅ", "🇰🇿"]
WORDS += ["Ambassador", "of", "the", ".", "\n", "Министр", "visited", "Hungary", "agreement"]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def read_all(path: Path, fmt: str | None = None, **options: object) -> list[Article]:
    """The articles of ``path``; every reported error must be a DiplographError naming it."""
    errors: list[DiplographError] = []
    articles = list(read_inputs([str(path)], fmt=fmt, on_error=errors.append, **options))  # type: ignore[arg-type]
    for error in errors:
        assert isinstance(error, DiplographError)
        assert error.source == str(path)
    for article in articles:
        assert isinstance(article.text, str)
    return articles


def check_extraction(extraction: Extraction) -> None:
    text = extraction.article.text
    for event in extraction.events:
        for ev in event.evidence:
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start : ev.end] == ev.text


@FAST
@given(data=st.binary(max_size=3000), fmt=st.sampled_from([None, *FORMATS]))
def test_robust_inputs_random_bytes(tmp_path: Path, data: bytes, fmt: str | None) -> None:
    path = tmp_path / "in.bin"
    path.write_bytes(data)
    read_all(path, fmt)


@FAST
@given(
    shell=st.sampled_from(sorted(SHELLS)),
    piece=st.binary(max_size=500),
    cut=st.integers(min_value=0, max_value=800),
    nuls=st.booleans(),
)
def test_robust_inputs_truncated_and_malformed_formats(
    tmp_path: Path, shell: str, piece: bytes, cut: int, nuls: bool
) -> None:
    data = SHELLS[shell].replace(b"%s", piece)[:cut]
    if nuls:
        data = data.replace(b" ", b"\x00")
    for name, content in (("in", data), ("in.gz", gzip.compress(data))):
        path = tmp_path / name
        path.write_bytes(content)
        read_all(path)
        read_all(path, shell)


@FAST
@given(
    text=st.text(max_size=400),
    encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32", "cp1251", "cp1252"]),
)
def test_robust_inputs_encodings(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(text.encode(encoding, errors="replace"))
    read_all(path)


def test_robust_inputs_invalid_utf8_and_surrogates(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(b"Title\n\xed\xa0\x80 lone surrogate \xc3\x28 bad \xff\xfe tail\n")
    assert read_all(path)


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"{}\n", b'{"text": ""}\n', b"<rss/>"])
def test_robust_inputs_empty_items(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    read_all(path)


def test_robust_inputs_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Title\n" + b"word " * 1000)
    errors: list[DiplographError] = []
    assert list(read_inputs([str(path)], on_error=errors.append, max_bytes=100)) == []
    assert isinstance(errors[0], InputError) and "larger than the limit" in str(errors[0])
    assert str(path) in str(errors[0])
    monkeypatch.setenv("DIPLOGRAPH_MAX_BYTES", "100")
    with pytest.raises(InputError, match="larger than the limit"):
        list(read_inputs([str(path)]))
    monkeypatch.setenv("DIPLOGRAPH_MAX_BYTES", "lots")
    with pytest.raises(UsageError):
        read_inputs([str(path)])
    monkeypatch.delenv("DIPLOGRAPH_MAX_BYTES")
    assert len(read_all(path)) == 1


def test_robust_inputs_real_50mb_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024 + 1)
    errors: list[DiplographError] = []
    assert list(read_inputs([str(path)], on_error=errors.append)) == []
    assert "larger than the limit" in str(errors[0])


def test_robust_inputs_million_character_line(tmp_path: Path, extractor: Extractor) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text('{"text": "The minister met. ' + "{" * 1_000_000 + '"}\n', encoding="utf-8")
    [article] = read_all(path)
    with pytest.raises(ExtractionError, match="too long to read") as caught:
        extractor.extract(article)
    assert caught.value.source == str(path) and caught.value.__cause__ is None
    shorter = Article(source="x", index=1, text="The minister met. " + "{" * 900_000)
    check_extraction(extractor.extract(shorter))


@FAST
@given(text=st.text(max_size=600), title=st.none() | st.text(max_size=50))
def test_robust_inputs_extractor_on_garbage(
    extractor: Extractor, text: str, title: str | None
) -> None:
    article = Article(source="fuzz", index=1, text=text, title=title)
    extraction = extractor.extract(article)
    assert isinstance(extraction, Extraction)
    check_extraction(extraction)


@FAST
@given(
    words=st.lists(
        st.sampled_from(WORDS),
        max_size=80,
    )
)
def test_robust_inputs_extractor_on_diplomatic_garbage(
    extractor: Extractor, words: list[str]
) -> None:
    article = Article(source="fuzz", index=1, text=" ".join(words))
    check_extraction(extractor.extract(article))


def test_robust_evidence_quotes_the_article_where_a_long_run_was_blanked() -> None:
    """A run of characters too long for the tokenizer is blanked for reading only: the
    evidence still quotes the article's own text at its offsets."""
    from diplograph.models import Article
    from diplograph.nlp import Extractor

    junk = "x" * 5000
    text = (
        "Minister of Foreign Affairs of Peru Lucia Andrade Ferro met with Ambassador of "
        f"Canada to Peru Thomas Whitcombe {junk} in Lima."
    )
    article = Article(source="t.txt", index=1, text=text, title="Talks")
    events = Extractor().extract(article).events
    assert events, "the meeting is still read"
    for event in events:
        for ev in event.evidence:
            assert text[ev.start : ev.end] == ev.text
    assert any(junk in ev.text for e in events for ev in e.evidence)
