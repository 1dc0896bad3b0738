"""Related articles (diplograph.resolve.related, query.related, `diplograph related`)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from diplograph.cli import cli
from diplograph.errors import NotFoundError
from diplograph.models import Extraction
from diplograph.query import related
from diplograph.resolve.related import ArticleProfile, cosine, rank_related, tfidf_vectors, words
from diplograph.store import open_store


def profile(
    id: str,
    text: str,
    actors: dict[str, str] | None = None,
    events: dict[str, str] | None = None,
    topics: tuple[str, ...] = (),
) -> ArticleProfile:
    return ArticleProfile(id, None, None, text, actors or {}, events or {}, frozenset(topics))


def test_related_tfidf_cosine_is_one_for_the_same_text_and_zero_for_none_shared() -> None:
    a, b, c = tfidf_vectors(
        ["Grain exports through the port", "Grain exports through the port", "Ballet premiere"]
    )
    assert cosine(a, b) == pytest.approx(1.0)
    assert cosine(a, c) == 0.0
    assert words("The parties discussed GRAIN exports, 2024") == ["discussed", "grain", "exports"]


def test_related_ranks_shared_event_and_rare_actor_above_common_ones() -> None:
    common = {"ent_kaz": "Kazakhstan"}
    profiles = [
        profile("t", "talks on grain", {**common, "ent_fm": "Dana Iskakova"}, {"evc_1": "MEETING"}),
        profile(
            "same_event",
            "meeting report",
            {**common, "ent_fm": "Dana Iskakova"},
            {"evc_1": "MEETING"},
        ),
        profile("same_person", "another day", {**common, "ent_fm": "Dana Iskakova"}),
        profile("same_country", "unrelated news", common),
        profile("other", "ballet premiere", {"ent_fra": "France"}),
    ] + [profile(f"filler{n}", "filler text", common) for n in range(5)]
    found = rank_related("t", profiles, limit=3)
    assert [r.article_id for r in found] == ["same_event", "same_person", "filler0"]
    assert found[0].reasons[0] == "same event: MEETING"
    assert found[0].shared_actors == ("Dana Iskakova", "Kazakhstan")
    assert all(r.article_id != "other" for r in rank_related("t", profiles, limit=None))


def test_related_text_alone_relates_articles() -> None:
    profiles = [
        profile("t", "The grain corridor through the Caspian port of Aktau"),
        profile("a", "Grain shipments via the Caspian port of Aktau grow"),
        profile("b", "A ballet premiere in Paris"),
    ]
    (found,) = rank_related("t", profiles)
    assert found.article_id == "a"
    assert found.reasons[0].startswith("similar text: ")
    assert rank_related("missing", profiles) == []


def test_related_in_a_store(tmp_db: str, sample_extractions: list[Extraction]) -> None:
    with open_store(tmp_db) as store:
        for extraction in sample_extractions:
            store.save(extraction)
        sri_lanka = sample_extractions[0].article.id
        found = related(store, sri_lanka)
        assert found[0]["article_id"] == sample_extractions[1].article.id
        assert "Alibek Bakayev" in found[0]["shared_actors"]
        assert related(store, "kt.txt#3")[0] == found[0]
        with pytest.raises(NotFoundError):
            related(store, "art_nope")


def test_cli_related(tmp_db: str, sample_extractions: list[Extraction]) -> None:
    with open_store(tmp_db) as store:
        for extraction in sample_extractions:
            store.save(extraction)
    runner = CliRunner()
    table = runner.invoke(cli, ["related", "kt.txt#5", "--db", tmp_db])
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0].split() == ["score", "id", "published", "title", "why"]
    assert "Alibek Bakayev" in table.stdout
    assert max(len(line) for line in table.stdout.splitlines()) <= 80
    rows = [
        json.loads(line)
        for line in runner.invoke(
            cli, ["related", "kt.txt#5", "--db", tmp_db, "--format", "jsonl", "--limit", "1"]
        ).stdout.splitlines()
    ]
    assert len(rows) == 1 and rows[0]["score"] > 0 and rows[0]["reasons"]
    missing = runner.invoke(cli, ["related", "nope#1", "--db", tmp_db])
    assert missing.exit_code == 1
    assert missing.stderr.rstrip().endswith("[DG402]")
