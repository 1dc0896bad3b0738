"""Inputs to articles: seed-style page dumps, JSON lines, HTML pages, plain text, RSS/Atom
feeds, web archives (WARC) and CSV.

``read_inputs(inputs, fmt=None, on_error=None)`` expands files, directories, glob patterns
and URLs (``files``), detects each file's format from its content (``detect``) and reads it
with that format's reader (``seed``, ``jsonl``, ``html``, ``text``, ``feed``, ``warc``,
``delimited`` for ``csv``).
"""

from __future__ import annotations

from diplograph.ingest.detect import FORMATS, detect_format
from diplograph.ingest.files import decode_bytes, expand_input
from diplograph.ingest.reader import read_bytes, read_inputs

__all__ = ["FORMATS", "decode_bytes", "detect_format", "expand_input", "read_bytes", "read_inputs"]
