"""International and national organisations: a gazetteer of names, acronyms and former
names, plus any "Full Name (ACRONYM)" the article itself introduces."""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplograph.nlp.gazetteer import Gazetteer, Org

ACRONYM_RE = re.compile(r"\(([A-Z][A-Za-z]{1,7}(?: [A-Z]{1,4})?)\)")
NAME_WORD_RE = re.compile(r"^(?:[A-Z][\w’'-]*|of|for|and|the|on|in|to|de|&)$")


def org_patterns(gaz: Gazetteer) -> Iterator[tuple[str, str]]:
    """(label, surface form) pairs; the label is ``org|<index>|form``."""
    for i, org in enumerate(gaz.orgs):
        yield f"org|{i}|name", org.name
        for alias in org.aliases:
            yield f"org|{i}|name", alias
        if org.acronym:
            yield f"org|{i}|acronym", org.acronym


def introduced_orgs(
    text: str, known: set[str], heads: frozenset[str], links: frozenset[str]
) -> list[Org]:
    """Organisations the text introduces as "Full Name (ACR)" that the gazetteer lacks."""
    found: list[Org] = []
    for match in ACRONYM_RE.finditer(text):
        acronym = match.group(1)
        if acronym in known:
            continue
        words = text[: match.start()].split()
        name_words: list[str] = []
        for word in reversed(words):
            if not NAME_WORD_RE.match(word):
                break
            name_words.insert(0, word)
        name_words = name_for(name_words, acronym)
        if len(name_words) < 2 or not headed(name_words, heads, links):
            continue
        found.append(Org(" ".join(name_words), acronym, (), "introduced"))
        known.add(acronym)
    return found


def headed(words: list[str], heads: frozenset[str], links: frozenset[str]) -> bool:
    """Whether an organisation noun heads the name: last, or before one of ``links`` ("of",
    "for", "on": "Office for ...", "... Action Service"; not "Foreign Office Consultations")."""
    for i, word in enumerate(words):
        if word.lower() in heads and (i + 1 == len(words) or words[i + 1] in links):
            return True
    return False


def name_for(words: list[str], acronym: str) -> list[str]:
    """The longest tail of ``words`` that the acronym abbreviates: it starts with a capital
    word of the acronym's first letter ("Director of the OSCE Office for ... (ODIHR)" ->
    "OSCE Office for ...")."""
    for i, word in enumerate(words):
        if word == "The" or not word[:1].isupper() or word[0] != acronym[0].upper():
            continue
        if initials_fit(words[i:], acronym):
            return words[i:]
    return []


def initials_fit(words: list[str], acronym: str) -> bool:
    """Whether the acronym's first letter and most of its letters begin words of the name."""
    initials = "".join(w[0] for w in words if w[:1].isupper()).upper()
    letters = [c for c in acronym.upper() if c.isalpha()]
    if not letters or not initials or letters[0] not in initials:
        return False
    hits = sum(1 for c in letters if c in initials)
    return hits >= max(2, (len(letters) + 1) // 2)
