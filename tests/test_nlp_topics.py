"""Topics from the controlled vocabulary and their PLOVER contexts."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from hypothesis import example, given, settings
from hypothesis import strategies as st

from diplograph.nlp import plover_contexts
from diplograph.nlp.gazetteer import load_gazetteer
from diplograph.nlp.topics import TopicFinder, context_table, unshadowed

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


TRICKY = ["ı", "ſ", "İ", "K", "ß", "é", "Ü", "’", "-", " ", "\n", "Trade", "TRADE", "oil", "gas"]


@settings(max_examples=300, deadline=None)
@example(pieces=["o", "ı", "l prices"])  # "ı" matches "i" case-blind, not when lower-cased
@example(pieces=["O", "İ", "l"])  # "İ" lower-cases to two characters
@example(pieces=["ſ", "ecurity"])
@example(pieces=["food ", "ſ", "ecurity"])
@example(pieces=["K", "elvin oiL"])
@given(pieces=st.lists(st.sampled_from(TRICKY) | st.text(max_size=4), max_size=30))
def test_nlp_topics_found_as_each_pattern_searched_alone(pieces: list[str]) -> None:
    """The start scan, the letter index and the lower-cased scan change no answer, even
    next to characters whose case does not fold one to one ("ı", "ſ", "İ", "K")."""
    finder = topic_finder()
    text = "".join(pieces)
    spans = [
        (pos, found.end(), topic)
        for topic, pattern in finder.any_case.patterns.items()
        for pos in range(len(text) + 1)
        if (found := pattern.match(text, pos))
    ]
    alone = unshadowed(spans)
    assert finder.topics_of(text) == [t for t in finder.order if t in alone]


def test_nlp_topics_a_compound_names_its_own_topic_not_its_words() -> None:
    finder = topic_finder()
    assert finder.topics_of("They discussed food security.") == ["agriculture"]
    assert finder.topics_of("Energy security and water security.") == ["energy", "water"]
    assert finder.topics_of("Food security and regional security.") == [
        "agriculture",
        "security",
    ]
    assert "security" in finder.topics_of("security")


@lru_cache(maxsize=1)
def topic_finder() -> TopicFinder:
    return TopicFinder(load_gazetteer())
