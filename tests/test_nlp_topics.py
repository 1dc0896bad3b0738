"""Topics from the controlled vocabulary and their PLOVER contexts."""

from __future__ import annotations

import json
from importlib import resources

from diplograph.nlp import plover_contexts
from diplograph.nlp.topics import context_table

PLOVER_GOLD_CONTEXTS = {"economic", "military", "terrorism", "diplomatic", "political", "legal"}


def test_nlp_topics_every_topic_has_a_context_entry() -> None:
    text = resources.files("diplograph.nlp").joinpath("resources", "topics.json").read_text()
    data = json.loads(text)
    assert set(data["topics"]) == set(data["plover_contexts"])


def test_nlp_topics_plover_contexts_in_order_once() -> None:
    assert plover_contexts(["trade", "investment", "energy"]) == ["economic", "resource"]
    assert plover_contexts(["security", "defence"]) == ["military", "terrorism"]
    assert plover_contexts(["humanitarian", "migration"]) == [
        "humanitarian",
        "migration",
        "refugee",
    ]


def test_nlp_topics_without_context_add_none() -> None:
    assert plover_contexts(["education", "culture", "science"]) == []
    assert plover_contexts(["no such topic"]) == []


def test_nlp_topics_contexts_use_plover_names() -> None:
    used = {c for contexts in context_table().values() for c in contexts}
    assert used >= PLOVER_GOLD_CONTEXTS
    assert all(c == c.lower() and " " not in c for c in used)


def test_nlp_topics_event_takes_the_article_topics_when_its_own_text_has_none() -> None:
    from diplograph.models import Article
    from diplograph.nlp import Extractor

    text = (
        "Minister of Foreign Affairs of Peru Lucia Andrade Ferro met with Ambassador of "
        "Canada to Peru Thomas Whitcombe.\n"
        "The meeting took place at the ministry.\n"
        "Canada remains one of the main investors in the mining sector of Peru."
    )
    article = Article(source="t.txt", index=1, text=text, title="Peru and Canada meet")
    meetings = [e for e in Extractor().extract(article).events if e.type == "MEETING"]
    assert meetings, "the meeting itself is found"
    assert "investment" in meetings[0].topics
