"""Article references: every id or FILE#INDEX that `articles` and `related` print is taken
back by `related`, with the bare file name or any path; unknown and ambiguous ones fail."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from diplograph.cli import cli
from diplograph.models import Article, Extraction
from diplograph.query import article_ref
from diplograph.store import open_store


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def moved(extraction: Extraction, source: str, index: int, text: str) -> Extraction:
    """``extraction`` as if read from ``source``: a new article (and id) with its findings."""
    a = extraction.article
    article = Article(source=source, index=index, text=text, title=a.title, published=a.published)
    return replace(extraction, article=article)


@pytest.fixture
def ids_db(tmp_path: Path, sample_extractions: list[Extraction]) -> str:
    """The sample articles as stored from real files: two under the same name ``page.txt``
    (in ``a/`` and ``b/``, both at index 1), one only in ``c/other.txt``."""
    db = str(tmp_path / "ids.db")
    places = [("a/page.txt", 1), ("b/page.txt", 1), ("c/other.txt", 2)]
    with open_store(db) as store:
        for extraction, (name, index) in zip(sample_extractions, places, strict=True):
            path = tmp_path / name
            path.parent.mkdir()
            path.write_text(extraction.article.text, encoding="utf-8")
            text = extraction.article.text + f" ({name})"
            store.save(moved(extraction, str(path), index, text))
    return db


def listed(db: str) -> list[dict[str, object]]:
    result = run("articles", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_cli_ids_every_reference_articles_prints_is_taken_by_related(ids_db: str) -> None:
    rows = listed(ids_db)
    table = run("articles", "--db", ids_db).stdout.splitlines()
    shown = [line.split()[0] for line in table[2:] if line.startswith("art_")]
    assert sorted(shown) == sorted(str(r["id"]) for r in rows)  # the table shows whole ids
    assert {r["ref"] for r in rows} >= {"other.txt#2"}  # a bare name when it names one article
    for row in rows:
        for ref in (str(row["id"]), str(row["ref"])):
            result = run("related", ref, "--db", ids_db, "--format", "jsonl")
            assert result.exit_code == 0, (ref, result.output)
            related = [json.loads(line) for line in result.stdout.splitlines()]
            assert row["id"] not in {r["article_id"] for r in related}


def test_cli_ids_related_shows_ids_that_chain(ids_db: str) -> None:
    start = next(str(r["id"]) for r in listed(ids_db) if r["ref"] == "other.txt#2")
    table = run("related", start, "--db", ids_db)
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0].split() == ["score", "id", "published", "title", "why"]
    assert max(len(line) for line in table.stdout.splitlines()) <= 80
    ids = [line.split()[1] for line in table.stdout.splitlines()[2:] if "art_" in line]
    rows = [
        json.loads(line)
        for line in run("related", start, "--db", ids_db, "--format", "jsonl").stdout.splitlines()
    ]
    assert ids == [r["article_id"] for r in rows]
    for ref in ids + [r["ref"] for r in rows]:
        assert run("related", ref, "--db", ids_db).exit_code == 0, ref


def test_cli_ids_file_index_with_any_path(
    ids_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_source = {Path(str(r["source"])).relative_to(tmp_path).as_posix(): r for r in listed(ids_db)}
    in_a, in_c = str(by_source["a/page.txt"]["id"]), str(by_source["c/other.txt"]["id"])
    monkeypatch.chdir(tmp_path / "b")
    refs = {
        f"{tmp_path / 'a' / 'page.txt'}#1": in_a,  # absolute
        "../a/page.txt#1": in_a,  # relative, resolved from here
        "../b/../a/page.txt#1": in_a,
        "a/page.txt#1": in_a,  # the end of the stored path
        "./../c/other.txt#2": in_c,
        "other.txt#2": in_c,  # the bare name, alone at index 2
    }
    with open_store(ids_db, create=False) as store:
        assert {ref: article_ref(store, ref) for ref in refs} == refs
    for ref, article_id in refs.items():
        by_ref, by_id = (
            run("related", r, "--db", ids_db, "--format", "jsonl") for r in (ref, article_id)
        )
        assert by_ref.exit_code == 0, (ref, by_ref.output)
        assert by_ref.stdout == by_id.stdout


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("page.txt#1", "'page.txt#1' names 2 articles ("),
        ("nope.txt#1", "no article 'nope.txt#1'"),
        ("other.txt#9", "no article 'other.txt#9'"),
        ("art_0000000000000000", "no article 'art_0000000000000000'"),
        ("other.txt#x", "no article 'other.txt#x'"),
    ],
)
def test_cli_ids_unknown_or_ambiguous_reference_is_one_line_exit_1(
    ids_db: str, ref: str, expected: str
) -> None:
    result = run("related", ref, "--db", ids_db)
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {expected}"), line
    assert "Traceback" not in result.output
