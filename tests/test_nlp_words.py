"""The word lists of ``resources/words.json``: every list the code names is there, and a
missing, malformed or unknown list is an error naming the file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from diplograph.errors import ResourceError
from diplograph.nlp.gazetteer import read_json
from diplograph.nlp.words import Words


def test_words_every_list_read() -> None:
    words = Words.from_json(read_json("words.json"))
    assert "consultations" in words.bilateral_nouns
    assert ("at", "the") in words.invitation_openers  # a phrase, token by token
    assert words.state_prefixes[:2] == ("Republic of", "Kingdom of")  # order kept
    assert words.pronouns == {"he", "she", "his", "her"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("first_person"), "'first_person'"),
        (lambda d: d.update(first_person="we"), "'first_person'"),
        (lambda d: d.update(first_persons=["we"]), "unknown word lists ['first_persons']"),
    ],
)
def test_words_bad_list_names_the_file(
    change: Callable[[dict[str, Any]], object], message: str
) -> None:
    data = read_json("words.json")
    change(data)
    with pytest.raises(ResourceError) as info:
        Words.from_json(data)
    assert message in str(info.value) and "words.json" in str(info.value)
