"""The trigger Matcher gives exactly what spaCy's Matcher gives, in the same order."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplograph.nlp import Extractor
from diplograph.nlp.triggers import TriggerMatcher

TEXTS = [
    "The Minister of Foreign Affairs met with the Ambassador of Norway in Astana.",
    "President Tokayev held talks with his counterpart.\nThe sides signed an agreement.",
    "The minister paid an official visit to Hungary at the invitation of his\n"
    "Hungarian counterpart and held\nconsultations with the State Secretary.",
    "Kazakhstan will send humanitarian aid to Türkiye. The delegations\n\nagreed to hold "
    "the next round of political consultations in 2025.",
    "He expressed condolences over the victims. A telephone conversation took place on "
    "Monday; they also discussed the agenda of the upcoming summit.",
    "The Embassy opened in Oslo. The Deputy Minister received the newly appointed "
    "ambassador, who presented copies of his credentials.",
    "met met met with with visit visit to to\n\n\nsigned signed",
    "",
    "   \n  ",
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def corpus_texts() -> list[str]:
    from pathlib import Path

    samples = Path(__file__).resolve().parents[1] / "samples"
    return [p.read_text(encoding="utf-8") for p in sorted(samples.glob("*.txt"))]


@pytest.mark.parametrize("text", TEXTS + corpus_texts())
def test_prefiltered_matches_equal_plain_matcher(extractor: Extractor, text: str) -> None:
    trigger_matcher = extractor.nlp.get_pipe("diplograph_events").finder.matcher
    assert trigger_matcher.exact  # the Python matcher is in use
    doc = extractor.nlp(text)
    assert trigger_matcher(doc) == list(trigger_matcher.matcher(doc))


def test_matches_found_on_wrapped_lines(extractor: Extractor) -> None:
    doc = extractor.nlp("The minister paid an official\nvisit to Oslo and met\nwith the mayor.")
    assert extractor.nlp.get_pipe("diplograph_events").finder.matcher(doc)


def pattern_words(extractor: Extractor) -> list[str]:
    """Every word the trigger patterns name, with fillers, punctuation and line breaks."""
    words = {"the", "of", "and", "a", "Minister", "Norway", ",", ".", "-", "\n", "\n\n"}
    for spec in extractor.gaz.triggers:
        for token in spec["pattern"]:
            for value in token.values():
                if isinstance(value, str) and value not in {"?", "*", "+", "!"}:
                    words.add(value)
                elif isinstance(value, dict):
                    words.update(*value.values())
    return sorted(words)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_matcher_equals_spacy_on_trigger_word_soup(
    extractor: Extractor, data: st.DataObject
) -> None:
    """Runs of trigger words open, branch and drop many states at once."""
    words = data.draw(st.lists(st.sampled_from(pattern_words(extractor)), max_size=40))
    doc = extractor.nlp(" ".join(words))
    trigger_matcher = extractor.nlp.get_pipe("diplograph_events").finder.matcher
    assert trigger_matcher(doc) == list(trigger_matcher.matcher(doc))


OPERATOR_PATTERNS = [
    ("plus", [{"LOWER": "a"}, {"LOWER": "b", "OP": "+"}, {"LOWER": "c", "OP": "?"}]),
    ("star", [{"LOWER": {"IN": ["a", "b"]}}, {"IS_ALPHA": True, "OP": "*"}, {"ORTH": "c"}]),
    ("not", [{"LOWER": "b"}, {"LOWER": "a", "OP": "!"}, {"IS_PUNCT": True, "OP": "?"}]),
    ("any-start", [{"IS_ALPHA": True, "OP": "?"}, {"LOWER": {"NOT_IN": ["a"]}}]),
]


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(["a", "b", "c", "A", "B", ",", "-", "\n"]), max_size=14))
def test_matcher_equals_spacy_with_every_operator(words: list[str]) -> None:
    """'+', '*', '!' and optional first tokens, which the triggers do not use yet."""
    import spacy

    nlp = spacy.blank("en")
    matcher = TriggerMatcher(nlp.vocab, OPERATOR_PATTERNS)
    assert matcher.exact
    doc = nlp(" ".join(words))
    assert matcher(doc) == list(matcher.matcher(doc))


def test_matcher_falls_back_on_what_it_lacks() -> None:
    import spacy

    nlp = spacy.blank("en")
    matcher = TriggerMatcher(nlp.vocab, [("shape", [{"SHAPE": "Xxxx"}])])
    assert not matcher.exact
    doc = nlp("Oslo and Bern")
    assert matcher(doc) == list(matcher.matcher(doc))
