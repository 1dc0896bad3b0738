"""The synthetic release generator of bench/synthetic.py: deterministic, and read as releases."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from diplograph.models import Article
from diplograph.nlp import Extractor

BENCH = Path(__file__).resolve().parents[1] / "bench" / "synthetic.py"


@pytest.fixture(scope="module")
def synthetic() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_synthetic", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _lines(synthetic: ModuleType, n: int, seed: int) -> list[dict[str, str]]:
    out = io.StringIO()
    synthetic.write_jsonl(n, seed, out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_bench_generator_same_seed_same_articles(synthetic: ModuleType) -> None:
    first = _lines(synthetic, 50, seed=3)
    assert first == _lines(synthetic, 50, seed=3)
    assert first != _lines(synthetic, 50, seed=4)


def test_bench_generator_writes_n_records(synthetic: ModuleType) -> None:
    lines = _lines(synthetic, 37, seed=1)
    assert len(lines) == 37
    assert all(set(line) == {"url", "title", "published", "text"} for line in lines)
    assert len({line["text"] for line in lines}) == 37
    sentences = [line["text"].count(". ") + 1 for line in lines]
    assert min(sentences) >= 3


def test_bench_generator_truth_matches_text(synthetic: ModuleType) -> None:
    for release in synthetic.synthetic_articles(30, seed=2):
        text = release.extraction.article.text
        assert release.record["text"] == text
        assert release.extraction.events
        for event in release.extraction.events:
            for evidence in event.evidence:
                assert text[evidence.start : evidence.end] == evidence.text


def test_bench_generator_every_article_yields_an_event(synthetic: ModuleType) -> None:
    extractor = Extractor()
    for n, line in enumerate(_lines(synthetic, 20, seed=11)):
        article = Article(source="synthetic", index=n, **line)
        assert extractor.extract(article).events, line["text"]
