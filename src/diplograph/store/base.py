"""The interface every store backend implements; ``query`` and the CLI see only this.

A store keeps two layers: the *surface* rows, what each article says (its actors by written
name, its events), and the *resolved* layer derived from them by ``diplograph.resolve``:
one actor however articles spell it, one event however many articles report it. Every
save resolves what the new article touches; ``resolve`` re-runs it over the whole store.
Both give the same rows, so saving again or resolving again changes no row.

Rows come out as plain dicts (JSON-ready), never cursors or backend records:

- an event (a resolved event, listed once however many reports it has): ``id`` (its lead
  report's), ``article_id``, ``position``, ``type``, ``status``, ``date`` (as the article
  states it, or None), ``day`` (``date``, else the article's publication day: what
  ``since``/``until`` compare), ``place``, ``topics``, ``codes`` (or None), ``participants``
  (``actor_id``, ``entity_id`` (the resolved actor), ``kind``, ``name``, ``country``,
  ``org``, ``role``), ``evidence`` (``text``, ``start``, ``end``), ``article_title``,
  ``article_published``, ``article_url``, ``cluster_id``, ``num_sources`` (distinct
  outlets), ``num_articles``, ``num_reports`` and ``sources`` (each report: ``event_id``,
  ``article_id``, ``title``, ``url``, ``published``, ``outlet``, ``evidence`` sentences);
- an actor (resolved): ``id``, ``kind``, ``name``, ``country``, ``org``, ``acronym``,
  ``aliases`` (other names articles use for it), ``offices`` (``title``, ``country``,
  ``org``, ``first_seen``, ``last_seen``, ``articles``), ``articles`` and ``events`` (how
  many mention it / resolved events it is in); ``get_actor`` adds ``mentions`` (per
  article: ``article_id``, ``article_title``, ``article_published``, ``actor_id``, ``name``,
  ``names``, ``title``, ``country``, ``org``) and ``links`` (why they are one actor:
  ``rule``, ``names``, ``evidence``);
- an article: ``id``, ``source``, ``index``, ``title``, ``published``, ``url``, ``events``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import Any, TypeVar

from diplograph.models import Extraction

Row = dict[str, Any]
_S = TypeVar("_S", bound="Store")


class Store(ABC):
    """A database of extractions: written by ``save``, read by the ``find_*`` methods."""

    location: str

    def usable(self) -> bool:
        """Whether this open store can still be read (a server's connection can break)."""
        return True

    def writes(self) -> tuple[int, int] | None:
        """The database's identity and a number that changes whenever a save or resolve
        commits, cheap to read; None when the store keeps none (an SQLite file: its readers
        ask SQLite)."""
        return None

    @abstractmethod
    def save(self, extraction: Extraction) -> bool:
        """Store one article and what was read from it, all or nothing; True if it was new.

        Saving what is already stored changes no row. Saving a different extraction of a
        stored article (a newer extractor) replaces that article's actors, events and mentions.
        """

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Rows per table."""

    @abstractmethod
    def find_events(
        self,
        *,
        actor: str | None = None,
        actor_id: str | None = None,
        country: str | None = None,
        type: str | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Row]:
        """Resolved events matching every filter given, newest first (``query.EventFilter``);
        ``actor`` (a piece of a name), ``actor_id`` (a resolved actor's id) and ``country``
        hold when any report of the event matches."""

    @abstractmethod
    def get_event(self, event_id: str) -> Row | None:
        """One report with its participants, evidence and codes, and its event's counts and
        sources, or None."""

    @abstractmethod
    def count_events(
        self,
        *,
        actor: str | None = None,
        actor_id: str | None = None,
        country: str | None = None,
        type: str | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> int:
        """How many resolved events ``find_events`` lists with these filters and no limit."""

    @abstractmethod
    def find_actors(
        self,
        *,
        name: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        country: str | None = None,
        office: str | None = None,
        kinds: Sequence[str] | None = None,
    ) -> list[Row]:
        """Resolved actors whose name or any name an article gives them contains ``name``
        (folded, or by transliteration skeleton), whose country is ``country`` (ISO3), one
        of whose offices' titles contains ``office`` (case ignored) and whose kind is one of
        ``kinds``, busiest first."""

    @abstractmethod
    def count_actors(
        self,
        *,
        name: str | None = None,
        country: str | None = None,
        office: str | None = None,
        kinds: Sequence[str] | None = None,
    ) -> int:
        """How many resolved actors ``find_actors`` lists with these filters and no limit."""

    @abstractmethod
    def actors_named(self, names: Iterable[str]) -> dict[str, Row]:
        """For each of ``names`` that names a resolved actor, that actor (``id``, ``kind``,
        ``name``): an organisation by its acronym or name first, else any actor by its
        name; the first by id when several do."""

    @abstractmethod
    def get_actor(self, actor_id: str) -> Row | None:
        """One resolved actor, by its id or the id of a surface actor it holds, with its
        mentions and the reasons they were judged one actor; None when there is none."""

    @abstractmethod
    def resolve(self) -> dict[str, int]:
        """Resolve actors and events over the whole store again; returns what was found
        (``mentions``, ``actors``, ``reports``, ``events``, ``events_with_several_articles``)."""

    @abstractmethod
    def list_articles(self, *, limit: int | None = None, offset: int = 0) -> list[Row]:
        """Stored articles, newest first."""

    @abstractmethod
    def count_articles(self) -> int:
        """How many articles ``list_articles`` lists with no limit."""

    @abstractmethod
    def article_profiles(self) -> list[Row]:
        """Every article as ``related`` compares them: ``id``, ``title``, ``published``,
        ``text``, ``actors`` (resolved actor id -> name), ``events`` (resolved event id ->
        label) and ``topics`` (of its events)."""

    @abstractmethod
    def event_counts(self, by: str) -> dict[str, int]:
        """How many resolved events there are per value of ``by`` (``type`` or ``status``)."""

    @abstractmethod
    def partner_counts(self) -> list[Row]:
        """For each country and each other side of its events: ``country``, ``partner``, ``events``.

        A side is a participant's country (a person's resolved country when the article
        gives none), else its organisation, else its resolved name. Events are resolved.
        """

    @abstractmethod
    def country_counts(self) -> list[Row]:
        """Each country some resolved event has a side of: ``country`` (as stored, ISO3),
        ``events`` (as ``find_events(country=...)`` counts them); most events first."""

    @abstractmethod
    def event_days(self) -> Row:
        """The first and last ``day`` of the resolved events (``first``, ``last``; None
        when there is none)."""

    @abstractmethod
    def get_article(self, article_id: str) -> Row | None:
        """One article: ``id``, ``source``, ``index``, ``title``, ``published``, ``url``,
        ``text``, ``mentions`` (each name it gives an actor: ``actor_id``, ``entity_id``,
        ``kind``, ``name``, ``title``, ``country``, ``org``; longest name first) and
        ``events`` (its reports: ``id``, ``cluster_id``, ``type``, ``status``, ``date``,
        ``day``, ``place``, ``evidence`` with offsets in ``text``); None when there is none."""

    @abstractmethod
    def event_evidence(self, cluster_id: str) -> list[Row]:
        """Every evidence sentence of every report of a resolved event: ``event_id``,
        ``article_id``, ``text``, ``start``, ``end`` (offsets in that article's text)."""

    @abstractmethod
    def actor_partners(self, actor_id: str, *, limit: int | None = None) -> list[Row]:
        """Resolved actors sharing events with the resolved actor ``actor_id``: ``id``,
        ``name``, ``kind``, ``country``, ``events`` (shared), most shared first."""

    @abstractmethod
    def event_graph(self, level: str, *, limit: int | None = None, **filters: Any) -> Row:
        """The network of the events ``find_events(**filters)`` lists: ``nodes`` (``id``,
        ``label``, ``kind``, ``country``, ``events``), at most ``limit``, busiest first, and
        ``edges`` (``source``, ``target``, ``weight``) between them. ``level`` is ``actor``
        (resolved actors) or ``country`` (countries by ISO3, else organisations or actors)."""

    @abstractmethod
    def event_timeline(self, **filters: Any) -> list[Row]:
        """Events per month and type among those ``find_events(**filters)`` lists:
        ``month`` (``YYYY-MM``, None when undated), ``type``, ``events``."""

    @abstractmethod
    def search(self, text: str, *, limit: int = 20) -> Row:
        """Full-text search of article titles and text and actor names for the words of
        ``text`` (never read as query syntax): ``articles`` (``id``, ``title``,
        ``published``, ``snippet``, ``marks``) and ``actors`` (as ``find_actors``)."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection; the store cannot be used afterwards."""

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
