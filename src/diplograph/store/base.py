"""The interface every store backend implements; ``query`` and the CLI see only this.

Rows come out as plain dicts (JSON-ready), never cursors or backend records:

- an event: ``id``, ``article_id``, ``position``, ``type``, ``status``, ``date`` (as the
  article states it, or None), ``day`` (``date``, else the article's publication day: what
  ``since``/``until`` compare), ``place``, ``topics``, ``codes`` (or None), ``participants``
  (``actor_id``, ``kind``, ``name``, ``country``, ``org``, ``role``), ``evidence`` (``text``,
  ``start``, ``end``), ``article_title``, ``article_published``, ``article_url``;
- an actor: ``id``, ``kind``, ``name``, ``country``, ``org``, ``acronym``, ``aliases`` (other
  names articles use for it), ``articles`` and ``events`` (how many mention it / it is in);
- an article: ``id``, ``source``, ``index``, ``title``, ``published``, ``url``, ``events``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from types import TracebackType
from typing import Any, TypeVar

from diplograph.models import Extraction

Row = dict[str, Any]
_S = TypeVar("_S", bound="Store")


class Store(ABC):
    """A database of extractions: written by ``save``, read by the ``find_*`` methods."""

    location: str

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
        country: str | None = None,
        type: str | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Row]:
        """Events matching every filter given, newest first (see ``query.EventFilter``)."""

    @abstractmethod
    def get_event(self, event_id: str) -> Row | None:
        """One event with its participants, evidence and codes, or None."""

    @abstractmethod
    def find_actors(
        self, *, name: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Row]:
        """Actors whose name or any name an article gives them contains ``name``."""

    @abstractmethod
    def list_articles(self, *, limit: int | None = None, offset: int = 0) -> list[Row]:
        """Stored articles, newest first."""

    @abstractmethod
    def event_counts(self, by: str) -> dict[str, int]:
        """How many events there are per value of ``by`` (``type`` or ``status``)."""

    @abstractmethod
    def partner_counts(self) -> list[Row]:
        """For each country and each other side of its events: ``country``, ``partner``, ``events``.

        A side is a participant's country, else its organisation, else its name.
        """

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
