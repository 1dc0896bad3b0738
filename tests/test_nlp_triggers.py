"""The prefiltered trigger Matcher gives exactly what the plain spaCy Matcher gives."""

from __future__ import annotations

import pytest

from diplograph.nlp import Extractor

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
    trigger_matcher = extractor.events.matcher
    assert trigger_matcher.exact  # the prefilter is in use
    doc = extractor.nlp(text)
    assert trigger_matcher(doc) == list(trigger_matcher.matcher(doc))


def test_matches_found_on_wrapped_lines(extractor: Extractor) -> None:
    doc = extractor.nlp("The minister paid an official\nvisit to Oslo and met\nwith the mayor.")
    assert extractor.events.matcher(doc)
