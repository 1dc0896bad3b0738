"""HTTP for ``diplograph watch``: conditional GET, a politeness delay per host, a timeout on
every request, and retries with exponential backoff.

A request sends the ``ETag`` and ``Last-Modified`` a server gave last time
(``If-None-Match`` / ``If-Modified-Since``), so an unchanged feed costs a ``304 Not
Modified`` and no body. A body must arrive within the timeout too, however slowly it
trickles. Requests to one host (host and port) are at least ``delay`` seconds
apart, retries included. A connection failure, a timeout, ``408``, ``429`` and any ``5xx``
are tried again after ``backoff``, then twice that, and so on (a numeric ``Retry-After``
is honoured up to a minute); any other status fails at once.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from diplograph import __version__
from diplograph.errors import UnreadableInputError
from diplograph.ingest.reader import size_limit

USER_AGENT = f"diplograph/{__version__} (watch)"
TIMEOUT = 30.0
RETRIES = 2
BACKOFF = 1.0
DELAY = 1.0
# A server's Retry-After is honoured up to this many seconds, so one host cannot stall a round.
MAX_RETRY_AFTER = 60.0
_RETRY_STATUSES = frozenset({408, 429})
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Response:
    """What a GET brought: ``status`` 200 with a ``body``, or 304 with none."""

    status: int
    body: bytes
    etag: str | None
    last_modified: str | None
    tries: int


class _Retry(Exception):
    """One failed try that may succeed later: why, and how long the server asks to wait."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


class Fetcher:
    """GETs URLs politely; keeps, per host, when the last request to it ended."""

    def __init__(
        self,
        timeout: float = TIMEOUT,
        retries: int = RETRIES,
        backoff: float = BACKOFF,
        delay: float = DELAY,
        max_bytes: int | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.delay = delay
        self.max_bytes = size_limit(max_bytes)
        self._sleep = sleep
        self._clock = clock
        self._last: dict[str, float] = {}

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url``, conditionally when a validator is given; ``UnreadableInputError``
        naming the URL when every try failed."""
        headers = {"User-Agent": USER_AGENT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = urlsplit(url).netloc.lower()
        for attempt in range(self.retries + 1):
            self._wait_turn(host)
            try:
                return self._try(url, headers, attempt + 1)
            except _Retry as failure:
                if attempt == self.retries:
                    tries = f" after {attempt + 1} tries" if attempt else ""
                    raise UnreadableInputError(
                        f"cannot fetch: {failure.reason}{tries}", source=url
                    ) from None
                wait = self.backoff * 2**attempt
                if failure.wait is not None:
                    wait = max(wait, min(failure.wait, MAX_RETRY_AFTER))
                self._sleep(wait)
            finally:
                self._last[host] = self._clock()
        raise AssertionError("unreachable")  # the loop returns or raises

    def _wait_turn(self, host: str) -> None:
        """Sleep until ``delay`` seconds have passed since the last request to ``host`` ended."""
        last = self._last.get(host)
        if last is not None:
            left = last + self.delay - self._clock()
            if left > 0:
                self._sleep(left)

    def _try(self, url: str, headers: dict[str, str], tries: int) -> Response:
        """One GET; ``_Retry`` when it may succeed later, ``UnreadableInputError`` when not."""
        request = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = self._read_body(response)
                found = response.headers
        except urllib.error.HTTPError as exc:
            exc.close()  # its unread body holds the connection
            if exc.code == 304:
                return Response(304, b"", *_validators(exc.headers), tries)
            if exc.code >= 500 or exc.code in _RETRY_STATUSES:
                raise _Retry(f"HTTP {exc.code}", _retry_after(exc.headers)) from exc
            raise UnreadableInputError(f"cannot fetch: HTTP {exc.code}", source=url) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (OSError, TimeoutError)):
                raise _Retry(_reason(exc.reason)) from exc
            raise UnreadableInputError(f"cannot fetch: {exc.reason}", source=url) from exc
        except (OSError, http.client.HTTPException) as exc:  # a timeout or a cut while reading
            raise _Retry(_reason(exc)) from exc
        except ValueError as exc:  # not a URL urllib can open
            raise UnreadableInputError(f"cannot fetch: {exc}", source=url) from exc
        if len(body) > self.max_bytes:
            raise UnreadableInputError(
                f"the response is larger than the limit ({self.max_bytes:,} bytes)", source=url
            )
        return Response(200, body, *_validators(found), tries)

    def _read_body(self, response: http.client.HTTPResponse) -> bytes:
        """The body, up to one byte past ``max_bytes``, read within ``timeout`` seconds in all:
        the socket's timeout bounds each read, this bounds a server that sends a trickle."""
        deadline = self._clock() + self.timeout
        chunks: list[bytes] = []
        size = 0
        while size <= self.max_bytes:
            chunk = response.read1(min(_CHUNK, self.max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if self._clock() > deadline:
                raise TimeoutError("timed out")
        return b"".join(chunks)


def _validators(headers: Message | None) -> tuple[str | None, str | None]:
    """The ``ETag`` and ``Last-Modified`` of a response, None where absent."""
    if headers is None:
        return None, None
    return headers.get("ETag"), headers.get("Last-Modified")


def _retry_after(headers: Message | None) -> float | None:
    """A ``Retry-After`` given in seconds (a date is ignored: backoff applies)."""
    value = (headers.get("Retry-After") or "").strip() if headers is not None else ""
    return float(value) if value.isdigit() else None


def _reason(exc: BaseException) -> str:
    """A short reason for a network failure: ``timed out``, ``Connection refused`` ..."""
    if isinstance(exc, TimeoutError):
        return "timed out"
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return str(text)
