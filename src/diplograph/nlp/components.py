"""The extractor's stages as spaCy pipeline components, in the order they run.

Each component reads what the stages before it wrote on the Doc and writes its own
finding as a typed ``Doc`` extension (a ``Slot`` below):

==========================  ================================================================
``diplograph_sentence_list``  ``doc._.sentences``: the sentences, teasers of other articles
                              dropped (after ``diplograph_sentences`` or a parser set the starts)
``diplograph_mentions``       ``doc._.mentions``: gazetteer matches (states, regions,
                              organisations), the article's organisations, a per-token index
``diplograph_publisher``      ``doc._.publisher``: the state whose ministry publishes the article
``diplograph_persons``        ``doc._.persons``: the persons and the mentions linked to them
``diplograph_events``         ``doc._.events``: the article's events
``diplograph_topics``         ``doc._.events`` again, each labelled with its topics
==========================  ================================================================

The article's metadata (published day, web address, title, original text) is read from
``doc._.article``, set before the components run; a Doc made from text alone stands for an
article with no metadata. The components read their rules from ``resources/`` through one
gazetteer per process, and are registered with spaCy when the first pipeline is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any, Generic, TypeVar

from diplograph.errors import ExtractionError
from diplograph.kb import KnowledgeBase, load_kb
from diplograph.models import Article, Event, fold
from diplograph.nlp.events import EventFinder
from diplograph.nlp.gazetteer import Gazetteer, Org, load_gazetteer
from diplograph.nlp.lexicon import Lexicon
from diplograph.nlp.mentions import HomeFinder, MentionFinder, mention_index
from diplograph.nlp.officials import Officials
from diplograph.nlp.persons import PersonFinder
from diplograph.nlp.records import GazetteerMatch, PersonMention, PersonRecord, Sentence
from diplograph.nlp.sentences import COMPONENT, drop_teasers, sentences_of, tokens_of
from diplograph.nlp.topics import TopicFinder

T = TypeVar("T")


class Slot(Generic[T]):
    """A typed ``Doc`` extension, ``doc._.<name>``: one stage writes it, later ones read it.

    ``get`` and ``put`` read and write the value where spaCy keeps it, in ``doc.user_data``
    under ``("._.", name, None, None)``, without building a ``doc._`` object on each call.
    """

    def __init__(self, name: str, writer: str, optional: bool = False) -> None:
        self.name, self.writer, self.optional = name, writer, optional
        self.key = ("._.", name, None, None)

    def register(self) -> None:
        from spacy.tokens import Doc

        if not Doc.has_extension(self.name):
            Doc.set_extension(self.name, default=None)

    def get(self, doc: Any) -> T:
        value = doc.user_data.get(self.key)
        if value is None and not self.optional:
            raise ExtractionError(f"doc._.{self.name} is not set: run {self.writer} first")
        return value  # type: ignore[no-any-return]

    def put(self, doc: Any, value: T) -> None:
        doc.user_data[self.key] = value


@dataclass(frozen=True)
class Mentions:
    """What ``diplograph_mentions`` finds: the gazetteer's matches in text order, the
    organisations of the article (the gazetteer's and those it introduces), and the match
    covering each token."""

    found: list[GazetteerMatch]
    orgs: list[Org]
    at: list[GazetteerMatch | None]


@dataclass(frozen=True)
class Persons:
    """What ``diplograph_persons`` finds: the persons, and every mention linked to one."""

    records: list[PersonRecord]
    mentions: list[PersonMention]


SENTENCE_LIST = "diplograph_sentence_list"
MENTIONS = "diplograph_mentions"
PUBLISHER = "diplograph_publisher"
PERSONS = "diplograph_persons"
EVENTS = "diplograph_events"
TOPICS = "diplograph_topics"
STAGES = (SENTENCE_LIST, MENTIONS, PUBLISHER, PERSONS, EVENTS, TOPICS)

ARTICLE_SLOT: Slot[Article] = Slot("article", "Extractor.extract", optional=True)
SENTENCES_SLOT: Slot[list[Sentence]] = Slot("sentences", SENTENCE_LIST)
MENTIONS_SLOT: Slot[Mentions] = Slot("mentions", MENTIONS)
PUBLISHER_SLOT: Slot[str | None] = Slot("publisher", PUBLISHER, optional=True)
PERSONS_SLOT: Slot[Persons] = Slot("persons", PERSONS)
EVENTS_SLOT: Slot[list[Event]] = Slot("events", EVENTS)
SLOTS = (ARTICLE_SLOT, SENTENCES_SLOT, MENTIONS_SLOT, PUBLISHER_SLOT, PERSONS_SLOT, EVENTS_SLOT)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The resource files, read once per process and shared by every component."""
    return load_gazetteer()


def article_of(doc: Any) -> Article:
    """The article ``doc`` was made from; a Doc made from text alone stands for an article
    with that text and no metadata."""
    article = ARTICLE_SLOT.get(doc)
    if article is None:
        article = Article(source="", index=0, text=tokens_of(doc).source)
        ARTICLE_SLOT.put(doc, article)
    return article


class SentenceList:
    """The sentences of the article, trimmed, without "READ ALSO: ..." teasers."""

    def __init__(self, nlp: Any, gaz: Gazetteer) -> None:
        self.nlp = nlp
        self.teasers = tuple(gaz.cues.get("teaser_prefixes", ()))
        self.read_more = tuple(m.lower() for m in gaz.cues.get("read_more_links", ()))
        self.sections = frozenset(fold(h) for h in gaz.cues.get("teaser_sections", ()))

    def __call__(self, doc: Any) -> Any:
        if all(name == COMPONENT or name in STAGES for name in self.nlp.pipe_names):
            tokens = tokens_of(doc)  # no other component (a parser) moved the marked starts
            tokens.starts = tokens.marked
        title = article_of(doc).title or ""
        sentences = drop_teasers(
            sentences_of(doc), self.teasers, title, self.read_more, self.sections
        )
        SENTENCES_SLOT.put(doc, sentences)
        return doc


class MentionStage:
    """States, capitals, regions and organisations named in the article."""

    def __init__(self, nlp: Any, gaz: Gazetteer) -> None:
        self.finder = MentionFinder(gaz, nlp)

    def __call__(self, doc: Any) -> Any:
        found, orgs = self.finder.find(doc)
        MENTIONS_SLOT.put(doc, Mentions(found, orgs, mention_index(doc, found)))
        return doc


class PublisherStage:
    """The state whose ministry publishes the article: from its text, else its address."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.finder = HomeFinder(gaz)

    def __call__(self, doc: Any) -> Any:
        at = MENTIONS_SLOT.get(doc).at
        url = article_of(doc).url
        PUBLISHER_SLOT.put(doc, self.finder.find(doc, SENTENCES_SLOT.get(doc), at, url))
        return doc


class PersonStage:
    """The persons of the article, each with the office and the state or organisation
    they serve (the knowledge base ``kb`` adds to the shipped one)."""

    def __init__(self, nlp: Any, gaz: Gazetteer, kb: str | None) -> None:
        leading = gaz.titles.get("leading_offices", ())
        self.kb = kb
        self.finder = PersonFinder(gaz, Officials(self.load_kb, leading))
        self.ner = "ner" in nlp.pipe_names  # a trained model's PERSON spans count as cues

    def load_kb(self) -> KnowledgeBase:
        return load_kb(self.kb)

    def __call__(self, doc: Any) -> Any:
        sentences, mentions = SENTENCES_SLOT.get(doc), MENTIONS_SLOT.get(doc)
        day = day_of(article_of(doc).published)
        ner = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"] if self.ner else []
        records, linked = self.finder.find(doc, sentences, mentions.at, ner, day)
        states = {m.key for m in mentions.found if m.kind in {"country", "org"}}
        self.finder.finish(records, PUBLISHER_SLOT.get(doc), day, states)
        PERSONS_SLOT.put(doc, Persons(records, linked))
        return doc


class EventStage:
    """The diplomatic events of the article, from trigger patterns and argument roles."""

    def __init__(self, nlp: Any, gaz: Gazetteer) -> None:
        self.finder = EventFinder(gaz, nlp, Lexicon.from_gazetteer(gaz))

    def __call__(self, doc: Any) -> Any:
        mentions, persons = MENTIONS_SLOT.get(doc), PERSONS_SLOT.get(doc)
        events = self.finder.find(
            doc,
            article_of(doc),
            SENTENCES_SLOT.get(doc),
            mentions.at,
            persons.records,
            persons.mentions,
            mentions.orgs,
            PUBLISHER_SLOT.get(doc),
        )
        EVENTS_SLOT.put(doc, events)
        return doc


class TopicStage:
    """Each event's topics: those of its evidence and of the article's discussion, else
    those of the whole article."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.finder = TopicFinder(gaz)

    def __call__(self, doc: Any) -> Any:
        events = EVENTS_SLOT.get(doc)
        if not events:
            return doc
        article = article_of(doc)
        discussed = self.finder.discussed(SENTENCES_SLOT.get(doc))
        text = f"{article.title or ''}\n{article.text}"
        whole = cache(lambda: set(self.finder.topics_of(text)))
        read: dict[str, list[str]] = {}  # evidence text -> its topics, for this article
        labelled = [self.finder.label(event, discussed, whole, read) for event in events]
        EVENTS_SLOT.put(doc, labelled)
        return doc


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


def make_sentence_list(nlp: Any, name: str) -> SentenceList:
    return SentenceList(nlp, gazetteer())


def make_mentions(nlp: Any, name: str) -> MentionStage:
    return MentionStage(nlp, gazetteer())


def make_publisher(nlp: Any, name: str) -> PublisherStage:
    return PublisherStage(gazetteer())


def make_persons(nlp: Any, name: str, kb: str | None) -> PersonStage:
    return PersonStage(nlp, gazetteer(), kb)


def make_events(nlp: Any, name: str) -> EventStage:
    return EventStage(nlp, gazetteer())


def make_topics(nlp: Any, name: str) -> TopicStage:
    return TopicStage(gazetteer())


_registered = False


def register_stages() -> None:
    """Register the components and their Doc extensions with spaCy, once."""
    global _registered
    if _registered:
        return
    from spacy.language import Language

    for slot in SLOTS:
        slot.register()
    Language.factory(SENTENCE_LIST, func=make_sentence_list)
    Language.factory(MENTIONS, func=make_mentions)
    Language.factory(PUBLISHER, func=make_publisher)
    Language.factory(PERSONS, default_config={"kb": None}, func=make_persons)
    Language.factory(EVENTS, func=make_events)
    Language.factory(TOPICS, func=make_topics)
    _registered = True


def add_stages(nlp: Any, kb: str | None = None) -> None:
    """Append the stages to ``nlp``, after its sentence boundaries (and any trained NER)."""
    register_stages()
    for name in STAGES:
        nlp.add_pipe(name, config={"kb": kb} if name == PERSONS else {})
