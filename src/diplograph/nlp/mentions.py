"""Gazetteer matches (states, capitals, regions, organisations) over a document, and the
state of the publishing ministry ("press service of the Kazakh MFA")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from diplograph.nlp.gazetteer import Gazetteer, Org
from diplograph.nlp.orgs import introduced_orgs, org_patterns
from diplograph.nlp.places import country_patterns
from diplograph.nlp.records import Mention, Sentence
from diplograph.nlp.sentences import tokens_of

MASTHEAD_LINES = 8  # the lines of a page's head where a ministry names itself
FOOTER_LINES = 3
MASTHEAD_CHARS = 90


class MentionFinder:
    """One phrase matcher over every gazetteer name, built once per extractor."""

    def __init__(self, gaz: Gazetteer, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self.gaz = gaz
        self.nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        groups: dict[str, list[str]] = {}
        for label, text in [*country_patterns(gaz), *org_patterns(gaz)]:
            groups.setdefault(label, []).append(text)
        for label, texts in groups.items():
            self.matcher.add(label, [nlp.make_doc(t) for t in dict.fromkeys(texts)])
        self.known_acronyms = {o.acronym for o in gaz.orgs if o.acronym}
        self.org_heads = frozenset(gaz.cues.get("org_heads", ()))

    def find(self, doc: Any) -> tuple[list[Mention], list[Org]]:
        """Non-overlapping mentions, longest first, and the organisations of this article."""
        orgs = list(self.gaz.orgs)
        local = introduced_orgs(doc.text, set(self.known_acronyms), self.org_heads)
        matches = [(self.nlp.vocab.strings[m], s, e) for m, s, e in self.matcher(doc)]
        for org in local:
            orgs.append(org)
            label = f"org|{len(orgs) - 1}"
            for form, text in (("name", org.name), ("acronym", org.acronym or "")):
                matches += [(f"{label}|{form}", s, e) for s, e in find_phrase(doc, text)]
        taken = [False] * len(doc)
        out: list[Mention] = []
        for label, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[0][0] != "o")):
            if any(taken[start:end]):
                continue
            kind, key, form = label.split("|")
            if kind == "org":
                key = orgs[int(key)].label
            out.append(Mention(kind, key, form, start, end, doc[start:end].text))
            for k in range(start, end):
                taken[k] = True
        out.sort(key=lambda m: m.start)
        return out, orgs


def find_phrase(doc: Any, text: str) -> list[tuple[int, int]]:
    """Token spans of ``doc`` whose text is exactly ``text``."""
    words = text.split()
    if not words:
        return []
    spans = []
    for i, token in enumerate(doc):
        if token.text != words[0]:
            continue
        j, k = i, 0
        joined = ""
        while j < len(doc) and len(joined) < len(text):
            joined += tokens_of(doc).text[j] + (doc[j].whitespace_ and " ")
            j += 1
            k += 1
        if joined.strip() == text:
            spans.append((i, j))
    return spans


def mention_index(doc: Any, mentions: Sequence[Mention]) -> list[Mention | None]:
    """The mention covering each token, or None."""
    at: list[Mention | None] = [None] * len(doc)
    for m in mentions:
        for k in range(m.start, m.end):
            at[k] = m
    return at


def home_country(
    gaz: Gazetteer,
    doc: Any,
    sentences: Sequence[Sentence],
    mention_at: Sequence[Mention | None],
    url: str | None,
) -> str | None:
    """The state whose ministry reports the article ("press service of the Kazakh MFA
    reports"), else the state of the web address's country-code domain."""
    patterns = gaz.cues.get("home_patterns", ())
    firsts = {p[0].lower() for p in patterns if p[0] not in {"DEMONYM", "COUNTRY"}}
    cues = tuple(gaz.cues.get("reporting", ()))
    for sent in sentences:
        if not any(cue in sent.text for cue in cues):
            continue
        for i in range(sent.start, sent.end):
            m = mention_at[i]
            if (m is None or m.start != i) and tokens_of(doc).text[i].lower() not in firsts:
                continue
            for pattern in patterns:
                iso3 = match_home(doc, i, pattern, mention_at)
                if iso3:
                    return iso3
    return masthead_country(gaz, doc, sentences, mention_at) or tld_country(gaz, url)


def masthead_country(
    gaz: Gazetteer, doc: Any, sentences: Sequence[Sentence], mention_at: Sequence[Mention | None]
) -> str | None:
    """The state of a ministry's masthead or footer line ("Ministry of Foreign Affairs of the
    Republic of X", "Republic of X Ministry of Foreign Affairs", "Government of X"); under a
    masthead naming no state ("Ministry of Foreign Affairs"), the capital of a dateline."""
    patterns = gaz.cues.get("masthead_patterns", ())
    edges = [*sentences[:MASTHEAD_LINES], *sentences[-FOOTER_LINES:]]
    ministry = False
    for sent in edges:
        if len(sent.text) > MASTHEAD_CHARS:
            continue
        for pattern in patterns:
            iso3 = match_home(doc, sent.start, pattern, mention_at)
            if iso3:
                return iso3
        ministry = ministry or sent.text.startswith(("Ministry of", "Ministry for"))
    if not ministry:
        return None
    for sent in sentences[:MASTHEAD_LINES]:
        m = mention_at[sent.start]
        if m is None or m.kind != "country" or m.form != "capital" or m.end >= sent.end:
            continue
        if tokens_of(doc).text[m.end] in {",", "-", "–", "—"}:
            return m.key
    return None


def match_home(
    doc: Any, i: int, pattern: Sequence[str], mention_at: Sequence[Mention | None]
) -> str | None:
    """ISO3 when ``pattern`` (words, DEMONYM, COUNTRY) matches at token ``i``."""
    k, iso3 = i, None
    for element in pattern:
        if k >= len(doc):
            return None
        m = mention_at[k]
        if element in {"DEMONYM", "COUNTRY"}:
            wanted = {"demonym"} if element == "DEMONYM" else {"name"}
            if m is None or m.kind != "country" or m.form not in wanted or m.start != k:
                return None
            iso3, k = m.key, m.end
            if element == "COUNTRY" and k < len(doc) and tokens_of(doc).text[k] in {"’s", "'s"}:
                k += 1
        elif tokens_of(doc).text[k].lower() == element.lower():
            k += 1
        else:
            return None
    return iso3


def tld_country(gaz: Gazetteer, url: str | None) -> str | None:
    """ISO3 of a country-code top-level domain ("kt.kz" -> KAZ)."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    tld = host.rstrip(".").rsplit(".", 1)[-1].lower()
    return gaz.tlds.get(tld)
