"""One round of ``diplograph watch``: every source fetched if new, read, extracted, stored.

Articles go the way ``diplograph ingest`` takes them (``ingest`` readers, then the
extractor, then ``Store.save``, which resolves what each new article touches). An article
whose content id is already stored is skipped before extraction, so a feed that gained one
entry costs one extraction, and nothing is stored twice. A source's failure (down, slow,
an error status, junk) is its result's error; the round goes on with the next source.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from diplograph.errors import DiplographError, UnknownFormatError, UnreadableInputError
from diplograph.ingest import decode_bytes, expand_input, read_bytes, read_inputs
from diplograph.ingest.detect import HEAD_BYTES, detect_binary_format, detect_format
from diplograph.ingest.files import is_url
from diplograph.models import Article
from diplograph.pipeline import extract_articles, make_extractor
from diplograph.store import Store
from diplograph.watch.fetch import Fetcher
from diplograph.watch.state import WatchState

_GLOB_CHARS = frozenset("*?[")


@dataclass
class SourceResult:
    """What one source gave in one round: articles stored, already stored, how, what failed."""

    source: str
    new: int = 0
    stored: int = 0
    status: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the source was read without any error."""
        return not self.errors

    def line(self) -> str:
        """One log line: ``SOURCE: 2 new, 5 already stored (HTTP 200)`` or its failure."""
        counts = f"{self.source}: {self.new} new, {self.stored} already stored"
        if self.ok:
            return f"{counts} ({self.status})"
        more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
        return f"{counts}; {self.errors[0]}{more}"

    def report(self, error: DiplographError) -> None:
        """Keep an error, without the source's name when it is this source's."""
        if error.source == self.source:
            self.errors.append(f"{error.message} [{error.code}]")
        else:
            self.errors.append(str(error))


class Watcher:
    """Runs rounds over ``sources`` into a store, keeping validators in ``state``."""

    def __init__(
        self,
        sources: Sequence[str],
        state: WatchState,
        fetcher: Fetcher | None = None,
        settings: Mapping[str, Any] | None = None,
        fmt: str | None = None,
        extractor: Any = None,
    ) -> None:
        """``settings`` configure the extractor made at the first new article, unless an
        ``extractor`` (an ``nlp.Extractor``, e.g. shared by several watchers) is given."""
        self.sources = list(sources)
        self.state = state
        self.fetcher = fetcher or Fetcher()
        self.settings = settings
        self.fmt = fmt
        self._extractor = extractor

    def run_round(
        self, store: Store, on_result: Callable[[SourceResult], None] | None = None
    ) -> list[SourceResult]:
        """Watch every source once; each result also goes to ``on_result`` as it comes."""
        results = []
        for source in self.sources:
            result = self.watch_source(source, store)
            self.state.save()
            if on_result is not None:
                on_result(result)
            results.append(result)
        return results

    def watch_source(self, source: str, store: Store) -> SourceResult:
        """Fetch and store what is new in one source; its failure goes into the result."""
        result = SourceResult(source)
        try:
            if is_url(source):
                self._watch_url(source, store, result)
            else:
                self._watch_path(source, store, result)
        except DiplographError as error:
            result.report(error)
        except Exception as exc:  # a watch outlives one source's surprise (a reader bug on junk)
            result.errors.append(f"unexpected {type(exc).__name__}: {exc}")
        return result

    def _watch_url(self, url: str, store: Store, result: SourceResult) -> None:
        """A feed or page: conditional GET, then its new articles stored."""
        known = self.state.http.get(url, {})
        response = self.fetcher.get(url, known.get("etag"), known.get("last_modified"))
        if response.status == 304:
            result.status = "HTTP 304 not modified"
            return
        digest = hashlib.sha256(response.body).hexdigest()
        seen = {"etag": response.etag, "last_modified": response.last_modified, "sha256": digest}
        if digest == known.get("sha256"):
            result.status = "HTTP 200, same content as last round"
        else:
            seen["format"] = fmt = self.fmt or _format_of(response.body, url, known.get("format"))
            articles = read_bytes(response.body, url, fmt, result.report)
            self._store_new(articles, store, result)
            result.status = f"HTTP {response.status}"
        if result.ok:
            kept = {**known, **seen} if seen.get("format") is None else seen
            self.state.http[url] = {name: value for name, value in kept.items() if value}

    def _watch_path(self, spec: str, store: Store, result: SourceResult) -> None:
        """A folder, file or glob: the files changed since last round read and stored."""
        try:
            files = expand_input(spec)
        except UnreadableInputError:
            if not (os.path.isdir(spec) or _GLOB_CHARS & set(spec)):
                raise  # a missing folder or file is a mistake; an empty inbox is not
            files = []
        changed = 0
        for path in files:
            key = os.path.abspath(path)
            stat = os.stat(path)
            signature = [stat.st_mtime_ns, stat.st_size]
            if self.state.files.get(key) == signature:
                continue
            changed += 1
            failed = len(result.errors)
            self._store_new(read_inputs([path], self.fmt, result.report), store, result)
            if len(result.errors) == failed:
                self.state.files[key] = signature
        result.status = f"{len(files)} files, {changed} changed"
        if os.path.isdir(spec):  # forget the files gone from the folder
            root = os.path.join(os.path.abspath(spec), "")
            present = {os.path.abspath(path) for path in files}
            for key in [k for k in self.state.files if k.startswith(root) and k not in present]:
                del self.state.files[key]

    def _store_new(self, articles: Iterable[Article], store: Store, result: SourceResult) -> None:
        """Extract and save the articles not yet stored; count both kinds."""

        def unseen() -> Iterator[Article]:
            for article in articles:
                if store.get_article(article.id) is not None:
                    result.stored += 1
                else:
                    yield article

        for extraction in extract_articles(unseen(), self, result.report):
            if store.save(extraction):
                result.new += 1
            else:
                result.stored += 1

    def extract(self, article: Article) -> Any:
        """What the extractor finds in ``article``; its models load at the first article, so
        a round with nothing new never loads them."""
        if self._extractor is None:
            self._extractor = make_extractor(self.settings)
        return self._extractor.extract(article)


def _format_of(body: bytes, url: str, before: str | None) -> str:
    """The format of a fetched body; ``UnknownFormatError`` when it is not the format the URL
    served before (a feed that answers with an HTML error page is not read as an article)."""
    fmt = detect_binary_format(body[:HEAD_BYTES]) or detect_format(decode_bytes(body, url), url)
    if before is not None and fmt != before:
        raise UnknownFormatError(
            f"answered {fmt}, not the {before} it served before; left unread "
            "(delete its entry in the watch state if it changed for good)",
            source=url,
        )
    return fmt
