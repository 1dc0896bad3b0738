"""The extractor: one spaCy pipeline whose components (``nlp/components.py``) are the
stages, run over each article and converted once to records."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any

from diplograph.errors import DiplographError, ExtractionError
from diplograph.kb import KnowledgeBase, load_kb
from diplograph.models import Article, Event, Extraction, Organization, Person
from diplograph.nlp.components import (
    ARTICLE_SLOT,
    EVENTS_SLOT,
    MENTIONS_SLOT,
    PERSONS_SLOT,
    add_stages,
    gazetteer,
)
from diplograph.nlp.gazetteer import Gazetteer, Org
from diplograph.nlp.records import GazetteerMatch, PersonRecord
from diplograph.nlp.sentences import build_nlp, make_doc, tokens_of


class Extractor:
    """Reads articles into ``Extraction`` records; build once, call ``extract`` many times."""

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        self.settings = dict(settings or {})
        self.gaz: Gazetteer = gazetteer()
        self.nlp, self.has_ner = build_nlp(self.settings, self.gaz.words.abbreviations)
        kb = self.settings.get("kb")
        add_stages(self.nlp, str(kb) if kb else None)

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
        """The article's Doc through every component, then its records."""
        doc = make_doc(self.nlp, _blank_long_runs(article.text))
        ARTICLE_SLOT.put(doc, article)
        for _, component in self.nlp.pipeline:  # as ``nlp(doc)`` runs them, without its
            doc = component(doc)  # turning a component's KeyError into "not initialised"
        return to_extraction(doc, article)

    def load_kb(self) -> KnowledgeBase:
        """The officials knowledge base, with the user's list of ``settings["kb"]``."""
        return load_kb(self.settings.get("kb"))


def to_extraction(doc: Any, article: Article) -> Extraction:
    """The records of what the components wrote on ``doc``."""
    mentions = MENTIONS_SLOT.get(doc)
    events = EVENTS_SLOT.get(doc)
    if tokens_of(doc).source != article.text:  # evidence quotes the article, not the blanked copy
        events = [_quote_original(event, article.text) for event in events]
    return Extraction(
        article=article,
        persons=tuple(to_person(r, mentions.orgs) for r in PERSONS_SLOT.get(doc).records),
        organizations=organizations_of(mentions.found, mentions.orgs),
        countries=tuple(dict.fromkeys(m.key for m in mentions.found if m.kind == "country")),
        events=tuple(events),
    )


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


def organizations_of(mentions: list[GazetteerMatch], orgs: list[Org]) -> tuple[Organization, ...]:
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
