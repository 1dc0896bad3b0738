"""Gazetteer matches (states, capitals, regions, organisations) over a document, and the
state of the publishing ministry ("the Chilean MFA reports", "Ministry of Foreign Affairs
of the Republic of Zambia")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from diplograph.models import fold
from diplograph.nlp.gazetteer import Gazetteer, Org
from diplograph.nlp.orgs import introduced_orgs, org_patterns
from diplograph.nlp.places import country_patterns, shared_demonyms
from diplograph.nlp.records import GazetteerMatch, Sentence
from diplograph.nlp.sentences import tokens_of

MIN_HOST_WORD = 4  # shorter names ("chad", "iran" pass; "uk" does not) match by accident
MASTHEAD_LINES = 8  # the lines of a page's head where a ministry names itself
FOOTER_LINES = 3
INSTITUTION_LINE_CHARS = 120
INSTITUTION_FOOTER_LINES = 6  # a footer's ministry, its state and date, and share links
MASTHEAD_CHARS = 90
SLOTS = frozenset({"DEMONYM", "COUNTRY"})  # pattern elements a country mention fills
WORDS = "WORDS"  # pattern element (never the first): one to MAX_WORDS capitalised words
MAX_WORDS = 3  # "Ministry of Foreign Affairs and <International Trade> of COUNTRY"
CAPITAL = "\x00capital"  # one capitalised word, as WORDS is expanded
SLOT_OF_FORM = {"demonym": "DEMONYM", "name": "COUNTRY"}
FIRST_WORD = re.compile(r"\w+")  # a line's first word


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
        self.org_head_links = gaz.words.org_head_links
        self.shared = shared_demonyms(gaz)
        self.labels: dict[int, str] = {}  # match id -> its label, as ids come

    def learn_label(self, match_id: int) -> str:
        """The label a match id stands for, kept for the next look-up."""
        label = self.labels[match_id] = self.nlp.vocab.strings[match_id]
        return str(label)

    def find(self, doc: Any) -> tuple[list[GazetteerMatch], list[Org]]:
        """Non-overlapping mentions, longest first, and the organisations of this article."""
        orgs = list(self.gaz.orgs)
        local = introduced_orgs(
            tokens_of(doc).source, set(self.known_acronyms), self.org_heads, self.org_head_links
        )
        label_of = self.labels
        matches = [(label_of.get(m) or self.learn_label(m), s, e) for m, s, e in self.matcher(doc)]
        for org in local:
            orgs.append(org)
            label = f"org|{len(orgs) - 1}"
            for form, text in (("name", org.name), ("acronym", org.acronym or "")):
                matches += [(f"{label}|{form}", s, e) for s, e in find_phrase(doc, text)]
        tokens = tokens_of(doc)
        taken = [False] * len(doc)
        out: list[GazetteerMatch] = []
        for label, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[0][0] != "o")):
            if any(taken[start:end]):
                continue
            kind, key, form = label.split("|")
            if kind == "org":
                key = orgs[int(key)].label
            out.append(GazetteerMatch(kind, key, form, start, end, tokens.span(start, end)))
            for k in range(start, end):
                taken[k] = True
        out.sort(key=lambda m: m.start)
        if self.shared:
            out = self.settle_shared(out)
        return out, orgs

    def settle_shared(self, mentions: list[GazetteerMatch]) -> list[GazetteerMatch]:
        """A demonym several states share ("Congolese") is the state of those the article
        names otherwise (by name, capital or city) when it names just one; else the default."""
        named: set[str] | None = None
        out = mentions
        for n, m in enumerate(mentions):
            states = self.shared.get(m.text) if m.kind == "country" else None
            if states is None or m.form not in {"demonym", "people"}:
                continue
            if named is None:
                named = {
                    x.key
                    for x in mentions
                    if x.kind == "country" and x.form not in {"demonym", "people"}
                }
                out = list(mentions)
            found = [iso3 for iso3 in states if iso3 in named]
            key = found[0] if len(found) == 1 else states[0]
            if key != m.key:
                out[n] = m._replace(key=key)
        return out


def find_phrase(doc: Any, text: str) -> list[tuple[int, int]]:
    """Token spans of ``doc`` whose text is exactly ``text``."""
    words = text.split()
    if not words:
        return []
    tokens = tokens_of(doc)
    spans = []
    for i, token in enumerate(tokens.text):
        if token != words[0]:
            continue
        j = i
        joined = ""
        while j < len(tokens.text) and len(joined) < len(text):
            joined += tokens.text[j] + (" " if tokens.trailing(j) else "")
            j += 1
        if joined.strip() == text:
            spans.append((i, j))
    return spans


def mention_index(doc: Any, mentions: Sequence[GazetteerMatch]) -> list[GazetteerMatch | None]:
    """The mention covering each token, or None."""
    at: list[GazetteerMatch | None] = [None] * len(doc)
    for m in mentions:
        for k in range(m.start, m.end):
            at[k] = m
    return at


class PatternIndex:
    """Word patterns (words, ``DEMONYM``, ``COUNTRY``, ``WORDS``) by what their first element
    needs, so that at a token only the patterns that can start there are tried, in order."""

    def __init__(self, patterns: Sequence[Sequence[str]]) -> None:
        # an empty pattern names no state; WORDS stands for each of its widths in turn
        self.patterns = [e for p in patterns if p for e in expand_words(p)]
        self.by_first: dict[str, list[int]] = {}
        for number, pattern in enumerate(self.patterns):
            first = pattern[0] if pattern[0] in SLOTS else pattern[0].lower()
            self.by_first.setdefault(first, []).append(number)
        self.words = frozenset(self.by_first) - SLOTS

    def at(self, word: str, m: GazetteerMatch | None, i: int) -> list[list[str]]:
        """The patterns that can match at token ``i`` (lower-cased ``word``, mention ``m``)."""
        numbers = list(self.by_first.get(word, ()))
        if m is not None and m.start == i and m.kind == "country":
            numbers += self.by_first.get(SLOT_OF_FORM.get(m.form, ""), ())
        return [self.patterns[n] for n in sorted(numbers)]


class HomeFinder:
    """The state whose ministry publishes an article, with its patterns indexed once."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.home = PatternIndex(gaz.cues.get("home_patterns", ()))
        self.masthead = PatternIndex(gaz.cues.get("masthead_patterns", ()))
        cues = sorted(gaz.cues.get("reporting", ()), key=len, reverse=True)
        # whole words: "said", not the "said" inside the name "Al Busaidi"
        self.reporting = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, cues)) + r")\b") if cues else None
        )
        self.institutions = frozenset(map(bare_word, gaz.cues.get("masthead_institutions", ())))
        self.function_words = frozenset(gaz.cues.get("masthead_function_words", ()))
        self.ministries = frozenset(map(bare_word, gaz.cues.get("ministry_nouns", ())))
        # a state's names and demonyms as lower-case words: mastheads are often in capitals
        self.state_words: dict[tuple[str, ...], str] = {}
        self.demonym_words: set[tuple[str, ...]] = set()
        for label, text in country_patterns(gaz):
            _, iso3, form = label.split("|")
            if form in {"name", "demonym"}:
                words = tuple(map(bare_word, text.split()))
                self.state_words.setdefault(words, iso3)
                if form == "demonym":
                    self.demonym_words.add(words)
        for country in gaz.countries.values():
            for name in country.endonyms:  # after the English names, which win a clash
                self.state_words.setdefault(tuple(map(bare_word, name.split())), country.iso3)
        self.state_width = max((len(w) for w in self.state_words), default=0)
        self.host_words = host_words(gaz)
        suffixes = frozenset(gaz.cues.get("host_suffixes", ("",)))
        self.host_suffixes = sorted(suffixes, key=len)  # the longest word first
        self.host_skip = frozenset(gaz.cues.get("host_skip_tlds", ()))

    def find(
        self,
        doc: Any,
        sentences: Sequence[Sentence],
        mention_at: Sequence[GazetteerMatch | None],
        url: str | None,
    ) -> str | None:
        """The state whose ministry reports the article ("the press service of the Zambian
        MFA reports"), else the state of the web address's country-code domain."""
        lower = tokens_of(doc).lower
        for sent in sentences:
            if self.reporting is None or not self.reporting.search(sent.text):
                continue
            for i in range(sent.start, sent.end):
                m = mention_at[i]
                if (m is None or m.start != i) and lower[i] not in self.home.words:
                    continue
                for pattern in self.home.at(lower[i], m, i):
                    iso3 = match_home(doc, i, pattern, mention_at)
                    if iso3:
                        return iso3
        found = (
            self.masthead_country(doc, sentences, mention_at)
            or tld_country(self.gaz, url)
            or host_country(self.host_words, self.host_suffixes, self.host_skip, url)
        )
        if found:
            return found
        ends = [*sentences[:MASTHEAD_LINES], *sentences[-INSTITUTION_FOOTER_LINES:]]
        lines = [line for sent in dict.fromkeys(ends) for line in lines_of(doc, sent)]
        return self.institution_line_state(doc, lines)

    def masthead_country(
        self, doc: Any, sentences: Sequence[Sentence], mention_at: Sequence[GazetteerMatch | None]
    ) -> str | None:
        """The state of a ministry's masthead or footer line ("Ministry of Foreign Affairs of
        the Republic of X", "Republic of X Ministry of Foreign Affairs", "Government of X");
        under a masthead naming no state ("Ministry of Foreign Affairs"), the capital of a
        dateline."""
        lower = tokens_of(doc).lower
        head = [line for sent in sentences[:MASTHEAD_LINES] for line in lines_of(doc, sent)]
        foot = [line for sent in sentences[-FOOTER_LINES:] for line in lines_of(doc, sent)]
        ministry = False
        for sent in [*head, *foot]:
            if len(sent.text) > MASTHEAD_CHARS or sent.start >= sent.end:
                continue
            for pattern in self.masthead.at(lower[sent.start], mention_at[sent.start], sent.start):
                iso3 = match_home(doc, sent.start, pattern, mention_at)
                if iso3:
                    return iso3
            ministry = ministry or self.ministry_line(sent.text)
        if not ministry:
            return None
        for sent in head:
            m = mention_at[sent.start]
            if m is None or m.kind != "country" or m.form != "capital" or m.end >= sent.end:
                continue
            if tokens_of(doc).text[m.end] in {",", "-", "–", "—"}:
                return m.key
        return None

    def ministry_line(self, text: str) -> bool:
        """A line naming a ministry first, in any language ("MINISTRY OF FOREIGN AFFAIRS",
        "© Ministério dos Negócios Estrangeiros")."""
        first = FIRST_WORD.search(text)
        return first is not None and bare_word(first.group()) in self.ministries

    def institution_line_state(self, doc: Any, lines: Sequence[Sentence]) -> str | None:
        """The state of a masthead or footer line naming an institution in any language
        ("Kingdom of Morocco - Ministry of Foreign Affairs", "Gobierno de Chile", "EMBASSY
        OF MONGOLIA IN CANBERRA", "Saudi Press Agency"): its first state; or a line that is
        only a state's name, next to an institution line naming none ("MINISTRY OF FOREIGN
        AFFAIRS / SINGAPORE"). A line of running words ("Embassy hands over aid") is none."""
        texts = tokens_of(doc).text
        near_institution = False  # the line before names an institution and no state
        alone: str | None = None  # the line before is only a state's name
        for sent in lines:
            if len(sent.text) > INSTITUTION_LINE_CHARS or not self.masthead_words(doc, sent):
                near_institution, alone = False, None
                continue
            words = [bare_word(w) for w in texts[sent.start : sent.end]]
            while len(words) > 1 and words[0] in self.function_words:
                words.pop(0)  # "THE REPUBLIC OF X" is only a state's name
            states = self.states_in(words)
            only = states[0][0] if len(states) == 1 and states[0][1] == len(words) else None
            if not self.institutions.isdisjoint(words):
                if states:
                    return states[0][0]
                if alone is not None:
                    return alone  # "FEDERAL REPUBLIC OF X / MINISTRY OF FOREIGN AFFAIRS"
                near_institution, alone = True, None
                continue
            if near_institution and only is not None:
                return only
            near_institution, alone = False, only
        return None

    def masthead_words(self, doc: Any, sent: Sentence) -> bool:
        """Every word capitalised or a function word ("Ministry of Foreign Affairs")."""
        texts = tokens_of(doc).text
        return all(
            not w[:1].isalpha() or w[:1].isupper() or w.lower() in self.function_words
            for w in texts[sent.start : sent.end]
        )

    def states_in(self, words: Sequence[str]) -> list[tuple[str, int]]:
        """(state, words it spans) for each state named in lower-case ``words``, in order;
        a demonym only just before an institution ("Saudi Press Agency", not "Department
        of Latin American Affairs")."""
        found: list[tuple[str, int]] = []
        k = 0
        while k < len(words):
            for n in range(min(self.state_width, len(words) - k), 0, -1):
                named = tuple(words[k : k + n])
                iso3 = self.state_words.get(named)
                if named in self.demonym_words and self.institutions.isdisjoint(
                    words[k + n : k + n + 2]
                ):
                    iso3 = None
                if iso3 is not None:
                    found.append((iso3, n))
                    k += n
                    break
            else:
                k += 1
        return found


