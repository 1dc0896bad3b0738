"""The JSON the API answers with, as pydantic models: they type ``/openapi.json``.

Every answer has ``ok``: true on success; an error is ``ErrorBody`` (``web/errors.py``).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    """The one error shape, whatever the status."""

    ok: bool = False
    error: str = Field(description="what went wrong, in a sentence a user can act on")
    status: int = Field(description="the HTTP status, repeated")


class Codes(BaseModel):
    """CAMEO, Goldstein and PLOVER codes of an event, from the pinned table."""

    cameo: str
    goldstein: float | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    table_version: str | None = None


class Participant(BaseModel):
    """A side of an event, as the article names it, with its resolved actor."""

    actor_id: str
    entity_id: str | None = Field(None, description="the resolved actor (/api/actors/{id})")
    kind: str
    name: str
    country: str | None = None
    org: str | None = None
    role: str


class Span(BaseModel):
    """A piece of an article's text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


class Evidence(Span):
    """An evidence sentence, with the report and article it is from."""

    event_id: str
    article_id: str


class Source(BaseModel):
    """An article reporting an event."""

    id: str = Field(description="the article (/api/articles/{id})")
    event_id: str = Field(description="the article's report of the event")
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    evidence: list[str]


class Event(BaseModel):
    """A resolved event: its lead report's fields and every article reporting it."""

    id: str
    article_id: str
    position: int
    type: str
    status: str
    date: str | None = Field(None, description="as the article states it")
    day: str | None = Field(None, description="date, else the publication day")
    place: str | None = None
    topics: list[str]
    codes: Codes | None = None
    participants: list[Participant]
    evidence: list[Evidence]
    article_title: str | None = None
    article_published: str | None = None
    article_url: str | None = None
    cluster_id: str | None = None
    num_sources: int | None = None
    num_articles: int | None = None
    num_reports: int | None = None
    sources: list[Source]


class EventPage(BaseModel):
    ok: bool = True
    total: int = Field(description="events matching the filters, over all pages")
    limit: int
    offset: int
    events: list[Event]


class EventDetail(BaseModel):
    """``event.evidence`` holds every evidence sentence of every report."""

    ok: bool = True
    event: Event


class Office(BaseModel):
    title: str
    country: str | None = None
    org: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    articles: int


class Actor(BaseModel):
    """A resolved actor: one person, organisation or country however articles spell it."""

    id: str
    kind: str
    name: str
    country: str | None = None
    org: str | None = None
    acronym: str | None = None
    aliases: list[str]
    offices: list[Office]
    articles: int = Field(description="articles naming it")
    events: int = Field(description="resolved events it takes part in")


class Mention(BaseModel):
    """How one article names the actor."""

    article_id: str
    article_title: str | None = None
    article_published: str | None = None
    actor_id: str
    name: str
    names: list[str]
    title: str | None = None
    country: str | None = None
    org: str | None = None


class Link(BaseModel):
    """Why two names were judged one actor."""

    rule: str
    names: list[str]
    evidence: Any


class ActorFull(Actor):
    mentions: list[Mention]
    links: list[Link]


class Partner(BaseModel):
    id: str
    name: str
    kind: str
    country: str | None = None
    events: int = Field(description="events shared")


class ActorPage(BaseModel):
    ok: bool = True
    total: int
    limit: int
    offset: int
    actors: list[Actor]


class ActorDetail(BaseModel):
    ok: bool = True
    actor: ActorFull
    events: list[Event] = Field(description="its events, newest first, up to limit")
    events_total: int
    partners: list[Partner] = Field(description="who it meets most, up to limit")


class Article(BaseModel):
    id: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    text: str


class ArticleRow(BaseModel):
    """An article as the index lists it."""

    id: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str = Field(description="the URL's host, else the file it was read from")
    events: int = Field(description="events read from it")


class ArticlePage(BaseModel):
    ok: bool = True
    total: int
    limit: int
    offset: int
    articles: list[ArticleRow]


class Country(BaseModel):
    iso3: str = Field(description="ISO 3166-1 alpha-3 (/countries/{iso3})")
    name: str
    events: int = Field(description="events with a side of this country")
    partners: int = Field(description="other sides of those events")


class CountryList(BaseModel):
    ok: bool = True
    countries: list[Country] = Field(description="most events first")


class ArticleActor(BaseModel):
    """A name the article gives an actor, and where it stands in the text."""

    id: str = Field(description="the resolved actor (/api/actors/{id})")
    actor_id: str
    kind: str
    name: str
    title: str | None = None
    country: str | None = None
    org: str | None = None
    spans: list[Span]


class ArticleEvent(BaseModel):
    """An event as this article reports it, with its evidence in the text."""

    id: str
    cluster_id: str | None = None
    type: str
    status: str
    date: str | None = None
    day: str | None = None
    place: str | None = None
    evidence: list[Span]


class ArticleDetail(BaseModel):
    ok: bool = True
    article: Article
    actors: list[ArticleActor]
    events: list[ArticleEvent]


class GraphNode(BaseModel):
    id: str = Field(description="an ISO3 code (/countries/{id}) or an actor id")
    label: str
    kind: str = Field(description="person, organization or country")
    country: str | None = None
    events: int


class GraphEdge(BaseModel):
    source: str
    target: str
    weight: int = Field(description="events both take part in")


class Graph(BaseModel):
    ok: bool = True
    level: str
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class PartnerCountry(BaseModel):
    iso3: str = Field(description="ISO 3166-1 alpha-3 (/countries/{iso3})")
    numeric: str | None = Field(
        description="ISO 3166-1 numeric, as world maps (world-atlas) name countries; null for"
        " a code with none (XKX)"
    )
    name: str
    events: int = Field(description="events the two countries both take part in")


class Partners(BaseModel):
    ok: bool = True
    country: str = Field(description="the country asked for, ISO3")
    numeric: str | None = Field(description="its ISO 3166-1 numeric code")
    name: str
    partners: list[PartnerCountry] = Field(
        description="the countries it shares events with, most events first (organisations and"
        " sides known only by name are left out)"
    )


class Timeline(BaseModel):
    ok: bool = True
    months: list[str] = Field(description="YYYY-MM, every month from the first to the last")
    series: dict[str, list[int]] = Field(description="event type -> events per month")
    by_status: dict[str, dict[str, list[int]]] = Field(
        description="status (occurred, planned, intended) -> event type -> events per month"
    )
    undated: int = Field(description="events with no date, left out of the series")


class ArticleHit(BaseModel):
    id: str
    title: str | None = None
    published: str | None = None
    snippet: str = Field(description="plain text around the hits")
    marks: list[list[int]] = Field(description="[start, end] of each hit in snippet")


class SearchResults(BaseModel):
    ok: bool = True
    q: str
    articles: list[ArticleHit]
    actors: list[Actor]
