"""The English word lists of ``resources/words.json``: the small words the rules of
``nlp/`` test tokens against (prepositions, determiners, pronouns, auxiliaries, cue nouns).

Each list is a field of ``Words``, read once per extractor with the gazetteer and handed
to the components that consult it. A field typed ``frozenset[str]`` is a set of words, one
typed ``tuple[str, ...]`` keeps its order, and one typed ``frozenset[tuple[str, ...]]`` is a
set of phrases, each written with spaces between its tokens ("at the", ", and").
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from diplograph.errors import ResourceError

SOURCE = "words.json"


@dataclass(frozen=True)
class Words:
    """The word lists of ``words.json``, one field each (see the file for what each is)."""

    # events and their sides (roles, context, events)
    bilateral_nouns: frozenset[str]
    passive_auxiliaries: frozenset[str]
    past_auxiliaries: frozenset[str]
    topic_words: frozenset[str]
    first_person: frozenset[str]
    speaker_words: frozenset[str]
    speech_verbs: frozenset[str]
    sender_skips: frozenset[str]
    document_determiners: frozenset[str]
    object_prepositions: frozenset[str]
    object_fillers: frozenset[str]
    back_reference_determiners: frozenset[str]
    partner_prepositions: frozenset[str]
    invitation_openers: frozenset[tuple[str, ...]]
    inviter_prepositions: frozenset[str]
    envoy_verbs: frozenset[str]
    relative_pronouns: frozenset[str]
    owner_pronouns: frozenset[str]
    subject_gap_words: frozenset[str]
    setting_openers: frozenset[str]
    member_words: frozenset[str]
    org_part_nouns: frozenset[str]  # "EU agencies": bodies of an organisation, not it
    setting_place_prepositions: frozenset[str]
    setting_trip_openers: frozenset[str]
    setting_trip_nouns: frozenset[str]
    commitment_words: frozenset[str]
    next_round_words: frozenset[str]
    first_person_openers: frozenset[str]
    companion_words: frozenset[str]
    invited_acts: frozenset[str]
    visitor_heads: frozenset[str]
    invitation_answers: frozenset[str]
    hosting_verbs: frozenset[str]
    # actors
    place_prepositions: frozenset[str]
    description_determiners: frozenset[str]
    generic_heads: frozenset[str]
    org_nouns: frozenset[str]
    subject_pronouns: frozenset[str]
    object_pronouns: frozenset[str]
    plurilateral_words: frozenset[str]
    invitation_acceptances: frozenset[str]
    reciprocal_words: frozenset[str]
    possessive_pronouns: frozenset[str]
    possessed_nouns: frozenset[str]
    description_links: frozenset[str]
    pair_words: frozenset[str]
    agreement_verbs: frozenset[str]
    publisher_words: frozenset[str]
    state_institution_nouns: frozenset[str]
    # persons, office titles, organisations, places, sentences
    title_determiners: frozenset[str]
    body_name_links: frozenset[str]
    state_body_words: frozenset[str]
    title_copulas: frozenset[str]
    posted_to: frozenset[tuple[str, ...]]
    org_head_links: frozenset[str]
    possessive_determiners: frozenset[str]
    delegation_nouns: frozenset[str]
    list_separators: frozenset[tuple[str, ...]]
    list_joiners: frozenset[str]
    item_glosses: frozenset[str]
    item_separators: frozenset[str]
    gloss_openers: frozenset[str]
    title_org_links: frozenset[str]
    distributive_words: frozenset[str]
    single_determiners: frozenset[str]
    date_abbreviations: frozenset[str]  # "Tue 04 Mar": beside a number, no name
    state_prefixes: tuple[str, ...]
    abbreviations: tuple[str, ...]

    @property
    def pronouns(self) -> frozenset[str]:
        """The pronouns that stand for a person ("he", "his")."""
        return self.subject_pronouns | self.possessive_pronouns

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Words:
        """The lists of a ``words.json`` object; keys starting with "//" are comments."""
        names = {f.name: str(f.type) for f in fields(cls)}
        unknown = sorted(k for k in data if k not in names and not k.startswith("//"))
        if unknown:
            raise ResourceError(f"unknown word lists {unknown}", source=SOURCE)
        values: dict[str, Any] = {}
        for name, kind in names.items():
            raw = data.get(name)
            if not isinstance(raw, list) or not all(isinstance(w, str) for w in raw):
                raise ResourceError(f"{name!r}: expected a list of strings", source=SOURCE)
            if kind.startswith("tuple"):
                values[name] = tuple(raw)
            elif "tuple" in kind:
                values[name] = frozenset(tuple(w.split()) for w in raw)
            else:
                values[name] = frozenset(raw)
        return cls(**values)