def lines_of(doc: Any, sent: Sentence) -> list[Sentence]:
    """The lines of a sentence that runs over several ("Office of X" over "Front page ›
    Media" over a date), each a sentence of its own; the sentence itself when it is one."""
    if "\n" not in sent.text:
        return [sent]  # one line (most sentences): no token to look at
    tokens = tokens_of(doc)
    breaks = [k for k in range(sent.start, sent.end) if "\n" in tokens.text[k]]
    out = []
    for a, b in zip([sent.start, *(k + 1 for k in breaks)], [*breaks, sent.end], strict=True):
        if a < b:
            text = tokens.span(a, b)
            char = tokens.idx[a]
            out.append(Sentence(sent.index, a, b, char, char + len(text), text))
    return out


def bare_word(word: str) -> str:
    """A word lower-cased and accent-free ("México" -> "mexico"), dots kept ("u.s.")."""
    folded = fold(word)
    return folded if folded and " " not in folded else word.lower()


def expand_words(pattern: Sequence[str]) -> list[list[str]]:
    """``pattern`` with each ``WORDS`` element written out as one, two, ... ``MAX_WORDS``
    capitalised words."""
    choices = [
        [[CAPITAL] * n for n in range(1, MAX_WORDS + 1)] if e == WORDS else [[e]] for e in pattern
    ]
    return [[e for part in combo for e in part] for combo in itertools.product(*choices)]


