"""Turn the inputs a user names into files, and a file's bytes into text.

An input is a file, a directory (read recursively, in sorted order, hidden entries skipped),
a glob pattern or an http(s) URL (fetched once, e.g. a feed). Bytes are decoded as UTF-8 (a
byte-order mark is honoured and dropped); text that is not UTF-8 is read as Windows-1251
when it is plainly Cyrillic, else as Windows-1252 / Latin-1.
Binary data is refused with an error that says so.
"""

from __future__ import annotations

import glob
import io
import os
import unicodedata
import urllib.error
import urllib.request
from pathlib import Path
from typing import BinaryIO

from diplograph.errors import UnreadableInputError

# Files a directory is searched for; other files in it (README.md, images) are left alone.
# A file named directly or matched by a glob is read whatever its name.
INPUT_SUFFIXES = frozenset(
    {"", ".txt", ".text", ".jsonl", ".ndjson", ".json", ".html", ".htm"}
    | {".xml", ".rss", ".atom", ".warc", ".csv", ".tsv"}
)
# Compressed files a directory is searched for: only web archives, not any ``.gz``.
INPUT_ENDINGS = (".warc.gz",)
URL_PREFIXES = ("http://", "https://")
# Seconds to wait for a server when an input is a URL.
FETCH_TIMEOUT = 30.0

_GLOB_CHARS = frozenset("*?[")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# More than this share of control characters (NUL and the like) means binary data.
_MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def expand_input(spec: str) -> list[str]:
    """The files one input names, in reading order.

    Raises ``UnreadableInputError`` (with ``source=spec``) when the input names no file.
    """
    if is_url(spec):
        return [spec]
    path = Path(spec)
    if path.is_dir():
        files = _files_under(spec)
        if not files:
            raise UnreadableInputError("directory holds no input files", source=spec)
        return files
    if path.is_file():
        return [spec]
    if _GLOB_CHARS & set(spec):
        return _glob_files(spec)
    if path.exists():
        raise UnreadableInputError("not a regular file or directory", source=spec)
    raise UnreadableInputError("no such file or directory", source=spec)


def _glob_files(pattern: str) -> list[str]:
    """The files a glob pattern matches; directories it matches are searched too."""
    files: list[str] = []
    for match in sorted(glob.glob(pattern, recursive=True)):
        if os.path.isdir(match):
            files.extend(_files_under(match))
        elif os.path.isfile(match):
            files.append(match)
    if not files:
        raise UnreadableInputError("no file matches this pattern", source=pattern)
    return files


def _files_under(directory: str) -> list[str]:
    """Input files below ``directory``, sorted by path, hidden files and folders skipped."""
    found: list[tuple[tuple[str, ...], str]] = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.startswith(".") or not _is_input_name(name):
                continue
            full = os.path.join(root, name)
            found.append((Path(os.path.relpath(full, directory)).parts, full))
    return [full for _, full in sorted(found)]


def _is_input_name(name: str) -> bool:
    """Whether a file found in a directory is read: by its suffix (``a.warc.gz`` too)."""
    lower = name.lower()
    return Path(lower).suffix in INPUT_SUFFIXES or lower.endswith(INPUT_ENDINGS)


def is_url(spec: str) -> bool:
    """Whether an input names an http(s) URL rather than a file."""
    return spec.lower().startswith(URL_PREFIXES)


def open_input(source: str) -> BinaryIO:
    """A seekable binary stream of one file or URL; ``UnreadableInputError`` on failure."""
    if is_url(source):
        return io.BytesIO(fetch_url(source))
    try:
        return open(source, "rb")  # the caller closes it
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UnreadableInputError(f"cannot read file: {reason}", source=source) from exc


def fetch_url(url: str, timeout: float = FETCH_TIMEOUT) -> bytes:
    """The body of an http(s) URL; ``UnreadableInputError`` naming the URL when it fails."""
    request = urllib.request.Request(url, headers={"User-Agent": "diplograph"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body: bytes = response.read()
    except urllib.error.HTTPError as exc:
        raise UnreadableInputError(f"cannot fetch URL: HTTP {exc.code}", source=url) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise UnreadableInputError(f"cannot fetch URL: {reason}", source=url) from exc
    return body


def read_text_file(path: str) -> str:
    """The decoded text of one file; ``UnreadableInputError`` when it cannot be read."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UnreadableInputError(f"cannot read file: {reason}", source=path) from exc
    return decode_bytes(data, source=path)


def decode_bytes(data: bytes, source: str | None = None) -> str:
    """Decode a file's bytes to text with ``\\n`` line ends, refusing binary data."""
    text = _decode(data, source)
    if _looks_binary(text):
        raise UnreadableInputError(
            "looks like binary data, not text (or UTF-16 without a byte-order mark)",
            source=source,
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, source: str | None) -> str:
    """Decode by byte-order mark, else as UTF-8, else as a single-byte Windows code page."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UnreadableInputError(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding}",
                    source=source,
                ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_single_byte(data)


def _decode_single_byte(data: bytes) -> str:
    """Windows-1251 when the non-ASCII bytes form Cyrillic words, else Windows-1252/Latin-1."""
    if _looks_cyrillic_cp1251(data):
        try:
            return data.decode("cp1251")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _looks_cyrillic_cp1251(data: bytes) -> bool:
    """Whether most high bytes sit next to another letter byte of the cp1251 Cyrillic block.

    Cyrillic text in cp1251 is whole words of bytes 0xC0-0xFF; Latin-1 text has isolated
    accented letters between ASCII ones.
    """
    high = [i for i, b in enumerate(data) if b >= 0x80]
    if not high:
        return False

    def letter(i: int) -> bool:
        return 0 <= i < len(data) and data[i] >= 0xC0

    paired = sum(1 for i in high if letter(i) and (letter(i - 1) or letter(i + 1)))
    return paired > len(high) / 2


def _looks_binary(text: str) -> bool:
    """Whether control characters (NUL and the like) make up too much of ``text``."""
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(
        1 for c in sample if c not in _ALLOWED_CONTROLS and unicodedata.category(c) == "Cc"
    )
    return controls > len(sample) * _MAX_CONTROL_SHARE
