"""The extractor: one spaCy pipeline and one set of matchers, run over each article."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from functools import cache, lru_cache
from typing import Any

from diplograph.errors import DiplographError, ExtractionError
from diplograph.kb import KnowledgeBase, load_kb
from diplograph.models import Article, Event, Extraction, Organization, Person
from diplograph.nlp.events import EventFinder
from diplograph.nlp.gazetteer import Gazetteer, Org, load_gazetteer
from diplograph.nlp.mentions import HomeFinder, MentionFinder, mention_index
from diplograph.nlp.officials import Officials
from diplograph.nlp.persons import PersonFinder
from diplograph.nlp.records import Mention, PersonRecord
from diplograph.nlp.sentences import build_nlp, drop_teasers, parse, sentences_of
from diplograph.nlp.topics import TopicFinder


class Extractor:
    """Reads articles into ``Extraction`` records; build once, call ``extract`` many times."""

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        self.settings = dict(settings or {})
        self.gaz: Gazetteer = load_gazetteer()
        self.nlp, self.has_ner = build_nlp(self.settings, self.gaz.words.abbreviations)
        self.mentions = MentionFinder(self.gaz, self.nlp)
        self.publisher = HomeFinder(self.gaz)
        leading = self.gaz.titles.get("leading_offices", ())
        self.persons = PersonFinder(self.gaz, Officials(self.load_kb, leading))
        self.events = EventFinder(self.gaz, self.nlp, self.persons.lex)
        self.topics = TopicFinder(self.gaz)
        self.teasers = tuple(self.gaz.cues.get("teaser_prefixes", ()))

    def extract(self, article: Article) -> Extraction:
        """Persons, organisations, countries and events of one article."""
        try:
            if len(article.text) > self.nlp.max_length:
                raise ExtractionError(
                    f"article {article.index} is too long to read ({len(article.text):,} "
                    f"characters; the limit is {self.nlp.max_length:,})",
                    source=article.source,
                )
            return self.read(article)
        except DiplographError:
            raise
        except Exception as exc:  # a bug must name the article it failed on
            raise ExtractionError(
                f"extraction failed on article {article.index}: {type(exc).__name__}: {exc}",
                source=article.source,
            ) from exc

    def read(self, article: Article) -> Extraction:
        shown = _blank_long_runs(article.text)
        doc = parse(self.nlp, shown)
        sentences = drop_teasers(sentences_of(doc), self.teasers)
        mentions, orgs = self.mentions.find(doc)
        mention_at = mention_index(doc, mentions)
        ner_spans = self.ner_persons(doc)
        day = day_of(article.published)
        records, person_mentions = self.persons.find(doc, sentences, mention_at, ner_spans, day)
        home = self.publisher.find(doc, sentences, mention_at, article.url)
        states = {m.key for m in mentions if m.kind in {"country", "org"}}
        self.persons.finish(records, home, day, states)
        events = self.events.find(
            doc, article, sentences, mention_at, records, person_mentions, orgs, home
        )
        if events:
            discussed = self.topics.discussed(sentences)
            text = f"{article.title or ''}\n{article.text}"
            whole = cache(lambda: set(self.topics.topics_of(text)))
            events = [self.topics.label(event, discussed, whole) for event in events]
        if shown != article.text:  # evidence quotes the article, not the blanked copy
            events = [_quote_original(event, article.text) for event in events]
        return Extraction(
            article=article,
            persons=tuple(to_person(r, orgs) for r in records),
            organizations=organizations_of(mentions, orgs),
            countries=tuple(dict.fromkeys(m.key for m in mentions if m.kind == "country")),
            events=tuple(events),
        )

    def load_kb(self) -> KnowledgeBase:
        """The officials knowledge base, with the user's list of ``settings["kb"]``."""
        return load_kb(self.settings.get("kb"))

    def ner_persons(self, doc: Any) -> list[tuple[int, int]]:
        """PERSON spans of a trained NER, when the pipeline has one."""
        if not self.has_ner:
            return []
        return [(ent.start, ent.end) for ent in doc.ents if ent.label_ == "PERSON"]


def day_of(published: str | None) -> str | None:
    """The day of a publication stamp ("2024-06-13T10:00" -> "2024-06-13"), else None."""
    day = (published or "")[:10]
    if not _DAY.fullmatch(day):
        return None
    try:
        date.fromisoformat(day)
    except ValueError:  # "2023-02-30": no day, not a failed article
        return None
    return day


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def to_person(record: PersonRecord, orgs: list[Org]) -> Person:
    """The public record of one person."""
    org_name = None
    if record.org is not None:
        org_name = next((o.name for o in orgs if o.label == record.org), None)
    return Person(
        name=record.name,
        aliases=tuple(record.aliases),
        title=record.title,
        country=record.country,
        org=record.org,
        org_name=org_name if org_name != record.org else None,
    )


def organizations_of(mentions: list[Mention], orgs: list[Org]) -> tuple[Organization, ...]:
    """Each organisation named in the article, once."""
    if not any(m.kind == "org" for m in mentions):
        return ()
    by_label = {o.label: o for o in orgs}
    out: dict[str, Organization] = {}
    for m in mentions:
        org = by_label.get(m.key) if m.kind == "org" else None
        if org is not None and org.label not in out:
            out[org.label] = Organization(org.name, org.acronym, org.country)
    return tuple(out.values())


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The extractor with default settings, built on first use."""
    return Extractor()


# A run of this many characters without a space is no word (spaCy's tokenizer is quadratic
# on it, e.g. 100,000 "{"); it is blanked, keeping the length so that offsets stay right.
MAX_RUN = 1000
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN},}}")


def _quote_original(event: Event, text: str) -> Event:
    """``event`` with its evidence sentences cut from ``text`` at their offsets."""
    evidence = tuple(replace(e, text=text[e.start : e.end]) for e in event.evidence)
    return replace(event, evidence=evidence)


def _blank_long_runs(text: str) -> str:
    """``text`` with each run of ``MAX_RUN`` or more non-space characters turned to spaces."""
    return _LONG_RUN.sub(lambda match: " " * len(match.group()), text)


def extract(article: Article) -> Extraction:
    """Extract from one article with the cached default extractor."""
    return default_extractor().extract(article)