def match_home(
    doc: Any, i: int, pattern: Sequence[str], mention_at: Sequence[GazetteerMatch | None]
) -> str | None:
    """ISO3 when ``pattern`` (words, DEMONYM, COUNTRY) matches at token ``i``."""
    texts = tokens_of(doc).text
    k, iso3 = i, None
    for element in pattern:
        if k >= len(texts):
            return None
        m = mention_at[k]
        if element in {"DEMONYM", "COUNTRY"}:
            wanted = {"demonym"} if element == "DEMONYM" else {"name"}
            if m is None or m.kind != "country" or m.form not in wanted or m.start != k:
                return None
            iso3, k = m.key, m.end
            if element == "COUNTRY" and k < len(texts) and texts[k] in {"’s", "'s"}:
                k += 1
        elif element == CAPITAL:
            if m is not None or not (texts[k][:1].isupper() and texts[k].isalpha()):
                return None
            k += 1
        elif texts[k].lower() == element.lower():
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


def host_words(gaz: Gazetteer) -> dict[str, str]:
    """Country names and demonyms as they stand in a web address ("southafrica",
    "colombian"), each naming one state, with that state."""
    found: dict[str, set[str]] = {}
    for country in gaz.countries.values():
        for form in (country.name, *country.names, *country.demonyms):
            word = "".join(c for c in fold(form) if c.isalnum())
            if len(word) >= MIN_HOST_WORD:
                found.setdefault(word, set()).add(country.iso3)
    return {word: next(iter(isos)) for word, isos in found.items() if len(isos) == 1}


def host_country(
    words: Mapping[str, str],
    suffixes: Sequence[str],
    skip: frozenset[str],
    url: str | None,
) -> str | None:
    """The state a web address's name is made of: a country name or demonym alone or with
    a media or embassy word ("colombiaemb.org", "ghanaweb.com", "koreaherald.com"), not one
    that merely starts the same ("indianapolis"). ``suffixes`` run shortest first, so that
    the longest word a name can be cut into is taken."""
    labels = ((urlsplit(url).hostname or "") if url else "").lower().split(".")
    if len(labels) < 2 or labels[-1] in skip:
        return None
    for label in labels[:-1]:
        for suffix in suffixes:
            if label.endswith(suffix):
                iso3 = words.get(label[: len(label) - len(suffix)])
                if iso3 is not None:
                    return iso3
    return None
    for label in labels[:-1]:
        for word, iso3 in words:
            if label.startswith(word) and label[len(word) :] in suffixes:
                return iso3
    return None
