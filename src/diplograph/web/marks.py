"""Article text as safe HTML with spans marked: event evidence in ``<mark>``, actor names as links.

Every piece of text is escaped with ``markupsafe.escape`` before any tag is put around it,
so an article can hold ``<script>`` or quotes and still come out as text. Spans are character
offsets into the text (the store's evidence offsets, or found by searching the text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise

from markupsafe import Markup, escape

# Only these become links; anything else (javascript:, data:, relative paths) stays text.
_EXTERNAL_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)

__all__ = ["Span", "external_url", "mark_text"]


@dataclass(frozen=True)
class Span:
    """A stretch of text to mark: ``evidence`` (in ``<mark>``) or ``actor`` (a link)."""

    start: int
    end: int
    kind: str
    href: str | None = None
    label: str | None = None


def external_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL that may become a link, else None."""
    if not url:
        return None
    url = url.strip()
    return url if _EXTERNAL_URL.match(url) else None


def _clean(text: str, spans: Iterable[Span]) -> tuple[list[Span], list[Span]]:
    """The evidence spans and the non-overlapping actor spans that fall inside ``text``."""
    inside = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    evidence = sorted((s for s in inside if s.kind == "evidence"), key=lambda s: s.start)
    actors: list[Span] = []
    for span in sorted(
        (s for s in inside if s.kind != "evidence"), key=lambda s: (s.start, s.start - s.end)
    ):
        if not actors or span.start >= actors[-1].end:
            actors.append(span)
    return evidence, actors


def _covering(spans: Sequence[Span], start: int) -> Span | None:
    return next((s for s in spans if s.start <= start < s.end), None)


def _actor_html(span: Span | None, inner: Markup) -> Markup:
    if span is None:
        return inner
    title = escape(span.label or "")
    if span.href:
        return Markup('<a class="actor" href="{}" title="{}">{}</a>').format(
            span.href, title, inner
        )
    return Markup('<span class="actor" title="{}">{}</span>').format(title, inner)


def _evidence_html(span: Span | None, inner: Markup) -> Markup:
    if span is None:
        return inner
    if span.href:
        return Markup('<mark class="evidence" data-event="{}">{}</mark>').format(
            span.label or "", inner
        )
    return Markup('<mark class="evidence">{}</mark>').format(inner)


def mark_text(text: str, spans: Iterable[Span]) -> Markup:
    """``text`` escaped, evidence spans wrapped in ``<mark>``, actor spans in links inside."""
    evidence, actors = _clean(text, spans)
    cuts = sorted({0, len(text)} | {p for s in (*evidence, *actors) for p in (s.start, s.end)})
    pieces = [(_covering(evidence, a), _covering(actors, a), a, b) for a, b in pairwise(cuts)]
    out: list[Markup] = []
    for ev, by_evidence in groupby(pieces, key=lambda p: p[0]):
        inner: list[Markup] = []
        for actor, by_actor in groupby(by_evidence, key=lambda p: p[1]):
            chunk = Markup("").join(escape(text[a:b]) for _, _, a, b in by_actor)
            inner.append(_actor_html(actor, chunk))
        out.append(_evidence_html(ev, Markup("").join(inner)))
    return Markup("").join(out)
